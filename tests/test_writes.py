"""Writes never lose data: temporary file + atomic rename, permissions kept, nothing half
written or left behind when the process is killed, nothing written outside the target folder."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from cleaner.errors import InputError
from cleaner.files import TEMP_MARK, safe_output_path, write_atomic
from conftest import cleaner_cmd, run_cli

ARTICLE = ("The council met on Tuesday and agreed the budget for next year after a long debate.\n\n"
           "Residents will pay more for water, the mayor said, but roads and schools get more money.\n")
JUNK_PAGE = "Share this article\n\n" + ARTICLE


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if "tmp" in p.name or p.name.startswith("."))


def test_write_atomic_keeps_the_mode_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "page.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_new_files_get_the_usual_mode_not_0600(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out" / "new.txt", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out" / "new.txt").stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "page.txt"
    target.write_text("original", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="page.txt: cannot write"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "original"
    assert leftovers(tmp_path) == []


def test_stale_temp_files_from_a_killed_run_are_swept(tmp_path):
    target = tmp_path / "page.txt"
    stale = tmp_path / ".page.txt.123.456.cleaner-tmp"
    stale.write_text("half", encoding="utf-8")
    write_atomic(target, "whole")
    assert not stale.exists() and target.read_text(encoding="utf-8") == "whole"


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "/etc/passwd", "a/../../../x.txt", "..", "C:/Windows/x.txt", "-",
])
def test_output_path_stays_inside_the_folder(tmp_path, name):
    out = tmp_path / "out"
    target = safe_output_path(out, name)
    assert out.resolve() in target.resolve().parents


def test_output_path_refuses_a_symlink_out_of_the_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "escape").symlink_to(tmp_path.parent)
    with pytest.raises(InputError, match="outside"):
        safe_output_path(out, "escape/x.txt")


def test_fix_keeps_permissions_and_writes_the_record(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(JUNK_PAGE, encoding="utf-8")
    page.chmod(0o604)
    result = run_cli("fix", "page.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert page.read_text(encoding="utf-8") == ARTICLE
    assert stat.S_IMODE(page.stat().st_mode) == 0o604
    assert "Share this article" in (tmp_path / "page.txt.cleaner.json").read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def _make_batch(folder: Path, count: int) -> dict[Path, str]:
    folder.mkdir()
    pages = {}
    for i in range(count):
        path = folder / f"p{i:03}.txt"
        text = JUNK_PAGE + ("Another paragraph of the article follows here, long enough.\n\n" * 400)
        path.write_text(text, encoding="utf-8")
        pages[path] = text
    return pages


def _kill_mid_batch(args: list[str], cwd: Path, sig: int, watch: Path, written: str) -> None:
    """Start the command, wait until it has written a file matching `written`, send `sig`."""
    proc = subprocess.Popen([*cleaner_cmd(), *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if watch.exists() and any(watch.rglob(written)):
            break
        time.sleep(0.01)
    time.sleep(0.05)
    if proc.poll() is None:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err, err
    assert proc.returncode in (-signal.SIGKILL, 130, 2), (proc.returncode, err)  # stopped mid-way


def _assert_each_page_whole(pages: dict[Path, str]) -> None:
    """Every page is either untouched or fully cleaned; nothing half written, nothing stray."""
    for path, original in pages.items():
        now = path.read_text(encoding="utf-8")
        assert now == original or (now.startswith("The council met") and
                                   "Share this article" not in now and now.endswith("\n")), path
        if now != original:  # rewritten: its record must be beside it
            assert path.with_name(path.name + ".cleaner.json").exists()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_fix_killed_mid_batch_leaves_every_file_whole(tmp_path, sig):
    pages = _make_batch(tmp_path / "pages", 60)
    _kill_mid_batch(["fix", "pages"], tmp_path, sig, tmp_path / "pages", "*.cleaner.json")
    _assert_each_page_whole(pages)
    _assert_only_temps_left(tmp_path / "pages", sig)
    again = run_cli("fix", "pages", cwd=tmp_path)  # a rerun finishes the job
    assert again.returncode in (0, 1)
    assert all(p.read_text(encoding="utf-8").startswith("The council met") for p in pages)
    assert leftovers(tmp_path / "pages") == []  # and sweeps what the killed run left


def _assert_only_temps_left(folder: Path, sig: int) -> None:
    """Ctrl-C removes the temporary file of the write in flight; SIGKILL cannot be caught, and
    in the instant between naming the new content and renaming it into place it leaves that
    one named temporary file (the next write to the same path sweeps it)."""
    left = leftovers(folder) if folder.exists() else []
    if sig == signal.SIGINT:
        assert left == []
    else:
        assert all(name.endswith(TEMP_MARK) for name in left), left


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_clean_output_killed_mid_batch_leaves_no_partial_files(tmp_path, sig):
    pages = _make_batch(tmp_path / "pages", 60)
    out = tmp_path / "out"
    _kill_mid_batch(["clean", "--jobs", "1", "-o", "out", "pages"], tmp_path, sig, out, "*.txt")
    for path, original in pages.items():
        assert path.read_text(encoding="utf-8") == original  # inputs untouched
    _assert_only_temps_left(out, sig)
    for written in out.rglob("*") if out.exists() else []:
        if written.is_file() and not written.name.endswith(TEMP_MARK):
            text = written.read_text(encoding="utf-8")
            assert text.startswith("The council met") and text.endswith("\n"), written
    again = run_cli("clean", "--jobs", "1", "-o", "out", "pages", cwd=tmp_path)  # resumes
    assert again.returncode == 0, again.stderr
    assert leftovers(out) == []
    assert len(list(out.rglob("*.txt"))) == len(pages)


def test_fix_on_a_symlink_never_writes_through_it(tmp_path):
    """The link is replaced by the clean file; the page it pointed to, elsewhere, is untouched."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    original = elsewhere / "page.txt"
    original.write_text(JUNK_PAGE, encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page.txt").symlink_to(original)
    result = run_cli("fix", "pages", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert original.read_text(encoding="utf-8") == JUNK_PAGE
    assert not (pages / "page.txt").is_symlink()
    assert (pages / "page.txt").read_text(encoding="utf-8") == ARTICLE
    assert sorted(p.name for p in elsewhere.iterdir()) == ["page.txt"]


def test_fix_leaves_a_file_that_changed_while_it_was_cleaned(tmp_path, monkeypatch):
    """Someone saves the file while fix is cleaning it: their version wins, fix says so."""
    from typer.testing import CliRunner

    from cleaner import cli, cli_clean

    page = tmp_path / "page.txt"
    page.write_text(JUNK_PAGE, encoding="utf-8")
    real_clean_input = cli_clean.clean_input

    def clean_then_edit(cleaner, name):
        doc = real_clean_input(cleaner, name)
        Path(name).write_text(JUNK_PAGE + "\nA late edit.\n", encoding="utf-8")
        return doc

    monkeypatch.setattr(cli_clean, "clean_input", clean_then_edit)
    result = CliRunner().invoke(cli.app, ["fix", str(page)])
    assert result.exit_code == 2
    assert "changed while being cleaned" in result.output
    assert page.read_text(encoding="utf-8") == JUNK_PAGE + "\nA late edit.\n"
