"""The operation table drives the client, the pipeline, the simulator and the generator.

An operation added to the table (here a made-up, paginated ``ListMadeUpThings``) is picked
up by the pipeline's pages and items, the unreadable-body check, and the moto simulator's
dispatch; an operation added to the generator's input gets typed client methods.
"""

from __future__ import annotations

import dataclasses
import importlib
import shutil
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.sagemaker.responses import SageMakerResponse

from irclient import InferenceRecommenderClient, RetryPolicy
from irclient._core.pipeline import Pipeline
from irclient.models import (
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobStepsRequest,
    ListInferenceRecommendationsJobStepsResponse,
    _base,
    _specs,
)
from irclient.testing import _moto, _paginator
from irclient.testing._simulator import InferenceRecommenderState, SimulatedError

ROOT = Path(__file__).resolve().parents[2]

_STEPS = _specs.OPERATIONS["ListInferenceRecommendationsJobSteps"].paginator
assert _STEPS is not None
MADE_UP = _base.Operation(
    name="ListMadeUpThings",
    method="list_made_up_things",
    input=ListInferenceRecommendationsJobStepsRequest,
    output=ListInferenceRecommendationsJobStepsResponse,
    paginator=dataclasses.replace(
        _STEPS,
        input_token="Cursor",
        output_token="NextToken",
        limit_key="MaxResults",
        limit_max=3,
    ),
)


@pytest.fixture
def made_up(monkeypatch: pytest.MonkeyPatch) -> _base.Operation:
    monkeypatch.setitem(_specs.OPERATIONS, MADE_UP.name, MADE_UP)
    return MADE_UP


class _Boto:
    """A stand-in boto3 client with the made-up operation: three pages of steps."""

    def __init__(self) -> None:
        self.params: list[dict[str, Any]] = []

    def list_made_up_things(self, **params: Any) -> dict[str, Any]:
        self.params.append(params)
        start = int(params.get("Cursor", 0))
        end = min(start + params.get("MaxResults", 2), 5)
        page: dict[str, Any] = {
            "Steps": [
                {"StepType": "BENCHMARK", "JobName": "job", "Status": "COMPLETED", "Index": i}
                for i in range(start, end)
            ]
        }
        if end < 5:
            page["NextToken"] = str(end)
        return page


def test_the_pipeline_pages_any_operation_by_its_spec(made_up: _base.Operation) -> None:
    boto = _Boto()
    pipeline = Pipeline(boto, RetryPolicy(), validate=True)
    request = ListInferenceRecommendationsJobStepsRequest(job_name="job")
    pages = list(pipeline.pages(made_up, request, None))
    assert [len(p.steps) for p in pages] == [2, 2, 1]
    assert all(isinstance(p, ListInferenceRecommendationsJobStepsResponse) for p in pages)
    # The made-up spec's own request token name went on the wire.
    assert [p.get("Cursor") for p in boto.params] == [None, "2", "4"]
    items = list(pipeline.items(made_up, request, 4))
    assert len(items) == 4 and all(isinstance(s, InferenceRecommendationsJobStep) for s in items)
    # max_items sizes the pages within the spec's limit maximum (3).
    assert [p["MaxResults"] for p in boto.params[3:]] == [3, 1]


def test_the_body_check_covers_every_operation_of_the_table(made_up: _base.Operation) -> None:
    session = boto3.Session(aws_access_key_id="t", aws_secret_access_key="t")
    client = InferenceRecommenderClient(session=session, region_name="us-east-1")
    events = client.boto3_client.meta.events

    class _Response:
        status_code = 200
        content = b"<html>proxy error</html>"

    parsed: dict[str, Any] = {"ResponseMetadata": {}}
    events.emit(
        f"after-call.sagemaker.{made_up.name}",
        http_response=_Response(),
        parsed=parsed,
        model=None,
        context={},
    )
    assert parsed.get("irclient:MalformedBody") is True


def test_the_simulator_serves_every_operation_of_the_table(made_up: _base.Operation) -> None:
    assert made_up.method in _moto.methods()
    _moto.install()
    try:
        handler = getattr(SageMakerResponse, made_up.method)
        assert handler._irclient is True
        assert _moto.installed()
    finally:
        _moto.uninstall()
    assert not hasattr(SageMakerResponse, made_up.method)
    # An operation with no behaviour in the simulator answers like an unknown action.
    state = InferenceRecommenderState(
        account_id="123456789012",
        region="us-east-1",
        partition="aws",
    )
    with pytest.raises(SimulatedError) as caught:
        state.dispatch(made_up.method, {})
    assert caught.value.code == "UnknownOperationException"


def test_an_operation_added_to_the_generators_input_gets_client_methods(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import codegen
    finally:
        sys.path.remove(str(ROOT / "tools"))
    added = codegen.OperationInput("ListModels", pages="iter_model_pages", items="iter_models")
    files = codegen.render(codegen.load_model(), (*codegen.OPERATIONS, added))
    package = tmp_path / "madeup_models"
    package.mkdir()
    for name, text in files.items():
        (package / name).write_text(text)
    shutil.copy(ROOT / "src" / "irclient" / "models" / "_base.py", package / "_base.py")
    monkeypatch.syspath_prepend(str(tmp_path))
    client_module = importlib.import_module("madeup_models._client")
    specs = importlib.import_module("madeup_models._specs")
    shapes = importlib.import_module("madeup_models.shapes")

    operation = specs.OPERATIONS["ListModels"]
    assert operation.method == "list_models"
    assert operation.paginator.result_attribute == "models"
    assert operation.paginator.limit_key == "MaxResults"

    calls: list[tuple[str, Any, Any]] = []

    class _Recorder:
        def items(self, op: Any, request: Any, max_items: Any) -> Any:
            calls.append((op.name, request, max_items))
            return iter(())

        def call(self, op: Any, request: Any, fields: Any) -> Any:
            calls.append((op.name, request, fields))

    class Client(client_module.Operations):  # type: ignore[misc, name-defined]
        __slots__ = ("_pipeline",)

        def __init__(self) -> None:
            self._pipeline = _Recorder()

    client = Client()
    list(client.iter_models(name_contains="resnet", page_size=5, max_items=7))
    client.list_models(name_contains="x")
    name, request, max_items = calls[0]
    assert name == "ListModels" and max_items == 7
    assert request == shapes.ListModelsInput(name_contains="resnet", max_results=5)
    assert calls[1] == ("ListModels", None, {"name_contains": "x"})
    assert "name_contains" in client_module.Operations.iter_model_pages.__doc__


def test_the_simulators_pages_take_their_keys_from_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rename the steps operation's token and result keys in the table: the simulator's page
    # must follow, since it names no paginator key of its own.
    assert _STEPS is not None
    renamed = dataclasses.replace(
        _STEPS, input_token="Cursor", output_token="Continue", result_key="Things"
    )
    operation = dataclasses.replace(
        _specs.OPERATIONS["ListInferenceRecommendationsJobSteps"], paginator=renamed
    )
    monkeypatch.setitem(_specs.OPERATIONS, operation.name, operation)
    items = [{"n": i} for i in range(5)]
    first = _paginator.paginate(operation.name, items, {"JobName": "j", "MaxResults": 2})
    assert first["Things"] == items[:2]
    assert "NextToken" not in first and first["Continue"]
    second = _paginator.paginate(
        operation.name, items, {"JobName": "j", "MaxResults": 2, "Cursor": first["Continue"]}
    )
    assert second["Things"] == items[2:4]
    # A token belongs to the filters it was issued for.
    with pytest.raises(_paginator.PageError):
        _paginator.paginate(
            operation.name,
            items,
            {"JobName": "other", "MaxResults": 2, "Cursor": first["Continue"]},
        )
