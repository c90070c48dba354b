"""The peer clients' environments test the botocore, boto3 and moto the main suite tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
SHARED = ("boto3", "botocore", "moto", "cattrs", "tenacity", "google-re2")
"""What the simulator is: these must be the main suite's versions in every peer environment."""
ALLOWED = {"tools/constraints-peers-sagemaker-v2.txt": {"attrs"}}
"""Pins that may differ, and why: the SageMaker Python SDK 2.x requires attrs<26."""


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==(\S+)", line.strip())
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


PEER_FILES = sorted(TOOLS.glob("constraints-peers-*.txt"))


def test_every_peer_environment_has_its_pins() -> None:
    assert [p.name for p in PEER_FILES] == [
        "constraints-peers-sagemaker-core-v2.txt",
        "constraints-peers-sagemaker-v2.txt",
    ]


@pytest.mark.parametrize("path", PEER_FILES, ids=lambda p: p.name)
def test_peer_pins_agree_with_the_main_pins(path: Path) -> None:
    main = pins(TOOLS / "constraints.txt")
    peer = pins(path)
    for name in SHARED:
        assert peer[name] == main[name], f"{path.name} pins {name} {peer[name]}, main {main[name]}"
    allowed = ALLOWED.get(f"tools/{path.name}", set())
    differing = {name for name in main.keys() & peer.keys() if main[name] != peer[name]}
    assert differing <= allowed, f"{path.name} differs from tools/constraints.txt on {differing}"
