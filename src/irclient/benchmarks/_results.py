"""A benchmark job's results: every level as a row, shown as a table, a DataFrame or a plot.

:class:`BenchmarkResults` is an immutable sequence of :class:`~._export.LevelResult`, one per
concurrency or sweep level (or search probe), in level order. Its text, HTML and DataFrame
forms show every level; :func:`compare` and :func:`plot_latency_throughput` put several jobs in
one table and one plot. Everything shown from the output is AWS data: HTML is escaped and text
is made safe for a terminal by the same table helpers the rest of irclient uses.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs

from .._utils import tables as _tables
from .._utils.extras import require
from .._utils.text import safe_text
from ._export import STAT_NAMES, LevelResult, SearchHistory

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["BenchmarkResults", "compare", "plot_latency_throughput"]

_LATENCIES = (
    ("ttft", "time_to_first_token"),
    ("itl", "inter_token_latency"),
    ("e2e", "request_latency"),
)
LatencyMetric = Literal["ttft", "itl", "e2e"]


def _ms(value: float | None) -> str | None:
    return None if value is None else f"{value:,.1f} ms"


def _rate(value: float | None, unit: str) -> str | None:
    return None if value is None else f"{value:,.2f} {unit}"


_COLUMNS = (
    _tables.Column("job", lambda r: r[0], shown=lambda rows: len({r[0] for r in rows}) > 1),
    _tables.Column("level", lambda r: r[1].label),
    _tables.Column("TTFT p50", lambda r: _ms(r[1].latency_ms("ttft", "p50")), numeric=True),
    _tables.Column("TTFT p99", lambda r: _ms(r[1].latency_ms("ttft", "p99")), numeric=True),
    _tables.Column("ITL p50", lambda r: _ms(r[1].latency_ms("itl", "p50")), numeric=True),
    _tables.Column("latency p50", lambda r: _ms(r[1].latency_ms("e2e", "p50")), numeric=True),
    _tables.Column("latency p99", lambda r: _ms(r[1].latency_ms("e2e", "p99")), numeric=True),
    _tables.Column(
        "output tokens/s", lambda r: _rate(r[1].output_tokens_per_second, "tok/s"), numeric=True
    ),
    _tables.Column("requests/s", lambda r: _rate(r[1].requests_per_second, "req/s"), numeric=True),
    _tables.Column(
        "errors",
        lambda r: None if r[1].error_count is None else f"{r[1].error_count:,}",
        numeric=True,
    ),
    _tables.Column(
        "feasible",
        lambda r: None if r[1].feasible is None else ("yes" if r[1].feasible else "no"),
        optional=True,
    ),
)


@attrs.frozen(kw_only=True, eq=False)
class BenchmarkResults(Sequence[LevelResult]):
    """The results of one AI benchmark job: one :class:`LevelResult` per level, every level.

    Built by :func:`~irclient.benchmarks.get_ai_benchmark_results` (or
    :meth:`irclient.InferenceRecommenderClient.get_ai_benchmark_results`).
    """

    levels: tuple[LevelResult, ...]
    """Every level, ordered by concurrency, then request rate, then name."""
    job_name: str | None = None
    """The benchmark job, when known."""
    label: str | None = None
    """How comparisons name this job (an instance type, say); the job name when ``None``."""
    s3_uri: str | None = None
    """The archive the results were read from."""
    search: SearchHistory | None = None
    """A concurrency search's history (``search_history.json``), when the job ran one."""

    @property
    def name(self) -> str:
        """The label, else the job name, else ``?``: what tables and plots call this job."""
        return self.label or self.job_name or "?"

    @overload
    def __getitem__(self, index: int) -> LevelResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[LevelResult]: ...

    def __getitem__(self, index: int | slice) -> LevelResult | Sequence[LevelResult]:
        return self.levels[index]

    def __len__(self) -> int:
        return len(self.levels)

    def __iter__(self) -> Iterator[LevelResult]:
        return iter(self.levels)

    def __str__(self) -> str:
        head = (
            f"<BenchmarkResults {safe_text(self.name, None)}: {_tables.count(len(self), 'level')}>"
        )
        if not self.levels:
            return head
        rows = [(self.name, level) for level in self.levels]
        return head + "\n" + safe_text_table(rows)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return _html([self])

    def to_dataframe(self) -> pd.DataFrame:
        """One row per level; see :func:`compare` for the columns."""
        return compare([self])

    def plot(
        self, *, latency: LatencyMetric = "ttft", stat: str = "p50", ax: Axes | None = None
    ) -> Axes:
        """Latency against throughput, one point per level; see :func:`plot_latency_throughput`."""
        return plot_latency_throughput([self], latency=latency, stat=stat, ax=ax)


def safe_text_table(rows: Sequence[tuple[str, LevelResult]]) -> str:
    """The fixed-width table of ``(job, level)`` rows, safe for a terminal."""
    return "\n".join(
        safe_text(line, None)
        for line in _tables.table_text(_COLUMNS, rows, index=False).split("\n")
    )


def _html(results: Sequence[BenchmarkResults]) -> str:
    rows = [(r.name, level) for r in results for level in r.levels]
    caption = ", ".join(f"{r.name}: {_tables.count(len(r), 'level')}" for r in results)
    if not rows:
        return _tables.wrap(f"<p>{html.escape(caption or 'no results')}.</p>")
    return _tables.wrap(_tables.table_html(_COLUMNS, rows, caption=caption, index=False))


def _stats_present(levels: Iterable[LevelResult], attribute: str) -> list[str]:
    present: set[str] = set()
    for level in levels:
        block = getattr(level, attribute)
        if block is not None:
            present.update(block.stats)
    return [stat for stat in STAT_NAMES if stat in present]


def compare(results: Iterable[BenchmarkResults]) -> pd.DataFrame:
    """Several jobs' results in one DataFrame, one row per level of each job.

    Columns: ``job`` (the label or job name), ``job_name``, ``level``, ``concurrency``,
    ``request_rate``, then for each latency (``ttft``, ``itl``, ``e2e`` for end-to-end
    request latency) one column per statistic AIPerf reported for it in milliseconds
    (``ttft_p50_ms``, ``e2e_p99_ms``, ...), then ``output_tokens_per_second``,
    ``requests_per_second``, ``request_count``, ``error_count``, ``feasible``, ``member``.

    Raises:
        ImportError: pandas is not installed (``pip install 'irclient[notebook]'``).
    """
    pandas = require("pandas", feature="compare()", extra="notebook")
    results = list(results)
    levels = [level for r in results for level in r.levels]
    stats = {short: _stats_present(levels, attribute) for short, attribute in _LATENCIES}
    rows = []
    for r in results:
        for level in r.levels:
            row: dict[str, Any] = {
                "job": r.name,
                "job_name": r.job_name,
                "level": level.label,
                "concurrency": level.concurrency,
                "request_rate": level.request_rate,
            }
            for short, names in stats.items():
                for stat in names:
                    row[f"{short}_{stat}_ms"] = level.latency_ms(short, stat)
            row.update(
                output_tokens_per_second=level.output_tokens_per_second,
                requests_per_second=level.requests_per_second,
                request_count=level.request_count,
                error_count=level.error_count,
                feasible=level.feasible,
                member=level.member,
            )
            rows.append(row)
    kinds = {
        "concurrency": "Int64",
        "request_count": "Int64",
        "error_count": "Int64",
        "feasible": "boolean",
    }
    text = ("job", "job_name", "level", "member")
    columns = list(rows[0]) if rows else ["job", "job_name", "level", "concurrency", "request_rate"]
    data = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        if column in kinds:
            data[column] = pandas.Series(values, dtype=kinds[column])
        elif column in text:
            data[column] = pandas.Series(values, dtype="string")
        else:
            data[column] = pandas.Series(
                [float("nan") if v is None else v for v in values], dtype="float64"
            )
    frame: pd.DataFrame = pandas.DataFrame(data, columns=columns)
    return frame


def plot_latency_throughput(
    results: Iterable[BenchmarkResults],
    *,
    latency: LatencyMetric = "ttft",
    stat: str = "p50",
    ax: Axes | None = None,
) -> Axes:
    """Latency against output throughput: one line per job, one point per level.

    Each job (its :attr:`~BenchmarkResults.label`, an instance type say, or its name) is one
    line through its levels in level order; each point is labelled with its level. Levels
    missing either value are left out of the line and said so in the legend.

    Args:
        results: The jobs' results.
        latency: ``ttft`` (time to first token), ``itl`` (inter-token latency) or ``e2e``
            (end-to-end request latency).
        stat: The statistic, as AIPerf names it (``p50``, ``p99``, ``avg``, ...).
        ax: The Axes to draw on; a new figure when ``None``.

    Raises:
        ImportError: matplotlib is not installed (``pip install 'irclient[notebook]'``).
    """
    if ax is None:
        plt = require("matplotlib.pyplot", feature="plot_latency_throughput()", extra="notebook")
        _, ax = plt.subplots(figsize=(8, 5), layout="constrained")
    else:
        require("matplotlib", feature="plot_latency_throughput()", extra="notebook")
    assert ax is not None
    drawn = 0
    for index, r in enumerate(results):
        points = [
            (level.output_tokens_per_second, level.latency_ms(latency, stat), level.label)
            for level in r.levels
        ]
        usable = [(x, y, label) for x, y, label in points if x is not None and y is not None]
        missing = len(points) - len(usable)
        name = safe_text(r.name, None).replace("$", r"\$")
        if missing:
            name += f" ({missing} level{'s' if missing != 1 else ''} without both values)"
        ax.plot(
            [x for x, _, _ in usable],
            [y for _, y, _ in usable],
            marker="os^Dv<>ph*"[index % 10],
            color=f"C{index % 10}",
            label=name,
        )
        for x, y, label in usable:
            ax.annotate(
                safe_text(label, None),
                (x, y),
                textcoords="offset points",
                xytext=(4, 4),
                fontsize=7,
                annotation_clip=False,
                parse_math=False,
            )
        drawn += len(usable)
    names = {"ttft": "time to first token", "itl": "inter-token latency", "e2e": "request latency"}
    ax.set_xlabel("output throughput (tokens/s)")
    ax.set_ylabel(f"{names.get(latency, latency)} {stat} (ms)")
    ax.set_title("Latency against throughput")
    if drawn:
        ax.legend(loc="best", fontsize=8)
    else:
        ax.text(
            0.5,
            0.5,
            "no level reports both throughput and latency",
            transform=ax.transAxes,
            ha="center",
            va="center",
        )
    return ax
