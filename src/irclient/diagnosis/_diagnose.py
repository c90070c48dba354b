"""Building a diagnosis: the failed steps, the logs, and the hints that apply to them.

Every text the report holds passes :func:`irclient._core.redact.redact` on the way in: a
failure reason or a log line may quote a presigned URL or a credential, and the report is
made to be shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._core.redact import redact
from ..joblogs import LogEvent
from . import _hints
from ._logs import read_streams, unique, unreadable
from ._report import DEFAULT_LINES_PER_STREAM, Diagnosis, FailedStep, Hint, StreamTail, Unreadable

if TYPE_CHECKING:
    from ..models import (
        DescribeInferenceRecommendationsJobResponse,
        InferenceRecommendationsJobStep,
    )

__all__ = ["diagnose", "logger"]

logger = logging.getLogger("irclient")


def diagnose(
    job: DescribeInferenceRecommendationsJobResponse,
    steps: Callable[[], Iterable[InferenceRecommendationsJobStep]],
    logs_call: Callable[[], Callable[..., dict[str, Any]]],
    *,
    lines_per_stream: int = DEFAULT_LINES_PER_STREAM,
) -> Diagnosis:
    """Build the report of a job from its description, its failed steps and its logs.

    ``client.diagnose(job_name)`` is the way to call this; the arguments let the client hand
    in what it has already read.

    Args:
        job: The job's describe response.
        steps: Yields the job's failed steps (``iter_job_steps(..., status="FAILED")``).
        logs_call: Makes the CloudWatch Logs caller (see :func:`irclient.joblogs.caller`).
        lines_per_stream: The most lines to hold per stream.

    Returns:
        The report. Whatever could not be read is in its ``unreadable``.
    """
    if type(lines_per_stream) is not int or lines_per_stream < 0:
        raise ValueError(f"lines_per_stream must be an integer >= 0, got {lines_per_stream!r}")
    gaps: list[Unreadable] = []
    failed = _failed_steps(job, steps, gaps)
    streams = read_streams(job.job_name, failed, logs_call, lines_per_stream, gaps)
    streams = tuple(_redacted_stream(s) for s in streams)
    failure_reason = None if job.failure_reason is None else redact(job.failure_reason)
    return Diagnosis(
        job_name=job.job_name,
        status=str(job.status),
        failure_reason=failure_reason,
        job=job,
        failed_steps=failed,
        log_streams=streams,
        hints=_hints_for(job, failure_reason, failed, streams),
        unreadable=tuple(gaps),
        lines_per_stream=lines_per_stream,
    )


def _failed_steps(
    job: DescribeInferenceRecommendationsJobResponse,
    steps: Callable[[], Iterable[InferenceRecommendationsJobStep]],
    gaps: list[Unreadable],
) -> tuple[FailedStep, ...]:
    """The job's failed steps, their reasons redacted; none when they cannot be listed."""
    try:
        found = [FailedStep.from_step(step) for step in steps()]
    except Exception as exc:  # any failure is a gap in the report, never a failed report
        logger.debug("diagnose %s: could not list the failed steps", job.job_name, exc_info=True)
        gaps.append(unreadable("the job's failed steps", exc))
        return ()
    return tuple(
        step
        if step.failure_reason is None
        else attrs.evolve(step, failure_reason=redact(step.failure_reason))
        for step in found
    )


def _redacted_stream(stream: StreamTail) -> StreamTail:
    lines = tuple(_redacted_event(event) for event in stream.lines)
    return stream if lines == stream.lines else attrs.evolve(stream, lines=lines)


def _redacted_event(event: LogEvent) -> LogEvent:
    message = redact(event.message)
    return event if message == event.message else attrs.evolve(event, message=message)


# --------------------------------------------------------------------------- hints


def _context(
    job: DescribeInferenceRecommendationsJobResponse, streams: tuple[str, ...] = ()
) -> _hints.Context:
    """What the advice may name; a presigned payload URL without its credentials."""
    container = job.input_config.container_config if job.input_config else None
    payload = container.payload_config if container else None
    url = None if payload is None else payload.sample_payload_url
    return _hints.Context(
        role_arn=job.role_arn,
        sample_payload_url=None if url is None else redact(url),
        content_types=tuple(payload.supported_content_types or ()) if payload else (),
        log_streams=streams,
    )


def _hints_for(
    job: DescribeInferenceRecommendationsJobResponse,
    failure_reason: str | None,
    steps: Sequence[FailedStep],
    report_streams: Sequence[StreamTail],
) -> tuple[Hint, ...]:
    """One hint per kind of failure and advice, naming every place its message came from."""
    merged: dict[tuple[str, str], Hint] = {}
    for message, where, found_in in _messages(failure_reason, steps, report_streams):
        names = tuple(s.name for s in found_in)
        for found in _hints.match(message, _context(job)):
            key = (found.kind, found.advice)
            earlier = merged.get(key)
            if earlier is None:
                merged[key] = Hint(
                    kind=found.kind,
                    title=found.title,
                    advice=found.advice,
                    message=message,
                    applies_to=(where,),
                    log_streams=names,
                )
            else:
                merged[key] = attrs.evolve(
                    earlier,
                    applies_to=unique(earlier.applies_to + (where,)),
                    log_streams=unique(earlier.log_streams + names),
                )
    # The advice names the streams to read: made again once all of a hint's streams are known.
    return tuple(_restate(job, hint) for hint in merged.values())


def _messages(
    failure_reason: str | None, steps: Sequence[FailedStep], streams: Sequence[StreamTail]
) -> list[tuple[str, str, list[StreamTail]]]:
    """Each failure message, where it came from, and the streams that tell more about it."""
    failed_endpoints = {s.endpoint_name for s in steps if s.endpoint_name}
    sources = []
    if failure_reason:
        sources.append(
            (failure_reason, "job", [s for s in streams if s.endpoint_name in failed_endpoints])
        )
    for step in steps:
        if step.failure_reason:
            own = [
                s for s in streams if step.endpoint_name and s.endpoint_name == step.endpoint_name
            ]
            sources.append((step.failure_reason, step.label, own))
    return sources


def _restate(job: DescribeInferenceRecommendationsJobResponse, hint: Hint) -> Hint:
    for found in _hints.match(hint.message, _context(job, hint.log_streams)):
        if found.kind == hint.kind:
            return attrs.evolve(hint, advice=found.advice)
    return hint  # pragma: no cover - the message matched this kind before
