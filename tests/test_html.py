"""HTML in: real pages from fixtures/html through the command line, stdin and the library."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

HTML = FIXTURES / "html"
META_KEYS = ("title", "authors", "published", "site_name", "language")


def page_names() -> list[str]:
    return sorted(p.name for p in HTML.iterdir() if p.name.endswith((".html", ".html.gz")))


def stem(name: str) -> str:
    return name.removesuffix(".gz").removesuffix(".html")


def expected(name: str) -> tuple[str, dict]:
    body = (HTML / f"{stem(name)}.expected.txt").read_text(encoding="utf-8").removesuffix("\n")
    meta = json.loads((HTML / f"{stem(name)}.expected.json").read_text(encoding="utf-8"))
    return body, meta


def page_html(name: str) -> bytes:
    data = (HTML / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


@pytest.mark.parametrize("name", page_names())
def test_cli_cleans_html_page_to_the_checked_body_and_metadata(name):
    body, meta = expected(name)
    result = run_cli("clean", "--format", "json", str(HTML / name))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["body"] == body
    for key in META_KEYS:
        assert record[key] == meta[key], key
    assert [piece["rule"] for piece in record["removed"]] == meta["removed_rules"]
    assert record["stats"]["mode"] == meta["mode"] == "html"


def test_html_on_stdin_is_recognised_by_content():
    name = "paradigm-senate.html"
    body, meta = expected(name)
    result = run_cli("clean", "--format", "json", "-", input=page_html(name))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["stats"]["mode"] == "html"
    assert record["body"] == body
    assert record["title"] == meta["title"]


def test_library_takes_html_bytes_with_url(default_cleaner):
    name = "ctpost-auto-show.html.gz"
    body, meta = expected(name)
    doc = default_cleaner.clean(page_html(name), url=meta["url"])
    assert doc.body == body
    assert doc.title == meta["title"] and doc.authors == meta["authors"]
    assert doc.published == meta["published"]
    assert doc.stats["mode"] == "html" and doc.stats["url"] == meta["url"]


def test_library_takes_html_str_and_gzipped_bytes_alike(default_cleaner):
    name = "lighthouse-trademark.html.gz"
    from_str = default_cleaner.clean(page_html(name).decode("utf-8"))
    from_gzip = default_cleaner.clean((HTML / name).read_bytes())
    assert from_str.body == from_gzip.body == expected(name)[0]


def test_declared_charset_decodes_non_utf8_html(default_cleaner):
    paragraph = ("<p>Le café de la place a rouvert ses portes après des mois de travaux, "
                 "et les habitués du quartier sont revenus dès le premier matin pour "
                 "retrouver leurs tables près de la fenêtre.</p>")
    page = ('<!DOCTYPE html><html><head><meta charset="iso-8859-1"><title>Réouverture</title>'
            f"</head><body><article><h1>Réouverture</h1>{paragraph * 3}</article></body></html>")
    doc = default_cleaner.clean(page.encode("iso-8859-1"))
    assert doc.stats["mode"] == "html"
    assert "Le café de la place a rouvert" in doc.body
    assert "\ufffd" not in doc.body


def test_page_with_too_little_article_text_falls_back_to_its_full_text(default_cleaner):
    page = b"<html><head><title>Opening hours</title></head><body><nav><a href='/'>Home</a></nav>" \
           b"<p>The library opens at nine.</p><p>It closes at six on weekdays.</p></body></html>"
    doc = default_cleaner.clean(page)
    assert doc.stats["mode"] == "html-fallback"
    assert "The library opens at nine." in doc.body
    assert "It closes at six on weekdays." in doc.body


def test_text_with_angle_brackets_stays_text(default_cleaner):
    text = ("<The Palace: Tale of Jang Noksu> opened in Seoul this week.\n\n"
            "Visitors who booked their tickets came to watch the show and left reviews of it. "
            "Many of them said the music was the best part of the evening.")
    doc = default_cleaner.clean(text)
    assert doc.stats["mode"] == "text"
    assert "<The Palace: Tale of Jang Noksu> opened in Seoul" in doc.body


def test_html_options_come_from_one_config_and_one_cli_flag():
    name = "dealbreaker-opening-bell.html.gz"
    result = run_cli("clean", "--html", "favor=recall", "--html", "comments=on", str(HTML / name))
    assert result.returncode == 0, result.stderr.decode()
    assert "Taylor Swift" in result.stdout.decode()
    bad = run_cli("clean", "--html", "favour=recall", str(HTML / name))
    assert bad.returncode == 2
    message = bad.stderr.decode().strip()
    assert "\n" not in message and "favour=recall" in message and "favor=" in message
    assert "Traceback" not in message


def test_eval_field_html_reads_html_files_beside_the_jsonl(tmp_path):
    (tmp_path / "html").mkdir()
    with open(tmp_path / "docs.jsonl", "w", encoding="utf-8") as handle:
        for name in page_names():
            body, _ = expected(name)
            (tmp_path / "html" / f"{stem(name)}.html.gz").write_bytes(gzip.compress(page_html(name)))
            handle.write(json.dumps({"id": stem(name), "gold": body}) + "\n")
    result = run_cli("eval", str(tmp_path / "docs.jsonl"), "--field", "html")
    assert result.returncode == 0, result.stderr.decode()
    assert f"pages {len(page_names())} field html" in result.stdout.decode()
    assert "F1 1.000 P 1.000 R 1.000" in result.stdout.decode()


def test_eval_field_html_reads_an_html_field(tmp_path):
    name = "lighthouse-trademark.html.gz"
    record = {"id": "x", "html": page_html(name).decode("utf-8"), "gold": expected(name)[0]}
    (tmp_path / "one.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run_cli("eval", str(tmp_path / "one.jsonl"), "--field", "html")
    assert result.returncode == 0, result.stderr.decode()
    assert "F1 1.000" in result.stdout.decode()


def test_eval_field_html_without_html_names_the_missing_file(tmp_path):
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "nope", "gold": "x"}) + "\n")
    result = run_cli("eval", str(tmp_path / "docs.jsonl"), "--field", "html")
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert "docs.jsonl:1" in message and "nope.html.gz" in message and "\n" not in message


def test_text_mode_does_not_import_trafilatura():
    seed = next(p for p in (FIXTURES / "seeds").glob("*.txt") if not p.name.endswith(".expected.txt"))
    code = ("import sys, cleaner; cleaner.clean(open(sys.argv[1], 'rb').read()); "
            "print('trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(seed)], check=False, capture_output=True,
                         text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_fix_keeps_html_pages_and_says_why(tmp_path):
    para = "<p>The council voted on Tuesday to close the old bridge for repairs that will take a year.</p>"
    html = ("<!DOCTYPE html><html><head><title>Bridge to close</title></head><body><article>"
            "<h1>Bridge to close</h1>" + para * 4 + "<p>Send Feedback</p>" + para * 2
            + "</article></body></html>").encode()
    page = tmp_path / "page.html"
    page.write_bytes(html)
    assert run_cli("check", str(page)).returncode == 1, "the page must hold junk for this test"
    result = run_cli("fix", str(page))
    assert result.returncode == 2
    assert "is HTML" in result.stderr.decode()
    assert page.read_bytes() == html


def trafilatura_metadata(name: str):
    """trafilatura's own metadata pass on a fixture page (what the record must not fall short of)."""
    import trafilatura

    return trafilatura.bare_extraction(page_html(name), with_metadata=True)


@pytest.mark.parametrize("name", page_names())
def test_record_has_title_date_and_authors_wherever_trafilatura_finds_them(name):
    found = trafilatura_metadata(name)
    result = run_cli("clean", "--format", "json", str(HTML / name))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    for field, value in (("title", found.title), ("published", found.date),
                         ("authors", found.author)):
        assert bool(record[field]) or not value, f"trafilatura finds {field} {value!r}"
    if found.date:  # the declared date may add the time, never move the day
        assert record["published"][:10] == found.date


@pytest.mark.parametrize("name", page_names())
def test_byline_search_finds_what_trafilaturas_finds(name):
    from trafilatura import load_html
    from trafilatura.metadata import extract_author

    from cleaner.html_meta import byline_from_markup

    tree = load_html(page_html(name))
    assert byline_from_markup(tree) == extract_author(tree)


def test_byline_search_skips_comments_and_dates_as_trafilatura_does():
    from trafilatura import load_html
    from trafilatura.metadata import extract_author

    from cleaner.html_meta import byline_from_markup

    page = ("<html><body><div class='comments'><span class='author'>Some Reader</span></div>"
            "<article><h1>Headline</h1><p class='byline'>By Jane Roe<time>Nov 19</time>, "
            "staff</p><p>" + "Text of the article. " * 20 + "</p></article></body></html>")
    tree = load_html(page)
    found = byline_from_markup(tree)
    assert found == extract_author(tree)
    assert found.startswith("Jane Roe") and "Reader" not in found and "Nov" not in found


def _markup_meta(head: str, body: str = "<p>Text.</p>"):
    from trafilatura import load_html

    from cleaner.html_meta import read_markup_meta

    return read_markup_meta(load_html(f"<html><head>{head}</head><body>{body}</body></html>"),
                            None)


def test_declared_publication_date_keeps_its_time_and_offset():
    json_ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
               '"dateModified": "2019-11-21T08:00:00Z", "datePublished": "2019-11-20T01:50:59Z"}'
               "</script>")
    assert _markup_meta(json_ld).date == "2019-11-20T01:50:59+00:00"
    meta = '<meta property="article:published_time" content="2019-11-19T22:31:00-0600">'
    assert _markup_meta(meta).date == "2019-11-19T22:31-06:00"


def test_undeclared_or_implausible_date_falls_back_to_htmldate():
    future = '<meta property="article:published_time" content="2999-01-01T00:00:00Z">'
    body = "<p>Published on 2019-11-18 by the desk.</p>"
    assert _markup_meta(future, body).date == "2019-11-18"
    assert _markup_meta("", body).date == "2019-11-18"


def test_page_whose_metadata_cannot_be_read_still_gives_its_article(default_cleaner, monkeypatch):
    from cleaner import html_meta

    def unreadable(tree, url):
        raise ValueError("odd markup")

    monkeypatch.setattr(html_meta, "read_markup_meta", unreadable)
    name = "lighthouse-trademark.html.gz"
    doc = default_cleaner.clean(page_html(name))
    assert doc.stats["mode"] == "html"
    assert doc.body == expected(name)[0]


def test_declared_desk_credit_stays_the_author(default_cleaner):
    paragraph = ("<p>The county board met on Monday night and approved the new budget for the "
                 "coming year after a long debate about road repairs and school funding.</p>")
    page = ('<html><head><title>Board approves budget</title>'
            '<meta name="author" content="Staff Reports"></head><body><article>'
            f"<h1>Board approves budget</h1>{paragraph * 3}</article></body></html>")
    doc = default_cleaner.clean(page)
    assert doc.stats["mode"] == "html"
    assert doc.authors == ["Staff Reports"]


@pytest.mark.parametrize("declared, expected", [
    ("Dana Ford; Tom Watkins; Coast News", ["Dana Ford", "Tom Watkins"]),
    ("Coast News", ["Coast News"]),   # the site alone is the page's own credit
])
def test_the_site_among_the_credited_people_is_not_an_author(default_cleaner, declared, expected):
    paragraph = ("<p>The county board met on Monday night and approved the new budget for the "
                 "coming year after a long debate about road repairs and school funding.</p>")
    page = ('<html><head><title>Board approves budget</title>'
            '<meta property="og:site_name" content="Coast News">'
            f'<meta name="author" content="{declared}"></head><body><article>'
            f"<h1>Board approves budget</h1>{paragraph * 3}</article></body></html>")
    doc = default_cleaner.clean(page)
    assert doc.stats["mode"] == "html"
    assert doc.site_name == "Coast News"
    assert doc.authors == expected


@pytest.mark.parametrize("declared", [
    "Board approves budget for the coming year | Coast News Politics",   # a section of the site
    "Coast News | Board approves budget for the coming year",            # the site first
])
def test_the_site_name_is_taken_off_the_declared_title(default_cleaner, declared):
    paragraph = ("<p>The county board met on Monday night and approved the new budget for the "
                 "coming year after a long debate about road repairs and school funding.</p>")
    page = (f'<html><head><title>{declared}</title><meta property="og:title" content="{declared}">'
            '<meta property="og:site_name" content="Coast News"></head><body><article>'
            f"{paragraph * 3}</article></body></html>")
    doc = default_cleaner.clean(page)
    assert doc.stats["mode"] == "html"
    assert doc.title == "Board approves budget for the coming year"
