"""Topic labels: the short phrase the topic's own headlines share most, as a person would head a section."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

# Headlines split at their punctuation: a label never runs across "Obama: Syria", "Gaza - live" or "Sandy, Haiti".
CLAUSE_BREAK = re.compile(r"\s*(?:[:;|,?!()\[\]“”\"]|\s[-–—]\s|\.\s|'\s|\s')\s*")
WORD = re.compile(r"\d[\d,.]*\d|[\w’'.&-]*\w")  # "6,000" is one word
MAX_WORDS = 4
# Small words a phrase may hold inside ("civil unrest in China") but never start or end with.
GLUE = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "as", "is", "are",
        "was", "were", "be", "its", "his", "her", "their", "after", "over", "into", "says", "said", "new", "more", "up",
        "not", "no", "but", "about", "vs", "how", "why", "what", "who", "will", "can", "has", "have", "had"}


def phrases(headline: str) -> set[tuple[str, ...]]:
    """Word runs of one to MAX_WORDS words inside a clause of the headline that neither start nor end with a small
    word or a number, lower-cased (a headline counts each phrase once)."""
    found = set()
    for clause in CLAUSE_BREAK.split(headline):
        words = [w.lower() for w in WORD.findall(clause)]
        for n in range(1, MAX_WORDS + 1):
            for i in range(len(words) - n + 1):
                run = tuple(words[i:i + n])
                if not ({run[0], run[-1]} & GLUE or run[0][0].isdigit() or run[-1][0].isdigit()):
                    found.add(run)
    return found


def topic_label(headlines: list[str], terms: tuple[str, ...]) -> str:
    """The phrase shared by the most headlines, preferring longer phrases and those holding the topic's heaviest
    words (`terms`, from the clustering); written as the headlines write it. With no such phrase in two headlines,
    the best such phrase of one headline; with none in any, the heaviest words joined (the keyword label)."""
    used: Counter = Counter()
    written: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for headline in headlines:
        for phrase in phrases(headline):
            used[phrase] += 1
    for headline in headlines:  # the most common spelling of each phrase ("EgyptAir Flight 990")
        words = WORD.findall(headline)
        for n in range(1, MAX_WORDS + 1):
            for i in range(len(words) - n + 1):
                key = tuple(w.lower() for w in words[i:i + n])
                if key in used:
                    written[key][" ".join(words[i:i + n])] += 1
    heavy = {t.lower() for t in terms}

    def score(phrase: tuple[str, ...]) -> tuple:
        holds = sum(w in heavy for w in phrase)
        return (holds, used[phrase] * (1 + 0.5 * (len(phrase) - 1)), len(phrase), phrase)

    named = [p for p in used if score(p)[0] and any(c.isalpha() for w in p for c in w)]
    if not named:  # no headline names what weighs most in the topic
        return " · ".join(terms)
    shared = [p for p in named if used[p] >= 2]
    best = max(shared or named, key=score)  # with nothing shared, one headline's phrase
    # A phrase holding one heavy word ("Putin") gains the best phrase about another ("Russia"): a name pair.
    other = [p for p in shared if len(p) <= 2 and not heavy & set(best) >= heavy & set(p)
             and not {w[:5] for w in p} & {w[:5] for w in best}]  # "Adoption" never gains "Adoptions"
    chosen = [best] + ([max(other, key=score)] if score(best)[0] < 2 and other else [])
    usual = {w.lower(): w for h in headlines for w in WORD.findall(h) if not w.isupper()}
    label = ", ".join(spelling(written[p], usual) for p in chosen)
    return label[0].upper() + label[1:]


def spelling(forms: Counter, usual: dict[str, str]) -> str:
    """The most common way the headlines write a phrase, preferring one not in capitals. A phrase only written in
    capitals ("GAY REPUBLICANS") takes each word as the other headlines write it, else title case; short
    acronyms ("GOP") stay."""
    text = min(forms.items(), key=lambda item: (item[0].isupper(), -item[1], item[0]))[0]
    if not text.isupper():
        return text
    return " ".join(usual.get(w.lower()) or (w.lower() if w.lower() in GLUE else w if len(w) <= 3 else
                                             w.capitalize()) for w in text.split())
