from briefgen import clean, ingest
from tests.conftest import EXAMPLES

SEED_BOILERPLATE = ["Advertisement", "SHARE THIS ARTICLE", "Like Us on Facebook", "Real Time Analytics", "READ MORE:",
                    "Photo: AP", "Photo: Reuters", "Accessibility links", "Breaking News", "Make CT Your Homepage",
                    "www.presstv.co.uk", "Press TV’s website can also be accessed", "Get more with myNEWS",
                    "(Photo : Reuters/Kevin Lamarque)", "16x9 Image", "Voice of America provides news"]


def test_seed_boilerplate_is_removed_and_journalism_kept():
    articles, failures = clean.clean_articles(ingest.read_sources([EXAMPLES])[0])
    assert not failures
    text = "\n".join(a.text for a in articles)
    for line in SEED_BOILERPLATE:
        assert line not in text, line
    assert "We don’t want to see the Internet weaponized" in text
    assert "Huang Chengqing, director of the National Computer Network" in text


def test_repeated_paragraph_is_dropped():
    para = "President Barack Obama has called for an international framework to prevent the internet being used."
    assert clean.clean_paragraphs(f"{para}\n\n{para}\n\nAnother sentence that is long enough here.") == [
        para, "Another sentence that is long enough here."]


def test_whitespace_is_normalised():
    assert clean.normalise_whitespace("  a\u00a0 b\u200b c\t d ") == "a b c d"


def test_sentences_carry_offsets_into_the_clean_text():
    text = ("Pentagon chief Chuck Hagel told a forum the U.S. is concerned. Mr. Smith disagreed on Feb. 14 with "
            "J. Doe. “Is it over?” he asked. It was.\n\nA new paragraph starts here.")
    spans = clean.split_sentences(text)
    sentences = [text[s:e] for s, e in spans]
    assert sentences == [
        "Pentagon chief Chuck Hagel told a forum the U.S. is concerned.",
        "Mr. Smith disagreed on Feb. 14 with J. Doe.",
        "“Is it over?” he asked.",
        "It was.",
        "A new paragraph starts here.",
    ]
    text = "It was wrong. ''We will win,'' he said. Then it ended."  # NYT-style marks open a sentence too
    assert [text[s:e] for s, e in clean.split_sentences(text)] == [
        "It was wrong.", "''We will win,'' he said.", "Then it ended."]


def test_an_article_of_only_boilerplate_is_a_failure():
    article = ingest.make_article("Title", "Advertisement\nSHARE THIS ARTICLE\nReply", path="x.txt")
    cleaned, failures = clean.clean_articles([article])
    assert cleaned == [] and failures[0].source == "x.txt ('Title')"


def test_a_servers_error_page_is_a_failure_not_an_article():
    # Both seen in wikinews-events dev, saved in place of the article and listed as news under "Also in the news".
    pages = ["The item you've requested, /cgi-bin/article.cgi?f=/g/a/2011/08/16/x.DTL, was not found.\n\nPossible "
             "causes:\n\nthe address was entered incorrectly\n\nthe item is no longer available.",
             "Sorry but we haven't been able to serve the page you requested - please try again\n\nIf you typed in "
             "a URL, please make sure you have typed it correctly."]
    articles = [ingest.make_article("", text, path=f"{n}.txt") for n, text in enumerate(pages)]
    report = ("Police said the page of the ledger that was not found held the names. " * 20).strip()  # news, long
    cleaned, failures = clean.clean_articles([*articles, ingest.make_article("Ledger", report, path="news.txt")])
    assert [f.source for f in failures] == ["0.txt", "1.txt"] and "error page" in failures[0].reason
    assert [a.path for a in cleaned] == ["news.txt"]


def test_a_syndication_notice_is_not_journalism():
    text = ("-0- (To publish this article, it must be purchased _ the rate is not prohibitive _ from New York Times "
            "Syndicate sales.)\n(Distributed by New York Times Special Features)\nThe council voted on Tuesday.")
    assert clean.clean_paragraphs(text) == ["The council voted on Tuesday."]


def test_mojibake_is_repaired_in_title_and_text():
    # Forms seen in wikinews-events dev: UTF-8 read as Windows-1252, and a Windows-1252 dash read as Latin-1.
    article = ingest.make_article("Putinâ€™s plan for Ukraine",
                                  "DONETSK, Ukraine â€” Mr. Putinâ€™s envoy met ChÃ¡vez aides on 5 September 2012 \x96 "
                                  "and said â€œnothing was agreedâ€\x9d, officials said.", path="x.json")
    cleaned = clean.clean_article(article)
    assert cleaned.title == "Putin’s plan for Ukraine"
    assert cleaned.text == ("DONETSK, Ukraine — Mr. Putin’s envoy met Chávez aides on 5 September 2012 – and said "
                            "“nothing was agreed”, officials said.")
    assert all(cleaned.text[s.start:s.end] == s.text for s in cleaned.sentences)
    assert cleaned.id == article.id  # the id stays the hash of what was read


def test_text_without_mojibake_is_left_as_written():
    text = "SÃO PAULO — “Ça va”, said Zoë Müller at the café’s door, naïve about the 5 € fee and the ‘deal’ in Łódź."
    assert clean.MOJIBAKE_MARK.search(text)  # "é’" looks like mojibake, so ftfy must tell it is not
    assert clean.repair_encoding(text) == text
    assert clean.clean_article(ingest.make_article("São Paulo’s mayor", text)).text == text


# Shapes seen in the summaries of a real-volume dev night (wikinews-events dev + duc2006 dev), written anew.
NOT_SUMMARY_MATERIAL = {
    "US President Barack Obama speaks during the second presidential debate in Hempstead, New York, October 16, 2012.":
        "caption",
    "In this March 5 file photo, the president meets the prime minister in the Oval Office of the White House.":
        "credit",
    "The two candidates will square off in three debates in October,… (AFP/Getty Images )": "credit",
    "Normality is returning to the capital, but the army remains on its streets [GALLO/GETTY]": "credit",
    "By Jane Doe and John Roe": "byline",
    "held off during the final laps and went on to win the race by four seconds.": "opens mid-sentence",
    "The office of the Prime Minister reports that:": "ends at a colon",
    "A member of the security forces points to an unexploded missile": "unfinished",
    "Jan. 5 -- The commissioner decides the boy must be returned to his father by Jan. 14.": "timeline entry",
    "12:48 a.m. EDT -- Plane lands at the airport.": "timeline entry",
    "(a) the workers' right to freedom of association and collective bargaining;": "list item",
    "Watch the official video online at http://example.com/video now.": "link",
    "PARTISAN SWATS OVER THE NOMINEE END IN A CLEAR PATH.": "heading",
    "[The committee chairman issued the following comment on Wednesday after the vote.": "unbalanced bracket",
    "James Murdoch: No, I was not aware of that at the time.": "transcript or label",
    "“Only the members are forbidden to enter this place.”": "bare quote",
    "Republican nominee Jane Smith speaks during the debate at the university, Wednesday, Oct. 3, 2012, in Denver.":
        "caption",
    "MAY 17: A wax figure of the mayor stands in a garage before being driven to the museum.": "caption",
    "Jane Smith arrives at the party's headquarters in Leeds to address some 300 supporters.": "caption",
    "President Jane Smith speaks to the national conference of the teachers' union.": "caption",
    "The Prime Minister's wife and children arrive at the public gallery to watch the debate.": "caption",
    "A keynote speech on the party's biggest stage in the convention hall.": "no verb",
    "Jane Doe and John Roe in The Daily Planet.": "no verb",
    "The following is a transcript of a speech by the senator at the party's national convention.": "about the page",
    "Follow our live coverage as the two candidates make their final pitch to voters.": "promotion",
    "See photos of the party's national convention in the arena.": "promotion",
    "[Read the U.S. News Debate: Is There a Party Split on Taxes?]": "promotion",
    "A view of the newly unveiled statue of the mayor, in Leeds, Monday, Nov. 19, 2012.": "caption",
    "Supporters of the mayor gather outside the town hall, Tuesday, Nov. 6, 2012.": "caption",
    "Police say she had been asked to leave the party.Her car was found four hours later near a church.": "glued",
    "The minister described the plan as a turning point The cabinet approved the budget on Tuesday.": "glued",
}
SUMMARY_MATERIAL = [
    "Israel launched a major offensive against militants in Gaza on Wednesday, killing the commander of Hamas.",
    "The Senate voted 52-48 on Tuesday to confirm the nominee (a former judge) after a long debate.",
    "“We will not stop,” the minister said.",
    "By the end of the year, the company had cut 6,700 jobs in Europe and Asia.",
    "The U.S. economy grew 2.1% in the third quarter, the Commerce Department said on Friday.",
    "The computer virus Worm.Explore.Zip spread to thousands of company networks over the weekend.",
    "The minister arrives in Brussels on Monday for talks on the budget with her counterparts.",
    "The death toll stands at 42, the health ministry said in a statement.",
    "Jane Smith speaks to reporters after the vote, and she says the party will fight on.",
    "Jane Smith, who speaks fluent French, was appointed ambassador on May 2, 2012, by the president.",
    "That's an increase of 12 percent since the last census in the region.",
    "Officials hope to expand the programme to every school in the state by next year.",
    "Germany is seen as a central party in the efforts to end the crisis in the east.",
    "Officials read the names of the victims at a ceremony in the capital on Sunday.",
]


def test_captions_credits_bylines_and_fragments_are_not_summary_material():
    for text, reason in NOT_SUMMARY_MATERIAL.items():
        assert clean.defect(text) == reason, text
    for text in SUMMARY_MATERIAL:
        assert clean.defect(text) == "", text


def test_a_dateline_is_skipped_by_moving_the_start_and_the_text_stays_verbatim():
    body = ("SYDNEY, September 20 (Xinhua) -- Australia's central bank left its cash rate unchanged on Tuesday.\n\n"
            "VOLGOGRAD, Russia (AP) -- The acting president defended the armed forces on a visit to the city.\n\n"
            "(CNN) -- The singer died on Saturday while on holiday in Spain, the band's website said on Sunday.\n\n"
            "CUBA-ELIAN _ MIAMI _ As the city's streets settled into an uneasy calm, the case went to court Friday.\n\n"
            "Washington _ Despite a robust economy, the number of low-income households has steadily increased.\n\n"
            "Jan. 15 (Bloomberg) -- Michelle Bachelet won election in Chile, becoming its first woman president.\n\n"
            "MUSKEGON, Mich (May 2, 2014) – A longtime pastor will likely spend the rest of his life behind bars.\n\n"
            "DESPITE PARTISAN SWATS: path to bench clear")
    cleaned = clean.clean_article(ingest.make_article("Title", body))
    texts = [s.text for s in cleaned.sentences]
    assert texts[:7] == ["Australia's central bank left its cash rate unchanged on Tuesday.",
                         "The acting president defended the armed forces on a visit to the city.",
                         "The singer died on Saturday while on holiday in Spain, the band's website said on Sunday.",
                         "As the city's streets settled into an uneasy calm, the case went to court Friday.",
                         "Despite a robust economy, the number of low-income households has steadily increased.",
                         "Michelle Bachelet won election in Chile, becoming its first woman president.",
                         "A longtime pastor will likely spend the rest of his life behind bars."]
    assert texts[7] == "DESPITE PARTISAN SWATS: path to bench clear"  # too short to be a dateline and its sentence
    assert all(cleaned.text[s.start:s.end] == s.text for s in cleaned.sentences)
    assert cleaned.text == body
