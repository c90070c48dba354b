"""What in a resource found on AWS differs from what irclient would create or has sent.

Used wherever irclient decides whether something that exists is its own: deploy's converger
(a model, an endpoint configuration, a scaling policy) and the safe Create of a job whose
response was lost. Members the wanted side does not set are ignored, because AWS fills in
defaults a request leaves out (a variant weight of 1.0, say). An environment is compared
whole (a variable too many changes what runs), and reported key by key: each line names
the variable, and a value whose name looks secret is never shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .secrets import shown_value

__all__ = ["differences"]


def differences(wanted: Any, found: Any, path: str = "") -> list[str]:
    """One line per member of ``found`` that differs from ``wanted``: ``path: wanted X, found Y``.

    Args:
        wanted: What irclient would send (or sent), in wire form.
        found: What AWS describes.
        path: The dotted path of ``wanted`` inside the whole (for the lines).

    Returns:
        The differences; empty when ``found`` is the same as far as ``wanted`` says.
    """
    if isinstance(wanted, Mapping):
        if not isinstance(found, Mapping):
            return [f"{path}: wanted a structure, found {_short(found)}"]
        if path.endswith("Environment"):
            return _environment_differences(wanted, found, path)
        out: list[str] = []
        for key, value in wanted.items():
            out.extend(differences(value, found.get(key), f"{path}.{key}" if path else key))
        return out
    if isinstance(wanted, list | tuple):
        if not isinstance(found, list | tuple) or len(found) != len(wanted):
            count = len(found) if isinstance(found, list | tuple) else None
            return [f"{path}: wanted {len(wanted)} items, found {_count(count, found)}"]
        out = []
        for index, (a, b) in enumerate(zip(wanted, found, strict=True)):
            out.extend(differences(a, b, f"{path}[{index}]"))
        return out
    if isinstance(wanted, float) and isinstance(found, int | float) and not isinstance(found, bool):
        return [] if float(found) == wanted else [f"{path}: wanted {wanted!r}, found {found!r}"]
    return [] if wanted == found else [f"{path}: wanted {wanted!r}, found {found!r}"]


def _environment_differences(
    wanted: Mapping[Any, Any], found: Mapping[Any, Any], path: str
) -> list[str]:
    out = []
    for name in sorted({*wanted, *found}, key=str):
        here = f"{path}.{name}"
        if name not in found:
            out.append(f"{here}: wanted {shown_value(name, wanted[name])!r}, not set")
        elif name not in wanted:
            out.append(f"{here}: not wanted, found {shown_value(name, found[name])!r}")
        elif wanted[name] != found[name]:
            shown, other = shown_value(name, wanted[name]), shown_value(name, found[name])
            out.append(
                f"{here}: the values differ (not shown: the name looks secret)"
                if shown != wanted[name]
                else f"{here}: wanted {shown!r}, found {other!r}"
            )
    return out


def _count(count: int | None, found: Any) -> str:
    return f"{count}" if count is not None else _short(found)


def _short(value: Any) -> str:
    """A found value named by its kind, not its content (it may be large, or hold secrets)."""
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a structure"
    if isinstance(value, list | tuple):
        return f"{len(value)} items"
    return repr(value)
