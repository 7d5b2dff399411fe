"""brief.json: the whole brief as plain data, written beside the HTML and PDF and read back to mail or keep it.

Every quoted or cited text is at [start:end] of its article's text, so a reader can check each one."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.models import Article, Brief, Claim, Dispute, Fact, Failure, Quote, Sentence, Story, Topic


def _span(s: Sentence) -> dict:
    return {"text": s.text, "article_id": s.article_id, "start": s.start, "end": s.end}


def to_data(brief: Brief, numbers: dict[str, int]) -> dict:
    """The brief as plain data; `numbers` are the source numbers the HTML, PDF and Markdown cite."""
    return {
        "title": brief.title,
        "date": brief.date,
        "generated_at": brief.generated_at,
        "stats": brief.stats,
        "topics": [{"id": t.id, "label": t.label, "story_ids": list(t.story_ids)} for t in brief.topics],
        "stories": [
            {
                "id": s.id,
                "headline": s.headline,
                "rank": s.rank,
                "topic": s.topic,
                "status": s.status,
                "first_seen": s.first_seen,
                "featured": s.featured,  # shown in full; the others have one line under "More stories"
                "article_ids": list(s.article_ids),
                "summary": [_span(x) for x in s.summary],
                "key_sentence": _span(s.key_sentence) if s.key_sentence else None,
                "quotes": [{"text": q.text, "speaker": q.speaker, "cue": q.cue, "kind": q.kind,
                            "article_id": q.article_id, "start": q.start, "end": q.end, "also_in": list(q.also_in)}
                           for q in s.quotes],
                "statements": [{"text": q.text, "speaker": q.speaker, "cue": q.cue, "kind": q.kind,
                                "article_id": q.article_id, "start": q.start, "end": q.end,
                                "also_in": list(q.also_in)} for q in s.statements],
                "facts": [{**_span(f.sentence), "kinds": list(f.kinds),
                           "corroborated_by": [_span(c) for c in f.corroborated_by]} for f in s.facts],
                "disputes": [{"what": d.what, "values": [{"text": c.text, "value": c.value, "article_id": c.article_id,
                                                          "start": c.start, "end": c.end} for c in d.values]}
                             for d in s.disputes],
            }
            for s in brief.stories
        ],
        "also_noted": list(brief.also_noted),
        "articles": [{"id": a.id, "title": a.title, "source": a.source, "url": a.url, "published": a.published,
                      "text": a.text} for a in brief.articles],
        # The numbers the HTML/PDF/Markdown cite: source n is articles[id] for {"number": n, "article_id": id}.
        "sources": [{"number": n, "article_id": i} for i, n in sorted(numbers.items(), key=lambda kv: kv[1])],
        "failures": [{"source": f.source, "reason": f.reason} for f in brief.failures],
        "manifest": brief.manifest,
    }


def dumps(brief: Brief, numbers: dict[str, int]) -> bytes:
    return json.dumps(to_data(brief, numbers), ensure_ascii=False, indent=2).encode()


def from_data(data: dict) -> Brief:
    """A `Brief` back from its data (enough of it to render, mail or keep it)."""
    def sentence(x: dict) -> Sentence:
        return Sentence(x["article_id"], x.get("index", -1), x["text"], x["start"], x["end"])

    stories = tuple(Story(
        id=s["id"], headline=s["headline"], article_ids=tuple(s["article_ids"]),
        summary=tuple(map(sentence, s["summary"])),
        key_sentence=sentence(s["key_sentence"]) if s.get("key_sentence") else None,
        quotes=tuple(Quote(q["text"], q["speaker"], q["cue"], q["article_id"], q["start"], q["end"], q["kind"],
                           tuple(q["also_in"])) for q in s["quotes"]),
        statements=tuple(Quote(q["text"], q["speaker"], q["cue"], q["article_id"], q["start"], q["end"], q["kind"],
                               tuple(q["also_in"])) for q in s.get("statements", [])),
        facts=tuple(Fact(sentence(f), tuple(f["kinds"]), tuple(sentence(c) for c in f["corroborated_by"]
                                                          if isinstance(c, dict)))  # older briefs: ids only
                    for f in s["facts"]),
        disputes=tuple(Dispute(d["what"], tuple(Claim(c["text"], c["value"], c["article_id"], c["start"], c["end"])
                                                for c in d["values"])) for d in s.get("disputes", [])),
        topic=s.get("topic", ""), rank=s.get("rank", 0.0), status=s.get("status", ""),
        first_seen=s.get("first_seen", ""), featured=s.get("featured", True)) for s in data["stories"])
    return Brief(
        title=data["title"], date=data["date"], generated_at=data["generated_at"], stories=stories,
        topics=tuple(Topic(t["id"], t["label"], tuple(t["story_ids"])) for t in data["topics"]),
        also_noted=tuple(data["also_noted"]),
        articles=tuple(Article(a["id"], a["title"], a["text"], a["url"], a["source"], a["published"])
                       for a in data["articles"]),
        failures=tuple(Failure(f["source"], f["reason"]) for f in data["failures"]),
        stats=data.get("stats", {}), manifest=data.get("manifest", {}))


def load(path: Path) -> Brief:
    return from_data(json.loads(Path(path).read_text(encoding="utf-8")))
