"""Match tonight's stories to the stories of past briefs: keep their ids, mark each one new or developing.

A story continues a past one when they share an article or, failing that, when their centroids are close.
Articles an earlier brief already showed stay in the story (its evidence is whole); what is new since the last
brief is listed per story in `since_last`, so the brief can show it without dropping anything. An article no
earlier brief included is new tonight, whenever it was published: one that arrived after last night's brief was
made makes its story "developing"; a story with no such article is "unchanged" and gives way in the ranking.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import numpy as np

from briefgen.config import History
from briefgen.embed import normalise_rows
from briefgen.models import Article, Story
from briefgen.store import PastStory

log = logging.getLogger(__name__)


def centroid(story: Story, vectors: dict[str, np.ndarray]) -> np.ndarray:
    mean = np.mean([vectors[i] for i in story.article_ids], axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)


def match_score(story: Story, story_centroid: np.ndarray, past: PastStory, config: History) -> float:
    """Above 1 when articles are shared (1 + Jaccard), else the centroid cosine when over the threshold; else 0."""
    ours, theirs = set(story.article_ids), set(past.article_ids)
    if ours & theirs:
        return 1.0 + len(ours & theirs) / len(ours | theirs)
    if past.centroid.shape != story_centroid.shape:  # stored by another model: only shared articles count
        return 0.0
    cosine = float(past.centroid @ story_centroid)
    return cosine if cosine >= config.similarity else 0.0


def match(stories: list[Story], centroids: dict[str, np.ndarray], past: list[PastStory], seen: set[str], *,
          date: str, previous_brief: str, config: History = History()) -> tuple[list[Story], dict]:
    """Stories with their lasting id, `status` and `first_seen`, and the "since the last brief" summary.

    Each past story continues at most one story tonight: the best-scoring pairs are taken first (ties by id)."""
    pairs = sorted(((score, s.id, p.id) for s in stories for p in past
                    if (score := match_score(s, centroids[s.id], p, config)) > 0),
                   key=lambda t: (-t[0], t[1], t[2]))
    chosen: dict[str, str] = {}
    for _, story_id, past_id in pairs:
        if story_id not in chosen and past_id not in chosen.values():
            chosen[story_id] = past_id
    past_by_id = {p.id: p for p in past}
    known = {a for p in past for a in p.article_ids} | seen
    result, since = [], {"previous_brief": previous_brief, "new": [], "developing": [], "unchanged": []}
    for story in stories:
        if story.id not in chosen:
            result.append(dataclasses.replace(story, status="new", first_seen=date))
            since["new"].append({"id": story.id, "headline": story.headline})
            continue
        before = past_by_id[chosen[story.id]]
        fresh = [a for a in story.article_ids if a not in known]
        status = "developing" if fresh else "unchanged"  # compose ranks unchanged stories after the rest
        result.append(dataclasses.replace(story, id=before.id, status=status, first_seen=before.first_seen))
        entry = {"id": before.id, "headline": story.headline, "first_seen": before.first_seen,
                 "last_brief": before.brief_date, "new_article_ids": fresh,
                 "known_article_ids": [a for a in story.article_ids if a in known]}
        since["developing" if fresh else "unchanged"].append(entry)
    log.info("history: %d new, %d developing, %d unchanged (against %d past stories since %s)",
             len(since["new"]), len(since["developing"]), len(since["unchanged"]), len(past),
             previous_brief or "—")
    return result, since


def story_centroids(stories: list[Story], articles: list[Article], vectors: np.ndarray) -> dict[str, np.ndarray]:
    """Mean article vector of each story, from the vectors clustering read (`vectors`: one row per article)."""
    rows = dict(zip((a.id for a in articles), normalise_rows(vectors)))
    return {s.id: centroid(s, rows) for s in stories}


def lookback_start(date: str, config: History) -> str:
    return (dt.date.fromisoformat(date[:10]) - dt.timedelta(days=max(config.lookback_days, 1))).isoformat()
