"""``irclient demo``: the whole flow offline, on irclient's simulator."""

from __future__ import annotations

import argparse

from ..._utils.extras import available, install_command, missing_message
from .. import _options
from .._aws import client_factory, client_from
from .._output import PROG, ExitCode, Failure
from .._report import report
from .._requests import example_request
from .._simulator import check_region, make_example_model, offline_environment
from .._waiting import wait

_DEMO_REGION = "us-east-1"
_DEMO_POLL_INTERVAL = 0.25
# moto's manual progression: the job moves one status every two describes, so the demo's
# wait polls a handful of times (PENDING, IN_PROGRESS, COMPLETED) in about a second.
_DEMO_TRANSITION = {"progression": "manual", "times": 2}


def register(add: _options.AddCommand) -> None:
    """Add ``demo`` to the parser."""
    demo = add(
        "demo",
        "run a recommendation job offline, on irclient's simulator",
        "Create a recommendation job on irclient's simulator (moto; no AWS account or "
        "configuration needed), wait for it, rank its benchmarks and pick the best under a "
        f"latency limit. Needs the testing extra: {install_command('testing')}.",
        aws=("--region",),
    )
    _options.ranking_options(demo, max_latency_ms=100.0)
    _options.wait_options(demo, poll_interval=_DEMO_POLL_INTERVAL)
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    """Run ``irclient demo``."""
    importance = _options.importance(args)
    if not available("moto"):
        raise Failure(
            missing_message(
                feature=f"'{PROG} demo' (it runs on irclient's simulator)",
                library="moto",
                extra="testing",
            ),
            ExitCode.MISSING_DEPENDENCY,
        )
    from ...testing import mock_inference_recommender

    region = getattr(args, "region", None) or _DEMO_REGION
    check_region(region)
    request = example_request()
    with offline_environment(region), mock_inference_recommender(transition=_DEMO_TRANSITION):
        client = client_from(
            client_factory(
                profile=None,
                region=region,
                endpoint_url=None,
                credentials={"aws_access_key_id": "testing", "aws_secret_access_key": "testing"},
            )
        )
        if not args.json:
            container = request["InputConfig"]["ContainerConfig"]
            print(f"{PROG} demo: an offline run on irclient's simulator; no AWS account is used.")
            print(
                f"Creating model {request['InputConfig']['ModelName']} "
                f"({container['Domain']}, {container['Framework']}) and a "
                f"{request['JobType']} job {request['JobName']} for it in {region}."
            )
        # As on AWS, the job's model must exist: the demo makes it first.
        make_example_model(client.boto3_client)
        client.create_inference_recommendations_job(request)
        job = wait(
            client,
            request["JobName"],
            poll_interval=args.poll_interval,
            timeout=None,
            progress=not args.no_progress,
            simulated=True,
        )
        report(
            client,
            job,
            rank_by=args.rank_by,
            max_latency_ms=args.max_latency_ms,
            as_json=args.json,
            importance=importance,
        )
    if not args.json:
        print()
        print(
            f"Next: '{PROG} skeleton --example > request.json', then "
            f"'{PROG} --simulator run request.json' to go on offline, or edit it, "
            f"'{PROG} validate request.json' and '{PROG} run request.json' against AWS."
        )
    return ExitCode.OK
