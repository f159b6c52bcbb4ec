"""Compiled templates kept on disk between processes (wording/bytecode.py): used when they
match, never stale, and a damaged, foreign or unwritable cache only means compiling again.

Real files on disk. A "new process" is mostly a fresh Jinja environment (``make_environment``
forgets its environments and their compiled templates, as a new process starts without them);
the cases that need it run real processes, one after another or at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT, SEED_EXAMPLE
from docx import Document as read_docx

import gongwen
from gongwen.wording import bytecode
from gongwen.wording.sandbox import WordingSandbox, make_environment

TEMPLATE = '{% import "_common.j2" as 公共 %}\n【标题】{{ 标题 }}\n{{ 公共.主送(文档) }}\n【正文】{{ 正文段 }}\n'


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of this test only; every environment made afresh."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(folder))
    make_environment.cache_clear()
    yield folder / "templates"
    make_environment.cache_clear()


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The names of the templates Jinja's compiler compiles from now on."""
    names: list[str] = []
    original = WordingSandbox.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(WordingSandbox, "compile", counting)
    return names


def _compose(data: Path, template: Path | None = None) -> str:
    """The wording of a build in a fresh environment, as a new process would compose it."""
    make_environment.cache_clear()
    return "\n".join(b.text for b in gongwen.compose(gongwen.load(data), template))


def _template(folder: Path, words: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.j2"
    path.write_text(TEMPLATE.replace("{{ 正文段 }}", words), encoding="utf-8")
    return path


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.jbc"))


def test_a_new_process_uses_the_code_the_first_one_compiled(cache, compiled):
    first = _compose(SEED_EXAMPLE)
    assert set(compiled) == {"zongjie.j2", "_common.j2"} and len(_entries(cache)) == 2
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == first
    assert compiled == []


def test_an_edited_template_compiles_again_even_with_its_old_size_and_time(cache, compiled, write_yaml, tmp_path):
    data = write_yaml(MINIMAL)
    template = _template(tmp_path / "模板", "第一稿。")
    before = os.stat(template)
    assert "第一稿" in _compose(data, template)
    _template(tmp_path / "模板", "第二稿。")
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    compiled.clear()
    wording = _compose(data, template)
    assert "第二稿" in wording and "第一稿" not in wording
    assert compiled == ["mine.j2"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the code flipped
        lambda data: b"\x80\x04\x95 a pickle, or anything else" * 10,
        lambda data: data[:100] + os.urandom(len(data) - 100),
    ],
    ids=["empty", "truncated", "bit-flip", "foreign", "random"],
)
def test_a_damaged_entry_is_compiled_again_and_replaced(cache, compiled, damage):
    expected = _compose(SEED_EXAMPLE)
    for entry in _entries(cache):
        entry.write_bytes(damage(entry.read_bytes()))
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == expected
    assert set(compiled) == {"zongjie.j2", "_common.j2"}
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == expected and compiled == []  # rewritten whole


def test_an_entry_others_may_write_is_not_run(cache, compiled):
    expected = _compose(SEED_EXAMPLE)
    for entry in _entries(cache):
        entry.chmod(0o666)
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == expected
    assert set(compiled) == {"zongjie.j2", "_common.j2"}


def test_an_entry_of_another_template_is_not_used(cache, compiled):
    """Each file holds its own key: a file renamed to another template's name is a miss."""
    expected = _compose(SEED_EXAMPLE)
    first, second = _entries(cache)
    first.write_bytes(second.read_bytes())
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == expected
    assert len(compiled) == 1


def test_no_cache_is_read_or_written_when_turned_off(tmp_path, monkeypatch, compiled):
    monkeypatch.setenv("GONGWEN_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    expected = _compose(SEED_EXAMPLE)
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == expected
    assert set(compiled) == {"zongjie.j2", "_common.j2"}
    assert not (tmp_path / "xdg").exists()
    make_environment.cache_clear()


def test_a_cache_folder_that_cannot_be_made_only_means_compiling(tmp_path, monkeypatch, compiled):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(blocker / "cache"))
    expected = _compose(SEED_EXAMPLE)
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == expected and len(compiled) == 2
    make_environment.cache_clear()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes a read-only folder")
def test_a_read_only_cache_folder_only_means_compiling(cache, compiled):
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        expected = _compose(SEED_EXAMPLE)
        compiled.clear()
        assert _compose(SEED_EXAMPLE) == expected and len(compiled) == 2
        assert _entries(cache) == []
    finally:
        cache.chmod(0o700)


def test_a_cache_that_refuses_writing_only_means_compiling(cache, compiled, monkeypatch):
    """What a read-only folder does for a user who is not root (the test above)."""

    def refused(folder, name, data):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(bytecode, "_write_atomically", refused)
    expected = _compose(SEED_EXAMPLE)
    compiled.clear()
    assert _compose(SEED_EXAMPLE) == expected and len(compiled) == 2


def test_the_folder_keeps_at_most_its_limit_and_drops_dead_temporaries(cache, monkeypatch, write_yaml, tmp_path):
    monkeypatch.setattr(bytecode, "MAX_ENTRIES", 5)
    cache.mkdir(parents=True)
    dead = cache / ".x.jbc.123.abcd.tmp"
    dead.write_bytes(b"left by a build that died")
    os.utime(dead, (1, 1))
    data = write_yaml(MINIMAL)
    for number in range(8):
        _compose(data, _template(tmp_path / f"模板{number}", f"第{number}稿。"))
    assert len(_entries(cache)) == 5 and not dead.exists()


def test_the_key_covers_the_sandbox_and_the_environment(tmp_path):
    environment = make_environment((tmp_path,))
    sandbox = Path(bytecode.__file__).with_name("sandbox.py")
    edited = tmp_path / "sandbox.py"
    edited.write_bytes(sandbox.read_bytes() + b"\n# changed\n")
    salt = bytecode.environment_salt(environment, (sandbox,))
    assert bytecode.environment_salt(environment, (edited,)) != salt
    other = WordingSandbox(trim_blocks=False, lstrip_blocks=True, keep_trailing_newline=True)
    assert bytecode.environment_salt(other, (sandbox,)) != salt


# --- real processes -------------------------------------------------------------------------

_SCRIPT = """\
import json, sys
from gongwen.wording.sandbox import WordingSandbox
compiled, original = [], WordingSandbox.compile
WordingSandbox.compile = lambda self, source, name=None, *a, **k: compiled.append(name) or original(self, source, name, *a, **k)
import gongwen
result = gongwen.build(sys.argv[1], sys.argv[2], template=sys.argv[3] or None)
print(json.dumps({"compiled": compiled, "docx": result.docx.read_bytes().hex()}))
"""


def _process(cache: Path, data: Path, output: Path, template: Path | None = None) -> subprocess.Popen:
    environment = dict(os.environ, GONGWEN_CACHE_DIR=str(cache.parent))
    arguments = [sys.executable, "-c", _SCRIPT, str(data), str(output), str(template or "")]
    return subprocess.Popen(arguments, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _result(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    return json.loads(out)


def test_an_edited_template_between_two_processes_gives_the_new_wording(cache, write_yaml, tmp_path):
    data = write_yaml(MINIMAL)
    template = _template(tmp_path / "模板", "第一稿。")
    first = _result(_process(cache, data, tmp_path / "first.docx", template))
    before = os.stat(template)
    _template(tmp_path / "模板", "第二稿。")
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = _result(_process(cache, data, tmp_path / "second.docx", template))
    assert first["compiled"] == ["mine.j2", "_common.j2"] and second["compiled"] == ["mine.j2"]
    paragraphs = [p.text for p in read_docx(str(tmp_path / "second.docx")).paragraphs]
    assert "第二稿。" in paragraphs and "第一稿。" not in paragraphs


def test_concurrent_builds_share_the_cache_and_give_the_same_bytes(cache, tmp_path):
    uncached = tmp_path / "uncached"
    off = _result(_process(uncached, SEED_EXAMPLE, tmp_path / "off.docx"))
    processes = [_process(cache, SEED_EXAMPLE, tmp_path / f"c{n}.docx") for n in range(4)]
    results = [_result(process) for process in processes]
    later = _result(_process(cache, SEED_EXAMPLE, tmp_path / "later.docx"))
    assert {result["docx"] for result in [*results, later]} == {off["docx"]}
    assert later["compiled"] == [] and len(_entries(cache)) == 2
    assert not list(cache.glob("*.tmp"))
