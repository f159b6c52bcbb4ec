"""The font doctor behind ``gongwen fonts``: what each role asks for, what gets drawn.

For every role (标题, 正文, 一级标题 …) it asks ``fc-match``, under the same fontconfig
configuration PDF conversion uses, which font this machine would draw, and classifies it:
原字体 (the font the document names, or a real variant of it), 替代字体 (another font
that has the glyphs) or 缺失 (nothing that can draw the role's text).

Where fontconfig is absent (Windows, macOS) it lists the fonts in the system font folders
instead, reading each file's family names from its ``name`` table, and says what Word or
WPS on this machine will draw: the font itself, the fallback gongwen's fontTable.xml names
for it (仿宋_GB2312 → 仿宋 …), or nothing.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from gongwen.docx.fonttable import FONTS
from gongwen.pdf import fontmap
from gongwen.errors import GongwenError
from gongwen.pdf.fontmap import MISSING, ORIGINAL, ROLES, STAND_IN, Role

_FC_MISSING = "未找到 fc-match（fontconfig），无法检查字体。请安装：apt-get install fontconfig"
_FC_HINT = "（本机未安装 fontconfig：apt-get install fontconfig 后，可检查转 PDF 时实际使用的字体。）"
PLATFORM = sys.platform  # read at call time, so tests can look at another system's folders
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


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
        GongwenError: fontconfig's fc-match is not installed (``fonts_report_text`` then
            looks in the system font folders instead).
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


# ---- Without fontconfig: the fonts in the system font folders, as Word/WPS see them ----


def system_font_folders(system: bool | None = None) -> list[Path]:
    """Where this system keeps fonts (those that exist), after GONGWEN_FONT_DIR's folders."""
    system = fontmap.system_fonts_enabled() if system is None else system
    folders = fontmap.env_font_dirs()
    if system:
        home = Path(os.environ.get("HOME") or os.environ.get("USERPROFILE") or Path.home())
        if PLATFORM == "win32":
            folders.append(Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows") / "Fonts")
            if os.environ.get("LOCALAPPDATA"):  # fonts a user installed without administrator rights
                folders.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        elif PLATFORM == "darwin":
            folders += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
        else:
            folders += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts"]
            folders.append(home / ".fonts")
    return [f for f in dict.fromkeys(folders) if f.is_dir()]


def _read(handle, offset: int, size: int) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    if len(data) != size:
        raise ValueError("truncated font file")
    return data


def _name_table_families(handle, font_offset: int) -> set[str]:
    """Family names (name IDs 1 and 16, every language) of the font at ``font_offset``."""
    (num_tables,) = struct.unpack(">H", _read(handle, font_offset + 4, 2))
    directory = _read(handle, font_offset + 12, 16 * num_tables)
    for index in range(num_tables):
        tag, _, offset, length = struct.unpack(">4sIII", directory[16 * index : 16 * index + 16])
        if tag == b"name":
            return _decode_names(_read(handle, offset, length))
    return set()


def _decode_names(table: bytes) -> set[str]:
    _, count, strings = struct.unpack(">HHH", table[:6])
    names = set()
    for index in range(count):
        platform, encoding, _, name_id, length, offset = struct.unpack(">6H", table[6 + 12 * index : 18 + 12 * index])
        if name_id not in (1, 16):
            continue
        raw = table[strings + offset : strings + offset + length]
        codec = {0: "utf-16-be", 3: "utf-16-be"}.get(platform)
        if platform == 1:
            codec = {0: "mac_roman", 25: "gb2312"}.get(encoding)
        if codec:
            name = raw.decode(codec, errors="ignore").strip("\x00 ")
            if name:
                names.add(name)
    return names


def font_file_families(path: Path) -> set[str]:
    """Every family name in a .ttf/.otf/.ttc file; empty for a file that is not a font."""
    try:
        with open(path, "rb") as handle:
            header = _read(handle, 0, 12)
            if header[:4] == b"ttcf":
                (count,) = struct.unpack(">I", header[8:12])
                offsets = struct.unpack(f">{count}I", _read(handle, 12, 4 * count))
            else:
                offsets = (0,)
            return set().union(*(_name_table_families(handle, offset) for offset in offsets))
    except (OSError, ValueError, struct.error):
        return set()


def installed_families(system: bool | None = None) -> dict[str, Path]:
    """family name → the first font file that has it, over every system font folder."""
    found: dict[str, Path] = {}
    for folder in system_font_folders(system):
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                for family in sorted(font_file_families(path)):
                    found.setdefault(family, path)
    return found


_FALLBACKS = {font.name: font.alt_name for font in FONTS if font.alt_name}


def folder_row(role: Role, installed: dict[str, Path]) -> FontRow:
    """What Word/WPS draws for ``role`` here: the font, its fontTable fallback, or nothing.

    Word and WPS look a font up by its exact name (in any language the file gives it), then
    by ``w:altName``; the variants aliases.conf accepts for LibreOffice do not count here.
    """
    if role.requested in installed:
        return FontRow(role.name, role.requested, role.requested, "", str(installed[role.requested]), ORIGINAL)
    fallback = _FALLBACKS.get(role.requested)
    if fallback and fallback in installed:
        return FontRow(role.name, role.requested, fallback, "", str(installed[fallback]), STAND_IN, True)
    return FontRow(role.name, role.requested, "", "", "", MISSING)


def format_folder_report(rows: list[FontRow], folders: list[Path], font_count: int) -> str:
    lines = ["字体检查（GB/T 9704 各要素：文档要求的字体 → 本机 Word/WPS 打开 .docx 时显示所用的字体）", ""]
    lines += _table(rows)
    where = "、".join(str(f) for f in folders) if folders else "（未找到字体文件夹）"
    lines += ["", f"已查找的字体文件夹：{where}（其中可用的字体文件 {font_count} 个）"]
    standing = [r for r in rows if r.status == STAND_IN]
    missing = [r for r in rows if r.status == MISSING]
    if standing:
        names = "、".join(f"{r.role}（{r.requested} → {r.family}）" for r in standing)
        lines.append(
            f"注意：{len(standing)} 项本机没有原字体，Word/WPS 按 .docx 中的备用字体显示：{names}。"
            "备用字体与原字体字形不同（小标宋换成宋体时笔画明显更细），印发前请在装有原字体的电脑上核对。"
        )
    if missing:
        names = "、".join(f"{r.role}（{r.requested}）" for r in missing)
        lines.append(f"警告：{len(missing)} 项字体缺失：{names}。Word/WPS 会换用其他字体，版面可能走样。")
    if standing or missing:
        lines.append(WINDOWS_INSTALL_HINT)
    else:
        lines.append("全部要素均使用原字体。")
    if PLATFORM not in ("win32", "darwin"):
        lines.append(_FC_HINT)
    return "\n".join(lines)


WINDOWS_INSTALL_HINT = (
    "安装字体：仿宋_GB2312、楷体_GB2312、方正小标宋简体（单位一般有授权字体包；Windows 自带仿宋、楷体、黑体、宋体）。"
    "在字体文件上右键选“安装”或“为所有用户安装”，装好后重新运行 gongwen fonts。"
)


def folder_report_text(system: bool | None = None) -> tuple[str, bool]:
    installed = installed_families(system)
    rows = [folder_row(role, installed) for role in ROLES]
    text = format_folder_report(rows, system_font_folders(system), len(set(installed.values())))
    return text, all(r.status != MISSING for r in rows)


def fonts_report_text(system: bool | None = None) -> tuple[str, bool]:
    """Text for ``gongwen fonts`` and whether every role has a font (stand-ins count).

    Without fontconfig (Windows, macOS) the report is about the fonts in the system font
    folders, i.e. what Word/WPS on this machine will draw.

    Returns:
        (text, all_ok): all_ok is False when some role is 缺失.
    """
    if shutil.which("fc-match") is None:
        return folder_report_text(system)
    try:
        rows = font_report(system)
    except GongwenError as err:
        return err.format_message(), False
    return format_report(rows, system), all(r.status != MISSING for r in rows)
