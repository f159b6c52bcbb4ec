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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("grid,draft", VARIANTS)
def test_the_base_package_keeps_only_the_table_styles_a_document_uses(grid, draft):
    """python-docx's 100 table styles (335 KB of styles.xml) are dropped: a 公文 uses Table Grid
    (附件 lists) and the default table style; the rest of styles.xml is as python-docx made it."""
    from lxml import etree

    styles = etree.fromstring(members((SHIPPED / shipped_name(grid, draft)).read_bytes())["word/styles.xml"])
    tables = {s.get(f"{_W}styleId") for s in styles.iter(f"{_W}style") if s.get(f"{_W}type") == "table"}
    assert tables == {"TableNormal", "TableGrid"}
    assert len(list(styles.iter(f"{_W}lsdException"))) > 100  # Word's latent styles stay declared


@pytest.mark.parametrize("example", ["2021-sicheng-tongchuang-baogao", "2022-tongzhi-lianhe", "2022-jiyao-bangong"])
def test_every_style_an_example_names_is_defined(example, tmp_path):
    """No document, header or footer names a style the package does not define, and no style
    is based on, followed by or linked to a missing one (Word would fall back to 正文)."""
    from lxml import etree

    from conftest import EXAMPLES, run_cli

    target = tmp_path / "out.docx"
    assert run_cli(["build", str(EXAMPLES / f"{example}.yaml"), "-o", str(target)])[0] == 0
    parts = members(target.read_bytes())
    styles = etree.fromstring(parts["word/styles.xml"])
    defined = {s.get(f"{_W}styleId") for s in styles.iter(f"{_W}style")}
    named = set()
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
            tree = etree.fromstring(data)
            for tag in ("pStyle", "rStyle", "tblStyle"):
                named |= {e.get(f"{_W}val") for e in tree.iter(f"{_W}{tag}")}
    for tag in ("basedOn", "next", "link"):
        named |= {e.get(f"{_W}val") for e in styles.iter(f"{_W}{tag}")}
    assert named and named <= defined, named - defined


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
