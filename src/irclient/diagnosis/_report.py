"""The report of a diagnosis: what failed, the log lines read, the hints, what was not read.

Values only: building a report is :mod:`._diagnose`, showing one is :mod:`._render`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from .._utils.format import endpoint_label, int_or_none, wire_text
from ..joblogs import stream_kind
from . import _render

if TYPE_CHECKING:
    from ..joblogs import LogEvent
    from ..models import (
        DescribeInferenceRecommendationsJobResponse,
        EndpointOutputConfiguration,
        InferenceRecommendationsJobStep,
        ModelConfiguration,
    )

__all__ = [
    "DEFAULT_LINES_PER_STREAM",
    "Diagnosis",
    "FailedStep",
    "Hint",
    "StreamTail",
    "Unreadable",
]

DEFAULT_LINES_PER_STREAM: Final = 30
"""How many of each stream's last lines a report holds, unless told otherwise."""


def _label(config: EndpointOutputConfiguration | None) -> str:
    unknown = "an unknown endpoint configuration"
    if config is None:
        return unknown
    serverless = config.serverless_config
    return endpoint_label(
        instance_type=wire_text(config.instance_type),
        instance_count=int_or_none(config.initial_instance_count),
        serverless_memory_size_in_mb=None
        if serverless is None
        else int_or_none(serverless.memory_size_in_mb),
        serverless_max_concurrency=None
        if serverless is None
        else int_or_none(serverless.max_concurrency),
        otherwise=unknown,
    )


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

    ``str(report)`` is a text summary; in Jupyter the report renders as HTML. Both treat
    every text from AWS as hostile (control sequences, bidirectional overrides and invisible
    characters are shown as escapes), and the report's text carries no credential: access
    key ids, secret keys and session tokens (a presigned payload URL's ``X-Amz-Credential``
    and ``X-Amz-Security-Token`` among them) read ``<redacted>``.
    """

    job_name: str
    """The job."""
    status: str
    """Its status when the report was made."""
    failure_reason: str | None
    """The job's ``FailureReason``."""
    job: DescribeInferenceRecommendationsJobResponse = attrs.field(repr=False)
    """The job's description the report was made from (as AWS sent it)."""
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
            kind, _ = stream_kind(self.job_name, stream.log_stream)
            relevant = kind == "execution" or stream.endpoint_name in failed
            (shown if relevant else other).append(stream)
        return shown, other

    def __str__(self) -> str:
        return _render.text(self)

    def _repr_html_(self) -> str:
        return _render.html(self)
