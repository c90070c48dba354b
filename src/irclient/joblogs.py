"""A recommendation job's CloudWatch logs: where they are, and reading them in time order.

Inference Recommender writes a job's logs to the log group
``/aws/sagemaker/InferenceRecommendationsJobs``, one stream per part of the job:

* ``<job>/execution`` - the job itself: planning, each benchmark starting and ending;
* ``<job>/Endpoint/<endpoint>`` - the load test against one benchmark endpoint;
* ``<job>/CompilationJob/<compilation job>`` - a model compiled for an instance type.

The benchmark endpoints' containers log to their own groups,
``/aws/sagemaker/Endpoints/<endpoint>`` (streams ``<variant>/<instance id>``): that is where
a model's own traceback is. :class:`JobLogReader` reads both, through the client's
:class:`~irclient.retry.RetryPolicy`, with botocore's errors turned into
:mod:`irclient.errors` exceptions.

Reading needs ``logs:DescribeLogStreams`` and ``logs:GetLogEvents`` on those groups.
"""

from __future__ import annotations

import datetime
import heapq
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from ._core.pages import SeenTokens
from ._core.pipeline import call_aws
from ._core.redact import redact
from ._utils.text import safe_output, safe_text
from .errors import IRClientError, MalformedResponseError, ResourceNotFound

if TYPE_CHECKING:
    from .retry import RetryPolicy

__all__ = [
    "ENDPOINT_LOG_GROUP_PREFIX",
    "JOB_LOG_GROUP",
    "JobLogReader",
    "LogEvent",
    "StreamsReader",
    "endpoint_log_group",
]

logger = logging.getLogger("irclient")

JOB_LOG_GROUP: Final = "/aws/sagemaker/InferenceRecommendationsJobs"
"""The log group of every Inference Recommender job in an account and Region."""

ENDPOINT_LOG_GROUP_PREFIX: Final = "/aws/sagemaker/Endpoints/"
"""The prefix of an endpoint's own log group; the endpoint's name follows it."""

_STREAMS_PAGE: Final = 50  # DescribeLogStreams' maximum
_EPOCH: Final = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def endpoint_log_group(endpoint_name: str) -> str:
    """The log group an endpoint's containers write to.

    Args:
        endpoint_name: The endpoint (a benchmark endpoint's name is in its step's
            ``EndpointConfiguration``).
    """
    return f"{ENDPOINT_LOG_GROUP_PREFIX}{endpoint_name}"


# --------------------------------------------------------------------------- stream names
# The one place that knows how Inference Recommender names a job's streams: the reader, the
# diagnosis and the simulator's log writer all go through these.

StreamKind = Literal["execution", "endpoint", "compilation", "other"]
"""What a stream of :data:`JOB_LOG_GROUP` is for (see :func:`stream_kind`)."""

_ENDPOINT_PART: Final = "Endpoint/"
_COMPILATION_PART: Final = "CompilationJob/"
_EXECUTION_PART: Final = "execution"


def job_stream_prefix(job_name: str) -> str:
    """``<job>/``: the prefix of every stream of the job in :data:`JOB_LOG_GROUP`."""
    return f"{job_name}/"


def execution_stream(job_name: str) -> str:
    """``<job>/execution``: the job's own stream (planning, each benchmark's start and end)."""
    return f"{job_stream_prefix(job_name)}{_EXECUTION_PART}"


def endpoint_stream(job_name: str, endpoint_name: str) -> str:
    """``<job>/Endpoint/<endpoint>``: the load test against one benchmark endpoint."""
    return f"{job_stream_prefix(job_name)}{_ENDPOINT_PART}{endpoint_name}"


def compilation_stream(job_name: str, compilation_job_name: str) -> str:
    """``<job>/CompilationJob/<compilation job>``: a model compiled for an instance type."""
    return f"{job_stream_prefix(job_name)}{_COMPILATION_PART}{compilation_job_name}"


def stream_kind(job_name: str, stream: str) -> tuple[StreamKind, str | None]:
    """What a stream of the job in :data:`JOB_LOG_GROUP` is for, and what it names.

    Returns:
        ``("execution", None)``, ``("endpoint", <endpoint>)``,
        ``("compilation", <compilation job>)``, or ``("other", None)``.
    """
    rest = stream.removeprefix(job_stream_prefix(job_name))
    if rest == stream:
        return "other", None
    if rest == _EXECUTION_PART:
        return "execution", None
    if rest.startswith(_ENDPOINT_PART):
        return "endpoint", rest.removeprefix(_ENDPOINT_PART)
    if rest.startswith(_COMPILATION_PART):
        return "compilation", rest.removeprefix(_COMPILATION_PART)
    return "other", None


def _millis(value: datetime.datetime) -> int:
    return int((value - _EPOCH) // datetime.timedelta(milliseconds=1))


def _from_millis(value: Any) -> datetime.datetime | None:
    """Epoch milliseconds as a UTC datetime; ``None`` for a non-number or one out of range.

    Out of range is before year 1 or after 9999, NaN or infinite: no time a log line has.
    """
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return _EPOCH + datetime.timedelta(milliseconds=value)
    except (OverflowError, ValueError):  # ValueError: NaN
        return None


def _brief(value: Any) -> str:
    """A value from a response for a warning: its repr, cut to a readable length."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an integer of {value.bit_length()} bits"
    text = safe_text(repr(value))
    return text if len(text) <= 40 else f"{text[:37]}..."


@attrs.frozen(kw_only=True)
class LogEvent:
    """One line of a job's logs."""

    timestamp: datetime.datetime
    """When it was logged (timezone-aware, UTC)."""
    message: str
    """The line, without its trailing newline."""
    log_group: str
    """The log group: :data:`JOB_LOG_GROUP` or an endpoint's own group."""
    log_stream: str
    """The log stream, within ``log_group``."""
    ingestion_time: datetime.datetime | None = None
    """When CloudWatch Logs received it."""

    @property
    def source(self) -> str:
        """A short name of where it came from.

        ``<job>/execution`` for the job's streams (as the stream is named), and
        ``<endpoint> <stream>`` for an endpoint's own logs.
        """
        if self.log_group.startswith(ENDPOINT_LOG_GROUP_PREFIX):
            return f"{self.log_group[len(ENDPOINT_LOG_GROUP_PREFIX) :]} {self.log_stream}"
        return self.log_stream

    def __str__(self) -> str:
        r"""``<time> [<source>] <message>`` as one line that is safe to show.

        The message was written by a model container, or by whoever created the job: its
        control sequences, carriage returns, bidirectional overrides and invisible
        characters are shown as escapes (``\x1b``), and credentials in it (a presigned
        URL's, say) read ``<redacted>``. :attr:`message` keeps the line as it was logged.
        """
        stamp = self.timestamp.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
        message = safe_text(redact(self.message), None)
        return f"{stamp} [{safe_text(self.source, None)}] {message}"

    def to_dict(self) -> dict[str, Any]:
        """The event as JSON-ready values (times in ISO 8601)."""
        return {
            "timestamp": self.timestamp.isoformat(),
            "message": self.message,
            "log_group": self.log_group,
            "log_stream": self.log_stream,
            "ingestion_time": None
            if self.ingestion_time is None
            else self.ingestion_time.isoformat(),
        }


def resolve_since(since: datetime.datetime | datetime.timedelta | None) -> datetime.datetime | None:
    """``since`` as a point in time: a timezone-aware datetime, or a time span back from now.

    Args:
        since: A timezone-aware datetime, a ``timedelta`` before now, or ``None``.

    Raises:
        ValueError: A naive datetime (its time zone would be a guess) or a negative span.
        TypeError: Anything else.
    """
    if since is None:
        return None
    if isinstance(since, datetime.datetime):
        if since.tzinfo is None or since.utcoffset() is None:
            raise ValueError(
                f"since must be timezone-aware (datetime.now(datetime.UTC), ...), got {since!r}"
            )
        return since
    if isinstance(since, datetime.timedelta):
        if since < datetime.timedelta(0):
            raise ValueError(f"since must be a timedelta >= 0 before now, got {since!r}")
        return datetime.datetime.now(datetime.UTC) - since
    raise TypeError(f"since must be a datetime, a timedelta or None, got {type(since).__name__}")


def _event(group: str, stream: str, raw: dict[str, Any]) -> LogEvent | None:
    timestamp = _from_millis(raw.get("timestamp"))
    message = raw.get("message")
    if not isinstance(message, str):
        return None  # nothing to show; CloudWatch always sends one
    if timestamp is None:
        # Not a time (out of range, say): the line cannot take its place in time order. Said,
        # not dropped in silence; the lines around it are shown as usual.
        logger.warning(
            "log stream %s: an event without a readable timestamp (%s) was left out",
            safe_text(f"{group}:{stream}"),
            _brief(raw.get("timestamp")),
        )
        return None
    return LogEvent(
        timestamp=timestamp,
        message=message.rstrip("\r\n"),
        log_group=group,
        log_stream=stream,
        ingestion_time=_from_millis(raw.get("ingestionTime")),
    )


# --------------------------------------------------------------------------- reading


@attrs.define
class _Cursor:
    """Where reading one stream has got to: the forward token of its last page."""

    group: str
    stream: str
    token: str | None = None
    gone: bool = False


class JobLogReader:
    """Reads one job's log streams: each event once, in time order across streams.

    The reader keeps a cursor per stream, so calling :meth:`read` again yields only the
    events logged since the last call: that is how following works.

    Args:
        call: Runs one CloudWatch Logs operation: ``call(operation, **params)`` returns the
            response dict or raises an :mod:`irclient.errors` exception.
        job_name: The job.
        since: Only events at or after this time.
        endpoints: Read the benchmark endpoints' own log groups too.
    """

    def __init__(
        self,
        call: Callable[..., dict[str, Any]],
        job_name: str,
        *,
        since: datetime.datetime | None = None,
        endpoints: bool = True,
    ) -> None:
        self._call = call
        self.job_name = job_name
        self._start = None if since is None else _millis(since)
        self._endpoints = endpoints
        self._cursors: dict[tuple[str, str], _Cursor] = {}
        self._endpoint_names: list[str] = []

    @property
    def endpoint_names(self) -> tuple[str, ...]:
        """The benchmark endpoints whose streams were seen, in the order they appeared."""
        return tuple(self._endpoint_names)

    @property
    def streams(self) -> tuple[tuple[str, str], ...]:
        """The (log group, log stream) pairs found so far."""
        return tuple(self._cursors)

    def add_endpoint(self, endpoint_name: str) -> None:
        """Read this endpoint's own log group too (found from the job's steps, say)."""
        if endpoint_name not in self._endpoint_names:
            self._endpoint_names.append(endpoint_name)

    def discover(self) -> None:
        """Look for streams that appeared since the last look.

        A log group that does not exist yet has no streams; other errors are raised.
        """
        prefix = job_stream_prefix(self.job_name)
        for name in list_stream_names(self._call, JOB_LOG_GROUP, prefix):
            self._cursors.setdefault((JOB_LOG_GROUP, name), _Cursor(JOB_LOG_GROUP, name))
            kind, endpoint = stream_kind(self.job_name, name)
            if kind == "endpoint" and endpoint:
                self.add_endpoint(endpoint)
        if not self._endpoints:
            return
        for endpoint in self._endpoint_names:
            group = endpoint_log_group(endpoint)
            for name in list_stream_names(self._call, group, None):
                self._cursors.setdefault((group, name), _Cursor(group, name))

    def read(self) -> Iterator[LogEvent]:
        """The events not read yet, in time order across streams, fetched page by page.

        Each stream's first page is fetched when iteration starts (to know which event comes
        first); later pages as iteration reaches them. Events of equal time keep their
        stream's order.
        """
        live = [c for c in self._cursors.values() if not c.gone]
        ordered = sorted(live, key=lambda c: (c.group != JOB_LOG_GROUP, c.group, c.stream))
        streams = [self._drain(cursor) for cursor in ordered]
        return heapq.merge(*streams, key=lambda event: event.timestamp)

    def _drain(self, cursor: _Cursor) -> Iterator[LogEvent]:
        seen = SeenTokens()
        if cursor.token is not None:
            seen.add(cursor.token, 0)
        pages = 0
        while True:
            params: dict[str, Any] = {
                "logGroupName": cursor.group,
                "logStreamName": cursor.stream,
                "startFromHead": True,
            }
            if cursor.token is not None:
                params["nextToken"] = cursor.token
            if self._start is not None:
                # Sent with every page: a token is a position among the events it selects.
                params["startTime"] = self._start
            try:
                page = self._call("GetLogEvents", **params)
            except ResourceNotFound:
                cursor.gone = True  # deleted since it was listed
                return
            for raw in page.get("events") or ():
                event = _event(cursor.group, cursor.stream, raw)
                if event is not None:
                    yield event
            pages += 1
            token = page.get("nextForwardToken")
            # The end of a stream, for now, is the token that comes back unchanged.
            if not isinstance(token, str) or token == cursor.token:
                return
            _refuse_cycle(seen, token, pages, "GetLogEvents", f"{cursor.group}:{cursor.stream}")
            seen.add(token, pages)
            cursor.token = token


class StreamsReader(JobLogReader):
    """Reads the log streams a job reports itself (a generative-AI job's ``CloudWatchLogs``).

    An AI benchmark job names its log group and stream in its description, so there is
    nothing to search for: :meth:`discover` asks ``streams`` for them each time.

    Args:
        call: Runs one CloudWatch Logs operation (see :class:`JobLogReader`).
        job_name: The job.
        streams: The (log group, log stream) pairs to read now.
        since: Only events at or after this time.
    """

    def __init__(
        self,
        call: Callable[..., dict[str, Any]],
        job_name: str,
        streams: Callable[[], Iterable[tuple[str, str]]],
        *,
        since: datetime.datetime | None = None,
    ) -> None:
        super().__init__(call, job_name, since=since, endpoints=False)
        self._streams = streams

    def discover(self) -> None:
        """Add the streams the job reports now."""
        for group, stream in self._streams():
            self._cursors.setdefault((group, stream), _Cursor(group, stream))


def _refuse_cycle(seen: SeenTokens, token: str, pages: int, operation: str, where: str) -> None:
    """Raise if ``token`` was sent before in this walk: its pages lead back to themselves.

    The same rule as the SageMaker page walks (:class:`irclient._core.pages.Pages`): a
    token that comes back after other pages (A, B, A) would make the walk endless.
    """
    before = seen.page_of(token)
    if before is not None:
        raise MalformedResponseError(
            f"CloudWatch Logs returned a token it had returned before for {safe_text(where)} (page "
            f"{pages}, a cycle of {pages - before} pages): the read would never end",
            operation=operation,
        )


def list_stream_names(
    call: Callable[..., dict[str, Any]],
    group: str,
    prefix: str | None,
    *,
    missing_ok: bool = True,
) -> Iterator[str]:
    """The names of a log group's streams (with ``prefix``), page by page.

    Args:
        call: Runs one CloudWatch Logs operation (see :class:`JobLogReader`).
        group: The log group.
        prefix: Only streams whose name starts with this.
        missing_ok: A group that does not exist (yet) has no streams; otherwise that is
            :class:`~irclient.ResourceNotFound`.
    """
    params: dict[str, Any] = {"logGroupName": group, "limit": _STREAMS_PAGE}
    if prefix:
        params["logStreamNamePrefix"] = prefix
    token: str | None = None
    seen = SeenTokens()
    pages = 0
    while True:
        if token is not None:
            params["nextToken"] = token
        try:
            page = call("DescribeLogStreams", **params)
        except ResourceNotFound:
            if missing_ok:
                return
            raise
        pages += 1
        for stream in page.get("logStreams") or ():
            name = stream.get("logStreamName")
            if isinstance(name, str):
                yield name
        following = page.get("nextToken")
        if not isinstance(following, str) or not following or following == token:
            return
        _refuse_cycle(seen, following, pages, "DescribeLogStreams", f"log group {group}")
        seen.add(following, pages)
        token = following


def tail(
    call: Callable[..., dict[str, Any]], group: str, stream: str, lines: int
) -> tuple[tuple[LogEvent, ...], bool]:
    """The last ``lines`` events of a stream, oldest first, and whether earlier ones exist.

    Args:
        call: Runs one CloudWatch Logs operation (see :class:`JobLogReader`).
        group: The log group.
        stream: The log stream.
        lines: How many events at most.
    """
    if lines <= 0:
        return (), False
    # One more than asked: its presence says the stream has earlier lines.
    page = call(
        "GetLogEvents",
        logGroupName=group,
        logStreamName=stream,
        startFromHead=False,
        limit=lines + 1,
    )
    events = [
        event
        for raw in page.get("events") or ()
        if (event := _event(group, stream, raw)) is not None
    ]
    return tuple(events[-lines:]), len(events) > lines


def caller(logs_client: Any, policy: RetryPolicy) -> Callable[..., dict[str, Any]]:
    """``call(operation, **params)`` for a boto3 CloudWatch Logs client, retried by ``policy``.

    Args:
        logs_client: The boto3 CloudWatch Logs client.
        policy: The retry policy.
    """

    def call(operation: str, **params: Any) -> dict[str, Any]:
        return call_aws(policy, logs_client, operation, params)

    return call


_ENDED: Final = frozenset({"COMPLETED", "FAILED", "STOPPED", "DELETED"})


def iter_events(
    reader: JobLogReader,
    *,
    status: Callable[[], str | None],
    follow: bool,
    poll_interval: float,
    sleep: Callable[[float], None],
) -> Iterator[LogEvent]:
    """Yield a job's log events; with ``follow``, until the job has ended.

    Each round asks the job's status first, then reads what is new: so the round that sees
    the job ended also reads the last lines it logged, and is the last round.

    Args:
        reader: The job's reader.
        status: The job's status now (``None`` when it could not be read this time).
        follow: Keep reading until the job ends; otherwise one round.
        poll_interval: Seconds between rounds.
        sleep: How to wait between rounds.
    """
    while True:
        # Classic jobs say COMPLETED, generative-AI jobs Completed: one set of end states.
        ended = str(status()).upper() in _ENDED
        reader.discover()
        yield from reader.read()
        if not follow or ended:
            return
        sleep(poll_interval)


def print_event(event: LogEvent) -> None:
    """Write one event on standard output, as ``wait_for_job(logs=True)`` shows it.

    The line is ``str(event)``: made safe, and written in what the output's encoding can
    write (an ASCII locale gets escapes, never ``UnicodeEncodeError``).

    Args:
        event: The event.
    """
    encoding = getattr(sys.stdout, "encoding", None)
    sys.stdout.write(safe_output(f"{event}\n", encoding))
    sys.stdout.flush()


class LogForwarder:
    """Hands a job's new log events to a callable each time it is called.

    ``wait_for_job(logs=...)`` calls it after every poll. A read that fails (no
    permission, say) is logged as a warning once, and forwarding stops: the wait matters
    more than its logs.

    Args:
        make_call: Makes the CloudWatch Logs caller (see :func:`caller`), on first use.
        job_name: The job.
        forward: Called with each new event.
    """

    def __init__(
        self,
        make_call: Callable[[], Callable[..., dict[str, Any]]],
        job_name: str,
        forward: Callable[[LogEvent], object],
    ) -> None:
        self._make_call = make_call
        self._job_name = job_name
        self._forward = forward
        self._reader: JobLogReader | None = None
        self.stopped = False
        """Whether a failed read has stopped forwarding."""

    def __call__(self) -> None:
        if self.stopped:
            return
        try:
            if self._reader is None:
                self._reader = JobLogReader(self._make_call(), self._job_name)
            self._reader.discover()
            for event in self._reader.read():
                self._forward(event)
        except IRClientError as exc:
            self.stopped = True
            logger.warning(
                "waiting for job %r: cannot read its logs, going on without them (%s)",
                self._job_name,
                describe_error(exc),
            )


def describe_error(exc: IRClientError) -> str:
    """Why a log read failed, in words a reader can act on.

    Args:
        exc: The error the read raised.
    """
    code = getattr(exc, "code", None)
    if code in ("AccessDeniedException", "AccessDenied", "UnauthorizedOperation"):
        return (
            "access denied: the caller needs logs:DescribeLogStreams and logs:GetLogEvents "
            f"on the group ({exc})"
        )
    if isinstance(exc, ResourceNotFound):
        return "it does not exist (yet): it appears when something first logs to it"
    return str(exc)
