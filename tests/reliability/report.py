"""Figures the reliability suite records as it runs, and the page it writes from them.

Tests add to :data:`FIGURES`; at the end of the session the conftest writes
``docs/reliability.md`` from them when ``IRCLIENT_RELIABILITY_REPORT`` names the file
(``nox -s reliability`` sets it). Timings are recorded, never asserted tightly.
"""

from __future__ import annotations

import dataclasses
import platform
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import boto3
import botocore

from irclient.models._specs import OPERATIONS

PATTERN_BUDGET_MS = 10.0
"""The figure each pattern's worst input is reported against (not a test assertion)."""


@dataclasses.dataclass
class Figures:
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    faults: Counter[str] = dataclasses.field(default_factory=Counter)
    proxied_requests: int = 0
    direct_requests: int = 0
    fuzzed: Counter[str] = dataclasses.field(default_factory=Counter)
    pattern_ms: dict[str, tuple[float, int, str]] = dataclasses.field(default_factory=dict)
    pattern_inputs: int = 0
    threads: int = 0
    calls_per_thread: int = 0
    concurrency_errors: int = 0
    secret_checks: Counter[str] = dataclasses.field(default_factory=Counter)
    botocore_credential_records: int = 0
    limits: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    """Each limit case (numbers, depth, cycles, memory): what was tried, what was measured."""
    deploy: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    """Each hostile deploy case (environment, secrets): what was tried, what was measured."""
    tests_passed: int = 0
    tests_failed: int = 0
    seconds: float = 0.0

    def fuzz(self, kind: str, count: int = 1) -> None:
        with self.lock:
            self.fuzzed[kind] += count

    def requests(self, count: int) -> None:
        with self.lock:
            self.direct_requests += count

    def limit(self, case: str, tried: str, measured: str) -> None:
        with self.lock:
            self.limits[case] = (tried, measured)

    def deployed(self, case: str, tried: str, measured: str) -> None:
        with self.lock:
            self.deploy[case] = (tried, measured)

    def dump(self) -> dict[str, Any]:
        """The figures as plain data, for a test worker to hand to the controller (xdist)."""
        return {
            field.name: dict(value) if isinstance(value, Counter) else value
            for field in dataclasses.fields(self)
            if field.name != "lock"
            for value in (getattr(self, field.name),)
        }

    def merge(self, data: dict[str, Any]) -> None:
        """Add another worker's figures (from :meth:`dump`) to these."""
        with self.lock:
            for name, value in data.items():
                mine = getattr(self, name)
                if isinstance(mine, Counter):
                    mine.update(value)
                elif name == "pattern_ms":
                    for pattern, worst in value.items():
                        if pattern not in mine or worst[0] > mine[pattern][0]:
                            mine[pattern] = tuple(worst)
                elif name in ("limits", "deploy"):
                    # Each case is measured by one test, so on one worker.
                    mine.update({case: tuple(row) for case, row in value.items()})
                elif name in ("threads", "calls_per_thread", "seconds"):
                    setattr(self, name, max(mine, value))  # settings and spans, not sums
                else:
                    setattr(self, name, mine + value)

    def pattern(self, pattern: str, ms: float, length: int, sample: str) -> None:
        with self.lock:
            self.pattern_inputs += 1
            worst = self.pattern_ms.get(pattern)
            if worst is None or ms > worst[0]:
                self.pattern_ms[pattern] = (ms, length, sample)


FIGURES = Figures()


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _count(number: int) -> str:
    """A count as prose writes it: words up to nine, digits from ten."""
    return _NUMBER_WORDS[number] if number < len(_NUMBER_WORDS) else str(number)


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _floor() -> str:
    """The floor pins of tools/constraints-floor.txt, as prose."""
    path = Path(__file__).resolve().parents[2] / "tools" / "constraints-floor.txt"
    pins = dict(
        line.split("==", 1)
        for line in path.read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    return ", ".join(f"{name} {pins[name]}" for name in ("boto3", "botocore", "moto"))


def render(figures: Figures) -> str:
    f = figures
    fault_total = sum(f.faults.values())
    fuzz_total = sum(f.fuzzed.values())
    if f.pattern_ms:
        worst_pattern, (worst_ms, worst_len, _) = max(f.pattern_ms.items(), key=lambda i: i[1][0])
        worst = f"{worst_ms:.3f} ms (`{_md(worst_pattern)}`, {worst_len:,} characters)"
    else:
        worst = "not measured"
    failures = f.tests_failed + f.concurrency_errors
    classic = [name for name, op in OPERATIONS.items() if op.since is None]
    family = [name for name, op in OPERATIONS.items() if op.since is not None]
    lines = [
        "# Reliability",
        "",
        "<!-- Written by the reliability suite (`nox -s reliability`); do not edit by hand. -->",
        "",
        "irclient's reliability suite runs the client against irclient's simulator in moto's",
        "server mode on 127.0.0.1, through a proxy that injects faults per request: every",
        "throttling code botocore's standard retry mode knows, HTTP 429 and 500/502/503/504,",
        "reset connections, stalls past the read timeout, and truncated, cut-off or garbled",
        "bodies. It fuzzes every request and response shape with hypothesis, times every",
        "pattern of the service model on adversarial input, shares one client between threads,",
        "and looks for credentials in every log record, repr and error message.",
        "",
        "The figures below are those of the last run.",
        "",
        "| Measure | Result |",
        "| --- | --- |",
        f"| Faults injected | {fault_total:,} over {len(f.faults)} kinds |",
        f"| Requests sent over loopback HTTP | {f.proxied_requests + f.direct_requests:,} |",
        f"| Inputs fuzzed | {fuzz_total:,} |",
        f"| Patterns timed | {len(f.pattern_ms)} patterns, {f.pattern_inputs:,} inputs of up to "
        "10,000 characters |",
        f"| Worst pattern time | {worst} |",
        f"| Threads x calls | {f.threads} x {f.calls_per_thread} on one client, "
        f"{f.concurrency_errors} errors |",
        f"| Credential checks | {sum(f.secret_checks.values()):,} texts, 0 with a credential |",
        f"| Tests | {f.tests_passed} passed, {f.tests_failed} failed |",
        f"| Failures | {failures} |",
        f"| Suite time | {f.seconds:.0f} s |",
        "",
        "## Faults by kind",
        "",
        "| Fault | Injected |",
        "| --- | --- |",
    ]
    lines += [f"| {_md(kind)} | {count:,} |" for kind, count in sorted(f.faults.items())]
    lines += [
        "",
        f"For each of the {_count(len(classic))} classic operations",
        f"({', '.join(f'`{name}`' for name in classic)})",
        "and each fault above, and for each of the",
        f"{_count(len(family))} generative-AI operations ({', '.join(f'`{n}`' for n in family)})",
        "and each kind of fault (a throttling code and 429, HTTP 500, a 502 with an HTML",
        "body, a reset, a stall, a truncated, a cut-off and a garbled body): the requests",
        "sent equal the retry policy's attempts; when retries run out the error is the",
        "irclient type for the fault",
        "(`ThrottlingError`, `ServiceError`, `ConnectionFailedError`, `RequestTimeoutError`,",
        "`MalformedResponseError`), with the request id whenever an error response arrived;",
        "every retry slept first. A Create whose response was lost returns the new",
        "resource's ARN and leaves exactly one (the whole request compared before it is",
        "taken as this call's own). A Delete whose response was lost is retried and ends in",
        "`ResourceNotFound`, the resource gone. A walk over a job's steps with a fault on",
        "every page yields every step once, in order.",
        "",
        "## Inputs fuzzed",
        "",
        "| Property | Inputs |",
        "| --- | --- |",
    ]
    lines += [f"| {_md(kind)} | {count:,} |" for kind, count in sorted(f.fuzzed.items())]
    lines += [
        "",
        "## Pattern timings",
        "",
        f"The slowest input of each pattern, against a budget of {PATTERN_BUDGET_MS:g} ms per",
        "input (the best of three runs, timed on the compiled matcher itself).",
        "",
        "| Pattern | Worst time | Input length |",
        "| --- | --- | --- |",
    ]
    for pattern, (ms, length, _) in sorted(f.pattern_ms.items(), key=lambda i: -i[1][0]):
        lines.append(f"| `{_md(pattern)}` | {ms:.3f} ms | {length:,} |")
    lines += [
        "",
        "## Limits: numbers, depth, cycles, memory",
        "",
        "Hostile sizes from AWS and from the command line. Memory is bounded for plots, page",
        "walks and logs: a walk keeps a 16-byte digest of each token it sent (to find a",
        "cycle), never the token; the CloudWatch Logs reads find cycles the same way; a",
        "trade-off plot places at most 20 labels, kept clear of a fixed number of points.",
        "",
        "| Case | Tried | Measured |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {_md(case)} | {_md(tried)} | {_md(measured)} |"
        for case, (tried, measured) in sorted(f.limits.items())
    ]
    lines += [
        "",
        "## Deploy: only what the user named",
        "",
        "A recommendation's environment and a model's variables are written by whoever made",
        "the job or the model: deploying one never replaces a variable the base model sets,",
        "and a conflict names the variables that differ without printing a secret's value.",
        "Every other service client irclient makes (Application Auto Scaling, CloudWatch",
        "Logs, S3) is built from the given client: its account, region and settings.",
        "",
        "| Case | Tried | Measured |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {_md(case)} | {_md(tried)} | {_md(measured)} |"
        for case, (tried, measured) in sorted(f.deploy.items())
    ]
    lines += [
        "",
        "## Credentials",
        "",
        "With the `irclient`, `botocore` and `urllib3` loggers at DEBUG through a flow with",
        "faults, no access key id, secret access key or session token appears in any log",
        "record, repr, `str` or error message. botocore logs each signed request at DEBUG;",
        "irclient's filter on botocore's loggers replaced the key id (in the `Authorization`",
        "header) and the session token (in `X-Amz-Security-Token`) with `<redacted>` in",
        f"{f.botocore_credential_records} such records in this run. botocore also logs every",
        "response body: with a profile that assumes a role, the STS response carries the",
        "temporary `SecretAccessKey` and `SessionToken` (IAM Identity Center's the same in",
        "JSON, a web identity its `WebIdentityToken`), and the filter redacts those too. No",
        "secret value is printed by irclient either: failure reasons, log lines and presigned",
        "payload URLs are shown with their credentials as `<redacted>`.",
        "",
        "## Hostile text",
        "",
        "Failure reasons, descriptions and log lines are written by whoever created the job",
        "or the model container, and are treated as hostile wherever irclient shows them",
        "(terminal, JSON, notebook HTML, log lines): every control, format (bidirectional",
        "overrides, the tag block), separator, surrogate and invisible character is shown as",
        "an escape, each value stays on its own line, and JSON stays JSON in any output",
        "encoding. The suite fuzzes the text sanitisers with text weighted towards such",
        "characters (the inputs table names the property), and the tests walk every",
        "category Unicode files them under.",
        "",
        "## Environment",
        "",
        f"Python {platform.python_version()}, boto3 {boto3.__version__}, botocore "
        f"{botocore.__version__}, on {platform.system()} {platform.machine()}. The unit tests",
        "also run against the lowest versions `pyproject.toml` allows (`nox -s floor`:",
        f"{_floor()}); the README says why that floor.",
        "",
    ]
    return "\n".join(lines)


def write(path: Path, figures: Figures) -> None:
    # Whole or not at all: `nox --parallel` may build the docs that include it meanwhile.
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(render(figures), encoding="utf-8")
    partial.replace(path)
