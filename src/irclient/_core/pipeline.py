"""The request pipeline: resolve, validate, send, translate errors, parse.

Data flows one way: user values -> model -> validation -> wire dict -> boto3 -> dict -> model.
Every botocore error becomes an :mod:`irclient.errors` exception; every retry comes from the
pipeline's :class:`~irclient.retry.RetryPolicy`. Each operation of the table
(:data:`irclient.models._specs.OPERATIONS`) goes through :meth:`Pipeline.call` or
:meth:`Pipeline.send`; modules that add capabilities call operations the same way.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

from .._codec import fastparse as _fastparse
from .._codec import parse_faults as _parse_faults
from .._codec.request_input import resolve_fields
from ..errors import (
    ConfigurationError,
    InvalidResponseError,
    MalformedResponseError,
    ValidationError,
    from_botocore_error,
    request_id_of,
)
from ..models import _base
from ..retry import RetryPolicy
from ..serde import parse_response, to_wire
from ..validation import validate as _validate
from . import floor

__all__ = ["Pipeline", "install_body_check"]

_MALFORMED: Final = "irclient:MalformedBody"
"""Key the body check adds to a parsed response whose body was not a JSON object."""


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


def install_body_check(client: Any, operations: Mapping[str, _base.Operation]) -> None:
    """Flag unreadable bodies of every operation that answers with one (idempotent).

    Also keeps each raw response until it is parsed, so that a body botocore's parser
    cannot read is reported by the member that broke it (:mod:`irclient._codec.parse_faults`).
    """
    _parse_faults.install(client, [n for n, op in operations.items() if op.output is not None])
    service = client.meta.service_model.service_id.hyphenize()
    for name, operation in operations.items():
        if operation.output is not None:
            client.meta.events.register(
                f"after-call.{service}.{name}",
                _flag_unreadable_body,
                unique_id=f"irclient-body-check-{name}",
            )


def resolve(operation: _base.Operation, request: Any, fields: dict[str, Any]) -> _base.Shape:
    """The request model of a call: given as a model, as its wire-form dict, or as fields."""
    cls = operation.input
    if isinstance(request, str):
        # describe_inference_recommendations_job("my-job"), as wait_for_job("my-job"): the
        # one required member of a request that has one, given by position.
        name = _sole_required_text(cls)
        if name is not None and name not in fields:
            request, fields = None, {name: request, **fields}
    if request is None:
        # Unknown, misspelled or missing fields are a ValidationError naming the members,
        # not Python's TypeError; nested members may be given as wire-form dicts.
        return resolve_fields(cls, fields, check=True)
    if fields:
        raise TypeError(
            f"{operation.method}() takes a request or its fields as keyword arguments, not both "
            f"(got request and {', '.join(sorted(fields))})"
        )
    if isinstance(request, cls):
        return request
    if isinstance(request, Mapping):
        return cls.from_dict(request)
    raise TypeError(
        f"{operation.method}(): request must be a {cls.__name__} or its wire-form dict, "
        f"got {type(request).__name__}"
    )


def _sole_required_text(cls: type[_base.Shape]) -> str | None:
    """The attribute name of the one required member of ``cls``, when it is a string."""
    from ..models import _specs

    required = [f for f in _specs.SPECS[cls] if f.required]
    if len(required) == 1 and required[0].type.kind == "string":
        return required[0].name
    return None


class Pipeline:
    """The one request path of a boto3 client: every operation of the table goes through it.

    Args:
        client: The boto3 client requests are sent with.
        policy: The retry policy of every call.
        validate: Whether requests are checked before they are sent.
        fast_parse: Whether ``client`` has the specialised response parsers installed
            (:mod:`irclient._codec.fastparse`); its calls then enable them.
    """

    __slots__ = ("_lock", "_methods", "_missing", "client", "fast_parse", "policy", "validate")

    def __init__(
        self, client: Any, policy: RetryPolicy, validate: bool, *, fast_parse: bool = False
    ) -> None:
        self.client = client
        self.policy = policy
        self.validate = validate
        self.fast_parse = fast_parse
        # Bound boto3 methods, resolved once per operation: no reflection per call.
        self._methods: dict[str, Callable[..., dict[str, Any]]] = {}
        self._lock = threading.Lock()
        # Request members the client's botocore is too old for: computed on first need.
        self._missing: dict[tuple[str, str], str] | None = None

    def method(self, operation: _base.Operation) -> Callable[..., dict[str, Any]]:
        """The boto3 client's method for ``operation``."""
        method = self._methods.get(operation.name)
        if method is None:
            if operation.since is not None:
                floor.check_operation(self.client, operation)
            method = getattr(self.client, operation.method)
            with self._lock:
                self._methods[operation.name] = method
        return method

    def resolve(self, operation: _base.Operation, request: Any, fields: dict[str, Any]) -> Any:
        """The request model, from a model, its wire-form dict, or its fields."""
        return resolve(operation, request, fields)

    def call(self, operation: _base.Operation, request: Any, fields: dict[str, Any]) -> Any:
        """Resolve, validate, send (retried), translate errors and parse the response."""
        return self.send(operation, resolve(operation, request, fields))

    def send(self, operation: _base.Operation, request: _base.Shape) -> Any:
        """Validate a request model, then send it with retries; the parsed response."""
        return self.policy.call(operation.name, self.attempt, operation, self.wire(request))

    def wire(self, request: _base.Shape) -> dict[str, Any]:
        """The request's wire form, once it is validated (when this pipeline validates).

        The one place a request leaves the typed world: single calls, page walks and the
        safe Create all go through it.
        """
        if self.validate:
            _validate(request)
        return to_wire(request)

    def attempt(self, operation: _base.Operation, params: dict[str, Any]) -> Any:
        """One request: send, translate errors, refuse unreadable bodies, parse."""
        method = self.method(operation)
        if operation.since is not None:
            if self._missing is None:
                self._missing = floor.missing_members(self.client)
            if self._missing:
                floor.check_members(operation, params, self._missing)
        try:
            if self.fast_parse:
                raw = _fastparse.call(method, operation.name, params)
            else:
                raw = method(**params)
        except Exception as exc:
            error = _unknown_region(exc, self.client) or from_botocore_error(
                exc, operation=operation.name
            )
            if error is None and isinstance(exc, UnicodeDecodeError):  # botocore's JSON parser
                error = MalformedResponseError(
                    "the response body is not UTF-8", operation=operation.name
                )
            if error is None:
                # A JSON body with a member botocore's parser cannot read (a string for a
                # structure, a timestamp out of range) raises Python's exceptions inside it.
                error = _parse_faults.explain(exc, operation.name)
            if error is None:
                error = _moto_without_operations(exc, operation)
            if error is None:
                raise
            raise error from exc
        if operation.output is None:
            return None
        typed = raw.get(_fastparse.TYPED)
        if typed is not None:  # a clean body, built straight into the model
            return typed
        if _MALFORMED in raw:
            raise MalformedResponseError(
                "the response body was not a JSON object (truncated or garbled)",
                operation=operation.name,
                request_id=request_id_of(raw),
            )
        try:
            return parse_response(raw, operation.output, operation=operation.name)
        except ValidationError as exc:
            # The body parsed: resending cannot fix it, so this is not a transport error.
            # (A member the body merely lacks was corrected, not refused.)
            raise InvalidResponseError(
                f"the response does not fit the service model: {exc}",
                operation=operation.name,
                request_id=request_id_of(raw),
                violations=exc.violations,
            ) from exc

    def pages(
        self, operation: _base.Operation, request: _base.Shape, max_items: int | None
    ) -> Iterator[Any]:
        """Walk a paginated operation page by page, lazily (:class:`.pages.Pages`)."""
        from .pages import Pages

        return iter(Pages(self, operation, request, max_items))

    def items(
        self, operation: _base.Operation, request: _base.Shape, max_items: int | None
    ) -> Iterator[Any]:
        """Walk a paginated operation item by item, lazily."""
        from .pages import Pages

        return Pages(self, operation, request, max_items).items()


def call_aws(
    policy: RetryPolicy, client: Any, operation: str, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Call any boto3 client's operation, retried by ``policy``, botocore's errors translated.

    The one way irclient calls the services it does not model (Application Auto Scaling,
    CloudWatch Logs), so that they retry and fail exactly as the modelled operations do.

    Args:
        policy: The retry policy.
        client: A boto3 client (of any service).
        operation: The operation name (``DescribeLogStreams``).
        params: The request, in wire form.

    Returns:
        botocore's parsed response.
    """
    from botocore import xform_name

    method = getattr(client, xform_name(operation))

    def attempt() -> dict[str, Any]:
        try:
            result: dict[str, Any] = method(**params)
        except Exception as exc:
            error = from_botocore_error(exc, operation=operation)
            if error is None:
                raise
            raise error from exc
        return result

    return policy.call(operation, attempt)


def _moto_without_operations(
    exc: BaseException, operation: _base.Operation
) -> ConfigurationError | None:
    """The error for moto's "not implemented" of our operation: ``mock_aws`` without install.

    moto implements none of these operations; its in-process mock answers
    ``NotImplementedError`` until :func:`irclient.testing.install` adds them, and the
    message alone does not say so.
    """
    if not isinstance(exc, NotImplementedError) or operation.method not in str(exc):
        return None
    return ConfigurationError(
        f"{exc}: moto's mock_aws is active without irclient's Inference Recommender "
        "operations; call irclient.testing.install() first (once, in a conftest.py say), or "
        "use irclient.testing.mock_inference_recommender() instead of mock_aws"
    )


def _unknown_region(exc: BaseException, client: Any) -> ConfigurationError | None:
    """A connection that failed because the Region does not exist: say that, not "retry".

    AWS has an endpoint for every Region it has; for a mistyped one (``us-east-9``) the
    endpoint URL botocore made from it does not resolve. Not retried: nothing would change.
    """
    from botocore.exceptions import EndpointConnectionError

    from .regions import known_regions, region_hint

    if not isinstance(exc, EndpointConnectionError):
        return None
    region = getattr(client.meta, "region_name", None)
    endpoint = str(exc.kwargs.get("endpoint_url", ""))
    if not region or region in known_regions() or region not in endpoint:
        return None
    return ConfigurationError(f"{region_hint(region)}: {exc}")
