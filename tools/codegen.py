"""Generate ``src/irclient/models/`` from the installed botocore's service model.

Run ``python tools/codegen.py`` to rewrite the package, or ``--check`` to fail (exit 1) when
the files on disk differ from what the installed botocore would produce. ``--service`` and
``--operation`` choose another service or operation list; the defaults, :data:`SERVICE` and
:data:`OPERATIONS` below, are the one place the client's operations are listed.

The generator walks the closure of the input and output shapes of the operations and writes:

* ``enums.py``: one ``enum.StrEnum`` per enum shape;
* ``shapes.py``: one frozen, keyword-only attrs class per structure shape;
* ``_specs.py``: the constraint and wire-name metadata that validation and conversion read,
  and the operation table (one ``Operation`` record per operation, with its paginator spec
  read from botocore's paginator model);
* ``_client.py``: the typed client methods of every operation (overloads, page and item
  iterators), a mixin the hand-written ``InferenceRecommenderClient`` inherits;
* ``__init__.py``: the re-exports.

``_base.py`` (the model runtime and the record types) is hand-written. Nothing in the output
is meant to be edited by hand: change this file and regenerate.
"""

from __future__ import annotations

import argparse
import dataclasses
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
from botocore.exceptions import DataNotFoundError
from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

sys.path.insert(0, str(Path(__file__).parent))
import parsergen  # beside this script, importable once the path is set


@dataclasses.dataclass(frozen=True)
class OperationInput:
    """One operation to generate, and how the client exposes it."""

    name: str
    """The operation name in botocore's model."""
    pages: str | None = None
    """Name of the method that walks the operation page by page (needs a paginator)."""
    items: str | None = None
    """Name of the method that walks the operation item by item (needs a paginator)."""
    sender: str | None = None
    """A client method that sends the resolved request instead of the plain pipeline."""
    note: str | None = None
    """Prose added to the method's docstring after AWS's description."""
    since: str | None = None
    """The first botocore release whose model has the operation (``None``: older than the
    oldest botocore irclient supports)."""


SERVICE = "sagemaker"
"""The default service."""

_SAFE_CREATE = (
    "The operation has no idempotency token, so a retry is made safe here: when an attempt "
    "fails in a way that may have created the job (a 5xx, a timeout, a lost connection, an "
    "unreadable body) and a later attempt gets ``ResourceInUse``, the job is described; if it "
    "has this request's name, role and type and was created after this call began, its ARN "
    "is returned. A name taken before the call is always :class:`~irclient.ResourceInUse`."
)

_SAFE_CREATE_AI = (
    "The operation has no idempotency token, so a retry is made safe here: when an attempt "
    "fails in a way that may have created the {what} (a 5xx, a timeout, a lost connection, an "
    "unreadable body) and a later attempt gets ``ResourceInUse``, the {what} is described; if "
    "it was created after this call began and holds this whole request (every member sent, "
    "tags aside), its ARN is returned. A name taken before the call, or by another request, "
    "is always :class:`~irclient.ResourceInUse`."
)

_IC_CREATE = (
    "The operation has no idempotency token and is not made safe here: a retried attempt "
    "whose first response was lost meets the component it made and fails. "
    ":meth:`irclient.InferenceRecommenderClient.deploy_ai_recommendation` creates or adopts "
    "inference components safely (it compares what exists with what it would create)."
)

_AI_SINCE = "1.42.93"
"""The botocore release that brought the generative-AI operations."""

OPERATIONS = (
    OperationInput("CreateInferenceRecommendationsJob", sender="_create_safely", note=_SAFE_CREATE),
    OperationInput("DescribeInferenceRecommendationsJob"),
    OperationInput(
        "ListInferenceRecommendationsJobSteps", pages="iter_job_step_pages", items="iter_job_steps"
    ),
    OperationInput("ListInferenceRecommendationsJobs", pages="iter_job_pages", items="iter_jobs"),
    OperationInput("StopInferenceRecommendationsJob"),
    OperationInput("GetScalingConfigurationRecommendation"),
    # The generative-AI family: workload configurations, benchmark jobs, recommendation jobs.
    OperationInput(
        "CreateAIWorkloadConfig",
        since=_AI_SINCE,
        sender="_create_ai_workload_config_safely",
        note=_SAFE_CREATE_AI.format(what="workload configuration"),
    ),
    OperationInput("DescribeAIWorkloadConfig", since=_AI_SINCE),
    OperationInput(
        "ListAIWorkloadConfigs",
        since=_AI_SINCE,
        pages="iter_ai_workload_config_pages",
        items="iter_ai_workload_configs",
    ),
    OperationInput("DeleteAIWorkloadConfig", since=_AI_SINCE),
    OperationInput(
        "CreateAIBenchmarkJob",
        since=_AI_SINCE,
        sender="_create_ai_benchmark_job_safely",
        note=_SAFE_CREATE_AI.format(what="job"),
    ),
    OperationInput("DescribeAIBenchmarkJob", since=_AI_SINCE),
    OperationInput(
        "ListAIBenchmarkJobs",
        since=_AI_SINCE,
        pages="iter_ai_benchmark_job_pages",
        items="iter_ai_benchmark_jobs",
    ),
    OperationInput("StopAIBenchmarkJob", since=_AI_SINCE),
    OperationInput("DeleteAIBenchmarkJob", since=_AI_SINCE),
    OperationInput(
        "CreateAIRecommendationJob",
        since=_AI_SINCE,
        sender="_create_ai_recommendation_job_safely",
        note=_SAFE_CREATE_AI.format(what="job"),
    ),
    OperationInput("DescribeAIRecommendationJob", since=_AI_SINCE),
    OperationInput(
        "ListAIRecommendationJobs",
        since=_AI_SINCE,
        pages="iter_ai_recommendation_job_pages",
        items="iter_ai_recommendation_jobs",
    ),
    OperationInput("StopAIRecommendationJob", since=_AI_SINCE),
    OperationInput("DeleteAIRecommendationJob", since=_AI_SINCE),
    # Inference components: how an AI recommendation is deployed (a model's copies on an
    # endpoint's instances, each copy with its own accelerators and memory).
    OperationInput("CreateInferenceComponent", note=_IC_CREATE),
    OperationInput("DescribeInferenceComponent"),
    OperationInput(
        "ListInferenceComponents",
        pages="iter_inference_component_pages",
        items="iter_inference_components",
    ),
    OperationInput("UpdateInferenceComponent"),
    OperationInput("UpdateInferenceComponentRuntimeConfig"),
    OperationInput("DeleteInferenceComponent"),
)
"""The default operations: the Inference Recommender API and the inference components its
generative-AI recommendations are deployed as; the generator's one input list."""

MEMBERS_SINCE = {
    ("AIBenchmarkOutputConfig", "MlflowConfig"): "1.43.24",
    ("AIRecommendationOutputConfig", "MlflowConfig"): "1.43.24",
    ("CreateAIRecommendationJobRequest", "AdapterSource"): "1.43.57",
    # Inference components are older than the oldest botocore irclient supports (1.35), but
    # these members are not; each release here is the earliest of those checked (1.35.0,
    # 1.36.0, 1.38.0, 1.40.0, 1.44.5) whose model has the member.
    ("InferenceComponentSpecification", "BaseInferenceComponentName"): "1.36.0",
    ("UpdateInferenceComponentInput", "DeploymentConfig"): "1.38.0",
    ("InferenceComponentSpecification", "InstanceType"): "1.44.5",
    ("InferenceComponentSpecification", "DataCacheConfig"): "1.44.5",
    ("InferenceComponentSpecification", "SchedulingConfig"): "1.44.5",
    ("InferenceComponentContainerSpecification", "ContainerMetricsConfig"): "1.44.5",
    ("InferenceComponentComputeResourceRequirements", "AcceleratorPartitionType"): "1.44.5",
    ("CreateInferenceComponentInput", "Specifications"): "1.44.5",
    ("UpdateInferenceComponentInput", "Specifications"): "1.44.5",
}
"""Request members added to an operation after it first appeared: the first botocore release
whose model has each (an older botocore refuses the member as an unknown parameter)."""

DOCS_URL = {
    "sagemaker": "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_{}.html",
}
"""Where each service's API reference documents an operation."""

ERRORS = {
    "ResourceNotFound": "irclient.ResourceNotFound",
    "ResourceInUse": "irclient.ResourceInUse",
    "ResourceLimitExceeded": "irclient.ResourceLimitExceeded",
}
"""The irclient exception of each modelled error; others are ``irclient.ServiceError``."""
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


def load_model(service: str = SERVICE) -> ServiceModel:
    """Load a service model with botocore's own loader."""
    return botocore.session.get_session().get_service_model(service)


def load_paginators(
    service: str, operations: Iterable[OperationInput]
) -> dict[str, dict[str, Any]]:
    """The paginator config of every operation that has one, from botocore's paginator model."""
    try:
        model = botocore.session.get_session().get_paginator_model(service)
    except DataNotFoundError:  # a service without any paginator
        model = None
    found: dict[str, dict[str, Any]] = {}
    for op in operations:
        try:
            config = model.get_paginator(op.name) if model is not None else None
        except ValueError:
            config = None
        if config is None:
            if op.pages or op.items:
                raise SystemExit(f"{op.name} has no paginator in botocore's model")
            continue
        for key in ("input_token", "output_token", "result_key"):
            if not isinstance(config.get(key), str):
                raise SystemExit(f"{op.name}: a paginator with several {key}s is not supported")
        if not isinstance(config.get("limit_key"), str):
            raise SystemExit(f"{op.name}: a paginator without a limit_key is not supported")
        found[op.name] = config
    return found


def closure(
    model: ServiceModel, operations: Iterable[OperationInput] = OPERATIONS
) -> dict[str, Shape]:
    """Every shape reachable from the operations' inputs and outputs, in walk order."""
    roots = []
    for spec in operations:
        op = model.operation_model(spec.name)
        roots += [shape for shape in (op.input_shape, op.output_shape) if shape is not None]
    return parsergen.closure_of(roots, _supported)


def _supported(shape: Shape) -> None:
    """Refuse, loudly, a shape the generated code cannot handle."""
    if isinstance(shape, MapShape):
        if shape.key.type_name != "string":
            raise SystemExit(f"map shape {shape.name}: only string keys are supported")
    elif not isinstance(shape, StructureShape | ListShape) and shape.type_name not in SCALARS:
        # A blob or a document would need hooks of its own everywhere: refuse loudly.
        raise SystemExit(f"{shape.type_name} shape {shape.name} is not supported")


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
    if isinstance(shape, MapShape):
        # Read-only and hashable, as the frozen model holding it.
        return f"_base.FrozenMap[{python_type(shape.key)}, {python_type(shape.value)}]"
    if enum_values(shape):
        # Unknown values (a new instance type) survive parsing as plain strings.
        return f"{shape.name} | str"
    return SCALARS[shape.type_name]


def element_type(shape: ListShape) -> str:
    return python_type(shape.member)


def converter_name(shape: ListShape | MapShape, optional: bool) -> str:
    kind = "tuple" if isinstance(shape, ListShape) else "map"
    return f"_{'opt_' if optional else ''}{kind}_of_{shape.name}"


def render_map_converters(maps: Iterable[MapShape]) -> str:
    """Per-map typed converters (any mapping in, a read-only ``FrozenMap`` out)."""
    out = []
    for shape in maps:
        key, value = python_type(shape.key), python_type(shape.value)
        for optional in (False, True):
            name = converter_name(shape, optional)
            arg = f"Mapping[{key}, {value}]" + (" | None" if optional else "")
            ret = f"_base.FrozenMap[{key}, {value}]" + (" | None" if optional else "")
            out.append(
                f"def {name}(value: {arg}) -> {ret}:\n"
                f'    """Make a read-only copy of any mapping of ``{shape.name}`` entries."""\n'
                "    return _base.as_map(value)"
                + ("\n" if optional else "  # type: ignore[return-value]\n")
            )
    return "\n\n".join(out)


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
        if isinstance(member, ListShape | MapShape):
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
    if isinstance(shape, MapShape):
        args.append(f"key={type_spec(shape.key)}")
        args.append(f"value={type_spec(shape.value)}")
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


def members_since(shapes: dict[str, Shape]) -> str:
    """``MEMBERS_SINCE``: the members of the closure that a botocore floor must know of."""
    out = ["MEMBERS_SINCE: dict[tuple[str, str], str] = {"]
    for (shape, member), version in sorted(MEMBERS_SINCE.items()):
        found = shapes.get(shape)
        if isinstance(found, StructureShape) and member in found.members:
            out.append(f"    ({shape!r}, {member!r}): {version!r},")
    out.append("}")
    out.append(
        '"""(shape, member) -> the first botocore release whose model has that request member."""'
    )
    return "\n".join(out) + "\n"


def paginator_spec(op: Any, config: dict[str, Any]) -> str:
    """A ``Paginator(...)`` expression from botocore's paginator config of ``op``."""
    input_members = op.input_shape.members
    output_members = op.output_shape.members
    limit = input_members[config["limit_key"]]
    args = {
        "input_token": config["input_token"],
        "input_token_attribute": xform_name(config["input_token"]),
        "output_token": config["output_token"],
        "output_token_attribute": xform_name(config["output_token"]),
        "limit_key": config["limit_key"],
        "limit_attribute": xform_name(config["limit_key"]),
        "limit_max": limit.metadata.get("max"),
        "result_key": config["result_key"],
        "result_attribute": xform_name(config["result_key"]),
    }
    for wire in (config["input_token"], config["limit_key"]):
        if wire not in input_members:  # pragma: no cover - botocore's models are consistent
            raise SystemExit(f"{op.name}: paginator member {wire} is not in the request")
    for wire in (config["output_token"], config["result_key"]):
        if wire not in output_members:  # pragma: no cover
            raise SystemExit(f"{op.name}: paginator member {wire} is not in the response")
    return f"_base.Paginator({', '.join(f'{k}={v!r}' for k, v in args.items())})"


def operations_table(
    model: ServiceModel, operations: Iterable[OperationInput], paginators: dict[str, dict[str, Any]]
) -> str:
    out = ["OPERATIONS: dict[str, _base.Operation] = {"]
    for spec in operations:
        op = model.operation_model(spec.name)
        output = f"shapes.{op.output_shape.name}" if op.output_shape is not None else "None"
        args = [
            f"name={spec.name!r}",
            f"method={xform_name(spec.name)!r}",
            f"input=shapes.{op.input_shape.name}",
            f"output={output}",
        ]
        if spec.name in paginators:
            args.append(f"paginator={paginator_spec(op, paginators[spec.name])}")
        if spec.since is not None:
            args.append(f"since={spec.since!r}")
        out.append(f"    {spec.name!r}: _base.Operation({', '.join(args)}),")
    out.append("}")
    out.append(
        '"""Every operation the client knows, by operation name, in the generator\'s order."""'
    )
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- client methods


def first_sentence(raw: str | None, fallback: str) -> str:
    """The first sentence of AWS's documentation, or ``fallback``."""
    paragraphs = doc_text(raw)
    if not paragraphs:
        return fallback
    first, dot, _ = paragraphs[0].partition(". ")
    return first + "." if dot else paragraphs[0]


def doc_block(paragraphs: list[str], sections: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """A method docstring (8-space indent): paragraphs, then Google-style sections."""
    indent = "        "
    width = DOC_WIDTH - len(indent)
    lines: list[str] = []
    for i, para in enumerate(paragraphs):
        if i:
            lines.append("")
        lines.extend(
            textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False)
        )
    for title, entries in sections:
        if not entries:
            continue
        lines += ["", f"{title}:"]
        for name, text in entries:
            head = f"    {name}: " if name else "    "
            lines.extend(
                textwrap.wrap(
                    head + text,
                    width=width,
                    subsequent_indent="        " if name else "    ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    body = "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return f'{indent}"""{textwrap.indent(body, indent).lstrip()}\n{indent}"""\n'


def doc_paragraphs(raw: str | None, fallback: str) -> list[str]:
    """AWS's description as docstring paragraphs, the first sentence split off as summary."""
    paragraphs = doc_text(raw) or [fallback]
    first, dot, rest = paragraphs[0].partition(". ")
    if dot and rest:
        paragraphs[0:1] = [first + ".", rest]
    # A summary is one line: when AWS's first sentence is longer, the fallback leads.
    if len(paragraphs[0]) > DOC_WIDTH - len("        ") and paragraphs[0] != fallback:
        paragraphs.insert(0, fallback)
    return paragraphs


class Names:
    """The names a generated client module uses, for its imports."""

    def __init__(self) -> None:
        self.shapes: set[str] = set()
        self.enums: set[str] = set()
        self.datetime = False

    def annotation(self, shape: Shape, *, argument: bool = False) -> str:
        """The annotation of ``shape``.

        An argument takes any iterable for a list, and a structure's wire-form mapping as
        well as its model (the client converts and checks it).
        """
        if isinstance(shape, StructureShape):
            self.shapes.add(shape.name)
            return f"{shape.name} | Mapping[str, Any]" if argument else str(shape.name)
        if isinstance(shape, ListShape):
            inner = self.annotation(shape.member, argument=argument)
            return f"Iterable[{inner}]" if argument else f"tuple[{inner}, ...]"
        if isinstance(shape, MapShape):
            key = self.annotation(shape.key, argument=argument)
            value = self.annotation(shape.value, argument=argument)
            return f"Mapping[{key}, {value}]" if argument else f"_base.FrozenMap[{key}, {value}]"
        if enum_values(shape):
            self.enums.add(shape.name)
            return f"{shape.name} | str"
        if shape.type_name == "timestamp":
            self.datetime = True
        return SCALARS[shape.type_name]


def constant(name: str) -> str:
    return "_" + str(xform_name(name)).upper()


def keyword_parameters(names: Names, shape: StructureShape, members: list[str]) -> list[str]:
    """``name: type`` parameters: required members first (without default), then optional."""
    required = set(shape.required_members)
    ordered = [m for m in members if m in required] + [m for m in members if m not in required]
    out = []
    for wire in ordered:
        ann = names.annotation(shape.members[wire], argument=True)
        if wire in required:
            out.append(f"{xform_name(wire)}: {ann}")
        else:
            out.append(f"{xform_name(wire)}: {ann} | None = None")
    return out


def raises(op: Any) -> list[tuple[str, str]]:
    out = [
        (
            "irclient.ValidationError",
            "The request breaks a documented constraint; nothing was sent.",
        )
    ]
    for error in op.error_shapes:
        exc = ERRORS.get(error.name, "irclient.ServiceError")
        out.append((exc, first_sentence(error.documentation, f"AWS answered ``{error.name}``.")))
    return out


def render_operation(
    model: ServiceModel, spec: OperationInput, names: Names, docs_url: str | None
) -> str:
    op = model.operation_model(spec.name)
    method = xform_name(spec.name)
    const = constant(spec.name)
    request = op.input_shape
    names.shapes.add(request.name)
    response = op.output_shape.name if op.output_shape is not None else None
    if response is not None:
        names.shapes.add(response)
    returns = response or "None"
    members = list(request.members)
    kwargs = keyword_parameters(names, request, members)
    keyword = f"self, *, {', '.join(kwargs)}" if kwargs else "self"
    paragraphs = doc_paragraphs(op.documentation, f"Calls ``{spec.name}``.")
    if spec.note:
        paragraphs.append(spec.note)
    walkers = [f":meth:`{name}`" for name in (spec.items, spec.pages) if name]
    if walkers:
        paragraphs.append(f"To walk every page, use {' or '.join(walkers)}.")
    listed = ", ".join(f"``{xform_name(m)}``" for m in members)
    # A request whose one required member is a string (a job name) takes it by position,
    # as wait_for_job does: describe_inference_recommendations_job("my-job").
    required = list(request.required_members)
    sole = (
        xform_name(required[0])
        if len(required) == 1 and request.members[required[0]].type_name == "string"
        else None
    )
    accepted = f"{request.name} | Mapping[str, Any]" + (" | str" if sole else "")
    args = [
        (
            "request",
            "The request model, or its wire-form dict"
            + (f"; or the ``{sole}`` alone, by position." if sole else "."),
        )
    ]
    if members:
        args.append(("**fields", f"The request's fields ({listed}), instead of ``request``."))
    sections = [
        ("Args", args),
        (
            "Returns",
            [("", f"The typed response, :class:`~irclient.models.{response}`.")]
            if response
            else [],
        ),
        ("Raises", raises(op)),
    ]
    doc = doc_block(paragraphs, sections)
    if docs_url:
        doc = (
            doc[: -len('        """\n')]
            + f"\n        See {docs_url.format(spec.name)}\n"
            + '        """\n'
        )
    if spec.sender:
        body = (
            f"        req: {request.name} = self._pipeline.resolve({const}, request, fields)\n"
            f"        return self.{spec.sender}({const}, req)\n"
        )
    elif response is None:
        body = f"        self._pipeline.call({const}, request, fields)\n"
    else:
        body = (
            f"        response: {response} = self._pipeline.call({const}, request, fields)\n"
            "        return response\n"
        )
    by_position = ""
    others = keyword_parameters(names, request, [m for m in members if m not in required])
    if sole and others:
        # The name by position with other members by keyword (alone, the first overload).
        by_position = (
            "    @overload\n"
            f"    def {method}(self, {sole}: str, /, *, {', '.join(others)}) -> {returns}: ...\n\n"
        )
    return (
        "    @overload\n"
        f"    def {method}(self, request: {accepted}) -> {returns}: ...\n\n"
        "    @overload\n"
        f"    def {method}({keyword}) -> {returns}: ...\n\n" + by_position + f"    def {method}(\n"
        f"        self, request: {accepted} | None = None, **fields: Any\n"
        f"    ) -> {returns}:\n" + doc + body
    )


def render_sender(model: ServiceModel, spec: OperationInput) -> str:
    op = model.operation_model(spec.name)
    returns = op.output_shape.name if op.output_shape is not None else "None"
    return (
        f"    def {spec.sender}(\n"
        f"        self, operation: _base.Operation, request: {op.input_shape.name}\n"
        f"    ) -> {returns}:\n"
        f'        """Sends ``{spec.name}``; the inheriting client provides it."""\n'
        "        raise NotImplementedError\n"
    )


def render_walkers(
    model: ServiceModel, spec: OperationInput, names: Names, config: dict[str, Any]
) -> str:
    op = model.operation_model(spec.name)
    const = constant(spec.name)
    request = op.input_shape
    response = op.output_shape
    items_shape = response.members[config["result_key"]]
    assert isinstance(items_shape, ListShape)
    item = names.annotation(items_shape.member)
    limit = request.members[config["limit_key"]]
    controls = {config["input_token"], config["limit_key"]}
    required = set(request.required_members)
    filters = [m for m in request.members if m not in controls]
    positional = [m for m in filters if m in required]
    keywords = [m for m in filters if m not in required]
    params = ["self"]
    params += [
        f"{xform_name(m)}: {names.annotation(request.members[m], argument=True)}"
        for m in positional
    ]
    params.append("*")
    params += [
        f"{xform_name(m)}: {names.annotation(request.members[m], argument=True)} | None = None"
        for m in keywords
    ]
    params += [
        "page_size: int | None = None",
        "starting_token: str | None = None",
        "max_items: int | None = None",
    ]
    signature = ", ".join(params)
    fields = [f"{xform_name(m)}={xform_name(m)}" for m in filters]
    fields.append(f"{xform_name(config['limit_key'])}=page_size")
    fields.append(f"{xform_name(config['input_token'])}=starting_token")
    build = f"        request = {request.name}({', '.join(fields)})\n"
    lo, hi = limit.metadata.get("min", 1), limit.metadata.get("max")
    span = f"{lo}-{hi}" if hi is not None else f"at least {lo}"
    filter_args = [
        (xform_name(m), first_sentence(request.members[m].documentation, f"``{m}``."))
        for m in filters
    ]
    kind = config["result_key"]
    shared = [
        ("page_size", f"Items per request ({span}); the service's default when ``None``."),
        (
            "starting_token",
            f"A ``{xform_name(config['output_token'])}`` from an earlier page, to resume after "
            "that page.",
        ),
    ]
    raising = [
        (
            "irclient.ValidationError",
            "An argument breaks a constraint (raised at the call, before any request).",
        )
    ]
    pages_doc = doc_block(
        [
            f"Walks ``{spec.name}`` page by page, lazily.",
            "Each page is fetched when the iteration reaches it, and retried on its own. A "
            f"page's ``{xform_name(config['output_token'])}``, passed back as "
            "``starting_token``, resumes after that page.",
        ],
        [
            (
                "Args",
                filter_args
                + shared
                + [
                    (
                        "max_items",
                        f"Stop after this many items (``{kind}``); pages are sized so that "
                        "the last one ends there, and its "
                        f"``{xform_name(config['output_token'])}`` resumes after it.",
                    )
                ],
            ),
            ("Returns", [("", f"An iterator of :class:`~irclient.models.{response.name}` pages.")]),
            ("Raises", raising),
        ],
    )
    items_doc = doc_block(
        [
            f"Yields the items of ``{spec.name}`` one by one, lazily.",
            f"The items are the ``{kind}`` of each page, fetched as the iteration reaches it: "
            "the first item costs one request, not the whole walk.",
        ],
        [
            (
                "Args",
                filter_args + shared + [("max_items", "Yield at most this many items.")],
            ),
            ("Returns", [("", f"An iterator of :class:`~irclient.models.{item}`.")]),
            ("Raises", raising),
        ],
    )
    out = []
    if spec.pages:
        out.append(
            f"    def {spec.pages}({signature}) -> Iterator[{response.name}]:\n"
            + pages_doc
            + build
            + f"        pages: Iterator[{response.name}] = self._pipeline.pages(\n"
            + f"            {const}, request, max_items\n        )\n"
            "        return pages\n"
        )
    if spec.items:
        out.append(
            f"    def {spec.items}({signature}) -> Iterator[{item}]:\n"
            + items_doc
            + build
            + f"        items: Iterator[{item}] = self._pipeline.items(\n"
            + f"            {const}, request, max_items\n        )\n"
            "        return items\n"
        )
    return "\n".join(out)


def render_client(
    model: ServiceModel,
    operations: Iterable[OperationInput],
    paginators: dict[str, dict[str, Any]],
    head: str,
    docs_url: str | None,
) -> str:
    """``_client.py``: the typed methods of every operation, as a mixin class."""
    operations = list(operations)
    names = Names()
    methods = []
    for spec in operations:
        methods.append(render_operation(model, spec, names, docs_url))
        if spec.name in paginators and (spec.pages or spec.items):
            methods.append(render_walkers(model, spec, names, paginators[spec.name]))
    senders = [render_sender(model, spec) for spec in operations if spec.sender]
    constants = "".join(
        f"{constant(spec.name)} = _specs.OPERATIONS[{spec.name!r}]\n" for spec in operations
    )
    imports = (
        "from collections.abc import Iterable, Iterator, Mapping\n"
        "from typing import Any, overload\n\n"
    )
    if names.datetime:
        imports = "import datetime\n" + imports
    imports += "from . import _base, _specs\n"
    if names.enums:
        imports += f"from .enums import {', '.join(sorted(names.enums))}\n"
    imports += f"from .shapes import {', '.join(sorted(names.shapes))}\n"
    return (
        head
        + '"""Typed client methods of every operation of the table, from botocore\'s model.\n\n'
        + "Each method delegates to the request pipeline of the client that inherits them\n"
        + "(:class:`irclient.models._base.Pipeline`): the methods hold the types and the\n"
        + "documentation, the pipeline holds the behaviour.\n"
        + '"""\n\n'
        + "from __future__ import annotations\n\n"
        + imports
        + '\n__all__ = ["Operations"]\n\n'
        + constants
        + "\n\nclass Operations:\n"
        + '    """The typed methods of every operation; the facade client inherits them."""\n\n'
        + "    __slots__ = ()\n\n"
        + "    _pipeline: _base.Pipeline\n\n"
        + "\n".join(methods + senders)
    )


def render(
    model: ServiceModel,
    operations: Iterable[OperationInput] = OPERATIONS,
    paginators: dict[str, dict[str, Any]] | None = None,
) -> dict[str, str]:
    """All generated files, by name."""
    operations = tuple(operations)
    if paginators is None:
        paginators = load_paginators(model.service_name, operations)
    shapes = closure(model, operations)
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
    map_shapes = sorted(
        (s for s in shapes.values() if isinstance(s, MapShape)), key=lambda s: s.name
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
        + "import datetime\nfrom collections.abc import Iterable, Mapping\n\nimport attrs\n\n"
        + "from . import _base\n"
        + "from .enums import "
        + ", ".join(s.name for s in enum_shapes)
        + "\n\n__all__ = [\n"
        + "".join(f"    {s.name!r},\n" for s in structures)
        + "]\n\n\n"
        + render_converters(list_shapes)
        + "\n\n\n"
        + (render_map_converters(map_shapes) + "\n\n\n" if map_shapes else "")
        + "\n\n".join(render_structure(s) for s in structures)
    )
    # datetime is only needed when a timestamp appears; keep the import honest for ruff.
    if "datetime.datetime" not in shapes_py.split("__all__", 1)[1]:
        shapes_py = shapes_py.replace("import datetime\n", "")
    if not map_shapes:
        shapes_py = shapes_py.replace("Iterable, Mapping\n", "Iterable\n")

    specs_py = (
        head
        + '"""Constraint metadata and wire names, read by validation and conversion."""\n\n'
        + "from . import _base, enums, shapes\n\n"
        + f"BOTOCORE_VERSION = {version!r}\n"
        + '"""The botocore version these models were generated from."""\n'
        + f"MODEL_DIGEST = {digest!r}\n"
        + '"""A hash of the service-model shapes the models were generated from."""\n'
        + f"SERVICE_NAME = {model.service_name!r}\n"
        + '"""The boto3 service name of the operations."""\n\n'
        + operations_table(model, operations, paginators)
        + "\n"
        + members_since(shapes)
        + "\n"
        + "UNIONS: frozenset[type[_base.Shape]] = frozenset(\n    {\n"
        + "".join(f"        shapes.{s.name},\n" for s in structures if s.is_tagged_union)
        + "    }\n)\n"
        + '"""Structures AWS calls unions: exactly one member is set."""\n\n'
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
        "enums.py": enums_py,
        "shapes.py": shapes_py,
        "_specs.py": specs_py,
        "__init__.py": init_py,
        "_client.py": render_client(
            model, operations, paginators, head, DOCS_URL.get(model.service_name)
        ),
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


def counts(
    model: ServiceModel, operations: Iterable[OperationInput] = OPERATIONS
) -> dict[str, Any]:
    shapes = closure(model, operations)
    enum_shapes = [s for s in shapes.values() if enum_values(s)]
    found: dict[str, Any] = {
        "operations": len(tuple(operations)),
        "structures": sum(isinstance(s, StructureShape) for s in shapes.values()),
        "maps": sum(isinstance(s, MapShape) for s in shapes.values()),
        "enums": len(enum_shapes),
        "enum_values": sum(len(enum_values(s)) for s in enum_shapes),
    }
    if "ProductionVariantInstanceType" in shapes:
        found["instance_types"] = len(enum_values(shapes["ProductionVariantInstanceType"]))
    return found


HAND_WRITTEN = frozenset({"_base.py"})
"""Modules of the output package that are ordinary source, not generated."""


def _diff(expected: dict[str, str], out: Path) -> Iterator[str]:
    for name, text in expected.items():
        path = out / name
        if not path.exists() or path.read_text() != text:
            yield name
    for path in out.glob("*.py"):
        if path.name not in expected and path.name not in HAND_WRITTEN:
            yield path.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the output would change")
    parser.add_argument("--service", default=SERVICE, help=f"botocore service (default {SERVICE})")
    parser.add_argument(
        "--operation",
        action="append",
        dest="operations",
        metavar="NAME",
        help="an operation to generate (repeatable; default: the Inference Recommender API)",
    )
    parser.add_argument("--out", type=Path, default=OUT, help="the package directory to write")
    args = parser.parse_args(argv)
    operations = (
        tuple(OperationInput(name) for name in args.operations) if args.operations else OPERATIONS
    )
    out: Path = args.out.resolve()
    model = load_model(args.service)
    files = format_sources(
        {**render(model, operations), **parsergen.render(model, [op.name for op in operations])}
    )
    if args.check:
        stale = sorted(set(_diff(files, out)))
        if stale:
            print(f"generated models are out of date: {', '.join(stale)}", file=sys.stderr)
            print("run: python tools/codegen.py", file=sys.stderr)
            return 1
        summary = counts(model, operations)
        print(f"models up to date with botocore {botocore.__version__}: {summary}")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text)
    print(f"wrote {len(files)} files to {out}: {counts(model, operations)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
