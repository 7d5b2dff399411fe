"""Command line: `briefgen build`, `briefgen eval …`, `briefgen bench`; heavy imports stay inside commands."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
from pathlib import Path

import click

from briefgen.models import BriefgenError

log = logging.getLogger("briefgen")


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
                        format="%(levelname)s %(message)s")
    for noisy in ("sentence_transformers", "transformers", "urllib3", "fontTools", "weasyprint", "trafilatura",
                  "htmldate", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail.")
def main(verbose: bool) -> None:
    """briefgen: policy briefs from the news, every line traceable to a source sentence."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    setup_logging(verbose)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for brief.html, brief.pdf, brief.json.")
@click.option("--title", default="Daily brief", show_default=True, help="Title printed on the brief.")
@click.option("--date", "date", default=None, help="Date of the brief (YYYY-MM-DD); default today.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of your own templates, searched before the built-in ones.")
def build(sources: tuple[str, ...], outdir: Path, title: str, date: str | None, templates: Path | None) -> None:
    """Build a brief from SOURCES (files or folders of .txt, .md, .html, .json, .jsonl)."""
    from briefgen import pipeline, render
    from briefgen.embed import SentenceTransformerEmbedder

    started = time.perf_counter()
    now = dt.datetime.now(dt.timezone.utc)
    settings = pipeline.Settings(sources=sources, title=title, templates=templates)
    try:
        brief = pipeline.build_brief(settings, date=date or now.date().isoformat(),
                                     generated_at=now.isoformat(timespec="seconds"),
                                     embedder=SentenceTransformerEmbedder())
        files = render.write_brief(brief, outdir, templates)
    except BriefgenError as e:
        raise click.ClickException(str(e)) from None
    for path in files.values():
        click.echo(path)
    log.info("done in %.1f s: %d stories, %d articles, %d failed sources", time.perf_counter() - started,
             len(brief.stories), len(brief.articles), len(brief.failures))
    sys.exit(1 if brief.failures else 0)


@main.group("eval")
def eval_group() -> None:
    """Measure quality on a labelled set, beside baselines computed in the same run."""


@eval_group.command("cluster")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Articles with a gold `cluster` field (JSONL).")
@click.option("--level", type=click.Choice(["story", "topic"]), default="story", show_default=True)
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def eval_cluster(data: Path, level: str, json_out: Path | None) -> None:
    """Story/topic clustering: BCubed P/R/F1, ARI, NMI, noise share, seconds."""
    from briefgen.evaluate import clustering

    clustering.run(data, level=level, json_out=json_out)


@eval_group.command("quotes")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Articles with gold quotes (PolNeAR JSONL).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def eval_quotes(data: Path, json_out: Path | None) -> None:
    """Quote spans (exact and overlap F1) and speaker accuracy."""
    from briefgen.evaluate import quotes

    quotes.run(data, json_out=json_out)


@eval_group.command("summary")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--summaries", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--systems", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def eval_summary(data: Path, summaries: Path, systems: Path | None, json_out: Path | None) -> None:
    """Story summaries: ROUGE-1/2/L against human summaries (DUC schema)."""
    from briefgen.evaluate import summary

    summary.run(data, summaries, systems=systems, json_out=json_out)


@main.command()
@click.option("--sizes", default="100,1000,10000", show_default=True, help="Corpus sizes, comma-separated.")
@click.option("--cluster-n", default=100_000, show_default=True, help="Vectors for the clustering-only run (0: skip).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def bench(sizes: str, cluster_n: int, json_out: Path | None) -> None:
    """Time each stage on corpora of real articles, cold and warm, beside the raw model's throughput."""
    from briefgen import bench as benchmark

    benchmark.run([int(s) for s in sizes.split(",")], json_out, cluster_n)
