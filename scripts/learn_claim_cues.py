"""Learn the cue words of reported speech from PolNeAR train and write briefgen/claim_cues.py.

    PYTHONPATH=$PWD python scripts/learn_claim_cues.py /path/to/polnear/train.jsonl [--half a|b] [--dry-run]

A candidate is a cue the annotators marked between a source and its content ('Graham [urged] Republicans to …'),
normalised (auxiliaries and -ly adverbs dropped: 'has repeatedly called for' → 'called for'), a finite verb of one to
three words not already in reported.CLAIM_CUES, marked at least MIN_GOLD times and as a cue in at least MIN_SHARE of
its occurrences in the text. The extractor then runs on the same articles with every candidate, and a cue is kept
when at least MIN_CLAIMS of its claims were made and at least MIN_PRECISION of them match a gold attribution.
`--half` learns on the even (a) or odd (b) articles only, to measure on the other half; the dev split is never read.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

from briefgen import quotes, reported
from briefgen.evaluate import quotes as evaluate
from briefgen.names import name_speakers

MIN_GOLD, MIN_SHARE, MIN_CLAIMS, MIN_PRECISION = 3, 0.3, 3, 0.5
AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "could",
               "may", "might", "should", "can", "must", "also", "then", "now", "still", "even", "again", "already",
               "once", "never", "not", "did", "does", "do", "just", "only", "first", "long", "later"}
OUT = Path(__file__).resolve().parent.parent / "briefgen" / "claim_cues.py"


def normalised(cue: str) -> str:
    words = re.findall(r"[a-z’'-]+|:", cue.lower())
    while words and (words[0] in AUXILIARIES or words[0].endswith("ly")):
        words.pop(0)
    return " ".join(words)


def candidates(docs: list[dict]) -> dict[str, tuple[int, float]]:
    """Each candidate cue: (gold count, share of its occurrences in the text that are gold cues)."""
    known = re.compile(rf"(?:{reported.CLAIM_CUES})")
    gold = collections.Counter()
    for doc in docs:
        text = doc["text"]
        for q in doc["quotes"]:
            cue, source = q.get("cue_spans") or [], q.get("speaker_spans") or []
            if cue and source and source[-1][1] <= cue[0][0] and q["start"] >= cue[-1][1]:
                gold[normalised(" ".join(text[a:b] for a, b in cue))] += 1
    lowered = "\n".join(doc["text"].lower() for doc in docs)
    out = {}
    for cue, n in gold.items():
        finite = (re.fullmatch(r"[a-z’'-]+(?: [a-z’'-]+){0,2}", cue)
                  and not re.match(r"\w+(?:ing|tion|ment|ness|ance|ence)s?\b|to\b", cue))
        if n < MIN_GOLD or not finite or known.fullmatch(cue):
            continue
        share = n / max(len(re.findall(rf"(?<![\w’'-]){re.escape(cue)}(?![\w’'-])", lowered)), 1)
        if share >= MIN_SHARE:
            out[cue] = (n, share)
    return out


def claim_precision(docs: list[dict], cues) -> dict[str, tuple[int, int]]:
    """Each cue: (claims made with it, claims matching a gold attribution)."""
    reported.LEARNED = reported.learned_shape(cues)  # this run's lexicon, in place of the built one
    counts = collections.defaultdict(lambda: [0, 0])
    for doc in docs:
        article = evaluate.raw_article(doc)
        found = quotes.extract_quotes(article)
        found = sorted(name_speakers(found + reported.extract_reported(article, found), [article]),
                       key=lambda q: (q.start, q.end, q.speaker, q.kind))
        predicted = [evaluate.Attribution(((q.start, q.end),), q.speaker, q.kind) for q in found]
        matched = {i for members, _ in evaluate.match(doc["text"], predicted, evaluate.gold_attributions(doc), False)
                   for i in members}
        for i, q in enumerate(found):
            if q.kind == "reported" and q.cue.lower() in cues:
                counts[q.cue.lower()][0] += 1
                counts[q.cue.lower()][1] += i in matched
    return {cue: (n, k) for cue, (n, k) in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--half", choices=["a", "b"])
    parser.add_argument("--dry-run", action="store_true", help="print the lexicon, do not write it")
    args = parser.parse_args()
    docs = [json.loads(line) for line in args.train.open(encoding="utf-8")]
    if args.half:
        docs = docs[0::2] if args.half == "a" else docs[1::2]
    found = candidates(docs)
    made = claim_precision(docs, set(found))
    kept = sorted(cue for cue, (n, k) in made.items() if n >= MIN_CLAIMS and k / n >= MIN_PRECISION)
    lines = [f'    "{cue}",  # {made[cue][1]}/{made[cue][0]} claims matched; gold cue in {found[cue][1]:.0%} '
             f"of {found[cue][0] / found[cue][1]:.0f} uses" for cue in kept]
    source = ('"""Cue words of reported speech learned from PolNeAR train; scripts/learn_claim_cues.py writes this '
              'file."""\n\n'
              f"# {len(found)} candidates, {len(kept)} kept (at least {MIN_CLAIMS} claims, {MIN_PRECISION:.0%} of them "
              f"matching gold), learned on {len(docs)} articles.\nCUES = (\n" + "\n".join(lines) + "\n)\n")
    print(source)
    if not args.dry_run:
        OUT.write_text(source, encoding="utf-8")


if __name__ == "__main__":
    main()
