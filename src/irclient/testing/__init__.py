"""Amazon SageMaker Inference Recommender for moto.

moto implements none of the Inference Recommender operations (the six classic ones and the
14 generative-AI ones: workload configurations, AI benchmark and AI recommendation jobs);
this package adds them to moto's SageMaker service, so that plain boto3 (and irclient) code
runs offline::

    from irclient.testing import mock_inference_recommender

    with mock_inference_recommender():
        sagemaker = boto3.client("sagemaker", region_name="us-east-1")
        sagemaker.create_inference_recommendations_job(...)

* :func:`mock_inference_recommender` - a context manager and decorator around ``mock_aws``;
* :func:`install` - add the operations to moto for ``mock_aws`` used directly and for moto's
  server mode (``ThreadedMotoServer``; ``python -m irclient.testing.server`` runs
  ``moto_server`` with them);
* ``irclient.testing.pytest_plugin`` - fixtures ``ir_mock``, ``ir_boto3_client`` and
  ``ir_client``, enabled with ``pytest_plugins = ["irclient.testing.pytest_plugin"]``;
* :class:`FakeWire` (``irclient.testing.wire``) - an in-memory endpoint behind botocore's
  ``before-send`` hook with faults queued per operation, for testing retries.

Jobs progress through moto's state manager under :data:`MODEL_NAME` (AI jobs under
:data:`AI_BENCHMARK_MODEL_NAME` and :data:`AI_RECOMMENDATION_MODEL_NAME`, inference
components under :data:`COMPONENT_MODEL_NAME`; the mock's ``transition`` sets them all);
tag a job with :data:`FAIL_JOB_TAG` or :data:`FAIL_STEP_TAG` to make it, or some of its
benchmarks, fail (and with :data:`COMPILE_TAG` to have benchmarks run compiled models); the
same failure tags fail AI jobs, and :data:`MODEL_PARAMETERS_TAG` sizes an AI job's model without S3.
moto is the optional ``testing`` extra: ``pip install 'irclient[testing]'``.
"""

from __future__ import annotations

from .._utils.extras import require

# Only to fail early, with the one message irclient gives for a missing extra.
require("moto", feature="irclient.testing", extra="testing")

from ._mock import InferenceRecommenderMock, mock_inference_recommender
from ._moto import install, installed, uninstall
from ._simulator import (
    AI_BENCHMARK_MODEL_NAME,
    AI_RECOMMENDATION_MODEL_NAME,
    COMPILE_TAG,
    COMPONENT_MODEL_NAME,
    FAIL_JOB_TAG,
    FAIL_STEP_TAG,
    MODEL_NAME,
    MODEL_PARAMETERS_TAG,
)
from .wire import FakeWire

__all__ = [
    "AI_BENCHMARK_MODEL_NAME",
    "AI_RECOMMENDATION_MODEL_NAME",
    "COMPILE_TAG",
    "COMPONENT_MODEL_NAME",
    "FAIL_JOB_TAG",
    "FAIL_STEP_TAG",
    "MODEL_NAME",
    "MODEL_PARAMETERS_TAG",
    "FakeWire",
    "InferenceRecommenderMock",
    "install",
    "installed",
    "mock_inference_recommender",
    "uninstall",
]
