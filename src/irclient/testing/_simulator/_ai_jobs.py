"""Simulated generative-AI resources: workload configurations, benchmark and recommendation jobs.

Each job runs on the generic :class:`~._schedule.Timeline`, as a classic job does:

* an AI benchmark job is ``InProgress`` for 240 s of start-up (the benchmark container, the
  endpoint's warm-up), 300 s per load level of its workload (one, or one per concurrency of
  a sweep) and 30 s to upload its results, then ``Completed`` (or ``Failed``); a stop makes
  it ``Stopping`` for 60 s, then ``Stopped``;
* an AI recommendation job is ``InProgress`` for 120 s of analysis (plus 600 s of model
  optimisation when optimisation is allowed), then benchmarks every candidate at once, each
  as an AI benchmark job of its own, then takes 60 s to rank them.

A recommendation job's benchmark jobs have no clock of their own: they are placed in their
parent's job time, exist from the moment it reaches their start, and are as far along as it
is, so every read of either agrees.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ...models.shapes import (
    CreateAIBenchmarkJobRequest,
    CreateAIRecommendationJobRequest,
    CreateAIWorkloadConfigRequest,
)
from . import _llm
from ._schedule import Phase, Schedule, Timeline

__all__ = [
    "AIBenchmarkJob",
    "AIRecommendationJob",
    "Candidate",
    "WorkloadConfig",
    "benchmark_schedule",
    "recommendation_schedule",
    "traffic_of",
]

STARTUP_SECONDS = 240.0
LEVEL_SECONDS = 300.0
UPLOAD_SECONDS = 30.0
ANALYSIS_SECONDS = 120.0
OPTIMISATION_SECONDS = 600.0
RANKING_SECONDS = 60.0
STOPPING_SECONDS = 60.0

AI_ACTIVE = ("InProgress", "Stopping")
AI_TERMINAL = ("Completed", "Failed", "Stopped")


def stop_phase() -> Phase:
    """The phase a stop adds; ``Stopped`` follows it."""
    return Phase("Stopping", STOPPING_SECONDS)


@attrs.define
class WorkloadConfig:
    """One AI workload configuration."""

    sequence: int
    request: CreateAIWorkloadConfigRequest
    arn: str
    created: datetime.datetime
    traffic: _llm.Traffic
    tags: list[dict[str, str]]
    """Its tags, in wire form: moto's ListTags, AddTags and DeleteTags work on this list."""

    @property
    def name(self) -> str:
        """The name as created."""
        return self.request.ai_workload_config_name


def _first(parameters: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        if name in parameters:
            return parameters[name]
    return None


def _positive(value: Any, default: int) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 1:
        return int(value)
    return default


def traffic_of(inline: str | None) -> _llm.Traffic:
    """The traffic a ``WorkloadSpec.Inline`` document describes (AIPerf's defaults otherwise).

    The document was checked at create (it parses, it declares the aiperf benchmark), so
    anything odd here falls back on a default rather than failing a job.
    """
    import yaml  # deferred, as the validator does: only a workload configuration needs it

    try:
        document = yaml.safe_load(inline or "") or {}
    except yaml.YAMLError:
        document = {}
    parameters = document.get("parameters") if isinstance(document, Mapping) else None
    if not isinstance(parameters, Mapping):
        parameters = {}
    levels = _first(parameters, "concurrency")
    if isinstance(levels, list | tuple):
        concurrency = tuple(_positive(level, 1) for level in levels) or (1,)
    elif parameters.get("search_recipe"):
        # A search probes doubling concurrencies up to its ceiling (at most 64 here).
        ceiling = min(64, _positive(parameters.get("concurrency_max"), 64))
        low = _positive(parameters.get("concurrency_min"), 1)
        concurrency = tuple(c for c in (1, 2, 4, 8, 16, 32, 64) if low <= c <= ceiling) or (low,)
    else:
        concurrency = (_positive(levels, 1),)
    count = _first(parameters, "request_count", "num_requests")
    return _llm.Traffic(
        input_tokens=_positive(
            _first(parameters, "prompt_input_tokens_mean", "synthetic_input_tokens_mean", "isl"),
            550,
        ),
        output_tokens=_positive(
            _first(parameters, "output_tokens_mean", "prompt_output_tokens_mean", "osl"), 150
        ),
        concurrency=concurrency,
        request_count=_positive(count, 0) or None,
        streaming=parameters.get("streaming") is not False,
    )


def search_thresholds(inline: str | None) -> dict[str, float]:
    """The SLA thresholds of a ``max-concurrency-under-sla`` search (empty for other runs)."""
    import yaml

    try:
        document = yaml.safe_load(inline or "") or {}
    except yaml.YAMLError:
        return {}
    parameters = document.get("parameters") if isinstance(document, Mapping) else None
    if not isinstance(parameters, Mapping) or not parameters.get("search_recipe"):
        return {}
    out = {}
    for key in ("ttft_sla_ms", "tpot_sla_ms", "e2e_sla_ms"):
        value = parameters.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = float(value)
    return out


def benchmark_schedule(levels: int, *, failed: bool) -> Schedule:
    """An AI benchmark job's schedule; a failed one ends half-way through its levels."""
    run = STARTUP_SECONDS + levels * LEVEL_SECONDS + UPLOAD_SECONDS
    if failed:
        run = STARTUP_SECONDS + max(1, levels // 2) * LEVEL_SECONDS / 2
    return Schedule(phases=(Phase("InProgress", run),), outcome="Failed" if failed else "Completed")


@attrs.define
class AIBenchmarkJob:
    """One AI benchmark job: standalone on its own timeline, or a recommendation job's.

    A recommendation job's benchmark job has ``parent`` set, and lives in its parent's job
    time from ``offset`` on; a standalone one has a timeline of its own (``offset`` 0).
    """

    sequence: int
    request: CreateAIBenchmarkJobRequest
    arn: str
    workload: str
    """The name of the workload configuration it runs."""
    traffic: _llm.Traffic
    thresholds: dict[str, float]
    model: _llm.LLM | None
    placement: _llm.Placement | None
    results: list[_llm.ServingResult]
    failure_reason: str | None
    tags: list[dict[str, str]]
    output_dir: str
    """The subdirectory of ``S3OutputLocation`` the service names (``bmk-<job>-<hash>``)."""
    log_group: str
    log_stream: str
    own_timeline: Timeline | None = None
    parent: AIRecommendationJob | None = None
    offset: float = 0.0
    span: float = 0.0
    """Its length in job time (a parent's benchmark job cannot be stopped on its own)."""
    stopped_at: float | None = None
    logged: float = -1.0
    uploaded: bool = False
    optimizations: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The name as created."""
        return self.request.ai_benchmark_job_name

    @property
    def timeline(self) -> Timeline:
        """The timeline it runs on: its own or its parent's."""
        if self.own_timeline is not None:
            return self.own_timeline
        assert self.parent is not None
        return self.parent.timeline

    @property
    def visible(self) -> bool:
        """Whether it exists yet (a parent's benchmark job appears when its parent starts it)."""
        return self.parent is None or self.parent.reached(self.offset)

    @property
    def elapsed(self) -> float:
        """How far it has got in its own time."""
        if self.parent is None:
            return self.timeline.elapsed
        cutoff = self.parent.timeline.elapsed
        if self.parent.stopped_at is not None:
            cutoff = min(cutoff, self.parent.stopped_at)
        return max(0.0, min(self.span, cutoff - self.offset))

    @property
    def status(self) -> str:
        """Its status now."""
        if self.parent is None:
            return self.timeline.status
        if self.elapsed >= self.span:
            return "Failed" if self.failure_reason else "Completed"
        parent = self.parent.timeline.status
        if parent in ("Stopping", "Stopped", "Failed"):
            return parent
        return "InProgress"

    @property
    def creation_time(self) -> datetime.datetime:
        """``CreationTime``."""
        return self.timeline.real_time(self.offset)

    @property
    def end_time(self) -> datetime.datetime | None:
        """``EndTime``, once it has ended."""
        if self.parent is None:
            return self.timeline.ended
        if self.elapsed >= self.span:
            return self.timeline.real_time(self.offset + self.span)
        if self.status in ("Stopped", "Failed"):
            return self.parent.timeline.ended
        return None

    def real_time(self, own: float) -> datetime.datetime:
        """The real time at which it reached ``own`` seconds of its own time."""
        return self.timeline.real_time(self.offset + own)

    def levels_done(self) -> int:
        """How many load levels have finished."""
        done = int((self.elapsed - STARTUP_SECONDS) // LEVEL_SECONDS)
        return max(0, min(len(self.traffic.concurrency), done))


@attrs.define
class Candidate:
    """One instance type (optimised or not) a recommendation job considers."""

    instance_type: str
    placement: _llm.Placement
    optimized: bool
    benchmark: AIBenchmarkJob
    result: _llm.ServingResult


def recommendation_schedule(*, optimize: bool, benchmark_span: float, failed: bool) -> Schedule:
    """An AI recommendation job's schedule."""
    run = ANALYSIS_SECONDS + (OPTIMISATION_SECONDS if optimize else 0.0)
    run += benchmark_span + RANKING_SECONDS
    if failed:
        run -= RANKING_SECONDS
    return Schedule(phases=(Phase("InProgress", run),), outcome="Failed" if failed else "Completed")


@attrs.define
class AIRecommendationJob:
    """One AI recommendation job: its candidates, their benchmark jobs, its timeline."""

    sequence: int
    request: CreateAIRecommendationJobRequest
    arn: str
    timeline: Timeline
    model: _llm.LLM | None
    skipped: list[tuple[str, str]]
    """Instance types not benchmarked, and why."""
    candidates: list[Candidate]
    failure_reason: str | None
    tags: list[dict[str, str]]
    output_location: str
    benchmark_start: float
    stopped_at: float | None = None
    logged: float = -1.0

    @property
    def name(self) -> str:
        """The name as created."""
        return self.request.ai_recommendation_job_name

    @property
    def status(self) -> str:
        """Its status, as of its timeline's last catch-up."""
        return self.timeline.status

    def reached(self, job_time: float) -> bool:
        """Whether it has run to ``job_time`` (never past a stop)."""
        cutoff = self.timeline.elapsed
        if self.stopped_at is not None:
            cutoff = min(cutoff, self.stopped_at)
        return job_time <= cutoff

    def benchmarks(self) -> Sequence[AIBenchmarkJob]:
        """Its benchmark jobs, planned or running."""
        return [candidate.benchmark for candidate in self.candidates]
