"""Read sources (files, folders) into `Article`s; one reader per file type; bad files become `Failure`s."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from briefgen.models import Article, BriefgenError, Failure

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger files are almost certainly not one day's articles
# trafilatura falls back to a page's menus when it finds no article; an article has at least one sentence-long
# line (8 words, as pick's shortest candidate sentence).
MIN_PROSE_WORDS = 8
HEADER_KEYS = {"title", "source", "published", "url", "date"}


def article_id(title: str, text: str) -> str:
    """Content hash: the same article read twice (from any file) is one article."""
    return hashlib.sha256(f"{title.strip()}\n{text.strip()}".encode()).hexdigest()[:16]


HOSTNAME = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")
SECOND_LEVEL = {"co", "com", "net", "org", "gov", "edu", "ac"}  # bbc.co.uk, smh.com.au, abc.net.au, cnb.gov.sg


def outlet(source: str) -> str:
    """An outlet named by its host is named by its registered domain: news.bbc.co.uk and bbc.co.uk, or
    uk.reuters.com and in.reuters.com, are one outlet, so neither a story's outlets nor a fact's corroboration
    counts it twice. A name that is not a host ("Reuters") is kept as written."""
    host = source.strip().lower()
    if not HOSTNAME.fullmatch(host):
        return source.strip()
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def make_article(title: str, text: str, *, url="", source="", published="", path="", id="") -> Article:
    title, text = " ".join(str(title or "").split()), str(text or "")
    return Article(
        id=str(id) if id else article_id(title, text),
        title=title,
        text=text,
        url=str(url or ""),
        source=outlet(str(source or "")),
        published=str(published or ""),
        path=path,
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what cannot be one day's articles: too big (checked before reading), binary."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BriefgenError(f"{path}: file is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise BriefgenError(f"{path}: binary file, not text")
    return data


# A real UTF-8 multi-byte sequence: if a file has one, it is UTF-8 with some damage, not Latin-1.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(path: Path) -> str:
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if UTF8_SEQUENCE.search(data):
            log.warning("%s: invalid UTF-8 at byte %d; undecodable bytes shown as \ufffd", path, e.start)
            return data.decode("utf-8-sig", errors="replace")
        # Old wire copy and Windows exports are often Latin-1/cp1252; decoding never fails there.
        log.info("%s: not UTF-8, read as Windows-1252/Latin-1", path)
        return data.decode("cp1252", errors="replace")


def read_text_file(path: Path) -> list[Article]:
    """`.txt`/`.md`: optional `Key: value` header lines, then the body; else the first non-empty line is the title."""
    lines = decode(path).splitlines()
    meta: dict[str, str] = {}
    while lines and ":" in lines[0] and lines[0].split(":", 1)[0].strip().lower() in HEADER_KEYS:
        key, value = lines.pop(0).split(":", 1)
        meta[key.strip().lower()] = value.strip()
    body = "\n".join(lines).strip()
    title = meta.get("title", "")
    if not title:
        first, _, body = body.partition("\n")
        title = first.lstrip("# ").strip()
    if not body.strip():
        raise BriefgenError(f"{path}: no article text (empty file or title only)")
    return [make_article(title, body, url=meta.get("url"), source=meta.get("source"),
                         published=meta.get("published") or meta.get("date"), path=str(path))]


def extract_html(html: str | bytes, where: str, *, url: str = "", path: str = "") -> Article:
    """Main text and metadata of one web page (trafilatura); bytes let it find the page's own encoding."""
    import trafilatura  # lazy: keeps `briefgen --help` instant

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                      as_dict=True)
    if not doc or not (doc.get("text") or "").strip():
        raise BriefgenError(f"{where}: no article text found in the HTML")
    if not any(len(line.split()) >= MIN_PROSE_WORDS for line in doc["text"].splitlines()):
        raise BriefgenError(f"{where}: no article text found in the HTML (only short lines: menus, captions)")
    return make_article(doc.get("title") or Path(where).stem, doc["text"], url=url or doc.get("url"),
                        source=doc.get("sitename") or doc.get("hostname"), published=doc.get("date"),
                        path=path or where)


def read_html_file(path: Path) -> list[Article]:
    return [extract_html(decode(path), str(path), path=str(path))]


def read_feed_file(path: Path) -> list[Article]:
    from briefgen import fetch

    return fetch.read_feed(path)


def _record_to_article(record: object, where: str) -> Article:
    if not isinstance(record, dict):
        raise BriefgenError(f"{where}: expected an object with 'title' and 'text'")
    if not str(record.get("text") or "").strip():
        raise BriefgenError(f"{where}: missing or empty 'text'")
    return make_article(record.get("title") or "", record["text"], url=record.get("url"),
                        source=record.get("source"), published=record.get("published") or record.get("date"),
                        path=where, id=record.get("id") or "")


def read_json_file(path: Path) -> list[Article]:
    try:
        data = json.loads(decode(path))
    except json.JSONDecodeError as e:
        raise BriefgenError(f"{path}: invalid JSON ({e.msg} at line {e.lineno})") from None
    records = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else [data]
    return [_record_to_article(r, f"{path}[{i}]") for i, r in enumerate(records)]


def read_jsonl_file(path: Path) -> list[Article]:
    articles, errors = [], []
    for n, line in enumerate(decode(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            articles.append(_record_to_article(json.loads(line), f"{path}:{n}"))
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: invalid JSON ({e.msg})")
        except BriefgenError as e:
            errors.append(str(e).removeprefix(f"{path}:"))
    for error in errors:
        log.error("%s: %s", path, error)
    if not articles and errors:
        raise BriefgenError(f"{path}: no readable article ({errors[0]})")
    return articles


READERS: dict[str, Callable[[Path], list[Article]]] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".json": read_json_file,
    ".jsonl": read_jsonl_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
}
IGNORED_NAMES = {"sources.md", "readme.md"}  # documentation beside articles in a folder


def expand(sources: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders walked in sorted order for the readable file types."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in READERS and child.name.lower() not in IGNORED_NAMES:
                    yield child
        else:
            yield path


def read_sources(sources: Iterable[str | Path], *, feeds: Iterable[str] = (), url_lists: Iterable[str | Path] = (),
                 limits=None) -> tuple[list[Article], list[Failure]]:
    """Every article that could be read, and one `Failure` per source that could not.

    `sources` are files and folders (an http(s) URL among them is read as a feed); `feeds` are RSS/Atom files or
    URLs whatever their name; `url_lists` are files of article URLs, each fetched and extracted."""
    from briefgen import fetch, progress
    from briefgen.config import Fetch, is_url

    limits = limits or Fetch()
    sources, url_lists = [str(s) for s in sources], [Path(u) for u in url_lists]
    jobs: list[tuple[str, Callable[[], list[Article]]]] = []
    for path in expand(s for s in sources if not is_url(s)):
        jobs.append((str(path), lambda path=path: _read_file(path)))
    for feed in [*(s for s in sources if is_url(s)), *map(str, feeds)]:
        jobs.append((feed, lambda feed=feed: fetch.read_feed(feed, limits)))
    articles: list[Article] = []
    failures: list[Failure] = []
    for name, job in progress.bar(jobs, desc="ingest", unit="source"):
        try:
            articles.extend(job())
        except BriefgenError as e:
            failures.append(Failure(name, str(e).removeprefix(f"{name}: ")))
            log.error("%s", e)
        except (OSError, ValueError) as e:  # unreadable file, parser error deep inside a library
            failures.append(Failure(name, f"{type(e).__name__}: {e}"))
            log.error("%s: %s", name, e)
    for url_list in url_lists:
        try:
            if not url_list.is_file():
                raise BriefgenError(f"{url_list}: no such URL-list file")
            read, failed = fetch.read_url_list(url_list, limits)
            articles += read
            failures += failed
        except (BriefgenError, OSError) as e:
            failures.append(Failure(str(url_list), str(e).removeprefix(f"{url_list}: ")))
            log.error("%s: %s", url_list, failures[-1].reason)
    unique = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)  # input order never matters
    log.info("ingest: %d articles from %d sources (%d failed, %d duplicates)",
             len(unique), len(jobs) + len(url_lists), len(failures), len(articles) - len(unique))
    return unique, failures


def _read_file(path: Path) -> list[Article]:
    if not path.exists():
        raise BriefgenError(f"{path}: no such file or folder")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise BriefgenError(f"{path}: unsupported file type (use {', '.join(sorted(READERS))})")
    return reader(path)
