"""``irclient ai deploy``: a generative-AI recommendation deployed as inference components.

The command line of :func:`irclient.deploy.deploy_ai_recommendation`, with the classic
``irclient deploy``'s conventions (:mod:`irclient.cli.commands.deploy`): the summary the
deployment's ``str()`` gives (the one renderer, :mod:`irclient.deploy`'s), ``--json`` with
PascalCase keys, and the same exit statuses (11 a conflict, 12 a failed deployment, 13
nothing to deploy). Only the standard library loads up front.
"""

from __future__ import annotations

import argparse
import functools
import shlex
from typing import TYPE_CHECKING, Any

from ... import errors
from ..._utils.secrets import hide_secret_values
from .. import _options
from .._aws import client
from .._output import PROG, ExitCode, Failure, print_json
from .deploy import incomplete_failure, stopped_part_way

if TYPE_CHECKING:
    from ...deploy import ComponentDeployment

_NAMES = ("endpoint_name", "endpoint_config_name", "model_name", "inference_component_name")
_BOUNDS = ("min_copy_count", "max_copy_count", "min_instance_count", "max_instance_count")
_NOTHING_TO_DEPLOY = {"job", "recommendation", "recommendation.deployment_configuration"}
"""Paths of the violations that mean the job offers nothing (this) to deploy: the job has not
completed, has no such recommendation, or the recommendation lacks what a deployment needs."""


def _recommendation(text: str) -> int | str:
    """An ``argparse`` type: a recommendation's index (0, 1, ...) or ``best``."""
    if text == "best":
        return text
    try:
        index = int(text)
    except ValueError:
        index = -1
    if index < 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a recommendation's index (0, 1, ...) or 'best'"
        )
    return index


def register(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``irclient ai deploy`` (``parser`` is its own subparser)."""
    parser.add_argument("job", metavar="JOB", help="the AI recommendation job's name")
    parser.add_argument(
        "recommendation",
        metavar="RECOMMENDATION",
        type=_recommendation,
        help="its index in the job's Recommendations (0, 1, ...), or 'best' (the lowest "
        "cost per million output tokens)",
    )
    defaults = {
        "endpoint_name": "from the job and the index",
        "endpoint_config_name": "ENDPOINT-config",
        "model_name": "ENDPOINT-model",
        "inference_component_name": "ENDPOINT-ic",
    }
    for name, default in defaults.items():
        flag = "--" + name.replace("_", "-")
        noun = name.removesuffix("_name").replace("_", " ")
        parser.add_argument(flag, metavar="NAME", help=f"the {noun} (default: {default})")
    parser.add_argument(
        "--variant-name", metavar="NAME", default="AllTraffic", help="default AllTraffic"
    )
    parser.add_argument(
        "--autoscale",
        action="store_true",
        help="scale the copy count with Application Auto Scaling and the instances with "
        "the endpoint's managed instance scaling",
    )
    for name, help in zip(
        _BOUNDS,
        (
            "fewest copies (default 1)",
            "most copies (default: copies per instance x --max-instance-count)",
            "fewest instances (default 1)",
            "most instances (default: twice the recommended count)",
        ),
        strict=True,
    ):
        flag = "--" + name.replace("_", "-")
        parser.add_argument(flag, type=_options.positive_int, metavar="N", help=help)
    parser.add_argument(
        "--target-invocations-per-copy",
        type=float,
        metavar="N",
        help="invocations per copy a minute to scale at (default 10)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the requests that would be sent, and send none (reads only)",
    )
    parser.add_argument(
        "--no-wait", action="store_true", help="do not wait for the endpoint and component"
    )
    parser.add_argument(
        "--poll-interval",
        type=_options.poll_seconds,
        default=30.0,
        metavar="SECONDS",
        help="seconds between status checks while waiting (default 30)",
    )
    parser.add_argument(
        "--timeout",
        type=_options.non_negative,
        metavar="SECONDS",
        help="give up each wait after this many seconds (the deployment goes on)",
    )
    parser.set_defaults(handler=run_ai_deploy)


def _scaling_options(args: argparse.Namespace) -> dict[str, Any]:
    """The bounds given; a usage error when given without ``--autoscale``."""
    given = {name: getattr(args, name) for name in (*_BOUNDS, "target_invocations_per_copy")}
    flags = ["--" + n.replace("_", "-") for n, v in given.items() if v is not None]
    if flags and not args.autoscale:
        verb = "apply" if len(flags) > 1 else "applies"
        raise Failure(f"{', '.join(flags)} {verb} only with --autoscale", ExitCode.USAGE)
    return given


def _chosen(ir: Any, args: argparse.Namespace) -> tuple[Any, Any]:
    """The job's describe response, and the recommendation (an index or a row)."""
    job = ir.describe_ai_recommendation_job(ai_recommendation_job_name=args.job)
    if args.recommendation != "best":
        return job, args.recommendation
    from ...analysis import best

    row = best(job) if job.recommendations else None
    if row is None:
        raise Failure(
            f"job {args.job!r} has no recommendation with a cost per million output tokens "
            "(name one by its index)",
            ExitCode.NOTHING_TO_DEPLOY,
        )
    return job, row


def run_ai_deploy(args: argparse.Namespace) -> int:
    """Run ``irclient ai deploy``."""
    scaling = _scaling_options(args)
    ir = client(args)
    job, recommendation = _chosen(ir, args)
    with stopped_part_way(args, functools.partial(_incomplete, args)):
        try:
            deployment = ir.deploy_ai_recommendation(
                job,
                recommendation,
                **{name: getattr(args, name) for name in _NAMES},
                variant_name=args.variant_name,
                wait=not args.no_wait,
                poll_interval=args.poll_interval,
                timeout=args.timeout,
                dry_run=args.dry_run,
                autoscale=args.autoscale,
                **scaling,
            )
        except errors.ValidationError as exc:
            if {v.path for v in exc.violations} <= _NOTHING_TO_DEPLOY:
                message = "; ".join(v.message for v in exc.violations)
                raise Failure(message, ExitCode.NOTHING_TO_DEPLOY) from None
            raise
    _print(args, deployment)
    return ExitCode.OK


def _print(
    args: argparse.Namespace, deployment: ComponentDeployment, extra: dict[str, Any] | None = None
) -> None:
    if args.json:
        print_json({**component_json(deployment), **(extra or {})})
    else:
        print(str(deployment))  # the one renderer, irclient.deploy's


def finish_command(args: argparse.Namespace, deployment: ComponentDeployment) -> str:
    """The ``irclient ai deploy`` command line that finishes (or re-checks) a deployment."""
    argv = [PROG, "ai", "deploy", deployment.job_name, str(deployment.recommendation_index)]
    for name in _NAMES:
        argv += ["--" + name.replace("_", "-"), getattr(deployment, name)]
    argv += ["--variant-name", deployment.variant_name]
    options: dict[str, Any] = {"--autoscale": args.autoscale or None}
    options.update({"--" + n.replace("_", "-"): v for n, v in _scaling_options(args).items()})
    for flag in ("region", "profile", "endpoint_url"):
        options["--" + flag.replace("_", "-")] = getattr(args, flag, None)
    for flag, value in options.items():
        if value is True:
            argv.append(flag)
        elif value is not None:
            argv += [flag, str(value)]
    return shlex.join(argv)


def _incomplete(
    args: argparse.Namespace,
    deployment: ComponentDeployment,
    removals: tuple[str, ...],
    reason: str,
    code: ExitCode,
) -> Failure:
    finish = finish_command(args, deployment)
    _print(
        args,
        deployment,
        {"Error": reason, "FinishCommand": finish, "RemoveCommands": list(removals)},
    )
    return incomplete_failure(removals, reason, code, finish=finish, not_done=deployment.not_done)


def component_json(deployment: ComponentDeployment) -> dict[str, Any]:
    """A deployment as inference components, as JSON: names, outcome, the write requests."""
    d = deployment
    return {
        "JobName": d.job_name,
        "RecommendationIndex": d.recommendation_index,
        "ModelName": d.model_name,
        "EndpointConfigName": d.endpoint_config_name,
        "EndpointName": d.endpoint_name,
        "VariantName": d.variant_name,
        "InferenceComponentName": d.inference_component_name,
        "AdapterComponentNames": list(d.adapter_component_names),
        "CopyCount": d.copy_count,
        "MinMemoryRequiredInMb": d.min_memory_required_in_mb,
        "NumberOfAcceleratorDevicesRequired": d.accelerator_devices,
        "Autoscaled": d.autoscaled,
        "EndpointStatus": d.endpoint_status,
        "InferenceComponentStatus": d.component_status,
        "DryRun": d.dry_run,
        "Complete": d.complete,
        "NotDone": list(d.not_done),
        "Created": list(d.created),
        "Adopted": list(d.adopted),
        # Secret-looking environment values are hidden here as everywhere irclient prints.
        "Requests": [hide_secret_values(r.to_dict()) for r in d.requests],
    }
