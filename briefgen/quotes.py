"""Find direct and mixed quotes in an article's clean text and attribute each to its speaker."""

from __future__ import annotations

import re

from briefgen.models import Article, Quote

ORG_WORDS = {"States", "Nations", "House", "Department", "Ministry", "Agency", "Office", "Council", "Congress",
             "Pentagon", "Times", "Post", "News", "Institute", "Board", "Committee", "Roundtable", "Union", "Party",
             "Court", "Government", "Republic", "Kingdom", "Bank", "Reuters", "Service", "Center", "Centre"}

# Opening → closing marks: curly, straight, TeX-style.
QUOTE_SPAN = re.compile(r"“([^“”]+?)(?:”|(?=\n))|\"([^\"\n]+?)\"|``(.+?)''", re.S)
CUES = (r"said|says|say|told|tells|added|adds|noted|notes|warned|warns|stated|states|explained|asked|argued|"
        r"insisted|declared|wrote|writes|continued|replied|remarked|stressed|acknowledged|admitted|claimed|"
        r"announced|according to")
NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|bin|al-\w+))*"
PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I"
ROLE = r"(?:the\s+)?(?:president|prime minister|minister|spokesman|spokeswoman|spokesperson|official|senator|secretary)"
SPEAKER = rf"(?P<speaker>{NAME}|{PRONOUN}|{ROLE})"
# "…,” Obama said  |  “…,” said Bruce McConnell  |  “…,” he told reporters
AFTER = re.compile(rf"^[\s,.:;—–-]*(?:{SPEAKER}\s+(?:\w+ly\s+)?(?P<cue>{CUES})\b|(?P<cue2>{CUES})\s+(?P<speaker2>(?:the\s+)?[^.;“”\"]+))")
# Obama said: “…”  |  Earnest told reporters, “…”  |  according to Earnest, …
BEFORE = re.compile(rf"{SPEAKER}\s+(?:\w+ly\s+)?(?P<cue>{CUES})\b[^“”\"]{{0,200}}$")
NOT_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "Meanwhile", "However", "Earlier", "Later", "It",
             "This", "That", "These", "Those", "US", "U.S.", "White", "House", "Chinese", "American", "Beijing",
             "Washington", "China", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
TITLE_WORDS = {
    "US", "U.S.", "President", "Vice", "Secretary", "Senator", "Sen.", "Rep.", "Gov.", "Governor", "Mr", "Mr.", "Mrs",
    "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Gen.", "General", "Prime", "Minister", "Chancellor", "Chief", "Assistant",
    "Deputy", "Foreign", "Defense", "Defence", "Treasury", "State", "Director", "Chairman", "Chairwoman", "Press",
    "Ambassador", "Commissioner", "Mayor", "Judge", "Justice", "Pope", "King", "Queen", "Prince", "Lord", "Sir",
}
MIN_QUOTE_WORDS = 3


def clean_name(raw: str) -> str:
    """'President Barack Obama' → 'Barack Obama'; role words and trailing clauses removed."""
    words = [w for w in raw.split() if w[:1].isupper()]
    titled = [i for i, w in enumerate(words) if w in TITLE_WORDS]
    if titled and titled[-1] < len(words) - 1:  # 'Treasury Secretary John Smith' → 'John Smith'
        words = words[titled[-1] + 1:]
    while words and words[0] in NOT_NAMES:
        words.pop(0)
    return " ".join(words).rstrip(".,")


def _person_names(text: str) -> list[str]:
    """Capitalised runs that look like a person's name, in order of appearance."""
    names = []
    for match in re.finditer(NAME, text):
        name = clean_name(match.group())
        if name and name.split()[0] not in NOT_NAMES and name.split()[-1] not in ORG_WORDS:
            names.append(name)
    return names


SUBJECT = re.compile(rf"({NAME})\s+(?:\w+ly\s+|later\s+|also\s+)?(?:(?:has|had|have|was|is|will|would)\s+)?(?:{CUES}|warned|vowed|urged)\b")


def resolve(speaker: str, known: list[tuple[int, str]], before: str) -> str:
    """Pronouns and roles point to the nearest person before the quote: a speaker or a sentence subject."""
    if not (re.fullmatch(PRONOUN, speaker) or re.fullmatch(ROLE, speaker, re.I)):
        return _first_name(speaker)
    candidates = list(known)
    for match in SUBJECT.finditer(before):
        name = clean_name(match.group(1))
        if name and name.split()[0] not in NOT_NAMES:
            candidates.append((match.start(), name))
    return max(candidates)[1] if candidates else ""


def _first_name(phrase: str) -> str:
    """The person in 'the spokesman of Chinese diplomacy, Hua Chunying' or 'President Barack Obama'."""
    names = _person_names(phrase)
    return max(names, key=lambda n: len(n.split()) > 1) if names else ""


def extract_quotes(article: Article) -> list[Quote]:
    text = article.text
    quotes: list[Quote] = []
    speakers: list[tuple[int, str]] = []  # (position, name) of every attributed quote so far
    for match in QUOTE_SPAN.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        start, end = match.start(group), match.end(group)
        body = text[start:end].strip()
        if len(body.split()) < MIN_QUOTE_WORDS:
            continue
        para_start = text.rfind("\n", 0, match.start()) + 1
        para_end = text.find("\n", match.end())
        para_end = len(text) if para_end < 0 else para_end
        speaker, cue = _attribution(text[match.end():para_end], text[para_start:match.start()])
        if speaker:
            speaker = resolve(speaker, speakers, text[:match.start()])
        elif _continues(text, match) and speakers:
            speaker = speakers[-1][1]
        if speaker:
            speakers.append((match.start(), speaker))
        kind = "direct" if _is_direct(text[para_start:match.start()]) else "mixed"
        quotes.append(Quote(body.rstrip(",").strip(), speaker, cue, article.id, start,
                            start + len(body.rstrip(",").strip()), kind))
    return [_trim(q, text) for q in quotes]


def _attribution(after: str, before: str) -> tuple[str, str]:
    m = AFTER.match(after)
    if m:
        if m.group("speaker"):
            return m.group("speaker"), m.group("cue")
        return m.group("speaker2"), m.group("cue2")
    m = BEFORE.search(before)
    if m:
        return m.group("speaker"), m.group("cue")
    return "", ""


def _is_direct(before: str) -> bool:
    """Direct when the quote opens its sentence or follows only an attribution ('Obama said:')."""
    sentence_start = max(before.rfind(". "), before.rfind("” "), before.rfind('" '))
    lead = before[sentence_start + 1:].strip() if sentence_start >= 0 else before.strip()
    return not lead or bool(re.fullmatch(rf"(?:{NAME}|{PRONOUN})\s+(?:\w+ly\s+)?(?:{CUES})\b[^.]{{0,60}}[:,]", lead))


def _continues(text: str, match: re.Match) -> bool:
    """A quote right after another in the same paragraph (“…,” he said. “…”) has the same speaker."""
    para_start = text.rfind("\n", 0, match.start()) + 1
    return bool(re.search(r"[”\"]", text[para_start:match.start()]))


def _trim(quote: Quote, text: str) -> Quote:
    """Offsets must point at exactly the quote text (leading spaces removed by strip above)."""
    start = text.find(quote.text, quote.start)
    return Quote(quote.text, quote.speaker, quote.cue, quote.article_id, start, start + len(quote.text), quote.kind)
