"""Where the stages' many independent jobs run: in this process, or on a Dask cluster (`--dask ADDRESS`).

The stages that map work over many items (embedding texts, clustering blocks, picking stories) take an engine
and call `engine.map(function, *iterables)`; everything else stays on the driver. Dask is imported only when a
cluster is asked for (see docs/scale.md)."""

from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager

import numpy as np

from briefgen.embed import Int8Embedder, VectorCache, default_embedder
from briefgen.models import BriefgenError

log = logging.getLogger(__name__)

TEXTS_PER_JOB = 256  # texts sent to a worker at once: large enough to batch well, small enough to share out
CONNECT_SECONDS = 30


class Local:
    """Everything in this process, in order: the build as it always was."""

    def map(self, function, *iterables) -> list:
        return list(map(function, *iterables))

    def embedder(self, cache: VectorCache | None = None):
        return default_embedder(cache=cache)


LOCAL = Local()


class Dask:
    """Jobs on a Dask cluster: `local:N` starts N worker processes on this machine, `tcp://HOST:PORT` joins an
    existing scheduler. Results come back in the order of the items, so the brief is the one `Local` makes."""

    def __init__(self, address: str):
        # Dask logs every worker start and stop at INFO; a build's log keeps its warnings only (workers inherit it).
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BriefgenError(f"--dask {address}: Dask is not installed (pip install 'briefgen[dask]')") from None
        self.address, self.cluster = address, None
        try:
            if address.startswith("local:"):
                self.cluster = LocalCluster(n_workers=workers(address), threads_per_worker=1, processes=True,
                                            dashboard_address=":0")  # a free port: no clash with another cluster
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout=CONNECT_SECONDS)
                self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)  # else the first job would wait forever
        except (OSError, TimeoutError, ValueError) as e:
            self.close()
            raise BriefgenError(f"--dask {address}: cannot reach the Dask scheduler or any worker ({e})") from None
        log.info("Dask engine at %s with %d workers", address, len(self.client.scheduler_info()["workers"]))

    def map(self, function, *iterables) -> list:
        from distributed import KilledWorker

        futures = self.client.map(function, *map(list, iterables), pure=False)
        try:
            return self.client.gather(futures)
        except (OSError, TimeoutError, KilledWorker) as e:  # the cluster went away: not briefgen's fault
            raise BriefgenError(f"--dask {self.address}: the cluster failed during the build ({e})") from None

    def embedder(self, cache: VectorCache | None = None):
        return WorkerEmbedder(self, cache=cache)

    def load_models(self) -> None:
        """Every worker loads its model now (else it does at its first job)."""
        self.client.run(encode_on_worker, ["warm up"])

    def close(self) -> None:
        for part in (getattr(self, "client", None), self.cluster):
            if part is not None:
                part.close()


def workers(address: str) -> int:
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise BriefgenError(f"--dask {address}: expected local:N with N ≥ 1 worker processes, or tcp://HOST:PORT")
    return int(count)


@contextmanager
def connect(address: str):
    """The engine for `[engine] dask` / `--dask` (empty: this process), closed when the build ends."""
    if not address:
        yield LOCAL
        return
    work = Dask(address)
    try:
        yield work
    finally:
        work.close()


class WorkerEmbedder(Int8Embedder):
    """The int8 model on the workers: texts neither in memory nor in the vector cache go out in jobs of
    TEXTS_PER_JOB, and their vectors come back to the cache here. A text's vector does not depend on the texts
    batched with it, so the vectors are the ones this process would make."""

    def __init__(self, work: Dask, cache: VectorCache | None = None):
        super().__init__(cache=cache)
        self.work = work

    def forward(self, texts: list[str]) -> np.ndarray:
        jobs = [texts[i:i + TEXTS_PER_JOB] for i in range(0, len(texts), TEXTS_PER_JOB)]
        return np.vstack(self.work.map(encode_on_worker, jobs))

    def release(self) -> None:
        """The workers keep their model for the next build; there is none here to let go."""


_model: Int8Embedder | None = None
_loading = threading.Lock()


def encode_on_worker(texts: list[str]) -> np.ndarray:
    """Runs on a worker: the int8 model is loaded once per worker process and kept, with one thread per job
    (a worker runs as many jobs at once as it has threads)."""
    global _model
    with _loading:
        if _model is None:
            _model = Int8Embedder(threads=1)
            _model.load()
    return _model.forward(texts)
