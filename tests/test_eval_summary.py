"""`eval summary` on the first DUC 2006 dev topics (../shared/data, skipped when absent): shape and floors."""

import json

import pytest

from briefgen.evaluate import summary
from tests.conftest import shared_file

pytestmark = pytest.mark.slow


def test_duc_dev_first_topics_floor(embedder, tmp_path):
    """3 topics (~2,000 sentences, ~40 s on 2 cores). Whole dev: `briefgen eval summary` (docs/picking.md).
    Floors are never lowered."""
    rows = summary.run(shared_file("duc2006", "dev.jsonl"), shared_file("duc2006", "summaries_dev.jsonl"),
                       systems=shared_file("duc2006", "system_summaries_dev.jsonl"), json_out=tmp_path / "s.json",
                       embedder=embedder, clusters=3)
    ours = rows["briefgen"]
    assert ours["rouge2"] >= 0.08
    assert ours["rouge2"] > rows["lead"]["rouge2"] + 0.03 and ours["rouge2"] > rows["lexrank (sumy)"]["rouge2"]
    assert rows["system 1"]["rouge2"] == pytest.approx(rows["lead"]["rouge2"], abs=0.02)  # NIST's lead baseline
    written = json.loads((tmp_path / "s.json").read_text())
    assert {"rouge1", "rouge2", "rougeL"} <= set(written["briefgen"])
    assert {"lead", "lexrank (sumy)", "textrank (sumy)", "system 24"} <= set(written["baselines"])


def test_sumy_runs_offline_on_briefgen_sentences():
    from briefgen import ingest
    from briefgen.clean import clean_article

    article = clean_article(ingest.make_article("t", "The dam broke on Monday. Water flooded the valley towns. "
                                                     "Rescuers saved forty people. The mayor thanked the rescuers."))
    text = summary.sumy_summary([article], "lexrank")
    assert text and all(line in article.text for line in text.split("\n"))
