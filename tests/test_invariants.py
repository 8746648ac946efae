"""Invariants of cleaning, on generated pages (hypothesis) and on the real seed pages:
never raises, idempotent, conserves every piece of text, deterministic across processes and --jobs.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cleaner import Cleaner
from cleaner.errors import InputError
from cleaner.config import Config
from cleaner.markdown import read_markdown
from cleaner.ruleset import build_ruleset
from cleaner.normalize import normalize_text
from conftest import FIXTURES, run_cli, seed_names

SEED_TEXTS = {name: (FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
              for name in seed_names()}
# Lines real pages carry, junk and body alike, for generated pages to mix.
LINES = st.sampled_from([
    "Share this article", "Skip to content", "Advertisement", "Sign up for our newsletter",
    "By Jane Smith and Tom Jones", "March 3, 2021 10:00 AM", "Photo: Reuters",
    "Read more", "Related stories", "© 2021 The Daily News. All rights reserved.",
    "You have 3 free articles left this month.", "Accept cookies", "5 min read",
    "The council met on Tuesday and agreed the budget for next year after a long debate.",
    "Residents will pay more for water, the mayor said, but roads and schools get money.",
    "“We are not going anywhere,” she said.", "Town hall votes on the budget",
])
PAGES = st.lists(st.one_of(LINES, st.text(min_size=0, max_size=80)), min_size=0, max_size=25) \
    .map(lambda lines: "\n".join(lines))
# Real pages (fixtures/idempotency: dev pages a second clean once changed; the seeds; the
# made-up metadata pages), for hypothesis to cut windows out of and thin.
with (FIXTURES / "idempotency" / "pages.jsonl").open(encoding="utf-8") as _handle:
    ONCE_FAILING = [json.loads(line) for line in _handle]
REAL_PAGES = [page["text"] for page in ONCE_FAILING] + list(SEED_TEXTS.values())
REAL_PAGES += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "meta").glob("*.txt"))]


@st.composite
def real_page_variants(draw) -> str:
    """A window of a real page's lines, with some lines left out: the head cut at any point
    (as another scraper would), the footer cut, captions or bylines missing."""
    lines = draw(st.sampled_from(REAL_PAGES)).split("\n")
    start = draw(st.integers(0, len(lines) - 1))
    end = draw(st.integers(start + 1, len(lines)))
    window = lines[start:end]
    dropped = draw(st.sets(st.integers(0, len(window) - 1), max_size=min(5, len(window) - 1)))
    return "\n".join(line for i, line in enumerate(window) if i not in dropped)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def char_counts(*texts: str) -> Counter:
    """The characters of `texts` but white space, counted."""
    counts: Counter = Counter()
    for text in texts:
        counts.update("".join(text.split()))
    return counts


def assert_conserved(text: str, doc) -> None:
    """Every character of the normalised input (but white space) is in the body or in
    `removed`, as often as it was there (metadata moves carry `field` in `removed`); nothing
    appears from nowhere. Characters, not words: a strip rule may take a span glued to a word
    ("biTitle ChevronEye" gives "bi" and "Title ChevronEye"). A Markdown page is held to the
    text it was read as (its markup, as HTML's, is not text)."""
    if doc.stats.get("mode") == "markdown":
        text = read_markdown(text, build_ruleset(Config())).text
    normalized, _ = normalize_text(text)
    assert char_counts(normalized) == char_counts(doc.body, *(r.text for r in doc.removed))
    for piece in doc.removed:
        if piece.field:
            assert set(piece.field.split(",")) <= set(doc.to_dict()) | {"caption", "credit"}


@FAST
@given(st.binary(max_size=3000))
def test_never_raises_on_any_bytes(default_cleaner, data):
    try:
        default_cleaner.clean(data)
    except InputError as exc:
        assert "\n" not in str(exc)


@FAST
@given(st.text(max_size=3000))
def test_never_raises_on_any_str(default_cleaner, text):
    default_cleaner.clean(text)


@FAST
@given(st.lists(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr),
                          st.sampled_from(["The storm came at night. ", "\n\n"])),
                max_size=120).map("".join))
def test_text_with_lone_surrogates_cleans_to_encodable_text(default_cleaner, text):
    # strings read from JSON may hold lone surrogates ("\ud83d" of a cut emoji)
    doc = default_cleaner.clean(text)
    for piece in (doc.body, *(r.text for r in doc.removed)):
        piece.encode("utf-8")


@FAST
@given(PAGES)
def test_conservation_on_generated_pages(default_cleaner, text):
    assert_conserved(text, default_cleaner.clean(text))


def test_conservation_when_a_strip_cuts_into_a_word(default_cleaner):
    # found by the fuzzer's conservation check: an icon-name run glued to the word before it
    text = ("The market report came out on Monday and prices of many toys ate a biTitle "
            "ChevronTitle ChevronEye Icon big share of the family budget this year.")
    doc = default_cleaner.clean(text)
    assert [r.text for r in doc.removed] == ["Title ChevronTitle ChevronEye Icon"]
    assert_conserved(text, doc)


@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
def test_conservation_on_seed_pages(default_cleaner, name):
    assert_conserved(SEED_TEXTS[name], default_cleaner.clean(SEED_TEXTS[name]))


def assert_idempotent(cleaner, text: str, url: str | None = None) -> None:
    """Cleaning the clean body keeps all of it and removes nothing."""
    body = cleaner.clean(text, url=url).body
    again = cleaner.clean(body, url=url)
    assert again.body == body
    assert [(r.rule, r.text) for r in again.removed] == []


@FAST
@given(PAGES)
def test_idempotent_on_generated_pages(default_cleaner, text):
    assert_idempotent(default_cleaner, text)


@pytest.mark.parametrize("text", ["0\n0\n0", "Share this article\n0\n0",
                                  "Photo: Reuters\nPhoto: Reuters\n0\n0"])
def test_idempotent_when_the_first_line_repeats(default_cleaner, text):
    # found by hypothesis: a line repeating the page's first line was read as the headline
    # repeating the <title> line, though that first line stayed in the body
    assert_idempotent(default_cleaner, text)


@pytest.mark.parametrize("path", sorted((FIXTURES.parent / "fuzz" / "regressions").glob("*.txt")),
                         ids=lambda path: path.stem)
def test_idempotent_on_what_the_fuzzer_found(default_cleaner, path):
    # pages the mutator made (a page held twice or thrice, a line with two icon runs, a first
    # line a byline reader takes), each once cleaned differently on a second pass
    assert_idempotent(default_cleaner, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", ["Posted 2020-08-24 and 2020-08-24",
                                  "Title\n\nUpdated 2020-08-24 20:20 -24\n\nThe council met."])
def test_never_raises_on_a_date_whose_offset_reads_a_day(default_cleaner, text):
    # found by the fuzzer: dateutil reads "2020-08-24 ... 2020-08-24" as 20:20 at -24 hours, an
    # offset Python's datetime cannot print
    assert_conserved(text, default_cleaner.clean(text))


def test_never_raises_on_a_time_whose_seconds_are_a_run_of_digits(default_cleaner):
    # found by the fuzzer: dateutil reads the digits after "09:" as minutes and seconds, and
    # the decimal module refuses to take the remainder of so long a number
    text = "All News 09:09" + "2" * 90 + " November 17, 2019"
    assert_conserved(text, default_cleaner.clean(text))


def test_idempotent_when_only_the_body_shows_its_language(default_cleaner):
    # found by the fuzzer: junk dilutes the page's stopwords so that no language is found on
    # the whole page, while its clean body reads as Turkish and was judged differently on the
    # next pass; the page now takes its body's language and is cleaned again with it
    text = (FIXTURES.parent / "fuzz" / "regressions" / "idempotency-8.txt").read_text(
        encoding="utf-8")
    doc = default_cleaner.clean(text)
    # (the page as a whole reads as no language, or as the English of its wrapper)
    assert (doc.language, doc.stats["language_from"]) == ("tr", "body")
    assert doc.stats["page_language"] in (None, "en")
    assert_idempotent(default_cleaner, text)


@pytest.mark.parametrize("path", sorted((FIXTURES.parent / "fuzz" / "known").glob("*.txt")),
                         ids=lambda path: path.stem)
@pytest.mark.xfail(strict=True, reason="open fuzzer findings (fuzz/known/README.md); a fixed "
                   "one moves to fuzz/regressions/")
def test_idempotent_on_known_fuzzer_findings(default_cleaner, path):
    assert_idempotent(default_cleaner, path.read_text(encoding="utf-8"))


def test_settling_is_part_of_the_region_step():
    # settle_article sets lines aside as the region step would on the clean body: switching
    # the region step off switches it off too
    text = (FIXTURES.parent / "fuzz" / "regressions" / "idempotency-settled-tail.txt").read_text(
        encoding="utf-8")
    assert any(r.rule.startswith("region/") for r in Cleaner().clean(text).removed)
    assert not any(r.rule.startswith("region/")
                   for r in Cleaner(disabled=["region"]).clean(text).removed)


def test_idempotent_when_a_line_holds_two_junk_spans(default_cleaner):
    # found by the fuzzer: a strip rule took only the first span, the next pass the second
    text = ("The festival opened on Friday with a parade ChevronEye IconIcon FacebookIcon Mail "
            "Contact through the old town LayerIcon MailMenu BurgerPositive and a concert.\n\n"
            "Thousands of people watched the parade, the mayor said, and the concert ran late.")
    doc = default_cleaner.clean(text)
    assert [r.rule for r in doc.removed] == ["sprites/icon-names"] * 2
    assert_idempotent(default_cleaner, text)


@pytest.mark.parametrize("text", [
    # found by the fuzzer: a first line a byline reader takes ("... 7:45 am PST by Joe Rossignol")
    "Apple plans to release a new laptop with a redesigned keyboard, Monday November 09, 2019 "
    "7:45 am PST by Joe Rossignol\n\nApple plans to release a new laptop with a redesigned "
    "keyboard, and the company has not commented on the plans.",
    "Visitors who booked their tickets came to the theatre to watch the show and left reviews 🙂"
    "\n\nWe have brought some of these memorable reviews here! Check them out below."
    "\n\n“The show was really great. We received the tickets at the entrance and we enjoyed it.”",
])
def test_a_bare_article_keeps_its_lines(default_cleaner, text):
    # no line above its first paragraph is page furniture, so none is title, byline or date
    assert default_cleaner.clean(text).removed == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(real_page_variants())
def test_idempotent_on_real_page_variants(default_cleaner, text):
    assert_idempotent(default_cleaner, text)


MULTILINGUAL_PAGES = [p.read_text(encoding="utf-8")
                      for p in sorted((FIXTURES / "multilingual").glob("*.txt"))
                      if not p.name.endswith(".expected.txt")]
ENGLISH_FURNITURE = st.sampled_from([
    "Skip to content", "Home", "News", "Share this article", "Sign up for our newsletter",
    "Related stories", "Accept cookies", "Read more", "Advertisement",
    "The best places to visit in the city this summer with your family and your friends",
    "What you need to know about the new rules for the trains in the north of the country",
    "© 2021 The Daily News. All rights reserved.",
])


@st.composite
def articles_among_english_furniture(draw) -> str:
    """A window of a page in another language (fixtures/multilingual) between English page
    furniture, so that the whole page may read as English and its body as the article's
    language (the pipeline then runs again with the body's language)."""
    lines = draw(st.sampled_from(MULTILINGUAL_PAGES)).split("\n")
    start = draw(st.integers(0, len(lines) - 1))
    window = lines[start:draw(st.integers(start + 1, len(lines)))]
    head, tail = (draw(st.lists(ENGLISH_FURNITURE, max_size=15)) for _ in range(2))
    return "\n".join(head + window + tail)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_among_english_furniture())
def test_idempotent_on_articles_among_furniture_in_another_language(default_cleaner, text):
    assert_idempotent(default_cleaner, text)


@pytest.mark.parametrize("page", ONCE_FAILING, ids=lambda page: page["id"])
def test_idempotent_on_pages_a_second_clean_once_changed(default_cleaner, page):
    assert_idempotent(default_cleaner, page["text"], page["url"])


@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
def test_idempotent_on_seed_pages(default_cleaner, name):
    body = default_cleaner.clean(SEED_TEXTS[name]).body
    again = default_cleaner.clean(body)
    assert again.body == body
    assert [r.rule for r in again.removed] == []


def test_deterministic_across_processes_and_jobs(tmp_path, default_cleaner):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, text in SEED_TEXTS.items():
        (pages / f"{name}.txt").write_text(text, encoding="utf-8")
    runs = [run_cli("clean", "--format", "jsonl", "--jobs", str(jobs), "-q", "pages", cwd=tmp_path)
            for jobs in (1, 2, 1)]
    outputs = [r.stdout.decode("utf-8") for r in runs]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert outputs[0] == outputs[1] == outputs[2]
    records = [json.loads(line) for line in outputs[0].splitlines()]
    here = {f"{n}.txt": default_cleaner.clean(t, source=f"pages/{n}.txt").to_dict()
            for n, t in SEED_TEXTS.items()}
    for record in records:
        expected = here[record["source"].rsplit("/", 1)[-1]]
        assert {k: v for k, v in record.items() if k != "source"} == \
            {k: v for k, v in expected.items() if k != "source"}


BENCH_DOCS = FIXTURES.parent.parent / "shared" / "bench" / "dev" / "docs.jsonl"


def bench_pages() -> list[dict]:
    """The dev benchmark's pages (reads ../shared/bench; the tests skip when it is absent)."""
    if not BENCH_DOCS.exists():
        pytest.skip(f"{BENCH_DOCS} not present (it lives outside the repository)")
    with BENCH_DOCS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_conservation_on_benchmark_pages(default_cleaner):
    for page in bench_pages():
        assert_conserved(page["text"], default_cleaner.clean(page["text"], url=page.get("url")))


def test_idempotent_on_benchmark_pages(default_cleaner):
    failing = []
    for page in bench_pages():
        body = default_cleaner.clean(page["text"], url=page.get("url")).body
        again = default_cleaner.clean(body, url=page.get("url"))
        if again.body != body or again.removed:
            failing.append((page["id"][:12], again.rules_fired))
    assert failing == []
