"""A story's facts: sentences carrying figures, dates, amounts or names, each with the outlets that report it too."""

from __future__ import annotations

import re

import numpy as np

from briefgen.models import Fact, Sentence

FACT_PATTERNS = {
    "percent": re.compile(r"\d[\d.,]*\s?(%|percent|per cent)"),
    "amount": re.compile(r"([$€£¥]\s?\d|\d[\d.,]*\s?(million|billion|trillion|dollars|euros|yuan|pounds)\b)", re.I),
    "date": re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
                       r"(19|20)\d\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    "number": re.compile(r"\b\d[\d,.]*\b|\b(two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand)s?\b",
                         re.I),
    # A capitalised name inside the sentence (not its first word, which is capitalised anyway).
    "entity": re.compile(r"(?<=[a-z,;:] )(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:of\s+)?[A-Z][\w.-]+)*"),
}


def fact_kinds(text: str) -> tuple[str, ...]:
    def found(kind: str, pattern: re.Pattern) -> bool:
        if kind == "entity":  # weekdays and months are dates, not entities
            return any(not FACT_PATTERNS["date"].fullmatch(m.group()) for m in pattern.finditer(text))
        return bool(pattern.search(text))

    return tuple(kind for kind, pattern in FACT_PATTERNS.items() if found(kind, pattern))


def candidate_facts(sentences: list[Sentence], vectors: np.ndarray, centroid: np.ndarray, exclude: set[Sentence],
                    corroboration: float) -> tuple[list[Fact], list[int], np.ndarray]:
    """Every sentence that can be a fact, with the rows of its vector and its score for choosing among them."""
    facts, rows = [], []
    for i, sentence in enumerate(sentences):
        kinds = fact_kinds(sentence.text)
        if not kinds or sentence in exclude:
            continue
        similar = vectors @ vectors[i]
        others = sorted({s.article_id for s, sim in zip(sentences, similar)
                         if sim >= corroboration and s.article_id != sentence.article_id})
        facts.append(Fact(sentence, kinds, tuple(others)))
        rows.append(i)
    # Centrality plus 0.1 per corroborating article: a judgement call, no labelled set ranks facts by importance.
    scores = np.array([len(f.corroborated_by) for f in facts]) * 0.1 + vectors[rows] @ centroid if facts else np.zeros(0)
    return facts, rows, scores
