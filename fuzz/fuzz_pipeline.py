"""Coverage-guided fuzzing of the whole pipeline with atheris.

    python fuzz/fuzz_pipeline.py fuzz/corpus -max_total_time=600 -rss_limit_mb=2048

Each input is cleaned twice: as raw bytes (decode and the rest) and as text. The only
exception allowed is `InputError` (binary or damaged input, a one-line message for the user);
anything else is a crash. With FUZZ_IDEMPOTENT=1 it also checks that cleaning is idempotent
(cleaning the body again removes nothing and changes nothing) and treats a failure as a crash.
"""
from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import Cleaner
    from cleaner.errors import InputError

CLEANER = Cleaner()
CHECK_IDEMPOTENT = os.environ.get("FUZZ_IDEMPOTENT") == "1"


def check_text(text: str) -> None:
    doc = CLEANER.clean(text)
    if not CHECK_IDEMPOTENT:
        return
    again = CLEANER.clean(doc.body)
    if again.body != doc.body or again.removed:
        raise AssertionError(f"not idempotent: {doc.body!r} -> {again.body!r}, "
                             f"removed {[r.rule for r in again.removed]}")


def test_one_input(data: bytes) -> None:
    try:
        CLEANER.clean(data)
    except InputError:
        pass
    provider = atheris.FuzzedDataProvider(data)
    check_text(provider.ConsumeUnicodeNoSurrogates(len(data)))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
