"""How irclient's responses look in Jupyter: compact HTML tables and plain-text summaries.

:func:`render_html` is the models' ``_repr_html_`` (loaded on the first render), so a
describe response, a steps page, a job list, a single step, recommendation or job, and a
:class:`~irclient.analysis.Benchmarks` collection show as tables in a notebook; every other
model keeps its plain repr. :func:`summary` gives the same content as fixed-width text, for
terminals and logs.

Tables show the columns a sizing decision needs: the endpoint configuration (instance type
and count, or serverless memory and concurrency), the status at a glance, cost per hour and
per inference, model latency, maximum invocations, CPU and memory utilisation, and, when
there are any, the environment parameters, set-up time and failure reasons. Missing and NaN
values read "n/a". Every value is HTML-escaped: job descriptions, failure reasons and
environment values are free text.

Only the standard library is used, so that ``import irclient`` stays cheap.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ._text import safe_text
from .analysis import Benchmark, Benchmarks, _text
from .models import (
    DescribeInferenceRecommendationsJobResponse,
    EndpointPerformance,
    InferenceRecommendation,
    InferenceRecommendationsJob,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobsResponse,
    ListInferenceRecommendationsJobStepsResponse,
)

__all__ = ["MAX_ROWS", "benchmarks_html", "install", "render_html", "summary"]

MAX_ROWS = 100
"""Rows shown before a table is cut short (the rest are counted, and ``to_dataframe`` has
them all)."""

_MAX_TEXT = 80
_DOT = " \u00b7 "
_NA = "n/a"

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


# --------------------------------------------------------------------------- formatting


def _money(value: float | None) -> str:
    return _NA if value is None else f"${value:.4g}"


def _hourly(value: float | None) -> str:
    # Hourly prices line up in a column with a fixed three decimals, as AWS prints them.
    return _NA if value is None else f"${value:,.3f}"


def _integer(value: int | None, unit: str = "") -> str:
    return _NA if value is None else f"{value:,}{unit}"


def _percent(value: float | None) -> str:
    return _NA if value is None else f"{value:.1f}%"


def _time(value: datetime.datetime | None) -> str:
    if value is None:
        return _NA
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _duration(start: datetime.datetime | None, end: datetime.datetime | None) -> str:
    if start is None or end is None:
        return _NA
    seconds = int((end - start).total_seconds())
    if seconds < 0:
        return _NA
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {seconds:02d}s" if minutes else f"{seconds}s"


def _environment(bench: Benchmark) -> str:
    return ", ".join(f"{key}={value}" for key, value in bench.environment)


def _shorten(text: str, limit: int = _MAX_TEXT) -> str:
    text = " ".join(text.split())  # newlines in free text would break a one-line cell
    text = safe_text(text, None)  # escape sequences from AWS must not reach a terminal
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# --------------------------------------------------------------------------- table model


class _Column:
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
    ) -> None:
        self.header = header
        self.cell = cell
        self.numeric = numeric
        self.optional = optional
        self.status = status
        self.blank = blank  # free text: nothing to say is an empty cell, not "n/a"


_BENCHMARK_COLUMNS = (
    _Column("status", lambda b: b.status, optional=True, status=True),
    _Column("endpoint configuration", lambda b: b.label),
    _Column("cost/hour", lambda b: _hourly(b.cost_per_hour), numeric=True),
    _Column("cost/inference", lambda b: _money(b.cost_per_inference), numeric=True),
    _Column("model latency", lambda b: _integer(b.model_latency, " ms"), numeric=True),
    _Column("max invocations", lambda b: _integer(b.max_invocations, "/min"), numeric=True),
    _Column("CPU", lambda b: _percent(b.cpu_utilization), numeric=True),
    _Column("memory", lambda b: _percent(b.memory_utilization), numeric=True),
    _Column(
        "set-up time",
        lambda b: None if b.model_setup_time is None else _integer(b.model_setup_time, " ms"),
        numeric=True,
        optional=True,
    ),
    _Column("environment", lambda b: _environment(b) or None, optional=True, blank=True),
    _Column("failure reason", lambda b: b.failure_reason, optional=True, blank=True),
)

_JOB_COLUMNS = (
    _Column("job name", lambda j: j.job_name),
    _Column("status", lambda j: _text(j.status), status=True),
    _Column("type", lambda j: _text(j.job_type)),
    _Column("created", lambda j: _time(j.creation_time)),
    _Column("took", lambda j: _duration(j.creation_time, j.completion_time), numeric=True),
    _Column("model", lambda j: j.model_name or j.model_package_version_arn, optional=True),
    _Column("description", lambda j: j.job_description or None, optional=True, blank=True),
    _Column("failure reason", lambda j: j.failure_reason, optional=True, blank=True),
)


def _visible(columns: Sequence[_Column], rows: Sequence[Any]) -> list[_Column]:
    """Optional columns are shown only when some row has a value for them."""
    return [c for c in columns if not c.optional or any(c.cell(r) is not None for r in rows)]


def _status_html(status: str | None) -> str:
    if status is None:
        return _NA
    glyph, colour = _STATUS_STYLE.get(status, ("?", "#6e7781"))
    return (
        f'<span style="color:{colour};font-weight:600;white-space:nowrap">'
        f"{glyph}&nbsp;{html.escape(status)}</span>"
    )


def _cell_html(column: _Column, text: str | None) -> str:
    if column.status:
        return f"<td>{_status_html(text)}</td>"
    text = _or_na(column, text)
    short = _shorten(text)
    title = f' title="{html.escape(text, quote=True)}"' if short != text else ""
    align = ' style="text-align:right;white-space:nowrap"' if column.numeric else ""
    return f"<td{align}{title}>{html.escape(short)}</td>"


def _table_html(
    columns: Sequence[_Column], rows: Sequence[Any], *, caption: str | None, index: bool
) -> str:
    shown = _visible(columns, rows)
    parts = ['<table class="irclient-table">']
    if caption:
        parts.append(f'<caption style="text-align:left">{html.escape(caption)}</caption>')
    headers = ([""] if index else []) + [c.header for c in shown]
    parts.append("<thead><tr>")
    parts.extend(f"<th>{html.escape(h)}</th>" for h in headers)
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


def _or_na(column: _Column, text: str | None) -> str:
    if text is None:
        return "" if column.blank else _NA
    return text


def _table_text(
    columns: Sequence[_Column], rows: Sequence[Any], *, index: bool, limit: int | None = MAX_ROWS
) -> str:
    shown = _visible(columns, rows)
    body = rows if limit is None else rows[:limit]
    headers = ([""] if index else []) + [c.header for c in shown]
    lines = [
        ([str(n)] if index else []) + [_shorten(_or_na(c, c.cell(row)), 40) for c in shown]
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


# --------------------------------------------------------------------------- public


def benchmarks_html(benchmarks: Iterable[Benchmark], *, caption: str | None = None) -> str:
    """An HTML table of benchmarks, one row each, in the order given.

    Args:
        benchmarks: The rows to show.
        caption: A caption for the table; by default, how many benchmarks there are.
    """
    rows = list(benchmarks)
    if caption is None:
        caption = _count(len(rows), "benchmark")
    if not rows:
        return f'<div class="irclient"><p>{html.escape(caption)}.</p></div>'
    table = _table_html(_BENCHMARK_COLUMNS, rows, caption=caption, index=True)
    return f'<div class="irclient">{table}</div>'


def _wrap(body: str) -> str:
    return f'<div class="irclient">{body}</div>'


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _job_header_html(job: DescribeInferenceRecommendationsJobResponse) -> str:
    status = _text(job.status)
    facts = [
        f"{html.escape(str(_text(job.job_type)))} job",
        f"created {html.escape(_time(job.creation_time))}",
    ]
    if job.completion_time is not None:
        facts.append(f"took {html.escape(_duration(job.creation_time, job.completion_time))}")
    parts = [
        f"<p><strong>{html.escape(job.job_name)}</strong> {_status_html(status)}"
        f"<br><small>{_DOT.join(facts)}</small></p>"
    ]
    if job.job_description:
        parts.append(f"<p>{html.escape(job.job_description)}</p>")
    if job.failure_reason:
        parts.append(
            '<p style="color:#cf222e"><strong>Failure:</strong> '
            f"{html.escape(job.failure_reason)}</p>"
        )
    return "".join(parts)


def _describe_html(job: DescribeInferenceRecommendationsJobResponse) -> str:
    parts = [_job_header_html(job)]
    recommendations = Benchmarks(
        Benchmark.from_item(r, job_name=job.job_name) for r in job.inference_recommendations or ()
    )
    endpoints = Benchmarks(
        Benchmark.from_item(e, job_name=job.job_name) for e in job.endpoint_performances or ()
    )
    if recommendations:
        parts.append(
            _table_html(
                _BENCHMARK_COLUMNS,
                recommendations,
                caption=_count(len(recommendations), "recommendation"),
                index=True,
            )
        )
    if endpoints:
        parts.append(
            _table_html(
                _BENCHMARK_COLUMNS,
                endpoints,
                caption=_count(len(endpoints), "existing endpoint"),
                index=True,
            )
        )
    if not recommendations and not endpoints:
        parts.append("<p>No recommendations yet.</p>")
    return f'<div class="irclient">{"".join(parts)}</div>'


def _steps_caption(steps: Sequence[InferenceRecommendationsJobStep], more: bool) -> str:
    jobs = sorted({s.job_name for s in steps})
    text = _count(len(steps), "step")
    if len(jobs) == 1:
        text += f" of job {_shorten(jobs[0], 200)}"
    if more:
        text += " (more on the next page: pass next_token to continue)"
    return text


def _jobs_html(jobs: Sequence[InferenceRecommendationsJob], more: bool) -> str:
    caption = _count(len(jobs), "job") + (" (more on the next page)" if more else "")
    if not jobs:
        return f'<div class="irclient"><p>{html.escape(caption)}.</p></div>'
    return _wrap(_table_html(_JOB_COLUMNS, jobs, caption=caption, index=True))


def render_html(obj: object) -> str | None:
    """The HTML Jupyter shows for an irclient object, or ``None`` for its plain repr.

    Rendered: describe responses (a header and the recommendations), steps pages and single
    steps, recommendations and endpoint performances (benchmark tables), job lists and job
    entries (job tables), and :class:`~irclient.analysis.Benchmarks`.

    Args:
        obj: The object to render.
    """
    if isinstance(obj, Benchmarks):
        return benchmarks_html(obj)
    if isinstance(obj, DescribeInferenceRecommendationsJobResponse):
        return _describe_html(obj)
    if isinstance(obj, ListInferenceRecommendationsJobStepsResponse):
        steps = obj.steps or ()
        return benchmarks_html(
            Benchmarks(steps), caption=_steps_caption(steps, obj.next_token is not None)
        )
    if isinstance(
        obj, InferenceRecommendationsJobStep | InferenceRecommendation | EndpointPerformance
    ):
        return benchmarks_html([Benchmark.from_item(obj)], caption="")
    if isinstance(obj, ListInferenceRecommendationsJobsResponse):
        return _jobs_html(obj.inference_recommendations_jobs, obj.next_token is not None)
    if isinstance(obj, InferenceRecommendationsJob):
        return _wrap(_table_html(_JOB_COLUMNS, [obj], caption=None, index=False))
    return None


def summary(obj: object) -> str:
    """A plain-text rendering of what :func:`render_html` renders, for terminals and logs.

    Args:
        obj: A describe response, steps page, step, recommendation, endpoint performance,
            job list, job entry, or :class:`~irclient.analysis.Benchmarks`. Anything else gives
            its ``repr``.
    """
    if isinstance(obj, Benchmarks):
        head = f"<Benchmarks: {_count(len(obj), 'benchmark')}>"
        return head + ("\n" + _table_text(_BENCHMARK_COLUMNS, obj, index=True) if obj else "")
    if isinstance(obj, DescribeInferenceRecommendationsJobResponse):
        lines = [
            safe_text(
                f"{obj.job_name}  {_text(obj.status)}  ({_text(obj.job_type)} job, "
                f"created {_time(obj.creation_time)}, took "
                f"{_duration(obj.creation_time, obj.completion_time)})",
                None,
            )
        ]
        if obj.job_description:
            lines.append(_shorten(obj.job_description, 100))
        if obj.failure_reason:
            lines.append(f"Failure: {_shorten(obj.failure_reason, 200)}")
        bench = Benchmarks(obj)
        if bench:
            lines.append(_table_text(_BENCHMARK_COLUMNS, bench, index=True))
        else:
            lines.append("No recommendations yet.")
        return "\n".join(lines)
    if isinstance(obj, ListInferenceRecommendationsJobStepsResponse):
        steps = obj.steps or ()
        head = _steps_caption(steps, obj.next_token is not None)
        return head + (
            "\n" + _table_text(_BENCHMARK_COLUMNS, Benchmarks(steps), index=True) if steps else ""
        )
    if isinstance(
        obj, InferenceRecommendationsJobStep | InferenceRecommendation | EndpointPerformance
    ):
        return _table_text(_BENCHMARK_COLUMNS, [Benchmark.from_item(obj)], index=False)
    if isinstance(obj, ListInferenceRecommendationsJobsResponse):
        jobs = obj.inference_recommendations_jobs
        head = _count(len(jobs), "job") + (" (more on the next page)" if obj.next_token else "")
        return head + ("\n" + _table_text(_JOB_COLUMNS, jobs, index=True) if jobs else "")
    if isinstance(obj, InferenceRecommendationsJob):
        return _table_text(_JOB_COLUMNS, [obj], index=False)
    return repr(obj)


def install() -> None:
    """Make :func:`render_html` the models' ``_repr_html_`` (done on the first render)."""
    from . import _codec

    _codec.CODEC.html_renderer = render_html
