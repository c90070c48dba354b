"""RetryPolicy: the one place irclient retries, built on tenacity.

A boto3 client that irclient builds has botocore's own retries turned off, so the number of
requests an operation sends is what the policy says, never the policy times botocore's count.

What is retried follows botocore's standard retry mode, whose lists
:mod:`irclient.errors` reads from ``botocore/retries/standard.py`` rather than copying
them: throttling error codes (and HTTP 429), transient error codes, HTTP
500/502/503/504, connection failures, timeouts, and response bodies that arrived
truncated or garbled. Validation, not-found, in-use, limit and access
errors are never retried: the same request would fail the same way.

Delays are exponential with full jitter: before retry ``n`` (1-based) the policy sleeps a
uniformly random time between 0 and ``min(initial_delay * 2 ** (n - 1), max_delay)``.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .errors import IRClientError

if TYPE_CHECKING:
    import tenacity

__all__ = [
    "DEFAULT_INITIAL_DELAY",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_MAX_DELAY",
    "RetryPolicy",
    "is_retryable",
]

T = TypeVar("T")

logger = logging.getLogger("irclient")

DEFAULT_MAX_ATTEMPTS = 3
"""Attempts per operation, the first included: botocore's standard mode uses 3 too."""
DEFAULT_INITIAL_DELAY = 0.5
"""Cap of the first backoff, in seconds. botocore uses 1 s for throttling and 0.05 s for
other transient errors; one value between the two keeps the policy simple to reason about."""
DEFAULT_MAX_DELAY = 20.0
"""Cap of any single backoff, in seconds (botocore's standard mode caps at 20 s too)."""


def is_retryable(exc: BaseException) -> bool:
    """Whether a failed attempt is worth repeating as it is.

    Throttling, transient service errors (botocore's transient codes, HTTP 500/502/503/504)
    and every :class:`~irclient.errors.TransportError` are; everything else (validation,
    not found, in use, limits, access, configuration) is not. Each error says so itself
    (:attr:`~irclient.IRClientError.is_retry_safe`); this reads it.
    """
    return isinstance(exc, IRClientError) and exc.is_retry_safe


def _error_code(exc: BaseException | None) -> str:
    code = getattr(exc, "code", None)
    return code if isinstance(code, str) else type(exc).__name__


def _resume(
    _operation: str,
    _started: float,
    pending: list[BaseException],
    fn: Callable[..., T],
    args: tuple[Any, ...],
) -> T:
    # The operation and start time ride along as arguments so that the shared tenacity
    # object's hooks can read them from the call state: no per-call Retrying or closure.
    # The first attempt already ran outside tenacity; replaying its error as attempt 1
    # keeps tenacity's attempt count, backoff and log lines exact.
    if pending:
        raise pending.pop()
    return fn(*args)


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How an operation is retried: attempts, backoff and an overall deadline.

    A policy is an immutable value; one policy can serve many clients and threads at once.
    Change a value with :func:`attrs.evolve`. ``RetryPolicy(max_attempts=1)`` turns retries
    off.

    Every retry is logged on the ``irclient`` logger at INFO level with the operation, the
    attempt that failed, the error code and the delay before the next attempt.

    Example::

        policy = irclient.RetryPolicy(max_attempts=5, deadline=60.0)
        client = irclient.InferenceRecommenderClient(retry=policy)
    """

    max_attempts: int = attrs.field(default=DEFAULT_MAX_ATTEMPTS)
    """Attempts per operation call, the first included (at least 1)."""
    initial_delay: float = attrs.field(default=DEFAULT_INITIAL_DELAY)
    """Upper bound of the first backoff in seconds; the bound doubles with each retry."""
    max_delay: float = attrs.field(default=DEFAULT_MAX_DELAY)
    """Upper bound of any one backoff, in seconds."""
    deadline: float | None = attrs.field(default=None)
    """Seconds from the first attempt after which no new attempt starts, or ``None``.

    The policy stops when the next backoff would end past the deadline; an attempt already
    on the wire is bounded by the boto3 client's own connect and read timeouts instead."""
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False)
    """How the client waits: between retries, and between polls in ``wait_for_job``.

    Replace it (with ``clock``) to run retries and waits in simulated time, as tests do."""
    clock: Callable[[], float] = attrs.field(default=time.monotonic, repr=False)
    """The monotonic clock ``deadline`` and ``wait_for_job``'s ``timeout`` are measured on."""

    _retrying: Any = attrs.field(init=False, default=None, eq=False, repr=False)

    @max_attempts.validator
    def _check_attempts(self, _: Any, value: int) -> None:
        if type(value) is not int or value < 1:
            raise ValueError(f"max_attempts must be at least 1, got {value}")

    @initial_delay.validator
    @max_delay.validator
    def _check_delay(self, attribute: Any, value: float) -> None:
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{attribute.name} must be a number >= 0, got {value!r}")

    @deadline.validator
    def _check_deadline(self, _: Any, value: float | None) -> None:
        if value is not None and (not isinstance(value, int | float) or value < 0):
            raise ValueError(f"deadline must be a number >= 0 or None, got {value!r}")

    def call(self, operation: str, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)``, retrying it as this policy says.

        ``fn`` must raise irclient exceptions (botocore's already translated): retryability
        is decided on those. The last exception is re-raised unchanged when attempts or the
        deadline run out, never a ``tenacity.RetryError``.

        Args:
            operation: The API operation, for the log lines.
            fn: One attempt.
            *args: Its arguments.

        Returns:
            What ``fn`` returned.
        """
        started = self.clock()
        # The first attempt runs outside tenacity: its per-call bookkeeping costs more than
        # everything else irclient adds to a call, and most calls succeed at once.
        try:
            return fn(*args)
        except BaseException as exc:
            if self.max_attempts == 1 or not is_retryable(exc):
                raise
            first = exc
        retrying = self._retrying
        if retrying is None:
            retrying = self._build()
        return retrying(_resume, operation, started, [first], fn, args)  # type: ignore[no-any-return]

    def _build(self) -> tenacity.Retrying:
        # tenacity is imported here, once per policy: it pulls in asyncio, which costs more
        # than the rest of import irclient. Its Retrying keeps per-call state in thread-locals
        # and a per-call RetryCallState, so one instance serves every thread.
        import tenacity

        stop: Any = tenacity.stop_after_attempt(self.max_attempts)
        if self.deadline is not None:
            deadline: Any = _StopAtDeadline(self.deadline, self.clock)
            stop = tenacity.stop_any(stop, deadline)
        retrying = tenacity.Retrying(
            sleep=self.sleep,
            stop=stop,
            wait=tenacity.wait_random_exponential(
                multiplier=self.initial_delay, max=self.max_delay
            ),
            retry=tenacity.retry_if_exception(is_retryable),
            before_sleep=functools.partial(_log_retry, self.max_attempts),
            reraise=True,
        )
        # A benign race: two threads may each build one; either is correct.
        object.__setattr__(self, "_retrying", retrying)
        return retrying


class _StopAtDeadline:
    """Stop when the next backoff would end past the deadline, on the policy's clock."""

    def __init__(self, deadline: float, clock: Callable[[], float]) -> None:
        self.deadline = deadline
        self.clock = clock

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        started: float = retry_state.args[1]
        return self.clock() - started + retry_state.upcoming_sleep >= self.deadline


def _log_retry(max_attempts: int, retry_state: tenacity.RetryCallState) -> None:
    outcome = retry_state.outcome
    exc = outcome.exception() if outcome is not None else None
    logger.info(
        "%s: attempt %d of %d failed with %s; retrying in %.2f s",
        retry_state.args[0],
        retry_state.attempt_number,
        max_attempts,
        _error_code(exc),
        retry_state.upcoming_sleep,
    )
