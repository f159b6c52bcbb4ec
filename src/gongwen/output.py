"""Atomic writes: a failed build leaves any earlier output byte-for-byte as it was."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(str(path), _explain(exc)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(str(path), _explain(exc)) from None


def _explain(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限（文件夹只读，或文件正被 Word/WPS 打开）。请关闭文件或用 -o 指定其他位置。"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足。"
    if exc.errno == errno.EISDIR:
        return "目标是一个文件夹，请指定文件名。"
    if exc.errno in (errno.ENOTDIR, errno.ENOENT):
        return "目标路径中的文件夹不存在或不是文件夹。"
    return exc.strerror or str(exc)
