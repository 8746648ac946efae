"""The file to hand to spark-submit: it runs `cleaner spark` with the arguments that follow.

    spark-submit --master yarn "$(python -m cleaner.spark_submit --path)" INPUT OUTPUT [options]

Without --master in the options, the job runs on spark-submit's master.
"""
from __future__ import annotations

import os
import sys


def run(argv: list[str]) -> None:
    """`cleaner spark ARGV...`, as the command line would run it."""
    from cleaner.cli import main

    sys.argv = ["cleaner", "spark", *argv]
    main()


if __name__ == "__main__":
    # Run as a file, Python puts this folder first on sys.path, where `cleaner.py` would shadow
    # the `cleaner` package: take it off before importing.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    if sys.argv[1:] == ["--path"]:
        print(os.path.abspath(__file__))
    else:
        run(sys.argv[1:])
