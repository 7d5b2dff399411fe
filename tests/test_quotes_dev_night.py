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
