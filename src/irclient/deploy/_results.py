"""What a deployment did, did not do, or would do: the result records and partial reports.

A deployment writes in steps. :class:`Progress` follows them; when a step fails (or Ctrl-C
comes) after something was written, :func:`reporting_partial` turns the failure into an
:class:`~irclient.errors.IncompleteDeploymentError` (or a
:class:`~irclient.errors.DeploymentInterrupted`) that carries the result so far: what exists,
what did not happen, and the commands that remove what this call created.
"""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ..errors import DeploymentInterrupted, IncompleteDeploymentError, IRClientError
from ..models.shapes import GetScalingConfigurationRecommendationResponse
from . import _display
from ._converge import Desired, DryRunAwareSender

__all__ = [
    "Deployment",
    "PlannedRequest",
    "Progress",
    "ScalingDeployment",
    "planned",
    "reporting_partial",
]


@attrs.frozen(kw_only=True)
class PlannedRequest:
    """One write request, in boto3's wire form: what was sent, or would be in a dry run."""

    service: str
    """The boto3 name of the service the request is for (``sagemaker``,
    ``application-autoscaling``)."""
    operation: str
    """The API operation (``CreateModel``, ``PutScalingPolicy``, ...)."""
    params: dict[str, Any]
    """The request's parameters, exactly as boto3 takes them (secret values included:
    irclient's displays hide them)."""

    def to_dict(self) -> dict[str, Any]:
        """The request as plain JSON-able data."""
        return {"Service": self.service, "Operation": self.operation, "Params": self.params}


@attrs.frozen(kw_only=True)
class ScalingDeployment:
    """What :func:`apply_scaling_recommendation` did, or would do in a dry run."""

    resource_id: str
    """The Application Auto Scaling resource (``endpoint/NAME/variant/VARIANT``)."""
    scalable_dimension: str
    """``sagemaker:variant:DesiredInstanceCount``."""
    policy_names: tuple[str, ...]
    """The target-tracking policies, one per recommended policy applied."""
    recommendation: GetScalingConfigurationRecommendationResponse
    """The ``GetScalingConfigurationRecommendation`` response applied."""
    requests: tuple[PlannedRequest, ...]
    """The write requests sent (or, in a dry run, that would be), in order."""
    created: tuple[str, ...]
    """Kinds of resource created or put (``scalable target``, ``scaling policy NAME``)."""
    adopted: tuple[str, ...]
    """Kinds of resource that existed with the same configuration and were kept."""
    dry_run: bool
    """Whether nothing was sent."""
    skipped: tuple[str, ...] = ()
    """Recommended policies not applied, each with the reason (a kind of metric this version
    of irclient does not know, a policy without a target value, ...)."""
    complete: bool = True
    """False when a failure stopped it (see :class:`~irclient.IncompleteDeploymentError`)."""
    not_done: tuple[str, ...] = ()
    """What did not happen, when incomplete."""

    def __str__(self) -> str:
        """What was put in place, one line each."""
        return _display.scaling_text(self)

    def _irclient_summary(self) -> str:  # irclient.display.summary's hook
        return _display.scaling_text(self)

    def _irclient_html(self) -> str:  # irclient.display.render_html's hook
        return _display.scaling_html(self)

    def _repr_html_(self) -> str:
        return _display.scaling_html(self)


@attrs.frozen(kw_only=True)
class Deployment:
    """What :func:`deploy_recommendation` did, or would do in a dry run."""

    job_name: str
    """The job the recommendation came from."""
    recommendation_id: str
    """The recommendation deployed."""
    model_name: str
    """The model the variant serves (the job's own, or one made for the recommendation)."""
    endpoint_config_name: str
    """The endpoint configuration."""
    endpoint_name: str
    """The endpoint."""
    variant_name: str
    """The production variant."""
    requests: tuple[PlannedRequest, ...]
    """The write requests sent (or, in a dry run, that would be), in order."""
    created: tuple[str, ...]
    """Kinds of resource created (``model``, ``endpoint configuration``, ``endpoint``)."""
    adopted: tuple[str, ...]
    """Kinds of resource that existed with the same configuration and were kept."""
    dry_run: bool
    """Whether nothing was sent."""
    endpoint_status: str | None = None
    """The endpoint's status when the call returned (``InService`` after a wait)."""
    scaling: ScalingDeployment | None = None
    """The autoscaling applied, when ``autoscale=True``."""
    environment_added: dict[str, str] = attrs.field(factory=dict)
    """Variables the recommendation adds to the base model's container environment (the
    model made for it carries them). The base model's own variables are never replaced."""
    environment_kept: tuple[str, ...] = ()
    """Variables the recommendation sets that the base model sets otherwise: the base
    model's values are kept, the recommendation's are not applied."""
    complete: bool = True
    """False when a failure stopped it (see :class:`~irclient.IncompleteDeploymentError`)."""
    not_done: tuple[str, ...] = ()
    """What did not happen, when incomplete."""

    def __str__(self) -> str:
        """What was made or kept, one line per resource, headed by the endpoint's status."""
        return _display.deployment_text(self)

    def _irclient_summary(self) -> str:  # irclient.display.summary's hook
        return _display.deployment_text(self)

    def _irclient_html(self) -> str:  # irclient.display.render_html's hook
        return _display.deployment_html(self)

    def _repr_html_(self) -> str:
        return _display.deployment_html(self)


def planned(sender: DryRunAwareSender) -> tuple[PlannedRequest, ...]:
    """The writes a sender recorded, as :class:`PlannedRequest`."""
    return tuple(
        PlannedRequest(service=service, operation=operation, params=params)
        for service, operation, params in sender.writes
    )


@attrs.define
class Progress:
    """The steps of one deployment: done (created or adopted) and still to do."""

    steps: list[str]
    """Labels of what is still to do, in order."""
    created: list[str] = attrs.field(factory=list)
    adopted: list[str] = attrs.field(factory=list)
    removals: list[str] = attrs.field(factory=list)
    """AWS CLI commands that delete what was created, newest first."""

    def done(self, desired: Desired, made: bool, region: str | None) -> None:
        """Record that ``desired`` was created (``made``) or adopted."""
        (self.created if made else self.adopted).append(desired.label)
        self.finished(desired.label)
        if made and desired.remove:
            where = ("--region", region) if region else ()
            self.removals.insert(0, shlex.join([*desired.remove, *where]))

    def finished(self, step: str) -> None:
        """Record that a step that creates nothing (a wait) is over."""
        if step in self.steps:
            self.steps.remove(step)


@contextlib.contextmanager
def reporting_partial(
    sender: DryRunAwareSender, progress: Progress, snapshot: Callable[[], Any]
) -> Iterator[None]:
    """Report what exists when a failure or Ctrl-C stops a deployment after a write.

    ``snapshot`` builds the result so far (``complete=False``). Before the first write the
    failure passes unchanged: nothing exists to report.
    """
    try:
        yield
    except IRClientError as exc:
        if not sender.wrote:
            raise
        raise IncompleteDeploymentError(snapshot(), exc, progress.removals) from exc
    except KeyboardInterrupt as exc:
        if not sender.wrote or isinstance(exc, DeploymentInterrupted):
            raise
        raise DeploymentInterrupted(snapshot(), progress.removals) from exc
