"""Every check the project runs: `nox` runs the default set, `nox -s bench` the benchmarks."""

from __future__ import annotations

import os
from typing import NamedTuple

import nox

nox.needs_version = ">=2026.10.20"  # --parallel and allow_parallel
nox.options.sessions = ["lint", "typecheck", "tests", "docs", "codegen", "reliability", "demo"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_external_run = True
# Sessions run side by side, one per core: while one session installs, or mypy and Sphinx use
# one core, another session's tests use the other. Each session's output is printed whole when
# it ends. `nox -j 1` runs them one at a time.
nox.options.parallel = os.cpu_count() or 1
nox.options.allow_parallel = True

CONSTRAINTS = ("-c", "tools/constraints.txt")
TEST_DEPS = ("pytest", "pytest-xdist", "hypothesis", "ruff")  # ruff: the generator tests format output
TYPE_DEPS = ("mypy", "pandas-stubs", "types-jsonschema", "types-PyYAML")
# pytest: the API page of the pytest fixtures imports them.
DOCS_DEPS = ("sphinx", "furo", "myst-nb", "ipykernel", "pytest")
NOTEBOOK_TEST_DEPS = ("nbformat", "nbclient", "ipykernel")

# Clients irclient did not write, run against its simulator (tests/peers). Their pins conflict
# (the SageMaker SDK 2.x needs attrs<26 and sagemaker-core 1.x; sagemaker-core 2.x installs into
# the SDK's own `sagemaker` package), so each environment is whole and pinned in its own file,
# and names the clients it tests in IRCLIENT_PEERS.


class PeerEnvironment(NamedTuple):
    constraints: str
    install: tuple[str, ...]
    clients: str  # IRCLIENT_PEERS: the clients whose tests this environment runs


PEER_ENVIRONMENTS = {
    "sagemaker-v2": PeerEnvironment(
        "tools/constraints-peers-sagemaker-v2.txt", ("sagemaker",), "sagemaker,sagemaker-core"
    ),
    "sagemaker-core-v2": PeerEnvironment(
        "tools/constraints-peers-sagemaker-core-v2.txt",
        ("awscli", "sagemaker-core"),
        "awscli,boto3,sagemaker-core",
    ),
}


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff: lint rules and formatting."""
    session.install(*CONSTRAINTS, "ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the library, its tests and the generator."""
    session.install(
        *CONSTRAINTS, "-e", ".[testing,notebook]", *TYPE_DEPS, *TEST_DEPS, *NOTEBOOK_TEST_DEPS
    )
    session.run("mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """The unit and integration tests (no network: moto, Stubber and loopback only)."""
    session.install(*CONSTRAINTS, "-e", ".[testing,notebook]", *TEST_DEPS, *NOTEBOOK_TEST_DEPS)
    # One worker per core (pytest-xdist); the slowest tests are listed so they stay visible.
    session.run("pytest", "-n", "auto", "--durations=10", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the Sphinx site, running its notebooks; any warning or cell error fails it."""
    session.install(*CONSTRAINTS, "-e", ".[testing,notebook]", *DOCS_DEPS)
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session
def codegen(session: nox.Session) -> None:
    """Regenerate the models and fail if that changes the tree (`-- --write` to update)."""
    session.install(*CONSTRAINTS, "botocore", "ruff")
    if "--write" in session.posargs:
        session.run("python", "tools/codegen.py")
    else:
        session.run("python", "tools/codegen.py", "--check")


@nox.session
def reliability(session: nox.Session) -> None:
    """Faults over loopback HTTP, fuzzing, pattern timing, threads, secrets: docs/reliability.md."""
    session.install(*CONSTRAINTS, "-e", ".[testing,notebook]", *TEST_DEPS)
    session.run(
        "pytest",
        "tests/reliability",
        "-m",
        "reliability",
        # Spread over every core; each worker hands its figures to the controller's page.
        "-n",
        "auto",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env={"IRCLIENT_RELIABILITY_REPORT": "docs/reliability.md"},
    )


@nox.session
def demo(session: nox.Session) -> None:
    """The README's first command in a fresh environment: only the testing extra, no AWS."""
    session.install(*CONSTRAINTS, "-e", ".[testing]")
    # No AWS configuration at all: the demo must not need any.
    aws = {name: None for name in os.environ if name.startswith("AWS_")}
    env = {**aws, "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    session.run("irclient", "demo", env=env)
    session.run("irclient", "demo", "--json", env=env, silent=True)


@nox.session
@nox.parametrize("environment", list(PEER_ENVIRONMENTS))
def peers(session: nox.Session, environment: str) -> None:
    """The AWS CLI, the SageMaker Python SDK and sagemaker-core against the simulator."""
    peer = PEER_ENVIRONMENTS[environment]
    # hypothesis: the suite's root conftest loads its profile.
    session.install(
        "-c", peer.constraints, "-e", ".[testing]", "pytest", "hypothesis", *peer.install
    )
    session.run(
        "pytest",
        "tests/peers",
        "-m",
        "peers",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env={"IRCLIENT_PEERS": peer.clients, "SAGEMAKER_SUPPRESS_V2_WARNING": "1"},
    )


@nox.session
def floor(session: nox.Session) -> None:
    """The tests against the lowest boto3, botocore and moto pyproject.toml allows."""
    # tools/constraints-floor.txt: constraints.txt with those three at their floors.
    session.install(
        "-c",
        "tools/constraints-floor.txt",
        "-e",
        ".[testing,notebook]",
        *TEST_DEPS,
        *NOTEBOOK_TEST_DEPS,
    )
    session.run("pytest", "-n", "auto", *session.posargs)


@nox.session(allow_parallel=False)  # timings: nothing else may run meanwhile
def bench(session: nox.Session) -> None:
    """Benchmarks against raw boto3 (not in the default set): writes docs/performance.*."""
    # The testing extra brings irclient.testing.FakeWire, the fake both sides are timed on.
    session.install(*CONSTRAINTS, "-e", ".[testing]")
    session.run("python", "tools/bench.py", *session.posargs)
