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


def test_an_article_of_only_boilerplate_is_a_failure():
    article = ingest.make_article("Title", "Advertisement\nSHARE THIS ARTICLE\nReply", path="x.txt")
    cleaned, failures = clean.clean_articles([article])
    assert cleaned == [] and failures[0].source == "x.txt"
