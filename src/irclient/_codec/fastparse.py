"""Typed responses straight from the JSON body, through botocore's public extension points.

botocore parses every response with a generic parser that walks the service model member by
member to build dicts; irclient then walks the same shapes again to build its models. For
irclient's own calls this module does it in one pass: the parsers generated into
``irclient.models._parsers`` (by ``tools/parsergen.py``, from the same botocore model as the
models) read the decoded JSON straight into the models.

How it hooks in, using only what botocore documents and uses itself:

* the ``before-parse.<service>.<Operation>`` event, which botocore's endpoint emits with the
  raw ``response_dict`` just before its parser runs, and whose ``customized_response_dict``
  it merges into the parsed result (botocore's own handlers rewrite the body and add members
  there, for SSO OIDC errors and S3's ``Expires``). The handler builds the model, hands it
  over in ``customized_response_dict`` and leaves the parser an empty body, so botocore only
  adds ``ResponseMetadata`` from the headers;
* the handler is registered on one client's event system (``client.meta.events``), which
  botocore copies for each client: the session and its other clients never see it;
* a :mod:`contextvars` variable that is set only while irclient itself calls the client. The
  handler does nothing otherwise, so code calling that boto3 client directly (or another
  thread using it meanwhile) gets exactly what botocore's parser returns.

Anything but a clean 200 JSON body is left to botocore: error responses, other statuses,
bodies that are not UTF-8 JSON objects, and every body the generated parser declines (a
missing required member, a value of another type, an ISO timestamp). Those go through
botocore's parser and irclient's structuring exactly as they would without this module, so
the model is the same whichever path a body takes.

The parsers are installed on a client only when the installed botocore's model has the very
output shapes they were generated from (:func:`fingerprint`): after a botocore upgrade that
changes them, botocore's parser does all the parsing until the parsers are regenerated.
"""

from __future__ import annotations

import contextvars
import datetime
import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any, Final

from ..models import _base
from ..models._parsers import MODEL_FINGERPRINT, PARSERS, Fallback, Timestamp

__all__ = ["TYPED", "call", "epoch_converter", "fingerprint", "install", "parse_body"]

logger = logging.getLogger("irclient")

TYPED: Final = "irclient:TypedResponse"
"""Key under which the model reaches irclient in the parsed result (no AWS member has a colon)."""

_HANDLER_ID: Final = "irclient-typed-parse"

_CALLING: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "irclient_typed_parse", default=None
)
"""The operation irclient is calling right now in this context, if any."""


# --------------------------------------------------------------------------- timestamps


def _build_epoch_converter() -> Timestamp:
    """Epoch seconds to the UTC datetime of that instant.

    botocore converts with ``datetime.fromtimestamp(value, tzinfo())``, a local-time tzinfo
    (dateutil's ``tzlocal``) whose conversion runs in Python; irclient's models hold UTC
    times whichever parser read the body (the response converter moves botocore's to UTC),
    and UTC is also the fastest to build.
    """
    utc = datetime.UTC
    fromtimestamp = datetime.datetime.fromtimestamp

    def convert(value: Any) -> datetime.datetime:
        if type(value) is not float and type(value) is not int:
            raise Fallback
        try:
            return fromtimestamp(value, utc)
        except (ValueError, OverflowError, OSError):
            raise Fallback from None

    return convert


_CONVERTER: Final = _build_epoch_converter()


def epoch_converter() -> Timestamp:
    """The converter of epoch seconds to UTC datetimes (the same in every local zone)."""
    return _CONVERTER


# --------------------------------------------------------------------------- parsing


def parse_body(operation: str, body: bytes) -> _base.Shape | None:
    """The typed response of ``operation`` from a 200 response's body, or None to fall back.

    Args:
        operation: The operation name (``DescribeInferenceRecommendationsJob``).
        body: The raw response body.

    Returns:
        The response model, exactly as botocore's parser followed by irclient's structuring
        would build it; None when the body is not the clean, common form, for that path.
    """
    parse = PARSERS.get(operation)
    if parse is None or type(body) is not bytes:
        return None
    try:
        # Decoded as botocore decodes it: a body that is not UTF-8 is botocore's to report.
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError included
        # A body nested deeper than the JSON reader follows is botocore's to refuse too:
        # its parser raises the same error, which irclient reports as an unreadable response.
        return None
    try:
        return parse(data, epoch_converter())
    except Fallback:
        return None


def _before_parse(
    operation_model: Any, response_dict: dict[str, Any], customized_response_dict: Any, **_: Any
) -> None:
    """before-parse handler: build the model of a clean body of irclient's own call."""
    if _CALLING.get() != operation_model.name or response_dict.get("status_code") != 200:
        return
    model = parse_body(operation_model.name, response_dict.get("body"))  # type: ignore[arg-type]
    if model is None:
        return
    customized_response_dict[TYPED] = model
    # The body is consumed: botocore's parser now adds only ResponseMetadata from the headers.
    response_dict["body"] = b""


def fingerprint(service_model: Any, operations: Any) -> str:
    """What parsing depends on in the operations' output shapes of a botocore model, hashed.

    The same function as ``tools/parsergen.py``'s, over botocore's public shape properties:
    kinds, members and their wire names, required members, list and map members, union
    and document flags.
    """
    seen: dict[str, Any] = {}

    def walk(shape: Any) -> None:
        if shape.name in seen:
            return
        kind = shape.type_name
        entry: dict[str, Any] = {"type": kind}
        seen[shape.name] = entry
        if kind == "structure":
            entry["members"] = {
                name: [member.name, member.serialization.get("name", name)]
                for name, member in shape.members.items()
            }
            entry["required"] = sorted(shape.required_members)
            entry["union"] = bool(shape.is_tagged_union)
            entry["document"] = bool(shape.is_document_type)
            for member in shape.members.values():
                walk(member)
        elif kind == "list":
            entry["member"] = shape.member.name
            walk(shape.member)
        elif kind == "map":
            entry["map"] = [shape.key.name, shape.value.name]
            walk(shape.key)
            walk(shape.value)

    for name in operations:
        output = service_model.operation_model(name).output_shape
        if output is not None:
            walk(output)
    blob = json.dumps(seen, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def install(client: Any) -> bool:
    """Register the typed parse on one boto3 client's own event system.

    Only irclient's calls through :func:`call` are affected; the client's other callers,
    and the session it came from, keep botocore's parser.

    Returns:
        Whether it was installed: not when the client's botocore model differs from the
        one the parsers were generated from (then botocore's parser does all the work).
    """
    model = client.meta.service_model
    found = fingerprint(model, PARSERS)
    if found != MODEL_FINGERPRINT:
        logger.debug(
            "irclient's generated response parsers do not match botocore %s's model of %s "
            "(%s, generated from %s): botocore's parser is used",
            getattr(model, "api_version", "?"),
            model.service_name,
            found,
            MODEL_FINGERPRINT,
        )
        return False
    service = model.service_id.hyphenize()
    for operation in PARSERS:
        client.meta.events.register(
            f"before-parse.{service}.{operation}",
            _before_parse,
            unique_id=f"{_HANDLER_ID}-{operation}",
        )
    return True


def call(method: Callable[..., dict[str, Any]], operation: str, params: dict[str, Any]) -> Any:
    """Call a boto3 client method with the typed parse enabled for this call only.

    The parsed result holds the model under :data:`TYPED` when the body took the fast path.
    """
    token = _CALLING.set(operation)
    try:
        return method(**params)
    finally:
        _CALLING.reset(token)
