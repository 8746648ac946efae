"""How a Document is shown: plain body, JSON record, and the annotated `explain` view."""
from __future__ import annotations

import json

from .document import Document

META_FIELDS = ("title", "subtitle", "section", "authors", "published", "dateline", "agency",
               "site_name", "tagline", "language")


def to_json(doc: Document, *, indent: int | None = None) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent)


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
