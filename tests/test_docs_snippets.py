"""Python snippets of the guides that are complete programs run as written, on a machine
with no AWS configuration (a newcomer's, or CI's).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("no_aws_configuration")

DOCS = Path(__file__).resolve().parent.parent / "docs"


def block(page: str, containing: str) -> str:
    found = [
        b
        for b in re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(), flags=re.S)
        if containing in b
    ]
    assert len(found) == 1, (page, containing)
    return str(found[0])


def test_client_md_fake_time_runs_without_aws_configuration() -> None:
    namespace: dict[str, Any] = {}
    exec(compile(block("client.md", "class FakeTime"), "client.md", "exec"), namespace)
    fake, client = namespace["fake"], namespace["client"]
    assert client.retry.sleep == fake.sleep and client.retry.clock == fake.clock


def test_deploy_md_offline_flow_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    namespace: dict[str, Any] = {}
    exec(
        compile(block("deploy.md", "with mock_inference_recommender"), "deploy.md", "exec"),
        namespace,
    )
    deployment = namespace["deployment"]
    assert deployment.endpoint_status == "InService" and deployment.scaling is not None
