"""Benchmarks of the generative-AI operations: irclient against raw boto3, on the same fakes.

Describes and list pages go through botocore's whole path against the benchmarks' in-memory
fake (``benchdata.add_ai``); the benchmark results reader reads one large ``output.tar.gz``
from moto's in-process S3, against boto3 finding and getting the same archive
(``list_objects_v2``, ``get_object``) and a plain ``tarfile`` and ``json`` read of it.
Imported by ``bench.py``, which runs and reports them.
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3

from irclient.benchmarks import get_ai_benchmark_results

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the tests' builder
import aiperf_exports  # imported after the path is set
import benchdata

Compare = Callable[..., dict[str, float]]

LEVELS = 64
"""Concurrency levels in the benchmark results archive (one export file each)."""
RECORDS = 2000
"""Lines of each level's per-request records file, which the reader skips."""
BUCKET = "bench-output"


def bench_ai_operations(
    compare: Compare, ours: Any, raw: Any, rounds: int
) -> dict[str, dict[str, float]]:
    """Describe of each job kind and a page of each list, irclient vs raw boto3."""
    pages = benchdata.AI_PAGE
    return {
        "AI benchmark job describe": compare(
            lambda: ours.describe_ai_benchmark_job(ai_benchmark_job_name="llama-bench"),
            lambda: raw.describe_ai_benchmark_job(AIBenchmarkJobName="llama-bench"),
            number=200,
            rounds=rounds,
        ),
        "AI recommendation job describe (50 recommendations)": compare(
            lambda: ours.describe_ai_recommendation_job(ai_recommendation_job_name="llama-sizing"),
            lambda: raw.describe_ai_recommendation_job(AIRecommendationJobName="llama-sizing"),
            number=40,
            rounds=rounds,
        ),
        f"list AI benchmark jobs (a {pages}-job page)": compare(
            lambda: ours.list_ai_benchmark_jobs(max_results=pages),
            lambda: raw.list_ai_benchmark_jobs(MaxResults=pages),
            number=20,
            rounds=rounds,
        ),
        f"list AI recommendation jobs (a {pages}-job page)": compare(
            lambda: ours.list_ai_recommendation_jobs(max_results=pages),
            lambda: raw.list_ai_recommendation_jobs(MaxResults=pages),
            number=20,
            rounds=rounds,
        ),
        f"list AI workload configs (a {pages}-config page)": compare(
            lambda: ours.list_ai_workload_configs(max_results=pages),
            lambda: raw.list_ai_workload_configs(MaxResults=pages),
            number=20,
            rounds=rounds,
        ),
    }


def results_archive() -> bytes:
    """A concurrency sweep's ``output.tar.gz`` with large per-request record files."""
    levels = [2**i for i in range(7)] + list(range(65, 65 + LEVELS - 7))
    members: dict[str, Any] = {}
    record = json.dumps({"metadata": {"x_request_id": "0" * 32}, "metrics": {"ttft": 1.0}})
    for level in levels:
        where = f"./concurrency_{level}/"
        members[where + "profile_export_aiperf.json"] = aiperf_exports.profile_export(
            concurrency=level, variation={"phases.profiling.concurrency": level}
        )
        members[where + "profile_export.jsonl"] = (record + "\n").encode() * RECORDS
    members["./sweep_aggregate/profile_export_aiperf_sweep.json"] = aiperf_exports.sweep_aggregate(
        levels
    )
    return aiperf_exports.tar_gz(members)


def plain_read(s3: Any, prefix: str) -> list[dict[str, Any]]:
    """What a script without irclient does: find the archive below the job's output
    location, get it, untar it and parse each export file."""
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix)["Contents"]
    (key,) = [o["Key"] for o in listed if o["Key"].endswith(".tar.gz")]
    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    out = []
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith("/profile_export_aiperf.json"):
                handle = archive.extractfile(member)
                assert handle is not None
                out.append(json.loads(handle.read()))
    return out


def bench_results_reader(compare: Compare, rounds: int) -> dict[str, dict[str, float]]:
    """``get_ai_benchmark_results`` on a large archive vs boto3 plus tarfile and json."""
    from moto import mock_aws

    import irclient

    with mock_aws():
        session = boto3.Session(
            aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1"
        )
        s3 = session.client("s3")
        s3.create_bucket(Bucket=BUCKET)
        key = "llama-bench/output/output.tar.gz"
        archive = results_archive()
        s3.put_object(Bucket=BUCKET, Key=key, Body=archive)
        ours = irclient.InferenceRecommenderClient(session=session)
        job = benchdata.ai_benchmark_job()
        prefix = "llama-bench/"
        assert len(get_ai_benchmark_results(ours, job)) == len(plain_read(s3, prefix)) == LEVELS
        result = compare(
            lambda: get_ai_benchmark_results(ours, job),
            lambda: plain_read(s3, prefix),
            number=3,
            rounds=rounds,
        )
    result["archive_mib"] = len(archive) / 2**20
    return {f"AI benchmark results ({LEVELS} levels, one archive)": result}
