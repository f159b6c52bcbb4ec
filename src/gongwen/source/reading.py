"""The input file, read once: regular files only, never blocking, never past the size limit.

A FIFO or a device named as input would block or never end; reading the file twice (once to
parse, once for the up-to-date digest) would let the two disagree. Everything downstream
works from these bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gongwen.errors import InputError, Problem, explain
from gongwen.source.loader import MAX_FILE_BYTES, Loaded, load_bytes
from gongwen.source.yamlerrors import RULE_FILE


def read_source(path: Path) -> bytes:
    """The input's bytes, read once: regular files only, never blocking, never past the limit."""
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise _source_error(name, "文件不存在，请检查路径是否正确。") from None
    except IsADirectoryError:
        raise _source_error(name, "这是一个文件夹，请指定 .yaml 文件。") from None
    except PermissionError:
        raise _source_error(name, "没有读取这个文件的权限。请检查文件权限。") from None
    except OSError as exc:
        raise _source_error(name, f"无法读取文件：{explain(exc)}") from None
    mode = os.fstat(handle).st_mode  # before fdopen, which refuses a folder with its own error
    if not stat.S_ISREG(mode):
        os.close(handle)
        if stat.S_ISDIR(mode):
            raise _source_error(name, "这是一个文件夹，请指定 .yaml 文件。")
        message = (
            "不是普通文件（而是管道、设备或终端），gongwen 只读取保存在磁盘上的 .yaml 文件。请先把数据保存为文件。"
        )
        raise _source_error(name, message)
    with os.fdopen(handle, "rb") as stream:
        try:
            return stream.read(MAX_FILE_BYTES + 1)  # load_bytes refuses what is over the limit
        except OSError as exc:
            raise _source_error(name, f"无法读取文件：{explain(exc)}") from None


def _source_error(name: str, message: str) -> InputError:
    return InputError([Problem(name, 0, 0, "", message, rule=RULE_FILE)])


def load_file(path: str | Path) -> Loaded:
    """Read and parse one YAML file; raise ``InputError`` with a located message on failure."""
    return load_bytes(read_source(Path(path)), str(path))
