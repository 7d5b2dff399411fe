"""Headline and bottom-line evaluation on wikinews-events: ROUGE-1 F against the Wikinews title of each story's
majority event, beside a random article's lead, the most central article's lead and the best sentence (oracle), or the
best sentence or main clause (`clauses`: the span a bottom line may be)."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from pathlib import Path

import click
import numpy as np

from briefgen import clauses, clean, cluster, compose, embed, ingest, pick, quotes
from briefgen.config import ClusterConfig, PickConfig
from briefgen.evaluate import print_table, read_jsonl, write_json

SEED = 0  # the random-lead baseline's choice of article


def articles_of(docs: list[dict]) -> list:
    return [ingest.make_article(d.get("title", ""), d["text"], source=d.get("source", ""),
                                published=d.get("date") or "", id=d["id"]) for d in docs]


HELD_OUT_MIN_ARTICLES = 3  # a story keeps two articles and their titles when one is held out
HELD_OUT = "bottom line vs held-out outlet titles"


def stories_of(docs: list[dict], embedder) -> list[tuple[list, object, np.ndarray, list[tuple[str, str]]]]:
    """(articles, Story, article vectors, held out) for each story the pipeline forms with the defaults, the headline
    cleaned as the brief shows it. Held out: for a story of three or more articles, each article's cleaned title
    beside the bottom line chosen from the story's other articles and their titles."""
    articles, _ = clean.clean_articles(articles_of(docs))
    article_vectors = embed.embed_all(embedder, cluster.article_texts(articles, ClusterConfig().lead_sentences))
    row = {a.id: i for i, a in enumerate(articles)}
    grouping = cluster.group(articles, article_vectors)
    in_stories = [a for story in grouping.stories for a in story]
    found = quotes.extract_all(in_stories)
    table = embed.Vectors.of(embedder, pick.texts_read(in_stories, found, PickConfig()))
    out = []
    for group in grouping.stories:
        story = pick.make_story(list(group), table, PickConfig(), found)
        # Without their quotes: the bottom line does not read them, and naming speakers is most of a story's picks.
        held_out = [(compose.clean_headline(a.title), bottom_line_text(pick.make_story(
            [b for b in group if b is not a], table, PickConfig(), {b.id: [] for b in group})))
            for a in group if len(group) >= HELD_OUT_MIN_ARTICLES and a.title.strip()]
        out.append((list(group), dataclasses.replace(story, headline=compose.clean_headline(story.headline)),
                    article_vectors[[row[a.id] for a in group]], held_out))
    return out


def bottom_line_text(story) -> str:
    return story.key_sentence.text if story.key_sentence else ""


def lead_sentence(article) -> str:
    return article.sentences[0].text if article.sentences else article.title


def run(data: Path, events: Path, json_out: Path | None = None, *, embedder=None) -> dict:
    from rouge_score import rouge_scorer

    from briefgen.evaluate.summary import cached_embedder

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    docs = read_jsonl(data)
    event_of = {d["id"]: d["cluster"] for d in docs}
    titles = {e["cluster"]: e["event_title"] for e in read_jsonl(events)}
    embedder = embedder or cached_embedder()
    rng = random.Random(SEED)
    totals: dict[str, float] = Counter()
    stories = stories_of(docs, embedder)
    for articles, story, vectors, _ in stories:
        event = Counter(event_of[a.id] for a in articles).most_common(1)[0][0]

        def f1(text: str, title: str = titles[event]) -> float:
            return scorer.score(title, text)["rouge1"].fmeasure

        central = articles[int(np.argmax(vectors @ vectors.mean(axis=0)))]
        chosen = {
            "headline": f1(story.headline),
            "bottom line": f1(story.key_sentence.text if story.key_sentence else ""),
            "random article's lead": f1(lead_sentence(rng.choice(sorted(articles, key=lambda a: a.id)))),
            "central article's lead": f1(lead_sentence(central)),
            "oracle sentence": max((f1(s.text) for a in articles for s in a.sentences), default=0.0),
            "oracle sentence or main clause": max((f1(x.text) for a in articles for s in a.sentences
                                                   for x in [s, *clauses.main_clauses(s)]), default=0.0),
        }
        for name, value in chosen.items():
            totals[name] += value / len(stories)
    rows = {name: {"rouge1_f": value, "stories": len(stories)} for name, value in totals.items()}
    print_table(f"Headlines and bottom lines on {Path(data).name}: {len(stories)} stories, ROUGE-1 F (stemmed) "
                "against the Wikinews title of each story's majority event", rows, ["rouge1_f", "stories"])
    # The check that a gain is not a fit to the Wikinews titles: the outlets' own titles, each one held out.
    held_out = [scorer.score(title, line)["rouge1"].fmeasure for *_, pairs in stories for title, line in pairs]
    rows[HELD_OUT] = {"rouge1_f": sum(held_out) / max(len(held_out), 1), "titles": len(held_out)}
    click.echo(f"{HELD_OUT}: {rows[HELD_OUT]['rouge1_f']:.3f} over {len(held_out)} titles (each title of a story of "
               f"{HELD_OUT_MIN_ARTICLES} or more articles, the bottom line chosen from its other articles)")
    ours = ("headline", "bottom line", HELD_OUT)
    write_json(json_out, {n: rows[n] for n in ours}, {n: r for n, r in rows.items() if n not in ours})
    return rows
