"""Input readers for `hype batch`: folders of articles, CSV/TSV and JSON Lines exports, RSS/Atom feed files.

Every reader yields `Article`s (raw bytes plus metadata) and `SourceError`s (a file or row that could not be
read): one bad row or file never stops the others. Nothing here analyses text; hype.batch does that.

Article ids (the key of the batch manifest):
- a file inside a folder: its path relative to that folder (``2025/03/nordwerk.txt``); a file given directly:
  its name;
- a CSV/TSV/JSONL row: the id column, else the url column, else ``<file name>:<line>``;
- a feed entry: its id/guid, else its link, else ``<file name>#<entry number>``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .text import MAX_BYTES, decode, html_to_text

ARTICLE_EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                      ".html": "html", ".htm": "html", ".xhtml": "html"}
TABLE_EXTENSIONS = {".csv": None, ".tsv": "\t", ".tab": "\t"}  # None: sniff , ; or tab from the header
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
SUPPORTED_EXTENSIONS = (set(ARTICLE_EXTENSIONS) | set(TABLE_EXTENSIONS) | set(JSONL_EXTENSIONS)
                        | set(FEED_EXTENSIONS))

FIELDS = ("id", "title", "source", "published", "url", "text")
# header names recognised without a --*-col option (case-insensitive), first match wins
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "article_id"),
    "title": ("title", "headline"),
    "source": ("source", "outlet", "publication"),
    "published": ("published", "date", "published_at", "pubdate"),
    "url": ("url", "link"),
    "text": ("text", "body", "content"),
}
TITLE_MAX = 200


@dataclass(slots=True)
class Article:
    """One article to analyse. `data` is the raw article (bytes, decoded later by hype.text.read_bytes)."""

    id: str
    data: bytes
    fmt: str  # txt | md | html
    origin: str  # where it came from: a path, "export.csv:12", "feed.xml#3"
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    url: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SourceError:
    """A file, row or entry that could not be read."""

    id: str | None
    origin: str
    reason: str


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,T].*)?$")


def parse_date(value) -> date | None:
    """'2025-02-18', '2025-02-18T09:30:00+01:00', '18.02.2025', 'Tue, 18 Feb 2025 09:30:00 +0100' → date.
    The calendar date as written (no time-zone conversion). Empty → None; anything else → ValueError."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    for rx, order in ((_ISO_DATE, (0, 1, 2)), (_SLASH_DATE, (0, 1, 2)), (_GERMAN_DATE, (2, 1, 0))):
        m = rx.match(s)
        if m:
            g = m.groups()
            try:
                return date(int(g[order[0]]), int(g[order[1]]), int(g[order[2]]))
            except ValueError:
                raise ValueError(f"not a valid date: {s!r}") from None
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"not a date: {s!r} (expected YYYY-MM-DD, DD.MM.YYYY or an RFC 2822 date)")


def _set_date(article: Article, value) -> None:
    try:
        d = parse_date(value)
    except ValueError as exc:
        article.notes.append(f"published date ignored: {exc}")
        return
    article.published = d.isoformat() if d else None


def _clean(value) -> str | None:
    if value is None:
        return None
    s = re.sub(r"\s+", " ", str(value)).strip()
    return s or None


def _title(value) -> str | None:
    s = _clean(value)
    if s and len(s) > TITLE_MAX:
        s = s[: TITLE_MAX - 1].rstrip() + "…"
    return s


# --------------------------------------------------------------------------- article files

_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)


class _HeadMeta(HTMLParser):
    """<title>, <meta> and <link rel=canonical> of an HTML page's head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"]
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)


def _html_meta(data: bytes) -> dict[str, str | None]:
    head = data[:65536].decode("utf-8", errors="replace")
    cut = re.search(r"</head\s*>", head, re.I)
    parser = _HeadMeta()
    try:
        parser.feed(head[: cut.end()] if cut else head)
    except Exception:  # noqa: BLE001 - metadata is a bonus; the article text is read later anyway
        return {}
    m = parser.meta
    first = lambda *keys: next((m[k] for k in keys if m.get(k)), None)  # noqa: E731
    return {
        "title": first("og:title", "twitter:title") or "".join(parser.title_parts) or None,
        "source": first("og:site_name", "application-name"),
        "published": first("article:published_time", "datepublished", "date", "dc.date", "dcterms.date",
                           "publication_date", "time"),
        "url": first("canonical", "og:url"),
    }


def _markdown_meta(data: bytes) -> dict[str, str | None]:
    m = _FRONT_MATTER.match(data[:65536].decode("utf-8-sig", errors="replace"))
    if not m:
        return {}
    meta = {}
    for line in m.group(1).splitlines():
        key, colon, value = line.partition(":")
        if colon:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    get = lambda *keys: next((meta[k] for k in keys if meta.get(k)), None)  # noqa: E731
    return {"title": get("title"), "source": get("source", "outlet"),
            "published": get("published", "date"), "url": get("url", "link")}


def read_article_file(path: Path, article_id: str) -> Article | SourceError:
    """A .txt/.md/.html article; title, outlet, date and url from Markdown front matter or the HTML head."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return SourceError(article_id, str(path), f"file too large: {path.stat().st_size / 1e6:.1f} MB "
                                                      f"(expected an article of at most {MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        return SourceError(article_id, str(path), f"cannot read file: {exc.strerror or exc}")
    fmt = ARTICLE_EXTENSIONS.get(path.suffix.lower(), "txt")
    article = Article(id=article_id, data=data, fmt=fmt, origin=str(path))
    meta = _html_meta(data) if fmt == "html" else _markdown_meta(data) if fmt == "md" else {}
    article.title = _title(meta.get("title"))
    article.outlet = _clean(meta.get("source"))
    article.url = _clean(meta.get("url"))
    _set_date(article, meta.get("published"))
    return article


# --------------------------------------------------------------------------- tables (CSV/TSV, JSON Lines)

def _resolve_columns(header: list[str], columns: dict[str, str | None], origin: str) -> dict[str, int] | SourceError:
    """field → column index. Explicit names must exist; default aliases are optional except for the text."""
    lower = {}
    for i, name in enumerate(header):
        lower.setdefault(name.strip().lower().lstrip("\ufeff"), i)
    index: dict[str, int] = {}
    for fld in FIELDS:
        explicit = columns.get(fld)
        if explicit:
            i = lower.get(explicit.strip().lower())
            if i is None:
                return SourceError(None, origin, f"no column {explicit!r} (given for the {fld}; "
                                                 f"columns: {', '.join(header)})")
            index[fld] = i
        else:
            for alias in DEFAULT_COLUMNS[fld]:
                if alias in lower:
                    index[fld] = lower[alias]
                    break
    if "text" not in index:
        return SourceError(None, origin, f"no text column (expected one of {', '.join(DEFAULT_COLUMNS['text'])} "
                                         f"or --text-col; columns: {', '.join(header) or 'none'})")
    return index


def _record_article(values: dict[str, object], fallback_id: str, origin: str, fmt: str) -> Article | SourceError:
    text = values.get("text")
    rid = _clean(values.get("id")) or _clean(values.get("url")) or fallback_id
    if text is None or not isinstance(text, str):
        if text is not None and not isinstance(text, (dict, list)):
            text = str(text)
        else:
            return SourceError(rid, origin, "no text (expected the article text in the text column)")
    if not text.strip():
        return SourceError(rid, origin, "empty text (expected the article text in the text column)")
    article = Article(id=rid, data=text.encode("utf-8"), fmt=fmt, origin=origin,
                      title=_title(values.get("title")), outlet=_clean(values.get("source")),
                      url=_clean(values.get("url")))
    _set_date(article, values.get("published"))
    return article


def _decode_file(path: Path, expected: str = "a header row and one article per row") -> str | SourceError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceError(None, str(path), f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return SourceError(None, str(path), f"empty file (expected {expected})")
    try:
        with warnings.catch_warnings():  # cp1252 exports (Excel) are common and decode fine
            warnings.simplefilter("ignore")
            text, _enc, _notes = decode(data)
    except InputError as exc:
        return SourceError(None, str(path), str(exc))
    return text


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(path: Path, columns: dict[str, str | None] | None = None, *,
               fmt: str = "txt") -> Iterator[Article | SourceError]:
    """CSV or TSV with a header row. A row with the wrong number of fields is a SourceError."""
    text = _decode_file(path)
    if isinstance(text, SourceError):
        yield text
        return
    delimiter = TABLE_EXTENSIONS.get(path.suffix.lower()) or _sniff_delimiter(text.split("\n", 1)[0])
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES * 2))
    # strict: a quote opened and never closed is an error, not a field that silently swallows the rows after it
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    raw_lines: list[str] | None = None   # split only if a line needs a second, lenient reading
    try:
        header = next(reader)
    except StopIteration:
        yield SourceError(None, str(path), "empty table (expected a header row with a text column)")
        return
    except csv.Error as exc:
        yield SourceError(None, str(path), f"unreadable header row: {exc}")
        return
    index = _resolve_columns(header, columns or {}, str(path))
    if isinstance(index, SourceError):
        yield index
        return
    last = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if reader.line_num == last + 1 and "end of data" not in str(exc):
                # a stray quote inside one line ('"Text "zwei" mit Zitat"'): read that line leniently, as
                # spreadsheets do; only quotes that run on into later rows lose articles
                if raw_lines is None:
                    raw_lines = io.StringIO(text, newline="").readlines()
                row = next(csv.reader([raw_lines[last]], delimiter=delimiter), [])
            else:
                lines = f"lines {last + 1}-{reader.line_num}" if reader.line_num > last + 1 else f"line {reader.line_num}"
                hint = ("a quoted field is never closed" if "end of data" in str(exc)
                        else "a quote opened in one field runs on into the next row")
                yield SourceError(None, f"{path}:{last + 1}", f"malformed row(s) at {lines}: {exc} ({hint}; "
                                                              "expected every opening quote to be closed)")
                last = reader.line_num
                continue
        line = reader.line_num
        last = line
        origin = f"{path}:{line}"
        if not any(cell.strip() for cell in row):
            continue
        values = {fld: (row[i] if i < len(row) else None) for fld, i in index.items()}
        if len(row) != len(header):
            rid = _clean(values.get("id")) or f"{path.name}:{line}"
            yield SourceError(rid, origin, f"malformed row: {len(row)} fields, expected {len(header)} "
                                           f"(check quoting and delimiters)")
            continue
        yield _record_article(values, f"{path.name}:{line}", origin, fmt)


def read_jsonl(path: Path, columns: dict[str, str | None] | None = None, *,
               fmt: str = "txt") -> Iterator[Article | SourceError]:
    """JSON Lines: one object per line, keys mapped like CSV columns. A bad line is a SourceError."""
    text = _decode_file(path, "one JSON object per line")
    if isinstance(text, SourceError):
        yield text
        return
    columns = columns or {}
    index: dict[str, int] | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(None, origin, f"malformed JSON line: {exc.msg}: column {exc.colno}")
            continue
        except (ValueError, RecursionError) as exc:  # e.g. a 5,000-digit number, arrays nested 100,000 deep
            yield SourceError(None, origin, f"malformed JSON line: {type(exc).__name__}: {str(exc)[:80]} "
                                            "(expected one JSON object per line)")
            continue
        if not isinstance(obj, dict):
            yield SourceError(None, origin, f"malformed JSON line: a {type(obj).__name__}, expected an object")
            continue
        keys = list(obj)
        index = _resolve_columns(keys, columns, origin)
        if isinstance(index, SourceError):
            index.id = _clean(obj.get(columns.get("id") or "id"))
            yield index
            continue
        values = {fld: obj[keys[i]] for fld, i in index.items()}
        yield _record_article(values, f"{path.name}:{n}", origin, fmt)


# --------------------------------------------------------------------------- feeds

def _detail_text(detail, fallback) -> tuple[str, str]:
    """(text, fmt) of a feedparser text construct."""
    value = (detail or {}).get("value", fallback) or ""
    kind = (detail or {}).get("type", "text/html") or "text/html"
    return value, "html" if ("html" in kind or "xml" in kind) else "txt"


def read_feed(path: Path) -> Iterator[Article | SourceError]:
    """An RSS 2.0/1.0 or Atom feed saved on disk (never fetched): one article per entry."""
    import feedparser

    try:
        data = path.read_bytes()
    except OSError as exc:
        yield SourceError(None, str(path), f"cannot read file: {exc.strerror or exc}")
        return
    parsed = feedparser.parse(io.BytesIO(data))  # a stream: feedparser never treats it as a URL
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            exc = parsed.get("bozo_exception")
            yield SourceError(None, str(path), f"not a readable RSS/Atom feed ({exc})")
        elif not parsed.get("version"):
            yield SourceError(None, str(path), "not an RSS/Atom feed (no channel or feed element)")
        return
    feed_title = _clean(html_to_text(parsed.feed.get("title", "") or ""))
    for n, entry in enumerate(parsed.entries, start=1):
        origin = f"{path}#{n}"
        link = _clean(entry.get("link"))
        eid = _clean(entry.get("id")) or link or f"{path.name}#{n}"
        contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
        if contents:
            best = max(contents, key=lambda c: len(c.get("value", "")))
            text, fmt = _detail_text(best, "")
        else:
            text, fmt = _detail_text(entry.get("summary_detail"), entry.get("summary"))
        if not text.strip():
            yield SourceError(eid, origin, "feed entry without content or summary (expected article text)")
            continue
        title_raw, title_fmt = _detail_text(entry.get("title_detail"), entry.get("title"))
        title = html_to_text(title_raw) if title_fmt == "html" else title_raw
        article = Article(id=eid, data=text.encode("utf-8"), fmt=fmt, origin=origin, title=_title(title),
                          outlet=feed_title, url=link)
        raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
        parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            d = parse_date(raw_date)
        except ValueError:
            d = date(*parsed_date[:3]) if parsed_date else None
            if d is None:
                article.notes.append(f"published date ignored: not a date: {raw_date!r}")
        article.published = d.isoformat() if d else None
        yield article


# --------------------------------------------------------------------------- folders and dispatch

def _walk(root: Path, exclude: list[Path]) -> Iterator[Path]:
    """Files under root, sorted, skipping hidden files/folders and the excluded (output) folders."""
    excluded = {p.resolve() for p in exclude}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and (here / d).resolve() not in excluded)
        for name in sorted(filenames):
            if not name.startswith(".") and not name.endswith("~"):
                yield here / name


def read_file(path: Path, article_id: str, columns: dict[str, str | None] | None = None
              ) -> Iterator[Article | SourceError]:
    if not path.is_file():  # a FIFO or device in a drop folder would block an unattended run forever
        yield SourceError(article_id, str(path), "not a regular file (expected an article file, a CSV/TSV/JSONL "
                                                 "export or a feed file)")
        return
    suffix = path.suffix.lower()
    if suffix in TABLE_EXTENSIONS:
        yield from read_table(path, columns)
    elif suffix in JSONL_EXTENSIONS:
        yield from read_jsonl(path, columns)
    elif suffix in FEED_EXTENSIONS:
        yield from read_feed(path)
    else:
        yield read_article_file(path, article_id)


def read_sources(sources: Iterable[str | Path], columns: dict[str, str | None] | None = None, *,
                 exclude: Iterable[str | Path] = (), ignored: list[str] | None = None
                 ) -> Iterator[Article | SourceError]:
    """Articles from files and folders (recursively). Inside folders only supported extensions are read
    (the others are appended to `ignored`); a file named directly is read whatever its extension
    (an unknown one as plain text)."""
    exclude = [Path(p) for p in exclude]
    for src in sources:
        path = Path(src)
        if path.is_dir():
            for f in _walk(path, exclude):
                if f.suffix.lower() in SUPPORTED_EXTENSIONS:
                    yield from read_file(f, f.relative_to(path).as_posix(), columns)
                elif ignored is not None:
                    ignored.append(str(f))
        elif path.exists():
            yield from read_file(path, path.name, columns)
        else:
            yield SourceError(None, str(path), "no such file or folder (expected an article file, a folder, "
                                               "a CSV/TSV/JSONL export or a feed file)")
