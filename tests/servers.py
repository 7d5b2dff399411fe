"""Real servers on 127.0.0.1 for tests: an HTTP server (feeds, pages, one that hangs) and an SMTP server."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG = object()  # a route that accepts the request and never answers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def http_server(routes: dict):
    """routes: path → (content type, body bytes) | HANG; anything else is a 404. Yields the base URL."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            route = routes.get(self.path)
            if route is HANG:
                release.wait(30)
                return
            if route is None:
                self.send_error(404, "Not Found")
                return
            content_type, body = route
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        release.set()
        server.shutdown()
        server.server_close()


class Mailbox:
    """aiosmtpd handler keeping every message; `refuse` holds SMTP replies to give instead of accepting."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], object]] = []
        self.refuse: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse.pop(0)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              message_from_bytes(envelope.original_content, policy=policy.default)))
        return "250 Message accepted for delivery"

    def to(self, recipient: str) -> list:
        return [m for _, rcpts, m in self.messages if recipient in rcpts]


@contextmanager
def smtp_server(**options):
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1; yields (mailbox, port).

    `options` go to aiosmtpd's Controller: tls_context/require_starttls, ssl_context, authenticator."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = free_port()  # Controller(port=0) cannot work: its self-check connects to the port it was given
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def self_signed_certificate(folder) -> tuple[str, str]:
    """A throwaway certificate for 127.0.0.1 (openssl), so TLS is tested for real; returns (cert, key)."""
    import subprocess

    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key
