"""Shared fixtures, and the hypothesis profile CI runs with."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import settings

from samples import create_request_wire, describe_response_wire

# irclient's own fixtures (ir_mock, ir_clock, ir_server_url, ...), as a user enables them.
pytest_plugins = ["irclient.testing.pytest_plugin"]

# CI runs the same examples every time (a red CI lands nothing, so it must not depend on
# luck); a developer's run explores new examples and keeps failures in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def create_wire() -> dict[str, Any]:
    return create_request_wire()


@pytest.fixture
def describe_wire() -> dict[str, Any]:
    return describe_response_wire()
