"""The font doctor behind ``gongwen fonts``: what each role asks for, what gets drawn.

For every role (标题, 正文, 一级标题 …) it asks ``fc-match``, under the same fontconfig
configuration PDF conversion uses, which font this machine would draw, and classifies it:
原字体 (the font the document names, or a real variant of it), 替代字体 (another font
that has the glyphs) or 缺失 (nothing that can draw the role's text).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from gongwen.pdf import fontmap
from gongwen.errors import GongwenError
from gongwen.pdf.fontmap import MISSING, ORIGINAL, ROLES, STAND_IN, Role

_FC_MISSING = "未找到 fc-match（fontconfig），无法检查字体。请安装：apt-get install fontconfig"


@dataclass(frozen=True)
class FontRow:
    """One line of the report."""

    role: str
    requested: str
    family: str
    style: str
    file: str
    status: str
    recommended: bool = False

    @property
    def drawn(self) -> str:
        if not self.family:
            return "（无）"
        style = "" if self.style in ("", "Regular", "Book") else f" {self.style}"
        return f"{self.family}{style}"


@dataclass(frozen=True)
class _Match:
    families: tuple[str, ...]
    style: str
    file: str
    charset: str


def _escape_family(name: str) -> str:
    """fc-match reads '-' as a size and ':' ',' as separators, so escape them."""
    return "".join("\\" + c if c in "\\-:," else c for c in name)


def _fc_match(role: Role, env: dict[str, str]) -> _Match:
    # Ask with the text's language, as LibreOffice does, so a fallback is a font for it.
    pattern = _escape_family(role.requested) + (":lang=zh-cn" if role.cjk else "")
    fmt = "%{family}\t%{style[0]}\t%{file}\t%{charset}"
    out = subprocess.run(["fc-match", "-f", fmt, pattern], env=env, capture_output=True, text=True, check=False).stdout
    family, style, file, charset = [*out.split("\t"), "", "", ""][:4]
    families = tuple(f for f in family.split(",") if f)
    return _Match(families, style, file, charset.strip())


def _charset_ranges(charset: str) -> list[tuple[int, int]]:
    """'20-7e a0 4e00-9fff' → [(0x20, 0x7e), (0xa0, 0xa0), (0x4e00, 0x9fff)]."""
    ranges = []
    for token in charset.split():
        low, _, high = token.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


def covers(charset: str, text: str) -> bool:
    """Whether a fontconfig charset string contains every character of ``text``."""
    ranges = _charset_ranges(charset)
    return all(any(lo <= ord(ch) <= hi for lo, hi in ranges) for ch in text)


def classify(role: Role, match: _Match) -> str:
    if set(match.families) & fontmap.original_names(role.requested):
        return ORIGINAL
    if match.families and covers(match.charset, role.sample):
        return STAND_IN
    return MISSING


def _row(role: Role, env: dict[str, str]) -> FontRow:
    match = _fc_match(role, env)
    family = match.families[0] if match.families else ""
    return FontRow(
        role=role.name,
        requested=role.requested,
        family=family,
        style=match.style,
        file=match.file,
        status=classify(role, match),
        recommended=bool(set(match.families) & set(role.stand_ins)),
    )


def font_report(system: bool | None = None) -> list[FontRow]:
    """Resolve every role's font under gongwen's fontconfig configuration.

    Args:
        system: include system fonts; None reads GONGWEN_SYSTEM_FONTS (default yes).

    Raises:
        GongwenError: fontconfig's fc-match is not installed.
    """
    if shutil.which("fc-match") is None:
        raise GongwenError(_FC_MISSING)
    with tempfile.TemporaryDirectory(prefix="gongwen-fonts-") as tmp:
        env = fontmap.child_env(fontmap.write_fontconfig(Path(tmp), system))
        return [_row(role, env) for role in ROLES]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _table(rows: list[FontRow]) -> list[str]:
    header = ("要素", "文档要求的字体", "本机实际使用", "状态")
    cells = [header] + [(r.role, r.requested, r.drawn, _status_text(r)) for r in rows]
    widths = [max(_width(c[i]) for c in cells) + 2 for i in range(3)]
    return ["".join(_pad(c[i], widths[i]) for i in range(3)) + c[3] for c in cells]


def _status_text(row: FontRow) -> str:
    if row.status == STAND_IN and not row.recommended:
        return f"{STAND_IN}（系统兜底）"
    return row.status


def _fandol_line(system: bool | None) -> str:
    found = fontmap.find_fandol(system)
    if not found:
        return "Fandol 字体：未找到"
    folders = "、".join(sorted({str(p.parent) for p in found.values()}))
    return f"Fandol 字体：已找到 {len(found)}/{len(fontmap.FANDOL_FAMILIES)}（{folders}）"


def _summary(rows: list[FontRow]) -> list[str]:
    lines = []
    standing = [r for r in rows if r.status == STAND_IN]
    missing = [r for r in rows if r.status == MISSING]
    if standing:
        names = "、".join(r.role for r in standing)
        lines.append(
            f"注意：{len(standing)} 项使用替代字体（{names}）。替代字体只用于在本机生成 PDF，"
            "字形和每行字数可能与 Windows/WPS 上略有差异；.docx 中仍写原字体名。"
        )
    if missing:
        names = "、".join(f"{r.role}（{r.requested}）" for r in missing)
        lines.append(f"警告：{len(missing)} 项字体缺失：{names}。PDF 中这些文字会显示为方框或错误字形。")
        lines.append(fontmap.INSTALL_HINT)
    if not standing and not missing:
        lines.append("全部要素均使用原字体。")
    return lines


def format_report(rows: list[FontRow], system: bool | None = None) -> str:
    """The report as Chinese text for the terminal."""
    lines = ["字体检查（GB/T 9704 各要素：文档要求的字体 → 本机生成 PDF 时实际使用的字体）", ""]
    lines += _table(rows)
    lines += ["", _fandol_line(system)]
    lines += _summary(rows)
    return "\n".join(lines)


def fonts_report_text(system: bool | None = None) -> tuple[str, bool]:
    """Text for ``gongwen fonts`` and whether every role has a font (stand-ins count).

    Returns:
        (text, all_ok): all_ok is False when some role is 缺失 or fontconfig is missing.
    """
    try:
        rows = font_report(system)
    except GongwenError as err:
        return err.format_message(), False
    return format_report(rows, system), all(r.status != MISSING for r in rows)
