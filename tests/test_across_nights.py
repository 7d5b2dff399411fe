"""Two nights with a 48-hour window over a real SQLite state: a story briefed and unchanged since is marked so and
gives way to a developing one; an article that arrived after last night's brief counts as new. Real model."""

import dataclasses
import datetime as dt
import json

import pytest

from briefgen import nightly
from briefgen.config import BriefConfig, Config, Output, Sources, Window
from briefgen.store import Store
from tests.test_nightly import FLOOD_1, FLOOD_2, NIGHT_1, NIGHT_2, NURSES_1, OUTLETS

pytestmark = pytest.mark.slow

NURSES_LEDGER = ("Elwick General nurses begin 48-hour strike",
                 "A 48-hour strike by nurses at Elwick General Hospital began on Saturday after the health board and "
                 "the nurses' union failed to agree on pay. The union says 120 nursing posts are empty and that a 3 "
                 "percent offer was too low. Planned operations were cancelled during the strike.")


def write(folder, name, outlet, title_text, published: dt.datetime):
    title, text = title_text
    record = {"title": title, "text": text, "source": OUTLETS.get(outlet, outlet), "url": f"https://{outlet}.example/"
              f"{name}", "published": published.isoformat()}
    (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


def test_an_unchanged_story_gives_way_to_a_developing_one_and_is_marked(tmp_path, embedder):
    news = tmp_path / "news"
    news.mkdir()
    before_night_1 = NIGHT_1 - dt.timedelta(hours=6)
    for outlet in ("gazette", "courier", "herald"):
        write(news, f"flood-{outlet}", outlet, FLOOD_1[outlet], before_night_1)
        write(news, f"nurses-{outlet}", outlet, NURSES_1[outlet], before_night_1)
    write(news, "nurses-ledger", "Trade Ledger", NURSES_LEDGER, before_night_1)
    config = Config(title="Harbour brief", sources=Sources(folders=(str(news),)), window=Window(hours=48),
                    output=Output(folder=tmp_path / "out"), state=tmp_path / "state",
                    brief=BriefConfig(featured=1))
    with Store(config.state) as store:
        first = nightly.build(config, embedder=embedder, store=store, now=NIGHT_1)
        # Night 2: yesterday's articles are still in the 48-hour window. The flood story grows by one article
        # published tonight and by one published before last night's brief that only arrived after it was made.
        write(news, "flood-2-gazette", "gazette", FLOOD_2["gazette"], NIGHT_2 - dt.timedelta(hours=5))
        write(news, "flood-2-courier", "courier", FLOOD_2["courier"], NIGHT_1 - dt.timedelta(hours=2))
        second = nightly.build(config, embedder=embedder, store=store, now=NIGHT_2)

    def story(outcome, word):
        return next(s for s in outcome.brief.stories if word in s.headline.lower())

    # Night 1: the nurses' story has four outlets to the flood wall's three: it is the one featured.
    assert [(s.status, s.featured) for s in (story(first, "nurses"), story(first, "flood"))] == [("new", True),
                                                                                                 ("new", False)]
    # Night 2: the nurses' story has nothing new and is marked so; the flood story, with two articles no brief
    # has shown (one published before last night's brief), is developing and takes the featured place.
    nurses, flood = story(second, "nurses"), story(second, "flood")
    assert (nurses.status, nurses.featured, nurses.id) == ("unchanged", False, story(first, "nurses").id)
    assert (flood.status, flood.featured, flood.id) == ("developing", True, story(first, "flood").id)
    [developing] = second.brief.stats["since_last"]["developing"]
    new_titles = {a.title for a in second.brief.articles if a.id in developing["new_article_ids"]}
    assert new_titles == {FLOOD_2["gazette"][0], FLOOD_2["courier"][0]}

    data = json.loads(second.files["json"].read_text())
    assert {s["id"]: (s["status"], s["featured"]) for s in data["stories"]} == {
        nurses.id: ("unchanged", False), flood.id: ("developing", True)}
    html = second.files["html"].read_text()
    more = html[html.index(">More stories</h2>"):html.index(">Sources</h2>")]
    assert f'id="story-{nurses.id}"' in more and ">unchanged</span>" in more
    assert f'<article class="story" id="story-{flood.id}"' in html
    assert "already briefed and unchanged" in html
    # On the first night there is nothing to compare with: no story carries a "new" badge.
    assert 'class="badge' not in first.files["html"].read_text() and 'class="badge badge-developing"' in html


def test_a_rebuild_the_same_night_compares_with_earlier_nights_not_with_itself(tmp_path, embedder):
    """The same night built twice: the second build compares with the nights before, not with itself."""
    news = tmp_path / "news"
    news.mkdir()
    for outlet in ("gazette", "courier", "herald"):
        write(news, f"flood-{outlet}", outlet, FLOOD_1[outlet], NIGHT_1 - dt.timedelta(hours=6))
    config = Config(title="Harbour brief", sources=Sources(folders=(str(news),)),
                    output=Output(folder=tmp_path / "out"), state=tmp_path / "state")
    with Store(config.state) as store:
        first = nightly.build(config, embedder=embedder, store=store, now=NIGHT_1)
        again = nightly.build(config, embedder=embedder, store=store, now=NIGHT_1 + dt.timedelta(hours=1), rebuild=True)
    assert [s.status for s in first.brief.stories] == [s.status for s in again.brief.stories] == ["new"]
    assert dataclasses.replace(again.brief, generated_at=first.brief.generated_at, manifest={}) == \
        dataclasses.replace(first.brief, manifest={})
