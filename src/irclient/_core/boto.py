"""Building boto3 clients: one way for every AWS service irclient talks to.

Every client irclient builds sends each request once (botocore's retries are off, so that
:class:`~irclient.RetryPolicy` is the one retry layer) and, for the service whose requests
irclient validates itself, skips botocore's parameter validation (irclient's checks are a
superset of it).

:class:`ClientFactory` is the one place where irclient makes the client of another service
(Application Auto Scaling, CloudWatch Logs, S3, ...) beside the SageMaker client. Whether it
built that SageMaker client from a session or was given it, every sibling signs with the same
credentials object (refreshable credentials go on refreshing), in the same Region, with the
same endpoint settings (an endpoint override, FIPS, dual-stack), proxies, timeouts, connection
pool and User-Agent, and with botocore's retries off. A client whose credentials cannot be
read is refused with a :class:`~irclient.errors.ConfigurationError` rather than given the
default session's credentials, which may be another account's.
"""

from __future__ import annotations

import logging
import threading
import urllib.parse
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ConfigurationError, from_botocore_error

if TYPE_CHECKING:
    import boto3

    from ..retry import RetryPolicy

__all__ = [
    "ClientFactory",
    "botocore_attempts",
    "build_client",
    "endpoint_override",
    "signing_credentials",
    "warn_if_retrying",
]

logger = logging.getLogger("irclient")

_AWS_DOMAINS = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws", ".c2s.ic.gov", ".sc2s.sgov.gov")
"""Host suffixes of AWS's own endpoints: any other host is an endpoint override."""
_DUALSTACK_DOMAINS = (".api.aws",)
"""Host suffixes of AWS's dual-stack (IPv4 and IPv6) endpoints."""

_SHARED_SETTINGS = (
    "connect_timeout",
    "read_timeout",
    "max_pool_connections",
    "proxies",
    "proxies_config",
    "client_cert",
    "tcp_keepalive",
    "use_fips_endpoint",
    "use_dualstack_endpoint",
    "inject_host_prefix",
    "ignore_configured_endpoint_urls",
    "user_agent_extra",
    "user_agent_appid",
)
"""The ``botocore.config.Config`` settings a sibling client takes from the SageMaker client.

Service-specific ones (``s3``, ``client_context_params``, ``signature_version``) and retries
(botocore's are always off) are not copied.
"""


def build_client(
    service: str,
    *,
    session: boto3.Session | None = None,
    region_name: str | None = None,
    endpoint_url: str | None = None,
    validate: bool = True,
    user_agent_extra: str | None = None,
    settings: Mapping[str, Any] | None = None,
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
        settings: Further ``botocore.config.Config`` settings (timeouts, proxies, FIPS, ...);
            retries and parameter validation are irclient's, whatever this says.

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
    options = {**(settings or {}), "user_agent_extra": user_agent_extra}
    options.update(
        retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=not validate
    )
    config = Config(**options)
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


def signing_credentials(client: Any) -> Any:
    """The credentials object a boto3 client signs with (``None`` if it has none).

    Raises:
        irclient.errors.ConfigurationError: ``client`` is not a botocore client whose
            credentials can be read; building another service's client without them would
            sign with the default session's, which may be another account's.
    """
    signer = getattr(client, "_request_signer", None)
    if signer is None or not hasattr(signer, "_credentials"):
        raise ConfigurationError(
            f"cannot tell which credentials {type(client).__name__} signs with, so irclient "
            "will not build another service's client beside it (the default credentials may "
            "be another account's): pass that client yourself (logs_client=, "
            "autoscaling_client=)"
        )
    # The signer's own attribute: botocore's only handle on a client's credentials.
    return signer._credentials


def _settings_of(client: Any) -> dict[str, Any]:
    """The Config settings of ``client`` that its siblings share (see ``_SHARED_SETTINGS``)."""
    config = client.meta.config
    settings = {name: getattr(config, name) for name in _SHARED_SETTINGS if hasattr(config, name)}
    # An endpoint URL given by hand says FIPS or dual-stack only in its host name.
    host = urllib.parse.urlsplit(getattr(client.meta, "endpoint_url", "") or "").hostname or ""
    if "fips" in host.split(".")[0] or "-fips." in host:
        settings["use_fips_endpoint"] = True
    if host.endswith(_DUALSTACK_DOMAINS):
        settings["use_dualstack_endpoint"] = True
    # Unset means "as the environment says" to botocore: pin what the client resolved.
    for flag in ("use_fips_endpoint", "use_dualstack_endpoint"):
        settings[flag] = bool(settings.get(flag))
    from botocore import UNSIGNED

    if getattr(config, "signature_version", None) is UNSIGNED:
        settings["signature_version"] = UNSIGNED  # an anonymous client's siblings stay anonymous
    return settings


class _TheseCredentials:
    """A botocore credential provider that hands out one credentials object (or none)."""

    def __init__(self, credentials: Any) -> None:
        self._credentials = credentials

    def load_credentials(self) -> Any:
        return self._credentials


def _session_signing_with(credentials: Any) -> boto3.Session:
    """A boto3 session whose clients sign with exactly ``credentials`` (or with none)."""
    import boto3
    import botocore.session

    core = botocore.session.Session()
    # Replaces the whole provider chain: no environment, profile or instance credentials.
    core.register_component("credential_provider", _TheseCredentials(credentials))
    return boto3.Session(botocore_session=core)


@attrs.frozen
class ClientFactory:
    """Builds boto3 clients of any service with one account's credentials and settings.

    Attributes:
        session: The ``boto3.Session`` (credentials, profile); the default when ``None``.
        region_name: The Region, overriding the session's.
        endpoint_url: An endpoint override applied to every client (a simulator, a proxy).
        validate: Whether irclient validates the requests of the operation table's service
            (botocore's validation of that service is then off).
        user_agent_extra: Text appended to the User-Agent header of every client.
        settings: Further ``botocore.config.Config`` settings of every client (timeouts,
            proxies, FIPS, dual-stack), as taken from a given client by :meth:`like`.
        refusal: Why no client may be built (a given client's credentials are unreadable);
            :meth:`client` raises it as a :class:`~irclient.errors.ConfigurationError`.
    """

    session: boto3.Session | None = None
    region_name: str | None = None
    endpoint_url: str | None = None
    validate: bool = True
    user_agent_extra: str | None = None
    settings: Mapping[str, Any] | None = None
    refusal: str | None = None

    @classmethod
    def like(cls, client: Any, *, validate: bool = True) -> ClientFactory:
        """A factory of clients that sign, connect and behave as a given boto3 client does.

        The clients it builds share ``client``'s credentials object, Region, endpoint
        override and the settings in ``_SHARED_SETTINGS`` (FIPS, dual-stack, proxies,
        timeouts, pool size, User-Agent); botocore's retries stay off.

        When ``client``'s credentials cannot be read, the factory refuses to build anything
        (see ``refusal``): irclient does not fall back on the default credentials.
        """
        try:
            credentials = signing_credentials(client)
        except ConfigurationError as exc:
            return cls(validate=validate, refusal=str(exc))
        settings = _settings_of(client)
        extra = settings.pop("user_agent_extra", None)
        return cls(
            session=_session_signing_with(credentials),
            region_name=getattr(client.meta, "region_name", None),
            endpoint_url=endpoint_override(client),
            validate=validate,
            user_agent_extra=extra,
            settings=settings,
        )

    def client(self, service: str) -> Any:
        """A boto3 client of ``service`` (see :func:`build_client`).

        botocore's parameter validation is turned off only for the service whose requests
        irclient validates itself; clients of other services keep it.

        Raises:
            irclient.errors.ConfigurationError: botocore could not build it, or the factory
                refuses (see ``refusal``).
        """
        from ..models import _specs

        if self.refusal is not None:
            raise ConfigurationError(self.refusal)
        return build_client(
            service,
            session=self.session,
            region_name=self.region_name,
            endpoint_url=self.endpoint_url,
            validate=self.validate and service == _specs.SERVICE_NAME,
            user_agent_extra=self.user_agent_extra,
            settings=self.settings,
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
