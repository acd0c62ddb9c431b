"""Rhetoric spans: which phrases of a sentence make it hype, of which kind, and why.

Named detectors in the style of labelling functions: every detector has a name, a span category
and a reason in German and English (``DETECTORS``; ``reason(name, lang)``). ``detect_spans`` runs
them over one sentence, widens the cue words to whole phrases with a few robust rules, merges
overlapping or adjacent phrases and returns ``Span`` objects with offsets into the document.

Detectors
  lexicon.<category>                 a cue from hype/lexicons/<lang>/rhetoric.tsv (eight categories)
  pattern.superlative                a superlative raised to an absolute ("die größte … aller Zeiten",
                                     "the biggest … ever")
  pattern.nicht_weniger_als          a phrase that inflates or belittles the figure after it ("nicht
                                     weniger als", "gerade einmal", "no less than", "a mere")
  pattern.promise_future_transform   a modal or promise verb that announces a transformation
                                     ("soll … revolutionieren", "verspricht, … zu verändern",
                                     "will redefine …")
  pattern.rhetorical_question        a dramatising question ("Wer hätte das gedacht?")
  pattern.exclamation                "!!", "?!" and shouting in capitals ("JETZT", "NEVER")
  pattern.framed_figure              an evaluative adjective right before a figure ("um kräftige 22
                                     Prozent", "a measly 2%")
  pattern.hype_emoji                 🚀 🔥 💎 and friends
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

import math
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

# A classifier word contribution at least this large (in the units of hype.explain, i.e. of the packaged
# model's rhetoric head) becomes a span – at most one per sentence, the strongest. Re-check with
# `python benchmarks/spans_ptc.py corpus --model` whenever the model is retrained.
MODEL_MIN_WEIGHT = 1.0
# ... and only in a sentence the classifier itself calls rhetorical: a "hype word" in a sentence scored sober
# contradicts the score beside it. On PTC news, model spans hit gold 6 % of the time before this gate and the
# closed-class list _MODEL_SKIP (nothing, back, don't …: corpus quirks the classifier leans on, not hype words).
MODEL_MIN_PROBABILITY = 0.5

# Lexicon weights run from 0.5 to 2.0; this weight gives strength 1.
_FULL_WEIGHT = 1.8
# A weak cue (a lexicon weight below this, e.g. "thousands of", "a whole") counts for the classifier but is not
# highlighted on its own; it still joins a phrase with a stronger cue.
MIN_ALONE_WEIGHT = 0.65


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
             "revolutionäre Batteriezelle; bahnbrechende AI-Produkte; a game-changing chip"),
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
             "Absoluter Superlativ: „der/die/das größte …“ mit „je“, „aller Zeiten“ oder „in der Geschichte“ "
             "– ein Rekord, den der Satz nicht belegt – oder ein wertender Superlativ („das spannendste …“).",
             "Absolute superlative: \"the biggest …\" with \"ever\", \"of all time\" or \"in history\" – a "
             "record claim the sentence does not support – or a superlative of praise (\"the boldest …\").",
             "die größte Finanzierungsrunde, die ein Start-up je gesehen hat; the boldest move in our history"),
    Detector("pattern.nicht_weniger_als", "vague_magnitude",
             "Zahl aufgebläht oder kleingeredet: „nicht weniger als“, „gerade einmal“ oder „mal eben“ vor einer "
             "Zahl sagen dem Leser, wie groß oder klein er sie finden soll; die Zahl selbst bleibt außerhalb der "
             "Markierung.",
             "Inflated or belittled figure: \"no less than\", \"no fewer than\" or \"a mere\" before a figure tell "
             "the reader how big or small to find it; the figure itself stays outside the highlight.",
             "nicht weniger als 65 Milliarden Dollar; für gerade einmal 29 Euro; no fewer than 40 plants"),
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
    Detector("pattern.framed_figure", "intensifier",
             "Gerahmte Zahl: ein wertendes Adjektiv direkt vor der Zahl („satte“, „magere“, „gewaltige“) sagt "
             "dem Leser, wie er die Zahl empfinden soll.",
             "Framed figure: an evaluative adjective right before the figure (\"a staggering\", \"a measly\") tells "
             "the reader how to feel about the number.",
             "um kräftige 22 Prozent; a staggering $40 billion"),
    Detector("pattern.self_praise", "evaluative",
             "Eigenlob: das Unternehmen oder sein Sprecher lobt die eigene Arbeit („unser bewährtes Team“, „unsere "
             "akribische Prüfung“), ohne es zu belegen.",
             "Self-praise: the company or its speaker praises its own work (\"our rigorous process\", \"our "
             "dedicated team\") without evidence.",
             "unser bewährtes, hochqualifiziertes Team; our rigorous, dedicated approach"),
    Detector("pattern.hype_emoji", "metaphor",
             "Hype-Emoji: 🚀, 🔥 oder 💎 ersetzen eine Begründung durch ein Bild von Raketenstart und Feuer.",
             "Hype emoji: 🚀, 🔥 or 💎 replace an argument with an image of rockets and fire.",
             "Das ist RIESIG 🚀🚀; to the moon 🚀"),
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

# Words (hyphen- and apostrophe-joined compounds are one word), runs of digits, single other characters.
_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐‑'’][^\W\d_]+)*|\d+|\S", re.U)
_CURRENCY = frozenset("$€£¥₿")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DE_NUM = _words("""null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig
fünfzig sechzig siebzig achtzig neunzig hundert tausend hunderte tausende dutzend dutzende million millionen
milliarde milliarden billion billionen mio mrd prozent prozentpunkte euro dollar cent franken pfund yen yuan gigawatt
megawatt kilowatt terawatt""")
_EN_NUM = _words("""zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion trillions
dozen dozens percent pct bn mn euros dollars pounds cents gigawatt gigawatts megawatts""")
_DE_CARDINAL = _words("""zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig
sechzig siebzig achtzig neunzig hundert tausend""")
_DE_DET = _words("""der die das den dem des ein eine einen einem einer eines dieser diese dieses diesen diesem jener
jene jenes jenen jenem mein meine meinen meinem meiner meines dein deine sein seine seinen seinem seiner seines ihr
ihre ihren ihrem ihrer ihres unser unsere unseren unserem unserer unseres euer eure kein keine keinen keinem keiner
keines""")
_DE_PREP = _words("""in im ins am an auf aus bei beim mit nach von vom zu zum zur für über unter vor durch gegen ohne
um seit trotz wegen dank als wie hinter neben zwischen binnen innerhalb""")
_DE_STOP = _DE_DET | _DE_PREP | _DE_NUM | _words("""und oder aber sondern denn doch noch schon auch nur nicht mehr
weniger sehr immer wieder hier dort da so wer was wie wo wann warum ob dass daß weil wenn als sich sie er es wir ihr
man ihnen denen deren dessen welche welcher welches welchen jede jeder jedes jeden jedem alle allen aller alles andere
anderen anderer anderes beide beiden viele vielen einige einigen mehrere mehreren ganz sowie bereits etwa rund knapp
fast kaum mal dabei damit dazu davon daher darum sei seien wäre wären werde werden wurde wurden worden haben habe hatte
hatten hätte hätten sein sind waren ist war soll sollen sollte sollten will wollen wollte wollten kann können konnte
konnten könnte könnten muss müssen musste mussten dürfte dürften darf dürfen wird würde würden gegenüber zufolge laut
bisher zuletzt derzeit jetzt heute gestern morgen zudem außerdem allerdings jedoch aber unter über wieder immer
dieser selber selbst eben gerade beziehungsweise bzw zusammen jeweils""")
_EN_DET = _words("a an the this that these those another our their its his her my your some any every each no")
_EN_PREP = _words("""in on at of for to from by with about into onto over under after before since during against
between through across around as than like via per toward towards without within upon amid among""")
_EN_STOP = _EN_DET | _EN_PREP | _EN_NUM | _words("""and or but nor so yet if then because while when where which who
whom whose what why how whether it he she they we you i me him them us itself themselves is are was were be been being
am do does did done has have had having will would shall should can could may might must not also just only even
still already now today yesterday tomorrow tonight here there very too more most less least much many few such said
says say told tells according monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december week weeks month months year years quarter makes make made takes
take took means meant shows showed gives gave comes came goes went gets got puts looks seems remains includes included
marks sends sent helps leaves left brings brought sets adds added raises raised cuts hits beats tops lifts pushes
drives boosts keeps kept lets let sees saw expects expected plans planned aims aimed wants wanted needs needed""")
_EN_ADJ_SUFFIX = ("ous", "ive", "al", "ic", "ing", "able", "ible", "ful", "less", "ary", "ent", "ant", "est", "ish",
                  "ed", "y")
_DE_ADJ_END = ("e", "en", "er", "es", "em")
# Degree adverbs that belong to the phrase of the adjective they grade ("truly disgusting", "völlig absurd").
_DE_DEGREE = _words("so sehr äußerst extrem total völlig absolut geradezu regelrecht wirklich echt richtig ganz zu "
                    "besonders unglaublich wahnsinnig irre enorm höchst")
_EN_DEGREE = _words("so very truly utterly totally completely absolutely extremely incredibly deeply grossly really "
                    "downright outright simply too most insanely wildly hugely")


_MODEL_SKIP_WORDS = _words("""nothing everything something anything nobody everybody somebody anybody everyone someone anyone
never ever always back away don't doesn't didn't won't wouldn't can't couldn't isn't aren't wasn't weren't haven't
hasn't it's that's there's here's what's let's they're we're you're i'm meanwhile finally officially instead
anymore however perhaps maybe thing things people world government family families life time way man woman
nichts alles etwas niemand jemand jeder nie niemals immer zurück endlich offenbar ohnehin trotzdem welt leute
menschen sache ding dinge regierung familie leben zeit""")
_MODEL_SKIP = _MODEL_SKIP_WORDS | frozenset(w.replace("'", "’") for w in _MODEL_SKIP_WORDS)


class _Tok:
    __slots__ = ("start", "end", "text", "low", "word", "fig", "upper")

    def __init__(self, m: re.Match):
        self.start, self.end, self.text = m.start(), m.end(), m.group()
        self.low = self.text.lower()
        c = self.text[0]
        self.word = c.isalpha()
        self.fig = c.isdigit() or c in _CURRENCY
        self.upper = c.isupper()


class _Cand:
    __slots__ = ("i", "j", "category", "detector", "strength")

    def __init__(self, i: int, j: int, category: str, detector: str, strength: float):
        self.i, self.j = i, j  # first and last token, inclusive
        self.category, self.detector, self.strength = category, detector, strength


class _Sentence:
    """Tokens of one sentence and the language-specific word classes the rules need."""

    def __init__(self, text: str, lang: str):
        self.text, self.lang = text, lang
        self.toks = [_Tok(m) for m in _TOKEN.finditer(text)]
        self.starts = [t.start for t in self.toks]
        self.lows = tuple(t.low for t in self.toks)
        self.has_figure = any(t.fig for t in self.toks) or (lang == "de" and not _DE_CARDINAL.isdisjoint(self.lows))
        self.n = len(self.toks)
        de = lang == "de"
        self.det = _DE_DET if de else _EN_DET
        self.prep = _DE_PREP if de else _EN_PREP
        self.stop = _DE_STOP if de else _EN_STOP
        self.num = _DE_NUM if de else _EN_NUM
        self.degree = _DE_DEGREE if de else _EN_DEGREE
        words = [t for t in self.toks if t.word]
        self.title = sum(t.upper for t in words) > 0.6 * max(1, len(words))

    def figure(self, k: int) -> bool:
        return 0 <= k < self.n and (self.toks[k].fig or self.toks[k].low in self.num)

    def figure_start(self, k: int) -> bool:
        """Token k begins a figure: digits, a currency sign or (German) a cardinal number word."""
        if not 0 <= k < self.n:
            return False
        t = self.toks[k]
        return t.fig or (self.lang == "de" and t.low in _DE_CARDINAL)

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        """First and last token of the characters start:end (end exclusive)."""
        return bisect_right(self.starts, start) - 1, bisect_right(self.starts, end - 1) - 1


# --------------------------------------------------------------------------- phrase rules

def _de_adj(t: _Tok) -> bool:
    """An attributive German adjective or participle: lower case with an inflection ending."""
    return t.word and not t.upper and len(t.low) > 3 and t.low.endswith(_DE_ADJ_END) and t.low not in _DE_STOP


def _de_noun(t: _Tok) -> bool:
    return t.word and t.upper and t.low not in _DE_STOP


def _en_adj(t: _Tok) -> bool:
    return (t.word and t.low not in _EN_STOP and not t.low.endswith("ly")
            and ("-" in t.low or t.low.endswith(_EN_ADJ_SUFFIX)))


def _en_head(t: _Tok) -> bool:
    """A word that can continue an English noun phrase after an adjective."""
    return t.word and t.low not in _EN_STOP and not t.low.endswith(("ly", "ed"))


def _np_left_edge(s: _Sentence, k: int) -> bool:
    """Token k (possibly -1) may stand right before a noun phrase: start, punctuation, determiner, preposition."""
    return k < 0 or not s.toks[k].word or s.toks[k].low in s.det or s.toks[k].low in s.prep


def _expand(s: _Sentence, c: _Cand) -> None:
    """Widen a cue to its phrase (guidelines §5.1)."""
    toks, n = s.toks, s.n
    last, first = toks[c.j], toks[c.i]
    if s.lang == "de":
        if last.word and not last.upper and c.j + 1 < n and toks[c.j + 1].low == "sich":
            c.j += 1  # reflexive verb: "katapultierte sich"
        # adjective cue → following adjectives (also "," / "und" coordinated) → noun
        elif _de_adj(last) or (c.category == "vague_magnitude" and last.low.endswith(_DE_ADJ_END)
                               and last.low not in _DE_DET):
            k, adjs = c.j + 1, 0
            while k < n and adjs < 4:
                if _de_adj(toks[k]):
                    k, adjs = k + 1, adjs + 1
                elif toks[k].low in (",", "und") and k + 1 < n and _de_adj(toks[k + 1]):
                    k += 1
                else:
                    break
            if k < n and _de_noun(toks[k]) and not s.figure(k) and not s.figure(k + 1):
                c.j = k  # not "revolutionäre Llama" of "Llama 4": a name with a number stays out
        # noun cue ← attributive adjectives after a determiner or preposition
        if first.word and first.upper and c.i > 0:
            k = c.i - 1
            while k >= 0 and c.i - k <= 3 and _de_adj(toks[k]):
                k -= 1
            if k < c.i - 1 and _np_left_edge(s, k):
                c.i = k + 1
    else:
        if _en_adj(last) or last.low in _EN_INTENS:
            # adjective cue → further adjectives → at most two nouns; no names, no post-nominal adjectives
            k, end, nouns = c.j + 1, c.j, 0
            while k < n and nouns < 2:
                t = toks[k]
                if (not _en_head(t) or s.figure(k) or s.figure(k + 1)
                        or (t.upper and not s.title and not t.text.isupper())):
                    if t.low in (",", "and") and nouns == 0 and k + 1 < n and _en_adj(toks[k + 1]):
                        k += 1
                        continue
                    break
                if _en_adj(t) and not t.low.endswith("y"):
                    if nouns:
                        break
                else:
                    nouns += 1
                end, k = k, k + 1
            c.j = end
        elif last.low.endswith("ly") and c.j + 1 < n and _en_adj(toks[c.j + 1]):
            c.j += 1  # "incredibly exciting"
        elif (c.category == "metaphor" and first.low in _EN_IDIOM_PREP and c.j > c.i):
            # "in the dust" → "leaves rivals in the dust": back to the verb that carries the image
            for k in range(c.i - 1, max(-1, c.i - 5), -1):
                if not toks[k].word:
                    break
                if toks[k].low in _EN_IDIOM_VERBS:
                    c.i = k
                    break
        if first.word and not _en_adj(first) and c.i > 0 and c.j == c.i:
            k = c.i - 1
            while k >= 0 and c.i - k <= 2 and _en_adj(toks[k]) and not toks[k].low.endswith(("ed", "ing", "y")):
                k -= 1
            if k < c.i - 1 and _np_left_edge(s, k):
                c.i = k + 1
    # a degree adverb before an adjective cue belongs to it ("truly disgusting", "völlig absurd")
    if c.i > 0 and toks[c.i - 1].low in s.degree and not toks[c.i].upper:
        c.i -= 1


_EDGE_DET = _words("der die das den dem des ein eine einen einem einer eines a an the this these those another")
_EN_INTENS = _words("huge massive bold epic stellar grim dire bleak ugly mega ultra monster mammoth bumper hefty juicy "
                    "sheer heady runaway whopping staggering")
_EN_IDIOM_PREP = _words("in into to off out through under over on")
_EN_IDIOM_VERBS = _words("""leave leaves left leaving send sends sent sending put puts putting drive drives drove
driving driven push pushes pushed pushing knock knocks knocked knocking throw throws threw thrown throwing bring
brings brought bringing blow blows blew blown blowing run runs ran running take takes took taken taking sink sinks
sank sunk sinking""")


# --------------------------------------------------------------------------- detectors

def _lexicon(s: _Sentence) -> list[_Cand]:
    out = []
    for m in lexicons.find(s.text, s.lang, RHETORIC_CATEGORIES):
        if "-" in m.term and "-" not in m.text:
            continue  # "go-to" must not match "go to"
        i, j = s.tok_range(m.start, m.end)
        if i < 0 or j < i:
            continue
        t = s.toks[i]
        if (s.lang == "en" and t.upper and i > 0 and s.toks[i - 1].word and not s.title
                and ((i + 1 < s.n and s.toks[i + 1].upper and s.toks[i + 1].word) or s.toks[i - 1].upper)):
            continue  # part of a name: "Revolutionary Guards", "Islamic Revolution"
        tech = _TECHNICAL_BEFORE.get(m.term)
        if tech and j + 1 < s.n and s.toks[j + 1].low.startswith(tech):
            continue
        weight = m.weight if m.term not in _NOT_ALONE else min(m.weight, MIN_ALONE_WEIGHT - 0.01)
        out.append(_Cand(i, j, m.category, f"lexicon.{m.category}", min(1.0, weight / _FULL_WEIGHT)))
    return out


# Lexicon cues that news also uses as plain labels or literally ("the emissions scandal", "yellow fever"):
# weighed by the classifier, highlighted only inside a phrase with a stronger cue.
_NOT_ALONE = frozenset({"scandal*", "fever"})
# Lexicon words that are technical terms before certain nouns ("exceptional items", "a unique identifier",
# "seamless steel pipes", "erstklassige Bonität"): no highlight there. Prefixes of the next word, lower case.
_TECHNICAL_BEFORE = {
    "exceptional": ("item", "charge", "cost", "circumstance", "gain", "loss"),
    "unique*": ("identifier", "visitor", "user", "id", "code", "key"),
    "seamless*": ("pipe", "tube", "steel"),
    "first-class": ("stamp", "post", "mail", "seat", "cabin", "ticket", "lounge", "passenger", "carriage"),
    "nahtlos*": ("stahlrohr", "rohr", "präzisionsrohr"),
    "erstklassig*": ("bonität", "rating", "kreditwürdigkeit", "schuldner", "sicherheit"),
}


_SUP_EXCLUDE = _words("""erste ersten erster erstes erstem letzte letzten letzter letztes letztem nächste nächsten
nächster nächstes nächstem meiste meisten kosten testen festen westen osten fasten lasten rasten husten listen kisten
gästen interest honest modest forest latest harvest request protest suggest invest contest manifest arrest digest
west rest test guest quest nest pest chest earnest""")
_DE_SUP_MARK = ((("je",), 0), (("jemals",), 0), (("aller", "zeiten"), 0), (("seit", "menschengedenken"), 0),
                (("seit", "generationen"), 0), (("seit", "jahrzehnten"), 0), (("unserer", "geschichte"), 0),
                (("seiner", "geschichte"), 0), (("ihrer", "geschichte"), 0), (("der", "geschichte"), 0),
                (("des", "jahres"), 0), (("des", "jahrzehnts"), 0), (("des", "jahrhunderts"), 0),
                (("der", "welt"), 1), (("überhaupt",), 0))
_EN_SUP_MARK = ((("ever",), 0), (("of", "all", "time"), 0), (("in", "history"), 0), (("history",), 0),
                (("on", "the", "planet"), 0), (("on", "earth"), 0), (("imaginable",), 0), (("possible",), 0),
                (("of", "the", "year"), 0), (("of", "the", "decade"), 0), (("of", "the", "century"), 0),
                (("in", "a", "generation"), 0), (("period",), 0))
_DE_SUP_EVAL = ("spannendst", "aufregendst", "schönst", "mutigst", "ehrgeizigst", "verrücktest", "irrst", "krassest",
                "genialst", "schwärzest", "heißest", "coolst", "kühnst", "beeindruckendst", "spektakulärst",
                "begehrtest", "gefragtest")
_EN_SUP_EVAL = _words("boldest bravest coolest hottest smartest brightest craziest wildest finest grandest darkest "
                      "bluntest")
_EN_MOST_EVAL = _words("exciting spectacular ambitious audacious iconic beautiful remarkable anticipated disruptive "
                       "transformative thrilling extraordinary stunning demanding coveted sought-after valuable")


_DE_SUP_END = re.compile(r"[sß]t(?:e|en|er|es|em)$")


# The company's own possessive: "unser bewährtes Team", "our rigorous process". A quality word elsewhere in a
# first-person sentence is too often something else ("we want strong borders", "a crime committed by").
_SELF_HINT = {"de": re.compile(r"\bunser"), "en": re.compile(r"\bour\b")}
# Group A words (guidelines §2, step 3): no cue beside a figure ("ein starkes Quartal mit +12 %") or when they
# describe an outside condition ("unsere starke Konkurrenz", "our strong dollar").
_SELF_GROUP_A = frozenset({"strong", "robust", "starke*", "solide*", "robuste*", "leading", "führend*", "accurate",
                           "präzise*", "detailed", "detaillierte*", "detailliert*", "experienced", "erfahrene*",
                           "rich", "deep", "extensive", "umfassend*", "comprehensive*"})
_SELF_CONDITIONS = ("konkurrenz", "wettbewerb", "nachfrage", "gegenwind", "preisdruck", "euro", "franken", "dollar",
                    "pfund", "yen", "competition", "competitor", "rival", "demand", "headwind", "pound", "currenc")
# Nouns that make a quality word part of a title or a product: "creative director", "committed credit facilities".
_SELF_NOT_PRAISE = ("director", "direktor", "agency", "agentur", "credit", "kredit", "facilit",
                    "insurance", "versicherung", "capital", "funding", "income", "industr")
_EN_OWN = _words("own new")


def _self_praise(s: _Sentence) -> list[_Cand]:
    """A quality word ("bewährt", "rigorous") as an attribute in a noun phrase opened by "unser…/our"; the
    span runs from after the possessive to the head noun."""
    de = s.lang == "de"
    matches = lexicons.find(s.text, s.lang, ("quality",))
    if not matches:
        return []
    quality_toks: set[int] = set()
    found = []
    for m in matches:
        i, j = s.tok_range(m.start, m.end)
        if 0 < i <= j and not s.toks[j].upper and (_de_adj(s.toks[j]) if de else True):
            found.append((i, j, m.term))
            quality_toks.update(range(i, j + 1))

    def inside(k: int) -> bool:
        """Token k may stand inside the phrase: another quality word, a comma, "und/and", a degree adverb, a
        (German) inflected adjective or English "own/new"."""
        t = s.toks[k]
        return (k in quality_toks or t.low in (",", "und", "and") or t.low in s.degree
                or (_de_adj(t) if de else t.low in _EN_OWN))

    has_figure = any(s.figure(k) for k in range(s.n))
    out = []
    for i, j, term in found:
        # back to the possessive, at most six tokens
        for k in range(i - 1, max(-1, i - 7), -1):
            if s.toks[k].low.startswith("unser") if de else s.toks[k].low == "our":
                break
            if not inside(k):
                k = -1
                break
        else:
            k = -1
        if k < 0:
            continue
        # forward to the head noun
        e = j + 1
        while e < s.n and inside(e):
            e += 1
        if e >= s.n or s.figure(e) or not s.toks[e].word:
            continue
        head = s.toks[e]
        if de:
            if not _de_noun(head):
                continue
        elif head.upper or head.low in s.stop or head.low.endswith(("ly", "ed")):
            continue
        if head.low.startswith(_SELF_NOT_PRAISE):
            continue
        if term in _SELF_GROUP_A and (has_figure or head.low.startswith(_SELF_CONDITIONS)):
            continue
        if not de and not head.low.endswith("s") and e + 1 < s.n:
            t = s.toks[e + 1]  # a compound noun ("track record"), but not a verb ("team works", "team delivered")
            if (t.word and not t.upper and t.low not in s.stop and not t.low.endswith(("s", "ed", "ly", "ing"))
                    and not s.figure(e + 1)):
                e += 1
        out.append(_Cand(k + 1, e, "evaluative", "pattern.self_praise", 0.55))
    return out


def _superlative_at(s: _Sentence, k: int) -> int:
    """Length in tokens of a superlative starting at k (0 if none)."""
    t = s.toks[k]
    if not t.word or t.low in _SUP_EXCLUDE:
        return 0
    if s.lang == "de":
        if t.upper and k > 0:
            return 0
        return 1 if len(t.low) > 4 and _DE_SUP_END.search(t.low) else 0
    if t.low == "most" and k + 1 < s.n and _en_adj(s.toks[k + 1]):
        return 2
    if t.low in ("best", "worst") or (len(t.low) > 5 and t.low.endswith("est")):
        return 1
    return 0


_SUP_HINT = {"de": re.compile(r"[sß]t(?:e|en|er|es|em)\b"), "en": re.compile(r"est\b|\bmost\b|\bworst\b")}


def _superlatives(s: _Sentence) -> list[_Cand]:
    out = []
    marks = _DE_SUP_MARK if s.lang == "de" else _EN_SUP_MARK
    toks = s.toks
    k = 0
    while k < s.n:
        length = _superlative_at(s, k)
        if not length:
            k += 1
            continue
        prev = k - 1
        while prev >= 0 and toks[prev].low in ("bislang", "bisher", "wohl", "mit", "abstand", "by", "far", "single",
                                                  "very", "ever"):
            prev -= 1
        determined = prev >= 0 and (toks[prev].low in s.det or toks[prev].low in ("am", "zum", "zur", "im", "vom")
                                    or toks[prev].low.endswith(("'s", "’s")))
        if not determined:
            k += length
            continue
        found = None
        clause = False
        for m in range(k + length, min(s.n, k + length + 12)):
            tk = toks[m]
            if tk.text in ".;:!?–—()":
                break
            if tk.text == ",":
                clause = True
                continue
            if s.lang == "de" and tk.low.endswith("geschichte"):  # "in der 120-jährigen Firmengeschichte"
                found = m
                break
            for words, needs_clause in marks:
                if needs_clause and not clause:
                    continue
                if s.lows[m:m + len(words)] == words:
                    found = m + len(words) - 1
                    break
            if found is not None:
                break
        low = toks[k].low
        evaluative = (low.startswith(_DE_SUP_EVAL) if s.lang == "de" else
                      (low in _EN_SUP_EVAL or (low == "most" and toks[k + 1].low in _EN_MOST_EVAL)))
        if found is not None:
            end = found
            if clause:  # "…, die ein Start-up je gesehen hat" – to the end of the relative clause
                while end + 1 < s.n and end - found < 4 and toks[end + 1].word:
                    end += 1
            out.append(_Cand(k, end, "hyperbole", "pattern.superlative", 0.7))
        elif evaluative:
            c = _Cand(k, k + length - 1, "hyperbole", "pattern.superlative", 0.6)
            _expand(s, c)
            out.append(c)
        k += length
    return out


# (a framing phrase that the lexicon lists with another kind, e.g. "sage und schreibe", is left to the lexicon)
_DE_FRAME = (("nicht", "weniger", "als"), ("nichts", "weniger", "als"), ("gerade", "einmal"), ("gerade", "mal"),
             ("mal", "eben"), ("ganze",), ("schlappe",), ("schlappen",))
_EN_FRAME = (("no", "less", "than"), ("no", "fewer", "than"), ("a", "mere"), ("a", "paltry"))
_DE_FRAME_FIRST = frozenset(w[0] for w in _DE_FRAME)
_EN_FRAME_FIRST = frozenset(w[0] for w in _EN_FRAME)
_DE_FIG_NEUTRAL = _words("""weitere weiteren zusätzliche zusätzlichen erste ersten letzte letzten bisherige bisherigen
gute guten runde runden knappe knappen jährliche jährlichen durchschnittliche durchschnittlichen bereinigte bereinigten
operative operativen damalige damaligen heutige heutigen aktuelle aktuellen neue neuen alte alten vorherige vorherigen
ursprüngliche ursprünglichen gesamte gesamten jeweilige jeweiligen maximale maximalen minimale minimalen insgesamt
übrigen übrige restlichen restliche rund etwa gut knapp mindestens höchstens nahezu fast über unter circa ungefähr
monatliche monatlichen tägliche täglichen vollen volle nächsten nächste""")
_EN_FIG_NEUTRAL = _words("""estimated combined total additional further extra new planned proposed reported expected
projected net gross annual annualized annualised average adjusted initial final full single one-time private public
minimum maximum nominal cumulative consolidated undisclosed approximate agreed targeted record modest slight small
further fresh roughly approximately about around nearly almost typical median weighted recurring remaining
underlying quarterly monthly daily weekly further-reduced""")


def _figure_frames(s: _Sentence) -> list[_Cand]:
    out = []
    toks = s.toks
    frames = _DE_FRAME if s.lang == "de" else _EN_FRAME
    first = _DE_FRAME_FIRST if s.lang == "de" else _EN_FRAME_FIRST
    for k in range(s.n):
        if s.lows[k] in first:
            for words in frames:
                e = k + len(words)
                if e < s.n and s.lows[k:e] == words and s.figure_start(e):
                    out.append(_Cand(k, e - 1, "vague_magnitude", "pattern.nicht_weniger_als", 0.7))
        if k + 1 >= s.n or not toks[k + 1].fig and s.lows[k + 1] not in _DE_CARDINAL:
            continue
        t = toks[k]
        if (not s.figure_start(k + 1) or not t.word or t.low in s.stop or t.upper
                or t.end == toks[k + 1].start):
            continue
        if s.lang == "de":
            ok = (t.low.endswith(_DE_ADJ_END) and len(t.low) > 3 and t.low not in _DE_FIG_NEUTRAL
                  and k > 0 and (toks[k - 1].low in _DE_DET or toks[k - 1].low in _DE_PREP)
                  and not re.match(r"(?:ge|ver|be|er|ent|an|auf|vor|ab|aus|ein|zu)\w+(?:t|en)(?:e|en|er|es|em)$",
                                   t.low))
        else:
            ok = (k > 0 and toks[k - 1].low in ("a", "an") and t.low not in _EN_FIG_NEUTRAL
                  and t.low not in _EN_NUM and not t.low.endswith("ly"))
        if ok:
            out.append(_Cand(k, k, "intensifier", "pattern.framed_figure", 0.55))
    return out


_DE_MODAL = _words("soll sollen sollte sollten wird werden würde würden will wollen könnte könnten dürfte dürften "
                   "verspricht versprechen versprach")
_DE_TRANSFORM = ("revolutionier", "verändern", "umkrempeln", "umzukrempeln", "umwälzen", "umzuwälzen", "transformier",
                 "aufmischen", "aufzumischen", "dominieren", "ablösen", "abzulösen", "verdrängen", "demokratisier",
                 "überflüssig", "obsolet")
_DE_NEU = ("definieren", "definiert", "erfinden", "erfunden", "schreiben", "denken", "gestalten", "ordnen")
_EN_MODAL = _words("will would could 'll shall")
_EN_TO = (("set", "to"), ("poised", "to"), ("promises", "to"), ("promise", "to"), ("promised", "to"), ("vows", "to"),
          ("vowed", "to"), ("pledges", "to"), ("going", "to"), ("aims", "to"), ("stands", "to"), ("is", "about", "to"),
          ("bound", "to"), ("destined", "to"))
_EN_TO_FIRST = frozenset(w[0] for w in _EN_TO)
_EN_TRANSFORM = ("transform", "revolutioni", "redefin", "reshap", "reinvent", "disrupt", "upend", "reimagin",
                 "rewrit", "democratiz", "democratis", "dominat", "leapfrog", "supplant", "overturn", "turbocharg",
                 "supercharg")
_EN_PROMISE_VERBS = _words("promises vows pledges")
_EN_CLAUSE_STOP = _words("and but while because which who that whereas although though as if when")


_MODAL_WORDS = {"de": _DE_MODAL, "en": _EN_MODAL | _EN_PROMISE_VERBS | _EN_TO_FIRST}


def _promises(s: _Sentence) -> list[_Cand]:
    out = []
    toks, n = s.toks, s.n
    if s.lang == "de":
        for k in range(n):
            if toks[k].low not in _DE_MODAL:
                continue
            promise_verb = toks[k].low.startswith("versp")
            for m in range(k + 1, min(n, k + 16)):
                tm = toks[m]
                if tm.text in ".;:!?–—()„“\"" or (tm.text == "," and not promise_verb and m > k + 1):
                    break
                low = tm.low
                hit = low.startswith(_DE_TRANSFORM) or (low.startswith(_DE_NEU) and toks[m - 1].low == "neu")
                if promise_verb and not hit and low == "zu" and m + 1 < n and toks[m + 1].word \
                        and not toks[m + 1].upper:
                    out.append(_Cand(k, m + 1, "promise", "pattern.promise_future_transform", 0.75))
                    break
                if hit:
                    out.append(_Cand(k, m, "promise", "pattern.promise_future_transform", 0.75))
                    break
    else:
        for k in range(n):
            start = None
            low = toks[k].low
            if low in _EN_MODAL or low in _EN_PROMISE_VERBS:
                start, m0 = k, k + 1
            elif low in _EN_TO_FIRST:
                for words in _EN_TO:
                    if s.lows[k:k + len(words)] == words:
                        start, m0 = k, k + len(words)
                        break
            if start is None:
                continue
            promise_verb = low in ("promises", "promise", "vows", "pledges", "poised", "destined")
            end = None
            for m in range(m0, min(n, m0 + 4)):
                tm = toks[m]
                if not tm.word:
                    break
                if tm.low.startswith(_EN_TRANSFORM) or (promise_verb and m == m0 and tm.low not in _EN_STOP) or (
                        low in _EN_PROMISE_VERBS and m == m0 + 1 and toks[m0].low == "to"):
                    end = m
                    break
            if end is None:
                continue
            m = end + 1
            taken = 0
            while m < n and taken < 7 and toks[m].word and toks[m].low not in _EN_CLAUSE_STOP:
                end, m, taken = m, m + 1, taken + 1
            out.append(_Cand(start, end, "promise", "pattern.promise_future_transform", 0.75))
    return out


_DE_QUESTION_MARK = _words("schon eigentlich wirklich etwa ernsthaft überhaupt")
_DE_QUESTION_START = (("wer", "hätte"), ("wer", "will"), ("wer", "braucht"), ("wer", "soll"), ("wer", "kauft"),
                      ("wer", "glaubt"), ("wie", "konnte"), ("wie", "oft"), ("wie", "lange", "noch"),
                      ("wie", "viel"), ("wie", "viele"), ("was", "will", "man"), ("ist", "das", "der", "anfang"),
                      ("ist", "das", "das", "ende"), ("ist", "das", "der", "beginn"))
_EN_QUESTION_MARK = _words("really exactly seriously honestly even")
_EN_QUESTION_START = (("who", "would", "have"), ("who", "could", "have"), ("who", "needs"), ("what", "could",
                      "possibly"), ("how", "many", "more"), ("how", "much", "longer"), ("how", "long", "before"),
                      ("how", "does", "that", "happen"), ("is", "this", "the", "beginning"),
                      ("is", "this", "the", "end"), ("is", "that", "all"), ("so", "who"))
_QUESTION_WORDS = _words("""wer was wie warum wo wann wozu ist sind hat haben kann können soll sollen will wird werden
who what how why where when is are was were can could will would does do did has have should""")


def _questions(s: _Sentence) -> list[_Cand]:
    toks = s.toks
    q = s.n - 1
    while q >= 0 and toks[q].text in "“”\"»«'’)":
        q -= 1
    if q < 1 or toks[q].text != "?":
        return []
    # the question clause: after the last strong separator
    a = q - 1
    while a > 0 and toks[a - 1].text not in ":;–—(\"„“”«»" and not (toks[a - 1].text in ".!" and a - 1 > 0):
        a -= 1
    words = [t.low for t in toks[a:q]]
    marks = _DE_QUESTION_MARK if s.lang == "de" else _EN_QUESTION_MARK
    starts = _DE_QUESTION_START if s.lang == "de" else _EN_QUESTION_START
    hit = any(w in marks for w in words)
    start = None
    for k in range(a, q):
        for st in starts:
            if s.lows[k:k + len(st)] == st:
                start, hit = k, True
                break
        if start is not None:
            break
    if not hit:
        return []
    if start is None:  # the clause from its question word ("und wer will es ihnen verdenken")
        start = next((k for k in range(a, q) if toks[k].low in _QUESTION_WORDS), a)
        if start > a and toks[start - 1].low in ("und", "doch", "aber", "and", "but", "so", "oder", "or"):
            start -= 1
    return [_Cand(start, q - 1, "evaluative", "pattern.rhetorical_question", 0.6)]


# Plain words that are only ever written in capitals to shout ("JETZT", "NEVER"), never acronyms.
_SHOUTED = _words("""jetzt sofort nie niemals nicht immer alle alles nichts kein keine wirklich sehr noch schon wieder
heute wochen monate jahre millionen milliarden doppelt dreifach now never not must just only ever every everything
nothing here really very still again always weeks months years million billion times double triple""")
_HYPE_EMOJI = frozenset("🚀🔥💥🤯💎🙌🌕🤑💰📈💯⚡🎉🦄")


_SHOUT_HINT = re.compile("[!?]{2}|\\b[A-ZÄÖÜ]{3,}\\b|[" + "".join(sorted(_HYPE_EMOJI)) + "]")


def _shouting(s: _Sentence) -> list[_Cand]:
    toks = s.toks
    out = []
    words = [t for t in toks if t.word]
    all_caps = words and all(t.text.isupper() for t in words if len(t.text) > 1)
    for k, t in enumerate(toks):
        if t.text == "!" and k + 1 < s.n and toks[k + 1].text in "!?" or (
                t.text == "?" and k + 1 < s.n and toks[k + 1].text == "!"):
            j = k
            while j + 1 < s.n and toks[j + 1].text in "!?":
                j += 1
            if k == 0 or toks[k - 1].text not in "!?":
                out.append(_Cand(k, j, "intensifier", "pattern.exclamation", 0.5))
        elif t.text in _HYPE_EMOJI:
            if k == 0 or toks[k - 1].text not in _HYPE_EMOJI:
                j = k
                while j + 1 < s.n and toks[j + 1].text in _HYPE_EMOJI:
                    j += 1
                out.append(_Cand(k, j, "metaphor", "pattern.hype_emoji", 0.5))
        elif t.word and not all_caps and len(t.text) >= 3 and t.text.isupper() and t.low in _SHOUTED:
            out.append(_Cand(k, k, "intensifier", "pattern.exclamation", 0.5))
    return out


def is_function_word(word: str) -> bool:
    """Articles, prepositions, pronouns, auxiliaries and similar words (German or English): real
    contributions to a score, but no answer to "why is this rhetoric?" for a reader."""
    low = word.lower()
    return low in _DE_STOP or low in _EN_STOP


def model_evidence(scores: dict | None, explanation: list[dict] | None) -> list[dict] | None:
    """The rhetoric explanation that may turn into `model` spans: only for a sentence scored rhetorical."""
    if not explanation or not scores:
        return None
    p = scores.get("rhetoric")
    return explanation if isinstance(p, (int, float)) and p >= MODEL_MIN_PROBABILITY else None


def _model(s: _Sentence, offset: int, explanation: Iterable[dict]) -> list[_Cand]:
    out = []
    for e in explanation:
        if not isinstance(e, dict) or e.get("kind") != "word":
            continue
        w, a, b = e.get("weight"), e.get("start"), e.get("end")
        if (not isinstance(w, (int, float)) or not math.isfinite(w) or w < MODEL_MIN_WEIGHT
                or type(a) is not int or type(b) is not int):
            continue
        a, b = a - offset, b - offset
        if a < 0 or b > len(s.text) or a >= b:
            continue
        i, j = s.tok_range(a, b)
        if i < 0 or i != j:
            continue
        t = s.toks[i]
        if not t.word or len(t.low) < 4 or t.low in _DE_STOP or t.low in _EN_STOP or t.low in _MODEL_SKIP:
            continue
        out.append(_Cand(i, j, MODEL_CATEGORY, "model.weighted_word", min(1.0, float(w) / (3 * MODEL_MIN_WEIGHT))))
    return out


# --------------------------------------------------------------------------- merging

def _merge(s: _Sentence, cands: list[_Cand]) -> list[list[_Cand]]:
    """Groups of candidates that overlap or touch (only white space between two words)."""
    toks = s.toks
    cands.sort(key=lambda c: (c.i, -c.j))
    groups: list[list[_Cand]] = []
    reach = -2
    for c in cands:
        touching = (c.i == reach + 1 and toks[reach].word and toks[c.i].word
                    and toks[reach].end < toks[c.i].start and not s.text[toks[reach].end:toks[c.i].start].strip())
        if groups and (c.i <= reach or touching):
            groups[-1].append(c)
            reach = max(reach, c.j)
        else:
            groups.append([c])
            reach = c.j
    return groups


def _trim(s: _Sentence, i: int, j: int) -> tuple[int, int]:
    """Drop edge determiners, figures and punctuation (guidelines §5.2); "!!" and emoji stay."""
    toks = s.toks

    def edge(t: _Tok) -> bool:
        if t.word:
            return t.low in _EDGE_DET
        return t.fig or not (t.text in "!?" or t.text in _HYPE_EMOJI)

    while i <= j and edge(toks[i]):
        i += 1
    while j >= i and edge(toks[j]):
        j -= 1
    return i, j


def detect_spans(text: str, lang: str, offset: int = 0, explanation: list[dict] | None = None) -> list[Span]:
    """Rhetoric spans of one sentence; offsets are offset + index into text, and
    text[span.start - offset:span.end - offset] == span.text."""
    if not isinstance(text, str) or not text.strip() or lang not in ("de", "en"):
        return []
    s = _Sentence(text, lang)
    if not s.n:
        return []
    cands = _lexicon(s)
    for c in cands:
        _expand(s, c)
    # each pattern runs only when a cheap test on the sentence says it can fire
    text_low = text.lower()
    if _SUP_HINT[lang].search(text_low):
        cands += _superlatives(s)
    if s.has_figure:
        cands += _figure_frames(s)
    if not _MODAL_WORDS[lang].isdisjoint(s.lows):
        cands += _promises(s)
    if "?" in text:
        cands += _questions(s)
    if _SHOUT_HINT.search(text):
        cands += _shouting(s)
    if _SELF_HINT[lang].search(text_low):
        cands += _self_praise(s)
    if explanation:
        covered = set()
        for c in cands:
            covered.update(range(c.i, c.j + 1))
        extra = [m for m in _model(s, offset, explanation) if m.i not in covered]
        if extra:
            cands.append(max(extra, key=lambda m: m.strength))
    spans = []
    for group in _merge(s, cands):
        if all(c.strength < MIN_ALONE_WEIGHT / _FULL_WEIGHT and c.detector.startswith("lexicon.") for c in group):
            continue
        i, j = _trim(s, min(c.i for c in group), max(c.j for c in group))
        if i > j:
            continue
        a, b = s.toks[i].start, s.toks[j].end
        best = min(group, key=lambda c: (_RANK[c.category], -c.strength))
        # the winning category's detector first, so the reason begins with what the category says
        names: list[str] = [best.detector]
        for c in sorted(group, key=lambda c: c.i):
            if c.detector not in names:
                names.append(c.detector)
        detector = "+".join(names)
        rest = 1.0
        for c in group:
            rest *= 1.0 - c.strength
        spans.append(Span(text[a:b], offset + a, offset + b, best.category, detector, reason(detector, lang),
                          1.0 - rest))
    return spans
