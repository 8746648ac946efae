from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_BENCH = ROOT.parent / "shared" / "bench"

# A valid rule of a pack named "mine", for tests that write packs and then break them.
GOOD_RULE = """\
  - id: mine/hello
    description: Drop hello lines
    action: drop
    match: whole
    phrases: ["hello there"]
    examples:
      junk: ["Hello there"]
      body: ["Hello there, she said to the crowd."]
"""


def seed_names() -> list[str]:
    return sorted(p.stem for p in (FIXTURES / "seeds").glob("*.txt")
                  if not p.name.endswith(".expected.txt"))


def cleaner_cmd() -> list[str]:
    exe = shutil.which("cleaner")
    return [exe] if exe else [sys.executable, "-c", "from cleaner.cli import main; main()"]


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([*cleaner_cmd(), *args], input=input, capture_output=True,
                          cwd=cwd, timeout=timeout, env=env)


@pytest.fixture(scope="session")
def default_cleaner():
    from cleaner import Cleaner

    return Cleaner()


def expected(name: str) -> tuple[str, dict]:
    body = (FIXTURES / "seeds" / f"{name}.expected.txt").read_text(encoding="utf-8").rstrip("\n")
    meta = json.loads((FIXTURES / "seeds" / f"{name}.expected.json").read_text(encoding="utf-8"))
    return body, meta
