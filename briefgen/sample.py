"""A synthetic but well-formed `Brief` of any size (valid offsets, real-length text) for render benchmarks."""

from __future__ import annotations

import hashlib

from briefgen.models import Article, Brief, Fact, Quote, Sentence, Story

OUTLETS = ("Reuters", "Associated Press", "BBC News", "The Guardian", "Financial Times", "Le Monde", "Al Jazeera",
           "South China Morning Post", "Der Spiegel", "The Hindu", "NHK World", "ABC News (Australia)")
PLACES = ("Brussels", "Nairobi", "Jakarta", "Ottawa", "Warsaw", "Lima", "Seoul", "Accra", "Canberra", "Manila")
SUBJECTS = ("grid operators", "the finance ministry", "port authorities", "the central bank", "health officials",
            "coastal towns", "telecom regulators", "grain exporters", "election monitors", "the coast guard")
SENTENCES_PER_ARTICLE = 24  # about 600 words: a typical news article


def _sentence(story: int, article: int, k: int) -> str:
    place, subject = PLACES[(story + k) % len(PLACES)], SUBJECTS[(story * 3 + k) % len(SUBJECTS)]
    return (f"In {place}, {subject} reported on {k + 3} September that {1200 + 37 * story + k} households and "
            f"{story + article + 2} agencies were affected, a figure officials expect to revise within {k + 2} days.")


def _article(story: int, article: int) -> Article:
    quote = f"We are working around the clock to restore every service in story {story}"
    texts = [_sentence(story, article, k) for k in range(SENTENCES_PER_ARTICLE)]
    texts[2] = f"“{quote},” said Minister Alex Moreau on Tuesday."
    text = " ".join(texts)
    article_id = hashlib.sha256(f"{story}/{article}".encode()).hexdigest()[:16]
    sentences, start = [], 0
    for index, sentence in enumerate(texts):
        sentences.append(Sentence(article_id, index, sentence, start, start + len(sentence)))
        start += len(sentence) + 1
    return Article(id=article_id, title=f"Story {story}: {SUBJECTS[story % len(SUBJECTS)]} respond in "
                                        f"{PLACES[story % len(PLACES)]} as disruption spreads",
                   text=text, url=f"https://news.example.org/{story}/{article}",
                   source=OUTLETS[(story + article * 5) % len(OUTLETS)], published=f"2026-09-{1 + article % 9:02d}",
                   sentences=tuple(sentences))


def synthetic_brief(n_stories: int, also_noted: int = 10, featured: int = 8) -> Brief:
    """`n_stories` stories of 2 to 8 articles, the first `featured` of them shown in full, and `also_noted` lone
    articles."""
    stories, articles = [], []
    for s in range(n_stories):
        mine = [_article(s, a) for a in range(2 + s % 7)]
        articles += mine
        first = mine[0]
        q_text = f"We are working around the clock to restore every service in story {s}"
        stories.append(Story(
            id=f"story{s:03d}", headline=mine[0].title, article_ids=tuple(a.id for a in mine), rank=float(s + 1),
            summary=tuple(a.sentences[k] for a, k in zip(mine * 4, (0, 1, 3, 4))),
            quotes=tuple(Quote(q_text, "Alex Moreau", "said", a.id, a.text.index("We are working"),
                               a.text.index("We are working") + len(q_text)) for a in mine[:3]),
            facts=tuple(Fact(first.sentences[k], ("number",), tuple(a.sentences[k] for a in mine[1:3]))
                        for k in (5, 6, 7)),
            status=("new", "developing", "")[s % 3], featured=s < featured))
    leftovers = [_article(1000 + i, 0) for i in range(also_noted)]
    articles += leftovers
    stats = {"articles": len(articles), "outlets": len({a.source for a in articles}), "stories": n_stories,
             "also_noted": also_noted, "failed_sources": 0}
    return Brief(title="Synthetic benchmark brief", date="2026-09-10", generated_at="2026-09-10T06:00:00+00:00",
                 stories=tuple(stories), topics=(), also_noted=tuple(a.id for a in leftovers),
                 articles=tuple(sorted(articles, key=lambda a: a.id)), stats=stats,
                 manifest={"model": "synthetic", "cluster": {}, "pick": {}})
