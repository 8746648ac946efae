"""Coverage-guided fuzzing of the whole pipeline with atheris.

    python fuzz/fuzz_pipeline.py fuzz/corpus -max_total_time=600 -rss_limit_mb=2048

Each input is cleaned twice: as raw bytes (decode and the rest) and as text. The only
exception allowed is `InputError` (binary or damaged input, a one-line message for the user);
anything else is a crash. With FUZZ_IDEMPOTENT=1 it also checks that cleaning is idempotent
(cleaning the body again removes nothing and changes nothing), and with FUZZ_CONSERVATION=1 that
every character of the normalised input but white space is in the body or in `removed`, as often
as it was there (characters, not words: a strip rule may cut a span out of a run of letters); a
failure of either is a crash. FUZZ_FAILURES=DIR also writes each failing text there (as the
page the check cleaned, ready for fuzz/regressions/); with FUZZ_KEEP_GOING=1 as well, an
idempotency or conservation failure is only written there and the run goes on (libFuzzer's fork
mode does not run this harness).
"""
from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import Cleaner
    from cleaner.errors import InputError
    from cleaner.markdown import read_markdown
    from cleaner.normalize import normalize_text

CLEANER = Cleaner()
CHECK_IDEMPOTENT = os.environ.get("FUZZ_IDEMPOTENT") == "1"
CHECK_CONSERVATION = os.environ.get("FUZZ_CONSERVATION") == "1"
FAILURES = os.environ.get("FUZZ_FAILURES")
KEEP_GOING = bool(FAILURES) and os.environ.get("FUZZ_KEEP_GOING") == "1"


def keep_failure(text: str) -> None:
    if FAILURES:
        name = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        with open(os.path.join(FAILURES, f"failure-{name}.txt"), "w", encoding="utf-8",
                  errors="surrogatepass") as handle:
            handle.write(text)


def check_text(text: str) -> None:
    try:
        doc = CLEANER.clean(text)
    except Exception:
        keep_failure(text)
        raise
    if CHECK_CONSERVATION:
        check_conserved(text, doc)
    if not CHECK_IDEMPOTENT:
        return
    again = CLEANER.clean(doc.body)
    if again.body != doc.body or again.removed:
        keep_failure(text)
        if KEEP_GOING:
            return
        raise AssertionError(f"not idempotent: {doc.body!r} -> {again.body!r}, "
                             f"removed {[r.rule for r in again.removed]}")


def check_conserved(text: str, doc) -> None:
    if doc.stats.get("mode") == "markdown":   # held to the text it was read as
        text = read_markdown(text, CLEANER.rules).text
    before = Counter("".join(normalize_text(text)[0].split()))
    after = Counter("".join(doc.body.split()))
    for piece in doc.removed:
        after.update("".join(piece.text.split()))
    if before != after:
        keep_failure(text)
        if KEEP_GOING:
            return
        raise AssertionError(f"not conserved: lost {dict(before - after)}, "
                             f"appeared {dict(after - before)}")


def test_one_input(data: bytes) -> None:
    try:
        CLEANER.clean(data)
    except InputError:
        pass
    provider = atheris.FuzzedDataProvider(data)
    check_text(provider.ConsumeUnicode(len(data)))  # lone surrogates too, as JSON gives them


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
