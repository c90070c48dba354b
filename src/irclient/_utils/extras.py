"""The optional dependencies of the notebook helpers: one loader, one message.

pandas, matplotlib and adjustText come with ``pip install 'irclient[notebook]'``; whatever
needs one loads it here, on first use, so that importing irclient never pays for them.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["NOTEBOOK_EXTRA", "require"]

NOTEBOOK_EXTRA = "pip install 'irclient[notebook]'"
"""How to install the notebook helpers' dependencies."""


def require(module: str, function: str) -> Any:
    """Import an optional module, or say which extra brings it.

    Args:
        module: The module (``pandas``, ``matplotlib.pyplot``).
        function: What needs it, for the message.

    Raises:
        ImportError: The module is not installed; the message says how to install it.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{function} needs {module.split('.')[0]}, which is not installed; "
            f"install it with {NOTEBOOK_EXTRA}",
            name=exc.name,
        ) from exc
