import os
import re
import subprocess
import sys

import pytest

from briefgen import config as cfg
from briefgen.models import BriefgenError
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "briefgen.toml"


def test_the_example_config_loads_with_paths_relative_to_it():
    config = cfg.load(EXAMPLE)
    assert config.sources.folders == (str(ROOT / "examples" / "articles"),)
    assert config.output.folder == ROOT / "out"
    assert config.state == ROOT / ".state"
    assert config.email.sender == "briefgen@example.org" and config.email.security == "starttls"
    assert config.pick.focus == ("cyber security", "US–China relations")
    assert config.history.similarity == 0.75
    assert config.output.name.format(date="2026-11-23") == "brief-2026-11-23"


def test_every_error_is_reported_at_once(tmp_path):
    (tmp_path / "b.toml").write_text("""
title = 3
colour = "red"
[sources]
folders = "articles"
feeds = ["https://example.org/rss"]
[window]
hours = "24"
[output]
name = "{title}-{date}"
[email]
to = []
security = "tls"
port = 5.5
pasword_env = "X"
[cluster]
story_days = -2
[pick]
focus = ["x"]
[focus]
topics = "flood defences"
""")
    with pytest.raises(BriefgenError) as error:
        cfg.load(tmp_path / "b.toml")
    message = str(error.value)
    for expected in ["title: expected a string", "colour: unknown key", "[sources] folders: expected a list",
                     "[window] hours: expected a number", "[output] name: '{title}-{date}' may use only {date}",
                     "[email] to: at least one recipient",
                     "[email] from: the sender", "[email] security: 'tls' is not one of starttls, ssl, none",
                     "[email] port: expected an integer", "[email] pasword_env: unknown key",
                     "[cluster] story_days: must not be negative", "[pick] focus: unknown key (use [focus]",
                     '[focus]: expected a table with one key, topics = ["…", …]']:
        assert expected in message, expected
    assert message.startswith(f"{tmp_path / 'b.toml'}: 13 errors")


def test_the_theme_is_checked_with_the_rest_of_the_config(tmp_path):
    (tmp_path / "t.toml").write_text('[theme]\naccent = "red; } body { display: none"\npage_size = "A5"\n'
                                     'logo = "missing.png"\n[email]\nport = "x"\n')
    with pytest.raises(BriefgenError) as error:
        cfg.load(tmp_path / "t.toml")
    lines = str(error.value).splitlines()
    assert lines[0].endswith("6 errors")  # three in [theme], three in [email]
    assert "  [theme] accent 'red; } body { display: none' is not a CSS colour (e.g. '#0b3d5c' or 'navy')" in lines
    assert "  [theme] page_size 'A5' must be one of A4, Letter" in lines
    assert f"  [theme] logo {tmp_path / 'missing.png'}: no such file" in lines


def test_urls_stay_urls_and_secrets_are_only_names(tmp_path):
    (tmp_path / "c.toml").write_text('[sources]\nfeeds = ["https://example.org/rss", "local.xml"]\n'
                                     '[email]\nto = ["a@example.org"]\nfrom = "b@example.org"\n'
                                     'password_env = "SMTP_PASSWORD"\n')
    config = cfg.load(tmp_path / "c.toml")
    assert config.sources.feeds == ("https://example.org/rss", str(tmp_path / "local.xml"))
    assert config.email.password_env == "SMTP_PASSWORD"


def test_broken_toml_and_missing_file_are_named(tmp_path):
    (tmp_path / "d.toml").write_text("[sources\nfolders = [")
    with pytest.raises(BriefgenError, match="d.toml: not valid TOML"):
        cfg.load(tmp_path / "d.toml")
    with pytest.raises(BriefgenError, match="nope.toml: config file not found"):
        cfg.load(tmp_path / "nope.toml")


def test_manifest_data_gives_back_the_same_config():
    config = cfg.load(EXAMPLE)
    again = cfg.from_data(cfg.as_data(config))
    assert again.digest() == config.digest()
    assert again == cfg.Config(**{**{f: getattr(config, f) for f in config.__slots__}, "path": None})


def test_check_reads_sources_without_loading_the_model():
    env = {**os.environ, "BRIEFGEN_SMTP_USER": "u", "BRIEFGEN_SMTP_PASSWORD": "p"}
    code = ("import sys; from briefgen import cli\n"
            "try:\n    cli.main(['check', '-c', sys.argv[1]])\nexcept SystemExit as e:\n"
            "    print('exit', e.code, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=120)
    assert result.stdout.strip() == "exit 0 False False", result.stderr
    assert "folder " + str(ROOT / "examples" / "articles") + ": 5 articles, 0 problems" in result.stderr


def test_check_names_missing_credentials_and_bad_config(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_SMTP")}
    result = subprocess.run([sys.executable, "-m", "briefgen", "check", "-c", str(EXAMPLE)], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 1
    assert "BRIEFGEN_SMTP_USER, BRIEFGEN_SMTP_PASSWORD is not set" in result.stderr
    (tmp_path / "bad.toml").write_text("[window]\nhours = -1\n")
    result = subprocess.run([sys.executable, "-m", "briefgen", "build", "-c", str(tmp_path / "bad.toml")],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert "[window] hours: must not be negative" in result.stderr


def test_brief_featured_is_read_and_checked(tmp_path):
    assert cfg.parse({}, base=tmp_path).brief.featured == 5  # the default measured in docs/brief.md
    assert cfg.parse({"brief": {"featured": 9}}, base=tmp_path).brief.featured == 9
    for value, expected in [(0, "[brief] featured: at least one story"),
                            (-1, "[brief] featured: must not be negative"),
                            ("six", "[brief] featured: expected an integer"),
                            (2.5, "[brief] featured: expected an integer")]:
        with pytest.raises(BriefgenError, match=re.escape(expected)):
            cfg.parse({"brief": {"featured": value}}, base=tmp_path)
    with pytest.raises(BriefgenError, match=re.escape("[brief] pages: unknown key (known: featured)")):
        cfg.parse({"brief": {"pages": 12}}, base=tmp_path)


def test_values_out_of_range_are_named_before_any_work(tmp_path):
    (tmp_path / "b.toml").write_text("""
[window]
hours = 1e12
[fetch]
timeout = 0
max_bytes = 10
[history]
similarity = 7.0
lookback_days = 100000000
[email]
to = ["a@example.org"]
from = "b@example.org"
port = 280310
retries = 1000
backoff = 1e300
[cluster]
story_similarity = inf
""")
    with pytest.raises(BriefgenError) as error:
        cfg.load(tmp_path / "b.toml")
    lines = str(error.value).splitlines()[1:]
    assert [line.strip() for line in lines] == [
        "[window] hours: 1e+12 is out of range (0 to 8784)",
        "[fetch] timeout: 0 is out of range (0.5 to 600)",
        "[fetch] max_bytes: 10 is out of range (1024 to 1073741824)",
        "[history] similarity: 7 is out of range (0 to 1)",
        "[history] lookback_days: 100000000 is out of range (0 to 3660)",
        "[email] port: 280310 is out of range (1 to 65535)",
        "[email] retries: 1000 is out of range (0 to 20)",
        "[email] backoff: 1e+300 is out of range (0 to 3600)",
        "[cluster] story_similarity: must be a finite number, got inf",
    ]
