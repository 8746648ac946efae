"""Hand-written pages in ten languages (fixtures/multilingual/): the packs' words in each
language take the furniture out and leave the article's paragraphs, all of them, alone."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import cleaner

FIXTURES = Path(__file__).parent.parent / "fixtures" / "multilingual"
PAGES = sorted(p for p in FIXTURES.glob("*.txt") if not p.name.endswith(".expected.txt"))


@dataclass
class Expected:
    paragraphs: list[str]
    optional: set[str]
    rules: set[str]


def read_expected(page: Path) -> Expected:
    expected = Expected([], set(), set())
    for line in page.with_suffix(".expected.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("? "):
            expected.optional.add(line[2:])
        elif line.startswith("- "):
            expected.rules.add(line[2:])
        elif line.strip():
            expected.paragraphs.append(line)
    return expected


@pytest.fixture(scope="module")
def cleaned() -> dict[str, cleaner.Document]:
    c = cleaner.Cleaner()
    return {p.name: c.clean(p.read_text(encoding="utf-8")) for p in PAGES}


def test_there_are_pages_in_many_languages(cleaned):
    assert len({cleaned[p.name].language for p in PAGES}) >= 8


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_paragraph_of_the_article_is_kept_in_order(page, cleaned):
    body = [line for line in cleaned[page.name].body.splitlines() if line.strip()]
    kept = [line for line in body if line in read_expected(page).paragraphs]
    assert kept == read_expected(page).paragraphs


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_no_furniture_is_left_in_the_body(page, cleaned):
    expected = read_expected(page)
    allowed = set(expected.paragraphs) | expected.optional
    left = [line for line in cleaned[page.name].body.splitlines()
            if line.strip() and line not in allowed]
    assert left == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_the_packs_words_in_the_pages_language_do_the_work(page, cleaned):
    fired = {removed.rule for removed in cleaned[page.name].removed}
    assert read_expected(page).rules - fired == set()
