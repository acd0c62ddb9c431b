"""Concrete figures in German and English sentences: money, percentages, counts, power, dates, ...

``extract_figures(text, lang)`` returns the figures a sentence states, each with a normalised value,
unit, kind and qualifier.  Conventions (documented for users of the analysis output):

* A figure's ``text`` includes its qualifier ("bis zu 65 Milliarden Dollar"), a leading
  "zwischen"/"between" of a range, a currency symbol or code before the number, scale word, unit and,
  for counts, the counted noun (German: after at most one inflected adjective, "2.400 neue
  Arbeitsplätze"; English: up to two words, "150,000 GPU chips", "2,000 fast chargers").
* Years: the figure is only the year token ("bis zum Jahr 2025" -> "2025"); "2024/25", "2023–2025"
  and "2023 bis 2025" are one year figure with ``high``.  Years and dates never carry a qualifier.
* A bare 4-digit number 1900–2099 is a year; in German it is a count when a capitalised noun follows
  directly and no temporal word precedes ("2000 Mitarbeiter" vs. "Ende 2025 Umsatz").
* Dates ("30. September 2025", "Q3 2026", "im dritten Quartal") have the year as value when they
  contain one, else None.  Day numbers and years inside a date are not separate figures.
* Changes: in "von 1,2 auf 1,5 Mrd. Euro" / "from 10 to 12 percent" / "von 140 auf 220 Beschäftigte"
  the bare first number takes unit, scale and noun of the second (its ``text`` stays "1,2", so the
  ``noun`` of such a count is not inside ``text``).  "from X to Y" is never a range.
* Percentage points -> unit "pp"; basis points -> unit "bp" with the stated value (25 bp -> 25).
* "Billion" is 1e12 in German text (capitalised), "billion" is always 1e9; "Trillion" likewise.
* Glued "m"/"b"/"M"/"B" ("£200m", "$5B") mean million/billion with a currency or in English text;
  otherwise "200m" is 200 metres.  Cents/Rappen/pence are converted to whole currency units.
* Ambiguous separators follow ``lang``: de "2.400" = 2400, "1,3" = 1.3; en "2,400" = 2400, "1.3" = 1.3.
  A plain space groups thousands too ("40 000").
* Not figures: product/model/version numbers (a bare number after a capitalised or camel-case name:
  "Llama 4", "iPhone 15"), "GPT-4"/"Covid-19", "5G", list numbers, phone numbers, ISBNs, times,
  "§ 5"/"Artikel 12"/"page 5", ages ("Heinz Dörrbecker (61)", "Tanya Reeves, 34,").

Speed: every regex is compiled once; the scanner is driven by digit runs (a fast character-set
search) plus cheap substring triggers for spelled-out numbers, so sentences without figures cost
a few microseconds.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("money", "percent", "count", "power", "energy", "year", "date", "quantity")
QUALIFIERS = ("exact", "upper_bound", "lower_bound", "approximate")
LANGS = ("de", "en")


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    kind: str
    qualifier: str = "exact"
    high: float | None = None
    noun: str | None = None

    def to_dict(self) -> dict:
        d = {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
             "unit": self.unit, "kind": self.kind, "qualifier": self.qualifier}
        if self.high is not None:
            d["high"] = self.high
        if self.noun is not None:
            d["noun"] = self.noun
        return d


_SP = r"[ \u00a0\u202f]"          # spaces allowed inside a figure (incl. no-break and narrow no-break)
_WB = r"(?![^\W_])"                # right word boundary that also treats "-" as a boundary
_YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"

# --- numbers ---------------------------------------------------------------------------------------
# The pattern starts with a plain [0-9] so that sre can skip non-digits with its character-set
# prefix scan; the left boundary is therefore checked *after* the first digit (width-2 lookbehind).
_DIGITS_TAIL = r"""(?:[0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?(?![0-9])
 |[0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])
 |[0-9]{0,2}(?:['’\u202f\u00a0\u2009\x20][0-9]{3})+(?:[.,][0-9]+)?(?![0-9])
 |[0-9]*(?:[.,][0-9]+)?)"""
_NUM = re.compile(r"[0-9](?<![\w.,'’/][0-9])" + _DIGITS_TAIL, re.X)
_ANY_DIGIT = re.compile(r"[0-9]")
_THOUSANDS_MARKS = "'’\u202f\u00a0\u2009 "

_CUR_CODES = {"$": "USD", "US$": "USD", "US-$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR",
              "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY", "CHF": "CHF", "SFr.": "CHF", "sFr.": "CHF"}
_CUR_PREFIX = r"(?:US-?\$|(?<![A-Za-z])\$|€|£|¥|(?<![A-Za-z])(?:USD|EUR|GBP|CHF|JPY|[Ss]Fr\.))"
# A second number of a range: "10–12", "10 bis 12", "$3 and $4", "3bn-$4bn".
_RANGE = re.compile(rf"(?P<c>{_SP}*[-–—]{_SP}*|{_SP}+(?:bis|to|und|and){_SP}+)"
                    rf"(?:(?P<cur>{_CUR_PREFIX}){_SP}?)?(?P<n>[0-9]{_DIGITS_TAIL})", re.X)

# Scale words.  Glued suffixes ("$5bn", "150k") and spaced words ("1,3 Millionen", "5 Mio.").
_SCALE_GLUED = re.compile(r"(?:k|K|mn|m|M|bn|b|B|tn|trn|Mio|Mrd|Tsd)" + _WB)
_SCALE_SPACED = re.compile(
    rf"(?:{_SP}+|-)(?P<s>Tsd\.?|Tausend|tausend|Hundert|hundert|Mio\.?|Millionen|Mrd\.?|Mia\.|Md\.|"
    rf"Milliarden|Milliarde|Bio\.?|Billionen|Trillionen|(?i:thousand|hundred|million|billion|trillion)|"
    rf"mn|bn|tn){_WB}")
_GLUED_EXP = {"k": 3, "K": 3, "mn": 6, "m": 6, "M": 6, "bn": 9, "b": 9, "B": 9, "tn": 12, "trn": 12,
              "Mio": 6, "Mrd": 9, "Tsd": 3}
_SCALE_EXP = {"tsd": 3, "tausend": 3, "thousand": 3, "hundert": 2, "hundred": 2, "mio": 6,
              "million": 6, "millionen": 6, "mn": 6, "mrd": 9, "mia": 9, "md": 9, "milliarde": 9,
              "milliarden": 9, "bn": 9, "bio": 12, "billionen": 12, "trillionen": 18, "tn": 12}


def _scale_exp(word: str, lang: str) -> int:
    w = word.rstrip(".")
    lw = w.lower()
    if lw == "billion":      # German "Billion" = 10^12, English "billion" = 10^9
        return 12 if (lang == "de" and w[0] == "B") else 9
    if lw == "trillion":
        return 18 if (lang == "de" and w[0] == "T") else 12
    return _SCALE_EXP[lw]


# --- units: (pattern, kind, unit, exponent).  unit None = cents in the text's home currency. ------
_UNITS: list[tuple[str, str, str | None, int]] = [
    (r"Euro-?[Cc]ents?|Eurocents?", "money", "EUR", -2),
    (r"US-?[Cc]ents?", "money", "USD", -2),
    (r"[Cc]ents?", "money", None, -2),
    (r"Rappen", "money", "CHF", -2),
    (r"[Pp]ence", "money", "GBP", -2),
    (r"(?:US|U\.S\.)[ \u00a0-]?(?i:dollars?)|(?i:dollars?)|USD|US\$|\$", "money", "USD", 0),
    (r"(?i:euros?)|EUR|€", "money", "EUR", 0),
    (r"Pfund(?: Sterling)?|(?i:pounds?)(?: sterling)?|GBP|£", "money", "GBP", 0),
    (r"(?:Schweizer )?Franken|(?:Swiss )?francs?|CHF", "money", "CHF", 0),
    (r"(?i:yen)|JPY|¥", "money", "JPY", 0),
    (r"Prozentpunkte?n?|%-Punkte?n?|(?i:percentage[ -]points?)|pp", "percent", "pp", 0),
    (r"Basispunkte?n?|(?i:basis[ -]points?)|bps?|Bp\.?", "percent", "bp", 0),
    (r"%|(?i:prozent)|v\. ?H\.|(?i:per ?cent)|pct\.?", "percent", "%", 0),
]
for _sym, _word, _exp in (("T", "tera", 12), ("G", "giga", 9), ("M", "mega", 6), ("k", "kilo", 3), ("", "", 0)):
    _UNITS.append((rf"{_sym}Wh|(?i:{_word}watt(?:stunden?|[ -]?hours?))", "energy", "Wh", _exp))
    _UNITS.append((rf"{_sym}Wp?|(?i:{_word}watts?)(?:-?[Pp]eak)?", "power", "W", _exp))
_UNITS += [
    (r"(?i:kwh)", "energy", "Wh", 3),
    (r"km/h|(?i:stundenkilometern?|kilomet(?:er|re)s? per hour)|kph", "quantity", "km/h", 0),
    (r"mph|(?i:miles per hour)", "quantity", "mph", 0),
    (r"km²|km2|qkm|(?i:quadratkilometern?|square kilomet(?:er|re)s?)", "quantity", "km2", 0),
    (r"m²|m2|qm|(?i:quadratmetern?|square met(?:er|re)s?)", "quantity", "m2", 0),
    (r"km|(?i:kilomet(?:er|re)[ns]?)", "quantity", "km", 0),
    (r"cm|(?i:zentimetern?|centimet(?:er|re)s?)", "quantity", "cm", 0),
    (r"mm|(?i:millimet(?:er|re)[ns]?)", "quantity", "mm", 0),
    (r"nm|(?i:nanomet(?:er|re)[ns]?)", "quantity", "nm", 0),
    (r"m|(?i:met(?:er|re)[ns]?)", "quantity", "m", 0),
    (r"t|(?i:tonnen|tonnes?|(?:metric )?tons?)", "quantity", "t", 0),
    (r"kg|(?i:kilogramm|kilograms?|kilos)", "quantity", "kg", 0),
    (r"l|(?i:litern?|litres?|liters)", "quantity", "l", 0),
    (r"(?i:barrels?)|bbl", "quantity", "bbl", 0),
    (r"ha|(?i:hektar|hectares?)", "quantity", "ha", 0),
    (r"PB|TB|GB|MB|(?i:(?:peta|tera|giga|mega)bytes?)", "quantity", None, 0),
    (r"°C|(?i:grad celsius|degrees? celsius)", "quantity", "°C", 0),
]
_UNIT = re.compile(rf"(?:{_SP}+|-)?(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, *_) in enumerate(_UNITS))
                   + rf"){_WB}")
_UNIT_INFO = {f"u{i}": info for i, (_, *info) in enumerate(_UNITS)}
_BYTES = {"p": "PB", "t": "TB", "g": "GB", "m": "MB"}

# --- context words ---------------------------------------------------------------------------------
_QUALS = {
    "de": {"upper_bound": ["bis zu", "bis maximal", "maximal", "max.", "höchstens", "nicht mehr als",
                           "weniger als", "unter", "bis"],
           "lower_bound": ["nicht weniger als", "mehr als", "über", "mindestens", "wenigstens", "ab",
                           "min."],
           "approximate": ["rund", "etwa", "ca.", "circa", "zirka", "knapp", "fast", "beinahe", "gut",
                           "annähernd", "nahezu", "schätzungsweise", "ungefähr", "um die"]},
    "en": {"upper_bound": ["up to", "at most", "as much as", "as many as", "as high as", "no more than",
                           "not more than", "a maximum of", "maximum of", "max.", "less than",
                           "fewer than", "just under", "under", "below"],
           "lower_bound": ["more than", "over", "at least", "upwards of", "in excess of", "no less than",
                           "not less than", "a minimum of", "minimum of", "above", "north of", "just over"],
           "approximate": ["about", "around", "roughly", "nearly", "almost", "some", "approximately",
                           "approx.", "an estimated", "estimated", "close to", "circa", "ca."]},
}
_QUAL_MAP = {lang: {w: q for q, ws in d.items() for w in ws} for lang, d in _QUALS.items()}
_BETWEEN = frozenset(("zwischen", "between"))
_WORD_RANGE = frozenset(("bis", "to", "-", "–", "—"))
_CHANGE_GAP = re.compile(rf"{_SP}+(?:auf|bis|to|und|and|oder|or|bzw\.|beziehungsweise){_SP}+")
_OPEN_PUNCT = "([{„“”\"'‚‘«»–—"                       # may stick to the first word of a qualifier
_LIST_ITEM = re.compile(r"[0-9]{1,2}[.)](?=[ \t]|\Z)")
_DE_ORDINAL = re.compile(rf"\.{_SP}+[^\W\d_]")

# Words that may stand right before a number without making it a product/model number ("Llama 4").
_FUNCTION_WORDS = frozenset("""
der die das den dem des ein eine einer einem einen eines im in am an auf aus bei mit nach seit von vor
zu zum zur um über unter bis ab für gegen ohne durch per pro je und oder aber sowie doch auch nur noch
schon bereits insgesamt damit davon dabei darunter demnach zuletzt heute jetzt nun erst zuvor derzeit
aktuell zusammen immerhin sogar allein weitere weiteren alle rund etwa knapp fast gut mehr weniger als
nahezu mindestens maximal höchstens wie so da dort hier dann denn wenn weil dass ob jeweils laut
the a an in on at of for by with from to into over under about around some nearly almost only just
another all total its their his her our your this that these those each every more less than and or
but since until after before during within per roughly approximately also now still already exactly
up down then while as when if another both either neither additional further extra
""".split())
_KEYWORDS = frozenset("""
artikel art. art article section sec. kapitel chapter absatz abs. paragraf paragraph nr. no. nummer
number seite seiten s. page pages p. pp. rn. ziffer tabelle table abbildung abb. figure fig. band vol.
level stufe stage phase tier version release update generation gen. serie series klasse class typ type
mark folge episode staffel season platz rang runde round gleis linie line zimmer raum room terminal
gate flug flight bus route kw woche week euro
""".split())
_YEAR_CUES = frozenset("""
im in jahr jahres jahresende bis seit ab ende anfang mitte zum vor nach um von für geschäftsjahr frühjahr
sommer herbst winter stand zwischen und oder spätestens frühestens schon bereits erst
""".split())
_DE_NOT_ADJ = _FUNCTION_WORDS | frozenset("""
einer eines oder aber über unter hinter wieder immer sogar werden wurden worden sollen wollen können
müssen dürfen haben hatten sind waren seien wären geben gehen kommen bleiben lassen stehen liegen
arbeiten fehlen entstehen erhalten beschäftigen betreiben zählen
""".split())
_NAME_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:-[^\W_]+)*")
_PRODUCT_SUFFIXES = frozenset("Pro Max MAX Plus Ultra Mini Air Lite SE Neo Turbo GT RS XL".split())

_NOUN = {
    # German: one inflected adjective may stand between number and noun ("1.100 hochqualifizierte Jobs")
    "de": re.compile(rf"{_SP}+(?:(?P<adj>[a-zäöüß][a-zäöüß-]*(?:e|en|er|es|em)){_SP}+)?"
                     r"(?P<noun>[A-ZÄÖÜ][^\W_]*(?:-[^\W_]+)*)"),
    "en": re.compile(rf"{_SP}+(?:(?P<adj>new|additional|more|extra|full-time|part-time|active|other|"
                     rf"former|current|existing|monthly|daily|unique|paying){_SP}+)?"
                     rf"(?P<noun>[^\W\d_](?:[^\W\d_]|[’'-](?=[^\W\d_]))*)(?:{_SP}(?P<noun2>[^\W\d_]+))?"),
}
_EN_STOP = frozenset("""
the a an and or nor but of in on at to by for from with without into onto over under above below about
around between through than as per is are was were be been being am will would shall should can could
may might must has have had do does did that which who whom whose this these those it its they them
their he she his her we our you your i me my so if then when while where after before since until
during more less most least each every all some any no not also only just still yet already again up
down out off said says say according rose fell grew jumped climbed dropped increased decreased
declined gained lost reached hit made make makes got get came come went go left joined took take
became become later earlier ago plus minus apiece each year's
""".split())

# --- special spans: dates, and things that are numbers but not figures ------------------------------
_MONTHS_FULL = ("Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember "
                "January February March May June July October December").split()
_MONTHS_ABBR = "Jan Feb Mär Mrz Mar Apr Jun Jul Aug Sept Sep Okt Oct Nov Dez Dec".split()
_MONTH = "(?:" + "|".join(_MONTHS_FULL) + "|(?:" + "|".join(_MONTHS_ABBR) + r")\.?)" + _WB


def _lit(word: str) -> str:
    """A word with a left word boundary, written so that the branch still starts with a literal
    character (sre then builds a first-character set and skips most positions quickly)."""
    return re.escape(word[0]) + r"(?<![^\W_].)" + re.escape(word[1:])


_NOT_AMOUNT = (r"(?!" + _SP + r"*(?:%|Prozent|percent|per cent|Mio|Mrd|Millionen|Milliarden|million|billion"
               r"|[Dd]ollar|[Ee]uro))")             # "in March 5 percent ..." is no date
_SHORT_YEAR = rf"(?:[ \u00a0/-]{_YEAR}|/[0-9]{{2}}(?![0-9])|{_SP}?['’][0-9]{{2}}(?![0-9]))?"


def _letter_spans_rx(lang: str) -> re.Pattern:
    branches = []
    day = r"[0-3]?[0-9](?:st|nd|rd|th)?(?![0-9])(?![.,][0-9])"
    for name in _MONTHS_FULL + _MONTHS_ABBR:
        tail = rf"{_WB}\.?(?:{_SP}+{_YEAR}"
        if lang == "en":   # "September 30", "Sept. 30, 2025"
            tail += rf"|{_SP}+{day}{_NOT_AMOUNT}(?:,?{_SP}+{_YEAR})?"
        else:              # German never writes month-day, except quoting "September 30, 2025"
            tail += rf"|{_SP}+{day},{_SP}+{_YEAR}"
        branches.append(_lit(name) + tail + ")")
    branches += [
        _lit("Q") + rf"[1-4]{_WB}{_SHORT_YEAR}", _lit("H") + rf"[12]{_WB}{_SHORT_YEAR}",
        _lit("FY") + rf"{_SP}?(?:{_YEAR}|[0-9]{{2}}(?![0-9]))(?:/[0-9]{{2}}(?![0-9]))?",
        _lit("GJ") + rf"{_SP}?(?:{_YEAR}|[0-9]{{2}}(?![0-9]))(?:/[0-9]{{2}}(?![0-9]))?",
        rf"§§?{_SP}*[0-9]+[a-z]?(?:{_SP}*(?:Abs\.|Absatz){_SP}*[0-9]+)?"
        rf"(?:{_SP}*(?:S\.|Satz|Nr\.){_SP}*[0-9]+)?",
        rf"\+[0-9]{{1,3}}(?:[ \u00a0/-]?\(?[0-9]{{1,5}}\)?)(?:[ \u00a0/-]?[0-9]{{2,}})*[ \u00a0/-]?[0-9]{{4,}}(?![0-9])",
        rf"\(0[0-9]{{1,5}}\){_SP}?[0-9]{{2,}}(?:[ \u00a0/-]?[0-9]{{2,}})*",
        rf"\([0-9]{{3}}\){_SP}?[0-9]{{3}}-[0-9]{{4}}(?![0-9])",
        _lit("Tel") + rf"(?:efon|\.)?:?{_SP}*[+(0-9][0-9 ()/-]{{5,}}[0-9]",
        _lit("Fax") + rf":?{_SP}*[+(0-9][0-9 ()/-]{{5,}}[0-9]",
        _lit("Phone") + rf":?{_SP}*[+(0-9][0-9 ()/-]{{5,}}[0-9]",
        _lit("ISBN") + rf"(?:-1[03])?:?{_SP}*[0-9][0-9 -]{{8,16}}[0-9Xx](?![0-9])",
    ]
    return re.compile("|".join(branches))


_LETTER_SPANS = {lang: _letter_spans_rx(lang) for lang in LANGS}
_BLOCK_START = ("§", "+", "(", "Tel", "Fax", "Phone", "ISBN")
_WORD_QUARTER = re.compile(
    rf"(?<![^\W_])(?i:(?:erste[nmrs]?|zweite[nmrs]?|dritte[nmrs]?|vierte[nmrs]?|letzte[nmrs]?|first|second|"
    rf"third|fourth|final|last|1st|2nd|3rd|4th){_SP}+(?:fiscal{_SP}+)?(?:quartal|halbjahr|jahreshälfte|"
    rf"jahresviertel|quarter|half)(?:e?s)?{_WB}(?:(?:{_SP}+(?:of|des{_SP}+(?:geschäfts)?jahres))?{_SP}+"
    rf"(?:fiscal{_SP}+)?{_YEAR})?)")
_QUARTER_TRIGGERS = ("quart", "halbjahr", "hälfte", "jahresviertel", "half")


def _digit_spans_rx(lang: str) -> re.Pattern:
    """Spans starting at a digit, tried with .match() at each digit run (order matters)."""
    yearless = r"(?:(?:19|20)?[0-9]{2}(?![0-9]))?" if lang == "de" else r"(?:19|20)?[0-9]{2}(?![0-9])"
    return re.compile(
        rf"(?P<iso>(?:19|20)[0-9]{{2}}-(?P<iso_m>[01][0-9])-(?P<iso_d>[0-3][0-9])(?![0-9]))"
        rf"|(?P<dmy>(?P<dmy_d>[0-3]?[0-9])\.(?P<dmy_m>[01]?[0-9])\.{yearless}(?![0-9]))"
        rf"|(?P<slash>(?P<sl_a>[0-3]?[0-9])/(?P<sl_b>[0-3]?[0-9])/(?:19|20)?[0-9]{{2}}(?![0-9/]))"
        rf"|(?P<isbn>97[89]-[0-9]{{1,5}}-[0-9]{{1,7}}-[0-9]{{1,7}}-[0-9Xx](?![0-9]))"
        rf"|(?P<yr>(?:19|20)[0-9]{{2}}(?:{_SP}*[/–—-]{_SP}*(?P<yr_b>(?:19|20)?[0-9]{{2}})"
        rf"|{_SP}+(?:bis|to){_SP}+(?P<yr_c>(?:19|20)[0-9]{{2}}))(?![0-9/]|[.,][0-9]))"
        rf"|(?P<dq>[1-4]\.{_SP}*(?:Quartal|Halbjahr|Jahreshälfte|Jahresviertel)(?:e?s)?{_WB}"
        rf"(?:{_SP}+(?:des{_SP}+(?:Geschäfts)?[Jj]ahres{_SP}+)?{_YEAR})?)"
        rf"|(?P<dm>(?P<dm_d>[0-3]?[0-9])(?:\.|st|nd|rd|th)?{_SP}*(?:of{_SP}+)?{_MONTH}(?:,?{_SP}+{_YEAR})?)"
        rf"|(?P<time>[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?(?![0-9])(?:{_SP}?(?:Uhr|h|a\.m\.|p\.m\.|am|pm){_WB})?"
        rf"|[0-2]?[0-9]\.[0-5][0-9]{_SP}?(?:Uhr|h){_WB}|[0-2]?[0-9]{_SP}?Uhr{_WB}"
        rf"|[01]?[0-9]{_SP}?(?:a\.m\.|p\.m\.)|[01]?[0-9](?:am|pm){_WB})"
        rf"|(?P<phone>[0-9]{{3}}-0[0-9]{{3}}(?![0-9])|(?:1[-.])?[0-9]{{3}}[-.][0-9]{{3}}[-.][0-9]{{4}}(?![0-9])"
        rf"|0[0-9]{{2,5}}[/ -][0-9]{{3,}}(?:[ -][0-9]{{2,}})*(?![0-9]))")


_DIGIT_SPANS = {lang: _digit_spans_rx(lang) for lang in LANGS}
_SPAN_DAY = re.compile(r"(?<=[ \u00a0\u202f])([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])")
_FY_DIGITS = re.compile(r"[0-9]+")
_YEAR4 = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_YEAR2 = re.compile(r"(?<=['’/])[0-9]{2}(?![0-9])")         # Q3/26, Q3 '26

# --- spelled-out numbers ---------------------------------------------------------------------------
_WORD_VALUES = {
    "ein": "1", "eine": "1", "einer": "1", "einem": "1", "einen": "1", "eines": "1", "a": "1", "an": "1",
    "one": "1", "zwei": "2", "two": "2", "drei": "3", "three": "3", "vier": "4", "four": "4", "fünf": "5",
    "five": "5", "sechs": "6", "six": "6", "sieben": "7", "seven": "7", "acht": "8", "eight": "8",
    "neun": "9", "nine": "9", "zehn": "10", "ten": "10", "elf": "11", "eleven": "11", "zwölf": "12",
    "twelve": "12", "zwanzig": "20", "twenty": "20", "dreißig": "30", "thirty": "30", "vierzig": "40",
    "forty": "40", "fünfzig": "50", "fifty": "50", "hundert": "100", "hundred": "100", "tausend": "1000",
    "half a": "0.5", "half an": "0.5", "eine halbe": "0.5", "einer halben": "0.5", "einen halben": "0.5",
    "einem halben": "0.5", "eineinhalb": "1.5", "anderthalb": "1.5", "zweieinhalb": "2.5",
    "one and a half": "1.5", "a dozen": "12", "one dozen": "12", "ein dutzend": "12",
}
_WORD_LAST = frozenset(k.split()[-1] for k in _WORD_VALUES)
_DOZEN = frozenset(("a dozen", "one dozen", "ein dutzend"))
# Substrings (lower case) of the words that can follow a spelled-out number ("illi": Million, Milliarde,
# billion, trillion; "cent": cent, percent; "zent": Prozent); they trigger the look-back.
_WORD_TRIGGERS = ("illi", "tausend", "thousand", "hunder", "dollar", "euro", "pfund", "pound", "fran", "yen",
                  "cent", "zent", "rappen", "pence", "watt", "dutzend", "dozen")


def _decimal(raw: str, lang: str) -> str:
    """Digits with separators -> plain decimal string, resolving ambiguous separators by language."""
    if raw.isdigit():
        return raw
    if "'" in raw or " " in raw or not raw.isascii():       # Swiss 1'000 / 1’000, 40 000 (DIN spacing)
        for c in _THOUSANDS_MARKS:
            raw = raw.replace(c, "")
        return raw.replace(",", ".")
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:                                        # the last separator is the decimal one
        if raw.rfind(".") > raw.rfind(","):
            return raw.replace(",", "")
        return raw.replace(".", "").replace(",", ".")
    if not dots and not commas:
        return raw
    sep = "." if dots else ","
    if dots + commas > 1:                                      # 65.000.000 / 65,000,000
        return raw.replace(sep, "")
    whole, frac = raw.split(sep)
    if len(frac) == 3 and whole != "0" and (sep == "." and lang == "de" or sep == "," and lang == "en"):
        return whole + frac                                     # de 2.400 / en 2,400
    return whole + "." + frac


def _tokens_before(text: str, lo: int, end: int, k: int) -> tuple[list[str], list[int]]:
    """The last k whitespace-separated tokens of text[lo:end] and their start offsets.

    Plain str.split() on a short window is several times cheaper than a regex search that has to
    try a long alternation at every position of the window."""
    base = max(lo, end - 40)
    w = text[base:end]
    parts = w.split()
    if parts and base > lo and not w[0].isspace() and not text[base - 1].isspace():
        parts = parts[1:]                                     # first token cut by the window
    parts = parts[-k:]
    starts, pos = [], len(w)
    for part in reversed(parts):
        pos = w.rfind(part, 0, pos)
        starts.append(base + pos)
    starts.reverse()
    return parts, starts


def _phrase_lookup(parts: list[str], starts: list[int], end_idx: int, table: dict, k: int):
    """Longest phrase of up to k tokens ending with parts[end_idx - 1] that is a key of table:
    (value, start, end) or None.  Opening punctuation may stick to its first word: "(rund 5 %)"."""
    if not end_idx or parts[end_idx - 1].lower().lstrip(_OPEN_PUNCT) not in _LAST_WORDS:
        return None                                           # cheap reject: most words end no phrase
    for i in range(max(0, end_idx - k), end_idx):
        first = parts[i]
        lead = len(first) - len(first.lstrip(_OPEN_PUNCT))
        key = " ".join([first[lead:]] + parts[i + 1:end_idx]).lower()
        if key in table:
            return table[key], starts[i] + lead, starts[end_idx - 1] + len(parts[end_idx - 1])
    return None


_LAST_WORDS = frozenset(w.split()[-1] for table in (*_QUAL_MAP.values(), _WORD_VALUES, _BETWEEN) for w in table)
_CODES3 = frozenset(("USD", "EUR", "GBP", "CHF", "JPY"))


def _currency_before(text: str, lo: int, start: int):
    """(ISO code, start) of a currency symbol/code right before a number ("$5", "EUR 1,2", "US$ 3")."""
    k = start - 1 if start > lo and text[start - 1] in " \u00a0\u202f" else start
    if k <= lo:
        return None
    ch = text[k - 1]
    if ch in "€£¥":
        return _CUR_CODES[ch], k - 1
    if ch == "$":
        for pre in ("US-", "US"):
            if k - 1 - len(pre) >= lo and text.startswith(pre, k - 1 - len(pre)):
                return "USD", k - 1 - len(pre)
        if k - 2 >= lo and text[k - 2].isalpha():
            return None                                       # C$, A$, HK$: other dollars
        return "USD", k - 1
    for n in (3, 4):
        code = text[k - n:k]
        if (k - n >= lo and (code in _CODES3 or code in ("SFr.", "sFr."))
                and not (k - n > 0 and text[k - n - 1].isalpha())):
            return _CUR_CODES[code], k - n
    return None


def _value(num: str, exp: int) -> float | None:
    v = float(f"{num}e{exp}")
    return v if math.isfinite(v) else None


def _is_year(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2099


def _tail(text: str, pos: int, limit: int, lang: str, cur: str | None):
    """Scale word(s) and unit after a number: (exponent, unit tuple|None, end, scaled)."""
    exp, scaled = 0, False
    if pos < limit and text[pos].isalpha():
        g = _SCALE_GLUED.match(text, pos, limit)
        if g and (g.group() not in ("m", "M", "b", "B") or cur or lang == "en"):
            exp, pos, scaled = _GLUED_EXP[g.group()], g.end(), True
    if not scaled:
        for _ in range(2):                                    # "hundred million", "hundert Millionen"
            s = _SCALE_SPACED.match(text, pos, limit)
            if not s:
                break
            exp, pos, scaled = exp + _scale_exp(s.group("s"), lang), s.end(), True
    unit = None
    u = _UNIT.match(text, pos, limit)
    if u:
        kind, code, uexp = _UNIT_INFO[u.lastgroup]
        word = u.group(u.lastgroup)
        if code is None and kind == "money":
            code = cur or ("EUR" if lang == "de" else "USD")
        elif code is None:
            code = _BYTES[word[0].lower()]
        unit = (kind, code, uexp, len(word) >= 3 and word[0].isalpha())
        pos = u.end()
    return exp, unit, pos, scaled


class _Scanner:
    """One extraction run; holds the text and the language-specific patterns."""

    def __init__(self, text: str, lang: str, offset: int):
        self.text, self.lang, self.offset = text, lang, offset
        self.bare: dict[int, tuple] = {}                      # start -> (number, scaled, exponent)
        self.units: dict[int, tuple] = {}                     # start -> (scale exponent, unit exponent)

    def fig(self, start, end, value, unit, kind, qualifier="exact", high=None, noun=None) -> Figure:
        return Figure(self.text[start:end], start + self.offset, end + self.offset, value, unit, kind,
                      qualifier, high, noun)

    # -- spans ------------------------------------------------------------------------------------
    def letter_spans(self, low: str, has_digits: bool) -> list:
        text, spans = self.text, []
        if has_digits:
            for m in _LETTER_SPANS[self.lang].finditer(text):
                spans.append((m.start(), m.end(), self.letter_span_figure(m)))
        if any(t in low for t in _QUARTER_TRIGGERS):
            for m in _WORD_QUARTER.finditer(text):
                y = _YEAR4.search(m.group())
                spans.append((m.start(), m.end(), self.fig(m.start(), m.end(), float(y.group()) if y else None,
                                                           None, "date")))
        spans.sort(key=lambda s: (s[0], -s[1]))
        out = []
        for s in spans:                                       # keep the first of overlapping spans
            if s[2] is not False and (not out or s[0] >= out[-1][1]):
                out.append(s)
        return out

    def letter_span_figure(self, m):
        t = m.group()
        if t.startswith(_BLOCK_START):
            return None                                       # phone, ISBN, § sections: not figures
        if t.startswith(("FY", "GJ")):                        # fiscal years: FY2025, FY25, GJ 2024/25
            y = _FY_DIGITS.search(t).group()
            return self.fig(m.start(), m.end(), float(y if len(y) == 4 else 2000 + int(y)), None, "year")
        day = None if t[0] in "QH" else _SPAN_DAY.search(t)
        if day and not 1 <= int(day.group(1)) <= 31:
            return False                                      # "May 45" is no date
        y, y2 = _YEAR4.search(t), _YEAR2.search(t)
        value = float(y.group()) if y else (2000.0 + int(y2.group()) if y2 else None)
        return self.fig(m.start(), m.end(), value, None, "date")

    def digit_span(self, s: int, limit: int):
        """(end, Figure|None) if a date/time/phone/... starts at s, else None."""
        m = _DIGIT_SPANS[self.lang].match(self.text, s)
        if not m:
            return None
        g, t = m.lastgroup, m.group()
        y = _YEAR4.search(t)
        year = float(y.group()) if y else None
        if g == "iso":
            ok = 1 <= int(m.group("iso_m")) <= 12 and 1 <= int(m.group("iso_d")) <= 31
        elif g == "dmy":
            ok = 1 <= int(m.group("dmy_d")) <= 31 and 1 <= int(m.group("dmy_m")) <= 12
            if ok and year is None and t[-1] != ".":
                year = 2000.0 + int(t.rsplit(".", 1)[1])
        elif g == "slash":
            a, b = int(m.group("sl_a")), int(m.group("sl_b"))
            ok = 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12
        elif g == "dm":
            ok = 1 <= int(m.group("dm_d")) <= 31
        elif g == "yr":                                       # year range "2024/25", "2023 bis 2025"
            first, second = int(t[:4]), m.group("yr_b") or m.group("yr_c")
            high = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            ok = first < high <= first + 100 and not _tail(self.text, m.end(), len(self.text), self.lang, None)[1]
            ok = ok and not _SCALE_SPACED.match(self.text, m.end())
            if ok:
                return m.end(), self.fig(s, m.end(), float(first), None, "year", high=float(high))
        else:                                                 # dq, time, phone, isbn
            ok = True
        if not ok:
            return None
        if g in ("time", "phone", "isbn"):
            return m.end(), None
        return m.end(), self.fig(s, m.end(), year, None, "date")

    # -- numbers ----------------------------------------------------------------------------------
    def word_candidates(self, low: str) -> list:
        """Spelled-out numbers, found backwards from the scale/unit word that must follow them."""
        starts = set()
        for trig in _WORD_TRIGGERS:
            i = low.find(trig)
            while i != -1:
                j = i                                         # start of the token holding the trigger
                while j > 0 and (low[j - 1].isalnum() or low[j - 1] in "-$"):
                    j -= 1
                starts.add(j)
                i = low.find(trig, i + 1)
        if not starts:
            return []
        out = []
        text = self.text
        for j in starts:
            if j < 2 or not text[j - 1].isspace():
                continue
            prev = low[max(low.rfind(" ", 0, j - 1), low.rfind("\u00a0", 0, j - 1)) + 1:j - 1]
            if prev.lstrip(_OPEN_PUNCT) not in _WORD_LAST:
                continue                                      # cheap pre-check: "2,4 Milliarden", "Mio. Euro"
            parts, pos = _tokens_before(self.text, 0, j, 4)
            w = _phrase_lookup(parts, pos, len(parts), _WORD_VALUES, 4)
            if not w:
                continue
            ws, we = w[1], w[2]
            for dz in ("dozen", "dutzend"):                   # "a dozen", "ein Dutzend": no scale needed
                k = j + len(dz)
                if low.startswith(dz, j) and not low[k:k + 1].isalnum():
                    we = k
            out.append((ws, we, True))
        return out

    def number(self, s: int, e: int, is_word: bool, lo: int, limit: int, allow_range: bool = True):
        """Parse the figure around the number text[s:e]; returns (Figure|None, resume position)."""
        text, lang = self.text, self.lang
        if e > limit:
            return None, e
        if is_word:
            raw = " ".join(text[s:e].lower().split())
            num, start = _WORD_VALUES.get(raw), s
            if num is None:
                return None, e
        else:
            raw = text[s:e]
            if e + 1 < len(text) and text[e] in ".," and text[e + 1].isdigit():
                return None, e + 2                            # 1.2.3, IP addresses, versions
            if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
                return None, e                                # GPT-4, F-35, Covid-19
            if lang == "de" and raw.isdigit() and len(raw) <= 3 and _DE_ORDINAL.match(text, e):
                return None, e                                # "der 3. Quartalsbericht"
            num, start = _decimal(raw, lang), s
            if s > lo and text[s - 1] in "-−+" and (s == 1 or not (text[s - 2].isalnum() or text[s - 2] in ".,")):
                start = s - 1
                if text[s - 1] != "+":
                    num = "-" + num
        cur = None
        c = _currency_before(text, lo, start)
        if c:
            cur, start = c
        # the words before the figure (qualifier, "zwischen", product/keyword context); split lazily,
        # since years - the most frequent bare numbers - never need them
        parts = starts = None

        def before():
            nonlocal parts, starts
            if parts is None:
                parts, starts = (_tokens_before(text, lo, start, 4) if start > lo and text[start - 1].isspace()
                                 else ([], []))
            return parts

        # a range directly after the number: "10 bis 12 Prozent", "$3-4 billion"
        high_num, high_exp, end, in_range, between = None, None, e, False, False
        r = _RANGE.match(text, e, limit) if allow_range and not is_word else None
        if r:
            between = bool(before()) and parts[-1].lower() in _BETWEEN
        if r and self.range_ok(r, between, limit, parts):
            high_num, end, in_range = _decimal(r.group("n"), lang), r.end(), True
            if r.group("cur"):
                cur = cur or _CUR_CODES[r.group("cur")]
        exp, unit, tail_end, scaled = _tail(text, end, limit, lang, cur)
        if high_num is not None and not (scaled or unit or cur) and _is_year(raw):
            return self.number(s, e, is_word, lo, limit, False)   # "zwischen 2023 und 2025": two years
        if tail_end == end and end < len(text) and text[end].isalpha():
            return None, end                                  # 5G, 4o, 1990s, 2020er, 1st
        # a range after scale/unit: "3 Mio. bis 4 Mio. Euro", "$3bn-$4bn", "500 MW bis 1 GW"
        if allow_range and high_num is None and (scaled or unit) and not is_word:
            r = _RANGE.match(text, tail_end, limit)
            if r:
                between = bool(before()) and parts[-1].lower() in _BETWEEN
            if r and self.range_ok(r, between, limit, parts):
                exp2, unit2, end2, scaled2 = _tail(text, r.end(), limit, lang, cur)
                if (unit2 and (not unit or unit2[:2] == unit[:2])) or (scaled2 and not unit):
                    unit = unit or unit2
                    high_num, in_range, tail_end = _decimal(r.group("n"), lang), True, end2
                    high_exp = exp2 + (unit2 or unit or (0, 0, 0))[2]
        if is_word and not scaled and raw not in _DOZEN and not (unit and unit[3] and unit[0] != "quantity"):
            return None, e                                    # "ein", "a" without scale word or unit
        uexp = unit[2] if unit else 0
        value = _value(num, exp + uexp)
        high = _value(high_num, exp + uexp if high_exp is None else high_exp) if high_num else None
        if high_num and (high is None or value is None or high <= value):
            return self.number(s, e, is_word, lo, limit, False)   # "3-1" is a score, not a range
        if value is None:
            return None, tail_end
        if is_word and len(before()) >= 2 and parts[-1] in _WORD_RANGE:  # "ein bis zwei Prozent"
            first = parts[-2].lstrip(_OPEN_PUNCT)
            low_num = _WORD_VALUES.get(first.lower()) or (first if first.isdigit() else None)
            v0 = _value(low_num, exp + uexp) if low_num else None
            if v0 is not None and v0 < value:
                value, high, high_num = v0, value, num
                start = starts[-2] + len(parts[-2]) - len(first)
                parts, starts = parts[:-2], starts[:-2]

        kind, code = unit[:2] if unit else (("money", cur) if cur else ("count", None))
        noun, fig_end = None, tail_end
        bare = kind == "count" and not scaled and not is_word and high_num is None
        if bare:
            if start == s and _is_year(raw):
                if lang != "de" or not self.noun(e, limit, adjective=False):  # "das 2019 gegründete ..."
                    return self.fig(s, e, float(raw), None, "year"), e
                prev = before()[-1].lower() if before() else ""
                if prev in _YEAR_CUES or prev.endswith(("jahr", "jahres")):
                    return self.fig(s, e, float(raw), None, "year"), e
            prev = before()[-1] if before() else ""
            if prev.lower() in _KEYWORDS:
                return None, e                                # "Artikel 12", "page 5", "Level 3"
            if _LIST_ITEM.match(text, s) and not text[text.rfind("\n", 0, s) + 1:s].strip(" \t("):
                return None, e + 1                            # list numbering "1. ", "2) "
            if raw.isdigit() and len(raw) <= 3 and self.age_like(s, e, prev):
                return None, e                                # "Heinz Dörrbecker (61)", "Tanya Reeves, 34,"
        if kind == "count":
            n = self.noun(tail_end, limit)
            if n:
                noun, fig_end = n
        n_tok = len(before())
        if in_range and between:                              # "zwischen 10 und 12 Prozent"
            start, n_tok = starts[-1], n_tok - 1
        qualifier = "exact"
        q = _phrase_lookup(parts, starts, n_tok, _QUAL_MAP[lang], 3)
        if q is None and start > lo and text[start - 1] in "~≈":
            q = ("approximate", start - 1, start)
        if q:
            qualifier, start = q[0], q[1]
        elif bare and self.product_like(parts[-1] if parts else "", raw, noun):
            return None, e                                    # Llama 4, iPhone 15, Windows 11
        if kind == "count" and noun is None and high is None:    # may take the unit of the next figure
            self.bare[start + self.offset] = (num, scaled, exp)
        else:
            self.units[start + self.offset] = (exp, uexp)
        return self.fig(start, fig_end, value, code, kind, qualifier, high, noun), fig_end

    def inherit_units(self, figs: list[Figure]) -> None:
        """"von 1,2 auf 1,5 Mrd. Euro", "from 10 to 12 percent", "von 140 auf 220 Beschäftigte": a bare
        number shares the unit (or counted noun) of the figure it changes into."""
        for i in range(len(figs) - 1):
            f1, f2 = figs[i], figs[i + 1]
            if f1.start in self.bare and f2.start in self.units and _CHANGE_GAP.fullmatch(
                    self.text, f1.end - self.offset, f2.start - self.offset):
                num, scaled, exp = self.bare[f1.start]
                exp2, uexp2 = self.units[f2.start]
                value = _value(num, (exp if scaled else exp2) + uexp2)
                if value is not None:
                    figs[i] = Figure(f1.text, f1.start, f1.end, value, f2.unit, f2.kind, f1.qualifier, None, f2.noun)

    def range_ok(self, r, between: bool, limit: int, words: list[str]) -> bool:
        """Is this continuation really the upper end of a range?"""
        text, n_end = self.text, r.end("n")
        if n_end + 1 < len(text) and text[n_end] in ".," and text[n_end + 1].isdigit():
            return False
        conn = r.group("c").strip().lower()
        if conn in ("und", "and") and not between:
            return False                                      # "10 und 12" only after "zwischen"
        if conn == "to" and words and words[-1].lower() == "from":
            return False                                      # "rose from $1.2bn to $1.8bn": a change
        return not self.digit_span(r.start("n"), limit)      # "10 bis 12 Uhr", "bis 30. September"

    def age_like(self, s: int, e: int, prev: str) -> bool:
        """A small number alone in parentheses, or after "Name," and before punctuation: an age."""
        text = self.text
        if s > 0 and text[s - 1] == "(" and text[e:e + 1] == ")":
            return True
        return (int(text[s:e]) <= 120 and prev[-1:] == "," and prev[:1].isupper()
                and (e == len(text) or text[e] in ",.;)"))

    def noun(self, pos: int, limit: int, adjective: bool = True):
        """(noun, end) of a counted noun following a number, or None."""
        m = _NOUN[self.lang].match(self.text, pos, limit)
        if not m or (m.group("adj") and not adjective):
            return None
        noun = m.group("noun")
        if self.lang == "de":
            if m.group("adj") and m.group("adj") in _DE_NOT_ADJ:
                return None                                   # "400 der 2.100 Stellen", "500 werden Teil"
            if (noun.isupper() and "-" not in noun and len(noun) > 1) or noun in _PRODUCT_SUFFIXES or noun == "Uhr":
                return None
            return noun, m.end("noun")
        low = noun.lower()
        if low in _EN_STOP or low.endswith("ly") or (low.endswith("ed") and len(low) > 4) or noun in _PRODUCT_SUFFIXES:
            return None
        # two-word nouns: "GPU chips", "data-center GPUs", "broadband subscribers", "fast chargers"
        n2 = m.group("noun2")
        compound = ((noun[0].isupper() and n2 and n2.islower()) or "-" in noun
                    or (n2 and not low.endswith("s") and n2.endswith("s") and len(n2) > 3))
        if n2 and compound and n2.lower() not in _EN_STOP and not n2.endswith(("ly", "ed")):
            return f"{noun} {n2}", m.end("noun2")
        return noun, m.end("noun")

    def product_like(self, prev: str, raw: str, noun) -> bool:
        """Capitalised (or camel-case) token right before a bare number: a product or model name."""
        if not prev or not _NAME_TOKEN.fullmatch(prev):
            return False
        if not (prev[0].isupper() or any(ch.isupper() for ch in prev[1:])) or prev.lower() in _FUNCTION_WORDS:
            return False
        if self.lang == "de" and noun and not raw.endswith(".0"):
            return False                                      # "hat Meta 500 Stellen": a count
        return True


def extract_figures(text: str, lang: str, offset: int = 0) -> list[Figure]:
    """All figures in ``text`` (sorted by start, non-overlapping); positions are ``offset + index``."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; supported languages: {', '.join(LANGS)}")
    cands = [(m.start(), m.end(), False) for m in _NUM.finditer(text)]
    low = text.lower()
    if len(low) != len(text):                                # rare: lower() changed the length (e.g. "İ")
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    sc = _Scanner(text, lang, offset)
    words = sc.word_candidates(low)
    if words:
        cands += words
        cands.sort()
    spans = sc.letter_spans(low, bool(cands) or _ANY_DIGIT.search(text) is not None)
    if not cands and not spans:
        return []
    figures: list[Figure] = []
    pos, si = 0, 0
    for s, e, is_word in cands:
        if s < pos:
            continue
        while si < len(spans) and spans[si][1] <= s:         # emit dates that lie before this number
            if spans[si][2] is not None:
                figures.append(spans[si][2])
            pos = max(pos, spans[si][1])
            si += 1
        if si < len(spans) and spans[si][0] <= s:            # number inside a date/phone/... span
            continue
        limit = spans[si][0] if si < len(spans) else len(text)
        if not is_word:
            d = sc.digit_span(s, limit)
            if d:
                end, fig = d
                if fig is not None:
                    figures.append(fig)
                while si < len(spans) and spans[si][0] < end:   # e.g. "30. September 2025" beats "September 2025"
                    si += 1
                pos = end
                continue
        fig, end = sc.number(s, e, is_word, pos, limit)
        if fig is not None:
            figures.append(fig)
            pos = end
    for sp in spans[si:]:
        if sp[2] is not None:
            figures.append(sp[2])
    figures.sort(key=lambda f: f.start)
    if sc.bare and sc.units:
        sc.inherit_units(figures)
    out: list[Figure] = []
    for f in figures:                                         # defensive: never return overlaps
        if not out or f.start >= out[-1].end:
            out.append(f)
    return out


@lru_cache(maxsize=8192)
def sentence_figures(text: str, lang: str) -> tuple[Figure, ...]:
    """extract_figures(text, lang) cached: features, explanations and reports all ask for the same sentence."""
    return tuple(extract_figures(text, lang))
