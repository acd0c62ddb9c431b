"""Markdown renderer: a report that reads well in a terminal and on a code-hosting site (CommonMark + GFM tables).

Rhetoric spans are **bold** with a note number [n]; figures are enclosed in ⟨…⟩.  Article text is
escaped so that it can never turn into markup, links or raw HTML.
"""
from __future__ import annotations

import re
from typing import Any

from . import (prob_label, sentence_number, claims_in, View, claim_figures, claim_sentence, figure_summary, collect_highlights, hype_index, metric_items, paragraphs, shorten, source_title,
               top_phrases, verdict, why_items)
from . import i18n
from .i18n import t

_ALWAYS = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def md_escape(text: str, *, table: bool = False, dollars: bool | None = None) -> str:
    """Escape text so that it renders literally (CommonMark/GFM), keeping it readable in a terminal.
    dollars: escape "$" (GitHub renders $…$ as maths); None = only when the text has two or more."""
    text = " ".join(str(text).split())
    out = _ALWAYS.sub(r"\\\1", text)
    out = _ENTITY.sub(r"\\&", out)
    if dollars or (dollars is None and out.count("$") >= 2):
        out = out.replace("$", r"\$")
    if table:
        out = out.replace("|", r"\|")
    return out


def _escape_line_start(text: str) -> str:
    m = _LINE_START.match(text)
    if not m:
        return text
    lead, tok = m.group(1), m.group(2)
    if tok.isdigit():  # "1. " would start a list: escape the following dot
        rest = text[m.end():]
        return f"{lead}{tok}\\{rest}"
    return f"{lead}\\{tok}{text[m.end():]}"


def _quote(text: str, lang: str) -> str:
    return f"„{text}“" if lang == "de" else f"“{text}”"


def _sentence_md(analysis: Any, s: Any, spans: list[tuple[int, int, int]], figs: list[tuple[int, int]],
                 dollars: bool) -> str:
    """One sentence with **bold** spans (union of overlapping ones), [n] after each span, ⟨figures⟩."""
    text = analysis.text
    lo, hi = s.start, min(s.end, len(text))
    bold = [False] * (hi - lo)
    for a, b, _ in spans:
        for i in range(max(a, lo), min(b, hi)):
            bold[i - lo] = True
    notes_at: dict[int, list[int]] = {}
    for a, b, n in spans:
        notes_at.setdefault(min(b, hi), []).append(n)
    fig_open: dict[int, int] = {}
    fig_close: dict[int, int] = {}
    for a, b in figs:
        fig_open[a] = fig_open.get(a, 0) + 1
        fig_close[b] = fig_close.get(b, 0) + 1
    cuts = sorted({lo, hi} | {p for a, b, _ in spans for p in (a, b)} | {p for a, b in figs for p in (a, b)})
    cuts = [c for c in cuts if lo <= c <= hi]
    out: list[str] = []
    in_bold = False
    prev_marker = False
    for idx, p in enumerate(cuts):
        now_bold = p < hi and bold[p - lo]
        if in_bold and not now_bold:
            out.append("**")
            in_bold = False
        if p in notes_at:
            out.append("[" + ",".join(str(n) for n in sorted(notes_at[p])) + "]")
            prev_marker = True
        out.append("⟩" * fig_close.get(p, 0))
        out.append("⟨" * fig_open.get(p, 0))
        if now_bold and not in_bold:
            out.append("**")
            in_bold = True
        if idx + 1 < len(cuts):
            piece = md_escape_keep_space(text[p:cuts[idx + 1]], dollars)
            if prev_marker and piece[:1] == "(":
                piece = "\\" + piece  # "[2](" must not become a link
            prev_marker = False
            out.append(piece)
    if in_bold:
        out.append("**")
    return "".join(out)


def md_escape_keep_space(text: str, dollars: bool) -> str:
    """md_escape for a piece of a paragraph: inner whitespace collapses, edges are kept as one space."""
    if not text:
        return ""
    core = md_escape(text, dollars=dollars)
    if text[:1].isspace():
        core = " " + core
    if text[-1:].isspace() and core.strip():
        core += " "
    return core if core.strip() else " "


def _article_md(analysis: Any, lang: str) -> tuple[str, list[str]]:
    highlights = collect_highlights(analysis)
    spans_by_sentence: dict[int, list[tuple[int, int, int]]] = {}
    figs_by_sentence: dict[int, list[tuple[int, int]]] = {}
    notes = []
    for h in highlights:
        if h.kind == "span":
            n = h.number   # the HTML report's note number (its notes also explain the figures)
            spans_by_sentence.setdefault(h.sentence, []).append((h.start, h.end, n))
            cat = h.category
            reason = h.reason(lang)
            quote = _quote(shorten(h.text, 120), lang)
            dollars = (quote + (reason or "")).count("$") >= 2
            # "[n]" in a bullet, not "n." — Markdown renumbers ordered lists, and the numbers have gaps (figures)
            line = (f"- [{n}] **{i18n.category_letter(cat)} · {md_escape(i18n.category_name(lang, cat))}** — "
                    f"{md_escape(quote, dollars=dollars)}")
            if reason:
                line += f": {md_escape(reason, dollars=dollars)}"
            line += f" ({md_escape(t(lang, 'sentence_n', n=sentence_number(h.sentence)))})"
            notes.append(line)
        else:
            figs_by_sentence.setdefault(h.sentence, []).append((h.start, h.end))
    paras = []
    for group in paragraphs(analysis):
        dollars = sum(s.text.count("$") for s in group) >= 2
        parts = [_sentence_md(analysis, s, spans_by_sentence.get(s.index, []), figs_by_sentence.get(s.index, []),
                              dollars) for s in group]
        paras.append(_escape_line_start(" ".join(p.strip() for p in parts)))
    return "\n\n".join(paras), notes


def _table(header: list[str], rows: list[list[str]], align: list[str]) -> str:
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render_markdown(analysis: Any, ui_lang: str | None = None) -> str:
    """The report as Markdown (a pure function of its arguments)."""
    lang = i18n.ui_language(analysis, ui_lang)
    esc = md_escape
    out: list[str] = [f"# {esc(t(lang, 'report'))}: {esc(source_title(analysis, lang))}", ""]

    idx = hype_index(analysis)
    _, label = verdict(analysis, lang)
    head = f"**{esc(t(lang, 'hype_index'))}: " + (f"{i18n.format_number(round(idx), lang)}/100**" if idx is not None
                                                  else f"–** ({esc(t(lang, 'no_metrics'))})")
    if label:
        head += f" · **{esc(t(lang, 'verdict'))}: {esc(label)}**"
    out += [head, ""]
    highlights = collect_highlights(analysis)
    meta = [f"{t(lang, 'language')}: {i18n.language_name(lang, analysis.language)}",
            i18n.count(lang, "sentences", len(analysis.sentences)), i18n.count(lang, "figures", len(analysis.figures)),
            i18n.count(lang, "spans", sum(1 for h in highlights if h.kind == "span"))]
    model = analysis.model
    sha = model.get("sha256") if isinstance(model, dict) else None
    meta_line = " · ".join(esc(m) for m in meta)
    if model:
        meta_line += f" · {esc(t(lang, 'model'))}: " + (f"`{str(sha)[:12]}`" if sha and re.fullmatch(r"[0-9a-f]+", str(sha))
                                                        else "✓")
    else:
        meta_line += f" · {esc(t(lang, 'no_model'))}"
    out += [meta_line, ""]

    metrics = metric_items(analysis, lang)
    if metrics:
        out += [_table([esc(t(lang, "metric")), esc(t(lang, "value"))],
                       [[esc(lbl, table=True), esc(val, table=True)] for _, lbl, val in metrics], ["l", "l"]), ""]
    phrases = top_phrases(analysis)
    if phrases:
        out += [f"**{esc(t(lang, 'top_phrases'))}:** " + ", ".join(esc(_quote(p, lang)) for p, _, _ in phrases[:8]), ""]
    if analysis.warnings:
        out += [f"> **{esc(t(lang, 'warnings'))}:** " + "; ".join(esc(i18n.note_text(lang, w)) for w in analysis.warnings), ""]

    article, notes = _article_md(analysis, lang)
    out += [f"## {esc(t(lang, 'article'))}", "", f"_{esc(t(lang, 'md_article_help'))}_".replace(r"\*\*", "**"), "",
            article, ""]
    out += [f"## {esc(t(lang, 'notes'))}", ""]
    out += (notes if notes else [esc(t(lang, "no_notes"))]) + [""]

    out += [f"## {esc(t(lang, 'claims'))}", ""]
    claims = claims_in(analysis, lang)
    if claims is None:
        out += [esc(t(lang, "claims_absent")), ""]
    elif not claims:
        out += [esc(t(lang, "claims_none")), ""]
    else:
        for i, c in enumerate(claims, 1):
            bits = []
            idx = claim_sentence(c)
            if idx is not None:
                bits.append(f"**{esc(t(lang, 'sentence_n', n=sentence_number(idx)))}**")
            if c.get("priority") is not None:
                bits.append(f"{esc(t(lang, 'priority'))}: {esc(i18n.priority_name(lang, c['priority']))}")
            if c.get("claim"):
                bits.append(esc(i18n.label_name(lang, c["claim"])))
            out.append(f"{i}. " + " · ".join(bits))
            text = c.get("text")
            if text is None and idx is not None and 0 <= idx < len(analysis.sentences):
                text = analysis.sentences[idx].text
            if text:
                out.append(f"   > {esc(text)}")
            figs = claim_figures(c)
            if figs:
                out.append(f"   - {esc(t(lang, 'figures'))}: " + "; ".join(
                    f"⟨{esc(ftext)}⟩" + (f" ({esc(figure_summary(fig, lang))})" if fig is not None else "")
                    for ftext, fig in figs))
            why = c.get("why")
            if why:
                why_text = "; ".join(str(w) for w in why) if isinstance(why, (list, tuple)) else str(why)
                out.append(f"   - {esc(t(lang, 'why'))}: {esc(why_text)}")
        out.append("")

    out += [f"## {esc(t(lang, 'figures'))}", ""]
    fig_hs = [h for h in highlights if h.kind == "figure"]
    if not fig_hs:
        out += [esc(t(lang, "no_figures")), ""]
    else:
        rows = []
        for h in fig_hs:   # numbered in the notes' series, as in the HTML report
            f = View(h.obj)
            value, unit = i18n.format_figure(f, lang)
            q = f.qualifier or "exact"
            sym = i18n.QUALIFIER_SYMBOLS.get(q, "")
            rows.append([str(h.number), esc(h.text, table=True), esc(i18n.kind_name(lang, f.kind), table=True),
                         esc(value, table=True), esc(unit, table=True),
                         esc(((sym + " ") if sym else "") + i18n.qualifier_word(lang, q), table=True),
                         str(sentence_number(h.sentence))])
        out += [_table([esc(t(lang, k)) for k in ("col_no", "col_text", "col_kind", "col_value", "col_unit",
                                                  "col_qualifier", "col_sentence")],
                       rows, ["r", "l", "l", "r", "l", "l", "r"]), ""]

    out += [f"## {esc(t(lang, 'sentences'))}", ""]
    if not any(s.scores for s in analysis.sentences):
        out += [esc(t(lang, "no_scores")), ""]
    else:
        rows = []
        for s in analysis.sentences:
            sc = s.scores or {}
            why = why_items(analysis, s, lang)
            why_text = "; ".join((_quote(q, lang) if q else "") + (f" ({c})" if c and q else (c or "")) for q, c in why)
            rows.append([str(sentence_number(s.index)), esc(shorten(s.text, 80), table=True),
                         i18n.format_percent(s.rhetoric, lang) if s.rhetoric is not None else "–",
                         esc(prob_label(sc.get("claim"), lang), table=True),
                         esc(prob_label(sc.get("sentiment"), lang), table=True),
                         esc(why_text, table=True) or "–"])
        out += [_table([esc(t(lang, k)) for k in ("col_no", "col_sentence", "col_rhetoric", "col_claim",
                                                  "col_sentiment", "col_why")],
                       rows, ["r", "l", "r", "l", "l", "l"]), ""]

    out += [f"## {esc(t(lang, 'legend'))}", ""]
    for cat in i18n.CATEGORIES:
        out.append(f"- **{i18n.category_letter(cat)} · {esc(i18n.category_name(lang, cat))}** — "
                   f"{esc(i18n.CATEGORY_HELP[lang][cat])} {esc(t(lang, 'example'))}: "
                   f"{esc(_quote(i18n.CATEGORY_EXAMPLES[lang][cat], lang))}")
    quals = ", ".join(f"{i18n.QUALIFIER_SYMBOLS[q] or '='} {i18n.qualifier_word(lang, q)}"
                      for q in ("exact", "upper_bound", "lower_bound", "approximate"))
    out.append(f"- **⟨…⟩ {esc(t(lang, 'figure'))}** — {esc(t(lang, 'figures_help'))} {esc(quals)}")
    out += ["", f"_{esc(t(lang, 'generated', schema='hype.analysis/1'))}_", ""]
    return "\n".join(out)
