"""The spine: every stage in order, from a `Config` to a `Brief`; it reads the state store but writes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from briefgen import clean, cluster, compose, embed, history, ingest, pick, provenance, quotes
from briefgen.config import Config, Window
from briefgen.embed import Embedder
from briefgen.engine import LOCAL
from briefgen.models import Article, Brief, BriefgenError, Failure, Story, plural
from briefgen.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Inputs:
    """The articles a brief is made of, the sources that failed, and the digest of all the brief depends on."""

    articles: tuple[Article, ...]
    failures: tuple[Failure, ...]
    sha256: str


def build_brief(config: Config, *, date: str, generated_at: str, embedder: Embedder, store: Store | None = None,
                inputs: Inputs | None = None, engine=LOCAL) -> Brief:
    """Read → clean → embed → cluster → pick → history → compose. `inputs` are the articles already read (the
    nightly run reads them first to see whether the brief already written is still the same). The `engine` runs
    the clustering of blocks and the picks of stories (with `engine.embedder`, the embedding too)."""
    inputs = inputs or read_inputs(config, date=date, generated_at=generated_at, embedder=embedder, store=store)
    articles, empty = clean.clean_articles(list(inputs.articles))
    if not articles:
        raise BriefgenError("no article could be read from " + ", ".join(provenance.all_sources(config)))
    article_vectors = embed.embed_all(embedder, cluster.article_texts(articles, config.cluster.lead_sentences))
    grouping = cluster.group(articles, article_vectors, config.cluster, engine)
    in_stories = [a for story in grouping.stories for a in story]
    found = quotes.extract_all(in_stories)
    vectors = embed.Vectors.of(embedder, pick.texts_read(in_stories, found, config.pick))
    embedder.release()  # the last vectors are made and no later stage holds the model: its ~0.4 GB can go
    stories = pick.make_stories(grouping.stories, vectors, config.pick, found, engine)
    log.info("pick: %s, %s, %s", plural(len(stories), "story", "stories"),
             plural(sum(len(s.quotes) for s in stories), "quote"), plural(sum(len(s.facts) for s in stories), "fact"))
    centroids = history.story_centroids(stories, articles, article_vectors)
    stories, centroids, since_last = match_history(stories, centroids, articles, config, store, date)
    manifest = provenance.manifest(config, articles, model=embedder.name, model_path=embedder.path, date=date,
                                   generated_at=generated_at, inputs=inputs.sha256)
    brief = compose.brief(stories, grouping, articles, [*inputs.failures, *empty], title=config.title, date=date,
                          generated_at=generated_at, config=config.brief, focus=config.pick.focus, manifest=manifest)
    stats = {**brief.stats, "since_last": since_last} if since_last else brief.stats
    return dataclasses.replace(brief, stats=stats, centroids=centroids)


def read_inputs(config: Config, *, date: str, generated_at: str, embedder: Embedder, store: Store | None = None,
                article_ids: tuple[str, ...] | None = None) -> Inputs:
    """The sources' articles in the time window. `article_ids` (a manifest's) replaces the window: exactly those
    articles, no others."""
    articles, failures = read(config, article_ids)
    articles = in_window(articles, config.window, generated_at, store, date) if article_ids is None else articles
    return Inputs(tuple(articles), tuple(failures),
                  provenance.inputs_digest(config, articles, failures, date, embedder.path))


def read(config: Config, article_ids: tuple[str, ...] | None) -> tuple[list[Article], list[Failure]]:
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


def match_history(stories: list[Story], centroids: dict, articles: list[Article], config: Config,
                  store: Store | None, date: str) -> tuple[list[Story], dict, dict]:
    """Stories carrying their lasting ids and new/developing status, their centroids under those ids, and the
    summary since the last brief; no history, no change."""
    if store is None:
        return stories, centroids, {}
    past = store.past_stories(before=date, since=history.lookback_start(date, config.history))
    matched, since_last = history.match(stories, centroids, past, store.seen_before(articles, date), date=date,
                                        previous_brief=store.last_brief_date(date), config=config.history)
    return matched, {new.id: centroids[old.id] for old, new in zip(stories, matched)}, since_last
