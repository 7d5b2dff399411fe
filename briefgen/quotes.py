"""Find direct and mixed quotes in an article's clean text and attribute each to its speaker (verbatim, offsets)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from briefgen.models import Article, Quote
from briefgen.names import is_nationality, is_place, name_speakers
from briefgen.reported import CLAIM_CUES, extract_reported
from briefgen.speakers import (
    ABBREVIATIONS as SPEAKER_ABBREVIATIONS,
    ACCORDING,
    ADVERB,
    AFTER,
    APPOSITION,
    BEFORE,
    BEFORE_ANY,
    CUES,
    NAME,
    NOMINAL,
    PRONOUN,
    REPORTED,
    REPORTING,
    SUBJECT,
    TRANSCRIPT,
    resolve,
    sentence_subject,
    speaker_before,
    unless_after_preposition,
)

MIN_QUOTE_WORDS = 3  # shorter quoted phrases are titles or scare quotes unless they sit inside reported speech
PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$")
# Before a cue word used as a noun: 'bringing claims', 'the reports', 'of calls for'.
NOUN_BEFORE = re.compile(r"(?:(?<![\w’'-])(?i:the|a|an|his|her|its|their|our|my|your|these|those|such|any|no|of|"
                         r"for|about|with|in|on|by|from|against|amid|over|despite|after|before)|"
                         r"\b(?!being|having)[a-z]+ing)\s+$")


# --- quote spans ------------------------------------------------------------------------------------------------

# In "'''" a quote inside the quote closes first ("``He said, `No.'''"): the last two apostrophes close the outer one.
MARK = re.compile(r"“|”|\"|``|''(?='\w)|''(?!')")  # and the first two open it in "'''Sir, …"


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
        # NYT style: a paragraph with no other mark opens and closes its quotes with two apostrophes ('\'\'…\'\'')
        nyt = not re.search(r"[“”\"]|``", para.group())
        for mark in MARK.finditer(text, para.start(), para.end()):
            m, pos = mark.group(), mark.start()
            if m == "''" and nyt and opened is None:
                m = "``"
            if m == '"':  # a straight mark opens after a space or at the start, otherwise closes
                prev = text[pos - 1] if pos > para.start() else " "
                opens = opened is None and (prev.isspace() or prev in "([—–-:")
                m = "“" if opens else "”" if opened is not None else ""
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
    bounds = _sentence_bounds(article)
    found: list[Found] = []
    for span in quote_spans(text):
        start, end = _strip(text, span.start, span.end)
        if start >= end:
            continue
        sent_start = next((s for s, e in reversed(bounds) if s <= span.open), 0)
        sent_end = next((e for s, e in bounds if e >= span.close), len(text))
        para_start, para_end = text.rfind("\n", 0, span.open) + 1, text.find("\n", span.close) % (len(text) + 1)
        # The attribution may sit past a sentence boundary clean finds in '“…?” Obama asked': look to the paragraph end.
        pre, post = text[max(sent_start, para_start):span.open], text[span.close:max(sent_end, span.close)]
        speaker, cue, kind, start, end, at = _attribute(text, span, start, end, pre, post, text[span.close:para_end])
        words = text[start:end].split()
        if kind == "mixed" and not REPORTED.fullmatch(cue) and (len(words) < MIN_QUOTE_WORDS or _title_case(words)):
            continue  # a scare quote or a title, not something said
        if kind == "direct" and len(words) < 2:
            continue
        quoted = text[span.start:span.end].split()
        if text.startswith("''", span.open) and (len(quoted) < MIN_QUOTE_WORDS or _title_case(quoted)
                                                  or (kind == "mixed" and not speaker)):
            continue  # NYT style marks titles and terms with two apostrophes too: the Buffett rule, Today show
        if found and start < found[-1].end:  # two fragments of one reported clause: one quote
            last = found.pop()
            start, end, at = min(start, last.start), max(end, last.end), min(at, last.at)
            speaker, cue = ((last.speaker, last.cue) if last.speaker and (not speaker or re.fullmatch(PRONOUN, speaker))
                            else (speaker, cue))  # 'X said … but he said': the clause's speaker opened it
            span = Span(last.span.open, last.span.start, span.end, span.close)
        found.append(Found(span, speaker, cue, start, end, kind, at))
    return _resolve_all(text, found, article.id)


WIRE_BREAK = re.compile(r"(\S+?)([.!?]+(?:''|[\"'”’)\]])*)\s+(?=``|''')")


def _sentence_bounds(article: Article) -> list[tuple[int, int]]:
    """(start, end) of the article's sentences, split again where a `` (wire copy) or ''' opens a quote after a
    sentence's end ('… medicines. ``We wonder …'' Ismail said'): clean splits before “ and '' only, and a quote whose
    sentence holds the one before it reads as a mixed quote."""
    bounds = []
    for start, end in ([(s.start, s.end) for s in article.sentences]
                       or [p.span() for p in re.finditer(r"[^\n]+", article.text)]):
        for m in WIRE_BREAK.finditer(article.text, start, end):
            if m.group(1) not in SPEAKER_ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", m.group(1)):
                bounds.append((start, m.end(2)))  # not after 'Mr.' or 'U.S.'
                start = m.end()
        bounds.append((start, end))
    return bounds


def extract_all(articles: list[Article]) -> dict[str, list[Quote]]:
    """Each article's quotes and reported statements (kind "reported"), by article id."""
    found = {}
    for a in articles:
        quotes = extract_quotes(a)
        found[a.id] = quotes + extract_reported(a, quotes)
    return found


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
        if m and m.group("speaker") and text[end - 1:end] == "." and not re.fullmatch(CUES, m.group("cue")):
            m = None  # '“… a great man.” Bertie Ahern described Gately as …': a new sentence about someone else
        if m:
            speaker, cue = _after_match(m)
            return speaker, cue, "direct", start, end, span.close + m.start()
        return "", "", "direct", start, end, span.open
    inverted = re.search(rf"\b(?:Said|Says|Added|Adds|Asked|Wrote)\s+(?P<speaker>{NAME}|{NOMINAL})\s*[,:]?$", lead)
    if inverted:  # 'Said Comey, "…"'
        return inverted.group("speaker"), inverted.group().split()[0].lower(), "direct", start, end, span.open
    m = BEFORE.search(pre) or BEFORE_ANY.search(lead)
    if m and len(m.string[m.end("cue"):].split()) > 5 and m.re is BEFORE:
        m = None  # 'Ryan says no matter what action Obama takes on guns, “…”': the quote ends a reported clause
    if m and lead[-1] in ":,":  # 'Obama said:' / 'Earnest told reporters,' frames a direct quote
        speaker = unless_after_preposition(m.string, m.start("speaker"), m.group("speaker"))
        return speaker, m.group("cue"), "direct", start, end, span.open - len(pre) + m.start("cue")
    if lead[-1] == ":" or (lead[-1] == "," and REPORTED.search(" ".join(lead.split()[-4:]))):
        # 'Hannity interjected:', 'Hayek confirmed she had been and said,'
        cues = REPORTED.findall(pre)
        return sentence_subject(pre), cues[-1] if cues else ":", "direct", start, end, span.open
    return _mixed(text, span, start, end, pre, post)


def _after_match(m: re.Match) -> tuple[str, str]:
    """(speaker, cue) of an AFTER match: 'Obama said', 'said Obama' or an epigraph dash '― Carlos Raúl'."""
    if m.group("dashed"):
        return m.group("dashed"), "―"
    return (m.group("speaker"), m.group("cue")) if m.group("speaker") else (m.group("speaker2"), m.group("cue2"))


def _mixed(text: str, span: Span, start: int, end: int, pre: str, post: str):
    """A quoted fragment inside reported speech: the quote is the reported clause, fragment included."""
    pre_start = span.open - len(pre)
    cues, active = _cues(pre)
    according = re.search(r"\b[Aa]ccording to\s+(?P<speaker>[^,“”\"]{2,80}),\s+", pre)
    if according:  # 'according to the White House spokesman Josh Earnest, Obama was “intentionally non-specific”'
        clause_end = _clause_end(text, span.close, post)
        return (according.group("speaker"), "according to", "mixed",
                *_strip(text, pre_start + according.end(), clause_end), pre_start + according.start())
    if active:
        cue = active[-1]
        main = list(re.finditer(rf"(?P<speaker>{NAME}|\b(?:{PRONOUN})\b){APPOSITION}{ADVERB}\s+(?:{CUES}|[a-z]+ed)\b",
                                pre[:cue.start()])) if cue.group().endswith("ing") else []
        # 'Chaffetz (R-Utah) said in a statement, adding that …': the participle's subject is the main clause's.
        speaker = main[-1].group("speaker") if main else speaker_before(pre[:cue.start()])
        return speaker, cue.group(), "mixed", *_reported_clause(text, span, pre, post, cue), pre_start + cue.start()
    m = AFTER.match(post)
    if m:  # 'Trump plans to … “entrepreneurial risk-taking,” Ben Carson said Monday.'
        speaker, cue = _after_match(m)
        return speaker, cue, "mixed", *_strip(text, pre_start + len(pre) - len(pre.lstrip()), span.close), span.close
    m = ACCORDING.search(pre)
    if m:
        return m.group("speaker"), "according to", "mixed", start, end, pre_start + m.start()
    if cues:  # only passive ones: no one is named as saying it
        return "", cues[-1].group(), "mixed", *_reported_clause(text, span, pre, post, cues[-1]), span.open
    acted = re.search(rf"^\W*(?P<speaker>{NAME}){APPOSITION}\s+(?:has\s+|had\s+|is\s+|was\s+)?"
                      rf"(?P<cue>[a-z]+ed|[a-z]+s|[a-z]+ing)\b\s*", pre)
    if acted:  # 'Cruz exhorted Republicans to “…”': the subject's words, from its verb to the clause's end
        return acted.group("speaker"), acted.group("cue"), "mixed", \
            *_strip(text, pre_start + acted.end(), _clause_end(text, span.close, post)), pre_start + acted.start("cue")
    return "", "", "mixed", start, end, span.open


def _cues(pre: str) -> tuple[list[re.Match], list[re.Match]]:
    """The verbs of saying before a quote, and those of them in the active voice: a cue word used as a noun ('bringing
    claims') is none, and a passive one ('are widely believed to be', 'was described as') names no speaker."""
    cues = [c for c in REPORTED.finditer(pre) if c.group().endswith("ing") or not (  # 'by saying' is a verb
        NOUN_BEFORE.search(pre, max(0, c.start() - 30), c.start())
        or (c.group().endswith("s") and re.search(r"\bto\s+$", pre[:c.start()])))]
    active = [c for c in cues if c.group().endswith("ing") or not PASSIVE.search(pre, max(0, c.start() - 40),
                                                                                   c.start())]
    return cues, active


def _reported_clause(text: str, span: Span, pre: str, post: str, cue: re.Match) -> tuple[int, int]:
    """(start, end) of the clause a cue reports: after the cue (and a 'that'), to the clause's end past the quote."""
    clause = pre[cue.end():]
    that = re.match(r"^(?:[^,;“”\"]{0,40}?\s)?that\s", clause)  # 'told USA TODAY that …'
    offset = cue.end() + (that.end() if that else len(clause) - len(clause.lstrip(" ,:")))
    return _strip(text, span.open - len(pre) + offset, _clause_end(text, span.close, post))


def _clause_end(text: str, close: int, post: str) -> int:
    """The reported clause ends at its sentence's end or at the first clause break after the quote (a comma, a dash,
    'and said', 'and bragging'; measured on PolNeAR train, gold clauses rarely run past one), not at the dashes of an
    aside (' _ ' in wire copy): 'a more ``compassionate'' _ though unspecific _ approach', 'help _ if not ``cure'' _'"""
    before = re.split(r"[.!?]\s", text[max(0, close - 400):close])[-1]
    opened = "".join(d for d in "—–_" if len(re.findall(rf"\s{d}\s", before)) % 2)  # the quote sits in an aside
    for aside in (rf"^[^{opened},;]*?\s[{opened}]\s" if opened else r"(?!)", r"\s([—–_])\s[^—–_]*?\s\1\s"):
        post = re.sub(aside, lambda m: " " * len(m.group()), post)
    attribution = re.search(rf",\s|\s[—–_]\s|;|\s(?:and|but|while) (?:then\s+)?(?:{REPORTING}|\w+ing)\b", post)
    stop = attribution.start() if attribution else len(post.rstrip().rstrip(".!?”\"'’"))
    return close + max(stop, 0)


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
                    _paragraphsentence_subject(text, f.span, names) or _previous_paragraph_speaker(text, f.span, found)
                    if f.kind == "direct" else None)
        if borrowed:
            f.speaker, f.cue = borrowed
    return [Quote(text[f.start:f.end], f.speaker, f.cue, article_id, f.start, f.end, f.kind) for f in found]


def _paragraphsentence_subject(text: str, span: Span, names: list[tuple[int, str]]) -> tuple[str, str] | None:
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
    if not name:  # 'Carter said that for decades …' and then a paragraph of quote: Carter goes on
        cut = text.rfind(". ", prev_start, prev_end - 1)
        last = text[cut + 2 if cut >= 0 else prev_start:prev_end]
        said = SUBJECT.search(last)
        m = said if said and not re.search(r"[“”\"]", last) else None
        name = resolve(m.group(1), [], text[:prev_end]) if m else ""
    return (name, m.group("cue") if "cue" in m.re.groupindex else "said") if name else None


# --- one quote per thing said, across outlets ------------------------------------------------------------------


def quote_key(quote: Quote) -> str:
    """The words that were said: a mixed quote's quoted fragments, a direct quote's text; lower case, no punctuation."""
    fragments = re.findall(r"[“\"]([^“”\"]+)[”\"]", quote.text) if quote.kind == "mixed" else []
    return " ".join(re.findall(r"[a-z0-9]+", " ".join(fragments or [quote.text]).lower()))


def _same_words(a: str, b: str) -> bool:
    """One key inside the other, on word boundaries; short keys ("weaponised") must be equal."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short.split()) >= 4 and f" {short} " in f" {long} ")


def merge_quotes(quotes: list[Quote], articles: list[Article]) -> list[Quote]:
    """One quote per thing said: the same words in several outlets become one quote listing them all."""
    merged: list[tuple[str, Quote]] = []
    for q in name_speakers(quotes, articles):
        key = quote_key(q)
        i = next((i for i, (k, m) in enumerate(merged) if _same_words(k, key)
                  and (not m.speaker or not q.speaker or m.speaker == q.speaker)), None)
        if i is None:
            merged.append((key, q))
            continue
        first_key, first = merged[i]
        # Show the fullest version, but a name only under its own words: a fragment ('war on women') quoted in
        # another, unattributed sentence must not lend that sentence the name.
        keep = first if (bool(first.speaker), len(first.text)) >= (bool(q.speaker), len(q.text)) else q
        outlets = {*first.also_in, first.article_id, q.article_id} - {keep.article_id}
        merged[i] = (max(first_key, key, key=len),
                     dataclasses.replace(keep, speaker=first.speaker or q.speaker, also_in=tuple(sorted(outlets))))
    return [q for _, q in merged]


CONTINUING = {"went on", "continued", "continues", ":", ""}  # cues that carry on a quote rather than state a claim
# A statement's cue is a verb of saying or an attribution; one ending in a copula or any other verb ('There is no
# GOP “war on women”', 'Brockie performed as …', 'the idea … resonated') states nothing, and neither does a passive
# one ('Brockie was found dead …': found by someone else).
STATEMENT_CUE = re.compile(rf"(?:{REPORTING}|{CLAIM_CUES}|according to)")


def states(quote: Quote, text: str) -> bool:
    """A statement a reader can read as 'Speaker — cue text': a verb of saying, in the active voice, not a title
    in quote marks (a fundraiser 'called “The Big Event: Courage — No Matter What.”')."""
    quoted = re.findall(r"\w+", " ".join(re.findall(r"[“\"]([^“”\"]+)[”\"]", quote.text)))
    if not STATEMENT_CUE.fullmatch(quote.cue) or quote.cue in CONTINUING or (
            quote.kind == "mixed" and quoted and _title_case(quoted)):
        return False
    cue = text.rfind(quote.cue, max(0, quote.start - 60), quote.start)  # a cue that opens the statement
    return cue < 0 or not PASSIVE.search(text[max(0, cue - 40):cue])


def who_said_what(statements: list[Quote], articles: list[Article], actors: int = 3, each: int = 3,
                  min_words: int = 6) -> list[Quote]:
    """The story's main actors (the named speakers with the most statements, direct or reported, counting every
    outlet that carried them) and up to `each` of their statements, the most carried first, then the earliest in
    their article (news puts the point first); grouped by actor."""
    text = {a.id: a.text for a in articles}
    # Actors are people, bodies or roles (a country's or a people's words are an official's), and they state
    # something ('went on', a copula or a title in quote marks say nothing new: `states`).
    merged = [q for q in merge_quotes(statements, articles) if q.speaker and len(q.text.split()) >= min_words
              and not is_place(q.speaker) and not is_nationality(q.speaker, people=True)
              and states(q, text[q.article_id])]
    weight: dict[str, int] = {}
    for q in merged:
        weight[q.speaker] = weight.get(q.speaker, 0) + 1 + len(q.also_in)
    main = sorted(weight, key=lambda name: (-weight[name], name))[:actors]
    return [q for name in main for q in sorted((q for q in merged if q.speaker == name),
                                               key=lambda q: (-len(q.also_in), q.start, q.article_id))[:each]]
