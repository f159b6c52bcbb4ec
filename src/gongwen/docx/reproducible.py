"""Byte-identical .docx files: the same input gives the same bytes, whenever and wherever.

python-docx stamps every zip entry with the current local time (python-docx #1042, #811).
The package is written with the DOS epoch that Word itself uses, fixed permissions and the
entry order python-docx chose, so only the document's content decides its bytes.

The zip is laid out exactly as ``zipfile`` lays it out for these settings (a test compares
the two byte for byte), by a writer of its own: ``zipfile`` cannot take a member already
deflated, and most of a document's package (styles.xml above all) is the same for every
document, so its deflated bytes are kept and reused instead of compressed again.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable

_EPOCH = (1980, 1, 1, 0, 0, 0)
_DOS_DATE = (_EPOCH[0] - 1980) << 9 | _EPOCH[1] << 5 | _EPOCH[2]
_DOS_TIME = _EPOCH[3] << 11 | _EPOCH[4] << 5 | _EPOCH[5] // 2
_LEVEL = 6
_VERSION = 20  # 2.0: deflate, what zipfile writes without zip64
_CREATE_SYSTEM = 0  # MS-DOS, as Word writes it
_EXTERNAL_ATTR = 0o644 << 16
_UTF8_NAME = 0x800

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_ZIP64_LIMIT = (1 << 31) - 1  # zipfile switches to zip64 above this; a .docx never gets near


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps, permissions and creator system."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return write_zip((entry.filename, source.read(entry.filename)) for entry in source.infolist())


def write_zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, bytes)`` members in this order, with fixed timestamps, permissions and
    creator system: the only zip pass of a build (its bytes depend on the members alone)."""
    out = io.BytesIO()
    central = []
    for name, data in parts:
        if len(data) * 1.05 > _ZIP64_LIMIT:
            raise ValueError(f"zip member {name} is too large: {len(data)} bytes")
        encoded, flags = _encoded_name(name)
        crc, deflated = _DEFLATED.get(data)
        sizes = (crc, len(deflated), len(data), len(encoded))
        central.append((encoded, flags, sizes, out.tell()))
        out.write(_LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, *sizes, 0))
        out.write(encoded)
        out.write(deflated)
    start = out.tell()
    for encoded, flags, (crc, packed, size, length), offset in central:
        out.write(
            _CENTRAL.pack(
                b"PK\001\002", _VERSION, _CREATE_SYSTEM, _VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                _DOS_TIME, _DOS_DATE, crc, packed, size, length, 0, 0, 0, 0, _EXTERNAL_ATTR, offset,
            )
        )
        out.write(encoded)
    end = out.tell()
    out.write(_END.pack(b"PK\005\006", 0, 0, len(central), len(central), end - start, start, 0))
    return out.getvalue()


def _encoded_name(name: str) -> tuple[bytes, int]:
    """zipfile's rule: ASCII names as they are, any other name in UTF-8 with its flag set."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


class _DeflateCache:
    """CRC-32 and deflated bytes of recent members, least recently used dropped first, at most
    ``budget`` bytes of input kept: a batch's shared parts are compressed once per process."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._kept: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
        self._size = 0

    def get(self, data: bytes) -> tuple[int, bytes]:
        known = self._kept.get(data)
        if known is not None:
            self._kept.move_to_end(data)
            return known
        compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)  # raw deflate, as zipfile
        result = zlib.crc32(data), compressor.compress(data) + compressor.flush()
        if len(data) <= self._budget // 4:
            self._keep(data, result)
        return result

    def _keep(self, data: bytes, result: tuple[int, bytes]) -> None:
        self._kept[data] = result
        self._size += len(data)
        while self._size > self._budget:
            dropped, _ = self._kept.popitem(last=False)
            self._size -= len(dropped)


_DEFLATED = _DeflateCache(budget=8 * 1024 * 1024)
