"""Create or adopt, never replace: how deployments converge on what they need.

A resource is looked up first. Missing, it is created; present with the configuration
irclient would send, it is kept (adopted); present with another configuration, it is a
:class:`~irclient.errors.DeploymentConflictError` and nothing more is sent. Every request goes
through the client's retry policy with botocore's errors translated, and every write is
recorded, so that a dry run can return the writes it did not send.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._core.pipeline import call_aws
from ..errors import DeploymentConflictError, IRClientError, ServiceError

if TYPE_CHECKING:
    from ..retry import RetryPolicy

__all__ = ["Calls", "create_or_adopt", "differences", "existing"]

logger = logging.getLogger("irclient")


class Calls:
    """Sends requests through a retry policy and records the writes.

    Args:
        policy: The retry policy (the client's).
        dry_run: Record writes without sending them.
    """

    def __init__(self, policy: RetryPolicy, *, dry_run: bool) -> None:
        self.policy = policy
        self.dry_run = dry_run
        self.writes: list[tuple[str, str, dict[str, Any]]] = []
        """(service name, operation, parameters) of every write, sent or not."""

    def read(self, service: Any, operation: str, **params: Any) -> dict[str, Any]:
        """Send a request that changes nothing (also in a dry run)."""
        return self._send(service, operation, params)

    def write(self, service: Any, operation: str, params: dict[str, Any]) -> None:
        """Record a request that creates or changes something; send it unless a dry run."""
        name = str(service.meta.service_model.service_name)
        self.writes.append((name, operation, params))
        if not self.dry_run:
            self._send(service, operation, params)

    def _send(self, service: Any, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        return call_aws(self.policy, service, operation, params)


def _is_missing(exc: IRClientError) -> bool:
    """SageMaker's answer to describing a model, configuration or endpoint that is not there."""
    # SageMaker reports these as a ValidationException "Could not find ...", not ResourceNotFound.
    return isinstance(exc, ServiceError) and (
        exc.code in ("ResourceNotFound", "ResourceNotFoundException")
        or (exc.code == "ValidationException" and "could not find" in exc.message.lower())
    )


def existing(calls: Calls, service: Any, operation: str, **params: Any) -> dict[str, Any] | None:
    """The describe response of a resource, or ``None`` when there is no such resource."""
    try:
        return calls.read(service, operation, **params)
    except IRClientError as exc:
        if _is_missing(exc):
            return None
        raise


def differences(wanted: Any, found: Any, path: str = "") -> list[str]:
    """What in ``found`` differs from ``wanted``; members ``wanted`` does not set are ignored.

    AWS fills in defaults (a variant weight of 1.0, say) that a request leaves out: only what
    irclient asks for decides whether an existing resource is the same. An environment is
    compared whole, since a variable too many changes what runs.
    """
    if isinstance(wanted, Mapping):
        if not isinstance(found, Mapping):
            return [f"{path}: wanted {dict(wanted)!r}, found {found!r}"]
        if path.endswith("Environment") and dict(wanted) != dict(found):
            return [f"{path}: wanted {dict(wanted)!r}, found {dict(found)!r}"]
        out: list[str] = []
        for key, value in wanted.items():
            out.extend(differences(value, found.get(key), f"{path}.{key}" if path else key))
        return out
    if isinstance(wanted, list | tuple):
        if not isinstance(found, list | tuple) or len(found) != len(wanted):
            return [f"{path}: wanted {list(wanted)!r}, found {found!r}"]
        out = []
        for index, (a, b) in enumerate(zip(wanted, found, strict=True)):
            out.extend(differences(a, b, f"{path}[{index}]"))
        return out
    if isinstance(wanted, float) and isinstance(found, int | float):
        return [] if float(found) == wanted else [f"{path}: wanted {wanted!r}, found {found!r}"]
    return [] if wanted == found else [f"{path}: wanted {wanted!r}, found {found!r}"]


def create_or_adopt(
    calls: Calls,
    service: Any,
    *,
    resource: str,
    name: str,
    describe: tuple[str, dict[str, Any]],
    create: tuple[str, dict[str, Any]],
    compare: dict[str, Any],
) -> bool:
    """Make sure a resource exists as ``compare`` says; True if created, False if adopted.

    Args:
        calls: Where requests go.
        service: The boto3 client.
        resource: What kind of resource, for messages (``endpoint configuration``).
        name: Its name.
        describe: The operation and parameters that read it.
        create: The operation and parameters that create it.
        compare: What an existing one must carry to be the same.

    Raises:
        irclient.DeploymentConflictError: It exists with another configuration.
    """

    def adopt(found: dict[str, Any]) -> bool:
        found_differences = differences(compare, found)
        if found_differences:
            raise DeploymentConflictError(resource, name, found_differences)
        logger.info("%s %r exists with the same configuration; keeping it", resource, name)
        return False

    found = existing(calls, service, describe[0], **describe[1])
    if found is not None:
        return adopt(found)
    try:
        calls.write(service, create[0], create[1])
    except ServiceError as exc:
        # Made meanwhile, or by an attempt whose response was lost: the same rules apply.
        if "already exist" not in exc.message.lower():
            raise
        found = existing(calls, service, describe[0], **describe[1])
        if found is None:
            raise
        calls.writes.pop()
        return adopt(found)
    return True
