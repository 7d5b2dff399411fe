"""A real-volume night (wikinews-events dev + duc2006 dev): the brief holds together as its reader sees it."""

import json

import pytest

pytestmark = pytest.mark.slow


def test_every_article_of_the_night_is_placed_exactly_once(dev_night):
    _, files = dev_night
    data = json.loads(files["json"].read_text())
    placed = [i for s in data["stories"] for i in s["article_ids"]] + data["also_noted"]
    assert sorted(placed) == sorted(a["id"] for a in data["articles"])
    assert len(data["articles"]) > 1000
