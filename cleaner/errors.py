"""Errors a user can act on. Each message is one line that says what to do."""
from __future__ import annotations


class CleanerError(Exception):
    """Base for errors whose message is meant for the user, exit code 2."""


class PackError(CleanerError):
    """A rule pack is invalid: the message names file, line and rule."""


class InputError(CleanerError):
    """An input cannot be cleaned (binary, unreadable...): the message names the file."""


class OutputError(CleanerError):
    """Standard output cannot be written (a full disk, say): the whole run stops."""
