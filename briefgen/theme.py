"""The house style of a brief (organisation, logo, accent colour, marking, page size), checked when made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.models import BriefgenError

PAGE_SIZES = ("A4", "Letter")
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
              ".svg": "image/svg+xml", ".webp": "image/webp"}
MAX_LOGO_BYTES = 1_000_000  # a logo, not a photo: keeps every emailed PDF and HTML small


@dataclass(frozen=True, slots=True)
class Theme:
    """House style: checked when made, so a bad value fails before anything is read or rendered."""

    organisation: str = ""
    logo: Path | None = None
    accent: str = "#0b3d5c"
    marking: str = ""
    page_size: str = "A4"

    def __post_init__(self) -> None:
        if problems := self.problems():
            raise BriefgenError("\n".join(problems))

    def problems(self) -> list[str]:
        import tinycss2.color3

        found = []
        colour = tinycss2.color3.parse_color(self.accent)
        # Only a plain visible colour: the value is written into CSS, so nothing but a colour may pass.
        if not isinstance(colour, tinycss2.color3.RGBA) or colour.alpha == 0:
            found.append(f"theme accent {self.accent!r} is not a CSS colour (e.g. '#0b3d5c' or 'navy')")
        if self.page_size not in PAGE_SIZES:
            found.append(f"theme page_size {self.page_size!r} must be one of {', '.join(PAGE_SIZES)}")
        if self.logo is not None:
            logo = Path(self.logo)
            if logo.suffix.lower() not in LOGO_TYPES:
                found.append(f"theme logo {logo}: use one of {', '.join(sorted(LOGO_TYPES))}")
            elif not logo.is_file():
                found.append(f"theme logo {logo}: no such file")
            elif logo.stat().st_size > MAX_LOGO_BYTES:
                found.append(f"theme logo {logo}: larger than {MAX_LOGO_BYTES // 1000} kB")
        return found
