"""One file's bytes (or one downloaded document) → `Article`s: a reader per format. No network, no folders.

Every reader raises `BriefgenError` naming the file for a bad file; `ingest` also catches whatever else a
hostile file makes a parser throw, so no file can cost the night."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path

from briefgen.models import Article, BriefgenError

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger files are almost certainly not one day's articles
# trafilatura falls back to a page's menus when it finds no article; an article has at least one sentence-long
# line (8 words, as pick's shortest candidate sentence).
MIN_PROSE_WORDS = 8
HEADER_KEYS = {"title", "source", "published", "url", "date"}
BLOCK_TAGS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "blockquote", "tr")
# UTF-32 first: its little-endian mark begins with UTF-16's.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
# A lone surrogate (a JSON "\ud800") cannot be written as UTF-8; C0 controls other than tab and line breaks break
# XML, PDF and terminals. Both are replaced at ingest so no later stage meets them.
UNWRITABLE = re.compile(r"[\ud800-\udfff]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: object) -> str:
    return UNWRITABLE.sub(lambda m: "" if m.group() < "\ud800" else "\ufffd", str(text or ""))


def shown(path: object) -> str:
    """A file name as one printable line: undecodable bytes as \ufffd, line breaks escaped."""
    name = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return UNWRITABLE.sub(lambda m: repr(m.group())[1:-1], name.replace("\n", "\\n").replace("\r", "\\r"))


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
    title, text = " ".join(normalise(title).split()), normalise(text)
    return Article(
        id=normalise(id) if id else article_id(title, text),
        title=title,
        text=text,
        url=normalise(url),
        source=outlet(normalise(source)),
        published=normalise(published),
        path=shown(path),
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what cannot be one day's articles: too big (checked before reading), binary."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BriefgenError(f"{shown(path)}: file is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit")
    data = path.read_bytes()
    if b"\x00" in data[:8192] and not data.startswith(tuple(bom for bom, _ in BOMS)):
        raise BriefgenError(f"{shown(path)}: binary file, not text")
    return data


# A real UTF-8 multi-byte sequence: if a file has one, it is UTF-8 with some damage, not Latin-1.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(path: Path) -> str:
    data = read_bytes(path)
    for bom, encoding in BOMS:
        if data.startswith(bom):  # Windows "Unicode" exports: UTF-16 (or -32) with a byte-order mark
            text = data.decode(encoding, errors="replace")
            if "\ufffd" in text:
                log.warning("%s: damaged %s; undecodable bytes shown as \ufffd", shown(path), encoding.upper())
            return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if UTF8_SEQUENCE.search(data):
            log.warning("%s: invalid UTF-8 at byte %d; undecodable bytes shown as \ufffd", shown(path), e.start)
            return data.decode("utf-8-sig", errors="replace")
        # Old wire copy and Windows exports are often Latin-1/cp1252; decoding never fails there.
        log.info("%s: not UTF-8, read as Windows-1252/Latin-1", shown(path))
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
        raise BriefgenError(f"{shown(path)}: no article text (empty file or title only)")
    return [make_article(title, body, url=meta.get("url"), source=meta.get("source"),
                         published=meta.get("published") or meta.get("date"), path=path)]


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
    return [extract_html(decode(path), shown(path), path=path)]


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
    try:
        return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc).isoformat() if parsed else ""
    except (TypeError, ValueError):  # a feed's own date out of range: the entry is undated, not unreadable
        return ""


def parse_feed(data: bytes, where: str) -> list[Article]:
    """Entries of an RSS or Atom document; a damaged feed gives what can be read, and says so."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f"not a readable RSS/Atom feed ({feed.bozo_exception})" if feed.bozo else "feed has no entries"
        raise BriefgenError(f"{where}: {problem}")
    outlet_name = feed.feed.get("title", "")
    articles, empty = [], 0
    for n, entry in enumerate(feed.entries):
        html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary", "")
        text = html_to_text(html).strip()
        if not text:
            empty += 1
            continue
        articles.append(make_article(entry.get("title", ""), text, url=entry.get("link"), source=outlet_name,
                                     published=_published(entry), path=f"{where}#{n + 1}"))
    if not articles:
        damage = f"not a readable RSS/Atom feed ({feed.bozo_exception}); " if feed.bozo else ""
        raise BriefgenError(f"{where}: {damage}no entry has any text")
    damage = [f"feed is not well-formed ({feed.bozo_exception})"] if feed.bozo else []
    damage += [f"{empty} of {len(feed.entries)} entries have no text"] if empty else []
    if damage:  # one line for the file, however many things are wrong with it
        log.warning("%s: %s; read %d of %d entries", where, "; ".join(damage), len(articles), len(feed.entries))
    return articles


def read_feed_file(path: Path) -> list[Article]:
    return parse_feed(read_bytes(path), shown(path))


def load_json(text: str, where: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BriefgenError(f"{where}: invalid JSON ({e.msg} at line {e.lineno})") from None
    except RecursionError:
        raise BriefgenError(f"{where}: JSON nested too deeply to be articles") from None
    except ValueError as e:  # a number too long to convert
        raise BriefgenError(f"{where}: invalid JSON ({e})") from None


def json_type(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return kinds.get(type(value), "a number")


def _record_to_article(record: object, where: str) -> Article:
    if not isinstance(record, dict):
        raise BriefgenError(f"{where}: expected an object with 'title' and 'text', got {json_type(record)}")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise BriefgenError(f"{where}: missing or empty 'text'")
    return make_article(record.get("title") or "", record["text"], url=record.get("url"),
                        source=record.get("source"), published=record.get("published") or record.get("date"),
                        path=where, id=record.get("id") or "")


def read_json_file(path: Path) -> list[Article]:
    """An object, a list of objects, or {"articles": [objects]}; a bad record costs that record only."""
    where = shown(path)
    data = load_json(decode(path), where)
    records = data.get("articles", [data]) if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise BriefgenError(f"{where}: expected an article object or a list of them, got {json_type(records)}")
    articles, errors = [], []
    for i, record in enumerate(records):
        try:
            articles.append(_record_to_article(record, f"{where}[{i}]"))
        except BriefgenError as e:
            errors.append(f"record {i}: " + str(e).removeprefix(f"{where}[{i}]: "))
    return _some_read(where, articles, errors)


def read_jsonl_file(path: Path) -> list[Article]:
    """One article object a line; a bad line costs that line only."""
    where = shown(path)
    articles, errors = [], []
    for n, line in enumerate(decode(path).splitlines(), 1):
        if line.strip():
            try:
                articles.append(_record_to_article(load_json(line, where), where))
            except BriefgenError as e:
                errors.append(f"line {n}: " + str(e).removeprefix(f"{where}: "))
    return _some_read(where, articles, errors)


def _some_read(where: str, articles: list[Article], errors: list[str]) -> list[Article]:
    """A file with some bad records is named once, in one line, with its first errors; a file with none good
    is a failure."""
    if not errors:
        return articles
    first = "; ".join(errors[:3]) + ("; …" if len(errors) > 3 else "")
    if not articles:
        raise BriefgenError(f"{where}: no readable article ({first})")
    log.error("%s: skipped %d of %d records (%s)", where, len(errors), len(errors) + len(articles), first)
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
