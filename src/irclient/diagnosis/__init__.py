"""Why a recommendation job failed, in one report.

AWS spreads the answer over four places: the job's ``FailureReason``, its failed benchmark
steps (each with its own reason), the job's CloudWatch log streams, and the benchmark
endpoints' own logs. :func:`diagnose` (``client.diagnose(job_name)``) reads them all into a
:class:`Diagnosis`, adds hints for failure messages AWS is known to return, and says what it
could not read, and why, instead of failing: a diagnosis is wanted most when something is
already wrong.

The package, by concern: the report's values (``_report``), building it (``_diagnose``),
reading the logs (``_logs``), the table of known failure messages (``_hints``), and showing
a report as text or HTML (``_render``). The generative-AI jobs' reports
(:class:`AIDiagnosis`, ``client.diagnose_ai_job``) are built from the same pieces in ``_ai``.
"""

from __future__ import annotations

from ._ai import AIDiagnosis as AIDiagnosis
from ._ai import FailedBenchmark as FailedBenchmark
from ._ai import diagnose_ai_job as diagnose_ai_job
from ._ai import log_streams_of as log_streams_of
from ._diagnose import diagnose as diagnose
from ._diagnose import logger as logger
from ._report import DEFAULT_LINES_PER_STREAM as DEFAULT_LINES_PER_STREAM
from ._report import Diagnosis as Diagnosis
from ._report import FailedStep as FailedStep
from ._report import Hint as Hint
from ._report import StreamTail as StreamTail
from ._report import Unreadable as Unreadable

__all__ = [
    "DEFAULT_LINES_PER_STREAM",
    "AIDiagnosis",
    "Diagnosis",
    "FailedBenchmark",
    "FailedStep",
    "Hint",
    "StreamTail",
    "Unreadable",
    "diagnose",
    "diagnose_ai_job",
    "log_streams_of",
]
