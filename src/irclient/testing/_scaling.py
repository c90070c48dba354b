"""The simulator's autoscaling advice: derived from one recommendation's own benchmark.

Not AWS's algorithm (which is not published); a small, deterministic model whose answers
move the way they should when the inputs do.

Invocations per instance
    The benchmark sustained ``MaxInvocations`` requests per minute on ``InitialInstanceCount``
    instances at ``CpuUtilization`` percent. Scaling at ``TargetCpuUtilizationPerCore``
    percent (50 when unset) means each instance should take
    ``MaxInvocations / count x target / CpuUtilization`` requests per minute, capped at 90 %
    of what it sustained (an accelerated instance's CPU is not what limits it). At least 1.

Capacity
    With a ``ScalingPolicyObjective``: ``MinCapacity`` = ceil(MinInvocationsPerMinute / per
    instance), at least 1; ``MaxCapacity`` = ceil(MaxInvocationsPerMinute / per instance), at
    least ``MinCapacity``. Without one: the recommendation's instance count, and four times
    that.

Policy
    One target-tracking policy on the predefined ``SageMakerVariantInvocationsPerInstance``
    metric, whose target is the invocations per instance; scale-in and scale-out cooldowns of
    300 seconds (Application Auto Scaling's default for SageMaker variants).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

__all__ = ["DEFAULT_TARGET_CPU", "scaling_recommendation"]

DEFAULT_TARGET_CPU: Final = 50
"""The target CPU use per core when the request sets none (AWS's documented default)."""
_HEADROOM: Final = 0.9
_COOLDOWN_SECONDS: Final = 300
_MAX_PER_MIN: Final = 4
_METRIC: Final = "SageMakerVariantInvocationsPerInstance"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return None if math.isnan(value) else float(value)


def scaling_recommendation(
    recommendation: Mapping[str, Any],
    *,
    target_cpu: int | None,
    objective: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The ``Metric`` and ``DynamicScalingConfiguration`` of one recommendation (wire form).

    Args:
        recommendation: An ``InferenceRecommendation`` in wire form, instance-based.
        target_cpu: ``TargetCpuUtilizationPerCore``, or None for the default.
        objective: ``ScalingPolicyObjective`` in wire form, or None.
    """
    metrics = recommendation["Metrics"]
    endpoint = recommendation["EndpointConfiguration"]
    count = max(1, int(endpoint.get("InitialInstanceCount") or 1))
    sustained = (_number(metrics.get("MaxInvocations")) or 1.0) / count
    target = DEFAULT_TARGET_CPU if target_cpu is None else target_cpu
    cpu = _number(metrics.get("CpuUtilization"))
    share = target / cpu if cpu else target / 100
    per_instance = max(1, math.floor(sustained * min(share, _HEADROOM)))
    if objective:
        low = int(objective.get("MinInvocationsPerMinute") or 0)
        high = int(objective.get("MaxInvocationsPerMinute") or low)
        min_capacity = max(1, math.ceil(low / per_instance))
        max_capacity = max(min_capacity, math.ceil(high / per_instance))
    else:
        min_capacity = count
        max_capacity = count * _MAX_PER_MIN
    latency = _number(metrics.get("ModelLatency"))
    return {
        "Metric": {
            "InvocationsPerInstance": per_instance,
            "ModelLatency": int(latency) if latency is not None else 0,
        },
        "DynamicScalingConfiguration": {
            "MinCapacity": min_capacity,
            "MaxCapacity": max_capacity,
            "ScaleInCooldown": _COOLDOWN_SECONDS,
            "ScaleOutCooldown": _COOLDOWN_SECONDS,
            "ScalingPolicies": [
                {
                    "TargetTracking": {
                        "MetricSpecification": {"Predefined": {"PredefinedMetricType": _METRIC}},
                        "TargetValue": float(per_instance),
                    }
                }
            ],
        },
    }
