"""A sentence's main clause: the same sentence cut before a trailing clause, still verbatim at offsets.

A bottom line says the news in a line, as a headline does; "A bomb exploded on a bus in central Tel Aviv at a little
after noon Wednesday, wounding at least 30 people." says it in the words before its last comma. The cut is made only
at a clause boundary (a comma, a semicolon or a spaced dash) that opens a trailing clause: a participial clause
(", killing 12 and …"), a relative clause (", which …", ", who …", ", where …") or a subordinate clause (", after …",
", as …", ", prompting …"). Never an attribution (", Chad's armed forces say."): cut, a party's claim would read as
the brief's own ("Mokhtar Belmokhtar has been killed by Chadian soldiers in Mali …"). Every boundary after it must
open such a clause too, so a clause inside the sentence ("after Gate Gourmet, which supplies meals for BA
flights, a day earlier sacked 670 staff") is never taken for a trailing one. What is left must read as a sentence:
eight words or more, a word that may be a verb, no open bracket or dash pair, no small word at its end. See
docs/text.md for what this did to `eval headlines` and to the held-out outlet titles.
"""

from __future__ import annotations

import re

from briefgen import clean
from briefgen.models import Sentence

BOUNDARY = re.compile(r"(?:,|;|\s(?:--|—|–))\s+")
# -ing words that are nouns, prepositions or attributions ("according to", "citing") after a comma, not a participle
# opening a clause.
NOT_PARTICIPLE = ("according|citing|thing|nothing|something|anything|everything|morning|evening|king|spring|during|"
                  "string|ring|wing|bring|ceiling|wedding|meeting|building|funding|bombing|shooting|fighting|ruling|hearing|briefing|"
                  "warning|training|spending|opening")
TRAILING_CLAUSE = re.compile(
    rf"(?!(?:{NOT_PARTICIPLE})\b|[a-z]+ing of\b)[a-z]+ing\b"  # , killing 12 and injuring 30 (not ", spreading of")
    r"|(?:which|who|whose|where)\b"  # , where 42 people died in clashes two days ago
    r"|(?:after|as|while|amid|despite|before|although|though|since|because|prompting|sparking|in a move|a move|"
    r"the first|ending)\b")  # , after offering to include his rival …
SPACED_DASH = re.compile(r"\s(?:--|—|–)\s")
SMALL_WORDS = {"of", "the", "a", "an", "to", "and", "or", "in", "on", "for", "with", "at", "by", "from", "that", "as",
               "than"}
MIN_WORDS = 8


def reads_as_sentence(head: str) -> bool:
    words = head.split()
    return (len(words) >= MIN_WORDS and words[-1].lower() not in SMALL_WORDS
            and not clean.ENDS_A_SENTENCE.search(head)  # "… in Creswell, Ore." would hide that it was cut
            and bool(clean.VERB_LIKE.search(clean.POSSESSIVE.sub("", head)))
            and head.count("(") == head.count(")") and len(SPACED_DASH.findall(head)) % 2 == 0)


def cuts(text: str) -> list[int]:
    """Where `text` may end early: the offset of each clause boundary after which every boundary opens a trailing
    clause, and which leaves a sentence."""
    boundaries = list(BOUNDARY.finditer(text))
    trailing = [bool(TRAILING_CLAUSE.match(text, b.end())) for b in boundaries]
    return [b.start() for i, b in enumerate(boundaries) if all(trailing[i:]) and reads_as_sentence(text[:b.start()])]


def main_clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence's shorter spans, each ending before a trailing clause (shortest first): the same article, the
    same start, an earlier end."""
    return [Sentence(sentence.article_id, sentence.index, sentence.text[:cut], sentence.start, sentence.start + cut)
            for cut in cuts(sentence.text)]


def is_cut(sentence: Sentence) -> bool:
    """A span shorter than its sentence (it ends without the sentence's closing mark)."""
    return not clean.ENDS_A_SENTENCE.search(sentence.text)


def shown(text: str) -> str:
    """A bottom line as the reader sees it: a cut one ends with "…", which says the sentence goes on in the source."""
    return text if clean.ENDS_A_SENTENCE.search(text) else text + " …"
