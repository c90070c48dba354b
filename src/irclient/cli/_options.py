"""The options several commands share, and the types that check their values.

Standard library only: building the parser (and so ``irclient --help``) loads this module.
"""

from __future__ import annotations

import argparse
import datetime
import math
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from .._utils import format as _format
from .._utils.metrics import IMPORTANCE_LEVELS, RANKABLE_METRICS

WEIGHTED = ("cost", "latency", "throughput")
"""The metrics a weighted ranking weighs, as their ``--<name>-importance`` options name them."""


MAX_POLL_SECONDS = 86_400.0
"""The longest ``--poll-interval`` (a day): longer is a typo, and ``time.sleep`` overflows."""

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def iso_time(text: str) -> datetime.datetime:
    """An ``argparse`` type: an ISO 8601 time, UTC when it has no zone (as in the AWS CLI)."""
    try:
        return _format.parse_time(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_RELATIVE = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_RELATIVE_FORM = "a number and s, m, h, d or w (30m, 1h, 2d), 'today', 'yesterday'"


def since_time(text: str) -> datetime.datetime:
    """An ``argparse`` type: the start of a log read (``logs --since``), checked at parse time.

    The one place a ``--since`` value is read, absolute or back from now, at or after
    1970-01-01T00:00:00Z, where CloudWatch Logs' times begin.

    ``30m``, ``1h``, ``2d``, ``1w`` (seconds, minutes, hours, days, weeks before now),
    ``today`` and ``yesterday`` (midnight UTC starting that day), or an ISO 8601 time (UTC
    when it has no zone).
    """
    word = text.strip().lower()
    now = datetime.datetime.now(datetime.UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if word == "today":
        return midnight
    if word == "yesterday":
        return midnight - datetime.timedelta(days=1)
    number, unit = word[:-1], word[-1:]
    if unit in _RELATIVE and number.replace(".", "", 1).isdigit():
        try:
            value = now - datetime.timedelta(seconds=float(number) * _RELATIVE[unit])
        except OverflowError:
            value = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    else:
        try:
            value = _format.parse_time(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"not a time: {text!r} (an ISO 8601 time such as 2025-01-31T12:00:00Z, or "
                f"{_RELATIVE_FORM})"
            ) from None
    # CloudWatch Logs' times begin at the epoch; it refuses an earlier startTime as an
    # invalid request, which is the user's typo, not AWS's failure.
    if value < _EPOCH:
        raise argparse.ArgumentTypeError(
            f"must be at or after 1970-01-01T00:00:00Z (where CloudWatch Logs' times begin), "
            f"got {text!r}"
        )
    return value


def positive_int(text: str) -> int:
    """An ``argparse`` type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def non_negative(text: str) -> float:
    """An ``argparse`` type: a finite number of at least 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text}")
    return value


def poll_seconds(text: str) -> float:
    """An ``argparse`` type: seconds between polls, a finite number from 0 to a day."""
    value = non_negative(text)
    if value > MAX_POLL_SECONDS:
        raise argparse.ArgumentTypeError(
            f"must be at most {MAX_POLL_SECONDS:,.0f} seconds (a day), got {text}"
        )
    return value


AWS_OPTIONS: tuple[str, ...] = ("--region", "--profile", "--endpoint-url", "--simulator")
"""The AWS CLI's global options that say where requests go: only commands that call AWS
offer them."""


def common_options(*, suppress: bool, aws: Sequence[str] = AWS_OPTIONS) -> CommandParser:
    """The global options, accepted before and after the command.

    Defaults are suppressed on the copy each command gets, so that an option given before
    the command is not reset by the command's parser.

    Args:
        suppress: Whether to suppress the defaults (the copy the commands get).
        aws: Which of :data:`AWS_OPTIONS` to offer: a command that sends nothing to AWS
            offers none, so that a ``--profile`` it would ignore is a usage error.
    """
    default: Any = argparse.SUPPRESS if suppress else None
    common = CommandParser(add_help=False, allow_abbrev=False)
    group = common.add_argument_group("global options")
    helps = {
        "--region": ("REGION", "the AWS Region"),
        "--profile": ("NAME", "a profile of your AWS config"),
        "--endpoint-url": ("URL", "send requests to this URL"),
    }
    for flag in aws:
        if flag == "--simulator":
            group.add_argument(
                flag,
                action="store_const",
                const=True,
                default=default,
                help="run on irclient's local simulator, started if need be, instead of AWS "
                "(also IRCLIENT_SIMULATOR=1)",
            )
            continue
        metavar, text = helps[flag]
        group.add_argument(flag, metavar=metavar, default=default, help=text)
    group.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print machine-readable JSON, and nothing else, on standard output",
    )
    group.add_argument(
        "--output",
        choices=OUTPUT_FORMATS,
        default=default,
        metavar="FORMAT",
        help="json (the same as --json) or text (the default), as in the AWS CLI",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log irclient's requests and retries, and show tracebacks",
    )
    return common


OUTPUT_FORMATS = ("json", "text")
"""The AWS CLI's ``--output`` values irclient has: ``json`` is ``--json``."""


def wait_options(parser: argparse.ArgumentParser, *, poll_interval: float) -> None:
    """``--poll-interval`` and ``--no-progress``, for commands that wait for a job."""
    parser.add_argument(
        "--poll-interval",
        type=poll_seconds,
        default=poll_interval,
        metavar="SECONDS",
        help=f"seconds between status checks (default {poll_interval:g})",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress display on standard error"
    )


def lines_option(parser: argparse.ArgumentParser) -> None:
    """``--lines``, for commands that show the last lines of a job's log streams."""
    parser.add_argument(
        "--lines",
        type=positive_int,
        default=30,
        metavar="N",
        help="the last N lines of each log stream (default 30)",
    )


def timeout_option(parser: argparse.ArgumentParser) -> None:
    """``--timeout``, for commands that wait for a job against AWS."""
    parser.add_argument(
        "--timeout",
        type=non_negative,
        metavar="SECONDS",
        help="give up waiting after this many seconds (the job goes on running)",
    )


def ranking_options(parser: argparse.ArgumentParser, *, max_latency_ms: float | None) -> None:
    """``--rank-by`` and ``--max-latency-ms``, for commands that rank a job's benchmarks."""
    parser.add_argument(
        "--rank-by",
        choices=RANKABLE_METRICS,
        metavar="METRIC",
        help=f"order benchmarks by this metric (default cost_per_inference; one of "
        f"{', '.join(RANKABLE_METRICS)})",
    )
    weighted = parser.add_argument_group(
        "weighted ranking",
        "Rank by a weighted score of cost per inference, model latency and invocations "
        "instead of one metric, as SageMaker Studio does: give any of these (the others are "
        "medium). Not with --rank-by.",
    )
    for name in WEIGHTED:
        weighted.add_argument(
            f"--{name}-importance",
            choices=IMPORTANCE_LEVELS,
            metavar="LEVEL",
            help=f"how much {name} matters: {', '.join(IMPORTANCE_LEVELS)}",
        )
    parser.add_argument(
        "--max-latency-ms",
        type=non_negative,
        default=max_latency_ms,
        metavar="MS",
        help="pick the best benchmark among those with at most this model latency"
        + ("" if max_latency_ms is None else f" (default {max_latency_ms:g})"),
    )


def paging_options(parser: argparse.ArgumentParser) -> None:
    """The AWS CLI's ``--max-items``, ``--page-size`` and ``--starting-token``."""
    parser.add_argument(
        "--max-items", type=positive_int, metavar="N", help="show at most N items in all"
    )
    parser.add_argument(
        "--page-size", type=positive_int, metavar="N", help="items per request (1-100)"
    )
    parser.add_argument(
        "--starting-token",
        metavar="TOKEN",
        help="resume where an earlier --max-items output's NextToken left off",
    )


class CommandParser(argparse.ArgumentParser):
    """A command's parser that can defer adding some of its options until it is used.

    Options registered with :meth:`defer` are added the first time the parser parses
    arguments or formats its help, so that building the whole command line stays cheap.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # An abbreviation (--reg for --region) would silently mean another option once one
        # with the same start is added; every option is written in full.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._deferred: list[Callable[[argparse.ArgumentParser], None]] = []
        self.strict = False
        """Whether an argument this parser does not know is its own usage error (a command's
        parser), rather than left over for the parser above it."""

    def defer(self, add: Callable[[argparse.ArgumentParser], None]) -> None:
        """Call ``add(self)`` before the first parse or help of this parser."""
        self._deferred.append(add)

    def _prepare(self) -> None:
        while self._deferred:
            self._deferred.pop(0)(self)

    def parse_known_args(  # type: ignore[override]  # typeshed's overloads, one signature
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Add the deferred options, then parse as ``argparse`` does."""
        self._prepare()
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and self.strict:
            command = self.prog.rsplit(" ", 1)[-1]
            for extra in extras:
                flag = extra.split("=", 1)[0]
                if flag in AWS_OPTIONS:
                    self.error(f"{command} does not take {flag}: {unused_reason(parsed)}")
            self.error(unknown_arguments(extras, self.option_strings()))
        return parsed, extras

    def option_strings(self) -> list[str]:
        """Every option this parser takes (``--region``, ``-h``, ...)."""
        self._prepare()
        return [flag for action in self._actions for flag in action.option_strings]

    def format_usage(self) -> str:
        """Add the deferred options, then format the usage line."""
        self._prepare()
        return super().format_usage()

    def format_help(self) -> str:
        """Add the deferred options, then format the help."""
        self._prepare()
        return super().format_help()


def unused_reason(args: argparse.Namespace) -> str:
    """Why a command offers no ``--profile`` or ``--endpoint-url``: it never calls AWS."""
    if getattr(args, "aws_options", ()):
        return "it runs on irclient's simulator, never on AWS"
    return "it sends nothing to AWS"


def unknown_arguments(extras: Sequence[str], options: Sequence[str]) -> str:
    """The usage error for arguments a parser does not know, with the nearest option.

    Args:
        extras: The arguments left over.
        options: The options the parser takes.
    """
    from .._utils.suggest import nearest

    unknown = [e for e in extras if e.startswith("-")] or list(extras)
    first = unknown[0].split("=", 1)[0]
    text = f"unrecognized argument{'s' if len(extras) > 1 else ''}: {' '.join(extras)}"
    if first.startswith("-"):
        near = nearest(first, [o for o in options if o.startswith("--")], limit=2)
        if near:
            text += f" (did you mean {' or '.join(near)}?)"
    return text


class AddCommand(Protocol):
    """``add(name, help, description, aws=...)``: a new command's parser.

    The parser has the global options the command uses (``aws``: which of
    :data:`AWS_OPTIONS`, all by default). Each command module's ``register(add)`` builds its
    commands with it.
    """

    def __call__(
        self, name: str, help: str, description: str, *, aws: Sequence[str] = AWS_OPTIONS
    ) -> CommandParser:
        """Add the command ``name`` and return its parser."""
        ...


def importance(args: argparse.Namespace) -> dict[str, str] | None:
    """The importance of each weighted metric, or ``None`` when none was given.

    Raises:
        Failure: ``--rank-by`` was given too (a usage error); the message names both.
    """
    from ._output import ExitCode, Failure

    given = {name: getattr(args, f"{name}_importance", None) for name in WEIGHTED}
    if all(level is None for level in given.values()):
        return None
    if getattr(args, "rank_by", None) is not None:
        raise Failure(
            "--rank-by orders by one metric, "
            "--cost/--latency/--throughput-importance by a weighted score; give one or the other",
            ExitCode.USAGE,
        )
    return {name: level or "medium" for name, level in given.items()}
