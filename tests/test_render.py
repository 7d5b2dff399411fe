"""The brief as files: golden snapshots, the real PDF (pypdf) and its pages as pictures (pdftoppm), themes,
templates."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pypdf
import pytest
from PIL import Image

from briefgen import render, sample
from briefgen.models import BriefgenError, Quote, Topic
from tests.golden.build import HERE as GOLDEN, SNAPSHOTS, golden_brief, golden_theme, render_snapshots

Theme = render.Theme
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    return render.write_brief(golden_brief(), out, theme=golden_theme())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item.title]
    return list(walk(reader.outline))


class Tags(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# --- golden snapshots ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SNAPSHOTS)
def test_rendering_matches_the_golden_snapshot(name):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert render_snapshots()[name] == expected, f"{name} changed: run `make golden` and review the diff"


def test_golden_snapshots_hold_no_machine_path_or_clock():
    for name in SNAPSHOTS:
        text = (GOLDEN / name).read_text(encoding="utf-8")
        assert str(GOLDEN.parent.parent) not in text and "file:" not in text
        assert "2026-03-04T05:30:00+00:00" in text  # the brief's own time, never the time of the test run


# --- PDF ----------------------------------------------------------------------------------------------------------

def test_write_brief_writes_four_files_atomically(tmp_path):
    files = render.write_brief(golden_brief(), tmp_path, stem="monday")
    assert files == {kind: tmp_path / f"monday.{kind}" for kind in ("html", "pdf", "json", "md")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["monday.html", "monday.json", "monday.md", "monday.pdf"]
    assert files["pdf"].read_bytes().startswith(b"%PDF-")


def test_pdf_has_headlines_bookmarks_metadata_and_links(written):
    brief = golden_brief()
    reader = pypdf.PdfReader(written["pdf"])
    assert 1 <= len(reader.pages) <= 3
    text = pdf_text(written["pdf"])
    for story in brief.stories:
        assert story.headline in text
    assert "OFFICIAL — FOR INTERNAL USE" in text and "Page 1 of" in text
    titles = outline_titles(reader)
    for story in brief.stories:  # a featured story has its bookmark; a story in one line is found in its section
        assert any(t.endswith(story.headline) for t in titles) == story.featured, titles
    assert {"Bottom line up front", "More stories", "Sources", "How this brief was made"} <= set(titles)
    assert reader.metadata.title == "Trade and regulation morning brief — 4 March 2026"
    assert reader.metadata.author == "Office of Economic Analysis"
    assert reader.metadata.creation_date.isoformat().startswith("2026-03-04T05:30")
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) if
             a.get_object()["/Subtype"] == "/Link"]
    uris = {link["/A"]["/URI"] for link in links if "/URI" in link.get("/A", {})}
    # d3 is the third source of a story in one line ("[8][9] +1 more"): it is numbered in the HTML, not printed.
    assert uris == {render.safe_url(a.url) for a in brief.articles if a.url and a.id != "d3"}
    assert "+1 more" in text
    internal = [link for link in links if "/Dest" in link or link.get("/A", {}).get("/S") == "/GoTo"]
    assert len(internal) >= 10  # every [n] is a link to its source


def test_page_size_comes_from_the_theme(tmp_path):
    for size, (width_mm, height_mm) in {"A4": (210, 297), "Letter": (215.9, 279.4)}.items():
        files = render.write_brief(golden_brief(), tmp_path / size, theme=Theme(page_size=size))
        box = pypdf.PdfReader(files["pdf"]).pages[0].mediabox
        assert (round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)) == (width_mm, height_mm)



def test_titles_in_other_scripts_print_with_real_glyphs(tmp_path, caplog):
    """News cites sources in many scripts (a Korean title is in wikinews-events dev); a missing font prints empty
    boxes, which WeasyPrint reports as a .notdef glyph. `scripts/system-deps.sh` installs the fonts."""
    brief = golden_brief()
    title = "서울 항만 파업 · 上海港口罢工 · 東京の港湾スト · Забастовка в порту · Απεργία · Grève à Dakar"
    brief = dataclasses.replace(brief, articles=(dataclasses.replace(brief.articles[0], title=title),
                                                 *brief.articles[1:]))
    with caplog.at_level("WARNING", logger="weasyprint"):
        files = render.write_brief(brief, tmp_path)
    assert not [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
    text = "".join(page.extract_text() for page in pypdf.PdfReader(files["pdf"]).pages)
    assert "서울 항만 파업" in text and "Забастовка" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_pages_as_pictures_have_ink_and_nothing_runs_off_the_page(tmp_path):
    """Rasterise every page: none is blank, and no text or bar crosses into the outer margin (overflow)."""
    brief = golden_brief()
    long_title = "Unbreakable" + "X" * 160  # a URL-like token wider than the page
    articles = tuple(dataclasses.replace(a, title=long_title) if a.id == "c1" else a for a in brief.articles)
    files = render.write_brief(dataclasses.replace(brief, articles=articles), tmp_path, theme=golden_theme())
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(files["pdf"]), str(tmp_path / "page")], check=True,
                   timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(pypdf.PdfReader(files["pdf"]).pages)
    for png in pages:
        image = Image.open(png).convert("L")
        width, height = image.size
        assert (width, height) == (331, 468)  # A4 at 40 dpi
        margin = int(12 * 40 / 25.4)  # the page margin is 18 mm; ink may reach 6 mm into it, no further
        body = image.crop((margin, margin, width - margin, height - margin))
        assert body.getextrema()[0] < 128, f"{png.name} is blank"
        for strip in (image.crop((0, 0, margin, height)), image.crop((width - margin, 0, width, height))):
            assert strip.getextrema()[0] > 240, f"{png.name}: something runs into the side margin"


def test_thirty_stories_paginate_with_a_bookmark_each(tmp_path):
    brief = sample.synthetic_brief(30, featured=30)
    html = render.render_html(brief, full=False)
    reader = pypdf.PdfReader(io.BytesIO(render.render_pdf(html)))
    assert 15 <= len(reader.pages) <= 40
    titles = outline_titles(reader)
    assert sum(t.split(" ", 1)[-1] in {s.headline for s in brief.stories} for t in titles) == 30
    assert "and 15 more stories not drawn" in html  # the chart keeps to a glance


# --- structure ----------------------------------------------------------------------------------------------------

def test_html_is_one_self_contained_file_with_semantic_headings(written):
    html = written["html"].read_text()
    tags = Tags(html).tags
    assert [t for t, _ in tags].count("h1") == 1
    assert not [a for t, a in tags if t in ("link", "script", "iframe")]
    sources = [a.get("src", "") for t, a in tags if t in ("img", "source", "video", "audio")]
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)  # the logo, inlined
    assert "<svg" in html and 'name="viewport"' in html
    cited = {int(n) for n in re.findall(r'href="#src-(\d+)"', html)}
    numbered = {int(n) for n in re.findall(r'id="src-(\d+)"', html)}
    assert cited and cited <= numbered == set(range(1, len(golden_brief().articles) + 1))


def test_sections_in_reading_order(written):
    html = written["html"].read_text()
    order = [">Bottom line up front</h2>", ">Coverage at a glance</h2>", "for a third day</h3>",
             "data protection overhaul</h3>", ">More stories</h2>", "Rail operator orders 40 new trains</span>",
             ">Also in the news</h2>", ">Sources</h2>", ">How this brief was made</h2>"]
    positions = [html.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "feeds/broken.json" in html and "invalid JSON at line 3" in html
    assert "reported by 2 outlets" in html and "developing" in html and ">new<" in html


def test_json_numbers_match_the_citations_in_the_html(written):
    data = json.loads(written["json"].read_text())
    html = written["html"].read_text()
    for source in data["sources"]:
        article = next(a for a in data["articles"] if a["id"] == source["article_id"])
        item = re.search(rf'<li id="src-{source["number"]}"[^>]*>(.*?)</li>', html, re.S)[1]
        assert jinja2.utils.markupsafe.escape(article["title"]) in item
    for key in ("stories", "also_noted", "articles", "generated_at", "failures", "manifest"):
        assert key in data


def test_stories_are_grouped_under_topics_when_there_are_topics():
    brief = golden_brief()
    topics = (Topic("t-econ", "Economy & trade", ("ports",)),)
    html = render.render_html(dataclasses.replace(brief, topics=topics))
    econ, other = html.index(">Economy &amp; trade</h2>"), html.index(">Other stories</h2>")
    assert econ < html.index("Port strike halts grain exports for a third day</h3>") < other
    assert other < html.index("Parliament passes data protection overhaul</h3>")
    flat = render.render_html(brief)
    assert ">Stories</h2>" in flat and "Other stories" not in flat


def test_email_and_text_variants():
    brief = golden_brief()
    email = render.render_email_html(brief, golden_theme())
    tags = {t for t, _ in Tags(email).tags}
    assert not tags & {"style", "svg", "img", "script", "link"}
    text = render.render_text(brief)
    assert "<" not in text and "OFFICIAL" not in text  # no theme, no marking
    for story in brief.stories:  # every story by its headline; the featured ones with their summary
        assert story.headline in email and story.headline in text
        assert (story.summary[0].text in text) == story.featured


# --- theming ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"accent": "red; } body { display: none"}, "not a CSS colour"),
    ({"accent": "transparent"}, "not a CSS colour"),
    ({"accent": "url(https://example.org/x)"}, "not a CSS colour"),
    ({"page_size": "A5"}, "page_size"),
    ({"logo": Path("/nonexistent/logo.png")}, "no such file"),
    ({"logo": Path(__file__)}, "use one of"),
])
def test_bad_theme_values_fail_clearly(kwargs, message):
    with pytest.raises(BriefgenError, match=message):
        Theme(**kwargs)


def test_theme_accent_and_organisation_reach_the_page():
    html = render.render_html(golden_brief(), Theme(organisation="Ministry of Tests", accent="rgb(120, 20, 60)"))
    assert "Ministry of Tests" in html and "color: rgb(120, 20, 60)" in html and "#0b3d5c" not in html


def test_a_user_template_extends_the_builtin_one(tmp_path):
    (tmp_path / "brief.html.j2").write_text(
        '{% extends "builtin/brief.html.j2" %}{% block bluf %}<p class="house">House summary</p>{% endblock %}')
    html = render.render_html(golden_brief(), templates=tmp_path)
    assert '<p class="house">House summary</p>' in html
    assert "Bottom line up front" not in html and "Port strike halts" in html


def test_templates_fail_on_undefined_variables(tmp_path):
    (tmp_path / "brief.html.j2").write_text("{{ brief.no_such_field }}")
    with pytest.raises(jinja2.UndefinedError):
        render.render_html(golden_brief(), templates=tmp_path)


def test_a_mixed_quote_keeps_its_own_quote_marks_and_gets_no_second_pair():
    # A mixed quote is the reported clause around a quoted fragment: its marks are the source's. The seeds showed
    # “… take some countervailing actions”” before mixed quotes were told apart.
    brief = golden_brief()
    story = brief.stories[0]
    article = next(a for a in brief.articles if a.id == story.quotes[0].article_id)
    clause = next(s for s in article.sentences if "“" in s.text)
    mixed = dataclasses.replace(story.quotes[0], text=clause.text, start=clause.start, end=clause.end, kind="mixed")
    brief = dataclasses.replace(brief, stories=(dataclasses.replace(story, quotes=(mixed,)), *brief.stories[1:]))
    outputs = {"html": render.render_html(brief), "email": render.render_email_html(brief),
               "md": render.render_markdown(brief), "txt": render.render_text(brief)}
    for name, text in outputs.items():
        assert "““" not in text and "””" not in text and "”.”" not in text, name
        assert clause.text.split("“")[1].split("”")[0][:30] in text.replace("\\", ""), name
    assert f"“{story.quotes[0].text}”" in render.render_text(golden_brief())  # a direct quote is still in marks


def test_an_article_without_a_title_is_listed_by_its_first_words():
    brief = golden_brief()
    untitled = tuple(dataclasses.replace(a, title="") if a.id == "c1" else a for a in brief.articles)
    brief = dataclasses.replace(brief, articles=untitled)
    for text in (render.render_html(brief), render.render_text(brief), render.render_markdown(brief)):
        assert "Forecasters issued a heat warning for five southern provinces." in text.replace("\\", "")
    also = render.render_html(brief).split(">Also in the news</h2>")[1].split("</section>")[0]
    assert '<li class="line"> <span' not in also


def test_who_said_what_shows_a_cue_only_where_the_statement_follows_it():
    """'Traders — said buyers in North Africa were …' reads; 'Rowe — according to 94 percent …' (the source left
    out) and 'Ansa — reported A man was killed …' (a claim written before its attribution) do not: those show the
    statement alone after the actor."""
    brief = golden_brief()
    article = next(a for a in brief.articles if a.id == "a2")
    cue = article.text.index("Traders said") + len("Traders said ")
    end = article.text.index(".", cue)
    sentence = next(s for s in article.sentences if s.start < cue < s.end)
    said = Quote(article.text[cue:end], "Traders", "said", "a2", cue, end, "reported")
    according = dataclasses.replace(said, speaker="Grain Board", cue="according to")
    reported = Quote(sentence.text.rstrip("."), "Wire", "reported", "a2", sentence.start,
                     sentence.start + len(sentence.text.rstrip(".")), "reported")
    story = dataclasses.replace(brief.stories[0], statements=(said, according, reported))
    html = render.render_html(dataclasses.replace(brief, stories=(story, *brief.stories[1:])))
    shown = [re.sub(r"<[^>]+>|&nbsp;.*", "", dd).strip() for dd in re.findall(r"<dd>(.*?)</dd>", html, re.S)]
    assert shown == [f"said {said.text}", according.text, reported.text]
