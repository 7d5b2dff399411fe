"""Developer commands, kept apart from the user's in `briefgen --help`: `briefgen eval …` and `briefgen bench`."""

from __future__ import annotations

from pathlib import Path

import click

INPUT_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
json_output = click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                           help="Also write the figures to this JSON file.")


@click.group("eval")
def eval_group() -> None:
    """Measure quality on a labelled set, beside baselines computed in the same run."""


@eval_group.command("cluster")
@click.option("--data", required=True, multiple=True, type=INPUT_FILE,
              help="Articles with a gold `cluster` field (JSONL); repeat it to score each file and all together.")
@click.option("--level", type=click.Choice(["story", "topic"]), default="story", show_default=True,
              help="Score stories (events) or topics.")
@click.option("--sizes", default="1", show_default=True,
              help="Shares of the whole input to score, comma-separated (fixed-seed random articles), e.g. 0.25,0.5,1.")
@click.option("--distractors", multiple=True, type=INPUT_FILE,
              help="Articles clustered with the input but never scored (JSONL); repeatable.")
@click.option("--block-size", default=0, type=click.IntRange(min=0),
              help="Also cluster with the input forced into blocks of at most N articles (k-means and density).")
@json_output
def eval_cluster(data: tuple[Path, ...], level: str, sizes: str, distractors: tuple[Path, ...],
                 block_size: int, json_out: Path | None) -> None:
    """Story/topic clustering: BCubed P/R/F1, ARI, NMI, noise share, seconds; a size curve for several inputs."""
    from briefgen.evaluate import clustering

    try:
        shares = [float(s) for s in sizes.split(",")]
    except ValueError:
        raise click.BadParameter(f"not a list of numbers: {sizes!r}", param_hint="--sizes") from None
    if not all(0 < s <= 1 for s in shares):
        raise click.BadParameter(f"each share must be in (0, 1]: {sizes!r}", param_hint="--sizes")
    clustering.run(list(data), level=level, sizes=shares, distractors=list(distractors), json_out=json_out,
                   block_size=block_size)


@eval_group.command("quotes")
@click.option("--data", required=True, type=INPUT_FILE,
              help="Articles with gold quotes (PolNeAR JSONL).")
@json_output
def eval_quotes(data: Path, json_out: Path | None) -> None:
    """Quote spans (exact and overlap F1) and speaker accuracy."""
    from briefgen.evaluate import quotes

    quotes.run(data, json_out=json_out)


@eval_group.command("summary")
@click.option("--data", required=True, type=INPUT_FILE,
              help="Articles of the DUC topics (JSONL).")
@click.option("--summaries", required=True, type=INPUT_FILE,
              help="Human summaries per topic (JSONL).")
@click.option("--systems", type=INPUT_FILE, default=None,
              help="Other systems' summaries to score beside briefgen's (JSONL).")
@json_output
def eval_summary(data: Path, summaries: Path, systems: Path | None, json_out: Path | None) -> None:
    """Story summaries: ROUGE-1/2/L against human summaries (DUC schema)."""
    from briefgen.evaluate import summary

    summary.run(data, summaries, systems=systems, json_out=json_out)


@eval_group.command("headlines")
@click.option("--data", required=True, type=INPUT_FILE,
              help="Articles with a gold event `cluster` field (wikinews-events JSONL).")
@click.option("--events", required=True, type=INPUT_FILE,
              help="Each event's Wikinews title (events_*.jsonl).")
@json_output
def eval_headlines(data: Path, events: Path, json_out: Path | None) -> None:
    """Headlines and bottom lines: ROUGE-1 F against each story's Wikinews event title."""
    from briefgen.evaluate import headlines

    headlines.run(data, events, json_out=json_out)


@eval_group.command("labels")
@click.option("--data", required=True, type=INPUT_FILE,
              help="Articles of the DUC topics (JSONL).")
@click.option("--summaries", required=True, type=INPUT_FILE,
              help="Each DUC topic's title (summaries_*.jsonl).")
@json_output
def eval_labels(data: Path, summaries: Path, json_out: Path | None) -> None:
    """Topic labels: ROUGE-1 F and cosine against the DUC topic titles, beside keyword labels."""
    from briefgen.evaluate import labels

    labels.run(data, summaries, json_out=json_out)


@click.command()
@click.option("--sizes", default="100,1000,10000", show_default=True, help="Corpus sizes, comma-separated.")
@click.option("--cluster-n", default=100_000, show_default=True, help="Vectors for the clustering-only run (0: skip).")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Also on Dask (local:N or tcp://HOST:PORT): embed rates on 1 and N workers, each size's build, "
                   "the partition step on --cluster-n articles.")
@json_output
def bench(sizes: str, cluster_n: int, dask: str | None, json_out: Path | None) -> None:
    """Time each stage on corpora of real articles, cold and warm, beside the raw model's throughput."""
    import json

    from briefgen import bench as benchmark

    counts = [int(s) for s in sizes.split(",")]
    report = benchmark.run(counts, None if dask else json_out, cluster_n)
    if dask:
        from briefgen import bench_dask

        report["dask"] = bench_dask.run(dask, counts, cluster_n)
        if json_out:
            json_out.write_text(json.dumps(report, indent=2) + "\n")


COMMANDS = (eval_group, bench)
