"""Article metrics and the list of claims worth checking (issue 5; formulas in docs/metrics.md).

``article_metrics(analysis)`` condenses an Analysis into one dict: the hype index (0–100) with its
components, a verdict band, figure counts, claim/sentiment shares and the most frequent rhetoric phrases.
``claims_to_check(analysis)`` lists fact and projection sentences that state concrete figures, most
important first, each with a short reason in the article's language.

Both work without a model (``Sentence.scores is None``): the result then says ``"basis": "spans"``
and every model-only quantity is ``None`` (see docs/metrics.md, "Without a model").
"""
from __future__ import annotations

import math
import re
from typing import Any, Iterable

# --- constants (documented in docs/metrics.md; change them only together with the docs) -------------

#: Figure kinds that are not "concrete" magnitudes: a year or date alone asserts no amount.
NON_CONCRETE_KINDS = frozenset(("year", "date"))
QUALIFIERS = ("exact", "upper_bound", "lower_bound", "approximate")

#: Hype index = RHETORIC_POINTS·R + SPAN_POINTS·S + FIGURE_POINTS·F, clipped to [0, 100].
RHETORIC_POINTS = 100.0
SPAN_POINTS = 20.0
SPAN_CAP = 5.0            # rhetoric spans per 100 words at which S reaches 1
FIGURE_POINTS = 10.0
FIGURE_SMOOTHING = 2.0    # pseudo-count in the figure balance: few figures move the index little
#: Figure balance F = (open − firm) / (open + firm + FIGURE_SMOOTHING) with these weights:
OPEN_WEIGHTS = {"upper_bound": 1.0, "lower_bound": 0.5}
VAGUE_MAGNITUDE_WEIGHT = 1.0   # per span of category "vague_magnitude" ("Milliardeninvestition")
FIRM_WEIGHTS = {"exact": 1.0, "approximate": 0.5}

#: Span categories that are cues but not rhetoric; spans of these categories are not counted.
NON_RHETORIC_CATEGORIES = frozenset(("hedge", "attribution", "future", "opinion", "positive", "negative"))

RHETORIC_THRESHOLD = 0.5   # rhetoric_share: sentences with P(rhetoric) ≥ this
BANDS = ("sober", "promotional", "strongly_promotional")
#: Lower bound of each band's index range (the band holds [bound, next bound)).
THRESHOLDS = {
    "model": {"sober": 0.0, "promotional": 40.0, "strongly_promotional": 65.0},
    "spans": {"sober": 0.0, "promotional": 10.0, "strongly_promotional": 40.0},
}
BAND_LABELS = {
    "de": {"sober": "nüchtern", "promotional": "werblich", "strongly_promotional": "stark werblich"},
    "en": {"sober": "sober", "promotional": "promotional", "strongly_promotional": "strongly promotional"},
}
TOP_PHRASES = 10

# claims_to_check: priority = 45·size + 30·openness + 20·P(projection) + 5·rhetoric (0–100)
PRIORITY_WEIGHTS = {"size": 45.0, "open": 30.0, "projection": 20.0, "rhetoric": 5.0}
OPENNESS = {"upper_bound": 1.0, "lower_bound": 0.75, "approximate": 0.5, "exact": 0.0}
CHECK_CLAIMS = ("fact", "projection")

_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")


# --- small helpers ------------------------------------------------------------------------------------

def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Attribute or key: works for the dataclasses and for their JSON dicts."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def count_words(text: str) -> int:
    """Words and numbers ("KI-Ziele", "Meta’s", "1,3" count once each)."""
    return len(_WORD.findall(text or ""))


def _language(analysis) -> str:
    lang = _get(analysis, "language") or "en"
    return lang if lang in BAND_LABELS else "en"


def _is_concrete(fig) -> bool:
    return _get(fig, "kind") not in NON_CONCRETE_KINDS


def _rhetoric_spans(sentence) -> list:
    """Rhetoric spans of a sentence, one per (start, end) (two detectors on the same text count once)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for sp in _get(sentence, "spans") or []:
        if _get(sp, "category") in NON_RHETORIC_CATEGORIES:
            continue
        key = (_get(sp, "start"), _get(sp, "end"))
        if key in seen:
            continue
        seen.add(key)
        out.append(sp)
    return out


def _scores(sentence) -> dict | None:
    sc = _get(sentence, "scores")
    return sc if isinstance(sc, dict) else None


def _has_task(sentences: list, task: str) -> bool:
    return bool(sentences) and all((_scores(s) or {}).get(task) is not None for s in sentences)


def _prob(sentence, task: str, label: str) -> float | None:
    sc = _scores(sentence)
    if not sc or task not in sc:
        return None
    return float(sc[task]["probabilities"].get(label, 0.0))


def _r(x: float, nd: int = 4) -> float:
    return round(float(x), nd)


# --- components of the hype index ---------------------------------------------------------------------

def figure_balance(figures: Iterable, n_vague_magnitudes: int = 0) -> dict[str, float]:
    """F = (open − firm) / (open + firm + 2) in (−1, 1) over concrete figures.

    open = 1·upper_bound + 0.5·lower_bound + 1·vague-magnitude spans, firm = 1·exact + 0.5·approximate."""
    q = dict.fromkeys(QUALIFIERS, 0)
    for f in figures:
        if _is_concrete(f):
            qual = _get(f, "qualifier") or "exact"
            q[qual] = q.get(qual, 0) + 1
    open_ = sum(w * q.get(k, 0) for k, w in OPEN_WEIGHTS.items()) + VAGUE_MAGNITUDE_WEIGHT * n_vague_magnitudes
    firm = sum(w * q.get(k, 0) for k, w in FIRM_WEIGHTS.items())
    return {"open": open_, "firm": firm, "balance": (open_ - firm) / (open_ + firm + FIGURE_SMOOTHING)}


def hype_index(rhetoric: float, span_density: float, balance: float) -> float:
    """100·R + 20·min(D/5, 1) + 10·F, clipped to [0, 100], rounded to one decimal."""
    s = min(max(span_density, 0.0) / SPAN_CAP, 1.0)
    raw = RHETORIC_POINTS * rhetoric + SPAN_POINTS * s + FIGURE_POINTS * balance
    return round(min(max(raw, 0.0), 100.0), 1)


def band(index: float, basis: str = "model") -> str:
    """Band code for an index: the highest band whose lower bound the index reaches."""
    code = BANDS[0]
    for b in BANDS:
        if index >= THRESHOLDS[basis][b]:
            code = b
    return code


def verdict(index: float, lang: str, basis: str = "model") -> dict[str, str]:
    code = band(index, basis)
    lang = lang if lang in BAND_LABELS else "en"
    return {"code": code, "label": BAND_LABELS[lang][code], "language": lang}


def _top_phrases(spans: list, limit: int = TOP_PHRASES) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for sp in spans:
        text = " ".join(str(_get(sp, "text") or "").split())
        if not text:
            continue
        key = (text.casefold(), _get(sp, "category") or "")
        strength = float(_get(sp, "strength") or 0.0)
        g = groups.get(key)
        if g is None:
            groups[key] = {"text": text, "category": key[1], "count": 1, "strength": strength,
                           "_first": _get(sp, "start") or 0}
        else:
            g["count"] += 1
            g["strength"] = max(g["strength"], strength)
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], -g["strength"], g["_first"], g["text"]))
    return [{"text": g["text"], "category": g["category"], "count": g["count"], "strength": _r(g["strength"], 3)}
            for g in ordered[:limit]]


# --- public API ---------------------------------------------------------------------------------------

def article_metrics(analysis) -> dict[str, Any] | None:
    """Metrics of one analysed article (see docs/metrics.md). None only for an analysis without sentences."""
    sentences = list(_get(analysis, "sentences") or [])
    if not sentences:
        return None
    lang = _language(analysis)
    n = len(sentences)
    words = [count_words(_get(s, "text")) for s in sentences]
    n_words = sum(words)
    weights = [max(w, 1) for w in words]           # a sentence of only symbols still counts a little
    wsum = float(sum(weights))

    spans_per_sentence = [_rhetoric_spans(s) for s in sentences]
    all_spans = [sp for sps in spans_per_sentence for sp in sps]
    n_spans = len(all_spans)
    span_density = 100.0 * n_spans / max(n_words, 1)
    n_vague = sum(1 for sp in all_spans if _get(sp, "category") == "vague_magnitude")
    span_sentence_share = sum(1 for sps in spans_per_sentence if sps) / n

    basis = "model" if _has_task(sentences, "rhetoric") else "spans"
    if basis == "model":
        probs = [float(_scores(s)["rhetoric"]) for s in sentences]
        rhetoric_mean = sum(w * p for w, p in zip(weights, probs)) / wsum
        rhetoric_share = sum(1 for p in probs if p >= RHETORIC_THRESHOLD) / n
    else:  # stand-in: a sentence with at least one rhetoric span counts as rhetoric (1), else 0
        rhetoric_mean = sum(w for w, sps in zip(weights, spans_per_sentence) if sps) / wsum
        rhetoric_share = span_sentence_share

    figures = [f for s in sentences for f in (_get(s, "figures") or [])]
    concrete = [f for f in figures if _is_concrete(f)]
    by_qualifier = dict.fromkeys(QUALIFIERS, 0)
    for f in concrete:
        q = _get(f, "qualifier") or "exact"
        by_qualifier[q] = by_qualifier.get(q, 0) + 1
    by_kind: dict[str, int] = {}
    for f in figures:
        by_kind[_get(f, "kind")] = by_kind.get(_get(f, "kind"), 0) + 1
    fb = figure_balance(concrete, n_vague)

    index = hype_index(rhetoric_mean, span_density, fb["balance"])
    s_component = min(span_density / SPAN_CAP, 1.0)

    claim_counts = sentiment_counts = None
    projection_share = opinion_share = sentiment_balance = None
    if _has_task(sentences, "claim"):
        claim_counts = {c: 0 for c in ("fact", "projection", "opinion", "other")}
        for s in sentences:
            lab = _scores(s)["claim"]["label"]
            claim_counts[lab] = claim_counts.get(lab, 0) + 1
        projection_share = _r(claim_counts["projection"] / n)
        opinion_share = _r(claim_counts["opinion"] / n)
    if _has_task(sentences, "sentiment"):
        sentiment_counts = {c: 0 for c in ("bullish", "neutral", "bearish")}
        for s in sentences:
            lab = _scores(s)["sentiment"]["label"]
            sentiment_counts[lab] = sentiment_counts.get(lab, 0) + 1
        sentiment_balance = _r((sentiment_counts["bullish"] - sentiment_counts["bearish"]) / n)

    return {
        "basis": basis,
        "hype_index": index,
        "verdict": verdict(index, lang, basis),
        "verdict_thresholds": dict(THRESHOLDS[basis]),
        "hype_index_components": {
            "rhetoric": _r(rhetoric_mean),
            "rhetoric_points": _r(RHETORIC_POINTS * rhetoric_mean, 2),
            "span_density": _r(span_density),
            "span_points": _r(SPAN_POINTS * s_component, 2),
            "figure_balance": _r(fb["balance"]),
            "figure_open": _r(fb["open"], 2),
            "figure_firm": _r(fb["firm"], 2),
            "figure_points": _r(FIGURE_POINTS * fb["balance"], 2),
        },
        "rhetoric_share": _r(rhetoric_share),
        "span_sentence_share": _r(span_sentence_share),
        "n_spans": n_spans,
        "fact_density": _r(100.0 * len(concrete) / max(n_words, 1)),
        "figures": {"total": len(figures), "concrete": len(concrete), "by_qualifier": by_qualifier,
                    "by_kind": dict(sorted(by_kind.items()))},
        "claims": claim_counts,
        "projection_share": projection_share,
        "opinion_share": opinion_share,
        "sentiment_balance": sentiment_balance,
        "sentiment": sentiment_counts,
        "top_phrases": _top_phrases(all_spans),
        "n_sentences": n,
        "n_words": n_words,
    }


# --- claims to check ----------------------------------------------------------------------------------

def figure_size(fig) -> float:
    """How much a figure matters for checking, in [0, 1]: money 0.5–1 by magnitude (1 million → 0.5,
    1 trillion → 1), any other concrete figure 0.25–0.5 (percentages 0.25; counts, power, energy,
    quantities by magnitude: 1,000 → 0.25, 10^9 → 0.5)."""
    kind = _get(fig, "kind")
    value = _get(fig, "value")
    v = max(abs(float(value)), abs(float(_get(fig, "high") or 0.0))) if value is not None else None

    def scale(lo_exp: float, span: float) -> float:
        if not v:
            return 0.0
        return min(max((math.log10(v) - lo_exp) / span, 0.0), 1.0)

    if kind == "money":
        return 0.5 + 0.5 * scale(6, 6)
    if kind == "percent":
        return 0.25
    return 0.25 + 0.25 * scale(3, 6)


_WHY = {
    "de": {"upper_bound": "Obergrenze: „{t}“ ist keine Zusage",
           "lower_bound": "Untergrenze: „{t}“ nennt keinen genauen Wert",
           "approximate": "ungefähre Angabe: „{t}“",
           "projection": "Prognose",
           "projection_fig": "Prognose: „{t}“ ist ein Ziel, kein Ergebnis",
           "money": "Geldbetrag „{t}“: Quelle prüfen",
           "exact": "konkrete Zahl „{t}“: nachprüfbar",
           "rhetoric": "werblich formuliert"},
    "en": {"upper_bound": "upper bound: “{t}” is not a commitment",
           "lower_bound": "lower bound: “{t}” gives no exact value",
           "approximate": "approximate: “{t}”",
           "projection": "projection",
           "projection_fig": "projection: “{t}” is a target, not a result",
           "money": "amount “{t}”: check the source",
           "exact": "concrete figure “{t}”: checkable",
           "rhetoric": "promotional wording"},
}


def _why(concrete: list, is_projection: bool, rhetorical: bool, lang: str) -> str:
    w = _WHY[lang]
    parts: list[str] = []
    for q in ("upper_bound", "lower_bound", "approximate"):
        for f in concrete:
            if (_get(f, "qualifier") or "exact") == q:
                parts.append(w[q].format(t=_get(f, "text")))
                break
    top = max(concrete, key=lambda f: (figure_size(f), len(_get(f, "text") or "")))  # the figure that matters most
    if is_projection:
        parts.append(w["projection"] if parts else w["projection_fig"].format(t=_get(top, "text")))
    if not parts:   # only exact figures, stated as fact: name the largest one
        parts.append(w["money" if _get(top, "kind") == "money" else "exact"].format(t=_get(top, "text")))
    if rhetorical:
        parts.append(w["rhetoric"])
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def claims_to_check(analysis, limit: int = 10, lang: str | None = None) -> list[dict[str, Any]] | None:
    """Fact and projection sentences with concrete figures, most important first (docs/metrics.md).
    The reasons ("why") are in `lang`, by default the article's language.

    None only for an analysis without sentences; [] when no sentence qualifies."""
    sentences = list(_get(analysis, "sentences") or [])
    if not sentences:
        return None
    if limit < 0:
        raise ValueError(f"limit must be ≥ 0 (got {limit})")
    lang = lang if lang in _WHY else _language(analysis)
    with_claims = _has_task(sentences, "claim")
    with_rhetoric = _has_task(sentences, "rhetoric")
    items = []
    for s in sentences:
        concrete = [f for f in (_get(s, "figures") or []) if _is_concrete(f)]
        if not concrete:
            continue
        label = None
        p_proj = 0.0
        if with_claims:
            label = _scores(s)["claim"]["label"]
            p_fact = _prob(s, "claim", "fact") or 0.0
            p_proj = _prob(s, "claim", "projection") or 0.0
            if p_fact + p_proj < 0.5:
                continue
        rhetoric = float(_scores(s)["rhetoric"]) if with_rhetoric else (1.0 if _rhetoric_spans(s) else 0.0)
        size = max(figure_size(f) for f in concrete)
        openness = max(OPENNESS.get(_get(f, "qualifier") or "exact", 0.0) for f in concrete)
        pw = PRIORITY_WEIGHTS
        priority = pw["size"] * size + pw["open"] * openness + pw["projection"] * p_proj + pw["rhetoric"] * rhetoric
        is_projection = label == "projection" or p_proj >= 0.5
        items.append({
            "sentence": _get(s, "index"),
            "text": _get(s, "text"),
            "start": _get(s, "start"),
            "end": _get(s, "end"),
            "claim": label,
            "figures": [f if isinstance(f, dict) else f.to_dict() for f in (_get(s, "figures") or [])],
            "why": _why(concrete, is_projection, rhetoric >= RHETORIC_THRESHOLD, lang),
            "priority": round(priority, 1),
            "basis": "model" if with_claims else "spans",
        })
    items.sort(key=lambda it: (-it["priority"], it["sentence"]))
    return items[:limit]
