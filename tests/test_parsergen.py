"""The parser generator: covered by the drift check, and safe on shapes it does not build."""

from __future__ import annotations

import enum
import shutil
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from botocore.model import ServiceModel

from botocore_floor import needs_the_generating_botocore
from irclient.models import _base

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import codegen  # noqa: E402  (tools/ is not a package)
import parsergen  # noqa: E402


@needs_the_generating_botocore
def test_the_drift_check_covers_the_generated_parsers(tmp_path: Path) -> None:
    out = tmp_path / "models"
    shutil.copytree(codegen.OUT, out)
    assert codegen.main(["--check", "--out", str(out)]) == 0
    parsers = out / parsergen.FILENAME
    parsers.write_text(parsers.read_text().replace("raise Fallback", "pass", 1))
    assert codegen.main(["--check", "--out", str(out)]) == 1
    parsers.unlink()
    assert codegen.main(["--check", "--out", str(out)]) == 1


def test_the_generator_and_the_runtime_fingerprint_a_model_alike() -> None:
    from irclient._codec import fastparse as _fastparse

    model = codegen.load_model()
    names = [op.name for op in codegen.OPERATIONS]
    assert parsergen.fingerprint(model, names) == _fastparse.fingerprint(model, names)
    # It tracks what parsing reads: a member's wire name, here.
    other = ServiceModel(
        {**_service_description(), "shapes": {**_SHAPES, "Out": _renamed_name()}},
        service_name="test",
    )
    assert parsergen.fingerprint(other, ["Put"]) != parsergen.fingerprint(_service(), ["Put"])
    assert _fastparse.fingerprint(other, ["Put"]) == parsergen.fingerprint(other, ["Put"])


def test_every_operation_with_a_response_gets_a_parser() -> None:
    model = codegen.load_model()
    text = parsergen.render(model, [op.name for op in codegen.OPERATIONS])[parsergen.FILENAME]
    for op in codegen.OPERATIONS:
        has_output = model.operation_model(op.name).output_shape is not None
        assert (f"    {op.name!r}: " in text) == has_output, op.name


# A service with every kind of shape, including those the fast path leaves to botocore.
_SHAPES: dict[str, Any] = {
    "Out": {
        "type": "structure",
        "required": ["Name"],
        "members": {
            "Name": {"shape": "String"},
            "Alias": {"shape": "String", "locationName": "aliasOnTheWire"},
            "Kind": {"shape": "Kind"},
            "Times": {"shape": "Times"},
            "Kinds": {"shape": "Kinds"},
            "Grid": {"shape": "Grid"},
            "Tags": {"shape": "TagMap"},
            "Choice": {"shape": "Choice"},
            "Blob": {"shape": "Blob"},
            "Flag": {"shape": "Boolean"},
            "Size": {"shape": "Long"},
            "Ratio": {"shape": "Double"},
        },
    },
    "String": {"type": "string"},
    "Kind": {"type": "string", "enum": ["A", "B"]},
    "Kinds": {"type": "list", "member": {"shape": "Kind"}},
    "Time": {"type": "timestamp"},
    "Times": {"type": "list", "member": {"shape": "Time"}},
    "Row": {"type": "list", "member": {"shape": "Long"}},
    "Grid": {"type": "list", "member": {"shape": "Row"}},
    "TagMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    "Choice": {
        "type": "structure",
        "union": True,
        "members": {"One": {"shape": "String"}, "Two": {"shape": "Long"}},
    },
    "Blob": {"type": "blob"},
    "Boolean": {"type": "boolean"},
    "Long": {"type": "long"},
    "Double": {"type": "double"},
}


def _service_description() -> dict[str, Any]:
    return {
        "metadata": {"protocol": "json", "serviceId": "Test", "endpointPrefix": "test"},
        "operations": {
            "Get": {"name": "Get", "http": {"method": "POST", "requestUri": "/"}},
            "Put": {
                "name": "Put",
                "http": {"method": "POST", "requestUri": "/"},
                "output": {"shape": "Out"},
            },
        },
        "shapes": _SHAPES,
    }


def _service() -> ServiceModel:
    return ServiceModel(_service_description(), service_name="test")


def _renamed_name() -> dict[str, Any]:
    out = _SHAPES["Out"]
    members = {**out["members"], "Name": {"shape": "String", "locationName": "name"}}
    return {**out, "members": members}


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    """The generated module of the synthetic service, run against stand-in models."""
    text = parsergen.render(_service(), ["Get", "Put"])[parsergen.FILENAME]
    assert "'Get'" not in text  # no output, no parser
    stand_ins = types.SimpleNamespace(
        Out=lambda **kw: ("Out", kw), Choice=lambda **kw: ("Choice", kw)
    )
    namespace: dict[str, Any] = {
        "_base": types.SimpleNamespace(Shape=object, FrozenMap=_base.FrozenMap),
        "enums": types.SimpleNamespace(Kind=enum.StrEnum("Kind", {"A": "A", "B": "B"})),
        "shapes": stand_ins,
    }
    source = text.replace("from . import _base, enums, shapes\n", "")
    exec(compile(source, parsergen.FILENAME, "exec"), namespace)
    return namespace


def _parse(generated: dict[str, Any], body: dict[str, Any]) -> Any:
    def ts(value: Any) -> Any:  # the runtime's converter refuses anything but numbers too
        if type(value) not in (int, float):
            raise generated["Fallback"]
        return ("ts", value)

    return generated["PARSERS"]["Put"](body, ts)


def test_the_synthetic_parser_builds_a_clean_body(generated: dict[str, Any]) -> None:
    name, fields = _parse(
        generated,
        {
            "Name": "n",
            "aliasOnTheWire": "a",
            "Alias": "not the wire name",
            "Unknown": {"to": "the model"},
            "Kind": "A",
            "Times": [1, 2.5],
            "Kinds": ["B", "new"],
            "Grid": [[1, 2], []],
            "Flag": False,
            "Size": 2**40,
            "Ratio": 1,
        },
    )
    assert name == "Out"
    assert fields["alias"] == "a"  # read under its serialised name, as botocore reads it
    assert fields["times"] == (("ts", 1), ("ts", 2.5))
    assert fields["kinds"] == (generated["enums"].Kind.B, "new")
    assert fields["grid"] == ((1, 2), ())
    assert fields["flag"] is False and fields["size"] == 2**40 and fields["ratio"] == 1
    assert fields["tags"] is None and fields["choice"] is None and fields["blob"] is None
    _, mapped = _parse(generated, {"Name": "n", "Tags": {"k": "v", "K": ""}})
    assert mapped["tags"] == {"k": "v", "K": ""}
    assert isinstance(mapped["tags"], _base.FrozenMap)
    _, union = _parse(generated, {"Name": "n", "Choice": {"Two": 2, "One": None, "__type": "x"}})
    assert union["choice"] == ("Choice", {"one": None, "two": 2})


@pytest.mark.parametrize(
    "damage",
    [
        {"Tags": {"k": 1}},  # a map of strings with a value of another type
        {"Tags": ["k", "v"]},  # or no map at all
        {"Choice": {"One": "x", "Two": 2}},  # a union with two members set
        {"Choice": {"__type": "One"}},  # or none
        {"Choice": {"Three": 3}},  # or one the model does not know
        {"Blob": "aGk="},  # and blobs (base64 in JSON)
        {"Name": None},  # a required member that is null
        {"Flag": 1},
        {"Size": True},
        {"Ratio": "1.5"},
        {"Kinds": ["A", None]},
        {"Grid": [[1, "2"]]},
        {"Times": [None]},
    ],
)
def test_the_synthetic_parser_falls_back_on_anything_else(
    generated: dict[str, Any], damage: dict[str, Any]
) -> None:
    with pytest.raises(generated["Fallback"]):
        _parse(generated, {"Name": "n", **damage})
