"""Assemble stories into a `Brief`: clean headlines, rank stories, feature the top ones, group them under topics,
keep every leftover."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re

from briefgen import labels
from briefgen.cluster import Grouping
from briefgen.config import BriefConfig
from briefgen.models import Article, Brief, Failure, Story, Topic, plural

log = logging.getLogger(__name__)

# A trailing " - Reuters", " | BBC News", " — The Site" names the outlet, not the event.
SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+((?:[A-Z0-9][\w.&'’]*\s*){1,4}|[\w.-]+\.(?:com|org|net|co\.uk|gov))$")
PIPE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,40}$")  # "Headline | Site": a pipe almost always starts furniture
MEDIA_TAG = re.compile(r"\s*[(\[]\+?\s*(?:video|photos?|pictures|watch|live|updated?)\s*[)\]]\s*$", re.I)
# "Headline : The Two-Way : NPR": an English title puts no space before a colon unless it is a separator.
COLON_SUFFIX = re.compile(r"\s+:\s+[A-Z][^:]{0,39}$")


# The ranking in words, in the order `rank_key` applies it: the method section prints these.
RANKING = (
    "new or developing since the last brief before stories already briefed and unchanged since",
    "stories whose article titles name one of the focus topics first",
    "more distinct outlets reporting",
    "more articles",
    "the most recent article",
)


def clean_headline(title: str) -> str:
    """A title without the outlet's names or media tags appended to it (several, one after another); never
    emptied."""
    text, before = " ".join(title.split()), ""
    while text != before:
        before = text
        for pattern in (MEDIA_TAG, PIPE_SUFFIX, COLON_SUFFIX, SITE_SUFFIX):
            shorter = pattern.sub("", text).strip()
            if len(shorter.split()) >= 3:  # keep a short title whole rather than leave a fragment
                text = shorter
    return text


def outlets(story: Story, articles: dict[str, Article]) -> list[str]:
    return sorted({articles[i].source or articles[i].id for i in story.article_ids})


def rank_key(story: Story, articles: dict[str, Article], centrality: float = 0.0,
             focus: tuple[str, ...] = ()) -> tuple:
    """`RANKING` in order, then the most cohesive; the id breaks ties."""
    latest = max(articles[i].published for i in story.article_ids)
    return (story.status == "unchanged", not names_focus(story, articles, focus), -len(outlets(story, articles)),
            -len(story.article_ids), _negate(latest), -round(centrality, 6), story.id)


def names_focus(story: Story, articles: dict[str, Article], focus: tuple[str, ...]) -> bool:
    """True when every word of one focus topic appears in one of the story's article titles (or its headline)."""
    topics = [set(_words(topic)) for topic in focus if _words(topic)]
    titles = [set(_words(articles[i].title)) for i in story.article_ids] + [set(_words(story.headline))]
    return any(topic <= title for topic in topics for title in titles)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _negate(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text) + (0,)  # the 0 ranks "2015-09-17" ahead of its prefix ""


def topic_id(story_ids: list[str]) -> str:
    return "t-" + hashlib.sha1(",".join(sorted(story_ids)).encode()).hexdigest()[:10]


def arrange(stories: list[Story], grouping: Grouping, articles: dict[str, Article], *, featured: int = 0,
            focus: tuple[str, ...] = ()) -> tuple[list[Story], list[Topic]]:
    """Stories ranked, headlines cleaned, the first `featured` marked so, each under a topic; topics ordered by
    their best story."""
    centrality = {s.id: c for s, c in zip(stories, grouping.cohesion)}
    topic_of = {s.id: t for s, t in zip(stories, grouping.story_topics)}
    ranked = sorted(stories, key=lambda s: rank_key(s, articles, centrality[s.id], focus))
    members: dict[int, list[str]] = {}
    for story in ranked:
        members.setdefault(topic_of[story.id], []).append(story.id)
    ids = {number: topic_id(story_ids) for number, story_ids in members.items()}
    by_id = {s.id: s for s in stories}
    topics = []
    for number, story_ids in members.items():  # insertion order: by each topic's best-ranked story
        topic_articles = [articles[a] for i in story_ids for a in by_id[i].article_ids]
        label = labels.topic_label([clean_headline(a.title) for a in topic_articles], grouping.topic_terms[number],
                                   [a.text for a in topic_articles])
        topics.append(Topic(ids[number], label, tuple(story_ids)))
    ranked = [dataclasses.replace(s, rank=float(n), headline=clean_headline(s.headline), topic=ids[topic_of[s.id]],
                                  featured=n <= featured) for n, s in enumerate(ranked, 1)]
    return ranked, topics


def brief(stories: list[Story], grouping: Grouping, articles: list[Article], failures: list[Failure], *,
          title: str, date: str, generated_at: str, config: BriefConfig = BriefConfig(), focus: tuple[str, ...] = (),
          manifest: dict | None = None) -> Brief:
    by_id = {a.id: a for a in articles}
    ranked, topics = arrange(stories, grouping, by_id, featured=config.featured, focus=focus)
    also_noted = grouping.noise
    stats = {
        "articles": len(articles),
        "outlets": len({a.source for a in articles if a.source}),
        "stories": len(ranked),
        "featured": sum(s.featured for s in ranked),
        "topics": len(topics),
        "also_noted": len(also_noted),
        "failed_sources": len(failures),
    }
    log.info("compose: %s in %s (%d featured), %s under 'Also in the news'", plural(len(ranked), "story", "stories"),
             plural(len(topics), "topic"), stats["featured"], plural(len(also_noted), "article"))
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
