"""`cleaner eval`: clean each record of a labelled JSONL file and score bodies against gold."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path

from .cleaner import Cleaner
from .errors import InputError
from .scoring import CorpusScore, PageScore, corpus_score, score_page


@dataclass
class EvalResult:
    score: CorpusScore
    pages: list[PageScore]
    by_language: dict[str, CorpusScore]
    languages: dict[str, str]
    records: dict[str, dict] = dc_field(default_factory=dict)   # page id -> cleaned record
    texts: dict[str, str] = dc_field(default_factory=dict)      # page id -> the input page


def read_records(path: Path) -> Iterator[tuple[int, dict]]:
    import gzip

    opener = gzip.open if str(path).endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not valid JSON ({exc.msg}); "
                                     "expected one JSON object per line") from None
                if not isinstance(record, dict):
                    raise InputError(f"{path}:{number}: expected a JSON object per line")
                yield number, record
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the path") from None


def html_beside(path: Path, record: dict, number: int, id_field: str = "id") -> bytes:
    """A record's HTML kept next to the JSONL file, as html/<id>.html.gz (or .html)."""
    page_id = record.get(id_field)
    folder = path.parent / "html"
    for name in (f"{page_id}.html.gz", f"{page_id}.html"):
        if page_id is not None and (folder / name).is_file():
            return (folder / name).read_bytes()
    raise InputError(f"{path}:{number}: no 'html' field and no {folder}/{page_id}.html.gz; "
                     "add one or choose another --field")


def evaluate_file(path: Path, cleaner: Cleaner, *, field: str = "text", gold_field: str = "gold",
                  id_field: str = "id") -> EvalResult:
    pages: list[PageScore] = []
    languages: dict[str, str] = {}
    records: dict[str, dict] = {}
    texts: dict[str, str] = {}
    for number, record in read_records(path):
        if field == "html" and "html" not in record:
            record = {**record, "html": html_beside(path, record, number, id_field)}
        if field not in record or gold_field not in record:
            raise InputError(f"{path}:{number}: record has no {field!r} or {gold_field!r} field; "
                             "choose them with --field and --gold-field")
        page_id = str(record.get(id_field, number))
        doc = cleaner.clean(record[field] or "", url=record.get("url"))
        pages.append(score_page(page_id, record[gold_field], doc.body))
        languages[page_id] = doc.language or "unknown"
        records[page_id] = doc.to_dict()
        # the page text, for "is the declared value visible in it" (HTML runs use the text field)
        page_text = record.get("text") if field == "html" else record[field]
        texts[page_id] = page_text if isinstance(page_text, str) else doc.body
    by_language: dict[str, list[PageScore]] = {}
    for page in pages:
        by_language.setdefault(languages[page.id], []).append(page)
    return EvalResult(corpus_score(pages), pages,
                      {k: corpus_score(v) for k, v in sorted(by_language.items())}, languages,
                      records, texts)
