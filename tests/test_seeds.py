"""The five seed pages come out exactly as fixtures/seeds/*.expected.* say, by library and CLI."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import FIXTURES, expected, run_cli, seed_names

META_KEYS = ("title", "subtitle", "section", "authors", "published", "dateline", "agency",
             "site_name", "tagline", "captions", "language")


@pytest.mark.parametrize("name", seed_names())
def test_seed_body_and_metadata_match_fixture(name, default_cleaner):
    body, meta = expected(name)
    doc = default_cleaner.clean((FIXTURES / "seeds" / f"{name}.txt").read_bytes())
    assert doc.body == body
    assert len(doc.body.split("\n\n")) == meta["paragraphs"]
    record = doc.to_dict()
    for key in META_KEYS:
        assert record[key] == meta[key], key


@pytest.mark.parametrize("name", seed_names())
def test_seed_body_has_no_odd_spaces(name, default_cleaner):
    doc = default_cleaner.clean((FIXTURES / "seeds" / f"{name}.txt").read_bytes())
    assert "\u00a0" not in doc.body
    assert "  " not in doc.body
    assert all(line == line.rstrip() for line in doc.body.split("\n"))


def test_seeds_through_cli_jsonl_match_fixtures():
    paths = [str(FIXTURES / "seeds" / f"{n}.txt") for n in seed_names()]
    result = run_cli("clean", "--format", "jsonl", *paths)
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["source"] for r in records] == paths
    for name, record in zip(seed_names(), records):
        body, meta = expected(name)
        assert record["body"] == body
        assert record["title"] == meta["title"]
        assert record["removed"], "every seed has junk that must be recorded"


def test_every_removed_piece_names_a_rule(default_cleaner):
    for name in seed_names():
        doc = default_cleaner.clean((FIXTURES / "seeds" / f"{name}.txt").read_bytes())
        assert all(piece.rule and piece.text for piece in doc.removed)


def test_check_fails_then_fix_rewrites_then_check_passes(tmp_path):
    for name in seed_names():
        shutil.copy(FIXTURES / "seeds" / f"{name}.txt", tmp_path / f"{name}.txt")
    first = run_cli("check", str(tmp_path))
    assert first.returncode == 1
    lines = first.stdout.decode().splitlines()
    assert len(lines) == len(seed_names())
    assert any("paywall/" in line for line in lines)

    fixed = run_cli("fix", str(tmp_path))
    assert fixed.returncode == 1
    assert fixed.stdout.decode().count("Fixing ") == len(seed_names())
    for name in seed_names():
        body, meta = expected(name)
        assert (tmp_path / f"{name}.txt").read_text(encoding="utf-8") == body + "\n"
        sidecar = json.loads((tmp_path / f"{name}.txt.cleaner.json").read_text(encoding="utf-8"))
        assert sidecar["title"] == meta["title"]
        assert sidecar["removed"]

    assert run_cli("check", str(tmp_path)).returncode == 0
    again = run_cli("fix", str(tmp_path))
    assert again.returncode == 0
    assert again.stdout.decode() == ""
