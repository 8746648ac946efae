"""Bad input through the command line: one line naming the file and what to do, never a
traceback; a batch goes on past a bad file and ends with exit 2 and a count of failures.

Exit codes (README "Exit codes"): 0 clean, 1 junk found or files changed, 2 usage or input error.
"""
from __future__ import annotations

import gzip
import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cleaner.decode import decode_cp1252
from conftest import FIXTURES, GOOD_RULE, cleaner_cmd, run_cli

ARTICLE = ("The council met on Tuesday and agreed the budget for next year after a long debate.\n\n"
           "Residents will pay more for water, the mayor said, but roads and schools get more money.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stderr.decode("utf-8").splitlines()


def assert_clear_error(result: subprocess.CompletedProcess, name: str, *words: str) -> None:
    """Exit 2, no traceback, one line that names the file (plus the batch's count line)."""
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    named = [line for line in err.splitlines() if name in line]
    assert len(named) == 1, err
    for word in words:
        assert word.lower() in named[0].lower(), err


# --- one bad file each: the message names the file and says what is wrong ---

BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n\t \r\n  \n", "white space"),
    "photo.txt": (PNG, "PNG image"),
    "random.html.gz": (gzip.compress(os.urandom(4000)), "binary"),
    "png-inside.html.gz": (gzip.compress(PNG + os.urandom(2000)), "PNG image"),
    "truncated.html.gz": (gzip.compress(ARTICLE.encode())[:20], "damaged gzip"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("command", ["clean", "check", "explain"])
def test_bad_file_gets_one_line_naming_it(tmp_path, name, command):
    data, words = BAD_FILES[name]
    (tmp_path / name).write_bytes(data)
    result = run_cli(command, name, cwd=tmp_path)
    assert_clear_error(result, name, words)


def test_missing_path_is_named(tmp_path):
    assert_clear_error(run_cli("clean", "nope.txt", cwd=tmp_path), "nope.txt", "no such file")


def test_folder_without_text_files_is_named(tmp_path):
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.png").write_bytes(PNG)
    assert_clear_error(run_cli("check", "pics", cwd=tmp_path), "pics", "no .txt or .html")


def test_unreadable_file_is_named():
    """chmod 000 stops everyone but root; as root the test drops to 'nobody' with setpriv."""
    folder = Path(tempfile.mkdtemp(prefix="cleaner-locked-"))
    folder.chmod(0o755)
    page = folder / "locked.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    page.chmod(0)
    command = [*cleaner_cmd(), "clean", str(page)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root (which reads any file) and setpriv is not installed")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    try:
        result = subprocess.run(command, capture_output=True, timeout=120, cwd=folder)
    finally:
        shutil.rmtree(folder)
    assert_clear_error(result, "locked.txt", "permission denied")


def test_a_file_that_errors_on_read_is_named():
    """/proc/self/mem exists but reading it from the start fails (EIO), even for root."""
    if not os.path.exists("/proc/self/mem"):
        pytest.skip("no /proc on this system")
    assert_clear_error(run_cli("clean", "/proc/self/mem"), "/proc/self/mem", "cannot read")


def test_stdin_closed_is_an_input_error():
    result = subprocess.run([*cleaner_cmd(), "clean", "-"], stdin=subprocess.DEVNULL,
                            capture_output=True, timeout=120)
    assert_clear_error(result, "<stdin>", "empty")
    closed = subprocess.run(shlex.join(cleaner_cmd()) + " explain - <&-", shell=True,
                            capture_output=True, timeout=120)
    assert_clear_error(closed, "<stdin>", "closed")


def test_stdout_closed_early_ends_quietly(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE * 4000, encoding="utf-8")
    result = subprocess.run(shlex.join([*cleaner_cmd(), "clean", str(page)]) + " | head -c 10",
                            shell=True, capture_output=True, timeout=120)
    assert b"Traceback" not in result.stderr and b"Exception" not in result.stderr


def test_output_folder_not_writable_is_named(tmp_path):
    """A plain file where the output folder should be (root can write anywhere else)."""
    (tmp_path / "page.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out").write_text("I am a file", encoding="utf-8")
    result = run_cli("clean", "-o", "out/sub", "page.txt", cwd=tmp_path)
    assert_clear_error(result, "out/sub", "cannot write")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "I am a file"


# --- a batch goes on past bad files and counts them ---

@pytest.mark.parametrize("command", ["clean", "check"])
def test_batch_cleans_the_good_files_and_counts_the_bad(tmp_path, command):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, (data, _) in BAD_FILES.items():
        (pages / name).write_bytes(data)
    (pages / "good.txt").write_text("Share this article\n\n" + ARTICLE, encoding="utf-8")
    result = run_cli(command, "pages", "missing.txt", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err
    assert f"{len(BAD_FILES) + 1} input(s) failed" in err
    out = result.stdout.decode("utf-8")
    assert ("Residents will pay more" in out) if command == "clean" else ("good.txt" in out)


def test_fix_rewrites_the_good_files_and_counts_the_bad(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Share this article\n\n" + ARTICLE, encoding="utf-8")
    result = run_cli("fix", "empty.txt", "good.txt", cwd=tmp_path)
    assert_clear_error(result, "empty.txt", "empty")
    assert "1 input(s) failed" in result.stderr.decode()
    assert good.read_text(encoding="utf-8") == ARTICLE


def test_exit_codes_0_clean_1_junk(tmp_path):
    (tmp_path / "clean.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "junk.txt").write_text("Share this article\n\n" + ARTICLE, encoding="utf-8")
    assert run_cli("check", "clean.txt", cwd=tmp_path).returncode == 0
    assert run_cli("check", "junk.txt", cwd=tmp_path).returncode == 1
    assert run_cli("check", "--no-such-option", cwd=tmp_path).returncode == 2


# --- encodings: decoded correctly, not mangled ---

ENCODED = {
    "latin1.txt": ("Café crème brûlée, a señor's jalapeño and the Straße.", "latin-1"),
    "cp1252.txt": ("It’s a “quoted” word – and the euro € sign… costs 5 €.", "cp1252"),
    "shiftjis.txt": ("東京都は月曜日、新しい計画を発表した。市民の生活を守るための取り組みです。", "shift_jis"),
    "utf16.txt": ("The mayor said it’s fine. Café, naïve, 東京.", "utf-16"),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_legacy_encodings_are_decoded_exactly(tmp_path, name):
    text, encoding = ENCODED[name]
    (tmp_path / name).write_bytes(text.encode(encoding))
    result = run_cli("clean", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").strip() == text


def test_a_wrong_declared_charset_does_not_mangle_the_text(tmp_path):
    text = "<html><head><meta charset=\"utf-8\"></head><body><p>It’s café time.</p></body></html>"
    (tmp_path / "liar.txt").write_bytes(text.encode("cp1252"))
    result = run_cli("clean", "liar.txt", cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    assert "It’s café time." in out and "\ufffd" not in out


def test_utf8_read_as_cp1252_is_repaired(tmp_path):
    text = "It’s a “quoted” word — and Café, said Zoë."
    mojibake = decode_cp1252(text.encode("utf-8"))
    assert "â€™" in mojibake
    (tmp_path / "moji.txt").write_text(mojibake, encoding="utf-8")
    result = run_cli("clean", "moji.txt", cwd=tmp_path)
    assert result.stdout.decode("utf-8").strip() == text


def test_nul_bytes_inside_text_are_dropped_and_the_text_kept(tmp_path):
    (tmp_path / "nul.txt").write_bytes(ARTICLE.replace("Tuesday", "Tues\x00day").encode())
    result = run_cli("clean", "nul.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").strip() == ARTICLE.strip()


# --- large inputs: cleaned, memory bounded ---

def _max_child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _run_measured(args: list[str], cwd) -> tuple[subprocess.CompletedProcess, float]:
    """Run in a fresh interpreter that reports its own peak memory (MB) on the last line."""
    code = ("import resource, sys\nfrom cleaner.cli import main\nsys.argv = ['cleaner', *sys.argv[1:]]\n"
            "try:\n    main()\nfinally:\n    sys.stderr.write('\\nPEAK %d\\n' % "
            "(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=cwd,
                            timeout=600)
    peak = int(result.stderr.decode().rsplit("PEAK", 1)[1])
    return result, peak


def test_a_50_mb_file_is_cleaned_in_bounded_memory(tmp_path):
    paragraph = ARTICLE.strip() + "\n\n"
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("Share this article\n\n")
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            handle.write(paragraph)
    result, peak = _run_measured(["clean", "-o", "out", "big.txt"], tmp_path)
    assert result.returncode == 0, result.stderr[-500:]
    out = (tmp_path / "out" / "big.txt").read_text(encoding="utf-8")
    assert out.startswith("The council met") and len(out) > 45 * 1024 * 1024
    assert peak < 1500, f"peak memory {peak} MB for a 50 MB file"


def test_a_single_10_mb_line_is_cleaned_in_bounded_memory(tmp_path):
    line = ("Residents will pay more for water " * (10 * 1024 * 1024 // 34)).strip() + "."
    (tmp_path / "line.txt").write_text(line + "\n", encoding="utf-8")
    result, peak = _run_measured(["clean", "-o", "out", "line.txt"], tmp_path)
    assert result.returncode == 0, result.stderr[-500:]
    assert (tmp_path / "out" / "line.txt").read_text(encoding="utf-8").strip() == line
    assert peak < 600, f"peak memory {peak} MB for a 10 MB line"


# --- bad rule packs: file, line and rule id in one line, exit 2, for every command ---

GOOD_PACK = "name: mine\ndescription: test pack\nversion: 1\nrules:\n" + GOOD_RULE
BAD_PACKS = {
    "yaml syntax": (GOOD_PACK.replace('phrases: ["hello there"]', 'phrases: ["hello there"'),
                    r"mine\.yaml:\d+: YAML syntax error"),
    "unknown key": (GOOD_PACK.replace("match: whole", "match: whole\n    colour: red"),
                    r"mine\.yaml:5: rule 'mine/hello': unknown key 'colour'"),
    "wrong type": (GOOD_PACK.replace("match: whole", "match: whole\n    max_words: lots"),
                   r"mine\.yaml:5: rule 'mine/hello': max_words must be a whole number"),
    "bad regex": (GOOD_PACK.replace('phrases: ["hello there"]', 'regex: ["(unclosed"]'),
                  r"mine\.yaml:5: rule 'mine/hello': regex '\(unclosed' does not compile"),
}


@pytest.mark.parametrize("command", [["clean"], ["check"], ["fix"], ["explain"]])
@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_bad_pack_is_one_line_with_file_line_and_rule(tmp_path, case, command):
    import re

    text, expected = BAD_PACKS[case]
    (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "page.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli(*command, "--rules", "mine.yaml", "page.txt", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert re.search(expected, err), err
    assert (tmp_path / "page.txt").read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("command", [["rules", "test"], ["rules", "lint"]])
def test_bad_pack_fails_rules_commands_the_same_way(tmp_path, command):
    (tmp_path / "mine.yaml").write_text(BAD_PACKS["bad regex"][0], encoding="utf-8")
    result = run_cli(*command, "mine.yaml", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err
    assert "mine.yaml:5: rule 'mine/hello'" in err


def test_duplicate_ids_across_packs_name_both_files(tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "a.yaml").write_text(GOOD_PACK, encoding="utf-8")
    (tmp_path / "packs" / "b.yaml").write_text(GOOD_PACK, encoding="utf-8")
    (tmp_path / "page.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "--rules", "packs", "page.txt", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err
    assert "mine/hello" in err and "a.yaml" in err and "b.yaml" in err


@pytest.mark.parametrize("delay", [0.25, 0.5, 0.8])
def test_ctrl_c_while_the_command_starts_is_one_line(delay):
    # the command spends its first second loading modules (typer, the pipeline, trafilatura)
    import signal
    import time

    process = subprocess.Popen([*cleaner_cmd(), "clean", str(FIXTURES / "seeds")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err.decode("utf-8"), err
    assert process.returncode in (0, 130), err  # 0: it had finished already


def test_ctrl_c_inside_a_finaliser_is_one_line():
    # a Ctrl-C that lands in a `__del__` (the regex module's, while packs compile) cannot
    # propagate; Python would print "Exception ignored in ..." with a traceback and go on
    code = (
        "import sys\n"
        "from cleaner import cli\n"
        "class Finalised:\n"
        "    def __del__(self):\n"
        "        raise KeyboardInterrupt\n"
        "def start():\n"
        "    Finalised()\n"
        "    print('went on')\n"
        "cli._register_commands = start\n"
        "sys.argv = ['cleaner', '--help']\n"
        "cli.main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stderr == "cleaner: interrupted\n"
    assert result.returncode == 130 and "went on" not in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_on_standard_output_is_one_line(tmp_path, jobs):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*cleaner_cmd(), "clean", "--input", "jsonl", "--jobs", jobs,
                                 str(source)], stdout=full, stderr=subprocess.PIPE, timeout=120)
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2
    assert lines == ["cleaner: standard output: cannot write (No space left on device); free "
                     "space there, or write the outputs elsewhere with -o DIR"]
