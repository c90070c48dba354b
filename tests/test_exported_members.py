"""Every public surface, pinned by equality: a name added or lost is a deliberate change here.

As httpx's ``tests/test_exported_members.py`` does, each package's ``__all__`` is compared with
the whole list, not a subset, and every exported name must resolve and carry a docstring.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import irclient

SURFACES: dict[str, list[str]] = {
    "irclient.validation": ["advise", "check", "validate"],
    "irclient.deploy": [
        "ComponentDeployment",
        "DEFAULT_VARIANT_NAME",
        "Deployment",
        "PlannedRequest",
        "ScalingDeployment",
        "apply_scaling_recommendation",
        "deploy_ai_recommendation",
        "deploy_recommendation",
        "derived_names",
        "resolve_recommendation",
    ],
    "irclient.diagnosis": [
        "AIDiagnosis",
        "DEFAULT_LINES_PER_STREAM",
        "Diagnosis",
        "FailedBenchmark",
        "FailedStep",
        "Hint",
        "StreamTail",
        "Unreadable",
        "diagnose",
        "diagnose_ai_job",
        "log_streams_of",
    ],
    "irclient.analysis": [
        "AIRecommendationRow",
        "AIRecommendations",
        "BENCHMARK_COLUMNS",
        "Benchmark",
        "BenchmarkSource",
        "Benchmarks",
        "HOURS_PER_MONTH",
        "IMPORTANCE_LEVELS",
        "JOB_COLUMNS",
        "MAX_LABELS",
        "PerformanceValue",
        "RANKABLE_METRICS",
        "Weights",
        "best",
        "pareto_front",
        "plot_tradeoff",
        "rank",
        "rank_weighted",
        "to_dataframe",
    ],
    "irclient.benchmarks": [
        "BenchmarkResults",
        "LevelResult",
        "Limits",
        "MetricStats",
        "SearchHistory",
        "SearchIteration",
        "compare",
        "get_ai_benchmark_results",
        "plot_latency_throughput",
        "read_archive",
    ],
    "irclient.workloads": [
        "AIPERF_VERSION",
        "SCHEMA_FILE",
        "SEARCH_RECIPE",
        "DatasetChannel",
        "SlaSearch",
        "TokenDistribution",
        "Workload",
        "inline_violations",
        "schema",
    ],
    "irclient.display": [
        "MAX_ROWS",
        "benchmarks_html",
        "no_recommendations",
        "render_html",
        "summary",
    ],
    "irclient.errors": [
        "BenchmarkOutputError",
        "BotocoreTooOldError",
        "ConfigurationError",
        "ConnectionFailedError",
        "DeploymentConflictError",
        "DeploymentError",
        "DeploymentInterrupted",
        "IRClientError",
        "IncompleteDeploymentError",
        "InvalidResponseError",
        "JobDeletedError",
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
        "ValidationWarning",
        "Violation",
        "WaitTimeoutError",
        "from_botocore_error",
    ],
    "irclient.retry": [
        "DEFAULT_INITIAL_DELAY",
        "DEFAULT_MAX_ATTEMPTS",
        "DEFAULT_MAX_DELAY",
        "RetryPolicy",
        "is_retryable",
    ],
    "irclient.rules": ["BURSTABLE", "Finding", "RULES", "Rule", "is_burstable", "rules_for"],
    "irclient.joblogs": [
        "ENDPOINT_LOG_GROUP_PREFIX",
        "JOB_LOG_GROUP",
        "JobLogReader",
        "LogEvent",
        "StreamsReader",
        "endpoint_log_group",
    ],
    "irclient.client": ["InferenceRecommenderClient"],
    "irclient.serde": ["parse_request", "parse_response", "structure", "to_wire"],
    "irclient.documented": ["Domain", "Framework", "Task"],
    "irclient.testing": [
        "AI_BENCHMARK_MODEL_NAME",
        "AI_RECOMMENDATION_MODEL_NAME",
        "COMPILE_TAG",
        "COMPONENT_MODEL_NAME",
        "FAIL_JOB_TAG",
        "FAIL_STEP_TAG",
        "FakeWire",
        "InferenceRecommenderMock",
        "MODEL_NAME",
        "MODEL_PARAMETERS_TAG",
        "install",
        "installed",
        "mock_inference_recommender",
        "uninstall",
    ],
    "irclient.testing.pytest_plugin": [
        "ir_boto3_client",
        "ir_client",
        "ir_clock",
        "ir_mock",
        "ir_region",
        "ir_server_url",
    ],
    "irclient.testing.server": [
        "CLOCK_PATH",
        "PROG",
        "advance_clock",
        "freeze_clock",
        "main",
        "read_clock",
    ],
}


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_each_public_surface_is_exactly_the_pinned_list(name: str) -> None:
    module = importlib.import_module(name)
    assert sorted(module.__all__) == sorted(SURFACES[name])
    assert len(set(module.__all__)) == len(module.__all__), "a name is exported twice"


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_every_exported_name_resolves_and_documents_itself(name: str) -> None:
    module = importlib.import_module(name)
    for exported in module.__all__:
        value = getattr(module, exported)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"{name}.{exported} has no docstring"


def _top_level_lists() -> tuple[set[str], set[str], set[str], list[str]]:
    """The eager imports, the TYPE_CHECKING imports, the lazy table and ``__all__`` of irclient."""
    tree = ast.parse(Path(irclient.__file__).read_text())
    eager: set[str] = set()
    typed: set[str] = set()
    lazy: set[str] = set()
    exported: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "errors":
            eager.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for inner in node.body:
                assert isinstance(inner, ast.ImportFrom)
                typed.update(alias.asname or alias.name for alias in inner.names)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            assert node.value is not None
            if isinstance(target, ast.Name) and target.id == "_LAZY":
                lazy = set(ast.literal_eval(node.value))
            elif isinstance(target, ast.Name) and target.id == "__all__":
                exported = list(ast.literal_eval(node.value))
    return eager, typed, lazy, exported


def test_the_top_level_lists_agree() -> None:
    # The three hand-kept lists of irclient/__init__.py are one list: what is lazy is what
    # type checkers are shown, and __all__ is the eager names, the lazy names and the version.
    eager, typed, lazy, exported = _top_level_lists()
    assert typed == lazy
    assert sorted(exported) == sorted(eager | lazy | {"__version__"})
    assert len(set(exported)) == len(exported)
    assert sorted(irclient.__all__) == sorted(exported)


def test_the_top_level_surface_is_pinned() -> None:
    assert sorted(irclient.__all__) == sorted(
        [
            # Every exception of irclient.errors; the mapping function stays there.
            *(name for name in SURFACES["irclient.errors"] if name != "from_botocore_error"),
            "Domain",
            "Framework",
            "Task",
            "InferenceRecommenderClient",
            "RetryPolicy",
            "__version__",
            "analysis",
            "benchmarks",
            "corrections",
            "deploy",
            "display",
            "models",
            "rules",
            "unknown_members",
            "validate",
            "workloads",
        ]
    )
    for name in irclient.__all__:
        assert getattr(irclient, name) is not None


def test_lazy_names_resolve_to_their_modules() -> None:
    from irclient.client import InferenceRecommenderClient
    from irclient.validation import validate

    assert irclient.InferenceRecommenderClient is InferenceRecommenderClient
    assert irclient.validate is validate
    assert irclient.analysis is importlib.import_module("irclient.analysis")
