"""The benchmark metrics irclient ranks by: one list that the analysis and the CLI both read.

Standard library only, so that the command line can offer ``--rank-by`` choices (and answer
``--help``) without loading the analysis, attrs or the models.
"""

from __future__ import annotations

import typing
from typing import Literal

Metric = Literal[
    "cost_per_inference",
    "cost_per_hour",
    "model_latency",
    "max_invocations",
    "cpu_utilization",
    "memory_utilization",
    "model_setup_time",
]
"""A metric :func:`irclient.analysis.rank` can order by (an attribute of ``Benchmark``)."""

RANKABLE_METRICS: tuple[str, ...] = typing.get_args(Metric)
"""The values of :data:`Metric`, in the order above."""

HIGHER_IS_BETTER = frozenset({"max_invocations"})
"""The metrics ranked highest first; every other ranks lowest first."""

IMPORTANCE_LEVELS: tuple[str, ...] = ("lowest", "low", "medium", "high", "highest")
"""The importance levels of a weighted ranking, least important first (weights 1 to 5)."""
