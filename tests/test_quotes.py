import pytest

from briefgen import ingest, names, quotes, speakers
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


def test_nyt_style_quotes_open_and_close_with_two_apostrophes_and_titles_are_no_quotes():
    # Real shapes from PolNeAR's NYT articles: a paragraph without other marks uses '' on both sides.
    text = ("Taxes came up again. ''We've come close to maxing out the amount of progressivity we can get,'' said "
            "Peter Orszag. ''Every plan I have looked at has a consumption basis.''\n"
            "She would install what has become known as the ''Buffett rule'' and appeared on ''Face the Nation.''")
    assert quotes_of(text) == [
        ("We've come close to maxing out the amount of progressivity we can get", "Peter Orszag"),
        ("Every plan I have looked at has a consumption basis.", "Peter Orszag")]


def test_unbalanced_quote_marks_never_crash():
    assert quotes_of("He said “this is never closed and goes on to the end of the paragraph") is not None
    assert quotes_of('A stray " mark and ” another “ one') is not None


@pytest.mark.parametrize("text, expected", [
    # Real sentences from the seed articles (examples/articles).
    ('Pentagon chief Chuck Hagel told a Singapore security forum Saturday the U.S. is concerned about the growing '
     'threat of cyber intrusions, "some of which appear to be tied to the Chinese government and military."',
     [("a Singapore security forum Saturday the U.S. is concerned about the growing threat of cyber intrusions, "
       '"some of which appear to be tied to the Chinese government and military."', "Chuck Hagel", "mixed")]),
    ("According to the White House spokesman Josh Earnest, Obama was “intentionally non-specific” in this regard.",
     [("Obama was “intentionally non-specific” in this regard", "Josh Earnest", "mixed")]),
    ("But Huang Chengqing, director of the National Computer Network Emergency Response Technical Team/Coordination "
     'Center of China, said such disputes are best settled "through communication, not confrontation."',
     [('such disputes are best settled "through communication, not confrontation."', "Huang Chengqing", "mixed")]),
    # The attribution is in an earlier sentence of the paragraph.
    ("Obama said the United States was equipped to go on the offence against rival nations. “We don’t want to see "
     "the internet weaponsied in that way.”",
     [("We don’t want to see the internet weaponsied in that way.", "Obama", "direct")]),
    # Titles and roles before the name; 'the president' resolved to the nearest fitting named speaker.
    ("“It is clear that they are responsive,” White House spokesman Josh Earnest told reporters.",
     [("It is clear that they are responsive", "Josh Earnest", "direct")]),
    ("President Barack Obama said on Wednesday that talks would go on. “We are preparing a number of measures,” "
     "the president said.",
     [("We are preparing a number of measures", "Barack Obama", "direct")]),
    # A quote over two paragraphs: the first is left open (news style), the second closes it.
    ("Senator Jane Roe said: “We will fight this bill in committee and we will win there.\n\n“And we will fight it "
     "on the floor if we have to.”",
     [("We will fight this bill in committee and we will win there.", "Jane Roe", "direct"),
      ("And we will fight it on the floor if we have to.", "Jane Roe", "direct")]),
    # Transcripts name the speaker before a colon.
    ('"WALLACE: Let us start with the debate tomorrow night and who is coming.', [
        ("Let us start with the debate tomorrow night and who is coming.", "Wallace", "direct")]),
    # The subject's verb opens the reported clause; a long clause before the quote makes it mixed, not framed.
    ("Cruz is praising Jeb Bush, who ended his bid on Saturday, as “a man who didn’t go to the gutter” and more.",
     [("Jeb Bush, who ended his bid on Saturday, as “a man who didn’t go to the gutter” and more", "Cruz",
       "mixed")]),
    ("House Speaker Paul Ryan says no matter what action President Barack Obama takes on guns, “his word does not "
     "trump the Second Amendment.”",
     [("no matter what action President Barack Obama takes on guns, “his word does not trump the Second "
       "Amendment.”", "Paul Ryan", "mixed")]),
    # A title in quote marks is not speech.
    ("He watched “Bridge Over Troubled Water” twice.", []),
])
def test_hard_quote_forms(text, expected):
    article = clean_article(ingest.make_article("t", text))
    found = quotes.extract_quotes(article)
    assert all(article.text[q.start:q.end] == q.text for q in found)
    assert [(q.text, q.speaker, q.kind) for q in found] == expected


@pytest.mark.parametrize("text, expected", [
    # Wire copy (TeX ``…''): a quote opening a sentence after another sentence is its own sentence, so neither the
    # sentence before it nor its attribution becomes part of the quote.
    ("Minister Mustafa Ismail also said the plant made medicines. ``We wonder why they oppose a mission,'' Ismail "
     "said. Officials found the nerve agent ``VX'' there, they say. ``The soil is there. The rubble is there,'' "
     "Ismail said.",
     [("We wonder why they oppose a mission", "Ismail"), ("The soil is there. The rubble is there", "Ismail")]),
    ("``It is upsetting that we passed New York in murders...,'' said Arthur Lurigio, chairman of the department at "
     "Loyola University. ``I am at a loss as to why.''",
     [("It is upsetting that we passed New York in murders...", "Arthur Lurigio"),
      ("I am at a loss as to why.", "Arthur Lurigio")]),
    # A quote inside the quote closes first: "'''" is ' then ''.
    ("Ms. Jane Houser said people were stunned. ``They asked, `How much will you charge me?''' she recalled.",
     [("They asked, `How much will you charge me?'", "Jane Houser")]),
    ("''The question, 'Why does it happen?' makes no sense. The better question is, 'What now?''' said Anna Lorenz, "
     "a bishop.",
     [("The question, 'Why does it happen?' makes no sense. The better question is, 'What now?'", "Anna Lorenz")]),
    ("Donald Trump said the firm would call him. '''Sir, we have decided to stay,' they will say,'' Mr. Trump said.",
     [("'Sir, we have decided to stay,' they will say", "Trump")]),
])
def test_wire_quotes_have_their_own_span_and_speaker(text, expected):
    found = quotes_of(text)
    for quote in expected:
        assert quote in found
    assert not [q for q, _ in found if "``" in q and ("said" in q or ". " in q)]  # no span runs into another


@pytest.mark.parametrize("text, clause", [
    # A lone dash after the quote (' _ ' in wire copy) adds the writer's words; a pair sets off an aside.
    ("Xiang, the finance minister, said he hoped that the raises would reduce the growing ``irregularities'' in "
     "salaries _ a reference to the huge gulf in compensation between middle- and upper-level civil servants.",
     "the raises would reduce the growing ``irregularities'' in salaries"),
    ("The latest wrinkle, Dr. Eugenie Scott said, is to try to bring in theories like ``intelligent design'' _ the "
     "idea that the universe is so complex that it must have been designed on purpose.",
     "is to try to bring in theories like ``intelligent design''"),
    ('Mr Paxman famously asked Michael Howard the same question – "Did you threaten to overrule him?" – twelve times.',
     'Michael Howard the same question – "Did you threaten to overrule him?" – twelve times'),
    ("Vice President Al Gore called for a more ``compassionate'' _ though unspecific _ approach to gays in the army.",
     "for a more ``compassionate'' _ though unspecific _ approach to gays in the army"),
])
def test_a_reported_clause_ends_at_a_lone_dash_not_at_the_dashes_of_an_aside(text, clause):
    assert [q for q, _ in quotes_of(text)] == [clause]


def test_an_attribution_after_a_wire_quote_stops_at_the_next_quote():
    after = speakers.AFTER.match(" says The Washington Post. ``With Mr. Bush as the nominee, it is news,'' says "
                                 "the Globe.")
    assert after.group("speaker2") == "The Washington Post. "


@pytest.mark.parametrize("text, speaker", [
    # A passive cue says who is talked about, not who talks; an active cue or an attribution after the quote does.
    ("Government policies are widely believed to be manipulated by a group of ``oligarchs'' who are despised.", ""),
    ("The conversation with Mr Cameron is described as \"courteous and business-like\".", ""),
    ("Too often, the young are blamed for their apathy ``when the real problem is the system,'' said expert Jane "
     "Mitchell.", "Jane Mitchell"),
    ('Governor Talal Barazi spoke on TV. He said Homs would be declared a "secure" city once the army moved in.',
     "Talal Barazi"),
    # A cue word used as a noun ('bringing claims') is no cue: a statute quoted is nobody's words.
    ("A Bush-era statute forbids detainees from bringing claims and strips the courts of jurisdiction over “any "
     "aspect of the treatment of an alien.”", ""),
    # ... but a gerund after a preposition is a verb.
    ("Dean, a medical doctor, then appeared on MSNBC and began by saying he would “never” diagnose someone.", "Dean"),
])
def test_a_passive_or_a_noun_is_no_cue(text, speaker):
    assert [s for _, s in quotes_of(text)] == [speaker]


def test_stray_marks_mid_paragraph_are_not_quotes():
    assert quotes_of("The “ mark opens here but the sentence goes on without closing it at all.") == []
    assert quotes_of('Ten inches" of rain fell and "the roads closed') == []


def polnear_dev():
    from tests.conftest import read_jsonl, shared_file

    return {d["doc_id"]: d for d in read_jsonl(shared_file("polnear", "dev.jsonl"))}


@pytest.mark.parametrize("doc_prefix, gold_start, speaker", [
    ("breitbart_2016-09-15_pat-caddell", 315, "Pat Caddell"),  # “…,” said Caddell. “…” — split by the attribution
    ("breitbart_2016-09-25_pence-gennifer", 194, "Mike Pence"),  # mixed: title, party tag, fragment inside
    ("breitbart_2016-09-26_green-party", 1109, "Melezia Figueroa"),  # “…,” Figueroa told USA Today.
    ("breitbart_2016-09-12_stealth-over-health", 115, "New York Post"),  # an outlet speaks
    ("breitbart_2016-10-04_bill-clinton", 1672, "Josh Earnest"),  # White House press secretary Josh Earnest
])
def test_polnear_dev_quotes(doc_prefix, gold_start, speaker):
    """Real PolNeAR dev quotes (../shared/data): the gold span is found and attributed to the gold speaker."""
    from briefgen.evaluate import quotes as quote_eval

    doc = next(d for key, d in polnear_dev().items() if key.startswith(doc_prefix))
    gold = next(q for q in doc["quotes"] if q["start"] == gold_start)
    found = quote_eval.briefgen_quotes(doc)
    hits = [q for q in found if q[0] < gold["end"] and q[1] > gold["start"]]
    assert hits and all(q[2] == speaker for q in hits)
    gold_tokens = quote_eval.tokens(doc["text"], gold["spans"])
    ours = quote_eval.tokens(doc["text"], [(s, e) for s, e, _, _ in hits])
    assert len(ours & gold_tokens) >= 0.5 * len(gold_tokens) and len(ours & gold_tokens) >= 0.5 * len(ours)


def test_polnear_dev_floor(tmp_path):
    """Floors on the whole PolNeAR dev split (< 2 s); raise them when the extractor improves, never lower them."""
    import json

    from briefgen.evaluate import quotes as quote_eval
    from tests.conftest import shared_file

    rows = quote_eval.run(shared_file("polnear", "dev.jsonl"), json_out=tmp_path / "q.json")
    ours, regex = rows["briefgen"], rows["regex"]
    assert ours["f1_overlap"] >= 0.88 and ours["speaker_accuracy"] >= 0.95 and ours["speaker_precision"] >= 0.98
    assert ours["recall_all_types"] >= 0.39 and ours["precision_reported"] >= 0.81  # reported speech counted
    assert ours["f1_overlap"] > regex["f1_overlap"] + 0.15 and ours["speaker_accuracy"] > regex["speaker_accuracy"]
    written = json.loads((tmp_path / "q.json").read_text())
    assert set(written) == {"briefgen", "baselines"} and {"f1_exact", "f1_overlap", "speaker_accuracy"} <= set(
        written["briefgen"]) and "regex" in written["baselines"]


def test_a_speaker_named_family_name_first_gets_the_full_name_even_when_the_bare_name_also_appears():
    # The SCMP seed: 'Assistant Foreign Minister Zheng Zeguang said.' then '…,” Zheng told reporters.'
    a = clean_article(ingest.make_article(
        "Beijing opposes attacks",
        "“Beijing and Washington faced common challenges on internet security,” Assistant Foreign Minister "
        "Zheng Zeguang said.\n\n“The Chinese government firmly safeguards its own interests in cyberspace,” "
        "Zheng told reporters at a briefing.", source="SCMP"))
    found = quotes.extract_quotes(a)
    assert {q.speaker for q in found} >= {"Zheng"}  # the extractor sees the bare name in the second paragraph
    assert {q.speaker for q in names.name_speakers(found, [a])} == {"Zheng Zeguang"}
    assert {q.speaker for q in quotes.merge_quotes(found, [a])} == {"Zheng Zeguang"}


@pytest.mark.parametrize("speaker, text, reason", [
    ("KAMPALA", "KAMPALA, August 22 (Xinhua) -- A team said the plan would go ahead.", "dateline"),
    ("Chicago", "CHICAGO (AP) -- Murders fell. “One murder is too many,” a spokesman said.", "dateline"),
    ("What Bush", "What Bush did not say was clear.", "sentence word"),
    ("R-N.Y", "Rep. Peter King (R-N.Y.) said the bill would pass.", "all caps"),
    ("West Virginia", "Voters in West Virginia cheered. “He takes defense seriously,” one said.", "place"),
    ("State", "State television quoted a commander as saying the drill would go on.", "garble"),
    ("Sandy At", "Sandy At least 11 people died.", "garble"),
    ("DAR ES SALAAM", "DAR ES SALAAM, May 3 -- Officials met.", "dateline"),
    ("There", "There was no answer. There is no plan.", "sentence word"),
    ("Was Romney", "Was Romney right? Mitt Romney said nothing.", "sentence word"),
    ("Rescue", "Rescue teams arrived. The rescue went on all night.", "common word"),
    ("Shujai'iya", "Shells fell in Shujai'iya on Sunday. Shujai'iya was hit again.", "place"),
    ("Africa.'' James Gustave Speth", "``…Africa.'' James Gustave Speth said.", "garble"),
    ("One ad", "``Homosexuality is not a sex issue,'' one ad stated.", "not a person"),
    ("A BBC spokesman", "A BBC spokesman said the presenter would not work.", ""),
    ("Medics", "Medics said 48 Gazans had been killed, the medics said.", ""),
    ("Adam Silver", "NBA commissioner Adam Silver said the league would act.", ""),
    ("Kasich", "Kasich smiled. “We will win,” Gov. Kasich said.", ""),  # a titled family name, not a sentence word
    ("Will Doyle", "Will Doyle said it. “Debt is rising,” said Will Doyle, a professor.", ""),
    ("Asserting Clinton", "Asserting Clinton was wrong, he went on. He kept asserting it.", "sentence word"),
    ("A superdelegate and in a statement", "A superdelegate and in a statement said so.", "not a person"),
    ("Sometimes I", "Sometimes I found two copies.", "garble"),
    ("Given Sanders’", "Given Sanders’ success, he won.", "garble"),
    ("Though Fluke", "Though Fluke called it “The Big Event,” she said little.", "sentence word"),  # dev night
    ("D.C", "The father, staying in a Washington, D.C., suburb, had said no. She added, ``No.''", "initials"),
])
def test_a_speaker_the_reader_cannot_trust_is_named_with_its_reason(speaker, text, reason):
    assert speakers.untrusted(speaker, text) == reason


def test_a_family_name_takes_the_one_full_name_in_its_story_and_stays_bare_when_two_people_share_it():
    def art(text, source):
        return clean_article(ingest.make_article("NBA", text, source=source))

    nba = art("The league moved fast. “We will not tolerate this,” Silver said of the owner, Donald Sterling.", "AP")
    commissioner = art("NBA commissioner Adam Silver banned the owner for life on Tuesday.", "Reuters")
    anchor = art("CNN's Caleb Silver reported on the market. Shares of the team rose.", "CNN")
    [quote] = quotes.extract_quotes(nba)
    assert quote.speaker == "Silver"
    assert [q.speaker for q in names.name_speakers([quote], [nba, commissioner])] == ["Adam Silver"]
    assert [q.speaker for q in names.name_speakers([quote], [nba, commissioner, anchor])] == ["Silver"]


@pytest.mark.parametrize("text, expected", [
    # A role phrase before the name: the name, not the place or body that opens the phrase.
    ("“We will achieve justice in this case,” Tulsa police Chief Chuck Jordan said Monday.",
     [("We will achieve justice in this case", "Chuck Jordan")]),
    # A quote paragraph after one whose last sentence reports what X said: X goes on.
    ("Carter said that for decades critics had predicted a withdrawal from the region.\n\n“That is because this "
     "region matters more than any other to our future.”",
     [("That is because this region matters more than any other to our future.", "Carter")]),
    # 'X said … but he said …': one reported clause, whose speaker opened it.
    ("Kerr Putney, the police chief, said that the video did not give “absolute definitive visual evidence,” but he "
     "said that the footage “supports what we've heard” about it.",
     [("the video did not give “absolute definitive visual evidence,” but he said that the footage “supports "
       "what we've heard” about it", "Kerr Putney")]),
    # The words of a quote are not the subject of the sentence that frames the next one.
    ("“Promise mama you will keep your hands in sight,” Blige sings to Clinton before asking her, “Where do we go "
     "from here?”",
     [("Promise mama you will keep your hands in sight", "Blige"), ("Where do we go from here?", "Blige")]),
    # 'he' after a paragraph whose subject is a new person: that person, not the last one quoted.
    ("“It was a zero-sum game,” Changnon said.\n\nMichael Glantz, an El Nino expert in Colorado, was skeptical.\n\n"
     "“It is a noble attempt but I would not bet on it,” he said.",
     [("It was a zero-sum game", "Changnon"), ("It is a noble attempt but I would not bet on it", "Michael Glantz")]),
    # An anonymous role has no name, unless the article named the person in that role; never the last name seen.
    ("President Bill Clinton spoke first. The senior intelligence official said: “We have no evidence of that.”",
     [("We have no evidence of that.", "")]),
    ("White House spokesman Josh Earnest spoke first. Later the spokesman said: “We have no comment on it.”",
     [("We have no comment on it.", "Josh Earnest")]),
    # '… said Ernst, who …' names whom a later 'she' is; a quote closed by a full stop is not attributed to the
    # next sentence's subject unless a cue follows ('Ahern described Gately as …' is a new sentence).
    ("Elaine Newton runs the programme. Crime rises with alcohol, said Sandi Ernst, who practices in Phoenix.\n\n"
     "“That increases the likelihood of crime,” she said.",
     [("That increases the likelihood of crime", "Sandi Ernst")]),
    ("Walsh told the paper: “I am in shock.\n\n“He was a great man.” Bertie Ahern described Gately as a friend.",
     [("I am in shock.", "Walsh"), ("He was a great man.", "Walsh")]),
    # An adverb opening a sentence is nobody ('Generally, says a doctor, …'); 'del' belongs to a name.
    ("Abarca del Rio studied the wind. Generally, says a local doctor, herbal products are not well tested.\n\n"
     "“The data suggest a slowdown of the Earth,” he says.",
     [("The data suggest a slowdown of the Earth", "Abarca del Rio")]),
    # A role noun before a name ('bassist', 'historian'): the name after it, not the band or paper that opens it.
    ("“Dave was one of the funniest persons I have known,” former Gwar bassist Mike Bishop told the paper.",
     [("Dave was one of the funniest persons I have known", "Mike Bishop")]),
    # A name after a preposition is the speaker's workplace.
    ("Kathy Fithen, manager of the response team at Carnegie Mellon University, said: “We are anticipating "
     "viruses.”", [("We are anticipating viruses.", "Kathy Fithen")]),
])
def test_who_speaks_when_the_name_is_not_next_to_the_cue(text, expected):
    assert quotes_of(text) == expected


def test_a_family_name_takes_the_full_name_of_that_family_not_a_headline_or_a_descriptor():
    a = clean_article(ingest.make_article(
        "Cruz Control", "Cruz Control\n\nBillionaire Donald Trump praised the crowd. Ted Cruz spoke next. The "
        "billionaire left early. Donald Trump flew home.\n\n“The questions were unfair,” Cruz said. “Very good "
        "reporter,” Trump said. That was at the DNC. Hollande spoke later. “Fine,” Hollande said. François Hollande "
        "left.", source="AP"))
    named = names.name_speakers(quotes.extract_quotes(a), [a])
    assert [q.speaker for q in named] == ["Ted Cruz", "Donald Trump"]
    assert speakers.person_names("That was at the DNC. Hollande spoke.") == ["DNC"]  # never 'DNC. Hollande'


def test_a_nationality_is_no_speaker_and_no_name_runs_over_a_line_break():
    """'the Italian newspaper Corriere della Sera' gave 'Italian'; a headline ending 'late mainman Dave' above a
    paragraph opening 'Gwar have announced' gave 'Dave Gwar'. 'Mark Cuban' and a body that opens with a nationality
    keep their names."""
    def named(text):
        a = clean_article(ingest.make_article("t", text, source="AP"))
        return [q.speaker for q in names.name_speakers(quotes.extract_all([a])[a.id], [a])]

    assert named("The visitor had come from Bergamo with a church group, according to the Italian newspaper "
                 "Corriere della Sera.") == [""]
    assert named("In what one Italian newspaper called “a tragedy full of disturbing coincidences”, the victim "
                 "lived on a street named after the pope.") == [""]
    assert named("“The market is in better shape than people think,” Mark Cuban said on Monday.") == ["Mark Cuban"]
    assert named("“The shelling went on all night in the north of the city,” the Palestinian Authority "
                 "said.") == ["Palestinian Authority"]
    assert speakers.person_names("A memorial for late mainman Dave\n\nGwar have announced a monument.") == [
        "Dave", "Gwar"]
    assert names.is_nationality("North Korean") and names.is_nationality("Kremlin-aligned Russian")
    assert not names.is_nationality("Americans") and names.is_nationality("Americans", people=True)


def test_who_said_what_shows_statements_never_a_copula_another_verb_or_a_borrowed_name():
    """'Speaker — cue text' must read as something the speaker said: not 'There is no GOP “war on women”' (a
    copula), 'Brockie performed as …' (another verb), 'Brockie was found dead …' (passive), nor an unattributed
    sentence that quotes the same three words as someone's quote and so borrowed the name."""
    a = clean_article(ingest.make_article("Limbaugh", (
        "Rush Limbaugh said the Democrats had invented a “war on women” to win the election in November.\n\n"
        "There is no GOP “war on women” but the party leaders are not the best ones to make that case.\n\n"
        "Brockie performed as the band's frontman under the persona of “Oderus Urungus” for thirty years.\n\n"
        "Brockie was found dead at his home in Richmond on Sunday, police said.\n\n"
        "Rush Limbaugh told listeners that the campaign against him was organised by the White House."),
        source="AP"))
    found = quotes.extract_all([a])[a.id]
    shown = quotes.who_said_what(found, [a])
    assert [(q.speaker, q.cue) for q in shown] == [("Rush Limbaugh", "said"), ("Rush Limbaugh", "told")]
    assert all(q.speaker == "" for q in quotes.merge_quotes(found, [a]) if q.text.startswith("no GOP"))


@pytest.mark.parametrize("text, expected", [
    # The subject of the sentence speaks, even when it has no name we show: never the object after its verb.
    ("In Washington, the White House congratulated Bachelet and praised Chilean voters “for their strong "
     "commitment to democracy.”", ""),
    ("Chinese officials thanked Obama and called the visit “a new chapter in our long friendship.”", ""),
    # A personal pronoun points to a person, never to a body named closer to it (nor past an initial's full stop).
    ("Now John Smith of the space agency has looked for evidence.\n\nUsing wind data from the U.S. National Centers "
     "for Atmospheric Research, Smith calculated the momentum.\n\n“There has also been a net loss in momentum,” he "
     "says.", "John Smith"),
    # 'she' after a man the article calls 'he': the woman it calls 'she', or no one ('my mother … she said').
    ("Hillary Clinton said she would campaign in Ohio. Barack Obama said he agreed with her.\n\n“We will not "
     "stop now,” she said.", "Hillary Clinton"),
    ("Donald Trump said he would win. My mother came from Montreal.\n\n“Of course I believe in it,” she said.", ""),
    # Someone new and unnamed ('A representative of an NGO') since the last name is who 'he' is: no name.
    ("Diplomats say it will be tough. Amos spoke later. A representative of an international NGO said the U.N. "
     "should act.\n\n“That is a concern at the moment for all of us,” he said.", ""),
    # The cue's clause has its own subject: not the sentence's 'He' ('… after many, including Obama, urged him').
    ("He later cancelled the event, after many, including President Obama, urged him to call off the “publicity "
     "stunt of the year.”", "Obama"),
    # A hyphenated name of its own is a name ('Gal-on'); 'T-shirts' and 'Bush-era' are not.
    ("MK Zahava Gal-on of the Meretz party spoke first.\n\n“Anyone who calls for this is creating a provocation,” "
     "Gal-on said.", "Zahava Gal-on"),
    # A clause opened by 'When', 'If', 'Although' … is not where the subject is.
    ("When Trump suggested that Cuba would sue the U.S. for reneging on the deal, Rubio fired back forcefully: "
     "“If they sue us in a court in Miami, they’re going to lose.”", "Rubio"),
    # A role noun between a body and a name is no verb: the name speaks.
    ("The Washington Post columnist Ruth Marcus has been critical of him and called the remarks “a smear on women "
     "everywhere.”", "Ruth Marcus"),
    # A descriptor joined by a hyphen is not part of the name; the family name takes the story's full name.
    ("Triple Olympic champion Stephanie Rice has announced her retirement.\n\nInjury-plagued Rice has not raced "
     "since 2012, having undergone three shoulder operations.\n\n“London was really tough,” she said.",
     "Stephanie Rice"),
])
def test_the_speaker_is_the_subject_or_the_person_a_pronoun_points_to(text, expected):
    a = clean_article(ingest.make_article("t", text, source="AP"))
    assert [q.speaker for q in names.name_speakers(quotes.extract_quotes(a), [a])] == [expected]


def test_a_nationality_possessive_or_descriptor_before_a_name_is_not_part_of_the_full_name():
    def art(text, source):
        return clean_article(ingest.make_article("t", text, source=source))

    team = art("“The team and Renault are confident the fuel complies with the rules,” Red Bull said.", "AP")
    rival = art("Australian Red Bull driver Daniel Ricciardo was disqualified. Red Bull will appeal.", "BBC")
    leader = art("“Today we have shown that our democracy is one of the best in the world,” Chávez "
                 "shouted.", "AFP")
    profile = art("Venezuela's Hugo Chávez won a third term on Sunday.", "Reuters")
    found = quotes.extract_quotes(team) + quotes.extract_quotes(leader)
    assert [q.speaker for q in names.name_speakers(found, [team, rival, leader, profile])] == [
        "Red Bull", "Hugo Chávez"]
    text = "American Express said so. The French Open starts."
    assert [names.without_descriptor(n, text) for n in ("American Express", "French Open")] == [
        "American Express", "French Open"]  # a body whose name opens with a nationality keeps it
    assert speakers.clean_name("Ban Ki-moon") == "Ban Ki-moon" and speakers.clean_name("Beijing-based Xinhua") == \
        "Xinhua"


def test_a_family_name_shared_in_the_article_takes_the_full_name_it_uses_most():
    """'Cruz' in an article about Ted Cruz that also names Heidi and Rafael Cruz once each (the last named) is Ted."""
    assert names.fuller_name("Cruz", ["Ted Cruz", "Ted Cruz", "Rafael Cruz", "Heidi Cruz"], set()) == "Ted Cruz"
    assert names.fuller_name("Cruz", ["Ted Cruz", "Heidi Cruz"], set()) == "Heidi Cruz"  # a tie: the last, as before
    assert speakers.clean_name("T-shirts") == "" and speakers.clean_name("Bush-era") == ""


def test_a_hyphenated_title_is_a_title_not_part_of_the_name():
    assert speakers.clean_name("Shadow Attorney-General Mark Dreyfus") == "Mark Dreyfus"
    assert speakers.clean_name("U.N. Secretary-General Ban Ki-moon") == "Ban Ki-moon"
    assert speakers.clean_name("Charlie King") == "Charlie King"  # a title word as a family name stays
