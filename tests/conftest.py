"""Shared fixtures: the real model (loaded once), the examples, the dev sets in ../shared/data when present."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SHARED_DATA = ROOT.parent / "shared" / "data"


class FakeEmbedder:
    """Deterministic bag-of-words hashing: for unit tests of logic only, never for quality."""

    name = "fake"
    path = ""  # no weights file: the manifest names no model revision
    encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded += len(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int(hashlib.md5(word.strip(".,“”\"").encode()).hexdigest(), 16) % 64] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def release(self) -> None:
        pass


def article_vectors(articles, embedder) -> np.ndarray:
    """The rows `cluster.group` takes, made as the spine makes them."""
    from briefgen import cluster, embed

    return embed.embed_all(embedder, cluster.article_texts(articles, cluster.ClusterConfig().lead_sentences))


def pick_vectors(articles, embedder, config=None):
    """The table `pick.make_story` reads, made as the spine makes it: every text the picks read, at once."""
    from briefgen import embed, pick, quotes

    config = config or pick.PickConfig()
    return embed.Vectors.of(embedder, pick.texts_read(articles, quotes.extract_all(articles), config))


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def embedder():
    from briefgen.embed import default_embedder

    return default_embedder()


def shared_file(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (dev data lives in ../shared/data)")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def example_brief(tmp_path_factory, embedder):
    """The brief of examples/, built once through the real pipeline and written to disk."""
    from briefgen import pipeline, render
    from briefgen.config import Config, Sources

    out = tmp_path_factory.mktemp("brief")
    config = Config(title="US–China cyber tensions", sources=Sources(folders=(str(EXAMPLES),)))
    brief = pipeline.build_brief(config, date="2015-09-18", generated_at="2015-09-18T05:00:00+00:00",
                                 embedder=embedder)
    files = render.write_brief(brief, out)
    return brief, files


def dev_night_file(folder: Path) -> Path:
    """A real-volume night: wikinews-events dev + duc2006 dev as one .jsonl (~1,060 articles, 150+ outlets)."""
    parts = [shared_file("wikinews-events", "dev.jsonl"), shared_file("duc2006", "dev.jsonl")]
    night = folder / "night.jsonl"
    night.write_text("".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    return night


@pytest.fixture(scope="session")
def dev_night(tmp_path_factory, embedder):
    """The brief of a real-volume dev night, built once per session with the defaults and written to disk.
    Shared by every test that reads a brief as its reader would at real volume (skips without ../shared/data)."""
    from briefgen import pipeline, render
    from briefgen.config import Config, Sources

    folder = tmp_path_factory.mktemp("night")
    config = Config(title="Dev night", sources=Sources(folders=(str(dev_night_file(folder)),)))
    brief = pipeline.build_brief(config, date="2026-12-01", generated_at="2026-12-01T05:00:00+00:00",
                                 embedder=embedder)
    files = render.write_brief(brief, folder / "out")
    return brief, files
