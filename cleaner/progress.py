"""What a batch run tells the user: a progress line on a terminal, and a summary at the end."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any, TextIO

TOP_RULES = 10
REDRAW_SECONDS = 0.2


@dataclass
class RunStats:
    """Counters for one batch run; `to_dict()` is what `--stats FILE` writes."""

    pages: int = 0
    skipped: int = 0
    errors: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    pages_with_junk: int = 0
    rules: Counter = dc_field(default_factory=Counter)
    started: float = dc_field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return max(1e-9, time.monotonic() - self.started)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "pages_with_errors": self.errors,
            "pages_with_junk": self.pages_with_junk,
            "skipped_existing": self.skipped,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages / self.seconds, 1),
            "rules": dict(self.rules.most_common()),
        }

    def summary(self) -> str:
        lines = [f"cleaner: {self.pages} pages in {self.seconds:.1f}s "
                 f"({self.pages / self.seconds:.0f} pages/s), {_size(self.bytes_in)} in, "
                 f"{_size(self.bytes_out)} out, {self.errors} with errors"
                 + (f", {self.skipped} skipped (output exists)" if self.skipped else "")]
        if self.rules:
            lines.append("most-fired rules:")
            width = max(len(rule) for rule, _ in self.rules.most_common(TOP_RULES))
            lines += [f"  {rule:<{width}}  {count}" for rule, count in self.rules.most_common(TOP_RULES)]
        return "\n".join(lines)

    def write_json(self, path: Path) -> None:
        from .files import write_atomic

        write_atomic(path, json.dumps(self.to_dict(), indent=2) + "\n")


class Progress:
    """A one-line progress display (pages, pages/s, ETA) redrawn on stderr at most 5 times a second.

    `total_bytes` (the size of the inputs, when known) gives the ETA; without it none is shown.
    """

    def __init__(self, enabled: bool, total_bytes: int | None = None,
                 stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.total_bytes = total_bytes
        self.stream = stream or sys.stderr
        self._last = 0.0
        self._drawn = False

    def update(self, stats: RunStats, consumed_bytes: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < REDRAW_SECONDS:
            return
        self._last = now
        rate = stats.pages / stats.seconds
        line = f"{stats.pages} pages  {rate:.0f} pages/s"
        if stats.errors:
            line += f"  {stats.errors} errors"
        if self.total_bytes and consumed_bytes:
            share = min(1.0, consumed_bytes / self.total_bytes)
            left = stats.seconds * (1 - share) / max(share, 1e-9)
            line += f"  {share:4.0%}  ETA {_duration(left)}"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
