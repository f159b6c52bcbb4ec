"""Regular expressions compiled on first use rather than at import.

The lint rules hold about thirty patterns. Compiling them at import took longer than running
every rule on a document (a character class over the CJK block alone takes ~4 ms: ``re``'s
compiler visits each code point of a range), and a run that lints nothing (``gongwen
--version``, an up-to-date build, a build of another module's stage) should not pay for it.
"""

from __future__ import annotations

import re
from typing import Any

# What the rules call on a pattern; each becomes the compiled pattern's own method on first use.
_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str) -> Any:
        # Reached only before the first use (and for names this class does not hold): the
        # compiled pattern's methods are then stored on the instance, so every later call
        # costs what a call on a compiled pattern costs.
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
