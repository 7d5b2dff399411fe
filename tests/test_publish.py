"""A killed run never leaves half a brief; the state is the truth for "unchanged"; one brief, one identity;
every environment fault is one line and an exit code. Real runs of `briefgen` in subprocesses (real model, real
WeasyPrint, real SQLite, a real SMTP server on 127.0.0.1), killed at each named point of the publication."""

import fcntl
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pypdf
import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.servers import smtp_server

pytestmark = pytest.mark.slow

# Runs the CLI; with BRIEFGEN_TEST_KILL=<step> the process SIGKILLs itself at that publish step (or, with
# "record", just before the state records the brief): a kill -9 at exactly that point.
RUNNER = """
import os, signal, sys
from briefgen import publish, store
kill_at = os.environ.get("BRIEFGEN_TEST_KILL", "")
step = publish.step
def killing_step(name, where):
    step(name, where)
    if name == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
publish.step = killing_step
if kill_at == "record":
    store.Store.record_brief = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
from briefgen.cli import main
main(sys.argv[1:], prog_name="briefgen")
"""


def briefgen(*args, kill="", cwd=ROOT, env=None, timeout=300, popen=False):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFGEN_TEST_KILL": kill, **(env or {})}
    command = [sys.executable, "-c", RUNNER, *map(str, args)]
    if popen:
        return subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=cwd, env=env)
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)


def write_config(folder, extra=""):
    path = folder / "briefgen.toml"
    path.write_text(f'title = "T"\n[sources]\nfolders = ["{EXAMPLES}"]\n[output]\nfolder = "out"\nname = "brief"\n'
                    f'[state]\nfolder = "state"\n[log]\nfile = "briefgen.log"\n{extra}')
    return path


def night_of(folder) -> str:
    """The one date all four published files agree on, or a failure naming the mix."""
    files = {kind: folder / f"brief.{kind}" for kind in ("html", "pdf", "json", "md")}
    assert all(p.is_file() for p in files.values()), sorted(p.name for p in folder.iterdir())
    date = json.loads(files["json"].read_text())["date"]
    day = {"2026-11-22": "22 November 2026", "2026-11-23": "23 November 2026"}[date]
    assert day in files["html"].read_text() and day in files["md"].read_text()
    assert day in "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files["pdf"].read_bytes())).pages)
    return date


def test_a_kill_at_any_publish_step_leaves_one_whole_brief_and_the_next_run_cleans_up(tmp_path):
    config = write_config(tmp_path)
    assert briefgen("build", "-c", config, "--date", "2026-11-22").returncode == 0
    out = tmp_path / "out"
    for step, expected in (("staged", "2026-11-22"), ("linked", "2026-11-22"), ("swapped", "2026-11-23"),
                           ("cleaned", "2026-11-23")):
        killed = briefgen("build", "-c", config, "--date", "2026-11-23", "--rebuild", kill=step)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert night_of(out / "brief") == expected, step
        back = briefgen("build", "-c", config, "--date", "2026-11-22", "--rebuild")
        assert back.returncode == 0 and night_of(out / "brief") == "2026-11-22"
        assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
            os.readlink(out / "brief")], "the killed run's leftovers are gone"


def test_a_brief_published_but_not_recorded_is_built_and_recorded_by_the_next_run(tmp_path):
    config = write_config(tmp_path)
    killed = briefgen("build", "-c", config, "--date", "2026-11-22", kill="record")
    assert killed.returncode == -signal.SIGKILL and night_of(tmp_path / "out" / "brief") == "2026-11-22"
    db = tmp_path / "state" / "briefgen.sqlite"
    assert sqlite3.connect(db).execute("SELECT count(*) FROM briefs").fetchone() == (0,)
    rerun = briefgen("build", "-c", config, "--date", "2026-11-22")
    assert rerun.returncode == 0
    assert "written but not recorded in the state; building and recording it again" in rerun.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM briefs").fetchone() == (1,)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM stories WHERE brief_date = '2026-11-22'").fetchone()[0]
    again = briefgen("build", "-c", config, "--date", "2026-11-22")
    assert again.returncode == 0 and "unchanged" in again.stderr


def test_one_brief_is_mailed_once_however_its_folder_and_date_are_spelled(tmp_path):
    with smtp_server() as (mailbox, port):
        config = write_config(tmp_path, f'[email]\nto = ["ana@example.org"]\nfrom = "b@example.org"\n'
                                        f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"\n')
        runs = [briefgen("build", "-c", config, "--date", "2026-11-22", "--email"),
                briefgen("build", "-c", config, "--date", "20261122", "--email", "-o", "out", cwd=tmp_path),
                briefgen("build", "-c", config, "--date", "2026-11-22", "--email", "-o", tmp_path / "x" / ".." / "out")]
    assert [r.returncode for r in runs] == [0, 0, 0], runs[-1].stderr
    assert len(mailbox.messages) == 1
    assert all("already mailed" in r.stderr for r in runs[1:])
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["brief"]


def one_line_failure(result, *expected: str) -> None:
    """Exit 2, no traceback, the failure in one ERROR line holding every `expected` text."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and all(text in errors[0] for text in expected), result.stderr


def test_environment_faults_are_one_line_and_exit_2(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    one_line_failure(briefgen("build", EXAMPLES, "-o", tmp_path / "file", "--date", "2026-11-22"),
                     str(tmp_path / "file"), "already exists")
    one_line_failure(briefgen("build", EXAMPLES, "-o", tmp_path / "file" / "out", "--date", "2026-11-22"),
                     str(tmp_path / "file" / "out"), "is a file, not a folder")
    one_line_failure(briefgen("build", EXAMPLES, "-o", tmp_path / "out", "--date", "0001-01-01"),
                     "--date 0001-01-01: out of range (1970-01-01 to 2999-12-31)")
    one_line_failure(briefgen("build", EXAMPLES, "-o", tmp_path / "out", "--date", "1st of May"),
                     "--date 1st of May: not a date (use YYYY-MM-DD)")
    log = tmp_path / "logs" / "briefgen.log"
    one_line_failure(briefgen("build", EXAMPLES, "-o", tmp_path / "out", "--log-file", log,
                              env={"BRIEFGEN_MODELS": tmp_path / "file"}), str(tmp_path / "file"))
    assert " DEBUG traceback\nTraceback (most recent call last):" in log.read_text(), "the trace is in the log file"
    config = write_config(tmp_path, '[email]\nto = ["a@example.org"]\nfrom = "b@example.org"\n')
    assert briefgen("build", "-c", config, "--date", "2026-11-22").returncode == 0
    (tmp_path / "out" / "brief" / "brief.json").write_text('{"title": "x", "stories": [')
    one_line_failure(briefgen("send", "-c", config, "--date", "2026-11-22", "--dry-run"),
                     "brief.json: damaged brief, cannot send it")


def test_sigterm_deadline_and_a_stuck_lock_holder_are_named(tmp_path):
    config = write_config(tmp_path)
    run = briefgen("build", "-c", config, "--date", "2026-11-22", popen=True)
    for _ in range(600):  # until it is past the start-up, reading or building
        if (tmp_path / "briefgen.log").exists() and "ingest:" in (tmp_path / "briefgen.log").read_text():
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2 and "Traceback" not in stderr
    assert "ERROR stopped by SIGTERM (while: " in stderr and "the brief already published is untouched" in stderr
    assert "stopped by SIGTERM" in (tmp_path / "briefgen.log").read_text()

    from tests.servers import HANG, http_server

    with http_server({"/feed": HANG}) as base:  # a feed that never answers: only the run's deadline ends the night
        slow = write_config(tmp_path, "[run]\ndeadline_minutes = 0.05\n[fetch]\ntimeout = 30\n")
        slow.write_text(slow.read_text().replace("[sources]\n", f'[sources]\nfeeds = ["{base}/feed"]\n'))
        started = time.monotonic()
        late = briefgen("build", "-c", slow, "--date", "2026-11-22")
    one_line_failure(late, "the run passed its 0.05-minute deadline", "(while: ")
    assert time.monotonic() - started < 30

    (tmp_path / "state").mkdir(exist_ok=True)
    lock_file = tmp_path / "state" / ".briefgen.lock"
    with open(lock_file, "w") as held:
        held.write("pid 4242 since 2026-11-20 05:00:00 UTC")
        held.flush()
        fcntl.flock(held, fcntl.LOCK_EX)
        stuck = briefgen("build", "-c", config, "--date", "2026-11-22")
    one_line_failure(stuck, "held by pid 4242 since 2026-11-20 05:00:00 UTC", "that run is stuck")


def test_a_full_disk_keeps_the_last_brief_whole(tmp_path):
    """A real tmpfs with room for one brief: publishing the next fails with one line and leaves the last whole."""
    out = tmp_path / "out"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=120k", "tmpfs", str(out)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        config = write_config(tmp_path)
        assert briefgen("build", "-c", config, "--date", "2026-11-22").returncode == 0
        full = briefgen("build", "-c", config, "--date", "2026-11-23", "--rebuild")
        one_line_failure(full, "the disk is full")
        assert night_of(out / "brief") == "2026-11-22"
        assert sorted(p.name for p in out.iterdir()) == sorted(["brief", os.readlink(out / "brief")]), "no leftovers"
    finally:
        subprocess.run(["umount", str(out)], check=True)
