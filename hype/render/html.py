"""HTML renderer: one self-contained, print-friendly page (inline CSS, charts as data URIs, no JavaScript).

Every piece of article text, and every other string that comes from the analysis, passes through
``html.escape(..., quote=True)``; highlights are inserted by offset, never by searching the text.
"""
from __future__ import annotations

import base64
import html
import re
from typing import Any, Mapping

from . import (prob_label, sentence_number, claims_in, Highlight, View, claim_figures, claim_sentence, collect_highlights, figure_summary, hype_index,
               metric_items, nest, paragraphs, shorten, source_title, span_counts, top_phrases, verdict, why_items)
from . import i18n
from .i18n import t

CHART_ORDER = ("sentences", "paragraphs", "categories")


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _css_ident(value: Any) -> str:
    """A class-name-safe token of a category/qualifier/kind (they come from data, so sanitise)."""
    return re.sub(r"[^a-z0-9_-]", "-", str(value).lower()) or "x"


def _tint(hex_colour: str, amount: float) -> str:
    """Mix a colour with white: amount 0 → white, 1 → the colour."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = lambda c: round(255 - (255 - c) * amount)  # noqa: E731
    return f"#{mix(r):02x}{mix(g):02x}{mix(b):02x}"


_DECORATION = {"hyperbole": "solid", "hype_word": "double", "intensifier": "dashed", "metaphor": "wavy",
               "vague_magnitude": "dotted", "promise": "solid", "evaluative": "double",
               "generalisation": "dashed", "model": "dotted"}
_BORDER_COLOUR = {"vague_magnitude": "#B5A900", "generalisation": "#000000"}  # yellow needs a darker line


def _category_css() -> str:
    rules = []
    for cat in i18n.CATEGORIES:
        c = i18n.CATEGORY_COLOURS[cat]
        line = _BORDER_COLOUR.get(cat, c)
        tint = _tint(c, 0.18 if cat == "generalisation" else 0.32)
        rules.append(f".cat-{cat}{{--tint:{tint};--line:{line};--deco:{_DECORATION[cat]}}}")
    return "\n".join(rules)


CSS = """
:root{--ink:#1b1b1b;--muted:#595959;--rule:#d4d4d4;--soft:#f4f4f2;--link:#0b57a4}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif}
main{max-width:62rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
a{color:var(--link)}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid var(--ink)}
.kicker{margin:0;color:var(--muted);font-size:.8rem;letter-spacing:.08em;text-transform:uppercase}
.help{color:var(--muted);margin:.25rem 0 1rem;max-width:48rem}
.summary{display:grid;grid-template-columns:minmax(11rem,13rem) minmax(0,1fr);gap:1rem 2rem;align-items:start;
margin-bottom:1rem}
.scorebox{border:2px solid var(--ink);border-radius:.5rem;padding:.6rem 1rem;min-width:11rem}
.scorebox .caption{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
.scorebox .num{font-size:2.6rem;font-weight:700;line-height:1.1}
.scorebox .of{font-size:1rem;color:var(--muted);font-weight:400}
.scorebox .verdict{font-size:1.2rem;font-weight:600;margin-top:.2rem;overflow-wrap:anywhere}
.meter{height:.55rem;background:#e6e6e6;border-radius:.3rem;overflow:hidden;margin-top:.35rem}
.meter>span{display:block;height:100%;background:#D55E00}
dl.metrics{display:grid;grid-template-columns:minmax(9rem,max-content) minmax(0,1fr);gap:.2rem 1rem;margin:0 0 .75rem}
dl.metrics dt{color:var(--muted)}
dl.metrics dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
.meta{color:var(--muted);font-size:.9rem;margin:.5rem 0}
.phrases{margin:.25rem 0 0;padding-left:1.2rem}
.warnings{border-left:4px solid #E69F00;background:#fdf6e7;padding:.5rem 1rem;margin:1rem 0}
nav.toc{font-size:.9rem;margin:1rem 0}
nav.toc a{margin-right:1rem}
.legend-inline{display:flex;flex-wrap:wrap;gap:.4rem .9rem;margin:.5rem 0 1.25rem;font-size:.9rem}
.article{max-width:48rem;overflow-wrap:break-word}
.article p{margin:0 0 1.1rem;font-size:1.08rem;line-height:2.05}
.article p.headline{font-size:1.35rem;font-weight:700;line-height:1.7}
.sent::before{content:attr(data-n);display:inline;margin-right:.3em;padding:0 .3em;
border:1px solid #8c8c8c;border-radius:.25em;color:#3d3d3d;background:#fff;font:600 .62rem/1.45 system-ui,sans-serif;
text-align:center;vertical-align:.2em}
.sent.r-high::before{background:#333;border-color:#333;color:#fff}
mark.span{color:inherit;background:var(--tint);border-radius:.15em;padding:0 .04em;
text-decoration-line:underline;text-decoration-color:var(--line);text-decoration-style:var(--deco);
text-decoration-thickness:2px;text-underline-offset:.22em;-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.span mark.span{text-underline-offset:.5em}
mark.span mark.span mark.span{text-underline-offset:.75em}
mark.span::before{content:attr(data-letter);display:inline;margin-right:.12em;padding:0 .18em;
border:1px solid var(--line);border-radius:.2em;background:#fff;color:#000;font:700 .6rem/1.3 system-ui,sans-serif;
vertical-align:.35em;text-decoration:none}
mark.span.cont::before{content:none}
.figure{border:1.5px solid #404040;border-radius:.3em;padding:0 .12em;-webkit-box-decoration-break:clone;
box-decoration-break:clone}
.figure.q-approximate{border-style:dotted;border-width:2px}
.figure.q-upper_bound,.figure.q-lower_bound{border-style:dashed}
.figure.q-upper_bound::before{content:"≤"}
.figure.q-lower_bound::before{content:"≥"}
.figure.q-approximate::before{content:"≈"}
.figure::before{font:700 .7rem/1 system-ui,sans-serif;color:#404040;margin-right:.15em;vertical-align:.25em}
.figure.cont::before{content:none}
sup.fn{font-size:.68em;line-height:0;margin-left:.05em}
sup.fn a{text-decoration:none;font-weight:600}
sup.fn a.fig{color:var(--muted);font-weight:400}
ol.notes{padding-left:2.2rem;max-width:48rem}
ol.notes li{margin:.35rem 0}
ol.notes .quote{font-weight:600}
ol.notes .where{color:var(--muted);font-size:.85rem}
ol.notes :target,tr:target{background:#fff3c4}
.badge{display:inline-block;min-width:1.3em;padding:0 .25em;margin-right:.3em;border:1.5px solid var(--line,#404040);
border-radius:.25em;background:var(--tint,#fff);font:700 .75rem/1.45 system-ui,sans-serif;text-align:center}
.badge.fig{border-style:dashed}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0 1rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;border-bottom:2px solid #9a9a9a}
tbody tr:nth-child(even){background:#fafafa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.text{min-width:14rem;overflow-wrap:anywhere}
.bar{display:block;height:.35rem;background:#e6e6e6;border-radius:.2rem;margin-top:.2rem;min-width:3rem}
.bar>span{display:block;height:100%;background:#555;border-radius:.2rem}
tr.r-high .bar>span{background:#D55E00}
.why{margin:0;padding:0;list-style:none}
.why li{margin:0}
.why .cue{color:var(--muted);font-size:.85em}
ol.claims{padding-left:1.6rem;max-width:48rem}
ol.claims li{margin:0 0 1rem}
ol.claims blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid #0072B2}
.claim-meta{color:var(--muted);font-size:.88rem}
.charts{display:grid;grid-template-columns:1fr;gap:1.5rem}
figure.chart{margin:0}
figure.chart img{max-width:100%;height:auto;border:1px solid var(--rule)}
figure.chart figcaption{color:var(--muted);font-size:.9rem}
dl.glossary{display:grid;grid-template-columns:max-content 1fr;gap:.6rem 1rem;max-width:48rem}
dl.glossary dt{font-weight:600}
dl.glossary dd{margin:0}
dl.glossary .example{display:block;color:var(--muted)}
footer{margin-top:3rem;padding-top:.75rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.85rem}
@media (max-width:40rem){.article p{font-size:1rem}dl.glossary,.summary{grid-template-columns:1fr}}
@media print{
  @page{margin:15mm}
  body{font-size:10.5pt}
  main{max-width:none;padding:0}
  nav.toc{display:none}
  a{color:inherit;text-decoration:none}
  h2{break-after:avoid;page-break-after:avoid}
  tr,li,figure,dl.glossary dt,dl.glossary dd{break-inside:avoid;page-break-inside:avoid}
  mark.span,.meter>span,.bar>span,.sent.r-high::before,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  tbody tr:nth-child(even){background:none}
  .charts{grid-template-columns:1fr}
}
"""


def _figure_title(fig: Any, lang: str) -> str:
    value_text = i18n.figure_text(fig, lang)
    return (f"{t(lang, 'figure')} · {i18n.kind_name(lang, _attr(fig, 'kind'))} · {value_text} · "
            f"{i18n.qualifier_word(lang, _attr(fig, 'qualifier'))}")


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _span_title(h: Highlight, lang: str) -> str:
    cat = h.category
    reason = h.reason(lang) or ""
    head = f"{i18n.category_letter(cat)} · {i18n.category_name(lang, cat)}"
    return f"{head}: {reason}" if reason else head


def _open(h: Highlight, lang: str, continued: bool) -> str:
    cont = " cont" if continued else ""
    if h.kind == "span":
        cat = h.category
        return (f'<mark class="span cat-{esc(_css_ident(cat))}{cont}" data-letter="{esc(i18n.category_letter(cat))}" '
                f'data-note="{h.number}" title="{esc(_span_title(h, lang))}">')
    fig = View(h.obj)
    return (f'<span class="figure q-{esc(_css_ident(fig.qualifier or "exact"))} k-{esc(_css_ident(fig.kind))}'
            f'{cont}" data-note="{h.number}" title="{esc(_figure_title(fig, lang))}">')


def _close(h: Highlight) -> str:
    return "</mark>" if h.kind == "span" else "</span>"


def _note_refs(hs: list[Highlight]) -> str:
    """One superscript with the note numbers of the highlights ending at a point: "2,3"."""
    if not hs:
        return ""
    links = []
    for h in sorted(hs, key=lambda h: h.number):
        cls = "" if h.kind == "span" else ' class="fig"'
        links.append(f'<a href="#fn-{h.number}" id="ref-{h.number}"{cls}>{h.number}</a>')
    return f'<sup class="fn">{",".join(links)}</sup>'


def _sentence_html(analysis: Any, s: Any, highlights: list[Highlight], lang: str) -> str:
    text = analysis.text
    out = []
    for token in nest(s.start, min(s.end, len(text)), highlights):
        if token[0] == "open":
            out.append(_open(token[1], lang, token[2]))
        elif token[0] == "close":
            out.append(_close(token[1]))
        elif token[0] == "end":  # note references right after the last piece of each highlight
            out.append(_note_refs(token[1]))
        else:
            out.append(esc(text[token[1]:token[2]]))
    rhet = s.rhetoric
    classes = "sent r-high" if rhet is not None and rhet >= 0.5 else "sent"
    title = t(lang, "sentence_n", n=sentence_number(s.index))
    if rhet is not None:
        title += " · " + t(lang, "rhetoric_pct", p=i18n.format_percent(rhet, lang))
    lang_attr = f' lang="{esc(s.language)}"' if s.language and s.language != analysis.language else ""
    return (f'<span class="{classes}" id="s-{s.index}" data-n="{sentence_number(s.index)}" title="{esc(title)}"{lang_attr}>'
            + "".join(out) + "</span>")


_FINAL = re.compile(r"[.!?…:;\"“”»«’)]\s*$")


def _article_html(analysis: Any, highlights: list[Highlight], lang: str) -> str:
    by_sentence: dict[int, list[Highlight]] = {}
    for h in highlights:
        by_sentence.setdefault(h.sentence, []).append(h)
    paras = []
    for i, group in enumerate(paragraphs(analysis)):
        parts = []
        for j, s in enumerate(group):
            if j:
                gap = analysis.text[group[j - 1].end:s.start]
                parts.append(esc(" ".join(gap.split())) + " " if gap.strip() else " ")
            parts.append(_sentence_html(analysis, s, by_sentence.get(s.index, []), lang))
        headline = i == 0 and len(group) == 1 and len(analysis.sentences) > 1 and not _FINAL.search(group[0].text)
        cls = ' class="headline"' if headline else ""
        paras.append(f"<p{cls}>" + "".join(parts) + "</p>")
    return "\n".join(paras)


def _notes_html(analysis: Any, highlights: list[Highlight], lang: str) -> str:
    if not highlights:
        return f'<p class="help">{esc(t(lang, "no_notes"))}</p>'
    items = []
    for h in highlights:
        where = (f'<a class="where" href="#ref-{h.number}" title="{esc(t(lang, "back"))}">'
                 f'↩ {esc(t(lang, "sentence_n", n=sentence_number(h.sentence)))}</a>')
        quote = f'<span class="quote">„{esc(shorten(h.text, 120))}“</span>' if lang == "de" else \
            f'<span class="quote">“{esc(shorten(h.text, 120))}”</span>'
        if h.kind == "span":
            cat = h.category
            badge = (f'<span class="badge cat-{esc(_css_ident(cat))}">{esc(i18n.category_letter(cat))}</span>'
                     f'{esc(i18n.category_name(lang, cat))}')
            reason = h.reason(lang)
            body = f"{badge}: {quote}" + (f" – {esc(reason)}" if reason else "")
        else:
            fig = View(h.obj)
            sym = i18n.QUALIFIER_SYMBOLS.get(fig.qualifier or "exact", "")
            badge = f'<span class="badge fig">{esc(sym or "#")}</span>{esc(t(lang, "figure"))}'
            body = (f"{badge}: {quote} – {esc(i18n.kind_name(lang, fig.kind))}, "
                    f"{esc(figure_summary(h.obj, lang))}")
        items.append(f'<li id="fn-{h.number}">{body} {where}</li>')
    return '<ol class="notes">\n' + "\n".join(items) + "\n</ol>"


def _legend_inline(analysis: Any, lang: str) -> str:
    counts = span_counts(analysis)
    chips = []
    for cat in [c for c in i18n.CATEGORIES if c in counts] + sorted(c for c in counts if c not in i18n.CATEGORIES):
        chips.append(f'<span><mark class="span cat-{esc(_css_ident(cat))}" data-letter="{esc(i18n.category_letter(cat))}">'
                     f'{esc(i18n.category_name(lang, cat))}</mark> ×{counts[cat]}</span>')
    if analysis.figures:
        chips.append(f'<span><span class="figure q-exact">{esc(t(lang, "figure"))}</span> ×{len(analysis.figures)}</span>')
    return f'<div class="legend-inline">{"".join(chips)}</div>' if chips else ""


def _header_html(analysis: Any, lang: str, n_spans: int) -> str:
    title = source_title(analysis, lang)
    idx = hype_index(analysis)
    code, label = verdict(analysis, lang)
    box = ['<div class="scorebox">', f'<div class="caption">{esc(t(lang, "hype_index"))}</div>']
    if idx is None:
        box.append(f'<div class="num">–</div><div class="meta">{esc(t(lang, "no_metrics"))}</div>')
    else:
        shown = i18n.format_number(round(idx), lang)
        box.append(f'<div class="num" id="hype-index">{esc(shown)} <span class="of">/ 100</span></div>')
        box.append(f'<div class="meter" role="img" aria-label="{esc(shown)} / 100">'
                   f'<span style="width:{max(0.0, min(100.0, idx)):.0f}%"></span></div>')
    if label:
        box.append(f'<div class="caption" style="margin-top:.6rem">{esc(t(lang, "verdict"))}</div>'
                   f'<div class="verdict" id="verdict" data-code="{esc(code)}">{esc(label)}</div>')
    box.append("</div>")
    metrics = metric_items(analysis, lang)
    right = []
    if metrics:
        right.append('<dl class="metrics">' + "".join(
            f'<dt>{esc(lbl)}</dt><dd data-metric="{esc(key)}">{esc(val)}</dd>' for key, lbl, val in metrics) + "</dl>")
    phrases = top_phrases(analysis)
    if phrases:
        lis = []
        for text, cat, count in phrases[:8]:
            extra = []
            if cat:
                extra.append(i18n.category_name(lang, str(cat)))
            if isinstance(count, (int, float)) and count and count != 1:
                extra.append(f"×{i18n.format_number(count, lang)}")
            q = f"„{text}“" if lang == "de" else f"“{text}”"
            lis.append(f"<li>{esc(q)}" + (f' <span class="claim-meta">({esc(", ".join(extra))})</span>' if extra else "")
                       + "</li>")
        right.append(f'<div><strong>{esc(t(lang, "top_phrases"))}</strong><ul class="phrases">{"".join(lis)}</ul></div>')
    meta = [f'{esc(t(lang, "language"))}: {esc(i18n.language_name(lang, analysis.language))}',
            esc(i18n.count(lang, "sentences", len(analysis.sentences))),
            esc(i18n.count(lang, "figures", len(analysis.figures))),
            esc(i18n.count(lang, "spans", n_spans))]
    model = analysis.model
    if model:
        sha = model.get("sha256") if isinstance(model, dict) else None
        meta.append(f'{esc(t(lang, "model"))}: ' + (f"<code>{esc(str(sha)[:12])}</code>" if sha else esc(model.get("name", "✓")
                                                                                                   if isinstance(model, dict) else "✓")))
    else:
        meta.append(esc(t(lang, "no_model")))
    out = [f'<header>\n<p class="kicker">{esc(t(lang, "report"))}</p>\n<h1>{esc(title)}</h1>',
           '<div class="summary">' + "".join(box) + '<div>' + "".join(right) + "</div></div>",
           f'<p class="meta">{" · ".join(meta)}</p>']
    if analysis.warnings:
        out.append(f'<div class="warnings"><strong>{esc(t(lang, "warnings"))}:</strong> '
                   + "; ".join(esc(i18n.note_text(lang, w)) for w in analysis.warnings) + "</div>")
    out.append("</header>")
    return "\n".join(out)


def _claims_html(analysis: Any, lang: str) -> str:
    claims = claims_in(analysis, lang)
    if claims is None:
        return f'<p class="help">{esc(t(lang, "claims_absent"))}</p>'
    if not claims:
        return f'<p class="help">{esc(t(lang, "claims_none"))}</p>'
    items = []
    for c in claims:
        idx = claim_sentence(c)
        meta = []
        if isinstance(idx, int):
            meta.append(f'<a href="#s-{idx}">{esc(t(lang, "sentence_n", n=sentence_number(idx)))}</a>')
        if c.get("priority") is not None:
            meta.append(f'{esc(t(lang, "priority"))}: {esc(i18n.priority_name(lang, c.get("priority")))}')
        if c.get("claim"):
            meta.append(esc(i18n.label_name(lang, c.get("claim"))))
        body = [f'<div class="claim-meta">{" · ".join(meta)}</div>']
        text = c.get("text")
        if text is None and isinstance(idx, int) and 0 <= idx < len(analysis.sentences):
            text = analysis.sentences[idx].text
        if text:
            body.append(f"<blockquote>{esc(text)}</blockquote>")
        figs = claim_figures(c)
        if figs:
            shown = []
            for ftext, fig in figs:
                q = _css_ident(View(fig).qualifier or "exact") if fig is not None else "exact"
                item = f'<span class="figure q-{esc(q)}">{esc(ftext)}</span>'
                if fig is not None:
                    item += f" ({esc(figure_summary(fig, lang))})"
                shown.append(item)
            body.append(f'<div><strong>{esc(t(lang, "figures"))}:</strong> ' + "; ".join(shown) + "</div>")
        why = c.get("why")
        if why:
            why_text = "; ".join(str(w) for w in why) if isinstance(why, (list, tuple)) else str(why)
            body.append(f'<div><strong>{esc(t(lang, "why"))}:</strong> {esc(why_text)}</div>')
        items.append("<li>" + "\n".join(body) + "</li>")
    return '<ol class="claims">\n' + "\n".join(items) + "\n</ol>"


def _figures_html(analysis: Any, highlights: list[Highlight], lang: str) -> str:
    figs = [h for h in highlights if h.kind == "figure"]
    if not figs:
        return f'<p class="help">{esc(t(lang, "no_figures"))}</p>'
    head = "".join(f'<th scope="col"{cls}>{esc(t(lang, key))}</th>' for key, cls in (
        ("col_no", ' class="num"'), ("col_text", ""), ("col_kind", ""), ("col_value", ' class="num"'),
        ("col_unit", ""), ("col_qualifier", ""), ("col_sentence", ' class="num"')))
    rows = []
    for h in figs:
        fig = View(h.obj)
        value, unit = i18n.format_figure(fig, lang)
        q = fig.qualifier or "exact"
        sym = i18n.QUALIFIER_SYMBOLS.get(q, "")
        rows.append(
            f'<tr class="q-{esc(_css_ident(q))}"><td class="num"><a href="#ref-{h.number}">{h.number}</a></td>'
            f'<td class="text">{esc(h.text)}</td><td>{esc(i18n.kind_name(lang, fig.kind))}</td>'
            f'<td class="num">{esc(value)}</td><td>{esc(unit)}</td>'
            f'<td>{esc((sym + " ") if sym else "")}{esc(i18n.qualifier_word(lang, q))}</td>'
            f'<td class="num"><a href="#s-{h.sentence}">{sentence_number(h.sentence)}</a></td></tr>')
    return (f'<table class="figures" id="figures-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>")


def _sentences_html(analysis: Any, lang: str) -> str:
    if not any(s.scores for s in analysis.sentences):
        return f'<p class="help">{esc(t(lang, "no_scores"))}</p>'
    head = "".join(f'<th scope="col"{cls}>{esc(t(lang, key))}</th>' for key, cls in (
        ("col_no", ' class="num"'), ("col_sentence", ""), ("col_rhetoric", ' class="num"'), ("col_claim", ""),
        ("col_sentiment", ""), ("col_why", "")))
    rows = []
    for s in analysis.sentences:
        sc = s.scores or {}
        rhet = s.rhetoric
        if rhet is None:
            rcell = "–"
        else:
            rcell = (f'{esc(i18n.format_percent(rhet, lang))}<span class="bar"><span style="width:'
                     f'{max(0.0, min(1.0, rhet)) * 100:.0f}%"></span></span>')
        why = why_items(analysis, s, lang)
        why_html = "".join(
            "<li>" + (esc(f"„{q}“" if lang == "de" else f"“{q}”") if q else "")
            + (f' <span class="cue">({esc(c)})</span>' if c and q else (esc(c) if c else "")) + "</li>"
            for q, c in why)
        cls = ' class="r-high"' if rhet is not None and rhet >= 0.5 else ""
        rows.append(
            f'<tr id="row-{s.index}"{cls}><td class="num"><a href="#s-{s.index}">{sentence_number(s.index)}</a></td>'
            f'<td class="text">{esc(shorten(s.text, 160))}</td><td class="num">{rcell}</td>'
            f'<td>{esc(prob_label(sc.get("claim"), lang))}</td><td>{esc(prob_label(sc.get("sentiment"), lang))}</td>'
            f'<td>{"<ul class=why>" + why_html + "</ul>" if why_html else "–"}</td></tr>')
    return (f'<table class="sentences" id="sentences-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>")


def _charts_html(charts: Mapping[str, bytes], lang: str) -> str:
    names = [n for n in CHART_ORDER if n in charts] + sorted(n for n in charts if n not in CHART_ORDER)
    figs = []
    for name in names:
        data = base64.b64encode(charts[name]).decode("ascii")
        title = i18n.STRINGS[lang].get(f"chart_{name}", name)
        alt = i18n.STRINGS[lang].get(f"chart_{name}_alt", title)
        caption = i18n.STRINGS[lang].get(f"chart_{name}_caption", title)
        figs.append(f'<figure class="chart" id="chart-{esc(_css_ident(name))}"><img src="data:image/png;base64,{data}" '
                    f'alt="{esc(alt)}"><figcaption>{esc(caption)}</figcaption></figure>')
    return '<div class="charts">\n' + "\n".join(figs) + "\n</div>"


def _glossary_html(lang: str) -> str:
    items = []
    for cat in i18n.CATEGORIES:
        ex = i18n.CATEGORY_EXAMPLES[lang][cat]
        q = f"„{ex}“" if lang == "de" else f"“{ex}”"
        items.append(f'<dt><mark class="span cat-{cat}" data-letter="{i18n.category_letter(cat)}">'
                     f'{esc(i18n.category_name(lang, cat))}</mark></dt>'
                     f'<dd>{esc(i18n.CATEGORY_HELP[lang][cat])} <span class="example">{esc(t(lang, "example"))}: '
                     f'{esc(q)}</span></dd>')
    quals = ", ".join(f"{i18n.QUALIFIER_SYMBOLS[q] or '□'} {i18n.qualifier_word(lang, q)}"
                      for q in ("exact", "upper_bound", "lower_bound", "approximate"))
    items.append(f'<dt><span class="figure q-upper_bound">{esc(t(lang, "figure"))}</span></dt>'
                 f'<dd>{esc(t(lang, "figures_help"))} <span class="example">{esc(quals)}</span></dd>')
    return '<dl class="glossary">\n' + "\n".join(items) + "\n</dl>"


def render_html(analysis: Any, ui_lang: str | None = None, charts: Mapping[str, bytes] | None = None) -> str:
    """The report as one self-contained HTML document (a pure function of its arguments)."""
    lang = i18n.ui_language(analysis, ui_lang)
    highlights = collect_highlights(analysis)
    n_spans = sum(1 for h in highlights if h.kind == "span")
    title = f"{t(lang, 'report')}: {source_title(analysis, lang)}"
    sections = [("article", t(lang, "article")), ("notes", t(lang, "notes")), ("claims", t(lang, "claims")),
                ("figures", t(lang, "figures")), ("sentences", t(lang, "sentences"))]
    if charts:
        sections.append(("charts", t(lang, "charts")))
    sections.append(("legend", t(lang, "legend")))
    toc = " ".join(f'<a href="#{key}">{esc(label)}</a>' for key, label in sections)
    body = [
        _header_html(analysis, lang, n_spans),
        f'<nav class="toc" aria-label="{esc(t(lang, "contents"))}">{toc}</nav>',
        f'<section id="article"><h2>{esc(t(lang, "article"))}</h2>',
        f'<p class="help">{esc(t(lang, "article_help"))}</p>',
        _legend_inline(analysis, lang),
        f'<div class="article" lang="{esc(analysis.language)}">\n{_article_html(analysis, highlights, lang)}\n</div>',
        "</section>",
        f'<section id="notes"><h2>{esc(t(lang, "notes"))}</h2><p class="help">{esc(t(lang, "notes_help"))}</p>',
        _notes_html(analysis, highlights, lang), "</section>",
        f'<section id="claims"><h2>{esc(t(lang, "claims"))}</h2><p class="help">{esc(t(lang, "claims_help"))}</p>',
        _claims_html(analysis, lang), "</section>",
        f'<section id="figures"><h2>{esc(t(lang, "figures"))}</h2><p class="help">{esc(t(lang, "figures_help"))}</p>',
        _figures_html(analysis, highlights, lang), "</section>",
        f'<section id="sentences"><h2>{esc(t(lang, "sentences"))}</h2>'
        f'<p class="help">{esc(t(lang, "sentences_help"))}</p>',
        _sentences_html(analysis, lang), "</section>",
    ]
    if charts:
        body += [f'<section id="charts"><h2>{esc(t(lang, "charts"))}</h2>', _charts_html(charts, lang), "</section>"]
    body += [f'<section id="legend"><h2>{esc(t(lang, "legend"))}</h2><p class="help">{esc(t(lang, "legend_help"))}</p>',
             _glossary_html(lang), "</section>",
             f'<footer>{esc(t(lang, "generated", schema="hype.analysis/1"))}</footer>']
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}{_category_css()}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )
