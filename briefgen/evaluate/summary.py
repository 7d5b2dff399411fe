"""Summary evaluation on DUC-schema JSONL: ROUGE-1/2/L at 250 words for briefgen, lead, LexRank, TextRank, systems."""

from __future__ import annotations

import dataclasses
import os
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from briefgen import ingest, pick
from briefgen.clean import clean_article, split_sentences
from briefgen.evaluate import print_table, read_jsonl, write_json

BUDGET = 250  # words, DUC 2006's summary length
METRICS = ("rouge1", "rouge2", "rougeL")
# The DUC setting: long query-focused summaries, candidates from every sentence of every article.
DUC_CONFIG = pick.PickConfig(summary_sentences=60, summary_words=BUDGET, lead_sentences=1000)


def truncate(text: str, words: int = BUDGET) -> str:
    return " ".join(text.split()[:words])


def score_summary(scorer, summary: str, references: list[str]) -> dict[str, float]:
    """F1 and recall per ROUGE variant, averaged over the reference summaries."""
    out = defaultdict(float)
    for reference in references:
        for name, s in scorer.score(reference, truncate(summary)).items():
            out[name] += s.fmeasure / len(references)
            out[name.replace("rouge", "r") + "_recall"] += s.recall / len(references)
    return dict(out)


def articles_of(docs: list[dict]) -> list:
    return [clean_article(ingest.make_article(d.get("title", ""), d["text"], source=d.get("source", ""),
                                              published=d.get("date", ""), id=d["id"])) for d in docs]


def fill(sentences, budget: int = BUDGET) -> str:
    """Sentences in the given order until the word budget is reached."""
    out, words = [], 0
    for sentence in sentences:
        out.append(str(sentence))
        words += len(str(sentence).split())
        if words >= budget:
            break
    return "\n".join(out)


def lead(articles) -> str:
    """The first sentences of the most recent article, then the next most recent (NIST's baseline, system 1)."""
    recent = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
    return fill(s.text for a in recent for s in a.sentences)


class _Tokenizer:
    """sumy needs a tokenizer; NLTK's punkt cannot be downloaded here, so briefgen's own splitter serves."""

    language = "english"

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return [text[s:e] for s, e in split_sentences(text)]

    @staticmethod
    def to_words(sentence: str) -> list[str]:
        import re

        return re.findall(r"[\w’'-]+", sentence)


def sumy_summary(articles, algorithm: str) -> str:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    document = ObjectDocumentModel([Paragraph([Sentence(s.text, tokenizer) for s in a.sentences]) for a in articles])
    summarizer = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[algorithm](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    ranked = summarizer(document, 40)  # more than 250 words' worth; `fill` cuts at the budget
    return fill(ranked)


class NpzCache:
    """Sentence vectors in one .npz under /tmp, so repeated evaluation runs skip the model (2 cores are slow)."""

    def __init__(self, path: Path):
        self.path = path
        self.vectors: dict[str, np.ndarray] = dict(np.load(path)) if path.exists() else {}

    def get_vectors(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        return {k: self.vectors[k] for k in keys if k in self.vectors}

    def put_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        self.vectors.update(vectors)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, **self.vectors)
        os.replace(tmp, self.path)


def cached_embedder():
    from briefgen.embed import default_embedder

    cache = os.environ.get("BRIEFGEN_EVAL_CACHE")  # e.g. /tmp/duc-vectors.npz while iterating
    return default_embedder(cache=NpzCache(Path(cache)) if cache else None)


def run(data: Path, summaries: Path, systems: Path | None = None, json_out: Path | None = None, *,
        embedder=None, config: pick.PickConfig = DUC_CONFIG, clusters: int | None = None) -> dict:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    topics = read_jsonl(summaries)[:clusters]
    docs = defaultdict(list)
    for doc in read_jsonl(data):
        docs[doc["cluster"]].append(doc)
    peers = defaultdict(dict)
    for row in read_jsonl(systems) if systems else []:
        peers[f"system {row['system']}"][row["cluster"]] = row["summary"]
    embedder = embedder or cached_embedder()
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    seconds = defaultdict(float)
    makers = {
        "briefgen": lambda articles, focused: fill(s.text for s in pick.summary(articles, embedder, focused)),
        "lead": lambda articles, _: lead(articles),
        "lexrank (sumy)": lambda articles, _: sumy_summary(articles, "lexrank"),
        "textrank (sumy)": lambda articles, _: sumy_summary(articles, "textrank"),
    }
    for topic in topics:
        articles = articles_of(docs[topic["cluster"]])
        focused = dataclasses.replace(config, focus=(topic["topic_title"], topic["topic_narrative"]))
        outputs = {}
        for name, make in makers.items():
            began = time.perf_counter()
            outputs[name] = make(articles, focused)
            seconds[name] += time.perf_counter() - began
        outputs.update({name: by_cluster.get(topic["cluster"], "") for name, by_cluster in sorted(peers.items())})
        for name, text in outputs.items():
            for metric, value in score_summary(scorer, text, topic["reference_summaries"]).items():
                totals[name][metric] += value / len(topics)
    rows = {name: {**metrics, "seconds": seconds.get(name, "")} for name, metrics in totals.items()}
    order = ["briefgen", "lead", "lexrank (sumy)", "textrank (sumy)"]
    rows = {**{n: rows[n] for n in order}, **dict(sorted(((n, r) for n, r in rows.items() if n not in order),
                                                          key=lambda item: -item[1]["rouge2"]))}
    print_table(f"Summaries on {Path(data).name}: {len(topics)} topics, ROUGE F1 (and recall) at {BUDGET} words, "
                "stemmed, averaged over the references", rows,
                ["rouge1", "rouge2", "rougeL", "r1_recall", "r2_recall", "rL_recall", "seconds"])
    write_json(json_out, rows["briefgen"], {n: r for n, r in rows.items() if n != "briefgen"})
    return rows
