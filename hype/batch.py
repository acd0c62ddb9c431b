"""`hype batch`: analyse many articles into report folders plus an overview, incrementally and crash-safely.

    from hype.batch import run, overview
    summary = run(["drop/", "export.csv"], "reports/batch", jobs=2)
    df = overview("reports/batch")          # one row per finished article

Layout of the output folder DIR:

    DIR/articles/<slug>/report.*   one folder per article (hype.report.write_report)
    DIR/index.html                 sortable overview table with inline charts (self-contained)
    DIR/overview.csv, .jsonl       one row per finished article
    DIR/charts/*.png               hype by outlet, hype over time, hype vs. substance
    DIR/manifest.json              article id → content hash, model version, report files, overview row
    DIR/errors.jsonl               what could not be read or analysed in the latest run
    DIR/run.json                   summary of the latest run (has timestamps; not part of the idempotence promise)
    DIR/.lock                      PID of the run using DIR

Guarantees: every file is written atomically (temporary sibling + os.replace) and only when its bytes change;
the manifest is written after each finished article, so a run killed at any point leaves complete files and a
manifest that only lists articles whose reports are complete; the next run does the rest. Workers (joblib/loky)
only analyse and render into memory; the parent process writes every file.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import __version__
from .errors import HypeError, InputError, ModelError
from .modelfile import MODEL_FILE, verify_model_dir
from .sources import Article, SourceError, parse_date, read_sources

DEFAULT_OUT = "reports/batch"
DEFAULT_FORMATS = ("html", "md", "json", "png")
EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_FAILURES = 0, 1, 2, 3
MANIFEST_SCHEMA = "hype.batch.manifest/1"
ARTICLES_DIR = "articles"
CHARTS_DIR = "charts"
TMP_DIR = ".tmp"
LOCK_NAME = ".lock"
# hype.train.PACKAGED_MODEL_DIR, without importing scikit-learn just to find a path
PACKAGED_MODEL_DIR = Path(__file__).resolve().parent / "models"

METRIC_COLUMNS = ("hype_index", "rhetoric_share", "fact_density", "projection_share", "sentiment_balance")
OVERVIEW_COLUMNS = ("id", "title", "outlet", "published", "url", "language", "n_sentences", "n_figures",
                    *METRIC_COLUMNS, "verdict", "verdict_label", "top_phrases", "report")
NUMERIC_COLUMNS = frozenset(("n_sentences", "n_figures", *METRIC_COLUMNS))
TOP_PHRASES = 5
CHART_FILES = {"outlets": "hype_by_outlet.png", "time": "hype_over_time.png", "substance": "hype_vs_substance.png"}


class BatchError(HypeError):
    """The batch run cannot start or go on (output folder, manifest, lock)."""


class LockError(BatchError):
    """Another run is using the output folder."""


# --------------------------------------------------------------------------- files

def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write data to path atomically (hype.report.atomic_write: temporary sibling, fsync, os.replace), unless
    the file already holds exactly these bytes: then nothing is touched and the mtime stays.
    Returns True when the file was written."""
    from .report import atomic_write

    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(payload) and path.read_bytes() == payload:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, payload)
    return True


_TMP_FILE = re.compile(r"^\..+\.tmp$")


def _remove_leftovers(out: Path) -> int:
    """Temporary files of a killed run (ours and hype.report's: '.<name>.<random>.tmp')."""
    n = 0
    shutil.rmtree(out / TMP_DIR, ignore_errors=True)
    for folder in [out, out / CHARTS_DIR, *sorted((out / ARTICLES_DIR).glob("*"))]:
        if folder.is_dir():
            for f in folder.iterdir():
                if _TMP_FILE.match(f.name) and f.is_file():
                    f.unlink(missing_ok=True)
                    n += 1
    return n


# --------------------------------------------------------------------------- lock

def _proc_start(pid: int) -> str | None:
    """Start time of a process (clock ticks since boot) from /proc, to tell a reused PID from the holder."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()
    return fields[19] if len(fields) > 19 else None


def _proc_state(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rfind(")") + 2:].split()[0]


_HELD_LOCKS: set[str] = set()


def _pid_alive(pid: int, start: str | None) -> bool:
    if pid == os.getpid():
        return False  # a lock with our own PID is not held by another run (a reused PID, e.g. in a container)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    except OSError:
        return False
    if _proc_state(pid) == "Z":
        return False
    now = _proc_start(pid)
    return not (start and now and start != now)


class DirLock:
    """DIR/.lock created with O_EXCL and holding the PID; a lock left by a dead process is taken over."""

    def __init__(self, out: Path, warn: Callable[[str], None]):
        self.path = out / LOCK_NAME
        self.out = out
        self.warn = warn
        self.held = False

    def _read(self) -> tuple[int | None, str | None]:
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").split()
        except FileNotFoundError:
            return None, None
        try:
            pid = int(lines[0])
        except (IndexError, ValueError):
            return None, None
        return pid, (lines[1] if len(lines) > 1 else None)

    def acquire(self) -> None:
        key = str(self.path.resolve())
        if key in _HELD_LOCKS:
            raise LockError(f"another hype batch run in this process (PID {os.getpid()}) is using {self.out} "
                            f"(lock file {self.path}); wait for it to finish")
        guard = None
        try:  # serialise check-and-take-over between runs starting at the same moment
            import fcntl

            guard = os.open(self.out, os.O_RDONLY)
            fcntl.flock(guard, fcntl.LOCK_EX)
        except (ImportError, OSError):
            if guard is not None:
                os.close(guard)
            guard = None
        try:
            if self.path.is_dir() or (self.path.exists() and not self.path.is_file()):
                raise LockError(f"{self.path} is not a file (expected nothing there, or the lock file of a hype "
                                f"batch run); remove it")
            for _ in range(3):
                try:
                    fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                except FileExistsError:
                    pid, start = self._read()
                    if pid is not None and _pid_alive(pid, start):
                        raise LockError(f"another hype batch run (PID {pid}) is using {self.out} (lock file "
                                        f"{self.path}); wait for it to finish, or remove the lock file if "
                                        f"process {pid} is not hype") from None
                    who = f"PID {pid}, no such process" if pid is not None else "no PID in it"
                    self.warn(f"taking over stale lock {self.path} ({who}); an earlier run was killed, "
                              f"its finished articles are kept and the rest is done now")
                    self.path.unlink(missing_ok=True)
                    continue
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(f"{os.getpid()}\n{_proc_start(os.getpid()) or ''}\n")
                self.held = True
                _HELD_LOCKS.add(key)
                return
            raise LockError(f"cannot create the lock file {self.path} (it keeps reappearing)")
        finally:
            if guard is not None:
                os.close(guard)  # releases the flock

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        _HELD_LOCKS.discard(str(self.path.resolve()))
        pid, _ = self._read()
        if pid == os.getpid():
            self.path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- manifest

def _valid_entry(entry: Any) -> bool:
    scalar = (str, int, float, bool, type(None))
    return (isinstance(entry, dict)
            and all(isinstance(entry.get(k), str) for k in ("hash", "model", "report"))
            and isinstance(entry.get("files"), list) and all(isinstance(f, str) for f in entry["files"])
            and isinstance(entry.get("row"), dict)
            and all(isinstance(v, scalar) or (isinstance(v, list) and all(isinstance(x, scalar) for x in v))
                    for v in entry["row"].values()))


MAX_SAVE_INTERVAL = 5.0   # seconds: the most finished work a kill -9 can make the next run redo


class Manifest:
    """DIR/manifest.json: {"schema", "articles": {id: {hash, model, report, files, row}}}, one article per line,
    sorted by id (no timestamps, so an unchanged run leaves it byte-identical)."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        self._lines: dict[str, str] = {}
        self._saved_at, self._interval, self._dirty = float("-inf"), 0.0, False
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                articles = data["articles"]
                if data.get("schema") != MANIFEST_SCHEMA or not isinstance(articles, dict):
                    raise ValueError
            except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
                raise BatchError(f"{path}: not a hype batch manifest (expected schema {MANIFEST_SCHEMA}); "
                                 f"move it away to rebuild every report") from None
            for aid, entry in articles.items():
                if _valid_entry(entry):   # an entry edited by hand into another shape: rebuilt, never trusted
                    self.entries[aid] = entry

    def _line(self, aid: str) -> str:
        line = self._lines.get(aid)
        if line is None:
            line = self._lines[aid] = (json.dumps(aid, ensure_ascii=False) + ": "
                                       + json.dumps(self.entries[aid], ensure_ascii=False, sort_keys=True))
        return line

    def set(self, aid: str, entry: dict[str, Any]) -> None:
        self.entries[aid] = entry
        self._lines.pop(aid, None)

    def remove(self, aid: str) -> None:
        self.entries.pop(aid, None)
        self._lines.pop(aid, None)

    def save(self, force: bool = False) -> bool:
        """Write the manifest atomically. Between forced saves, writes are spaced so that they cost at most
        about a tenth of the run (the file grows with the corpus: 5,000 articles make 5 MB): a kill -9 then
        loses at most the last few seconds of manifest entries, whose reports the next run simply redoes."""
        now = time.monotonic()
        if not force and now - self._saved_at < self._interval:
            self._dirty = True
            return False
        body = ",\n".join(self._line(aid) for aid in sorted(self.entries))
        text = (f'{{"schema": "{MANIFEST_SCHEMA}", "articles": {{\n{body}\n}}}}\n' if body
                else f'{{"schema": "{MANIFEST_SCHEMA}", "articles": {{}}}}\n')
        changed = write_atomic(self.path, text)
        self._saved_at = time.monotonic()
        self._interval = min(MAX_SAVE_INTERVAL, 10 * (self._saved_at - now))
        self._dirty = False
        return changed

    def flush(self) -> None:
        if self._dirty:
            self.save(force=True)


# --------------------------------------------------------------------------- ids, hashes, model

def slug_for(article_id: str) -> str:
    """Report folder of an article: the id when it is already a safe lower-case name, else a safe form
    plus 8 hex digits of the id's hash (so different ids never share a folder)."""
    safe = re.sub(r"[^a-z0-9._-]+", "-", article_id.lower()).strip("-.")[:80]
    if safe != article_id or not safe:
        safe = f"{safe[:71].rstrip('-.') or 'article'}-{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:8]}"
    return safe


def content_hash(article: Article, options: dict[str, Any]) -> str:
    meta = {"hype": __version__, "fmt": article.fmt, "title": article.title, "outlet": article.outlet,
            "published": article.published, "url": article.url, **options}
    h = hashlib.sha256(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    h.update(b"\0")
    h.update(article.data)
    return h.hexdigest()


def model_version(model) -> str:
    """The model's identity: the sha256 of its model file. For a model directory the file is checked against
    its manifest first (hash only, no unpickling), on every run: a cron job must hear of a tampered model
    tonight, not on the night the next article arrives."""
    if model is None or isinstance(model, (str, Path)):
        manifest, _ = verify_model_dir(PACKAGED_MODEL_DIR if model is None else Path(model))
        return manifest["files"][MODEL_FILE]["sha256"]
    sha = model.describe().get("sha256")
    if sha:
        return sha
    import pickle

    return "unsaved-" + hashlib.sha256(pickle.dumps(model)).hexdigest()


def _iso_date(value, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date (expected YYYY-MM-DD)") from None


# --------------------------------------------------------------------------- worker

def _first_line(plain: str) -> str | None:
    for line in plain.splitlines():
        if line.strip():
            s = line.strip()
            return s if len(s) <= 200 else s[:199].rstrip() + "…"
    return None


def _number(value) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def _metric(metrics: dict[str, Any], key: str):
    value = metrics.get(key)
    if isinstance(value, dict):  # {"value": …} or {"balance": …}
        value = value.get("value", value.get(key.split("_")[-1]))
    return _number(value)


def overview_row(article: Article, analysis, report: str) -> dict[str, Any]:
    """One overview row from an analysed article; metrics the analysis lacks stay empty (None)."""
    metrics = analysis.metrics or {}
    verdict = metrics.get("verdict")
    if isinstance(verdict, dict):
        code, label = verdict.get("code"), verdict.get("label")
    else:
        code, label = verdict, None
    phrases = []
    for p in metrics.get("top_phrases") or []:
        text = p.get("text") if isinstance(p, dict) else p
        if isinstance(text, str) and text.strip() and text not in phrases:
            phrases.append(text.strip())
    row = {
        "id": article.id,
        "title": article.title or _first_line(analysis.text),
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "language": analysis.language,
        "n_sentences": len(analysis.sentences),
        "n_figures": len(analysis.figures),
        **{k: _metric(metrics, k) for k in METRIC_COLUMNS},
        "verdict": None if code is None else str(code),
        "verdict_label": None if label is None else str(label),
        "top_phrases": "; ".join(phrases[:TOP_PHRASES]) or None,
        "report": report,
    }
    return row


def _render_files(analysis, formats: Sequence[str], ui_lang: str | None, tmp_root: str) -> dict[str, bytes]:
    """The report files of one analysis as {relative path: bytes}: hype.report.write_report into a private
    temporary folder, read back (the parent compares and writes them atomically, and only when changed)."""
    from .report import write_report

    Path(tmp_root).mkdir(parents=True, exist_ok=True)
    work = tempfile.mkdtemp(dir=tmp_root, prefix="render-")
    try:
        write_report(analysis, work, formats=tuple(formats), ui_lang=ui_lang, slug="report")
        folder = Path(work) / "report"
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _main_file(files: Iterable[str]) -> str | None:
    names = list(files)
    for preferred in ("report.html", "report.md", "report.json"):
        if preferred in names:
            return preferred
    return names[0] if names else None


def process_article(article: Article, opts: dict[str, Any]) -> dict[str, Any]:
    """Analyse and render one article (runs in a worker). Never raises: a failure comes back as a result."""
    import warnings

    from .analysis import DEFAULT, analyze_document
    from .text import read_bytes

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = read_bytes(article.data, lang=opts["lang"], fmt=article.fmt, source=article.url or article.id)
            model = opts["model"]
            if model is None:
                model = DEFAULT
            elif isinstance(model, str):
                from .scoring import load_model

                model = load_model(model)
            analysis = analyze_document(doc, model, explain=opts["explain"])
            analysis.title = article.title
            files = _render_files(analysis, opts["formats"], opts["ui_lang"], opts["tmp"])
        slug = slug_for(article.id)
        row = overview_row(article, analysis, f"{ARTICLES_DIR}/{slug}/{_main_file(files)}")
        return {"ok": True, "id": article.id, "files": files, "row": row,
                "model": (analysis.model or {}).get("sha256"), "warnings": list(analysis.warnings)}
    except ModelError as exc:  # not the article's fault: the run cannot go on
        return {"ok": False, "id": article.id, "reason": str(exc), "fatal": True}
    except HypeError as exc:
        return {"ok": False, "id": article.id, "reason": str(exc)}
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop the run
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        return {"ok": False, "id": article.id, "reason": f"internal error: {type(exc).__name__}: {exc} "
                                                          f"(at {Path(where.filename).name}:{where.lineno})"}


# --------------------------------------------------------------------------- overview

def _sort_key(row: dict[str, Any]):
    h = _number(row.get("hype_index"))
    return (h is None, -(h or 0), str(row.get("id")))


def _csv_cell(column: str, value) -> str:
    """Spreadsheet-safe cell: text starting with = + - @ tab or CR gets a leading quote (no formula is ever
    evaluated); numbers in numeric columns are written as numbers (a negative balance stays -0.2)."""
    if value is None:
        return ""
    if column in NUMERIC_COLUMNS and _number(value) is not None:
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def render_overview_csv(rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(OVERVIEW_COLUMNS)
    for row in rows:
        w.writerow([_csv_cell(c, row.get(c)) for c in OVERVIEW_COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: spreadsheets then read UTF-8 umlauts correctly


def render_overview_jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps({c: row.get(c) for c in OVERVIEW_COLUMNS}, ensure_ascii=False) + "\n"
                   for row in rows).encode("utf-8")


def _figure(width=7.0, height=4.0):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def _no_data(fig, ax, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555555", transform=ax.transAxes)


# The overview's words: English by default (a batch can mix languages), German with --ui-lang de.
_OV = {
    "en": {"unknown_outlet": "(unknown outlet)", "other_outlets": "(other outlets)", "no_index": "no hype index yet",
           "axis_index100": "hype index (0–100)", "title_outlets": "Hype index by outlet",
           "no_dated": "no dated articles with a hype index yet", "article": "article", "weekly_mean": "weekly mean",
           "daily_mean": "daily mean", "axis_index": "hype index", "title_time": "Hype over time",
           "per_week": " (per week)", "per_day": " (per day)", "no_density": "no hype index / fact density yet",
           "q_hype_empty": "hype without substance", "q_hype_figs": "hype with figures",
           "q_sober_few": "sober, few figures", "q_sober_subst": "sober and substantial",
           "axis_density": "fact density (figures per 100 words; dashed line: median {m})",
           "title_substance": "Hype vs. substance", "page_title": "hype batch overview",
           "n_articles": ("{n} article", "{n} articles"), "n_outlets": ("{n} outlet", "{n} outlets"),
           "published_range": "published {a} to {b}", "published_one": "published {a}", "model": "model {m}",
           "errors_line": ("{n} input could not be read or analysed in the latest run",
                           "{n} inputs could not be read or analysed in the latest run"),
           "errors_where": "(listed at the end and in errors.jsonl).",
           "cap_outlets": "Hype index by outlet (box: middle half of the articles, orange line: median)",
           "cap_time": "Hype over time",
           "cap_substance": "Hype vs. substance: hype index against concrete figures per 100 words",
           "articles": "Articles", "help": "Sorted by hype index. With JavaScript, click a column header to sort "
                                           "by it. Each title links to the article's report.",
           "link": "link", "none_yet": "No finished articles yet.",
           "errors_head": "Not read or not analysed in the latest run", "col_id": "Id", "col_source": "Source",
           "col_reason": "Reason",
           "footer": "Written by hype {v} (hype batch). Data: overview.csv, overview.jsonl; per-run summary: run.json.",
           "cols": ("Hype index", "Verdict", "Title", "Outlet", "Published", "Lang.", "Fact density",
                    "Rhetoric share", "Projection share", "Sentiment balance", "Sentences", "Top rhetoric phrases",
                    "Original")},
    "de": {"unknown_outlet": "(Medium unbekannt)", "other_outlets": "(weitere Medien)", "no_index": "noch kein Hype-Index",
           "axis_index100": "Hype-Index (0–100)", "title_outlets": "Hype-Index nach Medium",
           "no_dated": "noch keine datierten Artikel mit Hype-Index", "article": "Artikel",
           "weekly_mean": "Wochenmittel", "daily_mean": "Tagesmittel", "axis_index": "Hype-Index",
           "title_time": "Hype im Zeitverlauf", "per_week": " (je Woche)", "per_day": " (je Tag)",
           "no_density": "noch kein Hype-Index / keine Faktendichte",
           "q_hype_empty": "Hype ohne Substanz", "q_hype_figs": "Hype mit Zahlen",
           "q_sober_few": "nüchtern, wenige Zahlen", "q_sober_subst": "nüchtern und gehaltvoll",
           "axis_density": "Faktendichte (Zahlen je 100 Wörter; gestrichelt: Median {m})",
           "title_substance": "Hype gegen Substanz", "page_title": "hype-Übersicht",
           "n_articles": ("{n} Artikel", "{n} Artikel"), "n_outlets": ("{n} Medium", "{n} Medien"),
           "published_range": "erschienen {a} bis {b}", "published_one": "erschienen {a}", "model": "Modell {m}",
           "errors_line": ("{n} Eingabe konnte im letzten Lauf nicht gelesen oder analysiert werden",
                           "{n} Eingaben konnten im letzten Lauf nicht gelesen oder analysiert werden"),
           "errors_where": "(am Ende aufgeführt und in errors.jsonl).",
           "cap_outlets": "Hype-Index nach Medium (Kasten: mittlere Hälfte der Artikel, orange Linie: Median)",
           "cap_time": "Hype im Zeitverlauf",
           "cap_substance": "Hype gegen Substanz: Hype-Index und konkrete Zahlen je 100 Wörter",
           "articles": "Artikel", "help": "Nach Hype-Index sortiert. Mit JavaScript sortiert ein Klick auf eine "
                                          "Spaltenüberschrift. Jeder Titel führt zum Bericht des Artikels.",
           "link": "Link", "none_yet": "Noch keine fertigen Artikel.",
           "errors_head": "Im letzten Lauf nicht gelesen oder nicht analysiert", "col_id": "Id",
           "col_source": "Quelle", "col_reason": "Grund",
           "footer": "Erstellt mit hype {v} (hype batch). Daten: overview.csv, overview.jsonl; Laufbericht: run.json.",
           "cols": ("Hype-Index", "Urteil", "Titel", "Medium", "Erschienen", "Spr.", "Faktendichte",
                    "Anteil Rhetorik", "Anteil Prognosen", "Stimmungsbilanz", "Sätze", "Auffälligste Formulierungen",
                    "Original")},
}


def _ov(lang: str | None) -> dict[str, Any]:
    return _OV.get(lang or "en", _OV["en"])


def _chart_outlets(rows, lang: str | None = None) -> bytes:
    w = _ov(lang)
    groups: dict[str, list[float]] = {}
    for r in rows:
        h = _number(r.get("hype_index"))
        if h is not None:
            groups.setdefault(r.get("outlet") or w["unknown_outlet"], []).append(float(h))
    top = sorted(groups, key=lambda k: (-len(groups[k]), k))[:15]
    rest = [v for k in groups if k not in top for v in groups[k]]
    data = {k: groups[k] for k in top}
    if rest:
        data[w["other_outlets"]] = rest
    names = sorted(data, key=lambda k: (sorted(data[k])[len(data[k]) // 2], k))
    fig = _figure(7.5, max(2.5, 0.45 * len(names) + 1.3))
    ax = fig.subplots()
    if not names:
        _no_data(fig, ax, w["no_index"])
        return _png(fig)
    style = {"widths": 0.6, "patch_artist": True, "boxprops": {"facecolor": "#cfe3f3", "edgecolor": "#0b4f7c"},
             "medianprops": {"color": "#b35806"}, "flierprops": {"markersize": 3}}
    try:
        ax.boxplot([data[k] for k in names], orientation="horizontal", **style)  # matplotlib >= 3.10
    except TypeError:
        ax.boxplot([data[k] for k in names], vert=False, **style)
    for i, k in enumerate(names, start=1):
        ax.plot(data[k], [i] * len(data[k]), "o", color="#0b4f7c", alpha=0.35, markersize=3)
    ax.set_yticks(range(1, len(names) + 1), [f"{k[:32]} (n={len(data[k])})" for k in names])
    ax.set_xlim(0, 100)
    ax.set_xlabel(w["axis_index100"])
    ax.set_title(w["title_outlets"])
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def _chart_time(rows, lang: str | None = None) -> bytes:
    w = _ov(lang)
    points = []
    for r in rows:
        h = _number(r.get("hype_index"))
        try:
            d = parse_date(r.get("published"))
        except ValueError:
            d = None
        if h is not None and d is not None:
            points.append((d, float(h)))
    fig = _figure(7.5, 3.6)
    ax = fig.subplots()
    if not points:
        _no_data(fig, ax, w["no_dated"])
        return _png(fig)
    points.sort()
    weekly = (points[-1][0] - points[0][0]).days > 62
    buckets: dict[date, list[float]] = {}
    for d, h in points:
        key = d - timedelta(days=d.weekday()) if weekly else d
        buckets.setdefault(key, []).append(h)
    keys = sorted(buckets)
    ax.plot([d for d, _ in points], [h for _, h in points], "o", color="#0b4f7c", alpha=0.25, markersize=3,
            label=w["article"])
    ax.plot(keys, [sum(buckets[k]) / len(buckets[k]) for k in keys], "-o", color="#b35806", markersize=4,
            label=w["weekly_mean"] if weekly else w["daily_mean"])
    ax.set_ylim(0, 100)
    ax.set_ylabel(w["axis_index"])
    ax.set_title(w["title_time"] + (w["per_week"] if weekly else w["per_day"]))
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    return _png(fig)


def _chart_substance(rows, lang: str | None = None) -> bytes:
    w = _ov(lang)
    pts = [(float(r["fact_density"]), float(r["hype_index"])) for r in rows
           if _number(r.get("fact_density")) is not None and _number(r.get("hype_index")) is not None]
    fig = _figure(6.5, 5.0)
    ax = fig.subplots()
    if not pts:
        _no_data(fig, ax, w["no_density"])
        return _png(fig)
    xs = sorted(x for x, _ in pts)
    x_mid = xs[len(xs) // 2]
    ax.scatter([x for x, _ in pts], [y for _, y in pts], s=14, color="#0b4f7c", alpha=0.6)
    ax.axhline(50, color="#888888", lw=1, ls="--")
    ax.axvline(x_mid, color="#888888", lw=1, ls="--")
    x_max = max(xs[-1] * 1.05, x_mid * 2, 1.0)
    ax.set_xlim(0, x_max)
    ax.set_ylim(0, 100)
    style = {"fontsize": 8, "color": "#555555", "transform": ax.transAxes}
    ax.text(0.02, 0.97, w["q_hype_empty"], va="top", **style)
    ax.text(0.98, 0.97, w["q_hype_figs"], va="top", ha="right", **style)
    ax.text(0.02, 0.03, w["q_sober_few"], **style)
    ax.text(0.98, 0.03, w["q_sober_subst"], ha="right", **style)
    ax.set_xlabel(w["axis_density"].format(m=f"{x_mid:.3g}"))
    ax.set_ylabel(w["axis_index"])
    ax.set_title(w["title_substance"])
    ax.grid(alpha=0.3)
    return _png(fig)


def render_charts(rows: list[dict[str, Any]], lang: str | None = None) -> dict[str, bytes]:
    return {"outlets": _chart_outlets(rows, lang), "time": _chart_time(rows, lang),
            "substance": _chart_substance(rows, lang)}


_SORT_SCRIPT = """
document.querySelectorAll("table.sortable th[data-type]").forEach(function (th) {
  th.tabIndex = 0;
  function sort() {
    var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
    var num = th.dataset.type === "num", asc = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      if (x === "" && y !== "") return 1;
      if (y === "" && x !== "") return -1;
      var c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return asc ? c : -c;
    });
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    rows.forEach(function (r) { body.appendChild(r); });
  }
  th.addEventListener("click", sort);
  th.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
  });
});
"""

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1a1a1a;line-height:1.4}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin-top:2rem}
.meta{color:#555;margin:0 0 1rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.charts figure{margin:0;flex:1 1 380px;max-width:760px}
.charts img{width:100%;height:auto;border:1px solid #ddd}figcaption{font-size:.85rem;color:#555}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2;position:sticky;top:0}th[data-type]{cursor:pointer}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{display:inline-block;height:.6rem;background:#b35806;margin-right:.3rem;vertical-align:middle}
.phrases{color:#444;font-size:.85rem}.small{font-size:.8rem;color:#555}
@media print{th{position:static}.charts img{max-width:48%}}
"""

_COLUMNS_HTML = [  # (row key, sort type or None); headers in _OV[lang]["cols"], same order
    ("hype_index", "num"),
    ("verdict_label", "text"),
    ("title", "text"),
    ("outlet", "text"),
    ("published", "text"),
    ("language", "text"),
    ("fact_density", "num"),
    ("rhetoric_share", "num"),
    ("projection_share", "num"),
    ("sentiment_balance", "num"),
    ("n_sentences", "num"),
    ("top_phrases", None),
    ("url", None),
]


def _esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _fmt_num(value, lang: str | None = None) -> str:
    v = _number(value)
    if v is None:
        return ""
    if isinstance(v, int):
        return str(v)
    out = f"{v:.3g}" if abs(v) < 10 else f"{v:.1f}"
    return out.replace(".", ",").replace("-", "−") if lang == "de" else out


def _safe_href(url) -> str | None:
    if not isinstance(url, str):
        return None
    u = url.strip()
    return u if re.match(r"^https?://", u, re.I) else None


def render_index(rows: list[dict[str, Any]], charts: dict[str, bytes], errors: list[dict[str, Any]],
                 models: list[str], lang: str | None = None) -> str:
    """The self-contained overview page: charts inline, one table row per article (pre-sorted by hype index,
    readable without JavaScript), every text HTML-escaped, links to the per-article reports. lang: the page's
    language (en, the default, or de)."""
    from urllib.parse import quote

    from .metrics import BAND_LABELS

    page_lang = lang if lang in _OV else "en"
    w = _OV[page_lang]

    script_hash = base64.b64encode(hashlib.sha256(_SORT_SCRIPT.encode("utf-8")).digest()).decode()
    outlets = sorted({r.get("outlet") for r in rows if r.get("outlet")})
    dates = sorted(r["published"] for r in rows if r.get("published"))
    plural = lambda n, key: w[key][n != 1].format(n=n)  # noqa: E731
    meta = [plural(len(rows), "n_articles"), plural(len(outlets), "n_outlets")]
    if dates:
        meta.append(w["published_range"].format(a=dates[0], b=dates[-1]) if dates[0] != dates[-1]
                    else w["published_one"].format(a=dates[0]))
    if models:
        meta.append(w["model"].format(m=", ".join(m[:12] for m in models)))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{page_lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        f"style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'\">",
        f"<title>{_esc(w['page_title'])}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_esc(w['page_title'])}</h1>",
        f'<p class="meta">{_esc(" · ".join(meta))}</p>',
    ]
    if errors:
        parts.append(f'<p class="meta"><strong>{_esc(plural(len(errors), "errors_line"))}</strong> '
                     f'{_esc(w["errors_where"])}</p>')
    captions = {"outlets": w["cap_outlets"], "time": w["cap_time"], "substance": w["cap_substance"]}
    parts.append('<div class="charts">')
    for key, fname in CHART_FILES.items():
        if key in charts:
            b64 = base64.b64encode(charts[key]).decode("ascii")
            parts.append(f'<figure><img src="data:image/png;base64,{b64}" alt="{_esc(captions[key])}">'
                         f'<figcaption>{_esc(captions[key])} — <a href="{CHARTS_DIR}/{fname}">{fname}</a>'
                         f"</figcaption></figure>")
    parts.append("</div>")
    parts.append(f"<h2>{_esc(w['articles'])}</h2>")
    parts.append(f'<p class="small">{_esc(w["help"])}</p>')
    parts.append('<table class="sortable"><thead><tr>')
    for head, (key, kind) in zip(w["cols"], _COLUMNS_HTML):
        attrs = f' data-type="{kind}"' if kind else ""
        if key == "hype_index":
            attrs += ' aria-sort="descending"'
        parts.append(f'<th scope="col"{attrs}>{_esc(head)}</th>')
    parts.append("</tr></thead><tbody>")
    for r in rows:
        cells = []
        for key, kind in _COLUMNS_HTML:
            value = r.get(key)
            if kind == "num":
                v = _number(value)
                content = _fmt_num(v, page_lang)
                if key == "hype_index" and v is not None:
                    width = max(0.0, min(100.0, float(v))) * 0.5
                    content = f'<span class="bar" style="width:{width:.1f}px"></span>{content}'
                cells.append(f'<td class="num" data-v="{"" if v is None else _esc(repr(v))}">{content}</td>')
            elif key == "title":
                title = _esc(value or r.get("id"))
                report = r.get("report")
                link = f'<a href="{_esc(quote(report))}">{title}</a>' if report else title
                cells.append(f'<td data-v="{_esc((value or r.get("id") or "").lower())}">{link}'
                             f'<br><span class="small">{_esc(r.get("id"))}</span></td>')
            elif key == "url":
                href = _safe_href(value)
                cells.append(f'<td><a href="{_esc(href)}" rel="noopener noreferrer">{_esc(w["link"])}</a></td>' if href
                             else f"<td>{_esc(value)}</td>")
            elif key == "top_phrases":
                cells.append(f'<td class="phrases">{_esc(value)}</td>')
            elif key == "verdict_label":
                # one vocabulary in the Verdict column (the page's), whatever each article's language
                label = BAND_LABELS[page_lang].get(str(r.get("verdict")), value or r.get("verdict"))
                cells.append(f'<td data-v="{_esc(label)}">{_esc(label)}</td>')
            else:
                cells.append(f'<td data-v="{_esc((value or "").lower())}">{_esc(value)}</td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    if not rows:
        parts.append(f"<p>{_esc(w['none_yet'])}</p>")
    if errors:
        parts.append(f"<h2>{_esc(w['errors_head'])}</h2>")
        parts.append(f'<table><thead><tr><th scope="col">{_esc(w["col_id"])}</th><th scope="col">'
                     f'{_esc(w["col_source"])}</th><th scope="col">{_esc(w["col_reason"])}</th></tr></thead><tbody>')
        for e in errors:
            parts.append(f"<tr><td>{_esc(e.get('id'))}</td><td>{_esc(e.get('source'))}</td>"
                         f"<td>{_esc(e.get('reason'))}</td></tr>")
        parts.append("</tbody></table>")
    parts.append(f'<p class="small">{_esc(w["footer"].format(v=__version__))}</p>')
    parts.append(f"<script>{_SORT_SCRIPT}</script>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def build_overview(out: Path, manifest: Manifest, errors: list[dict[str, Any]], lang: str | None = None) -> int:
    """Rebuild index.html, overview.csv/.jsonl and the charts (in `lang`, default English) from every finished
    article in the manifest. Files whose bytes did not change are not touched. Returns the number of rows."""
    rows = sorted((dict(e["row"]) for e in manifest.entries.values() if isinstance(e.get("row"), dict)),
                  key=_sort_key)
    charts = render_charts(rows, lang)
    for key, fname in CHART_FILES.items():
        write_atomic(out / CHARTS_DIR / fname, charts[key])
    models = sorted({e.get("model") for e in manifest.entries.values() if e.get("model")})
    listed = [{"id": e.get("id"), "source": e.get("source"), "reason": e.get("reason")} for e in errors]
    write_atomic(out / "overview.jsonl", render_overview_jsonl(rows))
    write_atomic(out / "overview.csv", render_overview_csv(rows))
    write_atomic(out / "index.html", render_index(rows, charts, listed, models, lang))
    return len(rows)


def overview(out: str | Path = DEFAULT_OUT):
    """The overview of a batch folder as a pandas DataFrame (from overview.jsonl), one row per article."""
    import pandas as pd

    path = Path(out) / "overview.jsonl"
    if not path.exists():
        raise InputError(f"{path}: no such file (expected the output folder of 'hype batch')")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pd.DataFrame(rows, columns=list(OVERVIEW_COLUMNS))


# --------------------------------------------------------------------------- progress and logging

class _Reporter:
    """Progress and messages on stderr: a tqdm bar on a terminal, plain lines otherwise (cron mail);
    quiet: only warnings and failures."""

    def __init__(self, quiet: bool, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.bar = None
        self.total = 0
        self.done = 0
        self.failed = 0
        self.t0 = time.monotonic()
        self.last = 0.0
        self.next_pct = 10
        self.warnings: list[str] = []

    def _emit(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def info(self, msg: str) -> None:
        if not self.quiet:
            self._emit(f"hype batch: {msg}")

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)
        self._emit(f"warning: {msg}")

    def failure(self, aid: str | None, origin: str, reason: str) -> None:
        self._emit(f"failed: {aid or origin}" + (f" ({origin})" if aid and origin and origin != aid else "")
                   + f": {reason}")

    def start(self, total: int) -> None:
        self.total, self.done, self.t0 = total, 0, time.monotonic()
        self.last = self.t0
        if total and self.tty and not self.quiet:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=self.stream, unit="article", dynamic_ncols=True)

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.bar is not None:
            self.bar.update(1)
            if failed:
                self.bar.set_postfix(failed=self.failed)
            return
        if self.quiet or not self.total:
            return
        now = time.monotonic()
        pct = 100 * self.done // self.total
        if pct >= self.next_pct or now - self.last >= 60 or self.done == self.total:
            while self.next_pct <= pct:
                self.next_pct += 10
            self.last = now
            rate = self.done / max(now - self.t0, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            self.info(f"{self.done}/{self.total} articles ({pct}%), {self.failed} of them failed, "
                      f"{rate:.2f} articles/s, about {eta:.0f} s left")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# --------------------------------------------------------------------------- run

def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _column_map(id_col, title_col, source_col, date_col, url_col, text_col) -> dict[str, str | None]:
    return {"id": id_col, "title": title_col, "source": source_col, "published": date_col, "url": url_col,
            "text": text_col}


def _check_formats(formats) -> tuple[str, ...]:
    if isinstance(formats, str):
        formats = formats.split(",")
    fmts = tuple(dict.fromkeys(f.strip().lower() for f in formats if f and f.strip()))
    bad = [f for f in fmts if f not in DEFAULT_FORMATS]
    if bad or not fmts:
        raise InputError(f"unknown report format {', '.join(bad) or '(none)'} "
                         f"(expected some of {', '.join(DEFAULT_FORMATS)})")
    return fmts


def run(sources: Sequence[str | Path] | str | Path, out: str | Path = DEFAULT_OUT, *, jobs: int = 1,
        force: bool = False, since=None, until=None, lang: str | None = None,
        id_col: str | None = None, title_col: str | None = None, source_col: str | None = None,
        date_col: str | None = None, url_col: str | None = None, text_col: str | None = None,
        model=None, formats: Sequence[str] | str = DEFAULT_FORMATS, ui_lang: str | None = None,
        explain: bool = True, prune: bool = False, quiet: bool = True, stream=None) -> dict[str, Any]:
    """Analyse every article of `sources` (folders, article files, CSV/TSV/JSONL exports, RSS/Atom files)
    into `out` and rebuild the overview. Only new or changed articles (or all, with a new model version or
    force=True) are analysed. Returns the run summary (also written to out/run.json); its "exit_code" is 0
    when everything was read and analysed, 3 when some inputs failed (listed in out/errors.jsonl).
    Raises BatchError/LockError/ModelError (HypeError) when the run cannot start.

    model: None (the packaged model), a model directory or a HypeModel. jobs: worker processes (0: one per
    CPU). prune: forget articles (manifest entry, report folder) that none of the sources contains any more.
    quiet: only warnings and failures on stderr (the CLI passes quiet=False unless --quiet)."""
    from .text import check_language

    started, t_start = _now(), time.monotonic()
    if isinstance(sources, (str, Path)):
        sources = [sources]
    sources = [Path(s) for s in sources]
    if not sources:
        raise InputError("no sources (expected folders, article files, CSV/TSV/JSONL exports or feed files)")
    since_d, until_d = _iso_date(since, "since"), _iso_date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise InputError(f"since {since_d} is after until {until_d} (expected since <= until)")
    if lang:
        check_language(lang)
    if ui_lang and ui_lang not in ("de", "en"):
        raise InputError(f"unsupported UI language {ui_lang!r} (expected de or en)")
    fmts = _check_formats(formats)
    jobs = int(jobs)
    if jobs < 0:
        raise InputError(f"jobs {jobs} (expected 1 or more, or 0 for one per CPU)")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    columns = _column_map(id_col, title_col, source_col, date_col, url_col, text_col)
    rep = _Reporter(quiet, stream)

    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK):
        raise BatchError(f"output folder {out} is not writable (expected a folder this user can write)")
    lock = DirLock(out, rep.warn)
    lock.acquire()
    summary: dict[str, Any] = {"status": "running", "pid": os.getpid(), "started": started,
                               "out": str(out), "sources": [str(s) for s in sources], "jobs": jobs}
    errors: list[dict[str, Any]] = []
    durations: dict[str, float] = {}
    counts = dict.fromkeys(("found", "new", "changed", "skipped", "failed", "filtered", "undated",
                            "duplicates", "pruned", "processed"), 0)
    reasons = dict.fromkeys(("content", "model", "missing_report", "force"), 0)
    version = None
    try:
        _remove_leftovers(out)
        write_atomic(out / "run.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        manifest = Manifest(out / "manifest.json")
        version = model_version(model)
        options = {"lang": lang, "formats": list(fmts), "ui_lang": ui_lang, "explain": bool(explain)}

        def record(aid: str | None, origin: str, reason: str) -> None:
            errors.append({"id": aid, "source": origin, "reason": reason, "time": _now()})
            rep.failure(aid, origin, reason)
            write_atomic(out / "errors.jsonl",
                         "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))

        # ---- scan
        t0 = time.monotonic()
        ignored: list[str] = []
        seen: dict[str, tuple[str, str]] = {}  # id → (hash, origin)
        todo: list[tuple[Article, str]] = []
        source_errors: list[SourceError] = []
        for item in read_sources(sources, columns, exclude=[out], ignored=ignored):
            if isinstance(item, SourceError):
                source_errors.append(item)
                continue
            h = content_hash(item, options)
            if item.id in seen:
                if seen[item.id][0] == h:
                    counts["duplicates"] += 1
                else:
                    source_errors.append(SourceError(item.id, item.origin,
                                                     f"duplicate id with different content (kept the article "
                                                     f"from {seen[item.id][1]}; give the articles distinct ids)"))
                continue
            seen[item.id] = (h, item.origin)
            counts["found"] += 1
            for note in item.notes:
                rep.warn(f"{item.id} ({item.origin}): {note}")
            if item.published is None:
                counts["undated"] += 1
            elif ((since_d and item.published < since_d.isoformat())
                  or (until_d and item.published > until_d.isoformat())):
                counts["filtered"] += 1
                continue
            todo.append((item, h))
        write_atomic(out / "errors.jsonl", b"")  # the failures of this run only
        for se in source_errors:
            record(se.id, se.origin, se.reason)
        if ignored:
            rep.info(f"ignored {len(ignored)} file(s) with unsupported extensions, e.g. {ignored[0]}")
        if counts["undated"] and (since_d or until_d):
            rep.info(f"{counts['undated']} article(s) without a published date kept (--since/--until only "
                     f"filter dated articles)")

        # ---- what to do
        work: list[tuple[Article, str]] = []
        for art, h in todo:
            entry = manifest.entries.get(art.id)
            if entry is None:
                counts["new"] += 1
                work.append((art, h))
                continue
            folder = out / entry.get("report", "")
            missing = not entry.get("files") or any(not (folder / f).is_file() for f in entry["files"])
            why = ("force" if force else "content" if entry.get("hash") != h else
                   "model" if entry.get("model") != version else "missing_report" if missing else None)
            if why is None:
                counts["skipped"] += 1
            else:
                counts["changed"] += 1
                reasons[why] += 1
                work.append((art, h))
        if prune and any(se.id is None for se in source_errors):
            rep.warn("--prune skipped: some sources could not be read, so their articles would look deleted")
        elif prune:
            gone = sorted(set(manifest.entries) - set(seen))
            folders = [manifest.entries[aid].get("report") for aid in gone]
            for aid in gone:
                manifest.remove(aid)
            if gone:
                manifest.save(force=True)   # forget them first: a crash then leaves folders, never dangling entries
            for folder in folders:
                if folder and Path(folder).parts[:1] == (ARTICLES_DIR,):
                    shutil.rmtree(out / folder, ignore_errors=True)
            counts["pruned"] += len(gone)
        durations["scan"] = round(time.monotonic() - t0, 3)
        rep.info(f"{counts['found']} article(s) found: {counts['new']} new, {counts['changed']} changed, "
                 f"{counts['skipped']} unchanged" + (f", {counts['filtered']} outside the date range"
                                                     if counts["filtered"] else "")
                 + (f", {len(source_errors)} unreadable" if source_errors else ""))

        # ---- analyse (workers) and write (here)
        t0 = time.monotonic()
        if work:
            _process(work, out, manifest, version, model, fmts, ui_lang, lang, explain, jobs, rep, record, counts)
        durations["process"] = round(time.monotonic() - t0, 3)

        # ---- overview
        t0 = time.monotonic()
        n_rows = build_overview(out, manifest, errors, ui_lang)
        durations["overview"] = round(time.monotonic() - t0, 3)
        counts["failed"] = len(errors)
        exit_code = EXIT_FAILURES if errors else EXIT_OK
        durations["total"] = round(time.monotonic() - t_start, 3)
        summary.update({
            "status": "failures" if errors else "ok", "exit_code": exit_code, "finished": _now(),
            **counts, "reprocess_reasons": reasons, "ignored_files": len(ignored), "articles_in_overview": n_rows,
            "model": version, "hype": __version__, "durations": durations,
            "articles_per_second": (round(counts["processed"] / durations["process"], 3)
                                    if counts["processed"] and durations["process"] else None),
            "warnings": rep.warnings,
        })
        summary.pop("pid", None)
        write_atomic(out / "run.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        rep.info(f"done in {durations['total']:.1f} s: {counts['processed']} analysed, {counts['skipped']} "
                 f"unchanged, {counts['failed']} failed; overview: {out / 'index.html'} ({n_rows} articles)")
        return summary
    except BaseException as exc:
        rep.close()
        summary.update({"status": "interrupted" if isinstance(exc, KeyboardInterrupt) else "fatal",
                        "exit_code": 130 if isinstance(exc, KeyboardInterrupt) else EXIT_FATAL,
                        "finished": _now(), "error": str(exc) or type(exc).__name__, **counts, "model": version,
                        "durations": durations, "warnings": rep.warnings})
        summary.pop("pid", None)
        try:
            write_atomic(out / "run.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        except OSError:
            pass
        raise
    finally:
        rep.close()
        shutil.rmtree(out / TMP_DIR, ignore_errors=True)
        lock.release()


def _process(work, out: Path, manifest: Manifest, version: str, model, fmts, ui_lang, lang, explain, jobs,
             rep: _Reporter, record, counts) -> None:
    tmp = out / TMP_DIR
    tmp.mkdir(exist_ok=True)
    model_ref = model
    loaded = None
    if isinstance(model, (str, Path)) or model is None:
        model_ref = None if model is None else str(Path(model).resolve())
        if jobs == 1 or len(work) == 1:  # with workers, each worker loads (and verifies) its own copy
            from .scoring import load_model

            loaded = load_model(model_ref)  # verified against its manifest
    opts = {"lang": lang, "formats": fmts, "ui_lang": ui_lang, "explain": bool(explain), "tmp": str(tmp)}
    hashes = {a.id: h for a, h in work}
    articles = {a.id: a for a, _ in work}
    rep.start(len(work))

    def finish(result: dict[str, Any]) -> None:
        art = articles[result["id"]]
        if result["ok"] and result.get("model") not in (None, version):
            result = {"ok": False, "reason": f"analysed with model {result['model'][:12]}, expected {version[:12]} "
                                            f"(the model files changed during the run; run again)"}
        if result.get("fatal"):
            raise ModelError(result["reason"])
        if not result["ok"]:
            record(art.id, art.origin, result["reason"])
            rep.advance(True)
            return
        slug = slug_for(art.id)
        folder = out / ARTICLES_DIR / slug
        files: dict[str, bytes] = result["files"]
        try:
            for rel, data in files.items():
                write_atomic(folder / rel, data)
            for stale in sorted(folder.rglob("*"), reverse=True):  # files of an earlier report this one lacks
                rel = stale.relative_to(folder).as_posix()
                if stale.is_file() and rel not in files:
                    stale.unlink(missing_ok=True)
                elif stale.is_dir() and not any(stale.iterdir()):
                    stale.rmdir()
        except OSError as exc:  # e.g. a file where the report folder should be: this article fails, the run goes on
            record(art.id, art.origin, f"cannot write its report to {folder}: {exc.strerror or exc}")
            rep.advance(True)
            return
        manifest.set(art.id, {"hash": hashes[art.id], "model": version, "report": f"{ARTICLES_DIR}/{slug}",
                              "files": sorted(files), "source": art.origin, "row": result["row"]})
        manifest.save()
        counts["processed"] += 1
        for note in result.get("warnings") or ():   # e.g. "not UTF-8": cron mail and run.json must say so
            rep.warn(f"{art.id} ({art.origin}): {note}")
        rep.advance(False)

    try:
        if jobs == 1 or len(work) == 1:
            in_process = {**opts, "model": loaded if loaded is not None else model}
            for art, _ in work:
                finish(process_article(art, in_process))
        else:
            from joblib import Parallel, delayed

            model_dir = model_ref
            if not isinstance(model_ref, (str, type(None))):  # a HypeModel object: hand workers a saved copy
                model_dir = str(tmp / "model")
                model_ref.save(model_dir)
            wopts = {**opts, "model": model_dir}
            try:
                parallel = Parallel(n_jobs=jobs, backend="loky", return_as="generator_unordered",
                                    pre_dispatch="2*n_jobs")
            except ValueError:  # joblib < 1.4: results in order, still streamed
                parallel = Parallel(n_jobs=jobs, backend="loky", return_as="generator", pre_dispatch="2*n_jobs")
            # one task per article (joblib batches the dispatch); results stream back as they finish
            for result in parallel(delayed(process_article)(a, wopts) for a, _ in work):
                finish(result)
    finally:
        manifest.flush()   # whatever ended the loop (done, Ctrl-C, SIGTERM, a fatal error): record what finished
        rep.close()
