"""The settings: `briefgen.toml` loaded into a frozen `Config` (unknown keys and bad values all reported at once),
and the settings of each stage, which the stages import from here."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.models import BriefgenError, plural
from briefgen.theme import Theme


@dataclass(frozen=True, slots=True)
class Sources:
    folders: tuple[str, ...] = ()  # folders and single article files (.txt .md .html .json .jsonl .xml)
    feeds: tuple[str, ...] = ()  # RSS/Atom: files or http(s) URLs
    url_lists: tuple[str, ...] = ()  # text files with one article URL a line, each fetched and extracted


@dataclass(frozen=True, slots=True)
class Window:
    hours: float = 0.0  # keep articles published in the last `hours` before the run; 0 keeps everything
    keep_undated: bool = True  # articles with no date are kept unless an earlier brief already showed them


@dataclass(frozen=True, slots=True)
class Output:
    folder: Path = Path("out")
    name: str = "brief-{date}"  # file stem; {date} is the brief's date
    templates: Path | None = None


@dataclass(frozen=True, slots=True)
class Fetch:
    timeout: float = 10.0  # seconds for a whole download, connection included
    max_bytes: int = 5 * 2**20  # a news page or feed over 5 MB is not one day's news
    user_agent: str = "briefgen/0.1 (+https://github.com/briefgen)"
    full_text: bool = False  # feed entries that are only a summary: fetch the linked page for the article


@dataclass(frozen=True, slots=True)
class History:
    lookback_days: int = 7  # stories of briefs up to this old can continue as "developing"
    # Centroid cosine above which two stories sharing no article are one story. wikinews-events dev, each
    # event's articles split in two halves by date (110 events): at 0.75, 55% of halves find their other half
    # and 7 of 11,990 cross-event pairs pass; 0.80: 36% and 3; 0.70: 66% and 12. Shared articles match first.
    similarity: float = 0.75


@dataclass(frozen=True, slots=True)
class Run:
    # A run still going after this long is stopped (exit 2): a stuck download or a full disk must not hold the
    # lock until the next night. The 1,063-article dev night takes ~3 minutes on 2 cores.
    deadline_minutes: float = 60.0
    timezone: str = ""  # the brief's date is today here (an IANA name, e.g. "Asia/Tokyo"); "": the machine's


@dataclass(frozen=True, slots=True)
class Email:
    to: tuple[str, ...] = ()
    sender: str = ""
    subject: str = "{title} — {date}"
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none
    username_env: str = ""  # names of environment variables: secrets never live in the file
    password_env: str = ""
    retries: int = 3
    backoff: float = 30.0  # seconds before the first retry; doubles each time


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Defaults calibrated once on the dev splits (wikinews-events for stories, duc2006 for topics); see
    docs/clustering.md."""

    lead_sentences: int = 3  # the dense view reads the title and lead: news puts the event first
    # Group-average similarity an article needs to join a story. On wikinews-events dev, 0.36–0.44 give BCubed F1
    # 0.855–0.874 with 7–13% noise; 0.40 is the middle of that plateau.
    story_similarity: float = 0.40
    # Group-average similarity between stories of one topic. Measured with the share below over 11 inputs of 12–48
    # topics (duc2006 + duc2007 dev, alone, concatenated, subsets): 0.36–0.40 give mean topic F1 0.930–0.936.
    topic_similarity: float = 0.38
    story_days: int = 7  # two articles dated more than a week apart report two events, however alike
    # Latent semantic dimensions: many for stories (specific words and names still count), few for topics (words
    # that share a theme count as one). Stories: this share of the dimensions blocks of similar articles hold above
    # chance (`cluster.local_dimensions`), at least story_dimensions: wikinews-events dev 0.873 alone and among both
    # DUC sets (96 and 183 counted), where a fixed 100 gave 0.873 and 0.821 (docs/clustering.md).
    story_dimension_share: float = 1.0
    story_dimensions: int = 100  # stories 50/100/150 → F1 0.822/0.870/0.855 on wikinews-events dev alone
    # Topics: this share of the dimensions the input holds above chance (`cluster.latent_dimensions`), so the space
    # grows with the themes it must keep apart; a fixed 30 merged unrelated topics once there were 48
    # (docs/clustering.md). Shares 0.65/0.7/0.75/0.8 → mean topic F1 0.929/0.936/0.936/0.939 at 0.38.
    topic_dimension_share: float = 0.7
    seed: int = 0  # the randomised SVD of the latent views and the sample large inputs are partitioned on
    # Largest block clustered exactly (n×n similarity): ~0.5 GB of matrices at 3,000; larger inputs are cut first.
    block_size: int = 3000


@dataclass(frozen=True, slots=True)
class PickConfig:
    summary_sentences: int = 4
    summary_words: int = 120  # length budget: the summary stops before exceeding it
    max_quotes: int = 4
    max_facts: int = 4
    lead_sentences: int = 12  # candidates come from each article's first sentences: news puts the point first
    min_words: int = 8
    redundancy: float = 0.8  # cosine above which two sentences say the same thing
    # Cosine at which another article's sentence reports the same fact. Calibrated on wikinews-events dev (30
    # events): of same-event sentence pairs that both carry numbers, those at ≥ 0.75 share a specific number 73%
    # of the time (57% at 0.70, 80% at 0.80); pairs from unrelated events never reach 0.55.
    corroboration: float = 0.75
    focus: tuple[str, ...] = ()  # topics the summary should lean towards (DUC: topic title and narrative)
    # Summary constants, chosen on DUC 2006 dev (ROUGE-2 0.104; halving or doubling any one scores 0.100–0.104):
    focus_weight: float = 0.7  # share of the focus topics in a sentence's relevance (the rest: the centroid)
    concept_min_df: int = 3  # a word pair counts as a concept of the story when this many articles use it
    focus_term_boost: float = 1.0  # a concept's weight grows by this per focus word it contains
    relevance_boost: float = 2.0  # how much a sentence's relevance multiplies the concepts it adds


@dataclass(frozen=True, slots=True)
class BriefConfig:
    # Stories shown in full; every other story gets one line under "More stories". On a real-volume dev night
    # (wikinews-events dev + duc2006 dev, 1,063 articles, 186 stories), with "Who said what" and disputes in each
    # story, the PDF has 10 pages with 4, 11 with 5, 12 with 6, 15 with 8: five keeps a page of room under the
    # 12-page budget (docs/brief.md).
    featured: int = 5


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    title: str = "Daily brief"
    sources: Sources = field(default_factory=Sources)
    window: Window = field(default_factory=Window)
    output: Output = field(default_factory=Output)
    theme: Theme = field(default_factory=Theme)
    fetch: Fetch = field(default_factory=Fetch)
    state: Path | None = None  # folder of the SQLite state file; None: no memory between runs
    history: History = field(default_factory=History)
    run: Run = field(default_factory=Run)
    email: Email | None = None
    brief: BriefConfig = field(default_factory=BriefConfig)
    log_file: Path | None = None
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    pick: PickConfig = field(default_factory=PickConfig)
    dask: str = ""  # [engine] dask: "local:N" (N processes here) or "tcp://HOST:PORT" (a scheduler); "": this process

    def digest(self) -> str:
        """sha256 of the resolved settings (no secrets are in them): equal digests, equal configuration."""
        return hashlib.sha256(json.dumps(as_data(self), sort_keys=True).encode()).hexdigest()


# TOML section → (dataclass, {toml key: field name}) ; keys absent from the map are the field names.
SECTIONS = {
    "sources": (Sources, {}),
    "window": (Window, {}),
    "output": (Output, {}),
    "theme": (Theme, {}),
    "fetch": (Fetch, {}),
    "history": (History, {}),
    "run": (Run, {}),
    "email": (Email, {"from": "sender"}),
    "brief": (BriefConfig, {}),
    "cluster": (ClusterConfig, {}),
    "pick": (PickConfig, {}),
}
PATH_FIELDS = {"folder", "templates", "logo"}
PATH_LIST_FIELDS = {"folders", "feeds", "url_lists"}  # URLs in them stay as they are
CHOICES = {"security": ("starttls", "ssl", "none")}  # the theme checks its own values
# Values outside these bounds are typos or units mixed up (ms for s), and some would crash a run half-way.
RANGES = {
    ("window", "hours"): (0, 24 * 366),
    ("fetch", "timeout"): (0.5, 600),
    ("fetch", "max_bytes"): (1024, 2**30),
    ("history", "lookback_days"): (0, 3660),
    ("history", "similarity"): (0.0, 1.0),
    ("run", "deadline_minutes"): (0.05, 24 * 60),
    ("email", "port"): (1, 65535),
    ("email", "retries"): (0, 20),
    ("email", "backoff"): (0, 3600),
}


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def load(path: str | Path) -> Config:
    path = Path(path).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BriefgenError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BriefgenError(f"{path}: not valid TOML ({e})") from None
    return parse(raw, base=path.parent, path=path)


SINGLE_KEY_TABLES = {"state": "folder", "log": "file", "focus": "topics", "engine": "dask"}  # [state] folder = "…" etc.


def parse(raw: dict, *, base: Path, path: Path | None = None) -> Config:
    """Every problem in one error: `file: [section] key: what is wrong`, one per line."""
    errors: list[str] = []
    known = sorted(["title", *SECTIONS, *SINGLE_KEY_TABLES])
    errors += [f"{key}: unknown key (known: {', '.join(known)})" for key in sorted(set(raw) - set(known))]
    values: dict = {"path": path, "state": (base / ".state").resolve()}  # the embedded default, beside the config
    if "title" in raw:
        values["title"] = _check("title", raw["title"], str, errors)
    single = {name: _single_key(raw, name, key, errors) for name, key in SINGLE_KEY_TABLES.items() if name in raw}
    if isinstance(single.get("state"), str):
        values["state"] = (base / single["state"]).resolve()
    if isinstance(single.get("log"), str) and single["log"]:
        values["log_file"] = (base / single["log"]).resolve()
    values["dask"] = single.get("engine") if isinstance(single.get("engine"), str) else ""
    for section, (cls, renames) in SECTIONS.items():
        if section in raw:
            values[section] = _section(section, raw[section], cls, renames, base, errors)
    if _is_strings(single.get("focus")):
        values["pick"] = dataclasses.replace(values.get("pick", PickConfig()), focus=tuple(single["focus"]))
    for where, template, fields in (("[output] name", values.get("output", Output()).name, {"date": "2026-11-23"}),
                                    ("[email] subject", getattr(values.get("email"), "subject", ""),
                                     {"title": "T", "date": "2026-11-23"})):
        try:
            filled = template.format(**fields)
        except (KeyError, IndexError, ValueError) as e:
            errors.append(f"{where}: {template!r} may use only {', '.join('{' + f + '}' for f in fields)} ({e})")
            continue
        if where == "[output] name" and ("/" in filled or not filled.strip(". ")):
            errors.append(f"{where}: {template!r} must be a file name without a folder")
    if values.get("brief", BriefConfig()).featured < 1:
        errors.append("[brief] featured: at least one story must be shown in full")
    zone = getattr(values.get("run"), "timezone", "")
    if zone:
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(zone)
        except (ValueError, KeyError, OSError):
            errors.append(f"[run] timezone: {zone!r} is not a time zone name (e.g. \"Europe/Paris\")")
    email = values.get("email")
    if email is not None and not email.to:
        errors.append("[email] to: at least one recipient is needed")
    if email is not None and not email.sender:
        errors.append("[email] from: the sender address is needed")
    if errors:
        raise BriefgenError(f"{path or 'config'}: {plural(len(errors), 'error')}\n"
                            + "\n".join(f"  {e}" for e in errors))
    return Config(**values)


def _single_key(raw: dict, name: str, key: str, errors: list[str]):
    table = raw[name]
    value = table.get(key) if isinstance(table, dict) and set(table) == {key} else None
    wanted = _is_strings(value) if key == "topics" else isinstance(value, str)
    if not wanted:
        example = '["…", …]' if key == "topics" else '"…"'
        errors.append(f"[{name}]: expected a table with one key, {key} = {example}")
        return None
    return value


def _section(name: str, table: object, cls, renames: dict, base: Path, errors: list[str]):
    """One [section] into its dataclass; `renames` maps TOML keys to field names (`from` → `sender`)."""
    if not isinstance(table, dict):
        errors.append(f"[{name}]: expected a table")
        return cls()
    fields = {f.name for f in dataclasses.fields(cls)} - {"focus"}  # focus has its own [focus] table
    keys = {**{f: f for f in fields if f not in renames.values()}, **renames}
    defaults, kwargs = cls(), {}
    for key, value in table.items():
        field_name = keys.get(key)
        where = f"[{name}] {key}"
        if field_name is None:
            hint = " (use [focus] topics)" if key == "focus" else ""
            errors.append(f"{where}: unknown key{hint} (known: {', '.join(sorted(keys))})")
        elif field_name in PATH_LIST_FIELDS:
            if _is_strings(value):
                kwargs[field_name] = tuple(v if is_url(v) else str((base / v).resolve()) for v in value)
            else:
                errors.append(f"{where}: expected a list of paths")
        elif field_name in PATH_FIELDS:
            if isinstance(value, str):
                kwargs[field_name] = (base / value).resolve() if value else None
            else:
                errors.append(f"{where}: expected a path (a string)")
        elif isinstance(getattr(defaults, field_name), tuple):
            if _is_strings(value):
                kwargs[field_name] = tuple(value)
            else:
                errors.append(f"{where}: expected a list of strings")
        else:
            checked = _check(where, value, type(getattr(defaults, field_name)), errors)
            if checked is None:
                continue
            number = isinstance(checked, (int, float)) and not isinstance(checked, bool)
            low, high = RANGES.get((name, key), (0, float("inf")))
            if field_name in CHOICES and checked not in CHOICES[field_name]:
                errors.append(f"{where}: {checked!r} is not one of {', '.join(CHOICES[field_name])}")
            elif number and not math.isfinite(checked):
                errors.append(f"{where}: must be a finite number, got {checked}")
            elif number and checked < 0:
                errors.append(f"{where}: must not be negative")
            elif number and not low <= checked <= high:
                errors.append(f"{where}: {_number(checked)} is out of range ({_number(low)} to {_number(high)})")
            else:
                kwargs[field_name] = checked
    try:
        return cls(**kwargs)
    except BriefgenError as e:  # values the section checks itself (the theme's colour, page size, logo)
        errors.extend(f"[{name}] {line.removeprefix(name + ' ')}" for line in str(e).splitlines())
        return cls()


def _check(where: str, value: object, kind: type, errors: list[str]):
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
    errors.append(f"{where}: expected {names.get(kind, kind.__name__)}, got {value!r}")
    return None


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _is_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def as_data(config: Config) -> dict:
    """Plain, JSON-ready data (paths as strings), for the manifest and the digest."""
    def plain(value):
        if dataclasses.is_dataclass(value):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, (tuple, list)):
            return [plain(v) for v in value]
        return str(value) if isinstance(value, Path) else value

    # where the file is and where the jobs run (dask) change nothing in the brief
    return {key: value for key, value in plain(config).items() if key not in ("path", "dask")}


def from_data(data: dict) -> Config:
    """The inverse of `as_data`: a manifest's recorded config, ready to rebuild with."""
    def restore(key: str, value):
        if isinstance(value, list):
            return tuple(value)
        if key in PATH_FIELDS | {"state", "log_file"} and value is not None:
            return Path(value)
        return value

    values = {}
    for key, value in data.items():
        cls = SECTIONS.get(key, (None,))[0]
        if cls is not None and value is not None:
            value = cls(**{k: restore(k, v) for k, v in value.items()})
        values[key] = restore(key, value) if cls is None else value
    return Config(**values)
