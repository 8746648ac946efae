"""Metadata read from the whole page: bylines and dates around the headline, site names.

Called by `find_structure` once the headline (the anchor) is known. It reads the lines just
before and after the headline, whatever earlier steps decided about them (a byline the region
step left out is still a byline), and fills the fields no rule filled:

- published: the first line near the headline that holds a full date; a labelled publication
  date ("Published", "Posted on") wins over an unlabelled one, an "Updated" date comes last;
  otherwise a labelled date line anywhere on the page.
- authors / agency: "By X and Y" (labels in many languages), "X, Staff Writer", "X - Nov 19,
  2019", or a bare name right under the headline; an agency name goes to `agency`.
- site_name: the `<title>` line's suffix, else the copyright line.

Word lists and thresholds live in `rules/bylines.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .bylines import (
    BylineWords,
    agency_name,
    all_names,
    author_in_bio,
    byline_words,
    domain_name,
    has_copyright_mark,
    is_organisation_credit,
    may_hold_label,
    may_hold_label_folded,
    read_byline,
    segments,
)
from .fields import DateSettings, date_settings_for, parse_date
from .page import Block, Page
from .ruleset import RuleSet

__all__ = [
    "date_line",
    "date_settings",
    "dates_in_line",
    "find_page_meta",
    "read_byline",
    "segments",
    "site_from_title_line",
]

BYLINE = "structure/byline"
DATE = "structure/date"
_HANDLE = regex.compile(r"(?:^|\s)@\w+")
_EMAIL = regex.compile(r"\S+@\S+\.\w+")
_DIGIT = regex.compile(r"\d")


@dataclass
class _Found:
    rank: int          # lower wins
    distance: int      # lines from the headline; nearer wins
    block: Block
    whole: bool        # the line holds nothing else (it may leave the body)


def find_page_meta(page: Page, rules: RuleSet, anchors: list[Block], first_prose: int) -> None:
    """Fill published, authors, agency and site_name from the lines around the headline.

    `anchors` are the headline and the other lines repeating it (the first is the headline);
    with none, the lines before the article's first prose line are read.
    """
    s = rules.settings
    before, after = s["byline_window_before"], s["byline_window_after"]
    centres = [a.index for a in anchors] or [first_prose]
    near: set[int] = set()
    for centre in centres:
        # with no headline, the lines over the article's first prose line and the few under
        # it (that line may be the headline itself, the byline under it)
        low, high = (centre - before, centre + after) if anchors else (centre - after,
                                                                       centre + before)
        near.update(range(max(low, 0), min(high, len(page.blocks) - 1) + 1))
    near.difference_update(a.index for a in anchors)
    limit = s["byline_max_words"]
    window = [page.blocks[i] for i in sorted(near)
              if page.blocks[i].text and page.blocks[i].words <= limit
              and not _junk(page.blocks[i])]
    distance = {b.index: min(abs(b.index - c) + (b.index < c) for c in centres) for b in window}
    _published(page, rules, window, distance, first_prose)
    _site_from_copyright(page, rules)
    _tidy_authors(page, rules)
    _authors(page, rules, window, distance, _under(page, anchors, s["byline_bare_lines"]),
             first_prose, near)


def _under(page: Page, anchors: list[Block], count: int) -> set[int]:
    """The first `count` lines under each headline that no junk rule took (a bare name counts
    only there; a share bar between the headline and the byline does not push it away)."""
    under: set[int] = set()
    for anchor in anchors:
        seen = 0
        for block in page.blocks[anchor.index + 1:]:
            if seen >= count:
                break
            if block.text and not _junk(block):
                under.add(block.index)
                seen += 1
    return under


def _junk(block: Block) -> bool:
    """A block a junk rule dropped (not one the region step set aside, nor metadata)."""
    return block.removed_by is not None and block.field is None and block.sticky \
        and not block.removed_by.startswith("region")


def _labelled(text: str, labels: regex.Pattern) -> bool:
    return labels.match(text.casefold().lstrip("(")) is not None


# ---- dates ----

@dataclass
class _DateWords:
    published: regex.Pattern     # a publication-date label at the start of a text
    published_anywhere: regex.Pattern  # cheap test: a publication-date label in a text
    updated: regex.Pattern       # an update label at the start
    update_inside: regex.Pattern  # an update label inside a part: split there
    max_words: int


_DATE_CACHE: dict[int, tuple[object, _DateWords]] = {}


def _date_words(rules: RuleSet) -> _DateWords:
    hit = _DATE_CACHE.get(id(rules))
    if hit is not None and hit[0] is rules.settings:
        return hit[1]

    def alternation(name: str) -> str:
        words = sorted({w.casefold() for w in rules.words(name)}, key=len, reverse=True)
        return "|".join(regex.escape(w) for w in words) or "(?!)"

    s = rules.settings
    found = _DateWords(
        published=regex.compile(rf"(?:{alternation('date_labels')})(?!\p{{L}})"),
        published_anywhere=regex.compile(
            rf"(?i)(?<!\p{{L}})(?:{alternation('date_labels')})(?!\p{{L}})"),
        updated=regex.compile(rf"(?:{alternation('date_update_labels')})(?!\p{{L}})"),
        update_inside=regex.compile(
            rf"(?i)\s+(?=(?:{alternation('date_update_labels')})(?!\p{{L}}))"),
        max_words=s["date_label_max_words"])
    _DATE_CACHE[id(rules)] = (rules.settings, found)
    return found


def date_settings(page: Page, rules: RuleSet) -> DateSettings:
    """How dates are read on this page: its language, time zones, month names, rewrites."""
    return date_settings_for(rules, page.language)


def _published(page: Page, rules: RuleSet, window: list[Block], distance: dict[int, int],
               first_prose: int) -> None:
    """A date next to the headline wins over one a head rule read farther away."""
    settings = date_settings(page, rules)
    words = _date_words(rules)
    marks = byline_words(rules)
    best: tuple[tuple[int, int], str, _Found] | None = None
    for block in sorted(window, key=lambda b: (distance[b.index], b.index)):  # nearest first
        if best is not None and best[0][0] == 0:
            break  # a labelled date: nothing farther can win
        if best is not None and best[0][0] == 1 and not words.published_anywhere.search(
                block.text):
            continue  # farther away only a labelled date wins
        found = _date_in(block.text, settings, words, marks)
        if found is None:
            continue
        value, rank, whole = found
        key = (rank, distance[block.index])
        if best is None or key < best[0]:
            best = (key, value, _Found(rank, key[1], block, whole))
    if best is not None and best[0][0] < 2:
        page.meta["published"] = best[1]
    if page.meta.get("published"):
        return
    if best is None:
        best = _labelled_date_anywhere(page, settings, words, marks)
    if best is None:
        return
    _, value, where = best
    page.set_meta("published", value)
    _take(where, first_prose, DATE, "published")


def date_line(text: str, page: Page, rules: RuleSet) -> bool:
    """A short line that holds a full date ("Updated 10:31 pm CST, Tuesday, Nov 19, 2019")."""
    words = _date_words(rules)
    if len(text.split()) > words.max_words:
        return False
    return _date_in(text, date_settings(page, rules), words, byline_words(rules)) is not None


def _date_in(text: str, settings: DateSettings, words: _DateWords,
             marks: BylineWords) -> tuple[str, int, bool] | None:
    """The best date of a line: (ISO value, rank, whether the line is only that date).

    Rank 0: behind a publication label; 1: unlabelled; 2: behind an update label. A part that
    holds both ("Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT") is read
    as two.
    """
    start = text.lstrip().casefold()
    if not _DIGIT.search(text) or start.startswith(("—", *marks.marks)):
        return None
    best = None
    parts = [piece for part in segments(text) for piece in words.update_inside.split(part)]
    for part in parts:
        if not _DIGIT.search(part):
            continue
        value = parse_date(part, settings=settings)
        if value is None:
            continue
        rank = 0 if _labelled(part, words.published) else \
            2 if _labelled(part, words.updated) else 1
        if best is None or rank < best[1]:
            best = (value, rank, len(parts) == 1)
    return best


def dates_in_line(text: str, rules: RuleSet, language: str | None = None) -> list[str]:
    """Every full date the cleaner reads in a line (ISO 8601), whatever its label: the parts of
    the line as `_date_in` splits them, read with the rules' time zones, month names and
    rewrites. `cleaner eval --meta` uses it to tell whether a declared date is printed."""
    words = _date_words(rules)
    settings = date_settings_for(rules, language)
    parts = [piece for part in segments(text) for piece in words.update_inside.split(part)]
    found = (parse_date(part, settings=settings) for part in parts if _DIGIT.search(part))
    return [value for value in found if value]


def _labelled_date_anywhere(page: Page, settings: DateSettings, words: _DateWords,
                            marks: BylineWords):
    for block in page.blocks:
        if not block.text or block.words > words.max_words or _junk(block) \
                or not _labelled(block.text, words.published):
            continue
        found = _date_in(block.text, settings, words, marks)
        if found and found[1] == 0:
            return (0, 0), found[0], _Found(0, 0, block, found[2])
    return None


def _take(found: _Found, first_prose: int, rule_id: str, field: str) -> None:
    """A line that is only a byline or date, in the head and still in the body, leaves it."""
    block = found.block
    if found.whole and block.alive and block.index < first_prose:
        block.remove(rule_id, to_field=field)
        block.verdicts.append(("find_structure", field))


# ---- authors ----

def _authors(page: Page, rules: RuleSet, window: list[Block], distance: dict[int, int],
             under: set[int], first_prose: int, near: set[int]) -> None:
    """The nearest byline around the headline; authors a rule read elsewhere on the page
    ("Follow Jane Roe on Twitter") give way to it, a byline a head rule read near it does not.

    A labelled byline ("By X") wins over any other; among the rest, the nearest line wins, and
    on one line the better rank (a role, then a date, then a bare name; see `read_byline`)."""
    if page.meta.get("authors") and any(
            b.index in near for b in page.blocks if b.field and "authors" in b.field):
        return
    w = byline_words(rules)
    site, domain = page.meta.get("site_name"), domain_name(page.url, w)
    dates = date_settings(page, rules)
    best: tuple[tuple[int, int, int], list[str], str | None, _Found] | None = None
    for block in sorted(window, key=lambda b: (distance[b.index], b.index)):  # nearest first
        text = block.text
        following = page.blocks[block.index + 1] if block.index + 1 < len(page.blocks) else None
        if text.strip(" :").casefold() in w.label_set and following is not None \
                and following.text:
            text = f"{text.strip(' :')}: {following.text}"  # "By" / "Author:" on its own line
        if best is not None and distance[block.index] > best[0][1]:
            if best[0][0] == 0:
                break  # a labelled byline: nothing farther can win
            if not may_hold_label(text, w):
                continue  # farther away only a labelled byline wins
        read = read_byline(text, rules, bare=block.index in under, language=page.language,
                           site=site, domain=domain, dates=dates)
        if read is None:
            continue
        names, agency, rank, whole = read
        key = (min(rank, 1), distance[block.index], rank)
        if best is None or key < best[0]:
            best = (key, names, agency, _Found(rank, key[1], block, whole))
    if page.meta.get("authors") and (best is None or best[3].rank > 2):
        return  # a bare name under the headline does not outweigh a rule's reading
    if best is None:
        best = _labelled_byline_anywhere(page, rules, w)
    if best is None:
        names = _author_bio(page, rules)
        if names:
            page.meta["authors"] = names
        return
    _, names, agency, found = best
    page.meta["authors"] = names
    if agency:
        page.set_meta("agency", agency)
    _take(found, first_prose, BYLINE, "authors")


def _labelled_byline_anywhere(page: Page, rules: RuleSet, w: BylineWords):
    """The page's first short labelled byline ("By Jane Roe"), wherever it is."""
    limit = rules.settings["date_label_max_words"]
    for block in page.blocks:
        if block.text and block.words <= limit and not _junk(block) \
                and may_hold_label_folded(block.text, block.folded, w):
            read = read_byline(block.text, rules, language=page.language,
                               dates=date_settings(page, rules))
            if read and read[2] == 0:
                return (0, 0, 0), read[0], read[1], _Found(0, 0, block, read[3])
    return None


def _author_bio(page: Page, rules: RuleSet) -> list[str]:
    """With no byline anywhere, the name an author box opens with, the last such on the page."""
    w = byline_words(rules)
    if w.bio is None:
        return []
    limit = rules.settings["author_bio_max_words"]
    for block in reversed(page.blocks):
        if block.text and block.words <= limit:
            names = author_in_bio(block.text, w, page.language)
            if names:
                return names
    return []


def _tidy_authors(page: Page, rules: RuleSet) -> None:
    """Agency names among the authors go to `agency`; credentials and non-names go."""
    names = page.meta.get("authors") or []
    kept: list[str] = []
    site = page.meta.get("site_name")
    for name in names:
        name = _EMAIL.sub(" ", _HANDLE.sub(" ", name)).strip()
        agency = agency_name(name, rules)
        if agency:
            page.set_meta("agency", agency)
        elif name not in kept and (all_names([name], rules, language=page.language)
                                   or is_organisation_credit(name, rules, site)):
            kept.append(name)
    if names:
        page.meta["authors"] = kept


# ---- site name ----

def site_from_title_line(page: Page, rules: RuleSet) -> tuple[str, str] | None:
    """(headline, site) from a first line shaped like a <title>: 'Headline - Site'."""
    first = page.title_line(rules.setting("title_line_max_repeats"))
    if first is None or _junk(first):
        return None
    parts = regex.split(rules.settings["title_suffix_pattern"], first.text.strip())
    if len(parts) < 2:
        return None
    site = parts[-1].strip()
    head = " - ".join(parts[:-1])
    if len(site.split()) > rules.settings["site_name_max_words"] \
            or len(head.split()) < rules.setting("region_title_min_words") \
            or site.endswith((".", "!", "?")) and not regex.search(r"\.\p{L}{2,}$", site):
        return None
    return head, site


def _site_from_copyright(page: Page, rules: RuleSet) -> None:
    if page.meta.get("site_name"):
        return
    pattern = byline_words(rules).copyright_line
    suffixes = rules.words("company_suffixes")
    marks = byline_words(rules)
    for block in reversed(page.blocks):
        if not has_copyright_mark(block.text, marks):
            continue
        match = pattern.match(block.text.strip())
        if not match:
            continue
        words = match.group("site").split()
        while len(words) > 1 and words[-1].casefold().strip(",") in suffixes:
            words.pop()
        name = " ".join(words).strip(" ,")
        if name and len(words) <= rules.settings["site_name_max_words"] \
                and not agency_name(name, rules):
            page.set_meta("site_name", name)
            return
