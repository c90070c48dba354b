"""Choosing what to deploy: the job's describe response, and the recommendation meant."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ValidationError, Violation
from ..models.shapes import DescribeInferenceRecommendationsJobResponse, InferenceRecommendation

if TYPE_CHECKING:
    from ..analysis import Benchmark
    from ..client import InferenceRecommenderClient

__all__ = ["describe_job", "resolve_recommendation"]


def describe_job(
    client: InferenceRecommenderClient, job: str | DescribeInferenceRecommendationsJobResponse
) -> DescribeInferenceRecommendationsJobResponse:
    """The job's describe response: ``job`` itself, or read by its name."""
    if isinstance(job, DescribeInferenceRecommendationsJobResponse):
        return job
    if not isinstance(job, str):
        raise TypeError(
            f"job must be a job name or its describe response, got {type(job).__name__}"
        )
    return client.describe_inference_recommendations_job(job_name=job)


def _refusal(field: str, rule: str, message: str) -> ValidationError:
    return ValidationError([Violation(field, rule, message)])


def _wanted(
    job: DescribeInferenceRecommendationsJobResponse,
    recommendation: str | Benchmark | InferenceRecommendation,
) -> tuple[str | None, str | None]:
    """(recommendation ID, benchmark endpoint name) that ``recommendation`` names."""
    from ..analysis import Benchmark

    if isinstance(recommendation, str):
        return recommendation, None
    if isinstance(recommendation, InferenceRecommendation):
        return (
            recommendation.recommendation_id,
            recommendation.endpoint_configuration.endpoint_name,
        )
    if isinstance(recommendation, Benchmark):
        if recommendation.job_name not in (None, job.job_name):
            raise _refusal(
                "recommendation",
                "recommendation_in_job",
                f"the benchmark is from job {recommendation.job_name!r}, not {job.job_name!r}",
            )
        return recommendation.recommendation_id, recommendation.endpoint_name
    raise TypeError(
        "recommendation must be a recommendation ID, a Benchmark or an "
        f"InferenceRecommendation, got {type(recommendation).__name__}"
    )


def resolve_recommendation(
    job: DescribeInferenceRecommendationsJobResponse,
    recommendation: str | Benchmark | InferenceRecommendation,
) -> InferenceRecommendation:
    """The job's recommendation that ``recommendation`` stands for.

    Args:
        job: The completed job's describe response.
        recommendation: A recommendation ID; a :class:`~irclient.analysis.Benchmark` with a
            recommendation ID, or whose endpoint is one a recommendation names (a benchmark
            step of the job); or an :class:`~irclient.models.InferenceRecommendation`.

    Returns:
        The recommendation, as the job reports it.

    Raises:
        irclient.ValidationError: The job has not completed, or has no such recommendation.
        TypeError: ``recommendation`` is none of the above.
    """
    status = str(job.status)
    recommendations = job.inference_recommendations or ()
    if status != "COMPLETED" or not recommendations:
        raise _refusal(
            "job",
            "job_completed",
            f"job {job.job_name!r} is {status} with {len(recommendations)} "
            "recommendations; only a COMPLETED job's recommendations can be deployed",
        )
    wanted_id, wanted_endpoint = _wanted(job, recommendation)
    for candidate in recommendations:
        if wanted_id is not None and candidate.recommendation_id == wanted_id:
            return candidate
    if wanted_id is None and wanted_endpoint is not None:
        for candidate in recommendations:
            if candidate.endpoint_configuration.endpoint_name == wanted_endpoint:
                return candidate
    shown = wanted_id if wanted_id is not None else f"endpoint {wanted_endpoint}"
    known = ", ".join(str(r.recommendation_id) for r in recommendations)
    raise _refusal(
        "recommendation",
        "recommendation_in_job",
        f"{shown!r} is not one of the recommendations of job {job.job_name!r} ({known})",
    )
