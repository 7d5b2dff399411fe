"""Clean articles: drop boilerplate and repeated paragraphs, normalise whitespace, split sentences with offsets."""

from __future__ import annotations

import dataclasses
import logging
import re
import unicodedata

from briefgen.models import Article, Failure, Sentence, plural

log = logging.getLogger(__name__)

# Whole lines that are page furniture, not journalism (compared lower-cased, without trailing punctuation).
BOILERPLATE_LINES = {
    "advertisement", "share this article", "share this story", "share", "like us on facebook", "real time analytics",
    "accessibility links", "breaking news", "reply", "post", "learn more", "comments", "related", "related stories",
    "skip to main content", "print", "email", "tweet", "read more", "subscribe", "sign up", "log in", "sign in",
    "most popular", "trending", "more from", "top stories", "video", "listen", "image", "photo",
}
# Lines that start like a prompt, a caption credit or a link to another story.
BOILERPLATE_PREFIX = re.compile(
    r"^\s*(\(photo\s*:|((read more|also read|see also|related|watch|listen|photo|image|picture|follow us|"
    r"sign up|subscribe|click here|download our|get more with|make \S+ your homepage|copyright)\b))",
    re.IGNORECASE,
)
# Site promotion and outlet self-descriptions, wherever they appear in a line.
SITE_PROMOTION = re.compile(
    r"(website can also be accessed|alternate address|follow us on|sign up for our|download our app|"
    r"all rights reserved|provides news and information in|stories with the .{1,40} byline|"
    r"personalised news feed|personalized news feed|this article was (originally )?published|"
    r"^\(?distributed by .{1,60}\)?$|to (publish|purchase) this (article|material)\b)",  # syndication notices
    re.IGNORECASE,
)
# A server's error page saved in place of the article ("The item you've requested … was not found").
ERROR_PAGE = re.compile(
    r"\b(page|item|article|story|content|url)\b.{0,120}\b(was not found|could not be found|cannot be found|"
    r"no longer (available|exists))|\b(haven.t|have not) been able to (serve|find) the page|"
    r"\b(404|page) not found\b", re.IGNORECASE | re.DOTALL)
ERROR_PAGE_WORDS = 150  # an error page is short; a long article may well report a page that was not found
# "... hacking. Photo: AP" and "US President Barack Obama (AFP photo)"
CAPTION_CREDIT = re.compile(r"(\b(Photo|Image|Picture)\s*:\s*[\w\s/&.,-]{1,40}|\([\w\s/]{0,30}\b(photo|image)\))$",
                            re.I)
BARE_URL_OR_DATE = re.compile(r"^(https?://\S+|www\.\S+|[\w.-]+\.(com|org|net|co\.uk|ir)|[\d/:\s.-]+(am|pm)?)$", re.I)
SHORT_LINE_WORDS = 6  # shorter lines without sentence punctuation are labels, menus and credits (seed pages)
SENTENCE_END = ".!?\"'”’)"

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Mojibake: UTF-8 read as Windows-1252 ("Putinâ€™s", "ChÃ¡vez") or Windows-1252 read as Latin-1 (C1 controls
# such as \x96 for "–", which the PDF draws as empty boxes): 31 of the 438 articles of wikinews-events dev.
# Only a text showing such a mark goes through ftfy, which undoes it (and leaves a text it cannot explain alone).
MOJIBAKE_MARK = re.compile("[\x80-\x9f]|[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]")


def repair_encoding(text: str) -> str:
    if not MOJIBAKE_MARK.search(text):
        return text
    import ftfy

    return ftfy.fix_text(text, ftfy.TextFixerConfig(  # the encoding repairs only: quotes, HTML and width stay
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
        uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None))


def normalise_whitespace(line: str) -> str:
    line = unicodedata.normalize("NFC", line).translate(INVISIBLE)
    return " ".join(line.replace("\u00a0", " ").split())


def is_boilerplate(line: str, title: str = "") -> bool:
    key = line.lower().rstrip(" .:!»>|").strip("•·-–— ")
    if not key or key in BOILERPLATE_LINES or key == title.lower().rstrip(" ."):
        return True
    if BOILERPLATE_PREFIX.match(line) or SITE_PROMOTION.search(line) or BARE_URL_OR_DATE.match(line):
        return True
    if CAPTION_CREDIT.search(line):
        return True
    return len(line.split()) < SHORT_LINE_WORDS and not line.endswith(tuple(SENTENCE_END))


def clean_paragraphs(text: str, title: str = "") -> list[str]:
    """Each non-empty line is a paragraph; boilerplate and repeats (e.g. a lead printed twice) are dropped."""
    seen: set[str] = set()
    paragraphs = []
    for raw in text.splitlines():
        line = normalise_whitespace(raw)
        if not line or is_boilerplate(line, title):
            continue
        key = line.lower()
        if key in seen:
            continue
        seen.add(key)
        paragraphs.append(line)
    return paragraphs


# --- sentence splitting ------------------------------------------------------------------------

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "pres",
    "st", "jr", "sr", "rev", "hon", "no", "vs", "etc", "inc", "corp", "co", "ltd", "dept", "univ", "est", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "vol", "op", "al",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "d.c", "u.s.a", "ph.d", "mt", "ft",
}
BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=(?:''|[\"'“‘(\[])?[A-Z0-9])")
WORD_BEFORE = re.compile(r"([\w.]+)[.!?]+[\"'”’)\]]*\s+$")


def _is_abbreviation(text: str, boundary: re.Match) -> bool:
    # Only the few characters before the boundary are searched: searching the whole text made splitting
    # quadratic in the length of an article (a 10,000-article night spent a fifth of its time here).
    match = WORD_BEFORE.search(text, max(0, boundary.start() - 40), boundary.end())
    if not match or text[match.end(1)] != ".":
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())  # "J. Smith"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; paragraphs (lines) never share a sentence."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for boundary in BOUNDARY.finditer(text, para.start(), para.end()):
            if _is_abbreviation(text, boundary):
                continue
            end = boundary.end() - (len(boundary.group()) - len(boundary.group().rstrip()))
            spans.append((start, end))
            start = boundary.end()
        rest = text[start:para.end()]
        if rest.strip():
            spans.append((start, start + len(rest.rstrip())))
    return spans


# --- sentence hygiene --------------------------------------------------------------------------
# What a sentence must not be to stand alone in a summary or as a bottom line: page furniture (captions, credits,
# bylines, headings) or a piece of a sentence. Each rule is a general shape of news pages, checked by reading the
# summaries of a real-volume dev night (wikinews-events dev + duc2006 dev); see docs/text.md.

# "SYDNEY, September 20 (Xinhua) --", "VOLGOGRAD, Russia (AP) --", "(CNN) --", "AMMAN:": the place and agency
# ahead of the first sentence. Skipped by moving the sentence's start; the text stays verbatim.
DATELINE = re.compile(
    r"(?:\((?:[A-Z][A-Za-z]+)\)"  # (CNN)
    r"|(?:[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*"  # MEXICO CITY
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"  # , Russia
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?=\s*\()"  # Jan. 15 (Bloomberg)
    r"|[A-Z][\w.'’-]+(?:,?\s+[A-Z][\w.'’-]+){0,3}(?=\s+_\s))"  # Washington _ (the underscore says it)
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # , Oct. 25
    r"(?:\s*\([A-Z][\w .,]{1,25}\))?)"  # (Xinhua), (May 2, 2014)
    r"\s*(?:--|—|–|-|_|:)\s+(?=[\"“‘'`]*[A-Z0-9])")  # the New York Times' wire writes "MIAMI _ "
ENDS_A_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
CREDIT = re.compile(r"Getty Images|\bAFP\s*/|/\s*AFP\b|\bReuters\s*/|/\s*Reuters\b|\bAP Photo|/AP\b|\bfile photo\b|"
                    r"\b(?:photo|picture|image)s?\s*(?:by|courtesy|credit)\b|\b(?:Photo|Image|Picture)\s*:|"
                    r"\[[A-Z][A-Z/ .]+\]|\bUpdated:|\bpictured\b|\((?:L|R|C|left|right|centre|center)\)", re.I)
# "US President Barack Obama speaks during the debate at Hofstra University on October 16, 2012.": a picture's
# subject in the present tense, and the day it was taken (anywhere after the verb: "…, Wednesday, Oct. 3, 2012, in
# Denver.").
CAPTION = re.compile(r"^[^,]{0,80}?\b(?:speaks|speak|gestures|waves|walks|arrives|attends|poses|listens|looks on|looks|"
                     r"stands|sits|holds|smiles|reacts|greets|shakes|points|prays|talks|leaves|addresses|delivers|"
                     r"casts|takes part|is seen|are seen|watch|watches)\b.*\b" + MONTH + r"\s+\d{1,2},\s+\d{4}\b"
                     r"|^[A-Z]{3,9}\s+\d{1,2}:\s"  # a picture agency's "MAY 17: A wax figure of the Pope stands …"
                     r"|^An?\s+(?:general\s+|aerial\s+)?view\s+of\b"  # "A view of the unveiled statue, …"
                     r"|,\s+[A-Z][a-z]+day,\s+" + MONTH + r"\s+\d{1,2},\s+\d{4}\.?$")  # "…, Monday, Nov. 19, 2012."
# The same without the date: "Tony Blair arrives at the Labour club to address 500 supporters.", "President Bill
# Clinton speaks to the Education Writers Association conference.": a named subject, a picture's verb in the present
# tense and where it happens, with no day, no future and nobody reporting it (which would make it news).
PICTURED = re.compile(
    r"^(?:The\s+)?(?!(?:Yet|But|And|That|This|It|After|Before|When|While|As|If|In|On|At|So|Then|There|Here|He|She|"
    r"They|We|I|You)\b)[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|de|al|bin|van|von)){0,6}"  # Tony Blair, Mr Brown
    r"(?:'s\s+(?:wife|husband|family|children|son|daughter)(?:\s+and\s+\w+)?)?"  # Tony Blair's wife and children
    r"\s+(?:then\s+)?(?:arrives?|poses?|waves?|gestures?|smiles?|greets?|shakes hands|looks on|listens|speaks|is seen|"
    r"are seen|gathers?|talks|chokes up|sits|stands|walks|celebrates?|attends|addresses|delivers|leaves|prays)"
    r"\s+(?:at|in|outside|during|with|for|near|on|to|from|after|before|inside|beside|behind|next|alongside|"
    r"as (?:he|she|they))\b(?!\s+\d)")
SCHEDULED_OR_REPORTED = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tonight|"
                                   r"tomorrow|next week|this week|later|will|said|says)\b")
# "James Murdoch: No, I was not aware of that.", "Update: ...": a transcript's speaker or a label, then its text.
LABEL = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}:\s")
BARE_QUOTE = re.compile(r"^(?:\"|“|``)(?:(?!\"|“|”|``|'').)*[.!?,](?:\"|”|'')$")  # someone's words, nobody saying them
BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*(?:$|,|\b(?:and|for|in)\b)")
# "Jan. 5 -- The INS decides …", "12:48 a.m. EDT -- Plane lands at JFK": an entry of a timeline.
TIMELINE = re.compile(r"^(?:" + MONTH + r"\s+\d{1,2}|\d{1,2}:\d\d\s*[ap]\.?m\.?(?:\s+[A-Z]{2,4})?)\s*(?:--|—|–)")
LIST_ITEM = re.compile(r"^(?:\(?[a-z0-9]{1,3}\)|[-–—•▶*]|\.{3}|…)")
URL = re.compile(r"https?://|www\.\w", re.I)
# "Follow our election coverage as …", "See photos of the convention.", "Read the most current version of this story
# here.": the page talking to its reader.
PROMOTION = re.compile(r"^(?:Follow|Read|Watch|Join|Click|Sign up|Subscribe|Listen|Download|Catch up|Keep up|"
                       r"Find out|See)\b[^.]{0,60}\b(?:our|us|here|live|latest|coverage|photos?|pictures|video|"
                       r"gallery)\b")
# The page describing itself: "The following is a transcript of a speech by …", "This article was updated …".
ABOUT_THE_PAGE = re.compile(r"\b(?:[Tt]he following (?:is|are)|[Tt]his (?:article|story|report|post|page|transcript) "
                            r"(?:is|was|has|contains|includes))\b")
# Two sentences run together: a page that lost the space after a full stop ("… to leave the party.Her car was …";
# not a dotted name such as "Worm.Explore.Zip"), or a caption or subheading glued to the text without one ("… as a
# role model The grandmother of …", "Alarming rate The authorities say …").
GLUED = re.compile(r"(?<![\w.])[A-Za-z]*[a-z]{2}[.!?][”\"’)]?[A-Z][a-z]+\s|\b[a-z]{2,} The [a-z]")

# A sentence needs a verb ("A keynote speech on the Democratic Party's biggest stage." is a fragment). Any word that
# may be one is enough (a common verb, a contraction, or an -s, -ed, -ing or n't ending), so only a sentence with none
# at all is caught: 3 of ~8,000 lead sentences of the dev night, all fragments.
VERB_LIKE = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|cannot|could|may|might|must|shall|"
    r"should|say|said|tell|told|make|made|take|took|win|won|lose|lost|leave|left|go|went|come|came|get|got|give|gave|"
    r"meet|met|lead|led|hold|held|hit|set|put|cut|fall|fell|rise|rose|run|ran|begin|began|become|became|find|found|"
    r"bring|brought|build|built|buy|bought|keep|kept|send|sent|spend|spent|strike|struck|stand|stood|sell|sold|shoot|"
    r"shot|think|thought|write|wrote|see|saw|know|knew|grow|grew|fly|flew|speak|spoke|choose|chose|pay|paid|let|want|"
    r"need|seem|mean|meant|feel|felt|die|sit|sat|fight|fought|catch|caught|quit|beat|cost|hurt|shut|spread|sought|"
    r"hear|heard|look|live|work|call|play|show|try|ask|use|help|move|turn|start|open|close|vote|agree|plan|hope|"
    r"happen|remain|continue|include|believe|expect|face|warn|urge|insist|claim|deny|accept|refuse|allow|offer|pray|"
    r"respond|operate|kill|attack|arrest|charge|join|"
    r"\w+(?:s|ed|ing|n't)|\w+['’](?:s|re|ve|ll|d|m))\b", re.I)
POSSESSIVE = re.compile(r"\b(?!(?:that|it|there|what|who|he|she|here|where|how|let)['’]s\b)\w+['’]s\b", re.I)


def dateline_end(text: str) -> int:
    """Characters of dateline at the start of a sentence (0 when there is none); a wire slug before it
    ("CUBA-ELIAN _ MIAMI _ ") goes with it."""
    end = 0
    while (match := DATELINE.match(text, end)) and len(text) - match.end() > 40:
        end = match.end()
    return end


def defect(text: str) -> str:
    """Why a sentence cannot stand alone in a summary ("" when it can): a caption, credit, byline, heading,
    transcript line, timeline entry or list item, a bare quote, a link, a promotion, two sentences glued into one, or a
    fragment (opening mid-sentence, ending at a colon, unfinished or without a verb)."""
    words = text.split()
    first = next((c for c in text if c.isalnum()), "")
    letters = [w for w in words if any(c.isalpha() for c in w)]
    checks = (
        ("credit", CREDIT.search(text)),
        ("caption", CAPTION.search(text) or (text.startswith("In this") and " photo" in text)
         or (PICTURED.match(text) and not SCHEDULED_OR_REPORTED.search(text))),
        ("byline", BYLINE.match(text)),
        ("transcript or label", LABEL.match(text)),
        ("bare quote", BARE_QUOTE.match(text)),
        ("timeline entry", TIMELINE.match(text)),
        ("list item", LIST_ITEM.match(text)),
        ("link", URL.search(text)),
        ("promotion", PROMOTION.match(text) or text.startswith("[") and text.rstrip(".").endswith("]")),
        ("about the page", ABOUT_THE_PAGE.search(text)),
        ("glued", GLUED.search(text)),
        ("ends at a colon", text.rstrip().endswith((":", ";", ","))),
        ("opens mid-sentence", first.islower() or text[:1] in ",;:)]"),
        ("unfinished", not ENDS_A_SENTENCE.search(text) or text.rstrip("\"'”’)]").endswith(("...", "…"))),
        ("heading", len(letters) >= 3 and sum(w.isupper() and len(w) > 1 for w in letters) > len(letters) / 2),
        ("unbalanced bracket", text.count("[") != text.count("]") or text.count("(") != text.count(")")),
        ("no verb", not VERB_LIKE.search(POSSESSIVE.sub("", text))),
    )
    return next((reason for reason, found in checks if found), "")


def clean_article(article: Article) -> Article:
    title = normalise_whitespace(repair_encoding(article.title))
    paragraphs = clean_paragraphs(repair_encoding(article.text), title)
    text = "\n\n".join(paragraphs)
    spans = [(s + dateline_end(text[s:e]), e) for s, e in split_sentences(text)]
    sentences = tuple(Sentence(article.id, i, text[s:e], s, e) for i, (s, e) in enumerate(spans))
    return dataclasses.replace(article, title=title, text=text, sentences=sentences)


def is_error_page(text: str) -> bool:
    return len(text.split()) < ERROR_PAGE_WORDS and bool(ERROR_PAGE.search(text[:400]))


def named(article: Article) -> str:
    """An article as a failure names it: a line of a .jsonl by its address, else by its file and title."""
    return article.url or (f"{article.path} ({article.title[:60]!r})" if article.title else article.path or article.id)


def clean_articles(articles: list[Article]) -> tuple[list[Article], list[Failure]]:
    """Clean every article; one with no text left after cleaning (it was all boilerplate), or only a server's error
    page, becomes a `Failure`."""
    cleaned, failures = [], []
    for article in articles:
        result = clean_article(article)
        if not result.sentences:
            failures.append(Failure(named(article), "no article text left after removing boilerplate"))
        elif is_error_page(result.text):
            failures.append(Failure(named(article),
                                    f"an error page, not an article ({result.sentences[0].text[:60]!r}…)"))
        else:
            cleaned.append(result)
    for failure in failures:
        log.warning("%s: %s", failure.source, failure.reason)
    log.info("clean: %d → %s (%d empty or error pages)", len(articles), plural(len(cleaned), "article"), len(failures))
    return cleaned, failures
