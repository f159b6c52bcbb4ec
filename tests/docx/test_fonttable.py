"""``word/fontTable.xml`` read back from built documents (issue 13: fonts that degrade well)."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from gongwen.docx import layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def font_table(docx) -> dict[str, dict[str, object]]:
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/fontTable.xml"))
    table = {}
    for font in root.iter(_w("font")):
        entry: dict[str, object] = {"order": [etree.QName(child).localname for child in font]}
        for child in font:
            name = etree.QName(child).localname
            entry[name] = dict(child.attrib) if name == "sig" else child.get(_w("val"))
        table[font.get(_w("name"))] = entry
    return table


def fonts_named(docx) -> set[str]:
    """Every font a run, paragraph mark or style of the document names."""
    names: set[str] = set()
    with zipfile.ZipFile(docx) as package:
        for part in package.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", part):
                root = etree.fromstring(package.read(part))
                names |= {v for f in root.iter(_w("rFonts")) for k, v in f.attrib.items() if not k.endswith("hint")}
        styles = etree.fromstring(package.read("word/styles.xml"))
    used = [styles.find(_w("docDefaults"))]
    used += [s for s in styles.iter(_w("style")) if s.get(_w("styleId"), "").startswith("Gw")]
    used += [s for s in styles.iter(_w("style")) if s.get(_w("styleId")) in ("Normal", "Header", "Footer")]
    for element in used:
        names |= {v for f in element.iter(_w("rFonts")) for k, v in f.attrib.items() if not k.endswith("hint")}
    return names


@pytest.fixture(scope="module")
def masthead_docx(built_examples):
    return built_examples["2022-tongzhi-lianhe"]


def test_every_font_the_document_uses_is_declared(built_examples):
    for docx in built_examples.values():
        table = font_table(docx)
        assert fonts_named(docx) <= set(table), docx.name


def test_the_table_holds_the_fonts_of_a_gongwen_and_nothing_else(seed_docx):
    assert list(font_table(seed_docx)) == [
        "Times New Roman",
        "宋体",
        "黑体",
        "仿宋_GB2312",
        "楷体_GB2312",
        "方正小标宋简体",
        "仿宋",
        "楷体",
    ]


def test_chinese_fonts_have_the_gb2312_charset_and_windows_fallbacks(seed_docx):
    table = font_table(seed_docx)
    fallbacks = {
        layout.FONT_BODY: "仿宋",  # not 宋体: a machine without 仿宋_GB2312 still shows 仿宋
        layout.FONT_LEVEL2: "楷体",
        layout.FONT_TITLE: "宋体",
        layout.FONT_LEVEL1: "SimHei",
        layout.FONT_PAGE_NUMBER: "SimSun",
        "仿宋": "FangSong",
        "楷体": "KaiTi",
    }
    for name, alternative in fallbacks.items():
        assert table[name]["altName"] == alternative, name
        assert table[name]["charset"] == "86", name
    assert table["Times New Roman"]["charset"] == "00"
    assert "altName" not in table["Times New Roman"]


def test_descriptors_are_those_of_the_real_fonts(seed_docx):
    table = font_table(seed_docx)
    assert table["仿宋_GB2312"]["panose1"] == table["楷体_GB2312"]["panose1"] == "02010609030101010101"
    assert table["黑体"]["panose1"] == table["仿宋"]["panose1"] == "02010609060101010101"
    assert table["宋体"]["panose1"] == "02010600030101010101"
    assert table["方正小标宋简体"]["panose1"] == "03000509000000000000"
    assert table["Times New Roman"]["panose1"] == "02020603050405020304"
    assert table["仿宋_GB2312"]["family"] == "modern" and table["仿宋_GB2312"]["pitch"] == "fixed"
    assert table["Times New Roman"]["family"] == "roman"
    for name, entry in table.items():
        sig = entry["sig"]
        assert len(sig) == 6 and all(re.fullmatch(r"[0-9A-F]{8}", v) for v in sig.values()), name
        chinese = entry["charset"] == "86"
        # Code page bit 18 (0x00040000) is "Chinese: Simplified chars—PRC and Singapore".
        assert bool(int(sig[_w("csb0")], 16) & 0x00040000) == chinese, name
        assert entry["order"] == [
            n for n in ("altName", "panose1", "charset", "family", "pitch", "sig") if n in entry["order"]
        ], name  # CT_Font's sequence


def test_the_joint_masthead_and_the_draft_use_only_declared_fonts(masthead_docx, tmp_path):
    from conftest import EXAMPLES, run_cli

    draft = tmp_path / "draft.docx"
    code, output = run_cli(["build", str(EXAMPLES / "2022-qingshi-bokuan.yaml"), "-o", str(draft), "--draft"])
    assert code == 0, output
    for docx in (masthead_docx, draft):
        assert fonts_named(docx) <= set(font_table(docx))
