"""Feeds, URL lists and bad input, against a real HTTP server on 127.0.0.1 (never the internet)."""

import time

from briefgen import fetch, ingest
from briefgen.config import Fetch
from tests.servers import HANG, http_server

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example</link>
<item><title>Council raises the flood wall</title><link>https://gazette.example/flood</link>
<pubDate>Mon, 23 Nov 2026 03:10:00 GMT</pubDate>
<description>&lt;p&gt;The harbour council voted on Sunday to raise the flood wall by two metres.&lt;/p&gt;&lt;p&gt;Work starts in March.&lt;/p&gt;</description></item>
<item><title>Ferry strike ends</title><link>https://gazette.example/ferry</link>
<pubDate>Sun, 22 Nov 2026 18:00:00 GMT</pubDate>
<description>Ferry crews accepted a 4 percent pay offer.</description></item>
<item><title>Photo of the day</title><link>https://gazette.example/photo</link><description></description></item>
</channel></rss>"""  # noqa: E501 (one item's text on one line)

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Times</title>
<entry><title>Dam inspection finds cracks</title><link href="https://valley.example/dam"/>
<updated>2026-11-23T01:00:00Z</updated>
<content type="html">&lt;p&gt;Inspectors found three cracks in the north dam on Saturday.&lt;/p&gt;</content></entry>
</feed>"""

PAGE = ("<html><head><title>Port deal signed</title></head><body><nav>Home | Sport | Weather</nav><article>"
        "<h1>Port deal signed</h1>" + "".join(
            f"<p>The port authority signed a {n}-year lease with the shipping line on Friday, officials said.</p>"
            for n in range(10, 16)) + "</article><footer>© Example</footer></body></html>").encode()

NO_ARTICLE = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def test_rss_and_atom_entries_become_articles_with_dates_and_outlets(tmp_path):
    (tmp_path / "valley.atom").write_bytes(ATOM)
    with http_server({"/rss": ("application/rss+xml", RSS)}) as base:
        articles, failures = ingest.read_sources([tmp_path], feeds=[f"{base}/rss"])
    assert failures == []
    by_title = {a.title: a for a in articles}
    assert set(by_title) == {"Council raises the flood wall", "Ferry strike ends", "Dam inspection finds cracks"}
    flood = by_title["Council raises the flood wall"]
    assert flood.source == "Harbour Gazette" and flood.url == "https://gazette.example/flood"
    assert flood.published == "2026-11-23T03:10:00+00:00"
    assert flood.text.split("\n\n") == ["The harbour council voted on Sunday to raise the flood wall by two metres.",
                                        "Work starts in March."]
    assert by_title["Dam inspection finds cracks"].source == "Valley Times"


def test_full_text_replaces_short_entries_by_their_pages_and_keeps_the_summary_when_that_fails():
    def feed(base):
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title>'
                f'<item><title>Port deal signed</title><link>{base}/port</link>'
                f'<description>The port signed a lease.</description></item>'
                f'<item><title>Gone story</title><link>{base}/gone</link>'
                f'<description>A summary that stays.</description></item></channel></rss>').encode()

    routes = {"/port": ("text/html", PAGE)}
    with http_server(routes) as base:
        routes["/feed"] = ("application/rss+xml", feed(base))
        summaries, _ = ingest.read_sources([f"{base}/feed"])
        full, failures = ingest.read_sources([f"{base}/feed"], limits=Fetch(full_text=True))
    assert sorted(a.text for a in summaries) == ["A summary that stays.", "The port signed a lease."]
    by_title = {a.title: a for a in full}
    assert "15-year lease with the shipping line" in by_title["Port deal signed"].text
    assert "Home | Sport" not in by_title["Port deal signed"].text
    assert by_title["Port deal signed"].source == "Port News" and by_title["Port deal signed"].url == f"{base}/port"
    assert by_title["Gone story"].text == "A summary that stays." and failures == []


def test_url_lists_are_fetched_and_extracted_and_each_bad_url_is_named(tmp_path):
    routes = {"/port": ("text/html; charset=utf-8", PAGE), "/menu": ("text/html", NO_ARTICLE), "/slow": HANG,
              "/big": ("text/html", b"<p>" + b"x" * 300_000 + b"</p>")}
    with http_server(routes) as base:
        (tmp_path / "urls.txt").write_text(f"# tonight\n{base}/port\n{base}/menu\n{base}/gone\n{base}/slow\n"
                                           f"{base}/big\nftp://old.example/x\n{base}/port\n")
        started = time.monotonic()
        articles, failures = ingest.read_sources([], url_lists=[tmp_path / "urls.txt"],
                                                 limits=Fetch(timeout=1.0, max_bytes=200_000))
        elapsed = time.monotonic() - started
    [port] = articles
    assert port.title == "Port deal signed" and port.url == f"{base}/port"
    assert "Home | Sport" not in port.text and "15-year lease" in port.text
    reasons = {f.source: f.reason for f in failures}
    assert reasons[f"{base}/menu"].startswith("no article text found in the HTML")
    assert reasons[f"{base}/gone"] == "HTTP 404 Not Found"
    assert "timed out" in reasons[f"{base}/slow"]
    assert "over the 200,000-byte cap" in reasons[f"{base}/big"]
    assert reasons[f"{tmp_path / 'urls.txt'}:7"] == "not an http(s) URL: 'ftp://old.example/x'"
    assert len(failures) == 5
    assert elapsed < 5, "a hanging server must cost the timeout, not the run"


def test_every_kind_of_bad_input_is_named_and_the_good_ones_are_all_read(tmp_path, caplog):
    good = tmp_path / "in"
    good.mkdir()
    (good / "good.txt").write_text("Good title\n\nGood body about the harbour.\n", encoding="utf-8")
    (good / "latin1.txt").write_bytes("Caf\xe9 reopens\n\nThe caf\xe9 on the quay reopened.\n".encode("latin-1"))
    (good / "bad-utf8.txt").write_bytes(b"Quay news\n\nThe quay\xe2\x80\x99s lights are \xff fixed.\n")
    (good / "empty.txt").write_bytes(b"")
    (good / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with open(good / "huge.txt", "wb") as f:  # 50 MB of text, made here and never committed
        line = b"The harbour council met again and talked for a very long time about the wall.\n"
        f.write(line * (50 * 2**20 // len(line) + 1))
    (good / "broken.json").write_text('{"title": "T", "text": "unterminated', encoding="utf-8")
    (good / "page.html").write_bytes(NO_ARTICLE)
    (good / "broken.xml").write_bytes(b"<?xml version='1.0'?><rss><channel><title>X</title><item><title>Half")
    (good / "damaged.rss").write_bytes(RSS.replace(b"</channel></rss>", b"<item><title>Cut off"))
    with http_server({"/hang": HANG}) as base:
        started = time.monotonic()
        articles, failures = ingest.read_sources([good], feeds=[f"{base}/hang"], limits=Fetch(timeout=1.0))
        elapsed = time.monotonic() - started
    titles = sorted(a.title for a in articles)
    assert titles == ["Café reopens", "Council raises the flood wall", "Ferry strike ends", "Good title",
                      "Quay news"]
    quay = next(a for a in articles if a.title == "Quay news")
    assert "quay’s lights are \ufffd fixed" in quay.text  # UTF-8 kept, the one bad byte marked
    assert "invalid UTF-8 at byte" in caplog.text and "bad-utf8.txt" in caplog.text
    assert "damaged.rss: feed is not well-formed" in caplog.text
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in failures}
    assert set(reasons) == {"empty.txt", "binary.txt", "huge.txt", "broken.json", "page.html", "broken.xml", "hang"}
    assert "over the 20 MB limit" in reasons["huge.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "invalid JSON" in reasons["broken.json"]
    assert reasons["page.html"].startswith("no article text found in the HTML")
    assert reasons["broken.xml"].startswith("not a readable RSS/Atom feed")
    assert "timed out" in reasons["hang"]
    assert "no article text" in reasons["empty.txt"]
    assert elapsed < 10


def test_download_refuses_other_schemes():
    import pytest

    from briefgen.models import BriefgenError

    with pytest.raises(BriefgenError, match="only http:// and https://"):
        fetch.download("file:///etc/passwd")


def trickling_server(part: str):
    """A raw socket server on 127.0.0.1 that sends its headers (or its body) one byte every 0.2 s, for ever."""
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def talk(conn):
        with conn:
            try:
                conn.recv(4096)
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Padding: " + b"x" * 10_000
                if part == "body":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n")
                for byte in (head if part == "headers" else iter(lambda: b"<", None)):
                    if stop.is_set():
                        return
                    conn.sendall(bytes([byte]) if isinstance(byte, int) else byte)
                    time.sleep(0.2)
            except OSError:
                pass

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=talk, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return listener, stop


def test_a_trickling_server_costs_the_timeout_not_the_night():
    """Each read gets a byte within the socket timeout, so only a wall-clock deadline ends these downloads."""
    import pytest

    from briefgen.models import BriefgenError

    for part in ("headers", "body"):
        listener, stop = trickling_server(part)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed"
        started = time.monotonic()
        try:
            with pytest.raises(BriefgenError, match=r"no complete answer within 1\.5 s \(timed out\)"):
                fetch.download(url, Fetch(timeout=1.5))
        finally:
            stop.set()
            listener.close()
        assert 1.4 < time.monotonic() - started < 3, part


def test_redirects_are_followed_to_http_only():
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import pytest

    from briefgen.models import BriefgenError

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            targets = {"/ftp": "ftp://127.0.0.1:21/feed.xml", "/file": "file:///etc/passwd", "/moved": "/rss",
                       "/loop": "/loop"}
            if self.path == "/rss":
                self.send_response(200)
                self.send_header("Content-Length", str(len(RSS)))
                self.end_headers()
                self.wfile.write(RSS)
                return
            self.send_response(302)
            self.send_header("Location", targets[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert fetch.download(f"{base}/moved") == RSS
        for path, target in (("/ftp", "ftp://127.0.0.1:21/feed.xml"), ("/file", "file:///etc/passwd")):
            with pytest.raises(BriefgenError, match=f"redirected to {target}; only http:// and https:// are followed"):
                fetch.download(f"{base}{path}")
        with pytest.raises(BriefgenError, match="more than 5 redirects"):
            fetch.download(f"{base}/loop")
    finally:
        server.shutdown()
        server.server_close()
