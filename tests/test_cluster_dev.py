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
