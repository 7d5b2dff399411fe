import json
import shutil
from pathlib import Path

from briefgen import ingest
from tests.conftest import EXAMPLES


def test_reads_the_examples_with_their_metadata():
    articles, failures = ingest.read_sources([EXAMPLES])
    assert failures == []
    assert len(articles) == 5
    voa = next(a for a in articles if a.source == "VOA News")
    assert voa.title == "Obama to Push Chinese President on Cyberattacks"
    assert voa.published == "2013-06-04"


def test_plain_text_first_line_is_the_title(tmp_path):
    (tmp_path / "a.txt").write_text("\n\nMy headline\n\nFirst paragraph here.\n", encoding="utf-8")
    [article], failures = ingest.read_sources([tmp_path])
    assert failures == [] and article.title == "My headline"
    assert article.text.strip() == "First paragraph here."


def test_same_article_twice_is_one_article(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Title\n\nSame body.\n", encoding="utf-8")
    articles, _ = ingest.read_sources([tmp_path])
    assert len(articles) == 1


def test_json_and_jsonl_readers(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"title": "T1", "text": "Body one.", "source": "Wire"}))
    (tmp_path / "many.jsonl").write_text(
        json.dumps({"title": "T2", "text": "Body two.", "id": "x2"}) + "\n{broken\n"
        + json.dumps({"title": "T3", "text": "Body three.", "url": "https://example.org/3"}) + "\n")
    articles, failures = ingest.read_sources([tmp_path])
    assert sorted(a.title for a in articles) == ["T1", "T2", "T3"]
    assert {a.id for a in articles} >= {"x2"}
    assert failures == []  # one bad line is logged; the file still gave articles


def test_html_reader_extracts_the_article(tmp_path):
    body = "".join(f"<p>Paragraph {i} of the report says the council met on Tuesday to vote on the budget.</p>"
                   for i in range(6))
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Council votes</title></head><body><nav>Home | About</nav><article><h1>Council votes"
        f"</h1>{body}</article></body></html>", encoding="utf-8")
    [article], failures = ingest.read_sources([tmp_path])
    assert failures == []
    assert "council met on Tuesday" in article.text
    assert "Home | About" not in article.text


def test_bad_files_are_named_and_the_rest_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Good title\n\nGood body.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path.parent / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 title\n\nCaf\xe9 body.\n".encode("latin-1"))
    articles, failures = ingest.read_sources([tmp_path, tmp_path / "missing.txt", tmp_path.parent / "notes.docx"])
    assert sorted(a.title for a in articles) == ["Café title", "Good title"]
    reasons = {f.source.split("/")[-1]: f.reason for f in failures}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.json", "missing.txt", "notes.docx"}
    assert "binary" in reasons["binary.txt"]
    assert "invalid JSON" in reasons["broken.json"]
    assert "no such file" in reasons["missing.txt"]
    assert "unsupported file type" in reasons["notes.docx"]


def test_an_outlet_named_by_its_host_is_named_by_its_registered_domain(tmp_path):
    rows = [("news.bbc.co.uk", "bbc.co.uk"), ("www.bbc.co.uk", "bbc.co.uk"), ("uk.reuters.com", "reuters.com"),
            ("in.reuters.com", "reuters.com"), ("abc.net.au", "abc.net.au"), ("thenews.com.pk", "thenews.com.pk"),
            ("South China Morning Post", "South China Morning Post"), ("Press TV", "Press TV")]
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(json.dumps({"title": f"Story {i}", "text": f"Body of story {i}.", "source": source})
                              for i, (source, _) in enumerate(rows)) + "\n")
    articles, failures = ingest.read_sources([path])
    assert not failures
    assert [a.source for a in sorted(articles, key=lambda a: a.title)] == [outlet for _, outlet in rows]


def test_hostile_json_shapes_cost_only_their_file_or_line(tmp_path, caplog):
    good = json.dumps({"title": "Good", "text": "The council met on Tuesday."})
    (tmp_path / "nested.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "nested.jsonl").write_text(good + "\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    (tmp_path / "number.json").write_text('{"articles": 5}')
    (tmp_path / "null.json").write_text('{"articles": null}')
    (tmp_path / "surrogate.jsonl").write_text('{"title": "Lone \\ud800", "text": "Body \\udfff here."}\n'
                                              + json.dumps({"title": "Other", "text": "Second good body."}) + "\n")
    (tmp_path / "mixed.json").write_text(json.dumps([{"title": "Kept", "text": "A kept body."}, 7, {"text": 3}]))
    articles, failures = ingest.read_sources([tmp_path])
    assert sorted(a.title for a in articles) == ["Good", "Kept", "Lone \ufffd", "Other"]
    assert next(a for a in articles if a.title == "Lone \ufffd").text == "Body \ufffd here."
    for a in articles:  # every text can be written as UTF-8: the embedding cache, SQLite and the PDF need it
        (a.title + a.text).encode("utf-8")
    reasons = {f.source.rsplit("/", 1)[-1]: f.reason for f in failures}
    assert reasons == {"nested.json": "JSON nested too deeply to be articles",
                       "number.json": "expected an article object or a list of them, got a number",
                       "null.json": "expected an article object or a list of them, got null"}
    assert "nested.jsonl: skipped 1 of 2 records (line 2: JSON nested too deeply" in caplog.text
    assert "mixed.json: skipped 2 of 3 records (record 1: expected an object" in caplog.text


def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path):
    for encoding in ("utf-16", "utf-16-be", "utf-32", "utf-32-be"):
        bom = "\ufeff" if encoding.endswith("be") else ""
        (tmp_path / f"{encoding}.txt").write_bytes((bom + f"Title in {encoding}\n\nCafé body in {encoding}.\n")
                                                   .encode(encoding))
    articles, failures = ingest.read_sources([tmp_path])
    assert failures == []
    assert sorted(a.text.strip() for a in articles) == sorted(f"Café body in {e}." for e in
                                                      ("utf-16", "utf-16-be", "utf-32", "utf-32-be"))


def test_an_unreadable_folder_is_reported():
    """A folder the user may not list is a failure naming it. Root reads everything, so the subprocess drops to
    `nobody` once briefgen and the codecs are imported (pytest's own tmp folder is closed to others)."""
    import os
    import subprocess
    import sys
    import tempfile

    from tests.conftest import ROOT

    tmp_path = Path(tempfile.mkdtemp(prefix="briefgen-unreadable-"))
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "ok.txt").write_text("Open title\n\nOpen body.\n")
    (tmp_path / "in" / "locked" / "hidden.txt").write_text("Hidden\n\nHidden body.\n")
    os.chmod(tmp_path / "in" / "locked", 0)
    os.chmod(tmp_path, 0o755)
    code = ("import codecs, os, sys; from briefgen import ingest; codecs.lookup('utf-8-sig')\n"
            "if os.geteuid() == 0: os.setgid(65534); os.setuid(65534)\n"
            "a, f = ingest.read_sources([sys.argv[1]]); print([x.title for x in a]); "
            "print([(x.source, x.reason) for x in f])")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "in")], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd="/")
    os.chmod(tmp_path / "in" / "locked", 0o755)
    shutil.rmtree(tmp_path)
    titles, failures = done.stdout.splitlines()
    assert titles == "['Open title']"
    assert failures == f"[('{tmp_path / 'in' / 'locked'}', 'cannot read the folder (Permission denied)')]"
    assert done.stderr.count("locked") == 1 and "Traceback" not in done.stderr


def test_garbage_of_every_kind_never_escapes_read_sources(tmp_path):
    """Property-style: seeded random files (bytes, nesting, odd encodings, odd JSON shapes, odd names) through
    read_sources; nothing may escape, every file is read or named once, every text is writable UTF-8."""
    import random

    rng = random.Random(14)
    shapes = ['{"articles": %s}', "[%s]", "%s", '{"title": %s, "text": %s}', '{"text": "ok %s"}']
    values = ["null", "5", "-1e999", "true", '"\\ud800"', '"\\u0000"', "[]", "{}", '"' + "x" * 5000 + '"',
              "1" * 5000, '"<script>alert(1)</script>"', '"\\ud83d\\ude00"', '"‮ RTL"']
    made = []
    for n in range(120):
        kind = rng.choice(["bytes", "nest", "json", "jsonl", "encoded", "feed", "html"])
        if kind == "bytes":
            name, data = f"r{n}.{rng.choice(['txt', 'json', 'xml', 'html', 'jsonl', 'md'])}", rng.randbytes(
                rng.randrange(0, 3000))
        elif kind == "nest":
            depth = rng.choice([10, 1000, 50_000])
            name, data = f"n{n}.{rng.choice(['json', 'jsonl', 'xml', 'html'])}", (
                rng.choice(["[", "{\"a\":", "<div>", "<a>"]) * depth).encode()
        elif kind in ("json", "jsonl"):
            shape = rng.choice(shapes)
            body = shape % tuple(rng.choice(values) for _ in range(shape.count("%s")))
            name, data = f"j{n}.{kind}", body.encode()
        elif kind == "encoded":
            text = rng.choice(["Title\n\nCafé body ünïcode.\n", "Τίτλος\n\nΚείμενο.\n", "\ufeff\n\n"])
            encoding = rng.choice(["utf-16", "utf-32", "utf-16-le", "cp1252", "utf-8", "shift_jis", "utf-7"])
            name, data = f"e{n}.txt", text.encode(encoding, errors="replace")
            data = data[:rng.randrange(len(data) + 1)] if rng.random() < 0.3 else data
        elif kind == "feed":
            name, data = f"f{n}.rss", (b"<?xml version='1.0'?><rss><channel><item><title>" + rng.randbytes(200)
                                       + b"</title><description>" + rng.randbytes(300))
        else:
            name, data = f"h{n}.html", b"<html><body>" + rng.randbytes(2000) + b"<p>" * rng.randrange(5000)
        if rng.random() < 0.1:
            name = f"odd \u202e name {n}\n.{name.rsplit('.', 1)[1]}"
        (tmp_path / name).write_bytes(data)
        made.append(name)
    articles, failures = ingest.read_sources([tmp_path])
    assert len(made) == 120
    named = [f.source for f in failures]
    assert len(named) == len(set(named)), "a file is named once"
    for a in articles:
        (a.title + a.text + a.source + a.url + a.path).encode("utf-8")
    for f in failures:
        (f.source + f.reason).encode("utf-8")
        assert "\n" not in f.source + f.reason
    assert len({a.path.split("[")[0].rsplit(":", 1)[0] for a in articles} | set(named)) <= 120
