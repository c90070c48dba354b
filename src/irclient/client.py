"""InferenceRecommenderClient: the five operations, typed, validated and retried once.

Data flows one way: user values -> model -> validation -> wire dict -> boto3 -> dict -> model.
Every botocore error becomes an :mod:`irclient.errors` exception; every retry comes from the
client's :class:`~irclient.retry.RetryPolicy`.
"""

from __future__ import annotations

import datetime
import itertools
import json
import logging
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

from . import _fastparse, _redact
from .errors import (
    IRClientError,
    JobFailedError,
    MalformedResponseError,
    ResourceInUse,
    ServiceError,
    ThrottlingError,
    TransportError,
    ValidationError,
    Violation,
    WaitTimeoutError,
    from_botocore_error,
    request_id_of,
)
from .models import _base, _specs
from .models.enums import (
    ListInferenceRecommendationsJobsSortBy,
    RecommendationJobStatus,
    RecommendationJobType,
    RecommendationStepType,
    SortOrder,
)
from .models.shapes import (
    CreateInferenceRecommendationsJobRequest,
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobRequest,
    DescribeInferenceRecommendationsJobResponse,
    InferenceRecommendationsJob,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobsRequest,
    ListInferenceRecommendationsJobsResponse,
    ListInferenceRecommendationsJobStepsRequest,
    ListInferenceRecommendationsJobStepsResponse,
    RecommendationJobInputConfig,
    RecommendationJobOutputConfig,
    RecommendationJobStoppingConditions,
    StopInferenceRecommendationsJobRequest,
    Tag,
)
from .retry import RetryPolicy, is_retryable
from .serde import parse_response, to_wire
from .validation import validate as _validate

if TYPE_CHECKING:
    import boto3

__all__ = ["InferenceRecommenderClient"]

logger = logging.getLogger("irclient")

_R = TypeVar("_R", bound=_base.Shape)

_DEFAULT_POLICY: Final = RetryPolicy()

_MALFORMED: Final = "irclient:MalformedBody"
"""Key the body check adds to a parsed response whose body was not a JSON object."""

_DONE: Final = frozenset({RecommendationJobStatus.COMPLETED, RecommendationJobStatus.STOPPED})
_STEP_FINISHED: Final = frozenset(
    {
        RecommendationJobStatus.COMPLETED,
        RecommendationJobStatus.FAILED,
        RecommendationJobStatus.STOPPED,
    }
)

_DATE_RESOLUTION: Final = datetime.timedelta(seconds=1)
"""HTTP ``Date`` headers have whole seconds: the slack when comparing creation times."""


def _page_limit(cls: type[_base.Shape]) -> int:
    for field in _specs.SPECS[cls]:
        if field.name == "max_results" and field.type.max is not None:
            return int(field.type.max)
    return 100  # pragma: no cover - the service model has always set a maximum


class _Op:
    """One operation, resolved once per client: no reflection per call."""

    __slots__ = ("method", "name", "response")

    def __init__(
        self, name: str, method: Callable[..., dict[str, Any]], response: type[_base.Shape] | None
    ) -> None:
        self.name = name
        self.method = method
        self.response = response


# --------------------------------------------------------------------------- boto3 client


def _build_boto3_client(
    session: boto3.Session | None, region_name: str | None, *, validate: bool = True
) -> Any:
    # boto3 is imported here, not at module level: it is the largest part of the import
    # time of a library whose users may only want the models.
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError

    # One retry layer: botocore sends each request once and the RetryPolicy decides the rest.
    # One validation layer too: irclient's checks are a superset of botocore's (which checks
    # only required members, types and minimums), so botocore's would only repeat the work.
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=not validate
    )
    try:
        if session is None:
            return boto3.client("sagemaker", region_name=region_name, config=config)
        return session.client("sagemaker", region_name=region_name, config=config)
    except BotoCoreError as exc:
        error = from_botocore_error(exc)
        assert error is not None  # every BotoCoreError has a translation
        raise error from exc


def _botocore_attempts(client: Any) -> int:
    """How many times the boto3 client itself sends a failing request."""
    retries = getattr(client.meta.config, "retries", None) or {}
    total = retries.get("total_max_attempts")
    if isinstance(total, int):
        return total
    if retries.get("mode") == "legacy":
        return 5  # botocore's _retry.json default for legacy mode
    from botocore.retries import standard

    return int(standard.DEFAULT_MAX_ATTEMPTS)


_warned: weakref.WeakSet[Any] = weakref.WeakSet()
_warned_lock = threading.Lock()


def _warn_if_retrying(client: Any, policy: RetryPolicy) -> None:
    attempts = _botocore_attempts(client)
    if attempts <= 1:
        return
    with _warned_lock:
        try:
            if client in _warned:
                return
            _warned.add(client)
        except TypeError:  # pragma: no cover - botocore clients accept weak references
            pass
    logger.warning(
        "the boto3 client given to InferenceRecommenderClient retries on its own (up to %d "
        "attempts per request); combined with RetryPolicy(max_attempts=%d) a failing "
        "operation can send up to %d requests. Build it with botocore.config.Config("
        "retries={'total_max_attempts': 1}) to leave retries to irclient.",
        attempts,
        policy.max_attempts,
        attempts * policy.max_attempts,
    )


def _flag_unreadable_body(http_response: Any = None, parsed: Any = None, **_: Any) -> None:
    """after-call hook: mark a 2xx response whose body was not a JSON object.

    botocore parses such a body to an empty result (a ListInferenceRecommendationsJobSteps
    page with no steps and no NextToken); taken at face value it ends a walk early.
    """
    # The common case costs one len(): a parsed result with any member came from real JSON.
    if not isinstance(parsed, dict) or len(parsed) > 1:
        return
    if parsed and "ResponseMetadata" not in parsed:
        return
    if http_response is None or getattr(http_response, "status_code", 200) >= 300:
        return
    try:
        body = http_response.content
    except Exception:  # a stubbed response (botocore.stub.Stubber) has no body to inspect
        return
    if body is None:
        return
    try:
        readable = isinstance(json.loads(body), dict)
    except ValueError:
        readable = False
    if not readable:
        parsed[_MALFORMED] = True


def _install_body_check(client: Any) -> None:
    service = client.meta.service_model.service_id.hyphenize()
    for name, (_, _, response) in _specs.OPERATIONS.items():
        if response is not None:
            client.meta.events.register(
                f"after-call.{service}.{name}",
                _flag_unreadable_body,
                unique_id=f"irclient-body-check-{name}",
            )


# --------------------------------------------------------------------------- helpers


def _resolve(
    cls: type[_R], request: _R | Mapping[str, Any] | None, fields: dict[str, Any], method: str
) -> _R:
    if request is None:
        try:
            return cls(**fields)
        except TypeError as exc:
            raise TypeError(f"{method}(): {exc}") from None
    if fields:
        raise TypeError(
            f"{method}() takes a request or its fields as keyword arguments, not both "
            f"(got request and {', '.join(sorted(fields))})"
        )
    if isinstance(request, cls):
        return request
    if isinstance(request, Mapping):
        return cls.from_dict(request)
    raise TypeError(
        f"{method}(): request must be a {cls.__name__} or its wire-form dict, "
        f"got {type(request).__name__}"
    )


def _check_max_items(max_items: int | None) -> None:
    if max_items is not None and (type(max_items) is not int or max_items < 1):
        raise ValidationError(
            [Violation("max_items", "min", f"max_items must be an integer >= 1, got {max_items!r}")]
        )


def _may_have_created(exc: BaseException) -> bool:
    """Whether a failed Create attempt may still have made the job."""
    if isinstance(exc, TransportError):
        return True
    return (
        isinstance(exc, ServiceError)
        and not isinstance(exc, ThrottlingError)
        and exc.http_status is not None
        and exc.http_status >= 500
    )


def _server_clock_offset(exc: ServiceError) -> datetime.timedelta:
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


def _progress_bar(job_name: str) -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError as exc:
        raise ImportError(
            "wait_for_job(progress=True) needs tqdm, an optional dependency: "
            "pip install 'irclient[notebook]' (or pip install tqdm)"
        ) from exc
    return tqdm(total=None, desc=job_name, unit="step")


# --------------------------------------------------------------------------- the client


class InferenceRecommenderClient:
    """A typed client for the SageMaker Inference Recommender API.

    Each operation takes its request model as ``request`` or the request's fields as keyword
    arguments (never both), checks it against every documented constraint before anything
    is sent, retries transient failures with the client's :class:`~irclient.RetryPolicy`,
    and returns the typed response model. Errors are :mod:`irclient.errors` exceptions.

    One client may be shared by any number of threads.

    Args:
        client: A boto3 SageMaker client to use as it is. When ``None``, one is built from
            ``session`` with botocore's own retries turned off, so that the number of
            attempts is exactly what ``retry`` says. A client given here keeps its own
            retry settings; when it retries too, a warning is logged once, because the two
            layers multiply (see the documentation on retries).
        session: The ``boto3.Session`` to build the client from (credentials, profile,
            region); the default session when ``None``. Only when ``client`` is ``None``.
        region_name: The AWS region, overriding the session's. Only when ``client`` is
            ``None``.
        retry: The retry policy; ``RetryPolicy()`` (3 attempts) when ``None``.
        validate: Check every request before sending it. Turn off only to reach a
            constraint AWS has relaxed before irclient knows of it.
        fast_parse: Parse the JSON body of irclient's own calls straight into the models,
            in place of botocore's generic parser (see the performance page). ``None``
            means on for the boto3 client irclient builds and off for a ``client`` passed
            in: it registers a ``before-parse`` handler on that client's event system
            (calls made on the client directly still get botocore's parser, always).

    Raises:
        TypeError: ``client`` is given together with ``session`` or ``region_name``, or is
            not a SageMaker client.
        irclient.errors.ConfigurationError: botocore could not build a client (no region).
    """

    def __init__(
        self,
        client: Any = None,
        *,
        session: boto3.Session | None = None,
        region_name: str | None = None,
        retry: RetryPolicy | None = None,
        validate: bool = True,
        fast_parse: bool | None = None,
    ) -> None:
        policy = _DEFAULT_POLICY if retry is None else retry
        if not isinstance(policy, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {type(policy).__name__}")
        built = client is None
        if client is None:
            client = _build_boto3_client(session, region_name, validate=bool(validate))
        else:
            if session is not None or region_name is not None:
                raise TypeError(
                    "session and region_name are for the boto3 client irclient builds; "
                    "pass either client or them, not both"
                )
            service = getattr(
                getattr(getattr(client, "meta", None), "service_model", None), "service_name", None
            )
            if service != "sagemaker":
                raise TypeError(f"client must be a boto3 SageMaker client, got {client!r}")
            _warn_if_retrying(client, policy)
        _install_body_check(client)
        self._fast_parse = built if fast_parse is None else bool(fast_parse)
        if self._fast_parse:
            _fastparse.install(client)
        # botocore logs signed requests at DEBUG; keep the key id and token out of them.
        _redact.install()
        self._client = client
        self._policy = policy
        self._validate = bool(validate)

        def op(name: str) -> _Op:
            method_name, _, response = _specs.OPERATIONS[name]
            return _Op(name, getattr(client, method_name), response)

        self._create = op("CreateInferenceRecommendationsJob")
        self._describe = op("DescribeInferenceRecommendationsJob")
        self._list_steps = op("ListInferenceRecommendationsJobSteps")
        self._list_jobs = op("ListInferenceRecommendationsJobs")
        self._stop = op("StopInferenceRecommendationsJob")

    def __repr__(self) -> str:
        region = getattr(self._client.meta, "region_name", None)
        return f"InferenceRecommenderClient(region_name={region!r}, retry={self._policy!r})"

    @property
    def boto3_client(self) -> Any:
        """The boto3 SageMaker client requests go through."""
        return self._client

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy every operation uses."""
        return self._policy

    # ------------------------------------------------------------------ plumbing

    def _attempt(self, op: _Op, params: dict[str, Any]) -> Any:
        """One request: send, translate errors, refuse unreadable bodies, parse."""
        try:
            if self._fast_parse:
                raw = _fastparse.call(op.method, op.name, params)
            else:
                raw = op.method(**params)
        except Exception as exc:
            error = from_botocore_error(exc, operation=op.name)
            if error is None and isinstance(exc, UnicodeDecodeError):  # botocore's JSON parser
                error = MalformedResponseError("the response body is not UTF-8", operation=op.name)
            if error is None:
                raise
            raise error from exc
        if op.response is None:
            return None
        typed = raw.get(_fastparse.TYPED)
        if typed is not None:  # a clean body, already built by the specialised parser
            return typed
        if _MALFORMED in raw:
            raise MalformedResponseError(
                "the response body was not a JSON object (truncated or garbled)",
                operation=op.name,
                request_id=request_id_of(raw),
            )
        try:
            return parse_response(raw, op.response)
        except ValidationError as exc:
            raise MalformedResponseError(
                f"the response lacks members it must have: {exc}",
                operation=op.name,
                request_id=request_id_of(raw),
            ) from exc

    def _send(self, op: _Op, request: _base.Shape) -> Any:
        if self._validate:
            _validate(request)
        return self._policy.call(op.name, self._attempt, op, to_wire(request))

    # ------------------------------------------------------------------ operations

    @overload
    def create_inference_recommendations_job(
        self, request: CreateInferenceRecommendationsJobRequest | Mapping[str, Any]
    ) -> CreateInferenceRecommendationsJobResponse: ...

    @overload
    def create_inference_recommendations_job(
        self,
        *,
        job_name: str,
        job_type: RecommendationJobType | str,
        role_arn: str,
        input_config: RecommendationJobInputConfig,
        job_description: str | None = None,
        stopping_conditions: RecommendationJobStoppingConditions | None = None,
        output_config: RecommendationJobOutputConfig | None = None,
        tags: Iterable[Tag] | None = None,
    ) -> CreateInferenceRecommendationsJobResponse: ...

    def create_inference_recommendations_job(
        self,
        request: CreateInferenceRecommendationsJobRequest | Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> CreateInferenceRecommendationsJobResponse:
        """Starts a recommendation job.

        The operation has no idempotency token, so a retry is made safe here: when an
        attempt fails in a way that may have created the job (a 5xx, a timeout, a lost
        connection, an unreadable body) and a later attempt gets ``ResourceInUse``, the job
        is described; if it has this request's name, role and type and was created after
        this call began, its ARN is returned. A name taken before the call is always
        :class:`~irclient.ResourceInUse`.

        Args:
            request: The request model, or its wire-form dict.
            **fields: The request's fields (``job_name``, ``job_type``, ``role_arn``,
                ``input_config``, ...), instead of ``request``.

        Returns:
            The response, with the job's ARN.

        Raises:
            irclient.ValidationError: The request breaks a documented constraint; nothing
                was sent.
            irclient.ResourceInUse: A job of that name exists already.
            irclient.ResourceLimitExceeded: An account limit was hit.

        See https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceRecommendationsJob.html
        """
        req = _resolve(
            CreateInferenceRecommendationsJobRequest,
            request,
            fields,
            "create_inference_recommendations_job",
        )
        if self._validate:
            _validate(req)
        op = self._create
        params = to_wire(req)
        began = datetime.datetime.now(datetime.UTC)
        # Per-call state is fine here: jobs are created rarely, unlike the hot read paths.
        maybe_created = False

        def attempt() -> CreateInferenceRecommendationsJobResponse:
            nonlocal maybe_created
            try:
                response: CreateInferenceRecommendationsJobResponse = self._attempt(op, params)
                return response
            except ResourceInUse as exc:
                if maybe_created:
                    arn = self._adopt(req, began, exc)
                    if arn is not None:
                        return CreateInferenceRecommendationsJobResponse(job_arn=arn)
                raise
            except IRClientError as exc:
                maybe_created = maybe_created or _may_have_created(exc)
                raise

        return self._policy.call(op.name, attempt)

    def _adopt(
        self,
        request: CreateInferenceRecommendationsJobRequest,
        began: datetime.datetime,
        in_use: ResourceInUse,
    ) -> str | None:
        """The ARN of the job this call created, after its response was lost; else None."""
        since = began + _server_clock_offset(in_use) - _DATE_RESOLUTION
        job = self._send(
            self._describe, DescribeInferenceRecommendationsJobRequest(job_name=request.job_name)
        )
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
            self._create.name,
            request.job_name,
        )
        return str(job.job_arn)

    @overload
    def describe_inference_recommendations_job(
        self, request: DescribeInferenceRecommendationsJobRequest | Mapping[str, Any]
    ) -> DescribeInferenceRecommendationsJobResponse: ...

    @overload
    def describe_inference_recommendations_job(
        self, *, job_name: str
    ) -> DescribeInferenceRecommendationsJobResponse: ...

    def describe_inference_recommendations_job(
        self,
        request: DescribeInferenceRecommendationsJobRequest | Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> DescribeInferenceRecommendationsJobResponse:
        """Provides the results of a recommendation job.

        Args:
            request: The request model, or its wire-form dict.
            **fields: ``job_name``, instead of ``request``.

        Returns:
            The job: status, configuration, and recommendations once it has any.

        Raises:
            irclient.ResourceNotFound: No job has that name.

        See https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeInferenceRecommendationsJob.html
        """
        req = _resolve(
            DescribeInferenceRecommendationsJobRequest,
            request,
            fields,
            "describe_inference_recommendations_job",
        )
        response: DescribeInferenceRecommendationsJobResponse = self._send(self._describe, req)
        return response

    @overload
    def list_inference_recommendations_job_steps(
        self, request: ListInferenceRecommendationsJobStepsRequest | Mapping[str, Any]
    ) -> ListInferenceRecommendationsJobStepsResponse: ...

    @overload
    def list_inference_recommendations_job_steps(
        self,
        *,
        job_name: str,
        status: RecommendationJobStatus | str | None = None,
        step_type: RecommendationStepType | str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> ListInferenceRecommendationsJobStepsResponse: ...

    def list_inference_recommendations_job_steps(
        self,
        request: ListInferenceRecommendationsJobStepsRequest | Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> ListInferenceRecommendationsJobStepsResponse:
        """Returns one page of the subtasks (benchmarks) of a recommendation job.

        To walk every page, use :meth:`iter_job_steps` or :meth:`iter_job_step_pages`.

        Args:
            request: The request model, or its wire-form dict.
            **fields: ``job_name``, ``status``, ``step_type``, ``max_results``,
                ``next_token``, instead of ``request``.

        Returns:
            The page, with ``next_token`` when there are more.

        See https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListInferenceRecommendationsJobSteps.html
        """
        req = _resolve(
            ListInferenceRecommendationsJobStepsRequest,
            request,
            fields,
            "list_inference_recommendations_job_steps",
        )
        response: ListInferenceRecommendationsJobStepsResponse = self._send(self._list_steps, req)
        return response

    @overload
    def list_inference_recommendations_jobs(
        self, request: ListInferenceRecommendationsJobsRequest | Mapping[str, Any]
    ) -> ListInferenceRecommendationsJobsResponse: ...

    @overload
    def list_inference_recommendations_jobs(
        self,
        *,
        creation_time_after: datetime.datetime | None = None,
        creation_time_before: datetime.datetime | None = None,
        last_modified_time_after: datetime.datetime | None = None,
        last_modified_time_before: datetime.datetime | None = None,
        name_contains: str | None = None,
        status_equals: RecommendationJobStatus | str | None = None,
        sort_by: ListInferenceRecommendationsJobsSortBy | str | None = None,
        sort_order: SortOrder | str | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
        model_name_equals: str | None = None,
        model_package_version_arn_equals: str | None = None,
    ) -> ListInferenceRecommendationsJobsResponse: ...

    def list_inference_recommendations_jobs(
        self,
        request: ListInferenceRecommendationsJobsRequest | Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> ListInferenceRecommendationsJobsResponse:
        """Returns one page of the recommendation jobs that match the filters.

        To walk every page, use :meth:`iter_jobs` or :meth:`iter_job_pages`.

        Args:
            request: The request model, or its wire-form dict.
            **fields: The filters (``name_contains``, ``status_equals``, ...), sort options,
                ``max_results`` and ``next_token``, instead of ``request``.

        Returns:
            The page, with ``next_token`` when there are more.

        See https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListInferenceRecommendationsJobs.html
        """
        req = _resolve(
            ListInferenceRecommendationsJobsRequest,
            request,
            fields,
            "list_inference_recommendations_jobs",
        )
        response: ListInferenceRecommendationsJobsResponse = self._send(self._list_jobs, req)
        return response

    @overload
    def stop_inference_recommendations_job(
        self, request: StopInferenceRecommendationsJobRequest | Mapping[str, Any]
    ) -> None: ...

    @overload
    def stop_inference_recommendations_job(self, *, job_name: str) -> None: ...

    def stop_inference_recommendations_job(
        self,
        request: StopInferenceRecommendationsJobRequest | Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> None:
        """Stops a recommendation job.

        Args:
            request: The request model, or its wire-form dict.
            **fields: ``job_name``, instead of ``request``.

        Raises:
            irclient.ResourceNotFound: No job has that name.

        See https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StopInferenceRecommendationsJob.html
        """
        req = _resolve(
            StopInferenceRecommendationsJobRequest,
            request,
            fields,
            "stop_inference_recommendations_job",
        )
        self._send(self._stop, req)

    # ------------------------------------------------------------------ pagination

    def _pages(
        self, op: _Op, params: dict[str, Any], items: str, max_items: int | None, limit: int
    ) -> Iterator[Any]:
        # Each page is its own retried call: a fault repeats that page only, so no item is
        # skipped or yielded twice. Only the current page is held, so memory stays flat.
        page_size = params.get("MaxResults")
        token = params.get("NextToken")
        remaining = max_items
        while True:
            if remaining is not None:
                # Ask for no more than is left, so every page ends where iteration does and
                # its next_token resumes exactly after the last item yielded.
                params["MaxResults"] = min(page_size or limit, remaining)
            page = self._policy.call(op.name, self._attempt, op, params)
            yield page
            if remaining is not None:
                remaining -= len(getattr(page, items) or ())
                if remaining <= 0:
                    return
            next_token = page.next_token
            if not next_token:
                return
            if next_token == token:
                raise MalformedResponseError(
                    "the service returned the same NextToken twice", operation=op.name
                )
            token = params["NextToken"] = next_token

    def _start_pages(
        self, op: _Op, request: _base.Shape, items: str, max_items: int | None
    ) -> Iterator[Any]:
        # Checked here, not inside the generator, so a bad argument fails at the call.
        _check_max_items(max_items)
        if self._validate:
            _validate(request)
        limit = _page_limit(type(request))
        return self._pages(op, to_wire(request), items, max_items, limit)

    def iter_job_step_pages(
        self,
        job_name: str,
        *,
        status: RecommendationJobStatus | str | None = None,
        step_type: RecommendationStepType | str | None = None,
        page_size: int | None = None,
        starting_token: str | None = None,
        max_items: int | None = None,
    ) -> Iterator[ListInferenceRecommendationsJobStepsResponse]:
        """Walks a job's steps page by page, lazily.

        Each page is fetched when the iteration reaches it, and retried on its own. A page's
        ``next_token``, passed back as ``starting_token``, resumes after that page.

        Args:
            job_name: The job.
            status: Only steps with this status.
            step_type: Only steps of this type (``BENCHMARK``).
            page_size: Steps per request (1-100); the service's default when ``None``.
            starting_token: A ``next_token`` from an earlier page, to resume there.
            max_items: Stop after this many steps; pages are sized so that the last one
                ends there, and its ``next_token`` resumes after it.

        Returns:
            An iterator of typed pages.

        Raises:
            irclient.ValidationError: An argument breaks a constraint (raised at the call,
                before any request).
        """
        request = ListInferenceRecommendationsJobStepsRequest(
            job_name=job_name,
            status=status,
            step_type=step_type,
            max_results=page_size,
            next_token=starting_token,
        )
        pages: Iterator[ListInferenceRecommendationsJobStepsResponse] = self._start_pages(
            self._list_steps, request, "steps", max_items
        )
        return pages

    def iter_job_steps(
        self,
        job_name: str,
        *,
        status: RecommendationJobStatus | str | None = None,
        step_type: RecommendationStepType | str | None = None,
        page_size: int | None = None,
        starting_token: str | None = None,
        max_items: int | None = None,
    ) -> Iterator[InferenceRecommendationsJobStep]:
        """Yields a job's steps one by one, fetching pages only as they are needed.

        The first step costs one request, not the whole walk. Arguments are those of
        :meth:`iter_job_step_pages`.

        Args:
            job_name: The job.
            status: Only steps with this status.
            step_type: Only steps of this type (``BENCHMARK``).
            page_size: Steps per request (1-100).
            starting_token: A page's ``next_token``, to resume after that page.
            max_items: Yield at most this many steps.

        Returns:
            An iterator of steps.
        """
        pages = self.iter_job_step_pages(
            job_name,
            status=status,
            step_type=step_type,
            page_size=page_size,
            starting_token=starting_token,
            max_items=max_items,
        )
        return _items(pages, "steps", max_items)

    def iter_job_pages(
        self,
        *,
        creation_time_after: datetime.datetime | None = None,
        creation_time_before: datetime.datetime | None = None,
        last_modified_time_after: datetime.datetime | None = None,
        last_modified_time_before: datetime.datetime | None = None,
        name_contains: str | None = None,
        status_equals: RecommendationJobStatus | str | None = None,
        sort_by: ListInferenceRecommendationsJobsSortBy | str | None = None,
        sort_order: SortOrder | str | None = None,
        model_name_equals: str | None = None,
        model_package_version_arn_equals: str | None = None,
        page_size: int | None = None,
        starting_token: str | None = None,
        max_items: int | None = None,
    ) -> Iterator[ListInferenceRecommendationsJobsResponse]:
        """Walks the recommendation jobs that match the filters, page by page, lazily.

        Args:
            creation_time_after: Only jobs created after this time.
            creation_time_before: Only jobs created before this time.
            last_modified_time_after: Only jobs modified after this time.
            last_modified_time_before: Only jobs modified before this time.
            name_contains: Only jobs whose name contains this string.
            status_equals: Only jobs with this status.
            sort_by: ``Name``, ``CreationTime`` or ``Status``.
            sort_order: ``Ascending`` or ``Descending``.
            model_name_equals: Only jobs for this model.
            model_package_version_arn_equals: Only jobs for this model package version.
            page_size: Jobs per request (1-100).
            starting_token: A page's ``next_token``, to resume after that page.
            max_items: Stop after this many jobs.

        Returns:
            An iterator of typed pages.
        """
        request = ListInferenceRecommendationsJobsRequest(
            creation_time_after=creation_time_after,
            creation_time_before=creation_time_before,
            last_modified_time_after=last_modified_time_after,
            last_modified_time_before=last_modified_time_before,
            name_contains=name_contains,
            status_equals=status_equals,
            sort_by=sort_by,
            sort_order=sort_order,
            model_name_equals=model_name_equals,
            model_package_version_arn_equals=model_package_version_arn_equals,
            max_results=page_size,
            next_token=starting_token,
        )
        pages: Iterator[ListInferenceRecommendationsJobsResponse] = self._start_pages(
            self._list_jobs, request, "inference_recommendations_jobs", max_items
        )
        return pages

    def iter_jobs(
        self,
        *,
        creation_time_after: datetime.datetime | None = None,
        creation_time_before: datetime.datetime | None = None,
        last_modified_time_after: datetime.datetime | None = None,
        last_modified_time_before: datetime.datetime | None = None,
        name_contains: str | None = None,
        status_equals: RecommendationJobStatus | str | None = None,
        sort_by: ListInferenceRecommendationsJobsSortBy | str | None = None,
        sort_order: SortOrder | str | None = None,
        model_name_equals: str | None = None,
        model_package_version_arn_equals: str | None = None,
        page_size: int | None = None,
        starting_token: str | None = None,
        max_items: int | None = None,
    ) -> Iterator[InferenceRecommendationsJob]:
        """Yields the recommendation jobs that match the filters, fetching pages lazily.

        Arguments are those of :meth:`iter_job_pages`.

        Args:
            creation_time_after: Only jobs created after this time.
            creation_time_before: Only jobs created before this time.
            last_modified_time_after: Only jobs modified after this time.
            last_modified_time_before: Only jobs modified before this time.
            name_contains: Only jobs whose name contains this string.
            status_equals: Only jobs with this status.
            sort_by: ``Name``, ``CreationTime`` or ``Status``.
            sort_order: ``Ascending`` or ``Descending``.
            model_name_equals: Only jobs for this model.
            model_package_version_arn_equals: Only jobs for this model package version.
            page_size: Jobs per request (1-100).
            starting_token: A page's ``next_token``, to resume after that page.
            max_items: Yield at most this many jobs.

        Returns:
            An iterator of jobs.
        """
        pages = self.iter_job_pages(
            creation_time_after=creation_time_after,
            creation_time_before=creation_time_before,
            last_modified_time_after=last_modified_time_after,
            last_modified_time_before=last_modified_time_before,
            name_contains=name_contains,
            status_equals=status_equals,
            sort_by=sort_by,
            sort_order=sort_order,
            model_name_equals=model_name_equals,
            model_package_version_arn_equals=model_package_version_arn_equals,
            page_size=page_size,
            starting_token=starting_token,
            max_items=max_items,
        )
        return _items(pages, "inference_recommendations_jobs", max_items)

    # ------------------------------------------------------------------ waiting

    def wait_for_job(
        self,
        job_name: str,
        *,
        poll_interval: float = 30.0,
        timeout: float | None = None,
        on_poll: Callable[[DescribeInferenceRecommendationsJobResponse], object] | None = None,
        progress: bool = False,
    ) -> DescribeInferenceRecommendationsJobResponse:
        """Polls a job until it ends, and returns its final description.

        botocore has no waiter for these jobs; this is irclient's. Each poll is one
        :meth:`describe_inference_recommendations_job` call, retried by the client's
        policy; a poll whose retries run out on a transient error is logged and the wait
        goes on. Other errors (the job does not exist, access denied) end the wait.

        Args:
            job_name: The job.
            poll_interval: Seconds between polls.
            timeout: Seconds after which to give up, or ``None`` to wait as long as it takes.
            on_poll: Called with every describe response, for logging or custom progress.
            progress: Show a progress bar of finished benchmark steps (``tqdm.auto``: a
                widget in Jupyter, text in a terminal). Needs the optional ``tqdm``; each
                poll then also lists the job's steps.

        Returns:
            The describe response of the job once it is ``COMPLETED`` or ``STOPPED``.

        Raises:
            irclient.JobFailedError: The job ended ``FAILED``; carries its ``FailureReason``.
            irclient.WaitTimeoutError: ``timeout`` passed first.
            ImportError: ``progress=True`` without tqdm installed (before any request).
        """
        if poll_interval < 0:
            raise ValueError(f"poll_interval must be >= 0, got {poll_interval!r}")
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout must be >= 0 or None, got {timeout!r}")
        bar = _progress_bar(job_name) if progress else None
        clock, sleep = self._policy.clock, self._policy.sleep
        started = clock()
        last_status: str | None = None
        try:
            while True:
                try:
                    response = self.describe_inference_recommendations_job(job_name=job_name)
                except IRClientError as exc:
                    if not is_retryable(exc):
                        raise
                    logger.warning(
                        "waiting for job %r: poll failed (%s); polling on", job_name, exc
                    )
                else:
                    last_status = str(response.status)
                    if on_poll is not None:
                        on_poll(response)
                    if bar is not None:
                        self._show_progress(bar, job_name, last_status)
                    if response.status in _DONE:
                        return response
                    if response.status == RecommendationJobStatus.FAILED:
                        raise JobFailedError(job_name, response.failure_reason, response)
                if timeout is None:
                    sleep(poll_interval)
                    continue
                left = timeout - (clock() - started)
                if left <= 0:
                    raise WaitTimeoutError(job_name, timeout, last_status)
                sleep(min(poll_interval, left))
        finally:
            if bar is not None:
                bar.close()

    def _show_progress(self, bar: Any, job_name: str, status: str) -> None:
        total = finished = 0
        try:
            for step in self.iter_job_steps(job_name, step_type=RecommendationStepType.BENCHMARK):
                total += 1
                finished += step.status in _STEP_FINISHED
        except IRClientError as exc:
            if not is_retryable(exc):
                raise
            logger.warning("waiting for job %r: could not list its steps (%s)", job_name, exc)
            return
        bar.total = total
        bar.n = finished
        bar.set_postfix_str(status, refresh=False)
        bar.refresh()


def _items(pages: Iterator[Any], attr: str, max_items: int | None) -> Iterator[Any]:
    items = itertools.chain.from_iterable(getattr(page, attr) or () for page in pages)
    # Pages are already sized to end at max_items; the cut guards against a service that
    # returns more than it was asked for.
    return items if max_items is None else itertools.islice(items, max_items)
