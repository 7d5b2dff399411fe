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


# The size check (issue 21). Two topic sets concatenated (48 topics, 1,193 articles): 0.834 with a fixed 30-dimension
# topic space, 0.944 with dimensions that follow the data (2026-12-01, docs/clustering.md); TF-IDF 0.891.
CONCATENATED_TOPIC_FLOOR = 0.935
# wikinews-events' stories scored inside a night with both DUC sets as distractors (1,629 articles): 0.821 with a
# fixed 100-dimension story space, 0.873 with dimensions counted within blocks of similar articles (the set alone:
# 0.873); TF-IDF 0.864 (its threshold chosen on this input).
STORIES_AMONG_DISTRACTORS_FLOOR = 0.865


def scored_f1(case, embedder, level):
    """briefgen over every article of the case, scored on the labelled ones; with the TF-IDF baseline's F1."""
    scored = [i for i, g in enumerate(case.gold) if g is not None]
    gold = [case.gold[i] for i in scored]
    labels = clustering.briefgen_labels(case.articles, clustering.article_vectors(case.articles, embedder), level)
    ours = clustering.score(gold, [labels[i] for i in scored], 0.0)
    tfidf, _ = clustering.tfidf_agglomerative(case.articles, case.gold)  # its threshold chosen on this input
    return ours, clustering.score(gold, [tfidf[i] for i in scored], 0.0)["bcubed_f1"]


def test_topics_hold_when_two_topic_sets_are_one_night(embedder):
    duc = [shared_file("duc2006", "dev.jsonl"), shared_file("duc2007", "dev.jsonl")]
    ours, tfidf = scored_f1(clustering.cases(duc, [1.0], [])[0][-1], embedder, "topic")
    assert ours["bcubed_f1"] >= CONCATENATED_TOPIC_FLOOR, ours
    assert ours["noise"] <= MAX_NOISE, ours
    assert ours["bcubed_f1"] > tfidf


def test_stories_among_distractors_keep_their_floor(embedder):
    duc = [shared_file("duc2006", "dev.jsonl"), shared_file("duc2007", "dev.jsonl")]
    case = clustering.cases([shared_file("wikinews-events", "dev.jsonl")], [1.0], duc)[0][-1]
    distractors = sum(len(clustering.load(path)[0]) for path in duc)
    assert distractors > 1000 and case.gold.count(None) == distractors  # every DUC article clustered, none scored
    ours, _ = scored_f1(case, embedder, "story")
    assert ours["bcubed_f1"] >= STORIES_AMONG_DISTRACTORS_FLOOR, ours
    assert ours["noise"] <= MAX_NOISE, ours
