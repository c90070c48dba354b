"""Keeps AWS credentials out of botocore's DEBUG log records, and out of what irclient shows.

At DEBUG level botocore logs each signed request: the ``Authorization`` header (which names
the access key id) and the ``X-Amz-Security-Token`` header (the session token), in the
request's repr and again in the canonical request it signs. It also logs every response body:
with a profile that assumes a role, the STS ``AssumeRole`` response carries the temporary
``SecretAccessKey`` and ``SessionToken`` (IAM Identity Center's ``GetRoleCredentials`` the same
in JSON, its sign-in the ``accessToken``), and the request of ``AssumeRoleWithWebIdentity``
carries the ``WebIdentityToken``. Anyone who turns on DEBUG logging to follow irclient's
retries would write all of those to their logs. A filter on botocore's loggers rewrites such
a record's message with the values replaced by ``<redacted>`` before any handler sees it;
records without credentials pass untouched, and nothing else is changed.

:func:`redact` is also what irclient applies to text it shows that may quote a presigned URL
(``X-Amz-Credential``, ``X-Amz-Security-Token``) or a credential: a job's failure reasons,
its sample payload URL, its log lines.
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
# The names secrets go by in STS, IAM Identity Center and credential files, whatever the case
# and separator: SecretAccessKey, secretAccessKey, aws_secret_access_key, SessionToken, ...
_SECRET_NAME = (
    r"(?:secret[_-]?access[_-]?key|session[_-]?token|web[_-]?identity[_-]?token|"
    r"saml[_-]?assertion|sso[_-]?bearer[_-]?token|access[_-]?token|refresh[_-]?token|"
    r"client[_-]?secret)"
)
# As an XML element (the STS query protocol's response body).
_SECRET_ELEMENT = re.compile(rf"(<({_SECRET_NAME})>)[^<]*(</\2>)", re.IGNORECASE)
# As a key and its value: JSON, a dict's repr, a query string, an ini-style line.
_SECRET_PAIR = re.compile(rf"({_SECRET_NAME}['\"]?\s*[:=]\s*b?['\"]?)[^'\"\s,&}}<]+", re.IGNORECASE)
# A bare access key id anywhere else (AKIA long-term keys, ASIA temporary ones).
_KEY_ID = re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")
# Cheap test for "may hold a credential": most records do not, and skip the rest.
_QUICK = re.compile(r"credential=|security-token|secret|token|saml|akia|asia", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with access key ids, secret keys, session and other tokens as ``<redacted>``.

    Args:
        text: Any text: a log message, a URL, a failure reason.
    """
    if _QUICK.search(text) is None:
        return text
    text = _CREDENTIAL.sub(rf"\1{REDACTED}", text)
    text = _TOKEN.sub(rf"\1{REDACTED}", text)
    text = _SECRET_ELEMENT.sub(rf"\1{REDACTED}\3", text)
    text = _SECRET_PAIR.sub(rf"\1{REDACTED}", text)
    return _KEY_ID.sub(REDACTED, text)


class RedactCredentials(logging.Filter):
    """A logging filter that redacts credentials from a record's formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record if its message carries a credential; always let it through."""
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot format is left for logging to report
            return True
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
        # The loggers that log signed requests and response bodies are named too, in case
        # botocore has not created them yet.
        for name in ["botocore", "botocore.endpoint", "botocore.auth", "botocore.parsers", *names]:
            if name not in _DONE:
                logging.getLogger(name).addFilter(_FILTER)
                _DONE.add(name)
