"""Read sources (files, folders, feeds, URL lists) into `Article`s; each bad source becomes one `Failure`.

`readers` turns one file or document into articles, `fetch` downloads; this module walks the sources and makes
sure no single one can stop the run: whatever a reader throws is caught, named and logged in one line."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from briefgen import fetch, progress
from briefgen.config import Fetch, is_url
from briefgen.models import Article, BriefgenError, Failure, plural
from briefgen.readers import (
    READERS,
    decode,
    extract_html,
    make_article,
    parse_feed,
    read_feed_file,
    read_jsonl_file,
    shown,
)

__all__ = ["read_sources", "make_article", "read_jsonl_file"]  # the two readers other modules use, by their old name

log = logging.getLogger(__name__)

FETCH_WORKERS = 4  # pages of a URL list downloaded at once; waiting on the network, not on the CPU
SHORT_ENTRY_WORDS = 80  # feed summaries run one to three sentences; a news article is rarely under 80 words
IGNORED_NAMES = {"sources.md", "readme.md"}  # documentation beside articles in a folder


def files(sources: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """Files as given; folders walked (sorted, symlinked folders not followed) for the readable file types.
    A folder that cannot be listed is a `Failure`, never skipped in silence."""
    found, failures = [], []
    for source in sources:
        path = Path(source)
        if not path.is_dir():
            found.append(path)
            continue

        def unreadable(error: OSError) -> None:
            failures.append(Failure(shown(error.filename), f"cannot read the folder ({error.strerror})"))

        walked = []
        for folder, _, names in os.walk(path, onerror=unreadable):
            walked += [Path(folder) / n for n in names
                       if Path(n).suffix.lower() in READERS and n.lower() not in IGNORED_NAMES]
        found += sorted(walked)  # a pipe or a dangling link among them is named by read_file, never read
    return found, failures


def read_sources(sources: Iterable[str | Path], *, feeds: Iterable[str] = (), url_lists: Iterable[str | Path] = (),
                 limits: Fetch | None = None) -> tuple[list[Article], list[Failure]]:
    """Every article that could be read, and one `Failure` per source that could not.

    `sources` are files and folders (an http(s) URL among them is read as a feed); `feeds` are RSS/Atom files or
    URLs whatever their name; `url_lists` are files of article URLs, each fetched and extracted."""
    limits = limits or Fetch()
    sources, url_lists = [str(s) for s in sources], [Path(u) for u in url_lists]
    paths, failures = files(s for s in sources if not is_url(s))
    jobs: list[tuple[str, Callable[[], list[Article]]]] = []
    jobs += [(shown(path), lambda path=path: read_file(path)) for path in paths]
    jobs += [(feed, lambda feed=feed: read_feed(feed, limits)) for feed in [*filter(is_url, sources), *map(str, feeds)]]
    articles: list[Article] = []
    for name, job in progress.bar(jobs, desc="ingest", unit="source"):
        articles += guarded(name, job, failures)
    for url_list in url_lists:
        articles += guarded(shown(url_list), lambda url_list=url_list: read_url_list(url_list, limits, failures),
                            failures)
    for failure in failures:
        log.error("%s: %s", failure.source, failure.reason)
    unique = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)  # input order never matters
    log.info("ingest: %s from %s (%d failed, %d duplicates)", plural(len(unique), "article"),
             plural(len(jobs) + len(url_lists), "source"), len(failures), len(articles) - len(unique))
    return unique, failures


def guarded(name: str, job: Callable[[], list[Article]], failures: list[Failure]) -> list[Article]:
    """The job's articles; whatever it throws becomes one `Failure` naming the source (the trace at DEBUG)."""
    try:
        return job()
    except BriefgenError as e:
        failures.append(Failure(name, str(e).removeprefix(f"{name}: ")))
    except RecursionError:
        failures.append(Failure(name, "nested too deeply to read"))
    except MemoryError:
        failures.append(Failure(name, "too large to read in memory"))
    except Exception as e:  # a parser deep inside a library choking on a hostile file must not stop the night
        log.debug("%s: reader failed", name, exc_info=True)
        failures.append(Failure(name, f"unreadable ({type(e).__name__}: {shown(e)})"[:300]))
    return []


def read_file(path: Path) -> list[Article]:
    if not path.exists():
        broken = " (a link to nothing)" if path.is_symlink() else ""
        raise BriefgenError(f"{shown(path)}: no such file or folder{broken}")
    if not path.is_file():  # a pipe would block the night, a device never end
        raise BriefgenError(f"{shown(path)}: not a regular file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise BriefgenError(f"{shown(path)}: unsupported file type (use {', '.join(sorted(READERS))})")
    return reader(path)


def read_feed(source: str, limits: Fetch) -> list[Article]:
    """A feed file or a feed URL."""
    if not is_url(source):
        return read_feed_file(Path(source))
    articles = parse_feed(fetch.download(source, limits), source)
    return with_full_text(articles, limits) if limits.full_text else articles


def with_full_text(entries: list[Article], limits: Fetch) -> list[Article]:
    """Short entries replaced by the article their link points to; when that fails the summary stays (logged)."""
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


def read_page(url: str, limits: Fetch) -> Article:
    try:
        return extract_html(fetch.download(url, limits), url, url=url)
    except BriefgenError:
        raise
    except Exception as e:  # trafilatura/lxml on a hostile page
        raise BriefgenError(f"{url}: unreadable page ({type(e).__name__}: {e})") from None


def read_url_list(path: Path, limits: Fetch, failures: list[Failure]) -> list[Article]:
    """Each URL of the list fetched and extracted; one `Failure` (appended to `failures`) per URL that could not."""
    if not path.is_file():
        raise BriefgenError(f"{shown(path)}: no such URL-list file")
    lines = decode(path).splitlines()
    entries = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    failures += [Failure(f"{shown(path)}:{n}", f"not an http(s) URL: {url!r}") for n, url in entries if not is_url(url)]
    urls = list(dict.fromkeys(url for _, url in entries if is_url(url)))

    def attempt(url: str) -> Article | Failure:
        try:
            return read_page(url, limits)
        except BriefgenError as e:
            return Failure(url, str(e).removeprefix(f"{url}: "))

    with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
        results = list(pool.map(attempt, urls))  # map keeps the list's order: same list, same log
    articles = [r for r in results if isinstance(r, Article)]
    failures += [r for r in results if isinstance(r, Failure)]
    log.info("fetch: %s: %d of %d URLs read", shown(path), len(articles), len(entries))
    return articles
