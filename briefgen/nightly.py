"""The unattended run: lock, read, keep the brief if nothing changed, else build and write it, remember, mail;
and the exit code cron sees (0, 1 or 2)."""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import re
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from briefgen import brief_json, pipeline, publish, render, send
from briefgen.config import Config
from briefgen.embed import Embedder
from briefgen.engine import LOCAL, connect
from briefgen.models import Brief, BriefgenError, plural
from briefgen.store import Store

log = logging.getLogger(__name__)

DONE, SOURCE_ERRORS, FAILED = 0, 1, 2
LOCK_FILE = ".briefgen.lock"  # hidden: it may sit in the output folder when there is no state folder
KINDS = ("html", "pdf", "json", "md")


class Locked(Exception):
    """Another run holds the lock: this one must leave without touching anything."""


@contextmanager
def lock(config: Config):
    """An exclusive, non-blocking flock, released by the kernel when a killed run's process dies: on a lock file
    in the state folder (it records who holds it), else on the output folder itself (nothing left behind). A
    holder older than the run deadline is stuck: that is an error, not a quiet skip."""
    folder = config.state or config.output.folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE if config.state else folder
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644) if config.state else os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = (os.read(fd, 200).decode(errors="replace").strip() if config.state else "") or "another process"
        os.close(fd)
        since = re.search(r"since (\S+ \S+) UTC", holder)
        started = dt.datetime.fromisoformat(since.group(1)).replace(tzinfo=dt.timezone.utc) if since else None
        if started and dt.datetime.now(dt.timezone.utc) - started > dt.timedelta(minutes=config.run.deadline_minutes):
            raise BriefgenError(f"{path}: held by {holder}, longer than the {config.run.deadline_minutes:g}-minute "
                                "deadline: that run is stuck; stop it, then run again") from None
        raise Locked(f"another briefgen run holds {path} ({holder}); this run exits without doing anything") from None
    try:
        if config.state:
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()} since {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M:%S} UTC".encode())
        yield path
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


@contextmanager
def state(config: Config):
    """The state store when the config names a folder for it, else None (no memory between runs)."""
    with Store(config.state) if config.state else nullcontext() as store:
        yield store


@dataclass(frozen=True, slots=True)
class Outcome:
    brief: Brief
    files: dict[str, Path]
    delivery: send.Delivery | None = None

    @property
    def exit_code(self) -> int:
        if self.delivery is not None and self.delivery.failed:
            return FAILED  # the brief exists, but nobody who should have it got it: be loud
        return SOURCE_ERRORS if self.brief.failures else DONE


def run(config: Config, *, date: str | None = None, **options) -> Outcome:
    """`briefgen build`: one run at a time per state folder, with the state's embedding cache."""
    with lock(config), state(config) as store, connect(config.dask) as work:
        return build(config, embedder=work.embedder(cache=store), store=store, now=dt.datetime.now(dt.timezone.utc),
                     date=date, engine=work, **options)


def build(config: Config, *, embedder: Embedder, store: Store | None, now: dt.datetime, date: str | None = None,
          email: bool = False, dry_run: bool = False, force: bool = False, rebuild: bool = False,
          engine=LOCAL) -> Outcome:
    """Tonight's brief: kept when its inputs and settings are those of the brief already written (unless
    `rebuild`), else built, written and remembered; mailed if asked."""
    date = date or now.date().isoformat()
    stem = config.output.name.format(date=date)
    generated_at = now.isoformat(timespec="seconds")
    inputs = pipeline.read_inputs(config, date=date, generated_at=generated_at, embedder=embedder, store=store)
    kept = None if rebuild else unchanged(config, stem, date, inputs, store)
    if kept is not None:
        brief, files = kept
        log.info("unchanged: the same %d articles and settings as the brief already written; not rebuilt",
                 len(inputs.articles))
    else:
        brief = pipeline.build_brief(config, date=date, generated_at=generated_at, embedder=embedder, store=store,
                                     inputs=inputs, engine=engine)
        files = write(brief, config.output.folder, config, stem)
        if store is not None:  # after the files are published: a failed run keeps yesterday
            remember(store, brief, identity(config, stem, date))
    delivery = (mail(brief, files, config, store, stem=stem, force=force, dry_run=dry_run)
                if email or dry_run else None)
    outcome = Outcome(brief, files, delivery)
    statuses = [s.status for s in brief.stories]
    since = f" ({statuses.count('new')} new, {statuses.count('developing')} developing)" if any(statuses) else ""
    log.info("run: %s: %s%s, %s, %s%s; exit %d", stem, plural(len(brief.stories), "story", "stories"),
             since,  # only against an earlier brief: a first night's stories are neither
             plural(len(brief.articles), "article"), plural(len(brief.failures), "failed source"),
             f", mailed {len(delivery.sent)}, already had it {len(delivery.already)}, failed {len(delivery.failed)}"
             if delivery else "", outcome.exit_code)
    return outcome


def identity(config: Config, stem: str, date: str) -> str:
    """What names one brief in the state, however the command line spelled its folder: the resolved path of
    its published folder and its date (so a name without {date} still names each night's brief)."""
    return f"{publish.published(config.output.folder.resolve(), stem)}#{date}"


def unchanged(config: Config, stem: str, date: str, inputs: pipeline.Inputs,
              store: Store | None) -> tuple[Brief, dict[str, Path]] | None:
    """The brief already published under this name and its files, if it was made from the same inputs and
    (with a state) the state recorded it: a brief written but never recorded is built and recorded again."""
    folder = publish.published(config.output.folder, stem)
    paths = {kind: folder / f"{stem}.{kind}" for kind in KINDS}
    if not all(paths[kind].exists() for kind in ("html", "pdf", "json")):
        return None
    if store is not None and store.recorded(identity(config, stem, date)) != inputs.sha256:
        log.info("%s: written but not recorded in the state; building and recording it again", folder)
        return None
    try:
        brief = brief_json.load(paths["json"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("%s: cannot read the brief already written (%s); building it again", paths["json"], e)
        return None
    if brief.manifest.get("inputs_sha256") != inputs.sha256:
        return None
    return brief, {kind: path for kind, path in paths.items() if path.exists()}


def remember(store: Store, brief: Brief, brief_identity: str) -> None:
    """Tonight's articles and stories, so tomorrow's brief can tell new from developing; the brief itself last:
    only then does a rerun count it as done."""
    store.remember_articles(list(brief.articles), brief.date)
    store.remember_stories(brief.date, brief.stories, brief.centroids)
    store.prune_vectors()
    store.record_brief(brief_identity, brief.manifest.get("inputs_sha256", ""))


def write(brief: Brief, outdir: Path, config: Config, stem: str) -> dict[str, Path]:
    """Every file rendered first (a failed render leaves the old brief as it was), then published as one set."""
    return publish.publish(render.render_files(brief, config.theme, config.output.templates), Path(outdir), stem)


def mail(brief: Brief, files: dict[str, Path], config: Config, store: Store | None, *, stem: str,
         force: bool = False, dry_run: bool = False) -> send.Delivery:
    """Deliveries are recorded under the brief's identity: one brief, one key, whoever sends it and however
    its folder was typed."""
    if config.email is None:
        raise BriefgenError("email: no [email] section in the config")
    html = render.render_email_html(brief, theme=config.theme, templates=config.output.templates)
    return send.deliver(key=identity(config, stem, brief.date), email=config.email, html=html,
                        text=render.render_text(brief),
                        subject=config.email.subject.format(title=brief.title, date=brief.date),
                        pdf=files.get("pdf"), store=store, force=force,
                        dry_run=config.output.folder / f"{stem}.eml" if dry_run else None)


def mail_ready(config: Config, sending: bool = True) -> None:
    """Mail can be sent with this config (an [email] section, its credentials set): checked before any work."""
    if config.email is None:
        raise BriefgenError(f"{config.path or 'config'}: no [email] section: nothing to mail to")
    if sending:
        send.credentials(config.email)


def send_written(config: Config, *, date: str, force: bool = False, dry_run: bool = False) -> send.Delivery:
    """`briefgen send`: mail the brief already written for `date`, one run at a time."""
    with lock(config), state(config) as store:
        return send_existing(config, date=date, store=store, force=force, dry_run=dry_run)


def send_existing(config: Config, *, date: str, store: Store | None, force: bool = False,
                  dry_run: bool = False) -> send.Delivery:
    """Mail the brief already written for `date`, read back from its brief.json."""
    stem = config.output.name.format(date=date)
    folder = publish.published(config.output.folder, stem)
    files = {kind: folder / f"{stem}.{kind}" for kind in KINDS}
    if not files["json"].exists():
        raise BriefgenError(f"{files['json']}: no brief for {date} (run `briefgen build` first)")
    files = {kind: path for kind, path in files.items() if path.exists()}
    try:
        brief = brief_json.load(files["json"])
    except (ValueError, KeyError, TypeError) as e:
        raise BriefgenError(f"{files['json']}: damaged brief, cannot send it ({type(e).__name__}: {e}); "
                            "run `briefgen build --rebuild`") from None
    return mail(brief, files, config, store, stem=stem, force=force, dry_run=dry_run)
