"""Compiled templates are reused across builds in one process, but never once stale.

A clerk edits a template between two builds (a batch, an editor plugin, a server): the next
build must print the new wording and record the files it read. Real files on disk, real
builds; the Jinja environment and its cache stay alive between them as they do in a process.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import MINIMAL
from docx import Document as read_docx

import gongwen
from gongwen.wording.sandbox import TEMPLATES_READ

# A clerk's template that uses a shared macro of the built-in ``_common.j2`` (主送 prints the 主送机关).
MAIN = '{% import "_common.j2" as 公共 %}\n【标题】{{ 标题 }}\n{{ 公共.主送(文档) }}\n【正文】正文。\n'


def _text(docx: Path) -> str:
    return "\n".join(p.text for p in read_docx(str(docx)).paragraphs)


def _build(data: Path, template: Path, name: str) -> str:
    result = gongwen.build(data, data.parent / f"{name}.docx", template=template)
    return _text(result.docx)


def _wording(data: Path, template: Path) -> tuple[str, set[str]]:
    """The composed text, and the template files the composition read."""
    token = TEMPLATES_READ.set(set())
    try:
        blocks = gongwen.compose(gongwen.load(data), template)
        return "\n".join(b.text for b in blocks), TEMPLATES_READ.get()
    finally:
        TEMPLATES_READ.reset(token)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_edited_template_gives_the_new_wording_in_the_next_build(write_yaml, tmp_path):
    data = write_yaml(MINIMAL)
    template = _write(tmp_path / "模板" / "mine.j2", "【标题】{{ 标题 }}\n【正文】第一稿的措辞。\n")
    assert "第一稿的措辞" in _build(data, template, "first")
    _write(template, "【标题】{{ 标题 }}\n【正文】改过以后的措辞。\n")
    second = _build(data, template, "second")
    assert "改过以后的措辞" in second and "第一稿" not in second


def test_an_edit_that_keeps_the_modification_time_is_still_seen(write_yaml, tmp_path):
    """A copy that keeps the times (cp -p, an unzip, a sync tool) replaces the file's contents
    while its modification time stays what it was."""
    data = write_yaml(MINIMAL)
    template = _write(tmp_path / "模板" / "mine.j2", "【标题】{{ 标题 }}\n【正文】旧的措辞。\n")
    before = os.stat(template)
    assert "旧的措辞" in _wording(data, template)[0]
    _write(template, "【标题】{{ 标题 }}\n【正文】新换上的一段措辞。\n")
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "新换上的一段措辞" in _wording(data, template)[0]


def test_an_edited_include_in_the_clerks_folder_is_seen(write_yaml, tmp_path):
    data = write_yaml(MINIMAL)
    folder = tmp_path / "模板"
    template = _write(folder / "mine.j2", '【标题】{{ 标题 }}\n【正文】{% include "part.j2" %}\n')
    part = _write(folder / "part.j2", "引用的第一稿。")
    assert "引用的第一稿" in _build(data, template, "first")
    _write(part, "引用的第二稿，长一些。")
    assert "引用的第二稿" in _build(data, template, "second")


def test_a_file_added_to_the_clerks_folder_overrides_the_builtin_one_at_once(write_yaml, tmp_path):
    """``_common.j2`` is found in the built-in folder until the clerk puts one beside the
    template: from then on that one is read (and recorded as read), with no restart."""
    data = write_yaml(MINIMAL)
    folder = tmp_path / "模板"
    template = _write(folder / "mine.j2", MAIN)
    builtin_common = Path(gongwen.wording.composer.builtin_template_dir()) / "_common.j2"
    text, read = _wording(data, template)
    assert str(builtin_common) in read
    own = _write(folder / "_common.j2", "{% macro 主送(文档) %}【正文】本单位自己的公共宏。{% endmacro %}\n")
    text, read = _wording(data, template)
    assert "本单位自己的公共宏" in text
    assert str(own) in read and str(builtin_common) not in read
    own.unlink()  # and back to the built-in one when it is removed
    text, read = _wording(data, template)
    assert "本单位自己的公共宏" not in text and str(builtin_common) in read


def test_a_different_folder_with_the_same_names_gives_its_own_wording(write_yaml, tmp_path):
    data = write_yaml(MINIMAL)
    first = _write(tmp_path / "甲" / "mine.j2", "【标题】{{ 标题 }}\n【正文】甲单位的措辞。\n")
    second = _write(tmp_path / "乙" / "mine.j2", "【标题】{{ 标题 }}\n【正文】乙单位的措辞。\n")
    assert "甲单位的措辞" in _build(data, first, "first")
    assert "乙单位的措辞" in _build(data, second, "second")
    assert "甲单位的措辞" in _build(data, first, "third")


def test_a_folder_replaced_under_the_same_name_is_read_again(write_yaml, tmp_path):
    """The folder deleted and written again (a checkout, an unpacked copy) at the same path."""
    data = write_yaml(MINIMAL)
    folder = tmp_path / "模板"
    template = _write(folder / "mine.j2", '【标题】{{ 标题 }}\n【正文】{% include "part.j2" %}\n')
    part = _write(folder / "part.j2", "原来的文件夹。")
    stamp = os.stat(part)
    assert "原来的文件夹" in _wording(data, template)[0]
    part.unlink()
    template.unlink()
    folder.rmdir()
    template = _write(folder / "mine.j2", '【标题】{{ 标题 }}\n【正文】{% include "part.j2" %}\n')
    part = _write(folder / "part.j2", "重新放进来的文件夹。")
    os.utime(part, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert "重新放进来的文件夹" in _wording(data, template)[0]
