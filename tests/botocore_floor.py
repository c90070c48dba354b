"""What the installed botocore can do, for tests that need a newer one than the floor.

``nox -s floor`` runs the suite against the lowest botocore pyproject.toml allows. A test
skips there only when what it checks cannot exist with that botocore: the generated models
compared with the model they were generated from, the fast parser (which steps aside for
any other model), or a botocore feature the floor lacks. Everything else runs on both.
"""

from __future__ import annotations

import datetime

import boto3
import botocore
import pytest

from irclient._codec import fastparse
from irclient.models._parsers import MODEL_FINGERPRINT, PARSERS
from irclient.models._specs import BOTOCORE_VERSION

_MODEL = boto3.Session(
    aws_access_key_id="a", aws_secret_access_key="b", region_name="us-east-1"
).client("sagemaker")

GENERATING_BOTOCORE = botocore.__version__ == BOTOCORE_VERSION
"""Whether the installed botocore is the one ``src/irclient/models`` was generated from."""

needs_the_generating_botocore = pytest.mark.skipif(
    not GENERATING_BOTOCORE,
    reason=(
        f"compares the generated models with botocore {BOTOCORE_VERSION}'s, which they were "
        f"generated from; botocore {botocore.__version__} is installed"
    ),
)

FAST_PATH = fastparse.fingerprint(_MODEL.meta.service_model, PARSERS) == MODEL_FINGERPRINT
"""Whether irclient's calls take the fast parser (only with the model it was generated from)."""

needs_the_fast_path = pytest.mark.skipif(
    not FAST_PATH,
    reason=(
        f"the fast parser steps aside for a service model other than botocore "
        f"{BOTOCORE_VERSION}'s; botocore {botocore.__version__} is installed"
    ),
)


def has_member(shape: str, member: str) -> bool:
    """Whether the installed botocore's SageMaker model has ``shape.member``."""
    return member in _MODEL.meta.service_model.shape_for(shape).members


def _keeps_subseconds() -> bool:
    sent: list[bytes] = []

    def record(request: object, **_: object) -> object:
        sent.append(request.body)  # type: ignore[attr-defined]
        raise _Sent

    client = boto3.Session(
        aws_access_key_id="a", aws_secret_access_key="b", region_name="us-east-1"
    ).client("sagemaker")
    client.meta.events.register("before-send.sagemaker.*", record)
    moment = datetime.datetime(2026, 1, 1, 0, 0, 0, 500_000, tzinfo=datetime.UTC)
    try:
        client.list_inference_recommendations_jobs(CreationTimeAfter=moment)
    except _Sent:
        pass
    return b".5" in sent[0]


class _Sent(Exception):
    """Raised by the before-send hook: the request was serialised, nothing goes out."""


SUBSECOND_TIMESTAMPS = _keeps_subseconds()
"""Whether botocore sends a request's timestamps with their fraction of a second (newer
releases do; older ones, the floor among them, send whole seconds)."""
