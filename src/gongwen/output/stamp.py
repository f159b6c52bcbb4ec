"""What gongwen records inside each file it writes, and what it reads back before overwriting.

A .docx carries two custom document properties (``docProps/custom.xml``, kept by Word and WPS):

- ``gongwen.source``: a digest of the input, the template, gongwen's version and the build
  flags. An output whose digest matches the current input is up to date and is skipped.
- ``gongwen.fingerprint``: ``v2:`` + the SHA-256 of every part of the package as gongwen
  wrote it (``custom.xml`` as written without the fingerprint). A clerk who edits the text, the styles, a footer
  or the properties in Word/WPS and saves changes some part: gongwen then refuses to overwrite
  the edits unless ``--force``. (gongwen 0.1 fingerprinted ``word/document.xml`` only; such
  files are still read that way.)

Previews (.txt, .md, .blocks) end with one ``gongwen-fingerprint`` line, the SHA-256 of the text
above it; a PDF carries the same as a comment just before its final ``%%EOF`` (comments are
allowed there, so the PDF stays valid). A file without its fingerprint is not gongwen's; one
whose content no longer matches was edited. Both are refused without ``--force``.

Every read of an existing output is bounded (size, number of parts, unpacked size), opens
nothing but regular files and never blocks on a FIFO: an endless device or a zip bomb at the
output path is "not a gongwen file", decided in milliseconds.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from gongwen.docx.xmltext import escape, unescape
from gongwen.errors import OutputError
from gongwen.output.files import check_replaceable

SOURCE_PROPERTY = "gongwen.source"
FINGERPRINT_PROPERTY = "gongwen.fingerprint"
DRAFT_PROPERTY = "gongwen.draft"

MAX_EXISTING_BYTES = 64 * 1024 * 1024  # a generated 公文 is tens of KB; a PDF a few MB
MAX_PARTS = 1000  # python-docx writes 15; Word adds a few
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # declared sizes bound what is inflated; a 公文 with photos is a few MB

_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one FMTID for user-defined properties
_V2 = "v2:"


def source_digest(*parts: bytes | str) -> str:
    """A short, stable digest of everything an output depends on."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:32]


def package_fingerprint(parts: dict[str, bytes], properties: dict[str, str]) -> str:
    """SHA-256 over every part's name and bytes, in name order. The custom properties count as
    gongwen writes them without the fingerprint itself, so a property a clerk adds or changes
    in Word (文件 → 属性 → 自定义) is an edit too."""
    own = {name: value for name, value in properties.items() if name != FINGERPRINT_PROPERTY}
    parts = dict(parts, **{_CUSTOM_PART: _custom_xml(own)})
    digest = hashlib.sha256()
    for name in sorted(parts):
        digest.update(_part_digest(name, parts[name]).encode())
    return _V2 + digest.hexdigest()


# Every document of a base package carries its styles.xml (352 KB) as the very bytes object it
# was opened from; hashing it again was most of stamping a document. Large parts are kept by
# identity (the object, not its value), a few at a time.
_LARGE_PART = 64 * 1024
_LARGE_KEPT = 4
_large_digests: dict[int, tuple[bytes, str]] = {}


def _part_digest(name: str, data: bytes) -> str:
    if len(data) < _LARGE_PART:
        return source_digest(name, data)
    kept = _large_digests.get(id(data))
    if kept is not None and kept[0] is data and kept[1].startswith(name + "\0"):
        return kept[1][len(name) + 1 :]
    digest = source_digest(name, data)
    if len(_large_digests) >= _LARGE_KEPT:
        _large_digests.clear()
    _large_digests[id(data)] = (data, f"{name}\0{digest}")
    return digest


def stamp_parts(parts: list[tuple[str, bytes]], properties: dict[str, str]) -> list[tuple[str, bytes]]:
    """``parts`` (name, bytes; in zip order) plus, last, a custom-properties part holding
    ``properties`` and the fingerprint, with its content type and relationship declared."""
    named = dict(parts)
    named["[Content_Types].xml"] = _add_override(named["[Content_Types].xml"])
    named["_rels/.rels"] = _add_relationship(named["_rels/.rels"])
    stamped = dict(properties, **{FINGERPRINT_PROPERTY: package_fingerprint(named, properties)})
    return [(name, named[name]) for name, _ in parts] + [(_CUSTOM_PART, _custom_xml(stamped))]


@dataclass(frozen=True)
class Stamp:
    """What an existing output says about itself."""

    properties: dict[str, str]
    edited: bool  # the content no longer matches the fingerprint gongwen recorded

    @property
    def source(self) -> str | None:
        return self.properties.get(SOURCE_PROPERTY)


def read_existing(path: Path, limit: int = MAX_EXISTING_BYTES, follow: bool = False) -> bytes | None:
    """The bytes of an existing regular file, or ``None`` if it is missing, special or too big.

    Opened without following a symlink (unless ``follow``) and without blocking (a FIFO opens
    at once, then is seen not to be a regular file); never reads more than ``limit`` bytes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    flags |= 0 if follow else getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None  # a folder, FIFO or device is never read (fdopen refuses a folder)
        with os.fdopen(handle, "rb") as stream:
            handle = -1
            data = stream.read(limit + 1)
    except OSError:
        return None
    finally:
        if handle >= 0:
            os.close(handle)
    return data if len(data) <= limit else None


def read_stamp(path: Path) -> Stamp | None:
    """The stamp of an existing .docx, or ``None`` if it is not a file gongwen wrote."""
    data = read_existing(path)
    parts = _bounded_parts(data) if data is not None else None
    if parts is None or _CUSTOM_PART not in parts:
        return None
    properties = _parse_custom_xml(parts[_CUSTOM_PART])
    fingerprint = properties.get(FINGERPRINT_PROPERTY)
    if fingerprint is None:
        return None
    if fingerprint.startswith(_V2):
        # The part must be exactly what gongwen writes for these properties (a property of
        # another type would not be parsed), and then the whole package must match.
        as_written = parts[_CUSTOM_PART] == _custom_xml(properties)
        edited = not as_written or package_fingerprint(parts, properties) != fingerprint
    else:  # gongwen 0.1: the body only
        edited = hashlib.sha256(parts.get("word/document.xml", b"")).hexdigest() != fingerprint
    return Stamp(properties, edited=edited)


def _bounded_parts(data: bytes) -> dict[str, bytes] | None:
    """Every part of a zip, or ``None`` if it is not one or would unpack beyond the limits.

    Parts are read in small chunks: asked for everything at once, zipfile inflates up to 2 GiB
    of a part before cutting it to the size the zip declares (a 1.5 MB bomb took 2 GB).
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
        if len(entries) > MAX_PARTS or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            return None
        return {entry.filename: _read_part(package, entry) for entry in entries}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None
    except RuntimeError:  # an encrypted part
        return None


_CHUNK = 64 * 1024


def _read_part(package: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    chunks = []
    with package.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            chunks.append(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------- may an output be replaced?

_NOT_OURS = "已存在一个不是由 gongwen 生成的文件，为免覆盖他人的文件，未写入。确认可以覆盖时请加 --force。"
_EDITED_DOCX = (
    "这份公文生成后在 Word/WPS 中修改并保存过，重新生成会丢失这些修改，因此未写入。"
    "请先把修改写回 YAML 数据（或另存为其他文件名），确认可以覆盖时请加 --force。"
)
_FOREIGN_PDF = (
    "已存在一个不是由 gongwen 生成的 PDF（例如扫描或签章的原件），为免覆盖它，未写入。"
    "请把它移走或改名，确认可以覆盖时请加 --force。"
)
_EDITED = (
    "这份文件生成后被修改并保存过，重新生成会丢失这些修改，因此未写入。"
    "请先把修改写回 YAML 数据（或另存为其他文件名），确认可以覆盖时请加 --force。"
)


def docx_state(target: Path, digest: str, force: bool) -> str:
    """``missing``, ``current`` or ``stale``; raises if overwriting would lose someone's work."""
    if not check_replaceable(target):
        return "missing"
    return _stamped_state(target, read_stamp(target), digest, force, _NOT_OURS, _EDITED_DOCX)


def pdf_state(target: Path, digest: str, force: bool) -> str:
    """Like ``docx_state`` for a PDF (its stamp records the source digest)."""
    if not check_replaceable(target):
        return "missing"
    existing = read_existing(target)
    stamp = pdf_stamp(existing) if existing is not None else None
    return _stamped_state(target, stamp, digest, force, _FOREIGN_PDF, _EDITED)


def _stamped_state(target: Path, stamp, digest: str, force: bool, foreign: str, edited: str) -> str:
    if force:
        return "stale"
    if stamp is None:
        raise OutputError(str(target), foreign)
    if stamp.edited:
        raise OutputError(str(target), edited)
    return "current" if stamp.source == digest else "stale"


def text_state(fmt: str, target: Path, data: bytes, force: bool) -> str:
    """Like ``docx_state`` for a preview: current when it already holds exactly ``data``."""
    if not check_replaceable(target):
        return "missing"
    existing = read_existing(target)
    if existing == data:
        return "current"
    edited = text_edited(fmt, existing) if existing is not None else None
    if not force and edited is None:
        raise OutputError(str(target), _NOT_OURS)
    if not force and edited:
        raise OutputError(str(target), _EDITED)
    return "stale"


# ---------------------------------------------------------------- previews and PDF

_TEXT_STAMP = {
    "txt": ("gongwen-fingerprint: {}\n", re.compile(rb"\ngongwen-fingerprint: ([0-9a-f]{64})\n\Z")),
    "blocks": ("gongwen-fingerprint: {}\n", re.compile(rb"\ngongwen-fingerprint: ([0-9a-f]{64})\n\Z")),
    "md": (
        "\n<!-- gongwen-fingerprint: {} -->\n",
        re.compile(rb"\n\n<!-- gongwen-fingerprint: ([0-9a-f]{64}) -->\n\Z"),
    ),
}
_PDF_STAMP = re.compile(rb"%gongwen-fingerprint: ([0-9a-f]{64}) ([0-9a-f]{32})\r?\n%%EOF\s*\Z")
_PDF_END = re.compile(rb"%%EOF\s*\Z")


def stamp_text(fmt: str, text: bytes) -> bytes:
    """A preview with its fingerprint line appended (after a final newline)."""
    template, _ = _TEXT_STAMP[fmt]
    text = text if text.endswith(b"\n") else text + b"\n"
    return text + template.format(hashlib.sha256(text).hexdigest()).encode()


def text_edited(fmt: str, existing: bytes) -> bool | None:
    """``None``: not a gongwen preview; ``True``: edited since; ``False``: as gongwen wrote it."""
    match = _TEXT_STAMP[fmt][1].search(existing)
    if match is None:
        return None
    text = existing[: match.start() + 1]  # the stamp follows the text's own final newline
    return hashlib.sha256(text).hexdigest() != match.group(1).decode()


def stamp_pdf(pdf: bytes, source: str) -> bytes:
    """The PDF with a comment before its final ``%%EOF`` (comments are legal there): the
    fingerprint of everything before it and the source digest of the build."""
    end = _PDF_END.search(pdf)
    if end is None:
        return pdf
    body = pdf[: end.start()]
    line = f"%gongwen-fingerprint: {hashlib.sha256(body).hexdigest()} {source}\n".encode()
    return body + line + pdf[end.start() :]


def pdf_stamp(existing: bytes) -> Stamp | None:
    """The stamp of an existing PDF, or ``None`` if gongwen did not make it."""
    match = _PDF_STAMP.search(existing)
    if match is None:
        return None
    edited = hashlib.sha256(existing[: match.start()]).hexdigest() != match.group(1).decode()
    return Stamp({SOURCE_PROPERTY: match.group(2).decode()}, edited)


# ---------------------------------------------------------------- docProps/custom.xml


def _custom_xml(properties: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(sorted(properties.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode("utf-8")


_PROPERTY = re.compile(r'<property [^>]*name="([^"]*)"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>')


def _parse_custom_xml(data: bytes) -> dict[str, str]:
    text = data.decode("utf-8", errors="replace")
    return {unescape(name): unescape(value) for name, value in _PROPERTY.findall(text)}


def _add_override(content_types: bytes) -> bytes:
    override = f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'.encode()
    return content_types.replace(b"</Types>", override + b"</Types>")


def _add_relationship(rels: bytes) -> bytes:
    relationship = f'<Relationship Id="rIdGongwenCustom" Type="{_CUSTOM_REL}" Target="{_CUSTOM_PART}"/>'.encode()
    return rels.replace(b"</Relationships>", relationship + b"</Relationships>")


# ---------------------------------------------------------------- the up-to-date record
#
