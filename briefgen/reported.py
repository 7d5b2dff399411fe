"""Reported speech: 'Obama said his government is prepared to respond in kind' → a claim (speaker, cue, content
verbatim at offsets), kind "reported", for sentences that carry no quote marks."""

from __future__ import annotations

import re

from briefgen.models import Article, Quote
from briefgen.speakers import ADVERB, APPOSITION, NAME, NOMINAL, PRONOUN, resolve, unless_after_preposition

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
              r"cites|asked|asks")
SPEAKER = rf"(?P<speaker>{NAME}|\b(?:{PRONOUN})\b|{NOMINAL})"
# 'Obama said (on Wednesday) (that) …' | 'Trump told reporters (on Monday) that …'
SUBJECT_FIRST = re.compile(
    rf"{SPEAKER}{APPOSITION}{ADVERB}\s+(?:(?:has|have|had|also|will|would|did|does|do|again)\s+)*"  # not 'was denied'
    rf"(?P<cue>{CLAIM_CUES})\b(?:\s+(?:on|last|this)\s+\w+day)?(?:\s+(?:[\w’'.-]+\s+){{0,5}}?that\b)?[\s,]*")
# '… , Obama said (on Wednesday).' | '…, said Obama.' | '…, according to the ministry.'
CONTENT_FIRST = re.compile(
    rf",\s+(?:{SPEAKER}{APPOSITION}{ADVERB}\s+(?:has\s+|had\s+)?(?P<cue>said|says|told|added|noted|wrote|argued|"
    rf"explained|insisted|warned|claimed|believes|reported|announced|stated|estimated)\b[^,;]{{0,60}}|"
    rf"(?P<cue2>said|says|added|according to)\s+(?P<speaker2>{NAME}|{NOMINAL})[^,;]{{0,60}}|"
    rf"(?P<cue3>according to)\s+(?P<speaker3>[^,;]{{2,80}}?))\s*[.!?]?$")
# 'Some protest leaders said …', '1,409 teachers said …': a plain subject of a few words opening the sentence.
PLAIN_SUBJECT = re.compile(
    r"^\W*(?P<speaker>[\w’'.%-]+(?:\s+[\w’'.%-]+){0,5}?)(?:,\s+[^,“”\"]{2,80},)?(?:\s+(?:also|later|then|now))?\s+"
    r"(?P<cue>said|says|say|told|tells|believe|believes|think|thinks|argue|argues|argued|contend|contends|warned|"
    r"warn|warns|predicted|predict|predicts|expect|expects|estimated|estimate|estimates|found|find|finds|reported|"
    r"concluded|agree|agreed)\b(?:\s+(?:on|last|this)\s+\w+day)?(?:\s+(?:[\w’'.-]+\s+){0,5}?that\b)?[\s,]*")
# 'Mrs. Clinton, analysts said, has other reasons …': the attribution inside the sentence; the claim is all of it.
INSIDE = re.compile(r"^(?P<a>[^,]{10,}?),\s+(?P<speaker>[\w’'. -]{2,60}?)\s+(?P<cue>said|says|say|argued|argues|added|"
                    r"noted|warned|believes|believe|contends|insisted)(?:\s+on\s+\w+day)?,\s+\S")
ACCORDING_FIRST = re.compile(r"^\W*According to\s+(?P<speaker>[^,]{2,80}),\s+")
MIN_WORDS = 4
OBJECT_NEXT = re.compile(r"\s*(?:to|for|by|with|about|of|in|on|at)\b")  # 'said to be', 'told of': no claim follows


def extract_reported(article: Article, quotes: list[Quote]) -> list[Quote]:
    """One claim per sentence that attributes a statement and holds no quote marks (quotes already cover those);
    pronouns and roles resolve like a quote's speaker."""
    text, claims = article.text, []
    known = [(q.start, q.speaker) for q in quotes if q.speaker]
    for sentence in article.sentences:
        if re.search(r"[“”\"]|``|''", sentence.text) or any(q.start < sentence.end and q.end > sentence.start
                                                              for q in quotes):
            continue
        found = _claim(sentence.text)
        if found is None:
            continue
        raw, cue, start, end, at = found
        start, end = _trim(text, sentence.start + start, sentence.start + end)
        if len(text[start:end].split()) < MIN_WORDS:
            continue
        earlier = [(at_, name) for at_, name in known + [(q.start, q.speaker) for q in claims] if name and
                   at_ < sentence.start]
        speaker = resolve(raw.strip(), earlier, text[:sentence.start + at])
        claims.append(Quote(text[start:end], speaker, cue, article.id, start, end, "reported"))
    return claims


def _claim(sentence: str) -> tuple[str, str, int, int, int] | None:
    """(speaker as written, cue, content start, content end, speaker position) within the sentence, or None."""
    according = ACCORDING_FIRST.match(sentence)
    if according:
        return according.group("speaker"), "according to", according.end(), len(sentence), according.start("speaker")
    after = CONTENT_FIRST.search(sentence)
    if after and after.start() > 0:
        speaker = after.group("speaker") or after.group("speaker2") or after.group("speaker3")
        return speaker, after.group("cue") or after.group("cue2") or after.group("cue3"), 0, after.start(), \
            after.start()
    for m in SUBJECT_FIRST.finditer(sentence):
        if m.end() < len(sentence) and not OBJECT_NEXT.match(sentence[m.end():]):
            speaker = unless_after_preposition(sentence, m.start("speaker"), m.group("speaker"))
            return speaker, m.group("cue"), m.end(), len(sentence), m.start("speaker")
    plain = PLAIN_SUBJECT.match(sentence)
    if plain and plain.end() < len(sentence) and not OBJECT_NEXT.match(sentence[plain.end():]):
        return plain.group("speaker"), plain.group("cue"), plain.end(), len(sentence), plain.start("speaker")
    inside = INSIDE.match(sentence)
    if inside:
        return inside.group("speaker"), inside.group("cue"), 0, len(sentence), inside.start("speaker")
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The content without edge spaces, the sentence's final stop or a trailing comma."""
    while start < end and text[start] in " ,:":
        start += 1
    while end > start and text[end - 1] in " .,;!?":
        end -= 1
    return start, end
