"""Pipeline step `apply_packs`: strip spans, move metadata, drop junk, cut at markers.

The phases run in that order; each looks only at blocks still in the body. Every verdict names
the rule id, so `explain` and the `removed` list come from the same record.
"""
from __future__ import annotations

from itertools import islice
from typing import Any

import regex

from .fields import date_settings_for, parse_date, split_authors
from .matching import (
    Candidates,
    Plan,
    applies_to_page,
    fits_length,
    in_position,
    rule_text,
    search,
)
from .packs import MOVE_FIELDS, Rule
from .page import Block, Page, bullet_length
from .ruleset import RuleSet

STEP = "apply_packs"
ACTIONS = ("strip", "move", "drop", "cut_after", "cut_before")  # the phases, in order


def apply_packs(page: Page, rules: RuleSet) -> Page:
    active = [r for r in rules.rules if r.action in ACTIONS and applies_to_page(r, page)]
    strip_rules = [r for r in active if r.action == "strip"]
    lines = _candidates(page, rules, active)
    _strip(page, lines.lines_for("strip"), strip_rules, rules)
    # the texts stay as they are from here on, so the lines each rule may match are known
    if not lines.is_current(page):
        lines = _candidates(page, rules, [r for r in active if r.action != "strip"])
    judged = first, last = prose_bounds(page, rules)
    _move(page, lines.lines_for("move"), rules, first, last)
    _drop(page, lines, rules, first, last)
    first, last = prose_bounds(page, rules)
    _cut_after(page, lines, rules, first, last)
    _cut_before(page, lines, rules, first, last)
    judge_positions(page, rules, judged)
    return page


POSITIONED = ("move", "drop")  # the actions whose rules may be limited to the head or tail


def judge_positions(page: Page, rules: RuleSet, judged: tuple[int, int]) -> None:
    """Judge the rules limited to the page's head or tail (`where:`) again, against the prose
    the body holds now: they were judged against the prose bounds `judged` (see
    `prose_bounds`), and a later phase or step may have taken the first or last paragraph
    since (a caption a rule moved, a paragraph the region step left out). A byline that the
    body now opens with is where the next pass over the clean body finds it, at the head, so
    it moves on this pass too. Only the lines between the old bounds and the new are read
    (the others were judged in the same position already: texts no longer change, and
    blocks never come back). Moving or dropping a line outside the prose bounds leaves the
    bounds as they are, so one round is enough."""
    first, last = prose_bounds(page, rules)
    if (first, last) == judged:
        return
    lines = sorted(set(range(judged[0], min(first, len(page.blocks))))
                   | set(range(max(last + 1, 0), judged[1] + 1)))
    positioned = [r for r in rules.rules
                  if r.where in ("head", "tail") and r.action in POSITIONED
                  and applies_to_page(r, page)]
    for index in lines if positioned else ():
        block = page.blocks[index]
        if not block.alive or not block.text:
            continue
        for rule in positioned:
            if not (fits_length(rule, block) and in_position(rule, block, first, last)):
                continue
            match = search(rule, block.text, page, rules.regex_timeout)
            if match is None:
                continue
            if rule.action == "drop":
                drop_block(page, rule, block)
                break
            if move_to_meta(page, rule, match, block, rules):
                block.verdicts.append((STEP, f"move:{rule.id}"))
                break


def prepare(rules: RuleSet) -> None:
    """Make now what the first page would otherwise make: the plan of the rules' literals and
    openings (`matching.Plan`). A Cleaner calls this when it is built, so that worker
    processes forked from it inherit the plan instead of each making its own."""
    Plan.of(rules.rules, ACTIONS, ("strip",))


def _candidates(page: Page, rules: RuleSet, active: list[Rule]) -> Candidates:
    """The lines each rule may match; the strip phase searches lines of any length."""
    return Candidates(page, rules.regex_timeout, active, rules.rules, ACTIONS, unsized=("strip",))


def is_prose(block: Block, rules: RuleSet) -> bool:
    return block.words >= rules.setting("prose_min_words") and block.ends_sentence


def prose_bounds(page: Page, rules: RuleSet) -> tuple[int, int]:
    """Indices of the first and last prose blocks still in the body (head/tail limits)."""
    min_words = rules.setting("prose_min_words")  # is_prose, inlined: this runs on every block
    first = next((b.index for b in page.blocks
                  if b.removed_by is None and b.words >= min_words and b.ends_sentence), None)
    if first is None:
        return len(page.blocks), -1
    last = next(b.index for b in reversed(page.blocks)
                if b.removed_by is None and b.words >= min_words and b.ends_sentence)
    return first, last


_SPACE_RUN = regex.compile(r" {2,}")


_MAX_STRIPS = 20


def _strip(page: Page, candidates: dict[int, list[Rule]], strip_rules: list[Rule],
           rules: RuleSet) -> None:
    """`candidates`: for each line, the strip rules that may match it as it is (see Candidates);
    once a rule has stripped a span, every later rule is searched on what is left."""
    for index, found in candidates.items():
        block = page.blocks[index]
        maybe = {id(rule) for rule in found}
        text = block.text
        for rule in strip_rules:
            # every span the rule finds, not only the first: a second pass over the clean
            # line would strip the next one (at most _MAX_STRIPS spans per rule and line)
            for _ in range(_MAX_STRIPS):
                if not block.alive:
                    break
                if block.text is text and id(rule) not in maybe:
                    break  # cannot match the line as it was, and it is unchanged
                match = search(rule, block.text, page, rules.regex_timeout)
                if not match or not match.group(0).strip():
                    break
                span, rest = strip_match(block.text, match)
                block.stripped.append((rule.id, span))
                block.verdicts.append((STEP, f"strip:{rule.id}"))
                if rest:
                    block.set_text(rest)
                else:
                    # nothing but junk on the line: the stripped span is the whole record of it
                    block.set_text("")
                    block.remove(rule.id)


def strip_match(text: str, match: regex.Match) -> tuple[str, str]:
    """(the span a strip rule's `match` takes out of the line `text`, what is left of the line).
    The match is in the line as rules read it (`rule_text`: after a list item's bullet); when
    nothing but the bullet would be left, the bullet goes with the span, so that every
    character stays accounted for."""
    bullet = bullet_length(text)
    start, end = bullet + match.start(), bullet + match.end()
    rest = _SPACE_RUN.sub(" ", (text[:start] + " " + text[end:]).strip())
    if bullet and len(rest) <= bullet_length(rest):
        start, rest = 0, ""
    return text[start:end].strip(), rest


def _move(page: Page, move_rules: dict[int, list[Rule]], rules: RuleSet, first: int,
          last: int) -> None:
    """`move_rules`: for each line, the move rules that may match it (see Candidates)."""
    for index, found in move_rules.items():
        block = page.blocks[index]
        for rule in found:
            if not block.alive:
                break
            if not (fits_length(rule, block) and in_position(rule, block, first, last)):
                continue
            match = search(rule, block.text, page, rules.regex_timeout)
            if match and move_to_meta(page, rule, match, block, rules):
                block.verdicts.append((STEP, f"move:{rule.id}"))


def move_to_meta(page: Page, rule: Rule, match: regex.Match, block: Block, rules: RuleSet) -> bool:
    """Store the match's fields in the page's metadata and take the block out of the body.

    Returns False (and changes nothing) when a value does not convert, such as a date that
    does not parse.
    """
    raw = {name: match.group(name) for name in MOVE_FIELDS
           if name in rule.pattern.groupindex and match.group(name)}
    if not raw:
        raw = {rule.field: rule_text(block.text)}  # type: ignore[dict-item]  # a move rule has a field
    values = convert_fields(raw, page, rules)
    if values is None:
        return False
    store_fields(page, values)
    block.remove(rule.id, to_field=",".join(raw))
    return True


def convert_fields(raw: dict[str, str], page: Page, rules: RuleSet) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    for name, text in raw.items():
        text = text.strip()
        if name == "published":
            value: Any = parse_date(text, settings=date_settings_for(rules, page.language))
            if value is None:
                return None
        elif name == "authors":
            value = split_authors(text, rules.words("author_separators"),
                                  rules.words("author_role_words"))
            if not value:
                return None
        else:
            value = text.strip(" -–—|:·•")
        values[name] = value
    return values


def store_fields(page: Page, values: dict[str, Any]) -> None:
    caption = values.pop("caption", None)
    credit = values.pop("credit", None)
    if caption or credit:
        page.captions.append({"text": caption or "", "credit": credit})
    authors = values.pop("authors", None)
    if authors:
        known = page.meta.setdefault("authors", [])
        known.extend(a for a in authors if a not in known)
    for name, value in values.items():
        page.set_meta(name, value)


def _drop(page: Page, lines: Candidates, rules: RuleSet, first: int, last: int) -> None:
    for index, found in lines.lines_for("drop").items():
        block = page.blocks[index]
        for rule in found:
            if not block.alive:
                break
            if not (fits_length(rule, block) and in_position(rule, block, first, last)):
                continue
            if lines.matches(rule, block, page):
                drop_block(page, rule, block)


def drop_block(page: Page, rule: Rule, block: Block) -> None:
    """`rule` matched `block`: take it out of the body, with its paragraph when the rule's
    scope is the paragraph."""
    block.verdicts.append((STEP, f"drop:{rule.id}"))
    targets = ([b for b in page.blocks if b.para == block.para and b.alive]
               if rule.scope == "paragraph" else [block])
    for target in targets:
        target.remove(rule.id)


def _body_words(page: Page, rules: RuleSet, blocks: list[Block]) -> int:
    min_words = rules.setting("prose_min_words")  # is_prose, inlined
    return sum(b.words for b in blocks
               if b.removed_by is None and b.words >= min_words and b.ends_sentence)


def _cut_after(page: Page, lines: Candidates, rules: RuleSet, first: int, last: int) -> None:
    """Cut at the first marker that follows enough article text and has less after it.

    A marker with more prose after it than before (a "Related" box inside an article) only
    drops its own line; so does one after which the article resumes (`article_resumes`).
    """
    need = rules.setting("cut_after_min_words")
    cut_rules = lines.lines_for("cut_after")
    for index in cut_rules:  # only lines a rule may match, in page order
        block = page.blocks[index]
        if not block.alive:
            continue
        rule = _first_match(page, lines, cut_rules, block, first, last)
        if rule is None:
            continue
        before = _body_words(page, rules, page.blocks[:block.index])
        if before < need:
            # kept for now, as the region step reads it ("Share this:" under a short post, a
            # "Related" heading in the masthead), and dropped after it (`drop_held_markers`)
            block.verdicts.append((STEP, f"held:{rule.id}"))
            page.held_markers.append((block, rule.id))
            continue
        if ((_body_words(page, rules, page.blocks[block.index + 1:]) > before
                and _paragraphs_follow(page, block.index, rules))
                or article_resumes(page, block.index, rules)):
            block.verdicts.append((STEP, f"drop:{rule.id}"))
            block.remove(rule.id)
            continue
        block.verdicts.append((STEP, f"cut_after:{rule.id}"))
        for later in page.blocks[block.index:]:
            if later.alive:
                later.remove(rule.id, sticky=False)
        return


def drop_held_markers(page: Page) -> None:
    """Take out the cut markers `_cut_after` held back (too little article text above them to
    cut after) that are still in the body once the region step has read the page: the marker
    itself is furniture either way. The region step decides first, as the line is evidence of
    what follows it (the teaser list under a "More on ..." heading). A marker the region step
    set aside after the article closed it, and is credited to its rule too."""
    for block, rule_id in page.held_markers:
        if block.removed_by is None or block.removed_by == REGION_AFTER:
            block.verdicts.append((STEP, f"drop:{rule_id}"))
            block.remove(rule_id)


REGION_AFTER = "region/after-article"  # region.REMOVED_AFTER (region imports this module)


def _paragraphs_follow(page: Page, index: int, rules: RuleSet) -> bool:
    """Somewhere after the marker at `index`, two prose paragraphs in a row: an article goes on
    there. Under a post's related excerpts or its comment thread every paragraph sits under a
    headline or a commenter's name, so more prose after the marker than before it does not keep
    those (they are not the article)."""
    previous = False
    for block in islice(page.blocks, index + 1, None):
        if not (block.alive and block.text):
            continue
        prose = is_prose(block, rules)
        if prose and previous:
            return True
        previous = prose
    return False


def article_resumes(page: Page, index: int, rules: RuleSet) -> bool:
    """After the marker at `index`, at most `cut_after_box_lines` lines that are not prose (the
    one or two headlines of a "Read more" box inside the article), then, among the next
    `cut_after_resume_window` lines, at least `cut_after_resume_prose` prose paragraphs, one
    of them right under a sentence: the article goes on under the box. A list of teasers at
    the article's foot puts each summary under its headline, and a footer holds no prose."""
    box = rules.setting("cut_after_box_lines")
    window = rules.setting("cut_after_resume_window")
    following = (b for b in islice(page.blocks, index + 1, None) if b.alive and b.text)
    # lines the page showed above the marker already are a box shown again (a "Most Popular"
    # box repeated between an article's paragraphs): they do not count as the box's lines
    seen: set[str] | None = None
    lead, shown = 0, []
    for block in following:
        if is_prose(block, rules):
            shown.append(block)
            break
        if seen is None:
            seen = {b.folded for b in page.blocks[:index] if b.text}
        if block.folded not in seen:
            lead += 1
            if lead > box:
                return False
    else:
        return False
    shown.extend(islice(following, window - 1))
    prose = sum(is_prose(b, rules) for b in shown)
    # in a teaser list every summary sits under its unpunctuated headline; an article's
    # paragraph follows a sentence
    follows_sentence = any(is_prose(b, rules) and shown[k - 1].ends_sentence
                           for k, b in enumerate(shown) if k)
    return prose >= rules.setting("cut_after_resume_prose") and follows_sentence


def _cut_before(page: Page, lines: Candidates, rules: RuleSet, first: int, last: int) -> None:
    """Cut at the last marker that comes before the article text (skip links, read-time lines)."""
    limit = rules.setting("cut_before_max_words")
    cut_rules = lines.lines_for("cut_before")
    for index in reversed(cut_rules):  # only lines a rule may match, from the page's end
        block = page.blocks[index]
        if not block.alive:
            continue
        rule = _first_match(page, lines, cut_rules, block, first, last)
        if rule is None or _body_words(page, rules, page.blocks[:block.index]) > limit:
            continue
        block.verdicts.append((STEP, f"cut_before:{rule.id}"))
        block.remove(rule.id)
        for earlier in page.blocks[:block.index]:
            if earlier.alive:
                earlier.remove(rule.id, sticky=False)
        return


def _first_match(page: Page, lines: Candidates, cut_rules: dict[int, list[Rule]], block: Block,
                 first: int, last: int) -> Rule | None:
    for rule in cut_rules.get(block.index, ()):
        if fits_length(rule, block) and in_position(rule, block, first, last) \
                and lines.matches(rule, block, page):
            return rule
    return None
