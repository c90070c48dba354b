"""The cost and latency trade-off plot (matplotlib and adjustText are loaded on first use)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from .._utils.text import safe_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

from ._frames import _require
from ._genai import AISource, ai_rows
from ._rows import Benchmark, BenchmarkSource, _flatten, _front

_MILLION = 1_000_000
_THOUSAND = 1_000

MAX_LABELS: Final = 20
"""The most labels a trade-off plot places: the chosen benchmark and the Pareto front's.

adjustText moves every label against every other label and every point at each step, so its
time and memory grow much faster than the labels do (200 labelled benchmarks took 1.5 GB).
A fixed number of labels keeps a plot of any number of benchmarks within a few dozen MB."""

_MAX_KEEP_OFF: Final = (100, 200)
"""The most benchmark points and line points (the front's steps, the latency limit) the
labels are kept off. adjustText pairs every label with every such point overlapping it on
each axis, then compares those pairs with each other: its memory grows with the square of
labels x points, so beyond these counts an evenly spaced selection stands for them."""


def _cost_unit(costs: Sequence[float]) -> tuple[int, str]:
    """Inferences per cost figure: dollars per million, or per 1,000 for costly models.

    Per million while every benchmark costs under a tenth of a cent per inference (then the
    figures read like prices, $0.50 to $1,000); per 1,000 above that.
    """
    if costs and max(costs) >= 1e-3:
        return _THOUSAND, "1,000"
    return _MILLION, "million"


def _trace(xs: Sequence[float], ys: Sequence[float], samples: int) -> list[tuple[float, float]]:
    """Points along the polyline through ``xs`` and ``ys``, ``samples`` per segment."""
    out: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
        out.extend(
            (x0 + (x1 - x0) * i / samples, y0 + (y1 - y0) * i / samples) for i in range(samples)
        )
    if xs:
        out.append((xs[-1], ys[-1]))
    return out


def _thin(items: Sequence[Any], most: int) -> list[Any]:
    """At most ``most`` of ``items``, evenly spaced, the first and the last included."""
    if len(items) <= most:
        return list(items)
    last = len(items) - 1
    return [items[round(i * last / (most - 1))] for i in range(most)]


def _labelled(
    points: Sequence[tuple[Benchmark, float, float]],
    front: Sequence[tuple[Benchmark, float, float]],
    chosen: Benchmark | None,
) -> list[tuple[Benchmark, float, float]]:
    """The points to label, at most :data:`MAX_LABELS`.

    Every point while there are no more than that; beyond, the chosen one and the front's.
    A front longer than the room left is labelled at evenly spaced points along it (by
    latency), its fastest and slowest ends included, so the labels still span the front.
    """
    if len(points) <= MAX_LABELS:
        return list(points)
    picked = [p for p in front if p[0] is chosen][:1]
    rest = sorted((p for p in front if p[0] is not chosen), key=lambda p: (p[1], -p[2]))
    return picked + _thin(rest, MAX_LABELS - len(picked))


def _point_labels(
    points: Sequence[tuple[Benchmark, float, float]], with_job: bool
) -> list[tuple[str, float, float]]:
    """One label per spot: configurations drawn on the same spot share one label.

    In a comparison two jobs often benchmark the same configuration with the same result; one
    label naming both jobs reads better than two labels on top of each other. A configuration
    that two jobs put on different spots names its job at each, so the labels tell them apart.
    """
    spots: dict[tuple[str, float, float], list[str]] = {}
    for bench, x, y in points:
        spots.setdefault((bench.label, x, y), []).append(bench.job_name or "?")
    seen: dict[str, int] = {}
    for label, _, _ in spots:
        seen[label] = seen.get(label, 0) + 1
    out = []
    for (label, x, y), jobs in spots.items():
        names = sorted(set(jobs))
        # A label is text from AWS: control characters escaped (a newline in it too); the
        # jobs go on a line of their own, so that a shared label is narrow enough to place.
        text = safe_text(label, None)
        if with_job and (len(names) > 1 or seen[label] > 1):
            text += "\n(" + safe_text(", ".join(names), None) + ")"
        out.append((text, x, y))
    return out


def _place_labels(
    ax: Any,
    labelled: Sequence[tuple[Benchmark, float, float]],
    points: Sequence[tuple[Benchmark, float, float]],
    lines: Sequence[tuple[Sequence[float], Sequence[float]]],
    avoid: Sequence[Any],
    *,
    with_job: bool = False,
) -> list[Any]:
    """Label the ``labelled`` points with adjustText, clear of all points, the lines and each other.

    adjustText repels the labels from the points, from each other and from the artists in
    ``avoid`` (the legend), then draws a thin leader from a moved label back to its point.
    Lines (the front's steps, the latency limit) are given to it as dense rows of points to
    keep off, which it honours more reliably than a line's bounding box.
    """
    from adjustText import adjust_text

    texts = [
        # A label is text from AWS: drawn literally, never as mathtext ("$5 and $6" is not
        # math, and "$\\frac{$" would make savefig raise); _point_labels escaped it.
        ax.text(x, y, label, fontsize=8, parse_math=False, usetex=False, zorder=4)
        for label, x, y in _point_labels(labelled, with_job)
    ]
    if not texts:
        return texts
    most_points, most_traced = _MAX_KEEP_OFF
    # The labelled points always; the others, and the lines, thinned to a fixed number.
    keep_off = [(x, y) for _, x, y in labelled]
    keep_off += _thin([(x, y) for _, x, y in points], most_points)
    # 60 points a segment read as a line to adjustText; fewer on a long line (the front's
    # steps), so that each line costs at most its share of a fixed number of points.
    share = most_traced // max(len(lines), 1)
    for xs, ys in lines:
        segments = max(len(xs) - 1, 1)
        keep_off += _thin(_trace(xs, ys, max(1, min(60, share // segments))), share)
    adjust_text(
        texts,
        x=[x for x, _ in keep_off],
        y=[y for _, y in keep_off],
        objects=list(avoid) or None,
        ax=ax,
        expand=(1.3, 1.6),
        force_static=(0.3, 0.5),
        # A fixed number of rounds, not adjustText's default of one second of them: the same
        # labels land in the same places however busy the machine is.
        iter_lim=_LABEL_ROUNDS,
        arrowprops={"arrowstyle": "-", "color": "0.45", "linewidth": 0.6},
    )
    return texts


_JOB_MARKERS = "osD^v<>ph*"

_LABEL_ROUNDS = 400
"""Rounds of label placement; enough for the labels to settle (they stop early once clear)."""


def _legend_text(text: str) -> str:
    """A job name for a legend entry, which matplotlib parses as mathtext: ``$`` escaped."""
    return safe_text(text, None).replace("$", r"\$")


def _scatter_by_job(
    ax: Any,
    jobs: Sequence[str],
    front: Sequence[tuple[Benchmark, float, float]],
    others: Sequence[tuple[Benchmark, float, float]],
) -> None:
    """Points of several jobs: a colour and a marker per job; the front solid, others faded."""
    for index, job in enumerate(jobs):
        style = {"color": f"C{index % 10}", "marker": _JOB_MARKERS[index % len(_JOB_MARKERS)]}
        mine = [p for p in front if (p[0].job_name or "") == job]
        if mine:
            ax.scatter(
                [x for _, x, _ in mine],
                [y for _, _, y in mine],
                edgecolor="black",
                label=f"{_legend_text(job or '?')} (Pareto front)",
                zorder=3,
                **style,
            )
        rest = [p for p in others if (p[0].job_name or "") == job]
        if rest:
            ax.scatter(
                [x for _, x, _ in rest],
                [y for _, _, y in rest],
                alpha=0.45,
                label=f"{_legend_text(job or '?')} (dominated)",
                zorder=2,
                **style,
            )


def _draw_front(
    ax: Any, front: list[tuple[Benchmark, float, float]], *, single_job: bool
) -> list[tuple[Sequence[float], Sequence[float]]]:
    """Draw the Pareto front's attainment boundary (and, for one job, its points).

    Returns:
        The boundary as a line the labels must keep clear of.
    """
    lines: list[tuple[Sequence[float], Sequence[float]]] = []
    if not front:
        return lines
    by_latency = sorted(front, key=lambda p: (p[1], -p[2]))
    step_xs, step_ys = [by_latency[0][1]], [by_latency[0][2]]
    for _, x, y in by_latency[1:]:
        step_xs += [x, x]
        step_ys += [step_ys[-1], y]
    lines.append((step_xs, step_ys))
    # The attainment boundary: from each front point the cost holds until the next,
    # slower and cheaper, point is reached.
    ax.step(
        [x for _, x, _ in by_latency],
        [y for _, _, y in by_latency],
        where="post",
        color="C0",
        linewidth=1.2,
        alpha=0.7,
        zorder=2,
        label="_front step",
    )
    if single_job:
        ax.scatter(
            [x for _, x, _ in front],
            [y for _, _, y in front],
            color="C0",
            edgecolor="black",
            label="Pareto front",
            zorder=3,
        )
    return lines


def plot_tradeoff(
    items: AISource | BenchmarkSource | Iterable[BenchmarkSource],
    *,
    ax: Axes | None = None,
    max_latency_ms: float | None = None,
) -> Axes:
    """Plot cost against model latency, with the Pareto front as a step line.

    Each usable benchmark with both values is a point labelled with its configuration
    (:attr:`Benchmark.label`), up to :data:`MAX_LABELS` points. Beyond that only the points
    that matter are labelled: the chosen one (:func:`best` under ``max_latency_ms``) and the
    Pareto front's, at most :data:`MAX_LABELS` labels however many benchmarks there are (a
    longer front gets labels at evenly spaced points along it), which bounds the plot's time
    and memory. The labels are placed by adjustText, clear of the
    points, of each other and of the latency limit, with a thin leader line when a label had
    to move away from its point. Cost is shown in US dollars per million inferences, or per 1,000
    when some benchmark costs a tenth of a cent or more per inference, so the axis reads in
    plain figures (no ``1e-6`` offset). The points of :func:`pareto_front` are drawn in
    colour and joined by a step line: for any latency, the step gives the lowest cost of a
    benchmark at least that fast. The other points are grey. Benchmarks of several jobs
    (a comparison) share one front; each job has its own colour and marker, its front points
    solid and the others faded. Benchmarks on the same spot with the same configuration share
    one label, which names their jobs; a configuration two jobs put on different spots names
    its job at each. When ``max_latency_ms`` is given, the limit is a dashed
    vertical line. With nothing to plot, the axes say so.

    Args:
        items: The benchmarks to plot (see the module documentation).
        ax: The matplotlib Axes to draw on; a new figure is made with pyplot if omitted.
        max_latency_ms: A latency limit to draw, in milliseconds.

    Returns:
        The Axes drawn on.

    Raises:
        ImportError: matplotlib or adjustText is not installed
            (``pip install 'irclient[notebook]'``).
    """
    ai = ai_rows(items)
    if ai is not None:
        return ai.plot(ax=ax, max_ttft_ms=max_latency_ms)
    classic: Any = items
    ax = _tradeoff_axes(ax)
    usable = [
        bench
        for bench in _flatten(classic)
        if bench.usable and bench.cost_per_inference is not None and bench.model_latency is not None
    ]
    per, unit = _cost_unit([b.cost_per_inference for b in usable if b.cost_per_inference])
    points: dict[int, tuple[Benchmark, float, float]] = {
        id(b): (b, float(b.model_latency or 0), (b.cost_per_inference or 0.0) * per) for b in usable
    }
    front = [points[id(b)] for b in _front(usable)]
    jobs = sorted({b.job_name or "" for b in usable})
    lines = _draw_points(ax, points, front, jobs)
    avoid = _draw_frame(
        ax, unit=unit, has_points=bool(points), max_latency_ms=max_latency_ms, lines=lines
    )
    # The chosen one, as best() picks by default: the cheapest per inference within the
    # limit, which is on the front (cheapest first, ties ordered as best() orders them).
    chosen = next((p[0] for p in front if max_latency_ms is None or p[1] <= max_latency_ms), None)
    labelled = _labelled(list(points.values()), front, chosen)
    _place_labels(ax, labelled, list(points.values()), lines, avoid, with_job=len(jobs) > 1)
    return ax


def _tradeoff_axes(ax: Axes | None) -> Any:
    """The Axes to draw on (a new figure's when ``ax`` is None), once the extras are there."""
    _require("adjustText", "plot_tradeoff")
    if ax is None:
        plt = _require("matplotlib.pyplot", "plot_tradeoff")
        _, ax = plt.subplots(figsize=(8, 5), layout="constrained")
    else:
        _require("matplotlib", "plot_tradeoff")
    assert ax is not None  # for the type checker: pyplot's subplots is untyped when absent
    return ax


def _draw_points(
    ax: Any,
    points: dict[int, tuple[Benchmark, float, float]],
    front: list[tuple[Benchmark, float, float]],
    jobs: list[str],
) -> list[tuple[Sequence[float], Sequence[float]]]:
    """Draw every point, by job when there are several, and the front's step line.

    Returns:
        The lines the labels must keep clear of.
    """
    on_front = {id(p[0]) for p in front}
    others = [p for key, p in points.items() if key not in on_front]
    if len(jobs) > 1:
        _scatter_by_job(ax, jobs, front, others)
    elif others:
        ax.scatter(
            [x for _, x, _ in others],
            [y for _, _, y in others],
            color="0.6",
            label="dominated",
            zorder=2,
        )
    return _draw_front(ax, front, single_job=len(jobs) <= 1)


def _draw_frame(
    ax: Any,
    *,
    unit: str,
    has_points: bool,
    max_latency_ms: float | None,
    lines: list[tuple[Sequence[float], Sequence[float]]],
) -> list[Any]:
    """Draw the latency limit, the axis titles and the legend (or say there is nothing).

    The limit joins ``lines``, which the labels keep clear of.

    Returns:
        The artists the labels must keep clear of (the legend).
    """
    avoid: list[Any] = []
    if max_latency_ms is not None:
        ax.axvline(
            max_latency_ms,
            color="C3",
            linestyle="--",
            label=f"latency limit ({max_latency_ms:g} ms)",
        )
    if not has_points:
        ax.text(
            0.5,
            0.5,
            "no completed benchmark reports both cost and latency",
            transform=ax.transAxes,
            ha="center",
            va="center",
        )
    ax.set_xlabel("model latency (ms)")
    ax.set_ylabel(f"cost per {unit} inferences (USD)")
    ax.set_title("Cost against latency")
    # Plain figures on both axes: no offset (1e-6) and no scientific notation.
    ax.ticklabel_format(axis="both", style="plain", useOffset=False)
    ax.margins(x=0.08, y=0.12)  # room for the labels at the edges
    if has_points or max_latency_ms is not None:
        avoid.append(ax.legend(loc="best", fontsize=8))
    if max_latency_ms is not None:
        bottom, top = ax.get_ylim()
        lines.append(((max_latency_ms, max_latency_ms), (bottom, top)))
    return avoid
