"""Unattended runs end to end: two nights against a local feed server and SMTP server, lock, atomic outputs,
manifest rebuild, the CLI's exit codes. Real model, real WeasyPrint, real SQLite."""

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections import Counter
from email.utils import format_datetime
from pathlib import Path

import pytest

from briefgen import commands, config as cfg, nightly
from briefgen.models import BriefgenError
from briefgen.store import Store
from tests.conftest import EXAMPLES, ROOT
from tests.servers import HANG, http_server, smtp_server

pytestmark = pytest.mark.slow

NIGHT_1 = dt.datetime(2026, 11, 22, 5, 0, tzinfo=dt.timezone.utc)
NIGHT_2 = dt.datetime(2026, 11, 23, 5, 0, tzinfo=dt.timezone.utc)

FLOOD_1 = {
    "gazette": ("Port Elwick council votes to raise harbour flood wall",
                "Port Elwick's harbour council voted on Saturday night to raise the town's flood wall by two metres "
                "after three winter storms breached it. Councillors approved the plan by nine votes to four. "
                "\"We cannot ask families on the quay to bail out their homes every winter,\" said mayor Ruth Hale. "
                "The flood wall was built in 1962 and has been breached five times since 2019."),
    "courier": ("Elwick flood wall to rise two metres after storm breaches",
                "The harbour council in Port Elwick has backed a two-metre rise of the flood wall that storms broke "
                "through three times this winter. The vote was nine to four after a four-hour debate. Mayor Ruth "
                "Hale said families on the quay could not keep bailing out their homes. Opponents said the higher "
                "flood wall would cut the harbour off from the town."),
    "herald": ("Harbour flood wall plan passes in Port Elwick",
               "Port Elwick councillors voted to raise the harbour flood wall by two metres, answering residents "
               "whose homes flooded in three storms this winter. The plan passed nine votes to four on Saturday. "
               "Engineers will now draw up designs for the higher flood wall along the quay."),
}
NURSES_1 = {
    "gazette": ("Nurses at Elwick General walk out over pay",
                "Nurses at Elwick General Hospital began a 48-hour strike on Saturday after pay talks with the "
                "health board collapsed. The nurses' union says wards are short of 120 nurses. Planned operations "
                "were cancelled and the emergency department is running with reduced staff during the strike."),
    "courier": ("Hospital strike: Elwick General nurses stop work for two days",
                "Two days of strike action by nurses started at Elwick General Hospital after the health board's "
                "pay offer of 3 percent was rejected by the nurses' union. Hundreds of planned operations have been "
                "postponed. Union officials said 120 nursing posts at the hospital are empty."),
    "herald": ("Elwick nurses strike as hospital pay talks fail",
               "Nurses at Elwick General Hospital are on strike for 48 hours after talks over pay with the health "
               "board broke down. The nurses' union rejected a 3 percent offer and says the hospital lacks 120 "
               "nurses. Operations have been cancelled during the strike."),
}
FLOOD_2 = {
    "gazette": ("Contractor named for Port Elwick flood wall, cost put at £40 million",
                "Port Elwick's harbour council has named Keel Marine as the contractor to raise the town's flood "
                "wall by two metres, at a cost of £40 million. Work on the flood wall along the quay starts in "
                "March and should end before next winter's storms, the council said. Mayor Ruth Hale said the "
                "higher flood wall would protect 600 homes on the harbour."),
    "courier": ("Elwick flood wall contract goes to Keel Marine",
                "Keel Marine will raise Port Elwick's harbour flood wall by two metres under a £40 million contract "
                "approved by the council. The flood wall was breached three times by storms this winter. Building "
                "starts in March along the quay, the harbour council said."),
    "herald": ("£40m flood wall works for Port Elwick harbour to start in March",
               "The two-metre rise of the Port Elwick harbour flood wall will cost £40 million and start in March, "
               "the council said as it named Keel Marine to do the work. Residents of the quay whose homes flooded "
               "this winter welcomed the timetable for the new flood wall."),
}
CHIPS_2 = {
    "gazette": ("Government orders export licences for advanced chips",
                "The government will require export licences for advanced computer chips and the machines that "
                "make them from January, the trade ministry said on Sunday. Chipmakers will have to apply for a "
                "licence for each shipment of high-end processors to 14 countries."),
    "courier": ("Chipmakers face licence rule for exports of advanced processors",
                "Exports of advanced computer chips and chipmaking machines will need a government licence from "
                "January, the trade ministry announced. The rule covers shipments of high-end processors to 14 "
                "countries, and chipmakers warned it could slow their sales abroad."),
    "herald": ("New export controls on computer chips from January",
               "Advanced computer chips will need an export licence from January under rules announced by the "
               "trade ministry on Sunday. Shipments of high-end processors and chipmaking equipment to 14 "
               "countries are covered by the new export controls."),
    "ledger": ("Trade ministry sets chip export licences",
               "From January, chipmakers must hold a licence to export advanced computer chips to 14 countries, "
               "the trade ministry said. The export licence rule also covers the machines used to make "
               "high-end processors."),
}
UNDATED = ("About the Harbour Gazette", "The Harbour Gazette has reported on Port Elwick and its quay for more than "
           "a hundred years, and is owned by its readers' cooperative.")
OUTLETS = {"gazette": "Harbour Gazette", "courier": "Elwick Courier", "herald": "Coast Herald",
           "ledger": "Trade Ledger"}


def rss(outlet: str, items: list[tuple[str, str, dt.datetime | None]]) -> tuple[str, bytes]:
    entries = "".join(
        f"<item><title>{title}</title><link>https://{outlet}.example/{abs(hash(title)) % 10**8}</link>"
        + (f"<pubDate>{format_datetime(when)}</pubDate>" if when else "")
        + f"<description>{body}</description></item>"
        for title, body, when in items)
    xml = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{OUTLETS[outlet]}</title>' \
          f"{entries}</channel></rss>"
    return "application/rss+xml", xml.encode()


def night_1_feeds() -> dict:
    at = NIGHT_1 - dt.timedelta(hours=6)
    return {f"/{o}.rss": rss(o, [(*FLOOD_1[o], at), (*NURSES_1[o], at + dt.timedelta(hours=1))]
                              + ([(*UNDATED, None)] if o == "gazette" else []))
            for o in ("gazette", "courier", "herald")} | {"/ledger.rss": HANG}


def night_2_feeds() -> dict:
    """Feeds keep yesterday's items (outside the 24-hour window now) beside tonight's."""
    old, at = NIGHT_1 - dt.timedelta(hours=6), NIGHT_2 - dt.timedelta(hours=5)
    feeds = {f"/{o}.rss": rss(o, [(*FLOOD_1[o], old), (*FLOOD_2[o], at), (*CHIPS_2[o], at + dt.timedelta(hours=1))]
                              + ([(*UNDATED, None)] if o == "gazette" else []))
             for o in ("gazette", "courier", "herald")}
    return feeds | {"/ledger.rss": rss("ledger", [(*CHIPS_2["ledger"], at)])}


def write_config(folder: Path, base: str, smtp_port: int) -> Path:
    feeds = ", ".join(f'"{base}/{o}.rss"' for o in ("gazette", "courier", "herald", "ledger"))
    path = folder / "briefgen.toml"
    path.write_text(f"""title = "Harbour brief"
[sources]
feeds = [{feeds}]
[window]
hours = 24
[output]
folder = "out"
[state]
folder = "state"
[fetch]
timeout = 1
[email]
to = ["ana@example.org", "ben@example.org"]
from = "briefgen@example.org"
host = "127.0.0.1"
port = {smtp_port}
security = "none"
retries = 0
[log]
file = "logs/briefgen.log"
""")
    return path


def test_two_nights_mark_new_and_developing_stories_and_nobody_gets_a_mail_twice(tmp_path, embedder):
    routes = night_1_feeds()
    with http_server(routes) as base, smtp_server() as (mailbox, smtp_port):
        config = cfg.load(write_config(tmp_path, base, smtp_port))
        with Store(config.state) as store:
            first = nightly.build(config, embedder=embedder, store=store, now=NIGHT_1, email=True)
            rerun = nightly.build(config, embedder=embedder, store=store, now=NIGHT_1 + dt.timedelta(minutes=20),
                              email=True)
            routes.clear()
            routes.update(night_2_feeds())
            second = nightly.build(config, embedder=embedder, store=store, now=NIGHT_2, email=True)
            # `briefgen send` of the same brief later that morning: read back from brief.json, nobody mailed...
            resend = nightly.send_existing(config, date="2026-11-23", store=store)
            assert resend.sent == () and resend.already == ("ana@example.org", "ben@example.org")
            forced = nightly.send_existing(config, date="2026-11-23", store=store, force=True)  # ...unless forced
            assert forced.sent == ("ana@example.org", "ben@example.org")

    # Night 1: two stories, both new; the hanging feed is named and the run still mailed everyone.
    assert sorted(s.status for s in first.brief.stories) == ["new", "new"]
    assert [f.source for f in first.brief.failures] == [f"{base}/ledger.rss"]
    assert "timed out" in first.brief.failures[0].reason
    assert first.exit_code == nightly.SOURCE_ERRORS
    assert first.delivery.sent == ("ana@example.org", "ben@example.org")
    assert rerun.delivery.sent == () and rerun.delivery.already == ("ana@example.org", "ben@example.org")

    # Night 2: the flood wall story continues under its id; the chip story is new; nothing failed.
    flood_1 = next(s for s in first.brief.stories if "flood wall" in s.headline.lower())
    status = {s.headline: s for s in second.brief.stories}
    flood_2 = next(s for h, s in status.items() if "flood wall" in h.lower())
    chips = next(s for h, s in status.items() if "chip" in h.lower())
    assert (flood_2.status, flood_2.id, flood_2.first_seen) == ("developing", flood_1.id, "2026-11-22")
    assert (chips.status, chips.first_seen) == ("new", "2026-11-23")
    assert len(chips.article_ids) == 4
    assert second.exit_code == nightly.DONE and second.brief.failures == ()
    titles = {a.title for a in second.brief.articles}
    assert not titles & {t for t, _ in FLOOD_1.values()}, "yesterday's items are outside the window"
    assert UNDATED[0] in {a.title for a in first.brief.articles}
    assert UNDATED[0] not in titles, "an undated item an earlier brief showed is not shown again"
    since = second.brief.stats["since_last"]
    assert since["previous_brief"] == "2026-11-22"
    [developing] = since["developing"]
    assert developing["id"] == flood_1.id and sorted(developing["new_article_ids"]) == sorted(flood_2.article_ids)
    assert [n["id"] for n in since["new"]] == [chips.id]

    # What reached the disk and the mailboxes.
    data = json.loads(second.files["json"].read_text())
    assert {s["id"]: s["status"] for s in data["stories"]} == {flood_1.id: "developing", chips.id: "new"}
    assert data["stats"]["since_last"]["previous_brief"] == "2026-11-22"
    html = second.files["html"].read_text()
    since_section = html[html.index("Since the last brief"):html.index("Bottom line up front")]
    assert f'href="#story-{flood_1.id}"' in since_section and "developing" in since_section
    assert f'href="#story-{chips.id}"' in since_section and "new" in since_section
    assert "Since the last brief" not in first.files["html"].read_text()  # nothing to compare on night 1
    assert first.files["pdf"].exists(), "yesterday's brief is still there"
    assert second.files["pdf"].name == "brief-2026-11-23.pdf"
    for person in ("ana@example.org", "ben@example.org"):
        mails = mailbox.to(person)
        subjects = Counter(m["Subject"] for m in mails[:-1])  # the last one is the --force resend
        assert subjects == {"Harbour brief — 2026-11-22": 1, "Harbour brief — 2026-11-23": 1}
        assert mails[-1]["Subject"] == "Harbour brief — 2026-11-23"
        for mail in mails[1:]:  # the night-2 brief and its forced resend: the same PDF
            [pdf] = list(mail.iter_attachments())
            assert pdf.get_content() == second.files["pdf"].read_bytes()
        assert "Keel Marine" in mails[-1].get_body(("plain",)).get_content()
        night_1 = mails[0]  # the failed feed is named in the body, not only in the attached PDF
        for kind in ("plain", "html"):
            assert f"1 source could not be read: {base}/ledger.rss" in night_1.get_body((kind,)).get_content()
            assert "could not be read" not in mails[1].get_body((kind,)).get_content()


def test_a_night_with_only_old_news_fails_clearly_and_sends_nothing(tmp_path, embedder):
    old = NIGHT_1 - dt.timedelta(days=3)
    routes = {"/gazette.rss": rss("gazette", [(*FLOOD_1["gazette"], old)]), "/courier.rss": HANG,
              "/herald.rss": HANG, "/ledger.rss": HANG}
    with http_server(routes) as base, smtp_server() as (mailbox, smtp_port):
        config = cfg.load(write_config(tmp_path, base, smtp_port))
        with Store(config.state) as store, pytest.raises(BriefgenError,
                                                         match="none of the 1 articles read is from the last 24 h"):
            nightly.build(config, embedder=embedder, store=store, now=NIGHT_1, email=True)
    assert mailbox.messages == [] and not (tmp_path / "out").exists()


def test_a_second_run_while_one_holds_the_lock_exits_cleanly(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nA body long enough to be an article about the harbour.\n")
    (tmp_path / "briefgen.toml").write_text('[sources]\nfolders = ["a.txt"]\n[state]\nfolder = "state"\n')
    config = cfg.load(tmp_path / "briefgen.toml")
    with nightly.lock(config):
        result = subprocess.run([sys.executable, "-m", "briefgen", "build", "-c", str(tmp_path / "briefgen.toml")],
                                capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0
    assert "another briefgen run holds" in result.stderr and f"pid {os.getpid()}" in result.stderr
    assert not (tmp_path / "out").exists()
    with nightly.lock(config):  # released by the first holder: free again
        pass


def test_a_failed_write_keeps_yesterdays_brief_whole(tmp_path, example_brief, monkeypatch):
    from briefgen import render

    brief, _ = example_brief
    config = cfg.Config()
    files = nightly.write(brief, tmp_path, config, "brief-2015-09-18")
    before = {p.name: p.read_bytes() for p in files.values()}
    listing = sorted(p.name for p in tmp_path.iterdir())

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed while printing the PDF")

    monkeypatch.setattr(render, "render_pdf", killed)
    with pytest.raises(KeyboardInterrupt):
        nightly.write(brief, tmp_path, config, "brief-2015-09-18")
    assert {p.name: p.read_bytes() for p in files.values()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing, "nothing added, nothing lost"


def test_the_manifest_rebuilds_the_same_brief(tmp_path, example_brief, embedder):
    brief, files = example_brief
    manifest = json.loads(files["json"].read_text())["manifest"]
    assert manifest["model"] == "all-MiniLM-L6-v2-int8" and manifest["briefgen"] == "0.1.0"
    assert manifest["model_revision"].startswith("sha256:") and len(manifest["model_revision"]) == 71
    assert manifest["article_ids"] == sorted(a.id for a in brief.articles)
    assert set(manifest["packages"]) >= {"sentence-transformers", "hdbscan", "torch", "weasyprint"}
    assert len(manifest["config_sha256"]) == 64 and manifest["config"]["cluster"] == manifest["cluster"]

    again = commands.rebuild(files["json"], tmp_path / "rebuilt", embedder=embedder)
    original, rebuilt = json.loads(files["json"].read_text()), json.loads(again.files["json"].read_text())
    for key in ("title", "date", "generated_at", "stories", "also_noted", "articles", "topics"):
        assert rebuilt[key] == original[key], key
    assert rebuilt["manifest"]["article_ids"] == manifest["article_ids"]
    assert rebuilt["manifest"]["config_sha256"] != "" and again.files["json"].name == files["json"].name


def test_cli_without_config_still_builds_like_make_brief_and_send_needs_a_brief(tmp_path):
    result = subprocess.run([sys.executable, "-m", "briefgen", "build", "examples/articles", "-o", str(tmp_path),
                             "--title", "US–China cyber tensions", "--date", "2015-09-18", "--log-file",
                             str(tmp_path.parent / "logs" / "briefgen.log")],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    logged = (tmp_path.parent / "logs" / "briefgen.log").read_text()
    assert " INFO ingest: 5 articles" in logged and " 5 articles, 0 failed sources; exit 0" in logged
    assert " INFO run: brief: 1 story, 5 articles," in logged  # a first night: no "(0 new, 0 developing)"
    kinds = ("html", "pdf", "json", "md")
    assert result.stdout.split() == [str(tmp_path / "brief" / f"brief.{kind}") for kind in kinds]
    assert sorted(p.name for p in (tmp_path / "brief").iterdir()) == sorted(f"brief.{kind}" for kind in kinds)
    [generation] = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert (tmp_path / "brief").resolve().name == generation, "no lock file, temporary file or folder is left behind"
    (tmp_path / "c.toml").write_text('[sources]\nfolders = ["x"]\n[email]\nto = ["a@example.org"]\n'
                                     'from = "b@example.org"\n')
    result = subprocess.run([sys.executable, "-m", "briefgen", "send", "-c", str(tmp_path / "c.toml"), "--date",
                             "2015-09-18"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "brief-2015-09-18.json: no brief for 2015-09-18" in result.stderr


def test_a_rerun_over_the_same_inputs_keeps_the_brief_and_a_change_rebuilds_it(tmp_path, embedder):
    import dataclasses

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("presstv-obama-retaliatory-actions.txt", "scmp-internet-weaponised-cybersecurity-pact.txt"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    config = cfg.Config(title="Rerun", sources=cfg.Sources(folders=(str(folder),)))
    config = dataclasses.replace(config, output=dataclasses.replace(config.output, folder=tmp_path / "out"))
    now = dt.datetime(2015, 9, 18, 5, tzinfo=dt.timezone.utc)
    first = nightly.build(config, embedder=embedder, store=None, now=now)
    pdf_bytes, pdf_mtime = first.files["pdf"].read_bytes(), first.files["pdf"].stat().st_mtime_ns
    again = nightly.build(config, embedder=embedder, store=None, now=now + dt.timedelta(minutes=5))
    assert again.brief.manifest["inputs_sha256"] == first.brief.manifest["inputs_sha256"]
    assert again.brief.generated_at == first.brief.generated_at, "the brief already written was kept"
    assert again.files["pdf"].stat().st_mtime_ns == pdf_mtime and again.files["pdf"].read_bytes() == pdf_bytes
    forced = nightly.build(config, embedder=embedder, store=None, now=now + dt.timedelta(minutes=10), rebuild=True)
    assert forced.brief.generated_at != first.brief.generated_at
    (folder / "voa-obama-to-push-chinese-president.txt").write_bytes(
        (EXAMPLES / "voa-obama-to-push-chinese-president.txt").read_bytes())
    changed = nightly.build(config, embedder=embedder, store=None, now=now + dt.timedelta(minutes=15))
    assert len(changed.brief.articles) == 3 and changed.brief.manifest["inputs_sha256"] != first.brief.manifest[
        "inputs_sha256"]


def on_a_terminal(command: list[str]) -> str:
    """What `command` shows on stderr when it is a 120-column pseudo-terminal; it must exit 0."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a new pty is 0 columns wide
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower) as process:
        os.close(follower)
        terminal = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed its end
                break
            if not chunk:
                break
            terminal += chunk
        assert process.wait(timeout=300) == 0, terminal.decode(errors="replace")[-2000:]
    os.close(leader)
    return terminal.decode(errors="replace")


def test_progress_bars_on_a_terminal_and_none_under_a_pipe(tmp_path):
    """stderr on a pseudo-terminal: a bar per long stage, then each stage's log line; on a pipe (cron): the log
    lines alone, with no carriage return or bar in them; with -q on a terminal: nothing at all."""
    command = [sys.executable, "-m", "briefgen", "build", "examples/articles", "--date", "2015-09-18"]
    shown = on_a_terminal([*command, "-o", str(tmp_path / "tty")])
    for stage, unit in (("ingest", "source"), ("embed", "text"), ("pick", "stor"), ("render", "file")):
        assert re.search(rf"{stage}:\s+\d+%\|.*\| \d+/\d+ \[.*{unit}", shown), stage
    assert "INFO ingest: 5 articles" in shown and "INFO publish: " in shown
    assert "INFO cluster: 5 articles → 1 story in 1 topic," in shown  # never "1 stories in 1 topics"
    assert on_a_terminal([*command, "-q", "-o", str(tmp_path / "quiet")]) == ""

    piped = subprocess.run([*command, "-o", str(tmp_path / "pipe")], cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    assert piped.returncode == 0, piped.stderr
    assert "\r" not in piped.stderr and "%|" not in piped.stderr
    assert "INFO ingest: 5 articles" in piped.stderr and "INFO publish: " in piped.stderr
