"""How irclient's responses look in Jupyter: compact HTML tables and plain-text summaries.

:func:`render_html` is what the models' ``_repr_html_`` shows (this module loads on the
first render), so a describe response, a steps page, a job list, a single step,
recommendation or job, and a :class:`~irclient.analysis.Benchmarks` collection show as tables
in a notebook; every other model keeps its plain repr. :func:`summary` gives the same content
as fixed-width text, for terminals and logs.

Tables show the columns a sizing decision needs: the endpoint configuration (instance type
and count, or serverless memory and concurrency), the status at a glance, cost per hour and
per inference, model latency, maximum invocations, CPU and memory utilisation, and, when
there are any, the environment parameters, set-up time and failure reasons. Missing and NaN
values read "n/a". Every value is HTML-escaped: job descriptions, failure reasons and
environment values are free text.

The tables themselves are drawn by a private module that :mod:`irclient.analysis` uses too;
this module adds what is particular to each response. The dependency runs one way: this
module uses the analysis, and nothing of irclient imports this module at load time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._utils import tables as _tables
from ._utils.format import format_time, one_line, shorten, wire_text
from ._utils.tables import (
    BENCHMARK_TABLE_COLUMNS,
    JOB_TABLE_COLUMNS,
    NO_COMPLETION_TIME,
    count,
    status_html,
    table_html,
    table_text,
    took,
    wrap,
)
from ._utils.text import safe_html, safe_text
from .analysis import Benchmark, Benchmarks
from .models import (
    DescribeInferenceRecommendationsJobResponse,
    EndpointPerformance,
    GetScalingConfigurationRecommendationResponse,
    InferenceRecommendation,
    InferenceRecommendationsJob,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobsResponse,
    ListInferenceRecommendationsJobStepsResponse,
)

__all__ = [
    "MAX_ROWS",
    "benchmarks_html",
    "no_recommendations",
    "render_html",
    "summary",
]

MAX_ROWS = _tables.MAX_ROWS
"""Rows shown before a table is cut short (the rest are counted, and ``to_dataframe`` has
them all)."""

_DOT = " \u00b7 "
# The page's next_token is the way on, named as the iter_* methods take it.
_MORE = " (more on the next page: pass its next_token as starting_token to continue)"


# --------------------------------------------------------------------------- public


def benchmarks_html(benchmarks: Iterable[Benchmark], *, caption: str | None = None) -> str:
    """An HTML table of benchmarks, one row each, in the order given.

    Args:
        benchmarks: The rows to show.
        caption: A caption for the table; by default, how many benchmarks there are.
    """
    return _tables.benchmarks_html(benchmarks, caption=caption)


def _job_header_html(job: DescribeInferenceRecommendationsJobResponse) -> str:
    status = wire_text(job.status)
    facts = [
        f"{safe_html(str(wire_text(job.job_type)))} job",
        f"created {safe_html(format_time(job.creation_time))}",
    ]
    duration, estimated = took(job)
    if job.completion_time is not None or estimated:
        note = f" ({NO_COMPLETION_TIME})" if estimated else ""
        facts.append(f"took {safe_html(duration + note)}")
    parts = [
        f"<p><strong>{safe_html(job.job_name)}</strong> {status_html(status)}"
        f"<br><small>{_DOT.join(facts)}</small></p>"
    ]
    if job.job_description:
        parts.append(f"<p>{safe_html(job.job_description)}</p>")
    if job.failure_reason:
        parts.append(
            '<p style="color:#cf222e"><strong>Failure:</strong> '
            f"{safe_html(job.failure_reason)}</p>"
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
            table_html(
                BENCHMARK_TABLE_COLUMNS,
                recommendations,
                caption=count(len(recommendations), "recommendation"),
                index=True,
            )
        )
    if endpoints:
        parts.append(
            table_html(
                BENCHMARK_TABLE_COLUMNS,
                endpoints,
                caption=count(len(endpoints), "existing endpoint"),
                index=True,
            )
        )
    if not recommendations and not endpoints:
        parts.append(f"<p>{safe_html(no_recommendations(job))}</p>")
    return wrap("".join(parts))


def no_recommendations(job: DescribeInferenceRecommendationsJobResponse) -> str:
    """What to say of a job without recommendations, by its status.

    A running job may still get some; a failed or stopped one never will, and for a failed
    one the way to find out why is named.

    Args:
        job: The describe response.
    """
    status = wire_text(job.status)
    if status in ("PENDING", "IN_PROGRESS"):
        return "No recommendations yet."
    if status == "FAILED":
        return (
            "No recommendations: the job failed, so it will never have any. To find out why, "
            f"run 'irclient why {job.job_name}' or look at its failed steps "
            f"('irclient steps {job.job_name} --status FAILED')."
        )
    if status in ("STOPPING", "STOPPED"):
        verb = "is stopping" if status == "STOPPING" else "was stopped"
        return f"No recommendations: the job {verb} before it finished, so it will never have any."
    return "No recommendations."


def _steps_caption(steps: Sequence[InferenceRecommendationsJobStep], more: bool) -> str:
    jobs = sorted({s.job_name for s in steps})
    text = count(len(steps), "step")
    if len(jobs) == 1:
        text += f" of job {shorten(jobs[0], 200)}"
    if more:
        text += _MORE
    return text


def _jobs_html(jobs: Sequence[InferenceRecommendationsJob], more: bool) -> str:
    caption = count(len(jobs), "job") + (_MORE if more else "")
    if not jobs:
        return wrap(f"<p>{safe_html(caption)}.</p>")
    return wrap(table_html(JOB_TABLE_COLUMNS, jobs, caption=caption, index=True))


def _number(value: object) -> str:
    return (
        f"{value:,}"
        if isinstance(value, int)
        else f"{value:,g}"
        if isinstance(value, float)
        else "n/a"
    )


def _scaling_rows(obj: GetScalingConfigurationRecommendationResponse) -> list[tuple[str, str]]:
    """The label and value of each line of an autoscaling recommendation."""
    rows = [
        ("Job", wire_text(obj.inference_recommendations_job_name) or "n/a"),
        ("Recommendation", wire_text(obj.recommendation_id) or "n/a"),
        ("Benchmarked endpoint", wire_text(obj.endpoint_name) or "n/a"),
        ("Target CPU per core", f"{_number(obj.target_cpu_utilization_per_core)}%"),
    ]
    objective = obj.scaling_policy_objective
    if objective is not None:
        rows.append(
            (
                "Expected traffic",
                f"{_number(objective.min_invocations_per_minute)} to "
                f"{_number(objective.max_invocations_per_minute)} invocations/min",
            )
        )
    if obj.metric is not None:
        rows.append(
            (
                "Per instance",
                f"{_number(obj.metric.invocations_per_instance)} invocations/min at "
                f"{_number(obj.metric.model_latency)} ms model latency",
            )
        )
    dynamic = obj.dynamic_scaling_configuration
    if dynamic is None:
        rows.append(("Scaling", "no recommendation"))
        return rows
    rows.append(
        (
            "Capacity",
            f"{_number(dynamic.min_capacity)} to {_number(dynamic.max_capacity)} instances",
        )
    )
    rows.append(
        (
            "Cooldowns",
            f"scale in {_number(dynamic.scale_in_cooldown)} s, "
            f"scale out {_number(dynamic.scale_out_cooldown)} s",
        )
    )
    for policy in dynamic.scaling_policies or ():
        tracking = policy.target_tracking
        spec = tracking.metric_specification if tracking is not None else None
        if tracking is None or spec is None:
            rows.append(("Policy", "a kind irclient does not know"))
            continue
        if spec.predefined is not None:
            metric = wire_text(spec.predefined.predefined_metric_type) or "n/a"
        elif spec.customized is not None:
            custom = spec.customized
            metric = (
                f"{wire_text(custom.statistic)} of {wire_text(custom.namespace)} "
                f"{wire_text(custom.metric_name)}"
            )
        else:
            metric = "n/a"
        rows.append(("Target tracking", f"{metric} at {_number(tracking.target_value)}"))
    return rows


def _scaling_html(obj: GetScalingConfigurationRecommendationResponse) -> str:
    cells = "".join(
        f"<tr><th>{safe_html(label)}</th><td>{safe_html(value)}</td></tr>"
        for label, value in _scaling_rows(obj)
    )
    return wrap(
        f'<table class="irclient-table"><caption>Autoscaling recommendation</caption>'
        f"{cells}</table>"
    )


def render_html(obj: object) -> str | None:
    """The HTML Jupyter shows for an irclient object, or ``None`` for its plain repr.

    Rendered: describe responses (a header and the recommendations), steps pages and single
    steps, recommendations and endpoint performances (benchmark tables), job lists and job
    entries (job tables), :class:`~irclient.analysis.Benchmarks`, and autoscaling
    recommendations (``GetScalingConfigurationRecommendation`` responses).

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
        return wrap(table_html(JOB_TABLE_COLUMNS, [obj], caption=None, index=False))
    if isinstance(obj, GetScalingConfigurationRecommendationResponse):
        return _scaling_html(obj)
    # Objects of other packages that render themselves (deployments): their own hook.
    own = getattr(obj, "_irclient_html", None)
    if callable(own):
        html: str = own()
        return html
    return None


def summary(obj: object) -> str:
    """A plain-text rendering of what :func:`render_html` renders, for terminals and logs.

    Args:
        obj: A describe response, steps page, step, recommendation, endpoint performance,
            job list, job entry, :class:`~irclient.analysis.Benchmarks`, or autoscaling
            recommendation. Anything else gives
            its ``repr``.
    """
    if isinstance(obj, Benchmarks):
        return _tables.benchmarks_text(obj)
    if isinstance(obj, DescribeInferenceRecommendationsJobResponse):
        duration, estimated = took(obj)
        note = f", {NO_COMPLETION_TIME}" if estimated else ""
        lines = [
            safe_text(
                f"{obj.job_name}  {wire_text(obj.status)}  ({wire_text(obj.job_type)} job, "
                f"created {format_time(obj.creation_time)}, took {duration}{note})",
                None,
            )
        ]
        if obj.job_description:
            lines.append(shorten(obj.job_description, 100))
        if obj.failure_reason:
            lines.append(f"Failure: {shorten(obj.failure_reason, 200)}")
        bench = Benchmarks(obj)
        if bench:
            lines.append(table_text(BENCHMARK_TABLE_COLUMNS, bench, index=True))
        else:
            lines.append(no_recommendations(obj))
        return "\n".join(lines)
    if isinstance(obj, ListInferenceRecommendationsJobStepsResponse):
        steps = obj.steps or ()
        head = _steps_caption(steps, obj.next_token is not None)
        return head + (
            "\n" + table_text(BENCHMARK_TABLE_COLUMNS, Benchmarks(steps), index=True)
            if steps
            else ""
        )
    if isinstance(
        obj, InferenceRecommendationsJobStep | InferenceRecommendation | EndpointPerformance
    ):
        return table_text(BENCHMARK_TABLE_COLUMNS, [Benchmark.from_item(obj)], index=False)
    if isinstance(obj, ListInferenceRecommendationsJobsResponse):
        jobs = obj.inference_recommendations_jobs
        head = count(len(jobs), "job") + (_MORE if obj.next_token else "")
        return head + ("\n" + table_text(JOB_TABLE_COLUMNS, jobs, index=True) if jobs else "")
    if isinstance(obj, InferenceRecommendationsJob):
        return table_text(JOB_TABLE_COLUMNS, [obj], index=False)
    if isinstance(obj, GetScalingConfigurationRecommendationResponse):
        rows = _scaling_rows(obj)
        width = max(len(label) for label, _ in rows)
        # Names and metric kinds are AWS's text: one safe line each.
        return "\n".join(f"{label + ':':<{width + 1}} {one_line(value)}" for label, value in rows)
    own = getattr(obj, "_irclient_summary", None)
    if callable(own):
        text: str = own()
        return text
    return repr(obj)
