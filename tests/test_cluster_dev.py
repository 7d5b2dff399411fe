"""Quality floors on the dev sets (skipped without ../shared/data): pinned just below what was reached; raise
them when clustering improves, never lower them to make a change pass."""

import pytest

from briefgen.evaluate import clustering
from tests.conftest import shared_file

pytestmark = pytest.mark.slow

# Reached on 2026-11-23 (see docs/clustering.md): wikinews-events story F1 0.870, noise 0.089;
# duc2006 topic F1 0.942, noise 0.000. With the int8 model: 0.872 on both hosts seen; duc2006 0.943 on one and
# 0.937 on a host with VNNI instructions (2026-12-01), the closest any run has come to a floor.
FLOORS = {
    ("wikinews-events", "story"): 0.865,
    ("duc2006", "topic"): 0.935,
}
MAX_NOISE = 0.10  # the bound: at most one article in ten outside every story


@pytest.mark.parametrize("name, level", list(FLOORS))
def test_briefgen_clustering_floor_and_ahead_of_tfidf_baseline(name, level, embedder):
    articles, gold, _ = clustering.load(shared_file(name, "dev.jsonl"))
    vectors = clustering.article_vectors(articles, embedder)
    ours = clustering.score(gold, clustering.briefgen_labels(articles, vectors, level), 0.0)
    assert ours["bcubed_f1"] >= FLOORS[(name, level)], ours
    assert ours["noise"] <= MAX_NOISE, ours
    tfidf, _ = clustering.tfidf_agglomerative(articles, gold)  # its threshold is chosen on this very file
    assert ours["bcubed_f1"] > clustering.score(gold, tfidf, 0.0)["bcubed_f1"]


# The size check (issue 21): two topic sets concatenated (48 topics, 1,200 articles), and wikinews-events' stories
# scored inside a night with both DUC sets as distractors (1,638 articles). Before the latent spaces followed the
# data, these gave 0.814 and 0.820. Reached on 2026-12-01: see docs/clustering.md.
NIGHT_FLOORS = {"topics of duc2006 + duc2007": 0.925, "wikinews-events stories among distractors": 0.860}


def night_case(name):
    duc = [shared_file("duc2006", "dev.jsonl"), shared_file("duc2007", "dev.jsonl")]
    if name.startswith("topics"):
        return "topic", clustering.cases(duc, [1.0], [])[0][-1]
    return "story", clustering.cases([shared_file("wikinews-events", "dev.jsonl")], [1.0], duc)[0][-1]


@pytest.mark.parametrize("name", list(NIGHT_FLOORS))
def test_clustering_holds_when_the_night_grows(name, embedder):
    level, case = night_case(name)
    scored = [i for i, g in enumerate(case.gold) if g is not None]
    gold = [case.gold[i] for i in scored]
    labels = clustering.briefgen_labels(case.articles, embedder, level)
    ours = clustering.score(gold, [labels[i] for i in scored], 0.0)
    assert ours["bcubed_f1"] >= NIGHT_FLOORS[name], ours
    assert ours["noise"] <= MAX_NOISE, ours
    tfidf, _ = clustering.tfidf_agglomerative(case.articles, case.gold)  # its threshold chosen on this input
    assert ours["bcubed_f1"] > clustering.score(gold, [tfidf[i] for i in scored], 0.0)["bcubed_f1"]
