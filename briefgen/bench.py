"""Benchmark the pipeline: time per stage, articles/s, peak memory, cold and warm, embed vs the raw model."""

from __future__ import annotations

import json
import logging
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
import numpy as np

from briefgen.models import plural

log = logging.getLogger(__name__)

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
POOL_FILES = ["wikinews-events/dev.jsonl", "duc2006/dev.jsonl", "polnear/train.jsonl", "polnear/dev.jsonl"]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
SEED = 20261123


def article_pool(shared: Path = SHARED) -> list[dict]:
    """Real articles from the shared evaluation sets, or the examples when those are absent."""
    pool = []
    for name in POOL_FILES:
        path = shared / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                pool.append({"title": row.get("title") or "", "text": row["text"],
                             "source": row.get("source") or row.get("publisher") or "",
                             "published": row.get("date") or ""})
    if not pool:
        from briefgen import ingest

        articles, _ = ingest.read_sources([EXAMPLES])
        pool = [{"title": a.title, "text": a.text, "source": a.source, "published": a.published} for a in articles]
    return pool


def make_corpus(size: int, pool: list[dict], seed: int = SEED) -> list[dict]:
    """`size` articles cycling through the shuffled pool; each repeat drops another paragraph, so none is a copy."""
    pool = pool[:]
    random.Random(seed).shuffle(pool)
    corpus = []
    for n in range(size):
        base, repeat = pool[n % len(pool)], n // len(pool)
        paragraphs = [p for p in base["text"].split("\n") if p.strip()]
        if repeat and len(paragraphs) > 2:
            del paragraphs[1 + (repeat - 1) % (len(paragraphs) - 1)]
        corpus.append({**base, "text": "\n\n".join(paragraphs), "id": f"bench-{n:06d}"})
    return corpus


class TimedEmbedder:
    """Wraps an embedder to record when each encode call ran and which texts it was given."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.path = inner.path
        self.intervals: list[tuple[float, float]] = []
        self.texts: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        started = time.time()
        vectors = self.inner.encode(texts)
        self.intervals.append((started, time.time()))
        self.texts.extend(texts)
        return vectors

    def release(self) -> None:
        self.inner.release()

    @property
    def encoded(self) -> int:
        return self.inner.encoded

    def seconds_within(self, start: float, end: float) -> float:
        return sum(max(0.0, min(e, end) - max(s, start)) for s, e in self.intervals)


class StageClock(logging.Handler):
    """Every stage logs one INFO line when it ends ("cluster: …"): those lines mark the stage boundaries."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.marks: list[tuple[str, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        stage = str(record.msg).split(":", 1)[0]
        if stage.isidentifier():
            self.marks.append((stage, record.created))

    def spans(self, started: float) -> list[tuple[str, float, float]]:
        """(stage, start, end) in order: a stage runs from the previous line to its own."""
        spans, previous = [], started
        for stage, at in self.marks:
            spans.append((stage, previous, at))
            previous = at
        return spans


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_once(corpus_dir: Path, state_dir: Path, out_dir: Path, raw_sample: int, rebuild: bool = False,
             dask: str = "") -> dict:
    """One `briefgen build` over the corpus in this process (state folder, embedding cache and all), on a Dask
    cluster if `dask` names one: seconds per stage, with embedding split out of the stages that asked for it."""
    import dataclasses
    import datetime as dt

    from briefgen import nightly
    from briefgen.config import Config, Sources
    from briefgen.engine import connect
    from briefgen.store import Store

    clock = StageClock()
    logging.getLogger().addHandler(clock)
    logging.getLogger().setLevel(logging.INFO)
    started = time.time()
    store = Store(state_dir)
    with connect(dask) as work:
        embedder = TimedEmbedder(work.embedder(cache=store))
        if dask:  # the cluster's start and every worker's model load count as "load"
            work.load_models()
        elif raw_sample:  # the cold run: load the model up front so its seconds count as "load", not as embedding
            embedder.inner.forward(["warm up"])
        loaded = time.time()
        config = Config(title="Benchmark brief", sources=Sources(folders=(str(corpus_dir),)))
        config = dataclasses.replace(config, output=dataclasses.replace(config.output, folder=out_dir))
        outcome = nightly.build(config, embedder=embedder, store=store, engine=work,
                                now=dt.datetime(2026, 11, 23, 5, tzinfo=dt.timezone.utc), rebuild=rebuild)
    total = time.time() - started
    stages: dict[str, float] = {}
    for name, start, end in clock.spans(loaded):
        stages[name] = stages.get(name, 0.0) + (end - start) - embedder.seconds_within(start, end)
    stages["embed"] = sum(e - s for s, e in embedder.intervals)
    stages["load"] = loaded - started
    result = {"seconds": total, "stages": stages, "articles": len(outcome.brief.articles),
              "stories": len(outcome.brief.stories), "texts_embedded": len(embedder.texts),
              "texts_through_model": embedder.inner.encoded, "peak_rss_mb": peak_rss_mb()}
    if raw_sample:  # loads torch and the float32 model on top of the build: its memory is not the build's
        result["raw"] = raw_forward(embedder, raw_sample)
        result["peak_rss_with_raw_mb"] = peak_rss_mb()
    return result


def raw_forward(embedder: TimedEmbedder, sample: int) -> dict:
    """The plain sentence-transformers encode (float32) of texts briefgen embedded, a fixed-seed sample if many:
    the limit the issue measures against; and the same texts through briefgen's own model with no cache."""
    from briefgen.embed import SentenceTransformerEmbedder

    started = time.perf_counter()
    unique = list(dict.fromkeys(embedder.texts))
    texts = unique if len(unique) <= sample else random.Random(SEED).sample(unique, sample)
    reference = SentenceTransformerEmbedder()
    reference.load()
    rates = {}
    embedder.inner.load()  # the build let it go after its last embedding
    for name, model in (("texts_per_s", reference), ("own_model_texts_per_s", embedder.inner)):
        begun = time.perf_counter()
        model.forward(texts)
        rates[name] = len(texts) / (time.perf_counter() - begun)
    return {"texts": len(texts), "seconds": time.perf_counter() - started, **rates}


def write_corpus(corpus: list[dict], folder: Path, per_file: int = 500) -> None:
    """JSONL files of `per_file` articles, so the ingest stage reads real files."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(0, len(corpus), per_file):
        lines = [json.dumps(row, ensure_ascii=False) for row in corpus[n:n + per_file]]
        (folder / f"articles-{n // per_file:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def in_child(*args: str, module: str = "briefgen.bench") -> dict:
    """Run one phase in a fresh process: honest cold starts and a peak-memory figure per phase. `process_s` is the
    wall time a user waits, interpreter start and imports included."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise click.ClickException(f"benchmark phase {args[0]} failed:\n{result.stderr[-3000:]}")
    return {**json.loads(result.stdout.strip().splitlines()[-1]), "process_s": time.perf_counter() - started}


def cluster_at_scale(n: int, corpus_dir: Path, state_dir: Path) -> dict:
    """The clustering stage alone (`cluster.group`, as `briefgen build` runs it) on `n` articles."""
    from briefgen import cluster

    articles, vectors = articles_at_scale(n, state_dir)
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    grouping = cluster.group(articles, vectors, cluster.ClusterConfig())
    seconds = time.perf_counter() - started
    return {"articles": n, "seconds": seconds, "stories": len(grouping.stories),
            "noise": len(grouping.noise) / n, "peak_rss_mb": peak_rss_mb(), "rss_before_mb": rss_before}


def articles_at_scale(n: int, state_dir: Path) -> tuple[list, np.ndarray]:
    """`n` articles for the clustering stage and their vectors: the pool's real articles repeated with a
    paragraph dropped, each with its original's real MiniLM vector plus jitter."""
    from briefgen import clean, cluster, embed, ingest
    from briefgen.embed import default_embedder, normalise_rows
    from briefgen.store import Store

    config = cluster.ClusterConfig()
    pool = article_pool()
    random.Random(SEED).shuffle(pool)  # the order make_corpus cycles through
    originals = [clean.clean_article(ingest.make_article(p["title"], p["text"])) for p in pool]
    real = normalise_rows(embed.embed_all(default_embedder(cache=Store(state_dir)),
                                          cluster.article_texts(originals, config.lead_sentences)))
    rng = np.random.default_rng(SEED)
    articles, vectors = [], []
    for number, row in enumerate(make_corpus(n, pool)):
        article = clean.clean_article(ingest.make_article(row["title"], row["text"], source=row["source"],
                                                          published=row["published"], id=row["id"]))
        jitter = rng.normal(0, 0.02, real.shape[1]).astype(np.float32)
        vectors.append(normalise_rows((real[number % len(real)] + jitter)[None, :])[0])
        articles.append(article)
    return articles, np.stack(vectors)


def run(sizes: list[int], json_out: Path | None, cluster_n: int, raw_sample: int = 2000) -> dict:
    from briefgen import embed, int8

    # built once per machine (at install): not part of any cold run
    int8.model_file(embed.model_path(), embed.MODEL_NAME)
    pool = article_pool()
    report: dict = {"sizes": {}, "pool_articles": len(pool)}
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        for size in sizes:
            corpus_dir, state_dir = Path(tmp) / f"corpus-{size}", Path(tmp) / f"state-{size}"
            write_corpus(make_corpus(size, pool), corpus_dir)
            state_dir.mkdir()
            cold = in_child("once", str(corpus_dir), str(state_dir), str(Path(tmp) / f"out-{size}"), str(raw_sample))
            warm = in_child("once", str(corpus_dir), str(state_dir), str(Path(tmp) / f"out-{size}"), "0")
            rebuilt = in_child("once", str(corpus_dir), str(state_dir), str(Path(tmp) / f"out-{size}"), "0", "rebuild")
            embed_rate = cold["texts_through_model"] / max(cold["stages"]["embed"], 1e-9)
            cold_s = cold["process_s"] - cold["raw"]["seconds"]  # the raw-model comparison ran after the build
            report["sizes"][str(size)] = {
                "cold_s": cold_s, "warm_s": warm["process_s"], "warm_speedup": cold_s / warm["process_s"],
                "warm_rebuild_s": rebuilt["process_s"], "warm_rebuild_stages": rebuilt["stages"],
                "articles_per_s": size / cold_s,
                "peak_rss_mb": max(cold["peak_rss_mb"], warm["peak_rss_mb"], rebuilt["peak_rss_mb"]),
                "peak_rss_phases_mb": {"cold": cold["peak_rss_mb"], "warm": warm["peak_rss_mb"],
                                       "rebuild": rebuilt["peak_rss_mb"],
                                       "cold_with_raw_pass": cold["peak_rss_with_raw_mb"]},
                "stages": cold["stages"], "warm_stages": warm["stages"], "stories": cold["stories"],
                "texts_through_model": cold["texts_through_model"],
                "embed_vs_raw": embed_rate / cold["raw"]["texts_per_s"], "raw": cold["raw"],
                "embed_vs_own_model": embed_rate / cold["raw"]["own_model_texts_per_s"],
            }
            print_size(size, report["sizes"][str(size)])
        if cluster_n:
            largest = max(sizes)
            scale = in_child("cluster", str(cluster_n), str(Path(tmp) / f"corpus-{largest}"),
                             str(Path(tmp) / f"state-{largest}"))
            report[f"cluster_{cluster_n // 1000}k_s"] = scale["seconds"]
            report["cluster_scale"] = scale
            click.echo(f"\ncluster stage alone, {cluster_n:,} articles: {scale['seconds']:.1f} s, peak "
                       f"{scale['peak_rss_mb']:.0f} MB ({scale['rss_before_mb']:.0f} MB before the stage: the "
                       f"articles), {scale['stories']:,} stories, noise {scale['noise']:.0%}")
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2) + "\n")
    return report


STAGES = ["load", "ingest", "window", "unchanged", "clean", "embed", "cluster", "pick", "history", "compose",
          "render", "write", "run"]


def print_size(size: int, r: dict) -> None:
    stages = "  ".join(f"{s} {r['stages'][s]:.1f}" for s in STAGES if s in r["stages"])
    click.echo(f"\n{size:,} articles: cold {r['cold_s']:.1f} s ({r['articles_per_s']:.1f} articles/s), "
               f"warm {r['warm_s']:.1f} s ({r['warm_speedup']:.0f}x; unchanged, kept), warm rebuild "
               f"{r['warm_rebuild_s']:.1f} s (cached vectors), peak {r['peak_rss_mb']:.0f} MB, "
               f"{plural(r['stories'], 'story', 'stories')}")
    click.echo(f"  cold stages (s): {stages}")
    phases = r["peak_rss_phases_mb"]
    click.echo(f"  peak RSS (MB): cold build {phases['cold']:.0f} (then {phases['cold_with_raw_pass']:.0f} with the "
               f"float32 comparison loaded), warm {phases['warm']:.0f}, "
               f"warm rebuild {phases['rebuild']:.0f} (no model)")
    rebuild = "  ".join(f"{s} {r['warm_rebuild_stages'][s]:.1f}" for s in STAGES if s in r["warm_rebuild_stages"])
    click.echo(f"  warm rebuild stages (s): {rebuild}")
    click.echo(f"  embed: {r['texts_through_model']:,} texts through the model; {r['embed_vs_raw']:.0%} of the raw "
               f"float32 sentence-transformers pass ({r['raw']['texts_per_s']:.0f} texts/s on {r['raw']['texts']:,} "
               f"of the same texts), {r['embed_vs_own_model']:.0%} of the int8 model's own plain pass "
               f"({r['raw']['own_model_texts_per_s']:.0f} texts/s)")


if __name__ == "__main__":  # a benchmark phase in its own process (see in_child)
    logging.basicConfig(level=logging.WARNING)
    phase, *args = sys.argv[1:]
    if phase == "once":
        dask = next((a.removeprefix("dask=") for a in args[4:] if a.startswith("dask=")), "")
        out = run_once(Path(args[0]), Path(args[1]), Path(args[2]), int(args[3]), rebuild="rebuild" in args[4:],
                       dask=dask)
    else:
        out = cluster_at_scale(int(args[0]), Path(args[1]), Path(args[2]))
    print(json.dumps(out))
