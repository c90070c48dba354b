"""Keeps AWS credentials out of botocore's DEBUG log records.

At DEBUG level botocore logs each signed request: the ``Authorization`` header (which names
the access key id) and the ``X-Amz-Security-Token`` header (the session token), in the
request's repr and again in the canonical request it signs. Anyone who turns on DEBUG logging
to follow irclient's retries would write those to their logs. A filter on botocore's loggers
rewrites such a record's message with the values replaced by ``<redacted>`` before any
handler sees it; records without credentials pass untouched, and nothing else is changed.
"""

from __future__ import annotations

import logging
import re
import threading

__all__ = ["REDACTED", "RedactCredentials", "install", "redact"]

REDACTED = "<redacted>"

# The access key id inside a SigV4 Authorization header or a presigned query string.
_CREDENTIAL = re.compile(r"(Credential=)[^/,\s'\"&]+", re.IGNORECASE)
# The session token as a header (repr of the headers dict, or a canonical-request line) or as
# a presigned-URL query parameter.
_TOKEN = re.compile(
    r"(x-amz-security-token(?:['\"]?\s*[:=]\s*b?['\"]?))[^'\"\s,&}]+", re.IGNORECASE
)
# A bare access key id anywhere else (AKIA long-term keys, ASIA temporary ones).
_KEY_ID = re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")
_QUICK = ("credential=", "x-amz-security-token", "akia", "asia")


def redact(text: str) -> str:
    """``text`` with access key ids and session tokens replaced by ``<redacted>``."""
    text = _CREDENTIAL.sub(rf"\1{REDACTED}", text)
    text = _TOKEN.sub(rf"\1{REDACTED}", text)
    return _KEY_ID.sub(REDACTED, text)


class RedactCredentials(logging.Filter):
    """A logging filter that redacts credentials from a record's formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record if its message carries a credential; always let it through."""
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot format is left for logging to report
            return True
        lowered = message.lower()
        if any(marker in lowered for marker in _QUICK):
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


_FILTER = RedactCredentials()
_LOCK = threading.Lock()
_DONE: set[str] = set()


def install() -> None:
    """Put the filter on every botocore and urllib3 logger that exists (idempotent).

    A logger's filters see only the records that logger creates, not those its children
    propagate, so each logger gets its own; by the time a client exists, botocore has
    created the loggers that log requests.
    """
    with _LOCK:
        names = [
            name
            for name in list(logging.root.manager.loggerDict)
            if name.split(".", 1)[0] in ("botocore", "urllib3") and name not in _DONE
        ]
        # The loggers that log signed requests are named too, in case botocore has not
        # created them yet.
        for name in ["botocore", "botocore.endpoint", "botocore.auth", *names]:
            if name not in _DONE:
                logging.getLogger(name).addFilter(_FILTER)
                _DONE.add(name)
