"""The exceptions irclient raises.

Every failure a user can meet is one of these; no ``botocore.exceptions.ClientError``,
``BotoCoreError`` or ``tenacity.RetryError`` escapes. Where an exception stands for an error
from botocore, that error is its ``__cause__``; :func:`from_botocore_error` does the mapping.

```
IRClientError
├── ValidationError (also a ValueError)    bad input, caught before anything is sent
├── ServiceError                           an error response from SageMaker
│   ├── ResourceNotFound                   no job of that name
│   ├── ResourceInUse                      a job of that name exists already
│   ├── ResourceLimitExceeded              an account limit was hit
│   └── ThrottlingError                    too many requests (retried before it is raised)
├── TransportError                         no usable response reached us
│   ├── ConnectionFailedError              connection refused, reset or lost
│   ├── RequestTimeoutError                connect or read timeout
│   └── MalformedResponseError             a truncated or garbled response body (retried)
├── InvalidResponseError                   a body that parsed but does not fit the model
├── ConfigurationError                     no credentials, no region, a bad client set-up
│   └── BotocoreTooOldError                the installed botocore lacks the operation or member
├── WaitTimeoutError (also a TimeoutError)  a wait (job or endpoint) ran out of time
├── DeploymentError                        deploying a recommendation went wrong
│   ├── DeploymentConflictError            a resource of that name exists, configured otherwise
│   └── IncompleteDeploymentError          a failure after something was created (.deployment)
├── JobFailedError                         the job ended FAILED (.diagnosis says why)
├── BenchmarkOutputError                   a benchmark job's S3 output is missing or unreadable
└── JobDeletedError                        the job is being deleted, or was, while waited for
KeyboardInterrupt
└── DeploymentInterrupted                  Ctrl-C after something was created (.deployment)
UserWarning
└── ValidationWarning                      guidance AWS phrases as "should"; the request is sent
```
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from typing import Any

from ._utils.violations import violation_lines

__all__ = [
    "BenchmarkOutputError",
    "BotocoreTooOldError",
    "ConfigurationError",
    "ConnectionFailedError",
    "DeploymentConflictError",
    "DeploymentError",
    "DeploymentInterrupted",
    "IRClientError",
    "IncompleteDeploymentError",
    "InvalidResponseError",
    "JobDeletedError",
    "JobFailedError",
    "MalformedResponseError",
    "RequestTimeoutError",
    "ResourceInUse",
    "ResourceLimitExceeded",
    "ResourceNotFound",
    "ServiceError",
    "ThrottlingError",
    "TransportError",
    "ValidationError",
    "ValidationWarning",
    "Violation",
    "WaitTimeoutError",
    "from_botocore_error",
]


class IRClientError(Exception):
    """Base class of every exception irclient raises.

    Each error carries the facts the retry layer needs, set where the error is defined (as
    smithy-core's ``CallError`` does); :mod:`irclient.retry` only reads them.

    Attributes:
        is_retry_safe: Sending the same request again may succeed (throttling, a transient
            service error, a lost connection). False for everything a retry cannot fix.
        may_have_taken_effect: The request may have reached the service and been carried
            out even though no answer says so (a 5xx, a timeout, a lost or garbled response):
            a Create that failed this way may still have made its resource.
    """

    is_retry_safe: bool = False
    may_have_taken_effect: bool = False


# --------------------------------------------------------------------------- validation


# A dataclass, not attrs: boto3 has already loaded dataclasses, so this costs no import time.
@dataclasses.dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule in a request."""

    path: str
    """Python attribute path from the request root: ``input_config.endpoint_configurations[0]``."""
    constraint: str
    """The rule: ``required``, ``min_length``, ``max_length``, ``min``, ``max``, ``pattern``,
    ``enum``, ``type``, ``timezone``, ``unknown_key``, ``unicode``, or the name of a prose
    rule of :data:`irclient.rules.RULES` such as ``memory_step``."""
    message: str
    """What is wrong, naming the wire field, the value and the limit."""

    def __str__(self) -> str:
        return f"{self.path or '<request>'}: {self.message}"


class ValidationError(IRClientError, ValueError):
    """A request breaks one or more documented constraints; nothing was sent.

    ``violations`` lists every broken rule, not only the first.
    """

    violations: tuple[Violation, ...]

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = tuple(violations)
        count = len(self.violations)
        # Bounded: a request breaking one rule 100,000 times gets a message of a few lines.
        lines = "\n".join(f"  - {line}" for line in violation_lines(self.violations))
        super().__init__(f"{count} validation error{'s' if count != 1 else ''}:\n{lines}")


class ValidationWarning(UserWarning):
    """A request goes against guidance AWS phrases as "should"; it is sent all the same.

    Emitted through :mod:`warnings` by :func:`irclient.validate` (and so by every client
    call), so the usual controls apply: ``warnings.simplefilter("error",
    irclient.ValidationWarning)`` or pytest's ``filterwarnings =
    error::irclient.ValidationWarning`` turn it into an error, ``"ignore"`` silences it, and
    ``python -W error::UserWarning`` (``-W`` names only built-in categories) works too.

    Attributes:
        violation: What the guidance says and where: its ``path``, ``constraint`` (the
            rule's name) and ``message``.
    """

    violation: Violation

    def __init__(self, violation: Violation) -> None:
        self.violation = violation
        super().__init__(str(violation))


# --------------------------------------------------------------------------- service errors


class ServiceError(IRClientError):
    """SageMaker answered with an error.

    Attributes:
        code: The AWS error code (``ValidationException``, ``ResourceNotFound``, ...).
        message: The service's message.
        http_status: The HTTP status code, when a response arrived.
        request_id: The AWS request id, for support cases.
        operation: The API operation (``DescribeInferenceRecommendationsJob``, ...).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        http_status: int | None = None,
        request_id: str | None = None,
        operation: str | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.http_status = http_status
        self.request_id = request_id
        self.operation = operation
        # botocore's standard retry mode calls these codes and statuses transient.
        self.is_retry_safe = code in transient_codes() or http_status in transient_statuses()
        # A server error may come after the work was done; a 4xx refused the request.
        self.may_have_taken_effect = http_status is not None and http_status >= 500
        where = f" in {operation}" if operation else ""
        rid = f" (request id {request_id})" if request_id else ""
        super().__init__(f"{code}{where}: {message}{rid}")


class _NotRetried(ServiceError):
    """A service error that no retry fixes: the answer is about the resource, not a fault."""

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.is_retry_safe = False


class ResourceNotFound(_NotRetried):
    """The job (or other resource) does not exist."""


class ResourceInUse(_NotRetried):
    """A resource of that name exists already, or is busy."""


class ResourceLimitExceeded(_NotRetried):
    """An account quota was exceeded."""


class ThrottlingError(ServiceError):
    """The service throttled the request, and retries ran out."""

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message, **fields)
        # Throttled: worth another try, and refused before any work was done.
        self.is_retry_safe = True
        self.may_have_taken_effect = False


# --------------------------------------------------------------------------- transport


class TransportError(IRClientError):
    """No usable response: the connection failed, timed out, or the body was unreadable.

    Always worth a retry, and never proof that nothing happened.

    Attributes:
        operation: The API operation that was attempted.
    """

    is_retry_safe = True
    may_have_taken_effect = True

    def __init__(self, message: str, *, operation: str | None = None) -> None:
        self.operation = operation
        super().__init__(f"{operation}: {message}" if operation else message)


class ConnectionFailedError(TransportError):
    """The connection to the endpoint could not be made, or was lost."""


class RequestTimeoutError(TransportError):
    """Connecting or reading the response took longer than the configured timeout."""


class MalformedResponseError(TransportError):
    """The response body was truncated or garbled, so it was not taken for a result.

    Attributes:
        request_id: The AWS request id of the response, when one arrived with an id.
    """

    def __init__(
        self, message: str, *, operation: str | None = None, request_id: str | None = None
    ) -> None:
        self.request_id = request_id
        super().__init__(
            f"{message} (request id {request_id})" if request_id else message, operation=operation
        )


class InvalidResponseError(IRClientError):
    """The response arrived whole and parsed, but a member does not fit the service model.

    A string where a structure belongs, say. Resending cannot change what the service sends,
    so this is never retried (damage in transit is :class:`MalformedResponseError`). A
    member the body merely lacks is not this error: it is corrected (see
    :func:`irclient.corrections`).

    Attributes:
        operation: The API operation.
        request_id: The AWS request id of the response.
        violations: What does not fit, as :class:`Violation` (path, constraint, message).
    """

    def __init__(
        self,
        message: str,
        *,
        operation: str | None = None,
        request_id: str | None = None,
        violations: Iterable[Violation] = (),
    ) -> None:
        self.operation = operation
        self.request_id = request_id
        self.violations = tuple(violations)
        where = f"{operation}: " if operation else ""
        rid = f" (request id {request_id})" if request_id else ""
        super().__init__(f"{where}{message}{rid}")


class ConfigurationError(IRClientError):
    """botocore could not prepare or sign the request: no credentials, no region, bad set-up.

    Nothing was sent, and retrying would not help.
    """


class BotocoreTooOldError(ConfigurationError):
    """The installed botocore's model lacks an operation (or a request member) irclient has.

    irclient's models are generated from a newer botocore than some users have; the classic
    operations work on older ones, but a call needing something newer stops here, before
    anything is sent, naming the botocore release that has it.

    Attributes:
        operation: The operation called.
        needed: The first botocore release that has what the call needs.
        installed: The installed botocore's version.
        member: The request member the installed botocore lacks (``Shape.Member``), if the
            operation itself is known.
    """

    def __init__(
        self, operation: str, needed: str, installed: str, member: str | None = None
    ) -> None:
        self.operation = operation
        self.needed = needed
        self.installed = installed
        self.member = member
        what = f"the request member {member}" if member else "the operation"
        super().__init__(
            f"{operation}: {what} needs botocore {needed} or later; the installed botocore "
            f"{installed} does not have it (python -m pip install 'botocore>={needed}')"
        )


# --------------------------------------------------------------------------- jobs


class WaitTimeoutError(IRClientError, TimeoutError):
    """A wait gave up before what it waited for was done (a job, or a deployment's endpoint).

    Attributes:
        resource_name: What was waited for: the job, or for a deployment the endpoint.
        what: Its kind (``job``, ``endpoint``).
        timeout: Seconds waited.
        last_status: Its status at the last poll.
    """

    def __init__(
        self, resource_name: str, timeout: float, last_status: str | None, *, what: str = "job"
    ) -> None:
        self.resource_name = resource_name
        self.what = what
        self.timeout = timeout
        self.last_status = last_status
        ending = "finish" if what == "job" else "become InService"
        super().__init__(
            f"{what} {resource_name!r} did not {ending} within {timeout:g} s "
            f"(last status: {last_status})"
        )

    @property
    def job_name(self) -> str:
        """The job waited for: :attr:`resource_name`, under the name it had for jobs."""
        return self.resource_name


class JobFailedError(IRClientError):
    """The job ended with status FAILED.

    Attributes:
        job_name: The job.
        failure_reason: The job's ``FailureReason``.
        response: The final describe response (a
            :class:`~irclient.models.DescribeInferenceRecommendationsJobResponse`).
        diagnosis: Why it failed: the :class:`~irclient.diagnosis.Diagnosis` that
            ``wait_for_job`` builds when it sees the job fail (failed steps, log lines,
            hints), or ``None`` when none was built.
    """

    def __init__(
        self,
        job_name: str,
        failure_reason: str | None,
        response: Any = None,
        *,
        diagnosis: Any = None,
    ) -> None:
        self.job_name = job_name
        self.failure_reason = failure_reason
        self.response = response
        self.diagnosis = diagnosis
        super().__init__(f"job {job_name!r} failed: {failure_reason or 'no reason given'}")


class JobDeletedError(IRClientError):
    """The job waited for is ``DELETING`` or ``DELETED``: it will never finish.

    Attributes:
        job_name: The job.
        status: ``DELETING`` or ``DELETED``.
        response: The last describe response.
    """

    def __init__(self, job_name: str, status: str, response: Any = None) -> None:
        self.job_name = job_name
        self.status = status
        self.response = response
        super().__init__(f"job {job_name!r} is {status}: it was deleted and will not finish")


class BenchmarkOutputError(IRClientError):
    """A benchmark job's output in S3 is missing, partial, oversized or malformed.

    Reading it again would find the same object, so this is never retried.

    Attributes:
        s3_uri: The object (or, when nothing was found, the prefix) concerned.
        member: The file inside the archive concerned, if any.
    """

    def __init__(self, message: str, *, s3_uri: str, member: str | None = None) -> None:
        self.s3_uri = s3_uri
        self.member = member
        inside = f" (member {member})" if member else ""
        super().__init__(f"{s3_uri}{inside}: {message}")


class DeploymentError(IRClientError):
    """Deploying a recommendation could not go on: the endpoint failed, or a model is missing.

    Nothing is ever deleted; what was created stays for inspection.
    """


class DeploymentConflictError(DeploymentError):
    """A resource of the name to be used exists already with a different configuration.

    irclient never replaces it: choose other names, or delete it yourself. Conflicts are
    looked for before the first write, and all of them are reported at once (the first in
    :attr:`resource`, :attr:`name` and :attr:`differences`, every one in :attr:`conflicts`).
    A conflict that appears later (someone else wrote meanwhile) comes inside an
    :class:`IncompleteDeploymentError` that says what irclient had created.

    Attributes:
        resource: What kind of resource (``model``, ``endpoint configuration``, ``endpoint``,
            ``scalable target``, ``scaling policy``).
        name: Its name.
        differences: One line per member that differs: ``path: wanted X, found Y`` (an
            environment variable whose name looks secret is named, its values never shown).
        conflicts: Every conflict found, as ``(resource, name, differences)``.
    """

    def __init__(
        self,
        resource: str,
        name: str,
        differences: Iterable[str],
        *,
        more: Iterable[tuple[str, str, tuple[str, ...]]] = (),
        nothing_sent: bool = False,
    ) -> None:
        self.resource = resource
        self.name = name
        self.differences = tuple(differences)
        self.conflicts = ((resource, name, self.differences), *more)
        described = "; ".join(
            f"{kind} {label!r} exists with a different configuration ({'; '.join(lines)})"
            for kind, label, lines in self.conflicts
        )
        ending = "; no write request was sent" if nothing_sent else ""
        super().__init__(described + ending)


class IncompleteDeploymentError(DeploymentError):
    """A deployment failed after it had created something: what exists is in the error.

    Nothing is deleted. Re-running the same call finishes the deployment (what exists with
    the same configuration is adopted); :attr:`remove_commands` remove what this call made.
    The error that stopped it is the ``__cause__`` (and :attr:`cause`).

    Attributes:
        deployment: What exists now (a :class:`~irclient.deploy.Deployment` or
            :class:`~irclient.deploy.ScalingDeployment` with ``complete=False``): names,
            requests sent, what was created and adopted, and what did not happen.
        cause: The error that stopped the deployment.
        remove_commands: AWS CLI commands that delete what this call created, newest first.
    """

    def __init__(
        self, deployment: Any, cause: BaseException, remove_commands: Iterable[str]
    ) -> None:
        self.deployment = deployment
        self.cause = cause
        self.remove_commands = tuple(remove_commands)
        created = ", ".join(deployment.created) or "nothing"
        not_done = ", ".join(deployment.not_done) or "nothing"
        super().__init__(
            f"deployment incomplete: {cause}. Created: {created}; not done: {not_done}. "
            "Re-run the same call to finish it"
            + ("" if not self.remove_commands else ", or remove what it created")
        )


class DeploymentInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a deployment after it had created something.

    A :class:`KeyboardInterrupt`, so that whatever handles Ctrl-C still does; it carries
    what :class:`IncompleteDeploymentError` carries.

    Attributes:
        deployment: What exists now (``complete=False``).
        remove_commands: AWS CLI commands that delete what this call created, newest first.
    """

    def __init__(self, deployment: Any, remove_commands: Iterable[str]) -> None:
        self.deployment = deployment
        self.remove_commands = tuple(remove_commands)
        super().__init__("interrupted; the deployment is incomplete")


# --------------------------------------------------------------------------- translation

_BY_CODE: dict[str, type[ServiceError]] = {
    "ResourceNotFound": ResourceNotFound,
    "ResourceNotFoundException": ResourceNotFound,
    "ResourceInUse": ResourceInUse,
    "ResourceInUseException": ResourceInUse,
    "ResourceLimitExceeded": ResourceLimitExceeded,
}

# Copies of botocore's lists, used only if a botocore release renames its private attributes.
_FALLBACK_THROTTLING_CODES = (
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
)
_FALLBACK_TRANSIENT_CODES = ("RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete")


# Every list is read from ``botocore.retries.standard`` on first use (importing it costs time
# that ``import irclient`` should not pay; by the first error botocore has loaded it anyway).
# Throttling and transient failures are classified here, in one place; ``irclient.retry``
# asks these functions which failures to repeat.


@functools.cache
def throttling_codes() -> frozenset[str]:
    """The error codes botocore's standard retry mode treats as throttling."""
    from botocore.retries import standard

    checker = getattr(standard, "ThrottledRetryableChecker", None)
    return frozenset(getattr(checker, "_THROTTLED_ERROR_CODES", _FALLBACK_THROTTLING_CODES))


@functools.cache
def throttling_statuses() -> frozenset[int]:
    """The HTTP statuses botocore treats as throttling when the error code is not modelled."""
    from botocore.retries import standard

    # The checker class is recent (botocore 1.35 has none): each name is looked up guarded,
    # as for the lists above and below, with botocore's long-standing 429 as the fallback.
    checker = getattr(standard, "ThrottlingStatusCodeChecker", None)
    return frozenset(getattr(checker, "_THROTTLING_STATUS_CODES", (429,)))


@functools.cache
def transient_codes() -> frozenset[str]:
    """The error codes botocore's standard retry mode treats as transient."""
    from botocore.retries import standard

    checker = getattr(standard, "TransientRetryableChecker", None)
    return frozenset(getattr(checker, "_TRANSIENT_ERROR_CODES", _FALLBACK_TRANSIENT_CODES))


@functools.cache
def transient_statuses() -> frozenset[int]:
    """The HTTP statuses botocore's standard retry mode treats as transient."""
    from botocore.retries import standard

    checker = getattr(standard, "TransientRetryableChecker", None)
    return frozenset(getattr(checker, "_TRANSIENT_STATUS_CODES", (500, 502, 503, 504)))


def _service_error(exc: Any, operation: str | None) -> ServiceError:
    response = exc.response if isinstance(getattr(exc, "response", None), dict) else {}
    error = response.get("Error") or {}
    meta = response.get("ResponseMetadata") or {}
    code = str(error.get("Code") or "Unknown")
    status = meta.get("HTTPStatusCode")
    cls = _BY_CODE.get(code)
    if cls is None:
        throttled = code in throttling_codes() or status in throttling_statuses()
        cls = ThrottlingError if throttled else ServiceError
    return cls(
        str(error.get("Message") or error.get("message") or code),
        code=code,
        http_status=status,
        request_id=request_id_of(response),
        operation=operation or getattr(exc, "operation_name", None),
    )


def request_id_of(response: Any) -> str | None:
    """The AWS request id of a botocore response dict, from its metadata or its headers.

    botocore fills ``ResponseMetadata.RequestId`` only when it could parse the body; a
    load balancer's HTML 502, or a garbled body, still carries the id in its headers.
    """
    meta = response.get("ResponseMetadata") if isinstance(response, dict) else None
    if not isinstance(meta, dict):
        return None
    found = meta.get("RequestId")
    if found:
        return str(found)
    headers = meta.get("HTTPHeaders") or {}
    for name in ("x-amzn-requestid", "x-amz-request-id"):
        if headers.get(name):
            return str(headers[name])
    return None


def from_botocore_error(
    exc: BaseException, *, operation: str | None = None
) -> IRClientError | None:
    """The irclient exception that stands for a botocore exception.

    The caller raises it ``from exc``, so the botocore error stays its ``__cause__``.

    * ``ClientError`` (an error response) becomes a :class:`ServiceError`, or the subclass its
      code names; throttling codes and HTTP 429 (botocore's own lists) give
      :class:`ThrottlingError`.
    * Read and connect timeouts give :class:`RequestTimeoutError`; other connection and HTTP
      client failures give :class:`ConnectionFailedError`; a body shorter than its
      ``Content-Length`` gives :class:`MalformedResponseError`.
    * botocore's own parameter check gives :class:`ValidationError`; any other
      ``BotoCoreError`` (no credentials, no region, ...) gives :class:`ConfigurationError`.

    Args:
        exc: Any exception.
        operation: The API operation that was called, for the message.

    Returns:
        The translated exception, or ``None`` when ``exc`` is not a botocore exception.
    """
    from botocore import exceptions as bx

    if isinstance(exc, bx.ClientError):
        return _service_error(exc, operation)
    if not isinstance(exc, bx.BotoCoreError):
        return None
    text = str(exc)
    if isinstance(exc, bx.ReadTimeoutError | bx.ConnectTimeoutError):
        return RequestTimeoutError(text, operation=operation)
    if isinstance(exc, bx.ConnectionError | bx.HTTPClientError):
        return ConnectionFailedError(text, operation=operation)
    if isinstance(exc, bx.IncompleteReadError):
        return MalformedResponseError(text, operation=operation)
    if isinstance(exc, bx.ParamValidationError):
        return ValidationError([Violation("", "botocore", text)])
    return ConfigurationError(f"{operation}: {text}" if operation else text)
