"""Group articles into stories (events) by embedding similarity with hdbscan; noise articles are kept apart."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from briefgen.embed import Embedder, normalise_rows
from briefgen.models import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    lead_sentences: int = 3  # an article is represented by its title and lead (news puts the event first)
    min_cluster_size: int = 2  # a story needs two articles
    min_samples: int = 1


def article_texts(articles: list[Article], lead_sentences: int) -> list[str]:
    return [" ".join([a.title, *(s.text for s in a.sentences[:lead_sentences])]) for a in articles]


def article_vectors(articles: list[Article], embedder: Embedder, config: ClusterConfig) -> np.ndarray:
    return normalise_rows(embedder.encode(article_texts(articles, config.lead_sentences)))


def hdbscan_labels(vectors: np.ndarray, config: ClusterConfig) -> np.ndarray:
    """hdbscan on unit vectors (euclidean, monotone in cosine); -1 marks noise."""
    if len(vectors) < max(config.min_cluster_size, 2):
        return np.full(len(vectors), -1)
    import hdbscan

    clusterer = hdbscan.HDBSCAN(min_cluster_size=config.min_cluster_size, min_samples=config.min_samples,
                                metric="euclidean", allow_single_cluster=True)
    return clusterer.fit_predict(vectors.astype(np.float64))


def group(articles: list[Article], embedder: Embedder, config: ClusterConfig = ClusterConfig(),
          ) -> tuple[list[list[Article]], list[Article]]:
    """Stories (each a list of articles, largest first) and the noise articles, in a stable order."""
    articles = sorted(articles, key=lambda a: a.id)  # any input order gives the same stories
    labels = hdbscan_labels(article_vectors(articles, embedder, config), config)
    stories: dict[int, list[Article]] = {}
    noise = []
    for article, label in zip(articles, labels):
        (noise.append(article) if label < 0 else stories.setdefault(int(label), []).append(article))
    ordered = sorted(stories.values(), key=lambda s: (-len(s), s[0].id))
    log.info("cluster: %d articles → %d stories, %d left as noise", len(articles), len(ordered), len(noise))
    return ordered, noise
