"""Quote evaluation on PolNeAR-schema JSONL: span P/R/F1 (exact, overlap) and speaker accuracy, beside a regex."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from briefgen import quotes as quote_extractor
from briefgen.clean import split_sentences
from briefgen.evaluate import print_table, read_jsonl, write_json
from briefgen.models import Article, Sentence
from briefgen.names import name_speakers
from briefgen.reported import extract_reported

PRONOUNS = {"he", "she", "they", "it", "i", "we", "who", "which", "you", "said"}
OVERLAP = 0.5  # a match shares at least half of the gold span's tokens and half of the predicted span's tokens


@dataclass(frozen=True, slots=True)
class Attribution:
    spans: tuple[tuple[int, int], ...]
    speaker: str
    kind: str = ""  # gold quote_type; "" for predictions
    named: bool = False  # the gold speaker span names someone (not 'he', 'the mayor')


def raw_article(doc: dict) -> Article:
    """The gold text as is (no boilerplate removal), so predicted offsets are gold offsets."""
    text = doc["text"]
    sentences = tuple(Sentence(doc["doc_id"], i, text[s:e], s, e) for i, (s, e) in enumerate(split_sentences(text)))
    return Article(doc["doc_id"], doc.get("title", ""), text, sentences=sentences)


def tokens(text: str, spans) -> frozenset[int]:
    """Word tokens, identified by their start offset, inside the spans: punctuation and quote marks do not count."""
    return frozenset(s + m.start() for s, e in spans for m in re.finditer(r"\w+", text[s:e]))


def candidates(text: str, predicted: list[Attribution]) -> list[tuple[int, ...]]:
    """Each predicted quote, and each run of consecutive quotes of one speaker in one paragraph ("…," he said.
    "…"): PolNeAR annotates such a split quote sometimes as one attribution, sometimes as several."""
    out = [(i,) for i in range(len(predicted))]
    for i in range(len(predicted)):
        j = i
        while (j + 1 < len(predicted) and j - i < 3 and predicted[i].speaker
               and predicted[j + 1].speaker == predicted[i].speaker
               and "\n" not in text[predicted[j].spans[-1][1]:predicted[j + 1].spans[0][0]]):
            j += 1
            out.append(tuple(range(i, j + 1)))
    return out


def gold_attributions(doc: dict) -> list[Attribution]:
    """Gold quotes. PolNeAR marks the speaker as written ('he', 'the mayor') and has no coreference: such a speaker
    takes the nearest earlier named gold speaker, which is only an approximation (hence two speaker scores)."""
    out, last_name = [], ""
    for q in sorted(doc["quotes"], key=lambda q: q["start"]):
        speaker, named = q["speaker"] or "", _is_name(q["speaker"] or "")
        if named:
            last_name = speaker
        elif speaker:
            speaker = last_name
        out.append(Attribution(tuple(map(tuple, q["spans"])), speaker, q["quote_type"], named))
    return out


def _is_name(speaker: str) -> bool:
    """'Mr. Obama', 'the Washington Post', 'Her campaign manager, Robby Mook': named; 'he', 'the Vermont senator',
    'About four in 10 voters': not (the head word, or an apposition, must be capitalised)."""
    segments = [re.findall(r"[\w’'.-]+", part) for part in re.split(r"[,(]", speaker)]
    segments = [words for words in segments if words]
    if not segments or segments[0][0].lower() in PRONOUNS:
        return False
    return segments[0][-1][:1].isupper() or any(all(w[:1].isupper() for w in words) for words in segments[1:])


def _name_tokens(name: str) -> set[str]:
    return {re.sub(r"(’s|'s)$", "", w).lower() for w in re.findall(r"[\w’'-]+", name) if w[:1].isupper()}


def same_speaker(predicted: str, gold: str) -> bool:
    """Surname match: 'Barack Obama' = 'Mr. Obama' = 'President Obama'; 'PENCE' = 'Mike Pence'."""
    ours, theirs = _name_tokens(predicted), _name_tokens(gold)
    return bool(ours and theirs) and (sorted(ours)[0] in theirs or _surname(predicted) in theirs
                                      or _surname(gold) in ours)


def _surname(name: str) -> str:
    words = [re.sub(r"(’s|'s)$", "", w).lower() for w in re.findall(r"[\w’'-]+", name) if w[:1].isupper()]
    return words[-1] if words else ""


def match(text: str, predicted: list[Attribution], gold: list[Attribution], exact: bool):
    """Greedy one-to-one matching by shared tokens: (predicted members, gold index) pairs; a run of split-quote
    parts may match one gold attribution, and no predicted quote is used twice."""
    gold_tokens = [tokens(text, g.spans) for g in gold]
    pairs = []
    for members in candidates(text, predicted):
        p = tokens(text, [span for i in members for span in predicted[i].spans])
        for j, g in enumerate(gold_tokens):
            shared = len(p & g)
            if not p or not g or not shared:
                continue
            if p == g if exact else shared >= OVERLAP * len(g) and shared >= OVERLAP * len(p):
                pairs.append((shared / max(len(p), len(g)), members, j))
    used_p, used_g, out = set(), set(), []
    for _, members, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if used_p.isdisjoint(members) and j not in used_g:
            used_p.update(members), used_g.add(j), out.append((members, j))
    return out


def score(docs: list[dict], extract) -> dict[str, float]:
    """Direct and mixed quotes against the direct + mixed gold; reported speech (kind "reported") against the
    indirect gold; every prediction against every gold attribution (all types)."""
    counts = dict.fromkeys(["pred", "neutral", "gold", "gold_all", "exact", "exact_pred", "overlap", "overlap_pred",
                            "spk_n", "spk_ok", "spk_given", "chain_n", "chain_ok", "pred_all", "all", "all_pred",
                            "indirect", "gold_indirect", "reported", "reported_ok"], 0)
    for doc in docs:
        text = doc["text"]
        found = sorted(extract(doc))
        predicted = [Attribution(((s, e),), speaker) for s, e, speaker, kind in found if kind != "reported"]
        everything = [Attribution(((s, e),), speaker, kind) for s, e, speaker, kind in found]
        gold = gold_attributions(doc)
        targets = {j for j, g in enumerate(gold) if g.kind in ("direct", "mixed")}
        counts["pred"] += len(predicted)
        counts["gold"] += len(targets)
        counts["gold_all"] += len(gold)
        counts["gold_indirect"] += len(gold) - len(targets)
        for members, j in match(text, predicted, gold, exact=True):
            counts["exact"] += j in targets
            counts["exact_pred"] += len(members) * (j in targets)
        for members, j in match(text, predicted, gold, exact=False):
            if j not in targets:  # a quote-marked paraphrase labelled indirect: neither right nor wrong
                counts["neutral"] += len(members)
                continue
            counts["overlap"] += 1
            counts["overlap_pred"] += len(members)
            given = predicted[members[0]].speaker
            ok = same_speaker(given, gold[j].speaker)
            if gold[j].named:
                counts["spk_n"] += 1
                counts["spk_ok"] += ok
                counts["spk_given"] += bool(given)
            if gold[j].speaker:
                counts["chain_n"] += 1
                counts["chain_ok"] += ok
        counts["pred_all"] += len(everything)
        counts["reported"] += sum(a.kind == "reported" for a in everything)
        for members, j in match(text, everything, gold, exact=False):
            counts["all"] += 1
            counts["all_pred"] += len(members)
            counts["indirect"] += j not in targets
            counts["reported_ok"] += sum(everything[i].kind == "reported" for i in members)
    # Precision: predicted quotes that are part of a match, over predicted quotes (those matching an indirect gold
    # attribution left out); recall: matched direct + mixed gold attributions over all of them.
    out = {}
    for name in ("exact", "overlap"):
        p = counts[f"{name}_pred"] / max(counts["pred"] - counts["neutral"], 1)
        r = counts[name] / max(counts["gold"], 1)
        out[f"p_{name}"], out[f"r_{name}"], out[f"f1_{name}"] = p, r, 2 * p * r / max(p + r, 1e-12)
    out["speaker_accuracy"] = counts["spk_ok"] / max(counts["spk_n"], 1)  # gold speaker named in the text
    out["speaker_precision"] = counts["spk_ok"] / max(counts["spk_given"], 1)  # of those we gave a speaker
    out["speaker_accuracy_resolved"] = counts["chain_ok"] / max(counts["chain_n"], 1)  # + pronouns, approximated
    out["recall_all_types"] = counts["all"] / max(counts["gold_all"], 1)
    out["precision_all_types"] = counts["all_pred"] / max(counts["pred_all"], 1)
    out["recall_indirect"] = counts["indirect"] / max(counts["gold_indirect"], 1)
    out["precision_reported"] = counts["reported_ok"] / max(counts["reported"], 1)
    out["predicted"], out["gold"], out["reported"] = counts["pred"], counts["gold"], counts["reported"]
    return out


def briefgen_quotes(doc: dict) -> list[tuple[int, int, str, str]]:
    article = raw_article(doc)
    quotes = quote_extractor.extract_quotes(article)
    found = name_speakers(quotes + extract_reported(article, quotes), [article])
    return [(q.start, q.end, q.speaker, q.kind) for q in found]


REGEX_QUOTE = re.compile(r"“[^“”]+”|\"[^\"\n]+\"")
REGEX_SAID = re.compile(r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*) (?:said|says)|"
                        r"(?:said|says) ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)")


def regex_quotes(doc: dict) -> list[tuple[int, int, str, str]]:
    """The baseline: any text in quote marks, attributed to the nearest 'X said' / 'said X' in its paragraph."""
    text, out = doc["text"], []
    for m in REGEX_QUOTE.finditer(text):
        para_start = text.rfind("\n", 0, m.start()) + 1
        para_end = text.find("\n", m.end()) % (len(text) + 1)
        cues = [(abs(c.start() - m.start()), c.group(1) or c.group(2))
                for c in REGEX_SAID.finditer(text, para_start, para_end or len(text))]
        out.append((m.start(), m.end(), min(cues)[1] if cues else "", "direct"))
    return out


COLUMNS = ["p_exact", "r_exact", "f1_exact", "p_overlap", "r_overlap", "f1_overlap", "speaker_acc", "spk_prec",
           "spk_resolv", "r_all_types", "p_all_types", "r_indirect", "p_reported", "seconds"]
SHORT = {"speaker_acc": "speaker_accuracy", "spk_prec": "speaker_precision", "spk_resolv": "speaker_accuracy_resolved",
         "r_all_types": "recall_all_types", "p_all_types": "precision_all_types", "r_indirect": "recall_indirect",
         "p_reported": "precision_reported"}


def run(data: Path, json_out: Path | None = None) -> dict:
    docs = read_jsonl(data)
    rows = {}
    for name, extract in (("briefgen", briefgen_quotes), ("regex", regex_quotes)):
        began = time.perf_counter()
        rows[name] = score(docs, extract)
        rows[name]["seconds"] = time.perf_counter() - began
    print_table(f"Quotes on {Path(data).name}: {len(docs)} articles, {rows['briefgen']['gold']} direct+mixed "
                f"gold quotes (overlap = ≥{OVERLAP:.0%} of tokens both ways)",
                {name: {c: m[SHORT.get(c, c)] for c in COLUMNS} for name, m in rows.items()}, COLUMNS)
    write_json(json_out, rows["briefgen"], {"regex": rows["regex"]})
    return rows
