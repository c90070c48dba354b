"""Waiting for a recommendation job to end: irclient's waiter (botocore has none for it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from .errors import IRClientError, JobFailedError, WaitTimeoutError
from .models.enums import RecommendationJobStatus, RecommendationStepType
from .retry import is_retryable

if TYPE_CHECKING:
    from .client import InferenceRecommenderClient
    from .models.shapes import DescribeInferenceRecommendationsJobResponse

__all__ = ["wait_for_job"]

logger = logging.getLogger("irclient")

_DONE: Final = frozenset({RecommendationJobStatus.COMPLETED, RecommendationJobStatus.STOPPED})
_STEP_FINISHED: Final = frozenset(
    {
        RecommendationJobStatus.COMPLETED,
        RecommendationJobStatus.FAILED,
        RecommendationJobStatus.STOPPED,
    }
)


def _progress_bar(job_name: str) -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError as exc:
        raise ImportError(
            "wait_for_job(progress=True) needs tqdm, an optional dependency: "
            "pip install 'irclient[notebook]' (or pip install tqdm)"
        ) from exc
    return tqdm(total=None, desc=job_name, unit="step")


def wait_for_job(
    client: InferenceRecommenderClient,
    job_name: str,
    *,
    poll_interval: float,
    timeout: float | None,
    on_poll: Callable[[DescribeInferenceRecommendationsJobResponse], object] | None,
    progress: bool,
) -> DescribeInferenceRecommendationsJobResponse:
    """Poll a job until it ends (see :meth:`irclient.InferenceRecommenderClient.wait_for_job`)."""
    if poll_interval < 0:
        raise ValueError(f"poll_interval must be >= 0, got {poll_interval!r}")
    if timeout is not None and timeout < 0:
        raise ValueError(f"timeout must be >= 0 or None, got {timeout!r}")
    bar = _progress_bar(job_name) if progress else None
    clock, sleep = client.retry.clock, client.retry.sleep
    started = clock()
    last_status: str | None = None
    try:
        while True:
            try:
                response = client.describe_inference_recommendations_job(job_name=job_name)
            except IRClientError as exc:
                if not is_retryable(exc):
                    raise
                logger.warning("waiting for job %r: poll failed (%s); polling on", job_name, exc)
            else:
                last_status = str(response.status)
                if on_poll is not None:
                    on_poll(response)
                if bar is not None:
                    _show_progress(client, bar, job_name, last_status)
                if response.status in _DONE:
                    return response
                if response.status == RecommendationJobStatus.FAILED:
                    raise JobFailedError(job_name, response.failure_reason, response)
            if timeout is None:
                sleep(poll_interval)
                continue
            left = timeout - (clock() - started)
            if left <= 0:
                raise WaitTimeoutError(job_name, timeout, last_status)
            sleep(min(poll_interval, left))
    finally:
        if bar is not None:
            bar.close()


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
