"""What a simulated AI recommendation job recommends, and how each recommendation reads.

For each instance type considered (the request's ``ComputeSpec.InstanceTypes``, or
:data:`~._llm.DEFAULT_INSTANCE_TYPES`) the model is placed (tensor parallel degree, copies
per instance); a type that cannot hold it is skipped. Each placement is a candidate, and,
when optimisation is allowed (``OptimizeModel``, true by default), so is the same placement
with speculative decoding and kernel tuning. Every candidate is measured at the workload's
highest concurrency by an AI benchmark job of its own; the recommendations are the
candidates whose benchmark completed, best first by the first performance constraint
(``cost``: lowest cost per million output tokens; ``ttft-ms``: lowest time to first token;
``throughput``: most output tokens per second).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from ...models.shapes import CreateAIBenchmarkJobRequest, CreateAIRecommendationJobRequest
from . import _llm
from ._ai_jobs import AIRecommendationJob, Candidate
from ._jobs import digest

__all__ = [
    "PARENT_TAG",
    "benchmark_request",
    "deployment",
    "image_uri",
    "instance_types",
    "order",
    "recommendation",
]

PARENT_TAG = "sagemaker:ai-recommendation-job"
"""The tag a recommendation job's benchmark jobs carry: the recommendation job's name."""

_IMAGES = {
    "LMI": "763104351884.dkr.ecr.{region}.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
    "VLLM": (
        "763104351884.dkr.ecr.{region}.amazonaws.com/"
        "vllm:0.10.2-gpu-py312-cu128-ubuntu22.04-sagemaker"
    ),
}


def benchmark_request(
    job: AIRecommendationJob, workload_arn: str, index: int
) -> CreateAIBenchmarkJobRequest:
    """The request of a recommendation job's ``index``-th benchmark job.

    It is named after the job (its first 40 characters, a hash, the index), targets the
    endpoint the service makes for the candidate, and writes below the job's output.
    """
    name = f"{job.name[:40]}-{digest(job.arn, index)[:8]}-{index}"
    endpoint = f"sm-ai-rec-{digest(job.arn, 'endpoint', index)[:20]}"
    return CreateAIBenchmarkJobRequest.from_dict(
        {
            "AIBenchmarkJobName": name,
            "BenchmarkTarget": {"Endpoint": {"Identifier": endpoint}},
            "OutputConfig": {
                "S3OutputLocation": f"{job.output_location}recommendation-benchmarks/{name}/"
            },
            "AIWorkloadConfigIdentifier": workload_arn,
            "RoleArn": job.request.role_arn,
            "Tags": [{"Key": PARENT_TAG, "Value": job.name}],
        }
    )


def framework_of(request: CreateAIRecommendationJobRequest) -> str:
    """``LMI`` or ``VLLM`` (LMI when the request does not say)."""
    spec = request.inference_specification
    framework = spec.framework if spec is not None else None
    return str(framework) if framework is not None else "LMI"


def image_uri(framework: str, region: str) -> str:
    """The serving container of a framework, in the job's Region."""
    return _IMAGES.get(framework, _IMAGES["LMI"]).format(region=region)


def instance_types(request: CreateAIRecommendationJobRequest) -> tuple[str, ...]:
    """The instance types a job considers."""
    spec = request.compute_spec
    chosen = spec.instance_types if spec is not None else None
    return tuple(str(t) for t in chosen) if chosen else _llm.DEFAULT_INSTANCE_TYPES


def optimize(request: CreateAIRecommendationJobRequest) -> bool:
    """Whether optimisation is allowed ("The default is true")."""
    return request.optimize_model is not False


def order(candidates: Sequence[Candidate], metric: str) -> list[Candidate]:
    """Candidates best first for the performance constraint ``metric``."""

    def key(candidate: Candidate) -> tuple[Any, ...]:
        result = candidate.result
        if metric == "ttft-ms":
            first: float = result.ttft_ms
        elif metric == "throughput":
            first = -result.output_tokens_per_second
        else:
            first = result.cost_per_million_tokens
        return (first, result.cost_per_hour, candidate.instance_type, candidate.optimized)

    return sorted(candidates, key=key)


def _environment(framework: str, candidate: Candidate, traffic: _llm.Traffic) -> dict[str, str]:
    placement = candidate.placement
    per_copy = max(1, -(-max(traffic.concurrency) // placement.copies))
    length = traffic.input_tokens + traffic.output_tokens
    max_len = 1 << max(11, (length * 2 - 1).bit_length())
    if framework == "VLLM":
        env = {
            "SM_VLLM_MODEL": "/opt/ml/model",
            "SM_VLLM_TENSOR_PARALLEL_SIZE": str(placement.tensor_parallel),
            "SM_VLLM_MAX_NUM_SEQS": str(max(8, per_copy * 2)),
            "SM_VLLM_MAX_MODEL_LEN": str(max_len),
        }
        if candidate.optimized:
            env["SM_VLLM_SPECULATIVE_CONFIG"] = '{"method": "eagle3", "num_speculative_tokens": 4}'
        return env
    env = {
        "HF_MODEL_ID": "/opt/ml/model",
        "OPTION_TENSOR_PARALLEL_DEGREE": str(placement.tensor_parallel),
        "OPTION_MAX_ROLLING_BATCH_SIZE": str(max(8, per_copy * 2)),
        "OPTION_MAX_MODEL_LEN": str(max_len),
        "OPTION_ROLLING_BATCH": "vllm",
    }
    if candidate.optimized:
        env["OPTION_SPECULATIVE_DRAFT_MODEL"] = "/opt/ml/additional-model-data-sources/draft"
        env["OPTION_SPECULATIVE_LENGTH"] = "4"
    return env


def deployment(
    request: CreateAIRecommendationJobRequest,
    candidate: Candidate,
    *,
    model: _llm.LLM,
    traffic: _llm.Traffic,
    region: str,
    output: str,
) -> dict[str, Any]:
    """A candidate's ``DeploymentConfiguration``."""
    framework = framework_of(request)
    placement = candidate.placement
    source = request.model_source.s3
    channels = [{"ChannelName": "model", "Uri": source.s3_uri if source else output}]
    if candidate.optimized:
        channels.append(
            {
                "ChannelName": "draft",
                "Uri": f"{output}draft-model/{request.ai_recommendation_job_name}/",
            }
        )
    host_mb = placement.gpus.host_memory_gib * 1024 / placement.copies
    needed_mb = model.weight_bytes / 2**20 * 1.1 + 2048
    return {
        "S3": channels,
        "ImageUri": image_uri(framework, region),
        "InstanceType": candidate.instance_type,
        "InstanceCount": 1,
        "CopyCountPerInstance": placement.copies,
        "EnvironmentVariables": _environment(framework, candidate, traffic),
        "MinCpuMemoryRequiredInMb": int(min(host_mb * 0.9, needed_mb)),
    }


def _performance(result: _llm.ServingResult) -> list[dict[str, str]]:
    return [
        {"Metric": "ttft-ms", "Stat": "p50", "Value": f"{result.ttft_ms:.2f}", "Unit": "ms"},
        {
            "Metric": "throughput",
            "Stat": "average",
            "Value": f"{result.output_tokens_per_second:.1f}",
            "Unit": "tokens/second",
        },
        {
            "Metric": "cost",
            "Stat": "average",
            "Value": f"{result.cost_per_hour:.3f}",
            "Unit": "USD/hour",
        },
        {
            "Metric": "inter-token-latency",
            "Stat": "p50",
            "Value": f"{result.itl_ms:.3f}",
            "Unit": "ms",
        },
        {
            "Metric": "request-latency-ms",
            "Stat": "p50",
            "Value": f"{result.request_latency_ms:.1f}",
            "Unit": "ms",
        },
    ]


def _adapters(request: CreateAIRecommendationJobRequest, arn_prefix: str) -> dict[str, Any] | None:
    source = request.adapter_source
    if source is None:
        return None
    s3 = [entry.to_dict() for entry in source.s3_uris or ()]
    packages = [entry.to_dict() for entry in source.model_package_arns or ()]
    # "When you supply only Amazon S3 URIs, Amazon SageMaker AI creates model packages on
    # your behalf" (and the other way round, the packages' artifacts are in S3).
    if not packages:
        packages = [
            {"AdapterId": e["AdapterId"], "ModelPackageArn": f"{arn_prefix}/{e['AdapterId']}/1"}
            for e in s3
        ]
    if not s3:
        s3 = [
            {"AdapterId": e["AdapterId"], "S3Uri": f"s3://{_digest(e['ModelPackageArn'])}/adapter/"}
            for e in packages
        ]
    return {"ModelPackageArns": packages, "S3Uris": s3}


def _digest(text: str) -> str:
    return "sagemaker-adapters-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def recommendation(
    request: CreateAIRecommendationJobRequest,
    candidate: Candidate,
    *,
    rank: int,
    model: _llm.LLM,
    traffic: _llm.Traffic,
    region: str,
    account: str,
    partition: str,
    output: str,
) -> dict[str, Any]:
    """One ``Recommendations`` entry."""
    placement = candidate.placement
    optimizations = []
    if candidate.optimized:
        optimizations = [
            {
                "OptimizationType": "SpeculativeDecoding",
                "OptimizationConfig": {"Method": "eagle3", "NumSpeculativeTokens": "4"},
            },
            {"OptimizationType": "KernelTuning", "OptimizationConfig": {"Backend": "flashinfer"}},
        ]
    details: dict[str, Any] = {
        "InstanceDetails": [
            {
                "InstanceType": candidate.instance_type,
                "InstanceCount": 1,
                "CopyCountPerInstance": placement.copies,
            }
        ]
    }
    prefix = f"arn:{partition}:sagemaker:{region}:{account}:model-package"
    group = request.output_config.model_package_group_identifier
    if group is not None:
        group_name = group.rsplit("/", 1)[-1]
        details["ModelPackageArn"] = f"{prefix}/{group_name}/{rank}"
    copies = "copy" if placement.copies == 1 else "copies"
    what = "with speculative decoding and kernel tuning" if candidate.optimized else "as is"
    out: dict[str, Any] = {
        "RecommendationDescription": (
            f"{candidate.instance_type}, {placement.copies} {copies} per instance at tensor "
            f"parallel degree {placement.tensor_parallel}, the model {what}"
        ),
        "ModelDetails": details,
        "DeploymentConfiguration": deployment(
            request, candidate, model=model, traffic=traffic, region=region, output=output
        ),
        "AIBenchmarkJobArn": candidate.benchmark.arn,
        "ExpectedPerformance": _performance(candidate.result),
    }
    if optimizations:
        out["OptimizationDetails"] = optimizations
    adapters = _adapters(request, f"{prefix}/{request.ai_recommendation_job_name}-adapters")
    if adapters is not None:
        out["AdapterDetails"] = adapters
    return out
