"""gongwen: a year's work as YAML data → a GB/T 9704-2012 公文 (.docx, optional PDF)."""

from importlib.metadata import PackageNotFoundError, version

from .errors import GongwenError, InputError, OutputError, Problem, TemplateError
from .pipeline import BuildResult, build, compose, load, render

try:
    __version__ = version("gongwen")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "BuildResult",
    "GongwenError",
    "InputError",
    "OutputError",
    "Problem",
    "TemplateError",
    "__version__",
    "build",
    "compose",
    "load",
    "render",
]
