"""The data model: frozen, slotted dataclasses passed between stages, and the one user-facing error."""

from __future__ import annotations

from dataclasses import dataclass, field


def plural(n: int, one: str, many: str = "") -> str:
    """'1 story', '2 stories', '1,063 articles': a number with its noun in the right number."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


class BriefgenError(Exception):
    """A failure the user can fix (bad file, bad config); the CLI prints it as one clear line."""


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    index: int
    text: str
    start: int  # offsets into the article's clean text
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # content hash: the same article read twice is one article
    title: str
    text: str
    url: str = ""
    source: str = ""
    published: str = ""  # ISO date or datetime, "" when unknown
    path: str = ""  # where it was read from, for error messages
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A source that could not be read: shown in the log and in the brief's coverage section."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # verbatim, without the surrounding quote marks
    speaker: str  # normalised name, "" when unknown
    cue: str  # the reporting verb ("said", "told", "according to")
    article_id: str
    start: int  # offsets of `text` in the article's clean text
    end: int
    kind: str = "direct"  # direct | mixed | reported (indirect speech: no quote marks)
    also_in: tuple[str, ...] = ()  # other articles that carried the same quote


@dataclass(frozen=True, slots=True)
class Fact:
    sentence: Sentence
    kinds: tuple[str, ...]  # number, date, amount, percent, entity
    corroborated_by: tuple[Sentence, ...] = ()  # other articles' sentences with the same figures and names


@dataclass(frozen=True, slots=True)
class Claim:
    """One outlet's value in a dispute: the figure as written, in the sentence that carries it."""

    text: str  # the sentence, verbatim at [start:end] of its article's text
    value: str  # the figure as written there ("at least 12")
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dispute:
    """Outlets of one story reporting different values for the same quantity."""

    what: str  # "deaths", "injured", "rescue workers", "percentage", …
    values: tuple[Claim, ...]  # at least two different values, from at least two outlets


@dataclass(frozen=True, slots=True)
class Story:
    id: str  # derived from its articles' ids: stable across runs
    headline: str
    article_ids: tuple[str, ...]
    summary: tuple[Sentence, ...] = ()
    key_sentence: Sentence | None = None  # the bottom line: the sentence stating the news; it opens the summary
    quotes: tuple[Quote, ...] = ()
    statements: tuple[Quote, ...] = ()  # who said what: the main actors' statements (direct or reported), by actor
    facts: tuple[Fact, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    topic: str = ""
    rank: float = 0.0
    status: str = ""  # "new" | "developing" | "unchanged" (briefed before, nothing new) | "" without history
    first_seen: str = ""
    featured: bool = False  # shown in full; the others get one line under "More stories"


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    story_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    date: str
    generated_at: str
    stories: tuple[Story, ...]
    topics: tuple[Topic, ...]
    also_noted: tuple[str, ...]  # ids of articles that formed no story
    articles: tuple[Article, ...]
    failures: tuple[Failure, ...] = ()
    stats: dict = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)
    # story id → the mean vector of its articles, which the state store keeps for tomorrow's matching; not in
    # brief.json (a brief read back from it has none).
    centroids: dict = field(default_factory=dict, compare=False, repr=False)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)
