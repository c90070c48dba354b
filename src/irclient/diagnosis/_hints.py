"""Known Inference Recommender failure messages, each mapped to what to check.

A small table on purpose: every rule matches a message AWS is known to return (from the
troubleshooting guide and from what users have posted), and says something specific. A
message no rule knows gets no hint: a wrong hint costs more time than none.

A message is text from AWS, of any length a response carries: the rules read at most its
first :data:`MAX_MATCHED` characters, and they are RE2 patterns (google-re2, as validation
uses), whose time is linear in the text matched whatever the text holds. (Python's ``re``
backtracks: ``service limit '?([^']+?)'? is`` was quadratic on a message repeating
"service limit a".)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs
import re2

__all__ = ["MAX_MATCHED", "Context", "Match", "match"]

MAX_MATCHED: Final = 4096
"""The most characters of a message the rules read: four times the 1,024 AWS documents for a
``FailureReason``, so a real message is read whole and a hostile one costs a bounded time."""

_SURROGATE: Final = re.compile("[\ud800-\udfff]")

Found = Any
"""A match of a rule's pattern (google-re2's match object, which has no type stubs)."""


def _compile(pattern: str, *, ignore_case: bool = False) -> Any:
    """An RE2 pattern: linear-time search, never backtracking."""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.log_errors = False
    return re2.compile(pattern, options=options)


@attrs.frozen(kw_only=True)
class Context:
    """What the advice may name: the job's role and payload, and where to read the logs."""

    role_arn: str | None = None
    sample_payload_url: str | None = None
    content_types: tuple[str, ...] = ()
    log_streams: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Match:
    """One rule that matched one message."""

    kind: str
    title: str
    advice: str


@attrs.frozen
class _Rule:
    kind: str
    title: str
    pattern: Any  # compiled by _compile
    advice: Callable[[Found, str, Context], str]


_NAMED_STREAMS: Final = 4


def _streams(context: Context) -> str:
    names = context.log_streams
    if not names:
        return "the log streams of the failed benchmark's endpoint"
    if len(names) <= _NAMED_STREAMS:
        return ", ".join(names)
    rest = len(names) - _NAMED_STREAMS
    return f"{', '.join(names[:_NAMED_STREAMS])} and {rest} more of the failed endpoints"


def _container(_: Found, __: str, context: Context) -> str:
    types = ", ".join(context.content_types) or "the content type the job declares"
    return (
        f"The model container answered the sample payload with an error. Its own log says "
        f"why: read {_streams(context)}. Check that the inference code accepts the "
        f"payload's content type ({types}) and its shape, and that it loads the model "
        "without error (a local run of the container with one payload file shows the same "
        "error faster)."
    )


# AWS quotes the quota's name; a tag value (which cannot hold quotes) may not.
_LIMIT = (
    _compile(r"service limit '?([^']+?)'? is (\d+) (\w+)"),
    _compile(r"service limit '([^']+)'()()"),
)


def _quota(_: Found, message: str, __: Context) -> str:
    named = next((m for m in (r.search(message) for r in _LIMIT) if m is not None), None)
    if named is None:
        which = (
            "The message does not name the quota; the Service Quotas console lists "
            "SageMaker's quotas with their current usage."
        )
        quota = "the quota"
    else:
        quota = f"'{named.group(1)}'"
        which = f"The quota hit is {quota}"
        if named.group(2):
            which += f" (currently {named.group(2)} {named.group(3)})"
        which += "."
    return (
        f"{which} Ask for more in the Service Quotas console (AWS services, Amazon "
        f"SageMaker, {quota}, Request increase at account level), or with "
        "'aws service-quotas request-service-quota-increase --service-code sagemaker "
        "--quota-code CODE --desired-value N' (the code is in 'aws service-quotas "
        "list-service-quotas --service-code sagemaker'). Until then, benchmark fewer "
        "endpoints at once (InputConfig.ResourceLimit.MaxParallelOfTests), leave that "
        "instance type out, or delete endpoints you no longer use."
    )


def _payload(_: Found, __: str, context: Context) -> str:
    url = f" (now {context.sample_payload_url})" if context.sample_payload_url else ""
    return (
        "InputConfig.ContainerConfig.PayloadConfig.SamplePayloadUrl must name a single "
        f".tar.gz archive in S3{url}: one object, not a folder, a .zip or a bare payload "
        "file, holding the payload files in the format SupportedContentTypes declares. The "
        "job's role must be able to read it (s3:GetObject, and kms:Decrypt if the bucket is "
        "encrypted with a customer key)."
    )


def _permission(found: Found, _: str, context: Context) -> str:
    role = f"The job's role ({context.role_arn})" if context.role_arn else "The job's role"
    action = found.groupdict().get("action")
    if action:
        lacks = f"{role} is not allowed {action}: add it to the role's policy."
    elif "assume" in found.group(0).lower() or "SecurityToken" in found.group(0):
        lacks = (
            f"{role} could not be assumed: its trust policy must let sagemaker.amazonaws.com "
            "call sts:AssumeRole, and whoever creates the job needs iam:PassRole on it."
        )
    else:
        lacks = f"{role} lacks a permission the job needs."
    return (
        f"{lacks} The job reads the model and the sample payload from S3, pulls the "
        "container image from ECR, creates and deletes endpoints, and writes CloudWatch "
        "Logs; the AmazonSageMakerFullAccess managed policy covers all of these."
    )


def _burstable(found: Found, _: str, __: Context) -> str:
    kind = found.group(1) or "t2 instances"
    return (
        f"Inference Recommender does not load-test burstable instances ({kind}): their "
        "performance is not steady. Leave them out of SupportedInstanceTypes or "
        "EndpointConfigurations."
    )


def _metadata(found: Found, _: str, __: Context) -> str:
    field = found.group(1)
    return (
        f"The job needs the model's {field}: set it on the model package version (or in "
        f"InputConfig.ContainerConfig.{field}), with OTHER when none of the values fits."
    )


def _phases(found: Found, _: str, __: Context) -> str:
    if "duration" in found.group(0).lower():
        return (
            "The traffic pattern's phases together last longer than the job may run: "
            "shorten the phases or raise InputConfig.JobDurationInSeconds."
        )
    return (
        "Each phase of the traffic pattern starts close to where the previous one ended: "
        "a phase's InitialNumberOfUsers may differ from the users the previous phase "
        "reached by at most 3, and no phase starts from 0 users after one that had some."
    )


_RULES: Final[Sequence[_Rule]] = (
    _Rule(
        "container_error",
        "The model container failed on the sample payload",
        _compile(
            r"returned 4xx or 5xx|\bModelError\b|"
            r"Received (?:client|server) error \(\d{3}\) from (?:primary|model)"
        ),
        _container,
    ),
    _Rule(
        "quota",
        "A SageMaker quota was hit",
        _compile(
            r"\bResourceLimitExceeded\b|account-level service limit|"
            r"\bquota (?:was |has been )?(?:exceeded|reached)",
            ignore_case=True,
        ),
        _quota,
    ),
    _Rule(
        "payload",
        "The sample payload is not a single .tar.gz archive",
        _compile(
            # .tar.gz alone would catch a model archive's name: it must be the payload's.
            r"payload.{0,80}?(?:\.tar\.gz|tarball)|(?:\.tar\.gz|tarball).{0,80}?payload|"
            r"\bPayloadError\b|"
            r"(?:sample )?payload (?:archive|file)s? (?:is |are )?(?:invalid|empty|missing|not)",
            ignore_case=True,
        ),
        _payload,
    ),
    _Rule(
        "permission",
        "The job's role lacks a permission",
        _compile(
            r"not authorized to perform:?\s*(?P<action>[\w-]+:[\w*-]+)|"
            r"\bAccessDenied(?:Exception)?\b|role ARN cannot be assumed|"
            r"AWSSecurityTokenServiceException"
        ),
        _permission,
    ),
    _Rule(
        "burstable",
        "Burstable instances are not benchmarked",
        _compile(r"[Bb]urstable instance type (ml\.t\d\.\w+)? ?is not allowed"),
        _burstable,
    ),
    _Rule(
        "metadata",
        "The model lacks metadata the job needs",
        _compile(r"Specify (Domain|Framework) in the Model Package"),
        _metadata,
    ),
    _Rule(
        "traffic_phases",
        "The traffic pattern's phases do not fit together",
        _compile(
            r"Users at the end of (?:the )?prev(?:ious)? phase|"
            r"Total traffic duration.{0,40}job duration",
            ignore_case=True,
        ),
        _phases,
    ),
)


def match(message: str, context: Context) -> list[Match]:
    """The hints for one failure message (none when no rule knows it).

    Args:
        message: A job's or a step's ``FailureReason`` (its first :data:`MAX_MATCHED`
            characters are read).
        context: What the advice may name.
    """
    # RE2 reads UTF-8, which a lone surrogate (JSON's "\ud800") has no form in.
    text = _SURROGATE.sub("\ufffd", message[:MAX_MATCHED])
    found = []
    for rule in _RULES:
        hit = rule.pattern.search(text)
        if hit is not None:
            found.append(
                Match(kind=rule.kind, title=rule.title, advice=rule.advice(hit, text, context))
            )
    return found
