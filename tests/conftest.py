"""Shared fixtures."""

from __future__ import annotations

from typing import Any

import pytest

from samples import create_request_wire, describe_response_wire


@pytest.fixture
def create_wire() -> dict[str, Any]:
    return create_request_wire()


@pytest.fixture
def describe_wire() -> dict[str, Any]:
    return describe_response_wire()
