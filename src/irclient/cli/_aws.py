"""The clients the command line talks to AWS with, built from its global options.

Every client comes from one :class:`irclient._core.boto.ClientFactory`: the SageMaker client the
commands use and any other service's (``client.aws_client("logs")``) share the session of
``--profile``, the Region of ``--region`` and the endpoint of ``--endpoint-url``; without
``--endpoint-url``, boto3's own ``AWS_ENDPOINT_URL`` settings apply to each of them.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._output import ExitCode, Failure

if TYPE_CHECKING:
    from .._core.boto import ClientFactory
    from ..client import InferenceRecommenderClient


def client_factory(
    *,
    profile: str | None,
    region: str | None,
    endpoint_url: str | None,
    credentials: Mapping[str, str] | None = None,
) -> ClientFactory:
    """The factory of every boto3 client a command builds.

    Args:
        profile: A profile of the AWS config files (``--profile``).
        region: The Region (``--region``), overriding the profile's.
        endpoint_url: An endpoint for every service (``--endpoint-url``).
        credentials: Explicit ``aws_access_key_id`` and ``aws_secret_access_key`` (the demo's).

    Raises:
        irclient.errors.ConfigurationError: the profile does not exist, or the like.
    """
    import boto3
    from botocore.exceptions import BotoCoreError

    from .. import __version__
    from .._core.boto import ClientFactory
    from ..errors import from_botocore_error

    try:
        session = boto3.Session(profile_name=profile, **(credentials or {}))
    except BotoCoreError as exc:
        error = from_botocore_error(exc)
        assert error is not None  # every BotoCoreError has a translation
        raise error from exc
    return ClientFactory(
        session=session,
        region_name=region,
        endpoint_url=endpoint_url,
        user_agent_extra=f"irclient-cli/{__version__}",
    )


def client_from(factory: ClientFactory) -> InferenceRecommenderClient:
    """An irclient client whose boto3 clients, of every service, come from ``factory``.

    Raises:
        Failure: the endpoint URL is malformed.
        irclient.errors.ConfigurationError: no Region, or the like.
    """
    from ..client import InferenceRecommenderClient

    try:
        return InferenceRecommenderClient._from_factory(factory)
    except ValueError as exc:  # botocore's answer to a malformed --endpoint-url
        raise Failure(f"bad --endpoint-url: {exc}", ExitCode.USAGE) from None


def client(args: argparse.Namespace) -> InferenceRecommenderClient:
    """An irclient client for the ``--region``, ``--profile`` and ``--endpoint-url`` given."""
    return client_from(
        client_factory(
            profile=getattr(args, "profile", None),
            region=getattr(args, "region", None),
            endpoint_url=getattr(args, "endpoint_url", None),
        )
    )
