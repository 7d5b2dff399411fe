"""Who speaks: names, roles and pronouns around a quote or a reported statement, resolved to a person."""

from __future__ import annotations

import functools
import re

from briefgen.persons import ORG_WORDS, organisation, sex

# --- names ------------------------------------------------------------------------------------------------------

# A name never runs over a line break: 'late mainman Dave' ending a headline and 'Gwar have announced' opening the
# next paragraph are two names, not 'Dave Gwar'.
NAME = (r"(?<![\w’'-])(?:[A-Z][\w’'.-]*|(?:de|van|von|bin)\b|al-\w+|O’\w+)"
        r"(?:[^\S\n]+(?:[A-Z][\w’'.-]*|(?:de|del|van|von|der|bin|da)\b|al-\w+))*")
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
    "Del.", "Fr.", "Sec.", "Sens.", "Reps.", "MK", "MP", "MEP", "MSP", "MLA", "Shadow",
    "Spokesman", "Spokeswoman", "Candidate", "Nominee", "Senior", "Adviser", "Advisor", "Manager", "Professor",
}
# Words that end with a full stop inside a name ('Sen. Ted Cruz', 'Martin Luther King Jr.'); any other ends a sentence.
ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm", "Rev", "Prof",
                 "Jr", "Sr", "St", "Mt", "Ft", "Inc", "Co", "Corp", "Ltd", "Bros", "Cmdr", "Maj", "Pres", "Supt",
                 "Atty", "Del", "Fr", "Sec", "Sens", "Reps"}
PARTICLES = {"de", "del", "van", "von", "der", "bin", "da", "al-"}


def clean_name(raw: str) -> str:
    """'President Barack Obama' → 'Barack Obama', 'former FBI agent Timothy Gill' → 'Timothy Gill': the last run of
    capitalised words before any apposition, without titles, possessives or a following sentence."""
    runs, run = [], []
    words = raw.split(",")[0].split("(")[0].split()
    for word, after in zip(words, words[1:] + [""]):
        if DESCRIPTOR.fullmatch(word) and not run and (after[:1].isupper() or DESCRIPTOR_TAIL.search(word)):
            continue  # 'Injury-plagued Rice', 'Bush-era': what someone is ('Ban Ki-moon', 'Gal-on said' stay)
        elif word[:1].isupper() or (run and (word in PARTICLES or word.startswith("al-"))) or (
                not run and word in {"de", "al-"}):  # 'Abdel-Aziz al-Rantisi'
            run.append(word)
            if word.endswith(".") and len(word) > 2 and word[:-1] not in ABBREVIATIONS and "." not in word[:-1]:
                break  # 'Trump. She': a sentence ended
        elif run:
            runs, run = runs + [run], []
    words = run or (runs[-1] if runs else [])
    titled = [i for i, w in enumerate(words) if is_title(w)]
    if titled and titled[-1] < len(words) - 1:  # 'Treasury Secretary John Smith' → 'John Smith'
        words = words[titled[-1] + 1:]
    while words and (words[0] in NOT_NAMES or (is_title(words[0]) and len(words) > 1)):
        words.pop(0)  # 'Mr. King' keeps 'King
    return re.sub(r"(’s|'s)$", "", " ".join(words).rstrip(".,:;"))


# A capitalised word joined to a lower-case one ('Injury-plagued', 'Kremlin-aligned', 'Bush-era', 'Oscar-winning').
DESCRIPTOR = re.compile(r"[A-Z][\w’'.]*(?:-(?!al-|el-|bin-|ul-|ud-)[a-z][\w’']*)+")
DESCRIPTOR_TAIL = re.compile(r"^[A-Z]-|-(?:[a-z]+(?:ed|ing)|era|born|run|made|style|like|wide|free|led)$")  # 'T-shirts'


def is_title(word: str) -> bool:
    """'Senator', 'Gov.', 'Attorney-General', 'Secretary-General': a title, never a name."""
    return word in TITLE_WORDS or ("-" in word and all(part in TITLE_WORDS for part in word.split("-")))


# "It’s", "I’m", "You’re" open sentences; they are not names.
CONTRACTION = re.compile(r"(?:I|It|You|We|They|He|She|That|There|What|Here|Who|Let)[’'](?:m|s|re|ll|ve|d)")


def _is_person(name: str) -> bool:
    return (bool(name) and name.split()[0] not in NOT_NAMES and name.split()[-1] not in ORG_WORDS
            and not CONTRACTION.fullmatch(name.split()[0]))


def person_names(text: str) -> list[str]:
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
# the words that may follow right after a quote
ANY_CUE = rf"{CUES}|[a-z]+ed|says|adds|writes|reads|reports|explains|argues|insists|notes|concludes"
AFTER = re.compile(rf"^[\s,.:;!?—–-]*?(?:[―—–-]+\s*(?P<dashed>{NAME})\s*\.?\s*$|"
                   rf"(?P<speaker>{ROLE_PREFIX}{NAME}|the\s+{NAME}|{PRONOUN}|{NOMINAL}){APPOSITION}"
                   rf"{ADVERB}\s+(?:has\s+|had\s+|have\s+)?(?P<cue>{ANY_CUE})\b|"
                   rf"(?P<cue2>{ANY_CUE})\s+(?P<speaker2>[^;:“”\"`]{{1,90}}))")
# Obama said: “…”  |  Earnest told reporters, “…”  |  according to Earnest, “…”
BEFORE = re.compile(rf"(?:^|[^\w’'-]){SPEAKER}{APPOSITION}{ADVERB}\s+(?:has\s+|had\s+|have\s+|would\s+|will\s+)?"
                    rf"(?P<cue>{CUES})\b[^“”\".!?]{{0,120}}$")
BEFORE_ANY = re.compile(rf"(?:^|[^\w’'-]){SPEAKER}{APPOSITION}{ADVERB}\s+"
                        rf"(?P<cue>[a-z]+ed|says|adds|writes|reports)\s*[,:]$")
ACCORDING = re.compile(rf"according to\s+(?P<speaker>{NAME}|{NOMINAL})")
REPORTED = re.compile(rf"\b(?:{REPORTING})\b")
TRANSCRIPT = re.compile(r"^([A-Z][A-Z.’' -]{1,30}):\s+")  # "PENCE: Well, …"
SUBJECT = re.compile(rf"({NAME})\s*{APPOSITION}{ADVERB}\s+(?:(?:has|had|have|was|is|will|would)\s+)?(?:{REPORTING})\b")


def speaker_before(pre: str) -> str:
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
    # '…, after many, including President Obama, urged him to call off the “stunt”': the subject of the clause the
    # cue is in, not the sentence's 'He'; a quote's words are no clause
    after_quotes = max(pre.rfind("”"), pre.rfind('"'), pre.rfind("''")) + 1
    clause = list(SUBORDINATE.finditer(pre, after_quotes))
    return (clause and sentence_subject(pre[clause[-1].end():])) or sentence_subject(pre)


SUBORDINATE = re.compile(r"\b(?:after|when|while|because|although|though|since|until|before|whereas)\s")


PREPOSITIONS = {"in", "on", "at", "from", "to", "of", "for", "with", "by", "about", "during", "after", "before", "into",
                "against", "than", "like", "near", "over", "under", "outside", "inside", "across", "toward", "towards"}


def _after_preposition(text: str, start: int) -> bool:
    """'in Columbus', 'On ABC News's', 'of the National …': a place, programme or body, not the one who speaks."""
    before = [w.lower() for w in text[:start].split()[-2:]]
    return bool(before) and (before[-1] in PREPOSITIONS or (before[-1] == "the" and before[0] in PREPOSITIONS))


def unless_after_preposition(pre: str, start: int, speaker: str) -> str:
    """'Lu Ming with the NCPHC said', 'Kathy Fithen, manager of the team at Carnegie Mellon University, said': a name
    after a preposition is where the speaker works; the speaker is the subject before it."""
    before = pre[:start].split()[-3:-1]
    titled = bool(before) and before[-1] in TITLE_WORDS  # 'Secretary of State X' is a title, not a workplace
    return sentence_subject(pre[:start]) if _after_preposition(pre, start) and not titled else speaker


def sentence_subject(pre: str) -> str:
    """The sentence's subject: its first name or pronoun that does not follow a preposition or open an adverbial
    ('Hours later, Trump …', 'When Trump suggested that Cuba would sue, Rubio …' → Trump, Rubio)."""
    pre = re.sub(r"“[^“”]*”|\"[^\"]*\"", lambda q: " " * len(q.group()), pre)  # a quote's words are not its subject
    pre = re.sub(r"^\W*(?:When|While|After|Before|If|As|Although|Though|Because|Since|Until|Once|Unless)\s[^,]*,",
                 lambda clause: " " * len(clause.group()), pre)
    for m in re.finditer(rf"(?P<s>{NAME}(?:\s+{JOINING}){{1,3}}\s+{NAME}|{NAME}|\b(?:{PRONOUN})\b|{NOMINAL})", pre):
        word = m.group("s")
        if _after_preposition(pre, m.start()) or (m.end() < len(pre) and pre[m.end()] == "," and
                                                  word.split()[0] in ADVERBIAL):
            continue
        name = clean_name(word) if re.fullmatch(NAME, word) else word
        if word.split()[0] in ADVERBIAL or (name and name.split()[0] in ADVERBIAL):  # 'In January, Gov. …'
            continue
        # 'He', 'It', 'Chinese officials', 'the White House': a subject we cannot name is still the subject; the
        # name after its verb is an object ('… congratulated Bachelet'). 'With Democratic leaders …' is no subject.
        if not name:
            if re.fullmatch(PRONOUN, word):
                return word
            if word.split()[0].lower() not in PREPOSITIONS and VERB_NEXT.match(pre, m.end()):
                return ""
            continue
        return word
    return ""


# The verb (or the noun of a subject: 'Chinese officials') right after a sentence's first words: they are its subject.
VERB_NEXT = re.compile(r"\s+(?:[a-z]+(?:ed|s)|has|had|have|was|were|is|are|will|would|can|could|told|said|says)\b")


# Small words inside one name ('Secretary of State John Kerry', 'Bosnia and Herzegovina') or a role between a body and
# a name ('The Washington Post columnist Ruth Marcus'), never a verb ('-ed', '-s' unless a role, 'told', 'said'): 'the
# White House congratulated Bachelet' is a subject, a verb and an object.
JOINING = (r"(?:of|for|the|and|on|at|in|de|del|la|le|van|von|der|da|di|du|y|"
           r"[a-z]+(?:ist|er|or|man|woman|ian|ant|ent)s?|"
           r"(?!(?:told|said|says|wrote|met|led|won|beat|made|gave|took|left|hit|saw|spoke|sent|put|became|is|are|"
           r"was|were|has|had|have|will|would|can|could|did|does|do|who|which|that|when)\b)[a-z][\w-]*(?<![ds]))")
ADVERBIAL = {"During", "Conversely", "Although", "Despite", "Since", "Because", "Following", "Amid", "Until",
             "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
             "December", "Hours", "Early", "Later", "Likewise", "Estimates", "Pollsters", "Earlier", "Meanwhile",
             "However", "Still",
             "But", "And", "Then", "Now", "Days", "Weeks", "Months", "Years", "Minutes", "Last", "Next", "This",
             "That", "Also", "Instead", "Yet", "So", "Asked", "When", "While", "After", "Before", "If", "As"}



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
    anonymous = re.search(r"\b(?:official|source|aide|adviser|spokes\w+)s?$", speaker)
    if anonymous:  # 'the spokesman': the one the article named ('spokesman Josh Earnest'), else no name
        role = anonymous.group()
        named = list(re.finditer(rf"\b{role}\s+({NAME})|({NAME}),\s+(?:an?|the)\s[^,.“”\"]{{0,60}}\b{role}\b", before))
        name = clean_name(named[-1].group(1) or named[-1].group(2)) if named else ""
        return name if _is_person(name) else ""
    candidates = list(known)
    window = len(before) - len(before[-3000:])
    for match in SUBJECT.finditer(before[-3000:]):
        name = clean_name(match.group(1))
        if _is_person(name):
            candidates.append((window + match.start(), name))
    if re.fullmatch(PRONOUN, speaker):  # 'Michael Glantz, an El Nino expert, was skeptical. “…,” he said.'
        # … or 'said Ernst, who now practices in Phoenix'; a sentence does not end at an initial ('the U.S. National …')
        for match in re.finditer(rf"(?:^|\n|(?<!\b[A-Z])[.!?]\s+)({NAME}){APPOSITION}\s+[a-z]|"
                                 rf"\b(?:said|says)\s+({NAME})(?=[,.])", before[-600:]):
            name = clean_name(match.group(1) or match.group(2))
            if _is_person(name) and not untrusted(name, before) and not re.fullmatch(r"[A-Z][a-z]+ly", name):
                candidates.append((len(before) - len(before[-600:]) + match.start(), name))
    if re.fullmatch(r"[Hh]e|[Ss]he|I", speaker):  # a person, never a body ('he' was once 'National Centers')
        candidates = [(at, name) for at, name in candidates if not organisation(name)
                      and not (" " not in name and ROLES.match(name.lower()))]  # nor 'Diplomats'
        # 'A representative of an NGO said …', then '“…,” he said': someone new and unnamed since the last name
        unnamed = list(UNNAMED.finditer(before, max(0, len(before) - 600)))
        if unnamed and unnamed[-1].start() > max(candidates, default=(-1, ""))[0]:
            return ""
        marked = sex(before[-3000:]) if candidates and speaker != "I" else {}
        if marked and marked.get(max(candidates)[1].split()[-1], speaker.lower()) != speaker.lower():
            # 'She says …' right after 'Obama said he …': the one the article calls 'she', or no one
            candidates = [(at, name) for at, name in candidates if marked.get(name.split()[-1]) == speaker.lower()]
    return max(candidates)[1] if candidates else ""


def _first_name(phrase: str) -> str:
    """The person in 'the spokesman of Chinese diplomacy, Hua Chunying' or 'President Barack Obama'."""
    names = person_names(re.split(r",\s+(?:who|which|whose|a|an)\s", phrase)[0])
    last = re.search(rf"(?:^|\s)([a-z][\w-]*)\s+({NAME})$", re.split(r"[,(]", phrase)[0].strip())
    role = last and (ROLES.search(last.group(1)) or ROLE_NOUN.fullmatch(last.group(1)))
    if role and PREPOSITIONS.isdisjoint(phrase[:last.start(2)].split()) and clean_name(last.group(2)) in names:
        return clean_name(last.group(2))  # 'Tulsa police Chief Chuck Jordan', not 'Trump told Newsmax'
    return names[0] if names else ""


# A noun for what someone is ('bassist', 'singer', 'frontman', 'historian'): a role before a name.
ROLE_NOUN = re.compile(r"[a-z]+(?:ist|er|or|man|woman|ian|ant|ent)s?")
# Who a role phrase may name: 'a BBC spokesman', 'a senior official'; 'one ad', 'a statement' name no one.
ROLES = re.compile(r"spokes|official|minister|secretary|president|senator|governor|mayor|leader|chair|lawmaker|"
                   r"congress|director|chief|commander|officer|ambassador|adviser|advisor|aide|source|analyst|"
                   r"expert|doctor|lawyer|attorney|judge|police|witness|resident|executive|manager|member|"
                   r"representative|candidate|nominee|campaign|diplomat|general|envoy|researcher|scientist|professor|"
                   r"protester|demonstrator|investigator|prosecutor|authorities|critic|supporter|voter|respondent|"
                   r"medic|rescuer|worker|activist|organi[sz]er|pollster|agent|host|anchor|economist|founder|"
                   r"moderator|delegate|strategist|writer|columnist|commentator|editor|reporter|correspondent|"
                   r"consultant|ally|constituent|partner|author|coach|owner|head")


# --- names a reader can trust ----------------------------------------------------------------------------------

UNNAMED = re.compile(rf"(?:^|\n|[.!?]\s+)(?:An?|One|Another)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{ROLES.pattern})")
# Words that open a sentence or a question and are never someone's name ('There', 'Was Romney', 'Oh').
SENTENCE_WORDS = {"There", "Here", "What", "Who", "Whom", "Why", "How", "Where", "Which", "Was", "Is", "Are", "Were",
                  "Does", "Did", "Do", "Has", "Have", "Had", "Will", "Would", "Can", "Could", "Should", "Must", "Oh",
                  "Yes", "No", "Not", "Please", "Thanks", "Most", "Many", "Some", "All", "Every", "Each", "Such",
                  "According", "Other", "Others", "Another", "One", "Two", "Three", "Just", "Even", "Only",
                  "Let", "Like", "Unlike", "Despite", "Under", "Over", "Among", "Through", "Without", "Within",
                  # conjunctions and adverbs that open a clause: 'Though Fluke' is Fluke, after a comma in capitals
                  "Though", "Although", "But", "And", "Or", "Yet", "While", "Whereas", "When", "If", "Because",
                  "Since", "Meanwhile", "However", "Instead", "Indeed", "Also", "Still", "Maybe", "Perhaps"}
CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# Wire agencies report what others say: unless they 'reported' it, their name is the outlet's, not the speaker's.
AGENCIES = {"AFP", "AP", "Reuters", "Xinhua", "UPI", "Interfax", "Kyodo", "Yonhap", "Bernama", "TASS", "Itar-Tass",
            "dpa", "ANSA", "EFE", "PTI", "IANS", "IRNA", "KCNA", "MENA", "Anadolu", "Agence France-Presse",
            "Associated Press", "Press Association", "PA"}


PRONOUNS = {"I", "He", "She", "We", "They", "You", "It"}
AUXILIARIES = {"Was", "Is", "Are", "Were", "Does", "Did", "Do", "Has", "Have", "Had", "Can", "Could", "Should",
               "Would", "Must", "Shall"}  # 'Was Romney', 'Is Newt Gingrich': a question's words


@functools.lru_cache(maxsize=16384)  # the same names recur across a story's quotes
def untrusted(speaker: str, text: str) -> str:
    """Why a speaker cannot be shown as written ('' when it can): a garble, a role phrase naming no one, a sentence
    word, a date, a headline or dateline in capitals, or a lone word the article also uses as a common word, only
    to open sentences, or as a place ('in Shujai'iya'). The name is looked up with str.find, not a regex made for
    it: compiling one per name cost more than the search."""
    words = speaker.split()
    if not words:
        return "empty"
    if re.search(r"[“”\"`:;]|''|\d|[’']$", speaker) or len(words) > 6 or PRONOUNS.intersection(words[1:]):
        return "garble"  # 'Given Sanders’', 'Sometimes I'
    if words[0].lower() in {"a", "an", "one", "another", "the"}:
        return "" if ROLES.search(speaker.lower()) and not re.search(r"\b(?:and|statement)\b", speaker) else \
            "not a person"  # 'A BBC spokesman', not 'A superdelegate and in a statement'
    if speaker in {"TV", "Radio", "Television", "State"} or words[-1] in {"At", "In", "On", "Of", "To", "By", "And"}:
        return "garble"  # what is left of 'Press TV' or 'State television'; 'Sandy At'
    if (words[0] in AUXILIARIES or words[0] in SENTENCE_WORDS) and len(words) > 1 and _inside(speaker, text):
        return ""  # 'Will Doyle' in mid-sentence is a name, not a question
    opener = len(words) == 2 and len(words[0]) > 5 and re.search(r"(?:ing|ed)$", words[0])  # 'Asserting Clinton'
    if words[0] in AUXILIARIES or words[0] in SENTENCE_WORDS or any(w in CALENDAR for w in words) or (
            len(words) == 1 and speaker in NOT_NAMES) or (opener and any(
                _word_before(text, i, words[0]) for i in _found(text, words[0].lower()))):
        return "sentence word"  # 'Was Romney', 'What Bush', 'There'
    if _dateline(speaker.upper(), text):
        return "dateline"  # 'CHICAGO (AP) --' opens the article: Chicago is where, not who
    if len(words) > 1 and all(w.isupper() for w in words if w.isalpha()):
        return "all caps"
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", speaker):
        return "initials"  # what is left of 'Washington, D.C.,' or 'the U.N. agency': a fragment, not who spoke
    if len(words) == 1 and speaker.isupper():
        return "all caps" if len(speaker) > 5 or re.match(r"[RDI]-", speaker) else ""  # acronyms (MSNBC) speak
    if any(_in_place(text, i, i + len(speaker)) for i in _found(text, speaker)):
        return "place"  # 'in West Virginia', 'In Donetsk,'
    if len(words) == 1 and speaker.split("-")[-1] not in ORG_WORDS and not ROLES.match(speaker.lower()):
        if any(i == 0 or not (_wordy(text[i - 1]) or text[i - 1] in "’'-") for i in _found(text, speaker.lower())):
            return "common word"  # 'Rescue' beside 'rescue'
        if not _inside(speaker, text):
            return "sentence word"  # only ever opens a sentence: 'Indeed', 'Surveying'
    return ""


def _wordy(char: str) -> bool:
    return char.isalnum() or char == "_"


def _found(text: str, phrase: str, boundary: bool = True) -> list[int]:
    """Where `phrase` occurs in `text` (with `boundary`, not running on into a word: a regex's `phrase\b`)."""
    found, i = [], text.find(phrase)
    while i >= 0:
        end = i + len(phrase)
        if not boundary or _wordy(phrase[-1]) != (end < len(text) and _wordy(text[end])):
            found.append(i)
        i = text.find(phrase, i + 1)
    return found


def _word_before(text: str, i: int, phrase: str) -> bool:
    """A word boundary before `phrase` at `i` (a regex's `\bphrase`)."""
    return _wordy(phrase[0]) != (i > 0 and _wordy(text[i - 1]))


TITLE_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(ABBREVIATIONS))})\.$")


def _inside(speaker: str, text: str) -> bool:
    """The name written mid-sentence (after a word or a comma) or after a title ('Gov. Will Doyle')."""
    return any(i >= 2 and text[i - 1] == " " and (_wordy(text[i - 2]) or text[i - 2] in ",;”\"’')"
                                                 or TITLE_BEFORE.search(text, max(0, i - 8), i - 1))
               for i in _found(text, speaker))


def _dateline(capitals: str, text: str) -> bool:
    """'CHICAGO (AP) --', 'KAMPALA, August 22': the name in capitals opening a line, then a comma, bracket or dash."""
    return any((i == 0 or text[i - 1] == "\n") and text[i + len(capitals):i + len(capitals) + 20].lstrip()[:1] in
               tuple(",(—–-") for i in _found(text, capitals, boundary=False))


PLACE_BEFORE, CAPITAL_AFTER = re.compile(r"\b(?:[Ii]n|[Nn]ear)\s+$"), re.compile(r"[\s-]+[A-Z]")


def _in_place(text: str, start: int, end: int) -> bool:
    """'in West Virginia', 'near Donetsk,' (not 'in Scott Walker's …': no capitalised word follows)."""
    return bool(PLACE_BEFORE.search(text, max(0, start - 40), start)) and not CAPITAL_AFTER.match(text, end)
