"""Story matching across briefs: the logic alone, on hand-made vectors (the two-night test runs the real model)."""

import numpy as np

from briefgen import history
from briefgen.config import History
from briefgen.models import Story
from briefgen.store import PastStory


def unit(*values) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def past(id, articles, vector, date="2026-11-22", first_seen="2026-11-20") -> PastStory:
    return PastStory(id, date, id.upper(), tuple(articles), first_seen, vector)


def test_shared_articles_win_over_similarity_and_each_past_story_continues_once():
    tonight = [Story("s-a", "Flood wall contract", ("a1", "a9")), Story("s-b", "Flood wall costs", ("b1",)),
               Story("s-c", "Chip licences", ("c1", "c2"))]
    centroids = {"s-a": unit(1, 0, 0), "s-b": unit(1, 0.05, 0), "s-c": unit(0, 0, 1)}
    earlier = [past("p-flood", ("a1", "a2"), unit(1, 0.05, 0)), past("p-nurses", ("n1",), unit(0, 1, 0))]
    stories, since = history.match(tonight, centroids, earlier, set(), date="2026-11-23",
                                   previous_brief="2026-11-22", config=History(similarity=0.75))
    by_headline = {s.headline: s for s in stories}
    # s-b is closer to p-flood (cosine 1.0) but s-a shares an article with it: the shared article decides.
    assert (by_headline["Flood wall contract"].id, by_headline["Flood wall contract"].status) == ("p-flood",
                                                                                                "developing")
    assert by_headline["Flood wall contract"].first_seen == "2026-11-20"
    assert (by_headline["Flood wall costs"].id, by_headline["Flood wall costs"].status) == ("s-b", "new")
    assert (by_headline["Chip licences"].status, by_headline["Chip licences"].first_seen) == ("new", "2026-11-23")
    assert since["developing"] == [{"id": "p-flood", "headline": "Flood wall contract", "first_seen": "2026-11-20",
                                    "last_brief": "2026-11-22", "new_article_ids": ["a9"],
                                    "known_article_ids": ["a1"]}]
    assert [n["id"] for n in since["new"]] == ["s-b", "s-c"]


def test_similar_enough_continues_too_little_does_not():
    tonight = [Story("s-x", "Dam cracks", ("x1", "x2"))]
    earlier = [past("p-dam", ("d1",), unit(1, 0, 0))]
    close, far = unit(1, 0.6, 0), unit(1, 1.2, 0)  # cosine 0.86 and 0.64
    [story], _ = history.match(tonight, {"s-x": close}, earlier, set(), date="2026-11-23", previous_brief="",
                               config=History(similarity=0.75))
    assert (story.id, story.status) == ("p-dam", "developing")
    [story], _ = history.match(tonight, {"s-x": far}, earlier, set(), date="2026-11-23", previous_brief="",
                               config=History(similarity=0.75))
    assert (story.id, story.status) == ("s-x", "new")


def test_a_continuing_story_with_nothing_new_keeps_its_id_and_is_marked_unchanged():
    tonight = [Story("s-1", "Ferry strike", ("f1", "f2"))]
    earlier = [past("p-ferry", ("f1",), unit(0, 1, 0))]
    [story], since = history.match(tonight, {"s-1": unit(0, 1, 0)}, earlier, seen={"f2"}, date="2026-11-23",
                                   previous_brief="2026-11-22")
    assert (story.id, story.status) == ("p-ferry", "unchanged")
    assert since["unchanged"][0]["known_article_ids"] == ["f1", "f2"] and since["developing"] == []


def test_vectors_of_another_model_only_match_by_shared_articles():
    tonight = [Story("s-1", "Dam", ("x1",))]
    earlier = [past("p-dam", ("d1",), unit(1, 0))]  # two dimensions: stored by another model
    [story], _ = history.match(tonight, {"s-1": unit(1, 0, 0)}, earlier, set(), date="2026-11-23",
                               previous_brief="")
    assert story.status == "new"
