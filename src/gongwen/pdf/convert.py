"""PDF output: convert .docx files with LibreOffice headless, all in one start.

Each conversion runs with a private, temporary LibreOffice profile (two builds at once never
fight over a profile lock), gongwen's fontconfig configuration for the child process only
(see ``fontmap``), and a timeout. PDFs are produced in a temporary folder and moved into
place with ``os.replace``, so a failed conversion leaves an earlier PDF untouched.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from gongwen.pdf import fontmap
from gongwen.pdf.fixed import document_moment, fixed_pdf
from gongwen.errors import ConversionError, explain

SOFFICE_ENV = "GONGWEN_SOFFICE"
_FALLBACKS = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_INSTALL_HINT = (
    "请安装 LibreOffice：apt-get install libreoffice-writer-nogui（Debian/Ubuntu），"
    f"或用 --soffice 选项、环境变量 {SOFFICE_ENV} 指定 soffice 的路径。"
    ".docx 文件不受影响。"
)
_OUTPUT_TAIL = 1500  # characters of LibreOffice's output quoted in an error
# Printed on every run where no Java is installed; it says nothing about the conversion.
_NOISE = ("Warning: failed to launch javaldx",)


def _executable(candidate: str) -> str | None:
    """A path to an executable file, or a command name looked up on PATH."""
    if os.sep in candidate or (os.altsep and os.altsep in candidate):
        path = Path(candidate).expanduser().absolute()  # "./soffice" must not become a PATH lookup
        return str(path) if path.is_file() and os.access(path, os.X_OK) else None
    return shutil.which(candidate)


def find_soffice(explicit: str | None = None) -> str:
    """Locate LibreOffice: the explicit argument, GONGWEN_SOFFICE, PATH, then known folders.

    An explicit argument or environment variable that names nothing usable is an error
    rather than a reason to fall back: the user asked for that program.

    Raises:
        ConversionError: no usable soffice was found.
    """
    for source, value in (("--soffice", explicit), (SOFFICE_ENV, os.environ.get(SOFFICE_ENV))):
        if value:
            found = _executable(value)
            if found is None:
                raise ConversionError(f"{source} 指定的 LibreOffice 程序不存在或不可执行：{value}。{_INSTALL_HINT}")
            return found
    for candidate in ("soffice", "libreoffice", *_FALLBACKS):
        found = _executable(candidate)
        if found:
            return found
    raise ConversionError(f"未找到 LibreOffice（soffice），无法生成 PDF。{_INSTALL_HINT}")


def _check_inputs(docx_paths: list[Path]) -> list[Path]:
    paths = [Path(p).resolve() for p in docx_paths]
    for path in paths:
        if not path.is_file():
            raise ConversionError(f"{path}: 文件不存在，无法转换为 PDF。")
    if len(set(paths)) != len(paths):
        raise ConversionError("同一个 .docx 文件被指定了多次。")
    return paths


def _stage_inputs(paths: list[Path], folder: Path) -> list[Path]:
    """Copy inputs under numbered names: one --outdir then holds every PDF without clashes
    (a/报告.docx and b/报告.docx), and odd characters in names never reach LibreOffice."""
    folder.mkdir()
    staged = []
    for index, path in enumerate(paths):
        target = folder / f"{index}.docx"
        target.write_bytes(for_libreoffice(path.read_bytes()))
        staged.append(target)
    return staged


_NO_HANGING = re.compile(rb'<w:overflowPunct w:val="(0|false|off)"/>')


def for_libreoffice(docx: bytes) -> bytes:
    """The .docx as LibreOffice 7.4 must see it to draw what Word draws.

    Its DOCX import reads ``w:overflowPunct`` inverted (0 → punctuation hangs past the
    版心): the copy it converts says 1 where the document says 0. The file the clerk gets
    is not touched.
    """
    try:
        source = zipfile.ZipFile(io.BytesIO(docx))
    except zipfile.BadZipFile:
        return docx  # LibreOffice will report what is wrong with it
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename in ("word/styles.xml", "word/document.xml"):
                data = _NO_HANGING.sub(b'<w:overflowPunct w:val="1"/>', data)
            target.writestr(entry, data)
    return buffer.getvalue()


def _command(soffice: str, profile: Path, outdir: Path, inputs: list[Path]) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *map(str, inputs),
    ]


def _kill_group(process: subprocess.Popen[str]) -> None:
    """soffice is a wrapper that starts soffice.bin; kill the whole group we started."""
    if not hasattr(os, "killpg"):  # Windows has no process groups; end what we can
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _run(command: list[str], env: dict[str, str], timeout: float) -> str:
    """Run LibreOffice; return its combined output. Raises ConversionError on timeout."""
    try:
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its own process group, so a timeout can end all of it
        )
    except OSError as err:
        raise ConversionError(f"无法启动 LibreOffice（{command[0]}）：{explain(err)}{_INSTALL_HINT}") from err
    try:
        output, _ = process.communicate(timeout=timeout)
    except KeyboardInterrupt:  # LibreOffice runs in its own session: end it with us
        _kill_group(process)
        process.communicate()
        raise
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        raise ConversionError(
            f"LibreOffice 在 {timeout:g} 秒内未完成 PDF 转换，已终止。请检查文档是否过大，或稍后重试。"
        ) from None
    if process.returncode != 0:
        _kill_group(process)  # a crashed wrapper may leave soffice.bin behind
        raise ConversionError(f"LibreOffice 转换失败（退出码 {process.returncode}）：\n{_tail(output)}")
    return output


def _tail(output: str) -> str:
    lines = [line for line in output.splitlines() if line and not line.startswith(_NOISE)]
    return "\n".join(lines)[-_OUTPUT_TAIL:] or "（无输出）"


@dataclass(frozen=True)
class Conversion:
    """What one LibreOffice start made: each input's PDF bytes, or ``None`` where it failed."""

    pdfs: list[bytes | None]
    output: str  # LibreOffice's own words, quoted when a file failed

    def failure(self, paths: list[Path]) -> ConversionError:
        names = "、".join(str(p) for p in paths)
        return ConversionError(
            f"LibreOffice 未能把以下文件转换为 PDF：{names}（原有的 PDF 保持不变）。\n"
            f"LibreOffice 输出：\n{_tail(self.output)}"
        )


def pdf_bytes(docx_paths: list[Path], soffice: str | None = None, timeout: float = 180) -> Conversion:
    """Convert .docx files to PDF with one LibreOffice start; nothing is written.

    Raises:
        ConversionError: LibreOffice is missing, fails or times out.
    """
    if not docx_paths:
        return Conversion([], "")
    paths = _check_inputs(docx_paths)
    program = find_soffice(soffice)
    with tempfile.TemporaryDirectory(prefix="gongwen-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        staged = _stage_inputs(paths, work / "in")
        env = fontmap.child_env(fontmap.write_fontconfig(work / "fontconfig"))
        output = _run(_command(program, work / "profile", work / "out", staged), env, timeout)
        produced = [work / "out" / f"{index}.pdf" for index in range(len(paths))]
        pdfs = [p.read_bytes() if p.is_file() and p.stat().st_size > 0 else None for p in produced]
        fixed = [None if data is None else fixed_pdf(data, document_moment(src)) for data, src in zip(pdfs, paths)]
        return Conversion(fixed, output)
