"""irclient: a typed Python SDK for the Amazon SageMaker Inference Recommender API.

Only the exceptions load with the package; everything else loads on first use (PEP 562), so
``import irclient`` costs next to nothing on top of ``import boto3``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _codec  # noqa: F401 - gives the generated models their converter and display
from .errors import (
    BenchmarkOutputError,
    BotocoreTooOldError,
    ConfigurationError,
    ConnectionFailedError,
    DeploymentConflictError,
    DeploymentError,
    DeploymentInterrupted,
    IncompleteDeploymentError,
    InvalidResponseError,
    IRClientError,
    JobDeletedError,
    JobFailedError,
    MalformedResponseError,
    RequestTimeoutError,
    ResourceInUse,
    ResourceLimitExceeded,
    ResourceNotFound,
    ServiceError,
    ThrottlingError,
    TransportError,
    ValidationError,
    ValidationWarning,
    Violation,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from . import analysis, benchmarks, deploy, display, models, rules, workloads
    from ._codec.corrections import corrections, unknown_members
    from .client import InferenceRecommenderClient
    from .documented import Domain, Framework, Task
    from .retry import RetryPolicy
    from .validation import validate

__version__ = "0.1.0"

_LAZY = {
    "InferenceRecommenderClient": ".client",
    "RetryPolicy": ".retry",
    "validate": ".validation",
    "rules": ".rules",
    "corrections": "._codec.corrections",
    "unknown_members": "._codec.corrections",
    "Domain": ".documented",
    "Framework": ".documented",
    "Task": ".documented",
    "models": ".models",
    "analysis": ".analysis",
    "display": ".display",
    "deploy": ".deploy",
    "benchmarks": ".benchmarks",
    "workloads": ".workloads",
}

__all__ = [
    "BenchmarkOutputError",
    "BotocoreTooOldError",
    "ConfigurationError",
    "ConnectionFailedError",
    "DeploymentConflictError",
    "DeploymentError",
    "DeploymentInterrupted",
    "Domain",
    "Framework",
    "IRClientError",
    "IncompleteDeploymentError",
    "InferenceRecommenderClient",
    "InvalidResponseError",
    "JobDeletedError",
    "JobFailedError",
    "MalformedResponseError",
    "RequestTimeoutError",
    "ResourceInUse",
    "ResourceLimitExceeded",
    "ResourceNotFound",
    "RetryPolicy",
    "ServiceError",
    "Task",
    "ThrottlingError",
    "TransportError",
    "ValidationError",
    "ValidationWarning",
    "Violation",
    "WaitTimeoutError",
    "__version__",
    "analysis",
    "benchmarks",
    "deploy",
    "corrections",
    "display",
    "models",
    "rules",
    "unknown_members",
    "validate",
    "workloads",
]


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(where, __name__)
    value = module if where == f".{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
