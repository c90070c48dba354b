"""The tutorial notebook runs from start to end on the simulator and shows a table and a plot."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import nbclient
import nbformat
import pytest

import irclient

DOCS = Path(__file__).resolve().parent.parent / "docs"
TUTORIAL = DOCS / "tutorial.ipynb"


def outputs(nb: Any) -> list[dict[str, Any]]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


@pytest.fixture(scope="module")
def executed() -> Any:
    nb = nbformat.read(TUTORIAL, as_version=4)  # type: ignore[no-untyped-call]
    assert not outputs(nb), "the notebook is committed without outputs: the docs build runs it"
    # The kernel is a fresh interpreter: let it import this irclient, not another install.
    src = str(Path(irclient.__file__).resolve().parent.parent)
    path = os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(DOCS)}},
    )
    # The kernel chooses Jupyter's inline backend itself unless told otherwise.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    client.execute(env={**env, "PYTHONPATH": path})
    return nb


def test_the_tutorial_runs_without_errors(executed: Any) -> None:
    assert not [o for o in outputs(executed) if o["output_type"] == "error"]
    streams = [o for o in outputs(executed) if o["output_type"] == "stream"]
    assert not [o for o in streams if o["name"] == "stderr"], streams


def test_the_tutorial_shows_html_tables(executed: Any) -> None:
    tables = [
        o["data"]["text/html"]
        for o in outputs(executed)
        if "text/html" in o.get("data", {}) and "irclient-table" in o["data"]["text/html"]
    ]
    # The job, the steps, the ranking, the choice and the Pareto front (pandas draws its own).
    assert len(tables) >= 5
    failed = [t for t in tables if "\u2718&nbsp;FAILED" in t]
    assert failed and "ml.inf1.xlarge" in failed[0]  # the steps table shows the failed step


def test_the_tutorial_draws_a_png_plot(executed: Any) -> None:
    pngs = [o["data"]["image/png"] for o in outputs(executed) if "image/png" in o.get("data", {})]
    assert len(pngs) == 2  # one job's trade-off, then the two jobs compared
    assert all(base64.b64decode(png).startswith(b"\x89PNG") for png in pngs)


def test_the_tutorial_picks_an_instance_within_its_limits(
    executed: Any,
) -> None:
    answers = [
        o["data"]["text/plain"]
        for o in outputs(executed)
        if o["output_type"] == "execute_result" and o["data"]["text/plain"].startswith("('ml.")
    ]
    assert len(answers) == 1
    instance_type, _, latency = answers[0].strip("()").split(", ")
    assert instance_type.strip("'").startswith("ml.") and int(latency) <= 60


def test_the_tutorial_ranks_by_weights_and_compares_two_jobs(executed: Any) -> None:
    sources = [c.source for c in executed.cells if c.cell_type == "code"]
    assert any("rank_weighted(weights)" in s for s in sources)
    tables = [
        o["data"]["text/html"]
        for o in outputs(executed)
        if "text/html" in o.get("data", {}) and "irclient-table" in o["data"]["text/html"]
    ]
    scored = [t for t in tables if "<th>score</th>" in t]
    assert len(scored) >= 2  # the weighted ranking, then the comparison
    compared = [t for t in scored if "<th>job</th>" in t]
    assert compared and "resnet50-sizing" in compared[0] and "resnet50-default" in compared[0]
    frames = [
        o["data"]["text/html"]
        for o in outputs(executed)
        if 'class="dataframe' in o.get("data", {}).get("text/html", "")
        and "<th>job_name</th>" in o["data"]["text/html"]
    ]
    assert frames and "resnet50-default" in frames[0] and "<th>score</th>" in frames[0]


def test_the_tutorial_diagnoses_the_failures(executed: Any) -> None:
    pages = [o["data"]["text/html"] for o in outputs(executed) if "text/html" in o.get("data", {})]
    report = next(p for p in pages if "failed step(s)" in p)
    assert "ml.inf1.xlarge" in report
    assert "The model container failed on the sample payload" in report
    assert "ValueError: the request body could not be decoded" in report  # the endpoint's log
    results = "".join(
        o["data"]["text/plain"] for o in outputs(executed) if o["output_type"] == "execute_result"
    )
    assert "[resnet50-quota/execution] ERROR Job failed: ResourceLimitExceeded" in results
    quota = next(p for p in pages if "A SageMaker quota was hit" in p)
    assert "&#x27;ml.g4dn.xlarge for endpoint usage&#x27; (currently 0 Instances)" in quota


def test_the_tutorial_ends_with_the_choice_deployed_and_autoscaled(executed: Any) -> None:
    results = [
        o["data"]["text/plain"] for o in outputs(executed) if o["output_type"] == "execute_result"
    ]
    planned = next(r for r in results if r.startswith("['CreateEndpointConfig'"))
    assert "'RegisterScalableTarget'" in planned and "'PutScalingPolicy'" in planned
    deployed = next(r for r in results if r.startswith("('resnet50-sizing-"))
    assert "'InService'" in deployed
    assert "('endpoint configuration', 'endpoint')" in deployed  # created by the first call
    assert deployed.rstrip().endswith("())")  # the second call created nothing
    read_back = results[-1]
    assert "'InstanceType': 'ml.c6i.large'" in read_back
    assert "'PredefinedMetricType': 'SageMakerVariantInvocationsPerInstance'" in read_back


def test_the_tutorial_sizes_an_llm_offline(executed: Any) -> None:
    results = [
        o["data"]["text/plain"] for o in outputs(executed) if o["output_type"] == "execute_result"
    ]
    assert "('Completed', 6)" in results
    (ranked,) = [r for r in results if r.startswith("<AIRecommendations: ")]
    # Cheapest per million output tokens first, among those within 500 ms to the first token.
    assert ranked.splitlines()[2].split()[1] == "ml.g6e.2xlarge"
    assert "ml.g5.2xlarge" not in ranked  # its time to first token is over 500 ms
    (deployment,) = [r for r in results if r.startswith("{'image': 'djl-inference:")]
    assert "'OPTION_TENSOR_PARALLEL_DEGREE': '1'" in deployment
    (benchmark,) = [r for r in results if r.startswith("<BenchmarkResults ")]
    assert "TTFT p50" in benchmark


def test_the_tutorial_deploys_the_llm_as_autoscaled_inference_components(executed: Any) -> None:
    results = [
        o["data"]["text/plain"] for o in outputs(executed) if o["output_type"] == "execute_result"
    ]
    planned = next(r for r in results if r.startswith("['CreateModel'"))
    assert "'CreateInferenceComponent'" in planned and "'RegisterScalableTarget'" in planned
    pages = [o["data"]["text/html"] for o in outputs(executed) if "text/html" in o.get("data", {})]
    deployed = next(p for p in pages if "of job llama-sizing)" in p and "AI recommendation" in p)
    assert "Endpoint llama-chat: InService" in deployed
    assert "inference component llama-chat-ic" in deployed
    read_back = next(r for r in results if r.startswith("{'status': "))
    assert read_back.startswith("{'status': 'InService'")
    assert "'sagemaker:inference-component:DesiredCopyCount'" in read_back
    assert "'NumberOfAcceleratorDevicesRequired': 1.0" in read_back
