"""Compiled wording templates kept on disk, so a new process skips Jinja's compiler.

Jinja compiles every template a process loads (``_common.j2`` alone takes longer than the
rest of the wording): in one process it keeps the result, but each ``gongwen build`` is a new
process. This cache keeps the compiled code in gongwen's cache folder, next to the records of
up-to-date inputs, in a format of its own (Jinja's pickles a checksum; nothing here is
unpickled):

    magic · key · SHA-1 of the template's source · SHA-256 of the code · marshalled code

An entry is used only when all of them match: the key covers what the code depends on besides
the source (Python, Jinja, gongwen's sandbox, the environment's options, the template's name
and file), the source checksum makes an edited template compile again, and the code digest
turns a damaged file into a miss instead of a crash. Anything wrong with an entry or with the
folder (missing, read-only, another user's file) only means Jinja compiles as it would without
a cache. Entries are written to a temporary file and renamed, so concurrent builds see an old
entry or a new one, never half of one; the folder keeps at most ``MAX_ENTRIES`` of them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import os
import secrets
import stat
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from gongwen.source.cachefolder import cache_folder as shared_cache_folder

MAX_ENTRIES = 64  # the built-in templates are ten; the rest is room for a clerk's own
MAX_ENTRY_BYTES = 8_000_000  # compiled code of a template (the largest built-in one is 30 KB)
STALE_TEMPORARY_SECONDS = 3600  # a temporary file this old was left by a build that died
_MAGIC = b"gongwen-template-bytecode 1\n"
_SUFFIX = ".jbc"
def cache_folder() -> Path | None:
    """Where compiled templates go: ``templates`` in gongwen's cache folder, beside the
    up-to-date records (``GONGWEN_CACHE_DIR``; ``off`` disables both)."""
    return shared_cache_folder("templates")


def environment_salt(environment: jinja2.Environment, compiler_files: tuple[Path, ...]) -> bytes:
    """Everything besides a template's source that the compiled code depends on.

    ``compiler_files`` are gongwen's own modules that change what Jinja generates (the sandbox
    rewrites every loop and ``~``); their bytes, not their times, are hashed."""
    digest = hashlib.sha256(_MAGIC)
    digest.update(importlib.util.MAGIC_NUMBER + sys.implementation.cache_tag.encode())
    digest.update(jinja2.__version__.encode())
    digest.update(repr(_options(environment)).encode())
    for path in compiler_files:
        digest.update(path.read_bytes())
    return digest.digest()


def _options(env: jinja2.Environment) -> tuple[Any, ...]:
    """The environment's settings Jinja's lexer and code generator read."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string)
    syntax += (env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix)
    layout = (env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline)
    behaviour = (type(env).__qualname__, env.optimized, env.is_async, bool(env.autoescape), env.finalize is not None)
    names = (sorted(env.filters), sorted(env.tests), sorted(env.extensions))
    return syntax + layout + behaviour + names


class TemplateBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache hook, storing entries in ``cache_folder()`` (read on every use,
    so a change of ``GONGWEN_CACHE_DIR`` applies to the next template loaded)."""

    def __init__(self, environment: jinja2.Environment, compiler_files: tuple[Path, ...]) -> None:
        self.environment, self.compiler_files = environment, compiler_files

    @functools.cached_property
    def salt(self) -> bytes | None:
        """Computed at the first template loaded; ``None`` (no cache) if a file is unreadable."""
        try:
            return environment_salt(self.environment, self.compiler_files)
        except OSError:
            return None

    def folder(self) -> Path | None:
        return cache_folder() if self.salt is not None else None

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        digest = hashlib.sha256(self.salt or b"")
        digest.update(f"{name}\0{filename}".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        folder = self.folder()
        data = _read_own_file(folder / f"{bucket.key}{_SUFFIX}") if folder is not None else None
        code = _decode(data, bucket.key, bucket.checksum) if data is not None else None
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store the entry; silently nothing when the folder cannot be written (a cache)."""
        folder = self.folder()
        if folder is None or bucket.code is None:
            return
        try:
            data = _encode(bucket.key, bucket.checksum, marshal.dumps(bucket.code))
            if len(data) <= MAX_ENTRY_BYTES:
                _write_atomically(folder, f"{bucket.key}{_SUFFIX}", data)
                _prune(folder)
        except (OSError, ValueError):
            pass

    def clear(self) -> None:
        folder = self.folder()
        for path in _entries(folder) if folder is not None else []:
            _remove(path)


def _encode(key: str, checksum: str, code: bytes) -> bytes:
    return b"".join((_MAGIC, bytes.fromhex(key), checksum.encode("ascii"), hashlib.sha256(code).digest(), code))


def _decode(data: bytes, key: str, checksum: str) -> Any:
    """The code object of an entry, or ``None`` unless every part of it matches."""
    header = b"".join((_MAGIC, bytes.fromhex(key), checksum.encode("ascii")))
    start = len(header) + 32
    if not data.startswith(header) or hashlib.sha256(data[start:]).digest() != data[len(header) : start]:
        return None
    try:
        return marshal.loads(data[start:])
    except (EOFError, ValueError, TypeError):
        return None


def _read_own_file(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file of this user that no one else may write (its
    code will run), at most MAX_ENTRY_BYTES long; else ``None``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        try:
            info = os.fstat(file.fileno())
            if not (stat.S_ISREG(info.st_mode) and _own(info)) or info.st_size > MAX_ENTRY_BYTES:
                return None
            return file.read(MAX_ENTRY_BYTES + 1)
        except OSError:
            return None


def _own(info: os.stat_result) -> bool:
    if not hasattr(os, "geteuid"):  # Windows: the cache folder is in the user's profile
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write_atomically(folder: Path, name: str, data: bytes) -> None:
    """Write to a temporary file only this user can write, then rename it into place."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, folder / name)
    except BaseException:
        _remove(temporary)
        raise


def _entries(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder) if entry.name.endswith(_SUFFIX)]
    except OSError:
        return []


def _prune(folder: Path) -> None:
    """Keep the newest MAX_ENTRIES entries, and remove temporary files of builds that died."""
    now = time.time()
    entries = []
    for entry in os.scandir(folder):
        modified = _modified(entry)
        if entry.name.endswith(".tmp") and now - modified > STALE_TEMPORARY_SECONDS:
            _remove(Path(entry.path))
        elif entry.name.endswith(_SUFFIX):
            entries.append((modified, entry.path))
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        _remove(Path(path))


def _modified(entry: os.DirEntry) -> float:
    try:
        return entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # removed by a concurrent build, or not ours to remove
