"""Safe Create: retrying an operation that has no idempotency token without doubling it.

CreateInferenceRecommendationsJob has no client token, nor have the generative-AI creates
(CreateAIWorkloadConfig, CreateAIBenchmarkJob, CreateAIRecommendationJob). When an attempt
fails in a way that may have created the resource (a 5xx, a timeout, a lost connection, an
unreadable body) and a later attempt gets ``ResourceInUse``, the resource is described; if it
was created after the call began and matches the request, it is this call's and its ARN is
returned. Either way it must match the whole request: a classic job every member its
Describe shows (name, type, role, description, input, stopping conditions; compared as
deploy's converger compares a resource, so a job benchmarking another model is never
adopted); a generative-AI resource every member sent, with the same value (the description
may hold more: defaults, log locations, tags AWS adds).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from .._utils.differences import differences
from ..errors import (
    IRClientError,
    ResourceInUse,
    ServiceError,
)
from ..models import _base, _specs
from ..models.shapes import (
    CreateInferenceRecommendationsJobRequest,
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobResponse,
)

if TYPE_CHECKING:
    from .pipeline import Pipeline

__all__ = ["create_ai_safely", "create_safely"]

logger = logging.getLogger("irclient")

_DATE_RESOLUTION: Final = datetime.timedelta(seconds=1)
"""HTTP ``Date`` headers have whole seconds: the slack when comparing creation times."""
_NOT_DESCRIBED: Final = frozenset({"Tags", "OutputConfig"})
"""Job request members DescribeInferenceRecommendationsJob does not return: not comparable."""


def may_have_created(exc: BaseException) -> bool:
    """Whether a failed Create attempt may still have made the job (the error says so)."""
    return isinstance(exc, IRClientError) and exc.may_have_taken_effect


def server_clock_offset(exc: ServiceError) -> datetime.timedelta:
    """Server time minus local time, from the error response's ``Date`` header (0 if none)."""
    import email.utils  # only after a lost Create response: not worth its import time up front

    response = getattr(exc.__cause__, "response", None)
    try:
        date = response["ResponseMetadata"]["HTTPHeaders"]["date"]  # type: ignore[index]
        server = email.utils.parsedate_to_datetime(date)
    except (KeyError, TypeError, ValueError):
        return datetime.timedelta(0)
    if server.tzinfo is None:
        return datetime.timedelta(0)
    return server - datetime.datetime.now(datetime.UTC)


def create_safely(
    pipeline: Pipeline,
    operation: _base.Operation,
    request: CreateInferenceRecommendationsJobRequest,
    describe: Callable[[str], DescribeInferenceRecommendationsJobResponse],
) -> CreateInferenceRecommendationsJobResponse:
    """Send a Create request with retries, adopting the job a lost response created.

    Args:
        pipeline: The pipeline that sends each attempt.
        operation: The Create operation's record.
        request: The resolved request.
        describe: Describes a job by name (retried), to recognise this call's job.

    Returns:
        The response, with the job's ARN.
    """

    def adopt(began: datetime.datetime, in_use: ResourceInUse) -> Any:
        arn = _adopt(operation, request, began, in_use, describe)
        return None if arn is None else CreateInferenceRecommendationsJobResponse(job_arn=arn)

    response: CreateInferenceRecommendationsJobResponse = _send(pipeline, operation, request, adopt)
    return response


def create_ai_safely(pipeline: Pipeline, operation: _base.Operation, request: _base.Shape) -> Any:
    """A generative-AI Create, sent with retries, adopting what a lost response created.

    The resource is recognised by its description (``Describe...`` of the same family, sent
    through the same pipeline, retried): created after the call began and holding every
    member of the request with the value sent.

    Args:
        pipeline: The pipeline that sends each attempt and the description.
        operation: The Create operation's record (``CreateAI...``).
        request: The resolved request.

    Returns:
        The typed response, with the resource's ARN.
    """
    describe = _specs.OPERATIONS["Describe" + operation.name.removeprefix("Create")]
    assert operation.output is not None
    (name_field,) = [
        f for f in _specs.SPECS[type(request)] if f.required and f.wire.endswith("Name")
    ]
    (arn_field, *_) = _specs.SPECS[operation.output]
    name = getattr(request, name_field.name)

    def adopt(began: datetime.datetime, in_use: ResourceInUse) -> Any:
        since = began + server_clock_offset(in_use) - _DATE_RESOLUTION
        found = pipeline.call(describe, None, {name_field.name: name})
        created = getattr(found, "creation_time", None)
        sent = request.to_dict()
        if not (
            isinstance(created, datetime.datetime)
            and created >= since
            and _holds(found.to_dict(), sent)
        ):
            return None
        arn = found.to_dict().get(arn_field.wire)
        if not isinstance(arn, str):
            return None
        logger.info(
            "%s: %r exists and was created by this call with this request (an earlier "
            "attempt's response was lost); returning its ARN",
            operation.name,
            name,
        )
        return operation.output(**{arn_field.name: arn})  # type: ignore[misc]

    return _send(pipeline, operation, request, adopt)


def _holds(found: Any, sent: Any) -> bool:
    """Whether a description ``found`` holds every value of the request ``sent``.

    Objects may hold more members than were sent; lists must be equal, item by item, but
    for ``Tags``, where every tag sent must be there (AWS may add its own).
    """
    if isinstance(sent, Mapping):
        if not isinstance(found, Mapping):
            return False
        for key, value in sent.items():
            if key == "Tags" and isinstance(value, list):
                have = found.get(key) or []
                if not all(any(_holds(t, tag) for t in have) for tag in value):
                    return False
            elif key not in found or not _holds(found[key], value):
                return False
        return True
    if isinstance(sent, list | tuple):
        return (
            isinstance(found, list | tuple)
            and len(found) == len(sent)
            and all(_holds(f, s) for f, s in zip(found, sent, strict=True))
        )
    return bool(found == sent)


def _send(
    pipeline: Pipeline,
    operation: _base.Operation,
    request: _base.Shape,
    adopt: Callable[[datetime.datetime, ResourceInUse], Any],
) -> Any:
    """Validate, then send with retries; ``adopt`` recognises a resource a lost attempt made."""
    params = pipeline.wire(request)
    began = datetime.datetime.now(datetime.UTC)
    # Per-call state is fine here: jobs are created rarely, unlike the hot read paths.
    maybe_created = False

    def attempt() -> Any:
        nonlocal maybe_created
        try:
            return pipeline.attempt(operation, params)
        except ResourceInUse as exc:
            if maybe_created:
                adopted = adopt(began, exc)
                if adopted is not None:
                    return adopted
            raise
        except IRClientError as exc:
            maybe_created = maybe_created or may_have_created(exc)
            raise

    return pipeline.policy.call(operation.name, attempt)


def _adopt(
    operation: _base.Operation,
    request: CreateInferenceRecommendationsJobRequest,
    began: datetime.datetime,
    in_use: ResourceInUse,
    describe: Callable[[str], DescribeInferenceRecommendationsJobResponse],
) -> str | None:
    """The ARN of the job this call created, after its response was lost; else None."""
    since = began + server_clock_offset(in_use) - _DATE_RESOLUTION
    job = describe(request.job_name)
    recent = isinstance(job.creation_time, datetime.datetime) and job.creation_time >= since
    if not recent:
        return None
    wanted = {k: v for k, v in request.to_dict().items() if k not in _NOT_DESCRIBED}
    differ = differences(wanted, job.to_dict())
    if differ:
        logger.warning(
            "%s: job %r exists, created since this call began, but is not this call's "
            "request (%s); not adopting it",
            operation.name,
            request.job_name,
            "; ".join(differ),
        )
        return None
    logger.info(
        "%s: job %r exists and was created by this call (an earlier attempt's response "
        "was lost); returning its ARN",
        operation.name,
        request.job_name,
    )
    return str(job.job_arn)
