"""The names a deployment gives what it creates, and SageMaker's rules for them."""

from __future__ import annotations

import hashlib
from typing import Final

from ..errors import Violation
from ..validation._patterns import compile_pattern

__all__ = [
    "DEFAULT_VARIANT_NAME",
    "check_name",
    "derived_names",
    "fit",
    "names_from",
    "policy_name",
]

DEFAULT_VARIANT_NAME: Final = "AllTraffic"
"""The variant name when none is given (the SageMaker Python SDK's default too)."""

_NAME_MAX: Final = 63
"""Longest model, endpoint configuration and endpoint name SageMaker accepts."""
_NAME_PATTERN: Final = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
"""The pattern of those names (and of variant names) in SageMaker's service model."""
_HASH: Final = 8
_POLICY_NAME_MAX: Final = 256


def _short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:_HASH]


def fit(base: str, suffix: str, limit: int = _NAME_MAX) -> str:
    """``base + suffix`` within ``limit``; a long base is cut and a hash of it keeps it unique."""
    if len(base) + len(suffix) <= limit:
        return base + suffix
    keep = limit - len(suffix) - _HASH - 1
    return f"{base[:keep].rstrip('-')}-{_short_hash(base)}{suffix}"


def derived_names(job_name: str, recommendation_id: str) -> dict[str, str]:
    """The default names of a recommendation's model, endpoint configuration and endpoint.

    They are the job's name and a short hash of the recommendation ID, so that re-running a
    deployment finds the same names and two recommendations of one job never collide; each
    stays within SageMaker's 63 characters.

    Args:
        job_name: The job.
        recommendation_id: The recommendation.

    Returns:
        ``{"endpoint_name": ..., "endpoint_config_name": ..., "model_name": ...}``.
    """
    endpoint = fit(job_name, f"-{_short_hash(job_name, recommendation_id)}")
    return names_from(endpoint)


def names_from(endpoint_name: str) -> dict[str, str]:
    """The configuration's and the model's default names for an endpoint's."""
    return {
        "endpoint_name": endpoint_name,
        "endpoint_config_name": fit(endpoint_name, "-config"),
        "model_name": fit(endpoint_name, "-model"),
    }


def policy_name(endpoint_name: str, variant_name: str, metric: str) -> str:
    """The name of the scaling policy that tracks ``metric`` for one variant."""
    return fit(f"{endpoint_name}-{variant_name}", f"-{metric}", _POLICY_NAME_MAX)


def check_name(field: str, wire: str, value: object, out: list[Violation]) -> None:
    """Append to ``out`` what is wrong with a model, configuration, endpoint or variant name."""
    if not isinstance(value, str):
        out.append(Violation(field, "type", f"{wire} must be a string, got {value!r}"))
    elif not 1 <= len(value) <= _NAME_MAX:
        out.append(
            Violation(
                field,
                "max_length" if value else "min_length",
                f"{wire} {value!r} is {len(value)} characters; it must be 1 to {_NAME_MAX}",
            )
        )
    elif not compile_pattern(_NAME_PATTERN)(value):
        out.append(
            Violation(field, "pattern", f"{wire} {value!r} does not match {_NAME_PATTERN!r}")
        )
