"""Topic labels: a short phrase from the topic's own headlines, not a keyword list."""

from briefgen import labels


def test_the_phrase_most_headlines_share_heads_the_topic_as_they_write_it():
    headlines = ["EgyptAir Flight 990 crashed off Nantucket, officials say", "Search for EgyptAir Flight 990 wreckage",
                 "FBI may take over EgyptAir Flight 990 probe", "Relatives mourn victims of the crash"]
    assert labels.topic_label(headlines, ("egyptair", "flight", "crash")) == "EgyptAir Flight"


def test_a_phrase_naming_one_heavy_word_gains_a_second_one_a_name_pair():
    headlines = ["Putin wins the vote", "Putin sworn in as Russia looks on", "Russia votes; Putin ahead",
                 "Putin speaks", "Markets in Russia calm"]
    assert labels.topic_label(headlines, ("putin", "russia", "vote")) == "Putin, Russia"


def test_headlines_in_capitals_are_written_as_the_others_write_them():
    headlines = ["GAY REPUBLICANS MEET IN TEXAS", "Gay Republicans seek a voice", "GAY REPUBLICANS LOSE BID"]
    assert labels.topic_label(headlines, ("gay", "republicans", "party")) == "Gay Republicans"


def test_without_a_shared_phrase_one_headlines_phrase_naming_the_topic_heads_it():
    # Seen on a real-volume night: "scientology · benefield · church" over a story headed "Scientology's 'heretic'…".
    headlines = ["Hospital Beds in Kenya Fall Short", "Cholera outbreak on the coast", "Nairobi clinics stretched"]
    assert labels.topic_label(headlines, ("kenya", "nairobi", "diseases")) == "Hospital Beds in Kenya"


def test_without_any_headline_naming_the_topic_the_keywords_stay():
    headlines = ["Police report fewer thefts", "Arrests down in the city"]
    assert labels.topic_label(headlines, ("crime", "rate", "violent")) == "crime · rate · violent"
    assert labels.topic_label(["Cox News Service spot", "Cox News Service spot"], ("crime",)) == "crime"


def test_the_articles_text_rules_out_phrases_opening_with_a_verb_or_never_written_there():
    # Seen on a real-volume night: "Killed in Peshawar", "Seek to Expel Israeli", "Nelson Mandela discharged".
    headlines = ["Two officials killed in Peshawar attack", "Four policemen killed in Peshawar"]
    texts = ["Two security officials were killed in Peshawar on Monday. The attack in Peshawar was claimed by no one.",
             "Four policemen were killed when gunmen opened fire. Police in Peshawar said the men were killed at once."]
    assert labels.topic_label(headlines, ("peshawar", "killed", "police")) == "Killed in Peshawar"  # headlines only
    assert labels.topic_label(headlines, ("peshawar", "killed", "police"), texts) == "Peshawar"
    headlines = ["Jordan Lawmakers Seek to Expel Israeli Ambassador"]
    texts = ["Jordanian lawmakers voted to ask the government to expel the Israeli ambassador over the holy site."]
    assert labels.topic_label(headlines, ("israeli", "jordan"), texts) == "Israeli Ambassador"


def test_a_phrase_that_stops_before_the_noun_it_qualifies_is_not_a_label():
    headlines = ["Afghan presidential election under way", "The contenders in the Afghan presidential race"]
    texts = ["The Afghan presidential election drew long queues in Kabul. The presidential election is the third.",
             "Turnout in the presidential election was high, and the presidential campaign was calm in Kabul."]
    assert labels.topic_label(headlines, ("afghan", "presidential", "kabul")) == "Afghan presidential"
    assert labels.topic_label(headlines, ("afghan", "presidential", "kabul"), texts) == \
        "Afghan presidential election"


def test_codes_in_capitals_keep_their_spelling():
    assert labels.topic_label(["RUSSIA EDITS WIKIPEDIA ON MH17"], ("mh17",)) == "Edits Wikipedia on MH17"
