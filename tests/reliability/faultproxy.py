"""A fault-injecting HTTP proxy for loopback tests, programmable per request.

It listens on 127.0.0.1, forwards each request to an upstream server (moto's, with the
simulator) and, when a fault is queued for the request's operation, answers with the fault
instead: an error status with an AWS error body, a reset connection, a stall past the
client's read timeout, or a truncated, cut-off or garbled body. A fault either replaces the
request (the upstream never sees it) or replaces only the response (the upstream did the
work and the answer was lost), which is what makes a retried Create dangerous.

Every request is logged with its operation, the fault it met and the request id it was
answered with. Everything is bounded: stalls end after ``stall_seconds`` (or at shutdown),
upstream calls time out, and the server's threads are daemons.
"""

from __future__ import annotations

import dataclasses
import http.client
import http.server
import itertools
import json
import socket
import socketserver
import struct
import threading
import time
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

THROTTLE = "throttle"
STATUS = "status"
RESET = "reset"
STALL = "stall"
TRUNCATE = "truncate"
CUT = "cut"
GARBLE = "garble"
CANNED = "canned"
"""Not a fault: answer 200 with the fault's body, to serve made-up responses."""
PASS = "pass"
"""No fault: lets a queue interleave faults with normal answers."""


@dataclasses.dataclass(frozen=True)
class Fault:
    """What to do to one request.

    ``forward`` sends the request upstream first and then loses the real answer.
    """

    kind: str
    status: int = 200
    code: str | None = None
    body: bytes | None = None
    forward: bool = False

    @property
    def label(self) -> str:
        if self.kind == THROTTLE:
            return f"throttle {self.code} ({self.status})"
        if self.kind == STATUS:
            return f"HTTP {self.status}" + (" (HTML body)" if self.body else "")
        return self.kind


@dataclasses.dataclass(frozen=True)
class Sent:
    """One request the proxy received."""

    operation: str
    fault: Fault | None
    request_id: str
    at: float


class FaultProxy:
    """A threaded HTTP proxy on 127.0.0.1 in front of ``upstream``."""

    def __init__(self, upstream: str, *, stall_seconds: float = 2.0) -> None:
        parts = urlsplit(upstream)
        assert parts.hostname == "127.0.0.1", "loopback only"
        self.upstream = (parts.hostname, parts.port or 80)
        self.stall_seconds = stall_seconds
        self.lock = threading.Lock()
        self.queued: dict[str, list[Fault]] = defaultdict(list)
        self.always: dict[str, Fault] = {}
        self.log: list[Sent] = []
        self.injected: dict[str, int] = defaultdict(int)
        self.forwarded = 0
        self.canned = 0
        self._ids = itertools.count(1)
        self._closing = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.proxy = self
        self._thread = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)

    # ---------------------------------------------------------------- lifecycle

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def _serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)

    def stop(self) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # ---------------------------------------------------------------- programming

    def fail(self, operation: str, *faults: Fault) -> None:
        """Answer the next requests for ``operation`` with these faults, in order."""
        with self.lock:
            self.queued[operation].extend(faults)

    def fail_always(self, operation: str, fault: Fault) -> None:
        """Answer every request for ``operation`` with ``fault`` until :meth:`reset`."""
        with self.lock:
            self.always[operation] = fault

    def reset(self) -> None:
        """Forget queued faults and the request log (totals are kept for the report)."""
        with self.lock:
            self.queued.clear()
            self.always.clear()
            self.log.clear()

    def sent(self, operation: str | None = None) -> list[Sent]:
        with self.lock:
            return [s for s in self.log if operation in (None, s.operation)]

    def count(self, operation: str | None = None) -> int:
        return len(self.sent(operation))

    # ---------------------------------------------------------------- per request

    def _next(self, operation: str) -> tuple[Fault | None, str]:
        with self.lock:
            queue = self.queued.get(operation)
            fault = queue.pop(0) if queue else self.always.get(operation)
            if fault is not None and fault.kind == PASS:
                fault = None
            request_id = f"fault-proxy-{next(self._ids):06d}"
            self.log.append(Sent(operation, fault, request_id, time.monotonic()))
            if fault is not None and fault.kind == CANNED:
                self.canned += 1
            elif fault is not None:
                self.injected[fault.label] += 1
            else:
                self.forwarded += 1
        return fault, request_id

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def stall(self) -> None:
        self._closing.wait(self.stall_seconds)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    proxy: FaultProxy


_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}

_HTML_502 = (
    b"<html><head><title>502 Bad Gateway</title></head>"
    b"<body><center><h1>502 Bad Gateway</h1></center></body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the proxy's own log is the record; stderr noise helps no one

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        target = self.headers.get("X-Amz-Target") or ""
        operation = target.rsplit(".", 1)[-1]
        proxy = self.server.proxy
        fault, request_id = proxy._next(operation)

        upstream: tuple[int, list[tuple[str, str]], bytes] | None = None
        if fault is None or fault.forward:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            upstream = proxy.forward("POST", self.path, headers, body)
        if fault is None:
            assert upstream is not None
            status, headers_out, payload = upstream
            self._send(status, payload, request_id, headers_out)
            return
        self._inject(fault, request_id, upstream)

    # The client gets x-amzn-RequestId from us, so a test can match the error it sees with
    # the request the proxy logged.
    def _send(
        self,
        status: int,
        payload: bytes,
        request_id: str,
        extra: list[tuple[str, str]] | None = None,
        *,
        length: int | None = None,
        content_type: str = "application/x-amz-json-1.1",
    ) -> None:
        self.send_response(status)
        seen = set()
        for key, value in extra or ():
            if key.lower() in _HOP_BY_HOP or key.lower() in ("x-amzn-requestid", "server", "date"):
                continue
            seen.add(key.lower())
            self.send_header(key, value)
        if "content-type" not in seen:
            self.send_header("Content-Type", content_type)
        self.send_header("x-amzn-RequestId", request_id)
        self.send_header("Content-Length", str(len(payload) if length is None else length))
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def _inject(
        self,
        fault: Fault,
        request_id: str,
        upstream: tuple[int, list[tuple[str, str]], bytes] | None,
    ) -> None:
        proxy = self.server.proxy
        if fault.kind in (THROTTLE, STATUS):
            if fault.body is not None:
                self._send(fault.status, fault.body, request_id, content_type="text/html")
                return
            code = fault.code or (
                "ServiceUnavailable" if fault.status == 503 else "InternalFailure"
            )
            payload = json.dumps({"__type": code, "message": f"injected {code}"}).encode()
            self._send(fault.status, payload, request_id)
            return
        if fault.kind == RESET:
            self._reset()
            return
        if fault.kind == STALL:
            proxy.stall()
            self._reset()
            return
        real = upstream[2] if upstream is not None and upstream[0] == 200 else None
        payload = real if real and len(real) > 2 else b'{"JobArn": "arn:aws:sagemaker:us-east-1"}'
        if fault.kind == TRUNCATE:
            # A consistent but short body: Content-Length matches what is sent.
            self._send(200, payload[: len(payload) // 2], request_id)
        elif fault.kind == CUT:
            # Content-Length promises the whole body; the connection drops halfway.
            self._send(200, payload[: len(payload) // 2], request_id, length=len(payload))
            self._reset(graceful=True)
        elif fault.kind in (GARBLE, CANNED):
            self._send(200, fault.body or b"\x89PNG\r\n\x1a\n\x00\xff{]", request_id)
        else:  # pragma: no cover - a typo in a test
            raise ValueError(f"unknown fault kind {fault.kind!r}")

    def _reset(self, *, graceful: bool = False) -> None:
        self.close_connection = True
        if graceful:
            # FIN after a partial body: the client reads a clean end of stream too early.
            try:
                self.connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        else:
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            linger = struct.pack("ii", 1, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        self.connection.close()


# Quiet the "exception during request" tracebacks that socketserver prints when the handler
# has closed its own connection.
def _handle_error(self: socketserver.BaseServer, request: Any, client_address: Any) -> None:
    pass


_Server.handle_error = _handle_error  # type: ignore[method-assign]
