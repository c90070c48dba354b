"""Values that must not be printed: environment variables whose names look secret.

A model's container environment often carries credentials (``HUGGING_FACE_HUB_TOKEN``,
``DB_PASSWORD``, ``API_KEY``). Wherever irclient shows an environment (a conflict, a dry run,
a deployment's result, a log line), the value of a variable whose name contains one of
:data:`SECRET_WORDS` is replaced by :data:`HIDDEN`; the name is still shown. Over-hiding a
harmless variable (``MONKEY_MODE``) is the accepted cost of never leaking a real one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["HIDDEN", "SECRET_WORDS", "hide_secret_values", "looks_secret", "shown_value"]

SECRET_WORDS: Final = ("token", "secret", "password", "passwd", "key", "credential")
"""Parts of a variable's name (any case) that make its value secret."""

HIDDEN: Final = "<hidden>"
"""What is printed in place of a secret value."""

_ENVIRONMENT_MEMBERS: Final = frozenset({"Environment"})
"""Request and response members that hold a name-to-value environment map."""
_PAIR_LISTS: Final = frozenset({"EnvironmentParameters"})
"""Members that hold an environment as a list of ``{"Key": name, "Value": value}``."""


def looks_secret(name: object) -> bool:
    """Whether an environment variable of this name may hold a secret."""
    lowered = str(name).lower()
    return any(word in lowered for word in SECRET_WORDS)


def shown_value(name: object, value: object) -> object:
    """``value`` as it may be printed: :data:`HIDDEN` when ``name`` looks secret."""
    return HIDDEN if looks_secret(name) else value


def hide_secret_values(data: Any) -> Any:
    """A copy of JSON-like ``data`` with the secret values of every environment hidden.

    Environments are the ``Environment`` maps (a container's) and the ``EnvironmentParameters``
    lists of ``Key``/``Value`` pairs (a recommendation's), at any depth; everything else is
    copied as it is.
    """
    if isinstance(data, Mapping):
        out: dict[Any, Any] = {}
        for key, value in data.items():
            if key in _ENVIRONMENT_MEMBERS and isinstance(value, Mapping):
                out[key] = {name: shown_value(name, v) for name, v in value.items()}
            elif key in _PAIR_LISTS and isinstance(value, list | tuple):
                out[key] = [_hide_pair(pair) for pair in value]
            else:
                out[key] = hide_secret_values(value)
        return out
    if isinstance(data, list | tuple):
        return [hide_secret_values(item) for item in data]
    return data


def _hide_pair(pair: Any) -> Any:
    if isinstance(pair, Mapping) and "Value" in pair:
        return {**pair, "Value": shown_value(pair.get("Key"), pair["Value"])}
    return hide_secret_values(pair)
