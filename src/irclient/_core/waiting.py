"""Waiting: one polling loop for everything irclient waits for (botocore has no waiter for it).

:func:`poll_until` is the loop: describe, hand the response to the caller's checks, sleep
the poll interval (never past the timeout), with each poll retried by the client's policy
and a transient failure of a whole poll logged and polled through. :func:`wait_for_job`
waits for a recommendation job with it; deploy waits for its endpoint with it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar

from .._utils.extras import progress_bar_class
from ..errors import IRClientError, JobDeletedError, JobFailedError, WaitTimeoutError
from ..models.enums import RecommendationJobStatus, RecommendationStepType
from ..retry import is_retryable

if TYPE_CHECKING:
    from ..client import InferenceRecommenderClient
    from ..models.shapes import DescribeInferenceRecommendationsJobResponse
    from ..retry import RetryPolicy

__all__ = [
    "MAX_JOB_SECONDS",
    "TIMEOUT_MARGIN_SECONDS",
    "check_wait_arguments",
    "poll_until",
    "progress_bar",
    "tqdm_class",
    "wait_for_job",
]

R = TypeVar("R")

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


def tqdm_class(needed_by: str) -> Any:
    """Tqdm's bar class (see extras.progress_bar_class): widget only with ipywidgets."""
    return progress_bar_class(f"{needed_by}(progress=True)")


def progress_bar(*, total: int | None, desc: str, unit: str, needed_by: str) -> Any:
    """A tqdm progress bar (see :func:`tqdm_class`)."""
    return tqdm_class(needed_by)(total=total, desc=desc, unit=unit)


def check_wait_arguments(poll_interval: float, timeout: float | None) -> None:
    """Refuse a negative poll interval or timeout (before anything is sent)."""
    if poll_interval < 0:
        raise ValueError(f"poll_interval must be >= 0, got {poll_interval!r}")
    if timeout is not None and timeout < 0:
        raise ValueError(f"timeout must be >= 0 or None, got {timeout!r}")


def poll_until(
    policy: RetryPolicy,
    describe: Callable[[], R],
    *,
    done: Callable[[R], bool],
    status: Callable[[R], str],
    what: str,
    name: str,
    poll_interval: float,
    limit: float | None,
    limit_of: Callable[[R], float] | None = None,
) -> R:
    """Describe something until ``done`` says so; the one polling loop of irclient.

    Args:
        policy: The client's retry policy (its clock and sleep too).
        describe: One poll (retried by the caller's call path).
        done: Sees every response: True when the wait is over; raises to end it in failure
            (a failed job or endpoint); its other work (progress, callbacks) goes here too.
        status: The status of a response, for the timeout's message.
        what: The kind of thing waited for (``job``, ``endpoint``).
        name: Its name.
        poll_interval: Seconds between polls.
        limit: Seconds after which to give up; ``None`` for no limit.
        limit_of: A new limit read from each response (a job's own duration), if any.

    Raises:
        irclient.WaitTimeoutError: ``limit`` passed first.
    """
    clock, sleep = policy.clock, policy.sleep
    started = clock()
    bound = math.inf if limit is None else limit
    last: str | None = None
    while True:
        try:
            response = describe()
        except IRClientError as exc:
            if not is_retryable(exc):
                raise
            logger.warning("waiting for %s %r: poll failed (%s); polling on", what, name, exc)
        else:
            last = status(response)
            if done(response):
                return response
            if limit_of is not None:
                bound = limit_of(response)
        left = bound - (clock() - started)
        if left <= 0:
            raise WaitTimeoutError(name, bound, last, what=what)
        sleep(min(poll_interval, left))


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
    check_wait_arguments(poll_interval, timeout)
    bar = (
        progress_bar(total=None, desc=job_name, unit="step", needed_by="wait_for_job")
        if progress
        else None
    )
    unknown: set[str] = set()

    def done(response: DescribeInferenceRecommendationsJobResponse) -> bool:
        status = str(response.status)
        if on_poll is not None:
            on_poll(response)
        if bar is not None:
            _show_progress(client, bar, job_name, status)
        if after_poll is not None:
            after_poll()
        if response.status in _DONE:
            return True
        if response.status == RecommendationJobStatus.FAILED:
            report = None if diagnose is None else diagnose(response)
            raise JobFailedError(job_name, response.failure_reason, response, diagnosis=report)
        if response.status in _DELETED:
            raise JobDeletedError(job_name, status, response)
        if status not in _KNOWN and status not in unknown:
            # A status newer than this release: it may end the job or not, so the wait goes
            # on (bounded by the timeout) and says so once.
            unknown.add(status)
            logger.warning(
                "waiting for job %r: status %r is not one irclient knows; waiting on",
                job_name,
                status,
            )
        return False

    try:
        return poll_until(
            client.retry,
            lambda: client.describe_inference_recommendations_job(job_name=job_name),
            done=done,
            status=lambda response: str(response.status),
            what="job",
            name=job_name,
            poll_interval=poll_interval,
            # Without a timeout, the job's own limit bounds the wait once a poll has read
            # it; until then, the longest any job may run.
            limit=timeout
            if timeout is not None
            else float(MAX_JOB_SECONDS + TIMEOUT_MARGIN_SECONDS),
            limit_of=None if timeout is not None else _default_timeout,
        )
    finally:
        if bar is not None:
            bar.close()


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
