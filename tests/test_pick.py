from briefgen import ingest, pick
from briefgen.clean import clean_article


def article(title, text, source):
    return clean_article(ingest.make_article(title, text, source=source, published="2015-09-17"))


def test_story_content_is_verbatim_and_not_redundant(fake_embedder):
    a = article("Obama warns China", "Obama warned China over cyber attacks on Wednesday in Washington. "
                "The president spoke to business leaders about 500 companies. "
                "“We don’t want to see the Internet weaponized at all,” Obama said.", "Press TV")
    b = article("Obama warns China on hacking", "Obama warned China over cyber attacks on Wednesday in Washington. "
                "Officials said sanctions worth $2 billion were considered. "
                "“We don’t want to see the Internet weaponized at all,” Obama said.", "SCMP")
    story = pick.make_story([a, b], fake_embedder, pick.PickConfig(min_words=4, summary_sentences=2))
    texts = {x.id: x.text for x in (a, b)}
    for s in story.summary:
        assert texts[s.article_id][s.start:s.end] == s.text
    assert len({s.text for s in story.summary}) == len(story.summary)  # identical lead sentences appear once
    [quote] = story.quotes
    assert quote.speaker == "Obama" and len(quote.also_in) == 1  # one quote, both outlets
    amounts = [f for f in story.facts if "amount" in f.kinds]
    assert amounts and amounts[0].sentence.text.startswith("Officials said sanctions worth $2 billion")


def test_story_id_depends_only_on_its_articles(fake_embedder):
    a = article("One", "First article body sentence is long enough to count here.", "X")
    b = article("Two", "Second article body sentence is long enough to count here.", "Y")
    assert pick.story_id([a, b]) == pick.story_id([b, a])
    assert pick.story_id([a]) != pick.story_id([a, b])


def test_fact_kinds():
    assert pick.fact_kinds("Sales rose 5% to $3 million on Tuesday.") == ("percent", "amount", "date", "number")
    assert pick.fact_kinds("Nothing countable here.") == ()
