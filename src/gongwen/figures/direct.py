"""Texts of plain references, ``召开{{ 工作会议 }}，{{ 工作会议.同比 }}``, filled in without Jinja's
compiler, to the very string Jinja would print.

Nearly every text with a ``{{`` is of this kind, and compiling one with Jinja takes about a
millisecond (lexer, parser, code generator, Python's compiler), the largest part of filling a
document's figures in a fresh process. What Jinja's code does for such a text is short: print
the text between references as it is (Jinja's lexer normalises its line ends and drops one
final newline), look each name up in the context (an unknown one is the environment's
undefined), follow each attribute with the environment's ``getattr`` (the sandbox's check) and
print ``str()`` of the result. This module does exactly that, with the same environment, so the
values and errors are Jinja's own. Any other text, or a name Jinja would read differently,
gives ``None`` and is rendered by Jinja.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import jinja2

# The text between references holds no "{" that opens a tag; a reference is a name and its
# attributes, without whitespace control ({{- x }}). Names start as Jinja's names start.
_NAME = r"[^\W\d]\w*"
_PLAIN_TEXT = re.compile(rf"(?:(?:[^{{]|\{{(?![{{%#]))+|\{{\{{\s*{_NAME}(?:\.{_NAME})*\s*\}}\}})*")
_REFERENCE = re.compile(rf"\{{\{{\s*({_NAME}(?:\.{_NAME})*)\s*\}}\}}")
# Jinja's lexer turns each of these into the newline sequence ("\n").
_LINE_END = re.compile(r"\r\n|\r|\n")
# Names Jinja reads as constants or operators, or gives a meaning of its own (``self``).
_SPECIAL_NAMES = frozenset("true false True False none None and or not in is if else self".split())

Piece = str | tuple[str, ...]  # text printed as it is, or a name and its attributes


@functools.lru_cache(maxsize=4096)
def plain_pieces(text: str) -> tuple[Piece, ...] | None:
    """The text as Jinja would print it: literal text and references, or ``None`` if it holds
    anything but plain references (texts repeat across the builds of a batch, hence the cache)."""
    text = _as_lexed(text)
    if not _PLAIN_TEXT.fullmatch(text):
        return None
    pieces: list[Piece] = []
    position = 0
    for match in _REFERENCE.finditer(text):
        reference = tuple(match.group(1).split("."))
        if not _read_as_a_name(reference):
            return None
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.append(reference)
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return tuple(pieces)


def _as_lexed(text: str) -> str:
    """What Jinja's lexer reads: every line end as "\\n", and one final line end dropped
    (``keep_trailing_newline`` is off in the figures' environment)."""
    lines = _LINE_END.split(text)
    if lines[-1] == "":
        del lines[-1]
    return "\n".join(lines)


def _read_as_a_name(reference: tuple[str, ...]) -> bool:
    """Whether Jinja's code for this reference is a plain look-up of the name. Python folds
    identifiers to NFKC, so the variables Jinja generates for ``ﬁ`` and ``fi`` would be one: a
    name that folding changes goes to Jinja."""
    name = reference[0]
    if name in _SPECIAL_NAMES or not all(part.isidentifier() for part in reference):
        return False
    return name.isascii() or unicodedata.normalize("NFKC", name) == name


def render_plain(pieces: tuple[Piece, ...], context: dict[str, Any], environment: jinja2.Environment) -> str:
    """``environment.from_string(text).render(context)`` for a text of ``plain_pieces``."""
    return "".join(_printed(pieces, context, environment))


def _printed(pieces: tuple[Piece, ...], context: dict[str, Any], environment: jinja2.Environment) -> Iterator[str]:
    for piece in pieces:
        if isinstance(piece, str):
            yield piece
            continue
        name, *attributes = piece
        value = _resolved(name, context, environment)
        for attribute in attributes:
            value = environment.getattr(value, attribute)
        yield str(value)


def _resolved(name: str, context: dict[str, Any], environment: jinja2.Environment) -> Any:
    """Jinja's ``Context.resolve_or_missing``: the render's names, then the globals."""
    if name in context:
        return context[name]
    if name in environment.globals:
        return environment.globals[name]
    return environment.undefined(name=name)
