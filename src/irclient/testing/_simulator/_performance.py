"""The simulator's performance and cost model: small, documented, deterministic.

It is not a price list or a benchmark; it makes numbers that rank instance types the way a
real Inference Recommender job tends to, so that code choosing between them can be tested.

Instances (``ml.<family>.<size>``)
    The size gives vCPUs (``large`` 2, ``xlarge`` 4, ``Nxlarge`` 4N, ``medium`` 2) and
    *units* = vCPUs / 4. Each family has an approximate us-east-1 on-demand price per unit
    (``ml.m5.xlarge`` $0.230/h, ``ml.g4dn.xlarge`` $0.736/h, ...), a speed, memory per vCPU
    and, for GPU and Inferentia/Trainium families, vCPUs per accelerator. Cost per hour is
    price per unit x units. Families not in the table fall back on their first letter
    (``g``/``p``: GPU; ``inf``/``trn``: accelerator; anything else: general-purpose CPU).

Workload
    From the container config: ``Domain`` (``COMPUTER_VISION``, ``NATURAL_LANGUAGE_PROCESSING``,
    ``MACHINE_LEARNING``), else ``Task``, else ``Framework`` (XGBoost and scikit-learn are
    tabular). Each workload has a base latency on one reference core (vision 180 ms, NLP
    250 ms, tabular 6 ms, anything else 60 ms) and a memory footprint.

Latency and throughput
    CPU: latency = base / family speed / (1 + 0.1 log2 units); workers = vCPUs.
    GPU and accelerators run vision and NLP at their (much higher) accelerator speed with 8
    batched requests per accelerator; for tabular models they are only CPUs (speed 0.9).
    Serverless: speed 0.5 + 0.1 per GB of memory, workers = MaxConcurrency, plus a cold
    start reported as ModelSetupTime (milliseconds: 8 s + 4 s per GiB of model footprint).
    MaxInvocations (per minute) = 60000 / latency x workers x 0.55, capped by the stopping
    conditions' MaxInvocations.

Cost per inference
    CostPerHour / (MaxInvocations x 60): the cost of one request at full load, consistent
    with the two numbers above. Serverless cost per hour is $0.072 per GB per concurrent
    slot (AWS's $0.00002 per GB-second, fully busy).

Utilisation
    CPU-bound benchmarks report 70-90 % CPU, accelerated ones 15-30 %; memory is the
    workload's footprint over the instance memory, capped at 95 %.

Determinism
    Every benchmark gets a fixed +/-5 % jitter, and every environment parameter value a fixed
    +/-15 % effect on throughput, both from SHA-256 hashes of what is benchmarked (model,
    instance or serverless config, parameters), never from a random generator or the clock.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

__all__ = ["Family", "Workload", "benchmark_metrics", "default_instance_types", "workload_of"]


@attrs.frozen
class Family:
    """What the model knows of an instance family."""

    price: float
    """On-demand USD per hour per unit (4 vCPUs), approximately us-east-1."""
    speed: float
    """Per-request speed: per core for CPUs, per accelerator for vision and NLP on GPUs."""
    memory_per_vcpu: float
    """GiB of memory per vCPU."""
    vcpus_per_accelerator: int = 0
    """0 for CPU families; otherwise how many vCPUs come with each accelerator."""


_CPU = {
    "t2": Family(0.223, 0.7, 4),
    "m4": Family(0.24, 0.85, 4),
    "m5": Family(0.23, 1.0, 4),
    "m5d": Family(0.27, 1.0, 4),
    "m6g": Family(0.184, 1.0, 4),
    "m6gd": Family(0.217, 1.0, 4),
    "m6i": Family(0.23, 1.1, 4),
    "m7i": Family(0.242, 1.2, 4),
    "m8g": Family(0.215, 1.3, 4),
    "c4": Family(0.239, 0.9, 1.875),
    "c5": Family(0.204, 1.1, 2),
    "c5d": Family(0.23, 1.1, 2),
    "c6g": Family(0.163, 1.1, 2),
    "c6gd": Family(0.185, 1.1, 2),
    "c6gn": Family(0.2, 1.1, 2),
    "c6i": Family(0.204, 1.2, 2),
    "c6in": Family(0.227, 1.2, 2),
    "c7g": Family(0.174, 1.3, 2),
    "c7i": Family(0.214, 1.3, 2),
    "c8g": Family(0.19, 1.45, 2),
    "r5": Family(0.302, 1.0, 8),
    "r5d": Family(0.346, 1.0, 8),
    "r6g": Family(0.242, 1.0, 8),
    "r6gd": Family(0.277, 1.0, 8),
    "r6i": Family(0.302, 1.1, 8),
    "r7gd": Family(0.326, 1.15, 8),
    "r7i": Family(0.317, 1.2, 8),
    "r8g": Family(0.283, 1.3, 8),
}
_ACCELERATED = {
    "g4dn": Family(0.736, 6.0, 4, 12),
    "g5": Family(1.408, 9.0, 4, 24),
    "g6": Family(1.006, 9.5, 4, 24),
    "g6e": Family(2.24, 14.0, 8, 24),
    "g7": Family(2.6, 18.0, 8, 24),
    "g7e": Family(3.2, 22.0, 8, 24),
    "p2": Family(1.125, 4.0, 15.25, 4),
    "p3": Family(1.9125, 12.0, 7.6, 8),
    "p4d": Family(1.5703, 25.0, 12, 12),
    "p4de": Family(1.963, 27.0, 12, 12),
    "p5": Family(2.356, 45.0, 10.7, 24),
    "p5e": Family(2.6, 48.0, 10.7, 24),
    "p5en": Family(2.7, 50.0, 10.7, 24),
    "p6-b200": Family(3.4, 70.0, 10.7, 24),
    "p6-b300": Family(3.8, 80.0, 10.7, 24),
    "p6e-gb200": Family(4.0, 85.0, 10.7, 24),
    "dl1": Family(1.364, 10.0, 8, 12),
    "inf1": Family(0.297, 5.0, 2, 4),
    "inf2": Family(0.99, 8.0, 4, 8),
    "trn1": Family(0.67, 11.0, 4, 4),
    "trn1n": Family(0.76, 11.0, 4, 4),
    "trn2": Family(1.2, 16.0, 4, 4),
}
_FALLBACK_CPU = Family(0.23, 1.0, 4)
_FALLBACK_GPU = Family(1.2, 8.0, 4, 24)
_FALLBACK_ACCELERATOR = Family(0.8, 8.0, 4, 8)

_SIZE = re.compile(r"(?P<n>[0-9]*)xlarge")


def family_of(name: str) -> Family:
    """The table entry for an instance family, or the fallback for its kind."""
    if name in _CPU:
        return _CPU[name]
    if name in _ACCELERATED:
        return _ACCELERATED[name]
    if name.startswith(("inf", "trn")):
        return _FALLBACK_ACCELERATOR
    if name.startswith(("g", "p")):
        return _FALLBACK_GPU
    return _FALLBACK_CPU


def vcpus_of(size: str) -> int:
    """The vCPUs of an instance size (``large`` 2, ``xlarge`` 4, ``12xlarge`` 48)."""
    if size in ("medium", "large"):
        return 2
    match = _SIZE.fullmatch(size)
    if match is None:
        return 4  # unknown sizes (``metal``, new names) count as one unit
    return 4 * int(match["n"] or 1)


def split_instance_type(instance_type: str) -> tuple[str, str]:
    """``ml.g4dn.xlarge`` -> (``g4dn``, ``xlarge``)."""
    parts = instance_type.split(".")
    if len(parts) == 3:
        return parts[1], parts[2]
    return instance_type, "xlarge"


# --------------------------------------------------------------------------- workloads


@attrs.frozen
class Workload:
    """What is being served, as far as the model cares."""

    name: str
    """``vision``, ``nlp``, ``tabular`` or ``generic``."""
    base_latency_ms: float
    """Latency of one request on one reference core."""
    memory_gib: float
    """Memory the model and its server need."""
    accelerated: float
    """Fraction of an accelerator's speed the workload can use (1 for vision and NLP)."""


_WORKLOADS = {
    "vision": Workload("vision", 180.0, 2.5, 1.0),
    "nlp": Workload("nlp", 250.0, 4.0, 1.0),
    "tabular": Workload("tabular", 6.0, 0.5, 0.0),
    "generic": Workload("generic", 60.0, 1.5, 0.5),
}
_VISION_TASKS = ("IMAGE", "OBJECT_DETECTION", "SEGMENTATION")
_NLP_TASKS = ("FILL_MASK", "TEXT", "QUESTION", "TOKEN", "TRANSLATION", "SUMMAR", "SENTIMENT")
_TABULAR_FRAMEWORKS = ("XGBOOST", "SKLEARN", "SCIKIT", "LIGHTGBM", "CATBOOST")


def workload_of(container_config: Mapping[str, Any] | None) -> Workload:
    """The workload a job's ``ContainerConfig`` (wire form) describes."""
    config = container_config or {}
    domain = str(config.get("Domain", "")).upper()
    task = str(config.get("Task", "")).upper()
    framework = str(config.get("Framework", "")).upper()
    if "VISION" in domain or any(t in task for t in _VISION_TASKS):
        return _WORKLOADS["vision"]
    if "LANGUAGE" in domain or "NLP" in domain or any(t in task for t in _NLP_TASKS):
        return _WORKLOADS["nlp"]
    if domain == "MACHINE_LEARNING" or any(f in framework for f in _TABULAR_FRAMEWORKS):
        return _WORKLOADS["tabular"]
    return _WORKLOADS["generic"]


_DEFAULT_TYPES = {
    "vision": (
        "ml.g4dn.xlarge",
        "ml.g5.xlarge",
        "ml.g6.xlarge",
        "ml.inf2.xlarge",
        "ml.c6i.2xlarge",
        "ml.c7g.2xlarge",
        "ml.m5.2xlarge",
        "ml.c5.xlarge",
    ),
    "nlp": (
        "ml.g4dn.xlarge",
        "ml.g5.xlarge",
        "ml.g5.2xlarge",
        "ml.g6.xlarge",
        "ml.inf2.xlarge",
        "ml.c6i.4xlarge",
        "ml.m5.4xlarge",
        "ml.r5.2xlarge",
    ),
    "tabular": (
        "ml.c5.large",
        "ml.c5.xlarge",
        "ml.c6i.large",
        "ml.c6i.xlarge",
        "ml.c7g.large",
        "ml.m5.large",
        "ml.m5.xlarge",
        "ml.r5.large",
    ),
    "generic": (
        "ml.c5.xlarge",
        "ml.c6i.xlarge",
        "ml.c7g.xlarge",
        "ml.m5.xlarge",
        "ml.m6i.xlarge",
        "ml.r5.xlarge",
        "ml.g4dn.xlarge",
        "ml.g5.xlarge",
    ),
}

SERVERLESS_MEMORY_SIZES = (2048, 4096, 6144)
"""Memory sizes a Default job benchmarks when the container says ``Serverless``."""


def default_instance_types(workload: Workload) -> tuple[str, ...]:
    """The instance types a Default job benchmarks when the container names none."""
    return _DEFAULT_TYPES[workload.name]


# --------------------------------------------------------------------------- metrics


def _unit_hash(*parts: object) -> float:
    """A fixed number in [0, 1) for ``parts``: the model's only source of variation."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _three_significant(value: float) -> float:
    return float(f"{value:.3g}")


def benchmark_metrics(
    *,
    model_key: str,
    workload: Workload,
    instance_type: str | None = None,
    instance_count: int = 1,
    serverless: Mapping[str, Any] | None = None,
    environment: Sequence[tuple[str, str]] = (),
    max_invocations_cap: int | None = None,
) -> dict[str, Any]:
    """The ``RecommendationMetrics`` (wire form) of one benchmark.

    Args:
        model_key: Identifies the model (name or package ARN); part of every hash.
        workload: What the model serves, from :func:`workload_of`.
        instance_type: The instance benchmarked; exclusive with ``serverless``.
        instance_count: Instances behind the endpoint (costs and throughput scale with it).
        serverless: A ``ProductionVariantServerlessConfig`` in wire form.
        environment: The benchmark's environment parameters as (key, value) pairs.
        max_invocations_cap: The stopping conditions' ``MaxInvocations``, if any.
    """
    target = instance_type or f"serverless-{dict(serverless or {})}"
    jitter = 0.95 + 0.1 * _unit_hash(model_key, target, *environment)
    tuning = 1.0
    for key, value in environment:
        tuning *= 0.85 + 0.3 * _unit_hash(model_key, key, value)

    metrics: dict[str, Any] = {}
    if serverless is not None:
        memory_gb = serverless["MemorySizeInMB"] / 1024
        speed = 0.5 + 0.1 * memory_gb
        workers = float(serverless["MaxConcurrency"])
        cost_per_hour = 0.072 * memory_gb * workers
        latency = workload.base_latency_ms / speed * jitter
        cpu = 60.0 + 25.0 * _unit_hash("cpu", model_key, target)
        memory = min(98.0, 100.0 * workload.memory_gib / memory_gb)
        # Container start plus model download, in milliseconds: the unit irclient reads
        # ModelSetupTime in, as it reads ModelLatency (the API reference states none).
        metrics["ModelSetupTime"] = round((8000.0 + 4000.0 * workload.memory_gib) * jitter)
    else:
        assert instance_type is not None
        family_name, size = split_instance_type(instance_type)
        family = family_of(family_name)
        vcpus = vcpus_of(size)
        units = vcpus / 4
        cost_per_hour = family.price * units * instance_count
        accelerators = (
            max(1, vcpus // family.vcpus_per_accelerator) if family.vcpus_per_accelerator else 0
        )
        if accelerators and workload.accelerated > 0:
            speed = family.speed * workload.accelerated + (1 - workload.accelerated)
            workers = accelerators * 8.0
            cpu = 15.0 + 15.0 * _unit_hash("cpu", model_key, target)
        else:
            speed = (0.9 if accelerators else family.speed) * (1 + 0.1 * math.log2(units))
            workers = float(vcpus)
            cpu = 70.0 + 20.0 * _unit_hash("cpu", model_key, target)
        latency = workload.base_latency_ms / speed * jitter
        workers *= instance_count
        memory = min(95.0, 100.0 * (workload.memory_gib + 0.5) / (family.memory_per_vcpu * vcpus))

    invocations = max(1, math.floor(60_000 / latency * workers * 0.55 * tuning))
    if max_invocations_cap is not None:
        invocations = min(invocations, max_invocations_cap)
    metrics.update(
        CostPerHour=round(cost_per_hour, 4),
        CostPerInference=_three_significant(cost_per_hour / (invocations * 60)),
        MaxInvocations=invocations,
        ModelLatency=max(1, round(latency)),
        CpuUtilization=round(cpu, 2),
        MemoryUtilization=round(memory, 2),
    )
    return metrics
