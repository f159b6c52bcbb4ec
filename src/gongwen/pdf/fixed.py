"""Same .docx, same PDF bytes: LibreOffice stamps each PDF with the wall clock
(/CreationDate), a random-looking /ID and a /DocChecksum over both. They are replaced, in
place and at the same length (so the cross-reference offsets stay right), by the document's
own moment (its docProps/core.xml creation date, which gongwen sets from 成文日期 or
SOURCE_DATE_EPOCH) and digests of the content.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:\d{14}[^)]{0,8}\)")
_ID = re.compile(rb"/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")
_CREATED = re.compile(rb"<dcterms:created[^>]*>(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})")
MAX_CORE_BYTES = 1 << 16  # docProps/core.xml is a few hundred bytes


def document_moment(docx: Path) -> bytes | None:
    """The creation moment gongwen wrote into the .docx, as a PDF date ``D:YYYYMMDDHHMMSS``."""
    try:
        with zipfile.ZipFile(docx) as package:
            info = package.getinfo("docProps/core.xml")
            if info.file_size > MAX_CORE_BYTES:
                return None
            match = _CREATED.search(package.read(info))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return b"D:" + b"".join(match.groups()) if match else None


def fixed_pdf(pdf: bytes, moment: bytes | None) -> bytes:
    """``pdf`` with its dates, /ID and /DocChecksum made functions of its content."""
    if moment is not None:
        pdf = _DATE.sub(lambda m: _same_length(m.group(), _date(m, moment)), pdf)
    blank = _CHECKSUM.sub(lambda m: m.group().replace(m.group(1), b"0" * 32), _ID.sub(_zero_ids, pdf))
    digest = hashlib.md5(blank).hexdigest().upper().encode()  # noqa: S324 - an identifier, not security
    pdf = _ID.sub(lambda m: m.group().replace(m.group(1), digest).replace(m.group(2), digest), blank)
    return _CHECKSUM.sub(lambda m: m.group().replace(b"0" * 32, digest), pdf)


def _date(match: re.Match, moment: bytes) -> bytes:
    """The moment in UTC, in the zone form LibreOffice used (``Z'`` or ``+08'00'``), so the
    length, and every offset after it, stays as it was."""
    zone = b"Z'" if match.group().endswith(b"Z')") else b"+00'00'"
    return b"/" + match.group(1) + b"(" + moment + zone + b")"


def _zero_ids(match: re.Match) -> bytes:
    return match.group().replace(match.group(1), b"0" * 32).replace(match.group(2), b"0" * 32)


def _same_length(old: bytes, new: bytes) -> bytes:
    return new if len(new) == len(old) else old  # an unexpected form is left as LibreOffice wrote it
