"""wait_for_job: completion, failure, timeouts, transient polls, progress.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

import logging
import math
import sys
import types

import pytest

from client_support import (
    DESCRIBE,
    STEPS,
    FakeTime,
)
from irclient import (
    InferenceRecommenderClient,
    JobDeletedError,
    JobFailedError,
    ResourceNotFound,
    WaitTimeoutError,
)
from irclient.models import (
    RecommendationJobStatus,
)
from irclient.testing.wire import (
    FakeWire,
    http_error,
    ok,
    throttle,
)


def test_wait_for_job_completes(
    client: InferenceRecommenderClient, fake: FakeWire, fake_time: FakeTime
) -> None:
    fake.add_job("job-1", statuses=("PENDING", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"))
    seen: list[str] = []
    final = client.wait_for_job(
        "job-1", poll_interval=10.0, on_poll=lambda r: seen.append(str(r.status))
    )
    assert final.status == RecommendationJobStatus.COMPLETED
    assert seen == ["PENDING", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"]
    assert fake_time.sleeps == [10.0, 10.0, 10.0]


def test_wait_for_job_returns_a_stopped_job(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", statuses=("STOPPING", "STOPPED"))
    assert client.wait_for_job("job-1", poll_interval=1.0).status == "STOPPED"


def test_wait_for_job_fails_with_the_reason(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS", "FAILED"), failure_reason="model did not load")
    # The diagnosis reads CloudWatch Logs too: answered here, so nothing leaves the process.
    client.logs_client.meta.events.register(
        "before-send.cloudwatch-logs",
        lambda request, **_: fake.error(request, 400, "AccessDeniedException", "denied"),
    )
    with pytest.raises(JobFailedError, match="model did not load") as info:
        client.wait_for_job("job-1", poll_interval=1.0)
    assert info.value.failure_reason == "model did not load"
    assert info.value.response.status == "FAILED"
    diagnosis = info.value.diagnosis
    assert diagnosis is not None and diagnosis.failure_reason == "model did not load"
    assert [u.code for u in diagnosis.unreadable] == ["AccessDeniedException"]
    assert [body.get("Status") for body in fake.bodies(STEPS)] == ["FAILED"]


def test_wait_for_job_times_out(
    client: InferenceRecommenderClient, fake: FakeWire, fake_time: FakeTime
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS",))
    with pytest.raises(WaitTimeoutError) as info:
        client.wait_for_job("job-1", poll_interval=30.0, timeout=100.0)
    assert info.value.last_status == "IN_PROGRESS"
    assert isinstance(info.value, TimeoutError)
    assert fake_time.sleeps == [30.0, 30.0, 30.0, 10.0]  # the last sleep ends at the timeout
    assert fake.count(DESCRIBE) == 5


def test_wait_for_job_rides_out_transient_errors(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS", "COMPLETED"))
    # One poll's retries all run out; the wait goes on to the next poll.
    fake.fail(DESCRIBE, ok, throttle, throttle, throttle, http_error(503))
    assert client.wait_for_job("job-1", poll_interval=5.0).status == "COMPLETED"
    assert fake.count(DESCRIBE) == 6


@pytest.mark.parametrize("status", ["DELETING", "DELETED"])
def test_wait_for_a_deleted_job_ends_with_a_typed_error(
    client: InferenceRecommenderClient, fake: FakeWire, status: str
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS", status))
    with pytest.raises(JobDeletedError, match=status) as info:
        client.wait_for_job("job-1", poll_interval=1.0)
    assert info.value.status == status and info.value.job_name == "job-1"
    assert fake.count(DESCRIBE) == 2


def test_an_unknown_status_is_logged_once_and_the_wait_goes_on(
    client: InferenceRecommenderClient, fake: FakeWire, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add_job("job-1", statuses=("ARCHIVING", "ARCHIVING", "ARCHIVING", "COMPLETED"))
    with caplog.at_level(logging.WARNING, logger="irclient"):
        assert client.wait_for_job("job-1", poll_interval=1.0).status == "COMPLETED"
    notes = [r.getMessage() for r in caplog.records if "ARCHIVING" in r.getMessage()]
    assert len(notes) == 1 and "not one irclient knows" in notes[0]


@pytest.mark.parametrize(("duration", "limit"), [(600, 4_200.0), (None, 21_600.0)])
def test_without_a_timeout_the_wait_is_bounded_by_the_jobs_own_limit(
    client: InferenceRecommenderClient,
    fake: FakeWire,
    fake_time: FakeTime,
    duration: int | None,
    limit: float,
) -> None:
    job = fake.add_job("job-1", statuses=("IN_PROGRESS",))
    if duration is not None:
        job["InputConfig"]["JobDurationInSeconds"] = duration
    with pytest.raises(WaitTimeoutError) as info:
        client.wait_for_job("job-1", poll_interval=1_000.0)
    assert info.value.timeout == limit  # JobDurationInSeconds (or 18,000) plus an hour
    assert sum(fake_time.sleeps) == limit


def test_a_wait_for_ever_must_be_asked_for(
    client: InferenceRecommenderClient, fake: FakeWire, fake_time: FakeTime
) -> None:
    fake.add_job("job-1", statuses=("IN_PROGRESS",) * 30 + ("COMPLETED",))
    final = client.wait_for_job("job-1", poll_interval=1_000.0, timeout=math.inf)
    assert final.status == "COMPLETED"
    assert sum(fake_time.sleeps) == 30_000.0


def test_wait_for_a_missing_job_raises_at_once(
    client: InferenceRecommenderClient, fake: FakeWire
) -> None:
    with pytest.raises(ResourceNotFound):
        client.wait_for_job("nope", poll_interval=1.0)
    assert fake.count() == 1


class _FakeBar:
    instances: list[_FakeBar] = []

    def __init__(self, total: int | None = None, desc: str = "", unit: str = "") -> None:
        self.total = total
        self.desc = desc
        self.n = 0
        self.history: list[tuple[int | None, int, str]] = []
        self.postfix = ""
        self.closed = False
        _FakeBar.instances.append(self)

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        self.postfix = text

    def refresh(self) -> None:
        self.history.append((self.total, self.n, self.postfix))

    def close(self) -> None:
        self.closed = True


def test_wait_for_job_progress_counts_finished_steps(
    client: InferenceRecommenderClient, fake: FakeWire, monkeypatch: pytest.MonkeyPatch
) -> None:
    tqdm_module = types.ModuleType("tqdm")
    auto = types.ModuleType("tqdm.auto")
    auto.tqdm = _FakeBar  # type: ignore[attr-defined]
    std = types.ModuleType("tqdm.std")  # tqdm's text bar: what runs without ipywidgets
    std.tqdm = _FakeBar  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tqdm", tqdm_module)
    monkeypatch.setitem(sys.modules, "tqdm.auto", auto)
    monkeypatch.setitem(sys.modules, "tqdm.std", std)
    _FakeBar.instances.clear()
    fake.add_job("job-1", steps=4, statuses=("IN_PROGRESS", "COMPLETED"))
    client.wait_for_job("job-1", poll_interval=1.0, progress=True)
    (bar,) = _FakeBar.instances
    assert bar.desc == "job-1"
    assert bar.history == [(4, 2, "IN_PROGRESS"), (4, 2, "COMPLETED")]
    assert bar.closed


def test_progress_without_tqdm_is_a_clear_error_before_any_request(
    client: InferenceRecommenderClient, fake: FakeWire, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    monkeypatch.setitem(sys.modules, "tqdm.std", None)
    with pytest.raises(ImportError, match=r"pip install 'irclient\[notebook\]'"):
        client.wait_for_job("job-1", progress=True)
    assert fake.count() == 0
