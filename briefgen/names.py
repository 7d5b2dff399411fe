"""Names a reader can trust: each speaker written in full from its article or story, or left out when it cannot
be trusted (a garble, a dateline, a place, a sentence word)."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from briefgen.models import Article
from briefgen.speakers import AGENCIES, person_names, untrusted

# Countries as news names them that ISO 3166 (pycountry) does not.
MORE_COUNTRIES = {"Russia", "Britain", "Great Britain", "UK", "U.K.", "US", "U.S.", "USA", "America", "Vietnam",
                  "South Korea", "North Korea", "Syria", "Iran", "Palestine", "Taiwan", "Laos", "Bolivia",
                  "Venezuela", "Tanzania", "Moldova", "Czech Republic", "Ivory Coast", "Holland"}


@cache
def _places() -> frozenset[str]:
    """Country names (ISO 3166, and as news writes them) and the US states: places, never a person."""
    import pycountry  # 0.3 s to load: only when a brief names speakers

    names = {getattr(c, field) for c in pycountry.countries for field in ("name", "common_name", "official_name")
             if getattr(c, field, None)}
    names |= {s.name for s in pycountry.subdivisions.get(country_code="US")}
    return frozenset(names | MORE_COUNTRIES | {f"the {n}" for n in names | MORE_COUNTRIES})


# Nationality words that are not made from the country's name by a suffix (Italy → Italian, Israel → Israeli).
IRREGULAR_NATIONALITIES = {
    "French", "British", "Briton", "English", "Irish", "Scottish", "Scot", "Welsh", "Dutch", "Swiss", "Greek",
    "Spanish", "Danish", "Swedish", "Norwegian", "Finnish", "Icelandic", "Portuguese", "Filipino", "Peruvian", "Thai",
    "Afghan", "Arab", "Turkish", "Turk", "Kurd", "Kurdish", "Lebanese", "Polish", "Pole", "Saudi", "Somali", "Texan",
    "Cypriot", "Uzbek", "Kazakh", "Belgian", "Argentine", "Ghanaian", "Congolese", "Emirati", "Palestinian"}


@cache
def _nationalities() -> frozenset[str]:
    """Words naming a nationality: a country's or state's one-word name (or 'Korea' of 'North Korea') with a suffix
    (Kenya → Kenyan, Italy → Italian, Chile → Chilean, China → Chinese, Germany → German; Israel → Israeli,
    Iran → Iranian, Japan → Japanese), and the irregular ones. Made-up forms that are no word ('Kenyese') cost
    nothing: they are only looked up."""
    words = set(IRREGULAR_NATIONALITIES)
    for place in _places():
        parts = place.split()
        if not (len(parts) == 1 or (len(parts) == 2 and parts[0] in {"North", "South"})) or not parts[-1].isalpha():
            continue
        word = parts[-1]
        if word[-1] in "aeiouy":
            stem = word[:-1]
            words |= {word + "n", stem + "an", stem + "ian", stem + "ean", stem + "ese"} | ({stem} if word[-1] == "y"
                                                                                          else set())
        else:
            words |= {word + "i", word + "ian", word + "ese", word + "an"}
    return frozenset(words - _places())


REGIONS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Latin"}


def is_nationality(name: str, people: bool = False) -> bool:
    """'Italian', 'North Korean', 'Kremlin-aligned Russian', 'Macau's Portuguese': a nationality, with nothing before it
    but a region or words that are no name, is an adjective, never one who speaks ('according to the Italian newspaper
    Corriere della Sera' once gave 'Italian'); 'Mark Cuban' and the 'Syrian Observatory for Human Rights' speak.
    With `people`, a people too ('Americans', 'the Saudis warned': a government's words, as a country's)."""
    *before, last = name.split() or [""]
    last = last.split("-")[-1]
    named = [w for w in before if w not in REGIONS and re.fullmatch(r"[A-Z][\w.]*", w)]
    return not named and (last in _nationalities() or (people and last[-1:] == "s" and last[:-1] in _nationalities()))


def is_place(name: str) -> bool:
    """'Israel', 'the United States', 'West Virginia': a country or a state, whose words are an official's: not an
    actor of "Who said what" (a quote's speaker it may be: 'Russia called the test “a provocation”')."""
    return name in _places()


def fuller_name(speaker: str, article_names: list[str], story_names: set[str]) -> str:
    """'Silver' → the one full name with that family name: the article's own (the one it uses most, then the last),
    else the story's when only one person there has that name; several candidates and none in the article: as
    written."""
    def fits(name: str) -> bool:
        parts = name.split()
        # the family name, or a given name alone; an acronym is a body's whole name ('ILO' is not 'ILO Headquarters'
        # from 'at the ILO Headquarters' nor 'Recent ILO' from 'Recent ILO studies')
        return not speaker.isupper() and len(parts) > len(speaker.split()) and (parts[-1] == speaker.split()[-1] or (
            " " not in speaker and parts[0] == speaker and len(parts) == 2))

    family = [n for n in article_names if fits(n) and n.split()[-1] == speaker.split()[-1]]
    own = family or [n for n in article_names if fits(n)]  # 'Cruz' → 'Ted Cruz' before a headline's 'Cruz Control'
    if own:
        return max(own, key=lambda n: (len(n.split()), n)) if len({n.split()[0] for n in own}) == 1 else \
            max(reversed(own), key=own.count)  # the most used, then the last: not 'Heidi Cruz' for Ted
    story = {n for n in story_names if fits(n)}
    if len({n.split()[0].rstrip(".") for n in story}) == 1:  # one person: 'Barack Obama', 'Barack H. Obama'
        return max(story, key=lambda n: (len(n.split()), n))
    return speaker


def without_descriptor(name: str, text: str) -> str:
    """'Billionaire Donald Trump', 'Rival Hillary Clinton' (a sentence's first word), 'Australian Red Bull',
    'Venezuela's Hugo Chávez' → the name. A possessive goes before a full name; a nationality or a word the text also
    uses in lower case before a full name goes when the text also writes the rest without it ('Will Doyle', 'New
    York Times', 'American Express' and 'German Gref' stay)."""
    first, *rest = name.split() or [""]
    if len(rest) >= 2 and re.search(r"[’']s$", first):
        return " ".join(rest)
    described = (len(rest) >= 2 and first[1:].islower()
                 and re.search(rf"(?<![\w’'-]){re.escape(first.lower())}\b", text))
    if not rest or not (described or (len(rest) >= 2 and is_nationality(first))):  # 'German Gref' is a name
        return name
    alone = re.search(rf"(?<!{re.escape(first)} )\b{re.escape(' '.join(rest))}\b", text)
    return " ".join(rest) if alone else name


def name_speakers(quotes: list, articles: list[Article]) -> list:
    """Each quote's speaker as the reader should see it: the full name from its article or story, or '' when the
    name cannot be trusted (see `untrusted`). Works on anything with speaker, cue, kind and article_id fields."""
    # A quote merged across outlets may be shown from another article: every article's dateline (its opening) counts.
    datelines = "\n".join(a.text[:80] for a in articles)
    text_of = {a.id: a.text + "\n" + datelines for a in articles}
    names_of = {a.id: [n for n in (without_descriptor(n, a.text) for n in person_names(a.text))
                       if len(n.split()) <= 3 and not untrusted(n, "")] for a in articles}
    story_names = {n for names in names_of.values() for n in names}
    named = []
    for q in quotes:
        owner = re.match(r"^[\w.-]+(?: [\w.-]+)?[’']s (?=[A-Z])", q.speaker)  # 'Gallup’s Jeffrey M. Jones'
        rest = q.speaker[owner.end():] if owner else ""
        shorter = rest and (" " in rest or fuller_name(rest, names_of[q.article_id], story_names) != rest)
        speaker = rest if shorter else q.speaker  # 'ABC News’s Rubio' → 'Rubio', but not 'Bush’s Facebook'

        if speaker and speaker.split()[0].lower() not in {"a", "an", "one", "another", "the"}:
            speaker = fuller_name(without_descriptor(speaker, text_of[q.article_id]), names_of[q.article_id],
                                  story_names)
        if speaker in AGENCIES and q.cue not in {"reported", "reports", "according to"}:
            speaker = ""
        if speaker and (untrusted(speaker, text_of[q.article_id]) or is_nationality(speaker)):
            speaker = ""
        named.append(dataclasses.replace(q, speaker=speaker))
    return named
