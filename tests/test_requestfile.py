"""Request files: strict JSON within documented limits, one clear line for each problem."""

from __future__ import annotations

import io
import json

import pytest

from irclient import ValidationError
from irclient._utils.violations import violation_lines
from irclient.cli._strict_json import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, RequestFileError, read
from irclient.errors import Violation
from irclient.models import CreateInferenceRecommendationsJobRequest


def refused(data: bytes) -> str:
    with pytest.raises(RequestFileError) as caught:
        read(io.BytesIO(data), "req.json")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("req.json")
    return message


def test_a_valid_request_file_is_read() -> None:
    assert read(io.BytesIO(b'{"JobName": "j", "Tags": [{"Key": "k", "Value": 1.5}]}'), "f") == {
        "JobName": "j",
        "Tags": [{"Key": "k", "Value": 1.5}],
    }


def test_a_byte_order_mark_is_allowed() -> None:
    assert read(io.BytesIO('\ufeff{"a": 1}'.encode()), "f") == {"a": 1}


def test_deep_nesting_is_an_error_not_a_recursion_crash() -> None:
    assert "more than 32 deep" in refused(b"[" * 100_000)
    shallow = b'{"a": ' + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"}"
    assert read(io.BytesIO(shallow), "f")
    assert "deep" in refused(b'{"a": ' + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"}")


def test_a_huge_integer_is_an_error_not_a_python_limit() -> None:
    message = refused(b'{"JobDurationInSeconds": ' + b"9" * 4301 + b"}")
    assert "4,301 digits" in message and "Exceeds" not in message
    assert read(io.BytesIO(b'{"a": ' + b"9" * MAX_DIGITS + b"}"), "f")


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_numbers_json_cannot_hold_are_refused(literal: bytes) -> None:
    refused(b'{"a": ' + literal + b"}")


def test_a_duplicate_key_is_an_error() -> None:
    message = refused(b'{"JobName": "a", "JobName": "b"}')
    assert '"JobName" appears twice' in message


def test_a_file_over_the_size_limit_is_not_read_whole() -> None:
    class Endless(io.RawIOBase):
        asked = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
            self.asked += len(buffer)
            buffer[: len(buffer)] = b" " * len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(RequestFileError, match="larger than 1,048,576 bytes"):
        read(io.BufferedReader(stream), "/dev/zero")
    assert stream.asked <= 2 * MAX_BYTES


def test_not_utf8_says_where() -> None:
    assert "byte 0xff at line 2, column 3" in refused(b'{\n  \xff"a": 1}')


def test_invalid_json_says_where() -> None:
    assert "line 1, column 10" in refused(b'{"a": "x"')


@pytest.mark.parametrize(
    ("data", "kind"), [(b"[1]", "an array"), (b'"s"', "a string"), (b"null", "null")]
)
def test_the_top_must_be_an_object(data: bytes, kind: str) -> None:
    assert refused(data).endswith(f"not {kind}")


# --------------------------------------------------------------------------- bounded reports


def test_a_report_lists_the_first_of_each_kind_then_counts_the_rest() -> None:
    violations = [Violation(f"tags[{i}]", "type", f"Tags[{i}] is wrong") for i in range(100_000)]
    violations.insert(3, Violation("job_name", "pattern", "JobName is wrong"))
    lines = violation_lines(violations, per_kind=5)
    assert lines == [
        "tags[0]: Tags[0] is wrong",
        "tags[1]: Tags[1] is wrong",
        "tags[2]: Tags[2] is wrong",
        "job_name: JobName is wrong",
        "tags[3]: Tags[3] is wrong",
        "tags[4]: Tags[4] is wrong",
        "... and 99,995 more of the same kind",
    ]


def test_a_validation_error_message_is_bounded() -> None:
    violations = [Violation(f"tags[{i}].key", "required", "Key is required") for i in range(10_000)]
    message = str(ValidationError(violations))
    assert message.startswith("10000 validation errors")
    assert len(message.splitlines()) < 10
    assert "9,995 more of the same kind" in message


def test_a_file_of_many_bad_tags_gives_a_short_report() -> None:
    data = json.dumps({"JobName": "j", "Tags": list(range(2_000))}).encode()
    request = read(io.BytesIO(data), "f")
    with pytest.raises(ValidationError) as caught:
        CreateInferenceRecommendationsJobRequest.from_dict(request)
    assert len(str(caught.value).splitlines()) < 20
