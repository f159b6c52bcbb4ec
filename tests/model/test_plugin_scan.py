"""pydantic's plugin loader is stood in for only when plugins are off, and the stand-in answers
exactly what pydantic's own loader answers then (gongwen/model/plugins.py)."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic.plugin import _loader, _schema_validator

from gongwen.model.plugins import DISABLED, LOADER

SEED = str(Path(__file__).resolve().parents[2] / "data" / "examples" / "2021-sicheng-tongchuang.yaml")

_PROBE = f"""
import json, sys
from gongwen.figures import document_from
from gongwen.source.reading import load_file
document = document_from(load_file({SEED!r}))
loader = sys.modules.get({LOADER!r})
print(json.dumps({{
    "title": document.display_title,
    "metadata imported": "importlib.metadata" in sys.modules,
    "loader": getattr(loader, "__doc__", "") or "",
}}))
"""


def _probe(**env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | env
    done = subprocess.run([sys.executable, "-c", _PROBE], env=environment, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_plugins_off_builds_without_importing_package_metadata():
    found = _probe(PYDANTIC_DISABLE_PLUGINS="__all__")
    assert found["title"] and not found["metadata imported"]
    assert found["loader"].startswith("gongwen's stand-in")


def test_plugins_on_keep_pydantic_loader():
    found = _probe()
    assert found["title"] == _probe(PYDANTIC_DISABLE_PLUGINS="__all__")["title"]
    assert not found["loader"].startswith("gongwen's stand-in")


@pytest.mark.parametrize("value", DISABLED)
def test_pydantic_loader_returns_no_plugins_when_disabled(monkeypatch, value):
    """The stand-in's ``()`` is what pydantic's own loader returns for each of these values."""
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
    assert tuple(_loader.get_plugins()) == ()


def test_pydantic_asks_the_loader_for_get_plugins_only():
    """If pydantic ever needs more of its loader, the stand-in must learn it: this says so."""
    source = inspect.getsource(_schema_validator)
    uses = [line.strip() for line in source.splitlines() if "_loader" in line]
    assert uses == ["from ._loader import get_plugins"]
