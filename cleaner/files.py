"""Finding input files and writing outputs safely (temporary file + atomic rename)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")


def iter_inputs(paths: list[str]) -> Iterator[str]:
    """Yield input paths: files as given, folders recursed for text and HTML files, '-' as is."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                if child.is_file() and str(child).lower().endswith(TEXT_SUFFIXES) \
                        and not child.name.endswith(".cleaner.json"):
                    found = True
                    yield str(child)
            if not found:
                raise InputError(f"{raw}: folder holds no .txt or .html files; "
                                 "point at the files or another folder")
        elif path.exists():
            yield raw
        else:
            raise InputError(f"{raw}: no such file or folder; check the path")


def read_input(name: str) -> bytes:
    if name == "-":
        try:
            return sys.stdin.buffer.read()
        except (OSError, ValueError) as exc:
            raise InputError(f"<stdin>: cannot read ({exc}); pipe text in or pass a file") from None
    try:
        return Path(name).read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; pass files or a folder to recurse") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror}); check the path") from None


def write_atomic(path: Path, data: str, *, like: Path | None = None) -> None:
    """Write via a temporary file in the same folder and rename it over `path`.

    A crash leaves either the old file or the new one, never half of one. The permissions of
    `like` (or of the file being replaced) are kept.
    """
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = None
        for source in (like, path):
            if source is not None and source.exists():
                mode = source.stat().st_mode & 0o7777
                break
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{folder}: cannot write here ({exc.strerror}); "
                         "choose a writable output folder") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def safe_output_path(out_dir: Path, name: str) -> Path:
    """Where the output for input `name` goes under `out_dir`, never outside it."""
    rel = Path(name.lstrip("/\\")) if name != "-" else Path("stdin.txt")
    parts = [p for p in rel.parts if p not in ("", ".", "..") and not p.endswith(":")]
    target = (out_dir / Path(*parts)) if parts else out_dir / "stdin.txt"
    resolved_root = out_dir.resolve()
    if resolved_root not in target.resolve().parents:
        raise InputError(f"{name}: output would land outside {out_dir}; rename the input")
    return target
