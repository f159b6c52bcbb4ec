"""PDF conversion with a real LibreOffice, and the font doctor on real fontconfig.

Nothing here mocks LibreOffice or fontconfig. Tests that need a tool skip with a visible
reason when it is missing, except under CI=true, where they fail (see samples.require).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_cli
from samples import broken_docx, fonts_docx, require, require_soffice, require_tool, simple_docx

from gongwen.pdf import convert as pdf
from gongwen.pdf import fontdoctor, fontmap
from gongwen.output.pdf import convert_to_pdf
from gongwen.errors import ConversionError, GongwenError
from gongwen.pdf.fontmap import MISSING, ORIGINAL, STAND_IN

INSTALL_HINT = "以 root 运行 bash .ci/install-fonts.sh"
APT_HINT = "apt-get install libreoffice-writer-nogui"


@pytest.fixture(scope="session")
def soffice() -> str:
    return require_soffice(f"{APT_HINT}（或{INSTALL_HINT}）")


@pytest.fixture(scope="session")
def pdffonts() -> str:
    return require_tool("pdffonts", "poppler-utils (pdffonts)", "apt-get install poppler-utils")


@pytest.fixture(scope="session")
def stand_in_fonts() -> None:
    """The machine has every stand-in gongwen prefers: Fandol, Noto CJK, Liberation."""
    require_tool("fc-list", "fontconfig (fc-list)", "apt-get install fontconfig")
    families = subprocess.run(["fc-list", "-f", "%{family}\n"], capture_output=True, text=True, check=True).stdout
    wanted = ["Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif"]
    have = len(fontmap.find_fandol(system=True)) == 4 and all(w in families for w in wanted)
    require(have, "替代字体（Fandol、Noto CJK、Liberation）", INSTALL_HINT)


@pytest.fixture
def clean_font_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    names = (fontmap.FONT_DIR_ENV, fontmap.SYSTEM_FONTS_ENV, pdf.SOFFICE_ENV, "FONTCONFIG_FILE")
    for name in names:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as document:
        return "".join(page.extract_text() or "" for page in document.pages)


def embedded_fonts(pdffonts: str, path: Path) -> str:
    return subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout


# --- find_soffice ---------------------------------------------------------------------


def test_find_soffice_prefers_explicit_then_env(tmp_path, clean_font_env):
    fake = tmp_path / "my-soffice"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert pdf.find_soffice(str(fake)) == str(fake)
    clean_font_env.setenv(pdf.SOFFICE_ENV, str(fake))
    assert pdf.find_soffice() == str(fake)


def test_missing_explicit_soffice_names_the_package(tmp_path, clean_font_env):
    with pytest.raises(ConversionError) as caught:
        source = simple_docx(tmp_path / "a.docx", "测试")
        convert_to_pdf([source], soffice="/nonexistent/soffice")
    message = caught.value.format_message()
    assert APT_HINT in message and "/nonexistent/soffice" in message
    assert not (tmp_path / "a.pdf").exists()


def test_no_soffice_anywhere(tmp_path, clean_font_env):
    clean_font_env.setenv("PATH", str(tmp_path))  # an empty folder: nothing on PATH
    clean_font_env.setattr(pdf, "_FALLBACKS", ())
    with pytest.raises(ConversionError, match="未找到 LibreOffice") as caught:
        pdf.find_soffice()
    assert APT_HINT in caught.value.format_message()


# --- convert_to_pdf -------------------------------------------------------------------


@pytest.mark.render
def test_converts_with_fandol_fang(tmp_path, soffice, pdffonts, stand_in_fonts, clean_font_env):
    source = simple_docx(tmp_path / "通知.docx", "现将有关情况报告如下：一是加强学习。")
    assert convert_to_pdf([source], soffice=soffice) == [tmp_path / "通知.pdf"]
    target = tmp_path / "通知.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert "现将有关情况报告如下" in pdf_text(target)
    fonts = embedded_fonts(pdffonts, target)
    assert "FandolFang" in fonts
    assert "DejaVu" not in fonts and "Droid" not in fonts
    assert "FONTCONFIG_FILE" not in os.environ  # only the child saw our configuration


@pytest.mark.render
def test_every_role_gets_its_stand_in(tmp_path, soffice, pdffonts, stand_in_fonts, clean_font_env):
    """The names Word writes map to Fandol; 小标宋 to the bold Noto Serif CJK face."""
    source = fonts_docx(
        tmp_path / "字体.docx",
        [
            ("方正小标宋简体", "关于工作情况的报告"),
            ("黑体", "一、总体情况"),
            ("楷体_GB2312", "（一）主要做法"),
            ("宋体", "页码用宋体"),
            ("FangSong", "仿宋的英文名"),
        ],
    )
    fonts = embedded_fonts(pdffonts, convert_to_pdf([source], soffice=soffice)[0])
    for expected in ("FandolHei", "FandolKai", "FandolSong", "FandolFang"):
        assert expected in fonts
    # The Noto collection's faces share one CFF table named after its JP face, so the
    # embedded name says 'jp' whichever face fontconfig picked.
    assert "NotoSerifCJK" in fonts and "-Bold" in fonts
    assert "DejaVu" not in fonts


@pytest.mark.render
def test_converts_several_files_with_one_start(tmp_path, soffice, clean_font_env):
    """Same file name in two folders: each PDF lands beside its own .docx."""
    log = tmp_path / "starts.log"
    wrapper = tmp_path / "soffice-counting"
    wrapper.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{soffice}" "$@"\n')
    wrapper.chmod(0o755)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = simple_docx(tmp_path / "a" / "报告.docx", "第一份文件")
    second = simple_docx(tmp_path / "b" / "报告.docx", "第二份文件")
    written = convert_to_pdf([first, second], soffice=str(wrapper))
    assert written == [tmp_path / "a" / "报告.pdf", tmp_path / "b" / "报告.pdf"]
    assert "第一份文件" in pdf_text(written[0])
    assert "第二份文件" in pdf_text(written[1])
    assert log.read_text().count("start") == 1


@pytest.mark.render
def test_two_builds_at_once_do_not_collide(tmp_path, soffice, clean_font_env):
    docs = [simple_docx(tmp_path / f"{n}.docx", f"并行转换{n}") for n in range(2)]
    errors: list[BaseException] = []

    def convert(path: Path) -> None:
        try:
            convert_to_pdf([path], soffice=soffice)
        except BaseException as err:  # reported by the main thread below
            errors.append(err)

    threads = [threading.Thread(target=convert, args=(d,)) for d in docs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(d.with_suffix(".pdf").is_file() for d in docs)


@pytest.mark.render
def test_failed_conversion_keeps_older_pdf(tmp_path, soffice, clean_font_env):
    source = broken_docx(tmp_path / "坏.docx")
    old = tmp_path / "坏.pdf"
    old.write_bytes(b"%PDF-1.4 older version")
    with pytest.raises(ConversionError, match="未能把以下文件转换为 PDF") as caught:
        convert_to_pdf([source], soffice=soffice)
    assert str(source) in caught.value.format_message()
    assert old.read_bytes() == b"%PDF-1.4 older version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏.docx", "坏.pdf"]


@pytest.mark.render
def test_good_files_are_written_when_one_fails(tmp_path, soffice, clean_font_env):
    good = simple_docx(tmp_path / "好.docx", "正常文件")
    bad = broken_docx(tmp_path / "坏.docx")
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([good, bad], soffice=soffice)
    assert str(bad) in caught.value.format_message()
    assert str(good) not in caught.value.format_message()
    assert (tmp_path / "好.pdf").is_file() and not (tmp_path / "坏.pdf").exists()


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in args:
            found.append(args)
    return found


@pytest.mark.render
@pytest.mark.parametrize("timeout", [0.05, 0.5])  # before and after soffice.bin starts
def test_timeout_ends_libreoffice(tmp_path, soffice, clean_font_env, timeout):
    work = tmp_path / "tmp"
    work.mkdir()
    clean_font_env.setattr(tempfile, "tempdir", str(work))  # our profile lives under tmp_path
    source = simple_docx(tmp_path / "慢.docx", "超时测试")
    old = tmp_path / "慢.pdf"
    old.write_bytes(b"old")
    with pytest.raises(ConversionError, match="秒内未完成"):
        convert_to_pdf([source], soffice=soffice, timeout=timeout)
    assert old.read_bytes() == b"old"
    assert _processes_mentioning(str(work)) == []
    assert list(work.iterdir()) == []  # the private profile and staging folder are gone


def test_soffice_that_cannot_start(tmp_path, clean_font_env):
    broken = tmp_path / "soffice"
    broken.write_bytes(b"\x7fELF not a program")
    broken.chmod(0o755)
    with pytest.raises(ConversionError, match="无法启动 LibreOffice"):
        convert_to_pdf([simple_docx(tmp_path / "a.docx", "测试")], soffice=str(broken))


def test_missing_input_is_reported(tmp_path, clean_font_env):
    with pytest.raises(ConversionError, match="文件不存在"):
        convert_to_pdf([tmp_path / "无.docx"], soffice="/nonexistent/soffice")


def test_no_inputs_starts_nothing():
    assert convert_to_pdf([], soffice="/nonexistent/soffice") == []


# --- fontconfig configuration -------------------------------------------------------


def test_aliases_table_reads_the_packaged_conf():
    assert fontmap.stand_ins("仿宋_GB2312") == ("FandolFang", "Noto Serif CJK SC")
    assert fontmap.stand_ins("方正小标宋简体")[0] == "Noto Serif CJK SC"
    assert fontmap.stand_ins("Times New Roman") == ("Liberation Serif",)
    assert fontmap.original_names("仿宋_GB2312") == {"仿宋_GB2312", "仿宋"}
    for role in fontmap.ROLES:
        assert role.stand_ins, f"{role.name}: {role.requested} has no alias"


def test_generated_config_includes_system_and_aliases(tmp_path, clean_font_env):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    clean_font_env.setenv(fontmap.FONT_DIR_ENV, str(fonts))
    text = fontmap.write_fontconfig(tmp_path / "conf", system=True).read_text(encoding="utf-8")
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in text
    assert f"<dir>{fonts}</dir>" in text
    assert "gongwen-aliases.conf</include>" in text
    hidden = fontmap.write_fontconfig(tmp_path / "bare", system=False).read_text(encoding="utf-8")
    assert "/etc/fonts" not in hidden and f"<dir>{fonts}</dir>" in hidden


def test_child_env_leaves_ours_alone(tmp_path):
    env = fontmap.child_env(tmp_path / "fonts.conf", base={"PATH": "/bin", "FONTCONFIG_PATH": "x"})
    assert env == {"PATH": "/bin", "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}


def test_charset_coverage():
    assert fontdoctor.covers("20-7e 4e00-9fff", "Ab中文")
    assert not fontdoctor.covers("20-7e", "中")
    assert not fontdoctor.covers("", "A")


# --- the font doctor ----------------------------------------------------------------


def _rows(**kwargs) -> dict[str, fontdoctor.FontRow]:
    return {row.role: row for row in fontdoctor.font_report(**kwargs)}


def test_doctor_with_stand_ins(stand_in_fonts, clean_font_env):
    rows = _rows()
    assert {row.status for row in rows.values()} == {STAND_IN}
    assert all(row.recommended for row in rows.values())
    assert rows["正文"].family == "FandolFang"
    assert rows["三级标题"].family == "FandolFang"
    assert rows["一级标题"].family == "FandolHei"
    assert rows["二级标题"].family == "FandolKai"
    assert rows["页码"].family == "FandolSong"
    assert rows["标题"].drawn == "Noto Serif CJK SC Bold"
    assert rows["数字和西文"].family == "Liberation Serif"
    text, ok = fontdoctor.fonts_report_text()
    assert ok
    assert "正文          仿宋_GB2312      FandolFang" in text
    assert "Fandol 字体：已找到 4/4" in text
    assert "注意：8 项使用替代字体" in text and "缺失" not in text


def test_doctor_without_any_fonts(tmp_path, clean_font_env):
    empty = tmp_path / "empty"
    empty.mkdir()
    clean_font_env.setenv(fontmap.FONT_DIR_ENV, str(empty))
    clean_font_env.setenv(fontmap.SYSTEM_FONTS_ENV, "0")
    require_tool("fc-match", "fontconfig (fc-match)", "apt-get install fontconfig")
    text, ok = fontdoctor.fonts_report_text()
    assert not ok
    assert "正文          仿宋_GB2312      （无）        缺失" in text
    assert "警告：8 项字体缺失" in text
    assert "Fandol 字体：未找到" in text
    assert "apt-get install fonts-noto-cjk" in text


def _font_dir_with(tmp_path: Path, files: list[Path]) -> Path:
    folder = tmp_path / "fonts"
    folder.mkdir()
    for file in files:
        (folder / file.name).symlink_to(file)
    return folder


def test_doctor_without_cjk_fonts(tmp_path, stand_in_fonts, clean_font_env):
    """A machine with Latin fonts only: every Chinese role is 缺失, digits are fine."""
    latin = subprocess.run(["fc-match", "-f", "%{file}", "Liberation Serif"], capture_output=True, text=True).stdout
    clean_font_env.setenv(fontmap.FONT_DIR_ENV, str(_font_dir_with(tmp_path, [Path(latin)])))
    rows = _rows(system=False)
    assert rows["数字和西文"].status == STAND_IN
    assert {r.status for name, r in rows.items() if name != "数字和西文"} == {MISSING}
    assert rows["正文"].family == "Liberation Serif"  # what would be drawn: no hanzi at all


def test_doctor_with_fandol_from_env_dir_only(tmp_path, stand_in_fonts, clean_font_env):
    """GONGWEN_FONT_DIR alone is enough to find Fandol; 小标宋 falls back to FandolSong."""
    files = list(fontmap.find_fandol(system=True).values())
    clean_font_env.setenv(fontmap.FONT_DIR_ENV, str(_font_dir_with(tmp_path, files)))
    rows = _rows(system=False)
    assert rows["正文"].family == "FandolFang" and rows["正文"].status == STAND_IN
    assert rows["标题"].family == "FandolSong"
    # No Liberation Serif: Latin falls back to whatever draws it, flagged as not ours.
    assert rows["数字和西文"].status == STAND_IN and not rows["数字和西文"].recommended


def test_doctor_with_noto_but_no_fandol(tmp_path, stand_in_fonts, clean_font_env):
    noto = subprocess.run(["fc-match", "-f", "%{file}", "Noto Serif CJK SC"], capture_output=True, text=True).stdout
    clean_font_env.setenv(fontmap.FONT_DIR_ENV, str(Path(noto).parent))
    rows = _rows(system=False)
    assert rows["正文"].family == "Noto Serif CJK SC" and rows["正文"].status == STAND_IN
    assert rows["一级标题"].family == "Noto Sans CJK SC"


def test_doctor_reports_missing_fontconfig(clean_font_env, tmp_path):
    clean_font_env.setenv("PATH", str(tmp_path))
    clean_font_env.setenv(fontmap.SYSTEM_FONTS_ENV, "0")
    text, ok = fontdoctor.fonts_report_text()
    assert not ok and "apt-get install fontconfig" in text
    with pytest.raises(GongwenError, match="fontconfig"):
        fontdoctor.font_report()


# ---- Without fontconfig (Windows, macOS): fonts read from the system font folders ----


def fake_font(path: Path, *families: str, collection: int = 0) -> Path:
    """A font file with only a ``name`` table: each family under en-US and zh-CN (Windows
    platform, UTF-16BE) and once Mac Roman when it is ASCII. ``collection`` > 0 writes a .ttc
    of that many fonts, the families spread over them."""
    import struct

    def name_table(names: list[str]) -> bytes:
        records, strings = [], b""
        for name in names:
            encoded = [(3, 1, 0x0409, name.encode("utf-16-be")), (3, 1, 0x0804, name.encode("utf-16-be"))]
            if name.isascii():
                encoded.append((1, 0, 0, name.encode("mac_roman")))
            for platform, encoding, language, raw in encoded:
                records.append(struct.pack(">6H", platform, encoding, language, 1, len(raw), len(strings)))
                strings += raw
        records.append(struct.pack(">6H", 3, 1, 0x0409, 2, 0, 0))  # a style name: not a family
        return struct.pack(">3H", 0, len(records), 6 + 12 * len(records)) + b"".join(records) + strings

    def sfnt(names: list[str], at: int) -> bytes:
        table = name_table(names)
        header = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
        return header + struct.pack(">4sIII", b"name", 0, at + 28, len(table)) + table

    if not collection:
        data = sfnt(list(families), 0)
    else:
        groups = [list(families[i::collection]) for i in range(collection)]
        data, offsets = b"", []
        start = 12 + 4 * collection
        for group in groups:
            offsets.append(start + len(data))
            data += sfnt(group, offsets[-1])
        data = struct.pack(">4sII", b"ttcf", 0x00010000, collection) + struct.pack(f">{collection}I", *offsets) + data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def no_fontconfig(clean_font_env, tmp_path):
    """PATH holds no fc-match (nor anything else); HOME and the Windows folders point into tmp."""
    empty = tmp_path / "bin"
    empty.mkdir()
    clean_font_env.setenv("PATH", str(empty))
    clean_font_env.setenv("HOME", str(tmp_path / "home"))
    clean_font_env.setenv("WINDIR", str(tmp_path / "Windows"))
    clean_font_env.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    return clean_font_env


def test_font_names_are_read_from_ttf_and_ttc(tmp_path):
    ttf = fake_font(tmp_path / "simfang.ttf", "FangSong", "仿宋")
    ttc = fake_font(tmp_path / "simsun.ttc", "SimSun", "宋体", "NSimSun", "新宋体", collection=2)
    assert fontdoctor.font_file_families(ttf) == {"FangSong", "仿宋"}
    assert fontdoctor.font_file_families(ttc) == {"SimSun", "宋体", "NSimSun", "新宋体"}
    junk = tmp_path / "broken.ttf"
    junk.write_bytes(b"\x00\x01\x00\x00\x00\x05")  # a header that promises tables it lacks
    assert fontdoctor.font_file_families(junk) == set()
    truncated = tmp_path / "cut.ttf"
    truncated.write_bytes(ttf.read_bytes()[:40])
    assert fontdoctor.font_file_families(truncated) == set()


def test_windows_without_the_gb2312_fonts_shows_the_fallbacks(no_fontconfig, tmp_path, monkeypatch):
    """A stock Chinese Windows 10/11 (仿宋, 楷体, 黑体, 宋体, Times New Roman) plus 方正小标宋简体
    installed for the user only: the body shows in 仿宋, as fontTable.xml's altName says."""
    monkeypatch.setattr(fontdoctor, "PLATFORM", "win32")
    fonts = tmp_path / "Windows" / "Fonts"
    fake_font(fonts / "simfang.ttf", "FangSong", "仿宋")
    fake_font(fonts / "simkai.ttf", "KaiTi", "楷体")
    fake_font(fonts / "simhei.ttf", "SimHei", "黑体")
    fake_font(fonts / "simsun.ttc", "SimSun", "宋体", "NSimSun", "新宋体", collection=2)
    fake_font(fonts / "times.ttf", "Times New Roman")
    (fonts / "desktop.ini").write_text("[.ShellClassInfo]", encoding="utf-8")
    (fonts / "broken.ttf").write_bytes(b"not a font")
    fake_font(tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts" / "FZXBSJW.TTF", "方正小标宋简体")

    text, ok = fontdoctor.fonts_report_text()
    assert ok, text
    installed = fontdoctor.installed_families()
    rows = {r.role: r for r in (fontdoctor.folder_row(role, installed) for role in fontmap.ROLES)}
    assert rows["标题"].status == ORIGINAL and rows["标题"].file.endswith("FZXBSJW.TTF")
    assert (rows["正文"].status, rows["正文"].family) == (STAND_IN, "仿宋")
    assert (rows["二级标题"].status, rows["二级标题"].family) == (STAND_IN, "楷体")
    assert rows["一级标题"].status == rows["页码"].status == rows["数字和西文"].status == ORIGINAL
    assert "Word/WPS" in text and "仿宋_GB2312 → 仿宋" in text and "楷体_GB2312 → 楷体" in text
    assert str(fonts) in text and "fontconfig" not in text


def test_windows_without_any_fonts_says_what_to_install(no_fontconfig, monkeypatch):
    monkeypatch.setattr(fontdoctor, "PLATFORM", "win32")
    code, output = run_cli(["fonts"])
    assert code == 1
    assert "缺失" in output and "方正小标宋简体" in output and "安装字体" in output


def test_macos_reads_the_user_font_folder(no_fontconfig, tmp_path, monkeypatch):
    monkeypatch.setattr(fontdoctor, "PLATFORM", "darwin")
    library = tmp_path / "home" / "Library" / "Fonts"
    for name, families in {
        "FS_GB2312.ttf": ("FangSong_GB2312", "仿宋_GB2312"),
        "Kaiti_GB2312.ttf": ("KaiTi_GB2312", "楷体_GB2312"),
        "sub/FZXBSJW.ttf": ("FZXiaoBiaoSong-B05S", "方正小标宋简体"),
        "simhei.ttf": ("SimHei", "黑体"),
        "simsun.ttc": ("SimSun", "宋体"),
        "Times New Roman.ttf": ("Times New Roman",),
    }.items():
        fake_font(library / name, *families)
    code, output = run_cli(["fonts"])
    assert code == 0, output
    assert "全部要素均使用原字体" in output and str(library) in output


def test_folders_follow_the_platform(no_fontconfig, tmp_path, monkeypatch):
    (tmp_path / "Windows" / "Fonts").mkdir(parents=True)
    (tmp_path / "home" / "Library" / "Fonts").mkdir(parents=True)
    extra = tmp_path / "licensed"
    extra.mkdir()
    no_fontconfig.setenv(fontmap.FONT_DIR_ENV, str(extra))
    monkeypatch.setattr(fontdoctor, "PLATFORM", "win32")
    assert fontdoctor.system_font_folders() == [extra, tmp_path / "Windows" / "Fonts"]
    monkeypatch.setattr(fontdoctor, "PLATFORM", "darwin")
    assert fontdoctor.system_font_folders()[:1] == [extra]
    assert tmp_path / "home" / "Library" / "Fonts" in fontdoctor.system_font_folders()
    assert fontdoctor.system_font_folders(system=False) == [extra]


def test_original_font_is_recognised():
    role = fontmap.Role("正文", "仿宋_GB2312")
    real = fontdoctor._Match(("FangSong", "仿宋"), "Regular", "/x/simfang.ttf", "4e00-9fff")
    assert fontdoctor.classify(role, real) == ORIGINAL
    other = fontdoctor._Match(("Some CJK",), "Regular", "/x/a.ttf", "20-7e 4e00-9fff")
    assert fontdoctor.classify(role, other) == STAND_IN


def test_install_script_parses():
    script = Path(__file__).parent.parent.parent / ".ci" / "install-fonts.sh"
    assert "apt-get download texlive-lang-chinese" in script.read_text(encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
