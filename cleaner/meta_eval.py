"""`cleaner eval --meta`: score a record's metadata against what publishers declare.

The reference is JSON Lines, one object per page: `id` plus `title`, `published`, `authors`,
`site_name` (null or empty where the page declares nothing). Matching rules, per field:

- title: equal after folding case, punctuation and spaces, with a trailing site suffix
  (" - Site", " | Site") taken off either side when the rest is still equal.
- published: the same calendar date as the reference (read in the reference's own time zone);
  a date one day apart is counted separately ("one day off": a site declaring UTC and printing
  its local date), never as right.
- authors: the same set of names, case- and punctuation-folded. An organisation the publisher
  declares as author (Reuters, CBS News) counts when the record carries it as `agency`.
- site_name: equal after folding, spaces and a domain ending (".com", ".co.uk") ignored:
  "MacRumors.com" is "MacRumors", "CTV News" is "CTVNews".

Besides the share right among pages where the reference has a value, each field is scored among
the pages where the reference value is visible in the page text at all, which is the most a
text cleaner can recover: the title (without suffix) inside the folded text, every author name
inside it, the site name inside it, the reference date printed in a line with year, month and day
(read by the cleaner's own date reader, dateutil or dateparser).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from functools import lru_cache
from typing import Any

import regex

from .config import Config
from .fields import parse_date
from .page_meta import dates_in_line, segments
from .ruleset import RuleSet, build_ruleset

FIELDS = ("title", "published", "authors", "site_name")
_NON_WORD = regex.compile(r"[\W_]+")
_SUFFIX_SEP = regex.compile(r"\s+(?:[-|–—:·•»]|::)\s+")
_ISO_DAY = regex.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def fold(text: str) -> str:
    """Lower case, every run of punctuation and space as one space."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def title_forms(title: str) -> set[str]:
    """The folded title, and the folded title without each trailing or leading site segment."""
    forms = {fold(title)}
    parts = _SUFFIX_SEP.split(title)
    for cut in range(1, len(parts)):
        forms.add(fold(" - ".join(parts[:cut])))   # "Headline - Site"
        forms.add(fold(" - ".join(parts[cut:])))   # "Opinion | Headline"
    return {f for f in forms if f}


def titles_match(predicted: str | None, reference: str) -> bool:
    if not predicted:
        return False
    if fold(predicted) == fold(reference):
        return True
    core = fold(reference)
    forms_ref, forms_pred = title_forms(reference), title_forms(predicted)
    return fold(predicted) in forms_ref or core in forms_pred


def calendar_day(value: str | None) -> date | None:
    match = _ISO_DAY.match(value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def date_verdict(predicted: str | None, reference: str) -> str:
    """'right', 'one day off', or 'wrong'."""
    want, got = calendar_day(reference), calendar_day(predicted)
    if want is None or got is None:
        return "wrong"
    gap = abs((got - want).days)
    return "right" if gap == 0 else "one day off" if gap == 1 else "wrong"


def name_set(names: Iterable[str]) -> frozenset[str]:
    return frozenset(f for f in (fold(n) for n in names) if f)


def authors_match(predicted: list[str], agency: str | None, reference: list[str]) -> bool:
    want = name_set(reference)
    if name_set(predicted) == want:
        return True
    if not agency:
        return False
    return name_set([*predicted, agency]) == want


_DOMAIN_END = regex.compile(r"\.(?:com|net|org|info|co\.uk|co|in|io|news|tv)$", regex.IGNORECASE)


def fold_site(name: str) -> str:
    """'MacRumors.com', 'macrumors' and 'Mac Rumors' fold alike: domain ending and spaces go."""
    return fold(_DOMAIN_END.sub("", name.strip())).replace(" ", "")


def site_names_match(predicted: str | None, reference: str) -> bool:
    if not predicted:
        return False
    return fold_site(predicted) == fold_site(reference)


# ---- is the reference value visible in the text? ----

def title_in_text(reference: str, folded_text: str) -> bool:
    return any(f" {form} " in folded_text for form in title_forms(reference))


def names_in_text(reference: list[str], folded_text: str) -> bool:
    return all(f" {name} " in folded_text for name in name_set(reference))


def site_in_text(reference: str, folded_text: str) -> bool:
    return f" {fold(reference)} " in folded_text \
        or f" {fold(_DOMAIN_END.sub('', reference.strip()))} " in folded_text


def date_printed(reference: str, text: str, within: int = 0, language: str | None = None) -> bool:
    """The reference date (or one `within` days apart) printed with year, month and day.

    Candidate lines hold the year (four digits, or two in a numeric date such as 11/20/19) and
    the day number; a date counts as printed when the cleaner's own date reader (the bundled
    packs' time zones, month names and rewrites, in the page's `language`), dateutil on each
    part of the line, or dateparser reads it there.
    """
    want = calendar_day(reference)
    if want is None:
        return False
    days = {want.toordinal() + d for d in range(-within, within + 1)}
    wanted_years = {date.fromordinal(d).year for d in days}
    for line in text.split("\n"):
        if len(line) > 400:
            continue
        years = {int(y) for y in _YEAR.findall(line)}
        years |= {2000 + int(y) for y in _SHORT_YEAR.findall(line)}
        if not years & wanted_years:
            continue
        if any(_found_dates(line, d, language) for d in days):
            return True
    return False


_SHORT_YEAR = regex.compile(r"(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](\d{2})(?![\d/.-])")


def _found_dates(line: str, ordinal: int, language: str | None) -> bool:
    wanted = date.fromordinal(ordinal)
    if not regex.search(rf"(?<!\d)0?{wanted.day}(?!\d)", line):
        return False
    if any(calendar_day(found) == wanted for found in dates_in_line(line, _bundled(), language)):
        return True
    if any(calendar_day(parse_date(part)) == wanted for part in segments(line)):
        return True
    try:
        from dateparser.search import search_dates
    except ImportError:  # pragma: no cover - dateparser comes with trafilatura
        return False
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    try:
        found = search_dates(line, settings=settings) or []
    except Exception:  # noqa: BLE001 - dateparser raises many kinds; no date is the answer
        return False
    return any(moment.date() == wanted for _, moment in found)


@lru_cache(maxsize=1)
def _bundled() -> RuleSet:
    """The bundled packs, for the cleaner's own date reader."""
    return build_ruleset(Config())


# ---- scoring ----

@dataclass
class FieldScore:
    name: str
    declared: int = 0          # pages whose reference has a value
    right: int = 0
    visible: int = 0           # pages whose reference value is visible in the text
    visible_right: int = 0
    one_day_off: int = 0       # published only
    misses: list[tuple[str, Any, Any, bool]] = dc_field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.declared if self.declared else 0.0

    @property
    def visible_share(self) -> float:
        return self.visible_right / self.visible if self.visible else 0.0


@dataclass
class MetaScore:
    fields: dict[str, FieldScore]
    pages: int
    missing: list[str]         # reference ids with no cleaned page


def _has_value(value: Any) -> bool:
    return value not in (None, "", [])


def score_page_meta(scores: dict[str, FieldScore], page_id: str, record: dict[str, Any],
                    reference: dict[str, Any], text: str) -> None:
    """Add one page to `scores`; `record` is the cleaned record, `text` the page text."""
    folded = f" {fold(text)} "
    checks: dict[str, tuple[Callable[[], Any], Callable[[], bool]]] = {
        "title": (lambda: titles_match(record.get("title"), reference["title"]),
                  lambda: title_in_text(reference["title"], folded)),
        "published": (lambda: date_verdict(record.get("published"), reference["published"]),
                      lambda: date_printed(reference["published"], text,
                                           language=record.get("language"))),
        "authors": (lambda: authors_match(record.get("authors") or [], record.get("agency"),
                                          reference["authors"]),
                    lambda: names_in_text(reference["authors"], folded)),
        "site_name": (lambda: site_names_match(record.get("site_name"), reference["site_name"]),
                      lambda: site_in_text(reference["site_name"], folded)),
    }
    for name, (judge, visible) in checks.items():
        if not _has_value(reference.get(name)):
            continue
        score = scores[name]
        score.declared += 1
        verdict = judge()
        right = verdict is True or verdict == "right"
        score.one_day_off += verdict == "one day off"
        seen = visible()
        score.visible += seen
        score.right += right
        score.visible_right += right and seen
        if not right:
            got = record.get(name)
            if name == "authors" and record.get("agency"):
                got = [*(got or []), f"agency: {record['agency']}"]
            score.misses.append((page_id, reference[name], got, seen))


def score_meta(records: dict[str, dict[str, Any]], texts: dict[str, str],
               references: Iterable[dict[str, Any]]) -> MetaScore:
    """Score cleaned `records` (by page id) against reference metadata rows."""
    scores = {name: FieldScore(name) for name in FIELDS}
    missing, pages = [], 0
    for reference in references:
        page_id = str(reference.get("id"))
        if page_id not in records:
            missing.append(page_id)
            continue
        pages += 1
        score_page_meta(scores, page_id, records[page_id], reference, texts.get(page_id, ""))
    return MetaScore(scores, pages, missing)


def format_meta(result: MetaScore, *, misses: bool = True) -> list[str]:
    lines = ["metadata (right/declared share | right/visible-in-text share):"]
    for score in result.fields.values():
        extra = f"  one day off {score.one_day_off}" if score.name == "published" else ""
        lines.append(f"  {score.name:10} {score.right:3}/{score.declared:<3} {score.share:6.1%} | "
                     f"{score.visible_right:3}/{score.visible:<3} "
                     f"{score.visible_share:6.1%}{extra}")
    if result.missing:
        lines.append(f"  {len(result.missing)} reference page(s) not in the file, e.g. "
                     f"{result.missing[0]}")
    if misses:
        for score in result.fields.values():
            if not score.misses:
                continue
            lines.append(f"{score.name} misses (id, reference, got, visible in text):")
            for page_id, want, got, seen in score.misses:
                hidden = "" if seen else " [not in text]"
                lines.append(f"  {page_id[:16]} {want!r} -> {got!r}{hidden}")
    return lines
