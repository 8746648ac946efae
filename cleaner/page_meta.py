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
from dateutil import parser as date_parser

from .fields import DateSettings, parse_date, split_authors
from .page import Block, Page
from .ruleset import RuleSet

BYLINE = "structure/byline"
DATE = "structure/date"
_SEGMENTS = regex.compile(r"\s+(?:[|·•/]|[-–—]{1,2}|::)\s+|\s*\|\s*|(?<=\d)\s*,\s+(?=\p{L})")
_HANDLE = regex.compile(r"(?:^|\s)@\w+")
_EMAIL = regex.compile(r"\S+@\S+\.\w+")
_DIGIT = regex.compile(r"\d")
_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "van", "von", "der", "den", "di", "del",
                        "della", "la", "le", "bin", "al", "el", "ibn", "du", "ter", "y"})
_DATE_WORDS = date_parser.parserinfo()
_NAME_WORD = regex.compile(r"^[\p{L}\p{M}][\p{L}\p{M}.'’-]*$")


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
        low, high = (centre - before, centre + after) if anchors else (centre - after, centre)
        near.update(range(max(low, 0), min(high, len(page.blocks) - 1) + 1))
    near.difference_update(a.index for a in anchors)
    window = [page.blocks[i] for i in sorted(near)
              if page.blocks[i].text and page.blocks[i].words <= s["byline_max_words"]
              and not _junk(page.blocks[i])]
    distance = {b.index: min(abs(b.index - c) + (b.index < c) for c in centres) for b in window}
    # a bare name counts only on the few lines right under a headline
    under = {b.index for b in window for c in centres if anchors and 0 < b.index - c <= 3}
    _published(page, rules, window, distance, first_prose)
    _site_from_copyright(page, rules)
    _tidy_authors(page, rules)
    _authors(page, rules, window, distance, under, first_prose)
    _tidy_authors(page, rules)


def _junk(block: Block) -> bool:
    """A block a junk rule dropped (not one the region step set aside, nor metadata)."""
    return block.removed_by is not None and block.field is None and block.sticky \
        and not block.removed_by.startswith("region")


def segments(text: str) -> list[str]:
    """A byline line's parts: 'By X | Nov 19, 2019 | Topic: Y' -> ['By X', 'Nov 19, 2019', ...]."""
    return [p.strip() for p in _SEGMENTS.split(text) if p and p.strip()]


def _labelled(text: str, labels: frozenset[str]) -> bool:
    low = text.casefold().lstrip("(")
    return any(low.startswith(label) and not low[len(label):len(label) + 1].isalpha()
               for label in labels)


# ---- dates ----

def date_settings(page: Page, rules: RuleSet) -> DateSettings:
    return DateSettings(languages=(page.language,) if page.language else (),
                        zones=rules.settings.get("time_zones") or {})


def _published(page: Page, rules: RuleSet, window: list[Block], distance: dict[int, int],
               first_prose: int) -> None:
    """A date next to the headline wins over one a head rule read farther away."""
    settings = date_settings(page, rules)
    published, updated = rules.words("date_labels"), rules.words("date_update_labels")
    best: tuple[tuple[int, int], str, _Found] | None = None
    for block in window:
        found = _date_in(block.text, settings, published, updated)
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
        best = _labelled_date_anywhere(page, rules, settings, published, updated)
    if best is None:
        return
    _, value, found = best
    page.set_meta("published", value)
    _take(found, first_prose, DATE, "published")


def date_line(text: str, page: Page, rules: RuleSet) -> bool:
    """A short line that holds a full date ("Updated 10:31 pm CST, Tuesday, Nov 19, 2019")."""
    if len(text.split()) > rules.settings["date_label_max_words"]:
        return False
    found = _date_in(text, date_settings(page, rules), rules.words("date_labels"),
                     rules.words("date_update_labels"))
    return found is not None


def _date_in(text: str, settings: DateSettings, published: frozenset[str],
             updated: frozenset[str]) -> tuple[str, int, bool] | None:
    """The best date of a line: (ISO value, rank, whether the line is only that date)."""
    if not _DIGIT.search(text) or text.lstrip().startswith(("©", "(c)", "Copyright", "—")):
        return None
    best = None
    parts = segments(text)
    for part in parts:
        if not _DIGIT.search(part):
            continue
        value = parse_date(part, settings.languages, settings.zones)
        if value is None:
            continue
        rank = 0 if _labelled(part, published) else 2 if _labelled(part, updated) else 1
        if best is None or rank < best[1]:
            best = (value, rank, len(parts) == 1)
    return best


def _labelled_date_anywhere(page: Page, rules: RuleSet, settings: DateSettings,
                            published: frozenset[str], updated: frozenset[str]):
    limit = rules.settings["date_label_max_words"]
    for block in page.blocks:
        if not block.text or block.words > limit or _junk(block) or not _labelled(block.text,
                                                                                    published):
            continue
        found = _date_in(block.text, settings, published, updated)
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
             under: set[int], first_prose: int) -> None:
    if page.meta.get("authors"):
        return
    labels = rules.words("byline_labels")
    best: tuple[tuple[int, int], list[str], str | None, _Found] | None = None
    for block in window:
        text = block.text
        following = page.blocks[block.index + 1] if block.index + 1 < len(page.blocks) else None
        if text.strip(" :").casefold() in labels and following is not None and following.text:
            text = f"{text.strip(' :')} {following.text}"  # "By" / "Author:" on a line of its own
        read = read_byline(text, rules, bare=block.index in under, language=page.language,
                           site=page.meta.get("site_name"))
        if read is None:
            continue
        names, agency, rank, whole = read
        key = (min(rank, 1), distance[block.index] * 4 + rank)
        if best is None or key < best[0]:
            best = (key, names, agency, _Found(rank, key[1], block, whole))
    if best is None:
        best = _labelled_byline_anywhere(page, rules)
    if best is None:
        return
    _, names, agency, found = best
    if names:
        page.meta["authors"] = names
    if agency:
        page.set_meta("agency", agency)
    _take(found, first_prose, BYLINE, "authors")


def _labelled_byline_anywhere(page: Page, rules: RuleSet):
    """The page's first short labelled byline ("By Jane Roe"), wherever it is."""
    limit = rules.settings["date_label_max_words"]
    for block in page.blocks:
        if block.text and block.words <= limit and not _junk(block):
            read = read_byline(block.text, rules, language=page.language)
            if read and read[2] == 0:
                return (0, 0), read[0], read[1], _Found(0, 0, block, read[3])
    return None


def _tidy_authors(page: Page, rules: RuleSet) -> None:
    """Agency names among the authors go to `agency`; credentials and non-names go."""
    names = page.meta.get("authors") or []
    kept = []
    for name in names:
        name = _EMAIL.sub(" ", _HANDLE.sub(" ", name)).strip()
        agency = _agency(name, rules)
        if agency:
            page.set_meta("agency", agency)
        elif _all_names([name], rules, language=page.language) and name not in kept:
            kept.append(name)
    if names:
        page.meta["authors"] = kept


def read_byline(text: str, rules: RuleSet, *, bare: bool = False, language: str | None = None,
                site: str | None = None) -> tuple[list[str], str | None, int, bool] | None:
    """(names, agency, rank, whole line) from a byline, or None when the line is no byline.

    Rank 0: a labelled byline ("By X"); 1: a name with a role ("X, Staff Writer"); 2: a name
    next to a date ("X - Nov 19, 2019"); 3: a bare name (only when `bare`). The site's own
    name (`site`) in a byline's place is the publisher credited as author ("CBS News").
    """
    if "©" in text:
        return None  # a photo credit ("© Reuters / David Mercado"), not a byline
    parts = segments(_EMAIL.sub(" ", _HANDLE.sub(" ", text)))
    labels = rules.words("byline_labels")
    roles = rules.words("author_role_words") - rules.words("author_name_enders")
    dated = any(_DIGIT.search(p) and parse_date(p) for p in parts)
    short = rules.settings["byline_role_max_words"]
    for part in parts:
        label = _strip_label(part, labels)
        if label is None and _DIGIT.search(part):
            label = _label_after_date(part, labels)
        body = label if label is not None else part
        body = _cut_date_words(body)
        agency = _agency(body, rules)
        if agency and (label is not None or len(parts) <= 2):
            return [], agency, 0 if label is not None else 2, len(parts) == 1
        words = {w.casefold().strip(".,:;") for w in body.split()}
        if label is not None:
            names = _names(_cut_at_not_names(body, rules), rules)
            if names and _all_names(names, rules, language=language):
                return names, None, 0, len(parts) == 1
        elif words & roles:
            if len(part.split()) > rules.settings["byline_role_max_words"]:
                continue  # "Gen. X, chief commander of ..., speaks at ..." is a sentence
            names = _names(body, rules)
            if names and _all_names(names, rules, min_words=2, language=language):
                return names, None, 1, False
        elif (dated and len(parts) > 1) or bare:
            if _DIGIT.search(body) or (not dated and len(text.split()) > short):
                continue  # a bare name stands on a short line
            if site and body.casefold() == site.casefold():
                return [body], None, 2 if dated else 3, len(parts) == 1
            names = _names(_cut_at_not_names(body, rules), rules)
            if names and _all_names(names, rules, min_words=2, language=language):
                return names, None, 2 if dated else 3, len(parts) == 1 or dated
    return None


def _label_after_date(part: str, labels: frozenset[str]) -> str | None:
    """'Monday November 18, 2019 7:45 am PST by Joe Rossignol' -> 'Joe Rossignol'."""
    low = part.casefold()
    for label in labels:
        at = low.find(f" {label} ")
        if at > 0 and _DIGIT.search(part[:at]):
            return part[at + len(label) + 2:].strip(" :") or None
    return None


def _cut_at_not_names(text: str, rules: RuleSet) -> str:
    """'Marcus De Guzman View More Articles' -> 'Marcus De Guzman'."""
    not_names = rules.words("not_name_words")
    words = text.split()
    for i, word in enumerate(words):
        if word.casefold().strip(".,:;!?") in not_names:
            return " ".join(words[:i]) if i >= 2 else text
    return text


def _strip_label(part: str, labels: frozenset[str]) -> str | None:
    low = part.casefold()
    for label in sorted(labels, key=len, reverse=True):
        if low.startswith(label):
            rest = part[len(label):]
            if rest[:1] in (":", " ") and rest.strip(" :"):
                return rest.strip(" :")
    return None


def _cut_date_words(text: str) -> str:
    """'Joseph Tsidulko November 19, 2019' -> 'Joseph Tsidulko': drop from the first digit or
    date word on."""
    kept = []
    for word in text.split():
        bare = word.strip(".,")
        if _DIGIT.search(word) or (_DATE_WORDS.month(bare) and kept) or _DATE_WORDS.weekday(bare) \
                or bare.casefold() in ("am", "pm", "on", "at", "|"):
            break
        kept.append(word)
    return " ".join(kept).strip(" ,;:-–—")


def _agency(text: str, rules: RuleSet) -> str | None:
    folded = text.strip(" ()").casefold()
    for name in rules.words("agency_names"):
        if folded == name.casefold():
            return name
    return None


def _names(text: str, rules: RuleSet) -> list[str]:
    """Names in a byline; credentials ("MS", "PhD") and, after a first full name, parts that
    are no names ("Charlie Wood, Business Insider") are left out."""
    names = split_authors(text, rules.words("author_separators"), rules.words("author_role_words"))
    limit = rules.settings["author_max_words"]
    credentials = rules.words("author_credentials")
    if any(len(n.split()) > limit for n in names):
        return []  # "Jenny Slate and Her Editor on Refusing to ...": a headline, not names
    names = [n for n in names if n.casefold() not in credentials]
    if len(names) > 1 and _all_names(names[:1], rules, min_words=2) \
            and text.split(",")[0].strip(" .") == names[0]:
        names = names[:1] + [n for n in names[1:] if _all_names([n], rules, min_words=2)]
    return names


def _all_names(names: list[str], rules: RuleSet, min_words: int = 1,
               language: str | None = None) -> bool:
    not_names = rules.words("not_name_words") | rules.words("author_credentials")
    if language:  # the language's commonest words ("The", "Her") are no name words
        common = (rules.wordlists.get("stopwords") or {}).get(language) or []
        not_names = not_names | (set(common[:rules.settings["name_stopword_count"]]) - _PARTICLES)
    for name in names:
        words = name.split()
        if len(words) < min_words:
            return False
        for word in words:
            bare = word.strip(".,'’")
            if bare.casefold() in not_names or _DATE_WORDS.month(bare) \
                    or not _NAME_WORD.match(bare):
                return False
            if not (bare[:1].isupper() or bare.casefold() in _PARTICLES):
                return False
    return True


# ---- site name ----

def site_from_title_line(page: Page, rules: RuleSet) -> tuple[str, str] | None:
    """(headline, site) from a first line shaped like a <title>: 'Headline - Site'."""
    first = next((b for b in page.blocks if b.text), None)
    if first is None or _junk(first):
        return None
    parts = regex.split(rules.settings["title_suffix_pattern"], first.text.strip())
    if len(parts) < 2:
        return None
    site = parts[-1].strip()
    head = " - ".join(parts[:-1])
    if len(site.split()) > rules.settings["site_name_max_words"] or len(head.split()) < 3 \
            or site.endswith((".", "!", "?")) and not regex.search(r"\.\p{L}{2,}$", site):
        return None
    return head, site


def _site_from_copyright(page: Page, rules: RuleSet) -> None:
    if page.meta.get("site_name"):
        return
    pattern = regex.compile(rules.settings["copyright_pattern"])
    suffixes = rules.words("company_suffixes")
    marks = rules.words("copyright_marks")
    for block in reversed(page.blocks):
        if not any(mark in block.text for mark in marks):
            continue
        match = pattern.match(block.text.strip())
        if not match:
            continue
        words = match.group("site").split()
        while len(words) > 1 and words[-1].casefold().strip(",") in suffixes:
            words.pop()
        name = " ".join(words).strip(" ,")
        if name and len(words) <= rules.settings["site_name_max_words"] \
                and not _agency(name, rules):
            page.set_meta("site_name", name)
            return
