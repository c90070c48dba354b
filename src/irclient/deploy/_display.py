"""How a deployment shows: the command line's summary, ``str()``, and Jupyter's table.

The one renderer of a deployment, classic (:class:`~irclient.deploy.Deployment`) or as
inference components (:class:`~irclient.deploy.ComponentDeployment`): their ``__str__``
and ``_repr_html_`` come here, the command line prints ``str()``, and
:func:`irclient.display.summary` and :func:`~irclient.display.render_html` reach it through
the objects' own hooks, so that the display module does not import the deploy package.
Names come from AWS and the user: each line is one safe line, each cell escaped; secret
environment values are hidden wherever a request is shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._utils.format import one_line, wire_text
from .._utils.secrets import hide_secret_values, shown_value
from .._utils.tables import count, wrap
from .._utils.text import safe_html

if TYPE_CHECKING:
    from ._components import ComponentDeployment
    from ._results import Deployment, PlannedRequest, ScalingDeployment

__all__ = [
    "component_html",
    "component_text",
    "deployment_html",
    "deployment_text",
    "not_done",
    "scaling_html",
    "scaling_text",
]


def _outcome(
    kind: str,
    created: Sequence[str],
    adopted: Sequence[str],
    dry: bool,
    pending: Sequence[str] = (),
) -> str:
    if kind in pending:
        return "not done"
    if kind in created:
        return "would be created" if dry else "created"
    if kind in adopted:
        return "exists with the same configuration, kept"
    return "the job's own model, used as it is"


def not_done(dep: Deployment) -> list[str]:
    """What a deployment (and its autoscaling) did not do, when a failure stopped it."""
    scaling = dep.scaling
    return [*dep.not_done, *(scaling.not_done if scaling is not None else ())]


def _params(request: PlannedRequest) -> str:
    return json.dumps(hide_secret_values(request.params), sort_keys=True)


def _request_lines(requests: Sequence[PlannedRequest], dry: bool) -> list[str]:
    """A dry run's requests, one line each, secret environment values hidden."""
    if not dry:
        return []
    return [
        f"Dry run: nothing was sent; {count(len(requests), 'request')} would be "
        "(secret values hidden):",
        *("  " + one_line(f"{r.operation} {_params(r)}") for r in requests),
    ]


def _text(head: str, rows: list[tuple[str, str]], notes: list[str], tail: list[str]) -> str:
    """A head line, one line per resource, notes, then ``tail`` (lines already made safe)."""
    lines = [one_line(head), *("  " + one_line(f"{what}: {outcome}") for what, outcome in rows)]
    lines += ["  " + one_line(note) for note in notes]
    lines += tail
    return "\n".join(lines)


def _rows_html(rows: list[tuple[str, str]], caption: str) -> str:
    cells = "".join(
        f"<tr><th>{safe_html(what)}</th><td>{safe_html(outcome)}</td></tr>"
        for what, outcome in rows
    )
    return f'<table class="irclient-table"><caption>{safe_html(caption)}</caption>{cells}</table>'


def _head(endpoint: str, status: str | None, dry: bool) -> str:
    state = "dry run, nothing sent" if dry else wire_text(status) or "n/a"
    return f"Endpoint {endpoint}: {state}"


# --------------------------------------------------------------------------- classic


def _deployment_rows(dep: Deployment) -> list[tuple[str, str]]:
    """Each resource of a deployment (and its autoscaling), and what became of it."""
    dry = dep.dry_run
    status = f", {wire_text(dep.endpoint_status)}" if dep.endpoint_status else ""
    rows = [
        (f"model {dep.model_name}", _outcome("model", dep.created, dep.adopted, dry, dep.not_done)),
        (
            f"endpoint configuration {dep.endpoint_config_name}",
            _outcome("endpoint configuration", dep.created, dep.adopted, dry, dep.not_done),
        ),
        (
            f"endpoint {dep.endpoint_name}",
            _outcome("endpoint", dep.created, dep.adopted, dry, dep.not_done) + status,
        ),
    ]
    if dep.scaling is not None:
        rows.extend(_scaling_deployment_rows(dep.scaling))
    return rows


def _environment_notes(dep: Deployment) -> list[str]:
    """Every change to the base model's environment, and every value not applied."""
    notes = []
    if dep.environment_added:
        added = ", ".join(
            f"{name}={shown_value(name, value)}"
            for name, value in sorted(dep.environment_added.items())
        )
        notes.append(f"environment added to the base model's: {added}")
    if dep.environment_kept:
        notes.append(
            "environment kept as the base model sets it (the recommendation's values not "
            f"applied): {', '.join(dep.environment_kept)}"
        )
    return notes


def _scaling_deployment_rows(scaling: ScalingDeployment) -> list[tuple[str, str]]:
    dynamic = scaling.recommendation.dynamic_scaling_configuration
    dry = scaling.dry_run
    span = f"{dynamic.min_capacity} to {dynamic.max_capacity} instances" if dynamic else "n/a"
    rows = [
        (
            f"scalable target {scaling.resource_id} ({span})",
            _outcome("scalable target", scaling.created, scaling.adopted, dry, scaling.not_done),
        )
    ]
    for name in scaling.policy_names:
        kind = f"scaling policy {name}"
        rows.append((kind, _outcome(kind, scaling.created, scaling.adopted, dry, scaling.not_done)))
    return rows


def deployment_text(dep: Deployment) -> str:
    """The summary the command line prints: the endpoint's status, then each resource."""
    notes = _environment_notes(dep)
    if dep.scaling is not None:
        notes += [f"scaling advice skipped: {reason}" for reason in dep.scaling.skipped]
    requests = [*dep.requests, *(dep.scaling.requests if dep.scaling else ())]
    tail = _request_lines(requests, dep.dry_run)
    missing = not_done(dep)
    if missing:
        tail.append(one_line(f"Incomplete; not done: {', '.join(missing)}"))
    head = _head(dep.endpoint_name, dep.endpoint_status, dep.dry_run)
    subtitle = f"Recommendation {dep.recommendation_id} of job {dep.job_name}"
    return one_line(head) + "\n" + _text(subtitle, _deployment_rows(dep), notes, tail)


def deployment_html(dep: Deployment) -> str:
    """The summary as an HTML table, for Jupyter."""
    head = _head(dep.endpoint_name, dep.endpoint_status, dep.dry_run)
    caption = f"{head} (recommendation {dep.recommendation_id} of job {dep.job_name})"
    return wrap(_rows_html(_deployment_rows(dep), caption))


def scaling_text(scaling: ScalingDeployment) -> str:
    """The autoscaling put in place (or, in a dry run, that would be), one line each."""
    head = "Autoscaling" + (" (dry run, nothing sent)" if scaling.dry_run else "")
    return _text(head, _scaling_deployment_rows(scaling), [], [])


def scaling_html(scaling: ScalingDeployment) -> str:
    """The autoscaling as an HTML table, for Jupyter."""
    return wrap(_rows_html(_scaling_deployment_rows(scaling), "Autoscaling"))


# --------------------------------------------------------------------------- components


def _component_rows(dep: ComponentDeployment) -> list[tuple[str, str]]:
    """Each resource of a deployment as inference components, and what became of it."""
    dry, pending = dep.dry_run, dep.not_done

    def outcome(kind: str, status: str | None = None) -> str:
        shown = f", {wire_text(status)}" if status else ""
        return _outcome(kind, dep.created, dep.adopted, dry, pending) + shown

    each = f"{dep.min_memory_required_in_mb} MB"
    if dep.accelerator_devices is not None:
        each += f", {dep.accelerator_devices:g} accelerators"
    component = f"inference component {dep.inference_component_name}"
    rows = [
        (f"model {dep.model_name}", outcome("model")),
        (f"endpoint configuration {dep.endpoint_config_name}", outcome("endpoint configuration")),
        (f"endpoint {dep.endpoint_name}", outcome("endpoint", dep.endpoint_status)),
        (
            f"{component} ({dep.copy_count} {'copy' if dep.copy_count == 1 else 'copies'}, "
            f"each {each})",
            outcome(component, dep.component_status),
        ),
    ]
    rows += [
        (f"adapter inference component {name}", outcome(f"inference component {name}"))
        for name in dep.adapter_component_names
    ]
    if dep.autoscaled:
        resource = f"inference-component/{dep.inference_component_name}"
        rows.append((f"scalable target {resource} (copy count)", outcome("scalable target")))
        rows += [
            (label, outcome(label))
            for label in (*dep.created, *dep.adopted, *pending)
            if label.startswith("scaling policy ")
        ]
    return rows


def component_text(dep: ComponentDeployment) -> str:
    """The summary of a deployment as inference components, as the command line prints it."""
    tail = _request_lines(dep.requests, dep.dry_run)
    if dep.not_done:
        tail.append(one_line(f"Incomplete; not done: {', '.join(dep.not_done)}"))
    head = _head(dep.endpoint_name, dep.endpoint_status, dep.dry_run)
    subtitle = f"AI recommendation {dep.recommendation_index} of job {dep.job_name}"
    return one_line(head) + "\n" + _text(subtitle, _component_rows(dep), [], tail)


def component_html(dep: ComponentDeployment) -> str:
    """The summary of a deployment as inference components, as an HTML table for Jupyter."""
    head = _head(dep.endpoint_name, dep.endpoint_status, dep.dry_run)
    caption = f"{head} (AI recommendation {dep.recommendation_index} of job {dep.job_name})"
    return wrap(_rows_html(_component_rows(dep), caption))
