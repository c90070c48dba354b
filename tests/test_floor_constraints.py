"""`nox -s floor` tests the lowest boto3, botocore and moto that pyproject.toml allows."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORED = ("boto3", "botocore", "moto")
"""The dependencies whose lowest allowed version the floor session installs."""


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line.strip())
        if match:
            found[match[1].lower()] = match[2]
    return found


def lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    found = {}
    for requirement in requirements:
        match = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?>=([0-9.]+)", requirement)
        if match:
            found[match[1].lower()] = match[2]
    return found


def test_the_floor_pins_are_the_lowest_versions_pyproject_allows() -> None:
    floor, bounds = pins(ROOT / "tools" / "constraints-floor.txt"), lower_bounds()
    for name in FLOORED:
        # moto>=5.1 allows 5.1.0: a bound of two parts is the .0 release.
        bound = bounds[name] if bounds[name].count(".") == 2 else f"{bounds[name]}.0"
        assert floor[name] == bound, f"constraints-floor.txt pins {name} {floor[name]}, not {bound}"


def test_every_other_floor_pin_is_the_main_pin() -> None:
    floor, main = (
        pins(ROOT / "tools" / "constraints-floor.txt"),
        pins(ROOT / "tools" / "constraints.txt"),
    )
    assert floor.keys() == main.keys()
    differing = {name for name in main if floor[name] != main[name]}
    assert differing == set(FLOORED)
