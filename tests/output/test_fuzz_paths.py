"""Odd output and input names never give a traceback and never touch the input (issue 9).

Hypothesis picks names a careless clerk or an attacker might type: Chinese, emoji, spaces,
dots, control characters, Windows-reserved characters, names over 255 bytes, ``..``, names
ending in another format's suffix. Each build either succeeds inside the test folder or exits
1/2 with a Chinese message; the data file is never changed.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, run_cli

NAME_CHARACTERS = st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",))
SUFFIXES = st.sampled_from(["", ".docx", ".txt", ".md", ".yaml", ".pdf", ".DOCX", ".", "..", ".blocks"])
NAMES = st.builds(lambda stem, suffix: stem + suffix, st.text(NAME_CHARACTERS, min_size=1, max_size=100), SUFFIXES)
FORMATS = st.lists(st.sampled_from(["docx", "txt", "md", "blocks"]), min_size=1, max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, formats=FORMATS, force=st.booleans())
def test_odd_output_names(name, formats, force):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        work = root / "work"
        work.mkdir()
        source = work / "数据.yaml"
        source.write_text(MINIMAL, encoding="utf-8")
        before = hashlib.sha256(source.read_bytes()).digest()
        args = ["build", str(source), "-o", str(work / name)] + [a for f in formats for a in ("--to", f)]
        code, output = run_cli(args + (["--force"] if force else []))
        assert code in (0, 1, 2), output
        assert "Traceback" not in output
        if code:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in output), output
        assert hashlib.sha256(source.read_bytes()).digest() == before
        assert not [p for p in root.parent.glob(f"{root.name}*") if p != root]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_odd_input_names(name):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / name
        try:
            source.write_text(MINIMAL, encoding="utf-8")
        except OSError:
            pass  # a name the OS refuses: gongwen must still answer in Chinese
        for command in (["build", str(source)], ["check", str(source)]):
            code, output = run_cli(command)
            assert code in (0, 1, 2) and "Traceback" not in output, output
