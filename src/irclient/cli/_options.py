"""The options several commands share, and the types that check their values.

Standard library only: building the parser (and so ``irclient --help``) loads this module.
"""

from __future__ import annotations

import argparse
import datetime
import math
from collections.abc import Callable, Sequence
from typing import Any

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


def since_time(text: str) -> datetime.datetime:
    """An ``argparse`` type: the start of a log read (``logs --since``), checked at parse time.

    The one place a ``--since`` value is read: an ISO 8601 time (UTC when it has no zone), at
    or after 1970-01-01T00:00:00Z, where CloudWatch Logs' times begin (it refuses an earlier
    ``startTime`` as an invalid request, which is the user's typo, not AWS's failure).
    """
    value = iso_time(text)
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


def common_options(*, suppress: bool) -> CommandParser:
    """The AWS CLI's global options, accepted before and after the command.

    Defaults are suppressed on the copy each command gets, so that an option given before
    the command is not reset by the command's parser.

    Args:
        suppress: Whether to suppress the defaults (the copy the commands get).
    """
    default: Any = argparse.SUPPRESS if suppress else None
    common = CommandParser(add_help=False)
    group = common.add_argument_group("global options")
    group.add_argument("--region", metavar="REGION", default=default, help="the AWS Region")
    group.add_argument(
        "--profile", metavar="NAME", default=default, help="a profile of your AWS config"
    )
    group.add_argument(
        "--endpoint-url", metavar="URL", default=default, help="send requests to this URL"
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print machine-readable JSON, and nothing else, on standard output",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log irclient's requests and retries, and show tracebacks",
    )
    return common


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
        super().__init__(*args, **kwargs)
        self._deferred: list[Callable[[argparse.ArgumentParser], None]] = []

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
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        """Add the deferred options, then format the usage line."""
        self._prepare()
        return super().format_usage()

    def format_help(self) -> str:
        """Add the deferred options, then format the help."""
        self._prepare()
        return super().format_help()


AddCommand = Callable[[str, str, str], CommandParser]
"""``add(name, help, description)``: a new command's parser, with the global options.

Each command module's ``register(add)`` builds its commands with it."""


def importance(args: argparse.Namespace) -> dict[str, str] | None:
    """The importance of each weighted metric, or ``None`` when none was given.

    Raises:
        Failure: ``--rank-by`` was given too (a usage error); the message names both.
    """
    from ._output import PROG, ExitCode, Failure

    given = {name: getattr(args, f"{name}_importance", None) for name in WEIGHTED}
    if all(level is None for level in given.values()):
        return None
    if getattr(args, "rank_by", None) is not None:
        raise Failure(
            f"{PROG} {args.command}: --rank-by orders by one metric, "
            "--cost/--latency/--throughput-importance by a weighted score; give one or the other",
            ExitCode.USAGE,
        )
    return {name: level or "medium" for name, level in given.items()}
