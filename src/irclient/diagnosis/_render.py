"""A diagnosis as text (``str(report)``, ``irclient why``) and as HTML (Jupyter).

Every value in a report came from AWS or from a model container's log, and whoever created
the job or wrote the container chose it: each is shown through irclient's sanitisers
(:mod:`irclient._utils.text`), so a carriage return cannot overwrite a line, a newline cannot
forge a "Hints:" block, and no escape sequence, bidirectional override, invisible character
or lone surrogate reaches the terminal or the page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from .._utils.format import one_line
from .._utils.tables import wrap
from .._utils.text import safe_html, safe_text

if TYPE_CHECKING:
    from ..joblogs import LogEvent
    from ._report import Diagnosis, StreamTail, Unreadable

__all__ = ["html", "text"]

_TEXT_LINE: Final = 160  # characters of a log line in the text summary
_RED: Final = "#cf222e"
_ELLIPSIS: Final = "\u2026"


def _clock(event: LogEvent) -> str:
    return event.timestamp.astimezone(datetime.UTC).strftime("%H:%M:%S")


def _log_line(message: str, limit: int) -> str:
    """A log line as one safe line of at most about ``limit`` characters."""
    # Leading spaces stay: a traceback's indentation is part of what it says.
    message = message.rstrip().replace("\r", " ").replace("\n", " ")
    if len(message) > limit:
        message = message[: limit - 1] + _ELLIPSIS
    return safe_text(message, None)


# --------------------------------------------------------------------------- text


def text(report: Diagnosis) -> str:
    """The report as a text summary, one safe line per entry."""
    return "\n".join(_text_lines(report))


def _text_lines(report: Diagnosis) -> Iterator[str]:
    yield f"Job {one_line(report.job_name)}: {one_line(report.status)}"
    if report.failure_reason:
        yield f"Failure reason: {one_line(report.failure_reason)}"
    yield from _failed_steps_text(report)
    yield from _hints_text(report)
    yield from _streams_text(report)
    yield from _unreadable_text(report.unreadable)


def _failed_steps_text(report: Diagnosis) -> Iterator[str]:
    if report.failed_steps:
        yield ""
        yield f"Failed steps ({len(report.failed_steps)}):"
        for step in report.failed_steps:
            where = f" (endpoint {one_line(step.endpoint_name)})" if step.endpoint_name else ""
            reason = one_line(step.failure_reason or "no reason given")
            yield f"  - {one_line(step.label)}{where}: {reason}"
    elif report.status != "FAILED":
        yield "No step has failed."


def _hints_text(report: Diagnosis) -> Iterator[str]:
    if report.hints:
        yield ""
        yield "Hints:"
        for hint in report.hints:
            yield f"  * {one_line(hint.title)} ({one_line(', '.join(hint.applies_to))})."
            yield f"    {one_line(hint.advice)}"


def _unreadable_text(unreadable: Sequence[Unreadable]) -> Iterator[str]:
    """What could not be read, and why, in the text summary (nothing when all was read)."""
    if unreadable:
        yield ""
        yield "Not read:"
        for item in unreadable:
            yield f"  - {one_line(item.what)}: {one_line(item.reason)}"


def _stream_text(stream: StreamTail) -> Iterator[str]:
    """One log stream's lines in the text summary, after a blank line and a heading."""
    yield ""
    more = ", earlier lines not shown" if stream.truncated else ""
    yield f"Log {one_line(stream.name)} (last {len(stream.lines)} lines{more}):"
    if not stream.lines:
        yield "  (empty)"
    for event in stream.lines:
        yield f"  {_clock(event)} {_log_line(event.message, _TEXT_LINE)}"


def _streams_text(report: Diagnosis) -> Iterator[str]:
    shown, other = report._shown()
    for stream in shown:
        yield from _stream_text(stream)
    if other:
        yield ""
        yield (
            f"Other log streams ({len(other)}; their lines are in the report's log_streams, "
            "and in 'irclient why --json' or 'irclient logs'):"
        )
        for stream in other:
            yield f"  {one_line(stream.name)}"


# --------------------------------------------------------------------------- HTML


def html(report: Diagnosis) -> str:
    """The report as HTML for Jupyter; every value escaped and made safe."""
    colour = _RED if report.status == "FAILED" else "inherit"
    parts = [
        f"<p><strong>{safe_html(report.job_name)}</strong> "
        f'<span style="color:{colour};font-weight:600">{safe_html(report.status)}</span></p>'
    ]
    if report.failure_reason:
        parts.append(
            f'<p style="color:{_RED}"><strong>Failure:</strong> '
            f"{safe_html(report.failure_reason)}</p>"
        )
    parts.append(_failed_steps_html(report))
    if report.hints:
        items = "".join(
            f"<li><strong>{safe_html(h.title)}</strong> "
            f"<small>({safe_html(', '.join(h.applies_to))})</small><br>{safe_html(h.advice)}</li>"
            for h in report.hints
        )
        parts.append(f"<p><strong>Hints</strong></p><ul>{items}</ul>")
    shown, other = report._shown()
    parts.extend(_stream_html(stream, open_=True) for stream in shown)
    parts.extend(_stream_html(stream, open_=False) for stream in other)
    if report.unreadable:
        items = "".join(
            f"<li><code>{safe_html(u.what)}</code>: {safe_html(u.reason)}</li>"
            for u in report.unreadable
        )
        parts.append(f"<p><strong>Not read</strong></p><ul>{items}</ul>")
    return wrap("".join(parts))


def _failed_steps_html(report: Diagnosis) -> str:
    if not report.failed_steps:
        return "<p>No step has failed.</p>" if report.status != "FAILED" else ""
    rows = "".join(
        f"<tr><td>{safe_html(s.label)}</td><td><code>{safe_html(s.endpoint_name or '')}</code>"
        f"</td><td>{safe_html(s.failure_reason or 'no reason given')}</td></tr>"
        for s in report.failed_steps
    )
    return (
        '<table class="irclient-table"><caption style="text-align:left">'
        f"{len(report.failed_steps)} failed step(s)</caption><thead><tr>"
        "<th>endpoint configuration</th><th>endpoint</th><th>failure reason</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _stream_html(stream: StreamTail, *, open_: bool) -> str:
    more = ", earlier lines not shown" if stream.truncated else ""
    rows = "".join(
        f'<tr><td style="white-space:nowrap;vertical-align:top">{_clock(event)}</td>'
        f'<td style="text-align:left;white-space:pre-wrap;font-family:monospace">'
        f"{safe_html(event.message, multiline=True)}</td></tr>"
        for event in stream.lines
    )
    body = f'<table class="irclient-log">{rows}</table>' if rows else "<p>(empty)</p>"
    attr = " open" if open_ else ""
    return (
        f"<details{attr}><summary><code>{safe_html(stream.name)}</code> "
        f"<small>(last {len(stream.lines)} lines{more})</small></summary>{body}</details>"
    )
