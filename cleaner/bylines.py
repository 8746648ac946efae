"""Bylines: who a page credits as its writer, read from one line of text.

`read_byline` answers for one line (the head step calls it on the lines around the headline):
people ("By Jane Roe and John Doe", "X, Staff Writer", "X - Nov 19, 2019", a bare name under the
headline), a news agency ("By Reuters", "PTI, Washington"), or an organisation credited in a
byline's place: a desk ("By Staff Reports", "News Nation Bureau", "Redaktion"), the publisher
itself ("... / CBS News", or the site's domain name) or a name behind an explicit label
("Author: The Water Coolest"). Word lists and thresholds come from `rules/bylines.yaml`
(and `author_role_words` / `author_separators` from `rules/settings.yaml`), compiled once per
rule set by `byline_words`.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import regex
from dateutil import parser as date_parser

from .fields import DateSettings, date_settings_for, parse_date, split_authors
from .ruleset import RuleSet

_SEGMENTS = regex.compile(r"\s+(?:[|·•/=]|[-–—]{1,2}|::)\s+|\s*[|｜／]\s*|(?<=\d)\s*,\s+(?=\p{L})")
# a source tag opening a byline: "[서울신문] 홍길동 기자", "(서울=연합뉴스) 홍길동 기자", "【共同】"
_SOURCE_TAG = regex.compile(r"^\s*[\[(（【](?:[^\])）】=]{1,20}=)?(?P<source>[^\])）】]{1,30})[\])）】]\s*")
_HANDLE = regex.compile(r"(?:^|\s)@\w+")
_EMAIL = regex.compile(r"\S+@\S+\.\w+")
_DIGIT = regex.compile(r"\d")
_WORD = regex.compile(r"[\w'’-]+")
_PLAIN_WORD = regex.compile(r"\w+")
# month and weekday names as dateutil knows them (its `parserinfo.month(name)` is a lookup of
# `name.lower()` among these); sets, so that a word that is neither costs no exception
_MONTH_NAMES = frozenset(n.lower() for names in date_parser.parserinfo.MONTHS for n in names)
_WEEKDAY_NAMES = frozenset(n.lower() for names in date_parser.parserinfo.WEEKDAYS
                           for n in names)
_NAME_WORD = regex.compile(r"^[\p{L}\p{M}][\p{L}\p{M}.'’-]*$")
# scripts without letter case: a name there is one word of a few letters ("홍길동", "山田太郎")
_CASELESS = regex.compile(r"[\p{Hangul}\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


@dataclass
class BylineWords:
    """The byline word lists and settings of one rule set, folded and compiled once."""

    labels: tuple[str, ...]                 # longest first
    label_set: frozenset[str]
    label_starts: frozenset[str]            # a word of each label ("written", "by", "cura")
    plain_label_starts: bool                # ... all of word characters only (\w+)
    label_start: regex.Pattern              # a label opening a (folded) part
    label_inside: regex.Pattern             # a label between spaces ("... 7:45 am PST by X")
    agency_starts: frozenset[str]           # a word of each agency name ("reuters", "press")
    byline_hints: frozenset[str]            # label_starts, agency_starts and roles together
    glued_role: regex.Pattern | None        # a role word glued to a name ("山田太郎記者")
    roles: frozenset[str]                   # role words that say a line is a byline
    role_words: frozenset[str]              # role words split_authors drops
    separators: frozenset[str]
    agencies: dict[str, str]                # folded -> printed
    not_names: frozenset[str]
    credentials: frozenset[str]
    desks: dict[str, tuple[tuple[str, ...], ...]]  # last word -> desk phrases (folded words)
    marks: tuple[str, ...]                  # copyright marks, folded
    mark_anywhere: regex.Pattern            # any copyright mark in a text
    copyright_line: regex.Pattern           # the copyright_pattern setting, compiled
    zones: frozenset[str]                   # time zone abbreviations ("PST")
    date_joiners: frozenset[str]            # small words inside a printed date ("at", "às")
    second_levels: frozenset[str]
    particles: frozenset[str]               # lower-case words inside names ("van", "de")
    bio: regex.Pattern | None
    caseless_name: regex.Pattern            # a whole name in a script without case
    max_words: int                          # words in a name, at most
    min_words: int                          # ... at least, with no label before it
    labelled_min_words: int                 # ... at least, behind a label
    month_min_letters: int                  # a month name this long is no name word
    whole_desk_min_words: int
    agency_max_parts: int
    domain_min_letters: int
    role_max_words: int
    stopwords: dict[str, list[str]]
    stopword_count: int
    _common: dict[str, frozenset[str]] = field(default_factory=dict)

    def not_name_words(self, language: str | None) -> frozenset[str]:
        """not_name_words and credentials, plus the language's commonest words ("The", "Her")."""
        if not language:
            return self.not_names
        if language not in self._common:
            common = self.stopwords.get(language) or []
            self._common[language] = self.not_names | (
                frozenset(common[:self.stopword_count]) - self.particles)
        return self._common[language]


_CACHE: dict[int, tuple[weakref.ref, BylineWords]] = {}


def byline_words(rules: RuleSet) -> BylineWords:
    """The compiled byline vocabulary of `rules` (built on first use, then reused)."""
    hit = _CACHE.get(id(rules))
    if hit is not None and hit[0]() is rules:
        return hit[1]
    words = _build(rules)
    _CACHE[id(rules)] = (weakref.ref(rules), words)
    return words


def _build(rules: RuleSet) -> BylineWords:
    s = rules.settings
    labels = tuple(sorted({x.casefold() for x in rules.words("byline_labels")}, key=len,
                          reverse=True))
    label_starts = frozenset(_key_word(label) for label in labels)
    roles = rules.words("author_role_words") - rules.words("author_name_enders")
    label_alt = "|".join(regex.escape(label) for label in labels) or "(?!)"
    agencies = sorted(rules.words("agency_names"), key=len, reverse=True)
    agency_starts = frozenset(_key_word(a) for a in agencies)
    desks: dict[str, list[tuple[str, ...]]] = {}
    for desk in sorted({tuple(d.casefold().split()) for d in rules.words("desk_credits")},
                       key=len, reverse=True):
        desks.setdefault(desk[-1], []).append(desk)
    bio = s.get("author_bio_pattern")
    fewest, most = rules.setting("caseless_name_min_letters"), rules.setting(
        "caseless_name_max_letters")
    caseless_roles = sorted((r for r in rules.words("author_role_words") if _CASELESS.match(r)),
                            key=len, reverse=True)
    glued = "|".join(regex.escape(r) for r in caseless_roles)
    return BylineWords(
        labels=labels,
        label_set=frozenset(labels),
        label_starts=label_starts,
        plain_label_starts=all(_PLAIN_WORD.fullmatch(x) for x in label_starts),
        label_start=regex.compile(rf"(?:{label_alt})(?=[:：]|\s)"),
        label_inside=regex.compile(rf" (?:{label_alt}) "),
        agency_starts=agency_starts,
        byline_hints=label_starts | agency_starts | roles,
        glued_role=(regex.compile(rf"(?<={_CASELESS.pattern}{{{fewest}}})(?={glued})")
                    if glued else None),
        roles=roles,
        role_words=rules.words("author_role_words"),
        separators=rules.words("author_separators"),
        agencies={name.casefold(): name for name in rules.words("agency_names")},
        not_names=rules.words("not_name_words") | rules.words("author_credentials"),
        credentials=rules.words("author_credentials"),
        desks={last: tuple(found) for last, found in desks.items()},
        marks=tuple(m.casefold() for m in rules.words("copyright_marks")),
        mark_anywhere=regex.compile("(?i)" + ("|".join(
            regex.escape(m) for m in sorted(rules.words("copyright_marks"), key=len,
                                            reverse=True)) or "(?!)")),
        copyright_line=regex.compile(rules.setting("copyright_pattern")),
        zones=frozenset(s.get("time_zones") or {}),
        date_joiners=frozenset(x.casefold() for x in rules.words("date_joining_words")),
        second_levels=rules.words("second_level_domains"),
        particles=frozenset(x.casefold() for x in rules.words("name_particles")),
        bio=regex.compile(bio) if bio else None,
        caseless_name=regex.compile(rf"^{_CASELESS.pattern}{{{fewest},{most}}}$"),
        max_words=rules.setting("author_max_words"),
        min_words=rules.setting("author_min_words"),
        labelled_min_words=rules.setting("labelled_author_min_words"),
        month_min_letters=rules.setting("name_month_min_letters"),
        whole_desk_min_words=rules.setting("whole_desk_min_words"),
        agency_max_parts=rules.setting("byline_agency_max_parts"),
        domain_min_letters=rules.setting("domain_name_min_letters"),
        role_max_words=rules.setting("byline_role_max_words"),
        stopwords=rules.wordlists.get("stopwords") or {},
        stopword_count=rules.setting("name_stopword_count"),
    )


def may_hold_label(text: str, w: BylineWords) -> bool:
    """Cheap test: the text holds a word of a byline label ("By", "Written", "Автор")."""
    return not w.label_starts.isdisjoint(_WORD.findall(text.casefold()))


def may_hold_label_folded(text: str, folded: str, w: BylineWords) -> bool:
    """`may_hold_label(text, w)`, sooner when `folded` is the text's case-folded `\\w+` words
    joined by spaces (`Block.folded`): a label word of word characters only that is a word of
    the text (between characters of none of `[\\w'’-]`) is one of those words too."""
    if w.plain_label_starts and w.label_starts.isdisjoint(folded.split()):
        return False
    return may_hold_label(text, w)


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _key_word(phrase: str) -> str:
    """The longest word of a phrase (the first in order among equals): a text holding the
    phrase holds that word."""
    return max(sorted(_tokens(phrase)) or [phrase.casefold()], key=len)


def segments(text: str) -> list[str]:
    """A byline line's parts: 'By X | Nov 19, 2019 | Topic: Y' -> ['By X', 'Nov 19, 2019', ...]."""
    return [p.strip() for p in _SEGMENTS.split(text) if p and p.strip()]


def has_copyright_mark(text: str, words: BylineWords) -> bool:
    return words.mark_anywhere.search(text) is not None


def domain_name(url: str | None, words: BylineWords) -> str | None:
    """'https://www.linknaija.com/2018/...' -> 'linknaija'; 'news.bbc.co.uk' -> 'bbc'."""
    if not url:
        return None
    labels = [p for p in urlsplit(url).netloc.split(":")[0].casefold().split(".") if p]
    if len(labels) < 2:
        return None
    labels.pop()  # the top-level domain
    while len(labels) > 1 and labels[-1] in words.second_levels:
        labels.pop()
    return labels[-1]


# ---- one line ----

def read_byline(text: str, rules: RuleSet, *, bare: bool = False, language: str | None = None,
                site: str | None = None, domain: str | None = None,
                dates: DateSettings | None = None) -> tuple[list[str], str | None, int, bool] | None:
    """(names, agency, rank, whole line) from a byline, or None when the line is no byline.

    Rank 0: a labelled byline ("By X"); 1: a name with a role ("X, Staff Writer"); 2: a name
    next to a date ("X - Nov 19, 2019"); 3: a bare name (only when `bare`). `dates` says how
    the page's dates are read (its language, time zones); without it, as the rules read them
    in `language` (`date_settings_for`). An organisation credited in a
    byline's place is kept whole as the one author: a desk ("Staff Reports"),
    the publisher (`site`, or the site's `domain` label such as "linknaija"), or any name
    behind an explicit label ("Author: The Water Coolest").
    """
    w = byline_words(rules)
    if dates is None:
        dates = date_settings_for(rules, language)
    if w.glued_role is not None:
        text = w.glued_role.sub(" ", text)  # "山田太郎記者" -> "山田太郎 記者"
    if not bare and not _DIGIT.search(text) \
            and _tokens(text).isdisjoint(w.byline_hints):
        return None  # no label, role, date, agency: nothing a byline is read from
    if has_copyright_mark(text, w):
        return None  # a photo credit ("© Reuters / David Mercado"), not a byline
    tag = _SOURCE_TAG.match(text)
    if tag and tag.end() < len(text):
        text = text[tag.end():]
    read = _read_parts(text, w, bare, language, site, domain, dates)
    agency = _agency(tag.group("source"), w) if tag else None
    if read is None and agency:
        return [], agency, 2, False  # "(Reuters) — The attorney general ...": the agency
    if read is not None and agency and read[1] is None and read[0]:
        return read[0], agency, read[2], read[3]  # "(서울=연합뉴스) 홍길동 기자"
    return read


def _read_parts(text: str, w: BylineWords, bare: bool, language: str | None, site: str | None,
                domain: str | None, dates: DateSettings | None
                ) -> tuple[list[str], str | None, int, bool] | None:
    parts = [piece for part in segments(_EMAIL.sub(" ", _HANDLE.sub(" ", text)))
             for piece in _unglue_date(part, w, dates)]
    dated = any(_DIGIT.search(p) and parse_date(p, settings=dates) for p in parts)
    whole = len(parts) == 1
    for number, part in enumerate(parts):
        label, explicit = _strip_label(part, w)
        if label is None and _DIGIT.search(part):
            label = _label_after_date(part, w)
        body = _cut_date_words(label if label is not None else part, w)
        agency = _agency(body, w) or _agency(body.split(",")[0], w)
        if agency and (label is not None or len(parts) <= w.agency_max_parts):
            return [], agency, 0 if label is not None else 2, whole
        org = _organisation(body, w, site, domain)
        if label is not None:
            credit = _labelled_credit(body, org, explicit, w, language)
            if credit is not None:
                return credit[0], credit[1], 0, whole
            continue
        role = bool({x.casefold().strip(".,:;") for x in body.split()} & w.roles)
        if role and len(part.split()) <= w.role_max_words:
            names, agency = _people(_names(body, w), w)  # "Tom Krisher, AP Auto Writer"
            if not names and number:  # "Jane Roe | Staff Writer": the role in a part of its own
                names, agency = _people(_names(parts[number - 1], w), w)
            if names and _names_ok(names, w, w.min_words, language):
                return names, agency, 1, False
        if not ((dated and len(parts) > 1) or bare) or _DIGIT.search(body) \
                or (not dated and (len(text.split()) > w.role_max_words or _DIGIT.search(part))):
            continue  # a bare name stands on a short line, or next to a date
        rank = 2 if dated else 3
        if org and _whole_desk(org, body, w):
            return [org], None, rank, whole
        if not role:
            names, agency = _people(_names(_cut_at_not_names(body, w), w), w)
            if names and _names_ok(names, w, w.min_words, language):
                return names, agency, rank, whole or dated
        if org:
            return [org], None, rank, whole
    return None


def _labelled_credit(body: str, org: str | None, explicit: bool, w: BylineWords,
                     language: str | None) -> tuple[list[str], str | None] | None:
    """(names, agency) behind a byline label: a whole desk ("By Practical Horseman Editorial
    Staff"), else people ("By Jane Roe and John Doe, AP"), else an organisation (a desk or the
    publisher, or any short name after an explicit label: "Author: The Water Coolest")."""
    if org and _whole_desk(org, body, w):
        return [org], None
    names, agency = _people(_names(_cut_at_not_names(body, w), w), w)
    if names and _names_ok(names, w, w.labelled_min_words, language):
        return names, agency
    if org or (explicit and _organisation_name(body, w, language)):
        return [org or body], None
    return None


def read_author_bio(text: str, rules: RuleSet, language: str | None = None) -> list[str]:
    """The name an author box opens with ("Louise Matsakis is a staff writer at WIRED ...")."""
    return author_in_bio(text, byline_words(rules), language)


def author_in_bio(text: str, w: BylineWords, language: str | None) -> list[str]:
    match = w.bio.match(text) if w.bio is not None else None
    if not match:
        return []
    name = match.group("name").strip()
    return [name] if _names_ok([name], w, w.min_words, language) else []


def _unglue_date(part: str, w: BylineWords, dates: DateSettings | None) -> list[str]:
    """'Reuters November 18, 2019 11:03 PM' -> ['Reuters', 'November 18, 2019 11:03 PM'];
    '21/06/2014 Tony Carter' -> ['21/06/2014', 'Tony Carter']: a date printed straight before or
    after a name, with no separator."""
    words = part.split()
    if len(words) < 2 or not _DIGIT.search(part) \
            or _date_word(words[0], w) == _date_word(words[-1], w):
        return [part]  # the date must open or close the part, the name the other end
    flags = [_date_word(word, w) for word in words]
    if flags[0] and not flags[-1]:
        cut = flags.index(False)
        date, rest = words[:cut], words[cut:]
    elif flags[-1] and not flags[0]:
        cut = len(flags) - flags[::-1].index(False)
        rest, date = words[:cut], words[cut:]
    else:
        return [part]
    date_text = " ".join(date)
    if not _DIGIT.search(date_text) or not parse_date(date_text, settings=dates):
        return [part]
    pieces = [" ".join(date), " ".join(rest)] if flags[0] else [" ".join(rest), " ".join(date)]
    return [p.strip(" ,;:-–—") for p in pieces if p.strip(" ,;:-–—")]


def _date_word(word: str, w: BylineWords) -> bool:
    bare = word.strip(".,;:()")
    return bool(_DIGIT.search(word) or bare.lower() in _MONTH_NAMES
                or bare.lower() in _WEEKDAY_NAMES
                or bare.casefold() in w.date_joiners or not bare
                or bare in w.zones)


def _strip_label(part: str, w: BylineWords) -> tuple[str | None, bool]:
    """('Jane Roe', explicit) from 'By Jane Roe'; explicit when a colon follows the label."""
    match = w.label_start.match(part.casefold())
    if match is None:
        return None, False
    rest = part[match.end():]
    if not rest.strip(" :："):
        return None, False
    return rest.strip(" :："), rest.lstrip()[:1] in (":", "：")


def _label_after_date(part: str, w: BylineWords) -> str | None:
    """'Monday November 18, 2019 7:45 am PST by Joe Rossignol' -> 'Joe Rossignol'."""
    for match in w.label_inside.finditer(part.casefold()):
        if _DIGIT.search(part[:match.start()]):
            return part[match.end():].strip(" :") or None
    return None


def _cut_at_not_names(text: str, w: BylineWords) -> str:
    """'Marcus De Guzman View More Articles' -> 'Marcus De Guzman'."""
    words = text.split()
    for i, word in enumerate(words):
        if word.casefold().strip(".,:;!?") in w.not_names:
            return " ".join(words[:i]) if i >= w.min_words else text
    return text


def _cut_date_words(text: str, w: BylineWords) -> str:
    """'Joseph Tsidulko November 19, 2019' -> 'Joseph Tsidulko': drop from the first digit or
    date word on."""
    kept: list[str] = []
    for word in text.split():
        bare = word.strip(".,")
        lowered = bare.lower()
        if _DIGIT.search(word) or (lowered in _MONTH_NAMES and kept) or lowered in _WEEKDAY_NAMES \
                or bare.casefold() in w.date_joiners or bare == "|":
            break
        kept.append(word)
    return " ".join(kept).strip(" ,;:-–—")


def agency_name(text: str, rules: RuleSet) -> str | None:
    """The agency a text names whole ("(Reuters)", "AP"), as the word list prints it."""
    return _agency(text, byline_words(rules))


def _agency(text: str, w: BylineWords) -> str | None:
    return w.agencies.get(text.strip(" ()").casefold())


def _organisation(body: str, w: BylineWords, site: str | None, domain: str | None) -> str | None:
    """A desk or the publisher credited in a byline's place: 'Staff Reports', 'New Delhi, News
    Nation Bureau' -> 'News Nation Bureau', 'CBS News' on cbsnews.com, 'LinkNaija' on
    linknaija.com."""
    for piece in reversed(body.split(",")):
        piece = piece.strip(" .;:")
        words = piece.split()
        if not words or len(words) > w.max_words:
            continue
        folded = piece.casefold()
        if (site and folded == site.casefold()) \
                or (domain and len(domain) >= w.domain_min_letters
                    and folded.replace(" ", "") == domain):
            return piece
        if _desk(words, w):
            return piece
    return None


def is_organisation_credit(name: str, rules: RuleSet, site: str | None = None,
                           domain: str | None = None) -> bool:
    """A name that is a desk or the publisher, not a person ("Staff Reports", "CBS News")."""
    return _organisation(name, byline_words(rules), site, domain) == name.strip(" .;:")


def _desk(words: list[str], w: BylineWords) -> int:
    """'Staff Reports', 'News Nation Bureau', 'Redaktion': a desk phrase, perhaps behind the
    desk's or site's capitalised name. Returns the desk phrase's length in words (0: none)."""
    folded = tuple(x.casefold().strip(".,") for x in words)
    for desk in w.desks.get(folded[-1], ()):
        if len(desk) <= len(folded) and folded[len(folded) - len(desk):] == desk:
            head = words[:len(words) - len(desk)]
            ok = all(x[:1].isupper() or _CASELESS.match(x) for x in head) \
                and not any(_DIGIT.search(x) for x in head)
            return len(desk) if ok else 0
    return 0


def _whole_desk(org: str, body: str, w: BylineWords) -> bool:
    """The whole credit is one desk of two words or more ("Practical Horseman Editorial
    Staff", not "Jane Roe, Staff" nor "Meg James Staff"): the desk wins over the names in it."""
    return org == body.strip(" .;:") and _desk(org.split(), w) >= w.whole_desk_min_words


def _people(names: list[str], w: BylineWords) -> tuple[list[str], str | None]:
    """'Meg Kinnard', 'Errin Haines', 'Associated Press' -> the people, and the agency apart."""
    agencies = [a for a in (_agency(n, w) for n in names) if a]
    return [n for n in names if not _agency(n, w)], (agencies[0] if agencies else None)


def _organisation_name(body: str, w: BylineWords, language: str | None) -> bool:
    """'The Water Coolest': a short name of capitalised words (small joining words allowed)."""
    words = body.split()
    if not words or len(words) > w.max_words or _DIGIT.search(body) or body.endswith((".", "?", "!")):
        return False
    common = w.not_name_words(language)
    return words[0][:1].isupper() and all(
        x[:1].isupper() or not x[:1].isalpha() or x.casefold() in common for x in words)


def _names(text: str, w: BylineWords) -> list[str]:
    """Names in a byline; credentials ("MS", "PhD") and, after a first full name, parts that
    are no names ("Charlie Wood, Business Insider") are left out."""
    names = split_authors(text, w.separators, w.role_words)
    if any(len(n.split()) > w.max_words for n in names):
        return []  # "Jenny Slate and Her Editor on Refusing to ...": a headline, not names
    names = [n for n in names if n.casefold() not in w.credentials]
    if len(names) > 1 and _names_ok(names[:1], w, w.min_words, None) \
            and text.split(",")[0].strip(" .") == names[0]:
        names = names[:1] + [n for n in names[1:] if _names_ok([n], w, w.min_words, None)]
    return names


def all_names(names: list[str], rules: RuleSet, min_words: int = 1,
              language: str | None = None) -> bool:
    """Every entry looks like a person's name: capitalised words (or one word in a script
    without case), none a not-name word, a month or a possessive."""
    return _names_ok(names, byline_words(rules), min_words, language)


def _names_ok(names: list[str], w: BylineWords, min_words: int, language: str | None) -> bool:
    not_names = w.not_name_words(language)
    for name in names:
        words = name.split()
        if len(words) == 1 and w.caseless_name.match(words[0]):
            continue  # "홍길동", "山田太郎"
        if len(words) < min_words:
            return False
        for word in words:
            bare = word.strip(".,'’")
            if bare.casefold() in not_names or (len(bare) >= w.month_min_letters and bare.lower() in _MONTH_NAMES) \
                    or not _NAME_WORD.match(bare) or word.endswith(("'", "’", "'s", "’s")):
                return False
            if not (bare[:1].isupper() or bare.casefold() in w.particles):
                return False
    return True
