"""Safe writes: every output of one input is committed together, or none is.

Rules, each held by a test in ``tests/test_output_safety.py``:

* Only regular files are ever replaced: a device node, a FIFO, a symlink (``/proc/self/fd/1``)
  or a folder at an output path is refused, even as root.
* A read-only output is the clerk's decision; it is refused without ``--force``.
* Data goes to a short-named temporary file beside its target (``.gongwen-PID-XXXX.tmp``, so a
  legal 245-byte name still has room), is flushed to disk, and is renamed into place only when
  every output of the input has been staged. If a rename fails, the outputs already renamed
  are put back from their backups: an earlier build's files stay as they were.
* New files get the umask's permissions; a replaced file keeps its own mode.
* Temporary files a killed build left behind are removed by later builds in that folder once
  their owner process is gone and they are an hour old (a running build's never are).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from gongwen.errors import OutputError, explain

_TEMP_PREFIX = ".gongwen-"
_TEMP = re.compile(r"\.gongwen-(\d+)-[0-9a-f]{8}\.(?:tmp|bak)$")
STALE_SECONDS = 3600  # a build of one document takes seconds; an hour-old temp file is an orphan


def owner_pid() -> int:
    """The process that owns staged files: the batch's main process, not a pool worker."""
    return int(os.environ.get("GONGWEN_OWNER_PID", os.getpid()))


def existing_kind(path: Path) -> str:
    """``missing``, ``file`` or what else stands at ``path`` (never following a symlink)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        raise OutputError(str(path), explain(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        return "symlink"
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if not stat.S_ISREG(info.st_mode):
        return "special"
    return "readonly" if not info.st_mode & 0o222 else "file"


_NOT_REPLACEABLE = {
    "symlink": "这个位置是一个符号链接（快捷方式）。gongwen 只替换普通文件，不会替换链接或它指向的内容。请用 -o 指定其他文件名。",
    "folder": "这个位置已有一个同名的文件夹。请改用其他输出文件名，或把文件夹移走。",
    "special": "这个位置是设备、管道或其他特殊文件，不是普通文件，gongwen 不会替换它。请用 -o 指定一个普通文件名。",
}


def check_replaceable(path: Path) -> bool:
    """True if ``path`` exists (as a regular file, which may be read); raises for anything else."""
    kind = existing_kind(path)
    if kind in _NOT_REPLACEABLE:
        raise OutputError(str(path), _NOT_REPLACEABLE[kind])
    return kind != "missing"


def refuse_read_only(path: Path, force: bool) -> None:
    """A read-only output about to be replaced is the clerk's decision: refused without --force
    (one that is already up to date is simply left alone)."""
    if not force and existing_kind(path) == "readonly":
        raise OutputError(str(path), "文件是只读的，为免覆盖被保护的文件，未写入。确认可以覆盖时请加 --force。")


@dataclass
class Staged:
    """One output written to a temporary file beside its target, not yet in place."""

    target: Path
    temporary: Path


@dataclass
class Transaction:
    """All outputs of one input: staged one by one, then committed together."""

    staged: list[Staged] = field(default_factory=list)

    def stage(self, target: Path, data: bytes) -> Staged:
        """Write ``data`` beside ``target``; raises ``OutputError`` (and stages nothing) on failure."""
        folder = target.parent if str(target.parent) else Path(".")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = _create_temporary(folder, _mode_for(target))
        except OSError as exc:
            self.abort()
            raise OutputError(str(target), explain(exc)) from None
        try:
            with open(temporary, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            self.abort()
            raise OutputError(str(target), explain(exc)) from None
        staged = Staged(target, temporary)
        self.staged.append(staged)
        return staged

    def commit(self) -> list[Path]:
        """Rename every staged file into place; on failure restore what was replaced."""
        done: list[tuple[Staged, Path | None]] = []
        try:
            for item in self.staged:
                backup = _backup(item.target)
                done.append((item, backup))
                os.replace(item.temporary, item.target)
        except OSError as exc:
            failed = done[-1][0].target if done else self.staged[0].target
            _roll_back(done)
            self.abort()
            raise OutputError(str(failed), explain(exc) + "（本数据文件的其他输出也保持原样。）") from None
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)
        targets = [item.target for item in self.staged]
        self.staged = []
        return targets

    def abort(self) -> None:
        """Remove every staged file; targets are untouched."""
        for item in self.staged:
            item.temporary.unlink(missing_ok=True)
        self.staged = []


def atomic_write(path: Path, data: bytes) -> None:
    """One file, written atomically (``init`` and other single outputs)."""
    transaction = Transaction()
    transaction.stage(path, data)
    transaction.commit()


def _create_temporary(folder: Path, mode: int) -> Path:
    for _ in range(100):
        temporary = folder / f"{_TEMP_PREFIX}{owner_pid()}-{secrets.token_hex(4)}.tmp"
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
        except FileExistsError:
            continue
        os.close(handle)
        os.chmod(temporary, mode)  # os.open applies the umask only to new files; be explicit
        return temporary
    raise OSError(errno.EEXIST, "no free temporary name")


def _mode_for(target: Path) -> int:
    """A replaced file keeps its mode; a new one gets what the umask allows (0666 & ~umask)."""
    try:
        return os.lstat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _backup(target: Path) -> Path | None:
    """A hard link to the file about to be replaced, so a failed commit can put it back."""
    if not target.exists():
        return None
    backup = target.parent / f"{_TEMP_PREFIX}{owner_pid()}-{secrets.token_hex(4)}.bak"
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links: no rollback for this one file
        return None
    return backup


def _roll_back(done: list[tuple[Staged, Path | None]]) -> None:
    for item, backup in reversed(done):
        try:
            if backup is not None:
                os.replace(backup, item.target)
                backup.unlink(missing_ok=True)  # rename() does nothing when both name one file
            elif not item.temporary.exists():  # it had been renamed into place and was new
                item.target.unlink(missing_ok=True)
        except OSError:
            pass  # best effort: the original error is what the clerk needs to see


def remove_stale_temporaries(targets: list[Path]) -> None:
    """Delete, beside ``targets``, temporary files of builds that were killed: gongwen's own
    (owner process gone, an hour old) and gongwen 0.1's for these very targets
    (``.报告.docx.abcd1234.tmp``). Nothing else is ever touched, whatever its name."""
    for folder in sorted({target.parent for target in targets}):
        legacy = re.compile(
            r"\.(" + "|".join(re.escape(t.name) for t in targets if t.parent == folder) + r")\.[a-z0-9_]{8}\.tmp$"
        )
        _remove_stale_in(folder, legacy)


def _remove_stale_in(folder: Path, legacy: re.Pattern) -> None:
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match and not legacy.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or abs(now - info.st_mtime) < STALE_SECONDS:
            continue
        if match and _alive(int(match.group(1))):
            continue  # never another running build's files, however old the clock says they are
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
