"""Labelled sentence files for training and evaluation: the corpus, CheckThat! TSVs, plain CSV/TSV."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .errors import InputError
from .model import TASKS, check_task

FORMATS = ("corpus", "checkthat", "csv")
CHECKTHAT_MAP = {"SUBJ": 1, "OBJ": 0}


def parse_label_map(spec: str | None) -> dict[str, object] | None:
    """'SUBJ=1,OBJ=0' → {'SUBJ': 1, 'OBJ': 0} (values that look like integers become ints)."""
    if not spec:
        return None
    out: dict[str, object] = {}
    for part in spec.split(","):
        key, eq, value = part.partition("=")
        if not eq or not key.strip():
            raise InputError(f"bad --label-map entry {part!r} (expected FOREIGN=OURS pairs such as SUBJ=1,OBJ=0)")
        value = value.strip()
        out[key.strip()] = int(value) if value.lstrip("-").isdigit() else value
    return out


def _language_from_path(path: Path) -> str | None:
    for part in reversed(path.parts):
        if part in ("de", "en"):
            return part
    for tag in ("_de", ".de.", "-de", "_en", ".en.", "-en"):
        if tag in path.name:
            return tag.strip("_.-")
    return None


def _map_labels(labels: pd.Series, mapping: dict | None, task: str, path: Path) -> pd.Series:
    if mapping:
        unknown = sorted(set(labels.astype(str)) - set(mapping))
        if unknown:
            raise InputError(f"{path}: labels {unknown[:5]} are not in --label-map (expected one of {sorted(mapping)})")
        labels = labels.astype(str).map(mapping)
    valid = set(TASKS[task])
    if task == "rhetoric":
        try:
            labels = labels.astype(int)
        except (TypeError, ValueError):
            raise InputError(f"{path}: rhetoric labels must be 0/1 (use --label-map to translate, e.g. SUBJ=1,OBJ=0)") from None
    bad = sorted(set(labels) - valid, key=str)
    if bad:
        raise InputError(f"{path}: labels {bad[:5]} are not valid for task {task} (expected {sorted(valid, key=str)}; use --label-map)")
    return labels


def read_table(path: str | Path, sep: str | None = None) -> pd.DataFrame:
    import warnings

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file (expected a labelled CSV/TSV file)")
    if not path.is_file():
        raise InputError(f"{path}: not a file (expected a labelled CSV/TSV file)")
    if sep is None:
        sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    try:
        with warnings.catch_warnings():
            # rows longer than the header: pandas would silently turn the first column into an index
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(path, sep=sep, quoting=csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL,
                               dtype=str, keep_default_na=False, encoding="utf-8-sig", index_col=False)
    except pd.errors.ParserWarning:
        raise InputError(f"{path}: malformed {'TSV' if sep == chr(9) else 'CSV'} (rows have more fields than the "
                         "header; expected one row per sentence with the same number of columns — quote text "
                         "that contains the separator)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}; expected a labelled CSV/TSV file)") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (expected a UTF-8 CSV/TSV file)") from None
    except (pd.errors.ParserError, csv.Error) as exc:
        raise InputError(f"{path}: malformed {'TSV' if sep == chr(9) else 'CSV'} ({str(exc).strip().splitlines()[-1]}) "
                         "(expected one row per sentence with the same number of columns)") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: empty file (expected a header row and labelled sentences)") from None


def load_labelled(path: str | Path, fmt: str, task: str, *, text_col: str | None = None, label_col: str | None = None,
                  label_map: dict | None = None, lang: str | None = None, split: str | None = None) -> pd.DataFrame:
    """DataFrame with columns text, language, label, group (the event/row for grouped CV) and, for the
    corpus, article (so context-aware tasks read each sentence in its article)."""
    check_task(task)
    if fmt not in FORMATS:
        raise InputError(f"unknown data format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    path = Path(path)
    if fmt == "corpus":
        from .corpus import load_corpus

        if not (path / "annotations.jsonl").is_file():
            raise InputError(f"{path}: not a corpus folder (expected the project's corpora/ with "
                             "annotations.jsonl)")
        df = load_corpus(path)
        if split:
            df = df[df["split"] == split]
        if lang:
            df = df[df["language"] == lang]
        return pd.DataFrame({"text": df["text"].values, "language": df["language"].values,
                             "label": df[task].values, "group": df["event"].values,
                             "article": df["article_id"].values})
    table = read_table(path)
    if fmt == "checkthat":
        text_col, label_col = text_col or "sentence", label_col or "label"
        label_map = label_map or CHECKTHAT_MAP
    if not text_col or not label_col:
        raise InputError("--text-col and --label-col are required for --format csv (expected the column names)")
    for col in (text_col, label_col):
        if col not in table.columns:
            raise InputError(f"{path}: no column {col!r} (expected one of: {', '.join(map(str, table.columns))})")
    table = table[table[text_col].str.strip() != ""]
    if table.empty:
        raise InputError(f"{path}: no labelled sentences (expected rows with text in column {text_col!r})")
    language = lang or _language_from_path(path)
    if language is None:
        from .features import guess_language

        langs = [guess_language(t) for t in table[text_col]]
    else:
        langs = [language] * len(table)
    labels = _map_labels(table[label_col], label_map, task, path)
    return pd.DataFrame({"text": table[text_col].values, "language": langs, "label": labels.values,
                         "group": range(len(table))})
