"""The botocore floor: a call the installed botocore cannot make stops with a clear error.

The models are generated from the pinned botocore; users may have an older one. The classic
operations are in every botocore irclient supports. The generative-AI family is newer
(``Operation.since``), and some of its request members newer still
(``_specs.MEMBERS_SINCE``): calling an operation the installed botocore's model lacks, or
sending such a member, raises :class:`~irclient.BotocoreTooOldError` naming the release that
has it, before anything is sent, instead of botocore's ``OperationNotPageableError``,
``AttributeError`` or "Unknown parameter".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import botocore

from ..errors import BotocoreTooOldError
from ..models import _base, _specs

__all__ = ["check_operation", "missing_members", "check_members"]


def check_operation(client: Any, operation: _base.Operation) -> None:
    """Raise unless the boto3 client's model has ``operation``."""
    if operation.name in client.meta.service_model.operation_names:
        return
    raise BotocoreTooOldError(operation.name, operation.since or "newer", botocore.__version__)


def missing_members(client: Any) -> dict[tuple[str, str], str]:
    """The request members of :data:`MEMBERS_SINCE` the client's model lacks (usually none)."""
    model = client.meta.service_model
    missing = {}
    for (shape, member), version in _specs.MEMBERS_SINCE.items():
        try:
            members = model.shape_for(shape).members
        except Exception:  # the shape itself is missing: its operation is checked already
            continue
        if member not in members:
            missing[shape, member] = version
    return missing


def check_members(
    operation: _base.Operation, params: Mapping[str, Any], missing: dict[tuple[str, str], str]
) -> None:
    """Raise if the wire-form request ``params`` sets a member in ``missing``."""
    found = _first_use(operation.input, params, missing)
    if found is not None:
        (shape, member), version = found
        raise BotocoreTooOldError(
            operation.name, version, botocore.__version__, member=f"{shape}.{member}"
        )


def _first_use(
    cls: type[_base.Shape], params: Any, missing: dict[tuple[str, str], str]
) -> tuple[tuple[str, str], str] | None:
    if not isinstance(params, Mapping):
        return None
    for field in _specs.SPECS[cls]:
        value = params.get(field.wire)
        if value is None:
            continue
        key = (cls.__name__, field.wire)
        if key in missing:
            return key, missing[key]
        spec = field.type.member if field.type.kind == "list" else field.type
        if spec is None or spec.structure is None:
            continue
        for item in value if field.type.kind == "list" else (value,):
            found = _first_use(spec.structure, item, missing)
            if found is not None:
                return found
    return None
