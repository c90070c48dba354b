"""The ``irclient`` command line (also ``python -m irclient``).

::

    irclient demo                      the whole flow offline, on irclient's simulator
    irclient skeleton > request.json   a CreateInferenceRecommendationsJob request template
    irclient validate request.json     check a request offline, listing every violation
    irclient run request.json          create the job, wait for it, rank its benchmarks
    irclient describe JOB              a job's status and recommendations
    irclient steps JOB                 a job's benchmark steps
    irclient jobs                      recommendation jobs, with ListJobs' filters
    irclient stop JOB                  stop a job
    irclient scaling JOB --recommendation-id ID   a recommendation's autoscaling policy
    irclient deploy JOB --best [--autoscale]      deploy a recommendation as an endpoint

Request files use the wire form of the AWS CLI's ``--cli-input-json``, so a file works with
both tools. Credentials, ``--region``, ``--profile`` and ``--endpoint-url`` work as in the
AWS CLI. ``--json`` prints machine-readable output, and nothing else, on standard output.

Every expected failure is one line on standard error (``irclient: error: ...``) and an exit
code from :class:`ExitCode`; tracebacks are for bugs (and ``--debug``).

Only the standard library loads up front, so ``irclient --help`` answers at once; boto3,
the client and the models load when a command needs them, and moto only for ``demo``.

The package: the parser (``_parser``, with the shared options in ``_options`` and the list
commands' options generated from the operation table in ``_filters``), the commands
(``commands/``, one module per group, each with a ``register`` function), and what they share:
building clients (``_aws``), request files (``_requests``), waiting (``_waiting``), the ranking
report (``_report``), and output, errors and exit codes (``_output``).
"""

from __future__ import annotations

import argparse
import traceback
from collections.abc import Callable, Sequence

from .._utils.metrics import RANKABLE_METRICS
from . import _simulator
from ._options import AWS_OPTIONS, unused_reason
from ._output import (
    ExitCode,
    Failure,
    error,
    failure_for,
    log_to_stderr,
    report_failure,
    silence_stdout,
    terminal_streams,
    warnings_to_stderr,
)
from ._parser import build_parser
from ._requests import example_request, skeleton

__all__ = ["RANK_METRICS", "ExitCode", "build_parser", "example_request", "main", "skeleton"]

RANK_METRICS = RANKABLE_METRICS
"""The ``--rank-by`` choices: :data:`irclient.analysis.RANKABLE_METRICS`, the same tuple."""


def _run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = args.handler
    offline = "--simulator" in getattr(args, "aws_options", ()) and _simulator.wanted(args)
    try:
        return _run_offline(args, handler) if offline else handler(args)
    except Failure:
        raise
    except KeyboardInterrupt:
        raise Failure("interrupted", ExitCode.INTERRUPTED) from None
    except Exception as exc:
        failure = failure_for(exc, args)
        if failure is None:
            raise
        if args.debug:
            traceback.print_exc()
        raise failure from None


def _run_offline(args: argparse.Namespace, handler: Callable[[argparse.Namespace], int]) -> int:
    """Run a command against the simulator (``--simulator``), starting it if need be."""
    for flag in ("--profile", "--endpoint-url"):
        if getattr(args, flag[2:].replace("-", "_"), None) is not None:
            raise Failure(
                f"{flag} points at AWS; the simulator needs none (drop {flag} or --simulator)",
                ExitCode.USAGE,
            )
    args.simulator = True
    args.region = getattr(args, "region", None) or _simulator.REGION
    _simulator.check_region(args.region)
    with _simulator.offline_environment(args.region):
        args.endpoint_url = _simulator.ensure()
        return handler(args)


def _settle_global_options(args: argparse.Namespace) -> None:
    """``--output json`` as ``--json``; a global option the command does not use refused.

    A global option given before the command is parsed by the top-level parser, which
    takes every one of them; the command's own parser offers only those it uses.

    Raises:
        Failure: a usage error naming the option and the command.
    """
    if getattr(args, "output", None) == "json":
        args.json = True
    offered = getattr(args, "aws_options", AWS_OPTIONS)
    for flag in AWS_OPTIONS:
        if flag not in offered and getattr(args, flag[2:].replace("-", "_"), None) is not None:
            raise Failure(
                f"{args.command} does not take {flag}: {unused_reason(args)}", ExitCode.USAGE
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``irclient`` command line.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        The exit status, an :class:`ExitCode`.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (argparse printed it)
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    try:
        _settle_global_options(args)
    except Failure as failure:
        report_failure(failure)
        return failure.code
    with terminal_streams():
        try:
            with log_to_stderr(args.debug), warnings_to_stderr():
                return _run(args)
        except Failure as failure:
            report_failure(failure)
            return failure.code
        except KeyboardInterrupt:
            error("interrupted")
            return ExitCode.INTERRUPTED
        except BrokenPipeError:
            # The reader went away (| head): nothing more can be said, and Python would print
            # a second error when it flushes standard output at exit.
            silence_stdout()
            return ExitCode.OK
        except Exception:
            traceback.print_exc()
            error("unexpected error (a bug in irclient; please report it with the traceback above)")
            return ExitCode.INTERNAL_ERROR
