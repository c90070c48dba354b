"""Everything irclient knows about moto's internals, in one place.

* Every operation of irclient's table (``irclient.models._specs.OPERATIONS``) becomes a
  method of moto's ``SageMakerResponse``: moto dispatches a JSON request to the method named
  after its ``X-Amz-Target`` action, in process under ``mock_aws`` and in its server alike.
* A job's state hangs on moto's own SageMaker backend for the request's account and Region,
  so it is per account, per Region, and gone when moto resets (a reset re-initialises every
  backend).
* A job's status is a moto ``ManagedState`` under the model name
  ``sagemaker::inference-recommendations-job``, so ``state_manager.set_transition`` drives it
  as it drives moto's own models.
* A job's log lines go straight into moto's CloudWatch Logs backend of the same account and
  Region (past the API's "no more than 2 hours ahead" check: simulated benchmark times run
  ahead of the clock), so any CloudWatch Logs client reads them, in process and in server
  mode alike.

* moto's endpoint configurations accept only the instance types of its own, years-old list;
  the simulator's recommendations name current ones (``ml.g5.xlarge``, ``ml.c7g.2xlarge``),
  so :func:`install` widens the check to every type botocore's SageMaker model knows.

It leans only on long-standing parts of moto (the response class, ``JsonRESTError``, the
backend dicts, ``ManagedState``, the logs backend's groups); the ``testing`` extra pins
``moto[server]>=5.1,<6``.
"""

from __future__ import annotations

import datetime
import functools
import json
import threading
from collections.abc import Callable, Sequence
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.logs.models import logs_backends
from moto.moto_api import state_manager
from moto.moto_api._internal.managed_state_model import ManagedState
from moto.sagemaker.models import FakeEndpointConfig, sagemaker_backends
from moto.sagemaker.responses import SageMakerResponse

from ..models import _specs
from ._simulator import MODEL_NAME, InferenceRecommenderState, SimulatedError

__all__ = ["install", "installed", "methods", "state_for", "uninstall"]


def methods() -> tuple[str, ...]:
    """The boto3 method names of the table's operations: the names moto dispatches to.

    Read from the table on every call, so that an operation added to it is served too.
    """
    return tuple(op.method for op in _specs.OPERATIONS.values())


_STATE_ATTRIBUTE = "_irclient_inference_recommender"
_install_lock = threading.Lock()
_state_lock = threading.Lock()

# moto's default for a model it was not told about is immediate as well; registering it
# makes the model show up in moto's list of registered models.
state_manager.register_default_transition(MODEL_NAME, {"progression": "immediate"})


class _JobLifecycle(ManagedState):
    """PENDING -> IN_PROGRESS -> COMPLETED (or FAILED); after a stop, STOPPING -> STOPPED."""

    def __init__(self, failing: bool) -> None:
        end = "FAILED" if failing else "COMPLETED"
        super().__init__(MODEL_NAME, [("PENDING", "IN_PROGRESS"), ("IN_PROGRESS", end)])

    def read(self) -> str:
        return str(self.status)

    def peek(self) -> str:
        if state_manager.get_transition(MODEL_NAME)["progression"] == "immediate":
            # Under the immediate progression any read completes the job; a stop that
            # arrives before the first describe must still find it running.
            return str(self._status)
        return self.read()

    def current(self) -> str:
        return str(self._status)

    def stop(self) -> None:
        self._transitions = [("STOPPING", "STOPPED")]
        self._status = "STOPPING"
        self._tick = 0
        self._time_progressed = datetime.datetime.now()


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


class _MotoLogSink:
    """Writes log lines into moto's CloudWatch Logs backend of one account and Region."""

    def __init__(self, account_id: str, region: str) -> None:
        self._account_id = account_id
        self._region = region

    def write(self, group: str, stream: str, lines: Sequence[tuple[int, str]]) -> None:
        # Looked up on each write: a moto reset replaces the backend.
        backend = logs_backends[self._account_id][self._region]
        if group not in backend.groups:
            backend.create_log_group(group, tags={})
        log_group = backend.groups[group]
        if stream not in log_group.streams:
            log_group.create_log_stream(stream)
        log_group.put_log_events(
            stream, [{"timestamp": when, "message": message} for when, message in lines]
        )


def unknown_region(region: str) -> str | None:
    """What to answer for a Region SageMaker does not have; None for one it has.

    moto keeps no backend for it (a ``KeyError``, a 500 in server mode); on AWS there is no
    endpoint to connect to. Either way the user mistyped a Region: say so, with the nearest.
    """
    from .._core.regions import known_regions, region_hint

    if region in known_regions():
        return None
    return region_hint(region)


def state_for(account_id: str, region: str) -> InferenceRecommenderState:
    """The simulator state of one account and Region, created on first use."""
    backend = sagemaker_backends[account_id][region]
    with _state_lock:
        state = backend.__dict__.get(_STATE_ATTRIBUTE)
        if state is None:
            state = InferenceRecommenderState(
                account_id=account_id,
                region=region,
                partition=_partition(region),
                lifecycle=_JobLifecycle,
                logs=_MotoLogSink(account_id, region),
            )
            setattr(backend, _STATE_ATTRIBUTE, state)
    assert isinstance(state, InferenceRecommenderState)
    return state


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.timestamp()  # the JSON protocol's timestamps are epoch seconds
    raise TypeError(f"cannot serialise {type(value).__name__}")


_HEADERS = {"Content-Type": "application/x-amz-json-1.1"}
_Response = tuple[int, dict[str, str], str]


def _handler(operation: str) -> Callable[[SageMakerResponse], _Response]:
    # The body is serialised here, not by moto's model-driven serialiser, and errors are
    # JsonRESTError: the oldest and steadiest of moto's response paths.
    def handle(self: SageMakerResponse) -> _Response:
        try:
            body = json.loads(self.body or "{}")
        except ValueError:
            raise JsonRESTError("SerializationException", "The request body is not JSON") from None
        if not isinstance(body, dict):
            raise JsonRESTError("SerializationException", "The request body is not an object")
        unknown = unknown_region(self.region)
        if unknown is not None:
            raise JsonRESTError("ValidationException", unknown)
        state = state_for(self.current_account, self.region)
        try:
            result = state.dispatch(operation, body)
        except SimulatedError as exc:
            raise JsonRESTError(exc.code, exc.message) from None
        return 200, dict(_HEADERS), json.dumps(result or {}, default=_json_default)

    handle.__name__ = handle.__qualname__ = operation
    handle.__doc__ = f"irclient's simulated {operation}."
    handle._irclient = True  # type: ignore[attr-defined]
    return handle


_moto_instance_check = FakeEndpointConfig.validate_instance_type


@functools.cache
def _instance_types() -> frozenset[str]:
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    return frozenset(model.shape_for("ProductionVariantInstanceType").enum)


def _validate_instance_type(self: FakeEndpointConfig, instance_type: str) -> None:
    if instance_type in _instance_types():
        return
    _moto_instance_check(self, instance_type)


_validate_instance_type._irclient = True  # type: ignore[attr-defined]


def installed() -> bool:
    """Whether moto's SageMaker service answers every operation of the table through irclient."""
    return all(
        getattr(getattr(SageMakerResponse, name, None), "_irclient", False) for name in methods()
    )


def install() -> None:
    """Add every operation of the table to moto's SageMaker service (idempotent)."""
    with _install_lock:
        for name in methods():
            if not getattr(getattr(SageMakerResponse, name, None), "_irclient", False):
                setattr(SageMakerResponse, name, _handler(name))
        FakeEndpointConfig.validate_instance_type = _validate_instance_type  # type: ignore[method-assign]


def uninstall() -> None:
    """Remove what :func:`install` added."""
    with _install_lock:
        for name in list(vars(SageMakerResponse)):
            if getattr(SageMakerResponse.__dict__.get(name), "_irclient", False):
                delattr(SageMakerResponse, name)
        FakeEndpointConfig.validate_instance_type = _moto_instance_check  # type: ignore[method-assign]


def set_transition(transition: dict[str, Any]) -> None:
    """Set the progression of every job (moto's ``state_manager.set_transition``)."""
    state_manager.set_transition(MODEL_NAME, transition)


def unset_transition() -> None:
    """Go back to the default (immediate) progression."""
    state_manager.unset_transition(MODEL_NAME)


def current_transition() -> dict[str, Any] | None:
    """The transition set for jobs, or None when the default applies."""
    transition = state_manager.get_transition(MODEL_NAME)
    return None if transition == {"progression": "immediate"} else dict(transition)
