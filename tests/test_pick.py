from briefgen import facts, ingest, pick
from briefgen.clean import clean_article
from briefgen.models import Sentence
from tests.conftest import pick_vectors


def story_of(articles, embedder, config):
    return pick.make_story(articles, pick_vectors(articles, embedder, config), config)


def article(title, text, source):
    return clean_article(ingest.make_article(title, text, source=source, published="2015-09-17"))


def test_story_content_is_verbatim_and_not_redundant(fake_embedder):
    a = article("Obama warns China", "Obama warned China over cyber attacks on Wednesday in Washington. "
                "The president spoke to business leaders about 500 companies. "
                "“We don’t want to see the Internet weaponized at all,” Obama said.", "Press TV")
    b = article("Obama warns China on hacking", "Obama warned China over cyber attacks on Wednesday in Washington. "
                "Officials said sanctions worth $2 billion were considered. "
                "“We don’t want to see the Internet weaponized at all,” Obama said.", "SCMP")
    story = story_of([a, b], fake_embedder, pick.PickConfig(min_words=4, summary_sentences=2))
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
    assert facts.fact_kinds("Sales rose 5% to $3 million on Tuesday.") == ("percent", "amount", "date", "number")
    assert facts.fact_kinds("Nothing countable here.") == ()


def test_mixed_quote_carried_by_two_outlets_is_shown_once(fake_embedder):
    a = article("Obama vague on sanctions",
                "Obama met business leaders in Washington on Wednesday about cyber attacks. "
                "White House spokesman Josh Earnest said Obama was “intentionally non-specific about the measures” "
                "in the comments.", "SCMP")
    b = article("China sanctions", "Obama met business leaders in Washington on Wednesday about cyber attacks. "
                "According to the White House spokesman Josh Earnest, Obama was “intentionally non-specific about the "
                "measures” in this regard.", "Press TV")
    story = story_of([a, b], fake_embedder, pick.PickConfig(min_words=4))
    [quote] = [q for q in story.quotes if "non-specific" in q.text]
    assert quote.speaker == "Josh Earnest" and quote.kind == "mixed"
    assert {quote.article_id, *quote.also_in} == {a.id, b.id}


def test_summary_keeps_its_word_budget_and_reading_order(fake_embedder):
    body = " ".join(f"Sentence number {i} of this article reports event detail {i} in the capital city today."
                    for i in range(12))
    arts = [article(f"Article {k}", body.replace("event", f"event{k}"), f"S{k}") for k in range(3)]
    config = pick.PickConfig(summary_sentences=50, summary_words=60, min_words=4)
    summary = pick.summary(arts, fake_embedder, config)
    assert 0 < sum(len(s.text.split()) for s in summary) <= 60
    order = {a.id: i for i, a in enumerate(sorted(arts, key=lambda a: (a.published, a.id)))}
    keys = [(order[s.article_id], s.index) for s in summary]
    assert keys[1:] == sorted(keys[1:])  # the bottom line opens the summary, the rest follow in reading order


def test_the_bottom_line_states_the_news_and_opens_the_summary(fake_embedder):
    """Not a quote, not a caption, not a sentence leaning on the one before: the sentence that says what the
    headlines say, first in the summary."""
    a = article("Israel kills Hamas military chief in Gaza air strike",
                "US President Barack Obama speaks during a news conference in Washington, November 14, 2012.\n\n"
                "“We will respond to every attack on our towns,” an Israeli military spokesman said on Wednesday.\n\n"
                "Israel killed the military chief of Hamas in an air strike on Gaza on Wednesday, the army said.\n\n"
                "He was travelling in a car in Gaza City when the missile hit it.", "Reuters")
    b = article("Hamas military chief killed in Israeli strike on Gaza",
                "JERUSALEM, Nov. 14 (Xinhua) -- An Israeli air strike killed Ahmed Jabari, the Hamas military chief, "
                "in Gaza on Wednesday.\n\nThe office of the Israeli Prime Minister said:", "Xinhua")
    story = story_of([a, b], fake_embedder, pick.PickConfig(min_words=4))
    assert story.key_sentence.text in {
        "Israel killed the military chief of Hamas in an air strike on Gaza on Wednesday, the army said.",
        "Israel killed the military chief of Hamas in an air strike on Gaza on Wednesday",  # its main clause
        "An Israeli air strike killed Ahmed Jabari, the Hamas military chief, in Gaza on Wednesday."}
    assert story.summary[0] == pick.whole(story.key_sentence, [story.summary[0]])
    assert story.summary[0].text.startswith(story.key_sentence.text)
    shown = {s.text for s in story.summary}
    assert not any(t.startswith(("US President", "He ", "JERUSALEM", "The office")) for t in shown)


def test_a_bottom_line_is_in_the_outlets_voice_never_a_question_or_the_writer_speaking(fake_embedder):
    """A summary may hold such a sentence; the bottom line may not, however well it matches the headlines."""
    for text, reason in {
        "Is the senator's new tax plan the end of the road for the cuts?": "question as bottom line",
        "No matter how often we watch the tax plan debate, we learn nothing new.": "writer's voice as bottom line",
        "In 2005 my wife and I left the senator's staff after the tax plan vote.": "writer's voice as bottom line",
        "If you just tuned in, the senator's tax plan is a cut for the middle class.": "writer's voice as bottom line",
        "The senator called the plan “a disaster” on Tuesday.": "quote as bottom line",
        "First, the senators read the tax plan line by line on Tuesday.": "leans on the sentence before",
        "First Lady Michelle Obama spoke for the senator's tax plan on Tuesday.": "",
        "Speaking at the Senate on Tuesday, he announced that the tax plan had passed.": "leans on the sentence before",
        "Speaking at the Senate on Tuesday, the senator announced that the tax plan had passed.": "",
        "The Senate passed the senator's tax plan by 52 votes to 48 on Tuesday.": "",
        "The US Senate passed the tax plan, which cuts rates for the middle class, on Tuesday.": "",
    }.items():
        assert pick.not_news(text) == reason, text
    a = article("Senate passes tax plan", "Every time we see it, we cheer when the Senate passes tax plans.\n\n"
                "The Senate passed the tax plan by 52 votes to 48 on Tuesday after a long debate.", "A")
    b = article("Senate passes tax plan", "Did the Senate pass the tax plan?\n\n"
                "Lawmakers approved the tax plan in a late vote, officials said.", "B")
    story = story_of([a, b], fake_embedder, pick.PickConfig(min_words=4))
    assert story.key_sentence.text == "The Senate passed the tax plan by 52 votes to 48 on Tuesday after a long debate."
    column = article("Why I love tax plans", "If you ask me, the tax plan is the best thing the Senate did.", "C")
    assert story_of([column], fake_embedder, pick.PickConfig(min_words=4)).key_sentence  # a column keeps one


def test_a_sentence_that_points_at_the_one_before_is_not_a_candidate_nor_a_bottom_line():
    for text in ("He was travelling in a car when the missile hit it.", "“But the talks failed again on Monday."):
        assert pick.leans_back(text), text
    for text in ("Only this time it wasn't the landlord making the threats, but the lawyers.",
                 "Once again, the committee refused to publish the report."):
        assert pick.not_news(text) == "leans on the sentence before", text
    for text in ("Israel killed the military chief of Hamas on Wednesday.", "Only 12 of the 40 passengers survived.",
                 "Thousands of people were evacuated as the river rose."):
        assert not pick.leans_back(text) and not pick.not_news(text), text


def test_a_summary_never_says_the_same_thing_twice(fake_embedder):
    """Seen in a dev brief two sentences apart; a cosine threshold alone let them both in."""
    a = article("Strike at the plant", "Around 4,200 workers took part in the strike at the plant on Monday. "
                "The company said production had stopped on all three lines.", "A")
    b = article("Plant strike", "Some 4,200 workers took part in the strike at the plant, the union said on Monday. "
                "Talks between the union and the company will resume on Friday in the capital.", "B")
    story = story_of([a, b], fake_embedder, pick.PickConfig(min_words=4, summary_words=200, redundancy=0.99))
    assert sum("4,200 workers took part" in s.text for s in story.summary) == 1
    assert len(story.summary) == 3
    assert pick.same_words("Around 4,200 workers took part in the strike.", "Some 4,200 workers took part.")
    assert not pick.same_words("Around 4,200 workers took part in the strike.", "Talks will resume on Friday.")


def test_focus_topics_pull_the_summary_towards_them(embedder):
    """Real model: a story mixing trade and weather; naming the focus changes which half the summary shows."""
    trade = article("Tariffs", "The government raised tariffs on imported steel to twenty percent this week. "
                    "Steel importers warned the new tariffs would raise prices for car makers. "
                    "Trade ministers will meet next month to discuss the steel tariff dispute.", "A")
    weather = article("Storm", "A severe storm brought heavy rain and flooding to the coastal towns overnight. "
                      "Rescue teams evacuated residents as rivers burst their banks after the rain. "
                      "Forecasters expect more storms and flooding along the coast this week.", "B")
    def top(focus):
        config = pick.PickConfig(summary_sentences=2, summary_words=200, min_words=4, focus=focus, focus_weight=0.7)
        return {s.article_id for s in pick.summary([trade, weather], embedder, config)}
    assert top(("steel tariffs and trade",)) == {trade.id}
    assert top(("storm, rain and flooding",)) == {weather.id}


def test_someones_words_are_never_a_fact_and_half_a_quote_is_never_summary(fake_embedder):
    # The shapes of wikinews-events dev's Gaza story, whose facts and summary once showed them.
    a = article("Israel strikes Gaza",
                "Israel killed the military commander of Hamas in an air strike on Wednesday.\n\n"
                "“There are 1.5 million people in Gaza, and we helped Gazans in our hospitals,” the official said.\n\n"
                "Avital Leibovich said: “The first target we targeted was Ahmad Jabari. We will do whatever is "
                "necessary to protect the 8 million people of Israel.”\n\n"
                "The army said 20 rockets were fired at Israel from Gaza on Thursday.", "Al Jazeera")
    b = article("Hamas chief killed", "Hamas said its military commander Ahmad Jabari was killed in Gaza on Wednesday. "
                "Egypt recalled its ambassador from Israel on Thursday after the strike.", "Reuters")
    sentences = {s.text: s for s in a.sentences}
    someones_words, half_quotes = pick.in_quotes([a, b])
    assert sentences["“There are 1.5 million people in Gaza, and we helped Gazans in our hospitals,” the official "
                     "said."] in someones_words
    assert {s.text for s in half_quotes} == {"Avital Leibovich said: “The first target we targeted was Ahmad Jabari.",
                                             "We will do whatever is necessary to protect the 8 million people of "
                                             "Israel.”"}
    wide = story_of([a, b], fake_embedder, pick.PickConfig(min_words=4, summary_sentences=6, summary_words=200))
    assert len(wide.summary) >= 4 and not set(wide.summary) & half_quotes
    story = story_of([a, b], fake_embedder, pick.PickConfig(min_words=4, summary_sentences=1, max_facts=10))
    assert len(story.facts) >= 3 and not {f.sentence for f in story.facts} & (someones_words | half_quotes)


def test_a_key_fact_adds_to_the_summary_never_restates_it(embedder):
    """Real model: three outlets report one collapse in their own words. A fact that only says again what the
    summary says (a paraphrase, the same figures) gives way; a fact with a new figure or a new event stays."""
    config = pick.PickConfig(min_words=4, summary_sentences=1, max_facts=4)
    said = "A giant wooden cross collapsed on Thursday in a village in northern Italy, killing a 21-year-old man."
    paraphrase = "A 21-year-old man was killed in northern Italy on Thursday when a giant cross collapsed on him."
    added = "Police said 800 pilgrims had gathered at the cross in the village of Cevo for a ceremony."
    other = "The bishop of Brescia ordered an inquiry into the cross's steel cables on Friday."
    story = story_of([article("Cross collapses", f"{said} {added}", "A"),
                      article("Man killed by cross", f"{paraphrase} {other}", "B"),
                      article("Cross kills man", f"{paraphrase} Prosecutors in Brescia opened an investigation.", "C")],
                     embedder, config)
    assert [s.text for s in story.summary] in ([said], [paraphrase])
    shown = {f.sentence.text for f in story.facts}
    assert added in shown and other in shown
    assert not shown & {said, paraphrase}
    summary = [facts.report(s, frozenset()) for s in story.summary]
    vectors = embedder.encode([s.text for s in story.summary])
    words = set().union(*(pick.content_words(s.text) for s in story.summary))
    for text, repeats in ((said, True), (paraphrase, True), (added, False), (other, False)):
        fact = facts.report(Sentence("X", 0, text, 0, len(text)), frozenset())
        assert pick.restates(fact, embedder.encode([text])[0], summary, vectors, words, config) is repeats, text
