"""The table of known failure messages: each rule says something specific, unknowns nothing."""

from __future__ import annotations

import pytest

from irclient.diagnosis._hints import Context, match

CONTEXT = Context(
    role_arn="arn:aws:iam::123456789012:role/ir",
    sample_payload_url="s3://bucket/payload.zip",
    content_types=("text/csv",),
    log_streams=("/aws/sagemaker/Endpoints/ep-1:AllTraffic/i-1",),
)


def kinds(message: str) -> list[str]:
    return [m.kind for m in match(message, CONTEXT)]


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (
            "INVALID_INPUT : 1. Model (owned by the customer in the container) returned 4xx "
            "or 5xx error code.",
            "container_error",
        ),
        (
            "ModelError: An error occurred (ModelError) when calling the InvokeEndpoint "
            "operation: Received server error (500) from primary with message ...",
            "container_error",
        ),
        (
            "An error occurred (ResourceLimitExceeded) when calling the CreateEndpoint "
            "operation: The account-level service limit 'ml.p3.2xlarge for endpoint usage' "
            "is 0 Instances, with current utilization of 0 Instances and a request delta of "
            "1 Instances. Please use AWS Service Quotas to request an increase for this quota.",
            "quota",
        ),
        ("The sample payload must be a single .tar.gz file in Amazon S3.", "payload"),
        (
            "PayloadError: An error occurred (PayloadError) when calling the InvokeEndpoint "
            "operation",
            "payload",
        ),
        (
            "Provided role ARN cannot be assumed and an AWSSecurityTokenServiceException error "
            "occurred.",
            "permission",
        ),
        (
            "User: arn:aws:sts::123456789012:assumed-role/ir/SageMaker is not authorized to "
            "perform: s3:GetObject on resource: arn:aws:s3:::bucket/model.tar.gz",
            "permission",
        ),
        ("Burstable instance type ml.t2.medium is not allowed.", "burstable"),
        (
            "Specify Domain in the Model Package version 1. Domain is a mandatory parameter "
            "for the job.",
            "metadata",
        ),
        (
            "Users at the end of prev phase is 0 while initial users of current phase is 1.",
            "traffic_phases",
        ),
        ("Total traffic duration (across) should not exceed job duration.", "traffic_phases"),
    ],
)
def test_known_messages_get_their_hint(message: str, kind: str) -> None:
    assert kinds(message) == [kind]


@pytest.mark.parametrize(
    "message",
    [
        "Container failed to start",
        "Simulated failure",
        "Internal error",
        "The job was stopped",
        "",
        "Model container failed its health check",
    ],
)
def test_unknown_messages_get_none(message: str) -> None:
    assert match(message, CONTEXT) == []


def test_the_quota_hint_names_the_limit_and_how_to_raise_it() -> None:
    [hint] = match(
        "The account-level service limit 'ml.g5.12xlarge for endpoint usage' is 2 Instances, "
        "with current utilization of 2 Instances. ResourceLimitExceeded",
        CONTEXT,
    )
    assert "'ml.g5.12xlarge for endpoint usage' (currently 2 Instances)" in hint.advice
    assert "Service Quotas" in hint.advice and "MaxParallelOfTests" in hint.advice


def test_a_quota_hint_without_a_named_limit_says_so() -> None:
    [hint] = match("ResourceLimitExceeded when calling the CreateEndpoint operation", CONTEXT)
    assert "does not name the quota" in hint.advice


def test_the_permission_hint_names_the_role_and_the_action() -> None:
    [hint] = match("not authorized to perform: ecr:BatchGetImage on resource", CONTEXT)
    assert "arn:aws:iam::123456789012:role/ir" in hint.advice
    assert "ecr:BatchGetImage" in hint.advice
    [trust] = match("Provided role ARN cannot be assumed", CONTEXT)
    assert "sts:AssumeRole" in trust.advice and "iam:PassRole" in trust.advice


def test_the_container_hint_names_the_streams_and_the_content_type() -> None:
    [hint] = match("ModelError", CONTEXT)
    assert "/aws/sagemaker/Endpoints/ep-1:AllTraffic/i-1" in hint.advice
    assert "text/csv" in hint.advice
    many = Context(log_streams=tuple(f"group:stream-{i}" for i in range(7)))
    [cut] = match("ModelError", many)
    assert "group:stream-3" in cut.advice and "group:stream-4" not in cut.advice
    assert "and 3 more" in cut.advice


def test_the_payload_hint_shows_the_url_in_use() -> None:
    [hint] = match("PayloadError", CONTEXT)
    assert "(now s3://bucket/payload.zip)" in hint.advice
