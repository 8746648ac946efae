"""Pipeline step `assemble`: the body from the blocks still in it, and the record of the rest."""
from __future__ import annotations

from .document import Caption, Document, Removed
from .page import Page


def assemble(page: Page) -> Document:
    paragraphs: list[list[str]] = []
    last_para = None
    for block in page.blocks:
        if block.removed_by is not None or not block.text:
            continue
        if block.para != last_para:
            paragraphs.append([])
            last_para = block.para
        paragraphs[-1].append(block.text)
    body = "\n\n".join("\n".join(lines) for lines in paragraphs)
    meta = page.meta
    return Document(
        body=body,
        source=page.source,
        title=meta.get("title"),
        subtitle=meta.get("subtitle"),
        section=meta.get("section"),
        authors=list(meta.get("authors") or []),
        published=meta.get("published"),
        dateline=meta.get("dateline"),
        agency=meta.get("agency"),
        site_name=meta.get("site_name"),
        tagline=meta.get("tagline"),
        captions=[Caption(c["text"], c.get("credit")) for c in page.captions],
        removed=removed_pieces(page),
        language=page.language,
        stats={"normalization": page.normalization, "warnings": page.warnings,
               "blocks": len(page.blocks), "body_blocks": sum(b.removed_by is None for b in page.blocks)},
    )


def removed_pieces(page: Page) -> list[Removed]:
    """Every piece that left the body, in page order; neighbours dropped by one rule merge."""
    out: list[Removed] = []
    last_index = -2
    for block in page.blocks:
        for rule, span in block.stripped:
            out.append(Removed(rule, span))
            last_index = -2
        if block.removed_by is None or not block.text:
            continue
        prev = out[-1] if out else None
        if (prev is not None and prev.field is None and block.field is None
                and prev.rule == block.removed_by and last_index == block.index - 1):
            prev.text += "\n" + block.text
        else:
            out.append(Removed(block.removed_by or "", block.text, block.field))
        last_index = block.index
    return out
