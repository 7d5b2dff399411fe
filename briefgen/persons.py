"""Persons and bodies: whether a name is an organisation's, and which names an article calls 'he' or 'she' — what a
personal pronoun may point to."""

from __future__ import annotations

import re
from collections import Counter

ORG_WORDS = {"States", "Nations", "House", "Department", "Ministry", "Agency", "Office", "Council", "Congress",
             "Pentagon", "Times", "Post", "News", "Institute", "Board", "Committee", "Roundtable", "Union", "Party",
             "Court", "Government", "Republic", "Kingdom", "Bank", "Reuters", "Service", "Center", "Centre",
             "Journal", "Campaign", "Commission", "Press", "Network", "Foundation", "Association", "Senate"}
# Words that make a name a body's, not a person's (beside ORG_WORDS, and their plurals).
BODY_WORDS = {"University", "College", "School", "Organization", "Organisation", "Company", "Corporation", "Corp",
              "Inc", "Ltd", "Group", "Authority", "Police", "Army", "Navy", "Force", "Forces", "Administration",
              "Bureau", "Fund", "Agency", "Airlines", "Airways", "Club", "Team", "Church", "Hospital", "Society",
              "Federation", "League", "Alliance", "Coalition", "Movement", "Front", "Guard", "Assembly", "Parliament",
              "Ministry", "Embassy", "Consulate", "Program", "Programme", "Project", "Initiative", "Observatory",
              "Laboratory", "Museum", "Library", "Television", "TV", "Radio", "Channel", "Magazine", "Herald",
              "Tribune", "Gazette", "Telegraph", "Guardian", "Daily", "Weekly", "Council", "Institute", "Commission",
              "Committee"}


def organisation(name: str) -> bool:
    """'National Centers', 'Red Bull Racing Team', 'AFP', 'Reuters': a body (or an agency in capitals), not a person
    a personal pronoun can point to."""
    words = [w.rstrip(".,") for w in name.split(" of ")[0].split()]
    if not words:
        return False
    head = words[-1][:-1] if words[-1].endswith("s") and len(words[-1]) > 3 else words[-1]  # 'Centers' → 'Center'
    return (head in ORG_WORDS or head in BODY_WORDS or words[-1] in ORG_WORDS or words[0] in BODY_ADJECTIVES
            or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1))


BODY_ADJECTIVES = {"National", "International", "Federal", "United", "Royal", "Global", "European", "World"}


# Words that tell a person's sex before their name ('Mrs. Clinton', 'spokeswoman Ann Lee', 'his wife Melania Trump').
FEMALE = (r"Mrs|Ms|Miss|Madam|Queen|Princess|Lady|Dame|Duchess|Baroness|[Ss]pokeswoman|[Cc]ongresswoman|"
          r"[Cc]hairwoman|[Bb]usinesswoman|[Cc]ouncilwoman|[Aa]ssemblywoman|actress|wife|mother|daughter|sister|"
          r"widow|grandmother|girlfriend")
MALE = (r"Mr|King|Prince|Lord|Sir|Duke|Baron|[Ss]pokesman|[Cc]ongressman|[Bb]usinessman|[Cc]ouncilman|"
        r"[Aa]ssemblyman|husband|father|son|brother|widower|grandfather|boyfriend")
NAMED = r"\.?\s+(?:[A-Z][\w.’'-]*\s+)*?(?P<name>[A-Z][\w’'-]+)\b(?!\s+[A-Z])"
TOLD_BY_WORD = re.compile(rf"\b(?:(?P<she>{FEMALE})|(?P<he>{MALE})){NAMED}")
# 'Clinton said she …', 'Scott, the mayor, told reporters he …': the pronoun right after the name's cue.
TOLD_BY_PRONOUN = re.compile(r"(?P<name>[A-Z][\w’'-]+)(?:,[^,.]{1,60},)?\s+(?:said|says|told\s+\w+|added|wrote|"
                             r"explained|noted|insisted|argued|recalled)\s+(?:that\s+)?(?P<pronoun>he|she)\b")


def sex(text: str) -> dict[str, str]:
    """{family name: 'he' or 'she'} for the names the text marks as a man's or a woman's: the marks of one sex
    outnumber the other's at least two to one (two people may share a family name)."""
    votes: Counter = Counter()
    for m in TOLD_BY_WORD.finditer(text):
        votes[m.group("name"), "she" if m.group("she") else "he"] += 1
    for m in TOLD_BY_PRONOUN.finditer(text):
        votes[m.group("name"), m.group("pronoun")] += 1
    names = {name for name, _ in votes}
    return {name: pronoun for name in names for pronoun, other in (("he", "she"), ("she", "he"))
            if votes[name, pronoun] >= 2 * votes[name, other] and votes[name, pronoun]}
