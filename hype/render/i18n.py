"""UI strings of the reports (German and English) and the number formats that go with them.

The UI language follows the article (a German article gets a German report); ``ui_lang`` overrides it.
Every label a renderer shows comes from here, so a translation is a change to this file only.
"""
from __future__ import annotations

import math
import re
from typing import Any

UI_LANGS = ("de", "en")

# Span categories in reading order of the legend.  Letters are a non-colour cue (same in both languages).
CATEGORIES = ("hyperbole", "hype_word", "intensifier", "metaphor", "vague_magnitude", "promise", "evaluative",
              "generalisation", "model")
CATEGORY_LETTERS = {"hyperbole": "H", "hype_word": "W", "intensifier": "I", "metaphor": "M",
                    "vague_magnitude": "V", "promise": "P", "evaluative": "E", "generalisation": "G",
                    "model": "S"}
# Okabe–Ito palette (distinguishable with the common colour-vision deficiencies); "model" is grey.
CATEGORY_COLOURS = {"hyperbole": "#D55E00", "hype_word": "#CC79A7", "intensifier": "#E69F00",
                    "metaphor": "#56B4E9", "vague_magnitude": "#F0E442", "promise": "#0072B2",
                    "evaluative": "#009E73", "generalisation": "#000000", "model": "#999999"}

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "report": "Hype-Bericht",
        "untitled": "Text ohne Titel",
        "verdict": "Urteil",
        "hype_index": "Hype-Index",
        "no_metrics": "Kennzahlen nicht verfügbar",
        "metrics": "Kennzahlen",
        "metric": "Kennzahl",
        "value": "Wert",
        "rhetoric_share": "Anteil rhetorischer Sätze",
        "fact_density": "Faktendichte",
        "per_100_words": "konkrete Zahlen je 100 Wörter",
        "projection_share": "Anteil Prognosen",
        "opinion_share": "Anteil Meinungen",
        "span_sentence_share": "Sätze mit markierten Stellen",
        "sentiment_balance": "Stimmungsbilanz",
        "balance_range": "Skala −1 bis +1",
        "claims_counts": "Aussagen",
        "sentiment_counts": "Stimmung",
        "n_words": "Wörter",
        "basis": "Grundlage",
        "basis_model": "Modell",
        "basis_spans": "nur markierte Stellen (ohne Modell)",
        "concrete": "konkret",
        "top_phrases": "Auffälligste Formulierungen",
        "figures_counts": "Zahlen",
        "language": "Sprache",
        "lang_de": "Deutsch",
        "lang_en": "Englisch",
        "sentences_n": "{n} Sätze",
        "sentences_1": "1 Satz",
        "figures_n": "{n} Zahlen",
        "figures_1": "1 Zahl",
        "spans_n": "{n} markierte Stellen",
        "spans_1": "1 markierte Stelle",
        "model": "Modell",
        "no_model": "ohne Modell (keine Bewertungen)",
        "contents": "Inhalt",
        "article": "Artikel",
        "article_help": "Farbig markiert: rhetorische Stellen (Buchstabe = Kategorie, hochgestellte Zahl = Anmerkung "
                        "mit Begründung). Umrahmt: Zahlen (≤ Obergrenze, ≥ Untergrenze, ≈ ungefähr). "
                        "Grauer Kasten vor jedem Satz: Satznummer, dunkel ab 50 % Rhetorik.",
        "md_article_help": "**Fett** = rhetorische Stelle (Kategorie und Begründung in der Fußnote) · "
                           "⟨…⟩ = Zahl (siehe „Zahlen“)",
        "notes": "Anmerkungen",
        "notes_help": "Warum ist diese Stelle markiert? Eine Anmerkung je Markierung, in Lesereihenfolge.",
        "no_notes": "Keine Markierungen.",
        "figure": "Zahl",
        "claims": "Zu prüfende Aussagen",
        "claims_help": "Aussagen, die man vor dem Weitergeben nachprüfen sollte – die wichtigsten zuerst.",
        "claims_absent": "Für diesen Text wurde keine Prüfliste erstellt.",
        "claims_none": "Keine prüfbedürftigen Aussagen gefunden.",
        "priority": "Priorität",
        "why": "Warum",
        "figures": "Zahlen",
        "figures_help": "Jede Zahl mit Wert, Einheit und Einordnung: Eine Obergrenze („bis zu“) ist keine Zusage.",
        "no_figures": "Keine Zahlen gefunden.",
        "col_no": "Nr.",
        "col_text": "Text",
        "col_kind": "Art",
        "col_value": "Wert",
        "col_unit": "Einheit",
        "col_qualifier": "Einordnung",
        "col_sentence": "Satz",
        "sentences": "Sätze",
        "sentences_help": "Bewertung jedes Satzes durch das Modell; „Warum“ nennt die Wörter und Hinweise, "
                          "die am stärksten für Rhetorik sprechen.",
        "no_scores": "Keine Modellbewertung (Analyse ohne Modell).",
        "col_rhetoric": "Rhetorik",
        "col_claim": "Aussage",
        "col_sentiment": "Stimmung",
        "col_why": "Warum",
        "charts": "Diagramme",
        "legend": "Legende",
        "legend_help": "Kategorien rhetorischer Stellen mit je einem Beispiel.",
        "example": "Beispiel",
        "sentence_n": "Satz {n}",
        "rhetoric_pct": "Rhetorik {p}",
        "back": "zurück zum Text",
        "generated": "Erstellt mit hype · Schema {schema}",
        "warnings": "Hinweise",
        "chart_sentences": "Rhetorik im Verlauf des Artikels",
        "chart_sentences_alt": "Säulendiagramm: Rhetorik-Wahrscheinlichkeit je Satz",
        "chart_sentences_caption": "Eine Säule je Satz: Wahrscheinlichkeit, dass das Modell ihn als rhetorisch einstuft. "
                                   "Volle Säulen liegen über der 50-%-Schwelle, schraffierte darunter; gepunktete "
                                   "Linien trennen die Absätze.",
        "chart_paragraphs": "Rhetorik und Zahlen je Absatz",
        "chart_paragraphs_alt": "Säulendiagramm: mittlere Rhetorik und Anzahl Zahlen je Absatz",
        "chart_paragraphs_caption": "Je Absatz: mittlere Rhetorik-Wahrscheinlichkeit (volle Säule, linke Achse) und "
                                    "Anzahl der Zahlen (schraffiert, rechte Achse). Viel Rhetorik bei wenigen Zahlen "
                                    "lohnt einen zweiten Blick.",
        "chart_categories": "Markierte Stellen nach Kategorie",
        "chart_categories_alt": "Balkendiagramm: Anzahl markierter Stellen je Kategorie",
        "chart_categories_caption": "Wie oft jede Kategorie rhetorischer Stellen im Text vorkommt (Buchstaben wie "
                                    "im Artikel).",
        "axis_sentence": "Satz",
        "axis_rhetoric": "Rhetorik (%)",
        "axis_paragraph": "Absatz",
        "axis_figures": "Anzahl Zahlen",
        "axis_count": "Anzahl",
        "threshold": "50-%-Schwelle",
        "rhetorical": "rhetorisch",
        "plain": "sachlich",
        "mean_rhetoric": "mittlere Rhetorik",
    },
    "en": {
        "report": "Hype report",
        "untitled": "Untitled text",
        "verdict": "Verdict",
        "hype_index": "Hype index",
        "no_metrics": "metrics not available",
        "metrics": "Metrics",
        "metric": "Metric",
        "value": "Value",
        "rhetoric_share": "Share of rhetorical sentences",
        "fact_density": "Fact density",
        "per_100_words": "concrete figures per 100 words",
        "projection_share": "Share of projections",
        "opinion_share": "Share of opinions",
        "span_sentence_share": "Sentences with highlights",
        "sentiment_balance": "Sentiment balance",
        "balance_range": "scale −1 to +1",
        "claims_counts": "Claims",
        "sentiment_counts": "Sentiment",
        "n_words": "Words",
        "basis": "Basis",
        "basis_model": "model",
        "basis_spans": "highlights only (no model)",
        "concrete": "concrete",
        "top_phrases": "Most striking phrases",
        "figures_counts": "Figures",
        "language": "Language",
        "lang_de": "German",
        "lang_en": "English",
        "sentences_n": "{n} sentences",
        "sentences_1": "1 sentence",
        "figures_n": "{n} figures",
        "figures_1": "1 figure",
        "spans_n": "{n} highlights",
        "spans_1": "1 highlight",
        "model": "Model",
        "no_model": "no model (no scores)",
        "contents": "Contents",
        "article": "Article",
        "article_help": "Coloured: rhetoric (letter = category, superscript number = note with the reason). "
                        "Boxed: figures (≤ upper bound, ≥ lower bound, ≈ approximately). "
                        "Grey tag before each sentence: sentence number, dark from 50 % rhetoric.",
        "md_article_help": "**Bold** = rhetoric (category and reason in the footnote) · "
                           "⟨…⟩ = figure (see “Figures”)",
        "notes": "Notes",
        "notes_help": "Why is this highlighted? One note per highlight, in reading order.",
        "no_notes": "Nothing highlighted.",
        "figure": "Figure",
        "claims": "Claims to check",
        "claims_help": "Statements worth checking before you pass them on – most important first.",
        "claims_absent": "No checklist was produced for this text.",
        "claims_none": "No claims that need checking.",
        "priority": "Priority",
        "why": "Why",
        "figures": "Figures",
        "figures_help": "Every figure with value, unit and qualifier: an upper bound (“up to”) is not a commitment.",
        "no_figures": "No figures found.",
        "col_no": "No.",
        "col_text": "Text",
        "col_kind": "Kind",
        "col_value": "Value",
        "col_unit": "Unit",
        "col_qualifier": "Qualifier",
        "col_sentence": "Sentence",
        "sentences": "Sentences",
        "sentences_help": "The model's scores for every sentence; “Why” lists the words and cues that speak "
                          "most strongly for rhetoric.",
        "no_scores": "No model scores (analysed without a model).",
        "col_rhetoric": "Rhetoric",
        "col_claim": "Claim",
        "col_sentiment": "Sentiment",
        "col_why": "Why",
        "charts": "Charts",
        "legend": "Legend",
        "legend_help": "Categories of rhetoric, each with an example.",
        "example": "Example",
        "sentence_n": "Sentence {n}",
        "rhetoric_pct": "rhetoric {p}",
        "back": "back to the text",
        "generated": "Generated by hype · schema {schema}",
        "warnings": "Warnings",
        "chart_sentences": "Rhetoric along the article",
        "chart_sentences_alt": "Bar chart: rhetoric probability per sentence",
        "chart_sentences_caption": "One bar per sentence: the probability that the model rates it as rhetoric. "
                                   "Solid bars are above the 50 % threshold, hatched ones below; dotted lines "
                                   "separate the paragraphs.",
        "chart_paragraphs": "Rhetoric and figures per paragraph",
        "chart_paragraphs_alt": "Bar chart: mean rhetoric and number of figures per paragraph",
        "chart_paragraphs_caption": "Per paragraph: mean rhetoric probability (solid bar, left axis) and number of "
                                    "figures (hatched, right axis). Much rhetoric with few figures deserves a "
                                    "second look.",
        "chart_categories": "Highlights by category",
        "chart_categories_alt": "Bar chart: number of highlights per category",
        "chart_categories_caption": "How often each category of rhetoric occurs in the text (letters as in the "
                                    "article).",
        "axis_sentence": "Sentence",
        "axis_rhetoric": "Rhetoric (%)",
        "axis_paragraph": "Paragraph",
        "axis_figures": "Number of figures",
        "axis_count": "Count",
        "threshold": "50 % threshold",
        "rhetorical": "rhetorical",
        "plain": "plain",
        "mean_rhetoric": "mean rhetoric",
    },
}

CATEGORY_NAMES = {
    "de": {"hyperbole": "Übertreibung", "hype_word": "Hype-Wort", "intensifier": "Verstärker",
           "metaphor": "Metapher", "vague_magnitude": "vage Größe", "promise": "Versprechen",
           "evaluative": "Wertung", "generalisation": "Verallgemeinerung", "model": "Modell-Signal"},
    "en": {"hyperbole": "Hyperbole", "hype_word": "Hype word", "intensifier": "Intensifier",
           "metaphor": "Metaphor", "vague_magnitude": "Vague magnitude", "promise": "Promise",
           "evaluative": "Evaluation", "generalisation": "Generalisation", "model": "Model signal"},
}

CATEGORY_HELP = {
    "de": {"hyperbole": "Superlative, Absolutes und „historische“ Bedeutung ohne Beleg.",
           "hype_word": "Marketing- und Technikvokabular, das Neuheit anpreist.",
           "intensifier": "Bläht Größe oder Grad auf, ohne Information hinzuzufügen.",
           "metaphor": "Dramatisierende Bilder.",
           "vague_magnitude": "Größe nur vage – oder eine Zahl so eingerahmt, dass sie beeindruckt.",
           "promise": "Zukunftsversprechen von Umbruch oder Dominanz, nicht messbar.",
           "evaluative": "Lob, Tadel und Appelle an Gefühle.",
           "generalisation": "Unbelegte Behauptung, was „alle“ oder „die Experten“ denken.",
           "model": "Vom Modell als rhetorisch gewichtet, ohne Lexikoneintrag."},
    "en": {"hyperbole": "Superlatives, absolutes and claims of historic significance beyond the evidence.",
           "hype_word": "Marketing and technology vocabulary that praises novelty.",
           "intensifier": "Inflates size or degree without adding information.",
           "metaphor": "Dramatising imagery.",
           "vague_magnitude": "Size stated vaguely, or a figure framed so that it impresses.",
           "promise": "A forward-looking claim of transformation or dominance that cannot be measured.",
           "evaluative": "Praise, blame and appeals to emotion.",
           "generalisation": "An unsupported claim about what everyone or “the experts” think.",
           "model": "Weighted as rhetoric by the model, without a lexicon entry."},
}

CATEGORY_EXAMPLES = {
    "de": {"hyperbole": "ein beispielloser Coup", "hype_word": "eine revolutionäre Plattform",
           "intensifier": "satte 60 Millionen Euro", "metaphor": "katapultiert sich an die Spitze",
           "vague_magnitude": "nicht weniger als 65 Milliarden", "promise": "soll die Branche revolutionieren",
           "evaluative": "ein visionärer Schachzug", "generalisation": "Experten sind sich einig",
           "model": "ein Tabubruch"},
    "en": {"hyperbole": "an unprecedented coup", "hype_word": "a game-changing platform",
           "intensifier": "a whopping $60 million", "metaphor": "rockets to the top",
           "vague_magnitude": "no less than $65 billion", "promise": "is poised to transform the market",
           "evaluative": "a bold, visionary move", "generalisation": "everyone agrees",
           "model": "a taboo-breaking deal"},
}

QUALIFIER_WORDS = {
    "de": {"exact": "genau", "upper_bound": "Obergrenze", "lower_bound": "Untergrenze", "approximate": "ungefähr"},
    "en": {"exact": "exact", "upper_bound": "upper bound", "lower_bound": "lower bound",
           "approximate": "approximately"},
}
QUALIFIER_SYMBOLS = {"exact": "", "upper_bound": "≤", "lower_bound": "≥", "approximate": "≈"}

KIND_NAMES = {
    "de": {"money": "Geld", "percent": "Prozent", "count": "Anzahl", "power": "Leistung", "energy": "Energie",
           "year": "Jahr", "date": "Datum", "quantity": "Menge"},
    "en": {"money": "money", "percent": "percent", "count": "count", "power": "power", "energy": "energy",
           "year": "year", "date": "date", "quantity": "quantity"},
}

LABELS = {  # classifier labels
    "de": {"fact": "Fakt", "projection": "Prognose", "opinion": "Meinung", "other": "Sonstiges",
           "bullish": "positiv", "neutral": "neutral", "bearish": "negativ"},
    "en": {"fact": "fact", "projection": "projection", "opinion": "opinion", "other": "other",
           "bullish": "bullish", "neutral": "neutral", "bearish": "bearish"},
}

VERDICTS = {
    "de": {"sober": "nüchtern", "promotional": "werblich", "strongly_promotional": "stark werblich"},
    "en": {"sober": "sober", "promotional": "promotional", "strongly_promotional": "strongly promotional"},
}

PRIORITIES = {
    "de": {"high": "hoch", "medium": "mittel", "low": "niedrig"},
    "en": {"high": "high", "medium": "medium", "low": "low"},
}

# Names of explanation cues ("lex:hedge", "style:length", ...) shown in the "why" column.
CUE_NAMES = {
    "de": {"lex:hedge": "Absicherung", "lex:attribution": "Zuschreibung", "lex:future": "Zukunft",
           "lex:opinion": "Meinung", "lex:quality": "Qualitätslob", "lex:positive": "positiv",
           "lex:negative": "negativ", "lex:up": "Anstieg", "lex:down": "Rückgang",
           "lex:good_quantity": "Erfolgsgröße (Umsatz, Gewinn …)",
           "lex:bad_quantity": "Belastung (Kosten, Verlust …)",
           "dir:positive": "Richtung: gut", "dir:negative": "Richtung: schlecht",
           "punct:quote": "Zitat", "punct:exclamation": "Ausrufezeichen", "punct:question": "Frage",
           "punct:colon_end": "Doppelpunkt am Ende", "punct:no_final": "ohne Schlusszeichen",
           "style:first_person": "erste Person", "style:self_praise": "Eigenlob", "style:second_person": "Anrede",
           "style:caps_word": "Großbuchstaben",
           "style:length": "Satzlänge", "style:digit_share": "Ziffernanteil", "lang:de": "Sprache",
           "context:article": "Rest des Artikels"},
    "en": {"lex:hedge": "hedge", "lex:attribution": "attribution", "lex:future": "future",
           "lex:opinion": "opinion", "lex:quality": "praise of quality", "lex:positive": "positive",
           "lex:negative": "negative", "lex:up": "rise", "lex:down": "fall",
           "lex:good_quantity": "measure of success (revenue, profit …)",
           "lex:bad_quantity": "burden (costs, losses …)",
           "dir:positive": "direction: good", "dir:negative": "direction: bad",
           "punct:quote": "quotation", "punct:exclamation": "exclamation mark", "punct:question": "question",
           "punct:colon_end": "colon at the end", "punct:no_final": "no final punctuation",
           "style:first_person": "first person", "style:self_praise": "self-praise",
           "style:second_person": "addressing the reader",
           "style:caps_word": "capitals", "style:length": "sentence length", "style:digit_share": "share of digits",
           "lang:de": "language", "context:article": "rest of the article"},
}


_NOTES_DE = (
    (re.compile(r"^input is not UTF-8; decoded as (\S+) \(expected UTF-8\)$"),
     "Eingabe ist kein UTF-8, als {0} gelesen (erwartet: UTF-8); Umlaute und Sonderzeichen prüfen"),
    (re.compile(r"^input has no byte-order mark; decoded as (\S+) \(expected UTF-8, or UTF-16 with a BOM\)$"),
     "Eingabe ohne Byte-Order-Mark, als {0} gelesen (erwartet: UTF-8 oder UTF-16 mit BOM)"),
)


def note_text(lang: str, note: str) -> str:
    """A reading note (hype.text's decoding warnings are English) in the report's language."""
    if lang == "de":
        for pattern, german in _NOTES_DE:
            m = pattern.match(note)
            if m:
                return german.format(*m.groups())
    return note


def ui_language(analysis: Any, ui_lang: str | None = None) -> str:
    """The report's UI language: ui_lang if given, else the article's language (English otherwise)."""
    if ui_lang is not None:
        if ui_lang not in UI_LANGS:
            raise ValueError(f"unsupported UI language {ui_lang!r} (expected one of {', '.join(UI_LANGS)})")
        return ui_lang
    lang = getattr(analysis, "language", None)
    return lang if lang in UI_LANGS else "en"


def t(lang: str, key: str, **kw: Any) -> str:
    s = STRINGS[lang][key]
    return s.format(**kw) if kw else s


def count(lang: str, key: str, n: int) -> str:
    """ "5 Sätze" / "1 Satz": key is "sentences", "figures" or "spans"."""
    return t(lang, f"{key}_1") if n == 1 else t(lang, f"{key}_n", n=n)


def category_name(lang: str, category: str) -> str:
    return CATEGORY_NAMES[lang].get(category, category.replace("_", " "))


def category_letter(category: str) -> str:
    return CATEGORY_LETTERS.get(category, "?")


def qualifier_word(lang: str, qualifier: str | None) -> str:
    return QUALIFIER_WORDS[lang].get(qualifier or "exact", qualifier or "")


def kind_name(lang: str, kind: str) -> str:
    return KIND_NAMES[lang].get(kind, kind)


def label_name(lang: str, label: str | None) -> str:
    if label is None:
        return "–"
    return LABELS[lang].get(str(label), str(label))


def priority_name(lang: str, priority: Any) -> str:
    if priority is None:
        return "–"
    if isinstance(priority, (int, float)) and not isinstance(priority, bool):
        return f"{format_number(round(priority), lang, 0)}/100"
    return PRIORITIES[lang].get(str(priority), str(priority))


def cue_name(lang: str, feature: str) -> str:
    """Readable name of an explanation cue: lex:<category> → category name, fig:<kind> → kind, …"""
    family, _, rest = feature.partition(":")
    if family == "lex" and rest in CATEGORY_NAMES[lang]:
        return category_name(lang, rest)
    if family == "fig":
        return f"{t(lang, 'figure')}: {kind_name(lang, rest)}"
    if family == "qual":
        return f"{t(lang, 'figure')}: {qualifier_word(lang, rest)}"
    return CUE_NAMES[lang].get(feature, feature)


# --- numbers -------------------------------------------------------------------------------------------------

def format_number(value: float, lang: str, max_decimals: int = 2) -> str:
    """12345.5 → de "12.345,5", en "12,345.5"; integers stay integers."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = f"{value:,.{max_decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang == "de":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text


def format_percent(p: float | None, lang: str, decimals: int = 0) -> str:
    """0.923 → de "92 %", en "92%"."""
    if p is None:
        return "–"
    num = format_number(round(p * 100, decimals), lang, decimals)
    return f"{num}\u202f%" if lang == "de" else f"{num}%"


_SCALES = {"de": ((1e12, "Bio."), (1e9, "Mrd."), (1e6, "Mio.")), "en": ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))}
_SI = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def _scaled(value: float, lang: str, unit: str | None) -> tuple[str, str | None]:
    """(number text, unit text) with a scale word or SI prefix for large values."""
    if unit in ("W", "Wh"):
        for scale, prefix in _SI:
            if abs(value) >= scale:
                return format_number(value / scale, lang, 3), prefix + unit
        return format_number(value, lang, 3), unit
    for scale, word in _SCALES[lang]:
        if abs(value) >= scale:
            num = format_number(value / scale, lang, 3)
            return (f"{num}\u00a0{word}" if lang == "de" else f"{num}{word}"), unit
    return format_number(value, lang, 2), unit


def format_figure(fig: Any, lang: str) -> tuple[str, str]:
    """(value, unit) of a figure for tables: "3 Mrd." / "EUR", "10–12" / "%", "2025" / ""."""
    kind = getattr(fig, "kind", None)
    value = getattr(fig, "value", None)
    high = getattr(fig, "high", None)
    unit = getattr(fig, "unit", None)
    noun = getattr(fig, "noun", None)
    if value is None:
        return "–", unit or noun or ""
    if kind in ("year", "date"):
        text = f"{value:.0f}" if float(value).is_integer() else f"{value:g}"
        if high is not None:
            text += f"–{high:.0f}" if float(high).is_integer() else f"–{high:g}"
        return text, unit or ""
    text, shown_unit = _scaled(value, lang, unit)
    if high is not None:
        text += "–" + _scaled(high, lang, unit)[0]
    return text, shown_unit or noun or ""


def figure_text(fig: Any, lang: str) -> str:
    """Value and unit in one string: "3 Mrd. EUR", "18 %" (de), "12%" (en), "2.400 Arbeitsplätze"."""
    value, unit = format_figure(fig, lang)
    if not unit:
        return value
    if unit == "%":
        return f"{value}\u202f%" if lang == "de" else f"{value}%"
    return f"{value} {unit}"


def language_name(lang: str, code: str | None) -> str:
    return STRINGS[lang].get(f"lang_{code}", code or "–")
