"""The command that goes on where a listing stopped: ready to paste, flag and token included.

``irclient steps`` and ``irclient jobs`` stop early when ``--max-items`` says so. Their text
output then ends with the same command again, with every option that shaped the listing and
``--starting-token=TOKEN`` set to where it stopped (one shell-quoted word, so that a token
starting with ``-`` pastes too); ``--json`` gives the token as ``NextToken``.
"""

from __future__ import annotations

import argparse
import datetime
import shlex
from collections.abc import Sequence

from ._filters import request_members
from ._output import PROG

_PAGING = ("max_items", "page_size")
_GLOBAL = ("region", "profile", "endpoint_url")


def _flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def _text(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


def continuation(
    args: argparse.Namespace, *, token: str, command: Sequence[str] | None = None
) -> str:
    """The shell command that lists the items after ``token``, quoted for a POSIX shell.

    A token is only good for the request it came from, so every request member given (the
    job, the filters, the sort) is repeated, and so are the paging and global options.

    Args:
        args: The parsed arguments of the list command (``steps``, ``jobs``).
        token: The ``NextToken`` where the listing stopped.
        command: The command's words after the program's name, when there are several
            (``ai benchmark list``); ``args.command`` otherwise.
    """
    words = [PROG, *(command or (args.command,))]
    for field in request_members(args.operation):
        value = getattr(args, field.name, None)
        if value is None:
            continue
        if field.required:
            words.append(_text(value))
        else:
            words += [_flag(field.name), _text(value)]
    for dest in (*_PAGING, *_GLOBAL):
        value = getattr(args, dest, None)
        if value is not None:
            words += [_flag(dest), _text(value)]
    # One word with "=": a token may start with "-" (base64 does), and argparse would take a
    # separate word that starts with "-" for an option (exit status 2).
    words.append(f"--starting-token={token}")
    return shlex.join(words)


def more_line(noun: str) -> str:
    """The line before the continuation command."""
    return f"More {noun} follow; to list them, run:"
