"""Sentence hygiene of a written brief: the share of summary and bottom-line sentences that cannot stand alone.

`python -m briefgen.evaluate.hygiene out/brief.json` prints the share and every defective sentence with its reason.
A defect is what `clean.defect` names (caption, credit, byline, heading, timeline entry, list item, link, fragment),
a dateline left in the text, an opening that leans on the sentence before, or, for a bottom line, quote marks, a
question or the writer's own voice (`pick.not_news`). A bottom line cut before a trailing clause (`clauses`) is judged
by the whole sentence it was cut from, and is a defect when it was not cut where `clauses.cuts` allows.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from briefgen import clauses, clean, pick


def judge(text: str, bottom_line: bool = False) -> str:
    """Why a summary (or bottom-line) sentence is a defect, "" when it is fine."""
    if reason := clean.defect(text):
        return reason
    if clean.dateline_end(text):
        return "dateline"
    if pick.leans_back(text):
        return "leans on the sentence before"
    return pick.not_news(text) if bottom_line else ""


def judge_bottom_line(line: dict, article_text: str) -> str:
    """A bottom line's defect; a cut one is judged by its whole sentence (read from the article at its start)."""
    if not clean.ENDS_A_SENTENCE.search(line["text"]):
        rest = article_text[line["start"]:]
        whole = rest[:clean.split_sentences(rest)[0][1]] if rest.strip() else ""
        if not whole.startswith(line["text"]) or len(line["text"]) not in clauses.cuts(whole):
            return "cut mid-clause"
        return judge(whole, bottom_line=True)
    return judge(line["text"], bottom_line=True)


def defects(brief: dict) -> tuple[int, list[tuple[str, str, str]]]:
    """(sentences judged, [(story id, reason, text)]) over every story's summary and bottom line."""
    judged, found = 0, []
    text_of = {a["id"]: a["text"] for a in brief["articles"]}
    for story in brief["stories"]:
        reasons = [(judge(s["text"]), s["text"]) for s in story["summary"]]
        if line := story.get("key_sentence"):
            reasons.append((judge_bottom_line(line, text_of[line["article_id"]]), line["text"]))
        judged += len(reasons)
        found += [(story["id"], reason, text) for reason, text in reasons if reason]
    return judged, found


def main(path: str) -> None:
    judged, found = defects(json.loads(Path(path).read_text(encoding="utf-8")))
    for story_id, reason, text in found:
        print(f"{story_id}  {reason:30}  {text[:150]}")
    print(f"{len(found)} of {judged} summary and bottom-line sentences are defects: {len(found) / max(judged, 1):.2%}")


if __name__ == "__main__":
    main(sys.argv[1])
