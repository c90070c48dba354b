"""InferenceRecommenderClient: the operations, typed, validated and retried once.

The client is a facade over modules with one concern each:

* ``irclient._boto``: building boto3 clients (of any service, from one session and Region);
* ``irclient._pipeline``: the request path (resolve, validate, send, translate, parse);
* ``irclient._pages``: pagination, driven by the operation table's paginator specs;
* ``irclient._safe_create``: retrying Create without creating twice;
* ``irclient._waiting``: waiting for a job to end;
* ``irclient.models._client``: the typed method of every operation, generated from
  botocore's model, which this class inherits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from . import _boto, _redact, _safe_create, _waiting
from ._pipeline import Pipeline, install_body_check
from .models import _base, _specs
from .models._client import Operations
from .models.shapes import (
    CreateInferenceRecommendationsJobRequest,
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobResponse,
)
from .retry import RetryPolicy

if TYPE_CHECKING:
    import boto3

__all__ = ["InferenceRecommenderClient"]

_DEFAULT_POLICY: Final = RetryPolicy()


class InferenceRecommenderClient(Operations):
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

    Raises:
        TypeError: ``client`` is given together with ``session`` or ``region_name``, or is
            not a SageMaker client.
        irclient.errors.ConfigurationError: botocore could not build a client (no region).
    """

    _pipeline: Pipeline

    def __init__(
        self,
        client: Any = None,
        *,
        session: boto3.Session | None = None,
        region_name: str | None = None,
        retry: RetryPolicy | None = None,
        validate: bool = True,
    ) -> None:
        policy = _DEFAULT_POLICY if retry is None else retry
        if not isinstance(policy, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {type(policy).__name__}")
        validate = bool(validate)
        if client is None:
            factory = _boto.ClientFactory(
                session=session, region_name=region_name, validate=validate
            )
            client = factory.client(_specs.SERVICE_NAME)
        else:
            if session is not None or region_name is not None:
                raise TypeError(
                    "session and region_name are for the boto3 client irclient builds; "
                    "pass either client or them, not both"
                )
            service = getattr(
                getattr(getattr(client, "meta", None), "service_model", None), "service_name", None
            )
            if service != _specs.SERVICE_NAME:
                raise TypeError(f"client must be a boto3 SageMaker client, got {client!r}")
            _boto.warn_if_retrying(client, policy)
            factory = _boto.ClientFactory.like(client, validate=validate)
        self._setup(client, policy, validate, factory)

    def _setup(
        self, client: Any, policy: RetryPolicy, validate: bool, factory: _boto.ClientFactory
    ) -> None:
        install_body_check(client, _specs.OPERATIONS)
        # botocore logs signed requests at DEBUG; keep the key id and token out of them.
        _redact.install()
        self._client = client
        self._policy = policy
        self._validate = validate
        self._factory = factory
        self._pipeline = Pipeline(client, policy, validate)

    @classmethod
    def _from_factory(
        cls,
        factory: _boto.ClientFactory,
        *,
        retry: RetryPolicy | None = None,
    ) -> InferenceRecommenderClient:
        """A client whose boto3 clients, of every service, come from one factory.

        For callers inside irclient (the CLI) that set an endpoint override or a User-Agent
        suffix for every service at once.

        Args:
            factory: Session, Region, endpoint override and validation flag.
            retry: The retry policy; ``RetryPolicy()`` when ``None``.

        Returns:
            The client.
        """
        policy = _DEFAULT_POLICY if retry is None else retry
        if not isinstance(policy, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {type(policy).__name__}")
        self = cls.__new__(cls)
        self._setup(factory.client(_specs.SERVICE_NAME), policy, factory.validate, factory)
        return self

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

    def aws_client(self, service: str) -> Any:
        """A boto3 client of another AWS service, in this client's Region and endpoint.

        It comes from the same session (credentials, profile), Region and endpoint override
        as this client's own, with botocore's retries off like it, so that this client's
        :class:`~irclient.RetryPolicy` is the one retry layer of its calls too. When this
        client was given a boto3 client, the Region and any non-AWS endpoint are taken from
        it and the credentials from the default session.

        Args:
            service: The boto3 service name (``logs``, ``application-autoscaling``, ...).

        Returns:
            The boto3 client.
        """
        return self._factory.client(service)

    # ------------------------------------------------------------------ operations

    def _create_safely(
        self, operation: _base.Operation, request: CreateInferenceRecommendationsJobRequest
    ) -> CreateInferenceRecommendationsJobResponse:
        return _safe_create.create_safely(
            self._pipeline,
            operation,
            request,
            lambda name: self.describe_inference_recommendations_job(job_name=name),
        )

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
        goes on. Other errors (the job does not exist, access denied) end the wait. A status
        irclient does not know is logged once, and the wait goes on.

        Args:
            job_name: The job.
            poll_interval: Seconds between polls.
            timeout: Seconds after which to give up. ``None`` (the default) waits as long as
                the job may run: its ``JobDurationInSeconds`` (18,000 s, the service's
                maximum, when it has none) plus an hour; ``math.inf`` waits for ever.
            on_poll: Called with every describe response, for logging or custom progress.
            progress: Show a progress bar of finished benchmark steps (``tqdm.auto``: a
                widget in Jupyter, text in a terminal). Needs the optional ``tqdm``; each
                poll then also lists the job's steps.

        Returns:
            The describe response of the job once it is ``COMPLETED`` or ``STOPPED``.

        Raises:
            irclient.JobFailedError: The job ended ``FAILED``; carries its ``FailureReason``.
            irclient.WaitTimeoutError: ``timeout`` passed first.
            irclient.JobDeletedError: The job is ``DELETING`` or ``DELETED``.
            ImportError: ``progress=True`` without tqdm installed (before any request).
        """
        return _waiting.wait_for_job(
            self,
            job_name,
            poll_interval=poll_interval,
            timeout=timeout,
            on_poll=on_poll,
            progress=progress,
        )
