"""The typed form of a ``WorkloadSpec.Inline`` document, and its conversion to and from text.

The service takes the benchmark traffic as one opaque string: a YAML or JSON document of the
shape ``{benchmark: {type: aiperf}, parameters: {...}, tooling: {...}, secrets: {...}}``, whose
``parameters`` are the options of ``aiperf profile`` spelt with underscores. :class:`Workload`
is that document as frozen, keyword-only values; :meth:`Workload.to_inline` writes it and
:meth:`Workload.from_inline` reads it back. Parameters the typed fields do not name travel in
:attr:`Workload.extra_parameters`, so nothing in a document read back is lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs

from ..errors import ValidationError, Violation

__all__ = [
    "DatasetChannel",
    "SlaSearch",
    "TokenDistribution",
    "Workload",
]


def _as_dict(value: Mapping[str, Any]) -> dict[str, Any]:
    """A mapping given to a frozen value, copied (so the caller's later changes do not leak in)."""
    return dict(value)


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """A sequence given to a frozen value, as a tuple."""
    return tuple(value)


# ``aiperf profile`` accepts several spellings of one option; the first is the one written.
_INPUT_MEAN = ("prompt_input_tokens_mean", "synthetic_input_tokens_mean", "isl")
_INPUT_STDDEV = ("prompt_input_tokens_stddev", "synthetic_input_tokens_stddev", "isl_stddev")
_OUTPUT_MEAN = ("output_tokens_mean", "prompt_output_tokens_mean", "osl")
_OUTPUT_STDDEV = ("output_tokens_stddev", "prompt_output_tokens_stddev", "osl_stddev")
_REQUEST_COUNT = ("request_count", "num_requests")

_SIMPLE: dict[str, str] = {
    # typed field -> parameter
    "model": "model",
    "tokenizer": "tokenizer",
    "streaming": "streaming",
    "request_count": "request_count",
    "duration_seconds": "benchmark_duration",
    "warmup_request_count": "warmup_request_count",
    "random_seed": "random_seed",
    "custom_dataset_type": "custom_dataset_type",
    "input_file": "input_file",
    "extra_inputs": "extra_inputs",
}

_SLA: dict[str, str] = {
    "ttft_ms": "ttft_sla_ms",
    "tpot_ms": "tpot_sla_ms",
    "e2e_ms": "e2e_sla_ms",
    "error_rate": "error_rate_sla",
    "concurrency_min": "concurrency_min",
    "concurrency_max": "concurrency_max",
    "max_iterations": "search_max_iterations",
    "initial_points": "search_initial_points",
}

SEARCH_RECIPE = "max-concurrency-under-sla"
"""The one concurrency-search recipe the service documents."""


def _tuple_or_scalar(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


@attrs.frozen(kw_only=True)
class TokenDistribution:
    """A normal distribution of token counts (AIPerf's synthetic prompts and outputs).

    The service uses it only for synthetic data; a dataset's own requests keep their lengths.
    """

    mean: int
    """Mean number of tokens."""
    stddev: float | None = None
    """Standard deviation; ``None`` leaves AIPerf's default (0, every request the same)."""


@attrs.frozen(kw_only=True)
class SlaSearch:
    """The largest concurrency that meets every threshold (``max-concurrency-under-sla``).

    At least one threshold is needed. TTFT and TPOT are measured on streamed responses only.
    """

    ttft_ms: float | None = None
    """Largest acceptable time to first token (p95), in milliseconds."""
    tpot_ms: float | None = None
    """Largest acceptable time per output token (p95), in milliseconds."""
    e2e_ms: float | None = None
    """Largest acceptable end-to-end request latency (p99), in milliseconds."""
    error_rate: float | None = None
    """Largest acceptable fraction of failed requests (0.01 is 1 percent)."""
    concurrency_min: int | None = None
    """Lowest concurrency to try (the service's default is 1)."""
    concurrency_max: int | None = None
    """Highest concurrency to try (the service's default is 1000)."""
    max_iterations: int | None = None
    """Most probes the search may run."""
    initial_points: int | None = None
    """Probes before the search starts to model the results."""


@attrs.frozen(kw_only=True)
class DatasetChannel:
    """An S3 folder of requests, mounted at ``/opt/ml/input/data/<channel_name>/``."""

    channel_name: str
    """The channel's name (``dataset``, or ``template`` for a payload template)."""
    s3_uri: str
    """The S3 URI of the folder (or, for a template channel, of the one template file)."""


def _secrets_repr(secrets: Mapping[str, str]) -> str:
    # A plaintext secret given by mistake must not reach a log through a repr.
    return "{" + ", ".join(f"{key!r}: <hidden>" for key in secrets) + "}"


@attrs.frozen(kw_only=True)
class Workload:
    """The benchmark traffic of an AI workload configuration, typed.

    Build one with keywords, write it with :meth:`to_inline` (the ``WorkloadSpec.Inline``
    string) or :meth:`workload_configs` (the ``AIWorkloadConfigs`` wire form), check it
    offline with :meth:`validate`, and read a service's document back with
    :meth:`from_inline`. ``concurrency`` or ``request_rate`` given as a sequence runs a sweep:
    one level after the other in one job, each reported on its own.

    Example:
        >>> w = Workload(
        ...     input_tokens=TokenDistribution(mean=550, stddev=150),
        ...     output_tokens=TokenDistribution(mean=150),
        ...     concurrency=(1, 8, 32),
        ...     request_count=200,
        ... )
        >>> Workload.from_inline(w.to_inline()) == w
        True
    """

    input_tokens: TokenDistribution | None = None
    """Prompt lengths (``prompt_input_tokens_mean`` / ``_stddev``)."""
    output_tokens: TokenDistribution | None = None
    """Output lengths (``output_tokens_mean`` / ``_stddev``)."""
    concurrency: int | tuple[int, ...] | None = attrs.field(
        default=None, converter=_tuple_or_scalar
    )
    """Requests in flight; a sequence sweeps the levels (``concurrency``)."""
    request_rate: float | tuple[float, ...] | None = attrs.field(
        default=None, converter=_tuple_or_scalar
    )
    """Requests per second; a sequence sweeps the rates (``request_rate``)."""
    request_count: int | None = None
    """Requests to send, per level (``request_count``)."""
    duration_seconds: float | None = None
    """How long to send, per level, in seconds (``benchmark_duration``)."""
    warmup_request_count: int | None = None
    """Requests sent before measuring (``warmup_request_count``)."""
    streaming: bool | None = None
    """Stream the responses (``streaming``; the service's default is true). TTFT and
    inter-token latency are measured only on streamed responses."""
    model: str | None = None
    """The model name sent in each request (``model``)."""
    tokenizer: str | None = None
    """The Hugging Face tokenizer that counts tokens (``tokenizer``)."""
    random_seed: int | None = None
    """Seed of the synthetic data (``random_seed``; the service's default is 42)."""
    custom_dataset_type: str | None = None
    """Format of a dataset's files (``custom_dataset_type``: ``single_turn``, ...)."""
    input_file: str | None = None
    """A dataset file or folder inside the container (``input_file``)."""
    extra_inputs: str | tuple[str, ...] | None = attrs.field(
        default=None, converter=_tuple_or_scalar
    )
    """Extra request inputs (``extra_inputs``: ``payload_template:...``, ...)."""
    sla_search: SlaSearch | None = None
    """Search for the largest concurrency under SLA thresholds, instead of fixed levels."""
    dataset_channels: tuple[DatasetChannel, ...] = attrs.field(default=(), converter=_as_tuple)
    """S3 channels of requests or templates; they go to ``DatasetConfig``, not the Inline."""
    secrets: Mapping[str, str] = attrs.field(
        factory=dict, converter=_as_dict, repr=_secrets_repr, hash=False
    )
    """Secrets by name (``hf_token``), each a Secrets Manager secret ARN, never a value."""
    api_standard: Literal["openai"] | None = "openai"
    """The API the endpoint speaks (``tooling.api_standard``)."""
    tooling_version: str | None = None
    """The AIPerf version to run (``tooling.version``); the service's default when ``None``."""
    extra_parameters: Mapping[str, Any] = attrs.field(factory=dict, converter=_as_dict, hash=False)
    """Any other ``aiperf profile`` parameter, by its underscore name, passed through as is."""

    # ------------------------------------------------------------------ writing

    def parameters(self) -> dict[str, Any]:
        """The ``parameters`` mapping of the document."""
        params: dict[str, Any] = {}
        for dist, (mean, stddev) in (
            (self.input_tokens, (_INPUT_MEAN[0], _INPUT_STDDEV[0])),
            (self.output_tokens, (_OUTPUT_MEAN[0], _OUTPUT_STDDEV[0])),
        ):
            if dist is not None:
                params[mean] = dist.mean
                if dist.stddev is not None:
                    params[stddev] = dist.stddev
        for name, value in (("concurrency", self.concurrency), ("request_rate", self.request_rate)):
            if value is not None:
                params[name] = list(value) if isinstance(value, tuple) else value
        for field, param in _SIMPLE.items():
            value = getattr(self, field)
            if value is not None:
                params[param] = list(value) if isinstance(value, tuple) else value
        if self.sla_search is not None:
            params["search_recipe"] = SEARCH_RECIPE
            for field, param in _SLA.items():
                value = getattr(self.sla_search, field)
                if value is not None:
                    params[param] = value
        clash = sorted(set(params) & set(self.extra_parameters))
        if clash:
            raise ValueError(
                f"extra_parameters repeats {', '.join(clash)}, which typed fields already set"
            )
        params.update(self.extra_parameters)
        return params

    def to_document(self) -> dict[str, Any]:
        """The document as plain data: ``{benchmark, parameters, tooling, secrets}``."""
        doc: dict[str, Any] = {"benchmark": {"type": "aiperf"}, "parameters": self.parameters()}
        tooling = {
            key: value
            for key, value in (
                ("api_standard", self.api_standard),
                ("version", self.tooling_version),
            )
            if value is not None
        }
        if tooling:
            doc["tooling"] = tooling
        if self.secrets:
            doc["secrets"] = dict(self.secrets)
        return doc

    def to_inline(self, format: Literal["json", "yaml"] = "json") -> str:
        """The ``WorkloadSpec.Inline`` string, checked first.

        Args:
            format: ``json`` (compact, the default) or ``yaml``.

        Raises:
            irclient.ValidationError: The document breaks the schema (see :meth:`validate`).
        """
        self.validate()
        doc = self.to_document()
        if format == "yaml":
            import yaml

            text: str = yaml.safe_dump(doc, sort_keys=False, default_flow_style=False)
            return text
        if format != "json":
            raise ValueError(f"format must be 'json' or 'yaml', got {format!r}")
        return json.dumps(doc, separators=(",", ":"), allow_nan=False)

    def dataset_config(self) -> dict[str, Any] | None:
        """The ``DatasetConfig`` wire form of :attr:`dataset_channels`, or ``None``."""
        if not self.dataset_channels:
            return None
        return {
            "InputDataConfig": [
                {
                    "ChannelName": channel.channel_name,
                    "DataSource": {"S3DataSource": {"S3Uri": channel.s3_uri}},
                }
                for channel in self.dataset_channels
            ]
        }

    def workload_configs(self, format: Literal["json", "yaml"] = "json") -> dict[str, Any]:
        """The ``AIWorkloadConfigs`` wire form: ``{"WorkloadSpec": {"Inline": ...}}``."""
        return {"WorkloadSpec": {"Inline": self.to_inline(format)}}

    def validate(self) -> None:
        """Check the document against the pinned AIPerf schema, offline.

        Raises:
            irclient.ValidationError: Every violation, each with its path in the document
                (``parameters.concurrency[1]``).
        """
        from ._schema import document_violations

        try:
            doc = self.to_document()
        except ValueError as exc:
            raise ValidationError(
                [Violation(path="extra_parameters", constraint="unknown_key", message=str(exc))]
            ) from None
        violations = document_violations(doc, prefix="")
        if violations:
            raise ValidationError(violations)

    # ------------------------------------------------------------------ reading

    @classmethod
    def from_inline(cls, text: str, *, dataset_config: Mapping[str, Any] | None = None) -> Workload:
        """Read a ``WorkloadSpec.Inline`` string (YAML or JSON) into the typed form.

        Nothing is lost: parameters the typed fields do not name land in
        :attr:`extra_parameters`. The document is not checked against the schema here (a
        service's document is never refused for carrying something new); call
        :meth:`validate` for that.

        Args:
            text: The Inline string.
            dataset_config: The ``DatasetConfig`` wire form of the same configuration, whose
                channels become :attr:`dataset_channels`.

        Raises:
            irclient.ValidationError: The text is not a YAML or JSON mapping of the
                document's shape (its top-level keys and their kinds).
        """
        from ._schema import load_document

        doc = load_document(text, prefix="")
        return cls.from_document(doc, dataset_config=dataset_config)

    @classmethod
    def from_document(
        cls, doc: Mapping[str, Any], *, dataset_config: Mapping[str, Any] | None = None
    ) -> Workload:
        """Read the document as plain data (see :meth:`from_inline`)."""
        _check_shape(doc)
        params = dict(doc.get("parameters") or {})
        values: dict[str, Any] = {}
        for field, (means, stddevs) in (
            ("input_tokens", (_INPUT_MEAN, _INPUT_STDDEV)),
            ("output_tokens", (_OUTPUT_MEAN, _OUTPUT_STDDEV)),
        ):
            mean = _pop_first(params, means)
            stddev = _pop_first(params, stddevs)
            if mean is not None:
                values[field] = TokenDistribution(mean=mean, stddev=stddev)
            elif stddev is not None:
                params[stddevs[0]] = stddev  # a spread without a mean: kept as given
        for name in ("concurrency", "request_rate"):
            if name in params:
                values[name] = params.pop(name)
        count = _pop_first(params, _REQUEST_COUNT)
        if count is not None:
            values["request_count"] = count
        for field, param in _SIMPLE.items():
            if param in params:
                values[field] = params.pop(param)
        if params.get("search_recipe") == SEARCH_RECIPE:
            params.pop("search_recipe")
            values["sla_search"] = SlaSearch(
                **{field: params.pop(param) for field, param in _SLA.items() if param in params}
            )
        tooling = dict(doc.get("tooling") or {})
        values["api_standard"] = tooling.get("api_standard")
        values["tooling_version"] = tooling.get("version")
        values["secrets"] = dict(doc.get("secrets") or {})
        values["extra_parameters"] = params
        if dataset_config:
            values["dataset_channels"] = tuple(
                DatasetChannel(
                    channel_name=entry["ChannelName"],
                    s3_uri=entry["DataSource"]["S3DataSource"]["S3Uri"],
                )
                for entry in dataset_config.get("InputDataConfig") or ()
            )
        return cls(**values)


def _pop_first(params: dict[str, Any], names: Sequence[str]) -> Any:
    """The value of the first spelling present; every spelling is removed."""
    found = None
    for name in names:
        if name in params:
            value = params.pop(name)
            found = value if found is None else found
    return found


def _check_shape(doc: Mapping[str, Any]) -> None:
    """The kinds the typed form relies on: mappings where mappings belong."""
    problems = [
        Violation(path=key, constraint="type", message=f"{key} must be a mapping")
        for key in ("parameters", "tooling", "secrets", "benchmark")
        if doc.get(key) is not None and not isinstance(doc.get(key), Mapping)
    ]
    if problems:
        raise ValidationError(problems)
