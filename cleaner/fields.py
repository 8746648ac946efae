"""Turn matched text into metadata values: author name lists and ISO 8601 dates."""
from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from dateutil import parser as date_parser
from dateutil import tz

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
    """Parse once and keep the date only when year, month and day were all printed: the
    commonest shapes directly (`_common_date`), any other text with dateutil (`_dateutil`).
    Returns the date and whether a time (hour and minute) was printed."""
    common = _common_date(text, tzinfos)
    return common if common is not None else _dateutil(text, tzinfos)


def _dateutil(text: str, tzinfos: dict[str, int]) -> tuple[datetime | None, bool]:
    """dateutil's reading, with the date only when year, month and day were all printed.

    dateutil's tokeniser leaves a part it did not read as None; the public `parse` fills such
    parts from a default, so reading the result before that is what tells them apart (when that
    inner step is missing, two parses with different defaults tell it instead).
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


# The commonest shapes of a printed date, read here as dateutil reads them, without its
# tokeniser (which walks the text a character at a time): a month name, the day and a
# four-digit year ("Nov. 19, 2019", "19 November 2019", "Tuesday, November 19th, 2019"), an
# ISO date ("2019-11-19"), or day and month in numbers before a four-digit year
# ("21/06/2014"); perhaps a time before or after it ("10:31 pm CST", "at 08:38 AM"), perhaps
# a label before all ("Published", "Updated on:"). The whole text must be such; any other goes
# to dateutil (tests/test_fields.py checks this reading against dateutil's on generated and
# real dates).
_MONTH_NUMBERS = {name.casefold(): number
                  for number, names in enumerate(date_parser.parserinfo.MONTHS, 1)
                  for name in names}
_MONTH_NAME = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_WEEKDAY_NAME = "|".join(sorted((name.casefold() for names in date_parser.parserinfo.WEEKDAYS
                                 for name in names), key=len, reverse=True))


def _clock(n: int) -> str:
    """A time: hour, minutes, perhaps seconds, am/pm and a zone name (groups numbered `n`)."""
    return (rf"(?P<hour{n}>\d{{1,2}}):(?P<minute{n}>\d{{2}})(?::(?P<second{n}>\d{{2}}))?"
            rf"(?: ?(?P<half{n}>[AaPp])[Mm])?(?: (?P<zone{n}>[A-Z]{{1,5}}))?")


_COMMON_DATE = re.compile(
    r"(?:(?i:published|updated|posted|modified|on|at)(?: ?:)? )?"
    rf"(?:{_clock(1)},? )?"
    rf"(?:(?i:{_WEEKDAY_NAME})\.?,? )?"
    rf"(?:(?P<month_name>(?i:{_MONTH_NAME}))\.? (?P<day>\d{{1,2}})(?i:st|nd|rd|th)?,? "
    r"(?P<year>[1-9]\d{3})"
    rf"|(?P<day_first>\d{{1,2}}) (?P<month_after>(?i:{_MONTH_NAME}))\.?,? (?P<year_after>[1-9]\d{{3}})"
    r"|(?P<iso_year>[1-9]\d{3})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})"
    r"|(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<numeric_year>[1-9]\d{3}))"
    rf"(?:,? (?:at )?{_clock(2)})?")


def _common_date(text: str, tzinfos: dict[str, int]) -> tuple[datetime | None, bool] | None:
    """What `_dateutil` gives for a text of one of the common shapes; None for other texts."""
    match = _COMMON_DATE.fullmatch(text)
    if match is None:
        return None
    if match["year"]:
        year, month, day = (int(match["year"]), _MONTH_NUMBERS[match["month_name"].casefold()],
                            int(match["day"]))
    elif match["year_after"]:
        year, month, day = (int(match["year_after"]),
                            _MONTH_NUMBERS[match["month_after"].casefold()],
                            int(match["day_first"]))
    elif match["iso_year"]:
        year, month, day = (int(x) for x in match.group("iso_year", "iso_month", "iso_day"))
    else:
        first, then, year = (int(x) for x in match.group("first", "second", "numeric_year"))
        if first > 31 or then > 31:
            return None  # dateutil reads such numbers another way
        month, day = (then, first) if first > 12 else (first, then)
    if match["hour1"] and match["hour2"]:
        return None  # two times: dateutil takes the last
    n = 1 if match["hour1"] else 2
    zone = match[f"zone{n}"]
    if zone is not None and (zone not in tzinfos or zone == "Z"):
        return None  # an unknown zone name: dateutil's reading depends on the machine's zone;
        # and dateutil names the zone Z "UTC"
    has_time = match[f"hour{n}"] is not None
    hour = minute = seconds = 0
    if has_time:
        hour, minute = int(match[f"hour{n}"]), int(match[f"minute{n}"])
        seconds = int(match[f"second{n}"] or 0)
        half = match[f"half{n}"]
        if half is not None:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if half in "Pp" else 0)
        if hour > 23 or minute > 59 or seconds > 59:
            return None
    try:
        parsed = datetime(year, month, day, hour, minute, seconds)
    except ValueError:
        return None, False
    if zone is not None:
        parsed = parsed.replace(tzinfo=tz.tzoffset(zone, tzinfos[zone]))
    return parsed, has_time


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
