"""pydantic's plugin loader, stood in for when plugins are switched off.

Every validator pydantic builds asks ``pydantic.plugin._loader.get_plugins()`` for plugins
first. That module imports ``importlib.metadata`` (and with it the ``email`` package and
``socket``: ~30 ms of a cold ``gongwen build``, more than building the validators) even when
``PYDANTIC_DISABLE_PLUGINS`` says there are none to load, in which case its ``get_plugins()``
returns ``()`` without reading anything. The CLI sets that variable, so there the loader is
replaced by one whose ``get_plugins()`` returns that same ``()``.

Nothing changes for a program that leaves plugins on, or that had pydantic load them already.
"""

from __future__ import annotations

import os
import sys
import types

LOADER = "pydantic.plugin._loader"
DISABLED = ("__all__", "1", "true")  # the values pydantic's own get_plugins() treats as "none"


def _no_plugins() -> tuple:
    return ()


def skip_plugin_scan() -> None:
    """Stand in for pydantic's plugin loader if plugins are off and it is not loaded yet."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in DISABLED or LOADER in sys.modules:
        return
    loader = types.ModuleType(LOADER, "gongwen's stand-in: plugins are disabled (PYDANTIC_DISABLE_PLUGINS).")
    loader.get_plugins = _no_plugins
    sys.modules[LOADER] = loader
