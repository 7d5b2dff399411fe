"""`briefgen eval cluster`: story or topic clustering against gold labels, briefgen beside two baselines."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import numpy as np

from briefgen.evaluate import print_table, read_jsonl, write_json

COLUMNS = ["bcubed_p", "bcubed_r", "bcubed_f1", "ari", "nmi", "noise", "clusters", "seconds"]
THRESHOLDS = np.round(np.arange(0.02, 1.0, 0.02), 2)  # cosine distances tried for the TF-IDF baseline
SEED = 42


def bcubed(gold: list[str], predicted: list[str]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 (Bagga & Baldwin): per item, the share of its cluster that is truly its own."""
    pairs = Counter(zip(gold, predicted))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(pairs[(g, p)] / predicted_sizes[p] for g, p in zip(gold, predicted)) / len(gold)
    recall = sum(pairs[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted)) / len(gold)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


def score(gold: list[str], labels: list[int | str], seconds: float) -> dict:
    """Metrics for one labelling; a label of -1 (noise) counts as the article's own singleton."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    predicted = [f"noise-{i}" if str(label) == "-1" else str(label) for i, label in enumerate(labels)]
    p, r, f1 = bcubed(gold, predicted)
    noise = sum(str(label) == "-1" for label in labels) / len(labels)
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f1, "ari": adjusted_rand_score(gold, predicted),
            "nmi": normalized_mutual_info_score(gold, predicted), "noise": noise,
            "clusters": len({label for label in labels if str(label) != "-1"}), "seconds": seconds}


def briefgen_labels(articles, embedder, level: str) -> list[str]:
    """The clustering path of `briefgen build`, with its defaults: article id → story or topic id (or -1)."""
    from briefgen import cluster

    grouping = cluster.group(articles, embedder)
    if level == "story":
        label = {a.id: "-1" for a in grouping.noise}
        label.update({a.id: f"s{n}" for n, story in enumerate(grouping.stories) for a in story})
    else:
        label = {a.id: f"t{t}" for story, t in zip(grouping.stories, grouping.story_topics) for a in story}
        label.update({a.id: f"t{t}" for a, t in zip(grouping.noise, grouping.noise_topics)})
        sizes = Counter(label.values())
        label = {i: (t if sizes[t] > 1 else "-1") for i, t in label.items()}  # a topic of one article is noise
    return [label[a.id] for a in articles]


def tfidf_agglomerative(articles, gold: list[str]) -> tuple[list[int], float]:
    """TF-IDF of title + text, cosine average-linkage; the distance threshold is the best one on this very file."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{a.title}\n{a.text}" for a in articles])
    distance = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    best: tuple[float, list[int], float] = (-1.0, [], 0.0)
    for threshold in THRESHOLDS:
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=float(threshold)).fit_predict(distance)
        f1 = bcubed(gold, [str(x) for x in labels])[2]
        if f1 > best[0]:
            best = (f1, list(labels), float(threshold))
    return best[1], best[2]


def bertopic_default(vectors: np.ndarray) -> list[int]:
    """BERTopic's default shape: UMAP(15 neighbours, 5 dimensions, min_dist 0, cosine) → HDBSCAN(min size 10)."""
    import hdbscan
    import umap

    if len(vectors) <= 15:  # too few points for 15 neighbours: the shape is undefined, call it all noise
        return [-1] * len(vectors)
    reduced = umap.UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                        random_state=SEED).fit_transform(vectors)
    return list(hdbscan.HDBSCAN(min_cluster_size=10, metric="euclidean",
                                cluster_selection_method="eom").fit_predict(reduced))


def load(data: Path):
    """Articles through ingest and clean, as `briefgen build` reads them, with their gold cluster."""
    from briefgen import clean, ingest

    gold_of = {str(r["id"]): str(r["cluster"]) for r in read_jsonl(data) if r.get("id")}
    articles, dropped = clean.clean_articles(ingest.read_jsonl_file(Path(data)))
    articles = [a for a in articles if a.id in gold_of]
    return articles, [gold_of[a.id] for a in articles], len(dropped)


def run(data: Path, *, level: str = "story", json_out: Path | None = None, embedder=None) -> dict:
    from briefgen import cluster
    from briefgen.embed import default_embedder

    articles, gold, dropped = load(data)
    embedder = embedder or default_embedder()
    vectors = cluster.article_vectors(articles, embedder)  # embedded once: the timings below exclude the model

    start = time.perf_counter()
    ours = score(gold, briefgen_labels(articles, embedder, level), time.perf_counter() - start)
    start = time.perf_counter()
    tfidf_labels, threshold = tfidf_agglomerative(articles, gold)
    baselines = {"tfidf_agglomerative": score(gold, tfidf_labels, time.perf_counter() - start)}
    baselines["tfidf_agglomerative"]["threshold"] = threshold
    start = time.perf_counter()
    baselines["bertopic_default"] = score(gold, bertopic_default(vectors), time.perf_counter() - start)

    title = (f"{Path(data).parent.name}/{Path(data).name}: {level} level, {len(articles)} articles, "
             f"{len(set(gold))} gold clusters ({dropped} unreadable); seconds exclude embedding; "
             f"TF-IDF threshold {threshold} chosen on this file")
    print_table(title, {"briefgen": ours, **baselines}, COLUMNS)
    write_json(json_out, ours, baselines, data=str(data), level=level, articles=len(articles))
    return {"briefgen": ours, "baselines": baselines}
