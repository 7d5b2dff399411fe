"""Group articles into stories (one event) and stories into topics (a theme); articles in no story are noise."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import numpy as np

from briefgen import partition
from briefgen.config import ClusterConfig
from briefgen.embed import normalise_rows
from briefgen.engine import LOCAL
from briefgen.models import Article, plural

log = logging.getLogger(__name__)


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
    """What the dense view reads of each article: its title and lead; `group` takes their vectors."""
    return [" ".join([a.title, *(s.text for s in a.sentences[:lead_sentences])]) for a in articles]


def word_weights(articles: list[Article]):
    """TF-IDF of title and whole text (sublinear counts, English stop words dropped), rows of unit length."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        return vectorizer.fit_transform([f"{a.title}\n{a.text}" for a in articles]), vectorizer.get_feature_names_out()
    except ValueError:  # no word left (stop words or numbers only): nothing to compare on this view
        from scipy.sparse import csr_matrix

        return csr_matrix((len(articles), 1)), np.array([""])


@dataclass(frozen=True, slots=True)
class Views:
    """Every article's rows in the three views; similarities are taken per block, so memory grows with n."""

    dense: np.ndarray  # MiniLM, title and lead
    words: object  # sparse TF-IDF rows
    story_latent: np.ndarray  # LSA for stories (or the TF-IDF rows when too few articles)
    topic_latent: np.ndarray  # coarser LSA for topics

    def rows(self, rows: np.ndarray) -> Views:
        """These articles' rows only: what the job of one block needs."""
        return Views(self.dense[rows], self.words[rows], self.story_latent[rows], self.topic_latent[rows])


LATENT_FIT_ROWS = 5000  # the SVD is fitted on at most this many articles (a fixed-seed sample), then applied to all


def fit_rows(n: int, seed: int, most: int = LATENT_FIT_ROWS) -> np.ndarray:
    """The rows a latent space is fitted (or its dimensions counted) on: all n, or a fixed-seed sample of `most`."""
    if n <= most:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, most, replace=False))


COUNT_ROWS = 2000  # dimensions are counted on at most this many articles (a fixed-seed sample): n³ work
COUNT_BLOCK = 500  # the story space's dimensions are counted within blocks of at most this many similar articles
MOST_DIMENSIONS = 200  # a latent space's cap: the SVD's cost grows with its dimensions (the dev sets need ≤ 183)


def latent_dimensions(words, seed: int) -> int:
    """How many latent dimensions the TF-IDF rows carry above chance (parallel analysis), over the whole input:
    more themes, more dimensions (duc2006 + duc2007 dev: 71 for their 48 topics, 50 and 38 alone)."""
    return dimensions_above_chance(words[fit_rows(words.shape[0], seed, COUNT_ROWS)], seed)


def local_dimensions(words, dense: np.ndarray, seed: int) -> int:
    """The dimensions above chance counted within blocks of similar articles (MiniLM) and added up. The level of
    chance rises with the number of articles: counted over the whole input, the weaker themes of one part drown
    under another part's (wikinews-events dev alone 96; among 1,193 DUC articles 134 over the whole, 183 this way)."""
    return sum(dimensions_above_chance(words[rows], seed) for rows in partition.blocks(dense, None, COUNT_BLOCK, seed))


def dimensions_above_chance(words, seed: int, most: int = MOST_DIMENSIONS) -> int:
    """Parallel analysis: the singular values of the TF-IDF rows above those of the same matrix with each word's
    weights moved to other articles chosen at random. Exact singular values, from the eigenvalues of the n×n Gram
    matrix: ~1.5 s at 1,600 articles, where two randomised SVDs of 200 components took 5–30 s."""
    from scipy.sparse import csr_matrix

    if min(words.shape) < 3:
        return 0
    chance = words.tocsc(copy=True)
    rng = np.random.default_rng(seed)
    starts, ends = chance.indptr[:-1], chance.indptr[1:]
    for start, end in zip(starts[ends > starts].tolist(), ends[ends > starts].tolist()):  # each word, other articles
        chance.indices[start:end] = rng.choice(words.shape[0], end - start, replace=False)
    chance = csr_matrix(chance)
    real, noise = (np.linalg.eigvalsh((rows @ rows.T).toarray())[::-1][:most] for rows in (words, chance))
    # Counted, not cut at the first crossing: the shuffled matrix's first direction (the mean of all-positive
    # rows) can outweigh the real one. On every dev input measured the count and the crossing were equal.
    return int(np.sum(real > noise))


def latent_vectors(words, dimensions: int, seed: int):
    """Unit rows in a latent semantic space (truncated SVD of TF-IDF); the TF-IDF rows when too few articles."""
    from sklearn.decomposition import TruncatedSVD

    dimensions = min(dimensions, words.shape[0] - 1, words.shape[1] - 1)
    if dimensions < 2:
        return words
    svd = TruncatedSVD(dimensions, random_state=seed).fit(words[fit_rows(words.shape[0], seed)])
    return normalise_rows(svd.transform(words))


def latent_views(words, dense: np.ndarray, config: ClusterConfig) -> tuple[np.ndarray, np.ndarray]:
    """The story and the topic latent spaces. Stories: as many dimensions as blocks of similar articles hold above
    chance, so each event keeps its own words among other news, and never fewer than `story_dimensions` (a few
    articles show parallel analysis too little); topics: a share of what the whole input holds, since themes are
    compared across it."""
    sample = fit_rows(words.shape[0], config.seed)
    counted = round(config.story_dimension_share * local_dimensions(words[sample], dense[sample], config.seed))
    story = min(MOST_DIMENSIONS, max(config.story_dimensions, counted))
    topic = round(config.topic_dimension_share * latent_dimensions(words, config.seed))
    return latent_vectors(words, story, config.seed), latent_vectors(words, topic, config.seed)


def similarity(rows_a, rows_b=None) -> np.ndarray:
    """Cosine of unit rows, dense float32, whether the rows are dense or sparse."""
    product = rows_a @ (rows_a if rows_b is None else rows_b).T
    return (product.toarray() if hasattr(product, "toarray") else product).astype(np.float32, copy=False)


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
    used = np.flatnonzero(weights > 0)  # sorting only the words these articles use: the vocabulary is large
    best = used[np.lexsort((vocabulary[used], -weights[used]))[:k]]  # heaviest first; the word breaks ties
    return tuple(str(vocabulary[i]) for i in best)


@dataclass(frozen=True, slots=True)
class BlockResult:
    labels: np.ndarray  # story group of each article (a group of one is noise)
    topic_of_group: np.ndarray  # topic number of each group
    cohesion: dict[int, float]  # mean pairwise similarity of each group of two or more


def cluster_block(articles: list[Article], views: Views, rows: np.ndarray, config: ClusterConfig) -> BlockResult:
    """Stories and topics of one block of articles: the exact n×n path."""
    # Stories: the same event is told with the same words and names (TF-IDF), the same meaning in the lead
    # (MiniLM) and the same latent subject (LSA); three views, equal weights. float32 and in place: n×n matrices
    # are the memory of this stage, which is why large inputs are cut into blocks first.
    story_similarity = similarity(views.dense[rows])
    story_similarity += similarity(views.words[rows])
    story_similarity += similarity(views.story_latent[rows])
    story_similarity /= 3
    apart_in_time(story_similarity, articles, config.story_days)
    labels = average_linkage(story_similarity, config.story_similarity)
    # Topics: stories (and lone articles) whose mean similarity in a coarse latent space and MiniLM is high enough.
    topic_similarity = similarity(views.dense[rows])
    topic_similarity += similarity(views.topic_latent[rows])
    topic_similarity /= 2
    topic_of_group = average_linkage(group_means(topic_similarity, labels), config.topic_similarity)
    del topic_similarity
    cohesion = {}
    for g in np.flatnonzero(np.bincount(labels) > 1):
        members = np.flatnonzero(labels == g)
        block = story_similarity[np.ix_(members, members)]
        cohesion[int(g)] = float((block.sum() - np.trace(block)) / (len(members) * (len(members) - 1)))
    return BlockResult(labels, topic_of_group, cohesion)


def group(articles: list[Article], vectors: np.ndarray, config: ClusterConfig = ClusterConfig(),
          engine=LOCAL, cut: str = "density") -> Grouping:
    """Stories and topics of the articles; `vectors` holds one row per article, the embedding of its
    `article_texts`. Any input order and any engine give the same result."""
    order = sorted(range(len(articles)), key=lambda i: articles[i].id)
    articles = [articles[i] for i in order]
    if not articles:
        return Grouping((), (), (), (), (), ())
    dense = normalise_rows(np.asarray(vectors)[order])
    words, vocabulary = word_weights(articles)
    views = Views(dense, words, *latent_views(words, dense, config))
    # Each block is clustered alone; labels and topics are offset so they stay distinct across blocks.
    labels = np.zeros(len(articles), dtype=int)
    topic_of_group: list[int] = []
    cohesion_of: dict[int, float] = {}
    # `cut`: how inputs over block_size are cut, "density" or "kmeans" (the former way, kept for `eval cluster`)
    parts = partition.blocks(dense, views.story_latent, config.block_size, config.seed, cut)
    results = engine.map(cluster_block, ([articles[i] for i in rows] for rows in parts),
                         (views.rows(rows) for rows in parts), (np.arange(len(rows)) for rows in parts),
                         [config] * len(parts))
    for rows, result in zip(parts, results):
        offset, topic_offset = len(topic_of_group), max(topic_of_group, default=-1) + 1
        labels[rows] = result.labels + offset
        topic_of_group.extend(int(t) + topic_offset for t in result.topic_of_group)
        cohesion_of.update({g + offset: c for g, c in result.cohesion.items()})
    topic_labels = np.array(topic_of_group)[labels]

    sizes = np.bincount(labels)
    members: dict[int, list[int]] = {}  # one pass: a scan per group is quadratic at 100,000 articles
    for row, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(row)
    story_groups = sorted((g for g in members if sizes[g] > 1), key=lambda g: (-sizes[g], articles[members[g][0]].id))
    stories = tuple(tuple(articles[i] for i in members[g]) for g in story_groups)
    noise_rows = [i for i, label in enumerate(labels) if sizes[label] == 1]
    # Topics numbered by their first story (largest first), then by their first lone article.
    first_seen = [int(topic_of_group[g]) for g in story_groups] + [int(topic_labels[i]) for i in noise_rows]
    topics = renumber(topic_labels, list(dict.fromkeys(first_seen)))
    terms = tuple(top_terms(words, vocabulary, np.flatnonzero(topics == t)) for t in range(topics.max() + 1))
    log.info("cluster: %s → %s in %s, %d left as noise", plural(len(articles), "article"),
             plural(len(stories), "story", "stories"),
             plural(len({int(topics[i]) for i in range(len(articles)) if sizes[labels[i]] > 1}), "topic"),
             len(noise_rows))
    return Grouping(
        stories=stories,
        noise=tuple(articles[i] for i in noise_rows),
        story_topics=tuple(int(topics[members[g][0]]) for g in story_groups),
        noise_topics=tuple(int(topics[i]) for i in noise_rows),
        cohesion=tuple(cohesion_of[g] for g in story_groups),
        topic_terms=terms,
    )
