"""The public names and the import cost of the package.

Each test runs the client over botocore's real serialise/parse path against
:class:`irclient.testing.FakeWire` (no network), with simulated sleeps and clock.
"""

from __future__ import annotations

import sys


def test_import_irclient_stays_light() -> None:
    import subprocess

    code = (
        "import sys, irclient; "
        "print(sorted(m for m in ('boto3', 'tenacity', 'tqdm', 'pandas', 'matplotlib', 'moto') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
