"""Renderers: Markdown, HTML and charts of hand-built Analysis objects (independent of the detectors).

Golden files live in tests/golden/; regenerate them after an intended change with
    HYPE_UPDATE_GOLDEN=1 python -m pytest tests/test_render.py
and review the diff.
"""
from __future__ import annotations

import html
import os
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hype.analysis import Analysis, Sentence
from hype.figures import Figure
from hype.render import collect_highlights, nest, segments
from hype.render.charts import render_charts
from hype.render.html import render_html
from hype.render.markdown import md_escape, render_markdown
from hype.spans import Span

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("HYPE_UPDATE_GOLDEN") == "1"

# --- hand-built analyses ---------------------------------------------------------------------------------------


def build_analysis(paragraphs, lang, *, source, figures=(), spans=(), scores=None, explanations=None,
                   metrics=None, claims=None, model=None):
    """An Analysis from paragraphs of sentences; figures/spans given as (sentence, text, ...) and located
    inside their sentence (occurrence 0), so offsets are always consistent with the text."""
    text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    sentences, pos, idx = [], 0, 0
    for pi, para in enumerate(paragraphs):
        for st_text in para:
            start = text.index(st_text, pos)
            sentences.append(Sentence(index=idx, start=start, end=start + len(st_text), text=st_text, paragraph=pi,
                                      language=lang))
            pos = start + len(st_text)
            idx += 1

    def locate(si, needle):
        s = sentences[si]
        a = s.text.index(needle) + s.start
        return a, a + len(needle)

    for si, ftext, value, unit, kind, qualifier, *extra in figures:
        a, b = locate(si, ftext)
        kw = extra[0] if extra else {}
        sentences[si].figures.append(Figure(ftext, a, b, value, unit, kind, qualifier, **kw))
    for si, stext, category, detector, reason, strength in spans:
        a, b = locate(si, stext)
        sentences[si].spans.append(Span(stext, a, b, category, detector, reason, strength))
    for s in sentences:
        s.spans.sort(key=lambda sp: (sp.start, -sp.end))
        s.figures.sort(key=lambda f: f.start)
    for si, sc in (scores or {}).items():
        rhet, claim, cp, senti, sp = sc
        claims_p = {"fact": 0.1, "projection": 0.1, "opinion": 0.1, "other": 0.0}
        claims_p[claim] = cp
        senti_p = {"bullish": 0.1, "neutral": 0.1, "bearish": 0.1}
        senti_p[senti] = sp
        sentences[si].scores = {"rhetoric": rhet, "claim": {"label": claim, "probabilities": claims_p},
                                "sentiment": {"label": senti, "probabilities": senti_p}}
    for si, items in (explanations or {}).items():
        rows = []
        for feature, kind, weight, needle in items:
            row = {"feature": feature, "kind": kind, "weight": weight}
            if needle is not None:
                row["start"], row["end"] = locate(si, needle)
            rows.append(row)
        sentences[si].explanations = {"rhetoric": rows}
    for c in claims or []:  # claims name their figures by sentence index (first figure of that sentence)
        s = sentences[c["sentence"]] if "sentence" in c else None
        if s is not None:
            c.update(start=s.start, end=s.end)
            c["figures"] = [f if not isinstance(f, int) else sentences[f].figures[0].to_dict()
                            for f in c["figures"] if not isinstance(f, int) or sentences[f].figures]
    return Analysis(text=text, language=lang, sentences=sentences, source=source, model=model, metrics=metrics,
                    claims_to_check=claims)


MODEL = {"tasks": ["rhetoric", "claim", "sentiment"], "sha256": "0123456789abcdef" * 4, "corpus_sha256": None}

DE_PARAS = [
    ["Mega-Deal: Nordwerk wagt den beispiellosen Coup"],
    ["Die Nordwerk AG will bis zu 3 Milliarden Euro in ein neues Chipwerk investieren.",
     "Nicht weniger als 2.400 neue Arbeitsplätze sollen entstehen – ein Meilenstein für die Region."],
    ["Experten sind sich einig: Das Werk wird die Branche revolutionieren.",
     "Der Umsatz stieg 2024 um rund 18 Prozent auf 412 Millionen Euro, meldet „Müller & Söhne“."],
]


def build_de(**overrides) -> Analysis:
    figures = [
        (1, "bis zu 3 Milliarden Euro", 3e9, "EUR", "money", "upper_bound"),
        (2, "Nicht weniger als 2.400 neue Arbeitsplätze", 2400.0, None, "count", "lower_bound",
         {"noun": "Arbeitsplätze"}),
        (4, "2024", 2024.0, None, "year", "exact"),
        (4, "rund 18 Prozent", 18.0, "%", "percent", "approximate"),
        (4, "412 Millionen Euro", 412e6, "EUR", "money", "exact"),
    ]
    spans = [
        (0, "Mega-Deal", "intensifier", "lexicon.intensifier", "Verstärker: bläht die Größe auf.", 0.8),
        (0, "beispiellosen Coup", "hyperbole", "lexicon.hyperbole", "Übertreibung: „beispiellos“ ohne Beleg.", 0.9),
        (0, "Coup", "metaphor", "lexicon.metaphor", "Metapher: macht aus einer Investition ein Drama.", 0.7),
        (0, "wagt", "model", "model.weighted_word", "Vom Modell stark gewichtet (+1,2).", 0.4),
        (2, "Nicht weniger als", "vague_magnitude", "pattern.nicht_weniger_als",
         "Rahmt die Zahl so, dass sie beeindruckt.", 0.8),
        (2, "Meilenstein", "evaluative", "lexicon.evaluative", "Wertung: Lob statt Beschreibung.", 0.6),
        (3, "Experten sind sich einig", "generalisation", "lexicon.generalisation",
         "Verallgemeinerung: Welche Experten?", 0.7),
        (3, "wird die Branche revolutionieren", "promise", "pattern.promise_future_transform",
         "Versprechen: nicht messbar.", 0.9),
        (3, "revolutionieren", "hype_word", "lexicon.hype_word", "Hype-Wort: behauptet Neuheit.", 0.6),
    ]
    scores = {0: (0.97, "opinion", 0.7, "bullish", 0.8), 1: (0.12, "projection", 0.8, "neutral", 0.7),
              2: (0.88, "projection", 0.6, "bullish", 0.7), 3: (0.95, "projection", 0.7, "bullish", 0.9),
              4: (0.04, "fact", 0.9, "bullish", 0.6)}
    explanations = {0: [("lex:hyperbole", "cue", 2.1, "beispiellosen"), ("Coup", "word", 1.3, "Coup"),
                        ("style:length", "cue", -0.4, None)],
                    1: [("investieren", "word", -0.8, "investieren"), ("fig:money", "cue", -0.5,
                                                                          "bis zu 3 Milliarden Euro")],
                    2: [("lex:evaluative", "cue", 1.7, "Meilenstein"), ("punct:quote", "cue", 0.2, None)],
                    3: [("lex:promise", "cue", 2.4, "wird die Branche revolutionieren"),
                        ("Experten", "word", 0.9, "Experten")],
                    4: [("stieg", "word", -1.1, "stieg")]}
    metrics = {"basis": "model", "hype_index": 68.4,
               "verdict": {"code": "strongly_promotional", "label": "stark werblich", "language": "de"},
               "verdict_thresholds": {"sober": 0.0, "promotional": 40.0, "strongly_promotional": 60.0},
               "hype_index_components": {"rhetoric": 0.6, "rhetoric_points": 60.0},
               "rhetoric_share": 0.6, "span_sentence_share": 0.8, "n_spans": 9, "fact_density": 8.16,
               "figures": {"total": 5, "concrete": 4,
                           "by_qualifier": {"exact": 1, "upper_bound": 1, "lower_bound": 1, "approximate": 1},
                           "by_kind": {"count": 1, "money": 2, "percent": 1, "year": 1}},
               "claims": {"fact": 1, "projection": 3, "opinion": 1, "other": 0},
               "projection_share": 0.6, "opinion_share": 0.2, "sentiment_balance": 0.8,
               "sentiment": {"bullish": 4, "neutral": 1, "bearish": 0},
               "top_phrases": [{"text": "beispiellosen Coup", "category": "hyperbole", "count": 1, "strength": 0.9},
                               {"text": "Meilenstein", "category": "evaluative", "count": 2, "strength": 0.6}],
               "n_sentences": 5, "n_words": 49}
    claims = [{"sentence": 1, "text": DE_PARAS[1][0], "claim": "projection", "figures": [1],
               "why": "Obergrenze („bis zu“) – keine Zusage über den tatsächlichen Betrag.", "priority": 71.5,
               "basis": "model"},
              {"sentence": 2, "text": DE_PARAS[1][1], "claim": "projection", "figures": [2],
               "why": "Untergrenze; werblich formuliert", "priority": 40.2, "basis": "model"}]
    kw = dict(source="corpora/examples/Nordwerk Bericht.txt", figures=figures, spans=spans, scores=scores,
              explanations=explanations, metrics=metrics, claims=claims, model=MODEL)
    kw.update(overrides)
    return build_analysis(DE_PARAS, "de", **kw)


EN_PARAS = [
    ["Game changer: Harbor Labs unveils a stunning AI chip"],
    ["Harbor Labs will invest up to $5bn in R&D and a new fab in Ohio.",
     "More than 2,000 new jobs are promised – a true milestone for the region."],
    ["Everyone agrees: the chip is poised to transform the market.",
     "Revenue rose about 12% to $1.2bn in 2024, the company said."],
]


def build_en(**overrides) -> Analysis:
    figures = [
        (1, "up to $5bn", 5e9, "USD", "money", "upper_bound"),
        (2, "More than 2,000 new jobs", 2000.0, None, "count", "lower_bound", {"noun": "jobs"}),
        (4, "about 12%", 12.0, "%", "percent", "approximate"),
        (4, "$1.2bn", 1.2e9, "USD", "money", "exact"),
        (4, "2024", 2024.0, None, "year", "exact"),
    ]
    spans = [
        (0, "Game changer", "hype_word", "lexicon.hype_word", "Hype word: claims novelty instead of showing it.", 0.8),
        (0, "stunning", "evaluative", "lexicon.evaluative", "Evaluation: praise instead of description.", 0.7),
        (2, "a true milestone", "evaluative", "lexicon.evaluative", "Evaluation: praise instead of description.", 0.6),
        (3, "Everyone agrees", "generalisation", "lexicon.generalisation", "Generalisation: who is everyone?", 0.8),
        (3, "is poised to transform the market", "promise", "pattern.promise_future_transform",
         "Promise: a transformation nobody can measure.", 0.9),
    ]
    scores = {0: (0.93, "opinion", 0.6, "bullish", 0.8), 1: (0.08, "projection", 0.9, "neutral", 0.6),
              2: (0.71, "projection", 0.5, "bullish", 0.6), 3: (0.96, "projection", 0.8, "bullish", 0.9),
              4: (0.03, "fact", 0.95, "bullish", 0.7)}
    explanations = {0: [("lex:hype_word", "cue", 1.9, "Game changer"), ("stunning", "word", 1.2, "stunning")],
                    3: [("lex:generalisation", "cue", 2.2, "Everyone agrees"), ("poised", "word", 1.0, "poised")],
                    4: [("rose", "word", -1.0, "rose")]}
    metrics = {"basis": "model", "hype_index": 55,
               "verdict": {"code": "promotional", "label": "promotional", "language": "en"},
               "rhetoric_share": 0.6, "span_sentence_share": 0.6, "n_spans": 5, "fact_density": 9.52,
               "figures": {"total": 5, "concrete": 4,
                           "by_qualifier": {"exact": 1, "upper_bound": 1, "lower_bound": 1, "approximate": 1},
                           "by_kind": {"count": 1, "money": 2, "percent": 1, "year": 1}},
               "claims": {"fact": 1, "projection": 3, "opinion": 1, "other": 0},
               "projection_share": 0.6, "opinion_share": 0.2, "sentiment_balance": 0.8,
               "sentiment": {"bullish": 4, "neutral": 1, "bearish": 0},
               "top_phrases": [{"text": "Game changer", "category": "hype_word", "count": 1, "strength": 0.8},
                               {"text": "Everyone agrees", "category": "generalisation", "count": 1,
                                "strength": 0.8}],
               "n_sentences": 5, "n_words": 42}
    claims = [{"sentence": 1, "text": EN_PARAS[1][0], "claim": "projection", "figures": [1],
               "why": "An upper bound (“up to”) is not a commitment.", "priority": 66.0, "basis": "model"}]
    kw = dict(source="en-harbor.md", figures=figures, spans=spans, scores=scores, explanations=explanations,
              metrics=metrics, claims=claims, model=MODEL)
    kw.update(overrides)
    return build_analysis(EN_PARAS, "en", **kw)


INJECTION = ['<script>alert(1)</script> Die Firma investiert bis zu 3 Milliarden Euro.',
             'Ein "><img src=x onerror=alert(1)> beispielloser Coup & mehr.']


def build_injection() -> Analysis:
    return build_analysis(
        [INJECTION], "de", source='"><script>alert(2)</script>.txt',
        figures=[(0, "bis zu 3 Milliarden Euro", 3e9, "EUR", "money", "upper_bound")],
        spans=[(0, "<script>alert(1)</script>", "hyperbole", "x", 'reason "><script>alert(3)</script>', 0.5),
               (1, '"><img src=x onerror=alert(1)> beispielloser', 'evil" onmouseover="alert(4)', "x",
                "<b>bold</b>", 0.5)],
        scores={0: (0.9, "fact", 0.9, "neutral", 0.9), 1: (0.8, "opinion", 0.9, "bullish", 0.9)},
        metrics={"hype_index": 50, "verdict": {"code": '"><script>', "label": "<script>alert(5)</script>"},
                 "top_phrases": ["<script>alert(6)</script>"]},
        claims=[{"index": 0, "text": INJECTION[0], "claim": "fact", "figures": ["<img src=x>"],
                 "why": "<script>alert(7)</script>", "priority": "<i>high</i>"}])


# --- helpers ---------------------------------------------------------------------------------------------------

VOID = {"meta", "img", "br", "hr", "link", "input", "source", "wbr", "col", "area", "base", "embed", "track"}


class _Checker(HTMLParser):
    """Well-formedness (every non-void element closed in order) plus the article's visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.article_text: list[str] = []
        self._article_depth = None
        self._sup_depth = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "div" and a.get("class") == "article":
            self._article_depth = len(self.stack)
        if tag == "sup" and self._sup_depth is None:
            self._sup_depth = len(self.stack)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        if self._sup_depth == len(self.stack):
            self._sup_depth = None
        if self._article_depth == len(self.stack):
            self._article_depth = None
        self.stack.pop()

    def handle_data(self, data):
        if self._article_depth is not None and self._sup_depth is None:
            self.article_text.append(data)


def check_html(doc: str) -> _Checker:
    c = _Checker()
    c.feed(doc)
    c.close()
    assert c.stack == [], f"unclosed: {c.stack}"
    return c


def _norm(s: str) -> str:
    return " ".join(s.split())


def assert_golden(name: str, content: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
    if not path.exists():
        pytest.fail(f"golden file {path} is missing (regenerate with HYPE_UPDATE_GOLDEN=1)")
    expected = path.read_text(encoding="utf-8")
    assert content == expected, f"{name} differs from the golden file (HYPE_UPDATE_GOLDEN=1 to regenerate)"


# --- golden files ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang,builder", [("de", build_de), ("en", build_en)])
def test_golden_markdown(lang, builder):
    assert_golden(f"report.{lang}.md", render_markdown(builder()))


@pytest.mark.parametrize("lang,builder", [("de", build_de), ("en", build_en)])
def test_golden_html(lang, builder):
    assert_golden(f"report.{lang}.html", render_html(builder()))


def test_renderers_are_pure():
    a = build_de()
    before = a.to_dict()
    assert render_html(a) == render_html(a)
    assert render_markdown(a) == render_markdown(a)
    assert a.to_dict() == before


# --- HTML ------------------------------------------------------------------------------------------------------


def test_html_structure_and_article_text():
    a = build_de()
    doc = render_html(a)
    c = check_html(doc)
    # the visible article text (without note numbers) is the document's text, in order
    assert _norm("".join(c.article_text)) == _norm(" ".join(" ".join(p) for p in DE_PARAS))
    marks = [attrs for tag, attrs in c.tags if tag == "mark" and "data-note" in attrs]
    cats = {m["class"].split()[1] for m in marks}
    assert cats == {"cat-intensifier", "cat-hyperbole", "cat-metaphor", "cat-model", "cat-vague_magnitude",
                    "cat-evaluative", "cat-generalisation", "cat-promise", "cat-hype_word"}
    assert all(m.get("title") for m in marks)
    figs = [attrs for tag, attrs in c.tags if tag == "span" and "figure" in attrs.get("class", "").split()
            and "data-note" in attrs]
    assert {f["class"].split()[1] for f in figs} == {"q-upper_bound", "q-lower_bound", "q-exact", "q-approximate"}
    # every highlight has a numbered note and a reference to it
    n = len(collect_highlights(a))
    assert n == 14
    for i in range(1, n + 1):
        assert f'id="fn-{i}"' in doc and f'href="#fn-{i}"' in doc and f'id="ref-{i}"' in doc
    assert "Obergrenze" in doc and "Untergrenze" in doc and "ungefähr" in doc and "genau" in doc
    assert "<script" not in doc.lower() and "http://" not in doc and "https://" not in doc
    assert "@media print" in doc
    assert 'id="hype-index">68 ' in doc and "stark werblich" in doc
    assert "8,16" in doc and "konkret 4" in doc and "Prognose 3" in doc
    assert '<html lang="de">' in doc


def test_html_nested_span_inside_figure():
    doc = render_html(build_de())
    # "Nicht weniger als" (span) sits inside the figure "Nicht weniger als 2.400 neue Arbeitsplätze"
    m = re.search(r'<span class="figure q-lower_bound[^>]*><mark class="span cat-vague_magnitude[^>]*>'
                  r'Nicht weniger als</mark>', doc)
    assert m, "span nested inside figure"


def test_html_english_labels():
    doc = render_html(build_en())
    assert '<html lang="en">' in doc
    for word in ("upper bound", "lower bound", "approximately", "exact", "Claims to check", "Figures"):
        assert word in doc
    assert "Obergrenze" not in doc


def test_ui_lang_override():
    de_doc = render_html(build_de(), ui_lang="en")
    assert '<html lang="en">' in de_doc and "≤ upper bound" in de_doc and "≤ Obergrenze" not in de_doc
    assert 'class="article" lang="de"' in de_doc
    en_md = render_markdown(build_en(), ui_lang="de")
    assert "Hype-Bericht" in en_md and "≤ Obergrenze" in en_md
    assert "strongly promotional" in de_doc  # the verdict label follows the UI language
    with pytest.raises(ValueError):
        render_html(build_de(), ui_lang="fr")


def test_html_escapes_injection():
    doc = render_html(build_injection())
    c = check_html(doc)
    low = doc.lower()
    assert "<script" not in low
    assert "<img" not in low and "<b>" not in low and "<i>" not in low
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in doc
    assert "onmouseover" not in [k for _, attrs in c.tags for k in attrs]
    assert all(not k.startswith("on") for _, attrs in c.tags for k in attrs)
    text = _norm("".join(c.article_text))
    assert "<script>alert(1)</script>" in text and '"><img src=x onerror=alert(1)>' in text


def test_markdown_escapes_injection():
    md = render_markdown(build_injection())
    assert not re.search(r"(?<!\\)<", md), "every < is escaped"
    assert r"\<script>alert(1)\</script>" in md


def test_html_without_metrics_scores_claims():
    a = build_de(metrics=None, claims=None, scores=None, explanations=None, model=None, spans=[])
    doc = render_html(a)
    check_html(doc)
    assert "Kennzahlen nicht verfügbar" in doc
    assert "keine Prüfliste" in doc
    assert "Keine Modellbewertung" in doc
    assert "ohne Modell" in doc
    md = render_markdown(a)
    assert "Kennzahlen nicht verfügbar" in md and "Keine Modellbewertung" in md
    b = build_de(claims=[])
    assert "Keine prüfbedürftigen Aussagen" in render_html(b)


def test_claims_with_index_key_and_text_priority():
    a = build_de(claims=[{"index": 3, "text": None, "priority": "high", "figures": ["x"], "why": ["a", "b"]}])
    doc = render_html(a)
    assert 'href="#s-3">Satz 4</a> · Priorität: hoch' in doc   # shown counted from 1
    assert "Experten sind sich einig: Das Werk" in doc.split('id="claims"')[1]
    md = render_markdown(a)
    assert "1. **Satz 4** · Priorität: hoch" in md and "Warum: a; b" in md


def test_html_embeds_charts_as_data_uris():
    a = build_de()
    charts = render_charts(a)
    doc = render_html(a, charts=charts)
    assert doc.count('src="data:image/png;base64,') == len(charts) == 3
    assert not re.search(r'(src|href)="(?!data:|#)', doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 25), st.booleans()), max_size=8))
def test_overlapping_highlights_stay_well_formed(items):
    text = "Ein gigantischer, beispielloser Coup & <b>Deal</b> über bis zu 3 Milliarden Euro."
    s = Sentence(index=0, start=0, end=len(text), text=text, paragraph=0, language="de")
    for a, n, is_span in items:
        b = min(a + n, len(text))
        if is_span:
            s.spans.append(Span(text[a:b], a, b, "hyperbole", "x", "r", 0.5))
        else:
            s.figures.append(Figure(text[a:b], a, b, 1.0, None, "count"))
    an = Analysis(text=text, language="de", sentences=[s])
    doc = render_html(an)
    c = check_html(doc)
    assert _norm("".join(c.article_text)) == _norm(text)
    md = render_markdown(an)
    assert not re.search(r"(?<!\\)<", md)


def test_segments_split_overlaps():
    text = "abcdefghij"
    s = Sentence(index=0, start=0, end=10, text=text, paragraph=0, language="en",
                 spans=[Span("bcde", 1, 5, "hyperbole", "x", "r", 1.0)],
                 figures=[Figure("defg", 3, 7, 1.0, None, "count")])
    an = Analysis(text=text, language="en", sentences=[s])
    hs = collect_highlights(an)
    assert [(h.kind, h.number) for h in hs] == [("span", 1), ("figure", 2)]
    segs = [(a, b, [h.kind for h in active]) for a, b, active in segments(0, 10, hs)]
    assert segs == [(0, 1, []), (1, 3, ["span"]), (3, 5, ["span", "figure"]), (5, 7, ["figure"]), (7, 10, [])]


def _shape(tokens):
    out = []
    for tok in tokens:
        if tok[0] == "open":
            out.append(("open", tok[1].kind, tok[2]))
        elif tok[0] == "close":
            out.append(("close", tok[1].kind))
        elif tok[0] == "end":
            out.append(("end", [h.number for h in tok[1]]))
        else:
            out.append(("text", tok[1], tok[2]))
    return out


def test_nest_keeps_contained_highlights_whole_and_splits_real_overlaps():
    text = "abcdefghij"
    nested = Sentence(index=0, start=0, end=10, text=text, paragraph=0, language="en",
                      spans=[Span("bc", 1, 3, "hyperbole", "x", "r", 1.0)],
                      figures=[Figure("bcdef", 1, 6, 1.0, None, "count")])
    hs = collect_highlights(Analysis(text=text, language="en", sentences=[nested]))
    assert _shape(nest(0, 10, hs)) == [
        ("text", 0, 1), ("open", "figure", False), ("open", "span", False), ("text", 1, 3), ("close", "span"),
        ("end", [2]), ("text", 3, 6), ("close", "figure"), ("end", [1]), ("text", 6, 10)]
    crossing = Sentence(index=0, start=0, end=10, text=text, paragraph=0, language="en",
                        spans=[Span("bcde", 1, 5, "hyperbole", "x", "r", 1.0)],
                        figures=[Figure("defg", 3, 7, 1.0, None, "count")])
    hs = collect_highlights(Analysis(text=text, language="en", sentences=[crossing]))
    assert _shape(nest(0, 10, hs)) == [
        ("text", 0, 1), ("open", "span", False), ("text", 1, 3), ("open", "figure", False), ("text", 3, 5),
        ("close", "figure"), ("close", "span"), ("end", [1]), ("open", "figure", True), ("text", 5, 7),
        ("close", "figure"), ("end", [2]), ("text", 7, 10)]


def test_out_of_range_offsets_are_ignored():
    text = "Kurz und gut."
    s = Sentence(index=0, start=0, end=len(text), text=text, paragraph=0, language="de",
                 spans=[Span("x", 50, 60, "hyperbole", "x", "r", 1.0), Span("x", 5, 5, "hyperbole", "x", "r", 1.0)])
    doc = render_html(Analysis(text=text, language="de", sentences=[s]))
    assert "data-note" not in doc
    check_html(doc)


# --- Markdown --------------------------------------------------------------------------------------------------


def test_markdown_marks_spans_and_figures():
    md = render_markdown(build_de())
    assert "**Mega-Deal**[1]" in md
    assert "⟨**Nicht weniger als**[7] 2.400 neue Arbeitsplätze⟩" in md   # note numbers as in the HTML report
    assert "⟨bis zu 3 Milliarden Euro⟩" in md
    assert "| 5 | bis zu 3 Milliarden Euro | Geld | 3 Mrd. | EUR | ≤ Obergrenze | 2 |" in md   # note series, sentence from 1
    assert "Müller \\& Söhne" not in md  # a plain "&" needs no escape …
    assert "Müller & Söhne" in md


@pytest.mark.parametrize("raw,expected", [
    ("a*b_c", r"a\*b\_c"),
    ("[link](x)", r"\[link\](x)"),
    ("<b>", r"\<b>"),
    ("&amp; &x", r"\&amp; &x"),
    ("$5 and $6", r"\$5 and \$6"),
    ("one $5", "one $5"),
    ("a|b", "a|b"),
])
def test_md_escape(raw, expected):
    assert md_escape(raw) == expected


def test_md_escape_table_pipes():
    assert md_escape("a|b", table=True) == r"a\|b"


def test_markdown_line_start_is_not_markup():
    text = "# 1. Liga\n\n2024. Jahr der Wahrheit\n"
    s0 = Sentence(index=0, start=0, end=9, text="# 1. Liga", paragraph=0, language="de")
    s1 = Sentence(index=1, start=11, end=34, text="2024. Jahr der Wahrheit", paragraph=1, language="de")
    md = render_markdown(Analysis(text=text, language="de", sentences=[s0, s1]))
    assert "\n\\# 1. Liga\n" in md
    assert "\n2024\\. Jahr der Wahrheit\n" in md


# --- charts ----------------------------------------------------------------------------------------------------


def _png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, kinds = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc
        kinds.append(kind)
        pos += 12 + length
    return kinds


def test_charts_are_deterministic_pngs_without_metadata():
    a = build_de()
    one, two = render_charts(a), render_charts(a)
    assert set(one) == {"sentences", "paragraphs", "categories"}
    assert one == two
    for png in one.values():
        kinds = _png_chunks(png)
        assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(kinds)
        w, h = struct.unpack(">II", png[16:24])
        assert w == 800 and 150 <= h <= 400


def test_charts_degrade_without_data():
    a = build_de(scores=None, explanations=None, spans=[])
    charts = render_charts(a)
    assert set(charts) == {"paragraphs"}  # only figures per paragraph
    empty = build_de(scores=None, explanations=None, spans=[], figures=[])
    assert render_charts(empty) == {}


def test_chart_labels_follow_ui_language():
    a = build_de()
    assert render_charts(a, ui_lang="en")["sentences"] != render_charts(a)["sentences"]


def test_html_escape_helper_quotes_attributes():
    from hype.render.html import esc

    assert esc('"\'<>&') == html.escape('"\'<>&', quote=True) == "&quot;&#x27;&lt;&gt;&amp;"


# --- UI strings ------------------------------------------------------------------------------------------------


def test_ui_strings_complete_in_both_languages():
    from hype.render import i18n

    for table in (i18n.STRINGS, i18n.CATEGORY_NAMES, i18n.CATEGORY_HELP, i18n.CATEGORY_EXAMPLES, i18n.QUALIFIER_WORDS,
                  i18n.KIND_NAMES, i18n.LABELS, i18n.CUE_NAMES, i18n.VERDICTS, i18n.PRIORITIES):
        assert set(table["de"]) == set(table["en"])
    assert i18n.QUALIFIER_WORDS["de"] == {"exact": "genau", "upper_bound": "Obergrenze",
                                          "lower_bound": "Untergrenze", "approximate": "ungefähr"}
    assert i18n.QUALIFIER_WORDS["en"] == {"exact": "exact", "upper_bound": "upper bound",
                                          "lower_bound": "lower bound", "approximate": "approximately"}


def test_categories_match_lexicons_and_schema():
    import json

    from hype.lexicons import RHETORIC_CATEGORIES
    from hype.render import i18n

    assert set(i18n.CATEGORIES) == set(RHETORIC_CATEGORIES) | {"model"}
    assert len(set(i18n.CATEGORY_LETTERS.values())) == len(i18n.CATEGORIES)
    schema = json.loads((GOLDEN.parent.parent / "docs" / "hype.analysis.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["span"]["properties"]["category"]["enum"]) == set(i18n.CATEGORIES)


@pytest.mark.parametrize("value,lang,text", [
    (3e9, "de", "3\u00a0Mrd."), (3e9, "en", "3bn"), (1.3e6, "de", "1,3\u00a0Mio."), (2400.0, "de", "2.400"),
    (2400.0, "en", "2,400"), (0.5, "de", "0,5"), (412e6, "en", "412m"),
])
def test_number_formats(value, lang, text):
    from hype.render import i18n

    assert i18n.format_figure(Figure("x", 0, 1, value, None, "count"), lang)[0] == text


def test_power_and_ranges():
    from hype.render import i18n

    assert i18n.format_figure(Figure("x", 0, 1, 1e9, "W", "power", "lower_bound"), "de") == ("1", "GW")
    assert i18n.format_figure(Figure("x", 0, 1, 10.0, "%", "percent", high=12.0), "en") == ("10–12", "%")
    assert i18n.format_figure(Figure("x", 0, 1, 2023.0, None, "year", high=2025.0), "de") == ("2023–2025", "")
    assert i18n.format_figure(Figure("x", 0, 1, None, None, "date"), "de") == ("–", "")


def test_markdown_escapes_dollars_across_highlights():
    text = "Sales rose from $5bn to $6bn."
    s = Sentence(index=0, start=0, end=len(text), text=text, paragraph=0, language="en",
                 figures=[Figure(f, text.index(f), text.index(f) + 4, v, "USD", "money")
                          for f, v in (("$5bn", 5e9), ("$6bn", 6e9))])
    md = render_markdown(Analysis(text=text, language="en", sentences=[s]))
    assert r"Sales rose from ⟨\$5bn⟩ to ⟨\$6bn⟩." in md


def test_why_quotes_every_place_of_a_cue_and_skips_function_words():
    from types import SimpleNamespace

    from hype.render import why_items

    text = "An der Börse brach die nackte Panik aus: Fast alles war binnen Minuten futsch."
    a, b = text.index("Panik"), text.index("futsch")
    sentence = SimpleNamespace(explanations={"rhetoric": [
        {"feature": "lex:evaluative", "kind": "cue", "weight": 2.0, "start": a, "end": a + 5,
         "places": [[a, a + 5], [b, b + 6]]},
        {"feature": "die", "kind": "word", "weight": 1.5, "start": text.index("die"), "end": text.index("die") + 3},
        {"feature": "Panik", "kind": "word", "weight": 1.0, "start": a, "end": a + 5},
        {"feature": "Börse", "kind": "word", "weight": 0.5, "start": text.index("Börse"), "end": text.index("Börse") + 5},
    ]})
    items = why_items(SimpleNamespace(text=text), sentence, "de")
    assert items == [("Panik … futsch", "Wertung"), ("Börse", None)]
    phone = SimpleNamespace(explanations={"rhetoric": [
        {"feature": "Smartphone", "kind": "word", "weight": 2.0, "start": 0, "end": 10},
        {"feature": "phone", "kind": "word", "weight": 1.0, "start": 11, "end": 16}]})
    assert [q for q, _ in why_items(SimpleNamespace(text="Smartphone phone"), phone, "en")] == ["Smartphone", "phone"]


def test_repeated_cues_carry_all_their_places(tiny_model):
    from hype.explain import cue_places

    text = "Was für ein Desaster! Ein Fiasko! Eine Blamage!"
    places = cue_places(text, "de")
    assert places["punct:exclamation"] == [(i, i + 1) for i, ch in enumerate(text) if ch == "!"]
    assert len(places["lex:evaluative"]) >= 2
    import pandas as pd

    X = pd.DataFrame({"text": [text], "language": ["de"]})
    (contribs,) = tiny_model.explain(X, "rhetoric", top_k=40)
    repeated = [c for c in contribs if c.kind == "cue" and c.places]
    assert repeated and all((c.start, c.end) == c.places[0] and len(c.places) > 1 for c in repeated)
    assert all(text[a:b] for c in repeated for a, b in c.places)


def test_ui_language_translates_the_reasons_of_claims_too():
    from hype.analysis import analyze_path

    a = analyze_path(Path(__file__).resolve().parents[1] / "corpora" / "examples" / "de-chips-004.txt", model=None)
    assert a.language == "de" and a.claims_to_check
    en = render_markdown(a, ui_lang="en")
    de = render_markdown(a, ui_lang="de")
    german_why = a.claims_to_check[0]["why"]
    assert german_why in de and german_why not in en
    assert "Why: " in en
