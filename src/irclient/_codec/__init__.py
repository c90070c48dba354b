"""Wires the generated models to the converter and the HTML display, loading both on first use.

The generated models import nothing of irclient; importing this module (``irclient/__init__``
does) installs the codec into them. It imports :mod:`irclient.serde` (cattrs and the
converters) only when a model is first converted, and :mod:`irclient.display` only when one is
first shown in Jupyter, so that ``import irclient`` stays as cheap as the standard library.
Neither imports this module back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..models import _base

T = TypeVar("T")


class LazyCodec:
    """The codec the models call for ``from_dict``, ``to_dict`` and ``_repr_html_``."""

    def structure(self, data: Mapping[str, Any], cls: type[T]) -> T:
        """Build ``cls`` from its wire form."""
        from .. import serde

        return serde.structure(data, cls)

    def unstructure(self, obj: _base.Shape) -> dict[str, Any]:
        """The wire form of ``obj``."""
        from .. import serde

        return serde.to_wire(obj)

    def html(self, obj: _base.Shape) -> str | None:
        """HTML for Jupyter, or None for the plain repr."""
        # The first render loads the display (and the analysis under it); later renders find
        # it in sys.modules. The display never imports this module, so the edge runs one way.
        from ..display import render_html

        return render_html(obj)


CODEC = LazyCodec()
_base.install_codec(CODEC)
