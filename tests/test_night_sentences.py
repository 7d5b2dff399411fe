"""A real-volume night (wikinews-events dev + duc2006 dev): its summaries and bottom lines are news, not furniture."""

import json

import pytest

from briefgen import clauses, clean, pick
from briefgen.evaluate import hygiene

pytestmark = pytest.mark.slow


def test_summary_and_bottom_line_sentences_are_almost_never_defects(dev_night):
    """Measured 2026-12-01 with `python -m briefgen.evaluate.hygiene brief.json`: 12.5% before sentence hygiene
    (datelines 49, quoted bottom lines 20, unfinished 18, ...of 927), after: see docs/text.md."""
    _, files = dev_night
    judged, found = hygiene.defects(json.loads(files["json"].read_text()))
    assert judged > 500
    assert len(found) / judged <= 0.005, found


def test_no_bottom_line_is_a_caption_a_quote_or_a_fragment(dev_night):
    """A bottom line is a whole sentence or its main clause: then the words before a trailing clause of the
    summary's first sentence, cut where `clauses.cuts` allows, and the whole sentence passes the same rules."""
    brief, _ = dev_night
    lines = [s.key_sentence for s in brief.stories]
    assert all(lines), [s.headline for s in brief.stories if not s.key_sentence]
    for story in brief.stories:
        line, whole = story.key_sentence, story.summary[0]
        assert (line.article_id, line.start) == (whole.article_id, whole.start), line.text
        assert line == whole or len(line.text) in clauses.cuts(whole.text), (line.text, whole.text)
        assert not clean.defect(whole.text) and not pick.QUOTE_MARKS.search(whole.text), whole.text
        assert line.text.split()[0].lower() not in pick.DEPENDENT_OPENERS, line.text
    cut = sum(clauses.is_cut(line) for line in lines)
    assert 0 < cut < len(lines) / 2, cut  # 63 of 187 on 2026-12-01
