"""Byte-identical .docx files: the same input gives the same bytes, whenever and wherever.

python-docx stamps every zip entry with the current local time (python-docx #1042, #811).
The package is rewritten with the DOS epoch that Word itself uses, fixed permissions and
the entry order python-docx chose, so only the document's content decides its bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps, permissions and creator system."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return write_zip((entry.filename, source.read(entry.filename)) for entry in source.infolist())


def write_zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, bytes)`` members in this order, with fixed timestamps, permissions and
    creator system: the only zip pass of a build (its bytes depend on the members alone)."""
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, data, compresslevel=6)
    return target_buffer.getvalue()
