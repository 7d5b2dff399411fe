"""Download over http(s) within one wall-clock deadline and a size cap. Only downloads: `ingest` reads."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from urllib.parse import urljoin, urlsplit

from briefgen.config import Fetch, is_url
from briefgen.models import BriefgenError

CHUNK = 64 * 1024
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}


class Deadline:
    """Shuts the connection's socket down when the time is up: a server that trickles a byte at a time, in the
    headers or the body, cannot keep a read alive past the limit (a per-read timeout never fires for it)."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.passed = False
        self.sock: socket.socket | None = None  # kept here: http.client drops its own once the body is handed over
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True
        self.timer.start()

    def left(self) -> float:
        return max(self.end - time.monotonic(), 0.001)

    def expire(self) -> None:
        self.passed = True
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self.timer.cancel()


def download(url: str, limits: Fetch = Fetch()) -> bytes:
    """The body of `url`, or a `BriefgenError` naming the URL: bad status, unreachable, too slow (connection,
    headers and body together within `limits.timeout`), too big, or redirected to anything but http(s)."""
    if not is_url(url):
        raise BriefgenError(f"{url}: only http:// and https:// URLs are fetched")
    deadline = Deadline(limits.timeout)
    try:
        location = url
        for _ in range(MAX_REDIRECTS + 1):
            status, reason, body_or_target = _get(location, url, limits, deadline)
            if status not in REDIRECTS:
                if status >= 400:
                    raise BriefgenError(f"{url}: HTTP {status} {reason}")
                return body_or_target
            location = urljoin(location, body_or_target)
            if not is_url(location):
                raise BriefgenError(f"{url}: redirected to {location[:200]}; only http:// and https:// are followed")
        raise BriefgenError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except BriefgenError:
        raise
    except TimeoutError:
        raise BriefgenError(f"{url}: no complete answer within {limits.timeout:g} s (timed out)") from None
    except (OSError, http.client.HTTPException, ValueError) as e:
        if deadline.passed:
            raise BriefgenError(f"{url}: no complete answer within {limits.timeout:g} s (timed out)") from None
        if isinstance(e, (ConnectionRefusedError, socket.gaierror)):
            raise BriefgenError(f"{url}: cannot connect ({e})") from None
        raise BriefgenError(f"{url}: {type(e).__name__}: {e}") from None
    finally:
        deadline.cancel()


def _get(location: str, url: str, limits: Fetch, deadline: Deadline) -> tuple[int, str, bytes]:
    """One request for `location` (errors name `url`, the one asked for): (status, reason, body) — for a
    redirect the body is the Location."""
    parts = urlsplit(location)
    if not parts.hostname:
        raise BriefgenError(f"{url}: no host in {location[:200]}")
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=deadline.left(),
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=deadline.left())
    try:
        connection.connect()
        deadline.sock = connection.sock
        if deadline.passed:
            raise TimeoutError
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={"User-Agent": limits.user_agent, "Accept-Encoding": "identity"})
        response = connection.getresponse()
        if response.status in REDIRECTS:
            return response.status, response.reason, response.getheader("Location") or ""
        size = int(response.getheader("Content-Length") or 0)
        if size > limits.max_bytes:
            raise BriefgenError(f"{url}: {size:,} bytes, over the {limits.max_bytes:,}-byte cap")
        body = bytearray()
        while chunk := response.read(CHUNK):
            body += chunk
            if len(body) > limits.max_bytes:
                raise BriefgenError(f"{url}: more than the {limits.max_bytes:,}-byte cap")
        if deadline.passed:  # the socket was shut mid-body: what arrived is not the whole page
            raise TimeoutError
        return response.status, response.reason, bytes(body)
    finally:
        connection.close()
