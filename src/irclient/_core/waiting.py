"""Waiting for a job to end: irclient's one poller (botocore has no waiter for these jobs).

:func:`poll_job` polls any kind of job, described by a :class:`JobKind`; :func:`wait_for_job`
is the classic recommendation job's kind, and the generative-AI jobs have theirs
(``irclient._core.ai_jobs``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._utils.extras import require
from ..errors import IRClientError, JobDeletedError, JobFailedError, WaitTimeoutError
from ..models.enums import RecommendationJobStatus, RecommendationStepType
from ..retry import is_retryable

if TYPE_CHECKING:
    from ..client import InferenceRecommenderClient
    from ..models.shapes import DescribeInferenceRecommendationsJobResponse

__all__ = ["MAX_JOB_SECONDS", "TIMEOUT_MARGIN_SECONDS", "JobKind", "poll_job", "wait_for_job"]

logger = logging.getLogger("irclient")

MAX_JOB_SECONDS: Final = 18_000
"""The longest a job may run: "The maximum value [of JobDurationInSeconds] is 18,000 seconds."."""
TIMEOUT_MARGIN_SECONDS: Final = 3_600
"""Added to a job's own limit for the default timeout: time to set up, stop and clean up."""

_DONE: Final = frozenset({RecommendationJobStatus.COMPLETED, RecommendationJobStatus.STOPPED})
_DELETED: Final = frozenset({RecommendationJobStatus.DELETING, RecommendationJobStatus.DELETED})
_KNOWN: Final = frozenset(member.value for member in RecommendationJobStatus)
_STEP_FINISHED: Final = frozenset(
    {
        RecommendationJobStatus.COMPLETED,
        RecommendationJobStatus.FAILED,
        RecommendationJobStatus.STOPPED,
    }
)


def _progress_bar(job_name: str) -> Any:
    tqdm = require("tqdm.auto", feature="wait_for_job(progress=True)", extra="notebook").tqdm
    return tqdm(total=None, desc=job_name, unit="step")


@attrs.frozen(kw_only=True)
class JobKind:
    """What the poller needs to know of a kind of job: how to read it and its statuses."""

    describe: Callable[[str], Any]
    """Describes a job by name (one retried call)."""
    status: Callable[[Any], str]
    """The status of a describe response."""
    failure_reason: Callable[[Any], str | None]
    """The ``FailureReason`` of a describe response."""
    done: frozenset[str]
    """Statuses that end the wait with the response."""
    failed: str
    """The status that ends the wait with :class:`~irclient.JobFailedError`."""
    deleted: frozenset[str] = frozenset()
    """Statuses that end the wait with :class:`~irclient.JobDeletedError`."""
    known: frozenset[str]
    """Every status this release knows (another is logged once, and the wait goes on)."""
    limit: Callable[[Any], float]
    """The default timeout, from a describe response."""
    show: Callable[[Any, str, Any], None] | None = None
    """Updates a progress bar from (bar, status, response); None shows the status alone."""


def wait_for_job(
    client: InferenceRecommenderClient,
    job_name: str,
    *,
    poll_interval: float,
    timeout: float | None,
    on_poll: Callable[[DescribeInferenceRecommendationsJobResponse], object] | None,
    progress: bool,
    after_poll: Callable[[], object] | None = None,
    diagnose: Callable[[DescribeInferenceRecommendationsJobResponse], Any] | None = None,
) -> DescribeInferenceRecommendationsJobResponse:
    """Poll a job until it ends (see :meth:`irclient.InferenceRecommenderClient.wait_for_job`).

    ``after_poll`` runs after each successful poll (it shows new log lines); ``diagnose``
    makes the report a :class:`~irclient.JobFailedError` carries.
    """
    kind = JobKind(
        describe=lambda name: client.describe_inference_recommendations_job(job_name=name),
        status=lambda response: str(response.status),
        failure_reason=lambda response: response.failure_reason,
        done=frozenset(_DONE),
        failed=RecommendationJobStatus.FAILED,
        deleted=frozenset(_DELETED),
        known=_KNOWN,
        limit=_default_timeout,
        show=lambda bar, status, _: _show_progress(client, bar, job_name, status),
    )
    response: DescribeInferenceRecommendationsJobResponse = poll_job(
        client,
        kind,
        job_name,
        poll_interval=poll_interval,
        timeout=timeout,
        on_poll=on_poll,
        progress=progress,
        after_poll=after_poll,
        diagnose=diagnose,
    )
    return response


def poll_job(
    client: InferenceRecommenderClient,
    kind: JobKind,
    job_name: str,
    *,
    poll_interval: float,
    timeout: float | None,
    on_poll: Callable[[Any], object] | None,
    progress: bool,
    after_poll: Callable[[], object] | None = None,
    diagnose: Callable[[Any], Any] | None = None,
) -> Any:
    """Poll a job of any kind until it ends: irclient's one poller.

    Each poll is one describe (retried by the client's policy); a poll whose retries run
    out on a transient error is logged and the wait goes on, other errors end it.
    """
    if poll_interval < 0:
        raise ValueError(f"poll_interval must be >= 0, got {poll_interval!r}")
    if timeout is not None and timeout < 0:
        raise ValueError(f"timeout must be >= 0 or None, got {timeout!r}")
    bar = _progress_bar(job_name) if progress else None
    clock, sleep = client.retry.clock, client.retry.sleep
    started = clock()
    last_status: str | None = None
    unknown: set[str] = set()
    # Without a timeout, the job's own limit bounds the wait once a poll has read it; until
    # then, the longest any job may run.
    limit = timeout if timeout is not None else float(MAX_JOB_SECONDS + TIMEOUT_MARGIN_SECONDS)
    try:
        while True:
            try:
                response = kind.describe(job_name)
            except IRClientError as exc:
                if not is_retryable(exc):
                    raise
                logger.warning("waiting for job %r: poll failed (%s); polling on", job_name, exc)
            else:
                last_status = kind.status(response)
                if on_poll is not None:
                    on_poll(response)
                if bar is not None:
                    _show(kind, bar, last_status, response)
                if after_poll is not None:
                    after_poll()
                if last_status in kind.done:
                    return response
                if last_status == kind.failed:
                    report = None if diagnose is None else diagnose(response)
                    raise JobFailedError(
                        job_name, kind.failure_reason(response), response, diagnosis=report
                    )
                if last_status in kind.deleted:
                    raise JobDeletedError(job_name, last_status, response)
                if last_status not in kind.known and last_status not in unknown:
                    # A status newer than this release: it may end the job or not, so the
                    # wait goes on (bounded by the timeout) and says so once.
                    unknown.add(last_status)
                    logger.warning(
                        "waiting for job %r: status %r is not one irclient knows; waiting on",
                        job_name,
                        last_status,
                    )
                if timeout is None:
                    limit = kind.limit(response)
            left = limit - (clock() - started)
            if left <= 0:
                raise WaitTimeoutError(job_name, limit, last_status)
            sleep(min(poll_interval, left))
    finally:
        if bar is not None:
            bar.close()


def _show(kind: JobKind, bar: Any, status: str, response: Any) -> None:
    if kind.show is not None:
        kind.show(bar, status, response)
        return
    bar.set_postfix_str(status, refresh=False)
    bar.refresh()


def _default_timeout(response: DescribeInferenceRecommendationsJobResponse) -> float:
    """The job's own limit (JobDurationInSeconds, at most 18,000 s) plus a margin."""
    duration = getattr(response.input_config, "job_duration_in_seconds", None)
    if type(duration) is not int or not 0 < duration <= MAX_JOB_SECONDS:
        duration = MAX_JOB_SECONDS
    return float(duration + TIMEOUT_MARGIN_SECONDS)


def _show_progress(
    client: InferenceRecommenderClient, bar: Any, job_name: str, status: str
) -> None:
    total = finished = 0
    try:
        for step in client.iter_job_steps(job_name, step_type=RecommendationStepType.BENCHMARK):
            total += 1
            finished += step.status in _STEP_FINISHED
    except IRClientError as exc:
        if not is_retryable(exc):
            raise
        logger.warning("waiting for job %r: could not list its steps (%s)", job_name, exc)
        return
    bar.total = total
    bar.n = finished
    bar.set_postfix_str(status, refresh=False)
    bar.refresh()
