"""The clients the command line talks to AWS with, built from its global options."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._output import ExitCode, Failure

if TYPE_CHECKING:
    from ..client import InferenceRecommenderClient


def boto3_client(
    *,
    profile: str | None,
    region: str | None,
    endpoint_url: str | None,
    credentials: Mapping[str, str] | None = None,
) -> Any:
    """A boto3 SageMaker client with botocore's retries off (irclient's policy retries).

    Raises:
        Failure: ``endpoint_url`` is malformed.
        irclient.errors.ConfigurationError: an unknown profile, or the like.
    """
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError

    from .. import __version__
    from ..errors import from_botocore_error

    # One retry layer: botocore sends each request once and irclient's RetryPolicy decides
    # the rest (the client does the same for the boto3 clients it builds).
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        user_agent_extra=f"irclient-cli/{__version__}",
    )
    try:
        session = boto3.Session(profile_name=profile, **(credentials or {}))
        return session.client(
            "sagemaker", region_name=region, endpoint_url=endpoint_url, config=config
        )
    except BotoCoreError as exc:
        error = from_botocore_error(exc)
        assert error is not None  # every BotoCoreError has a translation
        raise error from exc
    except ValueError as exc:  # botocore's answer to a malformed --endpoint-url
        raise Failure(f"bad --endpoint-url: {exc}", ExitCode.USAGE) from None


def client(args: argparse.Namespace) -> InferenceRecommenderClient:
    """An irclient client for the ``--region``, ``--profile`` and ``--endpoint-url`` given."""
    from ..client import InferenceRecommenderClient

    return InferenceRecommenderClient(
        boto3_client(
            profile=getattr(args, "profile", None),
            region=getattr(args, "region", None),
            endpoint_url=getattr(args, "endpoint_url", None),
        )
    )
