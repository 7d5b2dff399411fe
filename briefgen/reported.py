"""Reported speech: 'Obama said his government is prepared to respond in kind' → a claim (speaker, cue, content
verbatim at offsets), kind "reported". A claim's content holds no quote marks and no quote's words (quotes cover
those). Each shape is one regex; a sentence is read by the most specific shape whose content is long enough."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen import claim_cues
from briefgen.models import Article, Quote
from briefgen.speakers import (
    ADVERB,
    APPOSITION,
    NAME,
    NOMINAL,
    PRONOUN,
    resolve,
    sentence_subject,
    unless_after_preposition,
)

# Verbs that attribute a statement, a belief or a finding to someone, or a verb–object attribution ('X criticized …',
# 'X called for …', 'X accused Y of …'). Of the verb–object cues, only those whose claims matched PolNeAR train gold
# at least 80% of the time are in; cues below half are out ('states', 'knew', 'felt', 'declared', 'praised', …).
CLAIM_CUES = (r"said|says|say|told|tells|added|adds|noted|notes|warned|warns|stated|explained|explains|argued|"
              r"argues|argue|insisted|insists|insist|declares|wrote|writes|claimed|claims|claim|announced|announces|"
              r"concluded|concludes|suggested|suggests|acknowledged|acknowledges|admitted|admits|believes|believe|"
              r"believed|thinks|think|thought|expects|expect|expected|hopes|hope|hoped|fears|fear|feared|denied|"
              r"denies|deny|confirmed|confirms|reported|reports|predicted|predicts|promised|promises|vowed|vows|"
              r"pledged|pledges|estimated|estimates|found|finds|showed|shows|show|revealed|reveals|agreed|agrees|"
              r"asserted|asserts|alleged|alleges|contended|contends|recalled|recalls|indicated|indicates|signaled|"
              r"signalled|conceded|concedes|knows|worried|worries|feel|feels|stressed|stresses|emphasized|"
              r"emphasised|assured|assures|cautioned|complained|complains|boasted|boasts|charged|charges|testified|"
              r"projected|projects|forecast|forecasts|calculated|determined|ruled|criticized|criticised|criticizes|"
              r"called for|calls for|accused|accuses|rejected|rejects|dismissed|dismisses|described|describes|cited|"
              r"cites|asked|asks|tweeted|reiterated|reminded|echoed|responded")
# 'told reporters (on Monday) that …', 'said in a statement that …': an object or a time before 'that', never a verb
# ('says it's proof that …' claims 'it's proof that …').
OBJECT_THAT = (r"(?:\s+(?:(?!(?:is|was|are|were|be|been|has|had|have|will|would|can|could|it’s|it's|to|so|such|"
               r"he|she|they|we|I|and|but|or|if|because)\b)"
               r"[\w’'.-]+\s+)"
               r"{0,5}?that\b)?")


def alternation(cues) -> str:
    """A regex alternation of cue phrases, the longest first; one that matches nothing when there are none."""
    return "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True)) or "(?!)"


SPEAKER = rf"(?P<speaker>{NAME}|\b(?:{PRONOUN})\b|{NOMINAL})"
# 'Obama said (on Wednesday) (that) …' | 'Trump told reporters (on Monday) that …'
SUBJECT_FIRST = re.compile(  # not 'was denied'
    rf"{SPEAKER}(?P<apposition>{APPOSITION}){ADVERB}\s+(?:(?:has|have|had|also|will|would|did|does|do|again)\s+)*"
    rf"(?P<cue>{CLAIM_CUES})\b(?:\s+(?:on|last|this)\s+\w+day)?{OBJECT_THAT}[\s,]*")
# What may follow a content-first cue: a time, a place, a circumstance ('said on Monday in a statement', 'said when
# asked'), never a clause: ', Mr. Trump said his net worth could fluctuate' is subject first.
CIRCUMSTANCE = (r"(?:\s+(?:on|in|at|last|this|during|after|before|to|of|about|from|with|when|while|as|by|earlier|"
                r"later|recently|yesterday|today|tonight|[A-Z]\w+day|\w+ly)\b[^,;]{0,60})?")
# A source written after its words: a name, a role or any short noun phrase without a verb ('a source close to him',
# 'federal officials', 'former governor Ed Rendell'), not a clause opener ('…, which he said').
WORD = (r"(?!(?:and|but|or|which|who|that|what|as|because|when|if|while|so|is|was|are|were|be|would|will|has|had|"
        r"have|could|should|can|did|does)\b)[\w’'.%-]+")
SOURCE = rf"(?:{NAME}|{NOMINAL}|{WORD}(?:\s+(?:and\s+)?{WORD}){{0,5}}?)"
# The content first, then its source: '…, Obama said (on Wednesday).' | '…, a school spokesman told The Wall Street
# Journal.' | '…, said Angie Holan, Politifact's editor.' | '…, according to an analysis by Lee Epstein, a professor.'
CONTENT_FIRST = tuple(re.compile(rf",\s+{shape}(?:,\s+(?:adding|noting|saying)\b.*)?\s*[.!?]?$") for shape in (
    rf"(?P<speaker>{SOURCE}){APPOSITION}{ADVERB}\s+(?:has\s+|had\s+)?(?P<cue>said|says|say|added|noted|wrote|argued|"
    rf"explained|insisted|warned|claimed|believes|believe|reported|announced|stated|estimated|found|argue|argues|"
    rf"insist|insists|concluded|concludes|contend|contends|predicted|predicts|suggested|suggests|acknowledged|"
    rf"believed|think|thinks|estimate|estimates|notes|writes|explains|warns|claims|claim|maintain|maintains)\b"
    rf"{CIRCUMSTANCE}",
    rf"(?P<speaker>{SOURCE}){APPOSITION}\s+(?P<cue>told|tells)\s+[^,;]{{1,60}}",
    rf"(?P<cue>said|says|added|according to)\s+(?P<speaker>(?:{WORD}\s+){{0,4}}{NAME}|{NOMINAL})"
    rf"(?:,\s+[^,;]{{2,100}}){{0,2}}{CIRCUMSTANCE}",
    r"(?P<cue>according to)\s+(?P<speaker>[^,;]{2,150}?)(?:,\s+[^,;]{2,100})?"))
# Where a clause, and so its plain subject, opens: the sentence's start, a comma or a dash, a conjunction.
OPENER = r"(?:^\W*|[,;:]\s+(?:and\s+|but\s+)?|\s[-—–]+\s+|\b(?:and|but|although|though|while|because|as|since|when)\s+)"
# 'Some protest leaders said …', '1,409 teachers said …', '…, and three-fourths say …': a plain subject of a few
# words opening the sentence or a clause.
PLAIN_SUBJECT = re.compile(
    rf"{OPENER}"
    rf"(?P<speaker>{WORD}(?:\s+{WORD}){{0,5}}?)(?P<apposition>,\s+[^,“”\"]{{2,80}},)?(?:\s+(?:also|later|then|now))?\s+"
    r"(?P<cue>said|says|say|told|tells|believe|believes|think|thinks|argue|argues|argued|contend|contends|warned|"
    r"warn|warns|predicted|predict|predicts|expect|expects|estimated|estimate|estimates|found|find|finds|reported|"
    r"concluded|agree|agreed|agrees|announced|announces|suggested|suggests|noted|notes|insist|insists|insisted|"
    r"hopes|hoped|fears|feared|revealed|indicated|knows|emphasized|explained|explains|worried|worries|wrote|"
    r"writes|vowed|complained|admitted|confirmed|recalled|stressed|conceded|cautioned)\b"
    r"(?:\s+(?:on|last|this)\s+\w+day)?" + OBJECT_THAT + r"[\s,]*")
# 'The new poll shows Trump far out in front …', 'An analysis by Politifact … showed the party …': a finding.
FINDING = re.compile(rf"(?P<speaker>(?:{WORD}\s+){{0,8}}?(?:[Pp]olls?|[Ss]urveys?|[Aa]nalys[ie]s|[Ss]tud(?:y|ies)|data|"
                     rf"[Rr]eports?|research|[Nn]umbers|figures|[Rr]esults|statistics|records|documents|[Ff]ilings?|[Vv]ideos?|[Ff]ootage|[Tt]ranscripts?|[Tt]ally|[Aa]udit|[Rr]eview|[Ee]mails?|[Mm]emos?|[Pp]hotos?|[Ii]mages?|[Ee]vidence|[Mm]odels?|[Pp]rojections?|[Ee]stimates?))"
                     rf"(?:\s+{WORD}){{0,8}}?\s+(?:also\s+)?(?P<cue>show|shows|showed|suggest|suggests|suggested|found|"
                     rf"indicate|indicates|indicated)\b(?:\s+that\b)?[\s,]*")
# 'Mrs. Clinton, analysts said, has other reasons …': the attribution inside the sentence; the claim is all of it.
INSIDE = re.compile(rf"^(?P<a>[^,]{{10,}}?),\s+(?P<speaker>{WORD}(?:\s+{WORD}){{0,6}}?)\s+(?P<cue>said|says|say|argued|"
                    r"argues|added|noted|warned|believes|believe|contends|insisted)(?:\s+on\s+\w+day)?,\s+\S")
# 'According to the Pentagon, …', 'In addition, according to the department, …'
ACCORDING_FIRST = re.compile(r"^\W*(?:[\w ]{1,25},\s+)?[Aa]ccording to\s+(?P<speaker>[^,]{2,150}),\s+")
# A second attribution inside a claim starts a claim of its own: '…, and said there was no attempt …', '…, but he said
# Trump could …', '…, saying the campaign chose …' (a pronoun there is the sentence's speaker).
NEXT_CLAIM = re.compile(
    rf"(?:,?\s+(?:and|but|while)\s+(?:{SPEAKER}\s+)?(?:also\s+)?(?P<cue>said|says|added|argued|noted|insisted|warned|"
    rf"contended|acknowledged)|(?:,\s+|\s+[—–-]+\s+)(?P<cue2>saying|arguing|noting|adding|insisting|warning|contending|"
    rf"citing|calling for|calling on|urging|accusing|vowing|pledging|questioning|suggesting|asserting|complaining|"
    rf"conceding|blaming|praising|criticizing|defending|declaring|"
    rf"explaining|claiming|acknowledging|recalling|promising|predicting|telling\s+(?:{NAME}|reporters|the\s+\w+)))\b"
    rf"{OBJECT_THAT}[\s,]*")
# 'Jeb Bush, who announced he is suspending his campaign', 'Priebus, who has said he doesn't support …': a relative
# clause's claim, to the clause's end.
WHO = re.compile(rf"(?P<speaker>{NAME}|{NOMINAL}|\b[a-z]+s),\s+who\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
                 rf"(?P<cue>{CLAIM_CUES})\b{OBJECT_THAT}\s*(?P<content>[^,;]+)")
# 'Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance', 'EXCLUSIVE – Roger Stone: Don’t Trust …': a
# headline's source before a colon, in title case (a transcript's 'PENCE:' is a quote's, a dateline no source).
HEADLINE = re.compile(rf"^(?:[A-Z]+\s+[–—-]+\s+)?(?P<speaker>(?![A-Z]+\b){NAME}):\s+")
# 'Clinton was expected to capture a large majority of them': a passive attribution with no source, whose claim is the
# whole sentence; its subject holds no comma nor clause ('…, who is expected to …' is no claim of the sentence).
PASSIVE = re.compile(r"^(?P<content>(?:(?!\b(?:who|which|that|whose|if|when|after|before)\b)[^,])*?"
                     r"\b(?:is|are|was|were)\s+(?:\w+ly\s+|not\s+)*"
                     r"(?P<cue>expected|projected|predicted|believed|rumored)\s+to\b.*)$")
# '…,” she said, when asked whether she wanted Cruz to campaign for her': the question put, whose asker is not named.
ASKED = re.compile(r"\b[Aa]sked\s+(?:by\s+[^,;]{1,40}?\s+)?(?:(?:on|in|last)\s+\w+\s+)?"
                   r"(?P<content>(?:whether|if|why|what|how|when|who|about)\b[^,;“”\"]+)")
# 'Rubio Says Abandoning Comprehensive Immigration Reform Was A Sign Of Leadership': a headline in title case, whose
# source's name would otherwise run on into its words.
TITLE_SAYS = re.compile(r"^(?P<speaker>(?:[A-Z][\w’'.-]*\s+){1,4}?)(?P<cue>Says|Said|Warns|Claims|Thinks|Believes)\s+"
                        r"(?=[A-Z‘'\d])")
# 'voters who say income inequality is most important': a restrictive relative clause's claim, of no one named.
WHO_SAY = re.compile(r"\b[a-z]+s\s+who\s+(?:also\s+)?(?P<cue>say|said|believe|believed|think|thought|agree|agreed)\s+"
                     r"(?:that\s+)?(?P<content>[^,;]+)")
MIN_WORDS = 4


def learned_shape(cues) -> re.Pattern:
    """'Graham urged Republicans to join …', 'Mr. Trump has repeatedly questioned whether …': a subject, then a cue
    learned from PolNeAR train (briefgen/claim_cues.py), then the content to the sentence's end."""
    cue = alternation(cues)
    return re.compile(
        rf"(?:{SPEAKER}|{OPENER}(?P<plain>{WORD}(?:\s+{WORD}){{0,5}}?))"
        rf"(?P<apposition>{APPOSITION}){ADVERB}\s+"
        rf"(?:(?:has|have|had|is|are|was|were|will|would|also|again|did|does|do|been|not|now|still|\w+ly)\s+)*"
        rf"(?P<cue>{cue})\b(?:\s+that\b)?[\s,]*")  # never past an object: 'defended their theory that …'


LEARNED = learned_shape(claim_cues.CUES)
MARKS = re.compile(r"[“”\"]|``|''")
OBJECT_NEXT = re.compile(r"\s*(?:to|for|by|with|about|of|in|on|at)\b")  # 'said to be', 'told of': no claim follows
# A commitment's content is what follows 'to': 'he vowed to ban …', 'who has pledged to make Mr. Icahn secretary …'.
COMMITS = re.compile(r"(?:vow|pledge|promise|threaten|hope|want|plan|agree|intend|offer)(?:s|d|ed)?")


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a sentence as a claim; offsets within the sentence."""

    speaker: str  # as written: 'he', 'a foreign ministry spokesman', 'Mr. Trump'
    cue: str
    start: int  # the content
    end: int
    at: int  # where the speaker is written: a pronoun resolves to the names before it
    after_a_quote: bool = False  # may follow a quote's attribution: '“…,” he said, noting …', '…, when asked whether …'


def extract_reported(article: Article, quotes: list[Quote]) -> list[Quote]:
    """The claims of each sentence: its first reading whose content is free (long enough, no quote marks, no quote's
    words) and that is not the attribution of a quote; a second attribution inside the content starts a second claim.
    Pronouns and roles resolve like a quote's speaker."""
    text, claims = article.text, []
    known = [(q.start, q.speaker) for q in quotes if q.speaker]
    for sentence in article.sentences:
        found = next((r for r in _readings(sentence.text) if _free(text, sentence.start + r.start,
                                                                   sentence.start + r.end, quotes)
                      and (r.after_a_quote or not _frames_a_quote(sentence.text, r.at))), None)
        if found is None:
            continue
        start, end = _trim(text, sentence.start + found.start, sentence.start + found.end)
        earlier = [(at, name) for at, name in known + [(q.start, q.speaker) for q in claims] if name and
                   at < sentence.start]
        speaker, cue = resolve(found.speaker.strip(), earlier, text[:sentence.start + found.at]), found.cue
        if cue == ":" and (not speaker or text.count(speaker) < 2):  # a headline's source is in the story
            continue
        if _frames_a_quote(sentence.text, found.at):  # '“…,” he told the group, adding …': the quote's speaker
            framed = [q.speaker for q in quotes if sentence.start <= q.start < sentence.start + found.at]
            speaker = framed[-1] if framed else ""
        for then in NEXT_CLAIM.finditer(text, start, end):  # '…, and said …', '…, but he said …', '…, saying …'
            if (len(text[start:then.start()].split()) >= MIN_WORDS and len(text[then.end():end].split()) >= MIN_WORDS
                    and not MARKS.search(text, then.end(), end)):
                cut = then.start()
                claims.append(Quote(text[start:cut], speaker, cue, article.id, start, cut, "reported"))
                named = then.group("speaker")
                if named and not re.fullmatch(PRONOUN, named):
                    speaker = resolve(named, earlier, text[:then.start()])
                cue, start = then.group("cue") or then.group("cue2"), then.end()
        claims.append(Quote(text[start:end], speaker, cue, article.id, start, end, "reported"))
    return claims


def _readings(sentence: str):
    """Each reading of the sentence as a claim, the most specific shape first."""
    end = len(sentence)
    according = ACCORDING_FIRST.match(sentence)
    if according:
        yield Reading(according.group("speaker"), "according to", according.end(), end, according.start("speaker"))
    headline = HEADLINE.match(sentence)
    if headline and len(headline.group("speaker").split()) <= 4:
        yield Reading(headline.group("speaker"), ":", headline.end(), end, headline.start("speaker"))
    title = TITLE_SAYS.match(sentence)
    if title:
        yield Reading(title.group("speaker"), title.group("cue").lower(), title.end(), end, 0)
    after = min((m for shape in CONTENT_FIRST if (m := shape.search(sentence, 1))), key=lambda m: m.start(),
                default=None)
    if after:
        yield Reading(after.group("speaker"), after.group("cue"), 0, after.start(), after.start())
    for m in SUBJECT_FIRST.finditer(sentence):
        if _opens_content(m) and m.group("speaker") not in ("The", "A", "An"):  # 'The only hope …' is no speaker
            speaker = unless_after_preposition(sentence, m.start("speaker"), m.group("speaker"))
            yield Reading(_named(speaker, m), m.group("cue"), m.end(), end, m.start("speaker"))
            break
    inside = INSIDE.match(sentence)
    if inside:
        yield Reading(inside.group("speaker"), inside.group("cue"), 0, end, inside.start("speaker"))
    plain = PLAIN_SUBJECT.search(sentence)
    if plain and _opens_content(plain):
        speaker = _named(plain.group("speaker"), plain)
        yield Reading(speaker, plain.group("cue"), plain.end(), end, plain.start("speaker"))
    finding = FINDING.search(sentence)
    if finding and finding.end() < end:
        yield Reading(finding.group("speaker"), finding.group("cue"), finding.end(), end, finding.start("speaker"))
    who = WHO.search(sentence)
    if who and (not OBJECT_NEXT.match(sentence, who.start("content") - 1) or COMMITS.fullmatch(who.group("cue"))
                and re.match(r"\s*to\b", sentence[who.start("content") - 1:])):
        place = re.search(r"\b(?:on|in|at|from|across|near)\s+(?:the\s+)?$", sentence[:who.start()])
        speaker = "" if place else who.group("speaker")  # 'Democrats on Capitol Hill, who have argued': no name
        of = re.search(rf"({NAME}|{NOMINAL})\s+of\s+$", sentence[:who.start()])
        speaker = of.group(1) if of else speaker  # 'Sen. Ted Cruz of Texas, who has blasted …' is Cruz
        yield Reading(speaker, who.group("cue"), who.start("content"), who.end("content"), who.start())
    for m in LEARNED.finditer(sentence):
        if _opens_content(m) and m.group("speaker") not in ("The", "A", "An"):
            speaker = m.group("speaker") or m.group("plain")
            at = m.start("speaker") if m.group("speaker") else m.start("plain")
            speaker = unless_after_preposition(sentence, at, speaker)
            yield Reading(_named(speaker, m), m.group("cue"), m.end(), end, at)
            break
    passive = PASSIVE.search(sentence)
    if passive:
        yield Reading("", passive.group("cue"), passive.start("content"), passive.end("content"), passive.start())
    who_say = WHO_SAY.search(sentence)
    if who_say:
        yield Reading("", who_say.group("cue"), who_say.start("content"), who_say.end("content"), who_say.start())
    asked = ASKED.search(sentence)
    if asked:
        yield Reading("", "asked", asked.start("content"), asked.end("content"), asked.start(), True)
    then = NEXT_CLAIM.search(sentence)  # 'He called the actions lawful, and said there was no attempt …'
    if then:
        yield Reading(then.group("speaker") or sentence_subject(sentence[:then.start()]),
                      then.group("cue") or then.group("cue2"), then.end(), end, then.start(),
                      bool(then.group("cue2")))


def _named(speaker: str, m: re.Match) -> str:
    """'His campaign manager, Jeff Weaver, says …': the name in apposition to a role is the speaker."""
    named = re.fullmatch(rf",\s+({NAME}),", m.group("apposition") or "")
    return named.group(1) if named and not re.fullmatch(NAME, speaker) else speaker


def _opens_content(m: re.Match) -> bool:
    """A cue followed by what was said: 'said (that) …', not 'said to be', 'told of', nor a cue between commas ('If the
    law conflicts, Rubio said, Christians must …': the whole sentence); a finding only with 'that' ('the police found
    the car' is none)."""
    between_commas = m.string.startswith(",", m.end("cue")) and m.string[:m.start()].rstrip().endswith(",")
    if m.end() >= len(m.string) or between_commas:
        return False
    that = m.group().rstrip(" ,").endswith("that")
    commits = COMMITS.fullmatch(m.group("cue")) and re.match(r"\s*to\b", m.string[m.end():])
    return that or (m.group("cue") not in ("find", "finds", "found")
                    and (commits or not OBJECT_NEXT.match(m.string, m.end())))


def _free(text: str, start: int, end: int, quotes: list[Quote]) -> bool:
    """Content of a claim: long enough (a shape whose content is too short gives way to the next), no quote marks and
    no quote's words (those are the quote's; '“…,” Sanders said private contractors cost more' still claims)."""
    return (len(text[start:end].split()) >= MIN_WORDS and not MARKS.search(text, start, end)
            and not any(q.start < end and q.end > start for q in quotes))


def _frames_a_quote(sentence: str, at: int) -> bool:
    """'“His legend will live on,” Spencer said, as fighters worked out': the speaker and cue of a quote, whose tail is
    no claim (a participle's is: '“…,” he said, noting he had backed Rubio'); 'To a question on the “privatization of
    jobs,” Sanders said private contractors …' frames none."""
    first = MARKS.search(sentence, 0, at)  # a closing mark ('”', or one stuck to the word before) ends a quote
    closing = first and (first.group() == "”" or first.start() > 0 and not sentence[first.start() - 1].isspace())
    return bool(first) and (closing or len(sentence[:first.start()].split()) < 2)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The content without edge spaces, the sentence's final stop or a trailing comma."""
    while start < end and text[start] in " ,:":
        start += 1
    while end > start and text[end - 1] in " .,;!?":
        end -= 1
    return start, end
