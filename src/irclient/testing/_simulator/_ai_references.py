"""What a generative-AI job names must exist: endpoints, buckets, model artifacts.

Checked against moto's state of the same account and Region, refused at create as AWS's
SageMaker refuses a request naming what does not exist (the classic jobs' choice, see
``_references``); the generative-AI creates list ``ResourceNotFound`` among their errors, so
a missing workload configuration or endpoint is that, and a missing bucket or model (which
are S3's, not SageMaker's) is a ``ValidationException``:

* ``BenchmarkTarget.Endpoint.Identifier`` - an endpoint (name or ARN) that is ``InService``;
  its first production variant's instance type is what the benchmark measures, its model's
  artifacts give the model's size. moto has no inference components, so
  ``InferenceComponents`` are taken as given.
* ``OutputConfig.S3OutputLocation`` - a bucket that exists in moto's S3 (a recommendation
  job without one writes to ``sagemaker-<region>-<account>``, created if need be, as the
  SageMaker SDKs do).
* ``ModelSource.S3.S3Uri`` - objects under that prefix: a ``config.json`` gives the model's
  shape, else the weights' bytes its size; the :data:`~._llm.MODEL_PARAMETERS_TAG` tag
  overrides both and needs no artifacts.

moto is reached through :class:`ObjectStore` and ``SageMakerResources``, which ``_moto``
implements.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from . import _llm
from ._references import SageMakerResources
from ._requests import SimulatedError, invalid, not_found

__all__ = [
    "EndpointTarget",
    "ObjectStore",
    "endpoint_target",
    "model_from_s3",
    "model_from_tags",
    "split_s3_uri",
]


class ObjectStore(Protocol):
    """The S3 buckets of one account (moto's, in the simulator)."""

    def objects(self, bucket: str, prefix: str) -> Sequence[tuple[str, int]] | None:
        """(key, size) of every object under ``prefix``; None if the bucket does not exist."""
        ...

    def read(self, bucket: str, key: str) -> bytes | None:
        """An object's bytes, or None."""
        ...

    def put(self, bucket: str, key: str, data: bytes) -> None:
        """Write an object."""
        ...

    def ensure_bucket(self, bucket: str) -> None:
        """Create the bucket if it does not exist."""
        ...


def split_s3_uri(uri: str) -> tuple[str, str]:
    """``(bucket, prefix)`` of ``s3://bucket/prefix`` (or an ``https://`` S3 URL)."""
    parts = urllib.parse.urlsplit(uri)
    if parts.scheme == "s3":
        return parts.netloc, parts.path.lstrip("/")
    host = parts.hostname or ""
    if ".s3" in host:
        return host.split(".s3", 1)[0], parts.path.lstrip("/")
    bucket, _, key = parts.path.lstrip("/").partition("/")
    return bucket, key


def model_from_tags(tags: Mapping[str, str]) -> _llm.LLM | None:
    """The model the :data:`~._llm.MODEL_PARAMETERS_TAG` tag describes, if present.

    Raises:
        SimulatedError: The tag's value is not a size.
    """
    text = tags.get(_llm.MODEL_PARAMETERS_TAG)
    if text is None:
        return None
    parameters = _llm.parse_parameters(text)
    if parameters is None:
        raise invalid(
            f"Tag '{_llm.MODEL_PARAMETERS_TAG}' must give a model size such as 8B or 7e9; "
            f"got '{text}'."
        )
    return _llm.llm_of_size(parameters)


_WEIGHTS = (".safetensors", ".bin", ".pt", ".gguf")


def model_from_s3(uri: str, store: ObjectStore) -> _llm.LLM | None:
    """The model whose artifacts lie under ``uri``; None when there are none.

    Raises:
        SimulatedError: The bucket does not exist.
    """
    bucket, prefix = split_s3_uri(uri)
    found = store.objects(bucket, prefix)
    if found is None:
        raise invalid(f"S3 bucket '{bucket}' does not exist (ModelSource.S3.S3Uri '{uri}').")
    for key, _ in found:
        if key.rsplit("/", 1)[-1] == "config.json":
            data = store.read(bucket, key)
            try:
                config = json.loads(data or b"")
            except ValueError:
                config = None
            if isinstance(config, Mapping):
                model = _llm.llm_from_config(config)
                if model is not None:
                    return model
    weights = sum(size for key, size in found if key.endswith(_WEIGHTS))
    total = weights or sum(size for _, size in found)
    if total <= 0:
        return None
    # bf16: two bytes a parameter; a model of a few bytes still counts as a small one.
    return _llm.llm_of_size(max(total / 2, 1e8))


class EndpointTarget:
    """An endpoint a benchmark job targets, as found in moto."""

    def __init__(self, name: str, instance_type: str | None, model: _llm.LLM | None) -> None:
        self.name = name
        self.instance_type = instance_type
        self.model = model


def _name_of(identifier: str, kind: str) -> str:
    if identifier.startswith("arn:"):
        resource = identifier.split(":", 5)[-1]
        if not resource.startswith(f"{kind}/"):
            raise invalid(f"'{identifier}' is not the ARN of an {kind}.")
        return resource.split("/", 1)[1]
    return identifier


def endpoint_target(
    identifier: str,
    resources: SageMakerResources,
    store: ObjectStore | None,
    tags: Mapping[str, str],
) -> EndpointTarget:
    """The endpoint a benchmark job names, checked.

    Raises:
        SimulatedError: ``ResourceNotFound`` for no such endpoint, a ``ValidationException``
            for one that is not ``InService``.
    """
    name = _name_of(identifier, "endpoint")
    facts = resources.endpoint(name)
    if facts is None:
        raise not_found(f"Could not find endpoint '{identifier}'.")
    if facts.status != "InService":
        raise invalid(
            f"Endpoint '{name}' is {facts.status}; an AI benchmark job needs an InService endpoint."
        )
    variant: Mapping[str, Any] = facts.variants[0] if facts.variants else {}
    instance_type = variant.get("InstanceType")
    model = model_from_tags(tags)
    if model is None and store is not None and variant.get("ModelName"):
        found = resources.model(str(variant["ModelName"])) or {}
        primary = found.get("PrimaryContainer") or (found.get("Containers") or [{}])[0]
        source = primary.get("ModelDataSource") or {}
        uri = primary.get("ModelDataUrl") or (source.get("S3DataSource") or {}).get("S3Uri")
        if isinstance(uri, str) and uri.startswith(("s3://", "https://")):
            try:
                model = model_from_s3(uri, store)
            except SimulatedError:
                model = None  # the endpoint runs; its artifacts are its own business
    return EndpointTarget(
        name=name,
        instance_type=str(instance_type) if instance_type else None,
        model=model,
    )
