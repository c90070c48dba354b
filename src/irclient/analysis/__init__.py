"""Choosing an endpoint from a job's benchmarks: flat rows, ranking, Pareto front, DataFrames.

Inference Recommender reports one benchmark per endpoint configuration it tried, in three
places: the steps of ``ListInferenceRecommendationsJobSteps``
(:class:`~irclient.models.InferenceRecommendationsJobStep`), the recommendations of
``DescribeInferenceRecommendationsJob``
(:class:`~irclient.models.InferenceRecommendation`) and, for jobs run against existing
endpoints, its endpoint performances (:class:`~irclient.models.EndpointPerformance`).
:class:`Benchmark` flattens any of them into one row of typed values, and
:class:`Benchmarks` is a sequence of such rows that renders as a table in Jupyter.

Every function here takes *items*: one of the models above, a describe response or a steps
page (their benchmarks are taken), a :class:`Benchmark`, or any iterable of these.

Missing values and failures, the same way everywhere:

* AWS writes NaN for a metric it could not measure (``CpuUtilization`` of a serverless
  endpoint, for instance). A NaN is a missing value: ``None`` on :class:`Benchmark`, NaN or
  ``<NA>`` in a DataFrame, "n/a" in a table.
* A benchmark is *usable* (:attr:`Benchmark.usable`) when it completed (a step whose status
  is ``COMPLETED``; recommendations and endpoint performances always are) and reports no
  failure reason. :func:`rank`, :func:`best`, :func:`pareto_front` and
  :func:`plot_tradeoff` consider usable benchmarks only; :func:`to_dataframe` and the
  displays show every benchmark, failed ones included.
* A benchmark whose value is missing for the ranking metric, or for a limit that was asked
  for, cannot be shown to qualify, so it is left out of the ranking.

pandas, matplotlib and adjustText are imported only by :func:`to_dataframe` and
:func:`plot_tradeoff`, so importing this module stays cheap; install them with
``pip install 'irclient[notebook]'``.

AI recommendation jobs (``DescribeAIRecommendationJob``) are taken too, by every function
here: their recommendations become :class:`AIRecommendationRow` rows, with
``ExpectedPerformance`` parsed into numbers with units and cost per hour, per month and per
million output tokens derived (:class:`AIRecommendations`).
"""

from ._frames import BENCHMARK_COLUMNS as BENCHMARK_COLUMNS
from ._frames import JOB_COLUMNS as JOB_COLUMNS
from ._frames import to_dataframe as to_dataframe
from ._genai import HOURS_PER_MONTH as HOURS_PER_MONTH
from ._genai import AIRecommendationRow as AIRecommendationRow
from ._genai import AIRecommendations as AIRecommendations
from ._genai import PerformanceValue as PerformanceValue
from ._plot import MAX_LABELS as MAX_LABELS
from ._plot import plot_tradeoff as plot_tradeoff
from ._ranking import IMPORTANCE_LEVELS as IMPORTANCE_LEVELS
from ._ranking import RANKABLE_METRICS as RANKABLE_METRICS
from ._ranking import Benchmarks as Benchmarks
from ._ranking import Weights as Weights
from ._ranking import best as best
from ._ranking import pareto_front as pareto_front
from ._ranking import rank as rank
from ._ranking import rank_weighted as rank_weighted
from ._rows import Benchmark as Benchmark
from ._rows import BenchmarkSource as BenchmarkSource

__all__ = [
    "HOURS_PER_MONTH",
    "AIRecommendationRow",
    "AIRecommendations",
    "PerformanceValue",
    "BENCHMARK_COLUMNS",
    "JOB_COLUMNS",
    "MAX_LABELS",
    "RANKABLE_METRICS",
    "Benchmark",
    "IMPORTANCE_LEVELS",
    "BenchmarkSource",
    "Benchmarks",
    "Weights",
    "best",
    "pareto_front",
    "plot_tradeoff",
    "rank",
    "rank_weighted",
    "to_dataframe",
]
