import pytest

from briefgen import ingest, names, quotes, reported
from briefgen.clean import clean_article


def claims_of(text: str):
    article = clean_article(ingest.make_article("t", text))
    found = reported.extract_reported(article, quotes.extract_quotes(article))
    assert all(article.text[c.start:c.end] == c.text and c.kind == "reported" for c in found)  # verbatim at offsets
    return [(c.speaker, c.cue, c.text) for c in found]


@pytest.mark.parametrize("text, expected", [
    ("President Barack Obama said on Wednesday his government is prepared to respond in kind.",
     [("Barack Obama", "said", "his government is prepared to respond in kind")]),
    ("Josh Earnest told reporters that Beijing is already addressing the issue.",
     [("Josh Earnest", "told", "Beijing is already addressing the issue")]),
    ("The talks will resume in October, a foreign ministry spokesman said on Monday.",
     [("A foreign ministry spokesman", "said", "The talks will resume in October")]),
    ("According to the Pentagon, the drill involved four ships and two submarines.",
     [("Pentagon", "according to", "the drill involved four ships and two submarines")]),
    # A sentence with quote marks is a quote's, never a claim; a plain sentence attributes nothing.
    ("“We will respond,” Obama said on Wednesday in Washington.", []),
    ("The drill involved four ships and two submarines off the coast.", []),
    # The name after a preposition is where the speaker works, not the speaker.
    ("Lu Ming with the NCPHC said that the tobacco industry grew fast in recent years.",
     [("Lu Ming", "said", "the tobacco industry grew fast in recent years")]),
    # A verb–object attribution is a claim too.
    ("Clinton criticized the president's handling of the talks with Iran on Tuesday.",
     [("Clinton", "criticized", "the president's handling of the talks with Iran on Tuesday")]),
    # A passive is not a claim by its subject.
    ("Fluke came to his attention after she was denied the opportunity to speak at a hearing.", []),
    # An attribution inside the sentence; 'according to' any source (no name to show for either).
    ("Mrs. Clinton, analysts said, has other reasons for not being drawn out on Syria.",
     [("", "said", "Mrs. Clinton, analysts said, has other reasons for not being drawn out on Syria")]),
    ("Democratic turnout has fallen drastically since 2008, according to unofficial election results.",
     [("", "according to", "Democratic turnout has fallen drastically since 2008")]),
    # 'The officials' named by no one have no name; they are not the last name in the text.
    ("The United States believed the plant made nerve gas. The sample was taken months ago, the officials said.",
     [("United States", "believed", "the plant made nerve gas"),
      ("", "said", "The sample was taken months ago")]),
    # Real shapes from PolNeAR train. A clause after ', X said' makes the sentence subject-first; a relative clause or
    # an apposition before the cue is not the claim; a name in apposition to a role speaks.
    ("In the deposition, Mr. Trump said his net worth could fluctuate with his feelings.",
     [("Trump", "said", "his net worth could fluctuate with his feelings")]),
    ("Mr. Coffman, who represents a swing district in the crucial Denver suburbs, said Mr. Trump had disrespected "
     "American troops.", [("Coffman", "said", "Mr. Trump had disrespected American troops")]),
    ("Barkley, who said he typically votes democratic, said one candidate he likes is Hillary Clinton.",
     [("Barkley", "said", "one candidate he likes is Hillary Clinton")]),
    ("His campaign manager, Jeff Weaver, says it's proof that the campaign is working.",
     [("Jeff Weaver", "says", "it's proof that the campaign is working")]),
    # A source after its words may be any short noun phrase, with an apposition or an addressee.
    ("Still, Cruz will be re-evaluating how he approaches his colleagues, a source close to him said.",
     [("A source", "said", "Still, Cruz will be re-evaluating how he approaches his colleagues")]),
    ("The group is $9 million short, said former Pennsylvania governor Ed Rendell, who serves as chairman of the host "
     "committee.", [("Ed Rendell", "said", "The group is $9 million short")]),
    ("He had been completing his second year, a school spokesman told The Wall Street Journal.",
     [("A school spokesman", "told", "He had been completing his second year")]),
    # A subject opening a clause; a second attribution in the sentence is a second claim; a participle's claim is the
    # sentence subject's.
    ("Overall, 67 percent of voters say she is not honest and trustworthy.",
     [("", "say", "she is not honest and trustworthy")]),
    ("Beck said he would not expect a Clinton-Trump race to scuttle Ohio’s bellwether status, but he said Trump could "
     "crack the state.",
     [("Beck", "said", "he would not expect a Clinton-Trump race to scuttle Ohio’s bellwether status"),
      ("Beck", "said", "Trump could crack the state")]),
    ("For months, Obama has been on the sidelines of the showdown, arguing he didn’t want to tip the scales before "
     "voters weighed in.", [("Obama", "arguing", "he didn’t want to tip the scales before voters weighed in")]),
    # A relative clause's claim; a participle after a quote is a claim of the quote's speaker.
    ("But Trump made no mention of Jeb Bush, who announced he is suspending his campaign earlier in the evening.",
     [("Jeb Bush", "announced", "he is suspending his campaign earlier in the evening")]),
    ("Delegate John Smith backs Cruz now. “I prefer Kasich,” Smith said, noting he had previously backed Sen. Marco "
     "Rubio.", [("Smith", "noting", "he had previously backed Sen. Marco Rubio")]),
    ("Nor are tariffs likely to bring many of these jobs back, said David Autor, a professor of economics at M.I.T., "
     "who is one of the foremost specialists on trade.",
     [("David Autor", "said", "Nor are tariffs likely to bring many of these jobs back")]),
    ("It may placate nervous Democrats on Capitol Hill, who have argued that it helps down-ballot candidates.",
     [("", "argued", "it helps down-ballot candidates")]),
    ("The Urban League met Jane Roe. “I was insulted,” Roe told the group, adding that the phrase suggests a campaign "
     "has to go outside itself.", [("Roe", "adding", "the phrase suggests a campaign has to go outside itself")]),
    # No speaker: a determiner before a noun ('The only hope'), a clause in place of a subject ('had their say').
    ("The only hope the Gulf States have now is for Washington to oppose the policy.", []),
    ("But when it finally counted, when the voters of Iowa finally had their say, they punctured the candidacy of the "
     "billionaire.", []),
    # A finding needs 'that'.
    ("The study found that turnout fell sharply among young voters.",
     [("", "found", "turnout fell sharply among young voters")]),
    ("The police found the car near the river on Monday.", []),
    # In a sentence with quote marks: a claim of its own words, never the tail of a quote's attribution.
    ("To a question on the “privatization of public sector jobs,” Sanders said private contractors can be more "
     "expensive.", [("Sanders", "said", "private contractors can be more expensive")]),
    ("“His legend will live on,” Spencer said, as a few young fighters worked out inside the gym.", []),
    # A cue learned from PolNeAR train (briefgen/claim_cues.py), after a subject; a plain subject after ';'.
    ("Graham urged Republicans to join the ranks of climate change believers.",
     [("Graham", "urged", "Republicans to join the ranks of climate change believers")]),
    # … and never skips an object to a 'that' after it.
    ("Investigators defended their theory that an exploding tire had ruptured a fuel tank.",
     [("Investigators", "defended", "their theory that an exploding tire had ruptured a fuel tank")]),
    ("Mr. Trump has repeatedly questioned whether the president was born in the United States.",
     [("Trump", "questioned", "whether the president was born in the United States")]),
    ("It is an unlikely scenario; campaign aides say she will keep campaigning through the weekend.",
     [("", "say", "she will keep campaigning through the weekend")]),
    # A headline's source before a colon when the story names it; a section label is none.
    ("Graham: Trump’s ‘Hateful Rhetoric’ Destroying GOP’s Chance to Win.\n\nSen. Lindsey Graham spoke on Sunday.",
     [("Graham", ":", "Trump’s ‘Hateful Rhetoric’ Destroying GOP’s Chance to Win")]),
    ("Breaking: Federal judge gives the campaign the worst news of the week.", []),
    ("Democratic leaders hoped the meeting would be a moment of catharsis for the party.",
     [("", "hoped", "the meeting would be a moment of catharsis for the party")]),
    # A commitment's content opens with 'to'; 'X of Texas, who …' is X's.
    ("In the coming months, he vowed to ban Muslims from entering the United States.",
     [("", "vowed", "to ban Muslims from entering the United States")]),
    ("Among them is Sen. Ted Cruz of Texas, who has criticized Trump's statements on Israel.",
     [("Ted Cruz", "criticized", "Trump's statements on Israel")]),
    # A finding of a video or a filing; a plain subject after a dash.
    ("The video of the incident shows him with his hands in the air before he was shot.",
     [("", "shows", "him with his hands in the air before he was shot")]),
    ("Fiorina was a planner - a former speechwriter said she demanded detailed analyses of her audiences.",
     [("", "said", "she demanded detailed analyses of her audiences")]),
    # A question put, whose asker is not named; a passive attribution; a participle of a verb–object cue.
    ("“I’m not going to answer that,” she said when asked whether she wanted Cruz to campaign for her.",
     [("", "asked", "whether she wanted Cruz to campaign for her")]),
    ("Mrs. Clinton is not expected to publicly pressure Mr. Sanders to quit the race.",
     [("", "expected", "Mrs. Clinton is not expected to publicly pressure Mr. Sanders to quit the race")]),
    ("McCain attacked the administration on Sunday, citing low economic growth and growing inequality.",
     [("McCain", "attacked", "the administration on Sunday"),
      ("McCain", "citing", "low economic growth and growing inequality")]),
    # A source after its words: a plural of two nouns, and a participle after the attribution.
    ("Agents are likely to want to interview her senior aides, current and former officials said.",
     [("", "said", "Agents are likely to want to interview her senior aides")]),
    ("Mr. Trump intends to deliver a foreign policy address this month, Mr. Manafort said, adding that he would also "
     "hold rallies.", [("Manafort", "said", "Mr. Trump intends to deliver a foreign policy address this month")]),
    # A headline in title case; a restrictive relative clause's claim (no one named).
    ("Rubio Says Abandoning Comprehensive Immigration Reform Was A Sign Of Leadership.",
     [("Rubio", "says", "Abandoning Comprehensive Immigration Reform Was A Sign Of Leadership")]),
    ("Sanders leads among voters who say the law unfairly targets gay and lesbian people.",
     [("", "say", "the law unfairly targets gay and lesbian people")]),
    # 'that' after an object, never after a clause: 'said she appreciated the apology and that …' claims all of it.
    ("Clinton said she appreciated Sanders’ apology and that she wanted to move forward.",
     [("Clinton", "said", "she appreciated Sanders’ apology and that she wanted to move forward")]),
])
def test_reported_speech_is_a_claim_with_speaker_cue_and_content(text, expected):
    assert claims_of(text) == expected


def test_the_same_claim_in_two_outlets_is_one_statement_carried_by_both():
    def art(source):
        return clean_article(ingest.make_article(
            "Obama warns", "President Barack Obama said on Wednesday his government is prepared to respond in kind "
            "to cyber attacks.", source=source))

    a, b = art("Reuters"), art("BBC")
    a = clean_article(ingest.make_article(a.title, a.text + " Shares fell.", source="Reuters"))
    found = quotes.extract_all([a, b])
    [statement] = quotes.who_said_what([q for x in (a, b) for q in found[x.id]], [a, b])
    assert statement.speaker == "Barack Obama" and statement.kind == "reported" and len(statement.also_in) == 1


def test_a_plain_subject_gives_a_claim_and_a_sentence_word_is_never_its_name():
    text = "Some protest leaders said they would ignore the restrictions and march to the arena."
    article = clean_article(ingest.make_article("t", text))
    [claim] = reported.extract_reported(article, [])
    assert (claim.cue, claim.text) == ("said", "they would ignore the restrictions and march to the arena")
    assert names.name_speakers([claim], [article])[0].speaker == ""  # 'Some' is not a name
