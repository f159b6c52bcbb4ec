"""``gongwen.version.__version__`` is a literal (reading the distribution's metadata cost every
command 20–30 ms at start-up): it must stay equal to pyproject.toml's version and to what the
installed distribution says."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from gongwen.version import DISTRIBUTION, __version__

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_version_literal_equals_pyproject():
    project = PYPROJECT.read_text(encoding="utf-8").split("[project]", 1)[1].split("\n[", 1)[0]
    assert re.search(r'^version\s*=\s*"([^"]+)"', project, re.M).group(1) == __version__


def test_version_literal_equals_installed_metadata():
    try:
        installed = version(DISTRIBUTION)
    except PackageNotFoundError:
        pytest.skip("gongwen is not installed in this interpreter")
    assert installed == __version__


def test_startup_does_not_import_importlib_metadata():
    code = "import sys, gongwen.cli; print('importlib.metadata' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
