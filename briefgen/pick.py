"""Pick a story's content, all extractive: summary sentences, quotes with speakers, and its facts (found in `facts`)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import numpy as np

from briefgen import clauses, clean, compose, facts as fact_finder, progress
from briefgen.config import PickConfig
from briefgen.embed import Embedder, Vectors
from briefgen.engine import LOCAL
from briefgen.figures import proper_words, same_value
from briefgen.models import Article, Fact, Quote, Sentence, Story
from briefgen.quotes import extract_all, merge_quotes, quote_spans, who_said_what


def story_id(articles: list[Article]) -> str:
    return "s-" + hashlib.sha1(",".join(sorted(a.id for a in articles)).encode()).hexdigest()[:10]


QUOTE_MARKS = re.compile("[\"“”]|``|''")  # ``…'' is the wire services' way of writing “…”
# A sentence opening with one of these leans on the one before it; out of context it reads badly in a summary.
DEPENDENT_OPENERS = {"he", "she", "they", "it", "this", "these", "that", "those", "his", "her", "their", "its",
                     "but", "and", "however", "meanwhile", "also", "still", "yet", "so", "then", "instead"}
# These lean on the sentence before too, but a summary may keep them after its opening (leaving them out lowered
# eval summary on duc2006 dev by 0.001); a bottom line, which stands alone, may not (`not_news`). So does a step of a
# sequence ("First, specialists rush to the scene of the crash.").
DEPENDENT_PHRASES = re.compile(r"(?:only this|this time|once again|at the same time|even so|in turn|by contrast|"
                               r"in contrast|on the other hand)\b|(?:first|second|third|finally|next),", re.I)


def leans_back(text: str) -> bool:
    """Opens with a word pointing at the sentence before ("He said …", "But the talks …")."""
    words = text.split()
    return bool(words) and words[0].strip("“\"'‘(,").lower() in DEPENDENT_OPENERS


def candidates(articles: list[Article], config: PickConfig) -> list[Sentence]:
    """Sentences that can stand alone: from each article's lead, long enough, not leaning on the one before,
    not page furniture or a fragment (`clean.defect`)."""
    return [s for a in articles for s in a.sentences[:config.lead_sentences] if len(s.text.split()) >= config.min_words
            and not leans_back(s.text) and not clean.defect(s.text)]


def in_quotes(articles: list[Article]) -> tuple[set[Sentence], set[Sentence]]:
    """Sentences that are mostly someone's words (quote marks around half of them or more: a quote, never a fact
    in the outlet's voice), and sentences a quote runs into or out of (half a quote, with a dangling mark)."""
    mostly, broken = set(), set()
    for article in articles:
        spans = quote_spans(article.text)
        for s in article.sentences:
            overlaps = [(span.open, span.close) for span in spans if span.open < s.end and span.close > s.start]
            if 2 * sum(min(close, s.end) - max(open_, s.start) for open_, close in overlaps) >= s.end - s.start:
                mostly.add(s)
            if any(open_ < s.start or close > s.end for open_, close in overlaps):
                broken.add(s)
    return mostly, broken


def texts_read(articles: list[Article], quotes: dict[str, list[Quote]], config: PickConfig) -> list[str]:
    """Every text the picks read for any story (titles, candidate sentences, quotes long enough to show, the focus
    topics): the embed step makes their vectors at once, and `make_story` reads them from that table (a text left
    out is a KeyError, never a model call)."""
    quotes = [q.text for a in articles for q in quotes[a.id] if q.kind != "reported"
              and len(q.text.split()) >= config.min_words]
    focus = [" ".join(config.focus)] if config.focus else []
    return [a.title for a in articles] + [s.text for s in candidates(articles, config)] + quotes + focus


def mmr(vectors: np.ndarray, scores: np.ndarray, k: int, config: PickConfig) -> list[int]:
    """Maximal marginal relevance: central sentences that do not repeat each other."""
    chosen: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if len(chosen) == k:
            break
        if chosen and float(np.max(vectors[chosen] @ vectors[i])) >= config.redundancy:
            continue
        chosen.append(int(i))
    return chosen


def relevance(vectors: np.ndarray, centroid: np.ndarray, focus: np.ndarray | None, config: PickConfig) -> np.ndarray:
    """Closeness to the story's centre, blended with closeness to the focus topics when the config names some."""
    scores = vectors @ centroid
    if focus is not None:
        scores = (1 - config.focus_weight) * scores + config.focus_weight * (vectors @ focus)
    return scores


def summarise(sentences: list[Sentence], vectors: np.ndarray, scores: np.ndarray, weights: dict[tuple, float],
              order: dict[str, int], config: PickConfig, skip: set[Sentence] = frozenset(),
              first: Sentence | None = None) -> list[Sentence]:
    """Greedy concept coverage under the word budget: each step takes the sentence adding the most weight of
    not-yet-covered concepts per word, scaled by its relevance; near-duplicates (cosine ≥ redundancy, or the same
    content words) and the sentences in `skip` are left out. `first` (the bottom line) opens the summary; the
    others follow in reading order (article by article, sentence order)."""
    found = [concepts(s.text) for s in sentences]
    lengths = [len(s.text.split()) for s in sentences]
    chosen: list[int] = [sentences.index(first)] if first in sentences else []
    covered: set[tuple] = set().union(*(found[i] for i in chosen))
    words = sum(lengths[i] for i in chosen)
    remaining = [i for i, s in enumerate(sentences) if s not in skip and i not in chosen]

    def value(i: int, covered: set[tuple]) -> float:
        new = sum(weights.get(c, 0.0) for c in found[i] - covered)
        return (new + 1.0) * (1.0 + config.relevance_boost * float(scores[i])) / lengths[i]

    while remaining and len(chosen) < config.summary_sentences:
        _, _, best = max((value(i, covered), -i, i) for i in remaining)  # ties: the earlier sentence
        remaining.remove(best)
        if words + lengths[best] > config.summary_words or (chosen and (
                float(np.max(vectors[chosen] @ vectors[best])) >= config.redundancy
                or any(same_words(sentences[i].text, sentences[best].text) for i in chosen))):
            continue
        chosen.append(best)
        covered |= found[best]
        words += lengths[best]
    opening = [sentences[chosen.pop(0)]] if first in sentences else []
    return opening + sorted((sentences[i] for i in chosen), key=lambda s: (order[s.article_id], s.index))


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())} - _stop_words()


def same_words(a: str, b: str) -> bool:
    """Two sentences that say the same thing in nearly the same words ("around 4,200 workers took part" and
    "Some 4,200 workers took part"), which a cosine threshold can miss: most content words of the shorter one,
    or half of both together, are shared."""
    x, y = content_words(a), content_words(b)
    shared = len(x & y)
    return bool(x and y) and (shared >= 0.75 * min(len(x), len(y)) or shared >= 0.5 * len(x | y))


def title_overlap(text: str, titles: list[str]) -> float:
    """Mean unigram F1 (stemmed words) of a sentence against the story's headlines: how fully and how briefly it
    says what the outlets put in their titles."""
    words = Counter(_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()))
    total = 0.0
    for title in titles:
        reference = Counter(_stem(w) for w in re.findall(r"[a-z0-9]+", title.lower()))
        total += 2 * sum((words & reference).values()) / max(sum(words.values()) + sum(reference.values()), 1)
    return total / max(len(titles), 1)


# The bottom line's score: closeness to the headlines, then to the story's centre, less a little per sentence
# into the article (news puts the point first). Weights from wikinews-events dev (ROUGE-1 F against the Wikinews
# event titles): headlines alone 0.246, + centrality 0.2 and position 0.01 0.249; centrality alone 0.160.
CENTRALITY_WEIGHT = 0.2
POSITION_PENALTY = 0.01


# The writer speaking ("we tear up at the sight of …", "I think", "If you just tuned in, …"): a column's voice, not
# the news.
WRITER_VOICE = re.compile(r"\b(?:we|us|our|ours|my|me|you|your)\b|(?:^|\s)I\s+[a-z]|^(?:We|Our|My|You|Your)\b")


# A pronoun for the subject after an opening phrase ("Speaking at the workshop in Hebei, he announced …"): who it is,
# the sentence before says.
PRONOUN_SUBJECT = re.compile(r"^[^,]{0,120},\s+(?:he|she|they|it)\s+[a-z]")


def not_news(text: str) -> str:
    """Why a sentence cannot be a bottom line although it may be in a summary ("" when it can): someone's words
    (quote marks), a question, an opening that points back ("Only this time …", "…, he announced"), or the writer
    speaking."""
    if QUOTE_MARKS.search(text):
        return "quote as bottom line"
    if text.rstrip("\"'”’)").endswith("?"):
        return "question as bottom line"
    if DEPENDENT_PHRASES.match(text.lstrip("“\"'‘(,")) or PRONOUN_SUBJECT.match(text):
        return "leans on the sentence before"
    return "writer's voice as bottom line" if WRITER_VOICE.search(text) else ""


def bottom_line(sentences: list[Sentence], scores: np.ndarray, titles: list[str],
                skip: set[Sentence]) -> Sentence | None:
    """The sentence that states the story's news in the outlet's voice: never someone's words or half a quote, and
    not a question or the writer speaking (`not_news`) unless the story has nothing else (a column). A sentence
    competes with its main clauses (`clauses.main_clauses`: itself cut before a trailing clause), scored alike, so
    the bottom line may be the words before ", killing 12 and …" when they restate the headlines better."""
    unquoted = [i for i, s in enumerate(sentences) if s not in skip and not QUOTE_MARKS.search(s.text)]
    own = [i for i in unquoted if not not_news(sentences[i].text)] or unquoted
    titles = [compose.clean_headline(t) for t in titles]
    options = [(title_overlap(span.text, titles) + CENTRALITY_WEIGHT * float(scores[i])
                - POSITION_PENALTY * sentences[i].index, -i, -k, span)
               for i in own for k, span in enumerate([sentences[i], *clauses.main_clauses(sentences[i])])]
    return max(options, key=lambda option: option[:3])[3] if options else None


def whole(span: Sentence | None, sentences: list[Sentence]) -> Sentence | None:
    """The candidate sentence a bottom line was cut from (itself when it was not cut)."""
    return next((s for s in sentences if (s.article_id, s.index) == (span.article_id, span.index)), span) \
        if span else None


def _stem(word: str) -> str:
    """Crude suffix stripping, enough to let 'protest', 'protests' and 'protested' share a concept."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return ENGLISH_STOP_WORDS


def concepts(text: str) -> set[tuple[str, str]]:
    """Adjacent word pairs, stemmed, that are not both stop words: the units of information a summary covers."""
    stop = _stop_words()
    words = [_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]
    return {(a, b) for a, b in zip(words, words[1:]) if not (a in stop and b in stop)}


def concept_weights(articles: list[Article], config: PickConfig) -> dict[tuple, float]:
    """Concepts used by several articles, weighted by how many use them, more when they name a focus word."""
    used = Counter(c for a in articles for c in concepts(a.text))
    focus = {_stem(w) for w in re.findall(r"[a-z0-9]+", " ".join(config.focus).lower())} - _stop_words()
    min_df = min(config.concept_min_df, len(articles))
    return {c: n * (1 + config.focus_term_boost * ((c[0] in focus) + (c[1] in focus)))
            for c, n in used.items() if n >= min_df}


def summary(articles: list[Article], embedder: Embedder, config: PickConfig) -> list[Sentence]:
    """A multi-document extractive summary of the articles (what `make_story` shows and `eval summary` scores)."""
    articles = sorted(articles, key=lambda a: (a.published, a.id))
    sentences = candidates(articles, config)
    if not sentences:
        return []
    table = Vectors.of(embedder, [s.text for s in sentences] + ([" ".join(config.focus)] if config.focus else []))
    vectors = table.rows([s.text for s in sentences])
    scores = relevance(vectors, _unit(vectors.mean(axis=0)), focus_vector(table, config), config)
    someones_words, half_quotes = in_quotes(articles)
    key = bottom_line(sentences, scores, [a.title for a in articles], someones_words | half_quotes)
    return summarise(sentences, vectors, scores, concept_weights(articles, config),
                     {a.id: i for i, a in enumerate(articles)}, config, skip=half_quotes, first=whole(key, sentences))


def focus_vector(vectors: Vectors, config: PickConfig) -> np.ndarray | None:
    return _unit(vectors.rows([" ".join(config.focus)])[0]) if config.focus else None


# A key fact adds to the summary. Its overlap with the summary is its cosine to the closest summary sentence plus
# half the share of its content words the summary already uses; at RESTATES or more it says again what the summary
# says, unless it carries a figure the summary does not (a new count or date is news); at cosine `redundancy` (two
# facts that close are one fact, `mmr`) it does anyway. Read on the dev night (docs/facts.md): paraphrases of a
# summary sentence sit at cosine 0.73-0.92 with half or more of their words in the summary; facts that add a place,
# a cause or a number sit below 1.0.
RESTATES = 1.0


def restates(fact: fact_finder.Report, vector: np.ndarray, summary: list[fact_finder.Report],
             summary_vectors: np.ndarray, summary_words: set[str], config: PickConfig) -> bool:
    """The fact says what the summary already says (see RESTATES); `summary_words` are its content words."""
    if not summary:
        return False
    closest = float(np.max(summary_vectors @ vector))
    words = content_words(fact.sentence.text)
    said = len(words & summary_words) / max(len(words), 1)
    new_figure = any(not any(same_value(f, g) for r in summary for g in r.figures) for f in fact.figures)
    return closest >= config.redundancy or (closest + 0.5 * said >= RESTATES and not new_figure)


def pick_facts(reports: list[fact_finder.Report], vectors: np.ndarray, centroid: np.ndarray,
               exclude: set[Sentence], outlet: dict[str, str], config: PickConfig,
               summary: list[int] = ()) -> list[Fact]:
    """The most central facts that neither repeat one another (`mmr`) nor the summary (rows `summary` of `reports`
    and `vectors`: `restates`)."""
    facts, rows, scores = fact_finder.candidate_facts(reports, vectors, centroid, exclude, config.corroboration,
                                                      outlet)
    said = [reports[i] for i in summary]
    said_vectors, said_words = vectors[list(summary)], set().union(*(content_words(r.sentence.text) for r in said))
    new = [x for x, row in enumerate(rows)
           if not restates(reports[row], vectors[row], said, said_vectors, said_words, config)]
    chosen = mmr(vectors[[rows[x] for x in new]], scores[new], config.max_facts, config) if new else []
    return [facts[new[i]] for i in chosen]


def pick_quotes(articles: list[Article], found: dict[str, list[Quote]], vectors: Vectors, centroid: np.ndarray,
                config: PickConfig) -> list[Quote]:
    """Quotes someone is said to have said (a speaker the reader cannot trust is dropped, the quote is shown without
    a name, after the named ones of the same weight)."""
    attributed = [q for a in articles for q in found[a.id] if q.speaker and q.kind != "reported"
                  and len(q.text.split()) >= config.min_words]
    quotes = merge_quotes(attributed, articles)
    if not quotes:
        return []
    vectors = vectors.rows([q.text for q in quotes])
    scores = vectors @ centroid + 0.1 * np.array([len(q.also_in) for q in quotes]) + 0.05 * np.array(
        [q.kind == "direct" for q in quotes]) - 0.1 * np.array([not q.speaker for q in quotes])
    return [quotes[i] for i in mmr(vectors, scores, config.max_quotes, config)]


def headline(articles: list[Article], vectors: np.ndarray, centroid: np.ndarray) -> str:
    """The title of the article closest to the story's centre."""
    return articles[int(np.argmax(vectors @ centroid))].title


def make_story(articles: list[Article], table: Vectors, config: PickConfig = PickConfig(),
               found: dict[str, list[Quote]] | None = None) -> Story:
    """`table`: the vectors of the texts the picks read (`texts_read`); `found`: each article's quotes and
    reported statements (`quotes.extract_all`), extracted once for the embed step and the picks."""
    articles = sorted(articles, key=lambda a: (a.published, a.id))
    found = found if found is not None else extract_all(articles)
    order = {a.id: i for i, a in enumerate(articles)}
    sentences = candidates(articles, config)
    vectors = table.rows([s.text for s in sentences])
    centroid = _unit(vectors.mean(axis=0)) if len(sentences) else np.zeros(1, np.float32)
    scores = relevance(vectors, centroid, focus_vector(table, config), config) if len(sentences) else vectors[:, 0]
    title_vectors = table.rows([a.title for a in articles])
    someones_words, half_quotes = in_quotes(articles)
    proper = proper_words([a.text for a in articles])
    reports = [fact_finder.report(s, proper) for s in sentences]
    outlet = {a.id: a.source or a.id for a in articles}
    disputes = fact_finder.disputes(reports, vectors, outlet)
    key = bottom_line(sentences, scores, [a.title for a in articles], someones_words | half_quotes)
    summary = summarise(sentences, vectors, scores, concept_weights(articles, config), order, config, half_quotes,
                        whole(key, sentences))
    row = {s: i for i, s in enumerate(sentences)}
    facts = pick_facts(reports, vectors, centroid, set(summary) | someones_words | half_quotes, outlet, config,
                       [row[s] for s in summary])
    quotes = pick_quotes(articles, found, table, centroid, config) if len(sentences) else []
    return Story(
        id=story_id(articles),
        headline=headline(articles, title_vectors, centroid) if len(sentences) else articles[0].title,
        article_ids=tuple(a.id for a in articles),
        summary=tuple(summary),
        key_sentence=key,
        quotes=tuple(quotes),
        statements=tuple(who_said_what([q for a in articles for q in found[a.id]], articles)),
        facts=tuple(facts),
        disputes=disputes,
    )


def make_stories(groups, vectors: Vectors, config: PickConfig, found: dict[str, list[Quote]],
                 engine=LOCAL) -> list[Story]:
    """Every story's picks, one job per story (on the engine's workers when it has some): its articles, their
    quotes and the vectors of the texts it reads go with it."""
    groups = [list(g) for g in groups]
    own_vectors = (Vectors({t: vectors.by_text[t] for t in texts_read(g, found, config)}) for g in groups)
    return engine.map(make_story, progress.bar(groups, desc="pick", unit="story"), own_vectors,
                      [config] * len(groups), ({a.id: found[a.id] for a in g} for g in groups))


def _unit(vector: np.ndarray) -> np.ndarray:
    return (vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32)
