"""Render a `Brief` to files: brief.json (the data), brief.html (Jinja2), brief.pdf (WeasyPrint); atomic writes."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

import jinja2

from briefgen import compose
from briefgen.models import Brief, Sentence

log = logging.getLogger(__name__)

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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


def _span(s: Sentence) -> dict:
    return {"text": s.text, "article_id": s.article_id, "start": s.start, "end": s.end}


def to_data(brief: Brief) -> dict:
    """The whole brief as plain data: every quoted or cited text is at [start:end] of its article's text."""
    return {
        "title": brief.title,
        "date": brief.date,
        "generated_at": brief.generated_at,
        "stats": brief.stats,
        "topics": [{"id": t.id, "label": t.label, "story_ids": list(t.story_ids)} for t in brief.topics],
        "stories": [
            {
                "id": s.id,
                "headline": s.headline,
                "rank": s.rank,
                "topic": s.topic,
                "status": s.status,
                "article_ids": list(s.article_ids),
                "summary": [_span(x) for x in s.summary],
                "quotes": [{"text": q.text, "speaker": q.speaker, "cue": q.cue, "kind": q.kind,
                            "article_id": q.article_id, "start": q.start, "end": q.end, "also_in": list(q.also_in)}
                           for q in s.quotes],
                "facts": [{**_span(f.sentence), "kinds": list(f.kinds), "corroborated_by": list(f.corroborated_by)}
                          for f in s.facts],
            }
            for s in brief.stories
        ],
        "also_noted": list(brief.also_noted),
        "articles": [{"id": a.id, "title": a.title, "source": a.source, "url": a.url, "published": a.published,
                      "text": a.text} for a in brief.articles],
        "failures": [{"source": f.source, "reason": f.reason} for f in brief.failures],
        "manifest": brief.manifest,
    }


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """User templates first, then the built-in ones; autoescape on, undefined variables are errors."""
    paths = [str(p) for p in (user_templates, BUILTIN_TEMPLATES) if p]
    return jinja2.Environment(loader=jinja2.FileSystemLoader(paths), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def citations(brief: Brief) -> dict[str, int]:
    """Source numbers in order of first citation, so [1] is the first source the reader meets."""
    order: dict[str, int] = {}
    for story in brief.stories:
        for article_id in [*(s.article_id for s in story.summary), *(q.article_id for q in story.quotes),
                           *(i for q in story.quotes for i in q.also_in),
                           *(f.sentence.article_id for f in story.facts), *story.article_ids]:
            order.setdefault(article_id, len(order) + 1)
    for article_id in brief.also_noted:
        order.setdefault(article_id, len(order) + 1)
    return order


def render_html(brief: Brief, user_templates: Path | None = None, template: str = "brief.html.j2") -> str:
    cite = citations(brief)
    articles = {a.id: a for a in brief.articles}
    sources = sorted(cite, key=cite.get)
    return environment(user_templates).get_template(template).render(
        brief=brief, cite=cite, articles=articles, sources=[articles[i] for i in sources],
        outlets=lambda story: compose.outlets(story, articles))


def render_pdf(html: str, base: Path | None = None) -> bytes:
    import weasyprint
    from weasyprint.urls import URLFetcher

    # Only inline data: URLs; article HTML can never make the PDF fetch the network or read local files.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, base_url=str(base or BUILTIN_TEMPLATES), url_fetcher=fetcher).write_pdf()


def write_brief(brief: Brief, outdir: Path, user_templates: Path | None = None) -> dict[str, Path]:
    outdir = Path(outdir)
    html = render_html(brief, user_templates)
    files = {
        "json": (outdir / "brief.json", json.dumps(to_data(brief), ensure_ascii=False, indent=2).encode()),
        "html": (outdir / "brief.html", html.encode()),
        "pdf": (outdir / "brief.pdf", render_pdf(html)),
    }
    for path, data in files.values():
        write_atomic(path, data)
    log.info("render: wrote %s", ", ".join(str(p) for p, _ in files.values()))
    return {kind: path for kind, (path, _) in files.items()}
