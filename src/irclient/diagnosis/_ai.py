"""Why a generative-AI job failed: its reason, its failed benchmark jobs and their logs.

An AI benchmark job names its own CloudWatch log streams in its description
(``OutputConfig.CloudWatchLogs``: a log group ARN and a stream). An AI recommendation job
names none; its work is done by AI benchmark jobs of its own, one per candidate, named after
it. :func:`diagnose_ai_job` reads the job, the benchmark jobs that failed (itself, or the
recommendation job's) and the last lines of their streams into an :class:`AIDiagnosis`. What
cannot be read is said in ``unreadable``; it never makes the diagnosis fail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from .._utils.format import one_line
from .._utils.tables import wrap
from .._utils.text import safe_html
from ..joblogs import tail
from ._diagnose import _redacted_stream
from ._logs import unreadable as _unreadable
from ._render import _stream_text, _unreadable_text
from ._report import DEFAULT_LINES_PER_STREAM, StreamTail, Unreadable

__all__ = ["AIDiagnosis", "FailedBenchmark", "diagnose_ai_job", "log_streams_of"]

logger = logging.getLogger("irclient")


def log_streams_of(job: Any) -> tuple[tuple[str, str], ...]:
    """(log group, log stream) of each ``OutputConfig.CloudWatchLogs`` entry of a benchmark job."""
    output = getattr(job, "output_config", None)
    out = []
    for entry in getattr(output, "cloud_watch_logs", None) or ():
        arn, stream = entry.log_group_arn, entry.log_stream_name
        if not arn or not stream:
            continue
        # arn:aws:logs:<region>:<account>:log-group:<name>[:*]
        group = arn.split(":log-group:", 1)[-1].removesuffix(":*")
        out.append((group, stream))
    return tuple(out)


@attrs.frozen(kw_only=True)
class FailedBenchmark:
    """An AI benchmark job that failed."""

    name: str
    """The benchmark job."""
    failure_reason: str | None
    """Its ``FailureReason``."""


@attrs.frozen(kw_only=True)
class AIDiagnosis:
    """Why an AI benchmark or recommendation job failed (or how it is going).

    ``str(report)`` is a text summary; in Jupyter the report renders as HTML.
    """

    kind: str
    """``benchmark`` or ``recommendation``."""
    job_name: str
    """The job."""
    status: str
    """Its status when the report was made."""
    failure_reason: str | None
    """The job's ``FailureReason``."""
    failed_benchmarks: tuple[FailedBenchmark, ...] = ()
    """The benchmark jobs that failed: the job itself, or the recommendation job's."""
    log_streams: tuple[StreamTail, ...] = ()
    """The failed benchmark jobs' log streams (all of a benchmark job's), last lines each."""
    unreadable: tuple[Unreadable, ...] = ()
    """What could not be read, and why."""
    lines_per_stream: int = DEFAULT_LINES_PER_STREAM
    """The most lines held per stream."""

    @property
    def failed(self) -> bool:
        """Whether the job or any of its benchmark jobs failed."""
        return self.status == "Failed" or bool(self.failed_benchmarks)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values (times in ISO 8601)."""
        return {
            "kind": self.kind,
            "job_name": self.job_name,
            "status": self.status,
            "failure_reason": self.failure_reason,
            "failed_benchmarks": [attrs.asdict(b) for b in self.failed_benchmarks],
            "log_streams": [
                {
                    "log_group": s.log_group,
                    "log_stream": s.log_stream,
                    "truncated": s.truncated,
                    "lines": [e.to_dict() for e in s.lines],
                }
                for s in self.log_streams
            ],
            "unreadable": [attrs.asdict(u) for u in self.unreadable],
            "lines_per_stream": self.lines_per_stream,
        }

    def __str__(self) -> str:
        return "\n".join(_text(self))

    def _repr_html_(self) -> str:
        return wrap(f"<pre>{safe_html(str(self), multiline=True)}</pre>")


def _text(report: AIDiagnosis) -> Iterator[str]:
    # Every value came from AWS or a container's log: one safe line each.
    yield f"AI {report.kind} job {one_line(report.job_name)}: {one_line(report.status)}"
    if report.failure_reason:
        yield f"Failure reason: {one_line(report.failure_reason)}"
    if report.kind == "recommendation" and report.failed_benchmarks:
        yield ""
        yield f"Failed benchmark jobs ({len(report.failed_benchmarks)}):"
        for bench in report.failed_benchmarks:
            reason = bench.failure_reason or "no reason given"
            yield f"  - {one_line(bench.name)}: {one_line(reason)}"
    elif not report.failed:
        yield "Nothing has failed."
    for stream in report.log_streams:
        yield from _stream_text(stream)
    yield from _unreadable_text(report.unreadable)


def diagnose_ai_job(
    kind: str,
    job: Any,
    benchmarks: Callable[[], Iterable[Any]],
    logs_call: Callable[[], Callable[..., dict[str, Any]]],
    *,
    lines_per_stream: int = DEFAULT_LINES_PER_STREAM,
) -> AIDiagnosis:
    """Build the report of an AI job from its description, its benchmark jobs and their logs.

    ``client.diagnose_ai_benchmark_job(name)`` and ``client.diagnose_ai_recommendation_job(name)``
    are the way to call this.

    Args:
        kind: ``benchmark`` or ``recommendation``.
        job: The job's describe response.
        benchmarks: Yields the describe responses of the benchmark jobs to look into (the
            job itself for a benchmark job; the recommendation job's own ones).
        logs_call: Makes the CloudWatch Logs caller (see :func:`irclient.joblogs.caller`).
        lines_per_stream: The most lines to hold per stream.
    """
    if type(lines_per_stream) is not int or lines_per_stream < 0:
        raise ValueError(f"lines_per_stream must be an integer >= 0, got {lines_per_stream!r}")
    name = str(getattr(job, f"ai_{kind}_job_name"))
    status = str(getattr(job, f"ai_{kind}_job_status"))
    unreadable: list[Unreadable] = []
    try:
        described = list(benchmarks())
    except Exception as exc:  # any failure is a gap in the report, never a failed report
        logger.debug("diagnose %s: could not read its benchmark jobs", name, exc_info=True)
        unreadable.append(_unreadable("the job's benchmark jobs", exc))
        described = []
    failed = [b for b in described if str(b.ai_benchmark_job_status) == "Failed"]
    # A benchmark job's own streams are worth reading whatever its state; a recommendation
    # job's, only those of the benchmark jobs that failed.
    read = described if kind == "benchmark" else failed
    streams = _read(read, logs_call, lines_per_stream, unreadable)
    return AIDiagnosis(
        kind=kind,
        job_name=name,
        status=status,
        failure_reason=job.failure_reason,
        failed_benchmarks=tuple(
            FailedBenchmark(name=b.ai_benchmark_job_name, failure_reason=b.failure_reason)
            for b in failed
        ),
        log_streams=streams,
        unreadable=tuple(unreadable),
        lines_per_stream=lines_per_stream,
    )


def _read(
    benchmarks: Sequence[Any],
    logs_call: Callable[[], Callable[..., dict[str, Any]]],
    lines: int,
    unreadable: list[Unreadable],
) -> tuple[StreamTail, ...]:
    wanted = [pair for bench in benchmarks for pair in log_streams_of(bench)]
    if not wanted:
        return ()
    try:
        call = logs_call()
    except Exception as exc:  # see diagnose_ai_job()
        unreadable.append(_unreadable("CloudWatch Logs", exc))
        return ()
    out = []
    for group, stream in dict.fromkeys(wanted):
        try:
            events, truncated = tail(call, group, stream, lines)
        except Exception as exc:  # see diagnose_ai_job()
            unreadable.append(_unreadable(f"log stream {group}:{stream}", exc))
            continue
        found = StreamTail(log_group=group, log_stream=stream, lines=events, truncated=truncated)
        # Secrets a container logged are redacted, as in every report.
        out.append(_redacted_stream(found))
    return tuple(out)
