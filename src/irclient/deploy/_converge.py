"""Create or adopt, never replace: how deployments converge on what they need.

Every resource a deployment needs is a :class:`Desired`: how to find it, the request that
creates it, and what an existing one must carry to be the same. Converging has two phases:

* :func:`look` reads each resource before anything is written. Missing, it is to be created;
  present with the configuration irclient would send, it is kept (adopted); present with
  another, it is a conflict. :func:`refuse_conflicts` raises every conflict at once, so a
  conflicting run writes nothing.
* :func:`create_or_adopt` then writes what is missing. A create that finds the name taken
  (made meanwhile, or by an attempt whose response was lost) compares again. A write that
  replaces whatever is there (Application Auto Scaling's ``Put``/``Register``) is preceded
  by a fresh look and followed by a read-back: what is there must be what irclient wrote,
  or it is a conflict, never reported "created".

Every request goes through the client's retry policy with botocore's errors translated, and
every write is recorded, so that a dry run can return the writes it did not send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .._core.pipeline import call_aws
from .._utils.differences import differences
from ..errors import DeploymentConflictError, IRClientError, ServiceError

if TYPE_CHECKING:
    from ..retry import RetryPolicy

__all__ = [
    "Desired",
    "DryRunAwareSender",
    "Look",
    "create_or_adopt",
    "differences",
    "existing",
    "look",
    "refuse_conflicts",
]

logger = logging.getLogger("irclient")


class DryRunAwareSender:
    """Sends requests through a retry policy and records the writes; a dry run sends none.

    Args:
        policy: The retry policy (the client's).
        dry_run: Record writes without sending them.
    """

    def __init__(self, policy: RetryPolicy, *, dry_run: bool) -> None:
        self.policy = policy
        self.dry_run = dry_run
        self.writes: list[tuple[str, str, dict[str, Any]]] = []
        """(service name, operation, parameters) of every write, sent or not."""
        self.wrote = False
        """Whether a write request has been sent (it may have changed something)."""

    def read(self, service: Any, operation: str, **params: Any) -> dict[str, Any]:
        """Send a request that changes nothing (also in a dry run)."""
        return call_aws(self.policy, service, operation, params)

    def write(self, service: Any, operation: str, params: dict[str, Any]) -> None:
        """Record a request that creates or changes something; send it unless a dry run."""
        name = str(service.meta.service_model.service_name)
        self.writes.append((name, operation, params))
        if not self.dry_run:
            self.wrote = True
            call_aws(self.policy, service, operation, params)


def _is_missing(exc: IRClientError) -> bool:
    """SageMaker's answer to describing a model, configuration or endpoint that is not there."""
    # SageMaker reports these as a ValidationException "Could not find ...", not ResourceNotFound.
    return isinstance(exc, ServiceError) and (
        exc.code in ("ResourceNotFound", "ResourceNotFoundException")
        or (exc.code == "ValidationException" and "could not find" in exc.message.lower())
    )


def existing(
    sender: DryRunAwareSender, service: Any, operation: str, **params: Any
) -> dict[str, Any] | None:
    """The describe response of a resource, or ``None`` when there is no such resource."""
    try:
        return sender.read(service, operation, **params)
    except IRClientError as exc:
        if _is_missing(exc):
            return None
        raise


@attrs.frozen(kw_only=True)
class Desired:
    """One resource a deployment needs, and how to recognise it."""

    kind: str
    """What kind of resource, for messages (``endpoint configuration``, ``scaling policy``)."""
    label: str
    """How results list it (``model``, ``scaling policy NAME``)."""
    name: str
    """Its name."""
    service: Any
    """The boto3 client of its service."""
    find: Callable[[DryRunAwareSender], dict[str, Any] | None]
    """Reads it; ``None`` when there is none."""
    create: tuple[str, dict[str, Any]]
    """The operation and parameters that create it."""
    compare: dict[str, Any]
    """What an existing one must carry to be the same."""
    overwrites: bool = False
    """Whether the create replaces what is there (a put) instead of failing on it."""
    remove: tuple[str, ...] = ()
    """The AWS CLI command (as arguments, without the Region) that deletes it."""


@attrs.frozen
class Look:
    """What :func:`look` found of one :class:`Desired`."""

    desired: Desired
    found: dict[str, Any] | None
    differences: tuple[str, ...]

    @property
    def conflict(self) -> bool:
        """Whether it exists with another configuration."""
        return self.found is not None and bool(self.differences)


def look(sender: DryRunAwareSender, desired: Desired) -> Look:
    """Read one resource and compare it with what is wanted (sends no write)."""
    found = desired.find(sender)
    lines = () if found is None else tuple(differences(desired.compare, found))
    return Look(desired, found, lines)


def refuse_conflicts(looks: Iterable[Look], *, nothing_sent: bool) -> None:
    """Raise every conflict among ``looks`` at once.

    Raises:
        irclient.DeploymentConflictError: At least one resource exists configured otherwise.
    """
    conflicts = [x for x in looks if x.conflict]
    if not conflicts:
        return
    first, *rest = conflicts
    raise DeploymentConflictError(
        first.desired.kind,
        first.desired.name,
        first.differences,
        more=[(x.desired.kind, x.desired.name, x.differences) for x in rest],
        nothing_sent=nothing_sent,
    )


def _same_or_conflict(desired: Desired, found: dict[str, Any], *, after: str = "") -> None:
    lines = differences(desired.compare, found)
    if lines:
        raise DeploymentConflictError(desired.kind, desired.name, [after + x for x in lines])
    logger.info("%s %r exists with the same configuration; keeping it", desired.kind, desired.name)


def create_or_adopt(sender: DryRunAwareSender, seen: Look) -> bool:
    """Make sure a resource exists as wanted; True if created, False if adopted.

    Args:
        sender: Where requests go.
        seen: What :func:`look` found of it before the first write.

    Raises:
        irclient.DeploymentConflictError: It exists with another configuration (made or
            changed by someone else since it was looked at).
    """
    desired = seen.desired
    if seen.found is not None:
        return False  # looked at, and the same (conflicts were refused before any write)
    if desired.overwrites and not sender.dry_run:
        # A put would replace what someone made since the look (a deploy waits in between).
        found = desired.find(sender)
        if found is not None:
            _same_or_conflict(desired, found)
            return False
    try:
        sender.write(desired.service, *desired.create)
    except ServiceError as exc:
        # Made meanwhile, or by an attempt whose response was lost: the same rules apply.
        if desired.overwrites or "already exist" not in exc.message.lower():
            raise
        found = desired.find(sender)
        if found is None:
            raise
        sender.writes.pop()
        _same_or_conflict(desired, found)
        return False
    if desired.overwrites and not sender.dry_run:
        _read_back(sender, desired)
    return True


def _read_back(sender: DryRunAwareSender, desired: Desired) -> None:
    """After a put: what is there must be what irclient wrote (a race may have replaced it)."""
    found = desired.find(sender)
    if found is None:
        raise DeploymentConflictError(
            desired.kind, desired.name, ["gone when read back after irclient wrote it"]
        )
    _same_or_conflict(desired, found, after="changed by someone else after irclient wrote it: ")
