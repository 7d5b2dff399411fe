"""The Dask engine: the same brief as one process, on a real LocalCluster of 2 worker processes; dask stays out of
a build that does not ask for it."""

import dataclasses
import subprocess
import sys

import pytest

from briefgen import engine, pipeline
from briefgen.cluster import ClusterConfig
from briefgen.config import Config, Sources
from briefgen.models import BriefgenError
from briefgen.store import Store
from tests.conftest import ROOT, shared_file

DATE, GENERATED_AT = "2026-12-01", "2026-12-01T05:00:00+00:00"


def test_importing_briefgen_and_building_without_dask_never_imports_dask():
    code = ("import sys, briefgen, briefgen.cli, briefgen.pipeline, briefgen.nightly, briefgen.engine, "
            "briefgen.cluster, briefgen.pick\n"
            "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'})\n"
            "assert not loaded, loaded")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_local_engine_maps_in_order_and_its_embedder_is_the_default():
    assert engine.LOCAL.map(pow, [2, 3, 4], [2, 2, 2]) == [4, 9, 16]
    with engine.connect("") as work:
        assert work is engine.LOCAL


@pytest.mark.parametrize("address", ["local:0", "local:two"])
def test_a_bad_local_address_is_one_clear_error(address):
    with pytest.raises(BriefgenError, match=r"--dask local:.*expected local:N"), engine.connect(address):
        pass


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(engine, "CONNECT_SECONDS", 2)
    with pytest.raises(BriefgenError, match=r"tcp://127.0.0.1:9: cannot reach the Dask scheduler or any worker"), \
            engine.connect("tcp://127.0.0.1:9"):
        pass


def test_a_scheduler_without_workers_is_one_clear_error_not_a_hang(monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(engine, "CONNECT_SECONDS", 2)
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0") as empty:
        with pytest.raises(BriefgenError, match="cannot reach the Dask scheduler or any worker"), \
                engine.connect(empty.scheduler_address):
            pass


@pytest.mark.slow
def test_a_build_on_two_dask_workers_is_the_single_process_build(tmp_path, embedder):
    """80 wikinews-events articles cut into blocks of 30, so several blocks and every story's picks are jobs on
    the workers; then again from the vector cache, which sends no text out."""
    pytest.importorskip("distributed")
    lines = shared_file("wikinews-events", "dev.jsonl").read_text(encoding="utf-8").splitlines()[:80]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = Config(title="Dask", sources=Sources(folders=(str(tmp_path / "in.jsonl"),)),
                    cluster=ClusterConfig(block_size=30))
    alone = pipeline.build_brief(config, date=DATE, generated_at=GENERATED_AT, embedder=embedder)
    with engine.connect("local:2") as work, Store(tmp_path / "state") as store:
        assert len(work.client.scheduler_info()["workers"]) == 2
        first = work.embedder(cache=store)
        spread = pipeline.build_brief(config, date=DATE, generated_at=GENERATED_AT, embedder=first, engine=work)
        again = work.embedder(cache=store)
        cached = pipeline.build_brief(config, date=DATE, generated_at=GENERATED_AT, embedder=again, engine=work)
    assert len(alone.stories) >= 5
    for brief in (spread, cached):
        assert brief.stories == alone.stories  # ids, headlines, summary sentences, quotes, facts, disputes
        assert brief.topics == alone.topics and brief.also_noted == alone.also_noted
        assert dataclasses.replace(brief, manifest={}) == dataclasses.replace(alone, manifest={})
    assert first.encoded > 0 and again.encoded == 0  # the second build sent nothing to the workers


def test_engine_dask_in_the_config_is_read_and_changes_nothing_the_brief_depends_on(tmp_path):
    from briefgen import config

    (tmp_path / "a.toml").write_text('title = "T"\n[engine]\ndask = "local:2"\n')
    (tmp_path / "b.toml").write_text('title = "T"\n')
    with_dask, without = config.load(tmp_path / "a.toml"), config.load(tmp_path / "b.toml")
    assert with_dask.dask == "local:2" and without.dask == ""
    assert with_dask.digest() == without.digest() and "dask" not in config.as_data(with_dask)
