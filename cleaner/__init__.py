"""cleaner: strip boilerplate from scraped pages into a clean article body plus metadata.

    >>> import cleaner
    >>> doc = cleaner.clean(text)
    >>> doc.body, doc.title, doc.removed

The names below load on first use, so `import cleaner.cli` starts light and the command can
turn a Ctrl-C during its start-up into one line instead of a traceback.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cleaner import Cleaner, clean
    from .config import Config
    from .document import Caption, Document, Removed

__all__ = ["Cleaner", "Caption", "Config", "Document", "Removed", "clean"]
__version__ = "0.1.0"
_HOME = {"Cleaner": ".cleaner", "clean": ".cleaner", "Config": ".config",
         "Caption": ".document", "Document": ".document", "Removed": ".document"}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(import_module(_HOME[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
