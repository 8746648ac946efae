"""WARC/ARC input: HTML responses become pages; everything else is skipped and counted."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders  # warcio is a dependency of cleaner
from warcio.warcwriter import WARCWriter

from cleaner import Cleaner
from cleaner.errors import InputError
from cleaner.warc import WarcCounts, is_warc_path, iter_warc_pages
from conftest import run_cli

SRC = Path(__file__).resolve().parent.parent / "fixtures" / "warc-src"


def source_pages() -> list[dict]:
    """The fixture pages: id, url and the HTML bytes as fetched."""
    pages = [json.loads(line) for line in (SRC / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    for page in pages:
        page["html"] = gzip.decompress((SRC / f"{page['id']}.html.gz").read_bytes())
    return pages


def response(writer: WARCWriter, url: str, body: bytes, *, content_type: str = "text/html; charset=utf-8",
             status: str = "200 OK", extra_http: list | None = None, warc_headers: dict | None = None):
    http = StatusAndHeaders(status, [("Content-Type", content_type), *(extra_http or [])],
                            protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict=warc_headers or {})


def write_warc(path: Path, pages: list[dict], *, gzip_records: bool = True, noise: bool = True) -> None:
    """A WARC like a crawler's: each page's request and response, plus records to skip."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "cleaner tests"}))
        for page in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(page["url"], "request", http_headers=request))
            writer.write_record(response(writer, page["url"], page["html"]))
        if not noise:
            return
        writer.write_record(response(writer, "https://example.com/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                                     content_type="image/png"))
        writer.write_record(response(writer, "https://example.com/gone", b"<html>Not found</html>",
                                     status="404 Not Found"))
        writer.write_record(response(writer, "https://example.com/big", b"<html><p>cut short</p>",
                                     warc_headers={"WARC-Truncated": "length"}))
        revisit = writer.create_revisit_record(
            pages[0]["url"], digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=pages[0]["url"],
            refers_to_date="2019-11-19T13:03:00Z")
        writer.write_record(revisit)


def test_warc_suffixes_are_recognised():
    for name in ("crawl.warc", "crawl.warc.gz", "CRAWL.WARC.GZ", "old.arc", "old.arc.gz"):
        assert is_warc_path(name), name
    for name in ("page.html", "page.html.gz", "warc.txt", "crawl.warcs"):
        assert not is_warc_path(name), name


@pytest.mark.parametrize("gzip_records", [True, False], ids=["warc.gz", "warc"])
def test_warc_pages_clean_to_the_same_bodies_as_their_html(tmp_path, gzip_records):
    pages = source_pages()
    path = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    write_warc(path, pages, gzip_records=gzip_records)
    counts = WarcCounts()
    found = list(iter_warc_pages(path, counts))
    assert [p.url for p in found] == [p["url"] for p in pages]
    cleaner = Cleaner()
    for page, warc_page in zip(pages, found):
        assert warc_page.payload == page["html"]
        assert warc_page.record_id.startswith("<urn:uuid:")
        assert warc_page.fetch_date and warc_page.fetch_date[:2] == "20"
        direct = cleaner.clean(page["html"], url=page["url"])
        via_warc = cleaner.clean(warc_page.payload, url=warc_page.url)
        assert via_warc.body == direct.body, page["id"]
        assert via_warc.body  # a real article, not an empty page


def test_skipped_records_are_counted_by_reason(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, source_pages()[:2])
    counts = WarcCounts()
    assert len(list(iter_warc_pages(path, counts))) == 2
    assert counts.pages == 2
    assert dict(counts.skipped) == {"not-response": 3, "not-html": 1, "http-status": 1,
                                    "truncated": 1, "revisit": 1}
    assert counts.summary().startswith("2 pages, 7 records skipped (")


def test_gzip_and_chunked_http_bodies_are_decoded(tmp_path):
    html = b"<html><head><title>T</title></head><body><p>" + b"Plain words here. " * 40 + b"</p></body></html>"
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(html), html)
    path = tmp_path / "enc.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(response(writer, "https://a.example/gz", gzip.compress(html),
                                     extra_http=[("Content-Encoding", "gzip")]))
        writer.write_record(response(writer, "https://a.example/chunked", chunked,
                                     extra_http=[("Transfer-Encoding", "chunked")]))
    assert [p.payload for p in iter_warc_pages(path)] == [html, html]


def test_a_file_that_ends_mid_record_keeps_the_pages_before_it(tmp_path):
    pages = source_pages()[:3]
    whole = tmp_path / "whole.warc"
    write_warc(whole, pages, gzip_records=False, noise=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 2000])  # the last response loses its end
    counts = WarcCounts()
    found = list(iter_warc_pages(cut, counts))
    assert [p.url for p in found] == [p["url"] for p in pages[:2]]
    assert counts.skipped["truncated"] == 1


def test_arc_files_are_read_with_stable_record_ids(tmp_path):
    page = source_pages()[0]
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page["html"]
    desc_body = b"1 0 cleaner-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    desc = b"filedesc://test.arc 0.0.0.0 20191119130300 text/plain %d\n%s\n" % (len(desc_body), desc_body)
    record = b"%s 93.184.216.34 20191119130300 text/html %d\n%s\n" % (page["url"].encode(), len(http), http)
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(desc) + gzip.compress(record))
    first = list(iter_warc_pages(path))
    second = list(iter_warc_pages(path))
    assert [p.url for p in first] == [page["url"]]
    assert first[0].payload == page["html"]
    assert first[0].fetch_date.startswith("2019-11-19T13:03:00")
    assert first[0].record_id == second[0].record_id


def test_a_file_that_is_not_an_archive_is_an_input_error(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n" * 20)
    with pytest.raises(InputError, match="notes.warc: not a WARC or ARC file"):
        list(iter_warc_pages(path))


def test_clean_command_writes_one_record_per_page_with_url_id_and_date(tmp_path):
    pages = source_pages()[:3]
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, pages)
    run = run_cli("clean", str(path), timeout=300)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    cleaner = Cleaner()
    assert [r["url"] for r in records] == [p["url"] for p in pages]
    for record, page in zip(records, pages):
        assert record["warc_record_id"].startswith("<urn:uuid:")
        assert record["fetch_date"][:2] == "20"
        assert record["body"] == cleaner.clean(page["html"], url=page["url"]).body
    stderr = run.stderr.decode("utf-8")
    assert "crawl.warc.gz: 3 pages, 8 records skipped" in stderr


def test_clean_command_writes_one_jsonl_file_per_archive_under_o(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", source_pages()[:2])
    run = run_cli("clean", "--input", "warc", "-o", str(tmp_path / "out"), str(tmp_path), timeout=300)
    assert run.returncode == 0, run.stderr
    lines = (tmp_path / "out" / "crawl.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line)["warc_record_id"] for line in lines)


def test_quiet_leaves_out_the_archive_summary_line(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", source_pages()[:1])
    run = run_cli("clean", "--quiet", str(tmp_path / "crawl.warc.gz"), timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.decode("utf-8").splitlines()) == 1
    assert run.stderr.decode("utf-8") == ""
