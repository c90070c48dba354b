"""The fast path of validation answers as the detailed one-pass checker does, for every class.

``validate`` asks the compiled yes-or-no function of a class first and walks the detailed
checker only when it says no; so the two must agree on every request: yes exactly when the
detailed checker finds no error and no warning.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import irclient
from irclient import rules, validation
from irclient.models import CreateInferenceRecommendationsJobRequest, _base, _specs
from irclient.validation import _engine, _fast
from strategies import any_model, apply, breaches, valid_model

CLASSES = sorted(_specs.SPECS, key=lambda cls: cls.__name__)
FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def detailed(model: _base.Shape) -> tuple[list[Any], list[Any]]:
    """What the detailed checker alone finds: (errors, warnings)."""
    out = _engine._Found()
    _engine._class_checker(type(model))(model, "", out)
    return list(out), out.warnings


def assert_agree(model: _base.Shape) -> bool:
    errors, warned = detailed(model)
    fast = _fast.passes(model)
    assert fast == (not errors and not warned), (model, errors, warned)
    return fast


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@FEW
@given(data=st.data())
def test_fast_and_detailed_agree_on_valid_models_and_near_misses(
    cls: type[_base.Shape], data: Any
) -> None:
    model = data.draw(valid_model(cls))
    assert_agree(model)
    found = breaches(model)
    if found:
        breach = data.draw(st.sampled_from(found))
        # A near miss breaks one constraint: both paths refuse it.
        assert not assert_agree(apply(model, breach.steps, breach.value)), breach
    else:
        assert not _specs.SPECS[cls]  # only a class with no member has nothing to break


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@FEW
@given(data=st.data())
def test_fast_and_detailed_agree_on_well_typed_models(cls: type[_base.Shape], data: Any) -> None:
    # Any value of the right type, constraints ignored: often invalid, sometimes not.
    assert_agree(data.draw(any_model(cls)))


@pytest.mark.parametrize(
    "value",
    [12345, True, 1.5, None, ("a",), "x" * 10_000, "caf\u00e9", "bad\ud800", float("nan")],
    ids=repr,
)
def test_fast_and_detailed_agree_on_odd_values_in_every_member(
    value: Any, create_wire: dict[str, Any]
) -> None:
    # Each member of the benchmark's request, one at a time, given a value of any kind.
    import attrs

    model = CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    for field in _specs.SPECS[type(model)]:
        assert_agree(attrs.evolve(model, **{field.name: value}))
    config = model.input_config
    for field in _specs.SPECS[type(config)]:
        assert_agree(attrs.evolve(model, input_config=attrs.evolve(config, **{field.name: value})))


def test_a_valid_request_passes_without_the_detailed_walk(
    monkeypatch: pytest.MonkeyPatch, create_wire: dict[str, Any]
) -> None:
    model = CreateInferenceRecommendationsJobRequest.from_dict(create_wire)

    def refuse(cls: Any) -> Any:
        raise AssertionError(f"the detailed checker ran for a valid {cls.__name__}")

    monkeypatch.setattr(_engine, "_class_checker", refuse)
    irclient.validate(model)
    assert validation.check(model) == ()
    assert validation.advise(model) == ((), ())


def test_an_invalid_request_is_still_reported_in_full(create_wire: dict[str, Any]) -> None:
    create_wire["JobName"] = "-bad-"
    create_wire["Tags"][0]["Key"] = ""
    model = CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    assert [v.path for v in validation.check(model)] == ["job_name", "tags[0].key"]


def test_unknown_members_are_refused_by_both_paths(create_wire: dict[str, Any]) -> None:
    model = CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    object.__setattr__(model, "_unknown_members", {"NewMember": 1})
    assert not assert_agree(model)


def test_the_fast_path_is_faster_on_a_valid_request(create_wire: dict[str, Any]) -> None:
    # The reason it exists: a generous factor, so that a loaded machine cannot flake it.
    model = CreateInferenceRecommendationsJobRequest.from_dict(create_wire)
    _fast.passes(model)

    def best(fn: Any) -> float:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(20):
                fn(model)
            times.append(time.perf_counter() - started)
        return min(times)

    assert best(_fast.passes) * 1.5 < best(detailed)


# --------------------------------------------------------------------------- rules' needs

NEEDY = [(rule, attr) for rule in rules.RULES for attr in rule.needs]


def test_rules_declare_what_they_need() -> None:
    assert len(NEEDY) >= 10
    for rule, attr in NEEDY:
        assert attr in {f.name for f in _specs.SPECS[rule.applies_to]}, (rule.name, attr)


@pytest.mark.parametrize(("rule", "attr"), NEEDY, ids=lambda x: getattr(x, "name", x))
@FEW
@given(data=st.data())
def test_a_rule_finds_nothing_without_a_member_it_needs(
    rule: rules.Rule, attr: str, data: Any
) -> None:
    import attrs

    # Any instance, valid or not, with the member unset: the rule may be skipped.
    model = data.draw(any_model(rule.applies_to) | valid_model(rule.applies_to))
    model = attrs.evolve(model, **{attr: None})
    try:
        found = list(rule.check(model))
    except (AttributeError, TypeError):
        found = []
    assert found == []
