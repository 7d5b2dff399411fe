"""Assemble stories into a `Brief`: rank stories, keep every leftover article, count what was read."""

from __future__ import annotations

import dataclasses
import logging

from briefgen.models import Article, Brief, Failure, Story, Topic

log = logging.getLogger(__name__)


def outlets(story: Story, articles: dict[str, Article]) -> list[str]:
    return sorted({articles[i].source or articles[i].id for i in story.article_ids})


def rank_key(story: Story, articles: dict[str, Article]) -> tuple:
    """Most distinct outlets first, then most articles, then most recent; the id breaks ties stably."""
    latest = max(articles[i].published for i in story.article_ids)
    return (-len(outlets(story, articles)), -len(story.article_ids), _negate(latest), story.id)


def _negate(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def brief(stories: list[Story], also_noted: list[Article], articles: list[Article], failures: list[Failure], *,
          title: str, date: str, generated_at: str, topics: list[Topic] = (), manifest: dict | None = None) -> Brief:
    by_id = {a.id: a for a in articles}
    ranked = sorted(stories, key=lambda s: rank_key(s, by_id))
    ranked = [dataclasses.replace(s, rank=float(n)) for n, s in enumerate(ranked, 1)]
    stats = {
        "articles": len(articles),
        "outlets": len({a.source for a in articles if a.source}),
        "stories": len(ranked),
        "also_noted": len(also_noted),
        "failed_sources": len(failures),
    }
    log.info("compose: %d stories, %d articles under 'Also in the news'", len(ranked), len(also_noted))
    return Brief(
        title=title,
        date=date,
        generated_at=generated_at,
        stories=tuple(ranked),
        topics=tuple(topics),
        also_noted=tuple(a.id for a in sorted(also_noted, key=lambda a: (a.published, a.id), reverse=True)),
        articles=tuple(sorted(articles, key=lambda a: a.id)),
        failures=tuple(failures),
        stats=stats,
        manifest=manifest or {},
    )
