"""``irclient deploy`` and ``irclient scaling``: from a recommendation to an endpoint."""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ... import errors
from ..._utils.secrets import hide_secret_values, shown_value
from .. import _options
from .._aws import client
from .._output import PROG, ExitCode, Failure, failure_for, print_json

if TYPE_CHECKING:
    from ...deploy import Deployment
    from ...models import ScalingPolicyObjective


def _scaling_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--target-cpu-utilization",
        type=_options.positive_int,
        metavar="PERCENT",
        help="CPU use per core to scale at, 1-100 (the service's default: 50)",
    )
    parser.add_argument(
        "--min-invocations-per-minute",
        type=int,
        metavar="N",
        help="the least traffic the endpoint should expect (with --max-invocations-per-minute)",
    )
    parser.add_argument(
        "--max-invocations-per-minute",
        type=int,
        metavar="N",
        help="the most traffic the endpoint should expect",
    )


def register(add: _options.AddCommand) -> None:
    """Add ``deploy`` and ``scaling`` to the parser."""
    deploy = add(
        "deploy",
        "deploy a job's recommendation as an endpoint",
        "Deploy one recommendation of a completed job: the model (the job's own, or one made "
        "for the recommendation), an endpoint configuration that matches it, and the "
        "endpoint; then wait until it is InService. Safe to re-run: what exists with the "
        "same configuration is kept, and a different configuration under a name in use is an "
        "error (exit status 11). Nothing is ever deleted.",
    )
    deploy.add_argument("job", metavar="JOB", help="the job name")
    which = deploy.add_mutually_exclusive_group(required=True)
    which.add_argument("--recommendation-id", metavar="ID", help="the recommendation to deploy")
    which.add_argument(
        "--best",
        action="store_true",
        help="deploy the best recommendation by --rank-by and --max-latency-ms",
    )
    _options.ranking_options(deploy, max_latency_ms=None)
    deploy.add_argument(
        "--endpoint-name", metavar="NAME", help="the endpoint (default: from the job and ID)"
    )
    deploy.add_argument(
        "--endpoint-config-name",
        metavar="NAME",
        help="the endpoint configuration (default: ENDPOINT-config)",
    )
    deploy.add_argument(
        "--model-name",
        metavar="NAME",
        help="the model made for the recommendation, if one is (default: ENDPOINT-model)",
    )
    deploy.add_argument(
        "--variant-name",
        metavar="NAME",
        default="AllTraffic",
        help="the production variant (default AllTraffic)",
    )
    deploy.add_argument(
        "--autoscale",
        action="store_true",
        help="then apply the recommendation's autoscaling policy (instance endpoints)",
    )
    _scaling_options(deploy)
    deploy.add_argument(
        "--dry-run",
        action="store_true",
        help="print the requests that would be sent, and send none (reads only)",
    )
    deploy.add_argument(
        "--no-wait", action="store_true", help="do not wait for the endpoint to be InService"
    )
    _options.wait_options(deploy, poll_interval=30.0)
    deploy.add_argument(
        "--timeout",
        type=_options.non_negative,
        metavar="SECONDS",
        help="give up waiting after this many seconds (the endpoint goes on being created)",
    )
    deploy.set_defaults(handler=run_deploy)

    scaling = add(
        "scaling",
        "a recommendation's autoscaling policy",
        "Ask GetScalingConfigurationRecommendation for the autoscaling policy of one "
        "recommendation of a completed job.",
    )
    scaling.add_argument("job", metavar="JOB", help="the job name")
    target = scaling.add_mutually_exclusive_group(required=True)
    target.add_argument("--recommendation-id", metavar="ID", help="the recommendation")
    target.add_argument(
        "--endpoint-name", metavar="NAME", help="an endpoint the job benchmarked, instead"
    )
    _scaling_options(scaling)
    scaling.set_defaults(handler=run_scaling)


def _objective(args: argparse.Namespace) -> ScalingPolicyObjective | None:
    from ...models import ScalingPolicyObjective

    low, high = args.min_invocations_per_minute, args.max_invocations_per_minute
    if low is None and high is None:
        return None
    return ScalingPolicyObjective(min_invocations_per_minute=low, max_invocations_per_minute=high)


def run_scaling(args: argparse.Namespace) -> int:
    """Run ``irclient scaling``."""
    from ... import display

    response = client(args).get_scaling_configuration_recommendation(
        inference_recommendations_job_name=args.job,
        recommendation_id=args.recommendation_id,
        endpoint_name=args.endpoint_name,
        target_cpu_utilization_per_core=args.target_cpu_utilization,
        scaling_policy_objective=_objective(args),
    )
    if args.json:
        print_json(response.to_dict())
    else:
        print(display.summary(response))
    return ExitCode.OK


def _chosen(ir: Any, args: argparse.Namespace) -> tuple[Any, Any]:
    """The job's describe response, and the recommendation to deploy."""
    from ...analysis import Weights, best, rank_weighted

    importance = _options.importance(args) if args.best else None  # checked already
    job = ir.describe_inference_recommendations_job(job_name=args.job)
    _check_completed(job)
    if not args.best:
        return job, _recommendation(job, args.recommendation_id)
    rank_by = args.rank_by or "cost_per_inference"
    if importance is not None:
        weights = Weights(**importance)  # type: ignore[arg-type]  # --*-importance choices
        ranked = rank_weighted(job, weights, max_latency_ms=args.max_latency_ms)
        chosen = ranked[0] if ranked else None
        wanted = "cost, latency and invocations"
    else:
        chosen = best(job, by=rank_by, max_latency_ms=args.max_latency_ms)
        wanted = f"a {rank_by} value"
    if chosen is None:
        limit = f" within {args.max_latency_ms:g} ms" if args.max_latency_ms is not None else ""
        raise Failure(
            f"job {args.job!r} has no recommendation with {wanted}{limit}",
            ExitCode.NOTHING_TO_DEPLOY,
        )
    return job, chosen


def _check_completed(job: Any) -> None:
    """Only a COMPLETED job has recommendations to deploy; say so, and what to do."""
    from ..._utils.format import one_line, wire_text

    status = wire_text(job.status)
    if status == "COMPLETED":
        return
    name = one_line(job.job_name)
    if status in ("PENDING", "IN_PROGRESS"):
        then = f"wait for it to complete ('{PROG} describe {name}' shows its status)"
    elif status == "FAILED":
        then = f"'{PROG} why {name}' says why it failed"
    else:
        then = "run the job again to get recommendations"
    raise Failure(
        f"job {name!r} is {status}; only a COMPLETED job's recommendations can be deployed: {then}",
        ExitCode.NOTHING_TO_DEPLOY,
    )


def _recommendation(job: Any, recommendation_id: str) -> Any:
    """The job's recommendation of that ID; a Failure listing the job's IDs when none is."""
    from ...deploy import resolve_recommendation
    from ...errors import ValidationError

    try:
        return resolve_recommendation(job, recommendation_id)
    except ValidationError as exc:
        raise Failure(
            "; ".join(v.message for v in exc.violations), ExitCode.NOTHING_TO_DEPLOY
        ) from None


def _status_printer(quiet: bool) -> Any:
    last: list[str] = []

    def show(described: dict[str, Any]) -> None:
        status = str(described.get("EndpointStatus"))
        # Progress on standard error; the final InService heads the summary on standard out.
        if not quiet and last[-1:] != [status] and status != "InService":
            print(f"Endpoint {described.get('EndpointName')}: {status}", file=sys.stderr)
        last.append(status)

    return show


def _check_combination(args: argparse.Namespace) -> None:
    """Options that would go unused are a usage error, not silently dropped."""
    if not args.best and args.max_latency_ms is not None:
        raise Failure("--max-latency-ms chooses with --best only", ExitCode.USAGE)
    ranking = [
        "--" + name.replace("_", "-")
        for name in ("rank_by", *(f"{w}_importance" for w in _options.WEIGHTED))
        if getattr(args, name, None) is not None
    ]
    if not args.best and ranking:
        verb = "choose" if len(ranking) > 1 else "chooses"
        raise Failure(f"{', '.join(ranking)} {verb} with --best only", ExitCode.USAGE)
    if args.best:
        _options.importance(args)  # --rank-by with a weighted ranking is a usage error
    scaling = {
        "--target-cpu-utilization": args.target_cpu_utilization,
        "--min-invocations-per-minute": args.min_invocations_per_minute,
        "--max-invocations-per-minute": args.max_invocations_per_minute,
    }
    given = [flag for flag, value in scaling.items() if value is not None]
    if given and not args.autoscale:
        verb = "apply" if len(given) > 1 else "applies"
        raise Failure(f"{', '.join(given)} {verb} only with --autoscale", ExitCode.USAGE)


def run_deploy(args: argparse.Namespace) -> int:
    """Run ``irclient deploy``."""
    _check_combination(args)
    ir = client(args)
    job, recommendation = _chosen(ir, args)
    with stopped_part_way(args, functools.partial(_incomplete, args)):
        deployment = ir.deploy_recommendation(
            job,
            recommendation,
            endpoint_name=args.endpoint_name,
            endpoint_config_name=args.endpoint_config_name,
            model_name=args.model_name,
            variant_name=args.variant_name,
            wait=not args.no_wait,
            poll_interval=args.poll_interval,
            timeout=args.timeout,
            on_poll=_status_printer(args.json or args.no_progress),
            dry_run=args.dry_run,
            autoscale=args.autoscale,
            target_cpu_utilization_per_core=args.target_cpu_utilization,
            scaling_policy_objective=_objective(args),
        )
    _print_deployment(args, deployment)
    return ExitCode.OK


def _print_deployment(
    args: argparse.Namespace, deployment: Deployment, extra: dict[str, Any] | None = None
) -> None:
    if args.json:
        print_json({**deployment_json(deployment), **(extra or {})})
    else:
        # The one renderer (irclient.deploy's), headed by the endpoint's status.
        print(str(deployment))


def finish_command(args: argparse.Namespace, deployment: Deployment) -> str:
    """The ``irclient deploy`` command line that finishes (or re-checks) a deployment."""
    import shlex

    argv = [PROG, "deploy", deployment.job_name]
    argv += ["--recommendation-id", deployment.recommendation_id]
    argv += ["--endpoint-name", deployment.endpoint_name]
    argv += ["--endpoint-config-name", deployment.endpoint_config_name]
    argv += ["--model-name", deployment.model_name]
    argv += ["--variant-name", deployment.variant_name]
    options = {
        "--autoscale": args.autoscale or None,
        "--target-cpu-utilization": args.target_cpu_utilization,
        "--min-invocations-per-minute": args.min_invocations_per_minute,
        "--max-invocations-per-minute": args.max_invocations_per_minute,
        "--region": getattr(args, "region", None),
        "--profile": getattr(args, "profile", None),
        "--endpoint-url": getattr(args, "endpoint_url", None),
    }
    for flag, value in options.items():
        if value is True:
            argv.append(flag)
        elif value is not None:
            argv += [flag, str(value)]
    return shlex.join(argv)


Incomplete = Callable[[Any, tuple[str, ...], str, ExitCode], Failure]
"""Prints what exists of a deployment that stopped part way (the deployment, its remove
commands, the reason, the exit code) and gives the failure that says what to do."""


@contextlib.contextmanager
def stopped_part_way(args: argparse.Namespace, incomplete: Incomplete) -> Iterator[None]:
    """A deployment that stopped after a write, or at Ctrl-C, as the command's failure.

    Shared by ``irclient deploy`` and ``irclient ai deploy``: the exit code is the cause's
    (a denied write is a permissions failure) or a failed deployment's.
    """
    try:
        yield
    except errors.IncompleteDeploymentError as exc:
        cause = failure_for(exc.cause, args)
        code = cause.code if cause is not None else ExitCode.DEPLOYMENT_FAILED
        raise incomplete(exc.deployment, exc.remove_commands, str(exc.cause), code) from None
    except errors.DeploymentInterrupted as exc:
        raise incomplete(
            exc.deployment, exc.remove_commands, "interrupted", ExitCode.INTERRUPTED
        ) from None


def incomplete_failure(
    removals: tuple[str, ...],
    reason: str,
    code: ExitCode,
    *,
    finish: str,
    not_done: Sequence[str],
) -> Failure:
    """The failure of a deployment that stopped part way, saying what to do about it.

    Its details: what is not done, how to finish it, how to remove what it made.
    """
    details = [f"not done: {', '.join(not_done) or 'nothing'}", f"to finish it: {finish}"]
    details += [f"to remove what it created: {command}" for command in removals]
    return Failure(f"deployment incomplete: {reason}", code, details)


def _incomplete(
    args: argparse.Namespace,
    deployment: Deployment,
    removals: tuple[str, ...],
    reason: str,
    code: ExitCode,
) -> Failure:
    finish = finish_command(args, deployment)
    extra = {"Error": reason, "FinishCommand": finish, "RemoveCommands": list(removals)}
    _print_deployment(args, deployment, extra)
    not_done = _not_done(deployment)
    return incomplete_failure(removals, reason, code, finish=finish, not_done=not_done)


def _not_done(deployment: Deployment) -> list[str]:
    from ...deploy._display import not_done

    return not_done(deployment)


def deployment_json(deployment: Deployment) -> dict[str, Any]:
    """A deployment as JSON: names, what was created and adopted, and the write requests."""
    scaling = deployment.scaling
    out: dict[str, Any] = {
        "JobName": deployment.job_name,
        "RecommendationId": deployment.recommendation_id,
        "ModelName": deployment.model_name,
        "EndpointConfigName": deployment.endpoint_config_name,
        "EndpointName": deployment.endpoint_name,
        "VariantName": deployment.variant_name,
        "EndpointStatus": deployment.endpoint_status,
        "DryRun": deployment.dry_run,
        "Complete": deployment.complete and (scaling is None or scaling.complete),
        "NotDone": _not_done(deployment),
        "Created": list(deployment.created),
        "Adopted": list(deployment.adopted),
        "EnvironmentAdded": _environment(deployment.environment_added),
        "EnvironmentKept": list(deployment.environment_kept),
        # Secret-looking environment values are hidden here as everywhere irclient prints.
        "Requests": [hide_secret_values(r.to_dict()) for r in deployment.requests],
    }
    if scaling is not None:
        out["Scaling"] = {
            "ResourceId": scaling.resource_id,
            "ScalableDimension": scaling.scalable_dimension,
            "PolicyNames": list(scaling.policy_names),
            "Recommendation": scaling.recommendation.to_dict(),
            "Created": list(scaling.created),
            "Adopted": list(scaling.adopted),
            "Skipped": list(scaling.skipped),
            "Requests": [r.to_dict() for r in scaling.requests],
        }
    return out


def _environment(variables: dict[str, str]) -> dict[str, Any]:
    return {name: shown_value(name, value) for name, value in variables.items()}
