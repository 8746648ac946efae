"""Markdown in: scraped pages as Markdown (html2text, Jina Reader, Firecrawl, crawl4ai...).

Markdown is markup, as HTML is: `[Home](/)`, `![logo](/logo.png)`, `## Heading`, `**bold**`
are not the page's words. The page is parsed with markdown-it-py (CommonMark, with tables) and
read back as the text a reader sees, one line per block, as a naive HTML-to-text converter
gives it; the text pipeline then cleans that text as any other page:

- a link keeps its words and loses its target; an image (its alt text included) is dropped, as
  a browser's text shows none; inline code keeps its words; inline HTML tags are dropped, and
  so are bold marks a converter left unpaired;
- boxes a converter wrote side by side are read apart (`_inline_text`): a paragraph of links
  alone is a link a line, a teaser link's headline and summary a line each;
- headings, paragraphs, table rows (cells joined by " | ") and code lines are one line each; a
  list item keeps its bullet ("* ", "1. "), as a text converter writes it, which tells the
  region step it is a list;
- a soft line break inside a hard-wrapped paragraph is a space, as Markdown means it, so that
  the paragraph is one line again; elsewhere it is a line break, since converters write a
  block element's lines one under the other (html2text writes a <div> so) and a run of teaser
  headlines, summaries and times joined into one line would read as a paragraph of prose
  (`wrap_width`, `hard_wrapped`).

A page's one first-level heading, when it stands above the first paragraph of prose or heads
a section holding the article's paragraphs, is its headline, and opens the text as a page's
<title> opens a naive conversion (the region step anchors on that line); a page with several,
or with its only one over a teaser under the article, gets none.

The header Jina Reader writes above the Markdown ("Title:", "URL Source:", "Published Time:",
then "Markdown Content:") is read as the page's metadata: the title becomes the first line, as
a page's <title> opens a naive conversion, the URL is the page's URL, the time its date.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from itertools import pairwise
from typing import Any

import regex

from .document import MARKDOWN_MODE
from .ruleset import RuleSet
from .text import word_count

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
MODE = MARKDOWN_MODE

# what text written as Markdown shows and a naive text conversion never does
_INLINE_LINK = regex.compile(r"\]\((?:[a-z][a-z0-9+.-]{1,20}:|/|#|\.{1,2}/|www\.)[^)\s]*"
                             r"(?:\s+\"[^\"\n]*\")?\)", regex.IGNORECASE)
_REFERENCE_DEFINITION = regex.compile(r"^ {0,3}\[[^\]\n]{1,100}\]:\s+\S", regex.MULTILINE)
_ATX_HEADING = regex.compile(r"^ {0,3}#{1,6}[ \t]+\S", regex.MULTILINE)
# how many of those (links, headings) make a page Markdown, the other thresholds below: the
# `markdown_*` settings of rules/settings.yaml
SNIFF_CHARS = 100_000

_JINA_FIELD = regex.compile(r"^(Title|URL Source|Published Time|Description|Warning|Number of "
                            r"Pages):[ \t]*(.*)$")
_JINA_CONTENT = "Markdown Content:"
# link syntax CommonMark does not take as a link (converters write "[ ]( "title")"): its words
# (a wrapping converter may also have broken its target with a space: "(http://x/wp- content/)")
_LEFTOVER_LINK = regex.compile(r"!?\[([^\[\]\n]*)\]\((?:[^()\s]*|[^()\n]*\"[^\"\n]*\"|"
                               r"(?:[a-z][a-z0-9+.-]{1,20}:|/)[^()\n]*)\)", regex.IGNORECASE)
# the target of a link whose text the parser could not close ("[Headline\nmore](https://...)")
_LEFTOVER_TARGET = regex.compile(r"\]\((?:[a-z][a-z0-9+.-]{1,20}:|/|#)[^()\n]*(?:\([^()\n]*\)[^()\n]*)*"
                                 r"\)", regex.IGNORECASE)
# blocks that open a new paragraph of the text; a list's items follow one another line by line
_BLOCKS = frozenset({"paragraph_open", "heading_open", "bullet_list_open", "ordered_list_open",
                     "table_open", "fence", "code_block", "html_block", "blockquote_open"})
_TAG = regex.compile(r"<[^<>]{0,2000}>")
_HIDDEN_HTML = regex.compile(r"\s*<(?:script|style|noscript|template|!--)", regex.IGNORECASE)
_BREAK_TAG = regex.compile(r"<br\s*/?>", regex.IGNORECASE)
_SPACES = regex.compile(r"[^\S\n]+")


@dataclass
class MarkdownPage:
    """A Markdown page read as text, with what its scraper's header said about it."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


def is_markdown_name(name: str | None) -> bool:
    """True for file names that say Markdown: .md, .markdown, ..."""
    return bool(name) and str(name).lower().endswith(MARKDOWN_SUFFIXES)


def looks_like_markdown(text: str, rules: RuleSet) -> bool:
    """True when the text is written as Markdown: its links or headings show the syntax."""
    head = text[:SNIFF_CHARS]
    if _jina_header(head) is not None:
        return True
    links = len(_INLINE_LINK.findall(head)) + len(_REFERENCE_DEFINITION.findall(head))
    return links >= rules.setting("markdown_min_links") or \
        len(_ATX_HEADING.findall(head)) >= rules.setting("markdown_min_headings")


def is_markdown(text: str, rules: RuleSet, name: str | None = None) -> bool:
    """Markdown by name or by content."""
    return is_markdown_name(name) or looks_like_markdown(text, rules)


def read_markdown(text: str, rules: RuleSet) -> MarkdownPage:
    """The page's text as a reader sees it, and the metadata its scraper's header gave."""
    fields: dict[str, str] = {}
    header = _jina_header(text)
    if header is not None:
        fields, text = header
    body, headline = _read_blocks(text, rules)
    title = _SPACES.sub(" ", fields.get("Title", "")).strip() or None
    if title is None and headline is not None and not body.startswith(headline + "\n"):
        title = headline
    if title:
        body = f"{title}\n{body}"
    return MarkdownPage(text=body, title=title, url=fields.get("URL Source") or None,
                        published=fields.get("Published Time") or None)


def _jina_header(text: str) -> tuple[dict[str, str], str] | None:
    """(fields, the Markdown under them) when the text opens with Jina Reader's header."""
    head = text[:4096]
    end = head.find(_JINA_CONTENT)
    if end < 0:
        return None
    fields: dict[str, str] = {}
    for line in head[:end].splitlines():
        if not line.strip():
            continue
        found = _JINA_FIELD.match(line.strip())
        if found is None:
            return None
        fields[found.group(1)] = found.group(2).strip()
    if not fields:
        return None
    return fields, text[end + len(_JINA_CONTENT):]


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # no indented code blocks: converters indent nested lists and menus as they please, and a
    # scraped page's code comes fenced
    parser = (MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
              .disable("code"))
    # every target is a link here ("javascript:void(0)" too): nothing is rendered, so the
    # renderer's guard against unsafe URLs would only leave the link's syntax in the text
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def markdown_text(markdown: str, rules: RuleSet) -> str:
    """The Markdown's text, one line per block: links' words, no targets, no images."""
    return _read_blocks(markdown, rules)[0]


def _read_blocks(markdown: str, rules: RuleSet) -> tuple[str, str | None]:
    """(the text, one line per block; its headline: its one first-level heading, when that
    stands above the page's first paragraph of prose, as a headline stands above its article).
    """
    lines: list[str] = []
    headings: list[tuple[str, int]] = []   # (text, index of its line)
    sections: list[int] = []               # where each first- or second-level heading's line is
    depth = 0                              # of lists around the token
    heading = False
    prefix = ""        # the bullet of the list item whose first block comes next
    row: list[str] | None = None
    tokens = _parser().parse(markdown)
    width = wrap_width([token.content.split("\n") for token in tokens
                        if token.type == "inline" and "\n" in token.content], rules)
    tolerance = rules.setting("markdown_wrap_tolerance")
    for token in tokens:
        kind = token.type
        if kind in _BLOCKS and depth == 0 and lines and lines[-1]:
            lines.append("")   # a blank line between blocks, as between paragraphs
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "heading_open":
            heading = token.tag == "h1"
            if token.tag in ("h1", "h2"):
                sections.append(len(lines))
        elif kind == "list_item_open":
            prefix = f"{token.info}{token.markup} " if token.info else "* "
        elif kind == "list_item_close":
            prefix = ""   # an item with no words: its bullet goes with it
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            cells = [cell for cell in (row or []) if cell]
            if cells:
                lines.append(" | ".join(cells))
            row = None
        elif kind == "inline":
            text = _inline_text(token.children or [], hard_wrapped(token.content.split("\n"), width, tolerance))
            if "](" in text:
                text = _LEFTOVER_TARGET.sub("", _LEFTOVER_LINK.sub(r"\1", text))
            if row is not None:
                row.append(_SPACES.sub(" ", text.replace("\n", " ")).strip())
                continue
            if heading:
                headings.append((_SPACES.sub(" ", text.replace("\n", " ")).strip(), len(lines)))
                heading = False
            for line in text.split("\n"):
                line = _SPACES.sub(" ", line).strip()
                if line:
                    lines.append(prefix + line)
                    prefix = ""
        elif kind in ("fence", "code_block"):
            lines.extend(line.rstrip() for line in token.content.split("\n") if line.strip())
        elif kind == "html_block":
            if _HIDDEN_HTML.match(token.content):
                continue
            for line in _TAG.sub(" ", token.content).split("\n"):
                line = _SPACES.sub(" ", unescape(line)).strip()
                if line:
                    lines.append(line)
    headline = None
    if len(headings) == 1:
        text, at = headings[0]
        headline = text if text and _heads_article(lines, at, sections, rules) else None
    return "\n".join(lines).strip("\n"), headline


def _heads_article(lines: list[str], at: int, sections: list[int], rules: RuleSet) -> bool:
    """Whether the heading on line `at` heads the page's article: it stands above the page's
    first paragraph of prose (a line of `markdown_headline_above_words` words), or the section
    under it (up to the next first- or second-level heading) holds
    `markdown_headline_section_paragraphs` such paragraphs (a site's teasers may come first; a
    teaser's heading has a summary under it, not paragraphs)."""
    long_enough = rules.setting("markdown_headline_above_words")
    prose = [index for index, line in enumerate(lines) if word_count(line) >= long_enough]
    if not prose or at < prose[0]:
        return True
    end = next((start for start in sections if start > at), len(lines))
    return sum(1 for index in prose if at < index < end) >= rules.setting(
        "markdown_headline_section_paragraphs")


def _inline_text(children: list[Any], wrapped: bool) -> str:
    """An inline run's words: links' words without their targets, no images, no tags. A soft
    break is a space in a hard-wrapped paragraph and a line break elsewhere.

    Converters write what a page shows as separate boxes as inline markup set side by side:
    html2text writes a menu's links, or a grid of teasers (each a link holding a headline, a
    summary and a time), as links with nothing between them, and a teaser's parts with two
    spaces between them. So a run made of links alone (two or more, only white space between)
    is read a link a line, and two spaces inside such a link break its line; elsewhere, where
    one link, bold or italic span closes and the next opens with nothing between them, a space
    keeps their words apart ("[Home](/)[News](/news)" reads "Home News", not "HomeNews")."""
    links_only = _links_only(children)
    parts: list[str] = []
    closed = False   # a span closed, with no words after it yet
    gap = ""         # the white space since it closed
    in_link = False
    for child in children:
        kind = child.type
        if kind in _SPAN_OPEN:
            if closed:
                # inside a link, spans side by side are a teaser's parts: a line each
                parts.append("\n" if in_link or links_only and kind == "link_open"
                             else gap or " ")
            in_link = in_link or kind == "link_open"
            closed, gap = False, ""
            continue
        if kind == "image" or (kind == "text" and closed and not child.content.strip()):
            gap += child.content if kind == "text" else ""
            continue  # no words: what closed before still meets what opens next
        if gap:
            parts.append(gap)
        closed, gap = kind in _SPAN_CLOSE, ""
        if kind == "link_close":
            in_link = False
        elif kind in ("text", "code_inline"):
            text = child.content
            if kind == "text" and "**" in text:
                text = _STRAY_EMPHASIS.sub("", text)
            if links_only and in_link and "  " in text:
                text = _BOX_GAP.sub("\n", text)
            parts.append(text)
        elif kind == "softbreak":
            parts.append(" " if wrapped else "\n")
        elif kind == "hardbreak" or (kind == "html_inline" and _BREAK_TAG.match(child.content)):
            parts.append("\n")
        # images, inline HTML tags, link and emphasis markers: no words of the page's text
    return "".join(parts)


_SPAN_OPEN = frozenset({"link_open", "strong_open", "em_open", "s_open"})
_SPAN_CLOSE = frozenset({"link_close", "strong_close", "em_close", "s_close"})
# bold markers the parser could not pair, left at a word's edge ("**http://amzn.to/x" over
# a line "**": html2text closed the bold after a line break inside it)
_STRAY_EMPHASIS = regex.compile(r"(?:(?<!\S)\*{2,3}(?=\S|$)|(?<=\S)\*{2,3}(?!\S))")
_BOX_GAP = regex.compile(r"(?<=\S) {2,}(?=\S)")


def _links_only(children: list[Any]) -> bool:
    """True when the run is two links or more with nothing but white space (and images, tags,
    line breaks) outside them."""
    links = depth = 0
    for child in children:
        kind = child.type
        if kind == "link_open":
            depth += 1
            links += depth == 1
        elif kind == "link_close":
            depth -= 1
        elif depth == 0 and kind in ("text", "code_inline") and child.content.strip():
            return False
    return links >= 2


def wrap_width(paragraphs: list[list[str]], rules: RuleSet) -> int | None:
    """The width the page's text was hard-wrapped at, or None when it was not wrapped.

    Wrapping breaks a paragraph's lines where the next word would not fit, so the lines but
    a paragraph's last run close to one width; a converter that writes a block element's lines
    one under the other (html2text writes a <div>'s so) gives lines of any length. The width is
    the longest such line of `markdown_wrap_min_width`..`markdown_wrap_max_width` characters (a
    longer one holds an unbreakable run), when at least `markdown_wrap_min_lines` lines lie
    within `markdown_wrap_slack` of it; `hard_wrapped` then tells, paragraph by paragraph,
    which were wrapped at it.
    """
    narrowest, widest = rules.setting("markdown_wrap_min_width"), rules.setting(
        "markdown_wrap_max_width")
    min_lines = rules.setting("markdown_wrap_min_lines")
    inner = [length for lines in paragraphs for line in lines[:-1]
             if (length := len(line.strip())) <= widest]
    if len(inner) < min_lines:
        return None
    width = max(inner)
    if width < narrowest:
        return None
    near = sum(1 for length in inner if length >= width - rules.setting("markdown_wrap_slack"))
    return width if near >= min_lines else None


def hard_wrapped(source_lines: list[str], width: int | None, tolerance: int) -> bool:
    """True when a paragraph's lines were broken at the page's wrap `width`, as a greedy wrap
    breaks them: each line but the last ends where its next word would not have fitted (within
    `tolerance` of `width`: a converter counts a link's hidden target or a wide character)."""
    if width is None or len(source_lines) < 2:
        return False
    lines = [line.strip() for line in source_lines]
    return all(len(line) + 1 + len(following.split(" ", 1)[0]) > width - tolerance
               for line, following in pairwise(lines))
