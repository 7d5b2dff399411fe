"""A hand-built Brief and its rendered snapshots; `make golden` (python -m tests.golden.build) rewrites them."""

from __future__ import annotations

from pathlib import Path

from briefgen.models import Article, Brief, Claim, Dispute, Fact, Failure, Quote, Sentence, Story

HERE = Path(__file__).resolve().parent
SNAPSHOTS = ("brief.html", "brief_email.html", "brief.md", "brief.txt")


def article(id: str, title: str, source: str, published: str, url: str, sentences: list[str]) -> Article:
    text = " ".join(sentences)
    spans, start = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(id, index, sentence, start, start + len(sentence)))
        start += len(sentence) + 1
    return Article(id=id, title=title, text=text, url=url, source=source, published=published,
                   sentences=tuple(spans))


def quote(a: Article, text: str, speaker: str, also_in: tuple[str, ...] = ()) -> Quote:
    start = a.text.index(text)
    return Quote(text, speaker, "said", a.id, start, start + len(text), also_in=also_in)


def claim(s: Sentence, value: str) -> Claim:
    return Claim(s.text, value, s.article_id, s.start, s.end)


def golden_brief() -> Brief:
    """Two featured stories, one in a line, leftovers, a failed source: every section of the template has
    something to show."""
    a1 = article("a1", "Port strike halts grain exports for a third day", "Reuters", "2026-03-02",
                 "https://www.reuters.example/ports/strike",
                 ["Dock workers at the country's three largest ports stayed off the job for a third day on Monday.",
                  "About 40 ships carrying 1.2 million tonnes of grain are waiting at anchor, the port authority said.",
                  "“We will not return until the wage offer reflects inflation,” union leader Maria Santos said."])
    a2 = article("a2", "Grain prices jump as port strike drags on", "Financial Times", "2026-03-02",
                 "https://www.ft.example/grain",
                 ["Wheat futures rose 4 percent as the strike entered its third day.",
                  "About 40 ships are waiting to load grain, according to the port authority.",
                  "Traders said buyers in North Africa were looking for other suppliers."])
    a3 = article("a3", "Government offers to mediate in dock dispute", "Le Monde", "2026-03-03",
                 "http://www.lemonde.example/docks",
                 ["The labour minister offered on Tuesday to mediate between the port operators and the union.",
                  "“Our door is open to both sides,” Labour Minister Jean Okafor said.",
                  "The union said it would study the offer.",
                  "Some 55 ships are now waiting at anchor, the harbour master said."])
    b1 = article("b1", "Parliament passes data protection overhaul", "BBC News", "2026-03-03",
                 "https://www.bbc.example/data-law",
                 ["Parliament passed a law on Tuesday that gives the data regulator power to fine firms 4 percent "
                  "of turnover.",
                  "The law takes effect on 1 January 2027.",
                  "“This is the biggest change to privacy rules in twenty years,” said Digital Minister Aiko Tanaka."])
    b2 = article("b2", "New privacy law: what changes for companies", "The Guardian", "2026-03-03", "",
                 ["Companies will have to report breaches within 72 hours under the new law.",
                  "Fines can reach 4 percent of global turnover, the law says.",
                  "Business groups said the timetable was too short."])
    c1 = article("c1", "Heatwave warning issued for the south", "Associated Press", "2026-03-03",
                  "https://apnews.example/heat", ["Forecasters issued a heat warning for five southern provinces."])
    c2 = article("c2", "Central bank holds rates at 3.5 percent", "Reuters", "2026-03-01",
                  "https://www.reuters.example/rates", ["The central bank kept its main rate at 3.5 percent."])
    d1 = article("d1", "Rail operator orders 40 new trains", "Reuters", "2026-03-02", "https://www.reuters.example/rail",
                 ["The national rail operator ordered 40 trains worth 1.1 billion euros on Monday."])
    d2 = article("d2", "Train order goes to domestic maker", "Le Monde", "2026-03-02", "",
                 ["The 40-train order went to a domestic manufacturer, the rail operator said."])
    d3 = article("d3", "New trains due from 2028", "BBC News", "2026-03-03", "https://www.bbc.example/trains",
                 ["The first of the new trains will run in 2028, the operator said."])
    ports = Story(
        id="ports", headline=a1.title, article_ids=("a1", "a2", "a3"), rank=1.0, status="developing", featured=True,
        summary=(a1.sentences[0], a1.sentences[1], a2.sentences[0], a3.sentences[0]),
        quotes=(quote(a1, "We will not return until the wage offer reflects inflation", "Maria Santos"),
                quote(a3, "Our door is open to both sides", "Jean Okafor")),
        facts=(Fact(a1.sentences[1], ("number",), (a2.sentences[1],)), Fact(a2.sentences[0], ("percent",))),
        disputes=(Dispute("ships", tuple(claim(s, "Some 55" if s.article_id == "a3" else "About 40")
                                         for s in (a1.sentences[1], a2.sentences[1], a3.sentences[3]))),))
    privacy = Story(
        id="privacy", headline=b1.title, article_ids=("b1", "b2"), rank=2.0, status="new", featured=True,
        summary=(b1.sentences[0], b2.sentences[0]),
        quotes=(quote(b1, "This is the biggest change to privacy rules in twenty years", "Aiko Tanaka"),),
        facts=(Fact(b1.sentences[1], ("date",)), Fact(b2.sentences[1], ("percent",), (b1.sentences[0],))))
    trains = Story(  # not featured: one line under "More stories"
        id="trains", headline=d1.title, article_ids=("d1", "d2", "d3"), rank=3.0, status="unchanged",
        summary=(d1.sentences[0], d2.sentences[0]), key_sentence=d1.sentences[0])
    articles = (a1, a2, a3, b1, b2, c1, c2, d1, d2, d3)
    return Brief(
        title="Trade and regulation morning brief", date="2026-03-04", generated_at="2026-03-04T05:30:00+00:00",
        stories=(ports, privacy, trains), topics=(), also_noted=("c1", "c2"), articles=articles,
        failures=(Failure("feeds/broken.json", "invalid JSON at line 3"),),
        stats={"articles": 10, "outlets": 6, "stories": 3, "featured": 2, "also_noted": 2, "failed_sources": 1},
        manifest={"briefgen": "0.1.0", "model": "all-MiniLM-L6-v2",
                  "cluster": {"min_cluster_size": 2, "min_samples": 1}, "pick": {"summary_sentences": 4}})


def golden_theme():
    from briefgen.render import Theme

    return Theme(organisation="Office of Economic Analysis", logo=HERE / "logo.svg", accent="#24486b",
                 marking="OFFICIAL — FOR INTERNAL USE")


def render_snapshots() -> dict[str, str]:
    from briefgen import render

    brief, theme = golden_brief(), golden_theme()
    return {"brief.html": render.render_html(brief, theme), "brief_email.html": render.render_email_html(brief, theme),
            "brief.md": render.render_markdown(brief, theme), "brief.txt": render.render_text(brief, theme)}


if __name__ == "__main__":
    for name, text in render_snapshots().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(HERE / name)
