"""Trade-off plot labels are text from AWS: drawn literally, never parsed as mathtext."""

from __future__ import annotations

import io

import attrs
import matplotlib
import pytest

from irclient import analysis
from irclient.analysis import Benchmark

matplotlib.use("Agg")

import matplotlib.pyplot as plt

HOSTILE = [r"$\frac{$", "$" + "{" * 2000 + "$", "plain $5 and $6 per hour", "bell\x07\ud800"]


def point(instance_type: str, latency: int) -> Benchmark:
    return Benchmark(
        kind="recommendation",
        instance_type=instance_type,
        model_latency=latency,
        cost_per_inference=1e-6 * latency,
        cost_per_hour=0.1,
        status="COMPLETED",
    )


@pytest.mark.parametrize("label", HOSTILE)
def test_a_label_from_aws_is_drawn_literally(label: str) -> None:
    fig, ax = plt.subplots()
    try:
        analysis.plot_tradeoff([point(label, 10), point("ml.c5.large", 20)], ax=ax)
        fig.savefig(io.BytesIO(), format="png")  # mathtext would raise here
        (text,) = [t for t in ax.texts if t.get_text() != "ml.c5.large"]
        assert text.get_parse_math() is False
        assert text.get_usetex() is False
        if label.isprintable() and label.isascii():
            assert text.get_text() == label
        else:
            assert text.get_text() == "bell\\x07\\ud800"
    finally:
        plt.close(fig)


def test_job_names_in_the_legend_are_literal_too() -> None:
    fig, ax = plt.subplots()
    try:
        first = attrs.evolve(point("ml.c5.large", 10), job_name=r"$\frac{$")
        second = attrs.evolve(point("ml.c5.xlarge", 20), job_name="plain $5 and $6")
        analysis.plot_tradeoff([first, second], ax=ax)
        fig.savefig(io.BytesIO(), format="png")  # mathtext in a legend entry would raise here
        legend = ax.get_legend()
        assert legend is not None
        shown = " ".join(t.get_text() for t in legend.get_texts())
        assert r"\$\frac{\$" in shown and r"plain \$5 and \$6" in shown
    finally:
        plt.close(fig)
