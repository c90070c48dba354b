"""Waiting for, diagnosing and reading the logs of generative-AI jobs, under client.py.

The client's ``wait_for_ai_benchmark_job`` and ``wait_for_ai_recommendation_job`` run on
irclient's one polling loop (:func:`~irclient._core.waiting.poll_until`) with their statuses
(``InProgress``, ``Stopping``, then ``Completed``, ``Stopped`` or ``Failed``). A
recommendation job's benchmark jobs are found by name: the service names them after it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

from ..errors import IRClientError, JobFailedError
from ..models.enums import AIBenchmarkJobStatus, AIRecommendationJobStatus
from ..retry import is_retryable
from . import waiting

if TYPE_CHECKING:
    from ..client import InferenceRecommenderClient
    from ..diagnosis import AIDiagnosis
    from ..joblogs import LogEvent

__all__ = ["KINDS", "benchmarks_of", "diagnose", "iter_logs", "wait"]

KINDS: Final = ("benchmark", "recommendation")
"""The generative-AI job kinds, as the client's method names spell them."""

_STATUSES: Final = frozenset(member.value for member in AIBenchmarkJobStatus) | frozenset(
    member.value for member in AIRecommendationJobStatus
)


def _describe(client: InferenceRecommenderClient, kind: str) -> Callable[[str], Any]:
    if kind == "benchmark":
        return lambda name: client.describe_ai_benchmark_job(ai_benchmark_job_name=name)
    if kind == "recommendation":
        return lambda name: client.describe_ai_recommendation_job(ai_recommendation_job_name=name)
    raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")


_DONE: Final = frozenset({"Completed", "Stopped"})
_FAILED: Final = "Failed"
# The service states no limit for these jobs: the classic jobs' longest, plus an hour.
_LIMIT: Final = float(waiting.MAX_JOB_SECONDS + waiting.TIMEOUT_MARGIN_SECONDS)


def wait(
    client: InferenceRecommenderClient,
    kind: str,
    name: str,
    *,
    poll_interval: float,
    timeout: float | None,
    on_poll: Callable[[Any], object] | None,
    progress: bool,
) -> Any:
    """Poll an AI job until it ends, on irclient's one polling loop.

    Raises:
        irclient.JobFailedError: It ended ``Failed``; carries its :class:`AIDiagnosis`.
    """
    waiting.check_wait_arguments(poll_interval, timeout)
    describe = _describe(client, kind)
    attribute = f"ai_{kind}_job_status"
    bar = (
        waiting.progress_bar(
            total=None, desc=name, unit="poll", needed_by=f"wait_for_ai_{kind}_job"
        )
        if progress
        else None
    )
    unknown: set[str] = set()

    def done(response: Any) -> bool:
        status = str(getattr(response, attribute))
        if on_poll is not None:
            on_poll(response)
        if bar is not None:
            bar.set_postfix_str(status, refresh=False)
            bar.update(1)
        if status in _DONE:
            return True
        if status == _FAILED:
            raise JobFailedError(
                name, response.failure_reason, response, diagnosis=_report(client, kind, response)
            )
        if status not in _STATUSES and status not in unknown:
            # A status newer than this release: the wait goes on and says so once.
            unknown.add(status)
            waiting.logger.warning(
                "waiting for job %r: status %r is not one irclient knows; waiting on", name, status
            )
        return False

    try:
        return waiting.poll_until(
            client.retry,
            lambda: describe(name),
            done=done,
            status=lambda response: str(getattr(response, attribute)),
            what="job",
            name=name,
            poll_interval=poll_interval,
            limit=timeout if timeout is not None else _LIMIT,
        )
    finally:
        if bar is not None:
            bar.close()


def _report(client: InferenceRecommenderClient, kind: str, response: Any) -> AIDiagnosis | None:
    """The diagnosis a JobFailedError carries (None if building it failed)."""
    try:
        return _diagnose(client, kind, response, lines_per_stream=30)
    except Exception:  # the job's failure is the news; a report is a bonus
        waiting.logger.warning("a job failed; its diagnosis failed too", exc_info=True)
        return None


def benchmarks_of(client: InferenceRecommenderClient, job: Any) -> Iterator[Any]:
    """The describe responses of a recommendation job's own benchmark jobs.

    They are named after it (its name, or its first 40 characters, then a suffix) and
    created once it runs; a benchmark job of another's that happens to match is left out
    by its creation time.
    """
    name = str(job.ai_recommendation_job_name)
    created = job.creation_time
    for summary in client.iter_ai_benchmark_jobs(name_contains=name[:40]):
        if not summary.ai_benchmark_job_name.lower().startswith(name[:40].lower() + "-"):
            continue
        if isinstance(created, datetime.datetime) and summary.creation_time < created:
            continue
        yield client.describe_ai_benchmark_job(ai_benchmark_job_name=summary.ai_benchmark_job_name)


def _diagnose(
    client: InferenceRecommenderClient, kind: str, job: Any, *, lines_per_stream: int
) -> AIDiagnosis:
    from ..diagnosis import diagnose_ai_job

    if kind == "benchmark":
        benchmarks: Callable[[], Iterable[Any]] = lambda: [job]  # noqa: E731 - one line
    else:
        benchmarks = lambda: benchmarks_of(client, job)  # noqa: E731
    return diagnose_ai_job(
        kind, job, benchmarks, client._logs_call, lines_per_stream=lines_per_stream
    )


def diagnose(
    client: InferenceRecommenderClient, kind: str, name: str, *, lines_per_stream: int
) -> AIDiagnosis:
    """The report of an AI job (any status)."""
    return _diagnose(client, kind, _describe(client, kind)(name), lines_per_stream=lines_per_stream)


def iter_logs(
    client: InferenceRecommenderClient,
    kind: str,
    name: str,
    *,
    follow: bool,
    since: datetime.datetime | None,
    poll_interval: float,
) -> Iterator[LogEvent]:
    """An AI job's log events in time order (a recommendation job's: its benchmark jobs')."""
    from ..diagnosis import log_streams_of
    from ..joblogs import StreamsReader, iter_events

    describe = _describe(client, kind)

    def streams() -> list[tuple[str, str]]:
        job = describe(name)
        jobs = [job] if kind == "benchmark" else list(benchmarks_of(client, job))
        return [pair for each in jobs for pair in log_streams_of(each)]

    def status() -> str | None:
        try:
            return str(getattr(describe(name), f"ai_{kind}_job_status"))
        except IRClientError as exc:
            if not is_retryable(exc):
                raise
            return None

    reader = StreamsReader(client._logs_call(), name, streams, since=since)
    return iter_events(
        reader, status=status, follow=follow, poll_interval=poll_interval, sleep=client.retry.sleep
    )
