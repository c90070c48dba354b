"""From a recommendation to a running, autoscaled endpoint.

:func:`deploy_recommendation` takes a completed job and one of its recommendations and makes
what SageMaker needs to serve it:

* the **model**: a ``ModelName`` job's own model as it is; a copy of it with the
  variables the recommendation adds to its environment (never replacing the base model's
  own) or compiled artefacts; for a ``ModelPackageVersionArn`` job, a model made from the
  package with the job's role;
* an **endpoint configuration** with one variant that matches the recommendation: instance
  type and count, or serverless memory and concurrency;
* the **endpoint**, then a wait until it is ``InService``.

:func:`apply_scaling_recommendation` asks ``GetScalingConfigurationRecommendation`` for the
recommendation's autoscaling policy and applies it through Application Auto Scaling: the
variant's instance count becomes a scalable target with the recommended capacity range, and
each recommended target-tracking policy is put on it.

Both are safe to re-run. Everything is read before the first write: a resource that exists
under the name to be used is compared with what would be created; the same configuration is
adopted as it is; a different one is a :class:`~irclient.errors.DeploymentConflictError`
(every conflict at once, nothing written), never a replacement. Nothing is deleted. A
failure after the first write is an :class:`~irclient.errors.IncompleteDeploymentError` that
says what exists. With ``dry_run=True`` they return the exact write requests they would
send, and send none: a dry run only reads.

Every request goes through the client's :class:`~irclient.RetryPolicy` and raises
:mod:`irclient.errors` exceptions; every service client shares the SageMaker client's
account and settings (:meth:`~irclient.InferenceRecommenderClient.aws_client`).

:func:`deploy_ai_recommendation` does the same for a generative-AI recommendation: a model
from its ``DeploymentConfiguration``, an endpoint for inference components, an inference
component with the recommended copies and memory, its LoRA adapters, and the copy count's
autoscaling (``_components``).

The package, by concern: ``_names`` (names and their rules), ``_choose`` (the job and the
recommendation), ``_plan`` (the endpoint plan: model, configuration, endpoint), ``_converge``
(create or adopt), ``_autoscaling``, ``_deploy`` (the orchestration), ``_results``.
"""

from __future__ import annotations

from ._autoscaling import apply_scaling_recommendation
from ._choose import resolve_recommendation
from ._components import ComponentDeployment, deploy_ai_recommendation
from ._deploy import deploy_recommendation
from ._names import DEFAULT_VARIANT_NAME, derived_names
from ._results import Deployment, PlannedRequest, ScalingDeployment

__all__ = [
    "DEFAULT_VARIANT_NAME",
    "ComponentDeployment",
    "Deployment",
    "PlannedRequest",
    "ScalingDeployment",
    "apply_scaling_recommendation",
    "deploy_ai_recommendation",
    "deploy_recommendation",
    "derived_names",
    "resolve_recommendation",
]
