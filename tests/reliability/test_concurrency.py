"""One client shared by 16 threads, 100 mixed calls each, against the loopback simulator."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator

import pytest
import requests

from client_support import ensure_model
from irclient import InferenceRecommenderClient, RetryPolicy
from irclient.models import RecommendationJobInputConfig
from irclient.testing import MODEL_NAME

from .conftest import ROLE, boto3_client
from .report import FIGURES

pytestmark = pytest.mark.reliability

THREADS = 16
CALLS = 100
ROUNDS = CALLS // 5


@pytest.fixture
def jobs_hold_still(moto_url: str) -> Iterator[None]:
    # Under the default progression a job finishes the first time any thread lists jobs,
    # so another thread could finish a job between its create and its stop.
    api = f"{moto_url}/moto-api/state-manager"
    transition: dict[str, str | int] = {"progression": "manual", "times": 1_000_000}
    requests.post(
        f"{api}/set-transition",
        json={"model_name": MODEL_NAME, "transition": transition},
        timeout=10,
    )
    try:
        yield
    finally:
        requests.post(f"{api}/unset-transition", json={"model_name": MODEL_NAME}, timeout=10)


def test_one_client_shared_by_16_threads(moto_url: str, jobs_hold_still: None) -> None:
    client = InferenceRecommenderClient(
        boto3_client(moto_url, read_timeout=60, pool=THREADS), retry=RetryPolicy(max_attempts=1)
    )
    for index in range(THREADS):  # the models the threads' jobs name
        ensure_model(client.boto3_client, f"model-{index}")
    errors: list[str] = []
    calls = [0] * THREADS
    start = threading.Barrier(THREADS)

    def work(thread: int) -> None:
        prefix = f"t{thread:02d}-"
        try:
            start.wait(timeout=30)
            for round_ in range(ROUNDS):
                name = f"{prefix}r{round_:03d}"
                created = client.create_inference_recommendations_job(
                    job_name=name,
                    job_type="Default",
                    role_arn=ROLE,
                    input_config=RecommendationJobInputConfig(model_name=f"model-{thread}"),
                )
                assert created.job_arn.endswith(f"/{name}")
                client.stop_inference_recommendations_job(job_name=name)
                job = client.describe_inference_recommendations_job(job_name=name)
                assert job.job_name == name and job.input_config.model_name == f"model-{thread}"
                assert job.status in ("STOPPING", "STOPPED")
                page = client.list_inference_recommendations_job_steps(job_name=name)
                assert {step.job_name for step in page.steps or ()} <= {name}
                mine = client.list_inference_recommendations_jobs(
                    name_contains=prefix, max_results=100
                )
                names = [j.job_name for j in mine.inference_recommendations_jobs]
                assert all(n.startswith(prefix) for n in names)
                assert len(names) == round_ + 1
                calls[thread] += 5
        except Exception:  # reported below, with the thread's traceback
            errors.append(f"thread {thread}:\n{traceback.format_exc()}")

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    FIGURES.threads, FIGURES.calls_per_thread = THREADS, CALLS
    FIGURES.concurrency_errors = len(errors) + sum(t.is_alive() for t in threads)
    FIGURES.requests(sum(calls))
    assert not errors, errors[0]
    assert not any(t.is_alive() for t in threads)
    assert calls == [CALLS] * THREADS
