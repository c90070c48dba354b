"""The command that goes on where a listing stopped: ready to paste, flag and token included.

``irclient steps`` and ``irclient jobs`` stop early when ``--max-items`` says so. Their text
output then ends with the same command again, with every option that shaped the listing and
``--starting-token`` set to where it stopped; ``--json`` gives the token as ``NextToken``.
"""

from __future__ import annotations

import argparse
import datetime
import shlex
from collections.abc import Sequence

from ._output import PROG

_GLOBAL = ("region", "profile", "endpoint_url")
_PAGING = ("max_items", "page_size")


def _flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def _text(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


def continuation(
    args: argparse.Namespace,
    *,
    command: str,
    positional: Sequence[str],
    filters: Sequence[str],
    token: str,
) -> str:
    """The shell command that lists the items after ``token``, quoted for a POSIX shell.

    Args:
        args: The parsed arguments of the listing command.
        command: The command's name (``steps``, ``jobs``).
        positional: Its positional arguments (the job name).
        filters: The ``args`` attributes that filter or sort the listing; a token is only good
            for the request it came from, so they are repeated.
        token: The ``NextToken`` where the listing stopped.
    """
    words = [PROG, command, *positional]
    for dest in (*filters, *_PAGING, *_GLOBAL):
        value = getattr(args, dest, None)
        if value is not None:
            words += [_flag(dest), _text(value)]
    words += ["--starting-token", token]
    return shlex.join(words)


def more_line(noun: str) -> str:
    """The line before the continuation command."""
    return f"More {noun} follow; to list them, run:"
