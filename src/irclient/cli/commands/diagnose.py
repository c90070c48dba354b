"""``irclient why`` and ``irclient logs``: why a job failed, and what it logged."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .. import _options
from .._aws import client
from .._output import ExitCode, log_event_json, own_json, print_json

if TYPE_CHECKING:
    from ...diagnosis import Diagnosis


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
    _options.lines_option(why)
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
        help="only lines logged at or after TIME: 30m, 1h, 2d, today, yesterday, or ISO "
        "8601 (from 1970; UTC if no zone)",
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
        print_json(diagnosis_json(report))
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
            # One object per line: a follower's reader can act on each as it comes.
            print_json(log_event_json(event), lines=True)
        else:
            print(event)  # one safe line, credentials redacted
        sys.stdout.flush()
    return ExitCode.OK


def diagnosis_json(report: Diagnosis) -> dict[str, Any]:
    """The report as JSON, in the command line's one convention.

    Its own keys are PascalCase, AWS's structures keep their wire form, and log lines are
    named as CloudWatch Logs names them (see :func:`~irclient.cli._output.log_event_json`).
    """
    data = report.to_dict()
    for stream, tail in zip(data["log_streams"], report.log_streams, strict=True):
        stream["lines"] = [log_event_json(event) for event in tail.lines]
    aws = frozenset({"endpoint_configuration", "model_configuration", "lines"})
    result: dict[str, Any] = own_json(data, aws=aws)
    return result
