"""The results of AI benchmark jobs, read from S3 into typed rows: one per load level.

An AI benchmark job (``CreateAIBenchmarkJob``) runs AIPerf against an endpoint and leaves
its output as one ``output.tar.gz`` below its ``OutputConfig.S3OutputLocation``.
:func:`get_ai_benchmark_results` finds it, streams it (never to disk, within
:class:`Limits`) and returns :class:`BenchmarkResults`: every concurrency or sweep level (or
search probe) as a :class:`LevelResult` with time to first token, inter-token latency and
end-to-end request latency (every statistic AIPerf reported), output tokens and requests per
second, and errors. :func:`compare` and :func:`plot_latency_throughput` put several jobs in
one DataFrame and one plot.

A missing, partial, oversized or malformed output is a :class:`~irclient.BenchmarkOutputError`
naming the S3 object (and the file inside the archive); it is never retried, as reading the
same object again gives the same answer.

AI recommendation jobs (``DescribeAIRecommendationJob``), in the units people budget in, are
:mod:`irclient.analysis`'s (:class:`irclient.analysis.AIRecommendations`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._archive import Limits, read_members
from ._export import LevelResult, MetricStats, SearchHistory, SearchIteration
from ._results import BenchmarkResults, compare, plot_latency_throughput

__all__ = [
    "BenchmarkResults",
    "LevelResult",
    "Limits",
    "MetricStats",
    "SearchHistory",
    "SearchIteration",
    "compare",
    "get_ai_benchmark_results",
    "plot_latency_throughput",
    "read_archive",
]


def _location(job: Any) -> tuple[str | None, str | None]:
    """(S3 output location, job name) of a describe response, model or wire form."""
    if isinstance(job, Mapping):
        output = job.get("OutputConfig") or {}
        location, name = output.get("S3OutputLocation"), job.get("AIBenchmarkJobName")
    else:
        output = getattr(job, "output_config", None)
        location = getattr(output, "s3_output_location", None)
        name = getattr(job, "ai_benchmark_job_name", None)
    return (
        location if isinstance(location, str) else None,
        name if isinstance(name, str) else None,
    )


def get_ai_benchmark_results(
    client: Any,
    job: Any = None,
    *,
    s3_output_location: str | None = None,
    archive_key: str | None = None,
    label: str | None = None,
    limits: Limits | None = None,
) -> BenchmarkResults:
    """Read an AI benchmark job's results from its S3 output.

    Args:
        client: An :class:`~irclient.InferenceRecommenderClient` or a boto3 SageMaker client;
            S3 is read with its credentials, Region, endpoint and (for the irclient client)
            retry policy.
        job: The job's ``DescribeAIBenchmarkJob`` response (model or wire-form dict), or its
            name (the client must then be an :class:`~irclient.InferenceRecommenderClient`,
            which describes it).
        s3_output_location: The location to read instead of the job's.
        archive_key: The key of the archive, when several lie below the location.
        label: What tables and plots call this job (an instance type, say).
        limits: Size limits; :class:`Limits` defaults when ``None``.

    Returns:
        Every level's results.

    Raises:
        irclient.BenchmarkOutputError: The output is missing, partial, oversized or
            malformed; the message names the S3 object.
        irclient.ServiceError: S3 refused a request (access denied, no such bucket).
    """
    from ..retry import RetryPolicy
    from ._s3 import read_results, s3_client_for

    job_name: str | None = None
    if isinstance(job, str):
        job_name = job
        describe = getattr(client, "describe_ai_benchmark_job", None)
        if s3_output_location is None:
            if not callable(describe) or not hasattr(client, "aws_client"):
                raise TypeError(
                    "give the job's describe response (or s3_output_location=) to read "
                    "results with a boto3 client; only an InferenceRecommenderClient "
                    "describes a job by name"
                )
            job = describe(ai_benchmark_job_name=job)
    if job is not None and not isinstance(job, str):
        location, job_name = _location(job)
        s3_output_location = s3_output_location or location
    if not s3_output_location:
        raise TypeError(
            "no S3 output location: give the job's describe response or s3_output_location="
        )
    policy = getattr(client, "retry", None)
    policy = policy if isinstance(policy, RetryPolicy) else RetryPolicy()
    return read_results(
        s3_client_for(client),
        policy,
        s3_output_location,
        archive_key=archive_key,
        job_name=job_name,
        label=label,
        limits=limits,
    )


def read_archive(
    fileobj: Any, *, name: str = "<archive>", label: str | None = None, limits: Limits | None = None
) -> BenchmarkResults:
    """Read results from an ``output.tar.gz`` already at hand (a local file, say).

    Args:
        fileobj: A binary file object of the gzip'd tar archive.
        name: What errors call it.
        label: What tables and plots call this job.
        limits: Size limits; :class:`Limits` defaults when ``None``.
    """
    from ._s3 import results_from_members

    members = read_members(fileobj, uri=name, limits=limits or Limits())
    return results_from_members(members, uri=name, label=label)
