"""The argument parser of ``irclient``: the global options and every command's."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from . import _options
from ._output import PROG
from .commands import MODULES


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``irclient``, every command and option.

    Each parsed command carries its ``handler``, a function of the parsed arguments that
    returns the exit status.
    """
    from .. import __version__

    parser = _TopParser(
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

    def add(
        name: str, help: str, description: str, *, aws: Sequence[str] = _options.AWS_OPTIONS
    ) -> _options.CommandParser:
        command: _options.CommandParser = commands.add_parser(
            name,
            help=help,
            description=description,
            parents=[_options.common_options(suppress=True, aws=aws)],
        )
        command.strict = True
        # The global options it does not offer, given before it, are refused in main.
        command.set_defaults(aws_options=tuple(aws))
        return command

    for module in MODULES:
        module.register(add)
    return parser


class _TopParser(_options.CommandParser):
    """The top-level parser: a misspelt command or a global option before it gets a hint.

    argparse reads an unknown option before the command as an unknown argument and then
    takes its value for the command (``irclient --reg us-east-1 jobs``: "invalid choice:
    'us-east-1'"); the option is what to name.
    """

    _argv: Sequence[str] = ()

    def parse_known_args(  # type: ignore[override]  # typeshed's overloads, one signature
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Remember the arguments, for :meth:`error`, then parse."""
        import sys

        self._argv = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error, with the nearest command or option, and exit 2."""
        from .._utils.suggest import nearest

        if message.startswith("argument COMMAND: invalid choice"):
            known = self.option_strings()
            words = iter(self._argv)
            for word in words:
                flag = word.split("=", 1)[0]
                if word.startswith("-") and flag not in known:
                    message = _options.unknown_arguments([word], known)
                    break
                if word.startswith("-"):
                    if "=" not in word and self._option_string_actions[flag].nargs != 0:
                        next(words, None)  # the option's value
                    continue
                near = nearest(word, _command_names(self), limit=2)
                message = f"unknown command {word!r}" + (
                    f" (did you mean {' or '.join(near)}?)" if near else ""
                )
                break
        super().error(message)


def _command_names(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []  # pragma: no cover - the parser always has its commands
