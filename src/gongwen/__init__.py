"""gongwen: a year's work as YAML data → a GB/T 9704-2012 公文 (.docx, optional PDF)."""

from gongwen.errors import GongwenError, InputError, OutputError, Problem, TemplateError
from gongwen.api import BuildOptions, BuildResult, build, check, compose, load, render
from gongwen.version import __version__

__all__ = [
    "BuildOptions",
    "BuildResult",
    "GongwenError",
    "InputError",
    "OutputError",
    "Problem",
    "TemplateError",
    "__version__",
    "build",
    "check",
    "compose",
    "load",
    "render",
]
