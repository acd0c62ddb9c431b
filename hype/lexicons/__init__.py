"""Packaged cue lexicons: small TSV files (term, category, weight) per language.

Term syntax (case-insensitive):
  revolutionär      the word itself (word boundaries on both sides)
  revolution*       any word starting with "revolution" (revolutionär, revolutionieren)
  *rekord           a word ending in "rekord" (Umsatzrekord): German compounds
  *rekord*          "rekord" anywhere inside a word (Rekordjagd, Allzeitrekordhoch)
  nicht weniger als several words, separated by any whitespace
  legte … zu        a German separable verb: the first part, then within the same clause (up to
                    GAP_MAX words later) the second part as the clause's last word
                    ("legte im Xetra-Handel um 38 Prozent zu")
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import LanguageError

SUPPORTED = ("de", "en")

# Categories that mark rhetoric; they double as span categories in reports.
RHETORIC_CATEGORIES = ("hyperbole", "hype_word", "intensifier", "metaphor", "vague_magnitude", "promise",
                       "evaluative", "generalisation")
# Other cues the classifiers use.
CUE_CATEGORIES = ("hedge", "attribution", "future", "opinion", "positive", "negative", "quality")
# What moved in which direction: "Umsatz stieg" reads bullish, "Kosten stiegen" bearish.
DIRECTION_CATEGORIES = ("good_quantity", "bad_quantity", "up", "down")
# The direction cues built from them (features and explanations): which quantity moving which way is good news.
DIRECTIONS = {"dir:positive": (("good_quantity", "up"), ("bad_quantity", "down")),
              "dir:negative": (("good_quantity", "down"), ("bad_quantity", "up"))}
CATEGORIES = RHETORIC_CATEGORIES + CUE_CATEGORIES + DIRECTION_CATEGORIES


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    category: str
    weight: float


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str
    term: str
    category: str
    weight: float


def _check(lang: str) -> str:
    if lang not in SUPPORTED:
        raise LanguageError(f"no lexicon for language {lang!r} (supported: {', '.join(SUPPORTED)})")
    return lang


@lru_cache(maxsize=None)
def load_entries(lang: str) -> tuple[Entry, ...]:
    """All entries of a language, from every TSV file in hype/lexicons/<lang>/."""
    _check(lang)
    entries: list[Entry] = []
    folder = resources.files(__package__).joinpath(lang)
    for res in sorted(folder.iterdir(), key=lambda r: r.name):
        if not res.name.endswith(".tsv"):
            continue
        reader = csv.reader(io.StringIO(res.read_text(encoding="utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
        for line_no, row in enumerate(reader, 1):
            if not row or row[0].startswith("#") or row[0] == "term":
                continue
            if len(row) != 3 or row[1] not in CATEGORIES:
                raise ValueError(f"{lang}/{res.name}:{line_no}: expected 'term<TAB>category<TAB>weight' with a known category, got {row!r}")
            term = row[0].strip().lower()
            if term.endswith("-*"):  # the matcher splits at hyphens: "mega-*" would match "Megawatt"
                raise ValueError(f"{lang}/{res.name}:{line_no}: term {term!r} ends in '-*' (expected a whole word before the wildcard)")
            entries.append(Entry(term, row[1], float(row[2])))
    return tuple(entries)


_WORD = re.compile(r"\w+", re.U)


@lru_cache(maxsize=4096)
def lower_words(text: str) -> tuple[str, ...]:
    """The sentence's words (\\w+ runs of the lower-cased text), shared by the matcher and the cue features."""
    # lower-cased word by word: "İstanbul" stays one word (text.lower() would split it at a combining dot)
    return tuple(w.lower() for w in _WORD.findall(text))


@dataclass(frozen=True, slots=True)
class _WordPattern:
    text: str
    prefix: bool  # term ended in *: the word may continue
    suffix: bool  # term started with *: the word may have something before it

    def matches(self, word: str) -> bool:
        if self.prefix and self.suffix:
            return self.text in word
        if self.prefix:
            return word.startswith(self.text)
        if self.suffix:
            return word.endswith(self.text)
        return word == self.text


def _parse(term: str) -> tuple[_WordPattern, ...]:
    """'nicht weniger als' → three exact words; 'game-chang*' → 'game' + prefix 'chang'."""
    words = _WORD.findall(term.replace("’", "'").replace("'", " "))
    if not words:
        raise ValueError(f"empty lexicon term {term!r}")
    lead, trail = term.startswith("*"), term.endswith("*")
    return tuple(
        _WordPattern(w, prefix=trail and i == len(words) - 1, suffix=lead and i == 0) for i, w in enumerate(words)
    )


GAP = "…"
GAP_MAX = 16  # words between the two parts of a separable verb (a figure such as "11,42 Euro" is three)
_CLAUSE_MARKS = frozenset(";:!?()[]–—\"„“”«»")


def _clause_break(text: str, a: int, b: int) -> bool:
    """Punctuation between two words that ends a clause; a comma or full stop between digits is part of a
    number ("11,42 Euro", "1.200 Stellen")."""
    for k in range(a, b):
        c = text[k]
        if c in _CLAUSE_MARKS:
            return True
        if c in ",." and not (0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()):
            return True
    return False


# "ging … auf das Auslandsgeschäft zurück" is "was due to", not "declined"; "ging … auf (rund) 1,2 Milliarden
# Euro zurück" is a decline to a level
_GAP_VETO = {"zurück": "auf"}
_LEVEL_WORDS = frozenset("rund etwa knapp gut fast nur noch zuletzt circa ca unter über weniger mehr minus plus "
                         "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split())


def _parse_gap(term: str) -> tuple[tuple[_WordPattern, ...], tuple[_WordPattern, ...]] | None:
    if GAP not in term:
        return None
    head, _, tail = term.partition(GAP)
    if not head.strip() or not tail.strip() or GAP in tail:
        raise ValueError(f"lexicon term {term!r}: expected 'first part {GAP} last part'")
    return _parse(head.strip()), _parse(tail.strip())


class _Matcher:
    """Token-based lexicon matcher: dictionary look-ups per word instead of one huge regex
    (an alternation of hundreds of wildcard terms costs milliseconds per sentence)."""

    def __init__(self, entries: tuple[Entry, ...]):
        self.exact: dict[str, list] = {}
        self.prefix: dict[str, list] = {}
        self.suffix: dict[str, list] = {}
        self.infix: list = []
        for e in entries:
            gap = _parse_gap(e.term)
            pats = gap[0] if gap else _parse(e.term)
            first = pats[0]
            item = (pats, e, gap[1] if gap else None)
            if first.prefix and first.suffix:
                self.infix.append((first.text, item))
            elif first.prefix:
                self.prefix.setdefault(first.text, []).append(item)
            elif first.suffix:
                self.suffix.setdefault(first.text, []).append(item)
            else:
                self.exact.setdefault(first.text, []).append(item)
        self.max_prefix = max((len(k) for k in self.prefix), default=0)
        self.max_suffix = max((len(k) for k in self.suffix), default=0)
        self._by_word: dict[str, tuple] = {}   # candidates depend on the word alone, and words recur

    def candidates(self, word: str) -> tuple:
        cands = self._by_word.get(word)
        if cands is None:
            cands = tuple(self._candidates(word))
            if len(self._by_word) < 200_000:
                self._by_word[word] = cands
        return cands

    def _candidates(self, word: str):
        yield from self.exact.get(word, ())
        for n in range(1, min(len(word), self.max_prefix) + 1):
            yield from self.prefix.get(word[:n], ())
        for n in range(1, min(len(word), self.max_suffix) + 1):
            yield from self.suffix.get(word[-n:], ())
        for text, item in self.infix:
            if text in word:
                yield item

    def find(self, text: str) -> list[Match]:
        words = lower_words(text)   # lower-cased word by word, so offsets come from the text itself
        # most words have no candidates: find those that do before computing any offsets
        by_word, candidates = self._by_word, self.candidates
        hits = []
        for i, word in enumerate(words):
            cands = by_word.get(word)
            if cands is None:
                cands = candidates(word)
            if cands:
                hits.append((i, cands))
        if not hits:
            return []
        spans = [m.span() for m in _WORD.finditer(text)]
        out = []
        n_tokens = len(words)
        for i, cands in hits:
            start, end = spans[i]
            for pats, e, tail in cands:
                n = len(pats)
                if n > 1:   # a candidate's first word already matches: check the rest of a phrase
                    if i + n > n_tokens:
                        continue
                    second = pats[1]   # most phrases fail on their second, plain word: test that first
                    if not (second.prefix or second.suffix) and words[i + 1] != second.text:
                        continue
                    if not all(p.matches(words[i + k]) for k, p in enumerate(pats[1:], 1)):
                        continue
                    last = spans[i + n - 1][1]
                else:
                    last = end
                if tail is not None:
                    last = self._gap_end(text, words, spans, i + n, tail)
                    if last is None:
                        continue
                out.append(Match(start, last, text[start:last], e.term, e.category, e.weight))
        return out

    @staticmethod
    def _gap_end(text, words, spans, k0, tail) -> int | None:
        """End of the second part of a separable verb: the last words of the clause that begins at word k0,
        at most GAP_MAX words on; None when the clause ends without it."""
        n = len(tail)
        for k in range(k0, min(len(words), k0 + GAP_MAX + n)):
            if _clause_break(text, spans[k - 1][1], spans[k][0]):
                return None  # the clause ended before the particle
            j = k + n - 1
            if j >= len(words) or not all(p.matches(words[k + m]) for m, p in enumerate(tail)):
                continue
            veto = _GAP_VETO.get(tail[-1].text)
            if veto and any(words[q] == veto and not (words[q + 1][0].isdigit() or words[q + 1] in _LEVEL_WORDS)
                            for q in range(k0, k)):
                return None
            nxt = spans[j + 1][0] if j + 1 < len(words) else len(text)
            if j + 1 == len(words) or _clause_break(text, spans[j][1], nxt):
                return spans[j][1]
        return None


@lru_cache(maxsize=None)
def matcher(lang: str) -> _Matcher:
    return _Matcher(load_entries(_check(lang)))


def _longest(matches: list[Match]) -> list[Match]:
    """Drop a match inside a longer match of the same category ("sind sich einig" inside
    "experten sind sich einig"), so nested terms neither duplicate spans nor count twice."""
    matches.sort(key=lambda m: (m.start, -m.end))
    kept: list[Match] = []
    reach: dict[str, int] = {}
    for m in matches:
        if m.end <= reach.get(m.category, -1):
            continue
        kept.append(m)
        reach[m.category] = max(reach.get(m.category, -1), m.end)
    return kept


@lru_cache(maxsize=4096)
def _matches(text: str, lang: str) -> tuple[Match, ...]:
    # features, explanations and span detectors all ask for the same sentence: match it once
    return tuple(_longest(matcher(lang).find(text)))


def find(text: str, lang: str, categories: tuple[str, ...] | None = None) -> list[Match]:
    """Lexicon matches in text, sorted by position (longest first at the same start)."""
    matches = list(_matches(text, _check(lang)))
    if categories is not None:
        matches = [m for m in matches if m.category in categories]
    return matches


def counts(text: str, lang: str) -> dict[str, float]:
    """Weighted match count per category (features for the classifiers)."""
    out = dict.fromkeys(CATEGORIES, 0.0)
    for m in _matches(text, _check(lang)):
        out[m.category] += m.weight
    return out
