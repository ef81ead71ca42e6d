"""A fake Twilio Messages API on 127.0.0.1, for tests and the throughput benchmark.

The real `twilio` SDK talks to it through RedirectingHttpClient, which swaps
https://api.twilio.com for the fake server's http://127.0.0.1:PORT, so every request the SDK
builds (auth, form encoding, error parsing) is the real one. The server records each request,
and can be told to fail the next N requests (HTTP 500/429/…), hang past the client's
timeout, or reject a number with a Twilio error code (21211 invalid "To", 21610 opted out).

    with FakeTwilioServer() as fake, override_settings(**fake.settings()):
        ...  # SMS_BACKEND is FakeTwilioBackend: TwilioBackend + the redirecting client
        assert fake.accepted_count() == 1
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from twilio.http.http_client import TwilioHttpClient

from notifications.sms import TwilioBackend

TWILIO_API = "https://api.twilio.com"
ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake-twilio-auth-token-for-tests"
MESSAGING_SERVICE_SID = "MG" + "1" * 32


@dataclass
class ReceivedRequest:
    method: str
    path: str
    form: dict[str, str]
    authorized: bool
    answer: int = 0


@dataclass
class PlannedAnswer:
    status: int
    code: int | None = None
    hang_seconds: float = 0.0


@dataclass
class AcceptedMessage:
    sid: str
    to: str
    body: str
    form: dict[str, str] = field(default_factory=dict)


class FakeTwilioServer:
    """A threaded HTTP server answering like Twilio's POST .../Messages.json."""

    # The server the FakeTwilioBackend uses (one at a time; set by start()).
    active: FakeTwilioServer | None = None

    def __init__(
        self,
        *,
        account_sid: str = ACCOUNT_SID,
        auth_token: str = AUTH_TOKEN,
        latency_seconds: float = 0.0,
    ):
        self.account_sid = account_sid
        self.auth_token = auth_token
        # Added to every accepted send, to imitate the real API's round trip.
        self.latency_seconds = latency_seconds
        self.requests: list[ReceivedRequest] = []
        self.accepted: list[AcceptedMessage] = []
        self._plan: deque[PlannedAnswer] = deque()
        self._rejected_numbers: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------
    def start(self) -> FakeTwilioServer:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        FakeTwilioServer.active = self
        return self

    def stop(self) -> None:
        if FakeTwilioServer.active is self:
            FakeTwilioServer.active = None
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeTwilioServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def settings(self, **extra) -> dict:
        """Django settings that make the SMS backend deliver to this server."""
        return {
            "SMS_BACKEND": "notifications.testing.fake_twilio.FakeTwilioBackend",
            "TWILIO_ACCOUNT_SID": self.account_sid,
            "TWILIO_AUTH_TOKEN": self.auth_token,
            "TWILIO_API_KEY_SID": "",
            "TWILIO_API_KEY_SECRET": "",
            "TWILIO_MESSAGING_SERVICE_SID": MESSAGING_SERVICE_SID,
            "TWILIO_FROM_NUMBER": "",
            **extra,
        }

    # --- behaviour -------------------------------------------------------------------
    def fail_next(self, count: int, *, status: int = 500, code: int | None = None) -> None:
        """Answer the next `count` requests with an error (e.g. 500, 503, 429)."""
        with self._lock:
            self._plan.extend(PlannedAnswer(status=status, code=code) for _ in range(count))

    def hang_next(self, count: int, *, seconds: float) -> None:
        """Hold the next `count` requests for `seconds` before answering 504 (not accepted)."""
        with self._lock:
            self._plan.extend(PlannedAnswer(status=504, hang_seconds=seconds) for _ in range(count))

    def reject_number(self, to: str, *, code: int = 21211) -> None:
        """Always answer 400 with this Twilio error code for texts to `to`."""
        with self._lock:
            self._rejected_numbers[to] = code

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.accepted.clear()
            self._plan.clear()
            self._rejected_numbers.clear()

    # --- inspection ------------------------------------------------------------------
    def accepted_count(self) -> int:
        with self._lock:
            return len(self.accepted)

    def accepted_to(self, to: str) -> list[AcceptedMessage]:
        with self._lock:
            return [m for m in self.accepted if m.to == to]

    def accepted_by_body(self) -> dict[str, int]:
        with self._lock:
            counts: dict[str, int] = {}
            for message in self.accepted:
                counts[message.body] = counts.get(message.body, 0) + 1
            return counts

    # --- HTTP ------------------------------------------------------------------------
    def _answer(self, request: ReceivedRequest) -> tuple[int, dict, float]:
        """Decide the answer to one request: (status, JSON payload, seconds to hang first)."""
        expected_path = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        with self._lock:
            self.requests.append(request)
            if not request.authorized:
                return 401, {"code": 20003, "message": "Authenticate", "status": 401}, 0.0
            if request.method != "POST" or request.path != expected_path:
                return 404, {"code": 20404, "message": "Not found", "status": 404}, 0.0
            if self._plan:
                plan = self._plan.popleft()
                payload = {"message": "Fake failure", "status": plan.status}
                if plan.code:
                    payload["code"] = plan.code
                return plan.status, payload, plan.hang_seconds
            to = request.form.get("To", "")
            if to in self._rejected_numbers:
                code = self._rejected_numbers[to]
                message = f"The 'To' number {to} is not a valid phone number."
                return 400, {"code": code, "message": message, "status": 400}, 0.0
            sid = "SM" + uuid.uuid4().hex
            self.accepted.append(
                AcceptedMessage(
                    sid=sid, to=to, body=request.form.get("Body", ""), form=request.form
                )
            )
            return 201, self._message_resource(sid, request.form), self.latency_seconds

    def _message_resource(self, sid: str, form: dict[str, str]) -> dict:
        return {
            "sid": sid,
            "account_sid": self.account_sid,
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "to": form.get("To"),
            "from": form.get("From"),
            "body": form.get("Body"),
            "status": "accepted" if form.get("MessagingServiceSid") else "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; without this, Nagle's algorithm and the
            # client's delayed ACK add ~40 ms to every answer on a kept-alive connection.
            disable_nagle_algorithm = True

            def log_message(self, format, *args):  # noqa: A002 - quiet test output
                return

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                form = {key: values[-1] for key, values in parse_qs(raw).items()}
                request = ReceivedRequest(
                    method=self.command,
                    path=self.path.split("?")[0],
                    form=form,
                    authorized=self._authorized(),
                )
                status, payload, hang = server._answer(request)
                request.answer = status
                if hang:
                    time.sleep(hang)
                body = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout) before we answered

            def _authorized(self) -> bool:
                import base64

                header = self.headers.get("Authorization", "")
                if not header.startswith("Basic "):
                    return False
                try:
                    user, _, password = base64.b64decode(header[6:]).decode().partition(":")
                except ValueError:
                    return False
                return user == server.account_sid and password == server.auth_token

            do_POST = _handle
            do_GET = _handle

        return Handler


class RedirectingHttpClient(TwilioHttpClient):
    """The SDK's own HTTP client, sending https://api.twilio.com requests to `base_url`."""

    def __init__(self, base_url: str, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        if not url.startswith(TWILIO_API):
            raise ValueError(f"unexpected Twilio host in {url!r}")  # never reach the internet
        return super().request(method, self.base_url + url[len(TWILIO_API) :], *args, **kwargs)


class FakeTwilioBackend(TwilioBackend):
    """notifications.sms.TwilioBackend wired to the fake server: the one running in this
    process, or (for a worker in another process) the one at $FAKE_TWILIO_URL."""

    def __init__(self):
        server = FakeTwilioServer.active
        url = server.url if server is not None else os.environ.get("FAKE_TWILIO_URL", "")
        if not url.startswith("http://127.0.0.1:"):
            raise ImproperlyConfigured("no FakeTwilioServer is running (or FAKE_TWILIO_URL set)")
        self.server_url = url
        super().__init__(
            http_client=RedirectingHttpClient(url, timeout=settings.TWILIO_TIMEOUT_SECONDS)
        )

    def is_current(self) -> bool:
        # A cached instance must not outlive the fake server it points at (one per test).
        server = FakeTwilioServer.active
        return server is None or server.url == self.server_url
