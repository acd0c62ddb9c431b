"""Pure renderers of an Analysis, and what they share: highlights by offset, metric and explanation summaries.

render.json (hype.analysis/1), render.text (terminal), render.markdown, render.html and render.charts
(PNG bytes) are pure functions of an Analysis: same input, same output, no files touched.
hype.report writes them into a report folder.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Iterable

from . import i18n


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Attribute or key: renderers accept Span/Figure objects as well as their dicts."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A marked stretch of the document: a rhetoric span or a figure, with its note number."""
    kind: str          # "span" | "figure"
    start: int
    end: int
    obj: Any           # the Span or Figure (object or dict)
    sentence: int      # index of the sentence it belongs to
    number: int        # footnote number, 1-based, in reading order

    @property
    def text(self) -> str:
        return str(_get(self.obj, "text", ""))

    @property
    def category(self) -> str:
        return str(_get(self.obj, "category", "")) if self.kind == "span" else ""


def collect_highlights(analysis: Any) -> list[Highlight]:
    """Every span and figure of every sentence, clipped to its sentence, numbered in reading order.
    Empty or out-of-range ones are dropped (a renderer never fails on a stray offset)."""
    raw: list[tuple[int, int, int, int, str, Any]] = []
    n_text = len(analysis.text)
    for s in analysis.sentences:
        lo, hi = max(0, s.start), min(s.end, n_text)
        for order, (kind, items) in enumerate((("span", s.spans or []), ("figure", s.figures or []))):
            for obj in items:
                try:
                    a, b = int(_get(obj, "start")), int(_get(obj, "end"))
                except (TypeError, ValueError):
                    continue
                a, b = max(a, lo), min(b, hi)
                if a < b:
                    raw.append((a, -b, order, s.index, kind, obj))
    raw.sort(key=lambda r: r[:4])
    return [Highlight(kind, a, -nb, obj, si, i + 1) for i, (a, nb, _, si, kind, obj) in enumerate(raw)]


def nesting_key(h: Highlight) -> tuple:
    """Outer highlights first: earlier start, then longer, then spans before figures."""
    return (h.start, -h.end, 0 if h.kind == "span" else 1, h.number)


def segments(start: int, end: int, highlights: Iterable[Highlight]) -> list[tuple[int, int, list[Highlight]]]:
    """Split [start, end) at every highlight boundary; each piece lists the highlights covering it,
    outermost first.  Overlapping highlights thus become properly nested elements per piece."""
    hs = [h for h in highlights if h.start < end and h.end > start]
    cuts = sorted({start, end} | {min(max(p, start), end) for h in hs for p in (h.start, h.end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a < b:
            out.append((a, b, sorted((h for h in hs if h.start <= a and h.end >= b), key=nesting_key)))
    return out


def source_title(analysis: Any, lang: str) -> str:
    if not analysis.source:
        return i18n.t(lang, "untitled")
    return PurePath(str(analysis.source)).name or str(analysis.source)


def paragraphs(analysis: Any) -> list[list[Any]]:
    """Sentences grouped by paragraph, in document order."""
    groups: list[list[Any]] = []
    last = None
    for s in sorted(analysis.sentences, key=lambda s: s.start):
        if last is None or s.paragraph != last:
            groups.append([])
            last = s.paragraph
        groups[-1].append(s)
    return groups


# --- metrics --------------------------------------------------------------------------------------------------

_PERCENT_METRICS = ("rhetoric_share", "projection_share")
_SKIP_METRICS = {"hype_index", "verdict", "top_phrases", "figures"}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def hype_index(analysis: Any) -> float | None:
    m = analysis.metrics or {}
    v = m.get("hype_index")
    return float(v) if _is_number(v) else None


def verdict(analysis: Any) -> tuple[str | None, str | None]:
    """(code, label) of the verdict, or (None, None)."""
    v = (analysis.metrics or {}).get("verdict")
    if isinstance(v, dict):
        code, label = v.get("code"), v.get("label")
        return (None if code is None else str(code)), (None if label is None else str(label))
    if isinstance(v, str):
        return v, v
    return None, None


def metric_items(analysis: Any, lang: str) -> list[tuple[str, str, str]]:
    """(key, label, value) for the scalar metrics and the figure counts, known ones first."""
    m = analysis.metrics or {}
    out: list[tuple[str, str, str]] = []
    known = ("rhetoric_share", "fact_density", "projection_share", "sentiment_balance")
    for key in list(known) + sorted(k for k in m if k not in known):
        if key not in m or key in _SKIP_METRICS:
            continue
        v = m[key]
        label = i18n.STRINGS[lang].get(key, key.replace("_", " "))
        if v is None:
            out.append((key, label, "–"))
        elif _is_number(v):
            if key in _PERCENT_METRICS:
                out.append((key, label, i18n.format_percent(v, lang)))
            elif key == "sentiment_balance":
                out.append((key, label, ("+" if v > 0 else "") + i18n.format_number(v, lang, 2)))
            else:
                out.append((key, label, i18n.format_number(v, lang, 2)))
        elif isinstance(v, str):
            out.append((key, label, v))
    figs = m.get("figures")
    if figs is not None:
        out.append(("figures", i18n.t(lang, "figures_counts"), figure_counts_text(figs, lang)))
    return out


def figure_counts_text(figs: Any, lang: str) -> str:
    if _is_number(figs):
        return i18n.format_number(figs, lang)
    if not isinstance(figs, dict):
        return str(figs)
    total = figs.get("total", figs.get("n"))
    parts = []
    for k, v in figs.items():
        if k in ("total", "n"):
            continue
        if _is_number(v):
            if v:
                name = (i18n.KIND_NAMES[lang].get(k) or i18n.QUALIFIER_WORDS[lang].get(k)
                        or i18n.STRINGS[lang].get(k) or k.replace("_", " "))
                parts.append(f"{name} {i18n.format_number(v, lang)}")
        elif isinstance(v, dict):
            sub = ", ".join(f"{i18n.KIND_NAMES[lang].get(a) or i18n.QUALIFIER_WORDS[lang].get(a) or a} "
                            f"{i18n.format_number(b, lang)}" for a, b in v.items() if _is_number(b) and b)
            if sub:
                parts.append(sub)
    head = i18n.format_number(total, lang) if _is_number(total) else ""
    if head and parts:
        return f"{head} ({'; '.join(parts)})"
    return head or "; ".join(parts) or "–"


def top_phrases(analysis: Any) -> list[tuple[str, str | None, Any]]:
    """(text, category, count) of metrics.top_phrases (strings or dicts)."""
    out = []
    for p in (analysis.metrics or {}).get("top_phrases") or []:
        if isinstance(p, str):
            out.append((p, None, None))
        elif isinstance(p, dict):
            text = p.get("text") or p.get("phrase")
            if text:
                out.append((str(text), p.get("category"), p.get("count", p.get("n"))))
        elif isinstance(p, (list, tuple)) and p:
            out.append((str(p[0]), None, p[1] if len(p) > 1 else None))
    return out


# --- explanations ---------------------------------------------------------------------------------------------

def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def why_items(analysis: Any, sentence: Any, lang: str, k: int = 3) -> list[tuple[str | None, str | None]]:
    """(quoted text, cue name) of the k strongest contributions towards rhetoric in a sentence."""
    contribs = (sentence.explanations or {}).get("rhetoric") or []
    positive = sorted((c for c in contribs if _is_number(c.get("weight")) and c["weight"] > 0),
                      key=lambda c: -c["weight"])[:k]
    out = []
    for c in positive:
        a, b = c.get("start"), c.get("end")
        quoted = shorten(analysis.text[a:b], 40) if isinstance(a, int) and isinstance(b, int) and a < b else None
        if c.get("kind") == "word":
            out.append((quoted or str(c.get("feature")), None))
        else:
            out.append((quoted, i18n.cue_name(lang, str(c.get("feature")))))
    return out


def claims(analysis: Any) -> list[dict[str, Any]] | None:
    return analysis.claims_to_check


def claim_figure_texts(claim: dict[str, Any]) -> list[str]:
    out = []
    for f in claim.get("figures") or []:
        if isinstance(f, str):
            out.append(f)
        elif isinstance(f, dict) and f.get("text"):
            out.append(str(f["text"]))
        elif getattr(f, "text", None):
            out.append(str(f.text))
    return out


def span_counts(analysis: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in analysis.sentences:
        for sp in s.spans or []:
            c = str(_get(sp, "category", ""))
            counts[c] = counts.get(c, 0) + 1
    return counts
