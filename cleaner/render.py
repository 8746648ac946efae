"""How a Document is shown: plain body, JSON record, and the annotated `explain` view."""
from __future__ import annotations

import json
from typing import Any

from .document import Document

META_FIELDS = ("title", "subtitle", "section", "authors", "published", "dateline", "agency",
               "site_name", "tagline", "language")


def json_line(value: Any, indent: int | None = None) -> bytes:
    """`value` (a Document's `to_dict()`, a record) as JSON and a newline, UTF-8. A string
    holding a lone surrogate (kept fields of a record read from JSON's "\\ud83d", a file name
    that was not UTF-8) has no UTF-8: then the whole value is written with escapes instead,
    as it came in."""
    try:
        return (json.dumps(value, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(value, indent=indent) + "\n").encode("ascii")


def explain(doc: Document) -> str:
    """A readable account: the metadata found, each removed piece with its rule, then the body."""
    lines = ["# metadata"]
    for name in META_FIELDS:
        value = getattr(doc, name)
        if value:
            lines.append(f"{name}: {', '.join(value) if isinstance(value, list) else value}")
    for caption in doc.captions:
        credit = f"  [credit: {caption.credit}]" if caption.credit else ""
        lines.append(f"caption: {caption.text}{credit}")
    lines.append("")
    lines.append(f"# removed ({len(doc.removed)} pieces)")
    for piece in doc.removed:
        target = f" -> {piece.field}" if piece.field else ""
        for i, text in enumerate(piece.text.split("\n")):
            tag = f"[{piece.rule}{target}]" if i == 0 else " " * (len(piece.rule) + len(target) + 2)
            lines.append(f"{tag} {text}")
    for warning in doc.stats.get("warnings", []):
        lines.append(f"[warning] {warning}")
    lines.append("")
    lines.append("# body")
    lines.append(doc.body)
    return "\n".join(lines) + "\n"
