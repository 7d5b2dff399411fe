import copy
import sqlite3

import numpy as np
import pytest

from briefgen.ingest import make_article
from briefgen.models import BriefgenError, Story
from briefgen.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "state") as s:
        yield s


def test_vectors_round_trip_exactly_and_per_model(store):
    rng = np.random.default_rng(0)
    vectors = {f"k{i}": rng.standard_normal(384).astype(np.float32) for i in range(1200)}  # > SQLite's 999 params
    store.put_vectors("m1", vectors)
    got = store.get_vectors("m1", [*vectors, "missing"])
    assert set(got) == set(vectors)
    assert all(np.array_equal(got[k], vectors[k]) for k in vectors)
    assert store.get_vectors("m2", list(vectors)) == {}


def test_old_vectors_are_pruned_and_recent_ones_kept(store):
    store.put_vectors("m", {"old": np.ones(3, np.float32), "new": np.zeros(3, np.float32)})
    store.db.execute("UPDATE vectors SET added = date('now', '-31 days') WHERE key = 'old'")
    store.db.commit()
    assert store.prune_vectors(days=30) == 1
    assert set(store.get_vectors("m", ["old", "new"])) == {"new"}


def test_the_embedder_fills_and_then_reads_the_cache(tmp_path, embedder):
    texts = ["The council voted to raise the flood wall by two metres.", "Chip exports face new licences."]
    with Store(tmp_path / "state") as store:
        first = copy.copy(embedder)  # the loaded model, with its own memory and this cache
        first.cache, first.memory, first.encoded = store, {}, 0
        vectors = first.encode(texts)
        assert first.encoded == 2
    with Store(tmp_path / "state") as store:  # a new run: new process memory, same file
        second = copy.copy(embedder)
        second.cache, second.memory, second.encoded = store, {}, 0
        again = second.encode(texts)
        assert second.encoded == 0
        assert np.array_equal(vectors, again)


def test_seen_articles_by_content_hash_or_url_and_only_from_earlier_briefs(store):
    a = make_article("Flood wall", "The council voted.", url="https://news.example/a")
    updated = make_article("Flood wall (updated)", "The council voted again.", url="https://news.example/a")
    other = make_article("Chips", "Export licences.")
    store.remember_articles([a], "2026-11-22")
    assert store.seen_before([a, updated, other], "2026-11-23") == {a.id, updated.id}
    assert store.seen_before([a], "2026-11-22") == set()  # rebuilding the same day is not "seen before"
    store.remember_articles([a], "2026-11-23")
    first, last = store.db.execute("SELECT first_brief, last_brief FROM articles WHERE id = ?", (a.id,)).fetchone()
    assert (first, last) == ("2026-11-22", "2026-11-23")


def test_a_day_rebuilt_replaces_its_stories_and_history_reads_the_latest(store):
    c = np.ones(4, np.float32) / 2
    s1 = Story("s-1", "Flood wall", ("a", "b"), status="new", first_seen="2026-11-21")
    store.remember_stories("2026-11-21", [s1], {"s-1": c})
    store.remember_stories("2026-11-22", [Story("s-1", "Flood wall grows", ("a", "b", "c"), first_seen="2026-11-21"),
                                          Story("s-2", "Chips", ("d", "e"))], {"s-1": c, "s-2": c})
    store.remember_stories("2026-11-22", [Story("s-1", "Flood wall grows", ("a", "b", "c"), first_seen="2026-11-21")],
                           {"s-1": c})  # a rerun of the 22nd
    past = store.past_stories(before="2026-11-23", since="2026-11-16")
    assert [(p.id, p.brief_date, p.article_ids, p.first_seen) for p in past] == [
        ("s-1", "2026-11-22", ("a", "b", "c"), "2026-11-21")]
    assert np.array_equal(past[0].centroid, c)
    assert store.last_brief_date("2026-11-23") == "2026-11-22"
    assert store.past_stories(before="2026-11-22", since="2026-11-16")[0].headline == "Flood wall"


def test_deliveries_are_recorded_per_brief_and_recipient(store):
    store.record_delivery("out/brief-2026-11-23", "Ana@Example.org", "2026-11-23T05:01:00+00:00", "<1@x>")
    assert store.delivered("out/brief-2026-11-23") == {"ana@example.org"}
    assert store.delivered("out/brief-2026-11-24") == set()


def test_the_state_is_a_plain_sqlite_file(tmp_path):
    with Store(tmp_path / "state") as store:
        store.remember_articles([make_article("T", "Body.")], "2026-11-23")
    tables = {r[0] for r in sqlite3.connect(tmp_path / "state" / "briefgen.sqlite").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"articles", "vectors", "stories", "briefs", "deliveries"}


def _night(store: Store) -> None:
    store.remember_articles([make_article("T", "Body.", url="https://x.example/1")], "2026-11-22")


@pytest.mark.parametrize("damage", ["empty", "not a database", "damaged page"])
def test_a_damaged_or_empty_state_file_is_moved_aside_with_one_warning(tmp_path, caplog, damage):
    with Store(tmp_path) as store:
        _night(store)
        store.put_vectors("m", {f"k{i}": np.ones(384) for i in range(200)})  # a few pages to damage
    path = tmp_path / "briefgen.sqlite"
    data = bytearray(path.read_bytes())
    if damage == "empty":
        data = b""
    elif damage == "not a database":
        data = b"this is not a database " * 100
    else:
        data[8192:12288] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))
    with Store(tmp_path) as store:
        assert store.seen_before([make_article("T", "Body.", url="https://x.example/1")], "2026-11-23") == set()
        _night(store)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "history restarts from this run" in warnings[0] and "\n" not in warnings[0]
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("briefgen.sqlite.")
               and not p.name.endswith(("-wal", "-shm"))]
    assert aside.name.startswith("briefgen.sqlite.empty-" if damage == "empty" else "briefgen.sqlite.damaged-")
    assert aside.read_bytes() == bytes(data)  # kept, not deleted


def test_a_state_locked_by_another_process_is_one_clear_error(tmp_path, monkeypatch):
    """A real sqlite3 process holds a write lock: the run fails with one line, after the (shortened) wait."""
    import shutil
    import subprocess

    from briefgen import store as store_module

    if not shutil.which("sqlite3"):
        pytest.skip("the sqlite3 command is not installed")
    with Store(tmp_path) as store:
        _night(store)
    monkeypatch.setattr(store_module, "LOCK_WAIT", 0.5)
    holder = subprocess.Popen(["sqlite3", str(tmp_path / "briefgen.sqlite")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        holder.stdin.write("BEGIN EXCLUSIVE; INSERT INTO deliveries VALUES ('b', 'r', 's', 'm'); SELECT 'held';\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BriefgenError) as caught, Store(tmp_path) as store:
            _night(store)
        error = str(caught.value)
    finally:
        holder.kill()
        holder.wait()
    assert error == (f"{tmp_path / 'briefgen.sqlite'}: the state database is locked by another process (waited "
                     "0.5 s); try again when it is done")
