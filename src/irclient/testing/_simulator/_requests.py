"""Reading a request as AWS does: the JSON body parsed, checked, and refused in AWS's terms.

* A member of the wrong JSON type (a string where a number goes, a number where an object
  goes) is a ``SerializationException``, as AWS's JSON protocol answers before it validates
  anything.
* Everything else irclient's validator refuses (every constraint of the service model and
  every error rule of :data:`irclient.rules.RULES`) is one ``ValidationException`` listing
  every violation at AWS member paths (see ``_aws_errors``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from ... import serde, validation
from ...errors import ValidationError, Violation
from ...models import _base, _specs
from ._aws_errors import aws_message, aws_path

__all__ = ["SimulatedError", "invalid", "not_found", "parse"]

_Req = TypeVar("_Req", bound=_base.Shape)


class SimulatedError(Exception):
    """An error response: the AWS error code and its message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def invalid(message: str) -> SimulatedError:
    """A ``ValidationException``."""
    return SimulatedError("ValidationException", message)


def not_found(message: str) -> SimulatedError:
    """A ``ResourceNotFound``."""
    return SimulatedError("ResourceNotFound", message)


def _with_timestamps(body: Mapping[str, Any], cls: type[_base.Shape]) -> dict[str, Any]:
    """The JSON protocol sends timestamps as epoch seconds; the strict parser wants datetimes."""
    out = dict(body)
    for field in _specs.SPECS[cls]:
        value = out.get(field.wire)
        if field.type.kind == "timestamp" and isinstance(value, int | float):
            if not isinstance(value, bool):
                out[field.wire] = datetime.datetime.fromtimestamp(value, tz=datetime.UTC)
    return out


def _serialization_error(
    violations: list[Violation], cls: type[_base.Shape]
) -> SimulatedError | None:
    """The ``SerializationException`` for a value of the wrong JSON type, if there is one.

    A null is not a type error on the wire (AWS reads it as an absent member, and the
    validator's "must not be null" answer stands).
    """
    for violation in violations:
        if violation.constraint == "type" and " is null" not in violation.message:
            where = aws_path(violation.path, cls) or cls.__name__
            detail = violation.message.split(" must be ", 1)[-1]
            return SimulatedError(
                "SerializationException",
                f"Cannot deserialize the value at '{where}': expected {detail}",
            )
    return None


def parse(body: Mapping[str, Any], cls: type[_Req]) -> _Req:
    """Parse and check a request exactly as irclient's client does, failing as AWS does.

    The checks include every error rule of :data:`irclient.rules.RULES`, the table the
    client's validator reads, so the two refuse the same requests. Warning rules are
    guidance AWS accepts requests against, so the simulator accepts them too. What only a
    backend can know (a name in use, a job's state, a model that exists) is checked by the
    operations.
    """
    try:
        request = serde.parse_request(_with_timestamps(body, cls), cls)
    except ValidationError as exc:
        wrong_type = _serialization_error(list(exc.violations), cls)
        if wrong_type is not None:
            raise wrong_type from None
        raise invalid(aws_message(exc.violations, cls, body)) from None
    # Refusing lone surrogates is irclient's own choice; AWS's Java patterns accept them, and
    # so does the simulator, so that tests can meet the jobs other clients leave behind.
    violations = [v for v in validation.check(request) if v.constraint != "unicode"]
    if violations:
        raise invalid(aws_message(violations, cls, body))
    return request
