"""Group articles into stories (one event) and stories into topics (a theme); articles in no story are noise."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import numpy as np

from briefgen.embed import Embedder, normalise_rows
from briefgen.models import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Defaults calibrated once on the dev splits (wikinews-events for stories, duc2006 for topics); see README."""

    lead_sentences: int = 3  # the dense view reads the title and lead: news puts the event first
    # Group-average similarity an article needs to join a story. On wikinews-events dev, 0.36–0.44 give BCubed F1
    # 0.855–0.874 with 7–13% noise; 0.40 is the middle of that plateau.
    story_similarity: float = 0.40
    # Group-average similarity between stories of one topic. On duc2006 dev, 0.36–0.44 give topic F1 0.926–0.945.
    topic_similarity: float = 0.40
    story_days: int = 7  # two articles dated more than a week apart report two events, however alike
    # Latent semantic dimensions: many for stories (specific words and names still count), few for topics (words
    # that share a theme count as one). Measured on dev: stories 50/100/150 → F1 0.822/0.870/0.855 (wikinews);
    # topics 20/25/30/40/50 → 0.899/0.917/0.942/0.913/0.890 (duc2006): a sharp peak, the least robust default.
    story_dimensions: int = 100
    topic_dimensions: int = 30
    seed: int = 0  # the randomised SVD of the latent views


@dataclass(frozen=True, slots=True)
class Grouping:
    """Stories (two or more articles, largest first) and their topics; noise articles keep a topic too."""

    stories: tuple[tuple[Article, ...], ...]
    noise: tuple[Article, ...]
    story_topics: tuple[int, ...]  # the topic number of each story
    noise_topics: tuple[int, ...]  # the topic number of each noise article
    cohesion: tuple[float, ...]  # mean similarity between a story's articles: how central its members are
    topic_terms: tuple[tuple[str, ...], ...]  # the words that weigh most in each topic, for its label


def article_texts(articles: list[Article], lead_sentences: int) -> list[str]:
    return [" ".join([a.title, *(s.text for s in a.sentences[:lead_sentences])]) for a in articles]


def article_vectors(articles: list[Article], embedder: Embedder, config: ClusterConfig = ClusterConfig()) -> np.ndarray:
    return normalise_rows(embedder.encode(article_texts(articles, config.lead_sentences)))


def word_weights(articles: list[Article]):
    """TF-IDF of title and whole text (sublinear counts, English stop words dropped), rows of unit length."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        return vectorizer.fit_transform([f"{a.title}\n{a.text}" for a in articles]), vectorizer.get_feature_names_out()
    except ValueError:  # no word left (stop words or numbers only): nothing to compare on this view
        from scipy.sparse import csr_matrix

        return csr_matrix((len(articles), 1)), np.array([""])


def latent_similarity(words, dimensions: int, seed: int) -> np.ndarray:
    """Cosine in a latent semantic space (truncated SVD of TF-IDF); plain TF-IDF cosine when too few articles."""
    from sklearn.decomposition import TruncatedSVD

    dimensions = min(dimensions, words.shape[0] - 1, words.shape[1] - 1)
    if dimensions < 2:
        return (words @ words.T).astype(np.float32).toarray()
    latent = normalise_rows(TruncatedSVD(dimensions, random_state=seed).fit_transform(words))
    return latent @ latent.T


def apart_in_time(similarity: np.ndarray, articles: list[Article], days: int) -> None:
    """Set to 0, in place, the similarity of two articles both dated more than `days` apart; unknown dates never
    separate (wikinews-events has no date for 82% of its articles)."""
    ordinals = np.array([_ordinal(a.published) for a in articles], dtype=float)
    known = np.flatnonzero(~np.isnan(ordinals))
    far = np.abs(ordinals[known, None] - ordinals[None, known]) > days
    similarity[np.ix_(known, known)] = np.where(far, 0.0, similarity[np.ix_(known, known)])


def _ordinal(published: str) -> float:
    try:
        return float(date.fromisoformat(published[:10]).toordinal())
    except ValueError:
        return float("nan")


def average_linkage(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Group-average agglomeration: groups merge while their mean pairwise similarity is at least `threshold`."""
    if len(similarity) < 2:
        return np.zeros(len(similarity), dtype=int)
    from sklearn.cluster import AgglomerativeClustering

    distance = np.clip(1.0 - similarity, 0.0, 2.0, dtype=np.float64)
    np.fill_diagonal(distance, 0.0)
    return AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                   distance_threshold=1.0 - threshold).fit_predict(distance)


def group_means(similarity: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Mean similarity between the members of every two groups (groups numbered 0..k-1)."""
    members = (labels[None, :] == np.arange(labels.max() + 1)[:, None]).astype(float)
    sizes = members.sum(axis=1)
    return (members @ similarity @ members.T) / np.outer(sizes, sizes)


def renumber(labels: np.ndarray, order: list[int]) -> np.ndarray:
    """Labels renumbered in the order their groups are listed."""
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping[label] for label in labels])


def top_terms(words, vocabulary, rows: np.ndarray, k: int = 3) -> tuple[str, ...]:
    weights = np.asarray(words[rows].sum(axis=0)).ravel()
    best = np.lexsort((vocabulary, -weights))[:k]  # heaviest first; the word itself breaks ties
    return tuple(str(vocabulary[i]) for i in best if weights[i] > 0)


def group(articles: list[Article], embedder: Embedder, config: ClusterConfig = ClusterConfig()) -> Grouping:
    """Stories and topics of the articles; any input order gives the same result."""
    articles = sorted(articles, key=lambda a: a.id)
    if not articles:
        return Grouping((), (), (), (), (), ())
    dense = article_vectors(articles, embedder, config)
    words, vocabulary = word_weights(articles)
    # Stories: the same event is told with the same words and names (TF-IDF), the same meaning in the lead
    # (MiniLM) and the same latent subject (LSA); three views, equal weights. float32 and in place: n×n matrices
    # are the memory of this stage (~0.4 GB each at 10,000 articles).
    story_similarity = dense @ dense.T
    story_similarity += (words @ words.T).astype(np.float32).toarray()
    story_similarity += latent_similarity(words, config.story_dimensions, config.seed)
    story_similarity /= 3
    apart_in_time(story_similarity, articles, config.story_days)
    labels = average_linkage(story_similarity, config.story_similarity)
    # Topics: stories (and lone articles) whose mean similarity in a coarse latent space and MiniLM is high enough.
    topic_similarity = dense @ dense.T
    topic_similarity += latent_similarity(words, config.topic_dimensions, config.seed)
    topic_similarity /= 2
    topic_of_group = average_linkage(group_means(topic_similarity, labels), config.topic_similarity)
    del topic_similarity
    topic_labels = topic_of_group[labels]

    sizes = np.bincount(labels)
    story_groups = sorted((g for g in range(len(sizes)) if sizes[g] > 1),
                          key=lambda g: (-sizes[g], articles[int(np.argmax(labels == g))].id))
    stories = tuple(tuple(a for a, label in zip(articles, labels) if label == g) for g in story_groups)
    noise_rows = [i for i, label in enumerate(labels) if sizes[label] == 1]
    # Topics numbered by their first story (largest first), then by their first lone article.
    first_seen = [int(topic_of_group[g]) for g in story_groups] + [int(topic_labels[i]) for i in noise_rows]
    topics = renumber(topic_labels, list(dict.fromkeys(first_seen)))
    cohesion = []
    for g in story_groups:
        rows = np.flatnonzero(labels == g)
        block = story_similarity[np.ix_(rows, rows)]
        cohesion.append(float((block.sum() - np.trace(block)) / (len(rows) * (len(rows) - 1))))
    terms = tuple(top_terms(words, vocabulary, np.flatnonzero(topics == t)) for t in range(topics.max() + 1))
    log.info("cluster: %d articles → %d stories in %d topics, %d left as noise", len(articles), len(stories),
             len({int(topics[i]) for i in range(len(articles)) if sizes[labels[i]] > 1}), len(noise_rows))
    return Grouping(
        stories=stories,
        noise=tuple(articles[i] for i in noise_rows),
        story_topics=tuple(int(topics[np.argmax(labels == g)]) for g in story_groups),
        noise_topics=tuple(int(topics[i]) for i in noise_rows),
        cohesion=tuple(cohesion),
        topic_terms=terms,
    )
