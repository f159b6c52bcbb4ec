"""One rule for gongwen's cache folder, shared by the records (output) and the compiled
templates (wording)."""

from __future__ import annotations

from pathlib import Path

from gongwen.output.records import record_folder
from gongwen.source.cachefolder import cache_folder
from gongwen.wording.bytecode import cache_folder as template_folder


def test_both_caches_live_side_by_side_under_gongwen_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(tmp_path))
    assert record_folder() == tmp_path / "up-to-date"
    assert template_folder() == tmp_path / "templates"


def test_off_turns_both_off(monkeypatch):
    for value in ("off", "OFF", " 0 ", "none", ""):
        monkeypatch.setenv("GONGWEN_CACHE_DIR", value)
        assert record_folder() is None and template_folder() is None


def test_the_platform_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("GONGWEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder("templates") == tmp_path / "gongwen" / "templates"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert record_folder() == Path(tmp_path / "home" / ".cache" / "gongwen" / "up-to-date")
