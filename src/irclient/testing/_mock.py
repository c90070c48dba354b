"""``mock_inference_recommender``: moto's ``mock_aws`` with the Inference Recommender operations."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar, overload

from moto import mock_aws

from . import _moto
from ._simulator import CLOCK

__all__ = ["InferenceRecommenderMock", "mock_inference_recommender"]

P = ParamSpec("P")
T = TypeVar("T")


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


@overload
def mock_inference_recommender(func: Callable[P, T], /) -> Callable[P, T]: ...


@overload
def mock_inference_recommender(
    *, transition: Mapping[str, Any] | None = None, freeze_time: bool = False
) -> InferenceRecommenderMock: ...


def mock_inference_recommender(
    func: Callable[P, T] | None = None,
    /,
    *,
    transition: Mapping[str, Any] | None = None,
    freeze_time: bool = False,
) -> Callable[P, T] | InferenceRecommenderMock:
    """Start moto's ``mock_aws`` with the Inference Recommender operations.

    Use it as ``with mock_inference_recommender():``, as ``@mock_inference_recommender`` or as
    ``@mock_inference_recommender(transition=...)``. Inside, plain boto3 SageMaker clients
    can create, describe, list and stop recommendation jobs, and the generative-AI
    family's workload configurations, AI benchmark jobs and AI recommendation jobs.

    Args:
        func: The function to decorate, when used as a bare decorator.
        transition: A moto transition for the jobs while the mock is active (see
            :class:`InferenceRecommenderMock`).
        freeze_time: Stop the simulator's clock while the mock is active; ``mock.advance``
            moves it.
    """
    mock = InferenceRecommenderMock(transition=transition, freeze_time=freeze_time)
    if func is None:
        return mock

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with InferenceRecommenderMock(transition=transition, freeze_time=freeze_time):
            return func(*args, **kwargs)

    return wrapper
