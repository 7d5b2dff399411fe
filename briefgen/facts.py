"""A story's facts and where its outlets disagree: sentences carrying figures, dates or names, each with the other
outlets' sentences that report the same figures and names, and the quantities outlets report with different values."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from briefgen import clean
from briefgen.figures import Figure, figures, name_tokens, names_match, same_value
from briefgen.models import Claim, Dispute, Fact, Sentence

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
# Someone's view or a guess, not a fact in the outlet's voice ("Political observers think …", "Experts speculate …").
OPINION = re.compile(r"\b(think|thinks|thought|believes?|believed|speculat\w*|predict\w*|expects?|expected|"
                     r"(?-i:may)|might|"
                     r"could|would|likely|unlikely|probably|possibly|perhaps|seems?|seemed|appears? to|suggests?|"
                     r"argues?|argued|arguably|hopes?|hoped|fears?|feared|guess\w*|opinion|observers|pundits|"
                     r"rumou?r\w*)\b",
                     re.I)
# A fact leans on the sentence before it when its subject is a pronoun or it opens by pointing back.
LEANS_BACK = re.compile(r"^(?:[^,]{0,60},\s+)?(?:he|she|they|it|his|her|their|its|this|these|those|such|both|another|"
                        r"there|here|the (?:two|same|latter|former)|in addition|additionally|furthermore|moreover|"
                        r"as a result|in turn|thus|therefore|which)\b", re.I)
# Someone's words: a sentence that opens with a quote mark, of any style (a mark the pairing in `quotes.quote_spans`
# leaves open, as wire copy's ''…'', is still a mark).
QUOTED_OPENING = re.compile(r"\s*(?:[“\"‘]|''|``)")
NEGATION = re.compile(r"\b(not|no|never|n't|denied|denies|deny|false|without)\b|n['’]t\b", re.I)
MAX_FACT_WORDS = 45  # one statement; longer "sentences" were several run together (dev night: 4% of candidates)
# Cosine at which two sentences of different outlets can report the same quantity (a figure of the same kind and
# the same names); and at which they are the same sentence with one value changed (dates, percentages, money).
SAME_QUANTITY = 0.55
SAME_STATEMENT = 0.8
MAX_RATIO = 10  # values further apart are a part and a whole (2,880 vacant of 42,000 housing units), not a dispute
NOT_COUNTED = {"year", "years", "months", "weeks", "days", "hours", "minutes", "times", "races", "games", "matches",
               "rounds", "seasons", "people", "persons", "others", "more", "percent", "cent"}
# A figure that is not a report of what happened: a need, a plan, a forecast ("270 electoral votes needed to win").
HYPOTHETICAL = re.compile(r"\b(need\w*|requir\w*|asked for|sought|seek\w*|target\w*|goal|plans?|planned|propos\w*|"
                          r"demand\w*|threshold|to win|would|could|might|(?-i:may)|expect\w*|predict\w*|forecast\w*|"
                          r"speculat\w*)\b", re.I)
LABELS = {"%": "percentage", "points": "percentage points", "USD": "amount (US$)", "EUR": "amount (€)",
          "GBP": "amount (£)", "JPY/CNY": "amount (¥)", "INR": "amount (rupees)"}


@dataclass(frozen=True, slots=True)
class Report:
    """What one sentence reports, in comparable form."""

    sentence: Sentence
    figures: tuple[Figure, ...]
    names: frozenset[str]
    negated: bool


def report(sentence: Sentence, proper: frozenset[str]) -> Report:
    return Report(sentence, figures(sentence.text), name_tokens(sentence.text, proper),
                  bool(NEGATION.search(sentence.text)))


def fact_kinds(text: str) -> tuple[str, ...]:
    def found(kind: str, pattern: re.Pattern) -> bool:
        if kind == "entity":  # weekdays and months are dates, not entities
            return any(not FACT_PATTERNS["date"].fullmatch(m.group()) for m in pattern.finditer(text))
        return bool(pattern.search(text))

    return tuple(kind for kind, pattern in FACT_PATTERNS.items() if found(kind, pattern))


def is_fact(text: str) -> bool:
    """A statement in the outlet's own voice that stands alone: not a view or a guess, not someone's words, not
    leaning on the sentence before it, not page furniture or a fragment (a caption, a credit, glued sentences:
    `clean.defect`)."""
    return (bool(fact_kinds(text)) and not OPINION.search(text) and not clean.defect(text)
            and not QUOTED_OPENING.match(text)
            and not LEANS_BACK.match(text.lstrip("“\"'‘(")) and len(text.split()) <= MAX_FACT_WORDS)


def agrees(fact: Report, other: Report) -> bool:
    """`other` reports the same thing: the same polarity, each of the fact's names, and each of its figures at the
    same value counting the same thing (so "12 killed" is not matched by "12 injured", nor contradicted)."""
    return (fact.negated == other.negated and all(names_match(name, other.names) for name in fact.names)
            and all(any(_same(f, g) for g in other.figures) for f in fact.figures))


def _same(a: Figure, b: Figure) -> bool:
    return same_value(a, b) and (a.what == b.what or not a.what or not b.what)


def _differ(a: Figure, b: Figure) -> bool:
    """The same quantity at a different value (a count of the same thing, or the same unit)."""
    return a.unit == b.unit and a.what == b.what and a.what != "" and not same_value(a, b)


def candidate_facts(reports: list[Report], vectors: np.ndarray, centroid: np.ndarray, exclude: set[Sentence],
                    corroboration: float, outlet: dict[str, str]) -> tuple[list[Fact], list[int], np.ndarray]:
    """Every sentence that can be a fact, with its corroboration (agreeing sentences of other outlets: an outlet's
    second article, often the same wire copy, is no confirmation), the rows of its vector and its score."""
    facts, rows = [], []
    for i, r in enumerate(reports):
        if r.sentence in exclude or not is_fact(r.sentence.text):
            continue
        similar = vectors @ vectors[i]
        best: dict[str, tuple[float, Sentence]] = {}  # one sentence per article: its closest agreeing one
        for other, sim in zip(reports, similar):
            aid = other.sentence.article_id
            if (outlet[aid] != outlet[r.sentence.article_id] and sim >= corroboration
                    and sim > best.get(aid, (-1.0,))[0]
                    and agrees(r, other)):
                best[aid] = (float(sim), other.sentence)
        facts.append(Fact(r.sentence, fact_kinds(r.sentence.text), tuple(best[a][1] for a in sorted(best))))
        rows.append(i)
    # Centrality plus 0.1 per corroborating article: a judgement call, no labelled set ranks facts by importance.
    scores = (np.array([len(f.corroborated_by) for f in facts]) * 0.1 + vectors[rows] @ centroid if facts
              else np.zeros(0))
    return facts, rows, scores


def _names_compatible(a: Report, b: Report) -> bool:
    """Both about the same people and places: a name in common, or no names in one of them."""
    return not a.names or not b.names or any(names_match(n, b.names) for n in a.names)


def disputes(reports: list[Report], vectors: np.ndarray, outlet: dict[str, str]) -> tuple[Dispute, ...]:
    """Quantities that outlets of the story report with different values: deaths, injured, counts of the same thing
    in sentences about the same people and places; and dates, percentages, money in two outlets' versions of one
    sentence with that one value changed. Left out, because on the dev night they were nearly always two different
    quantities: a quantity one article gives at two of the values or as two parts of one (109 on board and 4 on
    the ground), increments ('four more'), values ten times apart, durations and generic counts ('years',
    'people'), and figures in a sentence about a need, a plan or a forecast ('270 electoral votes are needed')."""
    rows = [i for i, r in enumerate(reports) if r.figures and _reported(r.sentence.text)]
    clashes: dict[tuple[str, str], set[float]] = defaultdict(set)
    for x, i in enumerate(rows):
        for j in rows[x + 1:]:
            a, b = reports[i], reports[j]
            if outlet[a.sentence.article_id] == outlet[b.sentence.article_id] or not _names_compatible(a, b):
                continue
            sim = float(vectors[i] @ vectors[j])
            if sim < SAME_QUANTITY:
                continue
            for fa in a.figures:
                for fb in b.figures:
                    if not _differ(fa, fb) or any(same_value(fa, g) for g in b.figures) or any(
                            same_value(fb, g) for g in a.figures):
                        continue
                    if (_counted(fa) and max(fa.value, fb.value) <= MAX_RATIO * min(fa.value, fb.value)) or (
                            sim >= SAME_STATEMENT and _one_value_changed(a, b, fa, fb)):
                        clashes[(fa.unit, fa.what)] |= {fa.value, fb.value}
    found = []
    for (unit, what), values in sorted(clashes.items()):
        given = defaultdict(set)  # every value each article gives this quantity
        for i in rows:
            given[reports[i].sentence.article_id] |= {f.value for f in reports[i].figures
                                                      if f.unit == unit and f.what == what}
        if any(len(v & values) > 1 or {x + y for x in v for y in v if x < y} & values for v in given.values()):
            continue  # one article gives two of the values, or two parts of one (109 on board + 4 on the ground)
        claims = _claims([reports[i] for i in rows], unit, what, values)
        if len({outlet[c.article_id] for c, _ in claims}) > 1:
            found.append(Dispute(LABELS.get(what, what), tuple(c for c, _ in claims)))
    return tuple(found)


def _reported(text: str) -> bool:
    """A sentence that reports figures as they are: not glued to another, not a need, a plan or a forecast."""
    return not clean.GLUED.search(text) and not HYPOTHETICAL.search(text)


def _counted(f: Figure) -> bool:
    """A count of something particular: deaths, injured, 'rescue workers', votes (not 'years' or 'people')."""
    return f.unit in ("", "votes", "seats") and f.what not in ("", "year") and f.what.split()[-1] not in NOT_COUNTED


def _one_value_changed(a: Report, b: Report, fa: Figure, fb: Figure) -> bool:
    """Two versions of one sentence that differ in this figure only: the same words lead to it ('rose to', 'held
    on') and every other figure matches."""
    def lead(r: Report, f: Figure) -> list[str]:
        return re.findall(r"\w+", r.sentence.text[:f.start].lower())[-2:]

    return (lead(a, fa) == lead(b, fb)
            and all(any(same_value(f, g) for g in b.figures) for f in a.figures if f is not fa)
            and all(any(same_value(f, g) for g in a.figures) for f in b.figures if f is not fb))


def _claims(reports: list[Report], unit: str, what: str, values: set[float]) -> list[tuple[Claim, Figure]]:
    """Every sentence carrying one of the disputed values of this quantity, ordered by value, then by source."""
    claims = []
    for r in reports:
        for f in r.figures:
            if f.unit == unit and f.what == what and f.value in values:
                s = r.sentence
                claims.append((Claim(s.text, f.text, s.article_id, s.start, s.end), f))
                break
    return sorted(claims, key=lambda cf: (cf[1].value, cf[0].article_id, cf[0].start))
