"""How a speaker written short becomes the full name a reader knows (names.fuller_name)."""

from briefgen.names import fuller_name


def test_a_family_name_or_a_given_name_takes_the_full_name_an_acronym_keeps_its_own():
    names = ["Juan Somavia", "ILO Headquarters", "Recent ILO", "Barack Obama"]
    assert fuller_name("Somavia", names, set()) == "Juan Somavia"
    assert fuller_name("Juan", names, set()) == "Juan Somavia"
    assert fuller_name("ILO", names, set()) == "ILO"  # 'the ILO said' is the organisation, not its headquarters
    assert fuller_name("Obama", [], {"Barack Obama"}) == "Barack Obama"
