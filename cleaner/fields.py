"""Turn matched text into metadata values: author name lists and ISO 8601 dates."""
from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from dateutil import parser as date_parser

if TYPE_CHECKING:
    from .ruleset import RuleSet

_TIME = regex.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)"                       # 2019
                      r"|(?<![\d/.])\d{1,2}([/.])\d{1,2}\1\d{2}(?![\d/.])")  # 11/19/19
_SPACES = regex.compile(r"\s+")
_NUMBER = regex.compile(r"\d+")
# dateutil reads a full date only from an English month name or numbers written as a date
# (19/11/2019, 2019-11-19, 20191119); a text with neither is not handed to it
_MONTH_WORDS = sorted({name.casefold() for names in date_parser.parserinfo.MONTHS for name in names},
                      key=len, reverse=True)
_DATEUTIL_HINT = regex.compile(
    r"(?i)(?<!\p{L})(?:" + "|".join(_MONTH_WORDS) + r")(?!\p{L})"
    r"|(?<!\d)\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?!\d)|(?<!\d)(?:19|20)\d{6}(?!\d)")
# a date written in numbers (and the time after it), read alone when the text around it
# confuses the parser
_NUMERIC_DATE = regex.compile(r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|"
                              r"(?:19|20)\d{2}-\d{1,2}-\d{1,2})(?![\d/.-])"
                              r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?")
# dateparser needs the day as a number too (REQUIRE_PARTS): a number other than the year and
# not part of a time ("20:13")
_DAY_NUMBER = regex.compile(r"(?<![\d:])(?!(?:19|20)\d{2}(?!\d))\d{1,2}(?!\d|[:.h]\d)")


def split_authors(value: str, separators: frozenset[str], drop_words: frozenset[str]) -> list[str]:
    """'By Jane Roe and John Doe, Staff Writers' -> ['Jane Roe', 'John Doe'].

    `separators` are words joining names (and, und, e, y, ...); `drop_words` are role words
    that are not names (staff, writer, reporter, ...), which end a name where they start.
    """
    text = _SPACES.sub(" ", value).strip(" ,;:|-–—")
    names = []
    for number, part in enumerate(_name_splitter(separators).split(text)):
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


@lru_cache(maxsize=16)
def _name_splitter(separators: frozenset[str]) -> regex.Pattern:
    """Commas, semicolons, '&', '/' and the joining words between names."""
    words_alt = "|".join(regex.escape(s) for s in sorted(separators, key=len, reverse=True))
    pattern = r"\s*(?:[,;&/|]|\s(?:" + words_alt + r")\s)\s*" if words_alt else r"\s*[,;&/|]\s*"
    return regex.compile(pattern, flags=regex.IGNORECASE)


@dataclass(frozen=True)
class DateSettings:
    """What a date parser needs to know about a page: its languages, time zone names (as
    `(name, hours from UTC)` pairs, "EST" -> -5) and how long a text dateparser still reads."""

    languages: tuple[str, ...] = ()
    zones: tuple[tuple[str, float], ...] = ()
    dateparser_max_words: int = 12
    # month names of the page's language as (form, month number): "Juli" -> 7, so that the
    # fast parser reads "30. Juli 2018"
    months: tuple[tuple[str, int], ...] = ()
    # (pattern, replacement) pairs applied before parsing ("2016年08月05日" -> "2016-08-05")
    rewrites: tuple[tuple[str, str], ...] = ()
    # languages dateutil reads by itself: dateparser is not asked for them
    direct_languages: tuple[str, ...] = ()

    def __hash__(self) -> int:  # computed once: the settings key every cached parse
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.languages, self.zones, self.dateparser_max_words, self.months,
                           self.rewrites, self.direct_languages))
            object.__setattr__(self, "_hash", cached)
        return cached


def zone_pairs(zones: Mapping[str, float] | None) -> tuple[tuple[str, float], ...]:
    """`{"EST": -5}` as the hashable pairs DateSettings holds."""
    return tuple(sorted((zones or {}).items()))


# per rule set (by id, checked against its settings dict): language -> DateSettings
_SETTINGS: dict[int, tuple[object, dict[str | None, DateSettings]]] = {}


def date_settings_for(rules: RuleSet, language: str | None) -> DateSettings:
    """How the rules read dates on a page in `language`: its month names (`month_names`), the
    time zones, rewrites and dateparser limits of the packs (rules/bylines.yaml). Built once
    per rule set and language; pass it to `parse_date(text, settings=...)`."""
    hit = _SETTINGS.get(id(rules))
    if hit is None or hit[0] is not rules.settings:
        hit = (rules.settings, {})
        _SETTINGS[id(rules)] = hit
    by_language = hit[1]
    found = by_language.get(language)
    if found is None:
        found = by_language[language] = _settings_from(rules, language)
    return found


def _settings_from(rules: RuleSet, language: str | None) -> DateSettings:
    s = rules.settings
    forms = (rules.wordlists.get("month_names") or {}).get(language) or [] if language else []
    return DateSettings(
        languages=(language,) if language else (),
        zones=zone_pairs(s.get("time_zones")),
        dateparser_max_words=rules.setting("dateparser_max_words"),
        months=tuple((form, number) for number, names in enumerate(forms, 1)
                     for form in str(names).split()),
        rewrites=tuple(tuple(pair) for pair in s.get("date_rewrites") or ()),
        direct_languages=tuple(s.get("date_languages_read_directly") or ()))


def parse_date(text: str, languages: tuple[str, ...] = (),
               zones: Mapping[str, float] | None = None, *,
               settings: DateSettings | None = None) -> str | None:
    """A printed date (and time, when given) as ISO 8601, or None when it is not a full date.

    `zones` maps time zone abbreviations to hours from UTC; a time followed by one of them
    comes out with its offset ("Nov 19, 2019, 10:31 pm CST" -> "2019-11-19T22:31-06:00").
    `settings` (languages, zones and limits in one hashable value) replaces both; results are
    cached, since the same lines are read by several steps.
    """
    if not _YEAR.search(text):
        return None
    if settings is None:
        settings = DateSettings(tuple(lang for lang in languages if lang), zone_pairs(zones))
    return _parse_date(text, settings)


@lru_cache(maxsize=8192)
def _parse_date(text: str, settings: DateSettings) -> str | None:
    parsed, has_time = None, False
    readable = _readable(text, settings)
    if _DATEUTIL_HINT.search(readable):
        parsed, has_time = _parse_dateutil(readable, _tzinfos(settings.zones))
    numeric = _NUMERIC_DATE.search(readable) if parsed is None else None
    if numeric:  # "Carlos Nadalim 23/08/2018 2 comentários": the numeric date alone
        parsed, has_time = _parse_dateutil(numeric.group(0), _tzinfos(settings.zones))
    # dateparser only for languages neither dateutil nor a month list covers
    known = () if settings.months else tuple(
        lang for lang in settings.languages if lang and lang not in settings.direct_languages)
    if parsed is None and known and _DAY_NUMBER.search(text) \
            and len(text.split()) <= settings.dateparser_max_words:
        # dateparser reads month names in other languages and odd forms; without a language it
        # guesses among all of them (~30 ms a line), so it runs only when the page's is known,
        # and only on short texts that print a day number besides the year
        parsed = _parse_dateparser(text, known)
        has_time = bool(_TIME.search(text))
    if parsed is None or parsed.year < 1990 or parsed.year > 2100 \
            or not {str(parsed.year), f"{parsed.year % 100:02d}"} & set(_NUMBER.findall(text)):
        return None
    if has_time:
        try:
            return parsed.isoformat(timespec="minutes" if parsed.second == 0 else "seconds")
        except ValueError:  # an offset of a day or more: "2020-08-24 and 2020-08-24" reads
            pass            # 20:20 at -24 hours (found by the fuzzer); the date alone stands
    return parsed.date().isoformat()


_DEFAULTS = (datetime(1, 1, 1, 0, 0), datetime(2, 2, 2, 1, 1))


def _readable(text: str, settings: DateSettings) -> str:
    """The text with the settings' rewrites applied and month names put in English."""
    for pattern, replacement in _rewrites(settings.rewrites):
        text = pattern.sub(replacement, text)
    if settings.months:
        months = _month_pattern(settings.months)
        text = months[0].sub(lambda m: months[1][m.group(0).casefold()], text)
    return text


@lru_cache(maxsize=16)
def _rewrites(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[regex.Pattern, str], ...]:
    return tuple((regex.compile(pattern), replacement) for pattern, replacement in pairs)


@lru_cache(maxsize=64)
def _month_pattern(months: tuple[tuple[str, int], ...]) -> tuple[regex.Pattern, dict[str, str]]:
    english = {number: names[-1] for number, names in enumerate(date_parser.parserinfo.MONTHS, 1)}
    forms = {form.casefold(): english[number] for form, number in months}
    alternation = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
    return regex.compile(rf"(?i)(?<!\p{{L}})(?:{alternation})(?!\p{{L}})"), forms


@lru_cache(maxsize=64)
def _tzinfos(zones: tuple[tuple[str, float], ...]) -> dict[str, int]:
    return {name: int(hours * 3600) for name, hours in zones}


def _parse_dateutil(text: str, tzinfos: dict[str, int]) -> tuple[datetime | None, bool]:
    """Parse once and keep the date only when year, month and day were all printed.

    dateutil's tokeniser leaves a part it did not read as None; the public `parse` fills such
    parts from a default, so reading the result before that is what tells them apart (when that
    inner step is missing, two parses with different defaults tell it instead).
    Returns the date and whether a time (hour and minute) was printed.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown zone names are read as no zone
            if _READ is None:
                return _parse_twice(text, tzinfos)
            found, _ = _READ(text, fuzzy=True)
            if found is None or None in (found.year, found.month, found.day):
                return None, False
            parsed = _PARSER._build_tzaware(_PARSER._build_naive(found, _DEFAULTS[0]), found,
                                           tzinfos)
    except (ValueError, ArithmeticError, TypeError, AttributeError):  # ArithmeticError:
        return None, False  # overflow, or decimal's on a run of digits as the seconds
    return parsed, found.hour is not None and found.minute is not None


_PARSER = date_parser.parser()
_READ = getattr(_PARSER, "_parse", None)


def _parse_twice(text: str, tzinfos: dict[str, int]) -> tuple[datetime | None, bool]:
    first, second = (date_parser.parse(text, fuzzy=True, default=d, tzinfos=tzinfos)
                     for d in _DEFAULTS)
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
