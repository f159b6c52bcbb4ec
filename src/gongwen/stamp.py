"""What gongwen records inside each .docx it writes, and what it reads back before overwriting.

Two custom document properties (``docProps/custom.xml``, kept by Word and WPS):

- ``gongwen.source``: a digest of the input, the template and gongwen's version. An output
  whose digest matches the current input is up to date and a batch build skips it.
- ``gongwen.fingerprint``: the SHA-256 of ``word/document.xml`` as gongwen wrote it. If a
  clerk edits the document in Word/WPS and saves, the body changes and the fingerprint no
  longer matches: gongwen then refuses to overwrite the edits unless ``--force``.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, unescape

SOURCE_PROPERTY = "gongwen.source"
FINGERPRINT_PROPERTY = "gongwen.fingerprint"
DRAFT_PROPERTY = "gongwen.draft"

_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one FMTID for user-defined properties


def source_digest(*parts: bytes | str) -> str:
    """A short, stable digest of everything an output depends on."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:32]


def add_stamp(docx: bytes, properties: dict[str, str]) -> bytes:
    """Return ``docx`` with a custom-properties part holding ``properties`` and the fingerprint."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    body = source.read("word/document.xml")
    stamped = dict(properties, **{FINGERPRINT_PROPERTY: hashlib.sha256(body).hexdigest()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "[Content_Types].xml":
                data = _add_override(data)
            elif entry.filename == "_rels/.rels":
                data = _add_relationship(data)
            target.writestr(entry, data)
        target.writestr(_CUSTOM_PART, _custom_xml(stamped))
    return buffer.getvalue()


@dataclass(frozen=True)
class Stamp:
    """What an existing output says about itself."""

    properties: dict[str, str]
    edited: bool  # the body no longer matches the fingerprint gongwen recorded

    @property
    def source(self) -> str | None:
        return self.properties.get(SOURCE_PROPERTY)


def read_stamp(path: Path) -> Stamp | None:
    """The stamp of an existing .docx, or ``None`` if it is not a file gongwen wrote."""
    try:
        with zipfile.ZipFile(path) as package:
            properties = _parse_custom_xml(package.read(_CUSTOM_PART))
            body = package.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    fingerprint = properties.get(FINGERPRINT_PROPERTY)
    if fingerprint is None:
        return None
    return Stamp(properties, edited=hashlib.sha256(body).hexdigest() != fingerprint)


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
