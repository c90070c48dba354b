"""Wires the generated models to the converter and the HTML display, loading both on first use.

The generated models import nothing of irclient; ``irclient/__init__`` installs this codec
into them. It imports :mod:`irclient.serde` (cattrs and the converters) only when a model is
first converted, so that ``import irclient`` stays as cheap as the standard library.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .models import _base

T = TypeVar("T")


class LazyCodec:
    """The codec the models call for ``from_dict``, ``to_dict`` and ``_repr_html_``."""

    html_renderer: Callable[[_base.Shape], str | None] | None = None
    """Set by :mod:`irclient.display` to render models as HTML in Jupyter."""

    def structure(self, data: Mapping[str, Any], cls: type[T]) -> T:
        """Build ``cls`` from its wire form."""
        from . import serde

        return serde.structure(data, cls)

    def unstructure(self, obj: _base.Shape) -> dict[str, Any]:
        """The wire form of ``obj``."""
        from . import serde

        return serde.to_wire(obj)

    def html(self, obj: _base.Shape) -> str | None:
        """HTML for Jupyter, or None for the plain repr."""
        renderer = self.html_renderer
        if renderer is None:
            from . import display  # the first render loads the tables

            display.install()
            renderer = display.render_html
        return renderer(obj)


CODEC = LazyCodec()
_base.install_codec(CODEC)
