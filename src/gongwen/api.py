"""The library's entry points, one per stage of YAML → .docx and each callable on its own.

``load`` (YAML with marks → validated ``Document`` with its figures filled in), ``compose``
(Jinja wording → numbered blocks), ``render`` (blocks → .docx bytes), ``build`` (all of it,
written atomically, skipping outputs that are up to date and refusing to overwrite a clerk's
edits) and ``check`` (every problem of a file, writing nothing). The CLI is their client.
"""

from __future__ import annotations

from pathlib import Path

from gongwen.errors import Problem
from gongwen.output.build import BuildOptions, BuildResult, build, compose, load, render
from gongwen.output.check import check_file

__all__ = ["BuildOptions", "BuildResult", "build", "check", "compose", "load", "render"]


def check(path: str | Path) -> list[Problem]:
    """Every problem of one data file (loading, validation, lint, wording), sorted by line."""
    return check_file(path).problems
