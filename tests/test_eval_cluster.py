"""`briefgen eval cluster` over several files: per-file gold labels, distractors never scored, fixed-seed subsets."""

import json

import pytest

from briefgen.evaluate import clustering

WORDS = {"A": "river flood rain water dam", "B": "election vote party ballot poll", "C": "match goal team league cup"}


def write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def articles(prefix, clusters, per=4):
    return [{"id": f"{prefix}{c}{i}", "cluster": c, "title": f"{WORDS[c].split()[i % 5]} news {prefix}{i}",
             "text": f"{WORDS[c]} {prefix} report number {i}. Officials said more {WORDS[c]} today."}
            for c in clusters for i in range(per)]


@pytest.fixture
def files(tmp_path):
    # Both files use the gold label "A" for different topics: concatenated, they must stay two gold clusters.
    (tmp_path / "one").mkdir()
    one = write(tmp_path / "one" / "dev.jsonl", articles("x", ["A", "B"]))
    (tmp_path / "two").mkdir()
    two = write(tmp_path / "two" / "dev.jsonl", [dict(r, cluster="A") for r in articles("y", ["C"])])
    (tmp_path / "noise").mkdir()
    extra = write(tmp_path / "noise" / "dev.jsonl", articles("z", ["C"], per=2))
    return one, two, extra


def test_each_file_then_the_concatenation_with_labels_prefixed_by_file(files):
    one, two, _ = files
    todo, unreadable = clustering.cases([one, two], [1.0], [])
    assert [c.name for c in todo] == ["one/dev.jsonl", "two/dev.jsonl", "one/dev.jsonl + two/dev.jsonl"]
    assert unreadable == 0
    whole = todo[-1]
    assert len(whole.articles) == 12 and len(set(whole.gold)) == 3  # "A" of file one is not "A" of file two
    assert sorted(set(todo[0].gold)) == ["0/A", "0/B"] and set(todo[1].gold) == {"1/A"}


def test_one_file_keeps_its_labels_and_distractors_are_clustered_but_unlabelled(files):
    one, _, extra = files
    (case,) = clustering.cases([one], [1.0], [extra])[0]
    assert len(case.articles) == 10 and case.gold.count(None) == 2
    assert sorted({g for g in case.gold if g}) == ["A", "B"]


def test_subsets_are_fixed_seed_shares_of_the_whole_input(files):
    one, two, _ = files
    first = clustering.cases([one, two], [0.5, 1.0], [])[0]
    again = clustering.cases([one, two], [0.5, 1.0], [])[0]
    half = first[2]
    assert half.name.startswith("50% of") and len(half.articles) == 6
    assert [a.id for a in half.articles] == [a.id for a in again[2].articles]
    assert {a.id for a in half.articles} < {a.id for a in first[3].articles}


def test_the_tfidf_baseline_chooses_its_threshold_on_scored_articles_only(files):
    one, _, extra = files
    (case,) = clustering.cases([one], [1.0], [extra])[0]
    labels, threshold = clustering.tfidf_agglomerative(case.articles, case.gold)
    assert len(labels) == len(case.articles) and 0 < threshold < 1


def test_eval_cluster_scores_only_the_labelled_articles(files, fake_embedder, tmp_path):
    one, two, extra = files
    out = tmp_path / "eval.json"
    result = clustering.run([one, two], level="topic", sizes=[0.5, 1.0], distractors=[extra], json_out=out,
                            embedder=fake_embedder)
    report = json.loads(out.read_text())
    assert [r["input"].split(" + ")[0] for r in report["runs"]] == ["one/dev.jsonl", "two/dev.jsonl",
                                                                    "50% of one/dev.jsonl", "one/dev.jsonl"]
    assert [r["articles"] for r in report["runs"]] == [10, 6, 7, 14]  # two distractors in every input
    assert [r["scored"] for r in report["runs"]][:2] + [report["runs"][-1]["scored"]] == [8, 4, 12]
    assert [r["gold_clusters"] for r in report["runs"]][:2] + [report["runs"][-1]["gold_clusters"]] == [2, 1, 3]
    assert report["briefgen"] == result["briefgen"] == report["runs"][-1]["briefgen"]
