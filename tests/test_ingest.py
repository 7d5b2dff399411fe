import json

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
