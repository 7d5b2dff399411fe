"""The benchmark's own logic: corpora of real articles without exact copies, and stage-time accounting."""

from briefgen import bench
from tests.conftest import FakeEmbedder


def test_corpus_repeats_real_articles_without_exact_copies():
    pool = [{"title": f"T{i}", "text": "\n".join(f"Paragraph {j} of article {i}." for j in range(5)),
             "source": "S", "published": ""} for i in range(7)]
    corpus = bench.make_corpus(30, pool)
    assert len(corpus) == 30
    assert len({(row["title"], row["text"]) for row in corpus}) == 30  # repeats differ
    assert {row["title"] for row in corpus} == {f"T{i}" for i in range(7)}  # every pool article is used
    assert bench.make_corpus(30, pool) == corpus  # fixed seed: the same corpus every run


def test_embedding_time_is_split_out_of_the_stage_that_called_it():
    timed = bench.TimedEmbedder(FakeEmbedder())
    timed.intervals = [(1.0, 2.0), (5.0, 5.5)]
    assert timed.seconds_within(0.0, 3.0) == 1.0
    assert timed.seconds_within(4.0, 10.0) == 0.5
    assert timed.seconds_within(1.5, 5.25) == 0.75
