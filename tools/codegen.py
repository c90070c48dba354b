"""Generate ``src/irclient/models/`` from the installed botocore's SageMaker model.

Run ``python tools/codegen.py`` to rewrite the package, or ``--check`` to fail (exit 1) when
the files on disk differ from what the installed botocore would produce.

The generator walks the closure of the input and output shapes of the five Inference
Recommender operations and writes:

* ``enums.py``: one ``enum.StrEnum`` per enum shape;
* ``shapes.py``: one frozen, keyword-only attrs class per structure shape;
* ``_specs.py``: the constraint and wire-name metadata that validation and conversion read;
* ``_base.py``: the small runtime every generated class shares (no logic of its own beyond
  delegating to the codec that ``irclient.serde`` installs);
* ``__init__.py``: the re-exports.

Nothing in the output is meant to be edited by hand: change this file and regenerate.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import botocore
import botocore.session
from botocore import xform_name
from botocore.model import ListShape, ServiceModel, Shape, StructureShape

sys.path.insert(0, str(Path(__file__).parent))
import parsergen  # beside this script, importable once the path is set

OPERATIONS = (
    "CreateInferenceRecommendationsJob",
    "DescribeInferenceRecommendationsJob",
    "ListInferenceRecommendationsJobSteps",
    "ListInferenceRecommendationsJobs",
    "StopInferenceRecommendationsJob",
)
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "irclient" / "models"
DOC_WIDTH = 92
SCALARS = {
    "string": "str",
    "integer": "int",
    "long": "int",
    "float": "float",
    "double": "float",
    "boolean": "bool",
    "timestamp": "datetime.datetime",
}


# --------------------------------------------------------------------------- the model


def load_model() -> ServiceModel:
    """Load sagemaker's service model with botocore's own loader."""
    return botocore.session.get_session().get_service_model("sagemaker")


def closure(model: ServiceModel) -> dict[str, Shape]:
    """Every shape reachable from the five operations' inputs and outputs, in walk order."""
    seen: dict[str, Shape] = {}

    def walk(shape: Shape) -> None:
        if shape.name in seen:
            return
        seen[shape.name] = shape
        if isinstance(shape, StructureShape):
            for member in shape.members.values():
                walk(member)
        elif isinstance(shape, ListShape):
            walk(shape.member)
        elif shape.type_name == "map":
            raise SystemExit(f"map shape {shape.name} is not supported by the generator")

    for name in OPERATIONS:
        op = model.operation_model(name)
        for shape in (op.input_shape, op.output_shape):
            if shape is not None:
                walk(shape)
    return seen


def model_digest(shapes: dict[str, Shape]) -> str:
    """A hash of the closure's definitions, so that a drift check can name what changed."""
    raw = {name: shape._shape_model for name, shape in sorted(shapes.items())}
    blob = json.dumps(raw, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def enum_values(shape: Shape) -> list[str]:
    return list(getattr(shape, "enum", None) or [])


def member_name(value: str) -> str:
    """Enum member name: upper-cased, every run of non-alphanumerics turned into ``_``."""
    name = re.sub(r"[^A-Za-z0-9]+", "_", value).upper().strip("_")
    if not name or name[0].isdigit():
        name = "V_" + name
    return name


# --------------------------------------------------------------------------- documentation


class _TextExtractor(HTMLParser):
    """Turn botocore's HTML documentation into plain paragraphs."""

    BLOCKS = frozenset({"p", "li", "note", "important", "ul", "ol", "dl", "dt", "dd", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def doc_text(raw: str | None) -> list[str]:
    """Paragraphs of plain text from an HTML documentation string."""
    if not raw:
        return []
    parser = _TextExtractor()
    parser.feed(raw)
    parser.close()
    text = html.unescape("".join(parser.parts))
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        words = " ".join(block.split())
        if words:
            paragraphs.append(words)
    return paragraphs


def docstring(raw: str | None, indent: str, fallback: str, *, summary: bool = False) -> str:
    """A triple-quoted docstring block, wrapped, escaped and indented."""
    paragraphs = doc_text(raw) or [fallback]
    # A docstring's summary is one line: split the first sentence off when it fits.
    # When AWS's first sentence is longer than a line, the fallback sentence leads.
    first, _, rest = paragraphs[0].partition(". ")
    room = DOC_WIDTH - len(indent) - 6
    if rest and len(first) + 1 <= room:
        paragraphs[0:1] = [first + ".", rest]
    elif summary and len(paragraphs[0]) > room and paragraphs[0] != fallback:
        paragraphs.insert(0, fallback)
    lines: list[str] = []
    for i, para in enumerate(paragraphs):
        if i:
            lines.append("")
        lines.extend(
            textwrap.wrap(
                para,
                width=DOC_WIDTH - len(indent),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    body = "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body += " "
    if len(lines) == 1:
        return f'{indent}"""{body}"""\n'
    return f'{indent}"""{textwrap.indent(body, indent).lstrip()}\n{indent}"""\n'


# --------------------------------------------------------------------------- rendering


def header(version: str, digest: str) -> str:
    return (
        f"# Generated by tools/codegen.py from botocore {version} (model {digest}). Do not edit.\n"
    )


def python_type(shape: Shape) -> str:
    """The annotation of a value of ``shape`` (without ``| None``)."""
    if isinstance(shape, StructureShape):
        return str(shape.name)
    if isinstance(shape, ListShape):
        return f"tuple[{python_type(shape.member)}, ...]"
    if enum_values(shape):
        # Unknown values (a new instance type) survive parsing as plain strings.
        return f"{shape.name} | str"
    return SCALARS[shape.type_name]


def element_type(shape: ListShape) -> str:
    return python_type(shape.member)


def converter_name(shape: ListShape, optional: bool) -> str:
    return f"_{'opt_' if optional else ''}tuple_of_{shape.name}"


def render_converters(lists: Iterable[ListShape]) -> str:
    """Per-list typed converters: a generic one defeats mypy's attrs plugin."""
    out = []
    for shape in lists:
        elem = element_type(shape)
        for optional in (False, True):
            name = converter_name(shape, optional)
            arg = f"Iterable[{elem}] | None" if optional else f"Iterable[{elem}]"
            ret = f"tuple[{elem}, ...] | None" if optional else f"tuple[{elem}, ...]"
            out.append(
                f"def {name}(value: {arg}) -> {ret}:\n"
                f'    """Make a tuple of any iterable of ``{shape.name}`` items."""\n'
                "    return _base.as_tuple(value)"
                + ("\n" if optional else "  # type: ignore[return-value]\n")
            )
    return "\n\n".join(out)


def render_structure(shape: StructureShape) -> str:
    lines = [
        # repr=False: the base class's repr shows only the members that are set.
        "@attrs.frozen(kw_only=True, repr=False)",
        f"class {shape.name}(_base.Shape):",
        docstring(shape.documentation, "    ", f"The ``{shape.name}`` shape.", summary=True).rstrip(
            "\n"
        ),
        "",
    ]
    required = set(shape.required_members)
    for wire, member in shape.members.items():
        attr = xform_name(wire)
        ann = python_type(member)
        is_required = wire in required
        if isinstance(member, ListShape):
            conv = converter_name(member, not is_required)
            if is_required:
                lines.append(f"    {attr}: {ann} = attrs.field(converter={conv})")
            else:
                lines.append(
                    f"    {attr}: {ann} | None = attrs.field(default=None, converter={conv})"
                )
        elif member.type_name in ("float", "double"):
            # NaN metrics are common; compare them as equal so round trips compare equal.
            default = "" if is_required else "default=None, "
            optional = "" if is_required else " | None"
            lines.append(f"    {attr}: {ann}{optional} = attrs.field({default}eq=_base.nan_key)")
        elif is_required:
            lines.append(f"    {attr}: {ann}")
        else:
            lines.append(f"    {attr}: {ann} | None = None")
        note = f"``{wire}`` ({'required' if is_required else 'optional'})."
        lines.append(docstring(member.documentation, "    ", note).rstrip("\n"))
        lines.append("")
    if not shape.members:
        lines.append("    pass")
    return "\n".join(lines).rstrip() + "\n"


def render_enum(shape: Shape) -> str:
    lines = [
        f"class {shape.name}(enum.StrEnum):",
        docstring(
            shape.documentation, "    ", f"Values of the ``{shape.name}`` enum.", summary=True
        ).rstrip(),
        "",
    ]
    for value in enum_values(shape):
        lines.append(f"    {member_name(value)} = {value!r}")
    return "\n".join(lines) + "\n"


def type_spec(shape: Shape) -> str:
    """A ``TypeSpec(...)`` expression describing values of ``shape``."""
    meta = shape.metadata
    args = [f"kind={shape.type_name!r}", f"shape={shape.name!r}"]
    for key in ("min", "max"):
        if key in meta:
            args.append(f"{key}={meta[key]!r}")
    if "pattern" in meta:
        args.append(f"pattern={meta['pattern']!r}")
    if enum_values(shape):
        args.append(f"enum=enums.{shape.name}")
    if isinstance(shape, StructureShape):
        args.append(f"structure=shapes.{shape.name}")
    if isinstance(shape, ListShape):
        args.append(f"member={type_spec(shape.member)}")
    return f"_base.TypeSpec({', '.join(args)})"


def render_specs(structures: list[StructureShape]) -> str:
    out = ["SPECS: dict[type[_base.Shape], tuple[_base.FieldSpec, ...]] = {"]
    for shape in structures:
        out.append(f"    shapes.{shape.name}: (")
        required = set(shape.required_members)
        for wire, member in shape.members.items():
            out.append(
                "        _base.FieldSpec("
                f"name={xform_name(wire)!r}, wire={wire!r}, required={wire in required!r}, "
                f"type={type_spec(member)}),"
            )
        out.append("    ),")
    out.append("}")
    out.append('"""Every field of every generated structure, in wire order."""')
    return "\n".join(out) + "\n"


def operations_table(model: ServiceModel) -> str:
    out = ["OPERATIONS: dict[str, tuple[str, type[_base.Shape], type[_base.Shape] | None]] = {"]
    for name in OPERATIONS:
        op = model.operation_model(name)
        output = f"shapes.{op.output_shape.name}" if op.output_shape is not None else "None"
        out.append(f"    {name!r}: ({xform_name(name)!r}, shapes.{op.input_shape.name}, {output}),")
    out.append("}")
    out.append('"""Operation -> (boto3 method name, request class, response class or None)."""')
    return "\n".join(out) + "\n"


BASE = '''\
"""Runtime shared by every generated model: the base class and the constraint metadata types.

The codec that turns models into wire dicts and back lives in ``irclient.serde``; it installs
itself here with :func:`install_codec`, so that this package imports nothing else of irclient.
"""

from __future__ import annotations

import dataclasses
import enum as _enum
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Protocol, Self, TypeVar

_T = TypeVar("_T")


class Codec(Protocol):
    """What a model needs from the converter: wire dict to model and back."""

    def structure(self, data: Mapping[str, Any], cls: type[_T]) -> _T:
        """Build ``cls`` from its wire form."""
        ...

    def unstructure(self, obj: Shape) -> dict[str, Any]:
        """Give the wire form of ``obj``, omitting unset members."""
        ...

    def html(self, obj: Shape) -> str | None:
        """An HTML rendering of ``obj`` for Jupyter, or None for the plain repr."""
        ...


class Shape:
    """Base class of every generated model."""

    __slots__ = ()
    _codec: ClassVar[Codec | None] = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build the model from its wire form (PascalCase keys, as boto3 takes and returns).

        Request models are strict: an unknown key or a value of the wrong type raises
        ``irclient.ValidationError``. Response models are tolerant: unknown keys are ignored
        and unknown enum values are kept as plain strings.
        """
        return _codec().structure(data, cls)

    def to_dict(self) -> dict[str, Any]:
        """Give the wire form (PascalCase keys), omitting members that are unset."""
        return _codec().unstructure(self)

    def __repr__(self) -> str:
        # Only the members that are set: a response with a dozen unset members stays legible.
        shown = []
        for field in self.__attrs_attrs__:  # type: ignore[attr-defined]
            value = getattr(self, field.name)
            if value is not None:
                shown.append(f"{field.name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def _repr_html_(self) -> str | None:
        return _codec().html(self)



def install_codec(codec: Codec) -> None:
    """Called once by ``irclient.serde``: make ``from_dict``/``to_dict`` work."""
    Shape._codec = codec


def _codec() -> Codec:
    codec = Shape._codec
    if codec is None:  # pragma: no cover - irclient/__init__ installs it on import
        raise RuntimeError("import irclient before using its models")
    return codec


def as_tuple(value: Iterable[_T] | None) -> tuple[_T, ...] | None:
    """Make list members tuples; leave strings and None alone so validation can name them."""
    if type(value) is tuple:  # the common case, parsed responses: no ABC checks
        return value
    if value is None or isinstance(value, str | bytes | Mapping):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


class _NaN:
    """Stands for every NaN in comparisons: NaN != NaN would make equal data compare unequal."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "nan"


_NAN_KEY = _NaN()


def nan_key(value: Any) -> Any:
    """Comparison key of float members: all NaNs are alike."""
    return _NAN_KEY if value != value else value


# Dataclasses, not attrs: this module loads with ``import irclient`` and boto3 has already
# loaded dataclasses, so the metadata types cost no import time.
@dataclasses.dataclass(frozen=True, slots=True)
class TypeSpec:
    """What the service model says of a value: its kind and its constraints."""

    kind: str
    """botocore type name: string, integer, float, boolean, timestamp, structure or list."""
    shape: str
    """botocore shape name."""
    min: int | float | None = None
    """Minimum length (strings, lists) or value (numbers)."""
    max: int | float | None = None
    """Maximum length (strings, lists) or value (numbers)."""
    pattern: str | None = None
    """AWS (Java) regular expression the whole value must match."""
    enum: type[_enum.StrEnum] | None = None
    """The generated enum of the allowed values."""
    structure: type[Shape] | None = None
    """The generated class, for structures."""
    member: TypeSpec | None = None
    """The items' spec, for lists."""


@dataclasses.dataclass(frozen=True, slots=True)
class FieldSpec:
    """One member of a structure: its Python name, its wire name and its value's spec."""

    name: str
    """Attribute name (``botocore.xform_name`` of the wire name)."""
    wire: str
    """Member name on the wire (PascalCase)."""
    required: bool
    """Whether the service model lists the member as required."""
    type: TypeSpec
    """The value's kind and constraints."""
'''


def render(model: ServiceModel) -> dict[str, str]:
    """All generated files, by name."""
    shapes = closure(model)
    version = botocore.__version__
    digest = model_digest(shapes)
    head = header(version, digest)
    structures = sorted(
        (s for s in shapes.values() if isinstance(s, StructureShape)), key=lambda s: s.name
    )
    enum_shapes = sorted((s for s in shapes.values() if enum_values(s)), key=lambda s: s.name)
    list_shapes = sorted(
        (s for s in shapes.values() if isinstance(s, ListShape)), key=lambda s: s.name
    )

    enums_py = (
        head
        + '"""Enums of the Inference Recommender API, one per botocore enum shape."""\n\n'
        + "import enum\n\n__all__ = [\n"
        + "".join(f"    {s.name!r},\n" for s in enum_shapes)
        + "]\n\n\n"
        + "\n\n".join(render_enum(s) for s in enum_shapes)
    )

    shapes_py = (
        head
        + '"""Request and response shapes of the Inference Recommender API."""\n\n'
        + "from __future__ import annotations\n\n"
        + "import datetime\nfrom collections.abc import Iterable\n\nimport attrs\n\n"
        + "from . import _base\n"
        + "from .enums import "
        + ", ".join(s.name for s in enum_shapes)
        + "\n\n__all__ = [\n"
        + "".join(f"    {s.name!r},\n" for s in structures)
        + "]\n\n\n"
        + render_converters(list_shapes)
        + "\n\n\n"
        + "\n\n".join(render_structure(s) for s in structures)
    )
    # datetime is only needed when a timestamp appears; keep the import honest for ruff.
    if "datetime.datetime" not in shapes_py.split("__all__", 1)[1]:
        shapes_py = shapes_py.replace("import datetime\n", "")

    specs_py = (
        head
        + '"""Constraint metadata and wire names, read by validation and conversion."""\n\n'
        + "from . import _base, enums, shapes\n\n"
        + f"BOTOCORE_VERSION = {version!r}\n"
        + '"""The botocore version these models were generated from."""\n'
        + f"MODEL_DIGEST = {digest!r}\n"
        + '"""A hash of the service-model shapes the models were generated from."""\n\n'
        + operations_table(model)
        + "\n"
        + render_specs(structures)
    )

    where = {"Shape": "._base"}
    where.update({s.name: ".enums" for s in enum_shapes})
    where.update({s.name: ".shapes" for s in structures})
    init_py = (
        head
        + '"""Typed models of every Inference Recommender request and response shape.\n\n'
        + "One frozen attrs class per botocore structure and one ``enum.StrEnum`` per enum, named\n"
        + "as the botocore shapes; attribute names are ``botocore.xform_name`` of member names.\n\n"
        + "The names load on first use (PEP 562), so that ``import irclient`` stays cheap.\n"
        + '"""\n\n'
        + "from __future__ import annotations\n\n"
        + "import importlib\nfrom typing import TYPE_CHECKING, Any\n\n"
        + "if TYPE_CHECKING:\n"
        + "    from ._base import Shape\n    from .enums import (\n"
        + "".join(f"        {s.name},\n" for s in enum_shapes)
        + "    )\n    from .shapes import (\n"
        + "".join(f"        {s.name},\n" for s in structures)
        + "    )\n\n"
        + "_WHERE = {\n"
        + "".join(f"    {name!r}: {module!r},\n" for name, module in sorted(where.items()))
        + "}\n\n"
        + "__all__ = [\n"
        + "".join(f"    {name!r},\n" for name in sorted(where))
        + "]\n\n\n"
        + "def __getattr__(name: str) -> Any:\n"
        + "    module = _WHERE.get(name)\n"
        + "    if module is None:\n"
        + '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n'
        + "    value = getattr(importlib.import_module(module, __name__), name)\n"
        + "    globals()[name] = value\n"
        + "    return value\n\n\n"
        + "def __dir__() -> list[str]:\n"
        + "    return sorted(__all__)\n"
    )

    return {
        "_base.py": head + BASE,
        "enums.py": enums_py,
        "shapes.py": shapes_py,
        "_specs.py": specs_py,
        "__init__.py": init_py,
    }


def format_sources(files: dict[str, str]) -> dict[str, str]:
    """Run ruff's formatter over the sources, so the output is stable and lint-clean."""
    out = {}
    steps = (["check", "--fix-only", "--select", "I", "--exit-zero"], ["format"])
    for name, text in files.items():
        for step in steps:
            result = subprocess.run(
                [sys.executable, "-m", "ruff", *step, "--stdin-filename", str(OUT / name), "-"],
                input=text,
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            if result.returncode:
                raise SystemExit(f"ruff {step[0]} failed on {name}:\n{result.stderr}")
            text = result.stdout
        out[name] = text
    return out


def counts(model: ServiceModel) -> dict[str, Any]:
    shapes = closure(model)
    enum_shapes = [s for s in shapes.values() if enum_values(s)]
    return {
        "structures": sum(isinstance(s, StructureShape) for s in shapes.values()),
        "enums": len(enum_shapes),
        "enum_values": sum(len(enum_values(s)) for s in enum_shapes),
        "instance_types": len(enum_values(shapes["ProductionVariantInstanceType"])),
    }


def _diff(expected: dict[str, str]) -> Iterator[str]:
    for name, text in expected.items():
        path = OUT / name
        if not path.exists() or path.read_text() != text:
            yield name
    for path in OUT.glob("*.py"):
        if path.name not in expected:
            yield path.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the output would change")
    args = parser.parse_args(argv)
    model = load_model()
    files = format_sources({**render(model), **parsergen.render(model, OPERATIONS)})
    if args.check:
        stale = sorted(set(_diff(files)))
        if stale:
            print(f"generated models are out of date: {', '.join(stale)}", file=sys.stderr)
            print("run: python tools/codegen.py", file=sys.stderr)
            return 1
        print(f"models up to date with botocore {botocore.__version__}: {counts(model)}")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text)
    print(f"wrote {len(files)} files to {OUT.relative_to(ROOT)}: {counts(model)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
