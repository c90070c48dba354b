"""One client shared by many threads, with faults falling on any of them.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

import threading

from client_support import (
    DESCRIBE,
    STEPS,
    MakeClient,
    endpoint_names,
)
from irclient.testing.wire import (
    FakeWire,
    http_error,
    read_timeout,
    throttle,
    truncated,
)


def test_one_client_shared_by_8_threads(make_client: MakeClient, fake: FakeWire) -> None:
    # Enough attempts that faults landing on one thread in a row never exhaust them.
    client = make_client(max_attempts=25)
    for t in range(8):
        fake.add_job(f"job-{t}", steps=5 + t)
    # Faults fall on whichever thread comes first: every thread must still get its own answer.
    fake.fail(STEPS, *([http_error(503), throttle, truncated] * 4))
    fake.fail(DESCRIBE, *([throttle, read_timeout] * 4))
    barrier = threading.Barrier(8)
    results: dict[int, tuple[str, list[str]]] = {}
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                job = client.describe_inference_recommendations_job(job_name=f"job-{t}")
                steps = endpoint_names(list(client.iter_job_steps(f"job-{t}", page_size=2)))
                results[t] = (job.job_name, steps)
                assert results[t] == (f"job-{t}", [f"job-{t}-step-{i}" for i in range(5 + t)])
        except BaseException as exc:  # report in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == list(range(8))
