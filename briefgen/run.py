"""One unattended run: lock, build, write atomically, remember, mail; and the exit code cron sees (0, 1 or 2)."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from briefgen import history, pipeline, send
from briefgen.config import Config, Sources, from_data
from briefgen.models import (Article, Brief, BriefgenError, Claim, Dispute, Failure, Fact, Quote, Sentence, Story,
                             Topic)
from briefgen.store import Store

log = logging.getLogger(__name__)

DONE, SOURCE_ERRORS, FAILED = 0, 1, 2
LOCK_FILE = ".briefgen.lock"  # hidden: it may sit in the output folder when there is no state folder


class Locked(Exception):
    """Another run holds the lock: this one must leave without touching anything."""


@contextmanager
def lock(folder: Path):
    """An exclusive, non-blocking flock; the kernel releases it when a killed run's process dies."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 200).decode(errors="replace").strip() or "unknown process"
        os.close(fd)
        raise Locked(f"another briefgen run holds {path} ({holder}); this run exits without doing anything") from None
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} since {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M:%S} UTC".encode())
        yield path
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


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


def build(config: Config, *, embedder, store: Store | None, now: dt.datetime, date: str | None = None,
          email: bool = False, dry_run: bool = False, force: bool = False, rebuild: bool = False) -> Outcome:
    """Build tonight's brief, write it, remember its stories and articles, mail it if asked. A rerun over the
    same inputs and settings keeps the brief already written (unless `rebuild`)."""
    date = date or now.date().isoformat()
    stem = config.output.name.format(date=date)
    theme(config)  # a bad colour or logo fails now, not after the model has read the night's news
    previous = None if rebuild else written_brief(config.output.folder, stem)
    brief = pipeline.build_brief(config, date=date, generated_at=now.isoformat(timespec="seconds"),
                                 embedder=embedder, store=store, previous=previous)
    if brief is previous:
        files = {kind: path for kind in ("html", "pdf", "json", "md")
                 if (path := config.output.folder / f"{stem}.{kind}").exists()}
    else:
        files = write(brief, config.output.folder, config, stem)
    if store is not None and brief is not previous:  # after the files are written: a failed run keeps yesterday
        articles = list(brief.articles)
        store.remember_articles(articles, date)
        store.remember_stories(date, brief.stories,
                               history.story_centroids(list(brief.stories), articles, embedder, config.cluster))
        store.prune_vectors()
    delivery = (mail(brief, files, config, store, stem=config.output.folder / stem, force=force, dry_run=dry_run)
                if email or dry_run else None)
    outcome = Outcome(brief, files, delivery)
    statuses = [s.status for s in brief.stories]
    log.info("run: %s: %d stories (%d new, %d developing), %d articles, %d failed sources%s; exit %d",
             stem, len(brief.stories), statuses.count("new"),
             statuses.count("developing"), len(brief.articles), len(brief.failures),
             f", mailed {len(delivery.sent)}, already had it {len(delivery.already)}, failed {len(delivery.failed)}"
             if delivery else "", outcome.exit_code)
    return outcome


def written_brief(folder: Path, stem: str) -> Brief | None:
    """The brief already written under this name, if its files are all there and its JSON reads back."""
    json_file = Path(folder) / f"{stem}.json"
    if not all((Path(folder) / f"{stem}.{kind}").exists() for kind in ("html", "pdf", "json")):
        return None
    try:
        return load_brief(json_file)
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("%s: cannot read the brief already written (%s); building it again", json_file, e)
        return None


def rebuild(manifest_file: Path, outdir: Path, *, embedder) -> Outcome:
    """The brief a brief.json describes, again: its own copies of the input articles, its config, date and model."""
    data = json.loads(Path(manifest_file).read_text(encoding="utf-8"))
    recorded = data.get("manifest") or {}
    if "config" not in recorded or "article_ids" not in recorded:
        raise BriefgenError(f"{manifest_file}: no manifest with config and article ids (made by an older briefgen?)")
    if recorded.get("model_revision") and recorded["model_revision"] != pipeline.model_revision(
            getattr(embedder, "path", "") or ""):
        log.warning("rebuild: the model differs from the one recorded (%s); the brief may differ",
                    recorded["model_revision"])
    config = from_data(recorded["config"])
    config = replace(config, sources=Sources(folders=(str(Path(manifest_file).resolve()),)), log_file=None)
    state = config.state / "briefgen.sqlite" if config.state else None
    store = Store(config.state) if state and state.exists() else None  # read for history, never written
    try:
        brief = pipeline.build_brief(config, date=recorded["date"], generated_at=recorded["generated_at"],
                                     embedder=embedder, store=store, article_ids=tuple(recorded["article_ids"]))
    finally:
        if store is not None:
            store.close()
    return Outcome(brief, write(brief, outdir, config, Path(manifest_file).stem))


def check(config_file: Path) -> int:
    """`briefgen check`: the config (a bad one raises), then every source read on its own; no model is loaded."""
    from briefgen import config as cfg
    from briefgen import ingest

    config = cfg.load(config_file)
    log.info("check: %s is valid (config sha256 %s)", config_file, config.digest()[:12])
    problems = 0
    s = config.sources
    for kind, source, kwargs in [*(("folder", x, {"sources": [x]}) for x in s.folders),
                                 *(("feed", x, {"sources": [], "feeds": [x]}) for x in s.feeds),
                                 *(("URL list", x, {"sources": [], "url_lists": [x]}) for x in s.url_lists)]:
        articles, failures = ingest.read_sources(limits=config.fetch, **kwargs)
        problems += len(failures)
        log.info("check: %s %s: %d articles, %d problems", kind, source, len(articles), len(failures))
    if config.output.templates is not None and not config.output.templates.is_dir():
        log.error("check: templates folder %s does not exist", config.output.templates)
        problems += 1
    try:
        theme(config)
        if config.theme.logo is not None and not config.theme.logo.is_file():
            raise BriefgenError(f"theme logo {config.theme.logo}: no such file")
    except BriefgenError as e:
        log.error("check: %s", e)
        problems += 1
    if config.email is not None:
        try:
            send.credentials(config.email)
        except BriefgenError as e:
            log.error("check: %s", e)
            problems += 1
    log.info("check: %s", "all sources readable" if not problems else f"{problems} problem(s) found")
    return SOURCE_ERRORS if problems else DONE


def theme(config: Config):
    """render.Theme from the config; it validates the colour, page size and logo itself."""
    from briefgen import render

    t = config.theme
    return render.Theme(organisation=t.organisation, logo=t.logo, accent=t.accent, marking=t.marking,
                        page_size=t.page_size)


def write(brief: Brief, outdir: Path, config: Config, stem: str) -> dict[str, Path]:
    from briefgen import render

    files = render.write_brief(brief, Path(outdir), theme=theme(config), templates=config.output.templates, stem=stem)
    log.info("write: %s.{%s} in %s", stem, ",".join(files), outdir)
    return files


def email_html(brief: Brief, config: Config) -> str:
    from briefgen import render

    return render.render_email_html(brief, theme=theme(config), templates=config.output.templates)


def plain_text(brief: Brief) -> str:
    from briefgen import render

    return render.render_text(brief)


def mail(brief: Brief, files: dict[str, Path], config: Config, store: Store | None, *, stem: Path,
         force: bool = False, dry_run: bool = False) -> send.Delivery:
    """Deliveries are recorded under the brief's path and date: one brief, one key, whoever sends it (the date
    too, so a name without {date} still mails each night's brief)."""
    if config.email is None:
        raise BriefgenError("email: no [email] section in the config")
    return send.deliver(key=f"{stem}#{brief.date}", email=config.email, html=email_html(brief, config), text=plain_text(brief),
                        subject=config.email.subject.format(title=brief.title, date=brief.date),
                        pdf=files.get("pdf"), store=store, force=force,
                        dry_run=stem.parent / f"{stem.name}.eml" if dry_run else None)


def send_existing(config: Config, *, date: str, store: Store | None, force: bool = False,
                  dry_run: bool = False) -> send.Delivery:
    """`briefgen send`: mail the brief already written for `date`."""
    stem = config.output.folder / config.output.name.format(date=date)
    files = {kind: stem.parent / f"{stem.name}.{kind}" for kind in ("json", "html", "pdf", "md")}
    if not files["json"].exists():
        raise BriefgenError(f"{files['json']}: no brief for {date} (run `briefgen build` first)")
    files = {kind: path for kind, path in files.items() if path.exists()}
    return mail(load_brief(files["json"]), files, config, store, stem=stem, force=force, dry_run=dry_run)


def load_brief(path: Path) -> Brief:
    """A `Brief` back from its brief.json (enough of it to render and mail)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))

    def sentence(x: dict) -> Sentence:
        return Sentence(x["article_id"], x.get("index", -1), x["text"], x["start"], x["end"])

    stories = tuple(Story(
        id=s["id"], headline=s["headline"], article_ids=tuple(s["article_ids"]),
        summary=tuple(map(sentence, s["summary"])),
        key_sentence=sentence(s["key_sentence"]) if s.get("key_sentence") else None,
        quotes=tuple(Quote(q["text"], q["speaker"], q["cue"], q["article_id"], q["start"], q["end"], q["kind"],
                           tuple(q["also_in"])) for q in s["quotes"]),
        facts=tuple(Fact(sentence(f), tuple(f["kinds"]), tuple(sentence(c) for c in f["corroborated_by"]
                                                          if isinstance(c, dict)))  # older briefs: ids only
                    for f in s["facts"]),
        disputes=tuple(Dispute(d["what"], tuple(Claim(c["text"], c["value"], c["article_id"], c["start"], c["end"])
                                                for c in d["values"])) for d in s.get("disputes", [])),
        topic=s.get("topic", ""), rank=s.get("rank", 0.0), status=s.get("status", ""),
        first_seen=s.get("first_seen", "")) for s in data["stories"])
    return Brief(
        title=data["title"], date=data["date"], generated_at=data["generated_at"], stories=stories,
        topics=tuple(Topic(t["id"], t["label"], tuple(t["story_ids"])) for t in data["topics"]),
        also_noted=tuple(data["also_noted"]),
        articles=tuple(Article(a["id"], a["title"], a["text"], a["url"], a["source"], a["published"])
                       for a in data["articles"]),
        failures=tuple(Failure(f["source"], f["reason"]) for f in data["failures"]),
        stats=data.get("stats", {}), manifest=data.get("manifest", {}))
