"""The fast path of validation: one yes-or-no question per class, compiled to Python once.

Nearly every request is valid. The detailed checker (``_engine``) builds a path string, a
closure call and a list for every member so that it can name each fault; to say "valid, with
no warnings" none of that is needed. For each model class this module writes the source of
one function that answers only that question, with the constraints inlined as constants
(lengths before patterns, enum membership by a frozenset, each pattern compiled once), and
compiles it. When it answers no, the detailed checker runs and reports every violation with
its path, exactly as it always did; so this path decides only how fast a valid request
passes, never what an invalid one is told.

It is exactly as strict as the detailed checker, no more and no less: the tests hold the
two to the same answer on valid and near-miss requests of every class.
"""

from __future__ import annotations

import datetime
import functools
import threading
from collections.abc import Callable, Mapping
from typing import Any

from .. import rules
from ..models import _base, _specs
from ._patterns import LONE_SURROGATE, compile_pattern

__all__ = ["botocore_enum", "passes"]

Fast = Callable[[Any], bool]

_FAST: dict[type[_base.Shape], Fast] = {}
_LOCK = threading.Lock()


def passes(request: _base.Shape) -> bool:
    """Whether ``request`` (an instance of a model class) breaks nothing and warns of nothing."""
    cls = type(request)
    fast = _FAST.get(cls)
    if fast is None:
        fast = _compile(cls)
    return fast(request)


class _Writer:
    """Writes the source of the fast functions of a class and of every class it nests."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {
            "datetime": datetime.datetime,
            "Mapping": Mapping,
        }
        self.functions: list[str] = []
        self.classes: dict[type[_base.Shape], str] = {}
        self._constants: dict[int, str] = {}
        self._containers = 0

    def constant(self, value: Any, stem: str) -> str:
        """A global name for ``value`` in the generated module."""
        name = self._constants.get(id(value))
        if name is None:
            name = f"{stem}{len(self.names)}"
            self.names[name] = value
            self._constants[id(value)] = name
        return name

    def class_function(self, cls: type[_base.Shape]) -> str:
        """The name of ``cls``'s function, writing it (and its nested classes') on first use."""
        name = self.classes.get(cls)
        if name is None:
            name = self.classes[cls] = f"ok_{cls.__name__}"
            self.functions.append(self._class_source(cls, name))
        return name

    def _class_source(self, cls: type[_base.Shape], name: str) -> str:
        lines = [f"def {name}(v):"]
        for field in _specs.SPECS[cls]:
            lines.append(f"    x = v.{field.name}")
            lines.append("    if x is None:")
            lines.append(f"        {'return False' if field.required else 'pass'}")
            lines.append(f"    elif not ({self.value_test(field.type, 'x')}):")
            lines.append("        return False")
        # Members a response carried that the models do not know cannot be sent.
        lines.append("    if getattr(v, '_unknown_members', None):")
        lines.append("        return False")
        for rule in rules.rules_for(cls):
            # Any finding, error or warning, is a no: the detailed check reports it. A rule
            # that needs an unset member can find nothing, and is not called.
            unset = " or ".join(f"v.{attr} is None" for attr in rule.needs)
            indent = "    "
            if unset:
                lines.append(f"    if not ({unset}):")
                indent += "    "
            check = self.constant(rule.check, "K")
            lines += [
                f"{indent}try:",
                f"{indent}    for _ in {check}(v):",
                f"{indent}        return False",
                f"{indent}except (AttributeError, TypeError):",  # a mistyped member
                f"{indent}    return False",
            ]
        lines.append("    return True")
        return "\n".join(lines)

    def value_test(self, spec: _base.TypeSpec, var: str) -> str:
        """A Python expression, true when the value in ``var`` keeps every rule of ``spec``."""
        kind = spec.kind
        if kind == "string":
            return self._string_test(spec, var)
        if kind in ("integer", "long", "float", "double"):
            if kind in ("integer", "long"):
                test = f"type({var}) is int"
            else:
                test = f"type({var}) in (int, float)"
            # "not x < lo" and not "x >= lo": a NaN breaks no bound, as in the detailed check.
            if spec.min is not None:
                test += f" and not {var} < {spec.min!r}"
            if spec.max is not None:
                test += f" and not {var} > {spec.max!r}"
            return test
        if kind == "boolean":
            return f"type({var}) is bool"
        if kind == "timestamp":
            return (
                f"isinstance({var}, datetime) and {var}.tzinfo is not None "
                f"and {var}.utcoffset() is not None"
            )
        if kind == "structure":
            assert spec.structure is not None
            cls = self.constant(spec.structure, "C")
            return f"isinstance({var}, {cls}) and {self.class_function(spec.structure)}({var})"
        # Lists and maps loop: a function of their own, called with the value.
        return f"{self._container_function(spec)}({var})"

    def _string_test(self, spec: _base.TypeSpec, var: str) -> str:
        test = f"isinstance({var}, str)"
        if spec.min is not None and spec.max is not None:
            test += f" and {spec.min!r} <= len({var}) <= {spec.max!r}"
        elif spec.min is not None:
            test += f" and len({var}) >= {spec.min!r}"
        elif spec.max is not None:
            test += f" and len({var}) <= {spec.max!r}"
        # A lone surrogate is refused (see _engine._surrogate); ASCII text cannot hold one.
        test += f" and ({var}.isascii() or not {self.constant(_surrogate, 'S')}({var}))"
        if spec.pattern is not None:
            test += f" and {self.constant(compile_pattern(spec.pattern), 'P')}({var})"
        if spec.enum is not None:
            known = frozenset(spec.enum._value2member_map_)
            late = self.constant(_botocore_values(spec.shape), "B")
            test += f" and ({var} in {self.constant(known, 'E')} or {late}({var}))"
        return test

    def _container_function(self, spec: _base.TypeSpec) -> str:
        self._containers += 1
        name = f"ok_{spec.kind}{self._containers}_{spec.shape}"
        lines = [f"def {name}(c):"]
        if spec.kind == "list":
            assert spec.member is not None
            lines.append("    if not isinstance(c, (tuple, list)):")
            item = self.value_test(spec.member, "e")
            loop = [
                "    for e in c:",
                f"        if e is None or not ({item}):",
                "            return False",
            ]
        else:
            assert spec.key is not None and spec.value is not None
            lines.append("    if not isinstance(c, Mapping):")
            key = self.value_test(spec.key, "k")
            value = self.value_test(spec.value, "e")
            loop = [
                "    for k, e in c.items():",
                f"        if not ({key}) or e is None or not ({value}):",
                "            return False",
            ]
        lines.append("        return False")
        if spec.min is not None:
            lines += [f"    if len(c) < {spec.min!r}:", "        return False"]
        if spec.max is not None:
            lines += [f"    if len(c) > {spec.max!r}:", "        return False"]
        lines += [*loop, "    return True"]
        self.functions.append("\n".join(lines))
        return name


def _surrogate(value: str) -> bool:
    return LONE_SURROGATE.search(value) is not None


@functools.cache
def botocore_enum(shape: str) -> frozenset[str]:
    """Enum values the *installed* botocore knows: newer than the generated enums, maybe."""
    import botocore.session  # deferred: only reached for a value the generated enum lacks

    model = botocore.session.get_session().get_service_model("sagemaker")
    return frozenset(getattr(model.shape_for(shape), "enum", None) or ())


def _botocore_values(shape: str) -> Callable[[str], bool]:
    """Whether a value is one the installed botocore's enum has (newer than the models')."""

    def known(value: str) -> bool:
        return value in botocore_enum(shape)

    return known


def _compile(cls: type[_base.Shape]) -> Fast:
    """Write, compile and keep the fast functions of ``cls`` and of the classes it nests."""
    with _LOCK:
        known = _FAST.get(cls)
        if known is not None:
            return known
        writer = _Writer()
        writer.class_function(cls)
        namespace = dict(writer.names)
        # Generated from the service model's metadata alone (names, numbers, constants
        # passed by reference), never from user data: the same technique as attrs' and
        # cattrs' generated methods.
        source = "\n\n".join(writer.functions)
        exec(compile(source, f"<irclient fast check of {cls.__name__}>", "exec"), namespace)
        for nested, name in writer.classes.items():
            _FAST.setdefault(nested, namespace[name])
        return _FAST[cls]
