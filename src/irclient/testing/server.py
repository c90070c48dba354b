"""moto's server with the Inference Recommender operations.

``python -m irclient.testing.server [moto_server options]`` takes the options of
``moto_server`` (``-H 127.0.0.1 -p 5000``, ...) and serves the Inference Recommender operations too
(the six classic ones and the 14 generative-AI ones).

A test tool, for the loopback interface only: never ``-H 0.0.0.0`` on a shared network. The
server checks no credentials, and moto's ``/moto-api`` endpoints answer any web origin, so any
page in a local browser could reset the simulator or write files through them.
"""

from __future__ import annotations

from . import install

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Install the operations, then run ``moto_server`` with ``argv``."""
    from moto.server import main as moto_server

    install()
    moto_server(argv)


if __name__ == "__main__":  # pragma: no cover - a command
    main()
