"""Write report folders: <out>/<slug>/report.html, report.md, report.json and chart PNGs.

Every file is written atomically (a temporary file in the same folder, then os.replace), so a reader
never sees a half-written report, and an interrupted run leaves the previous report intact.
"""
from __future__ import annotations

import os
import re
import secrets
import unicodedata
from pathlib import Path, PurePath
from typing import Any, Iterable, Sequence

FORMATS = ("html", "md", "json", "png")
CHART_PREFIX = "chart-"

_FOLD = str.maketrans({"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
                       "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i"})
_KNOWN_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")


def slugify(name: str, max_len: int = 60) -> str:
    """A folder name of [a-z0-9-] from a file name: "Müller Bericht.txt" → "muller-bericht"."""
    base = PurePath(str(name)).name
    for suffix in _KNOWN_SUFFIXES:
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    folded = unicodedata.normalize("NFKD", base.translate(_FOLD))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    slug = slug[:max_len].rstrip("-")
    return slug or "article"


def unique_slugs(names: Iterable[str]) -> list[str]:
    """Slugs for several inputs, de-duplicated in order: a, a-2, a-3, …"""
    seen: set[str] = set()
    out = []
    for name in names:
        base = slugify(name)
        slug, n = base, 2
        while slug in seen:
            slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        out.append(slug)
    return out


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write data to path via a temporary sibling file and os.replace (atomic on POSIX and Windows)."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    fmts = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ValueError(f"unknown report format {', '.join(bad) or '(none)'} (expected some of {', '.join(FORMATS)})")
    return fmts


def write_report(analysis: Any, out_dir: str | Path, formats: Sequence[str] = FORMATS, ui_lang: str | None = None,
                 *, slug: str | None = None) -> list[Path]:
    """Write one analysis's report into out_dir/<slug>/ and return the written paths."""
    from .render.html import render_html
    from .render.json import render_json
    from .render.markdown import render_markdown

    fmts = _check_formats(formats)
    folder = Path(out_dir) / (slug or slugify(analysis.source or "article"))
    folder.mkdir(parents=True, exist_ok=True)
    charts: dict[str, bytes] = {}
    if "html" in fmts or "png" in fmts:
        from .render.charts import render_charts

        charts = render_charts(analysis, ui_lang)
    written: list[Path] = []
    if "html" in fmts:
        written.append(atomic_write(folder / "report.html", render_html(analysis, ui_lang, charts=charts)))
    if "md" in fmts:
        written.append(atomic_write(folder / "report.md", render_markdown(analysis, ui_lang)))
    if "json" in fmts:
        written.append(atomic_write(folder / "report.json", render_json(analysis) + "\n"))
    if "png" in fmts:
        from .render.charts import CHART_NAMES

        for name in CHART_NAMES:
            target = folder / f"{CHART_PREFIX}{name}.png"
            if name in charts:
                written.append(atomic_write(target, charts[name]))
            elif target.exists():  # a chart of an earlier run that no longer has data
                target.unlink()
    return written


def write_reports(analyses: Sequence[Any], out_dir: str | Path, formats: Sequence[str] = FORMATS,
                  ui_lang: str | None = None) -> list[Path]:
    """Reports for several analyses; inputs whose names give the same slug get -2, -3, … folders."""
    slugs = unique_slugs(a.source or "article" for a in analyses)
    written: list[Path] = []
    for a, slug in zip(analyses, slugs):
        written += write_report(a, out_dir, formats, ui_lang, slug=slug)
    return written
