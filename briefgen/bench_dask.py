"""`briefgen bench --dask ADDRESS`: the figures for a build past one machine, beside the single-process ones —
the int8 model's throughput here and on 1 and N Dask workers, a cold build of each size on the engine, and the
partition step on a large input (the step that stays on the driver)."""

from __future__ import annotations

import json
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

import click
import numpy as np

from briefgen import bench
from briefgen.models import plural

log = logging.getLogger(__name__)


def run(address: str, sizes: list[int], partition_n: int, sample: int = 2000, json_out: Path | None = None) -> dict:
    pool = bench.article_pool()
    report: dict = {"dask": address, "embed": embed_rates(address, sample), "builds": {}}
    print_rates(report["embed"])
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-dask-") as tmp:
        for size in sizes:
            corpus_dir, state_dir = Path(tmp) / f"corpus-{size}", Path(tmp) / f"state-{size}"
            bench.write_corpus(bench.make_corpus(size, pool), corpus_dir)
            build = bench.in_child("once", str(corpus_dir), str(state_dir), str(Path(tmp) / f"out-{size}"), "0",
                             f"dask={address}")
            report["builds"][str(size)] = build
            stages = "  ".join(f"{s} {build['stages'][s]:.1f}" for s in bench.STAGES if s in build["stages"])
            click.echo(f"\n{size:,} articles on Dask {address}: cold {build['process_s']:.1f} s, "
                       f"{plural(build['stories'], 'story', 'stories')}, "
                       f"driver peak {build['peak_rss_mb']:.0f} MB\n  stages (s): {stages}")
        if partition_n:
            report["partition"] = bench.in_child("partition", str(partition_n), str(Path(tmp) / "state-partition"),
                                           module="briefgen.bench_dask")
            p = report["partition"]
            click.echo(f"\npartition step, {partition_n:,} articles: {p['seconds']:.1f} s into {p['blocks']} blocks "
                       f"(largest {p['largest']:,}), peak {p['peak_rss_mb']:.0f} MB ({p['rss_before_mb']:.0f} MB "
                       f"before the step: the articles and their views)")
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2) + "\n")
    return report


def sample_texts(sample: int) -> list[str]:
    """What a build embeds, in its proportions: titles, title + lead, and the sentences the picks read, of
    fixed-seed articles from the pool; a fixed-seed sample of them."""
    from briefgen import clean, cluster, ingest

    rows = bench.make_corpus(max(50, sample // 8), bench.article_pool())
    articles = [clean.clean_article(ingest.make_article(r["title"], r["text"], id=r["id"])) for r in rows]
    texts = [a.title for a in articles] + cluster.article_texts(articles, 3)
    texts += [s.text for a in articles for s in a.sentences[:12]]
    unique = list(dict.fromkeys(t for t in texts if t.strip()))
    return unique if len(unique) <= sample else random.Random(bench.SEED).sample(unique, sample)


def embed_rates(address: str, sample: int) -> dict:
    """Texts/s of the int8 model on the same texts: in this process (all its cores), then on 1 worker and on all
    the cluster's workers (the cluster's start and the model loads not counted)."""
    from briefgen import engine
    from briefgen.embed import Int8Embedder

    texts = sample_texts(sample)
    here = Int8Embedder()
    here.load()
    started = time.perf_counter()
    expected = here.forward(texts)
    rates = {"texts": len(texts), "this_process": len(texts) / (time.perf_counter() - started)}
    here.release()
    with engine.connect(address) as work:
        work.load_models()
        names = sorted(work.client.scheduler_info()["workers"])
        jobs = [texts[i:i + engine.TEXTS_PER_JOB] for i in range(0, len(texts), engine.TEXTS_PER_JOB)]
        for count in sorted({1, len(names)}):
            started = time.perf_counter()
            futures = work.client.map(engine.encode_on_worker, jobs, workers=names[:count],
                                      allow_other_workers=False, pure=False)
            vectors = np.vstack(work.client.gather(futures))
            rates[f"workers_{count}"] = len(texts) / (time.perf_counter() - started)
            rates[f"workers_{count}_identical"] = bool(np.array_equal(vectors, expected))
    return rates


def print_rates(rates: dict) -> None:
    cells = [f"this process {rates['this_process']:.0f}"] + [
        f"{key.split('_')[1]} worker(s) {value:.0f} (vectors {'identical' if rates[key + '_identical'] else 'DIFFER'})"
        for key, value in rates.items() if key.startswith("workers_") and not key.endswith("_identical")]
    click.echo(f"\nembed, {rates['texts']:,} texts, texts/s: " + ", ".join(cells))


def partition_at_scale(n: int, state_dir: Path) -> dict:
    """The partition step alone on `n` articles (the bench's large clustering input), with the views it reads."""
    from briefgen import cluster, partition
    from briefgen.embed import normalise_rows

    config = cluster.ClusterConfig()
    articles, vectors = bench.articles_at_scale(n, state_dir)
    order = sorted(range(n), key=lambda i: articles[i].id)  # as `cluster.group` orders them
    articles, dense = [articles[i] for i in order], normalise_rows(vectors[order])
    latent = cluster.latent_views(cluster.word_weights(articles)[0], dense, config)[0]
    rss_before = bench.peak_rss_mb()
    started = time.perf_counter()
    blocks = partition.blocks(dense, latent, config.block_size, config.seed)
    return {"articles": n, "seconds": time.perf_counter() - started, "blocks": len(blocks),
            "largest": max(map(len, blocks)), "smallest": min(map(len, blocks)),
            "peak_rss_mb": bench.peak_rss_mb(), "rss_before_mb": rss_before}


if __name__ == "__main__":  # a benchmark phase in its own process (see bench.in_child)
    logging.basicConfig(level=logging.WARNING)
    phase, *args = sys.argv[1:]
    print(json.dumps(partition_at_scale(int(args[0]), Path(args[1]))))
