"""Quality evaluation on labelled sets: each command prints briefgen beside baselines from the same run."""

from __future__ import annotations

import json
from pathlib import Path

import click


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def print_table(title: str, rows: dict[str, dict[str, float]], columns: list[str]) -> None:
    """One row per system (briefgen first), one column per metric, three decimals."""
    width = max(len(name) for name in rows) + 2
    click.echo(f"\n{title}")
    click.echo("system".ljust(width) + "".join(c.rjust(12) for c in columns))
    for name, metrics in rows.items():
        cells = "".join((f"{metrics[c]:12.3f}" if isinstance(metrics.get(c), float) else
                         str(metrics.get(c, "")).rjust(12)) for c in columns)
        click.echo(name.ljust(width) + cells)


def write_json(path: Path | None, ours: dict, baselines: dict[str, dict], **extra) -> None:
    """`{"briefgen": {...}, "baselines": {name: {...}}}`, the shape every eval command writes."""
    if path is None:
        return
    Path(path).write_text(json.dumps({"briefgen": ours, "baselines": baselines, **extra}, indent=2) + "\n")
