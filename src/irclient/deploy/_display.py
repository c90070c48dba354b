"""How a deployment shows: the command line's summary, ``str()``, and Jupyter's table.

:meth:`Deployment.__str__ <irclient.deploy.Deployment>` and ``_repr_html_`` come here, and
:func:`irclient.display.summary` and :func:`~irclient.display.render_html` reach it through
the objects' own hooks, so that the display module does not import the deploy package.
Names come from AWS and the user: each line is one safe line, each cell escaped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._utils.format import one_line, wire_text
from .._utils.tables import count, wrap
from .._utils.text import safe_html

if TYPE_CHECKING:
    from ._results import Deployment, ScalingDeployment

__all__ = ["deployment_html", "deployment_text", "scaling_html", "scaling_text"]


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


def _deployment_head(dep: Deployment) -> str:
    state = "dry run, nothing sent" if dep.dry_run else wire_text(dep.endpoint_status) or "n/a"
    return f"Endpoint {dep.endpoint_name}: {state}"


def deployment_text(dep: Deployment) -> str:
    """The summary the command line prints: the endpoint's status, then each resource."""
    # Names come from AWS and the user: each line is one safe line.
    lines = [
        one_line(_deployment_head(dep)),
        one_line(f"Recommendation {dep.recommendation_id} of job {dep.job_name}"),
        *("  " + one_line(f"{what}: {outcome}") for what, outcome in _deployment_rows(dep)),
    ]
    requests = [*dep.requests, *(dep.scaling.requests if dep.scaling else ())]
    if dep.dry_run:
        lines.append(f"Dry run: nothing was sent; {count(len(requests), 'request')} would be:")
        lines.extend(
            "  " + one_line(f"{r.operation} {json.dumps(r.params, sort_keys=True)}")
            for r in requests
        )
    return "\n".join(lines)


def _rows_html(rows: list[tuple[str, str]], caption: str) -> str:
    cells = "".join(
        f"<tr><th>{safe_html(what)}</th><td>{safe_html(outcome)}</td></tr>"
        for what, outcome in rows
    )
    return f'<table class="irclient-table"><caption>{safe_html(caption)}</caption>{cells}</table>'


def deployment_html(dep: Deployment) -> str:
    """The summary as an HTML table, for Jupyter."""
    caption = (
        f"{_deployment_head(dep)} (recommendation {dep.recommendation_id} of job {dep.job_name})"
    )
    return wrap(_rows_html(_deployment_rows(dep), caption))


def scaling_text(scaling: ScalingDeployment) -> str:
    """The autoscaling put in place (or, in a dry run, that would be), one line each."""
    head = "Autoscaling" + (" (dry run, nothing sent)" if scaling.dry_run else "")
    rows = _scaling_deployment_rows(scaling)
    return "\n".join([head, *("  " + one_line(f"{w}: {o}") for w, o in rows)])


def scaling_html(scaling: ScalingDeployment) -> str:
    """The autoscaling as an HTML table, for Jupyter."""
    return wrap(_rows_html(_scaling_deployment_rows(scaling), "Autoscaling"))
