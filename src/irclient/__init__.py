"""irclient: a typed Python SDK for the Amazon SageMaker Inference Recommender API."""

from . import analysis, display
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

display.install()  # the models' _repr_html_ in Jupyter

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
    "analysis",
    "display",
    "validate",
]

del _serde
