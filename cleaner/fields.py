"""Turn matched text into metadata values: author name lists and ISO 8601 dates."""
from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import regex
from dateutil import parser as date_parser

_TIME = regex.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)"                       # 2019
                      r"|(?<![\d/.])\d{1,2}([/.])\d{1,2}\1\d{2}(?![\d/.])")  # 11/19/19
_SPACES = regex.compile(r"\s+")


def split_authors(value: str, separators: frozenset[str], drop_words: frozenset[str]) -> list[str]:
    """'By Jane Roe and John Doe, Staff Writers' -> ['Jane Roe', 'John Doe'].

    `separators` are words joining names (and, und, e, y, ...); `drop_words` are role words
    that are not names (staff, writer, reporter, ...), which end a name where they start.
    """
    text = _SPACES.sub(" ", value).strip(" ,;:|-–—")
    words_alt = "|".join(regex.escape(s) for s in sorted(separators, key=len, reverse=True))
    pattern = r"\s*(?:[,;&/|]|\s(?:" + words_alt + r")\s)\s*" if words_alt else r"\s*[,;&/|]\s*"
    names = []
    for number, part in enumerate(regex.split(pattern, text, flags=regex.IGNORECASE)):
        if number and drop_words & {w.lower().strip(".,") for w in part.split()}:
            continue  # ", AP Auto Writer": an affiliation after a name, not a second name
        kept = []
        for word in part.split():
            if word.lower().strip(".,") in drop_words:
                break
            kept.append(word)
        name = " ".join(kept).strip(" .,;:")
        if name and any(ch.isalpha() for ch in name) and name not in names:
            names.append(name)
    return names


@dataclass(frozen=True)
class DateSettings:
    """What a date parser needs to know about a page: its languages and time zone names."""

    languages: tuple[str, ...] = ()
    zones: Mapping[str, float] = field(default_factory=dict)  # "EST" -> -5 (hours from UTC)


def parse_date(text: str, languages: tuple[str, ...] = (),
               zones: Mapping[str, float] | None = None) -> str | None:
    """A printed date (and time, when given) as ISO 8601, or None when it is not a full date.

    `zones` maps time zone abbreviations to hours from UTC; a time followed by one of them
    comes out with its offset ("Nov 19, 2019, 10:31 pm CST" -> "2019-11-19T22:31-06:00").
    """
    if not _YEAR.search(text):
        return None
    parsed, has_time = _parse_dateutil(text, zones or {})
    known = tuple(lang for lang in languages if lang)
    if parsed is None and known:
        # dateparser reads month names in other languages and odd forms; without a language it
        # guesses among all of them (~30 ms a line), so it runs only when the page's is known
        parsed = _parse_dateparser(text, known)
        has_time = bool(_TIME.search(text))
    if parsed is None or parsed.year < 1990 or parsed.year > 2100 \
            or not regex.search(rf"(?<!\d)(?:{parsed.year}|{parsed.year % 100:02d})(?!\d)", text):
        return None
    if has_time:
        return parsed.isoformat(timespec="minutes" if parsed.second == 0 else "seconds")
    return parsed.date().isoformat()


_DEFAULTS = (datetime(1, 1, 1, 0, 0), datetime(2, 2, 2, 1, 1))


def _parse_dateutil(text: str, zones: Mapping[str, float]) -> tuple[datetime | None, bool]:
    """Parse with two different defaults: a part that differs was not in the text.

    Returns the date (None unless year, month and day were all printed) and whether a time was.
    """
    tzinfos = {name: int(hours * 3600) for name, hours in zones.items()}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown zone names are read as no zone
            first, second = (date_parser.parse(text, fuzzy=True, default=d, tzinfos=tzinfos)
                             for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None, False
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None, False
    return first, (first.hour, first.minute) == (second.hour, second.minute)


def _parse_dateparser(text: str, languages: tuple[str, ...]) -> datetime | None:
    try:  # imported lazily: slow to import and only needed for other languages
        from dateparser.search import search_dates
    except ImportError:  # pragma: no cover - dateparser comes with trafilatura
        return None

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        found = search_dates(text, languages=list(languages) or None, settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises many kinds; a miss is the answer
        return None
    return found[0][1] if found else None
