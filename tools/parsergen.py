"""Generate ``src/irclient/models/_parsers.py``: response parsers specialised to the models.

``tools/codegen.py`` calls :func:`render` with the same botocore service model it generates
the models from, so ``python tools/codegen.py --check`` covers this file too.

For every operation with an output shape the module gets one function that takes the decoded
JSON body of a successful response and builds the typed response model directly, one
generated function per structure and list shape on the way. The functions accept only the
clean, common form of a body; at the first thing outside it they raise ``Fallback`` and the
caller leaves the body to botocore's own parser and irclient's structuring. What the fast
functions accept, member by member:

* a JSON object; keys that are not members of the shape are ignored, as botocore's parser
  ignores them (the runtime installs these parsers only where the installed botocore's model
  has exactly the shapes they were generated from: see ``fingerprint``);
* every required member present and not null;
* strings, enum strings, integers (not booleans, within 64 bits), numbers (floats, NaN and
  the infinities included, or integers a float can hold) and booleans of exactly the JSON
  type botocore passes through (a wider integer falls back: the response rules take it out);
* timestamps as epoch seconds (an ISO string falls back), converted by the caller's
  converter exactly as botocore's ``parse_timestamp`` would;
* lists as JSON arrays without nulls.

A null optional member is the same as an absent one, as in botocore's parser.
* maps of strings to strings as JSON objects of strings (a read-only ``FrozenMap``); a map of
  any other value kind falls back.

A tagged union is built when exactly one known member is set, as botocore reads it; any other
union falls back. Documents and blobs are not in the closure; a shape of those kinds gets a
function that always falls back, so a new one in a later model is safe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

import botocore
from botocore import xform_name
from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

FILENAME = "_parsers.py"

_STRINGISH = ("string", "character")
_INTEGERS = ("integer", "long", "short", "byte")
_NUMBERS = ("float", "double")


def children(shape: Shape) -> list[Shape]:
    """The shapes ``shape`` holds: a structure's members in order, a list's member, a map's
    key and value; none for a scalar."""
    if isinstance(shape, StructureShape):
        return list(shape.members.values())
    if isinstance(shape, ListShape):
        return [shape.member]
    if isinstance(shape, MapShape):
        return [shape.key, shape.value]
    return []


def closure_of(
    roots: Iterable[Shape], check: Callable[[Shape], None] | None = None
) -> dict[str, Shape]:
    """Every shape reachable from ``roots``, depth first, in walk order.

    ``check`` sees each shape once, when it is reached and before what it holds.
    """
    seen: dict[str, Shape] = {}

    def walk(shape: Shape) -> None:
        if shape.name in seen:
            return
        seen[shape.name] = shape
        if check is not None:
            check(shape)
        for child in children(shape):
            walk(child)

    for root in roots:
        walk(root)
    return seen


def _outputs(model: ServiceModel, operations: Iterable[str]) -> list[Shape]:
    shapes = (model.operation_model(name).output_shape for name in operations)
    return [shape for shape in shapes if shape is not None]


def closure(model: ServiceModel, operations: Iterable[str]) -> dict[str, Shape]:
    """Every shape reachable from the operations' outputs, in walk order."""
    return closure_of(_outputs(model, operations))


def digest(shapes: dict[str, Shape]) -> str:
    """A hash of the output closure, recorded in the header like the models' digest."""
    raw = {name: shape._shape_model for name, shape in sorted(shapes.items())}
    blob = json.dumps(raw, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def fingerprint(model: ServiceModel, operations: Iterable[str]) -> str:
    """What parsing depends on in the output shapes, hashed.

    Kinds, members and their wire names, required members, list members, union and document
    flags; not documentation, constraints or enum values, which parsing does not read. The
    runtime (``irclient._codec.fastparse.fingerprint``) computes the same from the installed
    botocore's model and uses the generated parsers only when the two agree; a test holds
    the two functions to the same result.
    """
    seen: dict[str, Any] = {}

    def walk(shape: Shape) -> None:
        if shape.name in seen:
            return
        entry: dict[str, Any] = {"type": shape.type_name}
        seen[shape.name] = entry
        if isinstance(shape, StructureShape):
            entry["members"] = {
                name: [member.name, member.serialization.get("name", name)]
                for name, member in shape.members.items()
            }
            entry["required"] = sorted(shape.required_members)
            entry["union"] = bool(shape.is_tagged_union)
            entry["document"] = bool(shape.is_document_type)
        elif isinstance(shape, ListShape):
            entry["member"] = shape.member.name
        elif isinstance(shape, MapShape):
            entry["map"] = [shape.key.name, shape.value.name]
        for child in children(shape):
            walk(child)

    for output in _outputs(model, operations):
        walk(output)
    blob = json.dumps(seen, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def _enum_values(shape: Shape) -> list[str]:
    return list(getattr(shape, "enum", None) or [])


def _supported(shape: Shape) -> bool:
    """Whether the fast path builds this structure rather than always falling back."""
    if isinstance(shape, StructureShape):
        return not bool(shape.is_document_type)
    return True


def _needs_ts(shape: Shape, seen: frozenset[str] = frozenset()) -> bool:
    """Whether a timestamp is anywhere below ``shape`` (only those parsers take ``ts``)."""
    if shape.name in seen:
        return False
    seen = seen | {shape.name}
    if isinstance(shape, StructureShape):
        return _supported(shape) and any(_needs_ts(m, seen) for m in shape.members.values())
    if isinstance(shape, ListShape):
        return _needs_ts(shape.member, seen)
    return bool(shape.type_name == "timestamp")


def _call(shape: Shape, arg: str) -> str:
    return f"{_func(shape)}({arg}, ts)" if _needs_ts(shape) else f"{_func(shape)}({arg})"


def _params(shape: Shape, arg: str) -> str:
    return f"{arg}: Any, ts: Timestamp" if _needs_ts(shape) else f"{arg}: Any"


def _func(shape: Shape) -> str:
    if isinstance(shape, StructureShape):
        return f"_{shape.name}"
    return f"_map_{shape.name}" if isinstance(shape, MapShape) else f"_list_{shape.name}"


def _plain_string(shape: Shape) -> bool:
    return shape.type_name in _STRINGISH and not _enum_values(shape)


def _value_code(shape: Shape, var: str, indent: str) -> list[str]:
    """Lines that check ``var`` (known not to be None) and convert it in place."""
    kind = shape.type_name
    if isinstance(shape, StructureShape | ListShape | MapShape):
        return [f"{indent}{var} = {_call(shape, var)}"]
    if kind in _STRINGISH:
        lines = [f"{indent}if type({var}) is not str:", f"{indent}    raise Fallback"]
        if _enum_values(shape):
            # Unknown values stay plain strings, as in the tolerant structuring.
            lines.append(f"{indent}{var} = _E_{shape.name}.get({var}, {var})")
        return lines
    if kind in _INTEGERS:
        # Beyond 64 bits the response rules take an integer out (irclient._codec.misfits):
        # botocore's path does, so this one falls back to it.
        return [
            f"{indent}if type({var}) is not int or not -_LONG <= {var} < _LONG:",
            f"{indent}    raise Fallback",
        ]
    if kind in _NUMBERS:
        # An integer is a number too, while a float can hold it (as the response rules say).
        return [
            f"{indent}if type({var}) is not float and not "
            f"(type({var}) is int and -_FLOAT_MAX <= {var} <= _FLOAT_MAX):",
            f"{indent}    raise Fallback",
        ]
    if kind == "boolean":
        return [f"{indent}if type({var}) is not bool:", f"{indent}    raise Fallback"]
    if kind == "timestamp":
        return [f"{indent}{var} = ts({var})"]
    # blob and anything newer: botocore's parser decides.
    return [f"{indent}raise Fallback"]


def render_structure(shape: StructureShape) -> str:
    """The fast parser of one structure shape."""
    head = [
        f"def {_func(shape)}({_params(shape, 'd')}) -> shapes.{shape.name}:",
        f'    """``{shape.name}`` from its JSON object."""',
    ]
    if not _supported(shape):
        return "\n".join([*head[:1], "    # Documents are left to botocore.", *head[1:]]) + (
            "\n    del d\n    raise Fallback\n"
        )
    lines = [*head, "    if type(d) is not dict:", "        raise Fallback"]
    if shape.is_tagged_union:
        # botocore takes a union with exactly one known member set (``__type`` aside) as a
        # structure; anything else it refuses or turns into SDK_UNKNOWN_MEMBER: its call.
        keys = ", ".join(repr(m.serialization.get("name", n)) for n, m in shape.members.items())
        lines += [
            '    tags = [k for k, v in d.items() if v is not None and k != "__type"]',
            f"    if len(tags) != 1 or tags[0] not in ({keys},):",
            "        raise Fallback",
        ]
    required = set(shape.required_members)
    args = []
    for wire, member in shape.members.items():
        var = f"v_{xform_name(wire)}"
        # The JSON key is the member's serialised name, as botocore's parser reads it.
        lines.append(f"    {var} = d.get({member.serialization.get('name', wire)!r})")
        if wire in required:
            # No None test: every check below refuses None (a missing required member).
            lines.extend(_value_code(member, var, "    "))
        else:
            lines.append(f"    if {var} is not None:")
            lines.extend(_value_code(member, var, "        "))
        args.append(f"{xform_name(wire)}={var}")
    lines.append(f"    return shapes.{shape.name}({', '.join(args)})")
    return "\n".join(lines) + "\n"


def render_list(shape: ListShape) -> str:
    """The fast parser of one list shape: a tuple of its converted items."""
    member = shape.member
    lines = [
        f"def {_func(shape)}({_params(shape, 'v')}) -> tuple[Any, ...]:",
        f'    """``{shape.name}`` from its JSON array."""',
        "    if type(v) is not list:",
        "        raise Fallback",
    ]
    if isinstance(member, StructureShape | ListShape):
        lines.append(f"    return tuple([{_call(member, 'item')} for item in v])")
    elif member.type_name in _STRINGISH and not _enum_values(member):
        lines += [
            "    for item in v:",
            "        if type(item) is not str:",
            "            raise Fallback",
            "    return tuple(v)",
        ]
    else:
        # The checks refuse None too: a null item (botocore keeps it) falls back.
        lines += ["    out = []", "    for item in v:"]
        lines += _value_code(member, "item", "        ")
        lines += ["        out.append(item)", "    return tuple(out)"]
    return "\n".join(lines) + "\n"


def render_map(shape: MapShape) -> str:
    """The fast parser of one map shape: a read-only copy of a JSON object of strings."""
    head = [
        f"def {_func(shape)}(v: Any) -> _base.FrozenMap[str, Any]:",
        f'    """``{shape.name}`` from its JSON object."""',
    ]
    if not (_plain_string(shape.key) and _plain_string(shape.value)):
        return "\n".join([*head, "    del v", "    raise Fallback"]) + "\n"
    lines = [
        *head,
        "    if type(v) is not dict:",
        "        raise Fallback",
        "    for key, item in v.items():",
        "        if type(key) is not str or type(item) is not str:",
        "            raise Fallback",
        "    return _base.FrozenMap(v)",
    ]
    return "\n".join(lines) + "\n"


def render(model: ServiceModel, operations: Iterable[str]) -> dict[str, str]:
    """The generated module, by file name."""
    operations = list(operations)
    shapes = closure(model, operations)
    structures = sorted(
        (s for s in shapes.values() if isinstance(s, StructureShape)), key=lambda s: s.name
    )
    lists = sorted((s for s in shapes.values() if isinstance(s, ListShape)), key=lambda s: s.name)
    maps = sorted((s for s in shapes.values() if isinstance(s, MapShape)), key=lambda s: s.name)
    enum_shapes = sorted((s for s in shapes.values() if _enum_values(s)), key=lambda s: s.name)
    parsed_ops = [
        (name, model.operation_model(name).output_shape)
        for name in operations
        if model.operation_model(name).output_shape is not None
    ]
    out = [
        f"# Generated by tools/codegen.py from botocore {botocore.__version__}"
        f" (model {digest(shapes)}). Do not edit.",
        '"""Response parsers specialised to the models: a clean JSON body straight into them.',
        "",
        "Written by ``tools/parsergen.py``, which ``tools/codegen.py`` runs over the same",
        "botocore model as the models (the model hash above is of the output shapes).",
        "",
        "One function per operation takes the decoded JSON object of a successful response and",
        "builds the typed response model, or raises :class:`Fallback` at the first thing that",
        "is not the clean, common form (a missing required member, a value of another type, a",
        "timestamp that is not epoch seconds, a null in a list). The caller then leaves the",
        "body to botocore's parser and irclient's structuring, so whichever way a body goes,",
        "the model is the same. Keys the shapes do not have are ignored, as botocore's parser",
        "ignores them.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime",
        "import sys",
        "from collections.abc import Callable",
        "from typing import Any",
        "",
        "from . import _base, enums, shapes",
        "",
        "Timestamp = Callable[[Any], datetime.datetime]",
        '"""Epoch seconds to the datetime botocore would give; raises Fallback otherwise."""',
        "",
        f"MODEL_FINGERPRINT = {fingerprint(model, operations)!r}",
        '"""What parsing depends on in the shapes these parsers were generated from, hashed."""',
        "",
        "_LONG = 2**63",
        '"""Integers are 64-bit at most; a wider one is taken out, so it is botocore\'s path."""',
        "_FLOAT_MAX = sys.float_info.max",
        '"""An integer a float cannot hold is taken out of a number member likewise."""',
        "",
        "",
        "class Fallback(Exception):",
        '    """The body is not in the form these parsers take: botocore\'s parser takes it."""',
        "",
        "",
    ]
    for shape in enum_shapes:
        # Any values: an unknown value stays the plain string it came as.
        out.append(f"_E_{shape.name}: dict[str, Any] = {{m.value: m for m in enums.{shape.name}}}")
    out += ["", ""]
    body = [render_structure(s) for s in structures] + [render_list(s) for s in lists]
    body += [render_map(s) for s in maps]
    # The table's entries all take the converter; a response without timestamps ignores it.
    entries = {}
    for _, shape in parsed_ops:
        if _needs_ts(shape):
            entries[shape.name] = _func(shape)
        elif shape.name not in entries:
            entries[shape.name] = f"_out_{shape.name}"
            body.append(
                f"def _out_{shape.name}(d: Any, _ts: Timestamp) -> shapes.{shape.name}:\n"
                f'    """``{shape.name}`` (it has no timestamps)."""\n'
                f"    return {_func(shape)}(d)\n"
            )
    out.append("\n\n".join(body))
    out += [
        "",
        "PARSERS: dict[str, Callable[[Any, Timestamp], _base.Shape]] = {",
        *(f"    {name!r}: {entries[shape.name]}," for name, shape in parsed_ops),
        "}",
        '"""Operation name -> the fast parser of its response."""',
        "",
    ]
    text = "\n".join(out)
    if "enums." not in text.split("class Fallback", 1)[1]:
        text = text.replace("from . import _base, enums, shapes", "from . import _base, shapes")
    return {FILENAME: text}
