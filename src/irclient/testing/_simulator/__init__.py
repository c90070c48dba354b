"""The simulated Inference Recommender, split as moto splits a service.

* ``_requests`` - reading a request: parsing, checks, AWS's errors (``_aws_errors`` words
  them);
* ``_schedule`` - the clock and the generic job schedule every job kind runs on;
* ``_jobs`` - an Inference Recommender job: its plan of benchmarks and its schedule;
  ``_performance`` is the performance and cost model behind the benchmarks' numbers,
  ``_joblogs`` the lines a job logs as it runs;
* ``_references`` - what a job names (models, packages, endpoints), checked against moto;
* ``_state`` - the backend of one account and Region: the operations;
* ``_ai_state`` - its generative-AI operations (workload configurations, AI benchmark and
  recommendation jobs): ``_ai_jobs`` holds their records and schedules, ``_llm`` the model
  of LLM serving behind their numbers, ``_ai_recommend`` what a recommendation says,
  ``_ai_output`` the AIPerf archive and log lines a benchmark leaves, ``_ai_references``
  what they name (endpoints, buckets, model artifacts), checked against moto;
* ``_components`` - inference components (the six operations moto lacks): their lifecycle
  on the clock, and the endpoint, variant, model and base component each names;
* paging is the fakes' one paginator, ``irclient.testing._paginator``.

moto itself is reached only from ``irclient.testing._moto``.
"""

from __future__ import annotations

from ._ai_state import BENCHMARK_MODEL_NAME as AI_BENCHMARK_MODEL_NAME
from ._ai_state import RECOMMENDATION_MODEL_NAME as AI_RECOMMENDATION_MODEL_NAME
from ._components import COMPONENT_MODEL_NAME
from ._jobs import COMPILE_TAG, FAIL_JOB_TAG, FAIL_STEP_TAG
from ._llm import MODEL_PARAMETERS_TAG
from ._references import EndpointFacts, SageMakerResources
from ._requests import SimulatedError
from ._schedule import CLOCK, Clock, Phase, Schedule, Timeline
from ._state import InferenceRecommenderState

__all__ = [
    "AI_BENCHMARK_MODEL_NAME",
    "AI_RECOMMENDATION_MODEL_NAME",
    "CLOCK",
    "COMPILE_TAG",
    "COMPONENT_MODEL_NAME",
    "FAIL_JOB_TAG",
    "FAIL_STEP_TAG",
    "MODEL_NAME",
    "MODEL_PARAMETERS_TAG",
    "Clock",
    "EndpointFacts",
    "InferenceRecommenderState",
    "Phase",
    "SageMakerResources",
    "Schedule",
    "SimulatedError",
    "Timeline",
]

MODEL_NAME = "sagemaker::inference-recommendations-job"
"""The model name of a job in moto's state manager (``state_manager.set_transition``)."""
