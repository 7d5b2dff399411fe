"""A bottom line may be its sentence's main clause, cut before a trailing clause, verbatim at offsets."""

import dataclasses

import numpy as np

from briefgen import clauses, ingest, pick
from briefgen.clean import clean_article
from briefgen.evaluate import hygiene
from briefgen.models import Sentence
from tests.conftest import pick_vectors


def main_clauses(text: str) -> list[str]:
    return [s.text for s in clauses.main_clauses(Sentence("a", 0, text, 0, len(text)))]


def test_a_trailing_participle_relative_or_subordinate_clause_is_cut():
    assert main_clauses("A bomb exploded on a bus in central Ankara at a little after noon Wednesday, wounding at "
                        "least 30 people.") == ["A bomb exploded on a bus in central Ankara at a little after noon "
                                                "Wednesday"]
    assert main_clauses("The Senate confirmed Elena Kagan to a seat on the Supreme Court on Thursday, giving President "
                        "Obama his second appointment to the court in a year.") == [
        "The Senate confirmed Elena Kagan to a seat on the Supreme Court on Thursday"]
    assert main_clauses("Pro-Russia militants have stormed the police headquarters in the Ukrainian port city of "
                        "Odessa, where 42 people died in clashes two days ago.") == [
        "Pro-Russia militants have stormed the police headquarters in the Ukrainian port city of Odessa"]
    assert main_clauses("Teachers have hit out at claims they marked GCSE work too generously, as new data show the "
                        "decline in pupils getting at least a C in English.") == [
        "Teachers have hit out at claims they marked GCSE work too generously"]
    # two trailing clauses: both cuts, shortest first
    assert main_clauses("A bus crash in eastern Thailand has killed at least 15 people, including 13 students, "
                        "prompting a review of school trips.") == [
        "A bus crash in eastern Thailand has killed at least 15 people",
        "A bus crash in eastern Thailand has killed at least 15 people, including 13 students"]


def test_an_attribution_is_never_cut_off():
    # Seen on a real-volume night: cut, a party's claim read as the brief's own ("… killed by Chadian soldiers …").
    for text in ("Islamist militant Mokhtar Belmokhtar has been killed by Chadian soldiers in Mali, Chad's armed "
                 "forces say.",
                 "Seventeen soldiers have been killed in a helicopter crash in southeast Turkey, Turkish officials "
                 "have said.",
                 "A bus crash in eastern Thailand has killed at least 15 people, including 13 students, Thai "
                 "authorities say.",
                 "Hurricane Sandy claimed 6 lives in Haiti and 11 lives in Cuba, according to the reports."):
        assert main_clauses(text) == [], text


def test_a_clause_inside_the_sentence_or_a_cut_that_leaves_no_sentence_is_never_taken():
    for text in (
        # the relative clause is inside the main clause: the sentence goes on after it
        "Hundreds of BA ground staff went on strike on Thursday after Gate Gourmet, which supplies meals for BA "
        "flights, a day earlier sacked 670 staff.",
        # the words before ", said Monday." end in an apposition, not with the news
        "Sen. Barack Obama's grandmother, Madelyn Dunham, has died following a bout with cancer, Obama and his sister, "
        "Maya Soetoro-Ng, said Monday.",
        # a dash pair is a parenthesis: never cut inside it
        "The global body supervising the surrender of Syria's chemical weapons is to investigate fresh claims that a "
        "less dangerous – but still lethal – chlorine gas has been used in recent attacks.",
        # the words before end with an abbreviation's full stop: shown, the cut would look like the sentence's end
        "Bertha Holt, who led the movement, died on Monday at her home in Creswell, Ore., after a stroke on July 24.",
        # fewer than eight words before the clause
        "Greek singer Demis Roussos, who sold 60 million albums, has died.",
        "The talks resumed on Monday, officials said.",
        # an -ing noun after a comma opens no clause, nor does a gerund in a list
        "Police arrested four men in the city centre on Tuesday, morning commuters and shop owners told reporters.",
        "He announced that the program includes the establishment of wetlands nature reserves, protection of species, "
        "spreading of scientific findings and training of personnel.",
    ):
        assert main_clauses(text) == [], text


def test_a_main_clause_is_verbatim_at_its_offsets_and_shown_with_an_ellipsis():
    a = clean_article(ingest.make_article("Bomb", "ANKARA (AP) -- A bomb exploded on a bus in central Ankara at a "
                                          "little after noon Wednesday, wounding at least 30 people.", id="t"))
    [sentence] = a.sentences
    [cut] = clauses.main_clauses(sentence)
    assert a.text[cut.start:cut.end] == cut.text and cut.start == sentence.start and cut.end < sentence.end
    assert clauses.is_cut(cut) and not clauses.is_cut(sentence)
    assert clauses.shown(cut.text) == cut.text + " …" and clauses.shown(sentence.text) == sentence.text


def test_the_bottom_line_may_be_a_main_clause_and_the_summary_opens_with_its_whole_sentence(fake_embedder):
    def article(title, text, source):
        return clean_article(ingest.make_article(title, text, source=source, published="2015-09-17"))

    a = article("Senate confirms Kagan to Supreme Court",
                "The Senate confirmed Elena Kagan to the Supreme Court on Thursday, giving President Obama his second "
                "appointment to the court in a year and a victory over Republicans.", "A")
    b = article("Kagan confirmed to Supreme Court", "Elena Kagan was confirmed as the fourth woman to serve on the "
                "nation's highest court after a vote of 63 to 37 in the Senate.", "B")
    config = pick.PickConfig(min_words=4)
    story = pick.make_story([a, b], pick_vectors([a, b], fake_embedder, config), config)
    assert story.key_sentence.text == "The Senate confirmed Elena Kagan to the Supreme Court on Thursday"
    assert story.summary[0].text.startswith(story.key_sentence.text + ", giving President Obama")
    assert (story.summary[0].start, story.summary[0].article_id) == (story.key_sentence.start, a.id)


def test_the_hygiene_judge_accepts_a_cut_at_a_trailing_clause_and_names_one_mid_clause():
    text = ("Hundreds of BA ground staff went on strike on Thursday after Gate Gourmet, which supplies meals for BA "
            "flights, a day earlier sacked 670 staff.\n\nA bomb exploded on a bus in central Ankara at a little after "
            "noon Wednesday, wounding at least 30 people.")
    second = text.index("A bomb")
    good = {"text": text[second:text.index(", wounding")], "start": second}
    assert hygiene.judge_bottom_line(good, text) == ""
    mid = {"text": text[:text.index(", which")], "start": 0}
    assert hygiene.judge_bottom_line(mid, text) == "cut mid-clause"
    assert hygiene.judge_bottom_line({"text": text[:second].strip(), "start": 0}, text) == ""



def test_a_cut_bottom_line_is_shown_up_front_with_an_ellipsis_and_whole_in_its_story():
    from briefgen import render
    from tests.golden.build import golden_brief

    brief = golden_brief()
    ports = brief.stories[0]
    offer = ports.summary[-1]  # the golden brief's sentences have no trailing clause: this one is given one
    whole = dataclasses.replace(offer, text=offer.text[:-1] + ", prompting talks.", end=offer.end + 17)
    [line] = clauses.main_clauses(whole)
    assert line.text == "The labour minister offered on Tuesday to mediate between the port operators and the union"
    ports = dataclasses.replace(ports, key_sentence=line, summary=(whole, *ports.summary[:-1]))
    brief = dataclasses.replace(brief, stories=(ports, *brief.stories[1:]))
    for text in (render.render_text(brief), render.render_markdown(brief), render.render_html(brief),
                 render.render_email_html(brief)):
        assert text.count(line.text + " …") == 1  # the bottom line up front
        assert whole.text in text  # the story's summary keeps the whole sentence


def test_a_sentence_ending_with_who_gave_its_figure_stays_whole():
    """Reuters 12 dead, Anadolu 40: the bottom line keeps its "the Health Ministry said"."""
    a = clean_article(ingest.make_article("Death toll from Malatya earthquake rises to 40", (
        "The magnitude 6.1 earthquake that struck Malatya province in eastern Turkey on Sunday has killed at least 40 "
        "people, the Health Ministry said."), id="aa"))
    [sentence] = a.sentences
    titles = ["Malatya earthquake kills at least 40 people in eastern Turkey"]
    assert pick.bottom_line([sentence], np.zeros(1), titles, set()) == sentence
