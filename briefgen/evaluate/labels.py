"""Topic label evaluation on DUC: ROUGE-1 F and embedding cosine of each topic's label against the DUC topic title
of its majority cluster, for the phrase labels beside the keyword labels ("gm · uaw · workers")."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import click
import numpy as np

from briefgen import clean, cluster, compose, embed, labels
from briefgen.config import ClusterConfig
from briefgen.evaluate import print_table, read_jsonl, write_json
from briefgen.evaluate.headlines import articles_of


def run(data: Path, summaries: Path, json_out: Path | None = None, *, embedder=None, shown: int = 10) -> dict:
    from rouge_score import rouge_scorer

    from briefgen.evaluate.summary import cached_embedder

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    docs = read_jsonl(data)
    gold_of = {d["id"]: d["cluster"] for d in docs}
    titles = {row["cluster"]: row["topic_title"] for row in read_jsonl(summaries)}
    embedder = embedder or cached_embedder()
    articles, _ = clean.clean_articles(articles_of(docs))
    vectors = embed.embed_all(embedder, cluster.article_texts(articles, ClusterConfig().lead_sentences))
    grouping = cluster.group(articles, vectors)
    members = defaultdict(list)
    for story, topic in zip(grouping.stories, grouping.story_topics):
        members[topic].extend(story)
    made = {"phrase (briefgen)": [], "keywords": []}
    gold = []
    for topic, topic_articles in sorted(members.items()):
        gold.append(titles[Counter(gold_of[a.id] for a in topic_articles).most_common(1)[0][0]])
        headlines = [compose.clean_headline(a.title) for a in topic_articles]
        made["phrase (briefgen)"].append(labels.topic_label(headlines, grouping.topic_terms[topic],
                                                            [a.text for a in topic_articles]))
        made["keywords"].append(" · ".join(grouping.topic_terms[topic]))
    gold_vectors = embedder.encode(gold)
    rows = {}
    for name, made_labels in made.items():
        vectors = embedder.encode(made_labels)
        rows[name] = {
            "rouge1_f": float(np.mean([scorer.score(g, m)["rouge1"].fmeasure for g, m in zip(gold, made_labels)])),
            "cosine": float(np.mean(np.sum(vectors * gold_vectors, axis=1))),
            "topics": len(gold),
        }
    print_table(f"Topic labels on {Path(data).name}: {len(gold)} topics, against the DUC topic title of each "
                "topic's majority cluster", rows, ["rouge1_f", "cosine", "topics"])
    click.echo("\nDUC title | phrase | keywords")
    for i in range(min(shown, len(gold))):
        click.echo(f"{gold[i]} | {made['phrase (briefgen)'][i]} | {made['keywords'][i]}")
    write_json(json_out, rows["phrase (briefgen)"], {"keywords": rows["keywords"]},
               labels=[{"duc": g, "phrase": p, "keywords": k}
                       for g, p, k in zip(gold, made["phrase (briefgen)"], made["keywords"])])
    return rows
