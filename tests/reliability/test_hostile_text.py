"""Fuzzing the text sanitiser: whatever the text, no output carries a hidden character."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from hostile_text import check_all_outputs, hostile_text

from .report import FIGURES

pytestmark = pytest.mark.reliability


@settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(hostile_text)
def test_fuzz_text_outputs(value: str) -> None:
    check_all_outputs(value)
    FIGURES.fuzz("hostile text through safe_text, safe_output, safe_html and safe_json")
