"""Hand-written pages in twenty languages (fixtures/multilingual/): the packs' words in each
language take the furniture out and leave the article's paragraphs, all of them, alone; and the
stopword lists find the everyday words of a blog post or a comment in each language."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import cleaner
from cleaner.text import stopword_share, words

FIXTURES = Path(__file__).parent.parent / "fixtures" / "multilingual"
PAGES = sorted(p for p in FIXTURES.glob("*.txt") if not p.name.endswith(".expected.txt"))
# What the pipeline still gets wrong, by page and by test ("paragraphs": an article paragraph
# is lost; "furniture": furniture is left in the body), each with why. Strict: a fix makes the
# test fail until the page leaves this list.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def pages_for(test: str) -> list:
    params = []
    for page in PAGES:
        reason = KNOWN_FAILURES.get((page.stem, test))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(page, id=page.stem, marks=marks))
    return params


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


@pytest.fixture(scope="module")
def rules():
    return cleaner.Cleaner().rules


def test_there_are_pages_in_many_languages(cleaned):
    assert len({cleaned[p.name].language for p in PAGES}) >= 20


@pytest.mark.parametrize("page", pages_for("paragraphs"))
def test_every_paragraph_of_the_article_is_kept_in_order(page, cleaned):
    body = [line for line in cleaned[page.name].body.splitlines() if line.strip()]
    kept = [line for line in body if line in read_expected(page).paragraphs]
    assert kept == read_expected(page).paragraphs


@pytest.mark.parametrize("page", pages_for("furniture"))
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


def everyday_sentences() -> list[tuple[str, str]]:
    lines = (FIXTURES / "everyday-sentences.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("language,sentence", everyday_sentences())
def test_everyday_sentences_are_dense_in_their_languages_stopwords(language, sentence, rules):
    """A blog post's "I tried it again yesterday" must read as prose to the region step, as an
    encyclopedia's "It was built in 1850" does: rules/stopwords_everyday.yaml adds the
    pronouns, auxiliaries and particles Wikipedia-built lists miss."""
    assert language in rules.wordlists["stopwords"]
    tokens = " ".join(words(sentence))
    density = stopword_share(tokens, rules.words("stopwords", language))
    assert density >= rules.setting("region_stopword_density")


def test_korean_has_no_stopword_list_its_density_test_is_skipped():
    """Korean particles join the word, so a list of whole words finds almost none of a Korean
    sentence's tokens; without a list the region step skips the density test (as for Japanese
    and Chinese) and the page is still recognised as Korean by its script."""
    c = cleaner.Cleaner()
    assert "ko" not in c.rules.wordlists["stopwords"]
    assert c.clean((FIXTURES / "ko-tistory.txt").read_text(encoding="utf-8")).language == "ko"
