"""Command line: `briefgen build|check|send` (and the developer commands of cli_dev); heavy imports stay inside
commands. Every failure is one line on stderr with its exit code; a traceback goes only to the log file."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

from briefgen import __version__, cli_dev
from briefgen.models import BriefgenError

log = logging.getLogger("briefgen")

DONE, SOURCE_ERRORS, FAILED = 0, 1, 2  # the exit codes cron and systemd see
LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"
NOISY = ("sentence_transformers", "transformers", "urllib3", "httpx", "mail.log", "charset_normalizer", "PIL",
         "asyncio", "filelock", "onnx", "torch")
# Libraries that log a line per odd page or missing glyph, naming no file (briefgen names a bad file itself, once):
# a hostile corpus gave 200 lines of them.
QUIETER = {"trafilatura": logging.CRITICAL, "htmldate": logging.CRITICAL, "courlan": logging.CRITICAL,
           "weasyprint": logging.ERROR, "fontTools": logging.ERROR}
DATES = (dt.date(1970, 1, 1), dt.date(2999, 12, 31))


class Console(logging.StreamHandler):
    """stderr: INFO by default, WARNING with -q (cron mail means something), DEBUG with -v. It also keeps the
    last line it saw, so a SIGTERM or a deadline can say what it interrupted."""

    last = "starting"

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            Console.last = record.getMessage()
        if record.levelno >= self.level:
            super().emit(record)


def console() -> Console:
    root = logging.getLogger()
    found = next((h for h in root.handlers if isinstance(h, Console)), None)
    if found is None:
        found = Console(sys.stderr)
        found.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        found.setLevel(logging.INFO)
        root.addHandler(found)
        root.setLevel(logging.DEBUG)  # handlers choose what they show: the log file keeps DEBUG
        for noisy in NOISY:
            logging.getLogger(noisy).setLevel(logging.WARNING)
        for name, level in QUIETER.items():
            logging.getLogger(name).setLevel(level)
    return found


def set_verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        console().setLevel(logging.DEBUG if param.name == "verbose" else logging.WARNING)
        ctx.meta["briefgen.quiet"] = param.name == "quiet"


def verbosity(command):
    """-v/-q, accepted before or after the subcommand."""
    command = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_verbosity,
                           help="Only warnings and errors, no file list: a clean night prints nothing.")(command)
    return click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=set_verbosity,
                        help="Debug detail on stderr.")(command)


@contextmanager
def bars_above_logs():
    """On a terminal, log lines print above the progress bars (tqdm), at the console's level."""
    from briefgen import progress

    if not progress.on_terminal():
        yield
        return
    from tqdm.contrib.logging import logging_redirect_tqdm

    level = console().level
    with logging_redirect_tqdm():
        for handler in logging.getLogger().handlers:
            if type(handler).__name__ == "_TqdmLoggingHandler":
                handler.setLevel(level)
        yield


def quiet() -> bool:
    return click.get_current_context().meta.get("briefgen.quiet", False)


def log_to_file(log_file: Path | None) -> None:
    """A file too when asked, at DEBUG (cron mails stderr; the file keeps every night, with times and traces)."""
    if log_file is None:
        return
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError as e:
        raise BriefgenError(f"log file {log_file}: cannot write it ({e.strerror})") from None
    handler.setFormatter(logging.Formatter(LOG_FORMAT, "%Y-%m-%dT%H:%M:%S"))
    handler.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)


class Deadline(BaseException):
    """The run's time is up (a BaseException: no reader's catch-all may swallow it)."""


def fault(e: BaseException) -> str:
    """An environment fault as one line: the file and what is wrong with it."""
    hints = {errno.ENOSPC: "the disk is full", errno.EACCES: "permission denied", errno.EROFS: "read-only file system",
             errno.ENOTDIR: "a part of this path is a file, not a folder", errno.EEXIST: "already exists",
             errno.EDQUOT: "disk quota exceeded"}
    if isinstance(e, OSError) and (e.filename or e.errno in hints):
        return f"{e.filename or 'writing'}: {hints.get(e.errno, e.strerror)}"
    return f"{type(e).__name__}: {e}"


def run_command(work, log_file=None) -> int:
    """`work()`'s exit code; every failure one line on stderr (its trace in the log file, at DEBUG)."""
    from briefgen import nightly

    try:
        return work()
    except nightly.Locked as e:
        log.warning("%s", e)
        return DONE
    except BriefgenError as e:
        log.error("%s", e)
    except Deadline as e:
        log.error("%s (while: %s); the brief already published is untouched", e, Console.last)
    except KeyboardInterrupt:
        log.error("interrupted (while: %s); the brief already published is untouched", Console.last)
    except Exception as e:  # a broken machine (or a bug): one line here, the trace in the log file
        log.debug("traceback", exc_info=True)
        log.error("failed: %s", fault(e))
    return FAILED


def on_sigterm(*_) -> None:
    # systemd and kill send SIGTERM: say what was cut short, then leave through SystemExit so temporary files
    # are removed and the lock is freed.
    log.error("stopped by SIGTERM (while: %s); the brief already published is untouched", Console.last)
    sys.exit(FAILED)


def start_deadline(minutes: float) -> None:
    def expire(*_):
        raise Deadline(f"stopped: the run passed its {minutes:g}-minute deadline ([run] deadline_minutes)")

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, minutes * 60)


def parse_date(text: str | None, config=None) -> str:
    """--date as YYYY-MM-DD whatever its spelling (2026-12-01, 20261201); default: today where the brief is
    read (the config's [run] timezone, else the machine's local date)."""
    if text is None:
        zone = getattr(getattr(config, "run", None), "timezone", "")
        if zone:
            from zoneinfo import ZoneInfo

            return dt.datetime.now(ZoneInfo(zone)).date().isoformat()
        return dt.date.today().isoformat()
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BriefgenError(f"--date {text}: not a date (use YYYY-MM-DD)") from None
    if not DATES[0] <= date <= DATES[1]:
        raise BriefgenError(f"--date {text}: out of range ({DATES[0]} to {DATES[1]})")
    return date.isoformat()


class Commands(click.Group):
    """The user's commands first; the developer's (eval, bench) apart below them."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        developer = {c.name for c in cli_dev.COMMANDS}
        for title, names in (("Commands", [n for n in self.list_commands(ctx) if n not in developer]),
                             ("Developer commands", [n for n in self.list_commands(ctx) if n in developer])):
            rows = [(n, self.get_command(ctx, n).get_short_help_str(70)) for n in names]
            with formatter.section(title):
                formatter.write_dl(rows)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefgen")
@verbosity
def main() -> None:
    """briefgen: policy briefs from the news, every line traceable to a source sentence.

    Exit codes: 0 done, 1 done but some sources failed, 2 failed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    console()


for command in cli_dev.COMMANDS:
    main.add_command(command)


def load_config(config_file: Path | None, sources: tuple[str, ...], outdir: Path | None, title: str | None,
                templates: Path | None):
    """The config file, or one made from the arguments (`make brief` needs no file); arguments win."""
    from dataclasses import replace

    from briefgen import config as cfg

    config = cfg.load(config_file) if config_file else cfg.Config(output=cfg.Output(name="brief"))
    if sources:
        config = replace(config, sources=replace(config.sources, folders=(*config.sources.folders, *sources)))
    if not (config.sources.folders or config.sources.feeds or config.sources.url_lists):
        raise BriefgenError("no sources: give SOURCE arguments or -c briefgen.toml")
    output = replace(config.output, **{k: v for k, v in (("folder", outdir), ("templates", templates)) if v})
    return replace(config, output=output, title=title or config.title)


CONFIG_HELP = "briefgen.toml: sources, window, output, theme, state, email, run."
DATE_HELP = ("Date of the brief: YYYY-MM-DD (20261201 is read as 2026-12-01). Default: today in the config's "
             "[run] timezone, else the machine's local date.")


@main.command()
@click.argument("sources", nargs=-1)
@click.option("-c", "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=CONFIG_HELP)
@click.option("-o", "--output", "outdir", default=None, type=click.Path(path_type=Path),
              help="Output folder (default: the config's, else out).")
@click.option("--title", default=None, help="Title printed on the brief (default: the config's, else Daily brief).")
@click.option("--date", "date", default=None, help=DATE_HELP)
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of your own templates, searched before the built-in ones.")
@click.option("--email", "email", is_flag=True, help="Mail the brief to the config's recipients.")
@click.option("--dry-run", is_flag=True,
              help="Write each recipient's email as a .eml file beside the brief instead of sending.")
@click.option("--force", is_flag=True, help="Mail again recipients who already got this brief.")
@click.option("--rebuild", is_flag=True,
              help="Build again even when the brief already written has the same inputs and settings.")
@click.option("--manifest", "manifest_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Rebuild the brief this brief.json describes (into -o, default <its folder>/rebuilt).")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also log to this file, with debug detail (default: the config's [log] file).")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Run the embedding, clustering and picks on Dask: local:N worker processes, or tcp://HOST:PORT.")
@verbosity
def build(sources, config_file, outdir, title, date, templates, email, dry_run, force, rebuild, manifest_file,
          log_file, dask):
    """Build a brief from SOURCES and/or the config's sources. Exit 0 done, 1 done with source errors, 2 failed."""
    started = time.perf_counter()
    signal.signal(signal.SIGTERM, on_sigterm)
    result = {}

    def work() -> int:
        from dataclasses import replace

        from briefgen import commands, nightly
        from briefgen.embed import default_embedder

        if manifest_file:
            log_to_file(log_file)
            result["outcome"] = commands.rebuild(manifest_file, outdir or manifest_file.parent / "rebuilt",
                                                 embedder=default_embedder())
            return result["outcome"].exit_code
        config = load_config(config_file, sources, outdir, title, templates)
        if dask is not None:
            config = replace(config, dask=dask)
        log_to_file(log_file or config.log_file)
        start_deadline(config.run.deadline_minutes)
        if email or dry_run:
            nightly.mail_ready(config)  # no [email] section or an unset password: fail before any work
        with bars_above_logs():
            result["outcome"] = nightly.run(config, date=parse_date(date, config), email=email, dry_run=dry_run,
                                            force=force, rebuild=rebuild)
        return result["outcome"].exit_code

    code = run_command(work)
    signal.setitimer(signal.ITIMER_REAL, 0)
    if "outcome" in result:
        for path in result["outcome"].files.values() if not quiet() else ():
            click.echo(path)
        log.info("done in %.1f s; exit %d", time.perf_counter() - started, code)
    sys.exit(code)


@main.command()
@click.option("-c", "--config", "config_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=CONFIG_HELP)
@verbosity
def check(config_file: Path) -> None:
    """Validate the config and everything build will use (sources, templates, theme, mail), without loading
    the model; the verdict is the last line. Exit 0 ok, 1 problems found, 2 bad config."""
    from briefgen import commands

    sys.exit(run_command(lambda: commands.check(config_file)))


@main.command()
@click.option("-c", "--config", "config_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=CONFIG_HELP)
@click.option("--date", "date", default=None, help=DATE_HELP)
@click.option("--dry-run", is_flag=True, help="Write each recipient's .eml file instead of sending.")
@click.option("--force", is_flag=True, help="Mail again recipients who already got this brief.")
@verbosity
def send(config_file: Path, date: str | None, dry_run: bool, force: bool) -> None:
    """Mail a brief already built; nobody gets the same brief twice unless --force. Exit 0 sent, 2 failed."""
    signal.signal(signal.SIGTERM, on_sigterm)

    def work() -> int:
        from briefgen import config as cfg, nightly

        config = cfg.load(config_file)
        log_to_file(config.log_file)
        nightly.mail_ready(config)
        delivery = nightly.send_written(config, date=parse_date(date, config), force=force, dry_run=dry_run)
        if not quiet():
            for eml in delivery.eml:
                click.echo(eml)
        return FAILED if delivery.failed else DONE

    sys.exit(run_command(work))
