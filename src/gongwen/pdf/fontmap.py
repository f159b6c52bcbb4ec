"""Fonts on Linux: map the Windows/方正 names a 公文 asks for to free stand-ins.

The .docx names the fonts GB/T 9704 expects (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体,
宋体); gongwen never ships those files. For PDF conversion it writes a private fontconfig
configuration that includes the system one, adds the directories holding the Fandol fonts
and includes the packaged ``fonts/aliases.conf``. Child processes get it through
``FONTCONFIG_FILE``, so the user's own fontconfig setup is never touched.

The module is named ``fontmap`` because ``fonts/`` beside it is the package-data folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from gongwen.docx import fontnames as layout  # the role fonts, without python-docx
from gongwen.docx.xmltext import escape

# GONGWEN_FONT_DIR: extra font folders (os.pathsep-separated), searched first for Fandol and
# always added to the configuration, so a user can drop licensed 方正 fonts there too.
FONT_DIR_ENV = "GONGWEN_FONT_DIR"
# GONGWEN_SYSTEM_FONTS=0 hides every system font folder; it lets tests (and a curious user)
# see what a machine without the stand-in fonts would draw.
SYSTEM_FONTS_ENV = "GONGWEN_SYSTEM_FONTS"

SYSTEM_CONFIG = Path("/etc/fonts/fonts.conf")
TEXLIVE_FANDOL = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
FANDOL_FAMILIES = ("FandolFang", "FandolHei", "FandolKai", "FandolSong")

ORIGINAL, STAND_IN, MISSING = "原字体", "替代字体", "缺失"

# Text a role's font must be able to draw; a match without these glyphs draws nothing useful.
_CJK_SAMPLE = "关于工作情况的报告"
_LATIN_SAMPLE = "2024ABCabc"

INSTALL_HINT = (
    "安装替代字体（Debian/Ubuntu，需 root）：apt-get install fonts-noto-cjk fonts-liberation2；"
    "仿宋、楷体、黑体、宋体的替代字体 Fandol 来自 texlive-lang-chinese："
    "apt-get download texlive-lang-chinese 后用 dpkg -x 解包，"
    "把其中的 Fandol*.otf 复制到 /usr/local/share/fonts/fandol/ 或环境变量 "
    f"{FONT_DIR_ENV} 指定的目录。"
)


@dataclass(frozen=True)
class Role:
    """One kind of text in a 公文 and the font GB/T 9704 gives it."""

    name: str
    requested: str
    cjk: bool = True

    @property
    def sample(self) -> str:
        return _CJK_SAMPLE if self.cjk else _LATIN_SAMPLE

    @property
    def stand_ins(self) -> tuple[str, ...]:
        return stand_ins(self.requested)


# §7.2.4, §7.3.1, §7.3.3, §7.5 of GB/T 9704; names come from layout so the doctor checks
# exactly what the writer puts into the .docx.
ROLES: tuple[Role, ...] = (
    Role("发文机关标志", layout.FONT_TITLE),
    Role("标题", layout.FONT_TITLE),
    Role("正文", layout.FONT_BODY),
    Role("一级标题", layout.FONT_LEVEL1),
    Role("二级标题", layout.FONT_LEVEL2),
    Role("三级标题", layout.FONT_BODY),
    Role("页码", layout.FONT_PAGE_NUMBER),
    Role("数字和西文", layout.FONT_LATIN, cjk=False),
)


def aliases_text() -> str:
    """The packaged fontconfig alias file."""
    return resources.files("gongwen.pdf").joinpath("fonts/aliases.conf").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, tuple[str, ...]]:
    """requested family → families fontconfig tries after it, read from aliases.conf."""
    root = ET.fromstring(aliases_text())
    table: dict[str, tuple[str, ...]] = {}
    for alias in root.iter("alias"):
        name = alias.findtext("family", "")
        accepted = tuple(f.text or "" for f in alias.iterfind("accept/family"))
        table[name] = accepted
    return table


def original_names(family: str) -> frozenset[str]:
    """The family itself plus the real-font variants aliases.conf accepts for it."""
    table = _alias_table()
    return frozenset({family, *(f for f in table.get(family, ()) if f in table)})


def stand_ins(family: str) -> tuple[str, ...]:
    """Free fonts aliases.conf substitutes for ``family``, most preferred first."""
    table = _alias_table()
    return tuple(f for f in table.get(family, ()) if f not in table)


def system_fonts_enabled() -> bool:
    return os.environ.get(SYSTEM_FONTS_ENV, "1").strip().lower() not in ("0", "no", "false")


def env_font_dirs() -> list[Path]:
    value = os.environ.get(FONT_DIR_ENV, "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def _search_roots(system: bool) -> list[Path]:
    roots = env_font_dirs()
    if system:
        roots += [
            TEXLIVE_FANDOL,
            Path("/usr/local/share/fonts"),
            Path.home() / ".local/share/fonts",
        ]
    return roots


def _fandol_family(path: Path) -> str | None:
    """'FandolFang-Regular.otf' → 'FandolFang' (the bold faces are not needed)."""
    family, _, style = path.stem.partition("-")
    if family in FANDOL_FAMILIES and style in ("", "Regular"):
        return family
    return None


def _fc_list_files() -> list[Path]:
    """Every font file the system fontconfig knows; empty when fontconfig is missing."""
    if shutil.which("fc-list") is None:
        return []
    out = subprocess.run(["fc-list", "-f", "%{file}\n"], capture_output=True, text=True, check=False).stdout
    return [Path(line) for line in out.splitlines() if line]


def find_fandol(system: bool | None = None) -> dict[str, Path]:
    """Locate the four Fandol .otf files: family name → path.

    Args:
        system: also search system folders and ask fc-list; None reads GONGWEN_SYSTEM_FONTS.
    """
    system = system_fonts_enabled() if system is None else system
    found: dict[str, Path] = {}
    for root in _search_roots(system):
        if root.is_dir():
            for path in sorted(root.rglob("Fandol*.otf")):
                _remember(found, path)
    if system and len(found) < len(FANDOL_FAMILIES):
        for path in _fc_list_files():
            _remember(found, path)
    return found


def _remember(found: dict[str, Path], path: Path) -> None:
    family = _fandol_family(path)
    if family and family not in found:
        found[family] = path


def _config_dirs(system: bool) -> list[Path]:
    """Folders to add with <dir>: GONGWEN_FONT_DIR plus wherever Fandol was found."""
    dirs = env_font_dirs() + [p.parent for p in find_fandol(system).values()]
    return list(dict.fromkeys(d.resolve() for d in dirs))


def _base_config() -> str | None:
    """The configuration to build on: the user's own FONTCONFIG_FILE, else the system's."""
    user = os.environ.get("FONTCONFIG_FILE")
    if user and Path(user).is_absolute():
        return user
    return str(SYSTEM_CONFIG)


def write_fontconfig(dest_dir: Path, system: bool | None = None) -> Path:
    """Write gongwen's fontconfig configuration into ``dest_dir`` and return its path.

    Args:
        dest_dir: a private folder (created if needed); also holds the font cache.
        system: include the system configuration and fonts; None reads GONGWEN_SYSTEM_FONTS.
    """
    system = system_fonts_enabled() if system is None else system
    dest_dir.mkdir(parents=True, exist_ok=True)
    aliases = dest_dir / "gongwen-aliases.conf"
    aliases.write_text(aliases_text(), encoding="utf-8")
    # Our cachedir comes first so caches for our extra folders land here, not in ~/.cache;
    # caches already valid in the system cachedirs are still read from there.
    lines = [f"  <cachedir>{escape(str(dest_dir / 'cache'))}</cachedir>"]
    base = _base_config() if system else None
    if base:
        lines.append(f'  <include ignore_missing="yes">{escape(base)}</include>')
    lines += [f"  <dir>{escape(str(d))}</dir>" for d in _config_dirs(system)]
    lines.append(f"  <include>{escape(str(aliases))}</include>")
    config = dest_dir / "fonts.conf"
    config.write_text(_wrap_config(lines), encoding="utf-8")
    return config


def _wrap_config(lines: list[str]) -> str:
    head = (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- generated by gongwen for one run; see gongwen/pdf/fonts/aliases.conf -->\n"
        "<fontconfig>\n"
    )
    return head + "\n".join(lines) + "\n</fontconfig>\n"


def child_env(config: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment for a child process that uses ``config`` and nothing else."""
    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(config)
    # FONTCONFIG_PATH would make fontconfig look for conf.d elsewhere; our file is complete.
    env.pop("FONTCONFIG_PATH", None)
    return env

