"""gongwen's version, read from the installed distribution's metadata (pyproject is the source)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gongwen")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
