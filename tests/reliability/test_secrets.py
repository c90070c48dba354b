"""Credentials never appear in irclient's logs, reprs, strings or error messages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from irclient import (
    InferenceRecommenderClient,
    IRClientError,
    RetryPolicy,
    ValidationError,
)
from irclient.models import RecommendationJobInputConfig

from .conftest import ACCESS_KEY, ROLE, SECRET_KEY, SESSION_TOKEN, RecordingSleep, boto3_client
from .faultproxy import CUT, GARBLE, RESET, STALL, STATUS, THROTTLE, TRUNCATE, Fault, FaultProxy
from .report import FIGURES

pytestmark = pytest.mark.reliability

SECRETS = {
    "access key": [ACCESS_KEY, ACCESS_KEY[4:]],
    "secret key": [SECRET_KEY, SECRET_KEY[8:24]],
    "session token": [SESSION_TOKEN, SESSION_TOKEN[12:36]],
}


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def texts(self, record: logging.LogRecord) -> list[str]:
        return [self.format(record), record.getMessage(), repr(record.args), str(record.msg)]


@pytest.fixture
def capture() -> Iterator[Capture]:
    handler = Capture()
    loggers = [logging.getLogger(name) for name in ("irclient", "botocore", "urllib3")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def _leaks(text: str) -> list[str]:
    return [kind for kind, values in SECRETS.items() if any(v in text for v in values)]


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def test_no_credentials_in_logs_reprs_or_errors(fresh: FaultProxy, capture: Capture) -> None:
    sleeper = RecordingSleep(fresh.count)
    policy = RetryPolicy(max_attempts=3, sleep=sleeper)
    client = InferenceRecommenderClient(boto3_client(fresh.url), retry=policy)
    texts: list[tuple[str, str]] = []
    errors: list[BaseException] = []
    objects: list[Any] = [client, policy, client.boto3_client]

    def attempt(call: Any) -> Any:
        try:
            result = call()
        except IRClientError as exc:
            errors.append(exc)
            return None
        objects.append(result)
        return result

    create, describe = "CreateInferenceRecommendationsJob", "DescribeInferenceRecommendationsJob"
    steps, jobs = "ListInferenceRecommendationsJobSteps", "ListInferenceRecommendationsJobs"
    fresh.fail(
        create, Fault(THROTTLE, 400, "ThrottlingException"), Fault(STATUS, 500, forward=True)
    )
    attempt(
        lambda: client.create_inference_recommendations_job(
            job_name="secretive",
            job_type="Default",
            role_arn=ROLE,
            input_config=RecommendationJobInputConfig(model_name="resnet50"),
        )
    )
    fresh.fail(describe, Fault(RESET, forward=True), Fault(STALL, forward=True))
    attempt(lambda: client.describe_inference_recommendations_job(job_name="secretive"))
    fresh.fail(steps, Fault(TRUNCATE, forward=True), Fault(CUT, forward=True))
    attempt(lambda: list(client.iter_job_steps("secretive", page_size=3)))
    fresh.fail(jobs, Fault(GARBLE, body=b"\xff\xfe", forward=True))
    attempt(lambda: client.list_inference_recommendations_jobs(name_contains="secret"))
    fresh.fail_always(describe, Fault(THROTTLE, 400, "Throttling"))
    attempt(lambda: client.describe_inference_recommendations_job(job_name="secretive"))
    fresh.reset()
    fresh.fail_always(jobs, Fault(STATUS, 503))
    attempt(lambda: client.list_inference_recommendations_jobs())
    fresh.reset()
    attempt(lambda: client.wait_for_job("secretive", poll_interval=0, timeout=5))
    attempt(lambda: client.describe_inference_recommendations_job(job_name="missing"))
    attempt(lambda: client.stop_inference_recommendations_job(job_name="secretive"))
    with pytest.raises(ValidationError) as invalid:
        client.describe_inference_recommendations_job(job_name="not valid!")
    errors.append(invalid.value)

    assert len(errors) >= 4  # the flow did meet errors to look into
    for exc in errors:
        for link in _chain(exc):
            texts += [("exception", str(link)), ("exception", repr(link))]
            texts += [("exception", repr(vars(link)))] if hasattr(link, "__dict__") else []
    for obj in objects:
        texts += [("object", repr(obj)), ("object", str(obj))]

    irclient_records = [r for r in capture.records if r.name.startswith("irclient")]
    assert irclient_records  # retries were logged
    for record in irclient_records:
        texts += [(f"log {record.name}", text) for text in capture.texts(record)]

    leaks = [(where, kind, text[:200]) for where, text in texts for kind in _leaks(text)]
    FIGURES.secret_checks["irclient"] += len(texts)
    assert leaks == []

    # botocore logs each signed request at DEBUG; irclient's filter redacts the key id and
    # the session token from those records, so no record at all may carry a credential.
    carrying = 0
    for record in capture.records:
        if record.name.startswith("irclient"):
            continue
        found = {kind for text in capture.texts(record) for kind in _leaks(text)}
        FIGURES.secret_checks["botocore"] += 1
        assert not found, record.getMessage()[:300]
        carrying += "<redacted>" in record.getMessage()
    assert carrying  # the signed requests were logged, with their credentials redacted
    FIGURES.botocore_credential_records += carrying
