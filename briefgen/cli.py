"""Command line: `briefgen build|check|send`, `briefgen eval …`, `briefgen bench`; heavy imports stay inside
commands."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import sys
import time
from pathlib import Path

import click

from briefgen.models import BriefgenError

log = logging.getLogger("briefgen")


LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def setup_logging(verbose: bool) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        root.addHandler(handler)
    for noisy in ("sentence_transformers", "transformers", "urllib3", "fontTools", "weasyprint", "trafilatura",
                  "htmldate", "httpx", "mail.log"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def log_to_file(log_file: Path | None) -> None:
    """stderr always; a file too when asked (cron mails stderr; the file keeps every night, with times)."""
    if log_file is None:
        return
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT, "%Y-%m-%dT%H:%M:%S"))
    logging.getLogger().addHandler(handler)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail.")
def main(verbose: bool) -> None:
    """briefgen: policy briefs from the news, every line traceable to a source sentence."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    setup_logging(verbose)


def load_config(config_file: Path | None, sources: tuple[str, ...], outdir: Path | None, title: str | None,
                templates: Path | None):
    """The config file, or one made from the arguments (`make brief` needs no file); arguments win."""
    from dataclasses import replace

    from briefgen import config as cfg

    config = cfg.load(config_file) if config_file else cfg.Config(output=cfg.Output(name="brief"))
    if sources:
        config = replace(config, sources=replace(config.sources, folders=(*config.sources.folders, *sources)))
    if not (config.sources.folders or config.sources.feeds or config.sources.url_lists):
        raise BriefgenError("no sources: give SOURCE arguments or -c briefgen.toml")
    output = replace(config.output, **{k: v for k, v in (("folder", outdir), ("templates", templates)) if v})
    return replace(config, output=output, title=title or config.title)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("-c", "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="briefgen.toml: sources, window, output, theme, state, email.")
@click.option("-o", "--output", "outdir", default=None, type=click.Path(path_type=Path),
              help="Output folder (default: the config's, else out).")
@click.option("--title", default=None, help="Title printed on the brief (default: the config's, else Daily brief).")
@click.option("--date", "date", default=None, help="Date of the brief (YYYY-MM-DD); default today (UTC).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of your own templates, searched before the built-in ones.")
@click.option("--email", "email", is_flag=True, help="Mail the brief to the config's recipients.")
@click.option("--dry-run", is_flag=True, help="Write the email as a .eml file beside the brief instead of sending.")
@click.option("--force", is_flag=True, help="Mail again recipients who already got this brief.")
@click.option("--rebuild", is_flag=True,
              help="Build again even when the brief already written has the same inputs and settings.")
@click.option("--manifest", "manifest_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Rebuild the brief this brief.json describes (into -o, default <its folder>/rebuilt).")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also log to this file (default: the config's [log] file).")
def build(sources, config_file, outdir, title, date, templates, email, dry_run, force, rebuild, manifest_file,
          log_file):
    """Build a brief from SOURCES and/or the config's sources. Exit 0 done, 1 done with source errors, 2 failed."""
    from tqdm.contrib.logging import logging_redirect_tqdm

    from briefgen import commands, nightly
    from briefgen.embed import default_embedder

    started = time.perf_counter()
    # systemd and kill send SIGTERM: leave through SystemExit so temporary files are removed and the lock freed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(nightly.FAILED))
    try:
        if date is not None:
            check_date(date)
        if manifest_file:
            log_to_file(log_file)
            outcome = commands.rebuild(manifest_file, outdir or manifest_file.parent / "rebuilt",
                                       embedder=default_embedder())
        else:
            config = load_config(config_file, sources, outdir, title, templates)
            log_to_file(log_file or config.log_file)
            with logging_redirect_tqdm():  # log lines print above the progress bars
                outcome = nightly.run(config, date=date, email=email, dry_run=dry_run, force=force, rebuild=rebuild)
    except nightly.Locked as e:
        log.warning("%s", e)
        sys.exit(nightly.DONE)
    except BriefgenError as e:
        log.error("%s", e)
        sys.exit(nightly.FAILED)
    except Exception:  # a bug or a broken machine: say so in the log, with the trace, and fail
        log.exception("briefgen build failed")
        sys.exit(nightly.FAILED)
    for path in outcome.files.values():
        click.echo(path)
    brief = outcome.brief
    log.info("done in %.1f s: %d stories, %d articles, %d failed sources; exit %d", time.perf_counter() - started,
             len(brief.stories), len(brief.articles), len(brief.failures), outcome.exit_code)
    sys.exit(outcome.exit_code)


def check_date(date: str) -> None:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise BriefgenError(f"--date {date}: expected YYYY-MM-DD") from None


@main.command()
@click.option("-c", "--config", "config_file", required=True, type=click.Path(dir_okay=False, path_type=Path))
def check(config_file: Path) -> None:
    """Validate the config and read every source, without loading the model.

    Exit 0 ok, 1 source errors, 2 bad config."""
    from briefgen import commands

    try:
        sys.exit(commands.check(config_file))
    except BriefgenError as e:
        log.error("%s", e)
        sys.exit(2)


@main.command()
@click.option("-c", "--config", "config_file", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "date", default=None, help="Date of the brief to send (YYYY-MM-DD); default today (UTC).")
@click.option("--dry-run", is_flag=True, help="Write the .eml file instead of sending.")
@click.option("--force", is_flag=True, help="Mail again recipients who already got this brief.")
def send(config_file: Path, date: str | None, dry_run: bool, force: bool) -> None:
    """Mail a brief already built; nobody gets the same brief twice unless --force."""
    from briefgen import config as cfg, nightly

    try:
        config = cfg.load(config_file)
        log_to_file(config.log_file)
        if date is not None:
            check_date(date)
        date = date or dt.datetime.now(dt.timezone.utc).date().isoformat()
        delivery = nightly.send_written(config, date=date, force=force, dry_run=dry_run)
    except nightly.Locked as e:
        log.warning("%s", e)
        sys.exit(nightly.DONE)
    except BriefgenError as e:
        log.error("%s", e)
        sys.exit(nightly.FAILED)
    if delivery.eml:
        click.echo(delivery.eml)
    sys.exit(nightly.FAILED if delivery.failed else nightly.DONE)


@main.group("eval")
def eval_group() -> None:
    """Measure quality on a labelled set, beside baselines computed in the same run."""


@eval_group.command("cluster")
@click.option("--data", required=True, multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Articles with a gold `cluster` field (JSONL); repeat it to score each file and all together.")
@click.option("--level", type=click.Choice(["story", "topic"]), default="story", show_default=True)
@click.option("--sizes", default="1", show_default=True,
              help="Shares of the whole input to score, comma-separated (fixed-seed random articles), e.g. 0.25,0.5,1.")
@click.option("--distractors", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Articles clustered with the input but never scored (JSONL); repeatable.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None)
def eval_cluster(data: tuple[Path, ...], level: str, sizes: str, distractors: tuple[Path, ...],
                 json_out: Path | None) -> None:
    """Story/topic clustering: BCubed P/R/F1, ARI, NMI, noise share, seconds; a size curve for several inputs."""
    from briefgen.evaluate import clustering

    try:
        shares = [float(s) for s in sizes.split(",")]
    except ValueError:
        raise click.BadParameter(f"not a list of numbers: {sizes!r}", param_hint="--sizes") from None
    if not all(0 < s <= 1 for s in shares):
        raise click.BadParameter(f"each share must be in (0, 1]: {sizes!r}", param_hint="--sizes")
    clustering.run(list(data), level=level, sizes=shares, distractors=list(distractors), json_out=json_out)


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
