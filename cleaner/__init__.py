"""cleaner: strip boilerplate from scraped pages into a clean article body plus metadata.

    >>> import cleaner
    >>> doc = cleaner.clean(text)
    >>> doc.body, doc.title, doc.removed
"""
from .cleaner import Cleaner, clean
from .config import Config
from .document import Caption, Document, Removed

__all__ = ["Cleaner", "Caption", "Config", "Document", "Removed", "clean"]
__version__ = "0.1.0"
