"""Pipeline step `find_structure`: title, subtitle, section, site name and tagline, datelines.

Works on the page's head: the blocks before the article's first body block that no junk rule
took (blocks the region step or a cut rule set aside can still be claimed as metadata).
Tag rules (action: tag) read metadata from body lines without removing them (datelines).

A page has a head only when some line above its first paragraph left the body (a rule or the
region step took it: the <title> line, a menu, a share bar). When every line above the first
paragraph is still in the body the text is a bare article (a clean body, a pasted story): no
line of it is taken as title, subtitle, section or tagline, so cleaning a clean body again
changes nothing.
"""
from __future__ import annotations

from .apply_rules import convert_fields, is_prose, store_fields
from .features import block_features
from .matching import applies_to_page, search
from .page import Block, Page, is_list_item
from .page_meta import date_line, find_page_meta, read_byline, site_from_title_line
from .region import BAD, classify, title_prefix
from .region import STEP as REGION_STEP
from .ruleset import RuleSet
from .text import FULL_STOPS, fold

STEP = "find_structure"
TITLE = "structure/title"
SUBTITLE = "structure/subtitle"
SECTION = "structure/section"
SITE_NAME = "structure/site-name"
TAGLINE = "structure/tagline"


def find_structure(page: Page, rules: RuleSet) -> Page:
    _tag_body(page, rules)
    prose = [b for b in page.alive() if is_prose(b, rules)] or page.alive()
    if not prose:
        return page
    if not has_head(page, prose[0]) or not _article_found(page):
        # a bare article: metadata is read from what the page says anywhere (a labelled date,
        # a copyright line), and no line is taken out of its body as a byline or date
        first = next(b for b in page.blocks if b.text)
        find_page_meta(page, rules, [], first.index)
        return page
    head = [b for b in page.blocks[:prose[0].index] if not b.sticky and b.text]
    _tagline(page, head, rules)
    head = [b for b in head if not b.sticky]
    title_line = site_from_title_line(page, rules)
    repeats = _repeated_title(page, prose[0].index, title_line, rules) \
        or _similar_title(page, prose[0].index, title_line, rules)
    title_block = repeats[0] if repeats else None
    if title_line:  # the <title> suffix names the site better than a masthead-like line
        page.meta["site_name"] = title_line[1]
    if title_block is not None:
        _claim(page, title_block, TITLE, "title", title_block.text.strip())
    elif title_line:
        page.set_meta("title", title_line[0])
    else:
        title_block = _find_title(page, head, rules)
        if title_block is not None:
            _claim(page, title_block, TITLE, "title", title_block.text.strip())
    if title_block is not None and title_block.index <= prose[0].index:
        _subtitle(page, _under(page, title_block, prose), rules, title_block)
        if title_block in head:
            _section(page, head[:head.index(title_block)], rules)
    find_page_meta(page, rules, repeats or ([title_block] if title_block else []),
                   prose[0].index)
    return page


def _article_found(page: Page) -> bool:
    """False when the region step ran and kept no line as the article (every line read as a
    menu or a repeat, so it kept them all undecided): then there is no headline to read
    either, and taking one would change what the next pass reads as repeated."""
    ran = False
    for block in page.blocks:
        for step, label in block.verdicts:
            if step == REGION_STEP:
                if label == "keep":
                    return True
                ran = True
    return not ran


def has_head(page: Page, first_prose: Block) -> bool:
    """Some line above the first paragraph left the body: the page shows page furniture."""
    return any(not b.alive for b in page.blocks[:first_prose.index] if b.text)


def _repeated_title(page: Page, first_prose: int, title_line: tuple[str, str] | None,
                    rules: RuleSet) -> list[Block]:
    """Lines that repeat the page's first (<title>) line, with or without its site suffix, and
    are no list items (a menu's link to the page); the headline first: the last repeat before
    the article, else the first after its start."""
    first = page.title_line(rules.setting("title_line_max_repeats"))
    if first is None:
        return []
    forms = {first.folded} | ({fold(title_line[0])} if title_line else set())
    forms.discard("")
    repeats = [b for b in page.blocks[first.index + 1:]
               if b.text and (b.folded in forms or title_prefix(b.folded, first.folded, rules))
               and not is_list_item(b.text)
               and (b.removed_by is None or not b.sticky or b.field is not None)]
    before = [b for b in repeats if b.index < first_prose]
    headline = before[-1] if before else repeats[0] if repeats else None
    return [headline] + [b for b in repeats if b is not headline] if headline else []


def _tag_body(page: Page, rules: RuleSet) -> None:
    for rule in rules.by_action("tag"):
        if not applies_to_page(rule, page):
            continue
        for block in page.alive():
            match = search(rule, block.text, page, rules.regex_timeout)
            if not match:
                continue
            raw = {n: match.group(n) for n in rule.pattern.groupindex if match.group(n)}
            values = convert_fields(raw, page, rules)
            if values:
                store_fields(page, values)
                block.verdicts.append((STEP, f"tag:{rule.id}"))
                break


def _heading_like(block: Block, rules: RuleSet, min_words: int) -> bool:
    s = rules.settings
    return (min_words <= block.words <= s["title_max_words"]
            and not block.text.rstrip().endswith(_NOT_HEADING_ENDS)
            and not is_list_item(block.text))


_NOT_HEADING_ENDS = (*FULL_STOPS, ",", ";", ":", "、", "，", "；", "：")


def _similar_title(page: Page, first_prose: int, title_line: tuple[str, str] | None,
                   rules: RuleSet) -> list[Block]:
    """A headline worded a little differently from the <title> line: the short line sharing
    the most words with it: at least three, `title_similar_share` of the shorter of the two and
    `title_similar_min_share` of the longer."""
    if title_line is None:
        return []
    s = rules.settings
    wanted = set(fold(title_line[0]).split())
    first = next(b for b in page.blocks if b.text)
    best: tuple[tuple[int, float, bool], Block] | None = None
    for block in page.blocks[first.index + 1:]:
        if not block.text or block.words > s["title_max_words"] or block.words < 3 \
                or (block.removed_by is not None and block.sticky and block.field is None):
            continue
        words = set(block.folded.split())
        shared = len(words & wanted)
        if shared < 3 or shared / min(len(words), len(wanted)) < s["title_similar_share"] \
                or shared / max(len(words), len(wanted)) < s["title_similar_min_share"]:
            continue
        key = (shared, shared / len(words), block.index < first_prose)
        if best is None or key > best[0]:
            best = (key, block)
    return [best[1]] if best else []


def _find_title(page: Page, head: list[Block], rules: RuleSet) -> Block | None:
    """The first heading-like line of the head's last `title_window` lines, with no line the
    article kept above it (a headline is not under the article's text: a list item is not),
    that is no byline or date line ("Posted on April 18, 2024 by Lucy")."""
    if not head:
        return None
    s = rules.settings
    start = max(0, len(head) - s["title_window"])
    for i in range(start, len(head)):
        if any(b.alive for b in head[:i]):
            return None
        if _heading_like(head[i], rules, s["title_min_words"]) \
                and not _byline_or_date(head[i], page, rules):
            return head[i]
    return None


def _byline_or_date(block: Block, page: Page, rules: RuleSet) -> bool:
    """The line reads as a byline or a date line ("Written by Jane Roe", "Updated 10:31 pm")."""
    return bool(read_byline(block.text, rules, language=page.language)
                or date_line(block.text, page, rules))


def _claim(page: Page, block: Block, rule_id: str, field: str, value: str) -> None:
    if page.set_meta(field, value):
        block.remove(rule_id, to_field=field)
        block.verdicts.append((STEP, f"{field}"))


def _under(page: Page, headline: Block, prose: list[Block]) -> list[Block]:
    """The head lines under the headline: down to the next prose line, none a junk rule took."""
    below = next((b.index for b in prose if b.index > headline.index), len(page.blocks))
    return [b for b in page.blocks[headline.index + 1:below] if not b.sticky and b.text]


def _subtitle(page: Page, under: list[Block], rules: RuleSet,
              headline: Block | None = None) -> None:
    """The head line right under the headline, when it reads as a heading. A byline or date
    line there means no subtitle ("Written by Jane Roe", "Updated 10:31 pm, Nov 19, 2019"),
    unless that line already left the body: then the line under it, still in the body, is the
    subtitle if the region step would set it aside at the top of the clean body (a short
    unpunctuated line), where the next pass would take it as the headline. A date or byline
    a rule moved into the metadata between the headline and the line counts the same way: a
    paragraph after the byline is the lead, even one without a full stop."""
    s = rules.settings
    skipped = headline is not None and bool(under) and any(
        b.field and not _BYLINE_FIELDS.isdisjoint(b.field.split(","))
        for b in page.blocks[headline.index + 1:under[0].index])
    while under and _byline_or_date(under[0], page, rules):
        if under[0].alive:
            return
        under, skipped = under[1:], True
    if not under or not _heading_like(under[0], rules, s["subtitle_min_words"]) \
            or under[0].words > s["subtitle_max_words"] \
            or _number_share(under[0]) > s["subtitle_max_number_share"]:
        return  # (a line mostly of numbers is a date, a time or a score: "۱۲ اسفند ۱۴۰۲ - ۱۰:۳۰")
    if skipped and (not under[0].alive or _region_class(under[0], page, rules) != BAD):
        return
    _claim(page, under[0], SUBTITLE, "subtitle", under[0].text)


_BYLINE_FIELDS = frozenset({"published", "authors"})


def _number_share(block: Block) -> float:
    """Share of the block's tokens that are numbers, in any script's digits."""
    tokens = block.spaced_tokens.split()
    return sum(map(str.isdigit, tokens)) / max(1, len(tokens))


def _region_class(block: Block, page: Page, rules: RuleSet) -> str:
    """The class the region step gives `block` on its own features (see region.classify)."""
    stopwords = rules.words("stopwords", page.language) if page.language else frozenset()
    return classify(block_features(block, stopwords, repeated=False), rules.settings)


def _section(page: Page, before: list[Block], rules: RuleSet) -> None:
    s = rules.settings
    if not before:
        return
    block = before[-1]
    # a list item over the headline is a menu's last entry ("* Search", "* About"), not a kicker
    if block.words <= s["section_max_words"] and not block.ends_sentence \
            and not is_list_item(block.text) \
            and block.index + 1 < len(page.blocks) and page.blocks[block.index + 1].field == "title":
        _claim(page, block, SECTION, "section", block.text.lstrip("#").strip())


def _tagline(page: Page, head: list[Block], rules: RuleSet) -> None:
    """A tagline is the short line right after a masthead, when a headline still follows it."""
    s = rules.settings
    masthead = next((b for b in page.blocks if b.field == "site_name"), None)
    if masthead is None or masthead.index + 1 >= len(page.blocks):
        return
    tag = page.blocks[masthead.index + 1]
    if tag not in head or tag.words > s["tagline_max_words"] or tag.ends_sentence:
        return
    later = head[head.index(tag) + 1:]
    if any(_heading_like(b, rules, s["title_min_words"]) for b in later):
        _claim(page, tag, TAGLINE, "tagline", tag.text)
