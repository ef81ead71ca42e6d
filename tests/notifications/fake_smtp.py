"""A minimal SMTP server on 127.0.0.1 for testing email delivery and its error handling.

It speaks just enough SMTP for smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and
can answer RCPT or DATA with a chosen code (451 temporary, 550 permanent…) or greet with 421.
"""

import socketserver
import threading


class FakeSmtpServer:
    def __init__(self):
        self.greeting = "220 fake ESMTP"
        self.rcpt_reply = "250 OK"
        self.data_reply = "250 queued"
        self.messages: list[bytes] = []
        self._server = None

    def __enter__(self):
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            def handle(self):
                self.reply(fake.greeting)
                if not fake.greeting.startswith("220"):
                    return
                while line := self.rfile.readline():
                    verb = line.decode(errors="replace").strip().split(" ")[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 fake")
                    elif verb == "RCPT":
                        self.reply(fake.rcpt_reply)
                    elif verb == "DATA":
                        self.reply("354 go ahead")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += chunk
                        if fake.data_reply.startswith("250"):
                            fake.messages.append(data)
                        self.reply(fake.data_reply)
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:  # MAIL, RSET, NOOP
                        self.reply("250 OK")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def mailers(self) -> dict:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": 2},
            }
        }

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()
