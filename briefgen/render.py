"""Render a `Brief` to files: .html (Jinja2), .pdf (WeasyPrint), .md and brief.json; atomic, inert to article
content."""

from __future__ import annotations

import base64
import logging
import os
import re
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2

from briefgen import brief_json, chart, clauses
from briefgen.models import Brief, Claim, Dispute, Quote, Sentence, Story, plural
from briefgen.theme import LOGO_TYPES, Theme

log = logging.getLogger(__name__)

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BLUF_STORIES = 6  # "bottom line up front": one bullet per top story, at most six
CITE_CAP = 3  # citations in one list before "+N more": a list of sources never runs onto a second line
LINE_REFS = 2  # a "More stories" line cites its first two articles, then "+N more"
OUTLETS_CAP = 5  # outlets named in a story's line before "and N more"
# One-line entries under "More stories" and "Also in the news" in the PDF, the mail and the Markdown, the best
# ranked and the most recent: with the featured stories they keep a 1,000-article night within 12 pages and the
# render cost bounded by the page budget, not the story count (docs/brief.md). The HTML and brief.json list all.
PRINT_STORY_LINES = 30
PRINT_ARTICLE_LINES = 15


def logo_uri(theme: Theme) -> str:
    """The logo inlined as a data: URI, so the HTML stays one file and the PDF fetches nothing."""
    if theme.logo is None:
        return ""
    data = base64.b64encode(Path(theme.logo).read_bytes()).decode()
    return f"data:{LOGO_TYPES[Path(theme.logo).suffix.lower()]};base64,{data}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a killed run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide the brief from other readers
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- template context --------------------------------------------------------------------------------------------

def safe_url(url: str) -> str:
    """The URL if it is a plain http(s) link, else "": javascript:, file:, data: never become links."""
    url = (url or "").strip()
    if re.search(r"[\s<>\"'`\x00-\x1f\x7f]", url):
        return ""
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def long_date(text: str) -> str:
    """'2015-09-18' → '18 September 2015'; anything else is shown as given."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text or "")
    if not match or not 1 <= int(match[2]) <= 12:
        return text
    months = ("January February March April May June July August September October November December").split()
    return f"{int(match[3])} {months[int(match[2]) - 1]} {match[1]}"


def md_escape(text: str) -> str:
    """Backslash-escape Markdown syntax so article text stays text in chat tools (no links, images, HTML)."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", " ".join(str(text).split()))


def sections(brief: Brief, stories: list[Story] | None = None) -> list[tuple[str, list[Story]]]:
    """`stories` (default: the featured ones) under their topics in the topics' order, each topic's in rank
    order; without topics, one untitled group by rank."""
    chosen = [s for s in brief.stories if s.featured] if stories is None else stories
    if not brief.topics:
        return [("", chosen)] if chosen else []
    by_id = {s.id: s for s in chosen}
    placed: set[str] = set()
    groups = []
    for topic in brief.topics:
        members = [by_id[i] for i in topic.story_ids if i in by_id and i not in placed]
        placed.update(s.id for s in members)
        if members:
            groups.append((topic.label, members))
    rest = [s for s in chosen if s.id not in placed]
    if rest:
        groups.append(("Other stories", rest))
    return groups


def capped(ids, cap: int = CITE_CAP) -> tuple[list[str], int]:
    """The first `cap` distinct ids and how many more there are: "[17][18][19] +33 more"."""
    ids = list(dict.fromkeys(ids))
    return ids[:cap], max(0, len(ids) - cap)


def line_refs(story: Story) -> list[str]:
    """The articles a one-line story cites: the one its bottom line comes from first, then the summary's."""
    key = [story.key_sentence.article_id] if story.key_sentence else []
    return list(dict.fromkeys([*key, *(s.article_id for s in story.summary), *story.article_ids]))


def block_refs(story: Story) -> list[str]:
    """The articles a featured story's block cites, in the order the reader meets them (capped lists capped)."""
    return [*(s.article_id for s in story.summary),
            *(i for q in story.quotes for i in [q.article_id, *capped(q.also_in)[0]]),
            *(i for q in story.statements for i in [q.article_id, *capped(q.also_in)[0]]),
            *(i for f in story.facts for i in [f.sentence.article_id, *capped(corroborating(f))[0]]),
            *(c.article_id for d in story.disputes for c in d.values)]


def corroborating(fact) -> list[str]:
    """The articles whose sentences corroborate a fact."""
    return [c.article_id for c in fact.corroborated_by]


def printed(brief: Brief, featured: list[Story], lines: list[Story], also: list[str]) -> list[str]:
    """Every article cited on the page, in reading order."""
    return list(dict.fromkeys([*(i for s in featured for i in block_refs(s)),
                               *(i for s in lines for i in capped(line_refs(s), LINE_REFS)[0]), *also]))


def citations(brief: Brief) -> dict[str, int]:
    """Source numbers in order of first citation as the reader of the full brief meets them, so [1] comes first;
    then every other article (of the stories shown in one line), so every article read has a number."""
    featured = [s for _, group in sections(brief) for s in group]
    lines = [s for _, group in sections(brief, [s for s in brief.stories if not s.featured]) for s in group]
    order = printed(brief, featured, lines, list(brief.also_noted))
    rest = [i for s in [*featured, *lines] for i in s.article_ids] + [a.id for a in brief.articles]
    return {article_id: n for n, article_id in enumerate(dict.fromkeys([*order, *rest]), 1)}


def context(brief: Brief, theme: Theme, *, full: bool = True) -> dict:
    """Everything the templates show, computed once; templates only lay it out. `full` (the HTML) lists every
    story and article; otherwise (PDF, mail, Markdown) the lists stop after `PRINT_STORY_LINES` and
    `PRINT_ARTICLE_LINES` entries."""
    from briefgen import compose

    articles = {a.id: a for a in brief.articles}
    cite = citations(brief)
    groups = sections(brief)
    reading_order = [s for _, stories in groups for s in stories]
    number = {s.id: n for n, s in enumerate(reading_order, 1)}
    rest = [s for s in brief.stories if not s.featured]  # in rank order
    more = sections(brief, rest if full else rest[:PRINT_STORY_LINES])
    also = list(brief.also_noted if full else brief.also_noted[:PRINT_ARTICLE_LINES])
    lines = [s for _, stories in more for s in stories]

    def outlet(article_id: str) -> str:
        return articles[article_id].source or "unknown outlet"

    def outlets(ids) -> list[str]:
        return sorted({outlet(i) for i in ids})

    def disputed(story: Story, sentence: Sentence) -> list[Dispute]:
        """The story's disputes whose values this sentence carries: shown beside it, never as settled."""
        return [d for d in story.disputes
                if any((c.article_id, c.start) == (sentence.article_id, sentence.start) for c in d.values)]

    def claims(dispute: Dispute) -> list[Claim]:
        """One value per article (its first sentence carrying it), as the brief lists them."""
        first: dict[str, Claim] = {}
        for c in dispute.values:
            first.setdefault(c.article_id, c)
        return list(first.values())

    def differ(story: Story, sentence: Sentence) -> str:
        """'outlets differ on deaths: 12 (Reuters), 27 (BBC News), at least 40 (Anadolu Agency)', or ''."""
        return "; ".join(f"outlets differ on {d.what}: " + ", ".join(f"{c.value} ({outlet(c.article_id)})"
                                                                     for c in claims(d))
                         for d in disputed(story, sentence))

    def title(article_id: str) -> str:
        """The article's title, or its first words when it has none (verbatim, never an empty line)."""
        a = articles[article_id]
        words = a.text.split()
        return a.title or " ".join(words[:12]) + (" …" if len(words) > 12 else "")

    since = brief.stats.get("since_last")
    cited = cite if full else printed(brief, reading_order, lines, also)
    published = sorted(a.published[:10] for a in brief.articles if a.published)
    return {
        "brief": brief, "theme": theme, "logo": logo_uri(theme), "cite": cite, "articles": articles,
        "sections": groups, "number": number, "outlet": outlet, "outlets": outlets, "full": full,
        "disputed": disputed, "claims": claims, "differ": differ, "title": title,
        "leading_cue": lambda q: leading_cue(q, articles[q.article_id].text),
        # new/developing/unchanged mean something once there is an earlier brief (on the first, all are new)
        "show_status": not since or bool(since.get("previous_brief")),
        "focus": brief.manifest.get("config", {}).get("pick", {}).get("focus", []),
        "more": more, "more_hidden": len(rest) - len(lines), "also": also,
        "also_hidden": len(brief.also_noted) - len(also), "capped": capped, "line_refs": line_refs,
        "line_cap": LINE_REFS, "outlets_cap": OUTLETS_CAP, "ranking": compose.RANKING,
        "bluf": [s for s in brief.stories if s.featured and s.summary][:BLUF_STORIES],  # by rank
        "sources": [articles[i] for i in sorted(cited, key=cite.get)],
        "period": (published[0], published[-1]) if published else None,
        "chart": chart.coverage_svg([(f"{number[s.id]}. {s.headline}", [outlet(i) for i in s.article_ids])
                                     for s in reading_order]),
    }


def leading_cue(quote: Quote, text: str) -> str:
    """The cue "Who said what" shows before a statement ('Obama — said he would …'), or '' when the statement reads
    on its own: a claim the article wrote before its attribution ('A man was killed …, Ansa reported') or an
    'according to' claim (whose cue without its source reads 'Rowe — according to 94 percent …')."""
    if quote.kind == "direct":
        return quote.cue
    before = text[max(0, quote.start - 80):quote.start]
    follows = quote.cue != "according to" and re.search(rf"\b{re.escape(quote.cue)}\b[^.!?“”\"\n]{{0,60}}$", before)
    return quote.cue if follows else ""


def quoted(quote: Quote) -> str:
    """A direct quote in quote marks; a mixed quote is a reported clause that carries its own marks."""
    return quote.text if quote.kind == "mixed" else f"“{quote.text}”"


def environment(templates: Path | None = None) -> jinja2.Environment:
    """User templates first, then the built-in ones; autoescape on (off only for .md/.txt), undefined is an error.

    A user template can extend the built-in one of the same name as "builtin/<name>" and override its blocks.
    """
    paths = [str(p) for p in (templates, BUILTIN_TEMPLATES) if p]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(paths),
                                    jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))})]),
        autoescape=jinja2.select_autoescape(disabled_extensions=("md.j2", "txt.j2"), default=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(safe_url=safe_url, long_date=long_date, md=md_escape, quoted=quoted, count=plural,
                       shown=clauses.shown,
                       host=lambda url: urlsplit(url).hostname or "")
    return env


def render_html(brief: Brief, theme: Theme = Theme(), templates: Path | None = None,
                template: str = "brief.html.j2", *, full: bool = True) -> str:
    """The HTML brief; `full=False` is the page-budgeted version the PDF is printed from."""
    return environment(templates).get_template(template).render(context(brief, theme, full=full))


def render_email_html(brief: Brief, theme: Theme = Theme(), templates: Path | None = None) -> str:
    """The compact brief for an email body: inline styles, no SVG, no images."""
    return render_html(brief, theme, templates, "brief_email.html.j2", full=False)


def render_markdown(brief: Brief, theme: Theme = Theme(), templates: Path | None = None) -> str:
    """Markdown for chat tools; article text is escaped so it can form no link, image or HTML."""
    return environment(templates).get_template("brief.md.j2").render(context(brief, theme, full=False))


def render_text(brief: Brief, theme: Theme = Theme()) -> str:
    """Plain text: the alternative part of an email."""
    return environment().get_template("brief.txt.j2").render(context(brief, theme, full=False))


# --- PDF ---------------------------------------------------------------------------------------------------------

def _fetcher(roots: list[Path]):
    from weasyprint.urls import URLFetcher

    class FolderFetcher(URLFetcher):
        """data: URLs, and file: URLs inside the template folders; never the network or other files."""

        def fetch(self, url, headers=None):
            if url.lower().startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"refused {url}: outside the template folders")
            return super().fetch(url, headers)

    return FolderFetcher(allowed_protocols={"data", "file"})


def _document(html: str, templates: Path | None = None):
    import weasyprint

    # The logo is already inlined as a data: URI, so the template folders are all a brief may read.
    roots = [Path(p).resolve() for p in (templates, BUILTIN_TEMPLATES) if p]
    return weasyprint.HTML(string=html, base_url=str(roots[0]) + "/", url_fetcher=_fetcher(roots)).render()


def render_pdf(html: str, templates: Path | None = None) -> bytes:
    """PDF bytes; the fetcher may read only the template folders (and data: URLs)."""
    return _document(html, templates).write_pdf()


def write_brief(brief: Brief, outdir: Path, *, theme: Theme = Theme(), templates: Path | None = None,
                stem: str = "brief") -> dict[str, Path]:
    """Render everything first, then write each file atomically: a failed render leaves the old brief whole.
    (The nightly run publishes the files as one set instead: see publish.py.)"""
    outdir = Path(outdir)
    files = render_files(brief, theme, templates)
    paths = {kind: outdir / f"{stem}.{kind}" for kind in files}
    for kind, data in files.items():
        write_atomic(paths[kind], data)
    log.info("render: wrote %s", ", ".join(str(p) for p in paths.values()))
    return paths


def render_files(brief: Brief, theme: Theme = Theme(), templates: Path | None = None) -> dict[str, bytes]:
    """Every file of the brief, as bytes, by kind."""
    from briefgen import progress

    makers = {
        "html": lambda: render_html(brief, theme, templates).encode(),
        "pdf": lambda: render_pdf(render_html(brief, theme, templates, full=False), templates),
        "json": lambda: brief_json.dumps(brief, citations(brief)),
        "md": lambda: render_markdown(brief, theme, templates).encode(),
    }
    return {kind: make() for kind, make in progress.bar(makers.items(), desc="render", total=len(makers),
                                                         unit="file")}


def bench_pdf(n_stories: int = 30, repeat: int = 3) -> dict:
    """Seconds to render a synthetic brief of `n_stories` stories to HTML and to PDF (best of `repeat`)."""
    from briefgen import sample

    brief = sample.synthetic_brief(n_stories)
    best_html = best_pdf = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        html = render_html(brief, full=False)
        best_html = min(best_html, time.perf_counter() - started)
        started = time.perf_counter()
        document = _document(html)
        document.write_pdf()
        best_pdf = min(best_pdf, time.perf_counter() - started)
    return {"stories": n_stories, "articles": len(brief.articles), "pages": len(document.pages),
            "html_s": round(best_html, 3), "pdf_s": round(best_pdf, 3)}
