"""Fetch over HTTP with a time limit and a size cap; read RSS/Atom feeds and URL lists into `Article`s."""

from __future__ import annotations

import datetime as dt
import logging
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from briefgen.config import Fetch, is_url
from briefgen.models import Article, BriefgenError, Failure

log = logging.getLogger(__name__)

FETCH_WORKERS = 4  # pages of a URL list downloaded at once; waiting on the network, not on the CPU
CHUNK = 64 * 1024
SHORT_ENTRY_WORDS = 80  # feed summaries run one to three sentences; a news article is rarely under 80 words
BLOCK_TAGS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "blockquote", "tr")


def download(url: str, limits: Fetch = Fetch()) -> bytes:
    """The body of `url`, or a `BriefgenError` naming the URL: bad status, unreachable, too slow, too big."""
    if not is_url(url):
        raise BriefgenError(f"{url}: only http:// and https:// URLs are fetched")
    deadline = time.monotonic() + limits.timeout
    request = urllib.request.Request(url, headers={"User-Agent": limits.user_agent})
    try:
        with urllib.request.urlopen(request, timeout=limits.timeout) as response:
            size = int(response.headers.get("Content-Length") or 0)
            if size > limits.max_bytes:
                raise BriefgenError(f"{url}: {size:,} bytes, over the {limits.max_bytes:,}-byte cap")
            body = bytearray()
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > limits.max_bytes:
                    raise BriefgenError(f"{url}: more than the {limits.max_bytes:,}-byte cap")
                if time.monotonic() > deadline:  # a server trickling bytes must not hold the run
                    raise TimeoutError
            return bytes(body)
    except urllib.error.HTTPError as e:
        raise BriefgenError(f"{url}: HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, (TimeoutError, socket.timeout)):
            raise BriefgenError(f"{url}: no answer within {limits.timeout:g} s (timed out)") from None
        raise BriefgenError(f"{url}: cannot connect ({e.reason})") from None
    except TimeoutError:
        raise BriefgenError(f"{url}: no complete answer within {limits.timeout:g} s (timed out)") from None
    except (OSError, ValueError) as e:  # connection reset, malformed URL or headers
        raise BriefgenError(f"{url}: {type(e).__name__}: {e}") from None


def html_to_text(html: str) -> str:
    """Feed entry HTML → plain text with paragraph breaks (feedparser has already sanitised it)."""
    if "<" not in html:
        return html
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def _published(entry) -> str:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return ""
    return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc).isoformat()


def parse_feed(data: bytes, where: str) -> list[Article]:
    """Entries of an RSS or Atom document; a damaged feed gives what can be read, and says so."""
    import feedparser

    from briefgen.ingest import make_article

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f"not a readable RSS/Atom feed ({feed.bozo_exception})" if feed.bozo else "feed has no entries"
        raise BriefgenError(f"{where}: {problem}")
    if feed.bozo:
        log.warning("%s: feed is not well-formed (%s); read %d entries anyway", where, feed.bozo_exception,
                    len(feed.entries))
    outlet = feed.feed.get("title", "")
    articles, empty = [], 0
    for n, entry in enumerate(feed.entries):
        html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary", "")
        text = html_to_text(html).strip()
        if not text:
            empty += 1
            continue
        articles.append(make_article(entry.get("title", ""), text, url=entry.get("link"), source=outlet,
                                     published=_published(entry), path=f"{where}#{n + 1}"))
    if empty:
        log.warning("%s: %d of %d entries have no text and were skipped", where, empty, len(feed.entries))
    if not articles:
        damage = f"not a readable RSS/Atom feed ({feed.bozo_exception}); " if feed.bozo else ""
        raise BriefgenError(f"{where}: {damage}no entry has any text")
    return articles


def read_feed(source: str | Path, limits: Fetch = Fetch()) -> list[Article]:
    """A feed file or a feed URL."""
    from briefgen.ingest import read_bytes

    source = str(source)
    data = download(source, limits) if is_url(source) else read_bytes(Path(source))
    articles = parse_feed(data, source)
    return with_full_text(articles, limits) if limits.full_text else articles


def with_full_text(entries: list[Article], limits: Fetch) -> list[Article]:
    """Short entries replaced by the article their link points to; when that fails the summary stays (logged)."""
    from briefgen.ingest import make_article

    short = [a for a in entries if len(a.text.split()) < SHORT_ENTRY_WORDS and is_url(a.url)]

    def attempt(entry: Article) -> Article:
        try:
            page = read_page(entry.url, limits)
        except BriefgenError as e:
            log.warning("%s: kept the feed's summary (%s)", entry.path, e)
            return entry
        return make_article(entry.title or page.title, page.text, url=entry.url, source=entry.source,
                            published=entry.published or page.published, path=entry.path)

    with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
        full = dict(zip((a.id for a in short), pool.map(attempt, short)))
    return [full.get(a.id, a) for a in entries]


def read_page(url: str, limits: Fetch = Fetch()) -> Article:
    from briefgen.ingest import extract_html

    return extract_html(download(url, limits), url, url=url)


def read_url_list(path: Path, limits: Fetch = Fetch()) -> tuple[list[Article], list[Failure]]:
    """Each URL of the list fetched and extracted; one `Failure` per URL that could not be read."""
    from briefgen.ingest import decode

    lines = decode(path).splitlines()
    entries = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    failures = [Failure(f"{path}:{n}", f"not an http(s) URL: {url!r}") for n, url in entries if not is_url(url)]
    urls = list(dict.fromkeys(url for _, url in entries if is_url(url)))

    def attempt(url: str) -> Article | Failure:
        try:
            return read_page(url, limits)
        except BriefgenError as e:
            return Failure(url, str(e).removeprefix(f"{url}: "))

    with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
        results = list(pool.map(attempt, urls))  # map keeps the list's order: same list, same log
    for failure in failures + [r for r in results if isinstance(r, Failure)]:
        log.error("%s: %s", failure.source, failure.reason)
    articles = [r for r in results if isinstance(r, Article)]
    failures += [r for r in results if isinstance(r, Failure)]
    log.info("fetch: %s: %d of %d URLs read", path, len(articles), len(entries))
    return articles, failures
