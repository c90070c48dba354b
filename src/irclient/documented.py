"""Values AWS documents only in prose, as constants to autocomplete.

``RecommendationJobContainerConfig.Domain``, ``Task`` and ``Framework`` are plain strings in
the service model; their documentation lists "Valid Values". Those values are here, so an
editor can complete them, but they are not enums: irclient never refuses another value,
because AWS accepts others (its own troubleshooting guide suggests values outside the
lists). ``tests`` compare these lists with botocore's documentation, so they cannot drift.

Example::

    from irclient import Domain, Framework, Task
    container = RecommendationJobContainerConfig(
        domain=Domain.COMPUTER_VISION, task=Task.IMAGE_CLASSIFICATION, framework=Framework.PYTORCH
    )
"""

from __future__ import annotations

from typing import Final

__all__ = ["Domain", "Framework", "Task"]


class Domain:
    """Documented values of ``RecommendationJobContainerConfig.Domain``."""

    COMPUTER_VISION: Final = "COMPUTER_VISION"
    NATURAL_LANGUAGE_PROCESSING: Final = "NATURAL_LANGUAGE_PROCESSING"
    MACHINE_LEARNING: Final = "MACHINE_LEARNING"

    VALUES: Final = (COMPUTER_VISION, NATURAL_LANGUAGE_PROCESSING, MACHINE_LEARNING)
    """Every documented value, in the documentation's order."""


class Task:
    """Documented values of ``RecommendationJobContainerConfig.Task``."""

    IMAGE_CLASSIFICATION: Final = "IMAGE_CLASSIFICATION"
    OBJECT_DETECTION: Final = "OBJECT_DETECTION"
    TEXT_GENERATION: Final = "TEXT_GENERATION"
    IMAGE_SEGMENTATION: Final = "IMAGE_SEGMENTATION"
    FILL_MASK: Final = "FILL_MASK"
    CLASSIFICATION: Final = "CLASSIFICATION"
    REGRESSION: Final = "REGRESSION"
    OTHER: Final = "OTHER"

    VALUES: Final = (
        IMAGE_CLASSIFICATION,
        OBJECT_DETECTION,
        TEXT_GENERATION,
        IMAGE_SEGMENTATION,
        FILL_MASK,
        CLASSIFICATION,
        REGRESSION,
        OTHER,
    )
    """Every documented value, in the documentation's order."""


class Framework:
    """Documented values of ``RecommendationJobContainerConfig.Framework``."""

    TENSORFLOW: Final = "TENSORFLOW"
    PYTORCH: Final = "PYTORCH"
    XGBOOST: Final = "XGBOOST"
    SAGEMAKER_SCIKIT_LEARN: Final = "SAGEMAKER-SCIKIT-LEARN"

    VALUES: Final = (TENSORFLOW, PYTORCH, XGBOOST, SAGEMAKER_SCIKIT_LEARN)
    """Every documented value, in the documentation's order."""
