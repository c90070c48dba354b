"""irclient.display: the HTML tables Jupyter shows and their plain-text twins."""

from __future__ import annotations

import datetime
import html.parser
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import benchmark_samples as samples
import irclient
from irclient import display
from irclient._utils.text import safe_text
from irclient.analysis import Benchmark, Benchmarks
from irclient.models import (
    CreateInferenceRecommendationsJobResponse,
    DescribeInferenceRecommendationsJobResponse,
    InferenceRecommendation,
    InferenceRecommendationsJobStep,
    ListInferenceRecommendationsJobsResponse,
)

ALLOWED_TAGS = {
    "div", "p", "strong", "small", "br", "span", "code",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


class Page(html.parser.HTMLParser):
    """Collects the tags, the table cells and the text of a rendering."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def column(self, header: str) -> list[str]:
        """The cells under ``header`` in the first table."""
        index = self.rows[0].index(header)
        return [row[index] for row in self.rows[1:]]


def steps_page(**kwargs: Any) -> Any:
    wires = samples.all_steps_wire() + [samples.running_step_wire()]
    return samples.steps_page(wires, **kwargs)


# --------------------------------------------------------------------------- installation


def test_import_installs_the_renderer_on_every_model() -> None:
    job = samples.describe()
    assert job._repr_html_() == display.render_html(job)
    assert job._repr_html_() is not None
    # Shapes with nothing worth a table keep Jupyter's plain repr.
    assert CreateInferenceRecommendationsJobResponse(job_arn="arn")._repr_html_() is None
    assert display.render_html(object()) is None
    assert irclient.display is display


# --------------------------------------------------------------------------- describe


def test_describe_response_shows_a_header_and_the_recommendations() -> None:
    page = Page(display.render_html(samples.describe()) or "")
    text = "".join(page.text)
    assert "resnet-sizing-1" in text
    assert "COMPLETED" in text and "\u2714" in text  # status at a glance
    assert "Default job" in text and "took 1h 15m" in text
    assert "Size ResNet-50 for the image API" in text
    assert "6 recommendations" in text
    assert page.rows[0] == [
        "",
        "endpoint configuration",
        "cost/hour",
        "cost/inference",
        "model latency",
        "max invocations",
        "CPU",
        "memory",
        "set-up time",
        "environment",
    ]  # no status column: recommendations have none
    assert page.rows[1] == [
        "0",
        "ml.c5.xlarge",
        "$0.204",
        "$2.9e-06",
        "37 ms",
        "1,170/min",
        "61.5%",
        "22.1%",
        "n/a",
        "OMP_NUM_THREADS=2",
    ]
    assert page.column("endpoint configuration")[3:] == [
        "ml.m5.large x2",
        "serverless 2048 MB x5",
        "serverless 4096 MB x10",
    ]
    assert page.column("CPU")[3:] == ["n/a", "n/a", "n/a"]  # NaN on the wire
    assert page.column("set-up time")[4:] == ["2,500 ms", "2,100 ms"]
    assert page.column("environment")[3] == ""


def test_describe_response_has_no_nested_dict_dump() -> None:
    markup = display.render_html(samples.describe()) or ""
    for wire_noise in ("InputConfig", "{", "ModelPackageVersionArn", "role/SageMakerRole"):
        assert wire_noise not in markup


def test_describe_response_of_a_running_job() -> None:
    page = Page(display.render_html(samples.describe(status="IN_PROGRESS")) or "")
    text = "".join(page.text)
    assert "IN_PROGRESS" in text and "No recommendations yet." in text
    assert "took" not in text and "table" not in page.tags


def test_describe_response_of_a_failed_job_shows_why() -> None:
    wire = samples.describe_wire(status="FAILED")
    wire["FailureReason"] = "Model <resnet> did not load"
    page = Page(
        display.render_html(DescribeInferenceRecommendationsJobResponse.from_dict(wire)) or ""
    )
    text = "".join(page.text)
    assert "\u2718\xa0FAILED" in text
    assert "Failure: Model <resnet> did not load" in text


def test_describe_response_with_existing_endpoints_gets_a_second_table() -> None:
    wire = samples.describe_wire()
    wire["EndpointPerformances"] = [
        {
            "Metrics": {"MaxInvocations": 800, "ModelLatency": 15},
            "EndpointInfo": {"EndpointName": "prod"},
        }
    ]
    page = Page(
        display.render_html(DescribeInferenceRecommendationsJobResponse.from_dict(wire)) or ""
    )
    assert page.tags.count("table") == 2
    assert "1 existing endpoint" in "".join(page.text)


# --------------------------------------------------------------------------- steps


def test_steps_page_shows_status_failures_and_the_next_token() -> None:
    page = Page(display.render_html(steps_page(next_token="abc")) or "")
    text = "".join(page.text)
    assert "8 steps of job resnet-sizing-1" in text
    assert "pass its next_token as starting_token to continue" in text
    assert page.column("status") == ["\u2714\xa0COMPLETED"] * 6 + [
        "\u2718\xa0FAILED",
        "\u25b6\xa0IN_PROGRESS",
    ]
    reasons = page.column("failure reason")
    assert reasons[6] == "Benchmark failed: <model> could not be compiled & loaded"
    assert reasons[:6] == [""] * 6
    assert page.column("cost/inference")[6:] == ["n/a", "n/a"]


def test_last_steps_page_does_not_promise_more() -> None:
    text = "".join(Page(display.render_html(steps_page()) or "").text)
    assert "8 steps of job resnet-sizing-1" in text and "next_token" not in text


def test_empty_steps_page() -> None:
    page = Page(display.render_html(samples.steps_page([])) or "")
    assert "table" not in page.tags and "0 steps" in "".join(page.text)


def test_serverless_only_steps_page_hides_empty_optional_columns() -> None:
    page = Page(display.render_html(samples.steps_page(samples.serverless_steps_wire())) or "")
    assert "environment" not in page.rows[0] and "failure reason" not in page.rows[0]
    assert page.column("endpoint configuration") == [
        "serverless 2048 MB x5",
        "serverless 4096 MB x10",
    ]
    assert page.column("memory") == ["n/a", "n/a"]


def test_single_step_and_recommendation_render_as_one_row() -> None:
    step = InferenceRecommendationsJobStep.from_dict(samples.failed_step_wire())
    page = Page(display.render_html(step) or "")
    assert len(page.rows) == 2 and page.column("status") == ["\u2718\xa0FAILED"]
    rec = samples.describe().inference_recommendations
    assert rec is not None
    page = Page(rec[0]._repr_html_() or "")
    assert page.column("endpoint configuration") == ["ml.c5.xlarge"]


# --------------------------------------------------------------------------- jobs


def test_job_list_is_a_table_of_jobs() -> None:
    page = Page(display.render_html(samples.jobs()) or "")
    assert (
        "3 jobs (more on the next page: pass its next_token as starting_token to continue)"
        in "".join(page.text)
    )
    assert page.column("job name") == ["resnet-sizing-1", "resnet-sizing-2", "resnet-sizing-3"]
    assert page.column("status") == [
        "\u2714\xa0COMPLETED",
        "\u2718\xa0FAILED",
        "\u25b6\xa0IN_PROGRESS",
    ]
    assert page.column("took") == ["1h 15m", "3m 00s", "n/a"]
    assert page.column("created")[0] == "2025-03-04 10:00:00 UTC"
    assert page.column("failure reason") == ["", "Model package not found", ""]


def test_empty_job_list_and_single_job() -> None:
    empty = ListInferenceRecommendationsJobsResponse(inference_recommendations_jobs=())
    assert "0 jobs." in "".join(Page(display.render_html(empty) or "").text)
    job = samples.jobs().inference_recommendations_jobs[0]
    page = Page(job._repr_html_() or "")
    assert page.rows[0][0] == "job name" and page.rows[1][0] == "resnet-sizing-1"


# --------------------------------------------------------------------------- Benchmarks


def test_benchmarks_collection_renders_in_its_own_order() -> None:
    ranked = Benchmarks(samples.steps(samples.all_steps_wire())).rank(max_latency_ms=50)
    page = Page(ranked._repr_html_())
    assert "3 benchmarks" in "".join(page.text)
    assert page.column("endpoint configuration") == [
        "ml.c5.xlarge",
        "ml.g4dn.xlarge",
        "ml.c5.2xlarge",
    ]
    assert "0 benchmarks." in "".join(Page(Benchmarks()._repr_html_()).text)


def test_a_single_benchmark_is_a_one_row_table() -> None:
    best = Benchmarks(samples.steps(samples.serverless_steps_wire())).best()
    assert best is not None
    page = Page(best._repr_html_())
    assert page.column("endpoint configuration") == ["serverless 2048 MB x5"]
    assert page.column("set-up time") == ["2,500 ms"]


def test_long_tables_are_cut_short_and_say_so() -> None:
    many = [
        Benchmark(kind="recommendation", instance_type=f"ml.t{n}", cost_per_inference=n * 1e-6)
        for n in range(display.MAX_ROWS + 5)
    ]
    page = Page(display.benchmarks_html(many))
    assert len(page.rows) == display.MAX_ROWS + 1
    assert "and 5 more rows" in "".join(page.text)
    assert "... and 5 more rows" in display.summary(Benchmarks(many))


def test_long_text_is_shortened_with_the_full_text_in_the_title() -> None:
    long = "x" * 200
    page = Page(
        display.benchmarks_html([Benchmark(kind="step", status="FAILED", failure_reason=long)])
    )
    cell = page.column("failure reason")[0]
    assert len(cell) == 80 and cell.endswith("\u2026")
    assert ("title", long) in page.attrs


# --------------------------------------------------------------------------- escaping

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;\'"'


def hostile_job(text: str) -> DescribeInferenceRecommendationsJobResponse:
    wire = samples.describe_wire(description=text)
    wire["JobName"] = text
    wire["JobType"] = text  # an enum value the models do not know is kept as a string
    wire["FailureReason"] = text
    recs = wire["InferenceRecommendations"]
    recs[0]["EndpointConfiguration"]["InstanceType"] = text
    recs[1]["ModelConfiguration"]["EnvironmentParameters"] = [
        {"Key": text, "ValueType": "String", "Value": text}
    ]
    return DescribeInferenceRecommendationsJobResponse.from_dict(wire)


def assert_inert(markup: str, text: str) -> None:
    page = Page(markup)
    assert set(page.tags) <= ALLOWED_TAGS
    assert {name for name, _ in page.attrs} <= {"class", "style", "title"}
    # The text is shown, its hidden characters as escapes (irclient._utils.text).
    shown = safe_text(text, None)
    assert " ".join(shown.split())[:40] in " ".join("".join(page.text).split())


def test_every_value_is_escaped() -> None:
    markup = display.render_html(hostile_job(HOSTILE)) or ""
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup
    assert_inert(markup, HOSTILE)


def test_job_lists_and_steps_escape_too() -> None:
    jobs = samples.jobs_wire()
    jobs["InferenceRecommendationsJobs"][0]["JobDescription"] = HOSTILE
    jobs["InferenceRecommendationsJobs"][1]["JobName"] = HOSTILE
    markup = display.render_html(ListInferenceRecommendationsJobsResponse.from_dict(jobs)) or ""
    assert "<script" not in markup
    assert_inert(markup, HOSTILE)
    step = samples.failed_step_wire()
    step["Status"] = HOSTILE
    step["JobName"] = HOSTILE
    step["InferenceBenchmark"]["FailureReason"] = HOSTILE
    page = samples.steps_page([step])
    markup = display.render_html(page) or ""
    assert "<script" not in markup
    assert_inert(markup, HOSTILE)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(lambda s: s.strip() != ""))
def test_arbitrary_text_never_becomes_markup(text: str) -> None:
    assert_inert(display.render_html(hostile_job(text)) or "", text)


# --------------------------------------------------------------------------- text


def test_text_summary_of_a_describe_response() -> None:
    text = display.summary(samples.describe())
    lines = text.splitlines()
    assert lines[0] == (
        "resnet-sizing-1  COMPLETED  (Default job, created 2025-03-04 10:00:00 UTC, took 1h 15m)"
    )
    assert lines[1] == "Size ResNet-50 for the image API"
    assert lines[2].split() == [
        "endpoint", "configuration", "cost/hour", "cost/inference", "model", "latency",
        "max", "invocations", "CPU", "memory", "set-up", "time", "environment",
    ]  # fmt: skip
    assert lines[3].split() == [
        "0", "ml.c5.xlarge", "$0.204", "$2.9e-06", "37", "ms", "1,170/min", "61.5%",
        "22.1%", "n/a", "OMP_NUM_THREADS=2",
    ]  # fmt: skip
    assert len(lines) == 3 + 6
    assert "No recommendations yet." in display.summary(samples.describe(status="PENDING"))


def test_text_summaries_of_steps_jobs_and_benchmarks() -> None:
    steps = display.summary(steps_page(next_token="t"))
    assert steps.splitlines()[0].startswith("8 steps of job resnet-sizing-1 (more")
    assert "FAILED" in steps and "IN_PROGRESS" in steps
    jobs = display.summary(samples.jobs())
    assert jobs.splitlines()[0] == (
        "3 jobs (more on the next page: pass its next_token as starting_token to continue)"
    )
    assert "Model package not found" in jobs
    rows = Benchmarks(samples.steps(samples.serverless_steps_wire()))
    assert repr(rows).splitlines()[0] == "<Benchmarks: 2 benchmarks>"
    assert repr(Benchmarks()) == "<Benchmarks: 0 benchmarks>"
    step = InferenceRecommendationsJobStep.from_dict(samples.failed_step_wire())
    assert "ml.inf1.xlarge" in display.summary(step)
    job = samples.jobs().inference_recommendations_jobs[1]
    assert display.summary(job).splitlines()[1].startswith("resnet-sizing-2")
    assert display.summary(42) == "42"


def test_naive_and_missing_times() -> None:
    job = samples.jobs().inference_recommendations_jobs[0]
    naive = type(job)(
        **{
            **{a: getattr(job, a) for a in ("job_name", "job_description", "job_type", "job_arn")},
            "status": "COMPLETED",
            "role_arn": job.role_arn,
            "creation_time": datetime.datetime(2025, 1, 1, 12, 0),
            "completion_time": datetime.datetime(2025, 1, 1, 12, 0, 42),
            "last_modified_time": datetime.datetime(2025, 1, 1, 12, 0, 42),
        }
    )
    page = Page(display.render_html(naive) or "")
    assert page.column("created") == ["2025-01-01 12:00:00"]
    assert page.column("took") == ["42s"]


def test_recommendation_without_metrics() -> None:
    rec = InferenceRecommendation.from_dict(
        {
            "EndpointConfiguration": {
                "EndpointName": "e",
                "VariantName": "v",
                "InstanceType": "ml.c5.large",
            },
            "ModelConfiguration": {},
        }
    )
    page = Page(display.render_html(rec) or "")
    assert page.column("cost/inference") == ["n/a"]
    assert page.column("max invocations") == ["n/a"]


def test_hourly_prices_line_up_with_three_decimals() -> None:
    wires = [
        samples.step_wire(
            samples.instance_endpoint("ml.inf2.xlarge"), samples.metrics(0.99, 1e-6, 900, 20)
        ),
        samples.step_wire(
            samples.instance_endpoint("ml.g6.xlarge"), samples.metrics(1.0056, 1e-6, 900, 19), n=1
        ),
    ]
    text = display.summary(Benchmarks(samples.steps(wires)))
    assert "$0.990" in text and "$1.006" in text


def test_finished_job_without_completion_time_is_measured_to_last_modification() -> None:
    # AWS may leave CompletionTime out of a COMPLETED job: the duration then runs to
    # LastModifiedTime, and every rendering says so.
    job = attrs.evolve(
        samples.jobs().inference_recommendations_jobs[0],
        status="COMPLETED",
        creation_time=datetime.datetime(2025, 1, 1, 12, 0, tzinfo=datetime.UTC),
        completion_time=None,
        last_modified_time=datetime.datetime(2025, 1, 1, 12, 3, 5, tzinfo=datetime.UTC),
    )
    page = Page(display.render_html(job) or "")
    assert page.column("took") == ["3m 05s (last modified)"]
    described = attrs.evolve(
        samples.describe(),
        status="COMPLETED",
        creation_time=job.creation_time,
        completion_time=None,
        last_modified_time=job.last_modified_time,
    )
    header = display.summary(described).splitlines()[0]
    assert "took 3m 05s, measured to LastModifiedTime, as AWS sent no CompletionTime" in header
    text = "".join(Page(display.render_html(described) or "").text)
    assert "took 3m 05s (measured to LastModifiedTime, as AWS sent no CompletionTime)" in text
    # A job still running has no duration yet, whatever its LastModifiedTime.
    running = attrs.evolve(job, status="IN_PROGRESS")
    assert Page(display.render_html(running) or "").column("took") == ["n/a"]


def test_every_table_scrolls_sideways_inside_its_column() -> None:
    # A narrow Jupyter pane or the docs' text column: the table scrolls within its own box
    # rather than spilling under what sits beside it.
    renderings = [
        display.render_html(samples.describe()),
        display.render_html(samples.jobs()),
        display.render_html(samples.steps_page(samples.all_steps_wire())),
        display.benchmarks_html([]),
        display.render_html(samples.jobs().inference_recommendations_jobs[0]),
    ]
    for markup in renderings:
        assert markup is not None
        page = Page(markup)
        assert page.tags[0] == "div"
        style = dict(page.attrs[:2]).get("style") or ""  # the outer div's own attributes
        assert "overflow-x:auto" in style and "max-width:100%" in style, markup[:120]


def test_a_job_without_recommendations_says_why_by_its_status() -> None:
    def said(status: str) -> str:
        text = display.summary(samples.describe(status=status))
        html_text = "".join(Page(display.render_html(samples.describe(status=status)) or "").text)
        (line,) = [x for x in text.splitlines() if x.startswith("No recommendations")]
        assert line in html_text
        return line

    assert said("PENDING") == said("IN_PROGRESS") == "No recommendations yet."
    failed = said("FAILED")
    assert "yet" not in failed and "the job failed" in failed and "never" in failed
    assert f"irclient why {samples.JOB}" in failed  # how to find out why
    assert f"irclient steps {samples.JOB} --status FAILED" in failed
    for status in ("STOPPING", "STOPPED"):
        stopped = said(status)
        assert "yet" not in stopped and "never" in stopped and "irclient why" not in stopped


def test_the_simulators_set_up_time_reads_in_the_unit_the_tables_show() -> None:
    # The tables show ModelSetupTime in milliseconds; testing.md and the simulator agree.
    from pathlib import Path

    import boto3

    from irclient.testing import mock_inference_recommender

    page = (Path(__file__).resolve().parent.parent / "docs" / "testing.md").read_text()
    assert "`ModelSetupTime` (a cold start of several seconds, in milliseconds" in page
    request = {
        "JobName": "cold",
        "JobType": "Default",
        "RoleArn": "arn:aws:iam::123456789012:role/r",
        "InputConfig": {
            "ModelName": "resnet50",
            "ContainerConfig": {"Domain": "COMPUTER_VISION", "SupportedEndpointType": "Serverless"},
        },
    }
    with mock_inference_recommender():
        sagemaker = boto3.client(
            "sagemaker",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        from client_support import ensure_model

        ensure_model(sagemaker, "resnet50")
        sagemaker.create_inference_recommendations_job(**request)
        job = DescribeInferenceRecommendationsJobResponse.from_dict(
            sagemaker.describe_inference_recommendations_job(JobName="cold")
        )
    shown = [b.model_setup_time for b in Benchmarks(job)]
    assert shown and all(v is not None and 5_000 <= v <= 60_000 for v in shown)  # seconds
    cells = Page(display.render_html(job) or "").column("set-up time")
    assert cells and all(cell.endswith(" ms") and "," in cell for cell in cells)
