"""Run state in one SQLite file: articles seen, the embedding cache, stories of past briefs, deliveries."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from briefgen.models import Article, BriefgenError

log = logging.getLogger(__name__)

STATE_FILE = "briefgen.sqlite"
LOCK_WAIT = 30  # seconds: a cron run and a manual `briefgen send` may meet; wait for the other writer
# Every sentence of every article is embedded (~1.5 kB a vector): kept forever, a busy night's feeds would grow
# the file by gigabytes a year. Older vectors are dropped; a text still in use is embedded again, once.
CACHE_DAYS = 30
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, url TEXT NOT NULL, first_brief TEXT NOT NULL, last_brief TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL, added TEXT NOT NULL DEFAULT (date('now')),
    PRIMARY KEY (model, key));
CREATE TABLE IF NOT EXISTS stories (
    brief_date TEXT NOT NULL, id TEXT NOT NULL, headline TEXT NOT NULL, article_ids TEXT NOT NULL,
    first_seen TEXT NOT NULL, status TEXT NOT NULL, centroid BLOB NOT NULL, PRIMARY KEY (brief_date, id));
CREATE TABLE IF NOT EXISTS briefs (
    brief TEXT PRIMARY KEY, inputs_sha256 TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
    brief TEXT NOT NULL, recipient TEXT NOT NULL, sent_at TEXT NOT NULL, message_id TEXT NOT NULL,
    PRIMARY KEY (brief, recipient));
"""


@dataclass(frozen=True, slots=True)
class PastStory:
    id: str
    brief_date: str
    headline: str
    article_ids: tuple[str, ...]
    first_seen: str
    centroid: np.ndarray


def guarded(method):
    """sqlite3 errors (locked, read-only, disk full, damaged) become one `BriefgenError` naming the file."""
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as e:
            raise BriefgenError(f"{self.path}: {explain(e)}") from None
    return call


def explain(error: sqlite3.Error) -> str:
    text = str(error)
    if "locked" in text:
        return f"the state database is locked by another process (waited {LOCK_WAIT} s); try again when it is done"
    if "readonly" in text:
        return "the state database is read-only: briefgen cannot record tonight's brief (check its owner)"
    return f"cannot use the state database ({text})"


def damage(path: Path) -> str | None:
    """Why the state file cannot be used (empty, not a database, a damaged page), or None when it can."""
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return "empty (0 bytes)"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=LOCK_WAIT) as db:
            verdict = db.execute("PRAGMA quick_check(1)").fetchone()[0]
        db.close()
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "readonly" in str(e) or "unable to open" in str(e):
            raise BriefgenError(f"{path}: {explain(e)}") from None
        return f"damaged ({e})"
    except sqlite3.DatabaseError as e:
        return f"damaged ({e})"
    return None if verdict == "ok" else f"damaged ({' '.join(verdict.split())[:200]})"  # one line


def move_aside(path: Path, reason: str) -> Path:
    """The unusable file (and its journal) renamed beside itself, never deleted: someone may want it back."""
    aside = path.with_name(f"{path.name}.{reason.split()[0]}-{dt.datetime.now():%Y%m%dT%H%M%S}")
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.rename(aside)
    return aside


class Store:
    """One connection to `<folder>/briefgen.sqlite`; every write is its own committed transaction."""

    def __init__(self, folder: Path):
        folder = Path(folder)
        self.path = folder / STATE_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if reason := damage(self.path):
                aside = move_aside(self.path, reason)
                log.warning("%s: state file %s; moved to %s — history restarts from this run", self.path, reason,
                            aside.name)
            self.db = sqlite3.connect(self.path, timeout=LOCK_WAIT)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as e:
            raise BriefgenError(f"{self.path}: {explain(e)}") from None
        except OSError as e:
            raise BriefgenError(f"{self.path}: cannot open the state database ({e.strerror})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # The embedding cache: the `VectorCache` protocol of embed.py.
    @guarded
    def get_vectors(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
            chunk = keys[start:start + 500]
            rows = self.db.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND key IN "
                                   f"({','.join('?' * len(chunk))})", [model, *chunk])
            found.update((key, np.frombuffer(blob, dtype=np.float32).copy()) for key, blob in rows)
        return found

    @guarded
    def put_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)",
                                [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()])

    @guarded
    def prune_vectors(self, days: int = CACHE_DAYS) -> int:
        with self.db:
            dropped = self.db.execute("DELETE FROM vectors WHERE added < date('now', ?)", (f"-{days} days",)).rowcount
        if dropped:
            log.info("store: dropped %d cached vectors older than %d days", dropped, days)
        return dropped

    # Articles seen: by content hash (the article id) and by URL (an updated page keeps its URL).
    @guarded
    def seen_before(self, articles: list[Article], brief_date: str) -> set[str]:
        """Ids of the articles that an earlier brief (dated before `brief_date`) already included."""
        seen = set()
        for a in articles:
            row = self.db.execute("SELECT 1 FROM articles WHERE first_brief < ? AND (id = ? OR (url != '' AND url = ?))"
                                  " LIMIT 1", (brief_date, a.id, a.url)).fetchone()
            if row:
                seen.add(a.id)
        return seen

    @guarded
    def remember_articles(self, articles: list[Article], brief_date: str) -> None:
        with self.db:
            self.db.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "first_brief = min(first_brief, excluded.first_brief), "
                "last_brief = max(last_brief, excluded.last_brief)",
                [(a.id, a.url, brief_date, brief_date) for a in articles])

    # Stories of past briefs: what "new" and "developing" are measured against.
    @guarded
    def past_stories(self, before: str, since: str) -> list[PastStory]:
        """The latest record of each story shown in a brief dated in [since, before)."""
        rows = self.db.execute(
            "SELECT id, brief_date, headline, article_ids, first_seen, centroid FROM stories "
            "WHERE brief_date < ? AND brief_date >= ? ORDER BY brief_date DESC, id", (before, since)).fetchall()
        latest: dict[str, PastStory] = {}
        for id, date, headline, ids, first_seen, centroid in rows:
            if id not in latest:
                latest[id] = PastStory(id, date, headline, tuple(json.loads(ids)), first_seen,
                                       np.frombuffer(centroid, dtype=np.float32).copy())
        return sorted(latest.values(), key=lambda s: (s.brief_date, s.id), reverse=True)

    @guarded
    def last_brief_date(self, before: str) -> str:
        row = self.db.execute("SELECT max(brief_date) FROM stories WHERE brief_date < ?", (before,)).fetchone()
        return row[0] or ""

    @guarded
    def remember_stories(self, brief_date: str, stories, centroids: dict[str, np.ndarray]) -> None:
        """Replace this date's stories: rebuilding a day's brief never leaves two versions of it."""
        with self.db:
            self.db.execute("DELETE FROM stories WHERE brief_date = ?", (brief_date,))
            self.db.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)", [
                (brief_date, s.id, s.headline, json.dumps(list(s.article_ids)), s.first_seen or brief_date,
                 s.status, np.asarray(centroids[s.id], dtype=np.float32).tobytes()) for s in stories])

    # Briefs recorded: a brief on disk counts as done only once its articles and stories are recorded here.
    @guarded
    def recorded(self, brief: str) -> str:
        """The inputs digest of the brief `brief` (its identity) as last recorded, "" when never recorded."""
        row = self.db.execute("SELECT inputs_sha256 FROM briefs WHERE brief = ?", (brief,)).fetchone()
        return row[0] if row else ""

    @guarded
    def record_brief(self, brief: str, inputs_sha256: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO briefs VALUES (?, ?, ?)",
                            (brief, inputs_sha256, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))

    # Deliveries: a rerun of the same brief mails nobody twice.
    @guarded
    def delivered(self, brief: str) -> set[str]:
        return {r for (r,) in self.db.execute("SELECT recipient FROM deliveries WHERE brief = ?", (brief,))}

    @guarded
    def record_delivery(self, brief: str, recipient: str, sent_at: str, message_id: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO deliveries VALUES (?, ?, ?, ?)",
                            (brief, recipient.lower(), sent_at, message_id))
