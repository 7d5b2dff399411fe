"""A real-volume night (wikinews-events dev + duc2006 dev): the brief holds together as its reader sees it."""

import json
import re

import pypdf
import pytest

from briefgen.config import BriefConfig

pytestmark = pytest.mark.slow


def test_every_article_of_the_night_is_placed_exactly_once(dev_night):
    _, files = dev_night
    data = json.loads(files["json"].read_text())
    placed = [i for s in data["stories"] for i in s["article_ids"]] + data["also_noted"]
    assert sorted(placed) == sorted(a["id"] for a in data["articles"])
    assert len(data["articles"]) > 1000


def test_the_pdf_of_a_real_night_is_a_brief_of_at_most_twelve_pages(dev_night):
    brief, files = dev_night
    reader = pypdf.PdfReader(files["pdf"])
    assert len(reader.pages) <= 12, f"{len(reader.pages)} pages"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    featured = [s for s in brief.stories if s.featured]
    assert len(featured) == BriefConfig().featured
    for story in featured:
        assert story.headline in text
    assert "More stories" in text and "Also in the news" in text and "How this brief was made" in text
    assert not re.search(r"\b1 (more |new )?(stories|articles|outlets|sources)\b", text)


def test_brief_json_keeps_every_story_with_its_featured_flag_the_top_ranked_featured(dev_night):
    brief, files = dev_night
    data = json.loads(files["json"].read_text())
    assert [s["id"] for s in data["stories"]] == [s.id for s in brief.stories] and len(data["stories"]) > 100
    flags = [s["featured"] for s in sorted(data["stories"], key=lambda s: s["rank"])]
    assert flags == [True] * BriefConfig().featured + [False] * (len(flags) - BriefConfig().featured)
    assert data["stats"]["featured"] == BriefConfig().featured


def test_the_html_lists_every_other_story_in_one_line_and_caps_citation_lists(dev_night):
    brief, files = dev_night
    html = files["html"].read_text()
    more = html[html.index(">More stories</h2>"):html.index(">Also in the news</h2>")]
    lines = re.findall(r'<li class="line" id="story-([^"]+)">', more)
    assert sorted(lines) == sorted(s.id for s in brief.stories if not s.featured)
    also = html[html.index(">Also in the news</h2>"):html.index(">Sources</h2>")]
    assert also.count('<li class="line">') == len(brief.also_noted)
    assert "<details>" in more and "<details>" in also  # long lists fold
    assert not re.search(r'(<a class="cite"[^>]*>\[\d+\]</a>){4}', html), "a citation list of more than three"
    assert re.search(r'\[\d+\]</a><span class="more-refs">&nbsp;\+\d+&nbsp;more</span>', more)
    assert not re.search(r"\b1 (more |new )?(stories|articles|outlets|sources)\b", html)
    assert "block_size=" not in html  # the raw settings are in brief.json, not in the reader's method section
