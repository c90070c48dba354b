"""Typed benchmark workloads for AI workload configurations, checked offline.

``CreateAIWorkloadConfig`` takes the benchmark traffic as one string,
``AIWorkloadConfigs.WorkloadSpec.Inline``: a YAML or JSON document that the service checks
against the configuration of its benchmark tool, AIPerf. :class:`Workload` builds that
document from typed values (token distributions, concurrency levels or request rates, request
count or duration, dataset channels, streaming, an SLA search, secrets), writes it, reads it
back, and checks it before anything is sent:

>>> from irclient.workloads import TokenDistribution, Workload
>>> Workload(input_tokens=TokenDistribution(mean=550), concurrency=0).validate()
Traceback (most recent call last):
...
irclient.errors.ValidationError: 1 validation error:
  - parameters.concurrency: parameters.concurrency is 0; it must be >= 1

The check is ``jsonschema``'s, against a schema pinned to the AIPerf release the service runs
(:data:`AIPERF_VERSION`) and shipped with irclient (:func:`schema`). No published JSON Schema of
this document exists: the schema is derived from the AWS developer guide (the envelope) and
AIPerf's documented ``aiperf profile`` options of that release (the parameters); its
``$comment`` names the sources. ``jsonschema`` and PyYAML are imported on first use.
"""

from ._schema import AIPERF_VERSION, SCHEMA_FILE, inline_violations, schema
from ._spec import SEARCH_RECIPE, DatasetChannel, SlaSearch, TokenDistribution, Workload

__all__ = [
    "AIPERF_VERSION",
    "SCHEMA_FILE",
    "SEARCH_RECIPE",
    "DatasetChannel",
    "SlaSearch",
    "TokenDistribution",
    "Workload",
    "inline_violations",
    "schema",
]
