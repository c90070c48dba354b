"""``irclient demo``: the whole flow offline, on irclient's simulator."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator

from ..._utils.extras import available, install_command, missing_message
from .. import _options
from .._aws import client_factory, client_from
from .._output import PROG, ExitCode, Failure
from .._report import report
from .._requests import example_request
from .._waiting import wait

_DEMO_REGION = "us-east-1"
_DEMO_POLL_INTERVAL = 0.25
_DEMO_IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1-cpu-py310"
_DEMO_MODEL_DATA = "s3://irclient-demo/resnet50/model.tar.gz"
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
    request = example_request()
    with _offline_environment(region), mock_inference_recommender(transition=_DEMO_TRANSITION):
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
                f"Creating {request['JobType']} job {request['JobName']} for model "
                f"{request['InputConfig']['ModelName']} ({container['Domain']}, "
                f"{container['Framework']}) in {region}."
            )
        # The simulator checks what a job names, as AWS does: the demo's model must exist.
        client.boto3_client.create_model(
            ModelName=request["InputConfig"]["ModelName"],
            ExecutionRoleArn=request["RoleArn"],
            PrimaryContainer={"Image": _DEMO_IMAGE, "ModelDataUrl": _DEMO_MODEL_DATA},
        )
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
            f"Next: '{PROG} skeleton --example > request.json', edit it, "
            f"'{PROG} validate request.json', then '{PROG} run request.json' against AWS."
        )
    return ExitCode.OK


@contextlib.contextmanager
def _offline_environment(region: str) -> Iterator[None]:
    """AWS settings of the machine set aside, so nothing can send the demo elsewhere.

    A profile, an endpoint URL or a config file of the user's could point boto3 away from
    the simulator or fail on a profile that does not exist; dummy credentials and a region
    let the demo run where there is no AWS configuration at all.
    """
    saved = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": region,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
        }
    )
    try:
        yield
    finally:
        for key in [k for k in os.environ if k.startswith("AWS_")]:
            del os.environ[key]
        os.environ.update(saved)
