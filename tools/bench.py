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
from irclient._codec import fastparse as _fastparse
from irclient.models import (
    CreateInferenceRecommendationsJobRequest,
    ListInferenceRecommendationsJobsResponse,
    ListInferenceRecommendationsJobStepsResponse,
)
from irclient.testing import FakeWire
from irclient.testing.wire import canned

sys.path.insert(0, str(Path(__file__).parent))
import bench_ai  # sits beside this script too
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


# --------------------------------------------------------------------------- the wire

JOBS_PAGE = 100
"""Jobs in a ListInferenceRecommendationsJobs page."""


def job(i: int) -> dict[str, Any]:
    """One job summary of a ListInferenceRecommendationsJobs page, in wire form."""
    name = f"resnet-sizing-{i}"
    return {
        "JobName": name,
        "JobDescription": "Size ResNet-50 for the image API",
        "JobType": "Default" if i % 3 else "Advanced",
        "JobArn": benchdata.ARN + name,
        "Status": "COMPLETED",
        "CreationTime": benchdata.EPOCH + 3600 * i,
        "CompletionTime": benchdata.EPOCH + 3600 * i + 1800,
        "RoleArn": benchdata.ROLE,
        "LastModifiedTime": benchdata.EPOCH + 3600 * i + 1800,
        "ModelPackageVersionArn": benchdata.PACKAGE,
    }


JOBS_BODY = json.dumps(
    {"InferenceRecommendationsJobs": [job(i) for i in range(JOBS_PAGE)], "NextToken": "n"}
).encode()
"""A page of jobs, as ListInferenceRecommendationsJobs answers whatever the request."""


def endpoint(steps: int = 1000, *, cache: bool = True) -> FakeWire:
    """The benchmarks' fake (see ``benchdata.endpoint``) with a full page of jobs to list."""
    fake = benchdata.endpoint(steps=steps, cache=cache)
    fake.always["ListInferenceRecommendationsJobs"] = canned(JOBS_BODY)
    benchdata.add_ai(fake)
    return fake


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


def irclient_client(fake: FakeWire, **options: Any) -> irclient.InferenceRecommenderClient:
    """An irclient client as users make it (it builds its own boto3 client), same fake."""
    session = boto3.Session(
        aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1"
    )
    client = irclient.InferenceRecommenderClient(session=session, **options)
    fake.attach(client.boto3_client)
    return client


def bench_operations(rounds: int) -> dict[str, dict[str, float]]:
    """Each operation through botocore's whole path, irclient vs raw boto3."""
    fake = endpoint(steps=1000)
    raw = raw_client(fake)
    ours = irclient_client(fake)
    generic = irclient_client(fake, fast_parse=False)
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
    classic = {
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
        "list jobs (a 100-job page)": compare(
            lambda: ours.list_inference_recommendations_jobs(max_results=100),
            lambda: raw.list_inference_recommendations_jobs(MaxResults=100),
            number=20,
            rounds=rounds,
        ),
        "scaling recommendation": compare(
            lambda: ours.get_scaling_configuration_recommendation(
                inference_recommendations_job_name="resnet-sizing", recommendation_id="rec-3"
            ),
            lambda: raw.get_scaling_configuration_recommendation(
                InferenceRecommendationsJobName="resnet-sizing", RecommendationId="rec-3"
            ),
            number=200,
            rounds=rounds,
        ),
        "create (validation included)": compare(
            lambda: ours.create_inference_recommendations_job(model),
            lambda: raw.create_inference_recommendations_job(**wire),
            number=200,
            rounds=rounds,
        ),
        "iter_job_steps walk (10 pages)": compare(our_walk, raw_walk, number=2, rounds=rounds),
        # For reference: the same page through botocore's parser and the generic structuring.
        "list steps, fast_parse=False": compare(
            lambda: generic.list_inference_recommendations_job_steps(
                job_name="resnet-sizing", max_results=100
            ),
            lambda: raw.list_inference_recommendations_job_steps(
                JobName="resnet-sizing", MaxResults=100
            ),
            number=20,
            rounds=rounds,
        ),
    }
    return {
        **classic,
        **bench_ai.bench_ai_operations(compare, ours, raw, rounds),
        **bench_ai.bench_results_reader(compare, rounds),
    }


def bench_breakdown() -> dict[str, dict[str, float]]:
    """Where the time of a read goes, per operation: each stage timed on its own."""
    from irclient.models import (
        DescribeInferenceRecommendationsJobRequest,
        DescribeInferenceRecommendationsJobResponse,
        ListInferenceRecommendationsJobsRequest,
        ListInferenceRecommendationsJobStepsRequest,
    )

    fake = endpoint(steps=1000)
    raw = raw_client(fake)
    ours = irclient_client(fake)
    service = raw.meta.service_model
    parser = create_parser("json")

    def best_of(fn: Callable[[], object], number: int) -> float:
        fn()
        return min(_time(fn, number) for _ in range(7)) * 1e6

    cases: dict[str, tuple[str, Any, type[Any], bytes, Callable[[], Any], Callable[[], Any], int]]
    cases = {
        "describe (10 recommendations)": (
            "DescribeInferenceRecommendationsJob",
            DescribeInferenceRecommendationsJobRequest(job_name="resnet-sizing"),
            DescribeInferenceRecommendationsJobResponse,
            fake.answer("DescribeInferenceRecommendationsJob", {"JobName": "resnet-sizing"})[1],
            lambda: raw.describe_inference_recommendations_job(JobName="resnet-sizing"),
            lambda: ours.describe_inference_recommendations_job(job_name="resnet-sizing"),
            300,
        ),
        "list steps (a 100-step page)": (
            "ListInferenceRecommendationsJobSteps",
            ListInferenceRecommendationsJobStepsRequest(job_name="resnet-sizing", max_results=100),
            ListInferenceRecommendationsJobStepsResponse,
            fake.answer(
                "ListInferenceRecommendationsJobSteps",
                {"JobName": "resnet-sizing", "MaxResults": 100},
            )[1],
            lambda: raw.list_inference_recommendations_job_steps(
                JobName="resnet-sizing", MaxResults=100
            ),
            lambda: ours.list_inference_recommendations_job_steps(
                job_name="resnet-sizing", max_results=100
            ),
            30,
        ),
        "list jobs (a 100-job page)": (
            "ListInferenceRecommendationsJobs",
            ListInferenceRecommendationsJobsRequest(max_results=100),
            ListInferenceRecommendationsJobsResponse,
            JOBS_BODY,
            lambda: raw.list_inference_recommendations_jobs(MaxResults=100),
            lambda: ours.list_inference_recommendations_jobs(max_results=100),
            30,
        ),
    }
    out = {}
    for name, (operation, request, response_cls, body, raw_call, our_call, number) in cases.items():
        shape = service.operation_model(operation).output_shape
        response = {"status_code": 200, "headers": {}, "body": body}
        parsed = parser.parse(response, shape)
        assert _fastparse.parse_body(operation, body) is not None  # the fast path takes it

        def validate(r: Any = request) -> None:
            irclient.validate(r)

        def wire(r: Any = request) -> Any:
            return serde.to_wire(r)

        def botocore_parse(r: Any = response, s: Any = shape) -> Any:
            return parser.parse(r, s)

        def structure(p: Any = parsed, c: Any = response_cls) -> Any:
            return serde.parse_response(p, c)

        def typed(o: str = operation, b: bytes = body) -> Any:
            return _fastparse.parse_body(o, b)

        out[name] = {
            "boto3_call_us": best_of(raw_call, number),
            "botocore_parse_us": best_of(botocore_parse, number),
            "irclient_call_us": best_of(our_call, number),
            "validate_us": best_of(validate, 2000),
            "to_wire_us": best_of(wire, 2000),
            "typed_parse_us": best_of(typed, number),
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


def bench_typed_parse(rounds: int) -> dict[str, float]:
    """The typed parse of a 100-step page's body vs botocore parsing the same body to dicts."""
    fake = benchdata.endpoint(steps=100)
    _, body = fake.answer(
        "ListInferenceRecommendationsJobSteps", {"JobName": "resnet-sizing", "MaxResults": 100}
    )
    service = botocore.session.get_session().get_service_model("sagemaker")
    shape = service.operation_model("ListInferenceRecommendationsJobSteps").output_shape
    parser = create_parser("json")
    response = {"status_code": 200, "headers": {}, "body": body}
    operation = "ListInferenceRecommendationsJobSteps"
    assert _fastparse.parse_body(operation, body) is not None
    result = compare(
        lambda: _fastparse.parse_body(operation, body),
        lambda: parser.parse(response, shape),
        number=100,
        rounds=rounds,
    )
    result["irclient_steps_per_s"] = 100 / (result["irclient_us"] / 1e6)
    result["boto3_steps_per_s"] = 100 / (result["boto3_us"] / 1e6)
    return result


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


TIME_TARGETS: dict[str, float | None] = {
    "describe (10 recommendations)": 1.00,
    "list steps (a 100-step page)": 0.70,
    "list jobs (a 100-job page)": 1.00,
    "scaling recommendation": 1.00,
    "create (validation included)": 1.05,
    "iter_job_steps walk (10 pages)": 0.70,
    "list steps, fast_parse=False": None,
    "AI benchmark job describe": 1.00,
    "AI recommendation job describe (50 recommendations)": 1.00,
    f"list AI benchmark jobs (a {benchdata.AI_PAGE}-job page)": 1.00,
    f"list AI recommendation jobs (a {benchdata.AI_PAGE}-job page)": 1.00,
    f"list AI workload configs (a {benchdata.AI_PAGE}-config page)": 1.00,
    f"AI benchmark results ({bench_ai.LEVELS} levels, one archive)": 1.00,
}
"""The ratio each operation must stay under (None: shown for reference only)."""
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
        "whole path: serialisation, signing and the response's way back. Rounds interleave",
        "the two sides; a ratio is irclient's time over boto3's, as the median of the rounds",
        "with the interquartile range in brackets. Below 1 irclient is faster.",
        "",
        f"- Command: `{results['command']}`",
        f"- Machine: {results['machine']}",
        f"- Load average (1 minute) when the run began and ended: {results['load']}",
        "  (a shared machine: the ratios hold up better than the absolute times)",
        "",
        "## Operations",
        "",
        "| measure | irclient | boto3 | ratio | target | met |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for name, entry in results["operations"].items():
        target = TIME_TARGETS.get(name)
        verdict = "" if target is None else _verdict(entry["ratio"] <= target)
        lines.append(
            f"| {name} | {entry['irclient_us']:.0f} µs | {entry['boto3_us']:.0f} µs "
            f"| {_ratio(entry)} | {'' if target is None else f'x{target:.2f}'} | {verdict} |"
        )
    val, struct, typed = results["validation"], results["structuring"], results["typed_parse"]
    lines += [
        f"| validate a maximal Create request (vs botocore's ParamValidator) "
        f"| {val['irclient_us']:.0f} µs | {val['boto3_us']:.0f} µs | {_ratio(val)} | x1.00 "
        f"| {_verdict(val['ratio'] < 1)} |",
        f"| typed parse of a 100-step page's body, JSON to models "
        f"(vs botocore parsing the same body to dicts) "
        f"| {typed['irclient_steps_per_s']:,.0f} steps/s | "
        f"{typed['boto3_steps_per_s']:,.0f} steps/s | {_ratio(typed)} | | |",
        f"| structure botocore's dicts of that page (the path without the typed parse) "
        f"| {struct['irclient_steps_per_s']:,.0f} steps/s | "
        f"{struct['boto3_steps_per_s']:,.0f} steps/s | {_ratio(struct)} | | |",
        "",
        "## Where the time of a read goes",
        "",
        "Each stage timed on its own (best of seven runs). The boto3 call includes botocore's",
        "parse of the body; irclient's call replaces that parse with the typed parse (JSON",
        "decoding included). The last column is what the path without the typed parse would",
        "add on top of botocore's parse: structuring its dicts into the models.",
        "",
        "| operation | boto3 call | botocore's parse | irclient call | validate | to wire "
        "| typed parse | structure dicts |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, entry in results["breakdown"].items():
        call = entry["boto3_call_us"]
        lines.append(
            f"| {name} | {call:.0f} µs | {entry['botocore_parse_us']:.0f} µs "
            f"({entry['botocore_parse_us'] / call:.0%}) | {entry['irclient_call_us']:.0f} µs "
            f"| {entry['validate_us']:.1f} µs | {entry['to_wire_us']:.1f} µs "
            f"| {entry['typed_parse_us']:.0f} µs | {entry['structure_us']:.0f} µs |"
        )
    lines += [
        "",
        "### How reads come out cheaper than raw boto3",
        "",
        "botocore's generic parser walks the service model member by member to turn the",
        "JSON into dicts, and converts every timestamp through dateutil's local time zone; on",
        "a page of steps that parse is most of the call. For its own calls, irclient parses",
        "the body once, straight into the typed models, with parsers that `tools/codegen.py`",
        "generates (through `tools/parsergen.py`) from the same botocore model as the models,",
        "so the drift check covers them. Validation and conversion of a request cost a few",
        "microseconds, and a client irclient builds skips botocore's own parameter validation",
        "(irclient's is a superset), which is why Create is not slower either.",
        "",
        "Validation asks one compiled yes-or-no function per class first (constants inlined,",
        "lengths before patterns, enums as sets, no paths or violations built); only a request",
        "it refuses is walked by the detailed checker, which reports every violation with its",
        "path. Patterns whose every choice the next character decides are matched with",
        "Python's `re` (decided mechanically on the parse `re` runs); the rest with RE2. Both",
        "stay linear in the value's length (`tests/reliability/test_patterns.py`).",
        "",
        "The generative-AI describes and list pages take the same typed parse. The benchmark",
        "results reader is timed against boto3 finding and getting the same archive from",
        "moto's in-process S3 and reading it with `tarfile` and `json`: irclient also streams",
        "the archive within its size limits and builds typed rows of every level.",
        "",
        "The typed parse goes only through extension points botocore exposes and uses itself:",
        "",
        "- the `before-parse.sagemaker.<Operation>` event, which botocore's endpoint emits",
        "  with the raw `response_dict` before its parser runs, and whose",
        "  `customized_response_dict` it merges into the parsed result (botocore's own",
        "  handlers rewrite the body there for SSO OIDC errors and add S3's `ExpiresString`).",
        "  irclient's handler builds the model, hands it over in `customized_response_dict`",
        "  and leaves the parser an empty body, so botocore adds only `ResponseMetadata`;",
        "- the client's own event system, `client.meta.events`, which botocore copies for",
        "  every client: the handler is registered there, so the `boto3.Session` and its",
        "  other clients never see it;",
        "- a `contextvars` variable set only while irclient itself calls the client: a direct",
        "  call on `client.boto3_client` (or another thread's, meanwhile) gets exactly what",
        "  botocore's parser returns;",
        "- for timestamps, botocore's `parse_timestamp` and `get_tzinfo_options`: an epoch",
        "  timestamp becomes exactly the datetime botocore would give (same local tzinfo).",
        "  Where the local zone has a fixed offset (UTC servers and containers) that is",
        "  computed in C; in a zone with daylight saving time botocore's own function runs.",
        "",
        "`tests/test_botocore_extension_points.py` pins each of these, so a botocore upgrade",
        "that moves one fails the tests. A boto3 client passed to `InferenceRecommenderClient`",
        "keeps botocore's parser unless `fast_parse=True` is given. The parsers are installed",
        "only when the installed botocore's model has the output shapes they were generated",
        "from (a fingerprint of what parsing reads); after a botocore upgrade that changes",
        "them, botocore's parser does the work until the models are regenerated.",
        "",
        "Only the clean, common body takes the typed parse: a 200 response whose body is a",
        "UTF-8 JSON object whose members are each of the right JSON type, every required one",
        "present, timestamps as epoch seconds (members the model does not know are ignored,",
        "as botocore's parser ignores them). Anything else (an error response, another",
        "status, a truncated or garbled body, a missing required member or a mistyped one, an",
        "ISO timestamp) goes through botocore's parser and irclient's structuring exactly as",
        "before, so the model is the same whichever way a body goes. A differential test",
        "(`tests/test_fastparse.py`) holds the two paths to that, on bodies generated from",
        "botocore's model for every response shape irclient wraps.",
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
    load_start = os.getloadavg()[0]
    results["operations"] = bench_operations(rounds)
    results["breakdown"] = bench_breakdown()
    results["memory"] = bench_memory((1000, 10_000) if args.quick else (1000, 10_000, 100_000))
    results["validation"] = bench_validation(rounds)
    results["structuring"] = bench_structuring(rounds)
    results["typed_parse"] = bench_typed_parse(rounds)
    results["import"] = bench_import(rounds)
    # What the first use costs on top: the models, the converter and the validator load.
    results["import_first_use"] = bench_import(
        rounds,
        then="irclient.validate(irclient.models.DescribeInferenceRecommendationsJobRequest"
        ".from_dict({'JobName': 'x'}))",
    )
    results["load"] = f"{load_start:.1f} and {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)"
    print(json.dumps(results, indent=2))
    if not args.no_write:
        (DOCS / "performance.json").write_text(json.dumps(results, indent=2) + "\n")
        (DOCS / "performance.md").write_text(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
