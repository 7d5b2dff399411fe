"""Hostile article content renders as inert text in every output; the PDF fetcher reads nothing it should not."""

from __future__ import annotations

import dataclasses
import http.server
import io
import re
import threading

import pypdf
import pytest
from PIL import Image

from briefgen import render
from briefgen.models import Claim, Dispute, Fact, Quote, Story
from tests.golden.build import article, golden_brief, golden_theme
from tests.test_render import Tags

SCRIPT = '<script>alert("pwned")</script>'
HOSTILE_SENTENCES = [
    f"{SCRIPT} Officials said the breach was contained on Friday.",
    '<img src="file:///etc/passwd" onerror="alert(1)"> Shares fell 3 percent after the report.',
    '<a href="javascript:alert(1)">Read the full report</a> on the ministry website.',
    '<link rel="stylesheet" href="{server}/evil.css"> The ministry published its findings.',
    '<link rel="attachment" href="file:///etc/passwd"> {{ 7*7 }} {% if true %}yes{% endif %} was in the file.',
    "[click me](javascript:alert(1)) and ![x](file:///etc/passwd) in Markdown.",
]


class Server:
    """A real HTTP server on 127.0.0.1 that records every request: a render must never reach it."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"body { background: red }")

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.httpd.shutdown()


def hostile_brief(server_url: str):
    """The golden brief plus a story whose every field is an attack."""
    sentences = [s.replace("{server}", server_url) for s in HOSTILE_SENTENCES]
    bad = article("bad", f"{SCRIPT}{{{{ 7*7 }}}} Breach report", '<b onmouseover="alert(1)">Evil Times</b>',
                  "2026-03-03", "javascript:alert(document.cookie)", sentences)
    file_url = dataclasses.replace(article("f", "Local file", "Disk", "2026-03-03", "file:///etc/passwd", ["x y z."]))
    data_url = article("d", "Data URL", "Inline", "2026-03-03", "data:text/html,<script>alert(1)</script>", ["a b."])
    quoted = "Read the full report"
    start = bad.text.index(quoted)
    story = Story(id="bad", headline=bad.title, article_ids=("bad", "f", "d"), rank=3.0, featured=True,
                  summary=bad.sentences[:5],
                  quotes=(Quote(quoted, '<svg onload="alert(1)">', "said", "bad", start, start + len(quoted)),),
                  facts=(Fact(bad.sentences[1], ("percent",), (file_url.sentences[0],)),
                         Fact(bad.sentences[5], ("entity",))),
                  disputes=(Dispute(SCRIPT, tuple(Claim(s.text, s.text[:20], s.article_id, s.start, s.end)
                                                  for s in (bad.sentences[0], file_url.sentences[0]))),))
    brief = golden_brief()
    return dataclasses.replace(brief, stories=(story, *brief.stories), articles=(*brief.articles, bad, file_url,
                                                                              data_url))




def assert_inert_html(html: str, golden_html: str) -> None:
    tags = Tags(html).tags
    assert {t for t, _ in tags} <= {t for t, _ in Tags(golden_html).tags}, "article text produced a tag"
    assert not [t for t, _ in tags if t in ("script", "link", "iframe", "object", "embed")]
    assert not [(t, k) for t, attrs in tags for k in attrs if k.startswith("on")], "an event-handler attribute"
    for tag, attrs in tags:
        for key in ("href", "src"):
            value = attrs.get(key)
            if value is not None:
                assert value.startswith(("#", "https://", "http://", "data:image/")), (tag, value)
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    unported = re.sub(r"127\.0\.0\.1:\d+", "", html)  # the test server's port may hold "49" (35149)
    assert "{{ 7*7 }}" in html and "49" not in unported and "{% if true %}yes{% endif %}" in html


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory, server):
    out = tmp_path_factory.mktemp("hostile")
    return render.write_brief(hostile_brief(server.url), out, theme=golden_theme())


def test_hostile_text_is_inert_in_the_html(hostile_files, server):
    golden = render.render_html(golden_brief(), golden_theme())
    assert_inert_html(hostile_files["html"].read_text(), golden)
    assert not server.hits


def test_hostile_text_is_inert_in_the_email_variant(server):
    brief = hostile_brief(server.url)
    golden = render.render_email_html(golden_brief(), golden_theme())
    assert_inert_html(render.render_email_html(brief, golden_theme()), golden)


def test_hostile_text_is_inert_in_the_pdf(hostile_files, server):
    reader = pypdf.PdfReader(hostile_files["pdf"])
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert SCRIPT in text and "{{ 7*7 }}" in text and 'onerror="alert(1)"' in text  # shown as text, not run
    assert not reader.attachments
    assert "root:" not in text and b"root:x:0" not in hostile_files["pdf"].read_bytes()
    uris = [a.get_object().get("/A", {}).get("/URI") for page in reader.pages for a in page.get("/Annots", [])]
    assert all(u is None or u.startswith(("http://", "https://")) for u in uris)
    pdf = hostile_files["pdf"].read_bytes()
    assert b"/JavaScript" not in pdf and b"/Launch" not in pdf
    assert not server.hits


def test_only_http_urls_become_links(hostile_files):
    html = hostile_files["html"].read_text()
    for bad in ("javascript:", "file:///etc/passwd\"", "data:text/html"):
        assert f'href="{bad}' not in html
    assert render.safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for url in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "file:///etc/passwd", "data:text/html,x",
                "//evil.example",
                "https://", "http://exa mple.org", 'https://example.org/"onmouseover="x', "ftp://example.org/f"):
        assert render.safe_url(url) == "", url


def test_hostile_text_is_inert_in_markdown_and_text(hostile_files, server):
    md = hostile_files["md"].read_text()
    raw_tags = re.findall(r"(?<!\\)<(?!https?://)[^\s>]*", md)  # only autolinks to http(s) sources may stay
    assert not raw_tags
    assert not re.search(r"(?<!\\)\]\(", md), "a Markdown link or image formed"
    assert "\\[click me\\](javascript:alert(1))" in md
    assert "\\<script\\>" in md
    text = render.render_text(hostile_brief(server.url))
    assert SCRIPT in text and "{{ 7*7 }}" in text  # plain text is never interpreted: shown as it was written


def png(path, colour):
    Image.new("RGB", (8, 8), colour).save(path)
    return path


def test_pdf_fetcher_refuses_network_and_files_outside_the_template_folders(tmp_path, server):
    """A template is trusted code, yet even its references cannot leave the template folders."""
    templates, elsewhere = tmp_path / "templates", tmp_path / "elsewhere"
    templates.mkdir(), elsewhere.mkdir()
    png(templates / "inside.png", "green")
    outside = png(elsewhere / "outside.png", "red")
    (templates / "link.png").symlink_to(outside)
    html = f"""<html><head>
      <link rel="stylesheet" href="{server.url}/evil.css">
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="attachment" href="{outside.as_uri()}">
      </head><body>
      <img src="{server.url}/pixel.png"> <img src="file:///etc/passwd"> <img src="{outside.as_uri()}">
      <img src="../elsewhere/outside.png"> <img src="link.png"> <img src="inside.png">
      <p style="background: url({server.url}/bg.png)">text</p></body></html>"""
    reader = pypdf.PdfReader(io.BytesIO(render.render_pdf(html, templates)))
    assert not server.hits
    assert not reader.attachments
    [image] = reader.pages[0].images  # only the file inside the template folder
    assert image.image.convert("RGB").getpixel((0, 0)) == (0, 128, 0)
