"""Where gongwen keeps what it may throw away: the records of up-to-date inputs (output stage)
and compiled templates (wording stage), each in a folder of its own under one cache root.

Here, in the first stage, because both later stages need the rule and neither may import the
other's. Nothing in the cache is needed: deleting it, or ``GONGWEN_CACHE_DIR=off``, only
costs time.
"""

from __future__ import annotations

import os
from pathlib import Path

_OFF = ("", "off", "0", "none")


def cache_folder(kind: str) -> Path | None:
    """``kind`` (``up-to-date``, ``templates``) under ``GONGWEN_CACHE_DIR``, else under the
    platform's cache folder (``~/.cache/gongwen``; ``%LOCALAPPDATA%\\gongwen`` on Windows);
    ``None`` when caching is off or no home folder is known."""
    chosen = os.environ.get("GONGWEN_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen) / kind
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "gongwen" / kind
