"""Trade-off plot labels are text from AWS: drawn literally, never parsed as mathtext."""

from __future__ import annotations

import io
from typing import Any

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


def labels_in_the_way(ax: Any) -> list[str]:
    """What the plot's promise (labels clear of the points, each other and the latency
    limit) finds broken: one line per problem."""
    import itertools

    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()]
    boxes = {t.get_text(): t.get_window_extent(renderer) for t in labels}
    problems = [
        f"{a!r} overlaps {b!r}"
        for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2)
        if box_a.overlaps(box_b)
    ]
    points = [ax.transData.transform(o) for c in ax.collections for o in c.get_offsets()]
    for name, box in boxes.items():
        problems += [f"{name!r} hides a point" for p in points if box.contains(p[0], p[1])]
    for line in ax.get_lines():
        if line.get_linestyle() != "--":
            continue
        line_x = ax.transData.transform((float(line.get_xdata()[0]), 0.0))[0]
        problems += [f"{n!r} crosses the limit" for n, b in boxes.items() if b.x0 <= line_x <= b.x1]
    return problems


def _tutorial_cells(upto: int) -> str:
    import json
    from pathlib import Path

    notebook = json.loads(
        (Path(__file__).resolve().parent.parent / "docs" / "tutorial.ipynb").read_text()
    )
    cells = notebook["cells"][: upto + 1]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return "\n".join(
        line for block in code for line in block.splitlines() if not line.startswith("%")
    )


def test_the_tutorials_comparison_plot_keeps_its_labels_clear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Cell 24 of the tutorial: two jobs, labels naming both where they share a spot.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    namespace: dict[str, Any] = {}
    try:
        exec(compile(_tutorial_cells(24), "tutorial.ipynb", "exec"), namespace)
        assert labels_in_the_way(namespace["ax"]) == []
        assert labels_in_the_way(namespace["steps"].plot(max_latency_ms=60)) == []
    finally:
        namespace["simulation"].stop()
        plt.close("all")
