"""Text from AWS reaching a terminal: control sequences neutralised, lone surrogates refused."""

from __future__ import annotations

import json

import pytest

import irclient
from irclient._utils.text import safe_json, safe_text
from irclient.models import CreateInferenceRecommendationsJobRequest, RecommendationJobInputConfig

OSC_TITLE = "\x1b]0;owned\x07"
COLOUR = "\x1b[31mred\x1b[0m"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (OSC_TITLE + "job", "\\x1b]0;owned\\x07job"),
        (COLOUR, "\\x1b[31mred\\x1b[0m"),
        ("a\nb\rc\td", "a\\x0ab\\x0dc\\x09d"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("del\x7f", "del\\x7f"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("lone\ud800", "lone\\ud800"),
        ("équipe 日本語 😀", "équipe 日本語 😀"),
    ],
)
def test_safe_text_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert safe_text(text) == shown
    safe_text(text).encode("utf-8")  # never raises


def test_safe_text_escapes_what_the_output_encoding_cannot_write() -> None:
    assert safe_text("équipe 😀", "ascii") == "\\xe9quipe \\U0001f600"
    assert safe_text("équipe", "latin-1") == "équipe"


def test_safe_text_takes_any_object() -> None:
    assert safe_text(42) == "42"


def test_safe_json_keeps_the_values_and_escapes_the_text() -> None:
    value = {"JobDescription": OSC_TITLE + "\x9b\u202e lone\ud800 😀 é"}
    document = safe_json(json.dumps(value, ensure_ascii=False, indent=4), "ascii")
    assert document.startswith("{\n    ")  # the layout is kept
    document.encode("ascii")  # writable in a C locale
    assert "\x1b" not in document and "\x9b" not in document
    assert json.loads(document) == value


def test_safe_json_leaves_safe_text_alone() -> None:
    document = json.dumps({"a": "équipe 日本語"}, ensure_ascii=False)
    assert safe_json(document) == document


# --------------------------------------------------------------------------- validation


def request(description: str) -> CreateInferenceRecommendationsJobRequest:
    return CreateInferenceRecommendationsJobRequest(
        job_name="job-1",
        job_type="Default",
        role_arn="arn:aws:iam::123456789012:role/r",
        input_config=RecommendationJobInputConfig(model_name="m"),
        job_description=description,
    )


def test_validation_refuses_a_lone_surrogate() -> None:
    with pytest.raises(irclient.ValidationError) as caught:
        irclient.validate(request("fine\ud800"))
    (violation,) = caught.value.violations
    assert violation.path == "job_description"
    assert violation.constraint == "unicode"
    assert "\\ud800" in violation.message and "index 4" in violation.message
    str(caught.value).encode("utf-8")  # the error itself is printable


def test_validation_accepts_text_beyond_the_basic_plane() -> None:
    irclient.validate(request("emoji 😀 and 日本語"))


# --------------------------------------------------------------------------- display summaries


def test_display_summaries_never_carry_control_sequences() -> None:
    import benchmark_samples as samples
    from irclient import display
    from irclient.models import (
        DescribeInferenceRecommendationsJobResponse,
        ListInferenceRecommendationsJobsResponse,
    )

    wire = samples.describe_wire(description=OSC_TITLE + COLOUR + "\ud800")
    wire["JobName"] = "job\x1b[2J"
    wire["Status"] = "DONE\x07"
    wire["InferenceRecommendations"][0]["EndpointConfiguration"]["InstanceType"] = "ml.\x1b]8;;x"
    jobs = samples.jobs_wire()
    jobs["InferenceRecommendationsJobs"][1]["FailureReason"] = COLOUR + "\u202e"
    shown = [
        display.summary(DescribeInferenceRecommendationsJobResponse.from_dict(wire)),
        display.summary(ListInferenceRecommendationsJobsResponse.from_dict(jobs)),
    ]
    for text in shown:
        text.encode("utf-8")
        assert not any(c in text for c in "\x1b\x07\u202e")
    assert "owned" in shown[0] and "\\x1b" in shown[0] and "\\ud800" in shown[0]
    assert "job\\x1b[2J" in shown[0] and "ml.\\x1b]8;;x" in shown[0]
