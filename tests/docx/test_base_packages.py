"""The base packages shipped in gongwen/docx/base are what ``build_base_package`` builds today.

When styles, page set-up or footers change, regenerate them (and commit the files):

    .venv/bin/python tests/docx/test_base_packages.py
"""

from __future__ import annotations

import io
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from gongwen.docx.basepackage import GRIDS, build_base_package, shipped_name

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "gongwen" / "docx" / "base"
VARIANTS = [(grid, draft) for grid in GRIDS for draft in (False, True)]


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("grid,draft", VARIANTS)
def test_the_shipped_base_package_is_current(grid, draft):
    shipped = (SHIPPED / shipped_name(grid, draft)).read_bytes()
    built = build_base_package(grid, draft)
    assert members(shipped) == members(built), (
        f"{shipped_name(grid, draft)} is out of date: run .venv/bin/python tests/docx/test_base_packages.py"
    )
    assert shipped == built  # and zipped reproducibly


@pytest.mark.parametrize("grid,draft", VARIANTS)
def test_the_installed_package_finds_its_base_package(grid, draft):
    """Read through importlib.resources, as an installed wheel reads it (tests/test_wheel.py
    checks that the wheel holds the files)."""
    assert (resources.files("gongwen.docx") / "base" / shipped_name(grid, draft)).is_file()


def test_a_missing_shipped_file_is_built_instead(monkeypatch):
    from gongwen.docx import basepackage

    monkeypatch.setattr(basepackage, "shipped_name", lambda grid, draft: "no-such-base.docx")
    basepackage.base_package.cache_clear()
    try:
        assert basepackage.base_package("portable", True) == build_base_package("portable", True)
    finally:
        basepackage.base_package.cache_clear()


def regenerate() -> None:
    SHIPPED.mkdir(exist_ok=True)
    for grid, draft in VARIANTS:
        (SHIPPED / shipped_name(grid, draft)).write_bytes(build_base_package(grid, draft))
        print("wrote", SHIPPED / shipped_name(grid, draft))


if __name__ == "__main__":
    regenerate()
    sys.exit(0)
