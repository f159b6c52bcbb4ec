"""``word/fontTable.xml``: every font the 公文 uses, described so Word and WPS degrade well.

python-docx's template lists Calibri, Cambria, two Japanese fonts and others a 公文 never
uses, and none of the Chinese ones. Word and WPS read this table when a named font is not
installed: ``w:altName`` names the font to use instead, and charset, panose, family, pitch
and the Unicode/code-page signature (``w:sig``) guide their own substitution when the
alternative is missing too. The values are those Word and WPS write for the real fonts
(panose and signature come from the fonts' OS/2 tables); for 方正小标宋简体, whose family and
pitch the files seen disagree on, ``auto``/``default`` say "unknown" rather than guess.

Fallbacks, to fonts Windows 10/11 (Chinese) ships:

- 仿宋_GB2312 → 仿宋 and 楷体_GB2312 → 楷体: the same 仿宋/楷体 faces re-encoded for GBK;
  Windows since Vista has only these, so without the hint Word falls back to 宋体.
- 方正小标宋简体 → 宋体: no 小标宋 ships with Windows. 宋体 is the one Song (明体) face on
  every Chinese Windows; 华文中宋 is closer in weight but only comes with some versions of
  Microsoft Office, so a fallback to it would often fall back again, to whatever Word picks.
- 黑体 and 宋体 ship with Windows; their ``altName`` is the English family name, as Word
  writes it, so an English-language system finds them too (SimHei, SimSun).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument

from gongwen.docx import layout
from gongwen.docx.xmltext import quoteattr

FONT_TABLE_PART = "/word/fontTable.xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GB2312_CHARSET = "86"  # ANSI charset 134 (GB2312_CHARSET) in hexadecimal, as w:charset wants


@dataclass(frozen=True)
class FontEntry:
    """One ``w:font``: the CT_Font children Word writes, in schema order."""

    name: str
    alt_name: str | None
    panose: str  # 10 bytes, hex
    charset: str  # hex byte
    family: str  # ST_FontFamily: roman, swiss, modern, script, decorative, auto
    pitch: str  # ST_Pitch: fixed, variable, default
    sig: tuple[str, str, str, str, str, str]  # usb0..usb3 (Unicode ranges), csb0, csb1 (code pages)


# Signatures: usb0..3 = OS/2 ulUnicodeRange1..4, csb0..1 = ulCodePageRange1..2.
_GB2312_SIG = ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")
_WINDOWS_CJK_SIG = ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")

FONTS: tuple[FontEntry, ...] = (
    FontEntry(
        layout.FONT_LATIN,
        None,
        "02020603050405020304",
        "00",
        "roman",
        "variable",
        ("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000"),
    ),
    FontEntry(
        layout.FONT_PAGE_NUMBER,
        "SimSun",
        "02010600030101010101",
        GB2312_CHARSET,
        "auto",
        "variable",
        ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000"),
    ),
    FontEntry(
        layout.FONT_LEVEL1, "SimHei", "02010609060101010101", GB2312_CHARSET, "modern", "fixed", _WINDOWS_CJK_SIG
    ),
    FontEntry(layout.FONT_BODY, "仿宋", "02010609030101010101", GB2312_CHARSET, "modern", "fixed", _GB2312_SIG),
    FontEntry(layout.FONT_LEVEL2, "楷体", "02010609030101010101", GB2312_CHARSET, "modern", "fixed", _GB2312_SIG),
    FontEntry(
        layout.FONT_TITLE,
        "宋体",
        "03000509000000000000",
        GB2312_CHARSET,
        "auto",
        "default",
        ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000"),
    ),
    # The fallbacks themselves, so a machine that has them is told what they are.
    FontEntry("仿宋", "FangSong", "02010609060101010101", GB2312_CHARSET, "modern", "fixed", _WINDOWS_CJK_SIG),
    FontEntry("楷体", "KaiTi", "02010609060101010101", GB2312_CHARSET, "modern", "fixed", _WINDOWS_CJK_SIG),
)

_SIG_ATTRIBUTES = ("usb0", "usb1", "usb2", "usb3", "csb0", "csb1")


def font_table_xml() -> bytes:
    """The whole part, one ``w:font`` per entry of ``FONTS``."""
    lines = [
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
        f'<w:fonts xmlns:w="{_W}">',
    ]
    for font in FONTS:
        lines.append(f"  <w:font w:name={quoteattr(font.name)}>")
        if font.alt_name:
            lines.append(f"    <w:altName w:val={quoteattr(font.alt_name)}/>")
        lines.append(f'    <w:panose1 w:val="{font.panose}"/>')
        lines.append(f'    <w:charset w:val="{font.charset}"/>')
        lines.append(f'    <w:family w:val="{font.family}"/>')
        lines.append(f'    <w:pitch w:val="{font.pitch}"/>')
        sig = " ".join(f'w:{name}="{value}"' for name, value in zip(_SIG_ATTRIBUTES, font.sig))
        lines.append(f"    <w:sig {sig}/>")
        lines.append("  </w:font>")
    lines.append("</w:fonts>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def replace_font_table(document: DocxDocument) -> None:
    """Swap python-docx's template font table for gongwen's."""
    for part in document.part.package.iter_parts():
        if part.partname == FONT_TABLE_PART:
            part._blob = font_table_xml()  # a plain Part: python-docx saves its blob as it is
            return
    raise RuntimeError("python-docx template without word/fontTable.xml")
