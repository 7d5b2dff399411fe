"""Find direct and mixed quotes in an article's clean text and attribute each to its speaker (verbatim, offsets)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.models import Article, Quote

# --- names ------------------------------------------------------------------------------------------------------

ORG_WORDS = {"States", "Nations", "House", "Department", "Ministry", "Agency", "Office", "Council", "Congress",
             "Pentagon", "Times", "Post", "News", "Institute", "Board", "Committee", "Roundtable", "Union", "Party",
             "Court", "Government", "Republic", "Kingdom", "Bank", "Reuters", "Service", "Center", "Centre",
             "Journal", "Campaign", "Commission", "Press", "Network", "Foundation", "Association", "Senate"}
NAME = (r"(?<![\w’'-])(?:[A-Z][\w’'.-]*|(?:de|van|von|bin)\b|al-\w+|O’\w+)"
        r"(?:\s+(?:[A-Z][\w’'.-]*|(?:de|van|von|der|bin|da)\b|al-\w+))*")
PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I"
NOT_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "Meanwhile", "However", "Earlier", "Later", "It",
             "This", "That", "These", "Those", "US", "U.S.", "White", "House", "Chinese", "American", "Beijing",
             "Washington", "China", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
             "He", "She", "They", "We", "I", "When", "While", "After", "Before", "As", "If", "Asked", "Still", "So",
             "Then", "Now", "Yet", "Also", "Both", "For", "With", "From", "By", "Of", "To", "Democratic",
             "Republican", "Democrats", "Republicans", "GOP", "Sen", "Rep", "His", "Her", "Their", "Our", "My"}
TITLE_WORDS = {
    "US", "U.S.", "President", "Vice", "Secretary", "Senator", "Sen.", "Rep.", "Gov.", "Governor", "Mr", "Mr.", "Mrs",
    "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Gen.", "General", "Prime", "Minister", "Chancellor", "Chief", "Assistant",
    "Deputy", "Foreign", "Defense", "Defence", "Treasury", "State", "Director", "Chairman", "Chairwoman", "Press",
    "Ambassador", "Commissioner", "Mayor", "Judge", "Justice", "Pope", "King", "Queen", "Prince", "Lord", "Sir",
    "Speaker", "Leader", "Attorney", "Lt.", "Col.", "Capt.", "Sgt.", "Adm.", "Rev.", "Gov", "Sen", "Rep", "Former",
    "Spokesman", "Spokeswoman", "Candidate", "Nominee", "Senior", "Adviser", "Advisor", "Manager", "Professor",
}
PARTICLES = {"de", "van", "von", "der", "bin", "da", "al-"}
MIN_QUOTE_WORDS = 3  # shorter quoted phrases are titles or scare quotes unless they sit inside reported speech


def clean_name(raw: str) -> str:
    """'President Barack Obama' → 'Barack Obama', 'former FBI agent Timothy Gill' → 'Timothy Gill': the last run of
    capitalised words before any apposition, without titles, possessives or a following sentence."""
    runs, run = [], []
    for word in raw.split(",")[0].split("(")[0].split():
        if word[:1].isupper() or (run and word in PARTICLES) or (not run and word in {"de", "al-"}):
            run.append(word)
            if word.endswith(".") and len(word) > 4 and word not in TITLE_WORDS and "." not in word[:-1]:
                break  # 'Trump. She': a sentence ended
        elif run:
            runs, run = runs + [run], []
    words = run or (runs[-1] if runs else [])
    titled = [i for i, w in enumerate(words) if w in TITLE_WORDS]
    if titled and titled[-1] < len(words) - 1:  # 'Treasury Secretary John Smith' → 'John Smith'
        words = words[titled[-1] + 1:]
    while words and (words[0] in NOT_NAMES or (words[0] in TITLE_WORDS and len(words) > 1)):
        words.pop(0)  # 'Mr. King' keeps 'King
    return re.sub(r"(’s|'s)$", "", " ".join(words).rstrip(".,:;"))


# "It’s", "I’m", "You’re" open sentences; they are not names.
CONTRACTION = re.compile(r"(?:I|It|You|We|They|He|She|That|There|What|Here|Who|Let)[’'](?:m|s|re|ll|ve|d)")


def _is_person(name: str) -> bool:
    return (bool(name) and name.split()[0] not in NOT_NAMES and name.split()[-1] not in ORG_WORDS
            and not CONTRACTION.fullmatch(name.split()[0]))


def _person_names(text: str) -> list[str]:
    """Capitalised runs that look like a person's name, in order of appearance."""
    return [n for n in (clean_name(m.group()) for m in re.finditer(NAME, text)) if _is_person(n)]


# --- cues and speakers ------------------------------------------------------------------------------------------

CUES = (r"said|says|say|told|tells|added|adds|noted|notes|warned|warns|stated|states|explained|explains|asked|asks|"
        r"argued|argues|insisted|insists|declared|declares|wrote|writes|tweeted|tweets|continued|continues|replied|"
        r"responded|remarked|stressed|acknowledged|admitted|claimed|claims|announced|announces|concluded|suggested|"
        r"suggests|recalled|recalls|joked|quipped|yelled|shouted|chanted|conceded|predicted|promised|vowed|urged|"
        r"cautioned|complained|countered|observed|pointed out|went on|according to")
# Verbs that introduce reported speech around a quoted fragment (mixed quotes) but rarely frame a direct quote.
REPORTING = (rf"{CUES}|saying|adding|arguing|noting|calling|called|calls|describing|described|describes|"
             r"believes|believed|thinks|thought|accused|accusing|charged|wants|wanted|referred to|dubbed|labeled|"
             r"labelled|branded|characterized|insisting|claiming|warning|telling|pledged|pledging|said that|"
             r"portraying|portrayed|refers to|referred to|referring to|labeled as|promises|promising|accused|"
             r"credited|blamed|slammed|praised|defended|criticized|criticizing|mocked|dismissed|touted|"
             r"argued|urging|urged|asking|vowing|predicting|deriding|derided|lauded|hailed|denounced|"
             r"condemned|questioned|insisted|mused|conceded|acknowledging|admitting|confirmed|denied|reported|"
             r"reports|wrote that|tweeted that|stated")
NOMINAL = (r"\b(?:[Tt]he|[Aa]|[Aa]n|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'-]+\s+){0,4}?"
           r"(?:president|senator|governor|candidate|nominee|spokesman|spokeswoman|spokesperson|official|officials|"
           r"minister|secretary|mayor|statement|release|report|crowd|man|woman|source|sources|aide|aides|adviser|"
           r"campaign|billionaire|businessman|leader|chairman|chairwoman|lawmaker|congressman|congresswoman|"
           r"commenter|child|doctor|judge|lawyer|attorney|announcer|narrator|ad|group|groups|protesters|"
           r"supporter|supporters|critic|critics|voter|voters|analyst|analysts|expert|experts|reporter|host|"
           r"post|letter|memo|article|tweet)")
SPEAKER = rf"(?P<speaker>{NAME}|{PRONOUN}|{NOMINAL})"
APPOSITION = r"(?:\s*\([^()]{1,30}\))?(?:,\s+[^,“”\"]{2,120}?,)?"  # 'Chris Herren, chief of the voting section, noted'
ADVERB = r"(?:\s+(?:\w+ly|also|later|then|again|once|still|simply|flatly|did|does|on \w+|in a statement|on Twitter))*"
# "…,” Obama said  |  “…,” said Bruce McConnell  |  “…,” he told reporters
ROLE_PREFIX = r"(?:(?:[\w’'.-]+\s+){0,5}?)"  # 'former FBI agent ', 'Clinton campaign manager '
ANY_CUE = rf"{CUES}|[a-z]+ed|says|adds|writes|reads|reports|explains|argues|insists|notes|concludes"  # right after a quote
AFTER = re.compile(rf"^[\s,.:;!?—–-]*?(?:[―—–-]+\s*(?P<dashed>{NAME})\s*\.?\s*$|(?P<speaker>{ROLE_PREFIX}{NAME}|the\s+{NAME}|{PRONOUN}|{NOMINAL}){APPOSITION}"
                   rf"{ADVERB}\s+(?:has\s+|had\s+|have\s+)?(?P<cue>{ANY_CUE})\b|"
                   rf"(?P<cue2>{ANY_CUE})\s+(?P<speaker2>[^;:“”\"]{{1,90}}))")
# Obama said: “…”  |  Earnest told reporters, “…”  |  according to Earnest, “…”
BEFORE = re.compile(rf"(?:^|[^\w’'-]){SPEAKER}{APPOSITION}{ADVERB}\s+(?:has\s+|had\s+|have\s+|would\s+|will\s+)?"
                    rf"(?P<cue>{CUES})\b[^“”\".!?]{{0,120}}$")
BEFORE_ANY = re.compile(rf"(?:^|[^\w’'-]){SPEAKER}{APPOSITION}{ADVERB}\s+(?P<cue>[a-z]+ed|says|adds|writes|reports)\s*[,:]$")
ACCORDING = re.compile(rf"according to\s+(?P<speaker>{NAME}|{NOMINAL})")
REPORTED = re.compile(rf"\b(?:{REPORTING})\b")
TRANSCRIPT = re.compile(r"^([A-Z][A-Z.’' -]{1,30}):\s+")  # "PENCE: Well, …"
SUBJECT = re.compile(rf"({NAME})\s*{APPOSITION}{ADVERB}\s+(?:(?:has|had|have|was|is|will|would)\s+)?(?:{REPORTING})\b")


# --- quote spans ------------------------------------------------------------------------------------------------

MARK = re.compile(r"“|”|\"|``|''")


@dataclass(frozen=True, slots=True)
class Span:
    open: int  # offset of the opening mark
    start: int  # first character inside the marks
    end: int  # last character inside the marks + 1
    close: int  # offset just after the closing mark (== end when the quote runs to the paragraph's end)


def quote_spans(text: str) -> list[Span]:
    """Pair quote marks paragraph by paragraph; a quote left open runs to its paragraph's end, and never crashes."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        opened = None
        for mark in MARK.finditer(text, para.start(), para.end()):
            m, pos = mark.group(), mark.start()
            if m == '"':  # a straight mark opens after a space or at the start, otherwise closes
                prev = text[pos - 1] if pos > para.start() else " "
                m = "“" if opened is None and (prev.isspace() or prev in "([—–-:") else "”" if opened is not None else ""
            if m in ("“", "``"):
                opened = mark
            elif m in ("”", "''") and opened is not None:
                spans.append(Span(opened.start(), opened.end(), pos, mark.end()))
                opened = None
        # Left open: a quote that opens its paragraph, or follows 'X said:', runs to the paragraph's end (news style
        # for quotes over several paragraphs); one opened mid-sentence is more likely a stray mark.
        lead = text[para.start():opened.start()].strip() if opened is not None else ""
        if opened is not None and text[opened.end():para.end()].strip() and (not lead or lead[-1] in ":,"):
            spans.append(Span(opened.start(), opened.end(), para.end(), para.end()))
    return spans


# --- extraction -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Found:
    """A quote while its speaker is being worked out (mutable: split quotes borrow a neighbour's speaker)."""

    span: Span
    speaker: str
    cue: str
    start: int  # offsets of the quote's text (a mixed quote's whole reported clause)
    end: int
    kind: str
    at: int  # where the attribution sits: pronouns resolve to names before it


def extract_quotes(article: Article) -> list[Quote]:
    text = article.text
    bounds = [(s.start, s.end) for s in article.sentences] or [(p.start(), p.end()) for p in
                                                                 re.finditer(r"[^\n]+", text)]
    found: list[Found] = []
    for span in quote_spans(text):
        start, end = _strip(text, span.start, span.end)
        if start >= end:
            continue
        sent_start = next((s for s, e in reversed(bounds) if s <= span.open), 0)
        sent_end = next((e for s, e in bounds if e >= span.close), len(text))
        para_start = text.rfind("\n", 0, span.open) + 1
        para_end = text.find("\n", span.close) % (len(text) + 1)
        # The attribution may sit past a sentence boundary clean finds in '“…?” Obama asked': look to the paragraph end.
        pre, post = text[max(sent_start, para_start):span.open], text[span.close:max(sent_end, span.close)]
        speaker, cue, kind, start, end, at = _attribute(text, span, start, end, pre, post, text[span.close:para_end])
        words = text[start:end].split()
        if kind == "mixed" and not cue and (len(words) < MIN_QUOTE_WORDS or _title_case(words)):
            continue  # a scare quote or a title, not something said
        if kind == "direct" and len(words) < 2:
            continue
        if found and start < found[-1].end:  # two fragments of one reported clause: one quote
            last = found.pop()
            start, end, at = min(start, last.start), max(end, last.end), min(at, last.at)
            speaker, cue = speaker or last.speaker, cue or last.cue
            span = Span(last.span.open, last.span.start, span.end, span.close)
        found.append(Found(span, speaker, cue, start, end, kind, at))
    return _resolve_all(text, found, article.id)


def _title_case(words: list[str]) -> bool:
    """'Bridge Over Troubled Water', 'Ban on Face Coverings': a title, not speech."""
    return sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Inner text without edge spaces and trailing commas, so offsets point at exactly the words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",—–-"):
        end -= 1
    return start, end


def _attribute(text: str, span: Span, start: int, end: int, pre: str, post: str, tail: str):
    """(speaker, cue, kind, start, end, cue position) of one quote from the text around it in its sentence."""
    transcript = TRANSCRIPT.match(text[start:end])
    if transcript and not pre.strip():
        return transcript.group(1).title(), ":", "direct", start + transcript.end(), end, span.open
    lead = pre.strip()
    if not lead or re.fullmatch(r"[—–-]+", lead):
        m = AFTER.match(tail)
        if m:
            speaker, cue = _after_match(m)
            return speaker, cue, "direct", start, end, span.close + m.start()
        return "", "", "direct", start, end, span.open
    inverted = re.search(rf"\b(?:Said|Says|Added|Adds|Asked|Wrote)\s+(?P<speaker>{NAME}|{NOMINAL})\s*[,:]?$", lead)
    if inverted:  # 'Said Comey, "…"'
        return inverted.group("speaker"), inverted.group().split()[0].lower(), "direct", start, end, span.open
    m = BEFORE.search(pre) or BEFORE_ANY.search(lead)
    if m and lead[-1] in ":,":  # 'Obama said:' / 'Earnest told reporters,' frames a direct quote
        return m.group("speaker"), m.group("cue"), "direct", start, end, span.open - len(pre) + m.start("cue")
    if lead[-1] == ":" or (lead[-1] == "," and REPORTED.search(" ".join(lead.split()[-4:]))):
        # 'Hannity interjected:', 'Hayek confirmed she had been and said,'
        cues = REPORTED.findall(pre)
        return _subject(pre), cues[-1] if cues else ":", "direct", start, end, span.open
    return _mixed(text, span, start, end, pre, post)


def _after_match(m: re.Match) -> tuple[str, str]:
    """(speaker, cue) of an AFTER match: 'Obama said', 'said Obama' or an epigraph dash '― Carlos Raúl'."""
    if m.group("dashed"):
        return m.group("dashed"), "―"
    return (m.group("speaker"), m.group("cue")) if m.group("speaker") else (m.group("speaker2"), m.group("cue2"))


def _mixed(text: str, span: Span, start: int, end: int, pre: str, post: str):
    """A quoted fragment inside reported speech: the quote is the reported clause, fragment included."""
    pre_start = span.open - len(pre)
    cues = list(REPORTED.finditer(pre))
    according = re.search(r"\b[Aa]ccording to\s+(?P<speaker>[^,“”\"]{2,80}),\s+", pre)
    if according:  # 'according to the White House spokesman Josh Earnest, Obama was “intentionally non-specific”'
        clause_end = _clause_end(text, span.close, post)
        return (according.group("speaker"), "according to", "mixed",
                *_strip(text, pre_start + according.end(), clause_end), pre_start + according.start())
    if cues:
        cue = cues[-1]
        clause = pre[cue.end():]
        that = re.match(r"^(?:[^,;“”\"]{0,40}?\s)?that\s", clause)  # 'told USA TODAY that …'
        offset = cue.end() + (that.end() if that else len(clause) - len(clause.lstrip(" ,:")))
        clause_end = _clause_end(text, span.close, post)
        main = list(re.finditer(rf"(?P<speaker>{NAME}|\b(?:{PRONOUN})\b){APPOSITION}{ADVERB}\s+(?:{CUES}|[a-z]+ed)\b",
                                pre[:cue.start()])) if cue.group().endswith("ing") else []
        # 'Chaffetz (R-Utah) said in a statement, adding that …': the participle's subject is the main clause's.
        speaker = main[-1].group("speaker") if main else _speaker_before(pre[:cue.start()])
        return speaker, cue.group(), "mixed", *_strip(text, pre_start + offset, clause_end), pre_start + cue.start()
    m = AFTER.match(post)
    if m:  # 'Trump plans to … “entrepreneurial risk-taking,” Ben Carson said Monday.'
        speaker, cue = _after_match(m)
        comma = 0
        return speaker, cue, "mixed", *_strip(text, pre_start + len(pre) - len(pre.lstrip()), span.close + comma), \
            span.close + comma
    m = ACCORDING.search(pre)
    if m:
        return m.group("speaker"), "according to", "mixed", start, end, pre_start + m.start()
    return "", "", "mixed", start, end, span.open


def _clause_end(text: str, close: int, post: str) -> int:
    """The reported clause ends at its sentence's end or at the first clause break after the quote (a comma, a dash,
    'and said', 'and bragging'): measured on PolNeAR train, gold clauses rarely run past one."""
    attribution = re.search(rf",\s|\s[—–]|;|\s(?:and|but|while) (?:then\s+)?(?:{REPORTING}|\w+ing)\b", post)
    stop = attribution.start() if attribution else len(post.rstrip().rstrip(".!?”\"'’"))
    return close + max(stop, 0)


def _speaker_before(pre: str) -> str:
    """The speaker of 'X (, apposition,) said', of 'X, who said', or else the subject that opens the sentence."""
    who = re.search(rf"({NAME}),\s+who\s+(?:\w+ly\s+)?$", pre)
    if who:
        return who.group(1)
    m = re.search(rf"(?P<speaker>{NAME}|{PRONOUN}|{NOMINAL}){APPOSITION}{ADVERB}\s*"
                  rf"(?:(?:has|had|have|was|is|will|would|did|does)\s+)?(?:not\s+)?$", pre)
    if m and not _after_preposition(pre, m.start("speaker")) and (
            clean_name(m.group("speaker")) or re.fullmatch(PRONOUN, m.group("speaker"))
            or re.fullmatch(NOMINAL, m.group("speaker"))):
        return m.group("speaker")
    return _subject(pre)


PREPOSITIONS = {"in", "on", "at", "from", "to", "of", "for", "with", "by", "about", "during", "after", "before", "into",
                "against", "than", "like", "near", "over", "under", "outside", "inside", "across", "toward", "towards"}


def _after_preposition(text: str, start: int) -> bool:
    """'in Columbus', 'On ABC News's', 'of the National …': a place, programme or body, not the one who speaks."""
    before = [w.lower() for w in text[:start].split()[-2:]]
    return bool(before) and (before[-1] in PREPOSITIONS or (before[-1] == "the" and before[0] in PREPOSITIONS))


def _subject(pre: str) -> str:
    """The sentence's subject: its first name or pronoun that does not follow a preposition or open an adverbial
    ('Hours later, Trump …' → Trump)."""
    for m in re.finditer(rf"(?P<s>{NAME}(?:\s+[a-z][\w-]*){{1,3}}\s+{NAME}|{NAME}|\b(?:{PRONOUN})\b|{NOMINAL})", pre):
        word = m.group("s")
        if _after_preposition(pre, m.start()) or (m.end() < len(pre) and pre[m.end()] == "," and
                                                  word.split()[0] in ADVERBIAL):
            continue
        name = clean_name(word) if re.fullmatch(NAME, word) else word
        if word.split()[0] in ADVERBIAL or not name or name.split()[0] in ADVERBIAL:  # 'In January, Gov. …'
            continue
        return word
    return ""


ADVERBIAL = {"During", "Conversely", "Although", "Despite", "Since", "Because", "Following", "Amid", "Until",
             "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
             "December", "Hours", "Early", "Later", "Likewise", "Estimates", "Pollsters", "Earlier", "Meanwhile", "However", "Still",
             "But", "And", "Then", "Now", "Days", "Weeks", "Months", "Years", "Minutes", "Last", "Next", "This",
             "That", "Also", "Instead", "Yet", "So", "Asked", "When", "While", "After", "Before", "If", "As"}


def _resolve_all(text: str, found: list[Found], article_id: str) -> list[Quote]:
    """Names as written; pronouns and roles → nearest earlier named speaker or subject; a quote without attribution
    takes the speaker of the nearest attributed quote in its paragraph (split quotes), of an 'X said' earlier in its
    paragraph, or of the previous paragraph's last quote or 'X said:'."""
    names: list[tuple[int, str]] = []  # (position, person) of every named speaker so far
    for f in found:
        f.speaker = resolve(f.speaker, names, text[:f.at]) if f.speaker else ""
        if f.speaker:
            names.append((f.at, f.speaker))
    for f in found:
        if f.speaker:
            continue
        para_start, para_end = text.rfind("\n", 0, f.span.open), text.find("\n", f.span.close) % (len(text) + 1)
        near = [g for g in found if g.speaker and para_start < g.span.open and g.span.close <= (para_end or len(text))]
        nearest = min(near, key=lambda g: abs(g.span.open - f.span.open)) if near else None
        borrowed = ((nearest.speaker, nearest.cue) if nearest else
                    _paragraph_subject(text, f.span, names) or _previous_paragraph_speaker(text, f.span, found)
                    if f.kind == "direct" else None)
        if borrowed:
            f.speaker, f.cue = borrowed
    return [Quote(text[f.start:f.end], f.speaker, f.cue, article_id, f.start, f.end, f.kind) for f in found]


def _paragraph_subject(text: str, span: Span, names: list[tuple[int, str]]) -> tuple[str, str] | None:
    """'Obama said the US was equipped to go on the offence. “We don’t want …”': the last 'X said' before the quote
    in its paragraph."""
    para_start = text.rfind("\n", 0, span.open) + 1
    said = list(SUBJECT.finditer(text, para_start, span.open))
    name = resolve(said[-1].group(1), names, text[:said[-1].start()]) if said else ""
    return (name, "said") if name else None


def _previous_paragraph_speaker(text: str, span: Span, found: list[Found]) -> tuple[str, str] | None:
    """A quote paragraph after one that ends with a quote of X (or with 'X said:') goes on with X's words."""
    para_start = text.rfind("\n", 0, span.open) + 1
    if text[para_start:span.open].strip():
        return None
    prev_end = len(text[:para_start].rstrip())
    prev_start = text.rfind("\n", 0, prev_end) + 1
    before = [g for g in found if g.speaker and prev_start <= g.span.open < prev_end]
    if before:
        rest = text[before[-1].span.close:prev_end]
        ends_with_quote = not rest.strip(" .,”\"'") or re.search(rf"\b(?:{CUES})\b", rest)
        return (before[-1].speaker, before[-1].cue) if ends_with_quote else None
    m = BEFORE.search(text[prev_start:prev_end]) or BEFORE_ANY.search(text[prev_start:prev_end])
    name = resolve(m.group("speaker"), [], text[:prev_end]) if m and text[:prev_end].endswith(":") else ""
    return (name, m.group("cue")) if name else None


def resolve(speaker: str, known: list[tuple[int, str]], before: str) -> str:
    """Pronouns and roles point to the nearest person before the quote: a speaker or a sentence subject."""
    name = clean_name(speaker)
    if (re.fullmatch(rf"(?:[Tt]he\s+)?{NAME}", speaker) and name and name.split()[0] not in NOT_NAMES
            and not CONTRACTION.fullmatch(name.split()[0])):
        return name  # a person, or an organisation that speaks ('the Washington Post reported')
    if not (re.fullmatch(PRONOUN, speaker) or re.fullmatch(NOMINAL, speaker)):
        nominal = re.match(NOMINAL, speaker)
        return _first_name(speaker) or (resolve(nominal.group(), known, before) if nominal else "")
    if re.match(r"(?:[Aa]n?|[Oo]ne|[Aa]nother)\s", speaker):
        return speaker[0].upper() + speaker[1:]  # 'a top Chinese Internet security official': someone new, unnamed
    if re.fullmatch(NOMINAL, speaker) and not re.search(
            r"president|senator|governor|candidate|nominee|spokes|official|minister|secretary|mayor|billionaire|"
            r"businessman|leader|chair|lawmaker|congress", speaker):
        return ""  # 'the release', 'the crowd', 'one man': not a person we can name
    candidates = list(known)
    for match in SUBJECT.finditer(before[-3000:]):
        name = clean_name(match.group(1))
        if _is_person(name):
            candidates.append((len(before) - len(before[-3000:]) + match.start(), name))
    return max(candidates)[1] if candidates else ""


def _first_name(phrase: str) -> str:
    """The person in 'the spokesman of Chinese diplomacy, Hua Chunying' or 'President Barack Obama'."""
    names = _person_names(re.split(r",\s+(?:who|which|whose|a|an)\s", phrase)[0])
    return names[0] if names else ""
