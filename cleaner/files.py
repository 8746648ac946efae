"""Finding input files and writing outputs safely (temporary file + atomic rename)."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")


def iter_inputs(paths: list[str]) -> Iterator[str]:
    """Yield input paths: files as given, folders recursed for text and HTML files, '-' as is.

    Never raises: a missing path, or a folder with nothing to clean, is yielded as it is, and
    `read_input` turns it into a one-line error, so a batch goes on with the other inputs.
    """
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = list(text_files(path))
            yield from found if found else [raw]
        else:
            yield raw


def text_files(folder: Path) -> Iterator[str]:
    """The .txt/.html files under `folder`, sorted, records written by `fix` left out."""
    for child in sorted(folder.rglob("*")):
        if child.is_file() and str(child).lower().endswith(TEXT_SUFFIXES) \
                and not child.name.endswith(".cleaner.json"):
            yield str(child)


def read_input(name: str) -> bytes:
    """The bytes of one input ('-' is stdin). Raises InputError naming it when it cannot be read
    or holds nothing to clean."""
    data = _read_stdin() if name == "-" else _read_file(name)
    require_text("<stdin>" if name == "-" else name, data)
    return data


def require_text(name: str, data: bytes) -> None:
    """Raise InputError naming `name` when `data` is empty or only white space."""
    if not data.strip(b" \t\r\n\x0b\x0c\x00"):
        what = "is empty" if not data else "holds only white space"
        raise InputError(f"{name}: {what}, nothing to clean; pass a page with text")


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("<stdin>: closed, nothing to read; pipe text in or pass a file")
    try:
        return stream.read()
    except (OSError, ValueError) as exc:
        raise InputError(f"<stdin>: cannot read ({exc}); pipe text in or pass a file") from None


def _read_file(name: str) -> bytes:
    path = Path(name)
    try:
        if path.is_dir():
            if any(True for _ in text_files(path)):
                raise InputError(f"{name}: is a folder; pass one file")
            raise InputError(f"{name}: folder holds no .txt or .html files; "
                             "point at the files or another folder")
        if not path.exists():
            raise InputError(f"{name}: no such file or folder; check the path")
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except MemoryError:
        raise InputError(f"{name}: too large to read into memory; split the file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc}); check the path") from None


def write_atomic(path: Path, data: str | bytes, *, like: Path | None = None) -> None:
    """Write via a temporary file in the same folder and rename it over `path`.

    A crash leaves either the old file or the new one, never half of one. Where the system has
    anonymous temporary files (Linux O_TMPFILE), the new content has no name until just before
    it is renamed into place; a SIGKILL in that instant, or anywhere during the write elsewhere,
    leaves one temporary file (`.NAME.PID.NS.cleaner-tmp`) beside the target, which the next
    write to the same path sweeps; Ctrl-C removes it.
    The permissions of `like` (or of the file being replaced) are kept; new files get the
    usual mode (0666 less the umask).
    """
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep_stale_temps(path)
        mode = _mode_for(path, like)
        fd, tmp = _open_temp(path)
    except OSError as exc:
        raise InputError(f"{folder}: cannot write here ({exc.strerror or exc}); "
                         "choose a writable output folder") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
            if tmp is None:
                tmp = _name_temp(path, handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc}); "
                         "check free space and permissions") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise


TEMP_MARK = ".cleaner-tmp"


def _temp_name(path: Path) -> str:
    return f".{path.name}.{os.getpid()}.{time.monotonic_ns()}{TEMP_MARK}"


def _open_temp(path: Path) -> tuple[int, str | None]:
    """An anonymous file in the target's folder (name None) or, failing that, a named one."""
    if hasattr(os, "O_TMPFILE"):
        try:
            return os.open(path.parent, os.O_TMPFILE | os.O_WRONLY, 0o600), None
        except OSError:
            pass
    tmp = str(path.parent / _temp_name(path))
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp


def _name_temp(path: Path, fd: int) -> str:
    """Give the anonymous file a name beside its target, just before the rename."""
    name = _temp_name(path)
    folder_fd = os.open(path.parent, os.O_RDONLY)
    try:  # a dir fd makes Python call linkat(AT_SYMLINK_FOLLOW), which links the open file
        os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder_fd, follow_symlinks=True)
    finally:
        os.close(folder_fd)
    return str(path.parent / name)


def _mode_for(path: Path, like: Path | None) -> int:
    for source in (like, path):
        if source is not None and source.exists():
            return source.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sweep_stale_temps(path: Path) -> None:
    """Remove temporary files an earlier, killed run left for this same target."""
    for stale in path.parent.glob(f".{glob_escape(path.name)}.*{TEMP_MARK}"):
        _unlink_quietly(str(stale))


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _unlink_quietly(tmp: str | None) -> None:
    if tmp is None:
        return
    try:
        os.unlink(tmp)
    except OSError:
        pass


def safe_output_path(out_dir: Path, name: str) -> Path:
    """Where the output for input `name` goes under `out_dir`, never outside it."""
    rel = Path(name.lstrip("/\\")) if name != "-" else Path("stdin.txt")
    parts = [p for p in rel.parts if p not in ("", ".", "..") and not p.endswith(":")]
    target = (out_dir / Path(*parts)) if parts else out_dir / "stdin.txt"
    resolved_root = out_dir.resolve()
    if resolved_root not in target.resolve().parents:
        raise InputError(f"{name}: output would land outside {out_dir}; rename the input")
    return target
