"""Building boto3 clients: one way for every AWS service irclient talks to.

Every client irclient builds sends each request once (botocore's retries are off, so that
:class:`~irclient.RetryPolicy` is the one retry layer) and, for the service whose requests
irclient validates itself, skips botocore's parameter validation (irclient's checks are a
superset of it). A
:class:`ClientFactory` keeps the session, Region and endpoint override of one client, so
that the clients of other services (Application Auto Scaling, CloudWatch Logs, ...) reach the
same account, Region and endpoint with the same credentials.
"""

from __future__ import annotations

import logging
import threading
import urllib.parse
import weakref
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import from_botocore_error

if TYPE_CHECKING:
    import boto3

    from ..retry import RetryPolicy

__all__ = ["ClientFactory", "botocore_attempts", "build_client", "warn_if_retrying"]

logger = logging.getLogger("irclient")

_AWS_DOMAINS = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws", ".c2s.ic.gov", ".sc2s.sgov.gov")
"""Host suffixes of AWS's own endpoints: any other host is an endpoint override."""


def build_client(
    service: str,
    *,
    session: boto3.Session | None = None,
    region_name: str | None = None,
    endpoint_url: str | None = None,
    validate: bool = True,
    user_agent_extra: str | None = None,
) -> Any:
    """A boto3 client of ``service`` that sends each request once.

    Args:
        service: The boto3 service name (``sagemaker``, ``logs``,
            ``application-autoscaling``, ...).
        session: The ``boto3.Session`` to build from; the default session when ``None``.
        region_name: The Region, overriding the session's.
        endpoint_url: An endpoint to send to instead of AWS's (a simulator, a proxy).
        validate: Whether irclient validates requests itself; botocore's own parameter
            validation is then turned off, as it would only repeat the work.
        user_agent_extra: Text appended to the User-Agent header.

    Returns:
        The boto3 client.

    Raises:
        irclient.errors.ConfigurationError: botocore could not build the client (no Region,
            unknown service, profile not found).
        ValueError: ``endpoint_url`` is malformed (botocore's own error).
    """
    # boto3 is imported here, not at module level: it is the largest part of the import
    # time of a library whose users may only want the models.
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError

    # One retry layer: botocore sends each request once and the RetryPolicy decides the rest.
    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        parameter_validation=not validate,
        user_agent_extra=user_agent_extra,
    )
    try:
        maker = boto3 if session is None else session
        return maker.client(
            service, region_name=region_name, endpoint_url=endpoint_url, config=config
        )
    except BotoCoreError as exc:
        error = from_botocore_error(exc)
        assert error is not None  # every BotoCoreError has a translation
        raise error from exc


def endpoint_override(client: Any) -> str | None:
    """The endpoint a boto3 client was pointed at, or ``None`` if it talks to AWS's own."""
    url = getattr(client.meta, "endpoint_url", None)
    if not isinstance(url, str):
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    return None if host.endswith(_AWS_DOMAINS) else url


@attrs.frozen
class ClientFactory:
    """Builds boto3 clients of any service from one session, Region and endpoint override.

    Attributes:
        session: The ``boto3.Session`` (credentials, profile); the default when ``None``.
        region_name: The Region, overriding the session's.
        endpoint_url: An endpoint override applied to every client (a simulator, a proxy).
        validate: Whether irclient validates the requests of the operation table's service
            (botocore's validation of that service is then off).
        user_agent_extra: Text appended to the User-Agent header of every client.
    """

    session: boto3.Session | None = None
    region_name: str | None = None
    endpoint_url: str | None = None
    validate: bool = True
    user_agent_extra: str | None = None

    @classmethod
    def like(cls, client: Any, *, validate: bool = True) -> ClientFactory:
        """A factory of clients in the same Region and endpoint as a given boto3 client.

        A given client does not tell its credentials: the default session provides them.
        """
        return cls(
            region_name=getattr(client.meta, "region_name", None),
            endpoint_url=endpoint_override(client),
            validate=validate,
        )

    def client(self, service: str) -> Any:
        """A boto3 client of ``service`` (see :func:`build_client`).

        botocore's parameter validation is turned off only for the service whose requests
        irclient validates itself; clients of other services keep it.
        """
        from ..models import _specs

        return build_client(
            service,
            session=self.session,
            region_name=self.region_name,
            endpoint_url=self.endpoint_url,
            validate=self.validate and service == _specs.SERVICE_NAME,
            user_agent_extra=self.user_agent_extra,
        )


def botocore_attempts(client: Any) -> int:
    """How many times the boto3 client itself sends a failing request."""
    retries = getattr(client.meta.config, "retries", None) or {}
    total = retries.get("total_max_attempts")
    if isinstance(total, int):
        return total
    if retries.get("mode") == "legacy":
        return 5  # botocore's _retry.json default for legacy mode
    from botocore.retries import standard

    return int(standard.DEFAULT_MAX_ATTEMPTS)


_warned: weakref.WeakSet[Any] = weakref.WeakSet()
_warned_lock = threading.Lock()


def warn_if_retrying(client: Any, policy: RetryPolicy) -> None:
    """Log once per client when a given boto3 client retries on its own."""
    attempts = botocore_attempts(client)
    if attempts <= 1:
        return
    with _warned_lock:
        try:
            if client in _warned:
                return
            _warned.add(client)
        except TypeError:  # pragma: no cover - botocore clients accept weak references
            pass
    logger.warning(
        "the boto3 client given to InferenceRecommenderClient retries on its own (up to %d "
        "attempts per request); combined with RetryPolicy(max_attempts=%d) a failing "
        "operation can send up to %d requests. Build it with botocore.config.Config("
        "retries={'total_max_attempts': 1}) to leave retries to irclient.",
        attempts,
        policy.max_attempts,
        attempts * policy.max_attempts,
    )
