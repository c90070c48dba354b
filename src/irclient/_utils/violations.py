"""A bounded report of violations: the first few of each kind, then a count of the rest.

A request whose ``Tags`` holds 100,000 integers breaks the same rule 100,000 times; a report
listing each would be 100,000 lines that say one thing. Violations are grouped by kind (their
constraint, and their path with list indices left out: ``tags[].key``), the first
:data:`PER_KIND` of each kind are listed in the order they were found, and the rest of the
kind is one line, ``... and 99,995 more of the same kind``. Time and memory are linear in
the number of violations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

__all__ = ["PER_KIND", "violation_lines"]

PER_KIND = 5
"""How many violations of one kind a report lists before it only counts them."""

_INDEX = re.compile(r"\[\d+\]")


class _Violation(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def constraint(self) -> str: ...


def _kind(violation: _Violation) -> tuple[str, str]:
    return violation.constraint, _INDEX.sub("[]", violation.path)


def violation_lines(violations: Iterable[_Violation], *, per_kind: int = PER_KIND) -> Sequence[str]:
    """One line per violation, at most ``per_kind`` of each kind, then a count of the rest.

    Args:
        violations: The violations, in the order they were found.
        per_kind: How many of one kind are listed.

    Returns:
        The lines (each violation's ``str``), with ``... and N more of the same kind`` after
        the last listed violation of a kind that has more.
    """
    lines: list[str] = []
    shown: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], int] = {}
    for violation in violations:
        kind = _kind(violation)
        count = shown.get(kind, 0)
        if count < per_kind:
            shown[kind] = count + 1
            last[kind] = len(lines)
            lines.append(str(violation))
        else:
            hidden[kind] = hidden.get(kind, 0) + 1
    if not hidden:
        return lines
    after = {last[kind]: more for kind, more in hidden.items()}
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        more = after.get(index)
        if more:
            out.append(f"... and {more:,} more of the same kind")
    return out
