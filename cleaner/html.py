"""HTML in: trafilatura finds the article; the page's markup gives its metadata; the packs clean.

    html -> parse once (trafilatura.load_html)
         -> the markup's metadata (html_meta: declared data first, searches only for the rest)
         -> trafilatura's text extraction on the same tree, without its own metadata pass
         -> the packs' steps (pipeline.HTML_STEPS)
         \\-> too little text: the page's full text -> the text pipeline (pipeline.STEPS)

trafilatura is imported on first use, so text input never pays for it. Its options come from
the one `Config` (`html_favor`, `html_comments`, `html_tables`); the word count under which its
output counts as "far too little" is the `html_min_words` setting in rules/settings.yaml.
The page's own metadata (JSON-LD, meta tags) wins over what the packs read from the text.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING, Any, cast

import regex

from .config import Config
from .document import Document
from .fields import split_authors
from .page import Page
from .ruleset import RuleSet
from .text import word_count

if TYPE_CHECKING:  # pragma: no cover - trafilatura is imported when HTML arrives
    from trafilatura.settings import Document as Extracted

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
MODE_ARTICLE = "html"            # trafilatura found the article; the packs cleaned it
MODE_FALLBACK = "html-fallback"  # trafilatura found (almost) nothing; the page's full text was cleaned
KNOWN_TITLE = "html/title"       # the id recorded when the headline line leaves the body

# A document starts like HTML (doctype, <html>, <head>, <body>, or a comment or <?xml?> first),
# or is a fragment that opens with a tag and closes common block elements.
_HTML_START = regex.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    regex.IGNORECASE | regex.DOTALL)
_FRAGMENT_START = regex.compile(r"\A\s*<[a-z][a-z0-9]*\b[^>]{0,500}>", regex.IGNORECASE)
_CLOSING_TAG = regex.compile(r"</(?:p|div|span|a|li|ul|table|td|section|article|h[1-6])\s*>",
                             regex.IGNORECASE)
_SPACES = regex.compile(r"[^\S\n]+")
# what sets a site name off in a <title>: "Headline - Site Name", "Site Name | Headline"
_SEPARATOR = r"(?:[-|–—:·•»]|::)"
_TITLE_SUFFIX = regex.compile(rf"^(?P<core>.{{8,}}?)\s+{_SEPARATOR}\s+(?P<site>[^-|–—:·•»]{{2,60}})$")
_TITLE_SEPARATOR = regex.compile(rf"\s*{_SEPARATOR}\s+")
_FOLD = regex.compile(r"\W+")
# Elements whose text is not part of the page as read; elements that start a new line.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object",
                        "head", "select", "button"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
    "tr", "ul", "title",
})


def is_html_name(name: str | None) -> bool:
    """True for file names that say HTML: .html, .htm, .xhtml, optionally gzipped."""
    return bool(name) and str(name).lower().endswith(HTML_SUFFIXES)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document or fragment rather than text with a stray '<'."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return bool(_FRAGMENT_START.match(head)) and len(_CLOSING_TAG.findall(head)) >= 2


def is_html(text: str, name: str | None = None) -> bool:
    """HTML by name (when the content agrees it is markup) or by content alone."""
    if is_html_name(name):
        return "<" in text[:4096]
    return looks_like_html(text)


@dataclass
class Extraction:
    """What trafilatura gave: the text to clean, how it was found, and the page's metadata."""

    text: str
    mode: str
    meta: dict[str, Any] = dc_field(default_factory=dict)   # record fields: title, authors, ...
    url: str | None = None
    categories: list[str] = dc_field(default_factory=list)
    extracted_words: int = 0
    # the byline search of the page's markup, run only when neither the markup's declared
    # metadata nor the packs found an author (it is the costly part of trafilatura's metadata)
    search_authors: Callable[[], list[str]] | None = None


def trafilatura_options(config: Config, url: str | None, *, with_metadata: bool = True) -> Any:
    """trafilatura's options object, built from the one Config."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", precision=config.html_favor == "precision",
                     recall=config.html_favor == "recall", comments=config.html_comments,
                     tables=config.html_tables, with_metadata=with_metadata, url=url)


def extract(html: str, config: Config, rules: RuleSet, *, url: str | None = None) -> Extraction:
    """Parse the page once; read its metadata from the markup; trafilatura finds the article
    text on the same tree. Fall back to the page's full text when it finds too little."""
    import trafilatura

    from .html_meta import byline_from_markup

    tree = _parse(html)
    markup = _read_metadata(tree, url)
    found: Extracted | None = None
    if tree is not None:
        try:  # trafilatura copies the tree, so it stays whole for the byline search
            found = cast("Extracted | None", trafilatura.bare_extraction(  # as_dict is off
                tree, options=trafilatura_options(
                    config, url or (markup.url if markup is not None else None),
                    with_metadata=False)))
        except Exception:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
            found = None
    meta = page_metadata(markup, rules) if markup is not None else {}
    text = (found.text or "") if found is not None else ""
    words = word_count(text)
    if words >= rules.setting("html_min_words"):
        # trafilatura gives one paragraph per line; the pipeline reads blank-line paragraphs
        text, mode = "\n\n".join(line for line in text.split("\n") if line.strip()), MODE_ARTICLE
    else:
        text, mode = page_text(html), MODE_FALLBACK

    def search_authors() -> list[str]:
        return _author_names(byline_from_markup(tree) or "", rules)

    return Extraction(text=text, mode=mode, meta=meta, extracted_words=words,
                      url=(markup.url if markup is not None else None) or url,
                      categories=list((markup.categories if markup is not None else None) or []),
                      search_authors=search_authors if tree is not None else None)


def _parse(html: str) -> Any:
    """The page's tree (trafilatura's parser, as its extraction expects), or None."""
    import trafilatura

    try:
        return trafilatura.load_html(html)
    except Exception:  # noqa: BLE001 - lxml and trafilatura raise many kinds on broken markup
        return None


def _read_metadata(tree: Any, url: str | None) -> Any:
    """The markup's metadata, or None: a page whose metadata cannot be read still has text."""
    from .html_meta import read_markup_meta

    if tree is None:
        return None
    try:
        return read_markup_meta(tree, url)
    except Exception:  # noqa: BLE001 - trafilatura's readers raise on odd markup; no metadata
        return None


def page_metadata(found: Any, rules: RuleSet) -> dict[str, Any]:
    """The markup's metadata (a trafilatura Document) as record fields (only the ones found)."""
    meta: dict[str, Any] = {}
    if found.sitename:
        meta["site_name"] = _SPACES.sub(" ", found.sitename).strip()
    if found.title:
        meta["title"] = _without_site_name(_SPACES.sub(" ", found.title).strip(),
                                           meta.get("site_name"))
    if found.author:
        names = _author_names(found.author, rules)
        # the site itself among the people a page credits ("...; Tom Watkins; CNN") is the
        # publisher, not an author; alone, it is the page's own credit and stays
        site = _fold(meta.get("site_name") or "")
        people = [name for name in names if _fold(name) != site]
        meta["authors"] = people or names
    if found.date:
        meta["published"] = found.date
    return {k: v for k, v in meta.items() if v}


def _without_site_name(title: str, site_name: str | None) -> str:
    """'Headline - Site Name' -> 'Headline' when the suffix is the page's own site name, or a
    section of it ('Headline | CNN Politics' on CNN); 'Site Name | Headline' -> 'Headline'."""
    if not site_name:
        return title
    site = _fold(site_name).split()
    match = _TITLE_SUFFIX.match(title)
    if match and site and _fold(match.group("site")).split()[:len(site)] == site:
        return match.group("core").strip()
    if title.casefold().startswith(site_name.casefold()):
        rest = _TITLE_SEPARATOR.match(title, len(site_name))
        if rest and len(title) - rest.end() >= 8:
            return title[rest.end():].strip()
    return title


def _author_names(value: str, rules: RuleSet) -> list[str]:
    """trafilatura joins authors with '; '. Among several, a part holding a role word
    ('AP Auto Writer', 'Staff Writer') is an affiliation, not a name. A credit with no name in
    it is kept as the page gives it."""
    roles = rules.words("author_role_words")
    parts = [p.strip() for p in value.split(";") if p.strip()]
    if len(parts) > 1:
        parts = [p for p in parts if not any(w.lower().strip(".,") in roles for w in p.split())]
    separators = rules.words("author_separators")
    names = [name for part in parts for name in split_authors(part, separators, roles)]
    # a page crediting only a desk ('Staff Reports', 'Redaktion') names no person; its own
    # credit is still the page's author, as it declares
    return names or parts[:1]


def page_text(html: str) -> str:
    """The page's whole visible text, one line per block element (the fallback's input)."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.document_fromstring(html.encode("utf-8"),
                                             parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (ParserError, ValueError):
        return ""
    parts: list[str] = []
    _collect_text(root, parts)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _collect_text(element: Any, parts: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""  # "" for comments
    if tag == "head":
        title = element.find(".//title")
        if title is not None and title.text:
            parts.append(f"\n{title.text}\n")
    elif tag not in _SKIP_TAGS:
        block = tag in _BLOCK_TAGS
        parts.append("\n" if block else "")
        if tag and element.text:
            parts.append(element.text)
        for child in element:
            _collect_text(child, parts)
        parts.append("\n" if block else "")
    if element.tail:
        parts.append(element.tail)


def drop_known_title(page: Page, rules: RuleSet) -> Page:
    """Pipeline step (HTML mode): the headline line trafilatura kept goes to the title field.

    trafilatura reads the title from the page's markup; when its text opens with that same
    line, the line is the headline, not body text.
    """
    title = page.meta.get("title")
    alive = page.alive()
    if title and alive and _fold(alive[0].text) == _fold(title):
        alive[0].remove(KNOWN_TITLE, to_field="title")
    return page


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text.casefold()).strip()


def merge_metadata(doc: Document, extraction: Extraction) -> Document:
    """The page's metadata wins over what the packs read from the text; record how it went."""
    meta = extraction.meta
    if meta.get("title"):
        doc.title = meta["title"]
    if meta.get("authors"):
        doc.authors = list(meta["authors"])
    elif not doc.authors and extraction.search_authors is not None:
        doc.authors = extraction.search_authors()
    if meta.get("published") and not (doc.published or "").startswith(meta["published"]):
        doc.published = meta["published"]  # a text date of the same day may add the time
    if meta.get("site_name"):
        doc.site_name = meta["site_name"]
    doc.stats["mode"] = extraction.mode
    doc.stats["extracted_words"] = extraction.extracted_words
    if extraction.categories:
        doc.stats["categories"] = list(extraction.categories)
    if extraction.url:
        doc.stats["url"] = extraction.url
    return doc
