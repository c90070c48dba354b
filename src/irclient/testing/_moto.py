"""Everything irclient knows about moto's internals, in one place.

* Every operation of irclient's table (``irclient.models._specs.OPERATIONS``) becomes a
  method of moto's ``SageMakerResponse``: moto dispatches a JSON request to the method named
  after its ``X-Amz-Target`` action, in process under ``mock_aws`` and in its server alike.
* A job's state hangs on moto's own SageMaker backend for the request's account and Region,
  so it is per account, per Region, and gone when moto resets (a reset re-initialises every
  backend).
* A job's pace is moto's state manager's transition for the model name
  ``sagemaker::inference-recommendations-job``, so ``state_manager.set_transition`` (and
  ``/moto-api/state-manager/set-transition``) drives it as it drives moto's own models; the
  simulator's clock (``_simulator.CLOCK``) says what time it is.
* A job's log lines go straight into moto's CloudWatch Logs backend of the same account and
  Region, so any CloudWatch Logs client reads them, in process and in server mode alike.
  Reading a log stream (``GetLogEvents``, ``FilterLogEvents``, ``DescribeLogStreams``) first
  brings that account's and Region's jobs to the clock's time, so lines appear as the jobs'
  time passes whoever reads.
* What a job names (models, model packages, endpoints with their configurations and
  autoscaling) is looked up in moto's SageMaker and Application Auto Scaling backends, and a
  compiled benchmark leaves a compilation job there.
* moto's SageMaker tagging (``AddTags``, ``ListTags``, ``DeleteTags``) finds a job by its
  ARN, so the tags given at create can be listed, added to and deleted.

* The simulator's clock has an endpoint beside moto's own: ``/moto-api/irclient/clock``
  (:data:`CLOCK_PATH`) reports it (``GET``) and moves it (``POST {"advance": seconds}``,
  ``POST {"freeze": true}``), so that a test of a server never sleeps; it is added to moto's
  ``/moto-api`` routes, which the server builds when it first answers one.

* Inference components (``CreateInferenceComponent`` and the rest, which moto lacks) are
  served like the jobs, paced by the transition of ``sagemaker::inference-component``. For
  them moto's endpoint configurations learn what AWS's have: a variant without
  ``ModelName`` (an endpoint for inference components) and the configuration's
  ``ExecutionRoleArn``, kept and described; and moto's Application Auto Scaling accepts an
  inference component's copy count (``inference-component/NAME``,
  ``sagemaker:inference-component:DesiredCopyCount``) as a scalable target.
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

from moto.applicationautoscaling import models as _autoscaling_models
from moto.applicationautoscaling.models import applicationautoscaling_backends
from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.core.exceptions import JsonRESTError
from moto.logs.models import LogsBackend, logs_backends
from moto.moto_api import state_manager
from moto.moto_api._internal import urls as moto_api_urls
from moto.sagemaker.exceptions import ValidationError as SageMakerValidationError
from moto.sagemaker.models import FakeEndpointConfig, SageMakerModelBackend, sagemaker_backends
from moto.sagemaker.responses import SageMakerResponse

from ..models import _specs
from ._simulator import (
    AI_BENCHMARK_MODEL_NAME,
    AI_RECOMMENDATION_MODEL_NAME,
    CLOCK,
    COMPONENT_MODEL_NAME,
    MODEL_NAME,
    EndpointFacts,
    InferenceRecommenderState,
    SimulatedError,
)

__all__ = ["CLOCK_PATH", "install", "installed", "methods", "state_for", "uninstall"]


def methods() -> tuple[str, ...]:
    """The boto3 method names of the table's operations: the names moto dispatches to.

    Read from the table on every call, so that an operation added to it is served too.
    """
    return tuple(op.method for op in _specs.OPERATIONS.values())


_STATE_ATTRIBUTE = "_irclient_inference_recommender"
_install_lock = threading.Lock()
_state_lock = threading.Lock()

MODEL_NAMES = (
    MODEL_NAME,
    AI_BENCHMARK_MODEL_NAME,
    AI_RECOMMENDATION_MODEL_NAME,
    COMPONENT_MODEL_NAME,
)
"""Every job kind's (and the inference components') model name in moto's state manager."""

# moto's default for a model it was not told about is immediate as well; registering it
# makes the model show up in moto's list of registered models.
for _model in MODEL_NAMES:
    state_manager.register_default_transition(_model, {"progression": "immediate"})


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


class _MotoResources:
    """moto's SageMaker resources of one account and Region, as the simulator asks for them."""

    def __init__(self, account_id: str, region: str) -> None:
        self._account_id = account_id
        self._region = region

    def _sagemaker(self) -> Any:
        # Looked up on each use: a moto reset replaces the backend.
        return sagemaker_backends[self._account_id][self._region]

    def model(self, name: str) -> dict[str, Any] | None:
        found = self._sagemaker()._models.get(name)
        return None if found is None else dict(found.gen_response_object())

    def model_package(self, arn: str) -> dict[str, Any] | None:
        backend = self._sagemaker()
        key = backend.model_package_name_mapping.get(arn, arn)
        found = backend.model_packages.get(key)
        if found is None or found.arn != arn:
            return None
        return dict(found.gen_response_object())

    def endpoint(self, name: str) -> EndpointFacts | None:
        backend = self._sagemaker()
        found = backend.endpoints.get(name)
        if found is None:
            return None
        config = backend.endpoint_configs.get(found.endpoint_config_name)
        variants = tuple(config.production_variants if config is not None else ())
        scaling = applicationautoscaling_backends[self._account_id][self._region]
        prefix = f"endpoint/{name}/variant/"
        autoscaled = any(
            resource.startswith(prefix)
            for targets in scaling.targets.values()
            for resource in targets
        )
        return EndpointFacts(
            variants=variants, autoscaled=autoscaled, status=str(found.endpoint_status)
        )

    def create_compilation_job(
        self, name: str, *, role_arn: str, source: Any, output_uri: str, device: str
    ) -> None:
        backend = self._sagemaker()
        if name in backend.compilation_jobs:
            return  # a job of the same name is already there (a retried create)
        backend.create_compilation_job(
            compilation_job_name=name,
            role_arn=role_arn,
            output_config={"S3OutputLocation": output_uri, "TargetDevice": device},
            stopping_condition={"MaxRuntimeInSeconds": 900},
            model_package_version_arn=None,
            input_config=dict(source),
            vpc_config=None,
            tags=[],
        )


class _MotoObjectStore:
    """moto's S3 buckets of one account, as the generative-AI jobs read and write them."""

    def __init__(self, account_id: str, region: str) -> None:
        self._account_id = account_id
        self._region = region

    def _s3(self) -> Any:
        # Looked up on each use: a moto reset replaces the backend.
        from moto.s3.models import s3_backends

        return s3_backends[self._account_id][_partition(self._region)]

    def _bucket(self, name: str) -> Any:
        from moto.s3.exceptions import MissingBucket

        try:
            return self._s3().get_bucket(name)
        except MissingBucket:
            return None

    def objects(self, bucket: str, prefix: str) -> list[tuple[str, int]] | None:
        found = self._bucket(bucket)
        if found is None:
            return None
        return sorted(
            (name, int(key.size))
            for name, key in found.keys.items()
            if name.startswith(prefix) and key is not None
        )

    def read(self, bucket: str, key: str) -> bytes | None:
        found = self._bucket(bucket)
        item = found.keys.get(key) if found is not None else None
        return None if item is None else bytes(item.value)

    def put(self, bucket: str, key: str, data: bytes) -> None:
        self._s3().put_object(bucket, key, data)

    def ensure_bucket(self, bucket: str) -> None:
        if self._bucket(bucket) is None:
            self._s3().create_bucket(bucket, self._region)


def unknown_region(region: str) -> str | None:
    """What to answer for a Region SageMaker does not have; None for one it has.

    moto keeps no backend for it (a ``KeyError``, a 500 in server mode); on AWS there is no
    endpoint to connect to. Either way the user mistyped a Region: say so, with the nearest.
    """
    from .._core.regions import known_regions, region_hint

    if region in known_regions():
        return None
    return region_hint(region)


def _transition() -> dict[str, Any]:
    return dict(state_manager.get_transition(MODEL_NAME))


def _transition_of(model_name: str) -> dict[str, Any]:
    return dict(state_manager.get_transition(model_name))


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
                transition=_transition,
                clock=CLOCK,
                resources=_MotoResources(account_id, region),
                logs=_MotoLogSink(account_id, region),
                store=_MotoObjectStore(account_id, region),
                transitions=_transition_of,
            )
            setattr(backend, _STATE_ATTRIBUTE, state)
    assert isinstance(state, InferenceRecommenderState)
    return state


def _existing_state(account_id: str, region: str) -> InferenceRecommenderState | None:
    """The state of an account and Region if it has one (a log read creates none)."""
    try:
        backend = sagemaker_backends[account_id][region]
    except KeyError:  # a Region without SageMaker
        return None
    state = backend.__dict__.get(_STATE_ATTRIBUTE)
    return state if isinstance(state, InferenceRecommenderState) else None


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


CLOCK_PATH = "/moto-api/irclient/clock"
"""Where moto's server answers for the simulator's clock (``GET`` reads it, ``POST`` moves it)."""

_CLOCK_ROUTE = "{0}" + CLOCK_PATH


def _clock_state() -> _Response:
    frozen, _ = CLOCK.snapshot()
    body = {"now": CLOCK.now().isoformat(), "frozen": frozen is not None}
    return 200, {"Content-Type": "application/json"}, json.dumps(body)


def _clock_error(message: str) -> _Response:
    return 400, {"Content-Type": "application/json"}, json.dumps({"message": message})


def _clock_endpoint(request: Any, full_url: str, headers: Any) -> _Response:  # noqa: ARG001 - moto's handler signature
    """Moto's handler of :data:`CLOCK_PATH`: the clock as JSON, after a ``POST``'s change."""
    if request.method == "GET":
        return _clock_state()
    if request.method != "POST":
        return _clock_error(
            f"{request.method} is not supported: GET reads the clock, POST moves it"
        )
    # A Flask request in the server, a prepared request under mock_aws.
    raw = getattr(request, "data", None) or getattr(request, "body", None) or b"{}"
    try:
        body = json.loads(raw)
    except ValueError:
        return _clock_error("the body is not JSON")
    if not isinstance(body, dict) or not set(body) <= {"advance", "freeze"}:
        return _clock_error('the body is an object with "advance" (seconds) and/or "freeze" (true)')
    advance = body.get("advance", 0)
    if isinstance(advance, bool) or not isinstance(advance, int | float) or advance < 0:
        return _clock_error(f"advance {advance!r} is not a number of seconds >= 0")
    freeze = body.get("freeze", False)
    if freeze is not True and freeze is not False:
        return _clock_error(f"freeze {freeze!r} is not true or false (a frozen clock stays so)")
    if freeze:
        CLOCK.freeze()
    CLOCK.advance(float(advance))
    return _clock_state()


_clock_endpoint._irclient = True  # type: ignore[attr-defined]


_moto_instance_check = FakeEndpointConfig.validate_instance_type
_moto_variant_models = SageMakerModelBackend.validate_production_variants
_moto_create_config = SageMakerResponse.create_endpoint_config
_moto_config_response = FakeEndpointConfig.gen_response_object
_moto_scaling_check = _autoscaling_models._target_params_are_valid
_moto_scaling_params = ApplicationAutoScalingResponse._validate_params
_COMPONENT_DIMENSION = "sagemaker:inference-component:DesiredCopyCount"
_moto_resource_from_arn = SageMakerModelBackend._get_resource_from_arn
_LOG_READS = ("get_log_events", "filter_log_events", "describe_log_streams")
_moto_log_reads = {name: getattr(LogsBackend, name) for name in _LOG_READS}


def _resource_from_arn(self: SageMakerModelBackend, arn: str) -> Any:
    """Find a taggable resource by ARN as moto does, the simulator's resources too."""
    kind = arn.split(":")[-1].split("/")[0]
    if kind not in _SIMULATED_KINDS:
        return _moto_resource_from_arn(self, arn)
    state = _existing_state(self.account_id, self.region_name)
    found = state.resource_by_arn(arn) if state is not None else None
    if found is None:
        raise SageMakerValidationError(message=f"Could not find {_SIMULATED_KINDS[kind]} '{arn}'.")
    return found


_SIMULATED_KINDS = {
    "inference-recommendations-job": "inference recommendations job",
    "ai-workload-config": "AI workload config",
    "ai-benchmark-job": "AI benchmark job",
    "ai-recommendation-job": "AI recommendation job",
}

_resource_from_arn._irclient = True  # type: ignore[attr-defined]


def _catching_up(name: str) -> Callable[..., Any]:
    read = _moto_log_reads[name]

    @functools.wraps(read)
    def wrapper(self: LogsBackend, *args: Any, **kwargs: Any) -> Any:
        # The jobs of this account and Region log as their time passes: bring them to now
        # before the read, as if the lines had been written all along.
        state = _existing_state(self.account_id, self.region_name)
        if state is not None:
            state.sync()
        return read(self, *args, **kwargs)

    wrapper._irclient = True  # type: ignore[attr-defined]
    return wrapper


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


def _variant_models(self: SageMakerModelBackend, variants: list[dict[str, Any]]) -> None:
    # A variant without ModelName is one for inference components: no model to look up.
    _moto_variant_models(self, [v for v in variants if "ModelName" in v])


def _create_endpoint_config(self: SageMakerResponse) -> Any:
    result = _moto_create_config(self)
    role = self._get_param("ExecutionRoleArn")
    if role:
        config = self.sagemaker_backend.endpoint_configs[self._get_param("EndpointConfigName")]
        # moto's configuration has no such member; the simulator keeps it beside moto's.
        setattr(config, "_irclient_execution_role_arn", role)  # noqa: B010
    return result


def _config_response(self: FakeEndpointConfig) -> dict[str, Any]:
    out = dict(_moto_config_response(self))
    role = getattr(self, "_irclient_execution_role_arn", None)
    if role:
        out["ExecutionRoleArn"] = role
    return out


def _scaling_params_valid(namespace: str, r_id: str, dimension: str) -> bool:
    if (
        namespace == "sagemaker"
        and dimension == _COMPONENT_DIMENSION
        and r_id.startswith("inference-component/")
    ):
        return True
    return bool(_moto_scaling_check(namespace, r_id, dimension))


def _scaling_request_valid(self: ApplicationAutoScalingResponse) -> None:
    if self._get_param("ScalableDimension") == _COMPONENT_DIMENSION:
        if self._get_param("ServiceNamespace") == "sagemaker":
            return
    _moto_scaling_params(self)


_patch: Any
for _patch in (
    _variant_models,
    _create_endpoint_config,
    _config_response,
    _scaling_params_valid,
    _scaling_request_valid,
):
    _patch._irclient = True


def installed() -> bool:
    """Whether moto's SageMaker service answers every operation of the table through irclient."""
    return all(
        getattr(getattr(SageMakerResponse, name, None), "_irclient", False) for name in methods()
    ) and getattr(SageMakerModelBackend._get_resource_from_arn, "_irclient", False)


def install() -> None:
    """Add every operation of the table to moto's SageMaker service (idempotent)."""
    with _install_lock:
        for name in methods():
            if not getattr(getattr(SageMakerResponse, name, None), "_irclient", False):
                setattr(SageMakerResponse, name, _handler(name))
        FakeEndpointConfig.validate_instance_type = _validate_instance_type  # type: ignore[method-assign]
        SageMakerModelBackend._get_resource_from_arn = _resource_from_arn  # type: ignore[method-assign]
        SageMakerModelBackend.validate_production_variants = _variant_models  # type: ignore[method-assign,assignment]
        SageMakerResponse.create_endpoint_config = _create_endpoint_config  # type: ignore[method-assign]
        FakeEndpointConfig.gen_response_object = _config_response  # type: ignore[method-assign,assignment]
        _autoscaling_models._target_params_are_valid = _scaling_params_valid
        ApplicationAutoScalingResponse._validate_params = _scaling_request_valid  # type: ignore[method-assign]
        for name in _LOG_READS:
            if not getattr(getattr(LogsBackend, name), "_irclient", False):
                setattr(LogsBackend, name, _catching_up(name))
        moto_api_urls.url_paths[_CLOCK_ROUTE] = _clock_endpoint


def uninstall() -> None:
    """Remove what :func:`install` added."""
    with _install_lock:
        for name in list(vars(SageMakerResponse)):
            if getattr(SageMakerResponse.__dict__.get(name), "_irclient", False):
                delattr(SageMakerResponse, name)
        FakeEndpointConfig.validate_instance_type = _moto_instance_check  # type: ignore[method-assign]
        SageMakerModelBackend._get_resource_from_arn = _moto_resource_from_arn  # type: ignore[method-assign]
        SageMakerModelBackend.validate_production_variants = _moto_variant_models  # type: ignore[method-assign]
        SageMakerResponse.create_endpoint_config = _moto_create_config  # type: ignore[method-assign]
        FakeEndpointConfig.gen_response_object = _moto_config_response  # type: ignore[method-assign]
        _autoscaling_models._target_params_are_valid = _moto_scaling_check
        ApplicationAutoScalingResponse._validate_params = _moto_scaling_params  # type: ignore[method-assign]
        for name, read in _moto_log_reads.items():
            setattr(LogsBackend, name, read)
        moto_api_urls.url_paths.pop(_CLOCK_ROUTE, None)


def set_transition(transition: dict[str, Any]) -> None:
    """Set the progression of every job kind (moto's ``state_manager.set_transition``)."""
    for model in MODEL_NAMES:
        state_manager.set_transition(model, transition)


def unset_transition() -> None:
    """Go back to the default (immediate) progression for every job kind."""
    for model in MODEL_NAMES:
        state_manager.unset_transition(model)


def current_transition() -> dict[str, Any] | None:
    """The transition set for jobs, or None when the default applies."""
    transition = state_manager.get_transition(MODEL_NAME)
    return None if transition == {"progression": "immediate"} else dict(transition)
