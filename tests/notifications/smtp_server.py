"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the email tests, answering as told.

`SmtpServer()` accepts everything; set `helo_reply` (e.g. "421 too busy": the server turns
the client away), `rcpt_reply` or `data_reply` to a chosen code to test how the email
module reads the answer (451 temporary, 550 permanent…). Accepted messages are in
`messages` (raw bytes).
"""

import socket

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, server: "SmtpServer"):
        self.server = server

    async def handle_HELO(self, server, session, envelope, hostname):
        if self.server.helo_reply:
            return self.server.helo_reply
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.server.helo_reply:
            return [self.server.helo_reply]
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.server.rcpt_reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return self.server.rcpt_reply

    async def handle_DATA(self, server, session, envelope):
        if self.server.data_reply.startswith("250"):
            self.server.messages.append(envelope.original_content)
        return self.server.data_reply


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.helo_reply = ""
        self.rcpt_reply = "250 OK"
        self.data_reply = "250 queued"
        self.messages: list[bytes] = []
        self.port = _free_port()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc_info):
        self._controller.stop()

    def mailers(self) -> dict:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": 2},
            }
        }
