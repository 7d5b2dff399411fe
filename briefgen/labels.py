"""Topic labels: the short phrase the topic's own headlines share most, as a person would head a section; the
articles' text says which phrases are whole ones."""

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


# Words a verb follows (an auxiliary, a pronoun, "to"): a label word found mostly after them is a verb.
BEFORE_VERB = {"was", "were", "is", "are", "has", "have", "had", "been", "be", "will", "would", "could", "can", "may",
               "did", "does", "not", "also", "to", "he", "she", "they", "it", "we", "i", "who"}


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


def topic_label(headlines: list[str], terms: tuple[str, ...], texts: list[str] = ()) -> str:
    """The phrase shared by the most headlines, preferring longer phrases and those holding the topic's heaviest
    words (`terms`, from the clustering); written as the headlines write it. With no such phrase in two headlines,
    the best such phrase of one headline; with none in any, the heaviest words joined (the keyword label). Given
    the articles' `texts`, a phrase of several words must occur in them, and none may open or close with a verb
    or stop short of the noun it qualifies (`whole`), while any phrase is left."""
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
    if texts:
        uses, said = word_uses(texts), said_in(texts)
        for phrase in named:  # "Afghan presidential" lends its headlines to "Afghan presidential election"
            noun = noun_after(phrase[-1], uses)
            for longer in (phrase + (noun,), phrase + (f"{noun}s",)):
                if longer in used:
                    used[longer] = max(used[longer], used[phrase])
        named = [p for p in named if whole(p, uses, said)] or named
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


def word_uses(texts: list[str]) -> dict[str, tuple[int, int, Counter, int]]:
    """Each word of the articles, lower-cased: (times, times in lower case, the words after it then (in the
    singular), times after a word a verb follows)."""
    times, lower, after_verb_words = Counter(), Counter(), Counter()
    following: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        words = WORD.findall(text)
        for i, word in enumerate(words):
            key = word.lower()
            times[key] += 1
            if word.islower():
                lower[key] += 1
                following[key][singular(words[i + 1].lower()) if i + 1 < len(words) else "."] += 1
                after_verb_words[key] += i > 0 and words[i - 1].lower() in BEFORE_VERB
    return {w: (times[w], lower[w], following[w], after_verb_words[w]) for w in times}


def singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def said_in(texts: list[str]) -> str:
    """The articles' words, lower-cased, one space apart: a phrase is in it as " words "."""
    return " " + " ".join(" ".join(WORD.findall(text)).lower() for text in texts) + " "


def whole(phrase: tuple[str, ...], uses: dict, said: str) -> bool:
    """A phrase the articles use as written, that neither opens nor closes with a verb ("Killed in Peshawar",
    "Nelson Mandela discharged", "Seek to Expel Israeli" never in the text) nor stops before the noun it
    qualifies ("Afghan presidential", "Shot dead at elementary": the articles write the next word after it
    half the time). Only words the articles write in lower case can be verbs or qualifiers: names never are."""
    if len(phrase) > 1 and f" {' '.join(phrase)} " not in said:
        return False
    for word in {phrase[0], phrase[-1]}:
        times, lower, _, after_verb_word = uses.get(word, (0, 0, None, 0))
        if lower and lower >= times / 2 and (word.endswith("ed") or lower >= 2 and after_verb_word >= 0.3 * lower):
            return False
    return noun_after(phrase[-1], uses) is None


def noun_after(word: str, uses: dict) -> str | None:
    """The word the articles write after `word` at least half the time, when `word` is a lower-case qualifier
    ("presidential" → "election")."""
    times, lower, following, _ = uses.get(word, (0, 0, None, 0))
    if lower >= 2 and lower >= times / 2:
        after, count = following.most_common(1)[0]
        if after not in GLUE and after != "." and count >= lower / 2:
            return after
    return None


def spelling(forms: Counter, usual: dict[str, str]) -> str:
    """The most common way the headlines write a phrase, preferring one not in capitals. A phrase only written in
    capitals ("GAY REPUBLICANS") takes each word as the other headlines write it, else title case; short
    acronyms ("GOP") and codes ("MH17") stay."""
    text = min(forms.items(), key=lambda item: (item[0].isupper(), -item[1], item[0]))[0]
    if not text.isupper():
        return text
    return " ".join(usual.get(w.lower()) or (w.lower() if w.lower() in GLUE else w if len(w) <= 3 or
                                             any(c.isdigit() for c in w) else w.capitalize()) for w in text.split())
