"""`briefgen eval cluster`: story or topic clustering against gold labels, briefgen beside two baselines."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
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


def article_vectors(articles, embedder):
    """The dense rows `cluster.group` reads, made by the embed step as `briefgen build` makes them."""
    from briefgen import cluster, embed

    return embed.embed_all(embedder, cluster.article_texts(articles, cluster.ClusterConfig().lead_sentences))


def briefgen_labels(articles, vectors, level: str, config=None, cut: str = "density") -> list[str]:
    """The clustering path of `briefgen build`, with its defaults: article id → story or topic id (or -1)."""
    from briefgen import cluster

    grouping = cluster.group(articles, vectors, config or cluster.ClusterConfig(), cut=cut)
    if level == "story":
        label = {a.id: "-1" for a in grouping.noise}
        label.update({a.id: f"s{n}" for n, story in enumerate(grouping.stories) for a in story})
    else:
        label = {a.id: f"t{t}" for story, t in zip(grouping.stories, grouping.story_topics) for a in story}
        label.update({a.id: f"t{t}" for a, t in zip(grouping.noise, grouping.noise_topics)})
        sizes = Counter(label.values())
        label = {i: (t if sizes[t] > 1 else "-1") for i, t in label.items()}  # a topic of one article is noise
    return [label[a.id] for a in articles]


def tfidf_agglomerative(articles, gold: list) -> tuple[list[int], float]:
    """TF-IDF of title + text, cosine average-linkage; the distance threshold is the best one on this very input
    (scored on the articles whose gold label is not None)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{a.title}\n{a.text}" for a in articles])
    distance = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    scored = [i for i, g in enumerate(gold) if g is not None]
    best: tuple[float, list[int], float] = (-1.0, [], 0.0)
    for threshold in THRESHOLDS:
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=float(threshold)).fit_predict(distance)
        f1 = bcubed([gold[i] for i in scored], [str(labels[i]) for i in scored])[2]
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


@dataclass(frozen=True, slots=True)
class Case:
    """One input clustered as `briefgen build` would; only articles with a gold label are scored (None: a
    distractor, clustered with the rest and never scored)."""

    name: str
    articles: list
    gold: list


def file_name(data: Path) -> str:
    return f"{Path(data).parent.name}/{Path(data).name}"


def cases(datas: list[Path], sizes: list[float], distractors: list[Path], seed: int = SEED) -> tuple[list[Case], int]:
    """Each file alone (when several), then their concatenation at each size (a fixed-seed random share of the
    articles, distractors included). Gold labels are prefixed by their file, so two files' labels never meet."""
    loaded = [load(d) for d in [*datas, *distractors]]
    unreadable = sum(dropped for _, _, dropped in loaded)
    extra = [(a, None) for articles, _, _ in loaded[len(datas):] for a in articles]

    def joined(parts, name):
        seen, articles, gold = set(), [], []
        for article, label in [*parts, *extra]:
            if article.id not in seen:  # the same article in two files is read once, as `build` would
                seen.add(article.id)
                articles.append(article)
                gold.append(label)
        return Case(name + (f" + {len(distractors)} distractor file(s)" if distractors else ""), articles, gold)

    labelled = [[(a, g if len(datas) == 1 else f"{n}/{g}") for a, g in zip(articles, gold)]
                for n, (articles, gold, _) in enumerate(loaded[: len(datas)])]
    result = [joined(parts, file_name(d)) for d, parts in zip(datas, labelled)] if len(datas) > 1 else []
    whole = joined([pair for parts in labelled for pair in parts], " + ".join(map(file_name, datas)))
    for size in sizes:
        if size >= 1:
            result.append(whole)
            continue
        keep = np.sort(np.random.default_rng(seed).choice(len(whole.articles), round(size * len(whole.articles)),
                                                          replace=False))
        result.append(Case(f"{size:.0%} of {whole.name}", [whole.articles[i] for i in keep],
                           [whole.gold[i] for i in keep]))
    return result, unreadable


def run_case(case: Case, level: str, embedder, unreadable: int, block_size: int = 0) -> dict:
    """briefgen and both baselines on one case, all over every article, scored on the labelled ones."""
    from briefgen.embed import normalise_rows

    scored = [i for i, g in enumerate(case.gold) if g is not None]
    gold = [case.gold[i] for i in scored]

    def scored_only(labels):
        return [labels[i] for i in scored]

    vectors = article_vectors(case.articles, embedder)  # made before the clock starts: timings exclude the model
    start = time.perf_counter()
    ours = score(gold, scored_only(briefgen_labels(case.articles, vectors, level)), time.perf_counter() - start)
    blocked = {name: score(gold, scored_only(labels), seconds)
               for name, (labels, seconds) in blocked_runs(case.articles, vectors, level, block_size).items()}
    start = time.perf_counter()
    tfidf_labels, threshold = tfidf_agglomerative(case.articles, case.gold)
    baselines = {"tfidf_agglomerative": score(gold, scored_only(tfidf_labels), time.perf_counter() - start)}
    baselines["tfidf_agglomerative"]["threshold"] = threshold
    start = time.perf_counter()
    bertopic = bertopic_default(normalise_rows(vectors))
    baselines["bertopic_default"] = score(gold, scored_only(bertopic), time.perf_counter() - start)

    title = (f"{case.name}: {level} level, {len(case.articles)} articles, {len(gold)} scored in "
             f"{len(set(gold))} gold clusters ({unreadable} unreadable); seconds exclude embedding; "
             f"TF-IDF threshold {threshold} chosen on this input")
    print_table(title, {"briefgen": ours, **blocked, **baselines}, COLUMNS)
    return {"input": case.name, "articles": len(case.articles), "scored": len(gold),
            "gold_clusters": len(set(gold)), "briefgen": ours, "baselines": baselines, "blocks": blocked}


def blocked_runs(articles, vectors, level: str, block_size: int) -> dict[str, tuple[list[str], float]]:
    """briefgen's labels with the input forced into blocks of at most `block_size`, cut each way (none when 0):
    what a large input loses to blocking, measured on a small labelled file."""
    from briefgen import cluster

    runs = {}
    for method in ("kmeans", "density") if block_size else ():
        config = cluster.ClusterConfig(block_size=block_size)
        start = time.perf_counter()
        labels = briefgen_labels(articles, vectors, level, config, cut=method)
        runs[f"{method}_blocks_{block_size}"] = (labels, time.perf_counter() - start)
    return runs


def run(datas: list[Path], *, level: str = "story", sizes: list[float] = (1.0,), distractors: list[Path] = (),
        json_out: Path | None = None, embedder=None, block_size: int = 0) -> dict:
    """Score every case (each file, the concatenation, its subsets) and print the size curve when there are
    several; the JSON's top level is the whole input, with every case under "runs"."""
    from briefgen.embed import default_embedder

    embedder = embedder or default_embedder()  # keeps each text's vector: a case never embeds a text twice
    todo, unreadable = cases(list(datas), sorted(sizes), list(distractors))
    runs = [run_case(case, level, embedder, unreadable, block_size) for case in todo]
    if len(runs) > 1:
        print_table(f"Size curve: {level}-level BCubed F1", {
            r["input"]: {"articles": r["articles"], "scored": r["scored"], "gold": r["gold_clusters"],
                         "briefgen": r["briefgen"]["bcubed_f1"],
                         "tfidf": r["baselines"]["tfidf_agglomerative"]["bcubed_f1"],
                         "bertopic": r["baselines"]["bertopic_default"]["bcubed_f1"]} for r in runs},
            ["articles", "scored", "gold", "briefgen", "tfidf", "bertopic"])
    whole = runs[-1]  # the largest size of the concatenation
    write_json(json_out, whole["briefgen"], whole["baselines"], data=[str(d) for d in datas],
               distractors=[str(d) for d in distractors], level=level, articles=whole["articles"], runs=runs)
    return {"briefgen": whole["briefgen"], "baselines": whole["baselines"], "runs": runs}
