"""Stories and topics: the seeds' hard case and determinism on the real model; the parts' logic on small inputs."""

import json
import random

import numpy as np
import pytest

from briefgen import cluster, compose, pick
from briefgen.models import Article, Story
from tests.conftest import EXAMPLES, article_vectors

SEPTEMBER_2015 = {"Press TV", "China Topix", "South China Morning Post"}


@pytest.fixture(scope="module")
def seeds():
    from briefgen import clean, ingest

    articles, _ = clean.clean_articles(ingest.read_sources([EXAMPLES])[0])
    return articles


@pytest.mark.slow
def test_the_three_september_2015_articles_are_one_story_and_no_2013_article_joins_it(example_brief):
    brief, _ = example_brief
    sources = [{brief.article(i).source for i in s.article_ids} for s in brief.stories]
    assert SEPTEMBER_2015 in sources
    for story in brief.stories:
        years = {brief.article(i).published[:4] for i in story.article_ids}
        assert len(years) == 1, f"{story.headline!r} mixes {years}"
    # The 2013 articles are still shown, under "Also in the news" or their own story.
    placed = {i for s in brief.stories for i in s.article_ids} | set(brief.also_noted)
    assert placed == {a.id for a in brief.articles}


@pytest.mark.slow
def test_the_seed_stories_share_one_topic_that_lists_every_story(example_brief):
    brief, _ = example_brief
    assert [i for t in brief.topics for i in t.story_ids] == [s.id for s in brief.stories]
    assert all(s.topic in {t.id for t in brief.topics} for s in brief.stories)
    assert all(t.label for t in brief.topics)


@pytest.mark.slow
def test_any_order_gives_the_same_stories(seeds, embedder):
    expected = cluster.group(seeds, article_vectors(seeds, embedder))
    for seed in range(3):
        shuffled = seeds[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster.group(shuffled, article_vectors(shuffled, embedder)) == expected


@pytest.mark.slow
def test_any_order_gives_the_same_brief_json(seeds, embedder, tmp_path):
    from briefgen import pipeline, render
    from briefgen.config import Config, Sources

    source = tmp_path / "articles.jsonl"
    outputs = []
    for seed in (0, 1):
        records = [{"title": a.title, "text": a.text, "source": a.source, "published": a.published, "url": a.url}
                   for a in seeds]
        random.Random(seed).shuffle(records)
        source.write_text("".join(json.dumps(r) + "\n" for r in records))
        brief = pipeline.build_brief(Config(sources=Sources(folders=(str(source),))), date="2015-09-18",
                                     generated_at="2015-09-18T05:00:00+00:00", embedder=embedder)
        outputs.append(render.write_brief(brief, tmp_path / f"out{seed}")["json"].read_bytes())
    assert outputs[0] == outputs[1]


def _article(n: int, text: str, published: str = "", source: str = "") -> Article:
    return Article(id=f"a{n:02d}", title=text.split(".")[0], text=text, published=published, source=source or f"o{n}")


def test_stories_topics_and_noise_cover_every_article_once(fake_embedder):
    articles = [
        _article(1, "Volcano erupts on Iceland. Lava reaches the town of Grindavik, residents evacuated."),
        _article(2, "Volcano erupts on Iceland. Lava reaches the town of Grindavik; residents were evacuated."),
        _article(3, "Central bank raises interest rates. Inflation stays above target, the bank said."),
        _article(4, "Central bank raises interest rates. The bank said inflation stays above its target."),
        _article(5, "A chess grandmaster wins the championship in Madrid after twelve rounds."),
    ]
    grouping = cluster.group(articles, article_vectors(articles, fake_embedder))
    stories = [{a.id for a in s} for s in grouping.stories]
    assert sorted(stories, key=sorted) == [{"a01", "a02"}, {"a03", "a04"}]
    assert [a.id for a in grouping.noise] == ["a05"]
    assert len(grouping.story_topics) == 2 and len(grouping.noise_topics) == 1
    assert len(grouping.topic_terms) == max(grouping.story_topics + grouping.noise_topics) + 1
    assert all(0.0 < c <= 1.0 for c in grouping.cohesion)


def test_articles_dated_far_apart_are_two_stories_however_alike(fake_embedder):
    text = "Volcano erupts on Iceland. Lava reaches the town of Grindavik, residents evacuated."
    same_week = [_article(1, text, "2024-01-14"), _article(2, text + " More.", "2024-01-16")]
    a_year_on = [_article(3, text + " Again.", "2025-01-15"), _article(4, text + " Still.", "2025-01-15")]
    undated = [_article(5, text + " Undated.")]
    articles = same_week + a_year_on + undated
    grouping = cluster.group(articles, article_vectors(articles, fake_embedder))
    for story in grouping.stories:
        assert len({a.published[:4] for a in story if a.published}) == 1
    assert {"a01", "a02"} <= {a.id for s in grouping.stories for a in s}


def test_apart_in_time_only_separates_two_known_dates():
    articles = [_article(1, "x", "2024-01-01"), _article(2, "x", "2024-03-01"), _article(3, "x", ""),
                _article(4, "x", "2024-01-05T10:00:00")]
    similarity = np.full((4, 4), 0.9, dtype=np.float32)
    cluster.apart_in_time(similarity, articles, days=7)
    assert similarity[0, 1] == 0 and similarity[1, 3] == 0
    assert similarity[0, 2] == similarity[1, 2] == similarity[0, 3] == pytest.approx(0.9)


def test_average_linkage_joins_only_at_the_threshold():
    similarity = np.array([[1, .8, .1], [.8, 1, .3], [.1, .3, 1]], dtype=np.float32)
    labels = cluster.average_linkage(similarity, 0.75)
    assert labels[0] == labels[1] != labels[2]
    assert len(set(cluster.average_linkage(similarity, 0.85))) == 3
    assert len(set(cluster.average_linkage(similarity, 0.15))) == 1  # mean of .1 and .3 is .2


def test_empty_and_single_inputs(fake_embedder):
    assert cluster.group([], article_vectors([], fake_embedder)).stories == ()
    only = [_article(1, "Only one article here today.")]
    one = cluster.group(only, article_vectors(only, fake_embedder))
    assert one.stories == () and len(one.noise) == 1


@pytest.mark.parametrize("title, clean", [
    ("Obama wins 2nd term as U.S. president - Reuters", "Obama wins 2nd term as U.S. president"),
    ("Crash on the M4 kills five | BBC News", "Crash on the M4 kills five"),
    ("Is '47 percent' comment sinking Mitt Romney's polls? (+video)",
     "Is '47 percent' comment sinking Mitt Romney's polls?"),
    ("Rome braces for pilgrims – nytimes.com", "Rome braces for pilgrims"),
    ("Obama Tours Storm-Ravaged New Jersey With Gov. Chris Christie",
     "Obama Tours Storm-Ravaged New Jersey With Gov. Chris Christie"),
    ("Storm hits - Reuters", "Storm hits - Reuters"),  # never leave a fragment
    ("Israel and Hamas agree to Gaza cease-fire", "Israel and Hamas agree to Gaza cease-fire"),
    ("Israeli Ground Operation In Gaza Continues : The Two-Way : NPR", "Israeli Ground Operation In Gaza Continues"),
    ("Cindy Lange-Kubick: Sandra Fluke coming to Lincoln : Lincoln, NE Journal Star",
     "Cindy Lange-Kubick: Sandra Fluke coming to Lincoln"),
    ("Gaza truce holds - Reuters | Reuters.com", "Gaza truce holds"),
    ("Syrie : les rebelles avancent vers Alep", "Syrie : les rebelles avancent vers Alep"),
])
def test_clean_headline(title, clean):
    assert compose.clean_headline(title) == clean


def _story(articles: list[Article]) -> Story:
    return Story(id=pick.story_id(articles), headline=articles[0].title + " - Reuters",
                 article_ids=tuple(a.id for a in articles))


def _ranked(*stories: list[Article], cohesion: tuple[float, ...] | None = None) -> list[int]:
    """Positions of the given stories after ranking (0 = the first story given)."""
    made = [_story(s) for s in stories]
    grouping = cluster.Grouping((), (), tuple(range(len(made))), (), cohesion or (0.5,) * len(made),
                                tuple((f"t{n}",) for n in range(len(made))))
    ranked, _ = compose.arrange(made, grouping, {a.id: a for s in stories for a in s})
    return [made.index(next(m for m in made if m.id == r.id)) for r in ranked]


def test_rank_outlets_then_size_then_recency_then_cohesion():
    def art(n, source, day="2024-01-01"):
        return _article(n, f"text {n}", published=day, source=source)

    two_outlets = [art(1, "A"), art(2, "B")]
    one_outlet_three_articles = [art(3, "A"), art(4, "A"), art(5, "A")]
    assert _ranked(one_outlet_three_articles, two_outlets) == [1, 0]
    small, big = [art(6, "A"), art(7, "B")], [art(8, "A"), art(9, "B"), art(10, "B")]
    assert _ranked(small, big) == [1, 0]
    old, new = [art(11, "A"), art(12, "B")], [art(13, "A"), art(14, "B", "2024-01-02")]
    assert _ranked(old, new) == [1, 0]
    undated, dated = [art(15, "A", ""), art(16, "B", "")], [art(17, "A"), art(18, "B")]
    assert _ranked(undated, dated) == [1, 0]
    loose, tight = [art(19, "A"), art(20, "B")], [art(21, "A"), art(22, "B")]
    assert _ranked(loose, tight, cohesion=(0.4, 0.7)) == [1, 0]
    assert _ranked(loose, tight, cohesion=(0.7, 0.4)) == [0, 1]


def test_arrange_numbers_ranks_cleans_headlines_and_orders_topics_by_their_best_story():
    a = [_article(n, f"Story number {n} happened", published="2024-01-01", source=f"outlet{n}") for n in range(6)]
    stories = [_story(a[0:2]), _story(a[2:5]), _story(a[5:6])]
    grouping = cluster.Grouping((), (), (0, 1, 0), (), (0.5, 0.5, 0.5), (("x", "y"), ("z",)))
    ranked, topics = compose.arrange(stories, grouping, {x.id: x for x in a})
    assert [s.id for s in ranked] == [stories[1].id, stories[0].id, stories[2].id]
    assert [s.rank for s in ranked] == [1.0, 2.0, 3.0]
    assert all(not s.headline.endswith("Reuters") for s in ranked)
    assert [t.story_ids for t in topics] == [(stories[1].id,), (stories[0].id, stories[2].id)]
    assert [t.label for t in topics] == ["z", "x · y"]
    assert [s.topic for s in ranked] == [topics[0].id, topics[1].id, topics[1].id]


def test_story_and_topic_ids_are_derived_from_their_articles():
    a = [_article(n, f"text {n}") for n in range(3)]
    assert _story(a).id == _story(list(reversed(a))).id != _story(a[:2]).id
    assert compose.topic_id(["s-1", "s-2"]) == compose.topic_id(["s-2", "s-1"]) != compose.topic_id(["s-1"])


def test_bcubed_by_hand_and_noise_counts_as_singletons():
    from briefgen.evaluate.clustering import bcubed, score

    gold = ["x", "x", "x", "y"]
    # Predicted {0,1}, {2,3}: precision (1+1+.5+.5)/4, recall (2/3+2/3+1/3+1)/4.
    p, r, f1 = bcubed(gold, ["a", "a", "b", "b"])
    assert (p, r) == pytest.approx((0.75, 2.666667 / 4))
    assert f1 == pytest.approx(2 * p * r / (p + r))
    metrics = score(gold, [0, 0, -1, -1], 1.5)  # two noise articles are two singletons, not one cluster
    assert (metrics["bcubed_p"], metrics["noise"], metrics["clusters"]) == (1.0, 0.5, 1)
    assert metrics["bcubed_r"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


@pytest.mark.slow
def test_eval_cluster_command_writes_the_promised_json(seeds, tmp_path):
    from click.testing import CliRunner

    from briefgen.cli import main

    data = tmp_path / "gold.jsonl"
    data.write_text("".join(json.dumps({"id": a.id, "cluster": a.published[:7], "title": a.title, "text": a.text,
                                        "source": a.source, "date": a.published}) + "\n" for a in seeds))
    out = tmp_path / "eval.json"
    result = CliRunner().invoke(main, ["eval", "cluster", "--data", str(data), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "tfidf_agglomerative" in result.output and "bertopic_default" in result.output
    report = json.loads(out.read_text())
    keys = {"bcubed_f1", "bcubed_p", "bcubed_r", "ari", "nmi", "noise"}
    assert keys <= set(report["briefgen"])
    assert set(report["baselines"]) == {"tfidf_agglomerative", "bertopic_default"}
    assert all(keys <= set(b) for b in report["baselines"].values())
    assert report["briefgen"]["bcubed_f1"] == pytest.approx(1.0)  # the seeds' three months are its three stories


def test_latent_dimensions_grow_with_the_themes_of_the_input():
    from scipy.sparse import csr_matrix

    from briefgen.evaluate.clustering import SEED

    def themes(count, articles=20, words=30):
        rng = np.random.default_rng(SEED)
        rows = np.zeros((count * articles, count * words))
        for t in range(count):  # each theme's articles draw 8 of its own 30 words
            for a in range(articles):
                rows[t * articles + a, t * words + rng.choice(words, 8, replace=False)] = rng.uniform(0.5, 1, 8)
        return csr_matrix(rows / np.linalg.norm(rows, axis=1, keepdims=True))

    few, many = cluster.latent_dimensions(themes(4), seed=0), cluster.latent_dimensions(themes(12), seed=0)
    assert 3 <= few < many and many >= 11, (few, many)
    assert cluster.latent_dimensions(themes(4), seed=0) == few  # fixed seed, same count
    assert cluster.latent_dimensions(csr_matrix(np.eye(2)), seed=0) == 0  # too few articles for a latent space


def test_dimensions_are_counted_within_blocks_of_similar_articles_and_added_up():
    """The story space's count: each block of similar articles (by MiniLM) against its own level of chance, then
    added up. Two parts far apart in MiniLM, 600 articles (over one block of 500): the sum of the two counted alone."""
    from scipy.sparse import csr_matrix, vstack

    rng = np.random.default_rng(0)

    def part(themes, articles, own_words, offset, vocabulary=4000):
        rows = np.zeros((themes * articles, vocabulary))
        for t in range(themes):  # each theme's articles draw 4 of its own words and 20 of a shared half at random
            for a in range(articles):
                rows[t * articles + a, offset + t * own_words + rng.choice(own_words, 4, replace=False)] = 1.0
                rows[t * articles + a, rng.choice(vocabulary // 2, 20, replace=False) + vocabulary // 2] = 0.5
        return csr_matrix(rows / np.linalg.norm(rows, axis=1, keepdims=True))

    small, large = part(60, 4, 5, 0), part(15, 24, 20, 1000)  # 240 articles in small themes, 360 in large ones
    words = vstack([small, large]).tocsr()
    theme = np.r_[np.arange(240) // 4, 60 + np.arange(360) // 24]
    dense = np.zeros((600, 77), dtype=np.float32)  # MiniLM stand-in: which part, which theme
    dense[:240, 0] = dense[240:, 1] = 1.0
    dense[np.arange(600), 2 + theme] = 0.5
    dense = cluster.normalise_rows(dense + rng.normal(0, 0.02, dense.shape).astype(np.float32))
    alone = cluster.latent_dimensions(small, seed=0) + cluster.latent_dimensions(large, seed=0)
    assert cluster.local_dimensions(words, dense, seed=0) == alone
    assert cluster.local_dimensions(words, dense, seed=0) != cluster.latent_dimensions(words, seed=0)
