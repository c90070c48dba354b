"""The argument parser of ``irclient``: the global options and every command's."""

from __future__ import annotations

import argparse

from . import _options
from ._output import PROG
from .commands import MODULES


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``irclient``, every command and option.

    Each parsed command carries its ``handler``, a function of the parsed arguments that
    returns the exit status.
    """
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Amazon SageMaker Inference Recommender from the command line.",
        epilog=f"'{PROG} demo' runs the whole flow offline; '{PROG} COMMAND --help' "
        "describes a command.",
        parents=[_options.common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_options.CommandParser
    )
    common = [_options.common_options(suppress=True)]

    def add(name: str, help: str, description: str) -> _options.CommandParser:
        command: _options.CommandParser = commands.add_parser(
            name, help=help, description=description, parents=common
        )
        return command

    for module in MODULES:
        module.register(add)
    return parser
