"""Waiting for a job from the command line, with progress on standard error."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from .._utils.extras import available
from .._utils.format import one_line
from ._output import PROG, ExitCode, Failure, erase_line

if TYPE_CHECKING:
    from ..client import InferenceRecommenderClient
    from ..joblogs import LogEvent
    from ..models import DescribeInferenceRecommendationsJobResponse


def _have_tqdm() -> bool:
    return available("tqdm")


class StatusLine:
    """Progress without tqdm: the job's status on one line of standard error.

    Args:
        job_name: The job waited for.
    """

    def __init__(self, job_name: str) -> None:
        self._job_name = job_name
        self._tty = sys.stderr.isatty()
        self._started = time.monotonic()
        self._last: str | None = None

    def __call__(self, response: DescribeInferenceRecommendationsJobResponse) -> None:
        """Show the status of one poll."""
        status = one_line(response.status)  # text from AWS: one safe line
        elapsed = int(time.monotonic() - self._started)
        if self._tty:
            # Redrawn in place; the padding wipes what a longer status left behind.
            sys.stderr.write(f"\r{self._job_name}: {status} ({elapsed}s elapsed)    ")
            sys.stderr.flush()
        elif status != self._last:
            print(f"{self._job_name}: {status}", file=sys.stderr)
        self._last = status

    def close(self) -> None:
        """End the line redrawn in place."""
        if self._tty and self._last is not None:
            sys.stderr.write("\n")


def _log_line(event: LogEvent) -> None:
    # Erase the line first: a status line redrawn in place would run into the log line.
    if sys.stderr.isatty():
        erase_line(sys.stderr)
    sys.stderr.write(f"{event}\n")  # str(event) is one safe line
    sys.stderr.flush()


def wait(
    client: InferenceRecommenderClient,
    job_name: str,
    *,
    poll_interval: float,
    timeout: float | None,
    progress: bool,
    simulated: bool = False,
    logs: bool = False,
    stopping: bool = False,
) -> DescribeInferenceRecommendationsJobResponse:
    """Wait for the job to end, with a tqdm bar or a status line when ``progress``.

    With ``logs``, the job's new log lines go to standard error after each poll; with
    ``stopping``, the job was asked to stop, and an interruption says so.

    Raises:
        Failure: Ctrl-C; the message says the job goes on running (unless ``simulated``).
    """
    bar = progress and _have_tqdm()
    line = StatusLine(job_name) if progress and not bar else None
    try:
        return client.wait_for_job(
            job_name,
            poll_interval=poll_interval,
            timeout=timeout,
            on_poll=line,
            progress=bar,
            logs=_log_line if logs else False,
        )
    except KeyboardInterrupt:
        if simulated:  # the simulated job ends with the demo: nothing is left running
            raise Failure("interrupted", ExitCode.INTERRUPTED) from None
        if stopping:
            raise Failure(
                f"interrupted; job {job_name!r} was asked to stop and goes on stopping "
                f"('{PROG} describe {job_name}' shows it)",
                ExitCode.INTERRUPTED,
            ) from None
        raise Failure(
            f"interrupted; job {job_name!r} goes on running "
            f"('{PROG} stop {job_name}' stops it, '{PROG} describe {job_name}' shows it)",
            ExitCode.INTERRUPTED,
        ) from None
    finally:
        if line is not None:
            line.close()
