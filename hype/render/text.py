"""Plain-text renderer for people reading a terminal."""
from __future__ import annotations

import textwrap

from ..analysis import Analysis

QUALIFIER_WORDS = {
    "en": {"exact": "exact", "upper_bound": "upper bound", "lower_bound": "lower bound", "approximate": "approx."},
    "de": {"exact": "genau", "upper_bound": "Obergrenze", "lower_bound": "Untergrenze", "approximate": "ungefähr"},
}


def format_value(value: float | None, kind: str = "count") -> str:
    """Compact number for tables: 65000000000 → 65bn; years and dates stay as they are."""
    if value is None:
        return "–"
    if kind not in ("year", "date"):
        for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
            if abs(value) >= scale:
                return f"{value / scale:.4g}{word}"
    return f"{value:,.10g}" if kind not in ("year", "date") else f"{value:g}"


def _scores_line(scores: dict) -> str:
    parts = []
    if isinstance(scores.get("rhetoric"), (int, float)):
        parts.append(f"rhetoric {100 * scores['rhetoric']:.0f}%")
    for task in ("claim", "sentiment"):
        sc = scores.get(task)
        if isinstance(sc, dict) and sc.get("label") in (sc.get("probabilities") or {}):
            parts.append(f"{task} {sc['label']} ({100 * sc['probabilities'][sc['label']]:.0f}%)")
    return " · ".join(parts)


def render_text(analysis: Analysis, *, width: int = 100) -> str:
    """A terminal view: the article's hype index, then every sentence with its scores, rhetoric spans and
    figures. Labels are English, as all command-line messages are; quotes are the article's own words."""
    words = QUALIFIER_WORDS["en"]
    head = (f"{analysis.source or '<text>'}: language {analysis.language}, "
            f"{len(analysis.sentences)} sentences, {len(analysis.figures)} figures")
    m = analysis.metrics or {}
    if isinstance(m.get("hype_index"), (int, float)):
        verdict = m.get("verdict") if isinstance(m.get("verdict"), dict) else {}
        band = str(verdict.get("code", "")).replace("_", " ")
        head += f"; hype index {m['hype_index']:.0f}/100" + (f" ({band})" if band else "")
    lines = [head]
    for w in analysis.warnings:
        lines.append(f"warning: {w}")
    for s in analysis.sentences:
        lines.append("")
        wrapped = textwrap.wrap(s.text, width=width - 8) or [""]
        lines.append(f"[{s.index + 1:>3}] ¶{s.paragraph + 1:<3} " + wrapped[0])
        lines.extend(" " * 11 + w for w in wrapped[1:])
        if s.scores:
            lines.append(f"{'':11}= {_scores_line(s.scores)}")
        for sp in s.spans or ():
            lines.append(f"{'':11}✱ {sp.category:<15} “{sp.text}”")
        for f in s.figures:
            unit = f.unit or (f.noun or "")
            rng = f"–{format_value(f.high, f.kind)}" if f.high is not None else ""
            lines.append(
                f"{'':11}↳ {f.kind:<15} {format_value(f.value, f.kind)}{rng} {unit:<10} "
                f"{words.get(f.qualifier, f.qualifier):<12} “{f.text}”"
            )
    return "\n".join(lines) + "\n"
