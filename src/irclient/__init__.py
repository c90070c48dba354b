"""irclient: a typed Python SDK for the Amazon SageMaker Inference Recommender API."""

from . import analysis, display
from . import serde as _serde  # installs the models' codec
from .errors import (
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
from .validation import validate

display.install()  # the models' _repr_html_ in Jupyter

__version__ = "0.1.0"

__all__ = [
    "ConnectionFailedError",
    "IRClientError",
    "JobFailedError",
    "MalformedResponseError",
    "RequestTimeoutError",
    "ResourceInUse",
    "ResourceLimitExceeded",
    "ResourceNotFound",
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
