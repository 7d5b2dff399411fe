"""The deployment recipe of examples/ as an operator follows it: the crontab line under an empty environment,
the systemd units verified, the config loading from where they expect it; and the CLI habits cron relies on
(quiet on a clean night, problems only otherwise, mail checked before any work)."""

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from briefgen import cli, config as cfg
from briefgen.models import BriefgenError
from tests.conftest import EXAMPLES, ROOT

DEPLOY = ROOT / "examples"


def crontab() -> tuple[dict[str, str], str]:
    """The crontab's variable lines and its one job's command (what cron hands to /bin/sh)."""
    lines = [line for line in (DEPLOY / "crontab").read_text().splitlines() if line and not line.startswith("#")]
    variables = dict(line.split("=", 1) for line in lines if re.fullmatch(r"[A-Z_]+=\S*", line))
    [job] = [line for line in lines if line not in {f"{k}={v}" for k, v in variables.items()}]
    return variables, job.split(None, 5)[5]


def test_the_crontab_line_hands_the_smtp_env_to_briefgen_under_an_empty_environment(tmp_path):
    variables, command = crontab()
    env_file = tmp_path / "smtp.env"
    shutil.copy(DEPLOY / "smtp.env.example", env_file)
    stub = tmp_path / "briefgen"  # stands in for the installed briefgen: records what it was given
    stub.write_text(f'#!/bin/sh\nenv > {tmp_path}/env.txt\necho "$@" > {tmp_path}/args.txt\n')
    stub.chmod(0o755)
    command = command.replace("/etc/briefgen/smtp.env", str(env_file)).replace("/opt/briefgen/.venv/bin/briefgen",
                                                                                str(stub))
    assert "/etc/briefgen/briefgen.toml" in command
    cron_env = [f"{k}={v}" for k, v in variables.items()]
    done = subprocess.run(["env", "-i", *cron_env, "/bin/sh", "-c", command], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == done.stderr == ""
    env = dict(line.split("=", 1) for line in (tmp_path / "env.txt").read_text().splitlines() if "=" in line)
    assert env["BRIEFGEN_SMTP_USER"] == "briefgen@example.org" and env["BRIEFGEN_SMTP_PASSWORD"] == "change-me"
    assert env["BRIEFGEN_MODELS"] == "/var/cache/briefgen/models" and env["HF_HUB_OFFLINE"] == "1"
    assert (tmp_path / "args.txt").read_text().split() == ["-q", "build", "-c", "/etc/briefgen/briefgen.toml",
                                                           "--email"]
    # The trap it avoids: sourced without `set -a`, the file sets the variables for the shell only.
    (tmp_path / "env.txt").unlink()
    bare = command.replace("set -a && ", "").replace(" && set +a", "")
    subprocess.run(["env", "-i", *cron_env, "/bin/sh", "-c", bare], check=True)
    assert "BRIEFGEN_SMTP_PASSWORD" not in (tmp_path / "env.txt").read_text()


def test_the_systemd_units_verify_and_run_as_a_user_without_a_home(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    unit = (DEPLOY / "briefgen.service").read_text()
    for needed in ("User=briefgen", "StateDirectory=briefgen", "CacheDirectory=briefgen", "LogsDirectory=briefgen",
                   "BRIEFGEN_MODELS=/var/cache/briefgen/models", "XDG_CACHE_HOME=/var/cache/briefgen",
                   "EnvironmentFile=/etc/briefgen/smtp.env", "-c /etc/briefgen/briefgen.toml"):
        assert needed in unit, needed
    briefgen = str(Path(sys.executable).parent / "briefgen")  # the installed entry point of this environment
    if not os.access(briefgen, os.X_OK):
        pytest.skip("no installed briefgen to point ExecStart at")
    (tmp_path / "briefgen.service").write_text(unit.replace("/opt/briefgen/.venv/bin/briefgen", briefgen)
                                               .replace("EnvironmentFile=/etc", "EnvironmentFile=-/etc"))
    shutil.copy(DEPLOY / "briefgen.timer", tmp_path)
    done = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "briefgen.service"),
                           str(tmp_path / "briefgen.timer")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr  # an unknown key is only a warning: none


def test_the_nightly_config_works_from_where_the_crontab_and_unit_read_it(tmp_path):
    etc = tmp_path / "etc" / "briefgen"
    etc.mkdir(parents=True)
    shutil.copy(DEPLOY / "nightly.toml", etc / "briefgen.toml")
    config = cfg.load(etc / "briefgen.toml")
    assert config.sources.folders == ("/var/lib/briefgen/articles",)
    assert (config.output.folder, config.state, config.log_file) == (
        Path("/var/lib/briefgen/out"), Path("/var/lib/briefgen/state"), Path("/var/log/briefgen/briefgen.log"))
    assert config.email.password_env == "BRIEFGEN_SMTP_PASSWORD" and config.window.hours == 24
    assert "smtp.env" in (ROOT / ".gitignore").read_text().split()


def run(*args, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "briefgen", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env={**os.environ, **(env or {})})


def test_quiet_prints_nothing_on_a_clean_night_and_only_the_problem_otherwise(tmp_path):
    config = tmp_path / "briefgen.toml"
    config.write_text(f'[sources]\nfolders = ["{EXAMPLES}"]\n[output]\nfolder = "out"\n[state]\nfolder = "state"\n'
                      f'[log]\nfile = "briefgen.log"\n')
    clean = run("-q", "build", "-c", config, "--date", "2026-11-22")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")
    assert "INFO run: brief-2026-11-22: 1 story" in (tmp_path / "briefgen.log").read_text(), "the log keeps it all"
    config.write_text(config.read_text().replace(f'["{EXAMPLES}"]', f'["{EXAMPLES}", "{tmp_path}/gone.txt"]'))
    failed = run("build", "-c", config, "--date", "2026-11-23", "-q")
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr.splitlines() == [f"ERROR {tmp_path}/gone.txt: no such file or folder"]
    loud = run("-v", "build", "-c", config, "--date", "2026-11-23", "--rebuild")
    assert loud.stdout.split()[0] == str(tmp_path / "out" / "brief-2026-11-23" / "brief-2026-11-23.html")
    assert "DEBUG publish: staged" in loud.stderr


def test_mail_that_cannot_be_sent_fails_before_any_work(tmp_path):
    config = tmp_path / "briefgen.toml"
    config.write_text(f'[sources]\nfolders = ["{EXAMPLES}"]\n[output]\nfolder = "out"\n')
    no_section = run("build", "-c", config, "--email")
    assert no_section.returncode == 2 and no_section.stderr.splitlines() == [
        f"ERROR {config}: no [email] section: nothing to mail to"]
    config.write_text(config.read_text() + '[email]\nto = ["a@example.org"]\nfrom = "b@example.org"\n'
                                           'username_env = "BG_USER"\npassword_env = "BG_PASSWORD"\n')
    unset = run("build", "-c", config, "--email", env={"BG_USER": "u"})
    assert unset.returncode == 2 and unset.stderr.splitlines() == [
        "ERROR email: environment variable BG_PASSWORD is not set (SMTP credentials)"]
    assert not (tmp_path / "out").exists(), "nothing was read, built or written"


def test_check_gives_its_verdict_last(tmp_path):
    config = tmp_path / "briefgen.toml"
    config.write_text(f'[sources]\nfolders = ["{EXAMPLES}", "{tmp_path}/gone.txt"]\n'
                      f'[output]\nfolder = "{tmp_path}/file/out"\n[email]\nto = ["a@example.org"]\n'
                      f'from = "b@example.org"\nusername_env = "BG_USER"\n')
    (tmp_path / "file").write_text("")
    result = run("check", "-c", config)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert lines[-1] == f"ERROR check: {config}: 3 problems found; build would not run cleanly"
    for problem in ("gone.txt: no such file or folder", "file is a file, not a folder",
                    "BG_USER is not set"):
        assert sum(problem in line for line in lines[:-1]) == 1, problem
    config.write_text(f'[sources]\nfolders = ["{EXAMPLES}"]\n')
    good = run("check", "-c", config)
    assert good.returncode == 0 and good.stderr.splitlines()[-1] == f"INFO check: {config}: valid, every source " \
                                                                     "readable; ready to build"


def test_the_command_line_behaves_like_the_tools_people_know():
    assert run("--version").stdout == "briefgen, version 0.1.0\n"
    for args in (["-h"], ["build", "-h"], ["check", "--help"], ["send", "-h"]):
        assert run(*args).returncode == 0 and "Usage: " in run(*args).stdout
    help_text = run("-h").stdout
    users, developers = help_text.split("Developer commands:")
    assert {"build", "check", "send"} <= set(re.findall(r"^  (\w+)", users, re.M))
    assert set(re.findall(r"^  (\w+)", developers, re.M)) == {"bench", "eval"}

    def options(command: click.Command):
        yield from ((command.name, p) for p in command.params if isinstance(p, click.Option))
        for sub in getattr(command, "commands", {}).values():
            yield from options(sub)

    undescribed = [f"{name} {p.opts[0]}" for name, p in options(cli.main) if not p.help]
    assert undescribed == [], "every option is described in --help"


def test_dates_are_normalised_and_the_default_is_the_local_day():
    assert cli.parse_date("20261201") == cli.parse_date("2026-12-01") == "2026-12-01"
    assert cli.parse_date(None) == dt.date.today().isoformat()
    from zoneinfo import ZoneInfo

    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11: never the same day
        config = cfg.Config(run=cfg.Run(timezone=zone))
        assert cli.parse_date(None, config) == dt.datetime.now(ZoneInfo(zone)).date().isoformat()
    with pytest.raises(BriefgenError, match=r"\[run\] timezone: 'Mars/Olympus' is not a time zone name"):
        cfg.parse({"run": {"timezone": "Mars/Olympus"}}, base=ROOT)
