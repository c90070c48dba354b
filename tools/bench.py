"""Benchmarks: irclient against raw boto3, in one process, against the same in-memory fake.

Run with ``nox -s bench`` (or ``python tools/bench.py``). Every timing is a ratio
irclient / raw boto3 measured in the same run, in interleaved rounds, so that the noise of the
machine falls on both sides alike; the report gives the median ratio and its spread.
Results go to ``docs/performance.json`` and the table in ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import botocore
from botocore.parsers import create_parser
from botocore.validate import ParamValidator

import irclient
from irclient import serde
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    ListInferenceRecommendationsJobStepsResponse,
)
from irclient.testing import FakeWire

sys.path.insert(0, str(Path(__file__).parent))
import benchdata  # sits beside this script; imported after the path is set

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


# --------------------------------------------------------------------------- timing


def _time(fn: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - start) / number


def compare(
    ours: Callable[[], object], theirs: Callable[[], object], *, number: int, rounds: int
) -> dict[str, float]:
    """Interleaved rounds of both; the median ratio ours/theirs and its spread."""
    ours()
    theirs()
    ratios, ours_t, theirs_t = [], [], []
    for r in range(rounds):
        gc.collect()
        # Alternate which side goes first, so that warm caches favour neither.
        if r % 2:
            a = _time(ours, number)
            b = _time(theirs, number)
        else:
            b = _time(theirs, number)
            a = _time(ours, number)
        ours_t.append(a)
        theirs_t.append(b)
        ratios.append(a / b)
    ratios.sort()
    quart = max(1, len(ratios) // 4)
    return {
        "irclient_us": statistics.median(ours_t) * 1e6,
        "boto3_us": statistics.median(theirs_t) * 1e6,
        "ratio": statistics.median(ratios),
        "ratio_low": ratios[quart - 1] if len(ratios) > 3 else ratios[0],
        "ratio_high": ratios[-quart] if len(ratios) > 3 else ratios[-1],
    }


# --------------------------------------------------------------------------- benchmarks


def raw_client(fake: FakeWire) -> Any:
    """A boto3 SageMaker client as users make it, answered by ``fake``."""
    client = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    return fake.attach(client)


def irclient_client(fake: FakeWire) -> irclient.InferenceRecommenderClient:
    """An irclient client as users make it (it builds its own boto3 client), same fake."""
    session = boto3.Session(
        aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1"
    )
    client = irclient.InferenceRecommenderClient(session=session)
    fake.attach(client.boto3_client)
    return client


def bench_operations(rounds: int) -> dict[str, dict[str, float]]:
    """Each operation through botocore's whole path, irclient vs raw boto3."""
    fake = benchdata.endpoint(steps=1000)
    raw = raw_client(fake)
    ours = irclient_client(fake)
    wire = benchdata.create_request()
    # The model is built once, as application code holds it; the call validates it each time.
    model = CreateInferenceRecommendationsJobRequest.from_dict(wire)
    paginator = raw.get_paginator("list_inference_recommendations_job_steps")

    def raw_walk() -> int:
        pages = paginator.paginate(JobName="resnet-sizing", PaginationConfig={"MaxItems": 1000})
        return sum(len(page["Steps"]) for page in pages)

    def our_walk() -> int:
        return sum(1 for _ in ours.iter_job_steps("resnet-sizing", max_items=1000))

    assert raw_walk() == our_walk() == 1000
    return {
        "describe (10 recommendations)": compare(
            lambda: ours.describe_inference_recommendations_job(job_name="resnet-sizing"),
            lambda: raw.describe_inference_recommendations_job(JobName="resnet-sizing"),
            number=200,
            rounds=rounds,
        ),
        "list steps (a 100-step page)": compare(
            lambda: ours.list_inference_recommendations_job_steps(
                job_name="resnet-sizing", max_results=100
            ),
            lambda: raw.list_inference_recommendations_job_steps(
                JobName="resnet-sizing", MaxResults=100
            ),
            number=20,
            rounds=rounds,
        ),
        "create (validation included)": compare(
            lambda: ours.create_inference_recommendations_job(model),
            lambda: raw.create_inference_recommendations_job(**wire),
            number=200,
            rounds=rounds,
        ),
        "iter_job_steps walk (10 pages)": compare(our_walk, raw_walk, number=2, rounds=rounds),
    }


def bench_breakdown() -> dict[str, dict[str, float]]:
    """Where irclient's extra time goes, per operation: each stage timed on its own."""
    from irclient.models import (
        DescribeInferenceRecommendationsJobRequest,
        DescribeInferenceRecommendationsJobResponse,
        ListInferenceRecommendationsJobStepsRequest,
    )

    fake = benchdata.endpoint(steps=1000)
    raw = raw_client(fake)

    def best_of(fn: Callable[[], object], number: int) -> float:
        fn()
        return min(_time(fn, number) for _ in range(7)) * 1e6

    describe_request = DescribeInferenceRecommendationsJobRequest(job_name="resnet-sizing")
    steps_request = ListInferenceRecommendationsJobStepsRequest(
        job_name="resnet-sizing", max_results=100
    )
    cases: dict[str, tuple[Any, type[Any], Callable[[], Any], int]] = {
        "describe (10 recommendations)": (
            describe_request,
            DescribeInferenceRecommendationsJobResponse,
            lambda: raw.describe_inference_recommendations_job(JobName="resnet-sizing"),
            300,
        ),
        "list steps (a 100-step page)": (
            steps_request,
            ListInferenceRecommendationsJobStepsResponse,
            lambda: raw.list_inference_recommendations_job_steps(
                JobName="resnet-sizing", MaxResults=100
            ),
            30,
        ),
    }
    out = {}
    for name, (request, response_cls, call, number) in cases.items():
        parsed = call()

        def validate(r: Any = request) -> None:
            irclient.validate(r)

        def wire(r: Any = request) -> Any:
            return serde.to_wire(r)

        def structure(p: Any = parsed, c: Any = response_cls) -> Any:
            return serde.parse_response(p, c)

        out[name] = {
            "boto3_call_us": best_of(call, number),
            "validate_us": best_of(validate, 2000),
            "to_wire_us": best_of(wire, 2000),
            "structure_us": best_of(structure, number),
        }
    return out


def bench_memory(sizes: tuple[int, ...]) -> dict[str, dict[str, float]]:
    """Peak traced memory while walking N steps (each step dropped after it is seen)."""
    out: dict[str, dict[str, float]] = {}
    for size in sizes:
        fake = benchdata.endpoint(steps=size, cache=False)  # a cache would blur the figure
        ours = irclient_client(fake)
        raw = raw_client(fake)
        paginator = raw.get_paginator("list_inference_recommendations_job_steps")

        def our_walk(ours: Any = ours) -> int:
            return sum(1 for _ in ours.iter_job_steps("resnet-sizing"))

        def raw_walk(paginator: Any = paginator) -> int:
            return sum(len(p["Steps"]) for p in paginator.paginate(JobName="resnet-sizing"))

        count, ours_peak = peak_memory(our_walk)
        raw_count, raw_peak = peak_memory(raw_walk)
        assert count == raw_count == size
        out[f"{size} steps"] = {"irclient_peak_mib": ours_peak, "boto3_peak_mib": raw_peak}
    return out


def bench_validation(rounds: int) -> dict[str, float]:
    """irclient.validate on a maximal Create request vs botocore's ParamValidator."""
    wire = benchdata.create_request()
    model = CreateInferenceRecommendationsJobRequest.from_dict(wire)
    service = botocore.session.get_session().get_service_model("sagemaker")
    shape = service.operation_model("CreateInferenceRecommendationsJob").input_shape
    validator = ParamValidator()
    assert not validator.validate(wire, shape).has_errors()
    irclient.validate(model)
    return compare(
        lambda: irclient.validate(model),
        lambda: validator.validate(wire, shape),
        number=2000,
        rounds=rounds,
    )


def bench_structuring(rounds: int) -> dict[str, float]:
    """Typed structuring of a parsed 100-step page vs botocore parsing the same body."""
    fake = benchdata.endpoint(steps=100)
    _, body = fake.answer(
        "ListInferenceRecommendationsJobSteps", {"JobName": "resnet-sizing", "MaxResults": 100}
    )
    service = botocore.session.get_session().get_service_model("sagemaker")
    shape = service.operation_model("ListInferenceRecommendationsJobSteps").output_shape
    parser = create_parser("json")
    response = {"status_code": 200, "headers": {}, "body": body}
    parsed = parser.parse(response, shape)
    result = compare(
        lambda: serde.parse_response(parsed, ListInferenceRecommendationsJobStepsResponse),
        lambda: parser.parse(response, shape),
        number=100,
        rounds=rounds,
    )
    result["irclient_steps_per_s"] = 100 / (result["irclient_us"] / 1e6)
    result["boto3_steps_per_s"] = 100 / (result["boto3_us"] / 1e6)
    return result


# VmHWM (peak resident set) of the fresh interpreter; ru_maxrss would carry the parent's
# peak across fork and exec.
_IMPORT_PROBE = (
    "import time\n"
    "t = time.perf_counter()\n"
    "import {modules}\n"
    "{then}\n"
    "dt = time.perf_counter() - t\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print(dt, hwm)\n"
)


def _import_once(modules: str, then: str = "") -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE.format(modules=modules, then=then)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    ).stdout.split()
    return float(out[0]), float(out[1]) / 1024  # seconds, MiB


def bench_import(rounds: int, then: str = "") -> dict[str, float]:
    """``import boto3, irclient`` (then ``then``) vs ``import boto3``, in fresh interpreters."""
    ours, theirs, ours_mem, theirs_mem, ratios = [], [], [], [], []
    _import_once("boto3, irclient", then)  # warm the file cache and bytecode
    for r in range(rounds):
        pair = [("boto3, irclient", then, True), ("boto3", "", False)]
        if r % 2:
            pair.reverse()
        result = {}
        for modules, code, is_ours in pair:
            result[is_ours] = _import_once(modules, code)
        ours.append(result[True][0])
        theirs.append(result[False][0])
        ours_mem.append(result[True][1])
        theirs_mem.append(result[False][1])
        ratios.append(result[True][0] / result[False][0])
    ratios.sort()
    return {
        "irclient_ms": statistics.median(ours) * 1e3,
        "boto3_ms": statistics.median(theirs) * 1e3,
        "ratio": statistics.median(ratios),
        "ratio_low": ratios[len(ratios) // 4],
        "ratio_high": ratios[-1 - len(ratios) // 4],
        "irclient_rss_mib": statistics.median(ours_mem),
        "boto3_rss_mib": statistics.median(theirs_mem),
    }


def peak_memory(walk: Callable[[], int]) -> tuple[int, float]:
    """Items walked and the peak traced allocation (MiB) while walking."""
    gc.collect()
    tracemalloc.start()
    try:
        count = walk()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak / 2**20


def machine() -> str:
    """A one-line description of where the numbers were taken."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; boto3 {boto3.__version__}, "
        f"botocore {botocore.__version__}, irclient {irclient.__version__}"
    )


TIME_TARGET = 1.05
IMPORT_TARGET = 1.15
MEMORY_TARGET_MIB = 5.0


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _ratio(entry: dict[str, float]) -> str:
    return f"x{entry['ratio']:.2f} ({entry['ratio_low']:.2f} to {entry['ratio_high']:.2f})"


def report(results: dict[str, Any]) -> str:
    """The Markdown page ``docs/performance.md``, written from one run's results."""
    lines = [
        "# Performance",
        "",
        "<!-- Written by tools/bench.py (nox -s bench); do not edit by hand. -->",
        "",
        "irclient and raw boto3 are timed in one process, against the same in-memory",
        "SageMaker fake (a botocore `before-send` handler), so both go through botocore's",
        "whole path: serialisation, signing and response parsing. Rounds interleave the two",
        "sides; a ratio is irclient's time over boto3's, as the median of the rounds with",
        "the interquartile range in brackets. Below 1 irclient is faster.",
        "",
        f"- Command: `{results['command']}`",
        f"- Machine: {results['machine']}",
        "",
        "## Operations",
        "",
        "| measure | irclient | boto3 | ratio | target | met |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for name, entry in results["operations"].items():
        lines.append(
            f"| {name} | {entry['irclient_us']:.0f} µs | {entry['boto3_us']:.0f} µs "
            f"| {_ratio(entry)} | x{TIME_TARGET} | {_verdict(entry['ratio'] <= TIME_TARGET)} |"
        )
    val, struct = results["validation"], results["structuring"]
    lines += [
        f"| validate a maximal Create request (vs botocore's ParamValidator) "
        f"| {val['irclient_us']:.0f} µs | {val['boto3_us']:.0f} µs | {_ratio(val)} | x1.00 "
        f"| {_verdict(val['ratio'] < 1)} |",
        f"| structure a parsed 100-step page (vs botocore parsing the same body) "
        f"| {struct['irclient_steps_per_s']:,.0f} steps/s | "
        f"{struct['boto3_steps_per_s']:,.0f} steps/s | {_ratio(struct)} | | |",
        "",
        "## Where irclient's time goes",
        "",
        "Each stage timed on its own (best of seven runs), beside the raw boto3 call it wraps.",
        "",
        "| operation | boto3 call | validate | to wire | structure response | structure / call |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, entry in results["breakdown"].items():
        lines.append(
            f"| {name} | {entry['boto3_call_us']:.0f} µs | {entry['validate_us']:.1f} µs "
            f"| {entry['to_wire_us']:.1f} µs | {entry['structure_us']:.0f} µs "
            f"| {entry['structure_us'] / entry['boto3_call_us']:.1%} |"
        )
    lines += [
        "",
        "Validation and conversion of the request cost a few microseconds, and a client",
        "irclient builds skips botocore's own parameter validation (irclient's is a superset),",
        "which is why Create comes out faster than raw boto3. Reads pay for building the typed",
        "response: one frozen attrs object per structure in it, after botocore's parser has",
        "already walked the same shapes to build dicts. That structuring is what separates",
        "describe and list steps from raw boto3. It is several times cheaper than botocore's",
        "own parse of the same body (see the structuring row above), so what would close the",
        "gap is to structure the JSON body straight into models in place of botocore's",
        "shape-walking parser; that would mean replacing a private part of botocore's client,",
        "which irclient does not do.",
        "",
        "## Import",
        "",
        "Each figure is a fresh interpreter; memory is its peak resident set (VmHWM).",
        "",
        "| measure | irclient | boto3 | ratio | target | met |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    imp, first = results["import"], results["import_first_use"]
    lines += [
        f"| `import boto3, irclient` vs `import boto3` | {imp['irclient_ms']:.0f} ms, "
        f"{imp['irclient_rss_mib']:.0f} MiB | {imp['boto3_ms']:.0f} ms, "
        f"{imp['boto3_rss_mib']:.0f} MiB | {_ratio(imp)} | x{IMPORT_TARGET} "
        f"| {_verdict(imp['ratio'] <= IMPORT_TARGET)} |",
        f"| the same, then a first model, conversion and validation | "
        f"{first['irclient_ms']:.0f} ms, {first['irclient_rss_mib']:.0f} MiB | "
        f"{first['boto3_ms']:.0f} ms, {first['boto3_rss_mib']:.0f} MiB | {_ratio(first)} | | |",
        "",
        "## Memory of a steps walk",
        "",
        "Peak memory traced (tracemalloc) while walking a job's steps, each step dropped",
        "once seen; boto3 walks with its own paginator.",
        "",
        "| steps | irclient | boto3 |",
        "| ---: | ---: | ---: |",
    ]
    memory = results["memory"]
    for name, entry in memory.items():
        lines.append(
            f"| {name.split()[0]} | {entry['irclient_peak_mib']:.2f} MiB "
            f"| {entry['boto3_peak_mib']:.2f} MiB |"
        )
    peaks = [entry["irclient_peak_mib"] for entry in memory.values()]
    growth = peaks[-1] - peaks[0]
    lines += [
        "",
        f"Growth from the smallest to the largest walk: {growth:+.2f} MiB "
        f"(target: under {MEMORY_TARGET_MIB:g} MiB; met: {_verdict(growth < MEMORY_TARGET_MIB)}).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller walks")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    rounds = 5 if args.quick else args.rounds
    command = "nox -s bench" + (" -- --quick" if args.quick else "")
    results: dict[str, Any] = {"machine": machine(), "command": command}
    results["operations"] = bench_operations(rounds)
    results["breakdown"] = bench_breakdown()
    results["memory"] = bench_memory((1000, 10_000) if args.quick else (1000, 10_000, 100_000))
    results["validation"] = bench_validation(rounds)
    results["structuring"] = bench_structuring(rounds)
    results["import"] = bench_import(rounds)
    # What the first use costs on top: the models, the converter and the validator load.
    results["import_first_use"] = bench_import(
        rounds,
        then="irclient.validate(irclient.models.DescribeInferenceRecommendationsJobRequest"
        ".from_dict({'JobName': 'x'}))",
    )
    print(json.dumps(results, indent=2))
    if not args.no_write:
        (DOCS / "performance.json").write_text(json.dumps(results, indent=2) + "\n")
        (DOCS / "performance.md").write_text(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
