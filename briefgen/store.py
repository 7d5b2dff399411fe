"""Run state in one SQLite file: articles seen, the embedding cache, stories of past briefs, deliveries."""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from briefgen.models import Article, BriefgenError

log = logging.getLogger(__name__)

STATE_FILE = "briefgen.sqlite"
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


class Store:
    """One connection to `<folder>/briefgen.sqlite`; every write is its own committed transaction."""

    def __init__(self, folder: Path):
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.path = folder / STATE_FILE
            # A cron run and a manual `briefgen send` may meet: wait for the other writer instead of failing.
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as e:
            raise BriefgenError(f"{folder / STATE_FILE}: cannot open the state database ({e})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # The embedding cache: the `VectorCache` protocol of embed.py.
    def get_vectors(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
            chunk = keys[start:start + 500]
            rows = self.db.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND key IN "
                                   f"({','.join('?' * len(chunk))})", [model, *chunk])
            found.update((key, np.frombuffer(blob, dtype=np.float32).copy()) for key, blob in rows)
        return found

    def put_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)",
                                [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()])

    def prune_vectors(self, days: int = CACHE_DAYS) -> int:
        with self.db:
            dropped = self.db.execute("DELETE FROM vectors WHERE added < date('now', ?)", (f"-{days} days",)).rowcount
        if dropped:
            log.info("store: dropped %d cached vectors older than %d days", dropped, days)
        return dropped

    # Articles seen: by content hash (the article id) and by URL (an updated page keeps its URL).
    def seen_before(self, articles: list[Article], brief_date: str) -> set[str]:
        """Ids of the articles that an earlier brief (dated before `brief_date`) already included."""
        seen = set()
        for a in articles:
            row = self.db.execute("SELECT 1 FROM articles WHERE first_brief < ? AND (id = ? OR (url != '' AND url = ?))"
                                  " LIMIT 1", (brief_date, a.id, a.url)).fetchone()
            if row:
                seen.add(a.id)
        return seen

    def remember_articles(self, articles: list[Article], brief_date: str) -> None:
        with self.db:
            self.db.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "first_brief = min(first_brief, excluded.first_brief), "
                "last_brief = max(last_brief, excluded.last_brief)",
                [(a.id, a.url, brief_date, brief_date) for a in articles])

    # Stories of past briefs: what "new" and "developing" are measured against.
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

    def last_brief_date(self, before: str) -> str:
        row = self.db.execute("SELECT max(brief_date) FROM stories WHERE brief_date < ?", (before,)).fetchone()
        return row[0] or ""

    def remember_stories(self, brief_date: str, stories, centroids: dict[str, np.ndarray]) -> None:
        """Replace this date's stories: rebuilding a day's brief never leaves two versions of it."""
        with self.db:
            self.db.execute("DELETE FROM stories WHERE brief_date = ?", (brief_date,))
            self.db.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)", [
                (brief_date, s.id, s.headline, json.dumps(list(s.article_ids)), s.first_seen or brief_date,
                 s.status, np.asarray(centroids[s.id], dtype=np.float32).tobytes()) for s in stories])

    # Deliveries: a rerun of the same brief mails nobody twice.
    def delivered(self, brief: str) -> set[str]:
        return {r for (r,) in self.db.execute("SELECT recipient FROM deliveries WHERE brief = ?", (brief,))}

    def record_delivery(self, brief: str, recipient: str, sent_at: str, message_id: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO deliveries VALUES (?, ?, ?, ?)",
                            (brief, recipient.lower(), sent_at, message_id))
