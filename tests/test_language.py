"""Language detection: its shortcuts give what the plain count gives; the page takes its
article's language."""
from __future__ import annotations

import json
import sys
from collections import Counter

from conftest import FIXTURES, seed_names
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, language
from cleaner.page import Page, split_blocks
from cleaner.text import words

RULES = Cleaner().rules


def reference_guess(sample: str) -> str | None:
    """Script shares, then each language's stopword hits counted one list at a time."""
    min_share = RULES.setting("language_script_min_share")
    letters = max(1, len(language._LETTER.findall(sample)))
    for code, script in language._SCRIPTS:
        if len(script.findall(sample)) / letters >= min_share:
            return reference_own_letters(code, script, sample)
    stopwords = RULES.wordlists.get("stopwords") or {}
    tokens = words(sample)
    if not tokens:
        return None
    counts: Counter = Counter()
    for lang, wordlist in stopwords.items():
        vocab = set(wordlist)
        counts[lang] = sum(1 for t in tokens if t in vocab)
    if not counts:
        return None
    lang, hits = counts.most_common(1)[0]
    return lang if hits / len(tokens) >= RULES.setting("language_stopword_min_share") else None


def reference_own_letters(code: str, script, sample: str) -> str:
    """Urdu or Persian in Arabic's script: the first listed language whose letters are a big
    enough share of the script's letters, counted one letter at a time."""
    in_script = [c for c in sample if script.fullmatch(c)]
    for lang, chars in RULES.wordlists["language_own_letters"].items():
        own = sum(1 for c in in_script if c in chars)
        if all(script.fullmatch(c) for c in chars) and in_script \
                and own / len(in_script) >= RULES.setting("language_own_letters_min_share"):
            return lang
    return code


def fixture_texts() -> list[str]:
    texts = [(FIXTURES / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
             for name in seed_names()]
    for path in sorted(FIXTURES.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts += [v for v in record.values() if isinstance(v, str) and len(v) > 200]
    return texts


def test_fixture_pages_get_the_reference_language() -> None:
    texts = fixture_texts()
    assert len(texts) > 10
    for text in texts:
        sample = text[:language.SAMPLE_CHARS]
        assert language.guess_language(sample, RULES) == reference_guess(sample)


STOPWORDS = sorted({w for ws in (RULES.wordlists.get("stopwords") or {}).values() for w in ws})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(STOPWORDS), st.text(min_size=1, max_size=6)),
                max_size=60))
def test_any_mix_of_stopwords_gets_the_reference_language(parts: list[str]) -> None:
    sample = " ".join(parts)
    assert language.guess_language(sample, RULES) == reference_guess(sample)


# characters of every script the detector knows, of scripts it does not (Cyrillic, emoji), and
# ASCII, so that the bounds on the letter count are tried on either side of the share
MIXED = st.text(alphabet=st.sampled_from(list(
    "abcXYZ 1,.-\n" "éü" "가나다한" "ひらカタ" "漢字中文" "ไทย" "عربي" "پگی" "ےںٹ" "עברית" "αβΩ" "Жж"
    "🙂\ufe0f")),
    max_size=120)


@settings(max_examples=300, deadline=None)
@given(MIXED)
def test_any_mix_of_scripts_gets_the_reference_language(sample: str) -> None:
    assert language.guess_language(sample, RULES) == reference_guess(sample)


def whole_block_sample(lines: list[str]) -> str:
    """The lines read up to SAMPLE_CHARS characters, the last one whole."""
    taken, chars = [], 0
    for line in lines:
        if chars >= language.SAMPLE_CHARS:
            break
        taken.append(line)
        chars += len(line) + 1
    return "\n".join(taken)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(STOPWORDS), MIXED), max_size=40),
       st.integers(1, 400))
def test_blocks_get_the_language_of_their_first_whole_lines(parts: list[str], width: int) -> None:
    # the page's sample is its first blocks up to SAMPLE_CHARS characters, the last block whole
    text = " ".join(parts) * (language.SAMPLE_CHARS // 400)
    lines = [line for line in (text[i:i + width] for i in range(0, len(text), width))
             if line.strip()]
    blocks = split_blocks("\n".join(lines))
    expected = reference_guess(whole_block_sample([b.text for b in blocks]))
    assert language.blocks_language(blocks, RULES) == expected


def test_the_cheap_script_test_passes_every_character_of_the_scripts() -> None:
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    found = [m.group() for m in language._ANY_SCRIPT.finditer(every)]
    assert len(found) > 90000
    assert all(language._MAYBE_SCRIPT.match(char) for char in found)


def test_the_cheap_unspaced_test_passes_every_character_of_those_scripts() -> None:
    from cleaner import text

    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    found = [m.group() for m in text._UNSPACED.finditer(every)]
    assert len(found) > 90000
    assert all(text._MAYBE_UNSPACED.match(char) for char in found)


def test_packed_hits_are_each_languages_count() -> None:
    index = language.stopword_index(RULES)
    tokens = words("the cat and the dog, le chat et le chien, der Hund und die Katze") * 50
    counts = index.unpack(index.hits(tokens))
    stopwords = RULES.wordlists["stopwords"]
    assert counts == [sum(t in set(stopwords[lang]) for t in tokens) for lang in stopwords]


# A German article among English page furniture: the whole page reads as English, its body as
# German.
ENGLISH_FURNITURE = [
    "Skip to content", "Home", "News", "Sport",
    ("We use cookies to improve your experience on our website. By continuing to browse the site "
     "you are agreeing to our use of cookies."),
    "Accept cookies", "Share this article",
    ("Sign up for our newsletter and get the latest news from the world of business in your "
     "inbox every morning."),
]
ENGLISH_FOOTER = [
    "Related stories",
    "The best places to visit in the city this summer with your family and your friends",
    "What you need to know about the new rules for the trains in the north of the country",
    "How the council plans to spend the money it has for the roads and the schools",
    "Why the price of the houses in the south of the town is going up again this year",
    "© 2021 The Daily News. All rights reserved.",
]
GERMAN_ARTICLE = [
    ("Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. Nach einer "
     "langen Debatte stimmten die meisten Mitglieder für den Entwurf der Verwaltung."),
    ("Die Bürger müssen künftig mehr für das Wasser bezahlen, sagte der Bürgermeister. Dafür wird "
     "mehr Geld in die Straßen und die Schulen der Stadt fließen."),
    ("Die Opposition kritisierte den Plan scharf. Sie warf der Verwaltung vor, die Kosten für die "
     "Familien nicht ausreichend zu berücksichtigen und die Gebühren zu schnell zu erhöhen."),
]
GERMAN_PAGE = "\n\n".join(["\n".join(ENGLISH_FURNITURE), *GERMAN_ARTICLE,
                            "\n".join(ENGLISH_FOOTER)])


def test_the_page_takes_its_articles_language() -> None:
    cleaner = Cleaner()
    assert language.guess_language(GERMAN_PAGE, RULES) == "en"
    doc = cleaner.clean(GERMAN_PAGE)
    assert doc.body == "\n\n".join(GERMAN_ARTICLE)
    assert doc.language == "de"
    assert (doc.stats["language_from"], doc.stats["page_language"]) == ("body", "en")
    again = cleaner.clean(doc.body)
    assert (again.language, again.body, again.removed) == ("de", doc.body, [])
    assert "language_from" not in again.stats


def test_a_page_in_its_articles_language_runs_once() -> None:
    doc = Cleaner().clean("\n\n".join(["\n".join(ENGLISH_FURNITURE),
                                        ("The council met on Tuesday and agreed the budget for "
                                         "next year after a long debate in the town hall."),
                                        "\n".join(ENGLISH_FOOTER)]))
    assert doc.language == "en"
    assert "language_from" not in doc.stats and "page_language" not in doc.stats



# A page's blocks, each in one language (its stopwords and other words), then what the steps
# did to each: kept, dropped, or its text changed (perhaps to one with characters of scripts).
LISTS = RULES.wordlists.get("stopwords") or {}
BLOCK_TEXTS = st.sampled_from(sorted(LISTS)).flatmap(lambda lang: st.lists(
    st.one_of(st.sampled_from(LISTS[lang]), st.sampled_from(["Haus", "table", "x1", "2019"])),
    min_size=1, max_size=30).map(" ".join))
FATES = st.sampled_from(["kept", "kept", "dropped", "changed"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(BLOCK_TEXTS, FATES, st.one_of(BLOCK_TEXTS, BLOCK_TEXTS, MIXED)),
                min_size=1, max_size=40),
       st.integers(1, 60))
def test_the_bodys_language_is_the_whole_reading_of_the_body(
        blocks: list[tuple[str, str, str]], repeat: int) -> None:
    # body_language starts from the page's reading and counts only what changed since: its
    # counts, and so its language, must be those of reading the body's blocks afresh
    lines = [text.replace("\n", " ").strip() or "x" for text, _, _ in blocks] * repeat
    page = Page(source=None, url=None, normalized="", normalization=[],
                blocks=split_blocks("\n".join(lines)))
    language.detect_language(page, RULES)
    assert page.language == language.blocks_language(page.blocks, RULES)
    for block in page.blocks:
        _, fate, other = blocks[block.index % len(blocks)]
        if fate == "dropped":
            block.remove("test/drop")
        elif fate == "changed":
            block.set_text(other)
    body = [b for b in page.blocks if b.alive and b.text]
    whole = language._read(body, RULES)
    counted = language._count_difference(page, language._sample(body), RULES)
    assert counted is None or counted == (whole.packed, whole.tokens)
    assert language.body_language(page, RULES) == whole.language


def test_the_body_is_counted_from_the_pages_reading() -> None:
    page = Page(source=None, url=None, normalized="", normalization=[],
                blocks=split_blocks(GERMAN_PAGE))
    language.detect_language(page, RULES)
    for block in page.blocks:
        if block.text in ENGLISH_FURNITURE or block.text in ENGLISH_FOOTER:
            block.remove("test/furniture")
    body = [b for b in page.blocks if b.alive]
    whole = language._read(body, RULES)
    assert language._count_difference(page, body, RULES) == (whole.packed, whole.tokens)
    assert (page.language, language.body_language(page, RULES)) == ("en", "de")


def test_each_page_keeps_its_own_reading() -> None:
    first = Page(source=None, url=None, normalized="", normalization=[],
                 blocks=split_blocks("\n".join(GERMAN_ARTICLE)))
    second = Page(source=None, url=None, normalized="", normalization=[],
                  blocks=split_blocks("\n".join(ENGLISH_FOOTER)))
    unread = Page(source=None, url=None, normalized="", normalization=[],
                  blocks=split_blocks("\n".join(GERMAN_ARTICLE)))
    language.detect_language(first, RULES)
    language.detect_language(second, RULES)
    assert (first.language, second.language) == ("de", "en")
    assert language._count_difference(first, first.blocks, RULES) is not None
    assert language.body_language(first, RULES) == "de"
    assert language._count_difference(unread, unread.blocks, RULES) is None  # counted whole
    assert language.body_language(unread, RULES) == "de"


def test_the_bodys_language_with_other_stopword_lists_is_read_whole() -> None:
    page = Page(source=None, url=None, normalized="", normalization=[],
                blocks=split_blocks(GERMAN_PAGE))
    language.detect_language(page, RULES)
    other = Cleaner().rules  # its own stopword lists: the page's counts are not theirs
    assert language._count_difference(page, page.blocks, other) is None
    assert language._count_difference(page, page.blocks, RULES) is not None
    assert language.body_language(page, other) == language.blocks_language(page.blocks, other)


def test_persian_and_urdu_are_told_from_arabic_by_their_own_letters() -> None:
    pages = {
        "ar": "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية خلال العام المقبل.",
        "fa": "دولت امروز برنامه تازه‌ای برای حمایت از کشاورزان در مناطق روستایی اعلام کرد.",
        "ur": "پاکستان کے وزیر اعظم نے آج اسلام آباد میں ایک اہم اجلاس کی صدارت کی۔",
    }
    cleaner = Cleaner()
    for code, text in pages.items():
        assert cleaner.clean(text).language == code, code
