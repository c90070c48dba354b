"""Why a recommendation job failed, in one report.

AWS spreads the answer over four places: the job's ``FailureReason``, its failed benchmark
steps (each with its own reason), the job's CloudWatch log streams, and the benchmark
endpoints' own logs. :func:`diagnose` (``client.diagnose(job_name)``) reads them all into a
:class:`Diagnosis`, adds hints for failure messages AWS is known to return, and says what it
could not read, and why, instead of failing: a diagnosis is wanted most when something is
already wrong.
"""

from __future__ import annotations

import datetime
import html
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from ..errors import IRClientError
from ..joblogs import (
    JOB_LOG_GROUP,
    LogEvent,
    describe_error,
    endpoint_log_group,
    list_stream_names,
    tail,
)
from . import _hints

if TYPE_CHECKING:
    from ..models import (
        DescribeInferenceRecommendationsJobResponse,
        EndpointOutputConfiguration,
        InferenceRecommendationsJobStep,
        ModelConfiguration,
    )

__all__ = [
    "DEFAULT_LINES_PER_STREAM",
    "AIDiagnosis",
    "Diagnosis",
    "FailedBenchmark",
    "FailedStep",
    "Hint",
    "StreamTail",
    "Unreadable",
    "diagnose",
    "diagnose_ai_job",
    "log_streams_of",
]

logger = logging.getLogger("irclient")

DEFAULT_LINES_PER_STREAM: Final = 30
"""How many of each stream's last lines a report holds, unless told otherwise."""

_TEXT_LINE: Final = 160  # characters of a log line in the text summary


def _label(config: EndpointOutputConfiguration | None) -> str:
    if config is None:
        return "an unknown endpoint configuration"
    if config.instance_type is not None:
        count = config.initial_instance_count
        return str(config.instance_type) + (f" x{count}" if count and count > 1 else "")
    serverless = config.serverless_config
    if serverless is not None:
        return (
            f"serverless {serverless.memory_size_in_mb} MB, "
            f"max concurrency {serverless.max_concurrency}"
        )
    return "an unknown endpoint configuration"


@attrs.frozen(kw_only=True)
class FailedStep:
    """A benchmark step that failed."""

    step_type: str
    """``BENCHMARK``."""
    failure_reason: str | None
    """The step's own ``FailureReason``."""
    endpoint_configuration: EndpointOutputConfiguration | None = None
    """The endpoint it benchmarked (instance type and count, or serverless settings)."""
    model_configuration: ModelConfiguration | None = None
    """The model settings it ran with (environment parameters, compilation job)."""

    @property
    def endpoint_name(self) -> str | None:
        """The benchmark endpoint's name: its log streams carry it."""
        config = self.endpoint_configuration
        return None if config is None else config.endpoint_name

    @property
    def label(self) -> str:
        """The endpoint configuration in a few words (``ml.c5.xlarge``, ``serverless ...``)."""
        return _label(self.endpoint_configuration)

    @classmethod
    def from_step(cls, step: InferenceRecommendationsJobStep) -> FailedStep:
        """The failed step of a ``ListInferenceRecommendationsJobSteps`` entry.

        Args:
            step: The step.
        """
        bench = step.inference_benchmark
        return cls(
            step_type=str(step.step_type),
            failure_reason=None if bench is None else bench.failure_reason,
            endpoint_configuration=None if bench is None else bench.endpoint_configuration,
            model_configuration=None if bench is None else bench.model_configuration,
        )


@attrs.frozen(kw_only=True)
class StreamTail:
    """One log stream of the job, with its last lines."""

    log_group: str
    """The log group."""
    log_stream: str
    """The log stream."""
    lines: tuple[LogEvent, ...]
    """Its last lines, oldest first."""
    truncated: bool
    """Whether the stream has earlier lines than these."""
    endpoint_name: str | None = None
    """The benchmark endpoint the stream belongs to, if any (for a compilation's stream,
    the failed benchmark that used the compiled model)."""

    @property
    def name(self) -> str:
        """``group:stream``, as the CloudWatch console names a stream."""
        return f"{self.log_group}:{self.log_stream}"


@attrs.frozen(kw_only=True)
class Hint:
    """What to check, for a failure message AWS is known to return."""

    kind: str
    """The kind of failure: ``container_error``, ``quota``, ``payload``, ``permission``,
    ``burstable``, ``metadata`` or ``traffic_phases``."""
    title: str
    """The failure, in a few words."""
    advice: str
    """What to check or change."""
    message: str
    """The failure message the hint is for."""
    applies_to: tuple[str, ...]
    """Where the message came from: ``job``, or the failed steps' endpoint configurations."""
    log_streams: tuple[str, ...] = ()
    """The log streams (``group:stream``) to read first."""


@attrs.frozen(kw_only=True)
class Unreadable:
    """Something the report could not read, and why."""

    what: str
    """What was not read (a log group, a stream, the job's steps)."""
    reason: str
    """Why: access denied, not created yet, ..."""
    code: str | None = None
    """The AWS error code, when there was one."""


@attrs.frozen(kw_only=True)
class Diagnosis:
    """Why a job failed (or how it is going): status, failures, logs and hints.

    ``str(report)`` is a text summary; in Jupyter the report renders as HTML.
    """

    job_name: str
    """The job."""
    status: str
    """Its status when the report was made."""
    failure_reason: str | None
    """The job's ``FailureReason``."""
    job: DescribeInferenceRecommendationsJobResponse = attrs.field(repr=False)
    """The job's description the report was made from."""
    failed_steps: tuple[FailedStep, ...] = ()
    """The benchmark steps that failed, each with its reason and endpoint configuration."""
    log_streams: tuple[StreamTail, ...] = ()
    """The job's log streams (and its failed endpoints' own), each with its last lines."""
    hints: tuple[Hint, ...] = ()
    """What to check, for the failure messages the hint table knows."""
    unreadable: tuple[Unreadable, ...] = ()
    """What could not be read, and why."""
    lines_per_stream: int = DEFAULT_LINES_PER_STREAM
    """The most lines held per stream."""

    @property
    def failed(self) -> bool:
        """Whether the job or any of its steps failed."""
        return self.status == "FAILED" or bool(self.failed_steps)

    def streams_for(self, endpoint_name: str) -> tuple[StreamTail, ...]:
        """The streams of one benchmark endpoint: the job's stream for it and its own.

        Args:
            endpoint_name: The endpoint.
        """
        return tuple(s for s in self.log_streams if s.endpoint_name == endpoint_name)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values (times in ISO 8601)."""
        return {
            "job_name": self.job_name,
            "status": self.status,
            "failure_reason": self.failure_reason,
            "failed_steps": [
                {
                    "step_type": s.step_type,
                    "failure_reason": s.failure_reason,
                    "endpoint_name": s.endpoint_name,
                    "endpoint": s.label,
                    "endpoint_configuration": None
                    if s.endpoint_configuration is None
                    else s.endpoint_configuration.to_dict(),
                    "model_configuration": None
                    if s.model_configuration is None
                    else s.model_configuration.to_dict(),
                }
                for s in self.failed_steps
            ],
            "log_streams": [
                {
                    "log_group": s.log_group,
                    "log_stream": s.log_stream,
                    "endpoint_name": s.endpoint_name,
                    "truncated": s.truncated,
                    "lines": [e.to_dict() for e in s.lines],
                }
                for s in self.log_streams
            ],
            "hints": [attrs.asdict(h) for h in self.hints],
            "unreadable": [attrs.asdict(u) for u in self.unreadable],
            "lines_per_stream": self.lines_per_stream,
        }

    def _shown(self) -> tuple[list[StreamTail], list[StreamTail]]:
        """Streams whose lines the summaries show (execution, failed endpoints), and the rest."""
        failed = {s.endpoint_name for s in self.failed_steps if s.endpoint_name}
        shown: list[StreamTail] = []
        other: list[StreamTail] = []
        for stream in self.log_streams:
            relevant = stream.log_stream.endswith("/execution") or (stream.endpoint_name in failed)
            (shown if relevant else other).append(stream)
        return shown, other

    def __str__(self) -> str:
        return "\n".join(_text(self))

    def _repr_html_(self) -> str:
        return _html(self)


# --------------------------------------------------------------------------- text


def _one_line(text: str, limit: int) -> str:
    # Leading spaces stay: a traceback's indentation is part of what it says.
    text = text.rstrip().replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _text(report: Diagnosis) -> Iterator[str]:
    yield f"Job {report.job_name}: {report.status}"
    if report.failure_reason:
        yield f"Failure reason: {report.failure_reason}"
    if report.failed_steps:
        yield ""
        yield f"Failed steps ({len(report.failed_steps)}):"
        for step in report.failed_steps:
            where = f" (endpoint {step.endpoint_name})" if step.endpoint_name else ""
            yield f"  - {step.label}{where}: {step.failure_reason or 'no reason given'}"
    elif report.status != "FAILED":
        yield "No step has failed."
    if report.hints:
        yield ""
        yield "Hints:"
        for hint in report.hints:
            yield f"  * {hint.title} ({', '.join(hint.applies_to)})."
            yield f"    {hint.advice}"
    shown, other = report._shown()
    for stream in shown:
        yield ""
        more = ", earlier lines not shown" if stream.truncated else ""
        yield f"Log {stream.name} (last {len(stream.lines)} lines{more}):"
        if not stream.lines:
            yield "  (empty)"
        for event in stream.lines:
            stamp = event.timestamp.astimezone(datetime.UTC).strftime("%H:%M:%S")
            yield f"  {stamp} {_one_line(event.message, _TEXT_LINE)}"
    if other:
        yield ""
        yield f"Other log streams ({len(other)}; their lines are in the report):"
        for stream in other:
            yield f"  {stream.name}"
    if report.unreadable:
        yield ""
        yield "Not read:"
        for item in report.unreadable:
            yield f"  - {item.what}: {item.reason}"


# --------------------------------------------------------------------------- HTML


_RED: Final = "#cf222e"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _stream_html(stream: StreamTail, *, open_: bool) -> str:
    more = ", earlier lines not shown" if stream.truncated else ""
    rows = "".join(
        f'<tr><td style="white-space:nowrap;vertical-align:top">'
        f"{_e(event.timestamp.astimezone(datetime.UTC).strftime('%H:%M:%S'))}</td>"
        f'<td style="text-align:left;white-space:pre-wrap;font-family:monospace">'
        f"{_e(event.message)}</td></tr>"
        for event in stream.lines
    )
    body = f'<table class="irclient-log">{rows}</table>' if rows else "<p>(empty)</p>"
    attr = " open" if open_ else ""
    return (
        f"<details{attr}><summary><code>{_e(stream.name)}</code> "
        f"<small>(last {len(stream.lines)} lines{_e(more)})</small></summary>{body}</details>"
    )


def _html(report: Diagnosis) -> str:
    colour = _RED if report.status == "FAILED" else "inherit"
    parts = [
        f"<p><strong>{_e(report.job_name)}</strong> "
        f'<span style="color:{colour};font-weight:600">{_e(report.status)}</span></p>'
    ]
    if report.failure_reason:
        parts.append(
            f'<p style="color:{_RED}"><strong>Failure:</strong> {_e(report.failure_reason)}</p>'
        )
    if report.failed_steps:
        rows = "".join(
            f"<tr><td>{_e(s.label)}</td><td><code>{_e(s.endpoint_name or '')}</code></td>"
            f"<td>{_e(s.failure_reason or 'no reason given')}</td></tr>"
            for s in report.failed_steps
        )
        parts.append(
            '<table class="irclient-table"><caption style="text-align:left">'
            f"{len(report.failed_steps)} failed step(s)</caption><thead><tr>"
            "<th>endpoint configuration</th><th>endpoint</th><th>failure reason</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    elif report.status != "FAILED":
        parts.append("<p>No step has failed.</p>")
    if report.hints:
        items = "".join(
            f"<li><strong>{_e(h.title)}</strong> <small>({_e(', '.join(h.applies_to))})</small>"
            f"<br>{_e(h.advice)}</li>"
            for h in report.hints
        )
        parts.append(f"<p><strong>Hints</strong></p><ul>{items}</ul>")
    shown, other = report._shown()
    for stream in shown:
        parts.append(_stream_html(stream, open_=True))
    for stream in other:
        parts.append(_stream_html(stream, open_=False))
    if report.unreadable:
        items = "".join(
            f"<li><code>{_e(u.what)}</code>: {_e(u.reason)}</li>" for u in report.unreadable
        )
        parts.append(f"<p><strong>Not read</strong></p><ul>{items}</ul>")
    return f'<div class="irclient">{"".join(parts)}</div>'


# --------------------------------------------------------------------------- building


def _unreadable(what: str, exc: BaseException) -> Unreadable:
    code = getattr(exc, "code", None)
    if isinstance(exc, IRClientError):
        reason = describe_error(exc)
    else:  # a bug or a botocore surprise: still only a gap in the report
        reason = f"{type(exc).__name__}: {exc}"
    return Unreadable(what=what, reason=reason, code=code if isinstance(code, str) else None)


def _context(
    job: DescribeInferenceRecommendationsJobResponse, streams: tuple[str, ...] = ()
) -> _hints.Context:
    container = job.input_config.container_config if job.input_config else None
    payload = container.payload_config if container else None
    return _hints.Context(
        role_arn=job.role_arn,
        sample_payload_url=None if payload is None else payload.sample_payload_url,
        content_types=tuple(payload.supported_content_types or ()) if payload else (),
        log_streams=streams,
    )


def _hints_for(
    job: DescribeInferenceRecommendationsJobResponse,
    steps: Sequence[FailedStep],
    report_streams: Sequence[StreamTail],
) -> tuple[Hint, ...]:
    sources: list[tuple[str, str, Sequence[StreamTail]]] = []
    failed_endpoints = {s.endpoint_name for s in steps if s.endpoint_name}
    if job.failure_reason:
        streams = [s for s in report_streams if s.endpoint_name in failed_endpoints]
        sources.append((job.failure_reason, "job", streams))
    for step in steps:
        if step.failure_reason:
            streams = [
                s
                for s in report_streams
                if step.endpoint_name and s.endpoint_name == step.endpoint_name
            ]
            sources.append((step.failure_reason, step.label, streams))
    merged: dict[tuple[str, str], Hint] = {}
    for message, where, found_in in sources:
        for found in _hints.match(message, _context(job)):
            # Same kind, same advice: one hint, listing every place the message came from.
            key = (found.kind, found.advice)
            names = tuple(s.name for s in found_in)
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
                    applies_to=_unique(earlier.applies_to + (where,)),
                    log_streams=_unique(earlier.log_streams + names),
                )
    # The advice names the streams to read: made again once all of a hint's streams are known.
    return tuple(_restate(job, hint) for hint in merged.values())


def _restate(job: DescribeInferenceRecommendationsJobResponse, hint: Hint) -> Hint:
    for found in _hints.match(hint.message, _context(job, hint.log_streams)):
        if found.kind == hint.kind:
            return attrs.evolve(hint, advice=found.advice)
    return hint  # pragma: no cover - the message matched this kind before


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


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
    unreadable: list[Unreadable] = []
    failed: list[FailedStep] = []
    try:
        failed = [FailedStep.from_step(step) for step in steps()]
    except Exception as exc:  # any failure is a gap in the report, never a failed report
        logger.debug("diagnose %s: could not list the failed steps", job.job_name, exc_info=True)
        unreadable.append(_unreadable("the job's failed steps", exc))
    streams = _read_streams(job.job_name, failed, logs_call, lines_per_stream, unreadable)
    return Diagnosis(
        job_name=job.job_name,
        status=str(job.status),
        failure_reason=job.failure_reason,
        job=job,
        failed_steps=tuple(failed),
        log_streams=streams,
        hints=_hints_for(job, failed, streams),
        unreadable=tuple(unreadable),
        lines_per_stream=lines_per_stream,
    )


def _read_streams(
    job_name: str,
    failed: Sequence[FailedStep],
    logs_call: Callable[[], Callable[..., dict[str, Any]]],
    lines: int,
    unreadable: list[Unreadable],
) -> tuple[StreamTail, ...]:
    try:
        call = logs_call()
    except Exception as exc:  # see diagnose()
        unreadable.append(_unreadable("CloudWatch Logs", exc))
        return ()
    prefix = f"{job_name}/"
    endpoint_prefix = f"{prefix}Endpoint/"
    wanted: list[tuple[str, str, str | None]] = []
    try:
        names = list(list_stream_names(call, JOB_LOG_GROUP, prefix, missing_ok=False))
    except Exception as exc:  # see diagnose()
        unreadable.append(_unreadable(f"log group {JOB_LOG_GROUP}", exc))
        names = []
    else:
        if not names:
            unreadable.append(
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
    compilation_prefix = f"{prefix}CompilationJob/"
    for name in names:
        endpoint = None
        if name.startswith(endpoint_prefix):
            endpoint = name[len(endpoint_prefix) :]
        elif name.startswith(compilation_prefix):
            endpoint = compiled_for.get(name[len(compilation_prefix) :])
        wanted.append((JOB_LOG_GROUP, name, endpoint))
    # The failed endpoints' own logs hold the container's error.
    for endpoint in _unique(s.endpoint_name for s in failed if s.endpoint_name):
        group = endpoint_log_group(endpoint)
        try:
            found = list(list_stream_names(call, group, None, missing_ok=False))
        except Exception as exc:  # see diagnose()
            unreadable.append(_unreadable(f"log group {group}", exc))
            continue
        if not found:
            unreadable.append(
                Unreadable(what=f"log group {group}", reason="it has no streams (yet)")
            )
        wanted.extend((group, name, endpoint) for name in found)
    out = []
    for group, name, endpoint in _ordered(wanted, failed):
        try:
            events, truncated = tail(call, group, name, lines)
        except Exception as exc:  # see diagnose()
            unreadable.append(_unreadable(f"log stream {group}:{name}", exc))
            continue
        out.append(
            StreamTail(
                log_group=group,
                log_stream=name,
                lines=events,
                truncated=truncated,
                endpoint_name=endpoint,
            )
        )
    return tuple(out)


def _ordered(
    wanted: Sequence[tuple[str, str, str | None]], failed: Sequence[FailedStep]
) -> list[tuple[str, str, str | None]]:
    """The execution stream first, then the failed endpoints' streams, then the rest."""
    order = {name: i for i, name in enumerate(_unique(s.endpoint_name or "" for s in failed))}

    def key(item: tuple[str, str, str | None]) -> tuple[int, int, bool, str]:
        group, name, endpoint = item
        if name.endswith("/execution") and group == JOB_LOG_GROUP:
            return (0, 0, False, name)
        if endpoint is not None and endpoint in order:
            return (1, order[endpoint], group != JOB_LOG_GROUP, name)
        return (2, 0, group != JOB_LOG_GROUP, name)

    return sorted(wanted, key=key)


# The generative-AI jobs' reports build on the pieces above (StreamTail, Unreadable), so they
# are imported last.
from ._ai import AIDiagnosis, FailedBenchmark, diagnose_ai_job, log_streams_of  # noqa: E402
