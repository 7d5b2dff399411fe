"""Headline and bottom-line evaluation on wikinews-events: ROUGE-1 F against the Wikinews title of each story's
majority event, beside a random article's lead, the most central article's lead and the best sentence (oracle), or the
best sentence or main clause (`clauses`: the span a bottom line may be)."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from pathlib import Path

import numpy as np

from briefgen import clauses, clean, cluster, compose, embed, ingest, pick, quotes
from briefgen.config import ClusterConfig, PickConfig
from briefgen.evaluate import print_table, read_jsonl, write_json

SEED = 0  # the random-lead baseline's choice of article


def articles_of(docs: list[dict]) -> list:
    return [ingest.make_article(d.get("title", ""), d["text"], source=d.get("source", ""),
                                published=d.get("date") or "", id=d["id"]) for d in docs]


def stories_of(docs: list[dict], embedder) -> list[tuple[list, object, np.ndarray]]:
    """(articles, Story, article vectors) for each story the pipeline forms with the defaults, the headline
    cleaned as the brief shows it."""
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
        out.append((list(group), dataclasses.replace(story, headline=compose.clean_headline(story.headline)),
                    article_vectors[[row[a.id] for a in group]]))
    return out


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
    for articles, story, vectors in stories:
        event = Counter(event_of[a.id] for a in articles).most_common(1)[0][0]

        def f1(text: str, title: str = titles[event]) -> float:
            return scorer.score(title, text)["rouge1"].fmeasure

        central = articles[int(np.argmax(vectors @ vectors.mean(axis=0)))]
        chosen = {
            "headline": f1(story.headline),
            "bottom line": f1(story.key_sentence.text) if story.key_sentence else 0.0,
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
    write_json(json_out, {n: rows[n] for n in ("headline", "bottom line")},
               {n: r for n, r in rows.items() if n not in ("headline", "bottom line")})
    return rows
