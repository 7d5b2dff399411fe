"""Coverage chart: articles per story, stacked by outlet, as inline SVG markup (no network, no fonts fetched)."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup, escape

# Okabe–Ito colours: told apart with the common colour-vision deficiencies, and in greyscale print by order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D1F")
OTHER = "#B0B0B0"
MAX_ROWS = 15  # more rows than this stop being a glance (and outgrow half a page): the rest are counted in a note
# Each story is a label line above its bar, so a phone can shrink the chart to its width and keep it legible.
WIDTH, ROW, BAR, SIZE = 420, 34, 11, 14
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
CHAR_W = 0.58 * SIZE  # average advance of DejaVu Sans on headlines, measured; labels are cut before they overflow


def _clip(text: str, width: float) -> str:
    limit = int(width / CHAR_W)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def coverage_svg(rows: list[tuple[str, list[str]]], title: str = "Articles per story, by outlet") -> Markup:
    """rows: (label, outlet of each article) per story, in reading order. Returns escaped, self-contained SVG."""
    if not rows:
        return Markup("")
    shown = rows[:MAX_ROWS]
    totals = Counter(outlet for _, outlets in rows for outlet in outlets)
    named = [o for o, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[: len(PALETTE)]]
    colour = {o: c for o, c in zip(named, PALETTE)}
    has_other = any(o not in colour for _, outlets in shown for o in outlets)
    legend = [(o, colour[o]) for o in named] + ([("other outlets", OTHER)] if has_other else [])

    # Legend wraps into lines of at most WIDTH; each entry is a swatch and its (clipped) name.
    parts, x, y = [], 0.0, 14
    for name, fill in legend:
        label = _clip(name, 200)
        w = SIZE + 6 + len(label) * CHAR_W + 24
        if x and x + w > WIDTH:
            x, y = 0.0, y + SIZE + 8
        parts.append(f'<rect x="{x:.0f}" y="{y - SIZE + 2}" width="{SIZE}" height="{SIZE}" fill="{fill}"/>'
                     f'<text x="{x + SIZE + 5:.0f}" y="{y}" {FONT} font-size="{SIZE}" fill="#333">'
                     f'{escape(label)}</text>')
        x += w
    top = y + 10
    most = max(len(outlets) for _, outlets in shown)
    unit = (WIDTH - 30) / most
    for n, (label, outlets) in enumerate(shown):
        ry = top + n * ROW
        parts.append(f'<text x="0" y="{ry + SIZE + 4}" {FONT} font-size="{SIZE}" fill="#222">'
                     f'{escape(_clip(label, WIDTH))}</text>')
        counts = Counter(o if o in colour else "other outlets" for o in outlets)
        bx, by = 0.0, ry + SIZE + 9
        for name, fill in legend:
            if counts[name]:
                w = counts[name] * unit
                parts.append(f'<rect x="{bx:.1f}" y="{by}" width="{w - 1:.1f}" height="{BAR}" fill="{fill}">'
                             f'<title>{escape(name)}: {counts[name]}</title></rect>')
                bx += w
        parts.append(f'<text x="{bx + 4:.1f}" y="{by + BAR - 1}" {FONT} font-size="{SIZE}" fill="#222">'
                     f'{len(outlets)}</text>')
    height = top + len(shown) * ROW + 4
    if len(rows) > len(shown):
        parts.append(f'<text x="0" y="{height + SIZE}" {FONT} font-size="{SIZE}" fill="#555">'
                     f'and {len(rows) - len(shown)} more stories not drawn</text>')
        height += SIZE + 8
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
                  f'width="{WIDTH}" height="{height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
                  + "".join(parts) + "</svg>")
