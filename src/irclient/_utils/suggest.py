"""Did-you-mean suggestions: the known values nearest a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["nearest"]


def nearest(value: str, known: Iterable[str], *, limit: int = 3) -> list[str]:
    """The known values closest to ``value``, best first (for "did you mean" messages).

    Values that share the longest prefix with ``value`` come first (``ml.c5.huge`` is nearer
    ``ml.c5.large`` than ``ml.c5d.large``), then the most similar by :mod:`difflib`.
    """

    def prefix(other: str) -> int:
        size = 0
        for a, b in zip(value.lower(), other.lower(), strict=False):
            if a != b:
                break
            size += 1
        return size

    scored = []
    for other in known:
        ratio = difflib.SequenceMatcher(None, value.lower(), other.lower()).ratio()
        if ratio >= _NEAR:
            scored.append((prefix(other), ratio, other))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [other for _, _, other in scored[:limit]]


_NEAR = 0.6
"""The least :mod:`difflib` similarity that makes a value a suggestion."""
