"""hype.metrics: formulas on hand-built analyses (no model), bands, no-model basis, claims ordering,
and the acceptance article with the packaged model."""
import json
from pathlib import Path

import pytest

from hype import metrics as M
from hype.analysis import Analysis, Sentence
from hype.figures import Figure
from hype.spans import Span

ROOT = Path(__file__).resolve().parent.parent


# --- builders -------------------------------------------------------------------------------------------

def fig(kind="money", value=1e6, qualifier="exact", text=None, unit="EUR"):
    text = text or f"{value}"
    return Figure(text=text, start=0, end=len(text), value=value, unit=unit, kind=kind, qualifier=qualifier)


def span(text, category="hype_word", start=0, strength=0.5):
    return Span(text=text, start=start, end=start + len(text), category=category, detector="test",
                reason="test", strength=strength)


def scores(rhetoric, claim="fact", sentiment="neutral", p_claim=None):
    probs = p_claim or {c: (0.7 if c == claim else 0.1) for c in ("fact", "projection", "opinion", "other")}
    sprobs = {c: (0.8 if c == sentiment else 0.1) for c in ("bullish", "neutral", "bearish")}
    return {"rhetoric": rhetoric, "claim": {"label": claim, "probabilities": probs},
            "sentiment": {"label": sentiment, "probabilities": sprobs}}


def sent(i, text, sc=None, figures=(), spans=(), lang="de"):
    return Sentence(index=i, start=10 * i, end=10 * i + len(text), text=text, paragraph=0, language=lang,
                    figures=list(figures), scores=sc, spans=list(spans))


def analysis(*sentences, lang="de"):
    return Analysis(text=" ".join(s.text for s in sentences), language=lang, sentences=list(sentences))


FOUR = "Alpha beta gamma delta."                                                    # 4 words
TWELVE = "Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf."          # 12 words


# --- formulas -------------------------------------------------------------------------------------------

def test_count_words():
    assert M.count_words(FOUR) == 4
    assert M.count_words(TWELVE) == 12
    assert M.count_words("Meta’s KI-Ziele: 1,3 Millionen GPU-Chips!") == 5
    assert M.count_words("🚀🚀") == 0


def test_hype_index_formula_and_clipping():
    assert M.hype_index(0.5, 2.5, 0.2) == 62.0           # 50 + 20·0.5 + 10·0.2
    assert M.hype_index(0.5, 50.0, 0.0) == 70.0          # span density capped at 5 per 100 words
    assert M.hype_index(0.0, 0.0, -1.0) == 0.0           # clipped at 0
    assert M.hype_index(1.0, 10.0, 1.0) == 100.0         # clipped at 100
    assert M.hype_index(0.123, 1.0, -0.5) == 11.3        # 12.3 + 4 − 5, one decimal


def test_hype_index_is_monotone():
    grid = [i / 10 for i in range(11)]
    for d in (0.0, 2.0, 6.0):
        for f in (-0.8, 0.0, 0.8):
            xs = [M.hype_index(r, d, f) for r in grid]
            assert xs == sorted(xs)
    for r in (0.1, 0.9):
        assert [M.hype_index(r, d, 0) for d in range(0, 10)] == sorted(M.hype_index(r, d, 0) for d in range(0, 10))
        assert [M.hype_index(r, 1, f) for f in (-1, -0.5, 0, 0.5, 1)] == sorted(
            M.hype_index(r, 1, f) for f in (-1, -0.5, 0, 0.5, 1))


def test_figure_balance_weights():
    figs = [fig(qualifier="upper_bound"), fig(qualifier="lower_bound"), fig(qualifier="lower_bound"),
            fig(), fig(), fig(kind="count"), fig(qualifier="approximate"), fig(qualifier="approximate"),
            fig(kind="year", value=2025), fig(kind="date", value=2025)]       # years/dates ignored
    fb = M.figure_balance(figs, n_vague_magnitudes=1)
    assert fb["open"] == 3.0                       # 1·1 + 0.5·2 + 1 vague magnitude
    assert fb["firm"] == 4.0                       # 1·3 + 0.5·2
    assert fb["balance"] == pytest.approx(-1 / 9)  # (3 − 4) / (3 + 4 + 2)
    assert M.figure_balance([])["balance"] == 0.0
    assert M.figure_balance([fig(qualifier="upper_bound")])["balance"] == pytest.approx(1 / 3)


def test_article_metrics_worked_example():
    a = analysis(
        sent(0, FOUR, scores(0.9, "opinion", "bullish"),
             spans=[span("Alpha", start=0, strength=0.9), span("beta", start=6), span("Alpha", start=0)]),
        sent(1, TWELVE, scores(0.1, "fact", "bearish"),
             figures=[fig(text="3 Mio. Euro", value=3e6), fig(kind="year", value=2025, text="2025")]),
    )
    m = M.article_metrics(a)
    assert m["basis"] == "model"
    c = m["hype_index_components"]
    assert c["rhetoric"] == 0.3                    # (4·0.9 + 12·0.1) / 16
    assert m["n_spans"] == 2                       # the duplicate (start, end) counts once
    assert c["span_density"] == 12.5               # 100 · 2 / 16 → capped: 20 points
    assert c["span_points"] == 20.0
    assert c["figure_balance"] == pytest.approx(-1 / 3, abs=1e-4)   # (0 − 1) / (0 + 1 + 2)
    assert m["hype_index"] == 46.7                 # 30 + 20 − 3.33
    assert m["verdict"] == {"code": "promotional", "label": "werblich", "language": "de"}
    assert m["verdict_thresholds"] == {"sober": 0.0, "promotional": 40.0, "strongly_promotional": 65.0}
    assert m["rhetoric_share"] == 0.5
    assert m["fact_density"] == 6.25               # 1 concrete figure (the year does not count) / 16 words
    assert m["figures"] == {"total": 2, "concrete": 1,
                            "by_qualifier": {"exact": 1, "upper_bound": 0, "lower_bound": 0, "approximate": 0},
                            "by_kind": {"money": 1, "year": 1}}
    assert m["claims"] == {"fact": 1, "projection": 0, "opinion": 1, "other": 0}
    assert m["projection_share"] == 0.0 and m["opinion_share"] == 0.5
    assert m["sentiment"] == {"bullish": 1, "neutral": 0, "bearish": 1}
    assert m["sentiment_balance"] == 0.0
    assert m["n_sentences"] == 2 and m["n_words"] == 16
    assert m["top_phrases"][0] == {"text": "Alpha", "category": "hype_word", "count": 1, "strength": 0.9}
    json.dumps(m)                                  # plain JSON types only


def test_sentiment_balance_range():
    a = analysis(*[sent(i, FOUR, scores(0.2, sentiment=s)) for i, s in enumerate(["bullish"] * 3 + ["bearish"])])
    m = M.article_metrics(a)
    assert m["sentiment_balance"] == 0.5           # (3 − 1) / 4
    assert m["sentiment"] == {"bullish": 3, "neutral": 0, "bearish": 1}


def test_top_phrases_grouped_counted_and_capped():
    sps = [span("Game-Changer", "hype_word", start=i) for i in range(3)]
    sps += [span("game-changer", "hype_word", start=10, strength=0.95)]            # same phrase, other case
    sps += [span("beispiellos", "hyperbole", start=20 + i, strength=0.8) for i in range(2)]
    sps += [span(f"Wort{i}", "evaluative", start=40 + i, strength=i / 20) for i in range(12)]
    sps += [span("vorsichtig", "hedge", start=80)]                                  # a cue, not rhetoric
    m = M.article_metrics(analysis(sent(0, TWELVE, scores(0.5), spans=sps)))
    tp = m["top_phrases"]
    assert len(tp) == 10
    assert tp[0] == {"text": "Game-Changer", "category": "hype_word", "count": 4, "strength": 0.95}
    assert tp[1] == {"text": "beispiellos", "category": "hyperbole", "count": 2, "strength": 0.8}
    assert tp[2]["text"] == "Wort11"                                                # then by strength
    assert all(p["text"] != "vorsichtig" for p in tp)
    assert m["n_spans"] == 4 + 2 + 12


# --- bands ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("index,basis,code", [
    (0.0, "model", "sober"), (39.9, "model", "sober"), (40.0, "model", "promotional"),
    (64.9, "model", "promotional"), (65.0, "model", "strongly_promotional"), (100.0, "model", "strongly_promotional"),
    (9.9, "spans", "sober"), (10.0, "spans", "promotional"), (39.9, "spans", "promotional"),
    (40.0, "spans", "strongly_promotional"),
])
def test_bands_at_thresholds(index, basis, code):
    assert M.band(index, basis) == code


def test_verdict_labels():
    assert M.verdict(75, "de") == {"code": "strongly_promotional", "label": "stark werblich", "language": "de"}
    assert M.verdict(75, "en")["label"] == "strongly promotional"
    assert M.verdict(10, "de")["label"] == "nüchtern"
    assert M.verdict(50, "en")["label"] == "promotional"
    assert M.verdict(50, "fr")["language"] == "en"           # unknown language: English labels


# --- without a model, partial models, empty input ---------------------------------------------------------

def test_no_model_basis_spans():
    a = analysis(sent(0, FOUR, spans=[span("Alpha")]),
                 sent(1, TWELVE, figures=[fig(qualifier="upper_bound", text="bis zu 5 Mio. Euro", value=5e6)]))
    m = M.article_metrics(a)
    assert m["basis"] == "spans"
    assert m["verdict_thresholds"] == M.THRESHOLDS["spans"]
    c = m["hype_index_components"]
    assert c["rhetoric"] == 0.25                   # 4 of 16 words are in sentences with a span
    assert c["span_density"] == 6.25               # capped → 20 points
    assert c["figure_balance"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["hype_index"] == 48.3                 # 25 + 20 + 3.33
    assert m["verdict"]["code"] == "strongly_promotional"
    assert m["rhetoric_share"] == 0.5 == m["span_sentence_share"]
    for key in ("claims", "projection_share", "opinion_share", "sentiment_balance", "sentiment"):
        assert m[key] is None
    json.dumps(m)


def test_model_without_claim_and_sentiment_heads():
    a = analysis(sent(0, FOUR, {"rhetoric": 0.8}), sent(1, FOUR, {"rhetoric": 0.2}))
    m = M.article_metrics(a)
    assert m["basis"] == "model" and m["hype_index"] == 50.0
    assert m["projection_share"] is None and m["sentiment_balance"] is None


def test_empty_analysis():
    a = analysis()
    assert M.article_metrics(a) is None
    assert M.claims_to_check(a) is None


def test_no_figures_no_claims():
    a = analysis(sent(0, FOUR, scores(0.9)))
    assert M.claims_to_check(a) == []
    assert M.article_metrics(a)["fact_density"] == 0.0


# --- claims to check ------------------------------------------------------------------------------------

def test_claims_selection_and_order():
    a = analysis(
        sent(0, "Die Firma meldet 4 Prozent Plus.", scores(0.1, "fact"),
             figures=[fig("percent", 4, text="4 Prozent", unit="%")]),
        sent(1, "Sie investiert bis zu 65 Milliarden Dollar.", scores(0.9, "projection"),
             figures=[fig(value=65e9, qualifier="upper_bound", text="bis zu 65 Milliarden Dollar", unit="USD")]),
        sent(2, "Ein großartiger Plan mit 10 Milliarden Euro.", scores(0.9, "opinion"),
             figures=[fig(value=10e9, text="10 Milliarden Euro")]),                       # opinion: left out
        sent(3, "Der Umsatz lag bei 2 Milliarden Euro.", scores(0.1, "fact"),
             figures=[fig(value=2e9, text="2 Milliarden Euro")]),
        sent(4, "Bis 2025 ist es so weit.", scores(0.3, "projection"),
             figures=[fig("year", 2025, text="2025", unit=None)]),                          # only a year
        sent(5, "Geplant sind 1,3 Millionen GPU-Chips.", scores(0.6, "projection"),
             figures=[fig("count", 1.3e6, text="1,3 Millionen GPU-Chips", unit=None)]),
    )
    claims = M.claims_to_check(a)
    assert [c["sentence"] for c in claims] == [1, 3, 5, 0]
    first = claims[0]
    # 45·size (0.5 + 0.5·(log10(6.5e10) − 6)/6) + 30·openness 1 + 20·P(projection) 0.7 + 5·rhetoric 0.9
    assert first["priority"] == pytest.approx(45 * (0.5 + 0.5 * (10.8129 - 6) / 6) + 30 + 14 + 4.5, abs=0.05)
    assert first["claim"] == "projection" and first["basis"] == "model"
    assert first["why"] == "Obergrenze: „bis zu 65 Milliarden Dollar“ ist keine Zusage; Prognose; werblich formuliert"
    assert (first["start"], first["end"], first["text"]) == (10, 10 + len(a.sentences[1].text), a.sentences[1].text)
    assert first["figures"][0]["qualifier"] == "upper_bound"
    assert claims[1]["why"] == "Geldbetrag „2 Milliarden Euro“: Quelle prüfen"
    assert claims[2]["why"] == "Prognose: „1,3 Millionen GPU-Chips“ ist ein Ziel, kein Ergebnis; werblich formuliert"
    assert claims[3]["priority"] == pytest.approx(45 * 0.25 + 20 * 0.1 + 5 * 0.1, abs=0.06)
    assert [c["sentence"] for c in M.claims_to_check(a, limit=2)] == [1, 3]
    assert M.claims_to_check(a, limit=0) == []
    json.dumps(claims)


def test_claims_opinion_label_with_fact_and_projection_mass_qualifies():
    p = {"fact": 0.3, "projection": 0.25, "opinion": 0.4, "other": 0.05}
    a = analysis(sent(0, FOUR, scores(0.2, "opinion", p_claim=p), figures=[fig()]))
    assert [c["claim"] for c in M.claims_to_check(a)] == ["opinion"]


def test_claims_why_in_english_and_without_model():
    a = analysis(sent(0, "It will hire about 500 people.", figures=[
        fig("count", 500, "approximate", "about 500 people", None)], spans=[span("hire")], lang="en"), lang="en")
    claims = M.claims_to_check(a)
    assert claims[0]["claim"] is None and claims[0]["basis"] == "spans"
    assert claims[0]["why"] == "Approximate: “about 500 people”; promotional wording"
    b = analysis(sent(0, "Shares fell 3 percent.", scores(0.1, "fact"),
                      figures=[fig("percent", 3, text="3 percent", unit="%")], lang="en"), lang="en")
    assert M.claims_to_check(b)[0]["why"] == "Concrete figure “3 percent”: checkable"


def test_figure_size_scale():
    assert M.figure_size(fig(value=1e6)) == 0.5
    assert M.figure_size(fig(value=1e12)) == 1.0
    assert M.figure_size(fig(value=1e3)) == 0.5                       # small amounts: still money
    assert M.figure_size(fig("count", 1e9, unit=None)) == 0.5
    assert M.figure_size(fig("count", 100, unit=None)) == 0.25
    assert M.figure_size(fig("percent", 80, unit="%")) == 0.25
    assert M.figure_size(fig(value=None)) == 0.5


# --- the real article, with the packaged model ------------------------------------------------------------

@pytest.fixture(scope="module")
def packaged_analyses(acceptance_de):
    from hype.analysis import analyze_path

    return analyze_path(acceptance_de), analyze_path(ROOT / "corpora" / "examples" / "de-retail-001.txt")


def test_acceptance_article(packaged_analyses):
    meta, sober = packaged_analyses
    m = meta.metrics
    assert m["basis"] == "model"
    assert m["hype_index"] >= 60
    assert m["verdict"]["code"] == "strongly_promotional" and m["verdict"]["label"] == "stark werblich"
    texts = [c["text"] for c in meta.claims_to_check]
    assert any("bis zu 65 Milliarden Dollar" in t for t in texts)
    assert any("1,3 Millionen GPU-Chips" in t for t in texts)
    assert "bis zu 65 Milliarden Dollar" in meta.claims_to_check[0]["text"]
    assert meta.claims_to_check[0]["why"].startswith("Obergrenze: „bis zu 65 Milliarden Dollar“ ist keine Zusage")
    assert sober.metrics["verdict"]["code"] == "sober"
    assert sober.metrics["hype_index"] < m["hype_index"] - 40
