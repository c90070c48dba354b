"""Response bodies botocore's own parser cannot read, named by the member that broke it.

botocore parses a JSON body against the service model and trusts its types: a string where
``InputConfig`` (a structure) belongs raises ``AttributeError: 'str' object has no attribute
'get'``, a ``CreationTime`` of ``1e20`` raises ``RuntimeError``, one of ``-62135596801``
raises ``ValueError: year 0 is out of range``. Such an exception says nothing of the
response, and it is not an irclient error. This module keeps the body botocore was about to
parse (a ``before-parse`` handler, per thread), recognises an exception raised inside
botocore's parser, finds the member that does not fit by walking the service model's shape
over the body, and gives an :class:`irclient.InvalidResponseError` that names the member
(its violation's path) and carries the request id. Like any body that parsed but does not fit
the model, it is not retried: resending cannot change what the service sends.
"""

from __future__ import annotations

import json
import threading
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InvalidResponseError, Violation

__all__ = ["explain", "install"]

_seen = threading.local()


def _remember(
    operation_model: Any = None, response_dict: Mapping[str, Any] | None = None, **_: Any
) -> None:
    """before-parse handler: keep the operation's raw response until the next one."""
    if operation_model is not None and response_dict is not None:
        _seen.response = (operation_model, response_dict)


def install(client: Any, operations: Any) -> None:
    """Keep each raw response of ``client``'s ``operations`` for :func:`explain` (idempotent)."""
    service = client.meta.service_model.service_id.hyphenize()
    for name in operations:
        client.meta.events.register(
            f"before-parse.{service}.{name}", _remember, unique_id=f"irclient-parse-faults-{name}"
        )


def _botocore_dir() -> Path:
    import botocore

    return Path(botocore.__file__).resolve().parent


def _raised_in_botocore_parsing(exc: BaseException) -> bool:
    """Whether ``exc`` came from botocore's response parser (or the helpers it calls)."""
    frames = traceback.extract_tb(exc.__traceback__)
    root = _botocore_dir()
    return any(Path(f.filename).resolve() == root / "parsers.py" for f in frames)


def explain(exc: BaseException, operation: str) -> InvalidResponseError | None:
    """The irclient error for ``exc`` if botocore's parser raised it, else ``None``."""
    if not _raised_in_botocore_parsing(exc):
        return None
    seen = getattr(_seen, "response", None)
    request_id = wire = None
    if seen is not None and seen[0].name == operation:
        model, response = seen
        headers = response.get("headers") or {}
        request_id = headers.get("x-amzn-requestid") or headers.get("x-amz-request-id")
        if not isinstance(exc, RecursionError):
            wire = _locate(response.get("body"), model.output_shape)
    if isinstance(exc, RecursionError):
        # Python's JSON reader follows about a thousand levels (fewer, the deeper the caller's
        # own stack is); no member of the service model nests anywhere near that deep.
        reason = (
            "the body nests its values deeper than the JSON reader follows (RecursionError); "
            "no member of the service model nests that deep"
        )
    else:
        where = f"its member {wire}" if wire else "a member"
        reason = f"{where} does not fit the service model ({type(exc).__name__}: {exc})"
    violation = Violation(_attribute_path(wire) if wire else "", "type", reason)
    return InvalidResponseError(
        f"the response cannot be read: {reason}",
        operation=operation,
        request_id=request_id,
        violations=[violation],
    )


def _attribute_path(wire: str) -> str:
    """A wire path as the models name it (``inference_recommendations[0].metrics``)."""
    from botocore import xform_name

    return ".".join(
        xform_name(part.split("[", 1)[0]) + (f"[{part.split('[', 1)[1]}" if "[" in part else "")
        for part in wire.split(".")
    )


def _locate(body: Any, shape: Any) -> str | None:
    """The wire path of the first member of ``body`` that botocore cannot parse as ``shape``."""
    try:
        value = json.loads(body)
    except (TypeError, ValueError, RecursionError):
        return None
    return _first_misfit(value, shape, "")


def _first_misfit(value: Any, shape: Any, path: str) -> str | None:
    from botocore.utils import parse_timestamp

    kind = shape.type_name
    if value is None:
        return None
    if kind == "structure":
        if not isinstance(value, dict):
            return path or "<body>"
        if getattr(shape, "is_tagged_union", False):
            # A union holds exactly one of its members; botocore refuses any other count.
            if sum(1 for name in shape.members if value.get(name) is not None) != 1:
                return path or "<body>"
        for name, member in shape.members.items():
            if name in value:
                found = _first_misfit(value[name], member, f"{path}.{name}" if path else name)
                if found:
                    return found
        return None
    if kind == "list":
        if not isinstance(value, list):
            return path
        for index, item in enumerate(value):
            found = _first_misfit(item, shape.member, f"{path}[{index}]")
            if found:
                return found
        return None
    if kind == "map":
        if not isinstance(value, dict):
            return path
        for key, item in value.items():
            found = _first_misfit(item, shape.value, f"{path}[{key!r}]")
            if found:
                return found
        return None
    if kind == "timestamp":
        try:
            parse_timestamp(value)
        except Exception:  # whatever botocore's parser would raise on it
            return path
    return None
