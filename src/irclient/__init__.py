"""irclient: a typed Python SDK for the Amazon SageMaker Inference Recommender API."""

from . import serde as _serde  # installs the models' codec
from .client import InferenceRecommenderClient
from .errors import (
    ConfigurationError,
    ConnectionFailedError,
    IRClientError,
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
    Violation,
    WaitTimeoutError,
)
from .retry import RetryPolicy
from .validation import validate

__version__ = "0.1.0"

__all__ = [
    "ConfigurationError",
    "ConnectionFailedError",
    "IRClientError",
    "InferenceRecommenderClient",
    "JobFailedError",
    "MalformedResponseError",
    "RequestTimeoutError",
    "ResourceInUse",
    "ResourceLimitExceeded",
    "ResourceNotFound",
    "RetryPolicy",
    "ServiceError",
    "ThrottlingError",
    "TransportError",
    "ValidationError",
    "Violation",
    "WaitTimeoutError",
    "__version__",
    "validate",
]

del _serde
