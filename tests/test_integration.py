"""The brief of examples/ through the real pipeline: real model, real clustering, real WeasyPrint output."""

import json
import subprocess
import sys

import pypdf
import pytest

from briefgen import clauses
from tests.conftest import EXAMPLES, ROOT, pick_vectors
from tests.test_clean import SEED_BOILERPLATE

pytestmark = pytest.mark.slow


def test_every_article_appears_exactly_once(example_brief):
    brief, files = example_brief
    data = json.loads(files["json"].read_text())
    placed = [i for s in data["stories"] for i in s["article_ids"]] + data["also_noted"]
    assert sorted(placed) == sorted(a["id"] for a in data["articles"])
    assert len(data["articles"]) == 5


def test_everything_shown_is_verbatim_at_its_offsets(example_brief):
    _, files = example_brief
    data = json.loads(files["json"].read_text())
    texts = {a["id"]: a["text"] for a in data["articles"]}
    spans = [x for s in data["stories"] for key in ("summary", "quotes", "facts") for x in s[key]]
    assert spans, "the brief shows no sentence at all"
    for span in spans:
        assert texts[span["article_id"]][span["start"]:span["end"]] == span["text"]


def test_the_weaponized_quote_is_attributed_to_obama(embedder):
    from briefgen import clean, ingest, pick

    articles, _ = clean.clean_articles(ingest.read_sources([EXAMPLES])[0])
    presstv = [a for a in articles if a.source == "Press TV"]
    config = pick.PickConfig(max_quotes=10)
    story = pick.make_story(presstv, pick_vectors(presstv, embedder, config), config)
    [quote] = [q for q in story.quotes if q.text.startswith("We don’t want to see the Internet weaponized")]
    assert quote.speaker in {"Obama", "Barack Obama"}


def test_no_boilerplate_in_any_output(example_brief):
    _, files = example_brief
    html = files["html"].read_text()
    pdf_text = "\n".join(page.extract_text() for page in pypdf.PdfReader(files["pdf"]).pages)
    for line in SEED_BOILERPLATE:
        assert line not in html and line not in pdf_text, line


def test_pdf_parses_and_shows_the_brief(example_brief):
    brief, files = example_brief
    reader = pypdf.PdfReader(files["pdf"])
    assert len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert brief.title in text
    assert "Sources" in text
    for story in brief.stories:
        assert " ".join(story.headline.split()) in text


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_cli_without_readable_articles_fails_clearly(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_cli("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "no article could be read" in result.stderr
    assert "empty.txt" in result.stderr
    assert not (tmp_path / "out" / "brief.json").exists()


def test_cli_help_loads_no_heavy_library():
    """`briefgen --help` answers at once because the commands import their libraries only when they run."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "briefgen", "--help"], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0 and "build" in result.stdout
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "click" in imported, "the import log was read"
    heavy = {"torch", "onnxruntime", "sentence_transformers", "sklearn", "numpy", "weasyprint", "jinja2", "hdbscan"}
    assert imported & heavy == set()


def test_each_storys_bottom_line_opens_its_summary_and_is_up_front(example_brief):
    """The bottom line is the summary's first sentence or its main clause (`clauses`), shown with "…" when cut."""
    brief, files = example_brief
    html = files["html"].read_text()
    bluf = html[html.index("Bottom line up front"):html.index("</section>", html.index("Bottom line up front"))]
    for story in brief.stories:
        line, first = story.key_sentence, story.summary[0]
        assert (line.article_id, line.start) == (first.article_id, first.start) and first.text.startswith(line.text)
        shown = clauses.shown(line.text)
        assert shown.replace("’", "&#39;") in bluf or shown in bluf
