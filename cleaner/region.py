"""Pipeline step `find_article`: keep the one region of the page where the article's prose is.

Three passes, each leaving its verdict on the block (as jusText keeps both of its passes):

1. `classify` gives every block still in the body a class from its own features:
     good  - long, ends a sentence, rich in the language's stopwords
     near  - medium length or weaker evidence
     short - a few words (headings, labels, menu items)
     bad   - link-list or menu-like: unpunctuated, or a line the page repeats
2. `smooth` re-reads near and short blocks by their neighbours (jusText's second pass): one that
   sits between good blocks is part of the text, one in a run of menu lines is not.
3. `best_run` keeps the best-scoring contiguous run of blocks: good blocks add their words, the
   others cost, and every further block of a gap costs more than the last, so a caption or an
   ad label inside the article is cheap to cross and a menu or a teaser list is not.

Inside the run, a bad line goes unless good text follows it (a subheading stays).

The page's first line is usually its <title>; the headline repeats it (minus the site name)
where the article starts, so prose before that repeat counts for nothing and the first good
blocks after it get a bonus; without a title line, a line spelling the url's slug stands in.
A comments heading closes the article (`close_at_boundary`), and so does a cut marker held
for this step when the article does not resume under it (`_before_held_marker`). A line ending
in a colon over text reads as text (`_introduces`); a paragraph under a dropped sidebar widget
heading, with a post's headline and byline right after it, is the widget's (`past_widget`).
Thresholds and word lists live in rules/settings.yaml (`region_*`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, fields

import regex

from .apply_rules import (
    REGION_AFTER,
    article_resumes,
    drop_held_markers,
    judge_positions,
    prose_bounds,
)
from .features import BlockFeatures, page_features
from .language import stopword_index
from .page import Block, Page
from .page_meta import date_line, read_byline
from .ruleset import RuleSet
from .text import fold_as_slug

STEP = "find_article"
REMOVED_BEFORE = "region/before-article"
REMOVED_AFTER = REGION_AFTER
REMOVED_INSIDE = "region/inside-article"
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


def classify(f: BlockFeatures, s: dict, density: float | None = None) -> str:
    """First pass: a class from the block's own features; `density` is the page's stopword
    density threshold (`stopword_threshold`; by default `region_stopword_density`)."""
    if density is None:
        density = s["region_stopword_density"]
    if f.repeated:
        return BAD
    if f.words < s["region_short_words"]:
        return SHORT
    dense = f.stopword_density is None or f.stopword_density >= density
    prose_like = f.ends_sentence or f.words >= s["region_long_words"]
    if prose_like and f.words >= s["region_good_words"] and dense:
        return GOOD
    if not f.ends_sentence and f.words < s["region_near_words"]:
        return BAD
    return NEAR


def stopword_threshold(features: list[BlockFeatures], s: dict) -> float:
    """The stopword density a block needs to be prose: `region_stopword_density`, or less on a
    page whose own sentences hold fewer stopwords (a language whose list catches few words,
    as in Korean, where particles join the word): `region_stopword_relative` of the density
    of the page's densest sentences (its `region_stopword_quantile` among sentence-ending
    blocks of `region_good_words` or more)."""
    base = s["region_stopword_density"]
    sentences = sorted(f.stopword_density for f in features
                       if f.stopword_density is not None and f.ends_sentence
                       and f.words >= s["region_good_words"])
    if not sentences:
        return base
    top = sentences[min(len(sentences) - 1, int(len(sentences) * s["region_stopword_quantile"]))]
    return min(base, top * s["region_stopword_relative"])


def smooth(labels: list[str], features: list[BlockFeatures], s: dict) -> list[str]:
    """Second pass: near and short blocks take the class their nearest neighbours agree on.
    Between good blocks they are text; between bad ones (or the page's edge) they are not,
    unless long (a bulleted paragraph, a table row with a sentence in it)."""
    before, after = _decided_neighbours(labels, s["region_smooth_reach"])
    out = list(labels)
    for i, label in enumerate(labels):
        if label not in (NEAR, SHORT):
            continue
        if before[i] == GOOD and after[i] == GOOD:
            out[i] = GOOD if label == NEAR else NEAR
        elif (before[i] in (BAD, None) and after[i] in (BAD, None)
              and features[i].words < s["region_long_words"]):
            out[i] = BAD
    return out


def announced_lists(alive: list[Block], features: list[BlockFeatures], labels: list[str],
                    s: dict, intro_ends: frozenset[str],
                    intro_words: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
                    ) -> list[str]:
    """A line of prose that ends in a colon ("The tour dates:", "Le offerte su Amazon:"), or
    a sentence that ends with one of `intro_words[0]` or opens with one of `intro_words[1]`
    ("The new opening hours are listed below.", "Poniżej przedstawiamy najważniejsze
    zmiany."), announces a list or a table: the lines after it, up to the next good block, are its items
    and count as near text, not as a menu, when there are at least `region_list_min_items`
    of them. A good block ends the list unless it starts like its first item ("5) ...",
    "* ..."): a numbered item long enough to read as prose is still an item. The list also
    ends at two short lines in a row (or one at the page's end), at a line the page repeats
    elsewhere, or after `region_list_max_blocks` lines. When that leaves too few items after a
    line ending in a colon, and the article's prose resumes within `region_list_max_blocks`
    lines with no line between that the page repeats, every line between is an item, short
    ones too ("Garage Markt", "Garage Oude Haven"; `_resumed_after`)."""
    out = list(labels)
    need = s["region_list_intro_words"]
    limit = s["region_list_max_blocks"]
    short = s["region_short_words"]
    i = 0
    n = len(alive)
    while i < n:
        text = alive[i].text.rstrip()
        if not (text and features[i].words >= need and not features[i].repeated
                and (text[-1] in intro_ends or _announces(text, intro_words))):
            i += 1
            continue
        j = i + 1
        lead = _item_lead(alive[j].text) if j < n else None
        while j < n and j - i <= limit and not features[j].repeated:
            if labels[j] == GOOD and not (lead and _item_lead(alive[j].text) == lead):
                break
            if features[j].words < short and (j + 1 == n or features[j + 1].words < short):
                break
            j += 1
        if j - i - 1 < s["region_list_min_items"] and text[-1] in intro_ends:
            j = _resumed_after(labels, features, i, limit) or j  # short items, prose after
        if j - i - 1 >= s["region_list_min_items"]:  # fewer lines are a teaser, not a list
            for k in range(i, j):  # the line announcing them too: without it they read as a menu
                if labels[k] in (BAD, SHORT):
                    out[k] = NEAR
        i = j
    return out


def _resumed_after(labels: list[str], features: list[BlockFeatures], i: int,
                   limit: int) -> int | None:
    """The next good block after the line at `i`, when only lines the page does not repeat
    (at most `limit`) come between: a list of short items ("Garage Markt", "Garage Oude
    Haven") that the article's prose resumes after; None otherwise."""
    j = i + 1
    while j < len(labels) and j - i <= limit and labels[j] != GOOD:
        if features[j].repeated:
            return None
        j += 1
    return j if j < len(labels) and labels[j] == GOOD else None


_SENTENCE_ENDS = (".", "。", "!")  # `text` is stripped: the end of a sentence is its last one
_SENTENCE_ENDS_RUN = "".join(_SENTENCE_ENDS)


def _announces(text: str, words: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A sentence ending in "." whose last word is one of `words[0]` ("... listed below.") or
    that opens with one of the phrases `words[1]` ("Poniżej przedstawiamy ...."), case folded."""
    last_words, openers = words
    if not (last_words or openers) or not text.endswith(_SENTENCE_ENDS):
        return False
    folded = text.rstrip(_SENTENCE_ENDS_RUN).casefold()
    if folded.rsplit(None, 1)[-1] in last_words:
        return True
    if not folded.startswith(tuple(openers)):  # one test in C before the opener-by-opener one
        return False
    return any(folded.startswith(o) and not folded[len(o):len(o) + 1].isalnum()
               for o in openers)


_ITEM_LEAD = regex.compile(r"^\s*(?:\d+[.):\]]|[*•·►▶–—-])")
_DIGITS = regex.compile(r"\d+")


def _item_lead(text: str) -> str | None:
    """How a list item starts: "1)" and "12)" alike (digits folded), a bullet; None for none."""
    m = _ITEM_LEAD.match(text)
    return _DIGITS.sub("9", m.group(0).strip()) if m else None


def _heading(labels: list[str], features: list[BlockFeatures], i: int) -> bool:
    """A bad block inside the article that is a subheading: not repeated, and the next block is
    good text."""
    return (not features[i].repeated and i + 1 < len(labels) and labels[i + 1] == GOOD)


def past_widget(page: Page, alive: list[Block], labels: list[str], start: int, end: int,
                rules: RuleSet) -> int:
    """Where the article starts when the run opens with a sidebar widget's text: the run's
    first line sits right under a widget heading a `region_widget_packs` rule dropped ("Sobre
    mim", "About me"), and within `region_widget_max_blocks` lines a post's header follows (a
    short unpunctuated line over a byline or date line): the widget's text ends there and the
    post starts at its headline. Returns the new start (`start` when there is none)."""
    packs = rules.words("region_widget_packs")
    first = alive[start]
    above = next((b for b in reversed(page.blocks[:first.index]) if b.text), None)
    if not packs or above is None or not _removed_by(above, packs):
        return start
    s = rules.settings
    limit = min(end, start + s["region_widget_max_blocks"])
    for i in range(start + 1, limit):
        headline, under = alive[i], alive[i + 1]
        if labels[i] == BAD and 2 <= headline.words <= s["title_max_words"] \
                and not headline.ends_sentence \
                and (date_line(under.text, page, rules)
                     or read_byline(under.text, rules, language=page.language)):
            return i
    return start


def _before_held_marker(page: Page, alive: list[Block], labels: list[str], start: int,
                        end: int, rules: RuleSet) -> int:
    """Where the run ends when it runs over a cut marker held for this step ("Relacionado",
    "Share this:" under a post too short to cut after, see `apply_rules._cut_after`): before
    the marker, when the run holds good text above it and the article does not resume under
    it (the run had bridged into the teasers' excerpts under a two-sentence post)."""
    position = {id(block): i for i, block in enumerate(alive)}
    for block, _ in page.held_markers:
        at = position.get(id(block))
        if at is None or not start < at <= end:
            continue
        if GOOD in labels[start:at] and not article_resumes(page, block.index, rules):
            return at - 1
    return end


def _introduces(alive: list[Block], features: list[BlockFeatures], labels: list[str], i: int,
                s: dict, ends: tuple[str, ...]) -> bool:
    """A bad block that announces what follows it ("Some of the other data points include:"):
    `region_list_intro_words` words at least, ending in a colon, not repeated, and the next
    block is not bad. It reads as near text, as the lines it announces do."""
    return (not features[i].repeated and features[i].words >= s["region_list_intro_words"]
            and i + 1 < len(labels) and labels[i + 1] != BAD
            and alive[i].text.rstrip().endswith(ends))


def _decided_neighbours(labels: list[str], reach: int) -> tuple[list[str | None],
                                                              list[str | None]]:
    """For each position, the nearest good or bad class within `reach` blocks before it, and
    the one after it (None where there is none)."""
    before = _nearest_decided(labels, reach)
    after = _nearest_decided(labels[::-1], reach)[::-1]
    return before, after


def _nearest_decided(labels: list[str], reach: int) -> list[str | None]:
    """For each position, the nearest good or bad class within `reach` blocks before it."""
    nearest: list[str | None] = []
    last, last_label = -reach - 1, None
    for i, label in enumerate(labels):
        nearest.append(last_label if i - last <= reach else None)
        if label == GOOD or label == BAD:
            last, last_label = i, label
    return nearest


def block_scores(features: list[BlockFeatures], labels: list[str], s: dict) -> list[float]:
    """Good blocks add their words; every block of a gap costs more than the one before."""
    scores: list[float] = []
    gap = 0
    for f, label in zip(features, labels):
        if label == GOOD:
            gap = 0
            scores.append(float(f.words))
            continue
        if label == NEAR:  # a table row, a list item: neither ends a gap nor widens it
            growth = s["region_gap_growth"] * gap
            scores.append(f.words * s["region_near_weight"] - s["region_short_cost"] * growth)
            continue
        gap += 1
        growth = 1 + s["region_gap_growth"] * (gap - 1)
        if label == SHORT:
            scores.append(-s["region_short_cost"] * growth)
        else:
            scores.append(-(s["region_bad_cost"] + min(f.words, s["region_bad_words_cap"]))
                          * growth)
    return scores


@dataclass
class Analysis:
    """What the region step reads off a page before it decides: the alive blocks, their
    features and classes, the headline, the comments boundary, and the kept blocks."""
    alive: list[Block]
    features: list[BlockFeatures]
    first: list[str]
    second: list[str]
    anchor: int | None       # position of the headline in `alive`
    sure: bool               # the headline is surely it (a title repeat, the whole slug)
    closed_from: int | None  # first position after the comments boundary
    keep: list[bool]


def prose_in_other_languages(alive: list[Block], features: list[BlockFeatures],
                             language: str | None, density: float,
                             rules: RuleSet) -> list[BlockFeatures]:
    """A block that reads as prose but for too few of the page language's stopwords may be a
    paragraph in another language (a bilingual page, a quotation): its density is the best
    among the stopword lists of all languages, if that reaches `region_other_language_density`
    (set well above the page language's bar: short common words overlap between languages).
    Only such blocks are looked at, so most pages pay nothing."""
    s = rules.settings
    index = None
    out = features
    for i, f in enumerate(features):
        if (f.stopword_density is None or f.stopword_density >= density or f.repeated
                or f.words < s["region_good_words"]
                or not (f.ends_sentence or f.words >= s["region_long_words"])):
            continue
        if index is None:
            index = stopword_index(rules)  # every list's hits in one count
            others = [lang != language for lang in index.languages]
            out = list(features)
        tokens = alive[i].spaced_tokens.split()
        hits = [h for h, other in zip(index.unpack(index.hits(tokens)), others) if other]
        best = max(hits, default=0) / max(1, len(tokens))  # as `stopword_share` counts
        if best >= s["region_other_language_density"]:
            out[i] = f._replace(stopword_density=best)
    return out


def analyse(page: Page, rules: RuleSet, *, body_repeats: bool = False) -> Analysis | None:
    """Classify the alive blocks, find the headline and the comments boundary, and keep the
    best-scoring run (None when nothing is alive). A line is repeated when the page holds it
    twice; with `body_repeats`, twice among the lines still in the body."""
    alive = page.alive()
    if not alive:
        return None
    s = rules.settings
    stopwords = rules.words("stopwords", page.language) if page.language else frozenset()
    folded = {b.index: b.slug_folded for b in page.blocks if b.text}
    repeats = Counter(folded[b.index] for b in alive) if body_repeats \
        else Counter(folded.values())
    features = page_features(alive, stopwords, [repeats[folded.get(b.index, "")] > 1
                                                for b in alive])
    density = stopword_threshold(features, s)
    features = prose_in_other_languages(alive, features, page.language, density, rules)
    first = [classify(f, s, density) for f in features]
    second = smooth(first, features, s)
    second = announced_lists(alive, features, second, s, rules.words("region_list_intro_ends"),
                             (rules.words("region_list_intro_last_words"),
                              rules.words("region_list_intro_openers")))
    intro_ends = tuple(rules.words("region_list_intro_ends"))
    intros = {i for i, label in enumerate(second)
              if label == BAD and _introduces(alive, features, second, i, s, intro_ends)}
    second = [NEAR if i in intros else label for i, label in enumerate(second)]
    scores = block_scores(features, second, s)
    closed_from = close_at_boundary(page, alive, second, scores, rules)
    anchor, sure = title_anchor(page, alive, rules, folded)
    if anchor is not None and GOOD not in second[anchor + 1:]:
        anchor, sure = None, False  # no text under it: a link to the page, not its headline
    if anchor is not None:
        # the <title> repeat, or a line that spells the whole slug, is the headline: nothing
        # before it is the article (a line sharing most of the slug may be a subheading)
        if sure:
            for i in range(anchor + 1):
                scores[i] = min(scores[i], 0.0)
        stop = len(alive) if closed_from is None else closed_from  # not the comments
        opening = [i for i in range(anchor + 1, stop) if second[i] == GOOD]
        opening = opening[:s["region_title_bonus_blocks"]]
        for i in opening:
            scores[i] += s["region_title_bonus"] / len(opening)
    start, end = best_run(scores)
    if start is not None and page.held_markers:
        end = _before_held_marker(page, alive, second, start, end, rules)
    if start is not None:
        start = past_widget(page, alive, second, start, end, rules)
    if anchor is not None and start is not None:
        start, end = own_run(features, second, start, end, s)
        if sure:
            start = past_deck(alive, features, second, anchor, start, end, s, intros)
    teaser = promoted_headlines(page, alive, second, rules)
    keep = [start is not None and start <= i <= end
            and (second[i] != BAD or (_heading(second, features, i) and i not in teaser))
            for i in range(len(alive))]
    return Analysis(alive, features, first, second, anchor, sure, closed_from, keep)


def body_analysis(page: Page, rules: RuleSet) -> Analysis | None:
    """The analysis of the body as it now stands, read as the next pass reads the clean body:
    a page of the lines still in it and nothing else (the <title> line, the menus and the
    lines rules took are gone, so they neither anchor the headline nor count as repeats).
    Its `alive` are this page's blocks, in the same positions (None when the body is empty)."""
    lines = [b for b in page.blocks if b.removed_by is None and b.text]
    if not lines:
        return None
    body = Page(source=page.source, url=page.url, normalized="", normalization=[],
                blocks=[_in_body(b, i) for i, b in enumerate(lines)], language=page.language)
    found = analyse(body, rules)
    if found is not None and not any(found.keep):
        found = analyse(body, rules, body_repeats=True) or found
    if found is not None:
        found.alive = lines
    return found


_BLOCK_FIELDS = tuple(f.name for f in fields(Block))


def _in_body(block: Block, index: int) -> Block:
    """`block` as line `index` of a page of its own, with no verdicts; its measures are
    copied, not taken again (they depend on its text alone)."""
    line = Block.__new__(Block)
    for name in _BLOCK_FIELDS:
        setattr(line, name, getattr(block, name))
    line.index = index
    line.removed_by = line.field = None
    line.sticky = False
    line.stripped, line.verdicts = [], []
    return line


def promoted_headlines(page: Page, alive: list[Block], labels: list[str],
                       rules: RuleSet) -> set[int]:
    """Positions of bad lines right under a label a `region_teaser_label_packs` rule dropped
    ("Read also", "Mehr zum Thema"): the headline of the story the label promotes, not a
    subheading of the article, though prose follows it."""
    packs = rules.words("region_teaser_label_packs")
    if not packs:
        return set()
    return {i for i, b in enumerate(alive)
            if labels[i] == BAD and b.index > 0 and _removed_by(page.blocks[b.index - 1], packs)}


def past_deck(alive: list[Block], features: list[BlockFeatures], labels: list[str],
              anchor: int, start: int, end: int, s: dict, intros: Collection[int] = ()) -> int:
    """Where the article starts when the run opens with a deck: a good block right under the
    headline (no line between them, not even one a rule took), set apart from the body by a
    date, byline or photo caption, is the standfirst, not the first paragraph (a lead
    paragraph comes after the byline). A line announcing what follows (`intros`: "... include:")
    sets nothing apart. Returns the new start (`start` when there is none)."""
    first = anchor + 1
    if first < start or first > end or labels[first] != GOOD:
        return start
    if alive[first].index != alive[anchor].index + 1:  # a date or byline came between
        return start
    if features[first].words > s["region_deck_max_words"]:
        return start
    body = next((i for i in range(first + 1, end + 1) if labels[i] == GOOD), None)
    if body is None or all(i in intros for i in range(first + 1, body)):
        return start
    return body


def find_article(page: Page, rules: RuleSet) -> Page:
    judged = prose_bounds(page, rules)
    found = analyse(page, rules)
    if found is None:
        return page
    if not any(found.keep):
        # every line reads as a menu, most often because its text repeats in lines a rule
        # took (a copy under a "Related" cut): read repeats among the body's lines, as the
        # next pass over this body will
        found = analyse(page, rules, body_repeats=True) or found
    for block, a, b in zip(found.alive, found.first, found.second):
        block.verdicts.append((STEP, f"class:{a}"))
        if b != a:
            block.verdicts.append((STEP, f"context:{b}"))
    if not any(found.keep):
        return page
    _set_aside(found.alive, found.keep)
    for block, kept in zip(found.alive, found.keep):
        if kept:
            block.verdicts.append((STEP, "keep"))
    drop_held_markers(page)
    # the lines left out may have held the page's first or last paragraph: the rules limited
    # to the head or tail are judged again against the article's own (as the next pass will)
    judge_positions(page, rules, judged)
    return page


def _set_aside(alive: list[Block], keep: list[bool]) -> None:
    """Take the blocks not kept out of the body: before, after or inside the kept ones."""
    first_kept = keep.index(True)
    last_kept = len(keep) - 1 - keep[::-1].index(True)
    for i, block in enumerate(alive):
        if keep[i]:
            continue
        if i < first_kept:
            block.remove(REMOVED_BEFORE, sticky=False)
        elif i > last_kept:
            block.remove(REMOVED_AFTER, sticky=False)
        else:
            block.remove(REMOVED_INSIDE, sticky=False)


_SETTLE_ROUNDS = 4  # each round takes a line out; a page that needs more is left as it is


def settle_article(page: Page, rules: RuleSet) -> Page:
    """Pipeline step after `find_structure`: the article as the next pass over the clean body
    will find it. The region step chose the article with the whole page in view: the <title>
    line anchoring the headline, the lines rules took, the stopword density of sentences it
    then left out. Cleaning the clean body reads the body alone (`body_analysis`), and may set
    lines aside that this pass kept; they are set aside here, and the rules limited to the
    head or tail judged again, until the body's own analysis keeps all of it."""
    for _ in range(_SETTLE_ROUNDS):
        found = body_analysis(page, rules)
        if found is None or all(found.keep) or not any(found.keep):
            break
        judged = prose_bounds(page, rules)
        _set_aside(found.alive, found.keep)
        for block, kept in zip(found.alive, found.keep):
            if not kept:
                block.verdicts.append((STEP, "settle"))
        judge_positions(page, rules, judged)
    return page


def close_at_boundary(page: Page, alive: list[Block], labels: list[str], scores: list[float],
                      rules: RuleSet) -> int | None:
    """A line dropped by a rule of a `region_boundary_packs` pack, or by a rule listed there (the
    heading that opens the comments), closes the article once `cut_after_min_words` words of
    good prose precede it: nothing after it adds to a run, however long the thread is.
    A short post closes there too when a comment thread or form visibly follows the line
    (`thread_follows`), as soon as any good prose precedes it."""
    packs = rules.words("region_boundary_packs")
    if not packs:
        return None
    position = {b.index: i for i, b in enumerate(alive)}
    need = rules.setting("cut_after_min_words")
    prose, closed, closed_from = 0, False, None
    for block in page.blocks:
        i = position.get(block.index)
        if i is not None:
            if closed:
                scores[i] = min(scores[i], 0.0)
                closed_from = i if closed_from is None else closed_from
            elif labels[i] == GOOD:
                prose += block.words
        elif _removed_by(block, packs) and (
                prose >= need or (prose and thread_follows(page, block.index, rules))):
            closed = True
    return closed_from


def _removed_by(block: Block, packs: frozenset[str]) -> bool:
    """Dropped (not moved to a field) by a rule of one of `packs`, or by a rule listed there."""
    return bool(block.removed_by and block.field is None
                and (block.removed_by in packs or block.removed_by.split("/")[0] in packs))


def thread_follows(page: Page, index: int, rules: RuleSet) -> bool:
    """A comment thread or comment form opens right after block `index`: of the next
    `region_thread_window` lines, at least `region_thread_min_lines` were dropped by a
    `region_thread_evidence` pack or rule (reply links, "Name says: date" headers, the
    form's fields and buttons), the first of them within `region_thread_reach` lines, and the
    line right after it is not a paragraph."""
    evidence = rules.words("region_thread_evidence")
    window = page.blocks[index + 1:index + 1 + rules.setting("region_thread_window")]
    found = [k for k, b in enumerate(window) if _removed_by(b, evidence)]
    if len(found) < rules.setting("region_thread_min_lines") \
            or found[0] >= rules.setting("region_thread_reach"):
        return False
    # a thread opens with a commenter's name or a header line, not with a paragraph: a count
    # under the lead paragraph links to a thread further down, and the article goes on
    opening = next((b for b in window if b.text), None)
    return opening is None or not (opening.words >= rules.setting("prose_min_words")
                                   and opening.ends_sentence)


def title_anchor(page: Page, alive: list[Block], rules: RuleSet,
                 folded: dict[int, str]) -> tuple[int | None, bool]:
    """Position in `alive` of the headline: the first line repeating the page's first (<title>)
    line, whole or without its site part; else the first short line that spells the url's slug
    ("/2019/11/son-of-former-president-dies-608399" -> "Son of former president dies").
    `folded` holds each block's `slug_folded` text, by block index.
    Returns (position, whether it is surely the headline: a title repeat or a line spelling the
    whole slug); (None, False) when neither is found."""
    first = next((b for b in page.blocks if b.text), None)
    if first is None:
        return None, False
    title = page.title_line(rules.setting("title_line_max_repeats"))
    forms = title_forms(title.text, rules) if title is not None else set()
    for i, block in enumerate(alive):
        if block.index > first.index and folded.get(block.index) in forms:
            return i, True
    if title is not None:
        for i, block in enumerate(alive):
            if block.index > first.index and title_prefix(block.folded, title.folded, rules):
                return i, True
    slug = slug_words(page.url, rules)
    if not slug:
        return None, False
    need = rules.setting("region_slug_share")
    exact = rules.setting("region_slug_exact_share")
    # slugs often leave out the small words ("house-hitler-born-become-police-station"): the
    # words that count are those that are not stopwords of the page's language
    stopwords = rules.words("stopwords", page.language) if page.language else frozenset()
    slug = (slug - stopwords) or slug
    for i, block in enumerate(alive):
        if block.index == first.index:
            continue  # the <title> line spells the slug too; the headline is a later line
        if block.words > rules.setting("title_max_words"):
            continue
        tokens = {t for t in folded.get(block.index, "").split() if t.isalpha()}  # as the slug
        tokens = (tokens - stopwords) or tokens
        shared = len(slug & tokens)
        if tokens and shared >= need * len(slug) and shared >= need * len(tokens):
            return i, shared >= exact * len(slug) and shared >= exact * len(tokens)
    return None, False


_SLUG_SPLIT = regex.compile(r"[-_+.]+")
_FILE_EXTENSION = regex.compile(r"\.[a-z]{2,5}$")  # ".html", ".php": not a word of the slug


def slug_words(url: str | None, rules: RuleSet) -> set[str]:
    """The words of the url path's longest part, when it reads like a headline."""
    if not url:
        return set()
    path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    parts = path.split("/")[1:]
    best: list[str] = []
    for part in parts:
        part = _FILE_EXTENSION.sub("", part.lower())
        tokens = [t for t in _SLUG_SPLIT.split(part) if t.isalpha()]
        if len(tokens) > len(best):
            best = tokens
    if len(best) < rules.setting("region_slug_min_words"):
        return set()
    return set(best)


def title_prefix(line: str, title: str, rules: RuleSet) -> bool:
    """The folded `line` opens the folded <title> line, up to a word's end, and holds at
    least `title_prefix_min_share` of its characters and `region_title_min_words` words: the
    headline before a site part set off by a separator no list names ("動画：…31人死亡　写真1枚
    国際ニュース：AFPBB News", whose ideographic spaces normalise to plain ones)."""
    return (len(line) >= rules.setting("title_prefix_min_share") * len(title)
            and title.startswith(line + " ")
            and line.count(" ") + 1 >= rules.setting("region_title_min_words"))


def title_forms(title: str, rules: RuleSet) -> set[str]:
    """The title line and its parts around site separators ("Headline - Site"), folded; parts
    too short to be a headline are left out."""
    min_words = rules.setting("region_title_min_words")
    forms = {fold_as_slug(title)}
    for sep in rules.words("region_title_separators"):
        if sep in title:
            forms.update(fold_as_slug(part) for part in title.split(sep))
            forms.add(fold_as_slug(title.rsplit(sep, 1)[0]))
    return {f for f in forms if len(f.split()) >= min_words}


def own_run(features: list[BlockFeatures], labels: list[str], start: int, end: int,
            s: dict) -> tuple[int, int]:
    """The run the headline's bonus picked, trimmed to what its own text pays for: its blocks
    are scored again as the clean body will read them (without the bonus and without the lines
    that leave the run), so a caption, byline or deck kept only by the bonus across a gap goes,
    and cleaning the clean body again keeps all of it."""
    kept = [i for i in range(start, end + 1) if labels[i] != BAD or _heading(labels, features, i)]
    first, last = best_run(block_scores([features[i] for i in kept], [labels[i] for i in kept], s))
    if first is None:
        return start, end
    return kept[first], kept[last]


def best_run(scores: list[float]) -> tuple[int | None, int]:
    """Maximum-sum contiguous run (Kadane); None when nothing scores above zero."""
    best, best_start, best_end = 0.0, None, -1
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_start, best_end = total, start, i
    return best_start, best_end
