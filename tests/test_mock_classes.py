"""``@mock_inference_recommender`` on a test class keeps it a class, as moto's ``@mock_aws`` does.

A decorator that turned a ``unittest.TestCase`` into a function would make its tests vanish:
pytest and ``python -m unittest`` would report no tests, and say nothing is wrong. Each form
runs here as a user would run it, in a subprocess, and the count of tests run is checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unittest
from pathlib import Path

import pytest

import irclient

SRC = str(Path(irclient.__file__).resolve().parent.parent)

_COMMON = """
import unittest

import boto3
import pytest

from irclient.testing import mock_inference_recommender

ROLE = "arn:aws:iam::123456789012:role/inference-recommender"


def create(name):
    sagemaker = boto3.client("sagemaker", region_name="us-east-1")
    try:  # what a job names must exist, as on AWS
        sagemaker.describe_model(ModelName="resnet50")
    except sagemaker.exceptions.ClientError:
        sagemaker.create_model(
            ModelName="resnet50",
            ExecutionRoleArn=ROLE,
            PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1"},
        )
    sagemaker.create_inference_recommendations_job(
        JobName=name, JobType="Default", RoleArn=ROLE, InputConfig={"ModelName": "resnet50"}
    )
    return sagemaker


def names(sagemaker):
    jobs = sagemaker.list_inference_recommendations_jobs()["InferenceRecommendationsJobs"]
    return sorted(j["JobName"] for j in jobs)
"""

_UNITTEST_CLASSES = """
@mock_inference_recommender
class TestWithSetUp(unittest.TestCase):
    def setUp(self):
        self.sagemaker = create("from-setup")

    def tearDown(self):
        # Still inside the mock: the job is there.
        assert "from-setup" in names(self.sagemaker)

    def test_sees_what_setup_made(self):
        self.assertEqual(names(self.sagemaker), ["from-setup"])

    def test_fresh_for_each_test(self):
        create("another")
        self.assertEqual(names(self.sagemaker), ["another", "from-setup"])


@mock_inference_recommender(transition={"progression": "manual", "times": 5})
class TestWithoutSetUp(unittest.TestCase):
    def test_configured(self):
        sagemaker = create("slow")
        status = sagemaker.describe_inference_recommendations_job(JobName="slow")["Status"]
        self.assertEqual(status, "PENDING")


class TestUndecorated(unittest.TestCase):
    def test_plain(self):
        self.assertTrue(True)
"""

_PYTEST_CLASSES = """
@mock_inference_recommender
class TestPlain:
    def test_one(self):
        assert names(create("one")) == ["one"]

    def test_two(self):
        assert names(create("two")) == ["two"]


@mock_inference_recommender
class TestWithSetupMethod:
    def setup_method(self, method):
        self.sagemaker = create("made-in-setup")

    def teardown_method(self, method):
        assert names(self.sagemaker) == ["made-in-setup"]

    def test_sees_it(self):
        assert names(self.sagemaker) == ["made-in-setup"]


def test_function_next_to_the_classes():
    assert True
"""


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["PYTHONPATH"] = SRC
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env


def _write(tmp_path: Path, body: str) -> Path:
    module = tmp_path / "test_users_suite.py"
    module.write_text(textwrap.dedent(_COMMON) + textwrap.dedent(body))
    return module


def test_a_decorated_testcase_stays_a_class() -> None:
    from irclient.testing import mock_inference_recommender

    class Case(unittest.TestCase):
        def test_x(self) -> None:
            pass

    decorated = mock_inference_recommender(Case)
    assert decorated is Case and isinstance(decorated, type)
    configured = mock_inference_recommender(transition={"progression": "immediate"})(Case)
    assert configured is Case


def test_python_m_unittest_runs_every_test_of_a_decorated_class(tmp_path: Path) -> None:
    _write(tmp_path, _UNITTEST_CLASSES)
    done = subprocess.run(
        [sys.executable, "-m", "unittest", "-v", "test_users_suite"],
        cwd=tmp_path,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Ran 4 tests" in done.stderr, done.stderr
    for test in ("test_sees_what_setup_made", "test_fresh_for_each_test", "test_configured"):
        assert f"{test} " in done.stderr


@pytest.mark.parametrize("body", [_UNITTEST_CLASSES, _PYTEST_CLASSES], ids=["unittest", "pytest"])
def test_pytest_collects_and_runs_every_test_of_a_decorated_class(
    tmp_path: Path, body: str
) -> None:
    module = _write(tmp_path, body)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(module)],
        cwd=tmp_path,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout, done.stdout
