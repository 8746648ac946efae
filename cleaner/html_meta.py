"""The page's metadata from its markup: what the page declares first, searches only for the rest.

    meta tags, OpenGraph, JSON-LD (trafilatura's readers)  -> title, authors, site name, url,
                                                              categories
    JSON-LD datePublished, article:published_time & co.     -> published, with its time and offset
    still missing: <title>/<h1> -> title; htmldate -> published; the canonical link -> url;
                   the <title> suffix -> site name
    authors still missing once the packs have read the text -> trafilatura's byline search
                                                              (`byline_from_markup`)

This is trafilatura's `extract_metadata` less its tag, licence and category-link searches, with
the declared date read before htmldate searches the page, and the byline search done in one walk
of the tree, only when nothing else named the authors: about a quarter of its cost on the dev
pages (results/html.md). The readers are module-level functions of `trafilatura.metadata`.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from typing import Any

from lxml.etree import Element

# Meta tags that declare when the article was first published (lower-case name or property);
# each is a standard or a widespread CMS convention (Open Graph article, Dublin Core, Parse.ly,
# Sailthru, schema.org microdata). Modified/updated dates are deliberately absent.
# Kept here, not in a pack: these are markup names fixed by those vocabularies, read beside the
# JSON-LD key "datePublished" and <time itemprop="datePublished"> below and trafilatura's own
# meta-tag names, none of them language or site wording a pack could tune (the printed labels,
# "Published" / "Publicado", are the `date_labels` word list).
PUBLISHED_META = frozenset({
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created",
    "parsely-pub-date", "sailthru.date", "article.published", "article:published",
})
_STRUCTURED_SCRIPTS = frozenset({"application/ld+json", "application/settings+json"})
_CATEGORY_META = './/head//meta[@property="article:section" or contains(@name, "subject")][@content]'
_JSON_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_ISO_DATE = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*\Z")
_URL_SITE = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
EARLIEST_YEAR = 1990  # older "publication" dates in markup are placeholders (0000, 1970)


def read_markup_meta(tree: Any, url: str | None, max_date: dt.date | None = None) -> Any:
    """The page's metadata as a trafilatura Document (title, author, date, sitename, url,
    categories), from what the page declares, searched for only where it declares nothing."""
    from trafilatura import metadata as tm

    scripts = [script.text for script in tree.iter("script")
               if script.text and script.get("type") in _STRUCTURED_SCRIPTS]
    found = tm.examine_meta(tree)
    if found.author and " " not in found.author:  # a handle or a single word, as trafilatura
        found.author = None
    found = _read_json_ld(scripts, found)
    found.title = found.title or tm.extract_title(tree)
    found.url = found.url or tm.extract_url(tree, url)
    latest = max_date or dt.date.today() + dt.timedelta(days=1)  # a day of time-zone slack
    found.date = declared_date(tree, scripts, latest) or _searched_date(tree, found.url, latest)
    found.sitename = found.sitename or tm.extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url and (match := _URL_SITE.match(found.url)):
        found.sitename = match.group(1)
    found.categories = found.categories or declared_categories(tree)
    found.clean_and_trim()
    return found


def declared_categories(tree: Any) -> list[str]:
    """The sections the page's meta tags declare (article:section, *subject*). trafilatura
    searches category links before these: slower, and on news sites it reads the site's menu."""
    from trafilatura.utils import line_processing

    values = (element.get("content") for element in tree.xpath(_CATEGORY_META))
    return [v for v in dict.fromkeys(line_processing(v) for v in values if v) if v]


def _read_json_ld(scripts: list[str], found: Any) -> Any:
    """trafilatura's JSON-LD reading (`extract_meta_json`), given the scripts: it parses each
    script as it is, and takes trafilatura's minified text only when that fails (its regex
    reading of broken JSON expects it); white space between JSON tokens changes nothing else.
    A script its reader cannot take is skipped, the others still count."""
    from trafilatura.json_metadata import (
        extract_json,
        extract_json_parse_error,
        normalize_json,
    )
    from trafilatura.metadata import JSON_MINIFY

    for text in scripts:
        try:
            schema = json.loads(normalize_json(text), strict=False)
        except json.JSONDecodeError:
            found = extract_json_parse_error(normalize_json(JSON_MINIFY.sub(r"\1", text)), found)
            continue
        try:
            found = extract_json(schema, found)
        except Exception:  # noqa: BLE001, S112 - odd JSON-LD shapes break trafilatura's reader; next script
            continue
    return found


def declared_date(tree: Any, scripts: list[str], max_date: dt.date | None = None) -> str | None:
    """The publication date the page declares (in `scripts`, its JSON-LD; in meta tags; in
    <time itemprop>), as ISO 8601 with the time and offset it declares; None when it declares
    none that parses."""
    for script in scripts:
        for value in _JSON_DATE.findall(script):
            if date := iso_date(value, max_date):
                return date
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in PUBLISHED_META and (date := iso_date(meta.get("content"), max_date)):
            return date
    for element in tree.iterfind('.//time[@itemprop="datePublished"][@datetime]'):
        if date := iso_date(element.get("datetime"), max_date):
            return date
    return None


def iso_date(value: str | None, max_date: dt.date | None = None) -> str | None:
    """'2019-11-19T13:03:00Z' -> '2019-11-19T13:03+00:00' (the record's form); None for values
    that are not ISO dates or lie outside EARLIEST_YEAR..max_date."""
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    day, time, zone = match.groups()
    try:
        parsed = dt.datetime.fromisoformat(f"{day}T{time or '00:00'}{_offset(zone)}")
    except ValueError:
        return None
    if parsed.year < EARLIEST_YEAR or (max_date is not None and parsed.date() > max_date):
        return None
    if not time:
        return day
    return parsed.isoformat(timespec="minutes" if parsed.second == 0 else "seconds")


def _offset(zone: str | None) -> str:
    if not zone:
        return ""
    if zone == "Z":
        return "+00:00"
    return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"


def _searched_date(tree: Any, url: str | None, max_date: dt.date | None) -> str | None:
    """htmldate's search of the page when the page declares no date: its markup search first,
    its search of the page's text (trafilatura's `extensive_search`, four times the cost) only
    when the markup holds no date. Where the first finds one, the second gives the same."""
    from htmldate import find_date

    latest = (max_date or dt.date.today()).isoformat()
    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url,
                         max_date=latest) \
            or find_date(tree, extensive_search=True, original_date=True, url=url,
                         max_date=latest)
    except Exception:  # noqa: BLE001 - htmldate raises on odd markup; no date then
        return None


# trafilatura's byline search (trafilatura.xpaths AUTHOR_DISCARD_XPATHS, then AUTHOR_XPATHS in
# three tiers), done in one walk over the tree: its XPaths test some thirty attribute patterns on
# every element (about 5 ms a page); the walk reads each element's attributes once and matches
# them with one compiled pattern per attribute. The same elements qualify, in the same order.
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    r"article-(?:share|support)|print|category|meta-date|meta-reviewer")
_TIER1_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_TIER1_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_TIER2_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_TIER2_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_TIER2_CLASS = re.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_TIER3_ID = re.compile(r"[Aa]uthor")
_TIER3_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
# what an element must show to be worth the full tests above: a tag, or a class or id holding
# a part of one of the patterns, or an attribute the patterns read
_SPECIAL_TAGS = frozenset({"time", "figure", "author"})
_HINT = re.compile(
    r"[Aa]uthor|[Bb]yline|screenname|writer|channel-name|zuozhe|bianji|xiaobian|submitted-by|"
    r"posted-by|journalist-name|username|byl|BBL|[Cc]omment|ProductReviews|sidebar|is-hidden|"
    r"quote|embedly-instagram|article-share|article-support|print|category|meta-date|"
    r"meta-reviewer|^title$|^date$")
BYLINE_MAX_CHARS = 120  # trafilatura's limit: longer matches are bios or teasers, not bylines


def byline_from_markup(tree: Any) -> str | None:
    """trafilatura's search of the page's elements for a byline ('; '-joined names), or None:
    the first element of the first tier whose text (less comments, dates and figures) is
    between 3 and BYLINE_MAX_CHARS characters long."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import line_processing

    tiers, discarded = _candidates(tree)
    for tier in tiers:
        for element in tier:
            text = " ".join(" ".join(_kept_text(element, discarded)).split())
            if 2 < len(text) < BYLINE_MAX_CHARS:
                names = normalize_authors(None, text)
                return line_processing(unescape(names)) if names else None
    return None


def _discarded(element: Any, tag: str, ident: str | None, cls: str | None) -> bool:
    """Comments, titles, dates, sidebars, quotes, figures: never a byline, and not read."""
    if tag in ("time", "figure"):
        return True
    if tag not in _DISCARD_TAGS:
        return False
    return bool(
        (ident is not None and (ident == "comments" or _DISCARD_ID.search(ident)))
        or (cls is not None and (cls in ("comments", "title", "date")
                                 or _DISCARD_CLASS.search(cls)))
        or "Figure" in (element.get("data-component") or ""))


def _byline_tier(element: Any, tag: str, ident: str, cls: str) -> int | None:
    """0, 1 or 2: which of trafilatura's byline patterns the element matches first, if any."""
    if tag == "author":
        return 0
    itemprop = element.get("itemprop") or ""
    if tag in _TIER1_TAGS and (
            element.get("rel") == "author" or ident == "author" or cls == "author"
            or itemprop == "author name"
            or element.get("data-testid") in ("AuthorCard", "AuthorURL")
            or _TIER1_CLASS.search(cls)):
        return 0
    if tag in _TIER2_TAGS and (
            cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
            or _TIER2_ID.search(ident) or _TIER2_CLASS.search(cls)):
        return 1
    if ("Byline" in (element.get("data-component") or "") or "author" in itemprop
            or _TIER3_ID.search(ident) or _TIER3_CLASS.search(cls)):
        return 2
    return None


def _candidates(tree: Any) -> tuple[tuple[list[Any], ...], set[Any]]:
    """Byline candidates by tier in document order, outside discarded elements; and the
    discarded elements (their text is not read)."""
    tiers: tuple[list[Any], ...] = ([], [], [])
    discarded: set[Any] = set()
    for element in tree.iter(Element):
        tag, get = element.tag, element.get
        ident, cls = get("id"), get("class")
        if tag in _SPECIAL_TAGS or (cls is not None and _HINT.search(cls)) \
                or (ident is not None and _HINT.search(ident)) \
                or get("itemprop") is not None or get("rel") is not None \
                or get("data-testid") is not None or get("data-component") is not None:
            if _discarded(element, tag, ident, cls):
                discarded.add(element)
                continue
            tier = _byline_tier(element, tag, ident or "", cls or "")
            if tier is not None:
                tiers[tier].append(element)
    if discarded:
        tiers = tuple([e for e in tier if not any(a in discarded for a in e.iterancestors())]
                      for tier in tiers)
    return tiers, discarded


def _kept_text(element: Any, discarded: set[Any]) -> list[str]:
    """The element's text pieces as trafilatura reads them once the discarded parts are gone
    (their tails kept, joined to the text before them)."""
    pieces: list[str] = []
    joinable = element.text is not None
    if joinable:
        pieces.append(element.text)
    for child in element:
        tag = child.tag
        if child in discarded:
            if child.tail is not None:
                if joinable:
                    pieces[-1] += child.tail
                else:
                    pieces.append(child.tail)
                joinable = True
            continue
        if isinstance(tag, str):
            pieces.extend(_kept_text(child, discarded))
        joinable = child.tail is not None
        if joinable:
            pieces.append(child.tail)
    return pieces
