"""The command line's offline mode: every AWS command against a local simulator server.

``irclient --simulator COMMAND`` (or ``IRCLIENT_SIMULATOR=1``) sends the command to
irclient's simulator, served by ``python -m irclient.testing.server`` on the loopback
interface. When nothing answers there, one is started in the background, with the model
the example request names already made, so that ``run``, ``why``, ``deploy`` and the rest
work on it from the first command; its state lasts while it runs (``irclient simulator
stop`` ends it). The simulator's own controls, moto's state manager among them, are the
``irclient simulator`` command's (:mod:`irclient.cli.commands.simulator`).

Only the standard library loads up front; boto3 and moto load when the mode is used.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._output import PROG, ExitCode, Failure, warning

HOST = "127.0.0.1"
"""The simulator listens on the loopback interface only: it checks no credentials."""

DEFAULT_PORT = 5055
"""The simulator's port unless ``IRCLIENT_SIMULATOR_PORT`` names another."""

REGION = "us-east-1"
"""The Region of the offline mode unless ``--region`` names another."""

ENVIRONMENT = "IRCLIENT_SIMULATOR"
"""Set to ``1`` (or ``true``, ``yes``) to make every AWS command use the simulator."""

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
"""Dummy credentials: the simulator accepts any, and these can reach nothing else."""

EXAMPLE_MODEL_IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu"
"""The container image of the example model the simulator starts with."""

_START_TIMEOUT = 60.0


def wanted(args: Any) -> bool:
    """Whether this command runs offline: ``--simulator``, or ``IRCLIENT_SIMULATOR`` set."""
    if getattr(args, "simulator", None):
        return True
    return os.environ.get(ENVIRONMENT, "").strip().lower() in {"1", "true", "yes", "on"}


def port() -> int:
    """The simulator's port: ``IRCLIENT_SIMULATOR_PORT``, else :data:`DEFAULT_PORT`."""
    text = os.environ.get(f"{ENVIRONMENT}_PORT", "")
    if not text:
        return DEFAULT_PORT
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise Failure(f"{ENVIRONMENT}_PORT is {text!r}; a port is 1-65535", ExitCode.USAGE)
    return int(text)


def url() -> str:
    """The simulator's endpoint URL."""
    return f"http://{HOST}:{port()}"


def pid_file() -> Path:
    """Where a simulator the command line started keeps its process ID, to be stopped."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"irclient-simulator-{uid}-{port()}.pid"


def _signed_headers(target: str) -> dict[str, str]:
    # moto routes a request by the service its credential scope names; nothing checks it.
    scope = f"testing/20260101/{REGION}/sagemaker/aws4_request"
    return {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": f"SageMaker.{target}",
        "Authorization": f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, Signature=0",
    }


def answers() -> bool:
    """Whether irclient's simulator answers at :func:`url` (not just any server)."""
    request = urllib.request.Request(
        url() + "/",
        data=b"{}",
        headers=_signed_headers("ListInferenceRecommendationsJobs"),
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            body = json.loads(response.read() or b"{}")
    except (OSError, ValueError):
        return False
    return isinstance(body, dict) and "InferenceRecommendationsJobs" in body


def moto_api(path: str, body: dict[str, Any] | None = None) -> None:
    """POST to the simulator's ``/moto-api`` (its state manager, its reset).

    Raises:
        Failure: the simulator does not answer, or refuses.
    """
    data = json.dumps(body or {}).encode()
    request = urllib.request.Request(url() + path, data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10):
            pass
    except (OSError, ValueError) as exc:
        raise Failure(
            f"the simulator at {url()} did not answer: {exc}", ExitCode.CONNECTION_ERROR
        ) from None


def start() -> int:
    """Start the simulator in the background and wait until it answers; its process ID.

    Raises:
        Failure: moto is not installed, or the server did not come up.
    """
    from .._utils.extras import available, missing_message

    if not available("moto"):
        raise Failure(
            missing_message(feature=f"{PROG} --simulator", library="moto", extra="testing"),
            ExitCode.MISSING_DEPENDENCY,
        )
    command = [sys.executable, "-m", "irclient.testing.server", "-H", HOST, "-p", str(port())]
    # Detached: it outlives this command, and keeps the jobs for the next ones.
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + _START_TIMEOUT
    while not answers():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise Failure(
                f"the simulator did not start on {url()} (is the port in use? set "
                f"{ENVIRONMENT}_PORT to another)",
                ExitCode.CONNECTION_ERROR,
            )
        time.sleep(0.1)
    pid_file().write_text(str(process.pid))
    seed()
    return process.pid


def seed(region: str = REGION) -> None:
    """Make the example model (:func:`make_example_model`) in the simulator server."""
    import boto3

    make_example_model(
        boto3.client("sagemaker", region_name=region, endpoint_url=url(), **CREDENTIALS)
    )


def make_example_model(sagemaker: Any) -> None:
    """Make the model the example request names (``irclient skeleton --example``).

    A job names a model that must exist, as on AWS: with it, the example request runs
    and its recommendations deploy. Made with plain boto3, as any user would make one.

    Args:
        sagemaker: A boto3 SageMaker client of the simulator.
    """
    from ._requests import example_request

    request = example_request()
    with contextlib.suppress(sagemaker.exceptions.ClientError):  # made already: kept
        sagemaker.create_model(
            ModelName=request["InputConfig"]["ModelName"],
            ExecutionRoleArn=request["RoleArn"],
            PrimaryContainer={
                "Image": EXAMPLE_MODEL_IMAGE,
                "ModelDataUrl": request["InputConfig"]["ContainerConfig"]["PayloadConfig"][
                    "SamplePayloadUrl"
                ].replace("payloads/", "models/"),
            },
        )


def check_region(region: str) -> None:
    """A Region SageMaker is not in is a usage error before the simulator is asked.

    Raises:
        Failure: the Region is unknown; the message names the nearest ones.
    """
    from .._core.regions import known_regions, region_hint

    if region not in known_regions():
        raise Failure(region_hint(region), ExitCode.USAGE)


def ensure(quiet: bool = False) -> str:
    """The simulator's URL, starting it when nothing answers there.

    Args:
        quiet: Say nothing on standard error when one is started.
    """
    if answers():
        return url()
    pid = start()
    if not quiet:
        model = "resnet50"
        warning(
            f"started irclient's simulator on {url()} (process {pid}) with the model {model}; "
            f"its jobs last until '{PROG} simulator stop'"
        )
    return url()


def stop() -> int | None:
    """Stop the simulator this command line started; its process ID, or None if none was."""
    import signal

    path = pid_file()
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    path.unlink(missing_ok=True)
    return pid


@contextlib.contextmanager
def offline_environment(region: str) -> Iterator[None]:
    """AWS settings of the machine set aside, so nothing can send a command to AWS.

    A profile, an endpoint URL or a config file of the user's could point boto3 away from
    the simulator, or fail on a profile that does not exist; dummy credentials and a
    Region let it run where there is no AWS configuration at all.
    """
    saved = {k: v for k, v in os.environ.items() if k.startswith("AWS_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
            "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
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
