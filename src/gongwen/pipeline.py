"""The library's entry points: each stage of YAML → .docx callable on its own.

``load`` (YAML with marks → validated ``Document``), ``compose`` (Jinja wording → numbered
blocks), ``render`` (blocks → .docx bytes) and ``build`` (all of it, written atomically).
The CLI is a thin client of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .blocks import Block
from .loader import load_file
from .model import Document
from .output import atomic_write
from .validate import validate
from .wording import compose_blocks
from .writer import DocumentInfo, Grid, render_docx


@dataclass(frozen=True)
class BuildResult:
    source: Path
    docx: Path


def load(path: str | Path) -> Document:
    """Read, check and figure-fill one YAML file; ``InputError`` lists all its problems."""
    return validate(load_file(path))


def compose(document: Document, template: str | Path | None = None) -> list[Block]:
    return compose_blocks(document, template)


def render(document: Document, template: str | Path | None = None, grid: Grid = "portable") -> bytes:
    info = DocumentInfo(title=document.display_title, author=document.issuer, date=document.date)
    return render_docx(compose(document, template), info, grid)


def default_output(source: Path) -> Path:
    return source.with_suffix(".docx")


def build(
    source: str | Path,
    output: str | Path | None = None,
    template: str | Path | None = None,
    grid: Grid = "portable",
) -> BuildResult:
    """YAML file → .docx beside it (or at ``output``); nothing is written if any stage fails."""
    source = Path(source)
    target = Path(output) if output is not None else default_output(source)
    data = render(load(source), template, grid)
    atomic_write(target, data)
    return BuildResult(source=source, docx=target)
