"""Sentence hygiene of a written brief: the share of summary and bottom-line sentences that cannot stand alone.

`python -m briefgen.evaluate.hygiene out/brief.json` prints the share and every defective sentence with its reason.
A defect is what `clean.defect` names (caption, credit, byline, heading, timeline entry, list item, link, fragment),
a dateline left in the text, an opening that leans on the sentence before, or, for a bottom line, quote marks, a
question or the writer's own voice (`pick.not_news`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from briefgen import clean, pick


def judge(text: str, bottom_line: bool = False) -> str:
    """Why a summary (or bottom-line) sentence is a defect, "" when it is fine."""
    if reason := clean.defect(text):
        return reason
    if clean.dateline_end(text):
        return "dateline"
    if pick.leans_back(text):
        return "leans on the sentence before"
    return pick.not_news(text) if bottom_line else ""


def defects(brief: dict) -> tuple[int, list[tuple[str, str, str]]]:
    """(sentences judged, [(story id, reason, text)]) over every story's summary and bottom line."""
    judged, found = 0, []
    for story in brief["stories"]:
        shown = [(s["text"], False) for s in story["summary"]]
        if story.get("key_sentence"):
            shown.append((story["key_sentence"]["text"], True))
        for text, is_bottom_line in shown:
            judged += 1
            if reason := judge(text, is_bottom_line):
                found.append((story["id"], reason, text))
    return judged, found


def main(path: str) -> None:
    judged, found = defects(json.loads(Path(path).read_text(encoding="utf-8")))
    for story_id, reason, text in found:
        print(f"{story_id}  {reason:30}  {text[:150]}")
    print(f"{len(found)} of {judged} summary and bottom-line sentences are defects: {len(found) / max(judged, 1):.2%}")


if __name__ == "__main__":
    main(sys.argv[1])
