"""Optional dependencies: one way to load them, one message when one is missing.

irclient's extras (``testing`` for moto, ``notebook`` for pandas, matplotlib, adjustText and
tqdm) are loaded only by the features that need them. Every such feature loads its library
through :func:`require`, so a missing one always reads the same way, names the feature that
needed it and the command that installs it.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from typing import Any

__all__ = ["available", "install_command", "missing_message", "require"]


def install_command(extra: str) -> str:
    """The pip command that installs an extra of irclient."""
    return f"pip install 'irclient[{extra}]'"


def missing_message(*, feature: str, library: str, extra: str) -> str:
    """The one sentence irclient says when an optional library is missing.

    Args:
        feature: What needed it, as the user called it (``to_dataframe()``, ``irclient demo``).
        library: The distribution to install (``pandas``).
        extra: irclient's extra that brings it (``notebook``).
    """
    return (
        f"{feature} needs {library}, which is not installed; "
        f"install the {extra} extra: {install_command(extra)}"
    )


def require(module: str, *, feature: str, extra: str) -> ModuleType:
    """Import an optional module, or raise ImportError with :func:`missing_message`.

    Args:
        module: The module to import (``tqdm.auto``); its top-level package names the library.
        feature: What needs it, for the message.
        extra: irclient's extra that brings it.

    Raises:
        ImportError: The module is not installed (``name`` is the missing module).
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        library = module.split(".")[0]
        raise ImportError(
            missing_message(feature=feature, library=library, extra=extra), name=exc.name
        ) from exc


def available(module: str) -> bool:
    """Whether an optional module can be imported, without importing it."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package missing, or set to None in sys.modules
        return False


def progress_bar_class(feature: str) -> Any:
    """Tqdm's progress bar class: a widget in Jupyter when it can be one, text otherwise.

    ``tqdm.auto`` picks the notebook widget in a Jupyter kernel, and without ipywidgets
    that widget warns ("IProgress not found") and falls back to text. irclient asks for
    the widget only where ipywidgets is installed, and otherwise uses tqdm's text bar
    from the start, with no warning.

    Args:
        feature: What needs it, for the message when tqdm is missing.

    Raises:
        ImportError: tqdm is not installed.
    """
    module = "tqdm.auto" if available("ipywidgets") else "tqdm.std"
    return require(module, feature=feature, extra="notebook").tqdm
