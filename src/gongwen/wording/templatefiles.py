"""Template files read safely: regular files only, never blocking, at most a megabyte, UTF-8.

Jinja's own loader opens whatever the name points at; a FIFO named like a template would
block for ever and ``/dev/zero`` would never end.
"""

from __future__ import annotations

import functools
import os
import posixpath
import stat

import jinja2
from jinja2.loaders import split_template_path

MAX_TEMPLATE_BYTES = 1_000_000  # a template file (the built-in ones are under 10 KB)


class TemplateFileError(jinja2.TemplateError):
    """A template file (the main one or an include) exists but cannot be read as a template."""

    def __init__(self, name: str, filename: str, message: str, line: int | None = None):
        super().__init__(message)
        self.name, self.filename, self.line = name, filename, line


class BoundedFileLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading only regular files, never more than MAX_TEMPLATE_BYTES,
    and never blocking (a FIFO or a device named like a template is refused unopened)."""

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        for index, folder in enumerate(self.searchpath):
            filename = posixpath.join(folder, *pieces)
            try:
                info = os.stat(filename)
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError as exc:
                raise TemplateFileError(template, filename, _os_reason(exc)) from None
            source = read_template_file(template, filename, info)
            earlier = tuple(posixpath.join(f, *pieces) for f in self.searchpath[:index])
            return source, filename, functools.partial(_unchanged, filename, _identity(info), earlier)
        raise jinja2.TemplateNotFound(template)


def read_template_file(name: str, filename: str, info: os.stat_result) -> str:
    if not stat.S_ISREG(info.st_mode):
        raise TemplateFileError(name, filename, "不是普通文件（而是文件夹、管道或设备），请指定一个 .j2 文本文件。")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise TemplateFileError(name, filename, _too_big_file())
    try:
        descriptor = os.open(filename, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise TemplateFileError(name, filename, _os_reason(exc)) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # replaced since the stat above
            raise TemplateFileError(name, filename, "不是普通文件，请指定一个 .j2 文本文件。")
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateFileError(name, filename, _too_big_file())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = "不是 UTF-8 编码的文本，请用文本编辑器另存为 UTF-8 编码（GBK 等编码的模板需要转换）。"
        raise TemplateFileError(name, filename, message, line) from None


def _too_big_file() -> str:
    return f"超过 {MAX_TEMPLATE_BYTES // 1_000_000} MB，不像是措辞模板，请检查文件是否选错。"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限，请检查文件权限（例如 chmod u+r）。"
    return f"无法读取（系统错误号 {exc.errno}），请检查文件是否存在并可以读取。"


def _identity(info: os.stat_result) -> tuple[int, ...]:
    """What changes whenever a file's contents may have. The modification time alone does not:
    cp -p, an unpacked archive or a folder written again keep it; the inode, the size and the
    status-change time (which no tool can set back) change with them."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _unchanged(filename: str, identity: tuple[int, ...], earlier: tuple[str, ...]) -> bool:
    """Whether a compiled template (Jinja keeps them between builds) is still what loading it
    again would give: its file is the same, and no file of its name has appeared in a folder
    searched before its own (a clerk's ``_common.j2`` put beside the template overrides the
    built-in one from the next build on)."""
    try:
        if _identity(os.stat(filename)) != identity:
            return False
    except OSError:
        return False
    return not any(_found(path) for path in earlier)


def _found(filename: str) -> bool:
    """Whether ``get_source`` would stop at ``filename`` (a file, or something it refuses)."""
    try:
        os.stat(filename)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True
