"""What the command line prints: JSON on standard output, errors and exit codes on standard error.

Every expected failure is a :class:`Failure` carrying one message line and an
:class:`ExitCode`; :func:`failure_for` maps irclient's exceptions to them. Standard library
only at import time: the parser (and so ``irclient --help``) loads this module.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import json
import logging
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._utils.format import one_line
from .._utils.text import safe_json, safe_output

if TYPE_CHECKING:
    import argparse

    from ..analysis import Benchmark
    from ..errors import ValidationError, Violation
    from ..joblogs import LogEvent

PROG = "irclient"
"""The program name in usage lines and messages."""

"""How to install what ``irclient demo`` needs."""


class ExitCode(enum.IntEnum):
    """The exit status of ``irclient``: one code per kind of failure."""

    OK = 0
    """Success."""
    INVALID_REQUEST = 1
    """The request breaks one or more documented constraints (every violation is listed)."""
    USAGE = 2
    """The command line itself is wrong (argparse's code)."""
    BAD_INPUT = 3
    """The request file is missing or unreadable, or is not a JSON object."""
    NOT_FOUND = 4
    """No job of that name (``ResourceNotFound``), or it was deleted while waited for."""
    CONFIGURATION = 5
    """No credentials, no region, an unknown profile: nothing was sent."""
    SERVICE_ERROR = 6
    """Any other error response from SageMaker (name in use, limits, throttling, access)."""
    CONNECTION_ERROR = 7
    """No usable response: the endpoint could not be reached, timed out, answered garbage, or
    sent a body that does not fit the service model."""
    JOB_FAILED = 8
    """The job ended ``FAILED``."""
    WAIT_TIMEOUT = 9
    """``--timeout`` passed before the job finished (the job goes on running)."""
    MISSING_DEPENDENCY = 10
    """An optional dependency is missing (moto, for ``demo``)."""
    CONFLICT = 11
    """``deploy``: a resource of a name to be used exists with another configuration."""
    DEPLOYMENT_FAILED = 12
    """``deploy``: the endpoint failed, or the job's model is missing."""
    NOTHING_TO_DEPLOY = 13
    """``deploy``: the job has not ``COMPLETED``, or none of its recommendations is the one
    asked for (no such ID, none within ``--max-latency-ms``)."""
    INTERNAL_ERROR = 70
    """A bug in irclient (the traceback is printed; please report it)."""
    INTERRUPTED = 130
    """Ctrl-C (128 + SIGINT, as shells report it)."""


class Failure(Exception):
    """An expected failure: what to print on standard error, and the exit code.

    Args:
        message: The error, one line.
        code: The exit status.
        details: Lines to list under the message (a validation error's violations).
    """

    def __init__(self, message: str, code: ExitCode, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = tuple(details)


# --------------------------------------------------------------------------- standard output


def jsonable(value: Any) -> Any:
    """Wire values as JSON: ISO 8601 times (as the AWS CLI prints them), NaN as null."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def print_json(value: Any, *, lines: bool = False) -> None:
    r"""Print ``value`` as JSON on standard output: indented, or as one line.

    Every ``--json`` of the command line writes through here. Control characters, format
    characters, lone surrogates and what the output's encoding cannot write are ``\uXXXX``
    escapes: still the same JSON values, and nothing a terminal acts on.

    Args:
        value: The value (wire values, times and enums are made JSON by :func:`jsonable`).
        lines: One line per value (JSON Lines, for a follower that acts on each as it comes)
            instead of indented JSON.
    """
    indent = None if lines else 4
    document = json.dumps(jsonable(value), indent=indent, ensure_ascii=False, allow_nan=False)
    print(safe_json(document, getattr(sys.stdout, "encoding", None)))


# One JSON convention (docs/cli.md, "JSON output"): what AWS sent keeps AWS's wire names;
# what irclient adds is named as SageMaker names its members, in PascalCase.
_WORDS = {"mb": "MB"}


def pascal_case(name: str) -> str:
    """A Python attribute name as SageMaker would name the member.

    ``cost_per_hour`` -> ``CostPerHour``, ``serverless_memory_size_in_mb`` ->
    ``ServerlessMemorySizeInMB``.
    """
    return "".join(_WORDS.get(word, word.capitalize()) for word in name.split("_"))


def own_json(value: Any, *, aws: frozenset[str] = frozenset()) -> Any:
    """Irclient's own JSON-ready data with its keys in PascalCase, at every depth.

    Args:
        value: Dicts, lists and plain values, keyed by Python attribute names.
        aws: The keys whose values are AWS's data (a wire-form structure, a map of
            environment variables): kept exactly as they are, their keys included.
    """
    if isinstance(value, Mapping):
        return {
            pascal_case(str(k)): (v if k in aws else own_json(v, aws=aws)) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [own_json(v, aws=aws) for v in value]
    return value


def benchmark_json(bench: Benchmark) -> dict[str, Any]:
    """A benchmark as JSON-ready data, its label and environment included.

    Keys are PascalCase (``RecommendationId``, ``CostPerHour``), as SageMaker names the same
    values; ``Environment`` is the map of environment variables, as AWS sent it.
    """
    import attrs

    data = attrs.asdict(bench, recurse=False, filter=lambda a, _: a.name != "source")
    data["label"] = bench.label
    data["environment"] = dict(bench.environment)
    result: dict[str, Any] = own_json(data, aws=frozenset({"environment"}))
    return result


def log_event_json(event: LogEvent) -> dict[str, Any]:
    """A log event as CloudWatch Logs' ``FilterLogEvents`` names it, with its log group.

    The times are ISO 8601, as irclient prints every time. The message is the line as
    logged, less any credential it quotes.
    """
    from .._core.redact import redact

    return {
        "logGroupName": event.log_group,
        "logStreamName": event.log_stream,
        "timestamp": event.timestamp.isoformat(),
        "message": redact(event.message),
        "ingestionTime": None if event.ingestion_time is None else event.ingestion_time.isoformat(),
    }


def violations_json(violations: Iterable[Violation]) -> list[dict[str, str]]:
    """Violations (of a ValidationError, or warnings) as JSON-ready data."""
    return [{"Path": v.path, "Constraint": v.constraint, "Message": v.message} for v in violations]


# --------------------------------------------------------------------------- standard error


def error(message: str) -> None:
    """Print ``irclient: error: MESSAGE`` on standard error, on one line."""
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)


def warning(message: str) -> None:
    """Print ``irclient: warning: MESSAGE`` on standard error, on one line."""
    print(f"{PROG}: warning: {one_line(message)}", file=sys.stderr)


def report_failure(failure: Failure) -> None:
    """Print a failure's message and its details on standard error."""
    error(failure.message)
    for line in failure.details:
        print(f"  - {line}", file=sys.stderr)


def validation_failure(
    exc: ValidationError, where: str = "", *, list_violations: bool = True
) -> Failure:
    """The failure of an invalid request: a count, and the violations, a few of each kind."""
    from .._utils.violations import violation_lines

    count = len(exc.violations)
    details = [one_line(v) for v in violation_lines(exc.violations)] if list_violations else []
    return Failure(
        f"{where}invalid request: {count} violation{'s' if count != 1 else ''}",
        ExitCode.INVALID_REQUEST,
        details,
    )


# Request members whose option is not named after them.
_OPTION_OF_MEMBER = {
    "max_results": "--page-size",
    "next_token": "--starting-token",
    "target_cpu_utilization_per_core": "--target-cpu-utilization",
    "job_name": "JOB",
    "inference_recommendations_job_name": "JOB",
}
_WIRE_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?=\s)")


def option_of(path: str) -> str:
    """The option (or argument) a request member of a command came from, by its path."""
    member = path.rsplit(".", 1)[-1].split("[", 1)[0] if path else ""
    return _OPTION_OF_MEMBER.get(member, "--" + member.replace("_", "-"))


def option_failure(exc: ValidationError) -> Failure:
    """A usage error for option values the request's constraints refuse, named as typed.

    The violation's wire name (``MaxResults``) is a member the user never wrote; the
    option (``--page-size``) is.
    """
    lines = []
    for violation in exc.violations:
        flag = option_of(violation.path)
        wire = _WIRE_NAME.match(violation.message)
        if wire is not None:
            lines.append(flag + violation.message[wire.end() :])
        else:
            lines.append(f"{flag}: {violation.message}")
    if len(lines) == 1:
        return Failure(lines[0], ExitCode.USAGE)
    return Failure(f"{len(lines)} bad values", ExitCode.USAGE, lines)


def failure_for(exc: BaseException, args: argparse.Namespace) -> Failure | None:
    """The message and exit code of an irclient error, or ``None`` for anything else."""
    from .. import errors

    if isinstance(exc, errors.ValidationError):
        if getattr(args, "request", None) is None:
            # No request file: every member came from an option the user typed.
            return option_failure(exc)
        return validation_failure(exc)
    if isinstance(exc, errors.ResourceNotFound):
        return Failure(str(exc), ExitCode.NOT_FOUND)
    if isinstance(exc, errors.ResourceInUse) and args.command == "run":
        return Failure(
            f"{exc} (a job name can be used once per account and Region: pass --job-name)",
            ExitCode.SERVICE_ERROR,
        )
    if isinstance(exc, errors.ServiceError):
        return Failure(str(exc), ExitCode.SERVICE_ERROR)
    if isinstance(exc, errors.TransportError | errors.InvalidResponseError):
        return Failure(str(exc), ExitCode.CONNECTION_ERROR)
    if isinstance(exc, errors.ConfigurationError):
        return Failure(_configuration_message(exc), ExitCode.CONFIGURATION)
    if isinstance(exc, errors.JobDeletedError):
        return Failure(str(exc), ExitCode.NOT_FOUND)
    if isinstance(exc, errors.JobFailedError):
        return Failure(str(exc), ExitCode.JOB_FAILED)
    if isinstance(exc, errors.DeploymentConflictError):
        return Failure(str(exc), ExitCode.CONFLICT)
    if isinstance(exc, errors.DeploymentError):
        return Failure(str(exc), ExitCode.DEPLOYMENT_FAILED)
    if isinstance(exc, errors.WaitTimeoutError):
        going_on = {"deploy": "it goes on", "stop": "the job goes on stopping"}.get(
            args.command, "the job goes on running"
        )
        return Failure(f"{exc}; {going_on}", ExitCode.WAIT_TIMEOUT)
    if isinstance(exc, errors.IRClientError):  # pragma: no cover - every branch is above
        return Failure(str(exc), ExitCode.SERVICE_ERROR)
    return None


def _configuration_message(exc: BaseException) -> str:
    from botocore import exceptions as bx

    cause = exc.__cause__
    if isinstance(cause, bx.NoCredentialsError):
        return (
            "no AWS credentials found: configure them ('aws configure', environment "
            "variables, SSO) or pass --profile"
        )
    if isinstance(cause, bx.NoRegionError):
        return "no AWS Region: pass --region, set AWS_REGION, or set one in your profile"
    return str(exc)


class TerminalStream:
    """A text stream that writes through :func:`irclient._utils.text.safe_output`.

    Text from AWS (job names, statuses, descriptions, failure reasons) reaches many print
    calls; each value is made one safe line where it is printed, and this wrapper is the net
    under all of them: no escape sequence, lone surrogate or unencodable character gets to
    the terminal, and none makes ``print`` raise ``UnicodeEncodeError``.

    Args:
        stream: The stream written to (``sys.stdout`` or ``sys.stderr``).
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._encoding = getattr(stream, "encoding", None)

    def write(self, text: str) -> int:
        """Write ``text``, made safe; returns the length of ``text``."""
        self._stream.write(safe_output(text, self._encoding))
        return len(text)

    def erase_line(self) -> None:
        """Go back to the start of the line and clear it (a line redrawn in place).

        irclient's own control sequence: written as is, where :meth:`write` would show it
        as an escape.
        """
        self._stream.write(ERASE_LINE)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, encoding...: the wrapped stream's own.
        return getattr(self._stream, name)


ERASE_LINE = "\r\x1b[K"
"""Carriage return, then ANSI "erase in line": the line redrawn in place is cleared."""


def erase_line(stream: Any) -> None:
    """Clear the line ``stream``'s cursor is on (a terminal's), through :class:`TerminalStream`.

    Args:
        stream: ``sys.stderr`` or ``sys.stdout``: a :class:`TerminalStream` or a plain stream.
    """
    if isinstance(stream, TerminalStream):
        stream.erase_line()
    else:
        stream.write(ERASE_LINE)


@contextlib.contextmanager
def terminal_streams() -> Iterator[None]:
    """Make standard output and standard error :class:`TerminalStream` for a while."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalStream(stdout), TerminalStream(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


@contextlib.contextmanager
def warnings_to_stderr() -> Iterator[None]:
    """Show :class:`~irclient.ValidationWarning` as ``irclient: warning:`` lines.

    The client warns through :mod:`warnings`, whose default format names a file and a line of
    irclient's own; on the command line the request file is what the warning is about.
    """
    import warnings

    from ..errors import ValidationWarning

    previous = warnings.showwarning

    def show(message: Any, category: Any, *rest: Any, **options: Any) -> None:
        if isinstance(category, type) and issubclass(category, ValidationWarning):
            warning(str(message))
        else:
            previous(message, category, *rest, **options)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = previous


@contextlib.contextmanager
def log_to_stderr(debug: bool) -> Iterator[None]:
    """Send the log records of irclient (retries, failed polls) to standard error."""
    logger = logging.getLogger("irclient")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s: %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    # Our handler prints them; the root logger's would print them again.
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def silence_stdout() -> None:
    """Point standard output at the null device (the reader of a pipe went away)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
