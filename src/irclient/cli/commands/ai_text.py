"""How ``irclient ai`` shows the generative-AI resources as text: summaries and tables.

AWS text (names, reasons, descriptions, environment values) is shortened to one line here
and made safe where it is printed (the command line's standard output is a sanitising
stream).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..._utils.format import format_time, one_line, shorten
from ..._utils.tables import Column, table_text
from .._ai_requests import Resource

__all__ = ["describe", "listing"]


def _status(resource: Resource, item: Any) -> str | None:
    value = getattr(item, f"{resource.method}_status", None)
    return None if value is None else one_line(value)


def listing(resource: Resource, items: Sequence[Any]) -> str:
    """A table of a List operation's items."""
    if not items:
        return f"No {resource.noun} {'jobs' if resource.job else 'configurations'}."
    columns = [Column("Name", lambda i: one_line(getattr(i, resource.attribute)))]
    if resource.job:
        columns.append(Column("Status", lambda i: _status(resource, i)))
    columns.append(Column("Created", lambda i: format_time(i.creation_time)))
    if resource.job:
        columns.append(Column("Ended", lambda i: format_time(i.end_time), optional=True))
    if resource.noun == "benchmark":
        columns.append(
            Column(
                "Workload",
                lambda i: (
                    one_line(i.ai_workload_config_name) if i.ai_workload_config_name else None
                ),
                optional=True,
            )
        )
    return table_text(columns, list(items), index=False, limit=None)


def describe(resource: Resource, found: Any) -> str:
    """A summary of a Describe response."""
    name = one_line(getattr(found, resource.attribute))
    if not resource.job:
        spec = found.ai_workload_configs
        inline = spec.workload_spec.inline if spec is not None else None
        lines = [f"{name}  (created {format_time(found.creation_time)})"]
        if inline:
            lines += ["Workload:"] + [f"  {one_line(line)}" for line in inline.splitlines()]
        return "\n".join(lines)
    status = _status(resource, found)
    lines = [f"{name}  {status}  (created {format_time(found.creation_time)})"]
    if found.failure_reason:
        lines.append(f"Failure: {shorten(one_line(found.failure_reason), 300)}")
    if resource.noun == "benchmark":
        lines += _benchmark(found)
    else:
        lines += _recommendations(found)
    return "\n".join(lines)


def _benchmark(found: Any) -> list[str]:
    target = found.benchmark_target.endpoint
    lines = []
    if target is not None:
        lines.append(f"Endpoint: {one_line(target.identifier)}")
    lines.append(f"Workload: {one_line(found.ai_workload_config_identifier)}")
    lines.append(f"Results: {one_line(found.output_config.s3_output_location)}")
    for entry in found.output_config.cloud_watch_logs or ():
        group = str(entry.log_group_arn or "").split(":log-group:", 1)[-1]
        lines.append(f"Log: {one_line(group)}:{one_line(entry.log_stream_name)}")
    return lines


def _value(recommendation: Any, metric: str) -> str | None:
    for entry in recommendation.expected_performance or ():
        if entry.metric == metric:
            unit = f" {entry.unit}" if entry.unit else ""
            return one_line(f"{entry.value}{unit}")
    return None


def _recommendations(found: Any) -> list[str]:
    recommendations = list(found.recommendations or ())
    if not recommendations:
        return ["No recommendations (yet)."]

    def deployment(attribute: str) -> Any:
        return lambda r: getattr(r.deployment_configuration, attribute, None)

    columns = [
        Column("Instance type", lambda r: one_line(deployment("instance_type")(r))),
        Column("Copies", lambda r: str(deployment("copy_count_per_instance")(r)), numeric=True),
        Column(
            "Optimised",
            lambda r: (
                ", ".join(str(d.optimization_type) for d in r.optimization_details or ()) or "no"
            ),
        ),
        Column("TTFT", lambda r: _value(r, "ttft-ms"), numeric=True),
        Column("Throughput", lambda r: _value(r, "throughput"), numeric=True),
        Column("Cost", lambda r: _value(r, "cost"), numeric=True),
    ]
    return [
        f"{len(recommendations)} recommendation(s), best first:",
        table_text(columns, recommendations, index=True, limit=None),
    ]
