"""Rhetoric spans: which phrases of a sentence make it hype, of which kind, and why.

Named detectors in the style of labelling functions: every detector has a name, a span category
and a reason in German and English (``DETECTORS``; ``reason(name, lang)``). ``detect_spans`` runs
them over one sentence, widens the cue words to whole phrases with a few robust rules, merges
overlapping or adjacent phrases and returns ``Span`` objects with offsets into the document.

Detectors
  lexicon.<category>                 a cue from hype/lexicons/<lang>/rhetoric.tsv (eight categories)
  pattern.superlative                a superlative raised to an absolute ("die größte … aller Zeiten",
                                     "the biggest … ever")
  pattern.nicht_weniger_als          a phrase that inflates the figure after it ("nicht weniger als",
                                     "sage und schreibe", "no less than")
  pattern.promise_future_transform   a modal or promise verb that announces a transformation
                                     ("soll … revolutionieren", "verspricht, … zu verändern",
                                     "will redefine …")
  pattern.rhetorical_question        a dramatising question ("Wer hätte das gedacht?")
  pattern.exclamation                "!!", "?!" and shouting in capitals
  model.weighted_word                a word the rhetoric classifier weighs heavily that no other
                                     detector covers (from the sentence's explanation)

Phrase rules (guidelines §5): an adjective cue extends over the following adjectives to its noun
("beispiellosen strategischen Coup"), a noun cue takes its attributive adjectives ("visionäre
Schachzug"); a promise verb extends to the promised outcome; figures, edge determiners and edge
punctuation never belong to a span. When phrases overlap or touch, they become one span whose
category is the first in PRIORITY and whose detector lists every detector involved
("lexicon.hyperbole+lexicon.metaphor").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Iterable

from . import lexicons
from .lexicons import RHETORIC_CATEGORIES

MODEL_CATEGORY = "model"
SPAN_CATEGORIES = RHETORIC_CATEGORIES + (MODEL_CATEGORY,)
# Guidelines §5.4: the category of a phrase that holds cues of several kinds.
PRIORITY = ("promise", "generalisation", "hyperbole", "hype_word", "metaphor", "evaluative", "vague_magnitude",
            "intensifier", MODEL_CATEGORY)
_RANK = {c: i for i, c in enumerate(PRIORITY)}

# A classifier word contribution at least this large (in the units of hype.explain) becomes a span.
MODEL_MIN_WEIGHT = 0.45
# Lexicon weights run from 0.5 to 2.0; this weight gives strength 1.
_FULL_WEIGHT = 1.8


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int
    category: str
    detector: str
    reason: str
    strength: float

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "category": self.category,
                "detector": self.detector, "reason": self.reason, "strength": round(self.strength, 3)}


@dataclass(frozen=True, slots=True)
class Detector:
    name: str
    category: str
    reason_de: str
    reason_en: str
    example: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "category": self.category, "reason_de": self.reason_de,
                "reason_en": self.reason_en, "example": self.example}


DETECTORS: tuple[Detector, ...] = (
    Detector("lexicon.hyperbole", "hyperbole",
             "Übertreibung: stellt das Ereignis als einmalig, historisch oder unübertroffen dar – "
             "eine Behauptung, die der Satz nicht belegt.",
             "Hyperbole: presents the event as unique, historic or unsurpassed – a claim the sentence does not "
             "back up.",
             "beispiellosen strategischen Coup; nie dagewesene Interaktion; an unprecedented deal"),
    Detector("lexicon.hype_word", "hype_word",
             "Hype-Wort: typisches Werbevokabular („revolutionär“, „bahnbrechend“), das Neuheit und Bedeutung "
             "behauptet statt sie zu zeigen.",
             "Hype word: stock promotional vocabulary (\"revolutionary\", \"game-changing\") that asserts novelty "
             "and importance instead of showing it.",
             "revolutionäre Llama 4; bahnbrechende AI-Produkte; a game-changing chip"),
    Detector("lexicon.intensifier", "intensifier",
             "Verstärker: bläht Größe oder Tempo emotional auf („gigantisch“, „massiv“); die Zahl allein wäre "
             "nüchterner.",
             "Intensifier: inflates size or speed emotionally (\"massive\", \"jaw-dropping\"); the figure alone "
             "would be more sober.",
             "gigantische Investition; massiven Investition; a jaw-dropping sum"),
    Detector("lexicon.metaphor", "metaphor",
             "Dramatisierende Metapher: ein Bild aus Kampf, Spiel oder Naturgewalt („Coup“, „Wettrüsten“, "
             "„katapultiert“) macht aus einer Geschäftsnachricht ein Drama.",
             "Dramatising metaphor: an image of battle, games or natural force (\"coup\", \"arms race\", "
             "\"leaves rivals in the dust\") turns business news into drama.",
             "Wettrüsten; visionäre Schachzug; leaves rivals in the dust"),
    Detector("lexicon.vague_magnitude", "vague_magnitude",
             "Vage Größenangabe: beeindruckt mit einer ungefähren oder bildhaften Menge („so manche "
             "Kleinstadt“, „unzählige“) statt mit einer prüfbaren Zahl.",
             "Vague magnitude: impresses with an approximate or pictorial amount (\"countless\", \"a fortune\") "
             "instead of a checkable figure.",
             "so manche Kleinstadt; unzählige Anleger; countless data centres"),
    Detector("lexicon.promise", "promise",
             "Versprechen: kündigt eine Wirkung oder Zukunft an, die (noch) niemand prüfen kann "
             "(„verspricht“, „neue Maßstäbe“).",
             "Promise: announces an effect or future that nobody can check (yet) (\"will redefine\", \"poised "
             "to\").",
             "neue Maßstäbe zu setzen; verspricht, ein ganz neues Kapitel … zu schreiben; will redefine banking"),
    Detector("lexicon.evaluative", "evaluative",
             "Wertung: ein lobendes oder abwertendes Urteil („visionär“, „überschwänglich“, „Desaster“) statt "
             "einer Beschreibung.",
             "Evaluation: a praising or damning judgement (\"visionary\", \"stunning\", \"disaster\") instead of "
             "a description.",
             "visionäre Schachzug; überschwänglicher Investorenstimmung; a stunning result"),
    Detector("lexicon.generalisation", "generalisation",
             "Pauschalisierung: beruft sich auf „alle“, „jeden“ oder „die Experten“, ohne eine Quelle zu "
             "nennen.",
             "Generalisation: appeals to \"everyone\", \"all\" or \"the experts\" without naming a source.",
             "Experten sind sich einig; everyone agrees"),
    Detector("pattern.superlative", "hyperbole",
             "Absoluter Superlativ: „der/die/das größte …“ mit „aller Zeiten“, „je“ oder „weltweit“ – ein "
             "Rekord, der nicht belegt wird.",
             "Absolute superlative: \"the biggest …\" with \"ever\", \"in history\" or \"in the world\" – a "
             "record claim the sentence does not support.",
             "die größte Finanzierungsrunde, die ein Start-up je gesehen hat; the boldest move in our history"),
    Detector("pattern.nicht_weniger_als", "vague_magnitude",
             "Zahl aufgebläht: „nicht weniger als“, „sage und schreibe“ oder „satte“ vor einer Zahl sollen "
             "staunen lassen; die Zahl selbst bleibt außerhalb der Markierung.",
             "Inflated figure: \"no less than\", \"a whopping\" or \"a staggering\" before a figure is meant to "
             "impress; the figure itself stays outside the highlight.",
             "nicht weniger als 65 Milliarden Dollar; no fewer than 40 plants"),
    Detector("pattern.promise_future_transform", "promise",
             "Zukunftsversprechen: ein „soll“, „wird“ oder „verspricht“ kündigt eine Umwälzung an "
             "(„revolutionieren“, „neu definieren“), die noch niemand prüfen kann.",
             "Promise of transformation: \"will\", \"is set to\" or \"promises to\" announces an upheaval "
             "(\"redefine\", \"transform\") that nobody can check yet.",
             "soll die Elektromobilität revolutionieren; will redefine the industry"),
    Detector("pattern.rhetorical_question", "evaluative",
             "Rhetorische Frage: die Frage erwartet keine Antwort, sondern legt dem Leser ein Urteil nahe.",
             "Rhetorical question: the question expects no answer but suggests a verdict to the reader.",
             "Wer hätte das vor drei Jahren gedacht?; What could possibly go wrong?"),
    Detector("pattern.exclamation", "intensifier",
             "Ausruf: gehäufte Ausrufezeichen oder GROSSBUCHSTABEN erzeugen Aufregung statt Information.",
             "Exclamation: piled-up exclamation marks or SHOUTING in capitals create excitement instead of "
             "information.",
             "Das ist erst der Anfang!!!; SHARES SOAR!!"),
    Detector("model.weighted_word", MODEL_CATEGORY,
             "Vom Modell erkannt: der Klassifikator wertet dieses Wort stark als Hype-Signal, obwohl es in "
             "keinem Lexikon steht – ein Hinweis, kein Beweis.",
             "Found by the model: the classifier weighs this word heavily as a hype signal although no lexicon "
             "lists it – a hint, not proof.",
             "a word such as \"hyperscaling\" that the classifier learned from the corpus"),
)
_BY_NAME = {d.name: d for d in DETECTORS}


def reason(detector_name: str, lang: str) -> str:
    """The reason of a detector in German ("de") or English (anything else). Merged names
    ("lexicon.hyperbole+lexicon.metaphor") give the reasons of their parts, joined with " · "."""
    parts = []
    for name in detector_name.split("+"):
        d = _BY_NAME.get(name)
        if d is None:
            raise KeyError(f"unknown span detector {name!r} (expected one of: {', '.join(_BY_NAME)})")
        text = d.reason_de if lang == "de" else d.reason_en
        if text not in parts:
            parts.append(text)
    return " · ".join(parts)


# --------------------------------------------------------------------------- tokens

# Words (hyphen- and apostrophe-joined compounds count as one word), digits, single other characters.
_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐‑'’][^\W\d_]+)*|\d+|\S", re.U)
_CURRENCY = set("$€£¥%₿")

_DE_NUM = set("""null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig
sechzig siebzig achtzig neunzig hundert tausend hunderte tausende dutzend dutzende million millionen milliarde
milliarden billion billionen mio mrd prozent prozentpunkte euro dollar cent franken pfund yen yuan gigawatt megawatt
kilowatt terawatt jahr jahre jahren""".split())
_EN_NUM = set("""zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty
seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions dozen
dozens percent pct bn mn m k euros dollars pounds cents gigawatt gigawatts megawatts""".split())
_DE_DET = set("""der die das den dem des ein eine einen einem einer eines dieser diese dieses diesen diesem jener jene
jenes jenen jenem mein meine meinen meinem meiner meines dein deine sein seine seinen seinem seiner seines ihr ihre
ihren ihrem ihrer ihres unser unsere unseren unserem unserer unseres euer eure kein keine keinen keinem keiner
keines""".split())
_DE_PREP = set("""in im ins am an auf aus bei beim mit nach von vom zu zum zur für über unter vor durch gegen ohne um
seit trotz wegen dank als wie hinter neben zwischen""".split())
_DE_STOP = _DE_DET | _DE_PREP | _DE_NUM | set("""und oder aber sondern denn doch noch schon auch nur nicht mehr
weniger sehr immer wieder hier dort da so wer was wie wo wann warum ob dass daß weil wenn als sich sie er es wir ihr
man ihnen denen deren dessen diesem welche welcher welches welchen jede jeder jedes jeden jedem alle allen aller
alles andere anderen anderer anderes beide beiden viele vielen einige einigen mehrere mehreren ganz ganze ganzen
sowie bereits etwa rund knapp fast kaum mal dabei damit dazu davon daher darum sei seien wäre wären werde werden
wurde wurden worden haben habe hatte hatten hätte hätten sein sind waren ist war soll sollen sollte sollten will
wollen wollte wollten kann können konnte konnten könnte könnten muss müssen musste mussten dürfte dürften darf
dürfen wird würde würden gegenüber zufolge laut bisher zuletzt derzeit jetzt heute gestern morgen zudem außerdem
allerdings jedoch""".split())
_EN_DET = set("""a an the this that these those another our their its his her my your some any every each no""".split())
_EN_PREP = set("""in on at of for to from by with about into onto over under after before since during against
between through across around as than like via per toward towards without within upon amid among""".split())
_EN_STOP = _EN_DET | _EN_PREP | _EN_NUM | set("""and or but nor so yet if then because while when where which who
whom whose what why how whether that it he she they we you i me him them us itself themselves is are was were be
been being am do does did done has have had having will would shall should can could may might must not no also
just only even still already now today yesterday tomorrow tonight here there very too more most less least much many
few such said says say told tells according monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december week weeks month months year years quarter
makes make made takes take took means meant shows showed gives gave comes came goes went gets got puts looks seems
remains includes included marks sends sent helps leaves left brings brought sets adds added raises raised cuts hits
beats tops lifts pushes drives boosts keeps kept lets let sees saw expects expected plans planned aims aimed wants
wanted needs needed""".split())
_NEUTRAL_CAPS = set("""AI KI EU USA US UK CEO CFO CTO COO IPO ETF GPU CPU AG SE GMBH DAX NYSE ESG EV EVS LNG CO2 OK
MWH GWH KWH TWH NASA ECB EZB FED IMF IWF OECD UN NATO BMW VW SAP IBM AMD HR IT PR USD EUR GBP CHF JPY CNY""".split())

_DE_ADJ_END = ("e", "en", "er", "es", "em")
_EN_ADJ_SUFFIX = ("ous", "ive", "al", "ic", "ing", "able", "ible", "ful", "less", "ary", "ent", "ant", "est", "ish",
                  "ed")


class _Tok:
    __slots__ = ("start", "end", "text", "low", "word", "fig", "upper")

    def __init__(self, m: re.Match):
        self.start, self.end, self.text = m.start(), m.end(), m.group()
        self.low = self.text.lower()
        c = self.text[0]
        self.word = c.isalpha()
        self.fig = c.isdigit() or c in _CURRENCY
        self.upper = c.isupper()


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m) for m in _TOKEN.finditer(text)]


class _Cand:
    __slots__ = ("i", "j", "category", "detector", "strength", "expand")

    def __init__(self, i: int, j: int, category: str, detector: str, strength: float, expand: bool = True):
        self.i, self.j = i, j  # first and last token, inclusive
        self.category, self.detector, self.strength, self.expand = category, detector, strength, expand


# --------------------------------------------------------------------------- phrase rules

def _de_adj(t: _Tok) -> bool:
    """An attributive German adjective or participle: lower case with an inflection ending."""
    return (t.word and not t.upper and len(t.low) > 3 and t.low.endswith(_DE_ADJ_END)
            and t.low not in _DE_STOP)


def _de_noun(t: _Tok) -> bool:
    return t.word and t.upper and t.low not in _DE_STOP and t.low not in _DE_NUM


def _en_content(t: _Tok) -> bool:
    return (t.word and t.low not in _EN_STOP and not t.low.endswith("ly")
            and not (t.text.isupper() and len(t.text) > 1 and t.text not in _NEUTRAL_CAPS and t.text.upper() != t.text.lower()
                     and False))


def _en_adj(t: _Tok) -> bool:
    return t.word and t.low not in _EN_STOP and ("-" in t.low or t.low.endswith(_EN_ADJ_SUFFIX))


def _expand_de(toks: list[_Tok], c: _Cand) -> None:
    n = len(toks)
    last = toks[c.j]
    # adjective cue → following adjectives (also coordinated with "," or "und") → noun
    if _de_adj(last) or (last.word and last.low.endswith(_DE_ADJ_END) and c.category in ("vague_magnitude",)
                         and last.low not in _DE_DET):
        k, adjs = c.j + 1, 0
        while k < n and adjs < 4:
            t = toks[k]
            if _de_adj(t):
                k += 1
                adjs += 1
            elif t.low in (",", "und") and k + 1 < n and _de_adj(toks[k + 1]):
                k += 1
            else:
                break
        if k < n and _de_noun(toks[k]):
            c.j = k
    # noun cue ← attributive adjectives after a determiner or preposition
    first = toks[c.i]
    if first.word and first.upper and c.i > 0:
        k = c.i - 1
        while k >= 0 and c.i - k <= 3 and _de_adj(toks[k]):
            k -= 1
        if k < c.i - 1 and (k < 0 or toks[k].low in _DE_DET or toks[k].low in _DE_PREP or not toks[k].word):
            c.i = k + 1


def _expand_en(toks: list[_Tok], c: _Cand) -> None:
    n = len(toks)
    last = toks[c.j]
    if _en_adj(last) or last.low in _EN_INTENS:
        k, taken = c.j + 1, 0
        end = c.j
        while k < n and taken < 3:
            t = toks[k]
            if t.word and t.low not in _EN_STOP and not t.low.endswith(("ly", "ed")):
                end = k
                k += 1
                taken += 1
            elif t.low in (",", "and") and k + 1 < n and _en_adj(toks[k + 1]) and taken == 0:
                k += 1
            else:
                break
        c.j = end
    first = toks[c.i]
    if first.word and not _en_adj(first) and c.i > 0:
        k = c.i - 1
        while k >= 0 and c.i - k <= 2 and _en_adj(toks[k]) and not toks[k].low.endswith(("ed", "ing")):
            k -= 1
        if k < c.i - 1 and (k < 0 or toks[k].low in _EN_DET or toks[k].low in _EN_PREP or not toks[k].word):
            c.i = k + 1


_EN_INTENS = set("""huge massive bold epic stellar grim dire bleak ugly mega ultra monster mammoth bumper hefty juicy
sheer heady runaway whopping staggering""".split())


# --------------------------------------------------------------------------- detectors

def _lexicon(text: str, lang: str, toks: list[_Tok], starts: list[int]) -> list[_Cand]:
    out = []
    for m in lexicons.find(text, lang, RHETORIC_CATEGORIES):
        i = bisect_right(starts, m.start) - 1
        j = bisect_right(starts, m.end - 1) - 1
        if i < 0 or j < i:
            continue
        out.append(_Cand(i, j, m.category, f"lexicon.{m.category}", min(1.0, m.weight / _FULL_WEIGHT)))
    return out


def _model(text: str, offset: int, toks: list[_Tok], starts: list[int], explanation: Iterable[dict],
           lang: str) -> list[_Cand]:
    out = []
    stop = _DE_STOP if lang == "de" else _EN_STOP
    for e in explanation:
        if not isinstance(e, dict) or e.get("kind") != "word":
            continue
        w, s, t = e.get("weight"), e.get("start"), e.get("end")
        if not isinstance(w, (int, float)) or w < MODEL_MIN_WEIGHT or not isinstance(s, int) or not isinstance(t, int):
            continue
        s, t = s - offset, t - offset
        if s < 0 or t > len(text) or s >= t:
            continue
        i = bisect_right(starts, s) - 1
        j = bisect_right(starts, t - 1) - 1
        if i < 0 or j < i or i != j:
            continue
        tok = toks[i]
        if not tok.word or len(tok.low) < 4 or tok.low in stop or tok.low in _DE_STOP or tok.low in _EN_STOP:
            continue
        out.append(_Cand(i, j, MODEL_CATEGORY, "model.weighted_word", min(1.0, float(w) / (4 * MODEL_MIN_WEIGHT)),
                         expand=False))
    return out


def _merge(cands: list[_Cand], toks: list[_Tok], text: str) -> list[list[_Cand]]:
    cands.sort(key=lambda c: (c.i, -c.j))
    groups: list[list[_Cand]] = []
    reach = -2
    for c in cands:
        if groups and (c.i <= reach or (c.i == reach + 1 and not text[toks[reach].end:toks[c.i].start].strip())):
            groups[-1].append(c)
            reach = max(reach, c.j)
        else:
            groups.append([c])
            reach = c.j
    return groups


def _trim(toks: list[_Tok], i: int, j: int, lang: str) -> tuple[int, int]:
    det = _DE_DET if lang == "de" else _EN_DET
    while i <= j and (not toks[i].word and toks[i].text not in "!?" or toks[i].low in det or toks[i].fig):
        i += 1
    while j >= i and (not toks[j].word and toks[j].text not in "!?" or toks[j].low in det or toks[j].fig):
        j -= 1
    return i, j


def detect_spans(text: str, lang: str, offset: int = 0, explanation: list[dict] | None = None) -> list[Span]:
    """Rhetoric spans of one sentence; offsets are offset + index into text."""
    if not text or lang not in ("de", "en"):
        return []
    toks = _tokens(text)
    if not toks:
        return []
    starts = [t.start for t in toks]
    cands = _lexicon(text, lang, toks, starts)
    expand = _expand_de if lang == "de" else _expand_en
    for c in cands:
        if c.expand:
            expand(toks, c)
    if explanation:
        covered = set()
        for c in cands:
            covered.update(range(c.i, c.j + 1))
        cands += [m for m in _model(text, offset, toks, starts, explanation, lang) if m.i not in covered]
    spans = []
    for group in _merge(cands, toks, text):
        i, j = min(c.i for c in group), max(c.j for c in group)
        i, j = _trim(toks, i, j, lang)
        if i > j:
            continue
        a, b = toks[i].start, toks[j].end
        best = min(group, key=lambda c: (_RANK[c.category], -c.strength))
        names: list[str] = []
        for c in sorted(group, key=lambda c: c.i):
            if c.detector not in names:
                names.append(c.detector)
        detector = "+".join(names)
        strength = 1.0
        for c in group:
            strength *= 1.0 - c.strength
        spans.append(Span(text[a:b], offset + a, offset + b, best.category, detector, reason(detector, lang),
                          1.0 - strength))
    return spans
