"""The speakers a real-volume night's brief shows (wikinews-events dev + duc2006 dev): read as a person would."""

import random
import re

import pytest

pytestmark = pytest.mark.slow

# Words that open sentences and questions; none of them is ever someone's name.
SENTENCE_WORDS = {"There", "Here", "What", "Was", "Is", "Are", "Were", "Does", "Did", "Has", "Have", "Oh", "Yes", "No",
                  "Rescue", "According", "Indeed", "Most", "Some", "The", "It", "This", "That", "When", "While"}


def problem(speaker: str, text: str) -> str:
    """A reader's checks, written apart from the code under test: what makes a name under a quote wrong on sight."""
    words = speaker.split()
    if re.search(r"[“”\"`:;]|''|\d", speaker) or len(words) > 7:
        return "garble"
    if words[0] in SENTENCE_WORDS or words[0] in {"Was", "Is", "Does", "Did"}:
        return "sentence word"
    if speaker.isupper() and (len(speaker) > 5 or "-" in speaker):
        return "all-caps word"  # 'KAMPALA', 'R-N.Y'; acronyms of five letters or fewer are bodies (NATO, MSNBC)
    if re.search(rf"(?:^|\n){re.escape(speaker.upper())}\s*(?:,|\(|--|—)", text):
        return "dateline"  # 'KAMPALA, August 22 (Xinhua) --', shown as 'KAMPALA' or 'Kampala'
    if speaker in {"TV", "Radio", "Television"}:
        return "garble"  # what is left of 'Press TV' or 'State Television'
    if len(words) == 1 and re.search(rf"\b(?:in|near)\s+{re.escape(speaker)}\b(?![\s-]+[A-Z])", text) and not re.search(
            rf"\b{re.escape(speaker)}\s+(?:said|says|told)\b", text):
        return "place name alone"
    return ""


def test_no_speaker_in_the_brief_is_a_dateline_place_capitals_sentence_word_or_garble(dev_night):
    brief, _ = dev_night
    shown = [(q, s) for s in brief.stories for q in (*s.quotes, *s.statements) if q.speaker]
    assert len(shown) > 200
    sample = random.Random(19).sample(shown, 40)
    for q, _ in sample:
        print(f"{q.speaker:>28} | {q.kind:8} | {q.text[:100]}")
    wrong = [(q.speaker, why) for q, _ in shown if (why := problem(q.speaker, brief.article(q.article_id).text))]
    assert not wrong, wrong[:20]


NATIONALITIES = {"American", "British", "Chinese", "French", "German", "Italian", "Israeli", "Palestinian", "Russian",
                 "Korean", "Japanese", "Iranian", "Greek", "Chadian", "Portuguese", "Scot", "Australian", "Indian"}
COPULAS = {"is", "are", "was", "were", "be", "been", "has", "had", "have"}


def actor_problem(q, story_texts: list[str], text: str) -> str:
    """A reader's checks of "Who said what": an actor is someone the articles name as written, on one line (not
    'Dave Gwar' from a headline's last word and the next paragraph's first), never a nationality ('Italian'); a
    statement's cue is not a copula ('Rush Limbaugh — is no GOP …') nor passive ('Brockie — found dead …')."""
    if not any(re.search(r"(?<!\w)" + r"[^\S\n]+".join(map(re.escape, q.speaker.split())) + r"(?!\w)", t)
               for t in story_texts) and not re.search(re.escape(q.speaker), " ".join(story_texts), re.I):
        return "not written in the story"
    if q.speaker.split()[-1] in NATIONALITIES:
        return "nationality"
    if q.cue in COPULAS:
        return "copula"
    if re.search(rf"\b(?:is|are|was|were|been)\s+{re.escape(q.cue)}\W*$", text[max(0, q.start - 40):q.start]):
        return "passive"
    return ""


def test_who_said_what_names_actors_the_articles_name_and_shows_statements(dev_night):
    brief, _ = dev_night
    wrong, shown = [], 0
    for story in brief.stories:
        texts = [brief.article(i).text for i in story.article_ids]
        for q in story.statements:
            shown += 1
            if why := actor_problem(q, texts, brief.article(q.article_id).text):
                wrong.append((q.speaker, q.cue, q.text[:60], why))
    for story in [s for s in brief.stories if s.featured]:
        print(story.headline)
        for q in story.statements:
            print(f"  {q.speaker:>28} | {q.cue:12} | {q.text[:90]}")
    assert shown > 500
    assert not wrong, wrong[:20]
