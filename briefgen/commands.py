"""The commands beside the nightly run: `briefgen check` (the config and every source, no model) and
`briefgen build --manifest` (a brief again from its brief.json)."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from pathlib import Path

from briefgen import config as cfg, ingest, nightly, pipeline, provenance, send
from briefgen.config import Sources
from briefgen.embed import Embedder
from briefgen.models import BriefgenError, plural
from briefgen.store import Store

log = logging.getLogger(__name__)


def rebuild(manifest_file: Path, outdir: Path, *, embedder: Embedder) -> nightly.Outcome:
    """The brief a brief.json describes, again: its own copies of the input articles, its config, date and model."""
    data = json.loads(Path(manifest_file).read_text(encoding="utf-8"))
    recorded = data.get("manifest") or {}
    if "config" not in recorded or "article_ids" not in recorded:
        raise BriefgenError(f"{manifest_file}: no manifest with config and article ids (made by an older briefgen?)")
    if recorded.get("model_revision") and recorded["model_revision"] != provenance.model_revision(embedder.path):
        log.warning("rebuild: the model differs from the one recorded (%s); the brief may differ",
                    recorded["model_revision"])
    config = cfg.from_data(recorded["config"])
    config = replace(config, sources=Sources(folders=(str(Path(manifest_file).resolve()),)), log_file=None)
    state = config.state / "briefgen.sqlite" if config.state else None
    store = Store(config.state) if state and state.exists() else None  # read for history, never written
    date, generated_at = recorded["date"], recorded["generated_at"]
    try:
        inputs = pipeline.read_inputs(config, date=date, generated_at=generated_at, embedder=embedder, store=store,
                                      article_ids=tuple(recorded["article_ids"]))
        brief = pipeline.build_brief(config, date=date, generated_at=generated_at, embedder=embedder, store=store,
                                     inputs=inputs)
    finally:
        if store is not None:
            store.close()
    return nightly.Outcome(brief, nightly.write(brief, outdir, config, Path(manifest_file).stem))


def check(config_file: Path) -> int:
    """`briefgen check`: the config (a bad one raises, its theme included), every source read on its own, and
    everything else build will need: templates, folders it writes, mail settings. No model is loaded. The
    verdict comes last."""
    config = cfg.load(config_file)
    log.info("check: %s: settings valid (config sha256 %s)", config_file, config.digest()[:12])
    problems, unreadable = [], 0  # each unreadable source is named once, by ingest, as it is read
    s = config.sources
    for kind, source, kwargs in [*(("folder", x, {"sources": [x]}) for x in s.folders),
                                 *(("feed", x, {"sources": [], "feeds": [x]}) for x in s.feeds),
                                 *(("URL list", x, {"sources": [], "url_lists": [x]}) for x in s.url_lists)]:
        articles, failures = ingest.read_sources(limits=config.fetch, **kwargs)
        unreadable += len(failures)
        log.info("check: %s %s: %s, %s", kind, source, plural(len(articles), "article"),
                 plural(len(failures), "problem"))
    if config.output.templates is not None and not config.output.templates.is_dir():
        problems.append(f"templates folder {config.output.templates} does not exist")
    for what, folder in (("output folder", config.output.folder), ("state folder", config.state),
                         ("log folder", config.log_file.parent if config.log_file else None)):
        if folder is not None and (problem := unwritable(folder)):
            problems.append(f"{what} {folder}: {problem}")
    if config.email is not None:
        try:
            send.credentials(config.email)
        except BriefgenError as e:
            problems.append(str(e))
    for problem in problems:
        log.error("check: %s", problem)
    if problems or unreadable:
        log.error("check: %s: %s found; build would not run cleanly", config_file,
                  plural(len(problems) + unreadable, "problem"))
        return nightly.SOURCE_ERRORS
    log.info("check: %s: valid, every source readable; ready to build", config_file)
    return nightly.DONE


def unwritable(folder: Path) -> str:
    """Why briefgen could not write in `folder` (made if missing, as build would), or "" when it can."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        return f"{existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{'' if existing == folder else f'{existing}: '}not writable by this user"
    return ""
