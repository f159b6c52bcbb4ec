"""Records of earlier builds, so an up-to-date input is recognised before the heavy stack is
imported (see the comment below)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from gongwen.output.stamp import read_existing, source_digest
from gongwen.source.cachefolder import cache_folder

# The digest a .docx is stamped with covers the wording the templates produced, so computing
# it means loading, validating and composing: the whole stack. A build leaves a small record
# instead, in the user's cache folder, keyed by everything cheap the digest depends on (the
# input's bytes and path, the build flags, gongwen's version and the stat of its code files)
# and listing every other file the build read (templates, 下级单位) with its SHA-256. A later
# build whose key and files match knows the digest at once, compares it with the stamp, and
# skips an up-to-date output without importing pydantic, Jinja or python-docx. A missing,
# damaged or stale record only means the full build runs; it never makes a build skip.

# 2: files are listed by the path the build opened (a symlink in it is followed again when
# the record is checked), no longer by their real path.
_RECORD_VERSION = "2"
_code_fingerprint: str | None = None


def record_folder() -> Path | None:
    """``up-to-date`` in gongwen's cache folder (``GONGWEN_CACHE_DIR``; ``off`` disables records)."""
    return cache_folder("up-to-date")


def code_fingerprint() -> str:
    """Name, size and modification time of every module of gongwen (an edited checkout counts)."""
    global _code_fingerprint
    if _code_fingerprint is None:
        package = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for path in sorted(package.rglob("*.py")):
            try:
                info = path.stat()
            except OSError:
                continue
            digest.update(f"{path.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
        _code_fingerprint = digest.hexdigest()
    return _code_fingerprint


def record_key(raw: bytes, source: Path, flags: str, version: str) -> str:
    # The real path: link/../x.yaml is where the OS finds it, not where the text says.
    return source_digest(_RECORD_VERSION, raw, os.path.realpath(source), flags, version, code_fingerprint())


# SHA-256 of files read by builds in this process, by path, with the stat they had: every build
# of a batch reads the same templates. A file changed within the last two seconds is not kept
# (its timestamp may not move again on a second quick write: "racy git").
_known_shas: dict[str, tuple[tuple[int, ...], str]] = {}
_MAX_KNOWN_SHAS = 256
_RACY_NS = 2_000_000_000


def _file_sha(path: str) -> str | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    known = _known_shas.get(path)
    if known is not None and known[0] == identity:
        return known[1]
    data = read_existing(Path(path), follow=True)
    if data is None:
        return None
    sha = hashlib.sha256(data).hexdigest()
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > _RACY_NS:
        if len(_known_shas) >= _MAX_KNOWN_SHAS:
            _known_shas.clear()
        _known_shas[path] = (identity, sha)
    return sha


def recall(key: str) -> tuple[str, list[str], list[dict]] | None:
    """``(digest, files read, findings)`` of an earlier build with this key whose files are unchanged."""
    folder = record_folder()
    data = read_existing(folder / f"{key}.json", limit=1024 * 1024) if folder is not None else None
    if data is None:
        return None
    try:
        record = json.loads(data.decode("utf-8"))
        digest, files, findings = record["digest"], record["files"], record["findings"]
        if not isinstance(digest, str) or any(_file_sha(name) != sha for name, sha in files.items()):
            return None
        return digest, sorted(files), list(findings)
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return None


def _absolute(name: str) -> str:
    return name if os.path.isabs(name) else os.path.join(os.getcwd(), name)


def remember(
    key: str, digest: str, files: list[str], findings: list[dict], started_ns: int = 0, read: dict[str, bytes] | None = None
) -> None:
    """Record what a build found; silently nothing if the cache folder cannot be written.

    A file changed since the build started (``started_ns``) may have been read in its old
    form: the record would pair its new digest with the old output, so none is written.
    ``read``: files whose bytes the build holds (the input), hashed from those bytes."""
    folder = record_folder()
    if folder is None:
        return
    try:  # the ctime too: a sync client or ``cp -p`` gives a new file an older mtime
        if any(max((info := os.stat(name)).st_mtime_ns, info.st_ctime_ns) >= started_ns for name in files):
            return
    except OSError:
        return
    read = read or {}
    # By the path as the build opened it, made absolute without resolving anything: ``link/..``
    # is resolved by the OS as the build's open resolved it, and a symlink pointed elsewhere
    # later names other bytes when the record is checked.
    shas = {
        _absolute(name): hashlib.sha256(read[name]).hexdigest() if name in read else _file_sha(name)
        for name in files
    }
    if any(sha is None for sha in shas.values()):
        return
    text = json.dumps({"digest": digest, "files": shas, "findings": findings}, ensure_ascii=False)
    record = folder / f"{key}.json"
    if read_existing(record, limit=1024 * 1024) == text.encode("utf-8"):
        return  # the same build again: a read is cheaper than a write and a rename
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, record)
    except OSError:
        pass
