"""The spine: every stage in order, from sources to a `Brief`; it writes nothing itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen import clean, cluster, compose, ingest, pick
from briefgen.embed import Embedder
from briefgen.models import Brief, BriefgenError


@dataclass(frozen=True, slots=True)
class Settings:
    sources: tuple[str, ...]
    title: str = "Daily brief"
    cluster: cluster.ClusterConfig = field(default_factory=cluster.ClusterConfig)
    pick: pick.PickConfig = field(default_factory=pick.PickConfig)
    templates: Path | None = None


def build_brief(settings: Settings, *, date: str, generated_at: str, embedder: Embedder) -> Brief:
    articles, failures = ingest.read_sources(settings.sources)
    articles, empty = clean.clean_articles(articles)
    if not articles:
        raise BriefgenError("no article could be read from " + ", ".join(settings.sources))
    grouping = cluster.group(articles, embedder, settings.cluster)
    stories = [pick.make_story(list(g), embedder, settings.pick) for g in grouping.stories]
    return compose.brief(stories, grouping, articles, failures + empty, title=settings.title, date=date,
                         generated_at=generated_at, manifest=manifest(settings, articles, embedder))


def manifest(settings: Settings, articles, embedder: Embedder) -> dict:
    """What is needed to regenerate this brief exactly: inputs, model, parameters, versions."""
    from dataclasses import asdict
    import briefgen

    return {
        "briefgen": briefgen.__version__,
        "model": embedder.name,
        "article_ids": sorted(a.id for a in articles),
        "sources": list(settings.sources),
        "cluster": asdict(settings.cluster),
        "pick": asdict(settings.pick),
    }
