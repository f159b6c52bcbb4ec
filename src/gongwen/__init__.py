"""gongwen: a year's work as YAML data → a GB/T 9704-2012 公文 (.docx, optional PDF).

The names below are imported on first use: ``gongwen --version`` and ``--help``, and a
Ctrl-C while the program starts, never wait for pydantic and python-docx to load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongwen.version import __version__ as __version__

_FROM = {
    "BuildOptions": "gongwen.api",
    "BuildResult": "gongwen.api",
    "build": "gongwen.api",
    "check": "gongwen.api",
    "compose": "gongwen.api",
    "load": "gongwen.api",
    "render": "gongwen.api",
    "GongwenError": "gongwen.errors",
    "InputError": "gongwen.errors",
    "OutputError": "gongwen.errors",
    "Problem": "gongwen.errors",
    "TemplateError": "gongwen.errors",
}

__all__ = sorted([*_FROM, "__version__"])

if TYPE_CHECKING:
    from gongwen.api import BuildOptions, BuildResult, build, check, compose, load, render  # noqa: F401
    from gongwen.errors import GongwenError, InputError, OutputError, Problem, TemplateError  # noqa: F401


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module 'gongwen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_FROM[name]), name)
    globals()[name] = value
    return value
