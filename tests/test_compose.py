"""Editorial selection: which stories are featured, in what order, and why (compose.rank_key and RANKING)."""

from briefgen import cluster, compose
from briefgen.models import Article, Story


def art(n: int, source: str, title: str = "", day: str = "2026-11-22") -> Article:
    return Article(id=f"a{n}", title=title or f"Article {n}", text=f"text {n}", source=source, published=day)


def arrange(stories: list[Story], articles: list[Article], **kwargs) -> list[Story]:
    grouping = cluster.Grouping((), (), tuple(range(len(stories))), (), (0.5,) * len(stories),
                                tuple((f"t{n}",) for n in range(len(stories))))
    ranked, _ = compose.arrange(stories, grouping, {a.id: a for a in articles}, **kwargs)
    return ranked


def test_the_top_stories_are_featured_and_the_rest_are_not():
    articles = [art(n, f"outlet{n % 5}") for n in range(20)]
    stories = [Story(f"s{k}", f"Story {k}", tuple(f"a{n}" for n in range(4 * k, 4 * k + 4 - k % 3))) for k in range(5)]
    ranked = arrange(stories, articles, featured=2)
    assert [s.featured for s in ranked] == [True, True, False, False, False]
    assert [s.rank for s in ranked] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert ranked == arrange(list(reversed(stories)), articles, featured=2)  # the input order does not matter


def test_an_unchanged_story_gives_way_to_new_and_developing_ones():
    articles = [art(n, f"outlet{n}") for n in range(7)]
    big_unchanged = Story("s-big", "Big", ("a0", "a1", "a2", "a3"), status="unchanged")
    small_new = Story("s-new", "New", ("a4", "a5"), status="new")
    small_developing = Story("s-dev", "Developing", ("a6",), status="developing")
    ranked = arrange([big_unchanged, small_new, small_developing], articles, featured=2)
    assert [(s.id, s.featured) for s in ranked] == [("s-new", True), ("s-dev", True), ("s-big", False)]


def test_a_story_naming_a_focus_topic_comes_first():
    articles = [art(0, "A", "Port strike enters third day"), art(1, "B", "Dock workers stay out"),
                *(art(n, f"outlet{n}", "Election results are in") for n in range(2, 6))]
    ports = Story("s-ports", "Port strike enters third day", ("a0", "a1"))
    election = Story("s-election", "Election results", ("a2", "a3", "a4", "a5"))
    assert [s.id for s in arrange([ports, election], articles)] == ["s-election", "s-ports"]
    assert [s.id for s in arrange([ports, election], articles, focus=("dock workers",))] == ["s-ports", "s-election"]
    assert [s.id for s in arrange([ports, election], articles, focus=("workers unions",))] == ["s-election", "s-ports"]
    assert compose.names_focus(ports, {a.id: a for a in articles}, ("STRIKE",))  # words, any case


def test_the_ranking_in_words_follows_the_rank_key():
    # The method section prints RANKING: it must name each criterion rank_key applies, in its order.
    assert len(compose.RANKING) == 5
    assert [w in rule for w, rule in zip(("unchanged", "focus", "outlets", "articles", "recent"), compose.RANKING)] \
        == [True] * 5
