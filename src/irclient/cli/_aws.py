"""The clients the command line talks to AWS with, built from its global options."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._output import ExitCode, Failure

if TYPE_CHECKING:
    from .._boto import ClientFactory
    from ..client import InferenceRecommenderClient


def factory(
    *,
    profile: str | None,
    region: str | None,
    endpoint_url: str | None,
    credentials: Mapping[str, str] | None = None,
    validate: bool = True,
) -> ClientFactory:
    """The factory of every boto3 client of one command: one session, Region and endpoint.

    Args:
        profile: The ``--profile``.
        region: The ``--region``.
        endpoint_url: The ``--endpoint-url``.
        credentials: Explicit credentials for the session.
        validate: Whether irclient validates the requests (botocore's own validation of the
            SageMaker client is then off; a raw boto3 client keeps it).

    Raises:
        irclient.errors.ConfigurationError: an unknown profile, or the like.
    """
    import boto3
    from botocore.exceptions import BotoCoreError

    from .. import __version__
    from .._boto import ClientFactory
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
        validate=validate,
        user_agent_extra=f"irclient-cli/{__version__}",
    )


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
    from ..models import _specs

    # botocore keeps validating: this client's requests do not pass irclient's checks.
    made = factory(
        profile=profile,
        region=region,
        endpoint_url=endpoint_url,
        credentials=credentials,
        validate=False,
    )
    try:
        return made.client(_specs.SERVICE_NAME)
    except ValueError as exc:  # botocore's answer to a malformed --endpoint-url
        raise Failure(f"bad --endpoint-url: {exc}", ExitCode.USAGE) from None


def client(args: argparse.Namespace) -> InferenceRecommenderClient:
    """An irclient client for the ``--region``, ``--profile`` and ``--endpoint-url`` given.

    Its :meth:`~irclient.InferenceRecommenderClient.aws_client` builds the clients of other
    services from the same options.
    """
    from ..client import InferenceRecommenderClient

    made = factory(
        profile=getattr(args, "profile", None),
        region=getattr(args, "region", None),
        endpoint_url=getattr(args, "endpoint_url", None),
    )
    try:
        return InferenceRecommenderClient._from_factory(made)
    except ValueError as exc:  # botocore's answer to a malformed --endpoint-url
        raise Failure(f"bad --endpoint-url: {exc}", ExitCode.USAGE) from None
