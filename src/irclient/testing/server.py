"""moto's server with the Inference Recommender operations, and its clock from outside.

``python -m irclient.testing.server [moto_server options]`` takes the options of
``moto_server`` (``-H 127.0.0.1 -p 5000``, ...) and serves the Inference Recommender operations too
(the six classic ones and the 14 generative-AI ones).

The server's simulated time is moved over HTTP, as moto's own ``/moto-api`` endpoints are
used: ``POST /moto-api/irclient/clock`` with ``{"advance": 90}`` moves it 90 s forward,
``{"freeze": true}`` stops it where it is (only ``advance`` moves it from then on), and
``GET`` reports it. :func:`advance_clock`, :func:`freeze_clock` and :func:`read_clock` are
those requests from Python.

A test tool, for the loopback interface only: never ``-H 0.0.0.0`` on a shared network. The
server checks no credentials, and moto's ``/moto-api`` endpoints answer any web origin, so any
page in a local browser could reset the simulator or write files through them.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from . import install
from ._moto import CLOCK_PATH

__all__ = ["CLOCK_PATH", "PROG", "advance_clock", "freeze_clock", "main", "read_clock"]

PROG = "python -m irclient.testing.server"
"""How the server is started, as its usage line names it."""


def main(argv: list[str] | None = None) -> None:
    """Install the operations, then run ``moto_server`` with ``argv``."""
    import sys

    from moto.server import main as moto_server

    install()
    # moto's parser names itself after sys.argv[0]: "server.py" under python -m.
    program, sys.argv[0] = sys.argv[0], PROG
    try:
        moto_server(argv)
    finally:
        sys.argv[0] = program


def _clock_request(url: str, body: dict[str, Any] | None, timeout: float) -> dict[str, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url.rstrip("/") + CLOCK_PATH,
        data=data,
        method="GET" if body is None else "POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer


def advance_clock(url: str, seconds: float, *, timeout: float = 10.0) -> dict[str, Any]:
    """Move the simulated clock of the server at ``url`` forward by ``seconds``.

    Jobs on the ``time`` progression are as far along as the new time allows; nothing
    sleeps.

    Args:
        url: The server's endpoint URL (``http://127.0.0.1:5000``).
        seconds: How far to move the clock; not negative (simulated time never runs back).
        timeout: Seconds to wait for the server's answer.

    Returns:
        The clock after the move: ``{"now": "<ISO 8601 time>", "frozen": bool}``.

    Raises:
        urllib.error.HTTPError: The server refused the value (HTTP 400, with the reason).
    """
    return _clock_request(url, {"advance": seconds}, timeout)


def freeze_clock(url: str, *, timeout: float = 10.0) -> dict[str, Any]:
    """Stop the simulated clock of the server at ``url``: only :func:`advance_clock` moves it.

    Args:
        url: The server's endpoint URL.
        timeout: Seconds to wait for the server's answer.

    Returns:
        The clock: ``{"now": "<ISO 8601 time>", "frozen": true}``.
    """
    return _clock_request(url, {"freeze": True}, timeout)


def read_clock(url: str, *, timeout: float = 10.0) -> dict[str, Any]:
    """The simulated clock of the server at ``url``: ``{"now": ..., "frozen": ...}``.

    Args:
        url: The server's endpoint URL.
        timeout: Seconds to wait for the server's answer.
    """
    return _clock_request(url, None, timeout)


if __name__ == "__main__":  # pragma: no cover - a command
    main()
