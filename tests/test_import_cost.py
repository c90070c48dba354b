"""``import irclient`` must stay cheap: the notebook and testing extras load only when used."""

from __future__ import annotations

import pytest

from client_support import imported_after, modules_after

HEAVY = ("pandas", "matplotlib", "tqdm", "moto", "numpy", "IPython")


def test_import_irclient_loads_no_optional_dependency() -> None:
    loaded = imported_after("import irclient, irclient.analysis, irclient.display")
    assert "irclient" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_rendering_and_ranking_load_no_optional_dependency() -> None:
    code = """
import datetime, irclient
from irclient.models import InferenceRecommendationsJobStep
step = InferenceRecommendationsJobStep.from_dict({
    "StepType": "BENCHMARK", "JobName": "j", "Status": "COMPLETED",
    "InferenceBenchmark": {
        "Metrics": {"CostPerInference": 1e-6, "ModelLatency": 10, "CpuUtilization": float("nan")},
        "EndpointConfiguration": {"EndpointName": "e", "VariantName": "v",
                                  "InstanceType": "ml.c5.large"},
        "ModelConfiguration": {},
    },
})
assert step._repr_html_()
assert irclient.analysis.best([step]) is not None
irclient.analysis.pareto_front([step])
"""
    loaded = imported_after(code)
    assert [m for m in HEAVY if m in loaded] == []


def test_the_probe_does_see_heavy_imports() -> None:
    # Guards the two tests above against passing because the probe sees nothing.
    assert "pandas" in imported_after("import pandas")


# The feature packages: each stands on the request path (_core, _codec, validation, the
# models) and on _utils, and none needs another, so importing one loads none of the others,
# nor what stands above them all (the client, the display, the command line, the testing
# support).
FEATURES = ("analysis", "benchmarks", "deploy", "diagnosis", "workloads")
ABOVE = ("client", "display", "cli", "testing")


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_package_loads_none_of_its_siblings(feature: str) -> None:
    loaded = modules_after(f"import irclient.{feature}")
    assert f"irclient.{feature}" in loaded
    others = [f"irclient.{name}" for name in (*FEATURES, *ABOVE) if name != feature]
    assert [m for m in loaded if m in others or m.startswith(tuple(f"{o}." for o in others))] == []


def test_the_probe_does_see_a_package_load_another() -> None:
    # Guards the test above: the display does use the analysis, and the probe must see it.
    assert "irclient.analysis" in modules_after("import irclient.display")
