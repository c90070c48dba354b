"""Simulated time: one clock for the simulated backend, and jobs that run on it.

A simulated job's state is a function of time, never of who looked at it. Three pieces:

:class:`Clock`
    The backend's time: the wall clock, or a frozen instant, plus an offset that tests move
    with :meth:`Clock.advance` (``mock.advance(seconds)``), so that a test never sleeps. Every
    time the simulator reports (creation, modification, benchmark and log times) is read from
    it, to the millisecond the wire carries.

:class:`Schedule`
    A job kind's shape: its phases in order, each a status held for a planned duration (in the
    job's own seconds, "job time"), then a terminal outcome. An Inference Recommender job is
    ``PENDING`` (60 s), ``IN_PROGRESS`` (set-up and its benchmarks), then ``COMPLETED`` or
    ``FAILED``; another job kind (an AI benchmark job: ``InProgress`` then ``Completed``) is
    just another list of phases. Events inside a job (a benchmark's start and end, a log line)
    are placed in job time, so they happen when the job's time passes them.

:class:`Timeline`
    One job's progress through its schedule: how far in job time it has got, and the real
    time each point of job time was reached at (a piecewise-linear map, so every real time
    lies between the job's creation and now, in order). :meth:`Timeline.catch_up` brings it
    up to a moment under one of moto's progressions, the user-facing knobs set through moto's
    state manager:

    * ``immediate`` - the first read of any kind finds the job at its end;
    * ``manual`` (``times``: N) - each read of any kind moves the job 1/N of a phase, so that
      N reads make one step, as in moto;
    * ``time`` (``seconds``: S) - each phase takes S seconds of the clock: a job is as far
      along as the time since its creation allows, whether anything read it or not.

    A read of a job is what the read operations do to that job (describe, list steps, list
    jobs, the scaling recommendation); anything else that looks (a CloudWatch Logs reader)
    only catches the job up to the moment, which moves it under ``time`` and nowhere else.
    :meth:`Timeline.interrupt` cuts the schedule short (a stop: ``STOPPING``, then
    ``STOPPED`` one step later).

Nothing here knows Inference Recommender: the operations build a :class:`Schedule` per job and
ask its :class:`Timeline` where it stands.
"""

from __future__ import annotations

import bisect
import datetime
import threading
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["CLOCK", "Clock", "Phase", "Schedule", "Timeline", "to_millis"]


def to_millis(when: datetime.datetime) -> datetime.datetime:
    """``when`` rounded down to the millisecond, as the JSON protocol carries times.

    A time read back from a response then compares equal to the stored one, so
    ``CreationTimeAfter=<a job's CreationTime>`` excludes that job.
    """
    return when.replace(microsecond=when.microsecond // 1000 * 1000)


class Clock:
    """The simulated backend's time: the wall clock (or a frozen instant) plus an offset.

    Args:
        frozen_at: Start frozen at this instant (timezone-aware); None follows the wall clock.
    """

    def __init__(self, *, frozen_at: datetime.datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._frozen = frozen_at
        self._offset = datetime.timedelta()

    def now(self) -> datetime.datetime:
        """The current simulated time, in UTC, to the millisecond."""
        with self._lock:
            base = self._frozen or datetime.datetime.now(datetime.UTC)
            return to_millis(base + self._offset)

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds`` (jobs on the ``time`` progression move with it).

        Raises:
            ValueError: ``seconds`` is negative: simulated time never runs backwards.
        """
        if seconds < 0:
            raise ValueError(f"the clock only moves forward; got advance({seconds!r})")
        with self._lock:
            self._offset += datetime.timedelta(seconds=seconds)

    def freeze(self) -> None:
        """Stop the clock where it is; only :meth:`advance` moves it from now on."""
        with self._lock:
            if self._frozen is None:
                self._frozen = datetime.datetime.now(datetime.UTC) + self._offset
                self._offset = datetime.timedelta()

    def snapshot(self) -> tuple[datetime.datetime | None, datetime.timedelta]:
        """The clock's settings, for :meth:`restore`."""
        with self._lock:
            return self._frozen, self._offset

    def restore(self, snapshot: tuple[datetime.datetime | None, datetime.timedelta]) -> None:
        """Put back settings taken by :meth:`snapshot` (a mock restores them when it stops)."""
        with self._lock:
            self._frozen, self._offset = snapshot


CLOCK = Clock()
"""The clock of every simulated backend in this process (moto's backends are per process)."""


@attrs.frozen
class Phase:
    """One status of a job kind, held for ``seconds`` of job time."""

    status: str
    seconds: float


@attrs.frozen
class Schedule:
    """A job kind's phases, in order, and the terminal status that follows them."""

    phases: tuple[Phase, ...]
    outcome: str

    @property
    def length(self) -> float:
        """The job time at which the outcome is reached."""
        return sum(phase.seconds for phase in self.phases)

    def start_of(self, index: int) -> float:
        """The job time at which phase ``index`` begins (the length, past the last one)."""
        return sum(phase.seconds for phase in self.phases[:index])


def _progression(transition: Mapping[str, Any]) -> tuple[str, float]:
    kind = str(transition.get("progression", "immediate"))
    if kind == "manual":
        return kind, max(1.0, float(transition.get("times", 1)))
    if kind == "time":
        return kind, max(0.0, float(transition.get("seconds", 1)))
    return "immediate", 0.0


class Timeline:
    """One job's way through its :class:`Schedule`, on the backend's clock.

    Args:
        schedule: The job kind's phases and outcome.
        created: The real time the job was created (job time 0).
    """

    def __init__(self, schedule: Schedule, created: datetime.datetime) -> None:
        self.schedule = schedule
        self.phase = 0
        self._reads = 0
        # (job time, real time) points, both non-decreasing; real times between them are
        # interpolated. A stop adds a second point at the same job time (the job waited).
        self._anchors: list[tuple[float, datetime.datetime]] = [(0.0, created)]
        self._skip_empty_phases()

    # ----------------------------------------------------------------- where it stands

    @property
    def elapsed(self) -> float:
        """How far the job has got, in job time."""
        return self._anchors[-1][0]

    @property
    def finished(self) -> bool:
        """Whether the outcome is reached."""
        return self.phase >= len(self.schedule.phases)

    @property
    def status(self) -> str:
        """The status now: the current phase's, or the outcome."""
        if self.finished:
            return self.schedule.outcome
        return self.schedule.phases[self.phase].status

    @property
    def created(self) -> datetime.datetime:
        """The real time of job time 0."""
        return self._anchors[0][1]

    @property
    def changed(self) -> datetime.datetime:
        """The real time the current status began (what ``LastModifiedTime`` reports)."""
        return self._phase_began

    @property
    def ended(self) -> datetime.datetime | None:
        """The real time the outcome was reached, or None while the job runs."""
        return self._phase_began if self.finished else None

    def real_time(self, job_time: float) -> datetime.datetime:
        """The real time at which the job reached ``job_time`` (no later than it has got)."""
        if job_time > self.elapsed:
            raise ValueError(f"job time {job_time} is ahead of the job ({self.elapsed})")
        times = [point[0] for point in self._anchors]
        # The last point at or before job_time, and the first after it.
        right = bisect.bisect_right(times, job_time)
        left_time, left_real = self._anchors[max(0, right - 1)]
        if right >= len(self._anchors) or job_time <= left_time:
            return left_real
        right_time, right_real = self._anchors[right]
        fraction = (job_time - left_time) / (right_time - left_time)
        return to_millis(left_real + (right_real - left_real) * fraction)

    # ----------------------------------------------------------------- moving on

    def catch_up(
        self, now: datetime.datetime, transition: Mapping[str, Any], *, read: bool
    ) -> None:
        """Bring the job to ``now`` under a moto transition.

        Args:
            now: The clock's time.
            transition: moto's transition for the job kind (``{"progression": ...}``).
            read: Whether this is a read of the job, which the ``immediate`` and ``manual``
                progressions count; ``time`` moves by the clock alone.
        """
        if self.finished:
            return
        kind, amount = _progression(transition)
        if kind == "time":
            self._run_for(now, amount)
        elif not read:
            return
        elif kind == "manual":
            self._reads += 1
            start = self.schedule.start_of(self.phase)
            length = self.schedule.phases[self.phase].seconds
            self._run_to(start + length * min(1.0, self._reads / amount), now)
        else:
            self._run_to(self.schedule.length, now)

    def interrupt(self, phase: Phase, outcome: str, now: datetime.datetime) -> None:
        """End the schedule here: ``phase`` from ``now``, then ``outcome`` (a stop).

        Call :meth:`catch_up` first, so that the job is cut where it stands at ``now``.
        """
        done = self.schedule.phases[: self.phase]
        if not self.finished:
            current = self.schedule.phases[self.phase]
            done += (Phase(current.status, self.elapsed - self.schedule.start_of(self.phase)),)
        self.schedule = Schedule(phases=(*done, phase), outcome=outcome)
        self.phase = len(done)
        self._reads = 0
        self._anchors.append((self.elapsed, max(now, self._anchors[-1][1])))
        self._phase_began = self._anchors[-1][1]

    def _run_to(self, job_time: float, now: datetime.datetime) -> None:
        job_time = min(job_time, self.schedule.length)
        if job_time <= self.elapsed:
            return
        self._anchors.append((job_time, max(now, self._anchors[-1][1])))
        while not self.finished and self.schedule.start_of(self.phase + 1) <= job_time:
            self.phase += 1
            self._reads = 0
            self._phase_began = self.real_time(self.schedule.start_of(self.phase))

    def _run_for(self, now: datetime.datetime, seconds_per_phase: float) -> None:
        """The ``time`` progression: every phase takes ``seconds_per_phase`` of the clock."""
        while not self.finished:
            job_time, real = self._anchors[-1]
            end = self.schedule.start_of(self.phase + 1)
            length = self.schedule.phases[self.phase].seconds
            # Real seconds for the rest of this phase, in proportion to what is left of it.
            rest = datetime.timedelta(seconds=seconds_per_phase * (end - job_time) / length)
            if real + rest > now:
                if now > real and rest:
                    share = (now - real) / rest
                    self._run_to(job_time + (end - job_time) * share, now)
                return
            self._run_to(end, to_millis(real + rest))

    def _skip_empty_phases(self) -> None:
        self._phase_began = self._anchors[-1][1]
        while not self.finished and self.schedule.phases[self.phase].seconds <= 0:
            self.phase += 1
