"""Pure renderers of an Analysis, and what they share: highlights by offset, metric and explanation summaries.

render.json (hype.analysis/1), render.text (terminal), render.markdown, render.html and render.charts
(PNG bytes) are pure functions of an Analysis: same input, same output, no files touched.
hype.report writes them into a report folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Iterable

from . import i18n


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Attribute or key: renderers accept Span/Figure objects as well as their dicts."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


class View:
    """Attribute access to an object or its dict form (Span/Figure objects and their to_dict() output)."""

    __slots__ = ("_obj",)

    def __init__(self, obj: Any):
        self._obj = obj

    def __getattr__(self, name: str) -> Any:
        return _get(self._obj, name)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A marked stretch of the document: a rhetoric span or a figure, with its note number."""
    kind: str          # "span" | "figure"
    start: int
    end: int
    obj: Any           # the Span or Figure (object or dict)
    sentence: int      # index of the sentence it belongs to
    number: int        # footnote number, 1-based, in reading order
    language: str = "" # language of that sentence

    def reason(self, ui_lang: str) -> str | None:
        """The span's reason; re-worded by its detector when the UI language differs from the sentence's."""
        stored = _get(self.obj, "reason")
        if self.kind != "span" or not self.language or self.language == ui_lang:
            return stored
        try:
            from ..spans import reason

            return reason(str(_get(self.obj, "detector")), ui_lang) or stored
        except Exception:  # unknown detector (hand-made spans, older files): keep the stored reason
            return stored

    @property
    def text(self) -> str:
        return str(_get(self.obj, "text", ""))

    @property
    def category(self) -> str:
        return str(_get(self.obj, "category", "")) if self.kind == "span" else ""


def collect_highlights(analysis: Any) -> list[Highlight]:
    """Every span and figure of every sentence, clipped to its sentence, numbered in reading order.
    Empty or out-of-range ones are dropped (a renderer never fails on a stray offset)."""
    raw: list[tuple[int, int, int, int, str, Any, str]] = []
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
                    raw.append((a, -b, order, s.index, kind, obj, s.language))
    raw.sort(key=lambda r: r[:4])
    return [Highlight(kind, a, -nb, obj, si, i + 1, lng) for i, (a, nb, _, si, kind, obj, lng) in enumerate(raw)]


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


def nest(start: int, end: int, highlights: Iterable[Highlight]) -> list[tuple]:
    """Highlights of [start, end) as properly nested tokens, splitting an element only where two really
    overlap (a span nested inside a figure stays one element):

        ("open", h, continued)   start an element (continued: a later piece of a split highlight)
        ("text", a, b)           document text [a, b)
        ("close", h)             end an element
        ("end", [h, …])          highlights that are complete here (for their note references)
    """
    hs = [h for h in highlights if h.start < end and h.end > start]
    lo = {h.number: max(h.start, start) for h in hs}
    hi = {h.number: min(h.end, end) for h in hs}
    points = sorted({start, end} | set(lo.values()) | set(hi.values()))
    stack: list[Highlight] = []
    opened: set[int] = set()
    out: list[tuple] = []
    for i, p in enumerate(points):
        ending = [h for h in stack if hi[h.number] == p]
        if ending:
            cut = min(stack.index(h) for h in ending)
            above = stack[cut:]
            out.extend(("close", h) for h in reversed(above))
            del stack[cut:]
            out.append(("end", sorted(ending, key=lambda h: h.number)))
            for h in above:
                if hi[h.number] != p:
                    out.append(("open", h, True))
                    stack.append(h)
        for h in sorted((h for h in hs if lo[h.number] == p), key=nesting_key):
            out.append(("open", h, h.number in opened))
            opened.add(h.number)
            stack.append(h)
        if i + 1 < len(points):
            out.append(("text", p, points[i + 1]))
    return out


def source_title(analysis: Any, lang: str) -> str:
    title = getattr(analysis, "title", None)
    if title:                # a feed item's or export row's own title beats its URL or id
        return str(title)
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

# (key, kind) of the metrics a report shows, in this order; other keys of hype.metrics are left to report.json.
SHOWN_METRICS = (("rhetoric_share", "percent"), ("span_sentence_share", "percent"), ("fact_density", "number"),
                 ("figures", "figures"), ("claims", "counts"), ("projection_share", "percent"),
                 ("opinion_share", "percent"), ("sentiment_balance", "signed"), ("sentiment", "counts"),
                 ("n_words", "number"), ("basis", "basis"))
_LABEL_KEYS = {"claims": "claims_counts", "sentiment": "sentiment_counts", "figures": "figures_counts"}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def hype_index(analysis: Any) -> float | None:
    m = analysis.metrics or {}
    v = m.get("hype_index")
    return float(v) if _is_number(v) else None


def verdict(analysis: Any, lang: str | None = None) -> tuple[str | None, str | None]:
    """(code, label) of the verdict, or (None, None); the label in the UI language when the code is known."""
    v = (analysis.metrics or {}).get("verdict")
    if isinstance(v, dict):
        code, label = v.get("code"), v.get("label")
        if lang and code in i18n.VERDICTS[lang]:
            label = i18n.VERDICTS[lang][code]
        return (None if code is None else str(code)), (None if label is None else str(label))
    if isinstance(v, str):
        return v, i18n.VERDICTS[lang].get(v, v) if lang else v
    return None, None


def _counts_text(counts: dict, lang: str) -> str:
    parts = [f"{i18n.label_name(lang, k)} {i18n.format_number(v, lang)}" for k, v in counts.items()
             if _is_number(v) and v]
    return ", ".join(parts) or "–"


def metric_items(analysis: Any, lang: str) -> list[tuple[str, str, str]]:
    """(key, label, value) of the metrics shown in a report (known keys only; missing ones are skipped)."""
    m = analysis.metrics or {}
    out: list[tuple[str, str, str]] = []
    for key, kind in SHOWN_METRICS:
        if key not in m:
            continue
        v = m[key]
        label = i18n.t(lang, _LABEL_KEYS.get(key, key))
        if v is None:
            continue  # e.g. model-only quantities of an analysis without a model
        if kind == "percent" and _is_number(v):
            out.append((key, label, i18n.format_percent(v, lang)))
        elif kind == "signed" and _is_number(v):
            out.append((key, label, ("+" if v > 0 else "") + i18n.format_number(v, lang, 2).replace("-", "−")
                        + f" ({i18n.t(lang, 'balance_range')})"))
        elif kind == "number" and _is_number(v):
            unit = f" {i18n.t(lang, 'per_100_words')}" if key == "fact_density" else ""
            out.append((key, label, i18n.format_number(v, lang, 2) + unit))
        elif kind == "figures":
            out.append((key, label, figure_counts_text(v, lang)))
        elif kind == "counts" and isinstance(v, dict):
            out.append((key, label, _counts_text(v, lang)))
        elif kind == "basis" and isinstance(v, str):
            out.append((key, label, i18n.STRINGS[lang].get(f"basis_{v}", v)))
    return out


def figure_counts_text(figs: Any, lang: str) -> str:
    """{"total": 4, "concrete": 3, "by_qualifier": {...}, "by_kind": {...}} → "4 (konkret 3; genau 3; Geld 2)"."""
    if _is_number(figs):
        return i18n.format_number(figs, lang)
    if not isinstance(figs, dict):
        return "–"
    total = figs.get("total")
    parts = []
    if _is_number(figs.get("concrete")):
        parts.append(f"{i18n.t(lang, 'concrete')} {i18n.format_number(figs['concrete'], lang)}")
    for key, names in (("by_qualifier", i18n.QUALIFIER_WORDS[lang]), ("by_kind", i18n.KIND_NAMES[lang])):
        sub = figs.get(key)
        if isinstance(sub, dict):
            text = ", ".join(f"{names.get(k, k)} {i18n.format_number(v, lang)}" for k, v in sub.items()
                             if _is_number(v) and v)
            if text:
                parts.append(text)
    for k, v in figs.items():  # flat counts ({"money": 2}) of simpler producers
        if k not in ("total", "concrete", "by_qualifier", "by_kind") and _is_number(v) and v:
            parts.append(f"{i18n.KIND_NAMES[lang].get(k) or i18n.QUALIFIER_WORDS[lang].get(k) or k} "
                         f"{i18n.format_number(v, lang)}")
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
    from ..spans import is_function_word

    contribs = (sentence.explanations or {}).get("rhetoric") or []
    positive = sorted((c for c in contribs if _is_number(c.get("weight")) and c["weight"] > 0
                       and not (c.get("kind") == "word" and is_function_word(str(c.get("feature"))))),
                      key=lambda c: -c["weight"])
    out: list[tuple[str | None, str | None]] = []
    for c in positive:
        if len(out) == k:
            break
        places = c.get("places") if isinstance(c.get("places"), list) else [[c.get("start"), c.get("end")]]
        texts = [analysis.text[a:b] for a, b in (p for p in places if isinstance(p, list) and len(p) == 2)
                 if isinstance(a, int) and isinstance(b, int) and 0 <= a < b]
        # a cue met several times is quoted at each place ("nackte Panik" … "futsch"), never as the stretch between
        quoted = (None if not texts else shorten(texts[0], 40) if len(texts) == 1
                  else shorten(" … ".join(dict.fromkeys(shorten(t, 30) for t in texts)), 60))
        item = ((quoted or str(c.get("feature")), None) if c.get("kind") == "word"
                else (quoted, i18n.cue_name(lang, str(c.get("feature")))))
        if item[0] and any(seen[0] and (item[0] == seen[0] or (item[1] is None and re.search(
                rf"(?<!\w){re.escape(item[0])}(?!\w)", seen[0]))) for seen in out):
            continue   # "!" as a word and as the exclamation cue, "Schlag" after "Schlag ins Gesicht": once is enough
        out.append(item)
    return out


def sentence_number(index: int) -> int:
    """Sentences are shown to readers counted from 1 (the JSON keeps the 0-based index)."""
    return index + 1


def claims_in(analysis: Any, lang: str) -> list[dict[str, Any]] | None:
    """The analysis's claims to check with their reasons in the report's language (--ui-lang may differ from
    the article's); order and priorities are the analysis's own."""
    claims = _get(analysis, "claims_to_check")
    if not claims or lang == _get(analysis, "language"):
        return claims
    from ..metrics import claims_to_check

    try:
        why = {c["sentence"]: c["why"] for c in claims_to_check(analysis, limit=len(claims), lang=lang) or []}
    except (KeyError, TypeError, ValueError):   # an analysis read back from a foreign JSON: keep its reasons
        return claims
    return [{**c, "why": why.get(claim_sentence(c), c.get("why"))} if isinstance(c, dict) else c for c in claims]


def claim_sentence(claim: dict[str, Any]) -> int | None:
    """Index of the sentence a claim is about ("sentence", or "index" in early drafts)."""
    idx = claim.get("sentence", claim.get("index"))
    return idx if isinstance(idx, int) and not isinstance(idx, bool) else None


def claim_figures(claim: dict[str, Any]) -> list[tuple[str, Any]]:
    """(text, figure or None) of a claim's figures (figure dicts, Figure objects or plain strings)."""
    out: list[tuple[str, Any]] = []
    for f in claim.get("figures") or []:
        if isinstance(f, str):
            out.append((f, None))
        elif _get(f, "text"):
            out.append((str(_get(f, "text")), f if _get(f, "kind") is not None else None))
    return out


def figure_summary(fig: Any, lang: str) -> str:
    """ "3 Mrd. EUR, Obergrenze" for tables and lists."""
    return f"{i18n.figure_text(View(fig), lang)}, {i18n.qualifier_word(lang, _get(fig, 'qualifier'))}"


def span_counts(analysis: Any) -> dict[str, int]:
    """Number of (renderable) spans per category."""
    counts: dict[str, int] = {}
    for h in collect_highlights(analysis):
        if h.kind == "span":
            counts[h.category] = counts.get(h.category, 0) + 1
    return counts


def prob_label(task_scores: Any, lang: str) -> str:
    """'Prognose (87 %)': the predicted label of a task with its probability, or '–' without scores."""
    if not isinstance(task_scores, dict) or task_scores.get("label") is None:
        return "–"
    label = task_scores["label"]
    p = (task_scores.get("probabilities") or {}).get(label)
    name = i18n.label_name(lang, label)
    return f"{name} ({i18n.format_percent(p, lang)})" if isinstance(p, (int, float)) else name
