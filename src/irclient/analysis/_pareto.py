"""The Pareto front of two lower-is-better figures, one sweep for every kind of row."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


def pareto_sweep(
    items: Iterable[T],
    cost: Callable[[T], float | None],
    latency: Callable[[T], float | None],
    tie: Callable[[T], Any],
) -> list[T]:
    """The items no other beats on both ``cost`` and ``latency``, cheapest first.

    Items without either figure are left out; ``tie`` orders items equal on both, so the
    front does not depend on the order it is given.
    """
    candidates: list[tuple[float, float, T]] = []
    for item in items:
        item_cost, item_latency = cost(item), latency(item)
        if item_cost is not None and item_latency is not None:
            candidates.append((item_cost, item_latency, item))
    candidates.sort(key=lambda entry: (entry[0], entry[1], tie(entry[2])))
    front: list[tuple[float, float, T]] = []
    fastest = math.inf
    for entry in candidates:
        # Sorted by cost, so anything kept so far is at least as cheap: a newcomer survives
        # only by being strictly faster, or by tying the last kept point on both values.
        tied = bool(front) and entry[:2] == front[-1][:2]
        if entry[1] < fastest or tied:
            front.append(entry)
            fastest = min(fastest, entry[1])
    return [item for _, _, item in front]
