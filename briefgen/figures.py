"""What a sentence reports, in comparable form: its figures (value, unit, what they count) and its names."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEDGES = ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "under", "more than",
          "fewer than", "less than", "at least", "at most", "up to", "as many as", "an estimated", "estimated")
WORD_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                           "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
                                           .split())} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                                                         "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
                                                         "a dozen": 12, "a hundred": 100, "a thousand": 1000}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12}
CURRENCIES = {"$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "euro": "EUR", "euros": "EUR",
              "£": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY/CNY", "yen": "JPY/CNY", "yuan": "JPY/CNY",
              "rupees": "INR", "rs": "INR"}
UNITS = {"%": "%", "percent": "%", "per cent": "%", "percentage point": "points", "percentage points": "points",
         "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "miles": "miles",
         "mile": "miles", "metres": "m", "meters": "m", "tonnes": "tonnes", "tons": "tonnes", "kg": "kg",
         "magnitude": "magnitude", "votes": "votes", "vote": "votes", "seats": "seats"}
MONTHS = ("january february march april may june july august september october november december").split()

_hedge = "|".join(h.replace(" ", r"\s+") for h in HEDGES)
_tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_number = (rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|"
           rf"(?:{_tens})-(?:one|two|three|four|five|six|seven|eight|nine)|"
           + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)))
_unit = "|".join(re.escape(u) for u in sorted({*UNITS, *(c for c in CURRENCIES if c.isalpha())}, key=len,
                                              reverse=True))
FIGURE = re.compile(
    rf"(?:\b(?P<hedge>{_hedge})\s+)?(?:(?P<before>magnitude)[\s-]+)?(?P<currency>US\$|[$€£¥]|\bRs\.?)?\s?"
    rf"(?P<number>(?<![\w.,-])(?:{_number}))(?:\s?-?(?P<scale>thousand|million|billion|trillion|mn|bn|m|k)(?![a-z]))?"
    rf"(?:(?:\s|-)?(?:of\s+)?(?P<unit>{_unit})\b|(?P<pct>%))?(?!\w)", re.I)
DAY_OF_MONTH = re.compile(rf"\b(?:(?P<m1>{'|'.join(MONTHS)})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>"
                          rf"{'|'.join(MONTHS)}))\b", re.I)
INCREMENT = re.compile(r"\s+(more|others|other|additional|further|extra)\b", re.I)
AGE = re.compile(r"-?years?-old|\s+years?\s+old", re.I)
NEXT_WORDS = re.compile(r"[\s-]+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.I)
DEATH = re.compile(r"\b(kill\w*|dead|deaths?|died|dies|die|dying|fatalit\w+|lives|bodies|toll|perish\w*)\b", re.I)
INJURY = re.compile(r"\b(injur\w*|wound\w*|hurt)\b", re.I)
PEOPLE = {"people", "person", "persons", "civilians", "children", "residents", "others", "men", "women", "victims",
          "soldiers", "students", "passengers", "workers", "migrants", "protesters", "palestinians", "israelis"}
STOP_AFTER = {"of", "in", "on", "at", "to", "for", "and", "or", "the", "a", "an", "as", "by", "from", "with", "were",
              "was", "are", "is", "have", "has", "had", "been", "who", "that", "which", "said", "after", "since",
              "when", "while", "per", "than", "more", "new"}


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    unit: str  # "", "%", "USD", "km", "year", "date", …
    what: str  # what is counted: "deaths", "injured", "rescue workers", … ("" when unknown)
    text: str  # verbatim, e.g. "at least 12"
    start: int  # offsets in the sentence
    end: int
    hedged: bool  # "about", "more than", "at least": an approximate figure
    digits: int  # significant digits as written: "1.5 million" has 2, "1,523,000" has 7


def _value(number: str) -> tuple[float, int]:
    """The number and its significant digits as written ('1.5' has 2, '1,500' has 4: only a scale word or a
    decimal point marks a rounded figure)."""
    word = number.lower()
    if "-" in word:  # "twenty-three"
        value = sum(WORD_NUMBERS[part] for part in word.split("-"))
        return float(value), len(str(value))
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word]), len(str(WORD_NUMBERS[word]))
    digits = number.replace(",", "")
    return float(digits), max(len(digits.replace(".", "").lstrip("0")), 1)


def _what(sentence: str, start: int, end: int, unit: str) -> str:
    """What a count counts: the words after it ('rescue workers'); deaths or injuries when the people counted are
    said to be killed or hurt close by (the nearest such word within a few words wins)."""
    if unit:
        return unit
    follow = NEXT_WORDS.match(sentence, end)
    words = []
    for word in (follow.group(1).lower().split() if follow else []):
        if word in STOP_AFTER:
            break
        words.append(word.strip("-"))
    if len(words) > 1 or (words and words[0] not in PEOPLE and not DEATH.fullmatch(words[0])
                          and not INJURY.fullmatch(words[0])):
        return " ".join(words)
    near = [(m.start() - end if m.start() >= end else start - m.end(), kind)
            for kind, pattern in (("deaths", DEATH), ("injured", INJURY))
            for m in pattern.finditer(sentence, max(0, start - 50), min(len(sentence), end + 50))]
    return min(near)[1] if near else " ".join(words)


def figures(sentence: str) -> tuple[Figure, ...]:
    """Every figure in a sentence, normalised: '1,500', '1500' and '1.5 thousand' are all 1500.0."""
    found = []
    taken = set()
    for m in DAY_OF_MONTH.finditer(sentence):
        month = (m.group("m1") or m.group("m2")).lower()
        day = int(m.group("d1") or m.group("d2"))
        if 1 <= day <= 31:
            found.append(Figure(MONTHS.index(month) * 100 + day + 100, "date", "date", m.group(), m.start(), m.end(),
                                False, 4))
            taken.update(range(m.start(), m.end()))
    for m in FIGURE.finditer(sentence):
        if m.start("number") in taken or AGE.match(sentence, m.end("number")):
            continue
        number = m.group("number")
        if number.lower() in ("one", "zero") and not (m.group("unit") or m.group("scale")):
            continue  # "one of the …": not a count anyone reports
        value, digits = _value(number)
        scale = (m.group("scale") or "").lower()
        if scale in ("m", "k") and not m.group("currency"):  # "5m" is money; "5 m" without a currency is metres
            scale = ""
        value *= SCALES.get(scale, 1)
        unit_word = (m.group("unit") or m.group("pct") or "").lower()
        currency = CURRENCIES.get((m.group("currency") or "").lower().rstrip(".")) or CURRENCIES.get(unit_word)
        unit = currency or UNITS.get(unit_word or (m.group("before") or "").lower(), "")
        joined = re.fullmatch(r"\s+(to|and|or)\s+", sentence[found[-1].end:m.start("number")]) if found else None
        if not unit and joined:
            unit = found[-1].unit  # "245 votes to 190", "between 12 and 15 people"
        if not unit and number.isdigit() and len(number) == 4 and 1900 <= value <= 2099 and not scale:
            unit = "year"
        what = "year" if unit == "year" else _what(sentence, m.start("number"), m.end(), unit)
        if joined and unit and joined.group(1) == "to" and found[-1].unit == unit:
            what = f"{found[-1].what} against"  # the other side of a tally: "245 votes to 190"
        if INCREMENT.match(sentence, m.end()) or sentence[:m.start()].rstrip().lower().endswith(("another", "further")):
            what = ""  # an increment ("four more", "41 others", "another 22"): not the total anyone counts
        start = min(m.start(g) for g in ("hedge", "before", "currency", "number") if m.group(g))
        found.append(Figure(value, unit, what, sentence[start:m.end()].strip(), start, m.end(),
                            bool(m.group("hedge")), digits))
    return tuple(sorted(found, key=lambda f: f.start))


def same_value(a: Figure, b: Figure) -> bool:
    """The same figure as two outlets write it: equal units, and equal values once the more precise is rounded to
    the other's precision ('51.9 percent' and '52 percent'); a hedged figure ('about 1,500') allows 10%."""
    if a.unit != b.unit:
        return False
    if a.value == b.value:
        return True
    if a.hedged or b.hedged:
        return abs(a.value - b.value) <= 0.1 * max(abs(a.value), abs(b.value))
    coarse, fine = sorted((a, b), key=lambda f: f.digits)
    return coarse.digits < fine.digits and _round(fine.value, coarse.digits) == _round(coarse.value, coarse.digits)


def _round(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}") if value else 0.0


# --- names ---------------------------------------------------------------------------------------------------------

CAPITALISED = re.compile(r"\b[A-Z][\w.&'’-]*[\w]|\b[A-Z]\b")
NOT_NAME_TOKENS = {"The", "A", "An", "In", "On", "At", "Of", "And", "For", "But", "He", "She", "It", "They", "We", "I",
                   "Mr", "Mrs", "Ms", "Dr", "President", "Prime", "Minister", "Secretary", "General", "Chief",
                   "Officials", "Official", "Police", "Government", "This", "That", "These", "Those", "After",
                   "Before", "When", "While", "As", "If", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                   "Saturday", "Sunday", *(m.capitalize() for m in MONTHS)}


def name_tokens(sentence: str, proper: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of the people, places and organisations a sentence names: capitalised words inside the sentence,
    and its first word only when the story writes it capitalised inside a sentence too (`proper`)."""
    tokens = set()
    for m in CAPITALISED.finditer(sentence):
        word = re.sub(r"['’]s$", "", m.group()).rstrip(".")
        if word in NOT_NAME_TOKENS or len(word) < 2:
            continue
        first = not sentence[:m.start()].strip(" “\"'‘(")
        if first and word not in proper:
            continue
        tokens.add(word)
    return frozenset(tokens)


def proper_words(texts: list[str]) -> frozenset[str]:
    """Capitalised words that stand inside sentences somewhere in these texts: names, not sentence openers."""
    return frozenset(re.sub(r"['’]s$", "", m.group(1)) for text in texts
                     for m in re.finditer(r"[a-z,;] ([A-Z][\w'’-]*\w)", text))


def names_match(name: str, tokens: frozenset[str]) -> bool:
    """A name is in a set of name words when written the same, or as its own stem ('Iran' and 'Iranian')."""
    return any(name == t or (min(len(name), len(t)) >= 4 and (t.startswith(name) or name.startswith(t)))
               for t in tokens)
