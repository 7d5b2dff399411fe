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
