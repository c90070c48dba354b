"""Safe Create: retrying an operation that has no idempotency token without doubling it.

CreateInferenceRecommendationsJob has no client token. When an attempt fails in a way that may
have created the job (a 5xx, a timeout, a lost connection, an unreadable body) and a later
attempt gets ``ResourceInUse``, the job is described; if it has the request's name, role and
type and was created after the call began, it is this call's job and its ARN is returned.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from ..errors import (
    IRClientError,
    ResourceInUse,
    ServiceError,
)
from ..models import _base
from ..models.shapes import (
    CreateInferenceRecommendationsJobRequest,
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobResponse,
)

if TYPE_CHECKING:
    from .pipeline import Pipeline

__all__ = ["create_safely"]

logger = logging.getLogger("irclient")

_DATE_RESOLUTION: Final = datetime.timedelta(seconds=1)
"""HTTP ``Date`` headers have whole seconds: the slack when comparing creation times."""


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
    params = pipeline.wire(request)
    began = datetime.datetime.now(datetime.UTC)
    # Per-call state is fine here: jobs are created rarely, unlike the hot read paths.
    maybe_created = False

    def attempt() -> CreateInferenceRecommendationsJobResponse:
        nonlocal maybe_created
        try:
            response: CreateInferenceRecommendationsJobResponse = pipeline.attempt(
                operation, params
            )
            return response
        except ResourceInUse as exc:
            if maybe_created:
                arn = _adopt(operation, request, began, exc, describe)
                if arn is not None:
                    return CreateInferenceRecommendationsJobResponse(job_arn=arn)
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
    mine = (
        job.job_name == request.job_name
        and job.role_arn == request.role_arn
        and str(job.job_type) == str(request.job_type)
        and isinstance(job.creation_time, datetime.datetime)
        and job.creation_time >= since
    )
    if not mine:
        return None
    logger.info(
        "%s: job %r exists and was created by this call (an earlier attempt's response "
        "was lost); returning its ARN",
        operation.name,
        request.job_name,
    )
    return str(job.job_arn)
