"""Reading articles: decode bytes, strip markup, normalise, detect language, split sentences.

Offsets everywhere refer to the document's *plain text* (after decoding, markup
stripping and normalisation), so `plain[start:end] == text` holds for every
sentence and every figure.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from .errors import InputError, LanguageError

SUPPORTED_LANGUAGES = ("de", "en")
FORMATS = ("txt", "md", "html")
MAX_BYTES = 5 * 1024 * 1024  # a press article is far below this; larger input is a mistake


class DecodingWarning(UserWarning):
    """Input was not UTF-8/UTF-16 and was decoded with a legacy code page."""


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    start: int
    end: int
    text: str
    paragraph: int
    language: str


@dataclass(slots=True)
class Document:
    plain: str
    language: str
    source: str | None = None
    encoding: str = "utf-8"
    format: str = "txt"
    sentences: list[SentenceSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_language(lang: str) -> str:
    if lang not in SUPPORTED_LANGUAGES:
        raise LanguageError(f"unsupported language {lang!r} (expected one of: {', '.join(SUPPORTED_LANGUAGES)})")
    return lang


# --------------------------------------------------------------------------- decoding

def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings). UTF-8 (BOM optional), UTF-16 with BOM, else cp1252."""
    if not isinstance(data, (bytes, bytearray)):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    if not data:
        raise InputError("empty input (expected the text of an article)")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InputError(f"broken UTF-16 text at byte {exc.start} (expected valid UTF-16 after the byte-order mark)") from None
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            note = f"input has no byte-order mark; decoded as {utf16[1]} (expected UTF-8, or UTF-16 with a BOM)"
            warnings.warn(note, DecodingWarning, stacklevel=2)
            return utf16[0], utf16[1], [note]
        raise InputError("binary data (expected a text, Markdown or HTML article in UTF-8, UTF-16 or cp1252)")
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps them so nothing is lost
        text, enc = data.decode("latin-1"), "latin-1"
    note = f"input is not UTF-8; decoded as {enc} (expected UTF-8)"
    warnings.warn(note, DecodingWarning, stacklevel=2)
    return text, enc, [note]


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Text saved as UTF-16 without a byte-order mark (some Windows exports): Latin-script text then has a NUL
    in nearly every high (LE: odd) byte and almost none in the low ones."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > 0.7 * len(zeros) and other.count(0) < 0.05 * len(other):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return (text, enc) if not _looks_binary(text) else None
    return None


# control characters other than tab, newline, form feed and carriage return, and the C1 block
_BINARY_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x80-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_BINARY_CHARS.findall(sample)) / len(sample) > 0.02


# --------------------------------------------------------------------------- markup

_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol tr td th table section article header footer aside "
    "blockquote pre figure figcaption main nav dd dt dl hr form address details summary".split()
)
_SKIP_TAGS = frozenset("script style noscript template head svg iframe object canvas".split())
# Page furniture: site navigation ("Home | Wirtschaft"), sidebars, footers and forms are not the article, and their
# menu words would be scored as sentences. Skipped unless that loses most of the text (an unclosed <nav> …).
_FURNITURE_TAGS = frozenset("nav aside footer".split())


class _TextExtractor(HTMLParser):
    def __init__(self, skip: frozenset[str] = _SKIP_TAGS) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.skip = skip

    def handle_starttag(self, tag, attrs):
        if tag in self.skip:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.skip:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip_depth:
            # inside a block, source line breaks are just spaces
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    full = _extract(html, _SKIP_TAGS)
    text = _extract(html, _SKIP_TAGS | _FURNITURE_TAGS)
    return text if len(text) >= 0.5 * len(full) else full


def _extract(html: str, skip: frozenset[str]) -> str:
    parser = _TextExtractor(skip)
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [ln.strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_MD_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_MD_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_REFDEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.M)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_MD_SETEXT = re.compile(r"^\s*(=+|-+)\s*$", re.M)
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.M)
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", re.M)
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M)


def markdown_to_text(md: str) -> str:
    text = _MD_FRONT.sub("", md)
    text = _MD_FENCE.sub("", text)
    text = _MD_REFDEF.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REFLINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1\n", text)  # a heading is its own paragraph
    text = _MD_TABLE_RULE.sub("", text)
    text = _MD_SETEXT.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_BULLET.sub("\n", text)  # list items are paragraphs
    text = _MD_CODE.sub(r"\1", text)
    for _ in range(2):  # nested emphasis such as ***x***
        text = _MD_EMPH.sub(r"\2", text)
    text = _MD_TAG.sub("", text)
    text = text.replace("|", " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --------------------------------------------------------------------------- normalisation

_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t\f\v"), " ")
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise(text: str) -> str:
    """NFC, soft hyphens and zero-width characters removed, unusual spaces → ' ', newlines unified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_DROP).translate(_SPACE_LIKE)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r" +\n", "\n", text)
    text = re.sub(r"\n[ ]+", "\n", text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --------------------------------------------------------------------------- paragraphs

_SOFT_WRAP_END = re.compile(r"[.!?:;\"“”»«’]$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s")


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True for e-mail style text: blank lines between paragraphs, fixed-width lines inside them."""
    inner = [ln for i, ln in enumerate(lines[:-1]) if ln.strip() and lines[i + 1].strip()]
    if len(inner) < 3 or not any(not ln.strip() for ln in lines):
        return False
    fitting = sum(40 <= len(ln) <= 100 for ln in inner)
    return fitting >= 0.7 * len(inner)


def paragraphs(plain: str) -> list[tuple[int, int]]:
    """Spans of paragraphs. A blank line always ends a paragraph; a single line break does
    too, unless the text is hard-wrapped or the line continues in lower case."""
    spans: list[tuple[int, int]] = []
    lines = plain.split("\n")
    wrapped_doc = _is_hard_wrapped(lines)
    pos = 0
    start = prev_end = None
    for i, line in enumerate(lines):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            if start is not None:
                spans.append((start, prev_end))
                start = None
            continue
        if start is None:
            start = line_start
        prev_end = line_end
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if wrapped_doc:
            continues = bool(nxt.strip()) and not _LIST_ITEM.match(nxt) and not _LIST_ITEM.match(line)
        else:
            continues = len(line) >= 40 and not _SOFT_WRAP_END.search(line) and nxt[:1].islower()
        if not continues:
            spans.append((start, line_end))
            start = None
    if start is not None:
        spans.append((start, prev_end))
    return spans


# --------------------------------------------------------------------------- language

_DE_WORDS = frozenset(
    "der die das und ist nicht ein eine einen einem einer mit von zu auf für den dem des sich auch "
    "wird werden wurde wurden hat haben sind bei nach aus um als noch wie über oder aber wenn nur "
    "im zum zur vom beim sei seien soll sollen muss kann können dass daß dieser diese dieses jetzt "
    "schon sehr mehr ihre ihr seine sein unter gegen zwischen seit bis durch ohne nach wir sie er "
    "es uns euro prozent millionen milliarden laut sagte teilte mit unternehmen jahr jahres".split()
)
_EN_WORDS = frozenset(
    "the and of to is are was were that this with for on by from has have had be been it its "
    "which said will would not but or at as their they we he she who than more about into after "
    "over company year percent per cent million billion shares new its could should may can what "
    "there these those our also while such".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.U)


def language_scores(text: str) -> dict[str, int]:
    words = _WORD.findall(text.lower())
    de = sum(w in _DE_WORDS for w in words) + 2 * sum(ch in "äöüß" for ch in text.lower())
    en = sum(w in _EN_WORDS for w in words)
    return {"de": de, "en": en, "words": len(words)}


def recognised_language(scores: dict[str, int]) -> str | None:
    """'de' or 'en' from language_scores(), or None when neither has enough function words."""
    best = "de" if scores["de"] >= scores["en"] else "en"
    hits = scores[best]
    return None if scores["words"] == 0 or hits < 2 or hits < 0.08 * scores["words"] else best


def detect_language(text: str) -> str:
    """Return 'de' or 'en'; raise LanguageError when neither is recognisable."""
    best = recognised_language(language_scores(text[:20000]))
    if best is None:
        raise LanguageError(
            "could not recognise the language (expected German or English text; pass --lang de|en to force one)"
        )
    return best


def _sentence_language(text: str, default: str) -> str:
    s = language_scores(text)
    other = "en" if default == "de" else "de"
    # only switch on clear evidence: short sentences and names stay with the document language
    if s["words"] >= 5 and s[other] >= 3 and s[other] >= 2 * max(1, s[default]):
        return other
    return default


# --------------------------------------------------------------------------- sentence splitting

_ABBREVIATIONS = {
    "de": """z b d h u a o ä u u i d r s o v h bzw ca nr vgl inkl exkl zzgl ggf evtl sog usw etc
        dr prof mio mrd tsd bio abs art hr fr frl str st jh jhd bspw max min mind rd gem lt lfd
        jan feb febr mär apr jun jul aug sep sept okt nov dez mo di mi do fr sa so co bzgl betr
        dipl ing bsp ff insb allg mwst abt ggü vs v chr u.a z.b d.h u.u i.d.r o.ä v.h e.v
        hrsg verf anm tel geb gest ca ursprüngl ehem""",
    "en": """mr mrs ms dr prof inc co corp ltd llc plc jr sr st mt vs e.g i.e approx etc est avg dept
        gov sen rep gen lt col capt sgt no nos fig figs jan feb mar apr jun jul aug sep sept oct nov dec
        u.s u.k u.n e.u a.m p.m ph.d b.a m.a cf al ave blvd bros assn int'l univ vol ed eds mln bln
        tel ext""",
}
# German month names and quarter words after an ordinal number ("am 30. September", "im 3. Quartal")
_ORDINAL_FOLLOWERS = {
    "de": """januar jänner februar märz april mai juni juli august september oktober november dezember
        jan feb mär apr jun jul aug sep sept okt nov dez quartal quartals halbjahr halbjahres jahrhundert
        jahrhunderts jahrestag geburtstag platz mal runde stelle liga bundesliga kalenderwoche kw
        quartalsbericht bauabschnitt stock etage tranche""",
    "en": "",
}
_ORDINAL_CONTEXT = frozenset(
    "der die das den dem des am im zum zur vom beim ab bis seit zum vor nach ihr ihre ihrem ihren sein seine "
    "seinem seinen dieser diese diesem diesen jeder jede jedem jeden the".split()
)
_SENT_STARTERS = {
    "de": "der die das den dem des ein eine es er sie wir ich man dies diese dieser damit doch dann auch "
          "zudem außerdem allerdings im in am an auf für mit nach bei seit trotz laut so nun noch",
    "en": "the a an it he she we they i this that these those there but and however in on at for with after "
          "by as so still meanwhile",
}


class _LangVars(PunktLanguageVars):
    # "…" ends sentences like "...", and « » ‹ › „ are quote characters
    sent_end_chars = (".", "?", "!")
    internal_punctuation = ",:;"


class _Tokenizer(PunktSentenceTokenizer):
    # Punkt moves closing ASCII quotes/brackets to the previous sentence; add the
    # typographic ones used in German and English press text.
    _re_boundary_realignment = re.compile(r"[\"')\]}“”»«‘’›‹]+?(?:\s+|(?=--)|$)", re.MULTILINE)


@lru_cache(maxsize=None)
def punkt_tokenizer(lang: str) -> PunktSentenceTokenizer:
    """A Punkt tokenizer built from this project's parameters (no pretrained data exists here)."""
    check_language(lang)
    params = PunktParameters()
    abbrevs = set(_ABBREVIATIONS[lang].split())
    params.abbrev_types = abbrevs
    params.sent_starters = set(_SENT_STARTERS[lang].split())
    followers = _ORDINAL_FOLLOWERS[lang].split()
    params.collocations = {("##number##", w) for w in followers}
    return _Tokenizer(params, lang_vars=_LangVars())


_NUM_PERIOD_END = re.compile(r"(?:^|\s)(\S+)\s+\d{1,3}\.$")
_INITIAL_END = re.compile(r"(?:^|\s)[A-ZÄÖÜ]\.$")
_LOWER_WORD = re.compile(r"[a-z]+\b")
_FIRST_WORD = re.compile(r"[\"'„“”»«‚‘(\[]*([^\W\d_][\w-]*)")
_ELLIPSIS_SPLIT = re.compile(r"(?:…|\.\.\.)[\"'“”»«’]*\s+(?=[\"'„“»«‚‘(]*[A-ZÄÖÜ])")


def _should_merge(prev: str, nxt: str, lang: str) -> bool:
    body = nxt.lstrip().lstrip("“”»«’‘\"'")
    first = body[:1]
    if not first:
        return False
    # a sentence never starts with a comma or similar: „Wer braucht das?“, fragte er.
    if first in ",;:)]}–—-":
        return True
    # an initial before a bracket: "sagt Rentnerin Gerlinde K. (71) aus Herford."
    if first == "(" and _INITIAL_END.search(prev):
        return True
    # German sentences never start in lower case; English ones only with names like "iPhone"
    if first.islower() and (lang == "de" or _LOWER_WORD.match(body)):
        return True
    if lang == "de":
        m = _NUM_PERIOD_END.search(prev)
        word = _FIRST_WORD.match(nxt.lstrip())
        if m and word and m.group(1).lower() in _ORDINAL_CONTEXT:
            # "der 3. Quartalsbericht": an ordinal after an article or preposition
            return word.group(1).lower() not in _SENT_STARTERS["de"].split()
    return False


def _split_ellipses(start: int, end: int, plain: str) -> list[tuple[int, int]]:
    """Punkt keeps '…' inside a sentence; split where an ellipsis is followed by a capitalised word."""
    out = []
    s = start
    for m in _ELLIPSIS_SPLIT.finditer(plain, start, end):
        cut = m.end()
        seg_end = cut
        while seg_end > s and plain[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end > s:
            out.append((s, seg_end))
        s = cut
    out.append((s, end))
    return out


def split_sentences(plain: str, lang: str, *, per_sentence_language: bool = True) -> list[SentenceSpan]:
    """Split plain text into sentences with offsets; a paragraph break always ends a sentence."""
    check_language(lang)
    tok = punkt_tokenizer(lang)
    out: list[SentenceSpan] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(plain)):
        para = plain[p_start:p_end]
        spans: list[list[int]] = []
        for s, e in tok.span_tokenize(para):
            if spans and _should_merge(para[spans[-1][0]:spans[-1][1]], para[s:e], lang):
                spans[-1][1] = e
            else:
                spans.append([s, e])
        for s, e in spans:
            for s2, e2 in _split_ellipses(p_start + s, p_start + e, plain):
                text = plain[s2:e2]
                if not text.strip():
                    continue
                sl = _sentence_language(text, lang) if per_sentence_language else lang
                out.append(SentenceSpan(s2, e2, text, p_index, sl))
    return out


# --------------------------------------------------------------------------- entry points

def guess_format(name: str | None) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    return "txt"


def to_plain(raw: str, fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    if fmt == "html":
        raw = html_to_text(raw)
    elif fmt == "md":
        raw = markdown_to_text(raw)
    return normalise(raw)


def read_text(raw: str, *, lang: str | None = None, fmt: str = "txt", source: str | None = None,
              encoding: str = "utf-8", notes: list[str] | None = None) -> Document:
    """Build a Document from already decoded text."""
    if _looks_binary(raw):
        raise InputError("binary data (expected a text, Markdown or HTML article)")
    plain = to_plain(raw, fmt)
    if not plain:
        raise InputError("no text found (expected an article with at least one sentence)")
    language = check_language(lang) if lang else detect_language(plain)
    sentences = split_sentences(plain, language, per_sentence_language=lang is None)
    return Document(plain=plain, language=language, source=source, encoding=encoding, format=fmt,
                    sentences=sentences, warnings=list(notes or []))


def read_bytes(data: bytes, *, lang: str | None = None, fmt: str = "txt", source: str | None = None,
               max_bytes: int = MAX_BYTES) -> Document:
    if len(data) > max_bytes:
        raise InputError(
            f"input too large: {len(data) / 1e6:.1f} MB (expected an article of at most {max_bytes / 1e6:.0f} MB)"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DecodingWarning)
        raw, enc, notes = decode(data)
    return read_text(raw, lang=lang, fmt=fmt, source=source, encoding=enc, notes=notes)


def read_path(path: str | Path, *, lang: str | None = None, fmt: str | None = None,
              max_bytes: int = MAX_BYTES) -> Document:
    import stat as _stat

    p = Path(path)
    try:
        st = p.stat()
        size = st.st_size
        if p.is_dir():
            raise InputError(f"{p} is a directory (expected an article file)")
        if not _stat.S_ISREG(st.st_mode):  # a FIFO or device would block an unattended run forever
            raise InputError(f"{p}: not a regular file (expected an article file)")
        if size > max_bytes:
            raise InputError(
                f"{p}: input too large: {size / 1e6:.1f} MB (expected an article of at most {max_bytes / 1e6:.0f} MB)"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file (expected a path to a .txt, .md or .html article)") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied (expected a readable file)") from None
    except IsADirectoryError:
        raise InputError(f"{p} is a directory (expected an article file)") from None
    except OSError as exc:  # a path through a file, a symlink loop, a name too long, an I/O error
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}; expected a readable article file)") from None
    try:
        return read_bytes(data, lang=lang, fmt=fmt or guess_format(p.name), source=str(path), max_bytes=max_bytes)
    except InputError as exc:
        if str(p) in str(exc):
            raise
        raise InputError(f"{p}: {exc}") from None
    except LanguageError as exc:
        raise LanguageError(f"{p}: {exc}") from None
