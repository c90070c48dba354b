"""The simulator's model of LLM serving: small, documented, deterministic.

It is not a benchmark: it makes numbers that behave as a real run's do (a bigger model is
slower, more memory bandwidth decodes faster, concurrency trades latency for throughput, a
model that does not fit a GPU needs tensor parallelism or a bigger instance), so that code
sizing an LLM can be tested offline and a notebook's conclusions look like a real run's.
docs/testing.md describes it for users.

Model
    Parameters ``P`` come from a tag (:data:`MODEL_PARAMETERS_TAG`: ``8B``, ``70b``,
    ``1.5e9``), else from a Hugging Face ``config.json`` beside the weights (layers, hidden
    size, MLP size, vocabulary, key-value heads), else from the bytes of the weights
    (``*.safetensors``, 2 bytes per parameter in bf16). Weights take ``2P`` bytes; the
    key-value cache takes ``4 L d_kv`` bytes per token (``L`` layers, ``d_kv`` the key-value
    width; estimated as ``L = 32 (P / 8e9)^0.4`` and ``d_kv = 1024`` without a config).

Instances
    Each of the generative-AI instance types has its GPUs (count, memory, memory bandwidth,
    dense bf16 TFLOPS) and an approximate us-east-1 on-demand price per hour.

Placement
    The tensor-parallel degree ``TP`` is the smallest power of two (up to the GPU count)
    whose GPUs hold the weights in 75 % of their memory; the other GPUs run more copies
    (``CopyCountPerInstance = GPUs // TP``). An instance that cannot hold the model is
    skipped by a recommendation job and fails a benchmark job.

Latency and throughput (per copy, ``c`` concurrent requests, ``I`` input and ``O`` output
tokens)
    * prefill: ``2 P I / (TP x TFLOPS x 0.45)``; TTFT = 12 ms + prefill x (1 + 0.35 (c - 1));
    * decode step (inter-token latency): (weights / TP + KV read at ``c`` x (I + O/2) tokens)
      / (TP x bandwidth x 0.65) + 0.6 ms per extra GPU of TP; the KV cache caps ``c`` (more
      requests queue, which adds to TTFT);
    * request latency = TTFT + (O - 1) x inter-token latency; output tokens per second =
      copies x c x O / request latency.
    Speculative decoding (an optimisation) cuts the inter-token latency by 40 % at
    concurrency 1, fading to 10 % at 32; kernel tuning takes 8 % off both prefill and decode.

Cost
    The instance's price per hour; per million output tokens = price / (tokens per second x
    3600) x 10^6.

Determinism
    Each result gets a fixed +/-3 % jitter from a SHA-256 hash of what was measured (model,
    instance, level), never from a random generator or the clock.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "DEFAULT_INSTANCE_TYPES",
    "MODEL_PARAMETERS_TAG",
    "GPUs",
    "LLM",
    "Placement",
    "ServingResult",
    "Traffic",
    "gpus_of",
    "llm_from_config",
    "llm_of_size",
    "parse_parameters",
    "place",
    "serve",
]

MODEL_PARAMETERS_TAG = "irclient:simulate:model-parameters"
"""Tag an AI recommendation or benchmark job with this key to give the model's size in
parameters (``8B``, ``70B``, ``1.5e9``) instead of reading it from S3."""


@attrs.frozen
class GPUs:
    """What the model knows of an instance type's accelerators."""

    count: int
    memory_gib: float
    """Memory per GPU."""
    bandwidth_gbs: float
    """Memory bandwidth per GPU, GB/s."""
    tflops: float
    """Dense bf16 TFLOPS per GPU."""
    price: float
    """On-demand USD per hour for the instance, approximately us-east-1."""
    vcpus: int
    host_memory_gib: float


# family -> (GPU memory GiB, bandwidth GB/s, TFLOPS, USD/h per GPU, USD/h per vCPU, GiB/vCPU)
_FAMILIES: dict[str, tuple[float, float, float, float, float, float]] = {
    "g5": (24, 600, 125, 1.20, 0.053, 4),
    "g6": (24, 300, 121, 0.80, 0.050, 4),
    "g6e": (48, 864, 362, 1.86, 0.095, 8),
    "g7": (48, 960, 380, 2.10, 0.100, 8),
    "g7e": (96, 1600, 500, 3.20, 0.110, 8),
    "p3": (16, 900, 125, 3.06, 0.0, 7.6),
    "p4d": (40, 1555, 312, 4.10, 0.0, 12),
    "p4de": (80, 2039, 312, 5.12, 0.0, 12),
    "p5": (80, 3350, 990, 9.00, 0.0, 10.7),
    "p5e": (141, 4800, 990, 10.50, 0.0, 10.7),
    "p5en": (141, 4800, 990, 11.00, 0.0, 10.7),
    "p6-b200": (180, 8000, 2250, 14.00, 0.0, 10.7),
}
# (family, size) -> GPU count, where the size alone does not say it.
_MULTI_GPU = {"12xlarge": 4, "24xlarge": 4, "48xlarge": 8}
_OWN_COUNTS = {
    ("g7", "12xlarge"): 2,
    ("g7e", "12xlarge"): 2,
    ("p3", "8xlarge"): 4,
    ("p3", "16xlarge"): 8,
    ("p4d", "24xlarge"): 8,
    ("p4de", "24xlarge"): 8,
}
_SIZE = re.compile(r"([0-9]*)xlarge")

DEFAULT_INSTANCE_TYPES = ("ml.g5.12xlarge", "ml.g6e.2xlarge", "ml.g6e.12xlarge", "ml.p4d.24xlarge")
"""What a recommendation job considers when the request names no instance types."""


def gpus_of(instance_type: str) -> GPUs | None:
    """The accelerators of a generative-AI instance type; None for a type the table lacks."""
    parts = instance_type.split(".")
    if len(parts) != 3 or parts[1] not in _FAMILIES:
        return None
    family, size = parts[1], parts[2]
    match = _SIZE.fullmatch(size)
    if match is None:
        return None
    vcpus = 4 * int(match.group(1) or 1)
    memory, bandwidth, tflops, per_gpu, per_vcpu, host = _FAMILIES[family]
    count = _OWN_COUNTS.get((family, size)) or _MULTI_GPU.get(size, 1)
    if family.startswith("p") and family != "p3" and size != "4xlarge":
        count = 8
    price = round(count * per_gpu + vcpus * per_vcpu, 3)
    return GPUs(count, memory, bandwidth, tflops, price, vcpus, vcpus * host)


# --------------------------------------------------------------------------- the model


@attrs.frozen
class LLM:
    """The served model, as far as the serving model cares."""

    parameters: float
    layers: int
    kv_width: int
    """Key-value heads x head size: the width of one layer's keys (and of its values)."""

    @property
    def weight_bytes(self) -> float:
        """The weights in bf16."""
        return 2.0 * self.parameters

    @property
    def kv_bytes_per_token(self) -> float:
        """Keys and values of every layer, bf16."""
        return 4.0 * self.layers * self.kv_width

    @property
    def label(self) -> str:
        """``8.0B``."""
        return f"{self.parameters / 1e9:.1f}B"


_PARAMETERS = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?(?:[eE][0-9]+)?)\s*([bBmM]?)\s*")


def parse_parameters(text: str) -> float | None:
    """``8B`` -> 8e9, ``350m`` -> 3.5e8, ``1.5e9`` -> 1.5e9; None if it is not a size."""
    match = _PARAMETERS.fullmatch(text)
    if match is None:
        return None
    scale = {"b": 1e9, "m": 1e6, "": 1.0}[match.group(2).lower()]
    value = float(match.group(1)) * scale
    return value if value >= 1e6 else None


def llm_of_size(parameters: float) -> LLM:
    """An LLM of ``parameters`` with the usual shape of its size."""
    layers = max(8, round(32 * (parameters / 8e9) ** 0.4))
    return LLM(parameters=parameters, layers=layers, kv_width=1024)


def llm_from_config(config: Mapping[str, Any]) -> LLM | None:
    """An LLM from a Hugging Face ``config.json``; None if it lacks what is needed."""

    def number(*keys: str) -> int | None:
        for key in keys:
            value = config.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
        return None

    layers = number("num_hidden_layers", "n_layer", "num_layers")
    hidden = number("hidden_size", "n_embd", "d_model")
    vocab = number("vocab_size")
    if layers is None or hidden is None or vocab is None:
        return None
    heads = number("num_attention_heads", "n_head") or max(1, hidden // 128)
    kv_heads = number("num_key_value_heads") or heads
    head_dim = number("head_dim") or hidden // heads
    mlp = number("intermediate_size", "n_inner") or 4 * hidden
    kv_width = kv_heads * head_dim
    attention = 2 * hidden * hidden + 2 * hidden * kv_width
    per_layer = attention + 3 * hidden * mlp
    tied = config.get("tie_word_embeddings") is True
    parameters = layers * per_layer + (1 if tied else 2) * vocab * hidden
    return LLM(parameters=float(parameters), layers=layers, kv_width=kv_width)


# --------------------------------------------------------------------------- serving


@attrs.frozen
class Traffic:
    """The benchmark traffic of a workload configuration, as the model uses it."""

    input_tokens: int = 550
    output_tokens: int = 150
    concurrency: tuple[int, ...] = (1,)
    """One level, or several for a sweep."""
    request_count: int | None = None
    streaming: bool = True


@attrs.frozen
class Placement:
    """How a model sits on an instance."""

    instance_type: str
    gpus: GPUs
    tensor_parallel: int
    copies: int
    kv_tokens: float
    """Tokens of key-value cache each copy holds."""


def place(model: LLM, instance_type: str) -> Placement | None:
    """The smallest tensor-parallel degree that holds the model; None if nothing does."""
    gpus = gpus_of(instance_type)
    if gpus is None:
        return None
    degree = 1
    while degree <= gpus.count:
        capacity = degree * gpus.memory_gib * 2**30
        if model.weight_bytes <= 0.75 * capacity:
            free = 0.9 * capacity - model.weight_bytes
            return Placement(
                instance_type=instance_type,
                gpus=gpus,
                tensor_parallel=degree,
                copies=gpus.count // degree,
                kv_tokens=free / model.kv_bytes_per_token,
            )
        degree *= 2
    return None


@attrs.frozen
class ServingResult:
    """One level of traffic on one placement: medians, throughput and cost."""

    concurrency: int
    ttft_ms: float
    itl_ms: float
    request_latency_ms: float
    output_tokens_per_second: float
    requests_per_second: float
    cost_per_hour: float
    cost_per_million_tokens: float


def _jitter(*parts: object) -> float:
    value = int(hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:8], 16)
    return 1.0 + 0.06 * (value / 0xFFFFFFFF - 0.5)


def serve(
    model: LLM,
    placement: Placement,
    traffic: Traffic,
    concurrency: int,
    *,
    speculative: bool = False,
    tuned: bool = False,
) -> ServingResult:
    """What ``concurrency`` concurrent requests of ``traffic`` measure on ``placement``."""
    gpus, degree = placement.gpus, placement.tensor_parallel
    # Requests spread over the copies; a copy with nothing to do adds no throughput.
    active = max(1, min(placement.copies, concurrency))
    per_copy = max(1.0, concurrency / active)
    context = traffic.input_tokens + traffic.output_tokens
    fits = max(1.0, placement.kv_tokens / context)
    running = min(per_copy, fits)
    queued = per_copy / running  # > 1 when the KV cache holds fewer requests than arrive
    tuning = 0.92 if tuned else 1.0
    prefill = 2 * model.parameters * traffic.input_tokens / (degree * gpus.tflops * 1e12 * 0.45)
    prefill_ms = prefill * 1000 * tuning
    kv_read = running * (traffic.input_tokens + traffic.output_tokens / 2)
    step_bytes = model.weight_bytes / degree + kv_read * model.kv_bytes_per_token / degree
    itl_ms = step_bytes / (gpus.bandwidth_gbs * 1e9 * 0.65) * 1000 * tuning
    itl_ms += 0.6 * (degree - 1)
    if speculative:
        gain = 0.4 - 0.3 * min(1.0, math.log2(running) / 5)
        itl_ms *= 1 - gain
    noise = _jitter(model.parameters, placement.instance_type, concurrency, speculative, tuned)
    ttft_ms = (12 + prefill_ms * (1 + 0.35 * (running - 1))) * queued * noise
    itl_ms *= noise
    latency_ms = ttft_ms + (traffic.output_tokens - 1) * itl_ms
    requests = active * running / (latency_ms / 1000)
    tokens = requests * traffic.output_tokens
    return ServingResult(
        concurrency=concurrency,
        ttft_ms=round(ttft_ms, 2),
        itl_ms=round(itl_ms, 3),
        request_latency_ms=round(latency_ms, 1),
        output_tokens_per_second=round(tokens, 1),
        requests_per_second=round(requests, 3),
        cost_per_hour=gpus.price,
        cost_per_million_tokens=round(gpus.price / (tokens * 3600) * 1e6, 4),
    )
