"""InferenceRecommenderClient: the operations, typed, validated and retried once.

The client is a facade over modules with one concern each:

* ``irclient._core.boto``: building boto3 clients (of any service, from one session and Region);
* ``irclient._core.pipeline``: the request path (resolve, validate, send, translate, parse);
* ``irclient._core.pages``: pagination, driven by the operation table's paginator specs;
* ``irclient._core.safe_create``: retrying Create without creating twice;
* ``irclient._core.waiting``: waiting for a job to end;
* ``irclient.deploy``: a recommendation deployed as an endpoint, and autoscaled;
* ``irclient.diagnosis`` and ``irclient.joblogs``: why a job failed, and its CloudWatch logs;
* ``irclient.models._client``: the typed method of every operation, generated from
  botocore's model, which this class inherits.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from ._codec import fastparse as _fastparse
from ._core import boto as _boto
from ._core import redact as _redact
from ._core import safe_create as _safe_create
from ._core import waiting as _waiting
from ._core.pipeline import Pipeline, install_body_check
from .diagnosis import DEFAULT_LINES_PER_STREAM
from .errors import IRClientError
from .models import _base, _specs
from .models._client import Operations
from .models.enums import RecommendationJobStatus
from .models.shapes import (
    CreateAIBenchmarkJobRequest,
    CreateAIBenchmarkJobResponse,
    CreateAIRecommendationJobRequest,
    CreateAIRecommendationJobResponse,
    CreateAIWorkloadConfigRequest,
    CreateAIWorkloadConfigResponse,
    CreateInferenceRecommendationsJobRequest,
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobResponse,
)
from .retry import RetryPolicy, is_retryable

if TYPE_CHECKING:
    import boto3

    from .analysis import Benchmark
    from .benchmarks import BenchmarkResults, Limits
    from .deploy import ComponentDeployment, Deployment, ScalingDeployment
    from .diagnosis import AIDiagnosis, Diagnosis
    from .joblogs import LogEvent
    from .models.shapes import (
        DescribeAIBenchmarkJobResponse,
        DescribeAIRecommendationJobResponse,
        InferenceRecommendation,
    )

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
        logs_client: A boto3 CloudWatch Logs client for :meth:`diagnose`,
            :meth:`iter_job_logs` and ``wait_for_job(logs=...)``. When ``None``, one is built
            on first use by :meth:`aws_client` (the SageMaker client's credentials and
            settings).
        fast_parse: Parse the JSON body of irclient's own calls straight into the models,
            in place of botocore's generic parser (see the performance page; the models are
            the same either way). ``None`` means on for the boto3 client irclient builds
            and off for a ``client`` passed in, because it registers a ``before-parse``
            handler on that client's event system. Calls made on the boto3 client directly
            get botocore's parser in every case.

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
        logs_client: Any = None,
        fast_parse: bool | None = None,
    ) -> None:
        policy = _DEFAULT_POLICY if retry is None else retry
        if not isinstance(policy, RetryPolicy):
            raise TypeError(f"retry must be a RetryPolicy, got {type(policy).__name__}")
        validate = bool(validate)
        built = client is None
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
        fast = built if fast_parse is None else bool(fast_parse)
        self._setup(client, policy, validate, factory, fast, logs_client)

    def _setup(
        self,
        client: Any,
        policy: RetryPolicy,
        validate: bool,
        factory: _boto.ClientFactory,
        fast_parse: bool,
        logs_client: Any = None,
    ) -> None:
        install_body_check(client, _specs.OPERATIONS)
        fast_parse = fast_parse and _fastparse.install(client)
        # botocore logs signed requests at DEBUG; keep the key id and token out of them.
        _redact.install()
        self._client = client
        self._policy = policy
        self._validate = validate
        self._factory = factory
        self._pipeline = Pipeline(client, policy, validate, fast_parse=fast_parse)
        self._logs_client = logs_client
        self._logs_lock = threading.Lock()

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
        self._setup(factory.client(_specs.SERVICE_NAME), policy, factory.validate, factory, True)
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
        """A boto3 client of another AWS service, in this client's account and settings.

        It signs with the SageMaker client's own credentials (the same object: refreshable
        credentials go on refreshing), in its Region, with its endpoint settings (an
        endpoint override, FIPS, dual-stack), proxies, timeouts and User-Agent, and with
        botocore's retries off, so that this client's :class:`~irclient.RetryPolicy` is the
        one retry layer of its calls too. This holds whether irclient built the SageMaker
        client or was given it; every client irclient makes for another service comes from
        here.

        Args:
            service: The boto3 service name (``logs``, ``application-autoscaling``, ...).

        Returns:
            The boto3 client.

        Raises:
            irclient.errors.ConfigurationError: The given SageMaker client's credentials
                cannot be read (irclient will not sign with the default ones instead), or
                botocore could not build the client.
        """
        return self._factory.client(service)

    @property
    def logs_client(self) -> Any:
        """The boto3 CloudWatch Logs client the jobs' logs are read with (built on first use).

        Built by :meth:`aws_client`: the SageMaker client's account, Region and settings.
        """
        with self._logs_lock:
            if self._logs_client is None:
                self._logs_client = self.aws_client("logs")
            return self._logs_client

    def _logs_call(self) -> Callable[..., dict[str, Any]]:
        from .joblogs import caller

        return caller(self.logs_client, self._policy)

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

    def _create_ai_workload_config_safely(
        self, operation: _base.Operation, request: CreateAIWorkloadConfigRequest
    ) -> CreateAIWorkloadConfigResponse:
        response: CreateAIWorkloadConfigResponse = _safe_create.create_ai_safely(
            self._pipeline, operation, request
        )
        return response

    def _create_ai_benchmark_job_safely(
        self, operation: _base.Operation, request: CreateAIBenchmarkJobRequest
    ) -> CreateAIBenchmarkJobResponse:
        response: CreateAIBenchmarkJobResponse = _safe_create.create_ai_safely(
            self._pipeline, operation, request
        )
        return response

    def _create_ai_recommendation_job_safely(
        self, operation: _base.Operation, request: CreateAIRecommendationJobRequest
    ) -> CreateAIRecommendationJobResponse:
        response: CreateAIRecommendationJobResponse = _safe_create.create_ai_safely(
            self._pipeline, operation, request
        )
        return response

    # ------------------------------------------------------------------ waiting

    def wait_for_job(
        self,
        job_name: str,
        *,
        poll_interval: float = 30.0,
        timeout: float | None = None,
        on_poll: Callable[[DescribeInferenceRecommendationsJobResponse], object] | None = None,
        progress: bool = False,
        logs: bool | Callable[[LogEvent], object] = False,
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
            progress: Show a progress bar of finished benchmark steps (tqdm: a widget in
                Jupyter when ipywidgets is installed, text otherwise). Needs the optional
                ``tqdm``; each poll then also lists the job's steps.
            logs: Show the job's new log lines after each poll (``True``: printed on
                standard output), or hand each :class:`~irclient.joblogs.LogEvent` to this
                callable. Reading them needs CloudWatch Logs permissions; when a read
                fails, a warning is logged and the wait goes on without logs.

        Returns:
            The describe response of the job once it is ``COMPLETED`` or ``STOPPED``.

        Raises:
            irclient.JobFailedError: The job ended ``FAILED``; carries its ``FailureReason``
                and a :class:`~irclient.diagnosis.Diagnosis` of why (``.diagnosis``).
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
            after_poll=self._log_forwarder(job_name, logs),
            diagnose=self._failure_diagnosis,
        )

    # ------------------------------------------------------------------ AI benchmark results

    def get_ai_benchmark_results(
        self,
        job: Any,
        *,
        s3_output_location: str | None = None,
        archive_key: str | None = None,
        label: str | None = None,
        limits: Limits | None = None,
    ) -> BenchmarkResults:
        """An AI benchmark job's results, read from its S3 output: one row per level.

        S3 is read with this client's credentials, Region, endpoint and retry policy. See
        :func:`irclient.benchmarks.get_ai_benchmark_results` for the arguments.

        Args:
            job: The job's name, or its ``DescribeAIBenchmarkJob`` response.
            s3_output_location: The location to read instead of the job's.
            archive_key: The archive's key, when several lie below the location.
            label: What tables and plots call this job (an instance type, say).
            limits: Size limits (:class:`irclient.benchmarks.Limits`).

        Raises:
            irclient.BenchmarkOutputError: The output is missing, partial, oversized or
                malformed; the message names the S3 object.
        """
        from .benchmarks import get_ai_benchmark_results

        return get_ai_benchmark_results(
            self,
            job,
            s3_output_location=s3_output_location,
            archive_key=archive_key,
            label=label,
            limits=limits,
        )

    # ------------------------------------------------------------------ diagnosis and logs

    def diagnose(
        self, job_name: str, *, lines_per_stream: int = DEFAULT_LINES_PER_STREAM
    ) -> Diagnosis:
        """Why a job failed: its status and reason, failed steps, log lines and hints.

        Reads the job's description, its failed benchmark steps, the last lines of each of
        its CloudWatch log streams (and of its failed benchmark endpoints' own logs), and
        matches the failure messages against a table of known ones. What cannot be read
        (no ``logs:`` permissions, a log group not created yet) is said in the report's
        ``unreadable``; it never makes the diagnosis fail. Works on a job in any status.

        Args:
            job_name: The job.
            lines_per_stream: The most lines to keep of each log stream (its last ones).

        Returns:
            The report: ``str(report)`` is a text summary, and Jupyter renders it as HTML.

        Raises:
            irclient.ResourceNotFound: No job of that name.
        """
        from . import diagnosis

        job = self.describe_inference_recommendations_job(job_name=job_name)
        return diagnosis.diagnose(
            job,
            lambda: self.iter_job_steps(job_name, status=RecommendationJobStatus.FAILED),
            self._logs_call,
            lines_per_stream=lines_per_stream,
        )

    def _failure_diagnosis(self, job: DescribeInferenceRecommendationsJobResponse) -> Any:
        """The diagnosis ``wait_for_job`` attaches to a JobFailedError (None if it failed)."""
        from . import diagnosis

        try:
            return diagnosis.diagnose(
                job,
                lambda: self.iter_job_steps(job.job_name, status=RecommendationJobStatus.FAILED),
                self._logs_call,
            )
        except Exception:  # the job's failure is the news; a report is a bonus
            diagnosis.logger.warning(
                "job %r failed; its diagnosis failed too", job.job_name, exc_info=True
            )
            return None

    def iter_job_logs(
        self,
        job_name: str,
        *,
        follow: bool = False,
        since: datetime.datetime | datetime.timedelta | None = None,
        poll_interval: float = 10.0,
        endpoints: bool = True,
    ) -> Iterator[LogEvent]:
        """Yields a job's CloudWatch log events, in time order across its streams.

        The streams are the job's own in ``/aws/sagemaker/InferenceRecommendationsJobs``
        (``<job>/execution``, ``<job>/Endpoint/<endpoint>``,
        ``<job>/CompilationJob/<compilation job>``) and, with ``endpoints``, the benchmark
        endpoints' own groups ``/aws/sagemaker/Endpoints/<endpoint>``. Each event comes
        once; pages are fetched as iteration reaches them. With ``follow``, it keeps
        reading, every ``poll_interval`` seconds, until the job has ended, picking up
        streams that appear late; an event logged late with an earlier time than one
        already yielded comes when it is read.

        Needs ``logs:DescribeLogStreams`` and ``logs:GetLogEvents``.

        Args:
            job_name: The job.
            follow: Keep reading until the job ends.
            since: Only events at or after this time (timezone-aware), or this long ago.
            poll_interval: Seconds between reads when following.
            endpoints: Read the benchmark endpoints' own log groups too.

        Returns:
            An iterator of :class:`~irclient.joblogs.LogEvent`.

        Raises:
            irclient.ResourceNotFound: No job of that name (when iteration starts).
            irclient.ServiceError: CloudWatch Logs refused (``AccessDeniedException``, ...).
        """
        from . import joblogs

        start = joblogs.resolve_since(since)
        if poll_interval < 0:
            raise ValueError(f"poll_interval must be >= 0, got {poll_interval!r}")
        reader = joblogs.JobLogReader(self._logs_call(), job_name, since=start, endpoints=endpoints)
        return joblogs.iter_events(
            reader,
            status=lambda: self._status_for_logs(job_name),
            follow=follow,
            poll_interval=poll_interval,
            sleep=self._policy.sleep,
        )

    def _status_for_logs(self, job_name: str) -> str | None:
        try:
            return str(self.describe_inference_recommendations_job(job_name=job_name).status)
        except IRClientError as exc:
            if not is_retryable(exc):
                raise
            return None

    def _log_forwarder(
        self, job_name: str, logs: bool | Callable[[LogEvent], object]
    ) -> Callable[[], None] | None:
        """What ``wait_for_job(logs=...)`` calls after each poll, or ``None``."""
        if logs is False:
            return None
        from . import joblogs

        forward = joblogs.print_event if logs is True else logs
        if not callable(forward):
            raise TypeError(f"logs must be a bool or a callable, got {type(logs).__name__}")
        return joblogs.LogForwarder(self._logs_call, job_name, forward)

    # ------------------------------------------------------------------ generative-AI jobs

    def wait_for_ai_benchmark_job(
        self,
        name: str,
        *,
        poll_interval: float = 30.0,
        timeout: float | None = None,
        on_poll: Callable[[DescribeAIBenchmarkJobResponse], object] | None = None,
        progress: bool = False,
    ) -> DescribeAIBenchmarkJobResponse:
        """Polls an AI benchmark job until it ends, and returns its final description.

        The same waiter as :meth:`wait_for_job`, with the same options; the job's statuses
        are ``InProgress`` and ``Stopping``, then ``Completed``, ``Stopped`` or ``Failed``.

        Args:
            name: The job.
            poll_interval: Seconds between polls.
            timeout: Seconds after which to give up (``None``: six hours).
            on_poll: Called with every describe response.
            progress: Show the status in a progress display (needs the optional ``tqdm``).

        Returns:
            The describe response once the job is ``Completed`` or ``Stopped``.

        Raises:
            irclient.JobFailedError: The job ended ``Failed``; its ``.diagnosis`` is an
                :class:`~irclient.diagnosis.AIDiagnosis` quoting the job's log.
            irclient.WaitTimeoutError: ``timeout`` passed first.
        """
        from ._core import ai_jobs

        response: DescribeAIBenchmarkJobResponse = ai_jobs.wait(
            self,
            "benchmark",
            name,
            poll_interval=poll_interval,
            timeout=timeout,
            on_poll=on_poll,
            progress=progress,
        )
        return response

    def wait_for_ai_recommendation_job(
        self,
        name: str,
        *,
        poll_interval: float = 30.0,
        timeout: float | None = None,
        on_poll: Callable[[DescribeAIRecommendationJobResponse], object] | None = None,
        progress: bool = False,
    ) -> DescribeAIRecommendationJobResponse:
        """Polls an AI recommendation job until it ends, and returns its final description.

        As :meth:`wait_for_ai_benchmark_job`; a failure's diagnosis quotes the logs of the
        job's failed benchmark jobs.
        """
        from ._core import ai_jobs

        response: DescribeAIRecommendationJobResponse = ai_jobs.wait(
            self,
            "recommendation",
            name,
            poll_interval=poll_interval,
            timeout=timeout,
            on_poll=on_poll,
            progress=progress,
        )
        return response

    def diagnose_ai_job(
        self, kind: str, name: str, *, lines_per_stream: int = DEFAULT_LINES_PER_STREAM
    ) -> AIDiagnosis:
        """Why an AI benchmark or recommendation job failed: reasons and log lines.

        For a benchmark job, the last lines of the log streams its description names
        (``OutputConfig.CloudWatchLogs``); for a recommendation job, its failed benchmark
        jobs, each with its reason and its log. Works on a job in any status; what cannot be
        read is said in the report's ``unreadable``.

        Args:
            kind: ``benchmark`` or ``recommendation``.
            name: The job.
            lines_per_stream: The most lines to keep of each log stream (its last ones).

        Raises:
            irclient.ResourceNotFound: No job of that name.
        """
        from ._core import ai_jobs

        return ai_jobs.diagnose(self, kind, name, lines_per_stream=lines_per_stream)

    def iter_ai_job_logs(
        self,
        kind: str,
        name: str,
        *,
        follow: bool = False,
        since: datetime.datetime | datetime.timedelta | None = None,
        poll_interval: float = 10.0,
    ) -> Iterator[LogEvent]:
        """Yields an AI job's CloudWatch log events, in time order across its streams.

        A benchmark job's streams are those its description names; a recommendation job's
        are its benchmark jobs'. Otherwise as :meth:`iter_job_logs`.

        Args:
            kind: ``benchmark`` or ``recommendation``.
            name: The job.
            follow: Keep reading until the job ends.
            since: Only events at or after this time (timezone-aware), or this long ago.
            poll_interval: Seconds between reads when following.
        """
        from . import joblogs
        from ._core import ai_jobs

        if poll_interval < 0:
            raise ValueError(f"poll_interval must be >= 0, got {poll_interval!r}")
        return ai_jobs.iter_logs(
            self,
            kind,
            name,
            follow=follow,
            since=joblogs.resolve_since(since),
            poll_interval=poll_interval,
        )

    # ------------------------------------------------------------------ deployment

    def deploy_recommendation(
        self,
        job: str | DescribeInferenceRecommendationsJobResponse,
        recommendation: str | Benchmark | InferenceRecommendation,
        **options: Any,
    ) -> Deployment:
        """Deploys a recommendation: model, endpoint configuration, endpoint; then waits.

        The same as :func:`irclient.deploy.deploy_recommendation` with this client; see
        there for ``options`` (names, ``dry_run``, waiting, ``autoscale``).

        Args:
            job: The completed job's name, or its describe response.
            recommendation: A recommendation ID, a :class:`~irclient.analysis.Benchmark`
                (as :func:`~irclient.analysis.best` returns), or an
                :class:`~irclient.models.InferenceRecommendation`.
            **options: Keyword arguments of :func:`irclient.deploy.deploy_recommendation`.

        Returns:
            What was (or, for a dry run, would be) created and adopted.
        """
        from . import deploy

        return deploy.deploy_recommendation(self, job, recommendation, **options)

    def deploy_ai_recommendation(
        self,
        job: str | DescribeAIRecommendationJobResponse,
        recommendation: Any,
        **options: Any,
    ) -> ComponentDeployment:
        """Deploys a generative-AI recommendation as inference components on an endpoint.

        The same as :func:`irclient.deploy.deploy_ai_recommendation` with this client; see
        there for ``options`` (names, ``autoscale`` and its bounds, ``dry_run``, waiting).

        Args:
            job: The completed AI recommendation job's name, or its describe response.
            recommendation: Its index in the job's ``Recommendations``, an
                :class:`~irclient.analysis.AIRecommendationRow`, or an
                :class:`~irclient.models.AIRecommendation`.
            **options: Keyword arguments of :func:`irclient.deploy.deploy_ai_recommendation`.

        Returns:
            What was (or, for a dry run, would be) created and adopted.
        """
        from . import deploy

        return deploy.deploy_ai_recommendation(self, job, recommendation, **options)

    def apply_scaling_recommendation(
        self,
        job: str | DescribeInferenceRecommendationsJobResponse,
        recommendation: str | Benchmark | InferenceRecommendation,
        **options: Any,
    ) -> ScalingDeployment:
        """Applies a recommendation's autoscaling policy to the endpoint that serves it.

        The same as :func:`irclient.deploy.apply_scaling_recommendation` with this client.

        Args:
            job: The completed job's name, or its describe response.
            recommendation: The recommendation the endpoint was deployed from.
            **options: Keyword arguments of
                :func:`irclient.deploy.apply_scaling_recommendation` (``endpoint_name`` is
                required).

        Returns:
            The scalable target and policies registered (or, for a dry run, planned).
        """
        from . import deploy

        return deploy.apply_scaling_recommendation(self, job, recommendation, **options)
