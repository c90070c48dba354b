"""Orchestration: a recommendation deployed as an endpoint, in short named steps.

:func:`deploy_recommendation` -> ``_checked_names`` (every argument checked, nothing sent) ->
``_plan`` (every read: the job's model, what exists, the scaling advice; every conflict
refused before the first write) -> ``_Run.converge`` (the writes, in order) ->
``_Run.wait`` (the one polling loop of :mod:`irclient._core.waiting`) -> the autoscaling
writes. A failure or Ctrl-C after a write is reported with what exists (see
:func:`~irclient.deploy._results.reporting_partial`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._core.waiting import check_wait_arguments, poll_until, tqdm_class
from ..errors import DeploymentError, ValidationError, Violation
from ..models.shapes import (
    DescribeInferenceRecommendationsJobResponse,
    InferenceRecommendation,
    ScalingPolicyObjective,
)
from ._autoscaling import ScalingPlan, apply_scaling, plan_scaling
from ._choose import describe_job, resolve_recommendation
from ._converge import DryRunAwareSender, Look, create_or_adopt, look, refuse_conflicts
from ._names import DEFAULT_VARIANT_NAME, check_name, derived_names, names_from
from ._plan import ModelPlan, endpoint_resources, model_plan
from ._results import Deployment, Progress, planned, reporting_partial

if TYPE_CHECKING:
    from ..analysis import Benchmark
    from ..client import InferenceRecommenderClient

__all__ = ["WAIT_STEP", "deploy_recommendation"]

_ENDPOINT_DONE: Final = frozenset({"InService"})
_ENDPOINT_FAILED: Final = frozenset({"Failed", "OutOfService", "RollingBack"})
WAIT_STEP: Final = "wait for the endpoint to be InService"
"""How the wait is listed among what did not happen."""


def _checked_names(
    job_name: str,
    chosen: InferenceRecommendation,
    *,
    endpoint_name: str | None,
    endpoint_config_name: str | None,
    model_name: str | None,
    variant_name: str,
    autoscale: bool,
) -> dict[str, str]:
    """The names to use, checked against SageMaker's rules; every problem at once.

    ``autoscale`` is checked against the recommendation too (serverless cannot scale).
    """
    rec_id = str(chosen.recommendation_id)
    names = (
        names_from(endpoint_name) if endpoint_name is not None else derived_names(job_name, rec_id)
    )
    if endpoint_config_name is not None:
        names["endpoint_config_name"] = endpoint_config_name
    if model_name is not None:
        names["model_name"] = model_name
    problems: list[Violation] = []
    for field, wire in (
        ("endpoint_name", "EndpointName"),
        ("endpoint_config_name", "EndpointConfigName"),
        ("model_name", "ModelName"),
    ):
        check_name(field, wire, names[field], problems)
    check_name("variant_name", "VariantName", variant_name, problems)
    if autoscale and chosen.endpoint_configuration.serverless_config is not None:
        problems.append(
            Violation(
                "autoscale",
                "instance_variant",
                f"recommendation {rec_id!r} is serverless; Application Auto Scaling scales "
                "the instance count of instance-based variants only",
            )
        )
    if problems:
        raise ValidationError(problems)
    return names


@attrs.define
class _Run:
    """One deployment: its plan (everything read), its progress, and its result."""

    client: InferenceRecommenderClient
    job: DescribeInferenceRecommendationsJobResponse
    chosen: InferenceRecommendation
    names: dict[str, str]
    variant_name: str
    sender: DryRunAwareSender
    model: ModelPlan
    looks: tuple[Look, ...]
    scaling: ScalingPlan | None
    progress: Progress
    status: str | None = None

    def converge(self) -> None:
        """Create what is missing of the model, configuration and endpoint, in order."""
        region = getattr(self.client.boto3_client.meta, "region_name", None)
        for seen in self.looks:
            self.progress.done(seen.desired, create_or_adopt(self.sender, seen), region)

    def wait(
        self,
        *,
        poll_interval: float,
        timeout: float | None,
        on_poll: Callable[[dict[str, Any]], object] | None,
        bar: Any,
    ) -> None:
        """Poll the endpoint until it is ``InService`` (or failed, or the timeout passes)."""
        name = self.names["endpoint_name"]

        def done(described: dict[str, Any]) -> bool:
            self.status = str(described.get("EndpointStatus"))
            if on_poll is not None:
                on_poll(described)
            if bar is not None:
                bar.set_postfix_str(self.status)
            if self.status in _ENDPOINT_FAILED:
                reason = described.get("FailureReason") or "no reason given"
                raise DeploymentError(f"endpoint {name!r} is {self.status}: {reason}")
            if self.status in _ENDPOINT_DONE and bar is not None:
                bar.update(1)
            return self.status in _ENDPOINT_DONE

        poll_until(
            self.client.retry,
            lambda: self.sender.read(
                self.client.boto3_client, "DescribeEndpoint", EndpointName=name
            ),
            done=done,
            status=lambda described: str(described.get("EndpointStatus")),
            what="endpoint",
            name=name,
            poll_interval=poll_interval,
            limit=timeout,
        )
        self.progress.finished(WAIT_STEP)

    def result(self, *, complete: bool = True) -> Deployment:
        """What was done (all of it, unless ``complete`` is False)."""
        scaling = (
            None if self.scaling is None else self.scaling.result(self.progress, complete=complete)
        )
        return Deployment(
            job_name=self.job.job_name,
            recommendation_id=str(self.chosen.recommendation_id),
            model_name=self.model.name,
            endpoint_config_name=self.names["endpoint_config_name"],
            endpoint_name=self.names["endpoint_name"],
            variant_name=self.variant_name,
            requests=tuple(r for r in planned(self.sender) if r.service == "sagemaker"),
            created=tuple(x for x in self.progress.created if not _scaling_label(x)),
            adopted=tuple(x for x in self.progress.adopted if not _scaling_label(x)),
            dry_run=self.sender.dry_run,
            endpoint_status=self.status,
            scaling=scaling,
            environment_added=dict(self.model.environment_added),
            environment_kept=self.model.environment_kept,
            complete=complete,
            not_done=() if complete else tuple(self.progress.steps),
        )


def _scaling_label(label: str) -> bool:
    return label == "scalable target" or label.startswith("scaling policy ")


def _plan(
    client: InferenceRecommenderClient,
    job: DescribeInferenceRecommendationsJobResponse,
    chosen: InferenceRecommendation,
    names: dict[str, str],
    *,
    variant_name: str,
    tags: Mapping[str, str] | None,
    dry_run: bool,
    wait: bool,
    scaling: Mapping[str, Any] | None,
) -> _Run:
    """Read everything the deployment depends on, and refuse every conflict at once."""
    sender = DryRunAwareSender(client.retry, dry_run=dry_run)
    sagemaker = client.boto3_client
    model = model_plan(sender, sagemaker, job, chosen, names["model_name"])
    wanted = endpoint_resources(sagemaker, model, chosen, names, variant_name, tags)
    looks = tuple(look(sender, x) for x in wanted)
    scaling_plan = None
    if scaling is not None:
        scaling_plan = plan_scaling(
            client,
            sender,
            job,
            chosen,
            endpoint_name=names["endpoint_name"],
            variant_name=variant_name,
            scaling=None,
            **scaling,
        )
    refuse_conflicts([*looks, *(scaling_plan.looks if scaling_plan else ())], nothing_sent=True)
    steps = [x.desired.label for x in looks]
    steps += [WAIT_STEP] if wait and not dry_run else []
    steps += list(scaling_plan.labels) if scaling_plan else []
    return _Run(
        client=client,
        job=job,
        chosen=chosen,
        names=names,
        variant_name=variant_name,
        sender=sender,
        model=model,
        looks=looks,
        scaling=scaling_plan,
        progress=Progress(steps=steps),
    )


def _wait_in_service(
    run: _Run,
    endpoint_name: str,
    bar_class: Any,
    poll_interval: float,
    timeout: float | None,
    on_poll: Callable[[dict[str, Any]], object] | None,
) -> None:
    # The endpoint's wait, shown in a progress bar when one was asked for (closed whatever
    # happens, so a failure does not leave a half-drawn bar).
    bar = None if bar_class is None else bar_class(total=1, desc=endpoint_name, unit="endpoint")
    try:
        run.wait(poll_interval=poll_interval, timeout=timeout, on_poll=on_poll, bar=bar)
    finally:
        if bar is not None:
            bar.close()


def deploy_recommendation(
    client: InferenceRecommenderClient,
    job: str | DescribeInferenceRecommendationsJobResponse,
    recommendation: str | Benchmark | InferenceRecommendation,
    *,
    endpoint_name: str | None = None,
    endpoint_config_name: str | None = None,
    model_name: str | None = None,
    variant_name: str = DEFAULT_VARIANT_NAME,
    tags: Mapping[str, str] | None = None,
    wait: bool = True,
    poll_interval: float = 30.0,
    timeout: float | None = None,
    on_poll: Callable[[dict[str, Any]], object] | None = None,
    progress: bool = False,
    dry_run: bool = False,
    autoscale: bool = False,
    target_cpu_utilization_per_core: int | None = None,
    scaling_policy_objective: ScalingPolicyObjective | None = None,
    autoscaling_client: Any = None,
) -> Deployment:
    """Deploys one recommendation of a completed job as a SageMaker endpoint.

    Reads everything first (the job's model, what exists under each name, the scaling
    advice), refuses every conflict at once before anything is written, then makes (or
    adopts) the model, an endpoint configuration whose single variant matches the
    recommendation, and the endpoint; then waits for ``InService``. See the module
    documentation for what is created and how a re-run behaves.

    Args:
        client: The client whose boto3 SageMaker client, retry policy and clock are used.
        job: The completed job's name, or its describe response.
        recommendation: A recommendation ID, a :class:`~irclient.analysis.Benchmark` (as
            :func:`~irclient.analysis.best` returns) or an
            :class:`~irclient.models.InferenceRecommendation`.
        endpoint_name: The endpoint's name; derived from the job and the recommendation
            when ``None`` (see :func:`derived_names`).
        endpoint_config_name: The endpoint configuration's name; ``ENDPOINT-config`` when
            ``None``.
        model_name: The name of the model made for the recommendation (``ENDPOINT-model``
            when ``None``); unused when the job's own model is served as it is.
        variant_name: The production variant's name.
        tags: Tags for every resource created.
        wait: Wait until the endpoint is ``InService``.
        poll_interval: Seconds between two looks at the endpoint while waiting.
        timeout: Seconds after which to stop waiting, or ``None`` to wait as long as it
            takes.
        on_poll: Called with every ``DescribeEndpoint`` response while waiting.
        progress: Show the endpoint's status in a progress bar while waiting (needs tqdm).
        dry_run: Send no write request; return the requests that would be sent.
        autoscale: Then apply the recommendation's autoscaling policy
            (:func:`apply_scaling_recommendation`); instance-based variants only.
        target_cpu_utilization_per_core: For ``autoscale``: the CPU use per core to scale
            at (1-100; the service's default, 50, when ``None``).
        scaling_policy_objective: For ``autoscale``: the anticipated traffic.
        autoscaling_client: For ``autoscale``: a boto3 Application Auto Scaling client used
            as it is; ``client.aws_client("application-autoscaling")`` when ``None``.

    Returns:
        The names used, the requests sent, what was created or adopted, and the environment
        variables the recommendation added (or could not apply).

    Raises:
        irclient.ValidationError: The job has not completed, the recommendation is not one
            of its own, a name breaks SageMaker's rules, or ``autoscale`` is asked for a
            serverless recommendation; nothing was sent.
        irclient.DeploymentConflictError: Resources of those names exist with different
            configurations (all are listed); no write was sent.
        irclient.DeploymentError: The job's model is missing, or the endpoint failed before
            anything was created.
        irclient.IncompleteDeploymentError: A failure (a denied write, a failed endpoint, a
            timeout, a conflict made meanwhile) after the first write: the error carries
            what exists, what did not happen and how to remove it; the failure is its cause.
        irclient.DeploymentInterrupted: Ctrl-C after the first write (a KeyboardInterrupt
            carrying the same).
        irclient.WaitTimeoutError: ``timeout`` passed, and nothing had to be created.
    """
    check_wait_arguments(poll_interval, timeout)
    # Without tqdm, fail now rather than once the endpoint is being created.
    bar_class = tqdm_class("deploy_recommendation") if progress and wait and not dry_run else None
    described = describe_job(client, job)
    chosen = resolve_recommendation(described, recommendation)
    names = _checked_names(
        described.job_name,
        chosen,
        endpoint_name=endpoint_name,
        endpoint_config_name=endpoint_config_name,
        model_name=model_name,
        variant_name=variant_name,
        autoscale=autoscale,
    )
    scaling = (
        {
            "target_cpu_utilization_per_core": target_cpu_utilization_per_core,
            "scaling_policy_objective": scaling_policy_objective,
            "autoscaling_client": autoscaling_client,
        }
        if autoscale
        else None
    )
    run = _plan(
        client,
        described,
        chosen,
        names,
        variant_name=variant_name,
        tags=tags,
        dry_run=dry_run,
        wait=wait,
        scaling=scaling,
    )
    with reporting_partial(run.sender, run.progress, lambda: run.result(complete=False)):
        run.converge()
        if wait and not dry_run:
            _wait_in_service(
                run, names["endpoint_name"], bar_class, poll_interval, timeout, on_poll
            )
        if run.scaling is not None:
            apply_scaling(run.scaling, run.progress)
    return run.result()
