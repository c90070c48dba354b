"""``irclient why`` and ``irclient logs``: why a job failed, and what it logged."""

from __future__ import annotations

import argparse
import sys

from ..._core.redact import redact
from .. import _options
from .._aws import client
from .._output import ExitCode, print_json


def register(add: _options.AddCommand) -> None:
    """Add ``why`` and ``logs`` to the parser."""
    why = add(
        "why",
        "say why a job failed: reasons, failed steps, log lines, hints",
        "Say why a job failed (or how it is going): its failure reason, its failed steps "
        "with their endpoint configurations, the last lines of its CloudWatch log streams, "
        "and hints for failure messages AWS is known to return. What could not be read (no "
        "logs: permissions, say) is said, not fatal.",
    )
    why.add_argument("job", metavar="JOB", help="the job name")
    why.add_argument(
        "--lines",
        type=_options.positive_int,
        default=30,
        metavar="N",
        help="the last N lines of each log stream (default 30)",
    )
    why.set_defaults(handler=run_why)

    logs = add(
        "logs",
        "print a job's CloudWatch log lines, in time order",
        "Print a job's CloudWatch log lines (its execution, endpoint and compilation "
        "streams, and its benchmark endpoints' own logs) in time order. With --json, one "
        "JSON object per line.",
    )
    logs.add_argument("job", metavar="JOB", help="the job name")
    logs.add_argument(
        "--follow", action="store_true", help="keep printing new lines until the job ends"
    )
    logs.add_argument(
        "--since",
        type=_options.since_time,
        metavar="TIME",
        help="only lines logged at or after TIME (ISO 8601, from 1970; UTC if no zone)",
    )
    logs.add_argument(
        "--poll-interval",
        type=_options.poll_seconds,
        default=10.0,
        metavar="SECONDS",
        help="seconds between reads with --follow (default 10)",
    )
    logs.add_argument(
        "--no-endpoint-logs",
        action="store_true",
        help="leave out the benchmark endpoints' own log groups",
    )
    logs.set_defaults(handler=run_logs)


def run_why(args: argparse.Namespace) -> int:
    """Run ``irclient why``."""
    report = client(args).diagnose(args.job, lines_per_stream=args.lines)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report)
    return ExitCode.OK


def run_logs(args: argparse.Namespace) -> int:
    """Run ``irclient logs``."""
    events = client(args).iter_job_logs(
        args.job,
        follow=args.follow,
        since=args.since,
        poll_interval=args.poll_interval,
        endpoints=not args.no_endpoint_logs,
    )
    for event in events:
        if args.json:
            # One object per line: a follower's reader can act on each as it comes. The
            # message is the line as logged, less any credential it quotes.
            print_json({**event.to_dict(), "message": redact(event.message)}, lines=True)
        else:
            print(event)  # one safe line, credentials redacted
        sys.stdout.flush()
    return ExitCode.OK
