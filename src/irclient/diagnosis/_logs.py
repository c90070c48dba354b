"""Reading a job's logs for a diagnosis: which streams, in which order, their last lines.

Each step adds one thing: :func:`read_streams` opens CloudWatch Logs, lists the job's own
streams (telling which benchmark endpoint or compilation each is for), lists the failed
endpoints' own log groups, orders what was found, and reads each stream's last lines. A
step that fails records what it could not read, and why, and the others go on: a diagnosis
is wanted most when something is already wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from ..errors import IRClientError
from ..joblogs import (
    JOB_LOG_GROUP,
    describe_error,
    endpoint_log_group,
    job_stream_prefix,
    list_stream_names,
    stream_kind,
    tail,
)
from ._report import FailedStep, StreamTail, Unreadable

__all__ = ["read_streams", "unique", "unreadable"]

Call = Callable[..., dict[str, Any]]


class _Stream(NamedTuple):
    """A stream to read, and the benchmark endpoint it belongs to (if any)."""

    group: str
    name: str
    endpoint: str | None
    execution: bool = False


def unreadable(what: str, exc: BaseException) -> Unreadable:
    """What could not be read because of ``exc``, in words a reader can act on."""
    code = getattr(exc, "code", None)
    if isinstance(exc, IRClientError):
        reason = describe_error(exc)
    else:  # a bug or a botocore surprise: still only a gap in the report
        reason = f"{type(exc).__name__}: {exc}"
    return Unreadable(what=what, reason=reason, code=code if isinstance(code, str) else None)


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """``items`` without repeats, in first-seen order."""
    return tuple(dict.fromkeys(items))


def read_streams(
    job_name: str,
    failed: Sequence[FailedStep],
    logs_call: Callable[[], Call],
    lines: int,
    gaps: list[Unreadable],
) -> tuple[StreamTail, ...]:
    """The last ``lines`` of each stream of the job and of its failed endpoints.

    Args:
        job_name: The job.
        failed: Its failed steps (their endpoints' own log groups are read too).
        logs_call: Makes the CloudWatch Logs caller.
        lines: The most lines to read per stream.
        gaps: Where to record what could not be read.
    """
    try:
        call = logs_call()
    except Exception as exc:  # any failure is a gap in the report, never a failed report
        gaps.append(unreadable("CloudWatch Logs", exc))
        return ()
    wanted = _job_streams(call, job_name, failed, gaps) + _endpoint_streams(call, failed, gaps)
    return _tails(call, _ordered(wanted, failed), lines, gaps)


def _job_streams(
    call: Call, job_name: str, failed: Sequence[FailedStep], gaps: list[Unreadable]
) -> list[_Stream]:
    """The job's own streams, each with the benchmark endpoint it is for."""
    prefix = job_stream_prefix(job_name)
    try:
        names = list(list_stream_names(call, JOB_LOG_GROUP, prefix, missing_ok=False))
    except Exception as exc:  # see read_streams()
        gaps.append(unreadable(f"log group {JOB_LOG_GROUP}", exc))
        return []
    if not names:
        gaps.append(
            Unreadable(
                what=f"log group {JOB_LOG_GROUP}",
                reason=f"no stream of this job yet (streams named {prefix}...)",
            )
        )
    # A compilation belongs to the benchmark whose model configuration names it.
    compiled_for = {
        s.model_configuration.compilation_job_name: s.endpoint_name
        for s in failed
        if s.model_configuration is not None and s.model_configuration.compilation_job_name
    }
    found = []
    for name in names:
        kind, named = stream_kind(job_name, name)
        endpoint = named if kind == "endpoint" else None
        if kind == "compilation" and named is not None:
            endpoint = compiled_for.get(named)
        found.append(_Stream(JOB_LOG_GROUP, name, endpoint, execution=kind == "execution"))
    return found


def _endpoint_streams(
    call: Call, failed: Sequence[FailedStep], gaps: list[Unreadable]
) -> list[_Stream]:
    """The failed endpoints' own log streams: they hold the container's error."""
    found: list[_Stream] = []
    for endpoint in unique(s.endpoint_name for s in failed if s.endpoint_name):
        group = endpoint_log_group(endpoint)
        try:
            names = list(list_stream_names(call, group, None, missing_ok=False))
        except Exception as exc:  # see read_streams()
            gaps.append(unreadable(f"log group {group}", exc))
            continue
        if not names:
            gaps.append(Unreadable(what=f"log group {group}", reason="it has no streams (yet)"))
        found.extend(_Stream(group, name, endpoint) for name in names)
    return found


def _ordered(wanted: Sequence[_Stream], failed: Sequence[FailedStep]) -> list[_Stream]:
    """The execution stream first, then the failed endpoints' streams, then the rest."""
    order = {name: i for i, name in enumerate(unique(s.endpoint_name or "" for s in failed))}

    def key(stream: _Stream) -> tuple[int, int, bool, str]:
        own = stream.group == JOB_LOG_GROUP
        if stream.execution:
            return (0, 0, False, stream.name)
        if stream.endpoint is not None and stream.endpoint in order:
            return (1, order[stream.endpoint], not own, stream.name)
        return (2, 0, not own, stream.name)

    return sorted(wanted, key=key)


def _tails(
    call: Call, streams: Sequence[_Stream], lines: int, gaps: list[Unreadable]
) -> tuple[StreamTail, ...]:
    """Each stream's last ``lines`` lines."""
    out = []
    for stream in streams:
        try:
            events, truncated = tail(call, stream.group, stream.name, lines)
        except Exception as exc:  # see read_streams()
            gaps.append(unreadable(f"log stream {stream.group}:{stream.name}", exc))
            continue
        out.append(
            StreamTail(
                log_group=stream.group,
                log_stream=stream.name,
                lines=events,
                truncated=truncated,
                endpoint_name=stream.endpoint,
            )
        )
    return tuple(out)
