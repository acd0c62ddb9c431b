"""Packaged cue lexicons: loading, format, matching spans and a precision check against the corpus sources."""
from __future__ import annotations

import collections
import csv
import json
import types
from pathlib import Path

import pytest

from hype import lexicons
from hype.errors import LanguageError
from hype.lexicons import CATEGORIES, RHETORIC_CATEGORIES, find, load_entries

ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = ROOT / "hype" / "lexicons"
CORPUS_SRC = ROOT / "corpora" / "src"
LANGS = ("de", "en")


# --- loading and format -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_category_has_at_least_15_entries(lang):
    per_cat = collections.Counter(e.category for e in load_entries(lang))
    for cat in CATEGORIES:
        assert per_cat[cat] >= 15, f"{lang}: category {cat} has only {per_cat[cat]} entries"


@pytest.mark.parametrize("lang", LANGS)
def test_files_are_well_formed(lang):
    seen = set()
    for path in sorted((LEXICON_DIR / lang).glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "term\tcategory\tweight", path.name
        for no, line in enumerate(lines[1:], 2):
            term, cat, weight = line.split("\t")
            where = f"{lang}/{path.name}:{no}"
            assert term == term.lower() == " ".join(term.split()), f"{where}: term must be lower case, single-spaced: {term!r}"
            assert "*" not in term.strip("*"), f"{where}: '*' is only allowed at the ends: {term!r}"
            assert 0.5 <= float(weight) <= 2.0, f"{where}: weight {weight} outside 0.5-2.0"
            assert cat in CATEGORIES, where
            assert (term, cat) not in seen, f"{where}: duplicate {term!r} ({cat})"
            seen.add((term, cat))


def test_rhetoric_and_cue_files_hold_the_right_categories():
    from hype.lexicons import CUE_CATEGORIES
    expected = {"rhetoric.tsv": set(RHETORIC_CATEGORIES),
                "cues.tsv": {"hedge", "attribution", "future", "opinion", "quality"},
                "sentiment.tsv": {"positive", "negative"},
                "direction.tsv": {"good_quantity", "bad_quantity", "up", "down"}}
    assert set(CUE_CATEGORIES) == expected["cues.tsv"] | expected["sentiment.tsv"]
    for lang in LANGS:
        for name, cats in expected.items():
            rows = list(csv.reader((LEXICON_DIR / lang / name).open(encoding="utf-8"), delimiter="\t",
                                   quoting=csv.QUOTE_NONE))[1:]
            assert {r[1] for r in rows} == cats, f"{lang}/{name}"


@pytest.mark.parametrize("call", [lambda: load_entries("fr"), lambda: find("Hallo", "fr"),
                                  lambda: lexicons.counts("Hallo", "xx")])
def test_unknown_language_raises_language_error_listing_supported(call):
    with pytest.raises(LanguageError) as info:
        call()
    assert "de" in str(info.value) and "en" in str(info.value)


@pytest.fixture
def fake_lexicon_dir(tmp_path, monkeypatch):
    """Point the loader at a temporary package folder; caches are cleared around the test."""
    (tmp_path / "de").mkdir()
    monkeypatch.setattr(lexicons, "resources", types.SimpleNamespace(files=lambda _pkg: tmp_path))
    _clear_lexicon_caches()
    yield tmp_path / "de"
    monkeypatch.undo()
    _clear_lexicon_caches()


def _clear_lexicon_caches():
    """Every memoised function of the loader (load_entries and whatever compiles the matcher)."""
    for obj in vars(lexicons).values():
        if callable(getattr(obj, "cache_clear", None)):
            obj.cache_clear()


@pytest.mark.parametrize("bad_row", [
    "beispiellos*\thyperbole",              # missing weight
    "beispiellos*\thyperbole\t1.5\textra",  # too many columns
    "beispiellos*\tbombast\t1.5",           # unknown category
    "beispiellos*\thyperbole\tviel",        # weight is not a number
    "beispiellos* hyperbole 1.5",           # spaces instead of tabs
])
def test_malformed_rows_raise(fake_lexicon_dir, bad_row):
    (fake_lexicon_dir / "rhetoric.tsv").write_text(f"term\tcategory\tweight\nrevolution*\thype_word\t1.5\n{bad_row}\n",
                                                   encoding="utf-8")
    with pytest.raises(ValueError):
        load_entries("de")


def test_well_formed_fake_file_loads(fake_lexicon_dir):
    (fake_lexicon_dir / "x.tsv").write_text("term\tcategory\tweight\n# a comment\nRevolution*\thype_word\t1.5\n",
                                            encoding="utf-8")
    (entry,) = load_entries("de")
    assert (entry.term, entry.category, entry.weight) == ("revolution*", "hype_word", 1.5)


# --- matching --------------------------------------------------------------------------------------

# (text, rhetoric matches expected as (category, exact matched text)); the list must be complete.
RHETORIC_CASES = {
    "de": [
        ("In einem beispiellosen Coup übernimmt Nordwerk den Rivalen.",
         [("hyperbole", "beispiellosen"), ("metaphor", "Coup")]),
        ("Der Umsatz stieg um 5 Prozent.", []),
        ("Das ist ein echter Gamechanger für den Maschinenbau.", [("hype_word", "Gamechanger")]),
        ("Satte 40 Prozent mehr Umsatz meldete der Konzern.", [("intensifier", "Satte")]),
        ("Die Aktie katapultierte sich an die Spitze des Dax.", [("metaphor", "katapultierte")]),
        ("Der Konzern investiert nicht weniger als 65 Milliarden Euro.", [("vague_magnitude", "nicht weniger als")]),
        ("Die Plattform verspricht, das Bezahlen zu vereinfachen.", [("promise", "verspricht")]),
        ("Ein visionärer Schritt, lobte der Aufsichtsrat.", [("evaluative", "visionärer")]),
        ("Experten sind sich einig: Der Markt wird weiter wachsen.", [("generalisation", "Experten sind sich einig")]),
        ("Der Quartalsbericht war ein Desaster.", [("evaluative", "Desaster")]),
        ("Mit der KI-Revolution will das Start-up neue Maßstäbe setzen.",
         [("hype_word", "Revolution"), ("promise", "neue Maßstäbe")]),
        ("Das Werk wird geschlossen, 800 Stellen fallen weg.", []),
        ("Die Börse erlebte ein regelrechtes Kursbeben.", [("intensifier", "regelrechtes"), ("metaphor", "Kursbeben")]),
        ("Unzählige Anleger verloren ihr Erspartes.", [("vague_magnitude", "Unzählige")]),
        ("Es ist eine historische Chance für den Standort.", [("hyperbole", "historische")]),
        ("Der Kurs ging im Sturzflug auf ein Rekordtief.", [("metaphor", "Sturzflug")]),
        ("Der Vorstand erwartet für 2026 ein Umsatzplus von 4 bis 6 Prozent.", []),
        ("Das bahnbrechende Verfahren soll 2027 auf den Markt kommen.", [("hype_word", "bahnbrechende")]),
        ("Gewaltige Summen fließen in den Osten.", [("intensifier", "Gewaltige")]),
        ("Der Preiskampf wird zum Blutbad für die Händler.", [("metaphor", "Blutbad")]),
        ("Die ganze Branche blickt gebannt nach München.",
         [("generalisation", "Die ganze Branche"), ("generalisation", "gebannt")]),
        ("Laut Unternehmensangaben sank der Gewinn um 3 Prozent.", []),
        ("Das Verfahren gilt als weltweit einzigartig.", [("hyperbole", "einzigartig")]),
        ("Ein Milliardenregen ergießt sich über die Chipbranche.", [("vague_magnitude", "Milliardenregen")]),
        ("Die Fusion ist ein genialer Schachzug.", [("evaluative", "genialer"), ("metaphor", "Schachzug")]),
        ("Die neue Plattform soll den Zahlungsverkehr auf den Kopf stellen.", [("promise", "auf den Kopf stellen")]),
        # words that must not trigger: place names, accounting terms, number words
        ("Das Werk in Bitterfeld-Wolfen wird erweitert.", []),
        ("Einmalige Aufwendungen belasteten das Ergebnis im dreistelligen Millionenbereich.", []),
        ("Die Sonderzahlung wurde wie geplant im Mai ausgezahlt.", []),
    ],
    "en": [
        ("In an unprecedented coup, Nordwerk bought its rival.",
         [("hyperbole", "unprecedented"), ("metaphor", "coup")]),
        ("Revenue rose 5 percent.", []),
        ("It is a game-changer for the industry.", [("hype_word", "game-changer")]),
        ("The company booked a whopping $2 billion in orders.", [("intensifier", "whopping")]),
        ("Shares skyrocketed after the announcement.", [("metaphor", "skyrocketed")]),
        ("The group will spend no less than $65 billion.", [("vague_magnitude", "no less than")]),
        ("The platform is poised to transform payments.", [("promise", "poised to")]),
        ("Analysts called the results stunning.", [("evaluative", "stunning")]),
        ("Everyone agrees that rates will fall.", [("generalisation", "Everyone agrees")]),
        ("Countless investors lost their savings in the meltdown.",
         [("vague_magnitude", "Countless"), ("metaphor", "meltdown")]),
        ("This cutting-edge chip leaves rivals in the dust.",
         [("hype_word", "cutting-edge"), ("metaphor", "in the dust")]),
        ("The plant will close and 800 jobs will be cut.", []),
        ("Earnings were a disaster, with a staggering loss of $3 billion.",
         [("evaluative", "disaster"), ("intensifier", "staggering")]),
        ("The company expects revenue growth of 4 to 6 percent in 2026.", []),
        ("The revolutionary battery could reach stores next year.", [("hype_word", "revolutionary")]),
        ("It's no secret that the market is overheated.", [("generalisation", "It's no secret")]),
        ("The world-class team delivered record-breaking sales.",
         [("hyperbole", "world-class"), ("hyperbole", "record-breaking")]),
        ("A massive fire destroyed the warehouse.", [("intensifier", "massive")]),
        ("The launch was a bloodbath for incumbents.", [("metaphor", "bloodbath")]),
        ("The merger will redefine wealth management.", [("promise", "will redefine")]),
        ("The board made a bold, brilliant move.", [("evaluative", "bold"), ("evaluative", "brilliant")]),
        ("According to the filing, net income fell 3%.", []),
        ("The lion’s share of the money went to buybacks.", [("vague_magnitude", "The lion’s share")]),
        ("It was a once-in-a-generation deal that changes everything.",
         [("hyperbole", "once-in-a-generation"), ("hyperbole", "changes everything")]),
        ("The turnaround was nothing short of a masterstroke.",
         [("hyperbole", "nothing short of"), ("metaphor", "masterstroke")]),
        # words that must not trigger: product names, technical or accounting terms
        ("The mission to Mars was delayed by two weeks.", []),
        ("Tesla opened 40 new Supercharger stations in the quarter.", []),
        ("Groundwater levels were measured at 12 sites.", []),
    ],
}


def _rhetoric(text: str, lang: str) -> list[tuple[str, str]]:
    out = []
    for m in find(text, lang, RHETORIC_CATEGORIES):
        assert text[m.start:m.end] == m.text  # the span is exact
        out.append((m.category, m.text))
    return out


@pytest.mark.parametrize("lang,text,expected",
                         [(lang, t, e) for lang, cases in RHETORIC_CASES.items() for t, e in cases])
def test_find_rhetoric_categories_and_spans(lang, text, expected):
    assert sorted(_rhetoric(text, lang)) == sorted(expected)


def test_find_reports_the_exact_offsets():
    text = "In einem beispiellosen Coup übernimmt Nordwerk den Rivalen."
    spans = [(m.start, m.end, m.category) for m in find(text, "de", RHETORIC_CATEGORIES)]
    start = text.index("beispiellosen")
    assert spans == [(start, start + len("beispiellosen"), "hyperbole"),
                     (text.index("Coup"), text.index("Coup") + 4, "metaphor")]


# (text, category, exact matched text) for the cue lexicons; other matches may exist.
CUE_CASES = [
    ("de", "Das Ergebnis dürfte unter Vorbehalt stehen.", "hedge", "dürfte"),
    ("de", "Das Ergebnis dürfte unter Vorbehalt stehen.", "hedge", "unter Vorbehalt"),
    ("de", "Der Gewinn sank, wie das Unternehmen mitteilte.", "attribution", "mitteilte"),
    ("de", "Dem Bericht zufolge fiel der Absatz.", "attribution", "zufolge"),
    ("de", "Der Konzern plant einen Börsengang.", "future", "plant"),
    ("de", "Meiner Meinung nach ist das zu teuer.", "opinion", "Meiner Meinung nach"),
    ("de", "Der Nettogewinn übertraf die Erwartungen.", "positive", "übertraf"),
    ("de", "Die Analysten haben die Aktie herabgestuft.", "negative", "herabgestuft"),
    ("de", "Der Zulieferer meldete Insolvenz an.", "negative", "Insolvenz"),
    ("de", "Nach der Gewinnwarnung brach die Aktie ein.", "negative", "Gewinnwarnung"),
    ("en", "Profits may fall, and the deal might be delayed.", "hedge", "might"),
    ("en", "Profits may fall, and the deal might be delayed.", "negative", "delayed"),
    ("en", "Sales rose 4%, according to people familiar with the matter.", "attribution", "according to"),
    ("en", "The company plans to cut costs.", "future", "plans to"),
    ("en", "In my view, the stock is overvalued.", "opinion", "In my view"),
    ("en", "Quarterly results beat estimates.", "positive", "beat"),
    ("en", "Moody's downgraded the bank.", "negative", "downgraded"),
    ("en", "The retailer filed for bankruptcy.", "negative", "bankruptcy"),
    ("en", "The carmaker issued a profit warning.", "negative", "profit warning"),
]


@pytest.mark.parametrize("lang,text,category,span", CUE_CASES)
def test_find_cue_categories(lang, text, category, span):
    found = [(m.category, m.text) for m in find(text, lang, (category,))]
    assert (category, span) in found


@pytest.mark.parametrize("lang,text", [("en", "The mission was a success."), ("en", "Missile makers gained."),
                                       ("de", "Der Umsatz betrug 5 Millionen Euro."),
                                       ("de", "Die Firma sorgt für Nachschub.")])
def test_ambiguous_prefixes_do_not_leak_into_negative(lang, text):
    assert find(text, lang, ("negative",)) == []


def test_counts_weights_every_category():
    c = lexicons.counts("In einem beispiellosen Coup übernimmt Nordwerk den Rivalen.", "de")
    assert set(c) == set(CATEGORIES)
    assert c["hyperbole"] > 0 and c["metaphor"] > 0 and c["hedge"] == 0


# --- precision against the corpus sources --------------------------------------------------------

def _corpus_sentences(lang: str):
    for path in sorted((CORPUS_SRC / lang).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for paragraph in doc["paragraphs"]:
            yield from paragraph


@pytest.mark.parametrize("lang", LANGS)
def test_rhetoric_matches_are_precise_on_the_corpus(lang):
    if not (CORPUS_SRC / lang).is_dir() or not any((CORPUS_SRC / lang).glob("*.json")):
        pytest.skip(f"corpus sources for {lang} are not present")
    total = rhetorical = matched = matched_rhetorical = 0
    for sent in _corpus_sentences(lang):
        total += 1
        rhetorical += sent["rhetoric"]
        if find(sent["text"], lang, RHETORIC_CATEGORIES):
            matched += 1
            matched_rhetorical += sent["rhetoric"]
    assert total and matched, lang
    base, share = rhetorical / total, matched_rhetorical / matched
    assert share >= 1.6 * base, f"{lang}: rhetoric share {share:.2f} among matched sentences vs {base:.2f} overall"


@pytest.mark.parametrize("text,expected", [
    ("Die Velnora-Aktie legte im Xetra-Handel bis zum Nachmittag um 38 Prozent auf 11,42 Euro zu.", ["up"]),
    ("Der Umsatz ging im dritten Quartal um 4 Prozent auf 1,2 Milliarden Euro zurück.", ["down"]),
    ("Die Zahl der Stellen ging um 1.200 zurück.", ["down"]),
    ("Der Auftragseingang nahm im Vergleich zum Vorjahr deutlich zu.", ["up"]),
    ("Der Auftragseingang nahm im Vergleich zum Vorjahr deutlich ab.", ["down"]),
    ("Das Papier gab bis zum Nachmittag um 3 Prozent nach.", ["down"]),
    ("Der Umsatz legte zu, der Gewinn ging zurück.", ["up", "down"]),
    # the particle must end the clause the verb is in
    ("Er nahm zu den Vorwürfen Stellung.", []),
    ("Das Unternehmen gab nach Angaben der Polizei keinen Kommentar ab.", []),
    ("Die Aktie zog an, die Anleihe gab nach", ["up", "down"]),
    # "ging … auf X zurück" is "was due to X", unless X is a level
    ("Der Anstieg ging vor allem auf das Auslandsgeschäft zurück.", []),
    ("Der Umsatz ging auf rund 1,2 Milliarden Euro zurück.", ["down"]),
])
def test_german_separable_verbs_give_a_direction(text, expected):
    from hype import lexicons

    got = [m.category for m in lexicons.find(text, "de", ("up", "down")) if lexicons.GAP in m.term or " " in m.term]
    assert got == expected


def test_a_gap_term_needs_two_parts():
    from hype.lexicons import _parse_gap

    with pytest.raises(ValueError):
        _parse_gap("legte …")
