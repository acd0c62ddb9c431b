"""Charts of an Analysis as PNG bytes (matplotlib, Agg backend, no pyplot state).

Output is deterministic: fixed size, DPI and font (DejaVu Sans, shipped with matplotlib), and no PNG
metadata (no software/version text chunk), so the same Analysis always gives the same bytes with the
same matplotlib.  A chart whose data are missing (no scores, no spans) is left out.
"""
from __future__ import annotations

import io
from typing import Any

from . import paragraphs, span_counts
from . import i18n
from .i18n import t

CHART_NAMES = ("sentences", "paragraphs", "categories")
DPI = 100
SIZE = (8.0, 3.2)  # inches → 800 × 320 px
HIGH, LOW, FIG_COLOUR = "#D55E00", "#0072B2", "#009E73"  # Okabe–Ito
_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "hatch.linewidth": 0.8,
    "path.simplify": False,
    "svg.hashsalt": "hype",
}


def _new_figure(size: tuple[float, float] = SIZE):
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=DPI, facecolor="white")
    return fig


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    # zlib level 1: these flat-colour charts compress nearly as well, and encoding was a tenth of the chart time
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _bars(ax, xs, heights, width, facecolor, edgecolor, hatch=None, linewidth=0.6):
    """Vertical bars as one collection: ax.bar makes one patch per bar and updates the data limits for each,
    which cost a third of a chart's time; the callers set the limits themselves."""
    from matplotlib.collections import PolyCollection

    if not xs:
        return None
    half = width / 2
    verts = [[(x - half, 0), (x - half, h), (x + half, h), (x + half, 0)] for x, h in zip(xs, heights)]
    coll = PolyCollection(verts, facecolors=facecolor, edgecolors=edgecolor, linewidths=linewidth, hatch=hatch)
    ax.add_collection(coll, autolim=False)
    return coll


def _sentences_chart(analysis: Any, lang: str) -> bytes | None:
    scored = [s for s in analysis.sentences if s.rhetoric is not None]
    if not scored:
        return None
    fig = _new_figure()
    ax = fig.add_subplot()
    xs = [s.index + 1 for s in scored]   # readers count sentences from 1, as the report's tables do
    ys = [100 * float(s.rhetoric) for s in scored]
    high = [(x, y) for x, y in zip(xs, ys) if y >= 50]
    low = [(x, y) for x, y in zip(xs, ys) if y < 50]
    _bars(ax, [x for x, _ in high], [y for _, y in high], 0.8, HIGH, HIGH, linewidth=0.6)
    _bars(ax, [x for x, _ in low], [y for _, y in low], 0.8, "#cfe3f1", LOW, hatch="////", linewidth=0.6)
    ax.axhline(50, color="#222222", linestyle="--", linewidth=1)
    prev = None
    for s in analysis.sentences:  # paragraph boundaries
        if prev is not None and s.paragraph != prev:
            ax.axvline(s.index + 0.5, color="#999999", linestyle=":", linewidth=0.8)
        prev = s.paragraph
    ax.set_ylim(0, 100)
    ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
    ax.set_xlabel(t(lang, "axis_sentence"))
    ax.set_ylabel(t(lang, "axis_rhetoric"))
    ax.set_title(t(lang, "chart_sentences"), loc="left")
    if len(xs) <= 20:
        ax.set_xticks(xs)
    else:  # a tick per sentence costs more to draw than the bars and is unreadable anyway
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(nbins=20, integer=True))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor=HIGH, edgecolor=HIGH, label=f"{t(lang, 'rhetorical')} (≥ 50 %)"),
                       Patch(facecolor="#cfe3f1", edgecolor=LOW, hatch="////", label=t(lang, "plain")),
                       Line2D([0], [0], color="#222222", linestyle="--", label=t(lang, "threshold"))],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    fig.subplots_adjust(left=0.08, right=0.78, top=0.88, bottom=0.16)
    return _png(fig)


def _paragraphs_chart(analysis: Any, lang: str) -> bytes | None:
    groups = paragraphs(analysis)
    has_scores = any(s.rhetoric is not None for s in analysis.sentences)
    if not groups or (not has_scores and not analysis.figures):
        return None
    from matplotlib.patches import Patch

    fig = _new_figure()
    ax = fig.add_subplot()
    xs = list(range(len(groups)))
    labels = [str(g[0].paragraph + 1) for g in groups]
    n_figs = [sum(len(s.figures) for s in g) for g in groups]
    handles = []
    if has_scores:
        means = []
        for g in groups:
            vals = [float(s.rhetoric) for s in g if s.rhetoric is not None]
            means.append(100 * sum(vals) / len(vals) if vals else 0.0)
        _bars(ax, [x - 0.2 for x in xs], means, 0.4, HIGH, HIGH)
        handles.append(Patch(facecolor=HIGH, edgecolor=HIGH, label=t(lang, "mean_rhetoric")))
        ax.set_ylim(0, 100)
        ax.set_ylabel(t(lang, "axis_rhetoric"))
        ax2 = ax.twinx()
        ax2.spines["right"].set_visible(True)
    else:
        ax2 = ax
    _bars(ax2, [x + 0.2 for x in xs] if has_scores else xs, n_figs, 0.4, "white", FIG_COLOUR, hatch="xx",
          linewidth=1.0)
    handles.append(Patch(facecolor="white", edgecolor=FIG_COLOUR, hatch="xx", label=t(lang, "axis_figures")))
    ax.set_xlim(-0.6, len(xs) - 0.4)
    ax2.set_ylabel(t(lang, "axis_figures"))
    top = max(n_figs + [1])
    ax2.set_ylim(0, top + 1)
    from matplotlib.ticker import MaxNLocator

    ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(xs)
    ax.set_xticklabels(labels)
    ax.set_xlabel(t(lang, "axis_paragraph"))
    ax.set_title(t(lang, "chart_paragraphs"), loc="left")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.1, 1.0), frameon=False, fontsize=8)
    fig.subplots_adjust(left=0.08, right=0.74, top=0.88, bottom=0.16)
    return _png(fig)


def _categories_chart(analysis: Any, lang: str) -> bytes | None:
    counts = span_counts(analysis)
    if not counts:
        return None
    cats = [c for c in i18n.CATEGORIES if c in counts] + sorted(c for c in counts if c not in i18n.CATEGORIES)
    height = max(1.8, 0.9 + 0.32 * len(cats))
    fig = _new_figure((SIZE[0], height))
    ax = fig.add_subplot()
    ys = list(range(len(cats)))[::-1]
    vals = [counts[c] for c in cats]
    colours = [i18n.CATEGORY_COLOURS.get(c, "#999999") for c in cats]
    from matplotlib.collections import PolyCollection

    verts = [[(0, y - 0.325), (v, y - 0.325), (v, y + 0.325), (0, y + 0.325)] for y, v in zip(ys, vals)]
    ax.add_collection(PolyCollection(verts, facecolors=colours, edgecolors="#333333", linewidths=0.6),
                      autolim=False)
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_yticks(ys)
    ax.set_yticklabels([f"{i18n.category_letter(c)} · {i18n.category_name(lang, c)}" for c in cats])
    for y, v in zip(ys, vals):
        ax.text(v + max(vals) * 0.01 + 0.05, y, str(v), va="center", fontsize=8)
    ax.set_xlim(0, max(vals) * 1.12 + 0.5)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t(lang, "axis_count"))
    ax.set_title(t(lang, "chart_categories"), loc="left")
    fig.subplots_adjust(left=0.26, right=0.96, top=1 - 0.45 / height, bottom=0.5 / height + 0.05)
    return _png(fig)


def render_charts(analysis: Any, ui_lang: str | None = None) -> dict[str, bytes]:
    """{name: PNG bytes} for "sentences", "paragraphs" and "categories" (those that have data)."""
    import matplotlib

    lang = i18n.ui_language(analysis, ui_lang)
    out: dict[str, bytes] = {}
    with matplotlib.rc_context(_RC):
        for name, make in (("sentences", _sentences_chart), ("paragraphs", _paragraphs_chart),
                           ("categories", _categories_chart)):
            png = make(analysis, lang)
            if png is not None:
                out[name] = png
    return out
