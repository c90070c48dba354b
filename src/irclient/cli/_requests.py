"""Request files: reading them, and the templates ``irclient skeleton`` prints."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ._output import ExitCode, Failure, print_json, validation_failure, violations_json, warning

if TYPE_CHECKING:
    from ..models import CreateInferenceRecommendationsJobRequest
    from ..models._base import Shape

RequestT = TypeVar("RequestT", bound="Shape")

DEMO_JOB = "irclient-demo"
"""The demo job's name."""

DEMO_ACCOUNT = "123456789012"
"""The account in the demo request's ARNs."""


def example_request(account: str = DEMO_ACCOUNT, job_name: str = DEMO_JOB) -> dict[str, Any]:
    """A realistic, valid CreateInferenceRecommendationsJob request in wire form.

    A Default job that sizes a PyTorch ResNet-50 image classifier; the demo runs it and
    ``irclient skeleton --example`` prints it.

    Args:
        account: The AWS account ID in the role and payload ARNs.
        job_name: The job name.
    """
    return {
        "JobName": job_name,
        "JobType": "Default",
        "RoleArn": f"arn:aws:iam::{account}:role/SageMakerInferenceRecommender",
        "JobDescription": "Size ResNet-50 for an image classification API",
        "InputConfig": {
            "ModelName": "resnet50",
            "ContainerConfig": {
                "Domain": "COMPUTER_VISION",
                "Task": "IMAGE_CLASSIFICATION",
                "Framework": "PYTORCH",
                "FrameworkVersion": "2.1.0",
                "PayloadConfig": {
                    "SamplePayloadUrl": f"s3://sagemaker-us-east-1-{account}/payloads/resnet50.tar.gz",
                    "SupportedContentTypes": ["image/jpeg"],
                },
            },
        },
        "StoppingConditions": {
            "MaxInvocations": 30000,
            "ModelLatencyThresholds": [{"Percentile": "P95", "ValueInMilliseconds": 100}],
        },
    }


def _skeleton_of(shape: Any) -> Any:
    """The AWS CLI's ``--generate-cli-skeleton`` placeholders, with enums' first value.

    (The AWS CLI picks a random enum value; the first AWS accepts keeps the output stable.)
    """
    kind = shape.type_name
    if kind == "structure":
        return {name: _skeleton_of(member) for name, member in shape.members.items()}
    if kind == "list":
        return [_skeleton_of(shape.member)]
    if kind == "map":
        return {"KeyName": _skeleton_of(shape.value)}
    if kind == "string":
        return _first_accepted(shape.enum) if shape.enum else ""
    if kind in ("integer", "long"):
        return 0
    if kind in ("float", "double"):
        return 0.0
    if kind == "boolean":
        return True
    return None  # pragma: no cover - the request has no timestamps or blobs


def _first_accepted(values: list[str]) -> str:
    """An enum's first value the rule table does not refuse.

    ``ProductionVariantInstanceType`` starts with ``ml.t2.medium``, a burstable type that
    AWS refuses for these jobs; a template should hold a value that can be sent.
    """
    from ..rules import is_burstable

    return next((v for v in values if not is_burstable(v)), values[0])


def skeleton() -> dict[str, Any]:
    """A CreateInferenceRecommendationsJob request template, every member a placeholder.

    The layout the AWS CLI's ``--generate-cli-skeleton`` prints, from botocore's service
    model: ``""`` for strings, ``0`` for numbers, one item per list, an enum's first value.
    It parses as a request; ``irclient validate`` then lists the placeholders to fill in.
    """
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    shape = model.operation_model("CreateInferenceRecommendationsJob").input_shape
    result: dict[str, Any] = _skeleton_of(shape)
    return result


def source_name(path: str) -> str:
    """How messages name a request file: ``file://`` as in the AWS CLI, ``-`` for stdin."""
    name = path.removeprefix("file://")
    return "<stdin>" if name == "-" else name


def read_request(path: str) -> dict[str, Any]:
    """The request in a file (``-`` is standard input; ``file://`` as in the AWS CLI).

    The file is read strictly and within limits (:mod:`irclient.cli._strict_json`): at most
    1 MiB, UTF-8, JSON nested at most 32 deep, integers of at most 20 digits, no key twice.

    Raises:
        Failure: the file cannot be read, is not JSON, goes beyond a limit, or does not hold
            a JSON object.
    """
    from ._strict_json import RequestFileError, read

    name = source_name(path)
    try:
        if name == "<stdin>":
            return read(sys.stdin.buffer, name)
        with open(name, "rb") as f:
            return read(f, name)
    except RequestFileError as exc:
        raise Failure(str(exc), ExitCode.BAD_INPUT) from None
    except FileNotFoundError:
        raise Failure(f"cannot read {name}: no such file", ExitCode.BAD_INPUT) from None
    except OSError as exc:
        raise Failure(f"cannot read {name}: {exc.strerror or exc}", ExitCode.BAD_INPUT) from None


def load_request(
    path: str, job_name: str | None = None, *, extra_tags: list[dict[str, str]] | None = None
) -> CreateInferenceRecommendationsJobRequest:
    """The request in a file as a model; structural problems are validation errors.

    Args:
        path: The file (see :func:`read_request`).
        job_name: A job name to use instead of the file's.
        extra_tags: Tags to add to the file's (the simulator's failure tags).
    """
    from ..models import CreateInferenceRecommendationsJobRequest

    data = read_request(path)
    if job_name is not None:
        data["JobName"] = job_name
    if extra_tags:
        tags = data.get("Tags")
        if tags is None:
            data["Tags"] = list(extra_tags)
        elif isinstance(tags, list):
            data["Tags"] = [*tags, *extra_tags]
        # Tags of another type are left as they are, for validation to report.
    return CreateInferenceRecommendationsJobRequest.from_dict(data)


def validate_file(
    path: str,
    load: Callable[[str], RequestT],
    valid: Callable[[RequestT], str],
    *,
    strict: bool,
    as_json: bool,
) -> int:
    """The ``validate`` verbs: check a request file offline and say what was found.

    Errors fail; warnings are printed, and fail with ``strict``. With ``as_json`` the outcome
    is one JSON object (``Valid``, ``Violations``, ``Warnings``) on standard output.

    Args:
        path: The request file (see :func:`read_request`).
        load: Reads the file into its request model.
        valid: What a valid request is called, after ``<file>: valid ``.
        strict: Whether warnings fail the check too.
        as_json: Whether to print the outcome as JSON.
    """
    from ..errors import ValidationError
    from ..validation import advise

    name = source_name(path)
    try:
        request = load(path)
        errors, advice = advise(request)
        if errors or (advice and strict):
            raise ValidationError([*errors, *advice])
    except ValidationError as exc:
        if as_json:
            print_json(
                {"Valid": False, "Violations": violations_json(exc.violations), "Warnings": []}
            )
        raise validation_failure(exc, f"{name}: ", list_violations=not as_json) from None
    if as_json:
        print_json({"Valid": True, "Violations": [], "Warnings": violations_json(advice)})
        return ExitCode.OK
    for violation in advice:
        warning(f"{name}: {violation}")
    print(f"{name}: valid {valid(request)}")
    return ExitCode.OK
