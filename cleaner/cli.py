"""The `cleaner` command: clean / check / fix / explain / rules / eval.

Exit codes: 0 clean (or nothing changed), 1 junk found or files changed, 2 usage or input error.
"""
from __future__ import annotations

import os
import signal
import sys
import threading


def _interrupted_while_starting(signum: int, frame: object) -> None:
    sys.stderr.write("cleaner: interrupted\n")
    os._exit(130)


# Ctrl-C while the command's modules load (typer, the pipeline) is one line, not a traceback;
# the handler is put back once this module has loaded, and `main` loads the rest under its own.
_STARTING = threading.current_thread() is threading.main_thread()
_SIGINT_BEFORE = signal.signal(signal.SIGINT, _interrupted_while_starting) if _STARTING else None
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .config import Config, html_options
from .errors import CleanerError

if TYPE_CHECKING:
    from .cleaner import Cleaner

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Strip boilerplate from scraped pages: clean body plus metadata.")
rules_app = typer.Typer(no_args_is_help=True, help="List, show, test and lint rule packs.")
app.add_typer(rules_app, name="rules")

RulesOpt = typer.Option(None, "--rules", "-r", help="Extra rule pack file or folder (repeatable).")
DisableOpt = typer.Option(None, "--disable", "-d",
                          help="Pack name, rule id or step to switch off (repeatable).")
NoBundledOpt = typer.Option(False, "--no-bundled", help="Do not load the bundled rule packs.")
HtmlOpt = typer.Option(None, "--html", metavar="KEY=VALUE",
                       help="How HTML input is extracted (repeatable): favor=precision|balanced|"
                            "recall, comments=on|off, tables=on|off.")


class Format(str, Enum):
    txt = "txt"
    json = "json"
    jsonl = "jsonl"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"cleaner: {message}", err=True)
    raise typer.Exit(code)


def make_cleaner(rules: list[Path] | None, disable: list[str] | None,
                 no_bundled: bool = False, html: list[str] | None = None) -> Cleaner:
    from .cleaner import Cleaner  # the pipeline loads here, not when the command starts

    config = Config(rule_paths=tuple(rules or ()), disabled=frozenset(disable or ()),
                    bundled_rules=not no_bundled, **html_options(html or ()))
    return Cleaner(config)


def _register_commands() -> None:
    """Command modules add themselves to `app` on import; one module per group of commands."""
    from . import cli_clean, cli_eval, cli_rules, cli_spark  # noqa: F401


def _interrupted_where_python_cannot_raise(unraisable: object) -> None:
    """A Ctrl-C that lands in a finaliser (a compiled pattern's `__del__`, say) cannot stop the
    command by raising, so Python would print it as an ignored traceback: stop here instead."""
    if isinstance(getattr(unraisable, "exc_value", None), KeyboardInterrupt):
        _interrupted_while_starting(signal.SIGINT, None)
    sys.__unraisablehook__(unraisable)  # type: ignore[arg-type]


def main() -> None:
    """Entry point: user mistakes become one line on stderr and exit 2, never a traceback."""
    sys.unraisablehook = _interrupted_where_python_cannot_raise
    try:
        _register_commands()  # most of the start-up: a Ctrl-C here is an interruption too
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except CleanerError as exc:
        typer.echo(f"cleaner: {exc}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("cleaner: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, no flush error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except MemoryError:
        typer.echo("cleaner: out of memory; clean fewer or smaller files at a time", err=True)
        sys.exit(2)
    except Exception as exc:  # click usage errors and the unexpected
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # click's UsageError and kin
            exc.show()
            sys.exit(2)
        if os.environ.get("CLEANER_DEBUG"):
            raise
        typer.echo(f"cleaner: internal error ({exc.__class__.__name__}: {exc}); rerun with "
                   "CLEANER_DEBUG=1 for the traceback and report it", err=True)
        sys.exit(2)


if _STARTING:
    signal.signal(signal.SIGINT, _SIGINT_BEFORE or signal.default_int_handler)
