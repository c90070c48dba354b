"""Tables of benchmarks and jobs, as HTML for Jupyter and as fixed-width text.

The table model under :mod:`irclient.display`, kept apart so that
:class:`irclient.analysis.Benchmarks` can render itself without importing the display (which
imports the analysis: the dependency runs one way). Rows are read by attribute: benchmark
tables take :class:`~irclient.analysis.Benchmark` rows, job tables take
:class:`~irclient.models.InferenceRecommendationsJob` entries. Every value is HTML-escaped:
job descriptions, failure reasons and environment values are free text.

Only the standard library is used, so that ``import irclient`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .format import (
    NA,
    format_duration,
    format_environment,
    format_integer,
    format_money,
    format_percent,
    format_time,
    shorten,
    wire_text,
)
from .text import safe_html, safe_output

MAX_ROWS = 100

_MAX_TEXT = 80
_MAX_CELL_TEXT = 40

# Glyph and colour per status: the glyph carries the meaning without colour.
_STATUS_STYLE: dict[str, tuple[str, str]] = {
    "COMPLETED": ("\u2714", "#1a7f37"),
    "FAILED": ("\u2718", "#cf222e"),
    "IN_PROGRESS": ("\u25b6", "#0969da"),
    "PENDING": ("\u2026", "#6e7781"),
    "STOPPING": ("\u25a0", "#9a6700"),
    "STOPPED": ("\u25a0", "#9a6700"),
    "DELETING": ("\u2013", "#6e7781"),
    "DELETED": ("\u2013", "#6e7781"),
}


class Column:
    """One column: its header, how to get a cell's text, and how to show it."""

    def __init__(
        self,
        header: str,
        cell: Callable[[Any], str | None],
        *,
        numeric: bool = False,
        optional: bool = False,
        status: bool = False,
        blank: bool = False,
        shown: Callable[[Sequence[Any]], bool] | None = None,
    ) -> None:
        self.header = header
        self.cell = cell
        self.numeric = numeric
        self.optional = optional
        self.status = status
        self.blank = blank  # free text: nothing to say is an empty cell, not "n/a"
        self.shown = shown  # when set, decides from all the rows whether the column shows


def _several_jobs(rows: Sequence[Any]) -> bool:
    # A job column is noise for one job's benchmarks; it tells rows apart in a comparison.
    return len({row.job_name for row in rows}) > 1


_FINISHED = frozenset({"COMPLETED", "FAILED", "STOPPED"})

NO_COMPLETION_TIME = "measured to LastModifiedTime, as AWS sent no CompletionTime"
"""What a job's duration says when it had to run to ``LastModifiedTime``."""


def took(job: Any) -> tuple[str, bool]:
    """How long a job ran, and whether that was measured to its last modification.

    AWS may leave ``CompletionTime`` out of a finished job; its ``LastModifiedTime`` is then
    the best end time there is, and the caller says it used that.

    Args:
        job: A describe response or a job-list entry.
    """
    if job.completion_time is not None or wire_text(job.status) not in _FINISHED:
        return format_duration(job.creation_time, job.completion_time), False
    return format_duration(job.creation_time, job.last_modified_time), True


def _took_cell(job: Any) -> str:
    text, estimated = took(job)
    return f"{text} (last modified)" if estimated else text


BENCHMARK_TABLE_COLUMNS = (
    Column("job", lambda b: b.job_name, shown=_several_jobs),
    Column("status", lambda b: b.status, optional=True, status=True),
    Column("endpoint configuration", lambda b: b.label),
    Column(
        "score",
        lambda b: None if b.score is None else f"{b.score:.3f}",
        numeric=True,
        optional=True,
    ),
    Column("cost/hour", lambda b: format_money(b.cost_per_hour), numeric=True),
    Column("cost/inference", lambda b: format_money(b.cost_per_inference), numeric=True),
    Column("model latency", lambda b: format_integer(b.model_latency, " ms"), numeric=True),
    Column("max invocations", lambda b: format_integer(b.max_invocations, "/min"), numeric=True),
    Column("CPU", lambda b: format_percent(b.cpu_utilization), numeric=True),
    Column("memory", lambda b: format_percent(b.memory_utilization), numeric=True),
    Column(
        "set-up time",
        lambda b: None if b.model_setup_time is None else format_integer(b.model_setup_time, " ms"),
        numeric=True,
        optional=True,
    ),
    Column(
        "environment",
        lambda b: format_environment(b.environment) or None,
        optional=True,
        blank=True,
    ),
    Column("failure reason", lambda b: b.failure_reason, optional=True, blank=True),
)

JOB_TABLE_COLUMNS = (
    Column("job name", lambda j: j.job_name),
    Column("status", lambda j: wire_text(j.status), status=True),
    Column("type", lambda j: wire_text(j.job_type)),
    Column("created", lambda j: format_time(j.creation_time)),
    Column("took", _took_cell, numeric=True),
    Column("model", lambda j: j.model_name or j.model_package_version_arn, optional=True),
    Column("description", lambda j: j.job_description or None, optional=True, blank=True),
    Column("failure reason", lambda j: j.failure_reason, optional=True, blank=True),
)


def count(n: int, noun: str) -> str:
    """``1 step``, ``3 steps``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _visible(columns: Sequence[Column], rows: Sequence[Any]) -> list[Column]:
    """Optional columns are shown only when some row has a value for them."""
    return [
        c
        for c in columns
        if (c.shown is None or c.shown(rows))
        and (not c.optional or any(c.cell(r) is not None for r in rows))
    ]


def status_html(status: str | None) -> str:
    """A status as a coloured glyph and its name."""
    if status is None:
        return NA
    glyph, colour = _STATUS_STYLE.get(status, ("?", "#6e7781"))
    return (
        f'<span style="color:{colour};font-weight:600;white-space:nowrap">'
        f"{glyph}&nbsp;{safe_html(status)}</span>"
    )


def _or_na(column: Column, text: str | None) -> str:
    if text is None:
        return "" if column.blank else NA
    return text


def _cell_html(column: Column, text: str | None) -> str:
    if column.status:
        return f"<td>{status_html(text)}</td>"
    text = _or_na(column, text)
    short = shorten(text, _MAX_TEXT)
    title = f' title="{safe_html(text)}"' if short != text else ""
    align = ' style="text-align:right;white-space:nowrap"' if column.numeric else ""
    return f"<td{align}{title}>{safe_html(short)}</td>"


_WRAPPER = (
    # A table wider than its column (a docs page, a narrow Jupyter pane) scrolls sideways
    # inside it instead of running under whatever sits beside it. Inline, because a notebook
    # may drop <style> elements from untrusted output, and the docs theme knows nothing of us.
    '<div class="irclient" style="max-width:100%;overflow-x:auto">'
)


def wrap(body: str) -> str:
    """HTML in irclient's container ``div``, which scrolls sideways when too wide.

    Every value in ``body`` went through :func:`~irclient._utils.text.safe_html`; the whole
    is made safe once more, as the terminal's output is: a value that was not cannot bring a
    bidirectional override onto the page, nor a lone surrogate that would make Jupyter's
    message encoding fail and the display be lost.
    """
    return safe_output(f"{_WRAPPER}{body}</div>", None)


def table_html(
    columns: Sequence[Column], rows: Sequence[Any], *, caption: str | None, index: bool
) -> str:
    """An HTML table of ``rows``, at most :data:`MAX_ROWS` of them (the rest are counted)."""
    shown = _visible(columns, rows)
    parts = ['<table class="irclient-table">']
    if caption:
        parts.append(f'<caption style="text-align:left">{safe_html(caption)}</caption>')
    headers = ([""] if index else []) + [c.header for c in shown]
    parts.append("<thead><tr>")
    parts.extend(f"<th>{safe_html(h)}</th>" for h in headers)
    parts.append("</tr></thead><tbody>")
    for number, row in enumerate(rows[:MAX_ROWS]):
        parts.append("<tr>")
        if index:
            parts.append(f"<th>{number}</th>")
        parts.extend(_cell_html(c, c.cell(row)) for c in shown)
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if len(rows) > MAX_ROWS:
        parts.append(
            f"<p>\u2026 and {len(rows) - MAX_ROWS} more rows; "
            "<code>irclient.analysis.to_dataframe()</code> has them all.</p>"
        )
    return "".join(parts)


def table_text(
    columns: Sequence[Column], rows: Sequence[Any], *, index: bool, limit: int | None = MAX_ROWS
) -> str:
    """A fixed-width text table of ``rows``: numbers right-aligned, long text cut short."""
    shown = _visible(columns, rows)
    body = rows if limit is None else rows[:limit]
    headers = ([""] if index else []) + [c.header for c in shown]
    lines = [
        ([str(n)] if index else [])
        + [shorten(_or_na(c, c.cell(row)), _MAX_CELL_TEXT) for c in shown]
        for n, row in enumerate(body)
    ]
    numeric = ([True] if index else []) + [c.numeric for c in shown]
    widths = [max([len(h)] + [len(line[i]) for line in lines]) for i, h in enumerate(headers)]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if right else cell.ljust(w)
            for cell, w, right in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    out = [fmt(headers)] + [fmt(line) for line in lines]
    if len(body) < len(rows):
        out.append(f"... and {len(rows) - len(body)} more rows")
    return "\n".join(out)


def benchmarks_html(benchmarks: Iterable[Any], *, caption: str | None = None) -> str:
    """An HTML table of benchmarks, one row each; the caption defaults to how many."""
    rows = list(benchmarks)
    if caption is None:
        caption = count(len(rows), "benchmark")
    if not rows:
        return wrap(f"<p>{safe_html(caption)}.</p>")
    return wrap(table_html(BENCHMARK_TABLE_COLUMNS, rows, caption=caption, index=True))


def benchmarks_text(benchmarks: Sequence[Any]) -> str:
    """``<Benchmarks: N benchmarks>`` and, when there are any, their text table."""
    head = f"<Benchmarks: {count(len(benchmarks), 'benchmark')}>"
    if not benchmarks:
        return head
    return head + "\n" + table_text(BENCHMARK_TABLE_COLUMNS, benchmarks, index=True)
