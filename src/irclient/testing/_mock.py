"""``mock_inference_recommender``: moto's ``mock_aws`` with the Inference Recommender operations."""

from __future__ import annotations

import contextlib
import functools
import inspect
import unittest
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar, overload

from moto import mock_aws

from . import _moto
from ._simulator import CLOCK

__all__ = ["InferenceRecommenderMock", "mock_inference_recommender"]

P = ParamSpec("P")
T = TypeVar("T")
C = TypeVar("C", bound=type)

# pytest's and unittest's names for a test method, and for what runs before each.
_TEST_PREFIX = unittest.TestLoader.testMethodPrefix
_PYTEST_SETUP = "setup_method"
_PYTEST_TEARDOWN = "teardown_method"


class InferenceRecommenderMock(contextlib.ContextDecorator):
    """An active (or ready) simulation: a context manager and a decorator.

    Entering starts moto's ``mock_aws`` (or joins one already active, sharing its state) with
    the Inference Recommender operations installed; leaving stops it, and moto then drops
    every job with the rest of its state.

    Args:
        transition: A moto transition for every job while the mock is active, such as
            ``{"progression": "manual", "times": 2}`` or ``{"progression": "time",
            "seconds": 5}``; the previous transition comes back on exit.
        freeze_time: Stop the simulator's clock while the mock is active, so that only
            :meth:`advance` moves it (and a job on the ``time`` progression moves only then).

    Jobs run on the simulator's clock: :meth:`advance` moves it forward, so a test of the
    ``time`` progression never sleeps. The clock is put back as it was when the mock stops.
    """

    def __init__(
        self, *, transition: Mapping[str, Any] | None = None, freeze_time: bool = False
    ) -> None:
        self._transition = dict(transition) if transition is not None else None
        self._freeze = freeze_time
        self._active: list[tuple[Any, dict[str, Any] | None]] = []
        self._clocks: list[Any] = []

    def start(self) -> None:
        """Start the mock (what entering the context does)."""
        _moto.install()
        aws = mock_aws()
        aws.start()
        self._active.append((aws, _moto.current_transition()))
        self._clocks.append(CLOCK.snapshot())
        if self._freeze:
            CLOCK.freeze()
        if self._transition is not None:
            _moto.set_transition(self._transition)

    def stop(self) -> None:
        """Stop the mock and restore the transition in force when it started."""
        aws, previous = self._active.pop()
        if self._transition is not None:
            if previous is None:
                _moto.unset_transition()
            else:
                _moto.set_transition(previous)
        CLOCK.restore(self._clocks.pop())
        aws.stop()

    def advance(self, seconds: float) -> None:
        """Move the simulator's clock forward by ``seconds``: jobs are as far along as that allows.

        Under the ``time`` progression a job moves with the clock; under the others the times
        it reports move on. Nothing sleeps.
        """
        CLOCK.advance(seconds)

    def set_transition(self, transition: Mapping[str, Any]) -> None:
        """Change how jobs progress from now on (``state_manager.set_transition``).

        The change lasts until the mock stops, like a ``transition`` given to the constructor.
        """
        if self._transition is None and self._active:
            # Remember to put things back on exit, as for a constructor argument.
            aws, _ = self._active[-1]
            self._active[-1] = (aws, _moto.current_transition())
        self._transition = dict(transition)
        _moto.set_transition(self._transition)

    def __enter__(self) -> InferenceRecommenderMock:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __call__(self, func: Any) -> Any:
        """Decorate a test function, or a test class (see :func:`mock_inference_recommender`)."""
        if isinstance(func, type):
            return _decorate_class(func, self._transition)
        return super().__call__(func)


def _decorate_class(cls: C, transition: dict[str, Any] | None) -> C:
    """``cls`` itself, its tests run inside a fresh mock each, as moto's ``@mock_aws`` does.

    A ``unittest.TestCase`` gets one mock from the start of ``setUp`` to the end of its
    cleanups (after ``tearDown``), so what ``setUp`` creates is there in the test. Any other
    class (a pytest test class) gets one mock from ``setup_method`` to ``teardown_method``
    when it has them, else one around each test method. The class stays a class: a
    decorator that turned it into a function would make its tests vanish from the run.
    """
    if issubclass(cls, unittest.TestCase):
        setup = cls.setUp

        @functools.wraps(setup)
        def set_up(self: unittest.TestCase) -> None:
            mock = InferenceRecommenderMock(transition=transition)
            mock.start()
            # Cleanups run after tearDown, and even when setUp fails.
            self.addCleanup(mock.stop)
            setup(self)

        cls.setUp = set_up  # type: ignore[method-assign]
        return cls
    if callable(getattr(cls, _PYTEST_SETUP, None)):
        _around_pytest_methods(cls, transition)
        return cls
    for name, value in list(vars(cls).items()):
        if name.startswith(_TEST_PREFIX) and inspect.isfunction(value):
            setattr(cls, name, InferenceRecommenderMock(transition=transition)(value))
    return cls


_ACTIVE_ATTRIBUTE = "_irclient_mock"


def _around_pytest_methods(cls: type, transition: dict[str, Any] | None) -> None:
    """One mock from pytest's ``setup_method`` to its ``teardown_method``."""
    setup = getattr(cls, _PYTEST_SETUP)
    teardown = getattr(cls, _PYTEST_TEARDOWN, None)

    # pytest passes the test method only to a setup_method/teardown_method whose code takes
    # two arguments; the replacements take it, and hand it on as the user's own ask.
    def setup_method(self: Any, method: Any = None) -> None:
        mock = InferenceRecommenderMock(transition=transition)
        mock.start()
        setattr(self, _ACTIVE_ATTRIBUTE, mock)
        try:
            _call_with_optional_method(setup, self, method)
        except BaseException:
            # pytest calls no teardown_method after a failed setup_method.
            delattr(self, _ACTIVE_ATTRIBUTE)
            mock.stop()
            raise

    def teardown_method(self: Any, method: Any = None) -> None:
        try:
            if teardown is not None:
                _call_with_optional_method(teardown, self, method)
        finally:
            mock = self.__dict__.pop(_ACTIVE_ATTRIBUTE, None)
            if mock is not None:
                mock.stop()

    setup_method.__doc__ = getattr(setup, "__doc__", None)
    setattr(cls, _PYTEST_SETUP, setup_method)
    setattr(cls, _PYTEST_TEARDOWN, teardown_method)


def _call_with_optional_method(func: Callable[..., object], self: Any, method: Any) -> None:
    if len(inspect.signature(func).parameters) >= 2:
        func(self, method)
    else:
        func(self)


@overload
def mock_inference_recommender(func: C, /) -> C: ...


@overload
def mock_inference_recommender(func: Callable[P, T], /) -> Callable[P, T]: ...


@overload
def mock_inference_recommender(
    *, transition: Mapping[str, Any] | None = None, freeze_time: bool = False
) -> InferenceRecommenderMock: ...


def mock_inference_recommender(
    func: Any = None,
    /,
    *,
    transition: Mapping[str, Any] | None = None,
    freeze_time: bool = False,
) -> Any:
    """Start moto's ``mock_aws`` with the Inference Recommender operations.

    Use it as ``with mock_inference_recommender():``, as ``@mock_inference_recommender`` or as
    ``@mock_inference_recommender(transition=...)``. Inside, plain boto3 SageMaker clients
    can create, describe, list and stop recommendation jobs, and the generative-AI
    family's workload configurations, AI benchmark jobs and AI recommendation jobs.

    On a test class it behaves as moto's ``@mock_aws``: the class stays a class, and each
    test runs in a fresh mock. A ``unittest.TestCase``'s mock spans ``setUp``, the test and
    ``tearDown``; a pytest class's spans ``setup_method`` to ``teardown_method`` when it has
    them, else each ``test*`` method.

    Args:
        func: The function or class to decorate, when used as a bare decorator.
        transition: A moto transition for the jobs while the mock is active (see
            :class:`InferenceRecommenderMock`).
        freeze_time: Stop the simulator's clock while the mock is active; ``mock.advance``
            moves it.
    """
    if func is None:
        return InferenceRecommenderMock(transition=transition, freeze_time=freeze_time)
    if isinstance(func, type):
        return _decorate_class(func, dict(transition) if transition is not None else None)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # A mock of its own per call: calls in several threads do not share one.
        with InferenceRecommenderMock(transition=transition, freeze_time=freeze_time):
            return func(*args, **kwargs)

    return wrapper
