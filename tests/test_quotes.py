import pytest

from briefgen import ingest, quotes
from briefgen.clean import clean_article


def quotes_of(text: str):
    article = clean_article(ingest.make_article("t", text))
    found = quotes.extract_quotes(article)
    for q in found:
        assert article.text[q.start:q.end] == q.text  # verbatim at its offsets
    return [(q.text, q.speaker) for q in found]


@pytest.mark.parametrize("text, expected", [
    # Real sentences from the seeds.
    ("“We don’t want to see the Internet weaponized,” Obama said. “Our goal is to have them as a partner.”",
     [("We don’t want to see the Internet weaponized", "Obama"), ("Our goal is to have them as a partner.", "Obama")]),
    ("“What is needed in cyberspace it is not war but rather regulation and cooperation,” said the spokesman of "
     "Chinese diplomacy, Hua Chunying.",
     [("What is needed in cyberspace it is not war but rather regulation and cooperation", "Hua Chunying")]),
    ("“It is clear that the Chinese government is being responsive to those concerns,” Earnest told reporters.",
     [("It is clear that the Chinese government is being responsive to those concerns", "Earnest")]),
    # Straight and TeX-style marks; a pronoun resolved to the nearest person who spoke.
    ('Senator Jane Roe said on Monday the bill was dead. "We will not vote for this bill today," she said.',
     [("We will not vote for this bill today", "Jane Roe")]),
    ("``The economy is in much better shape than people think,'' said Treasury Secretary John Smith.",
     [("The economy is in much better shape than people think", "John Smith")]),
])
def test_quote_forms_and_speakers(text, expected):
    assert quotes_of(text) == expected


def test_unbalanced_quote_marks_never_crash():
    assert quotes_of("He said “this is never closed and goes on to the end of the paragraph") is not None
    assert quotes_of('A stray " mark and ” another “ one') is not None
