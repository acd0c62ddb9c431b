"""Training: grouped cross-validated model selection on the corpus train split, then the
shipped model (`hype train`), or a single-task model on a user's labelled file."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, log_loss
from sklearn.model_selection import GroupKFold

from .errors import InputError
from .evaluate import classification_metrics
from .model import TASKS, HypeModel, make_featurizer, make_head, single_threaded

PACKAGED_MODEL_DIR = Path(__file__).resolve().parent / "models"

# The documented grid (docs/model-card.md): feature families × head × regularisation.
# ComplementNB is left out: it needs non-negative features, and the standardised cue block is not.
FEATURE_GRID = (("stem", "cue"), ("char", "cue"), ("stem", "char", "cue"))
# On a user's own labelled file the packaged model's opinion of each sentence is one more candidate family
# (model.BaseScores); CV decides. Measured on CheckThat! 2025: +0.013 CV / +0.03 dev_test for German, worse
# for English (docs/model-card.md).
FILE_FEATURE_GRID = FEATURE_GRID + (("stem", "char", "cue", "base"),)
HEAD_GRID = (
    [{"estimator": "logreg", "C": c, "class_weight": "balanced"} for c in (0.3, 1.0, 3.0, 10.0)]
    + [{"estimator": "svm", "C": c, "class_weight": "balanced"} for c in (0.03, 0.1, 0.3)]
)
# What `hype train` chose by grouped 5-fold CV over events on the corpus train split (the manifest's "selection";
# tests/test_train.py checks they agree), used as is by `hype train --no-select`.
DEFAULT_SELECTION = {"features": ("stem", "char", "cue"),
                     "heads": {"rhetoric": {"estimator": "logreg", "C": 10.0, "class_weight": "balanced"},
                               "claim": {"estimator": "logreg", "C": 10.0, "class_weight": "balanced"},
                               "sentiment": {"estimator": "logreg", "C": 1.0, "class_weight": "balanced"}}}


def _frame(df: pd.DataFrame) -> pd.DataFrame:
    return df[["text", "language"]].reset_index(drop=True)


def _choose_head(sub: pd.DataFrame) -> pd.Series:
    """Macro-F1 decides, the proper scoring rule breaks ties: among the heads whose CV macro-F1 is within one
    standard error (over folds) of the best, the one with the lowest CV log loss. Differences smaller than one SE
    are noise to CV, while log loss also rewards honest probabilities. Plain best macro-F1 chose C=10 for every
    head on the 4,130-sentence corpus of 2026-11-30, which made the sentence-alone sentiment probabilities
    overconfident (CV log loss 0.779 against 0.738 at C=3); smallest-C-within-one-SE instead left rhetoric
    underconfident (test ECE 0.08; docs/model-card.md, "Round 3")."""
    best = sub.loc[sub["cv_macro_f1"].idxmax()]
    se = best.get("cv_se", 0.0)
    se = 0.0 if pd.isna(se) else float(se)
    tied = sub[sub["cv_macro_f1"] >= best["cv_macro_f1"] - se]
    if "cv_log_loss" not in tied:
        return best
    return tied.sort_values(["cv_log_loss", "cv_macro_f1"], ascending=[True, False]).iloc[0]


@single_threaded
def select(df: pd.DataFrame, tasks: dict[str, str], *, n_splits: int = 5, feature_grid=FEATURE_GRID,
           head_grid=HEAD_GRID, log: Callable[[str], None] = lambda s: None, random_state: int = 0) -> dict[str, Any]:
    """Grouped k-fold CV over articles/events: featurizer per fold and feature set, then every head.

    tasks maps task name → label column in df. Returns the chosen feature set (best mean macro-F1
    over tasks, since the featurizer is shared) and per task a head (`_choose_head`: best macro-F1 up to one
    standard error, then lowest log loss), plus the whole table.
    """
    groups = df["group"].values
    n_splits = min(n_splits, len(set(groups)))
    folds = list(GroupKFold(n_splits=n_splits).split(df, groups=groups))
    X = _frame(df)
    table = []
    for feats in feature_grid:
        preds = {(t, i): [] for t in tasks for i in range(len(head_grid))}
        truth = {t: [] for t in tasks}
        fold_f1 = {(t, i): [] for t in tasks for i in range(len(head_grid))}
        proba = {(t, i): [] for t in tasks for i in range(len(head_grid))}
        for tr, te in folds:
            fz = make_featurizer(feats)
            Xtr = fz.fit_transform(X.iloc[tr])
            Xte = fz.transform(X.iloc[te])
            for t, col in tasks.items():
                y = df[col].values
                truth[t].extend(y[te])
                for i, hp in enumerate(head_grid):
                    head = make_head(hp["estimator"], hp["C"], hp["class_weight"], random_state)
                    head.fit(Xtr, y[tr])
                    P = head.predict_proba(Xte)
                    pred = head.classes_[P.argmax(axis=1)]
                    proba[(t, i)].append(pd.DataFrame(P, columns=head.classes_))
                    preds[(t, i)].extend(pred)
                    fold_f1[(t, i)].append(f1_score(y[te], pred, average="macro"))
        for t in tasks:
            for i, hp in enumerate(head_grid):
                f1 = f1_score(list(truth[t]), list(preds[(t, i)]), average="macro")
                se = float(np.std(fold_f1[(t, i)], ddof=1) / np.sqrt(len(folds))) if len(folds) > 1 else 0.0
                # A class missing from a training fold has no column there: its probability is 0, which costs
                # log_loss's clip (~34.5 nats) per such row for every head alike, so the ranking of heads holds
                # even when the absolute value means little (tiny user files).
                P = pd.concat(proba[(t, i)], ignore_index=True).fillna(0.0)
                ll = log_loss(list(truth[t]), P.values, labels=list(P.columns))
                table.append({"task": t, "features": "+".join(feats), **hp, "cv_macro_f1": round(float(f1), 4),
                              "cv_se": round(se, 4), "cv_log_loss": round(float(ll), 4)})
        log(f"  features {'+'.join(feats)}: " + ", ".join(
            f"{t} {max(r['cv_macro_f1'] for r in table if r['task'] == t and r['features'] == '+'.join(feats)):.3f}"
            for t in tasks))
    res = pd.DataFrame(table)
    best_per_feats = res.groupby(["features", "task"])["cv_macro_f1"].max().groupby("features").mean()
    best_feats = best_per_feats.idxmax()
    heads, cv = {}, {}
    for t in tasks:
        row = _choose_head(res[(res["task"] == t) & (res["features"] == best_feats)])
        heads[t] = {"estimator": row["estimator"], "C": float(row["C"]),
                    "class_weight": None if pd.isna(row["class_weight"]) else row["class_weight"]}
        cv[t] = float(row["cv_macro_f1"])
    return {"features": tuple(best_feats.split("+")), "heads": heads, "n_splits": n_splits,
            "cv": cv,
            "table": table}


def evaluate_model(model: HypeModel, df: pd.DataFrame, task: str, label_col: str = "label") -> dict[str, Any]:
    """Metrics of one task on labelled sentences; with an article (or article_id) column, sentences are
    read in their articles, as analyze() reads them."""
    proba, classes = model.predict_proba(_frame(df), task, articles=_articles(df))
    pred = [classes[k] for k in proba.argmax(axis=1)]
    return classification_metrics(list(df[label_col]), pred, proba, classes)


def _articles(df: pd.DataFrame):
    for col in ("article", "article_id"):
        if col in df.columns:
            return df[col].values
    return None


def train_corpus(corpus: str | Path | None = None, out: str | Path | None = None, *, do_select: bool = True,
                 log: Callable[[str], None] = print) -> tuple[HypeModel, dict[str, Any]]:
    """Train the shipped three-task model on the corpus train split and evaluate on its test split."""
    from .corpus import corpus_hash, default_root, load_corpus

    root = Path(corpus) if corpus else default_root()
    df = load_corpus(root)
    df = df.assign(group=df["event"])
    train, test = df[df["split"] == "train"], df[df["split"] == "test"]
    t0 = time.perf_counter()
    if do_select:
        log(f"model selection: {len(train)} train sentences, grouped {5}-fold CV over events")
        sel = select(train, {t: t for t in TASKS}, log=log)
    else:
        sel = {**DEFAULT_SELECTION, "table": [], "cv": {}}
    log(f"chosen: features {'+'.join(sel['features'])}; " + "; ".join(
        f"{t}: {h['estimator']} C={h['C']}" for t, h in sel["heads"].items()))
    model = HypeModel.train(_frame(train), {t: train[t].values for t in TASKS}, features=sel["features"],
                            heads=sel["heads"], articles=train["article_id"].values, groups=train["group"].values)
    metrics: dict[str, Any] = {}
    for t in TASKS:
        metrics[t] = {"all": evaluate_model(model, test, t, t)}
        for lang in ("de", "en"):
            part = test[test["language"] == lang]
            if len(part):
                metrics[t][lang] = evaluate_model(model, part, t, t)
        log(f"  test {t}: macro-F1 de {metrics[t].get('de', {}).get('macro_f1')} "
            f"en {metrics[t].get('en', {}).get('macro_f1')}")
    # The challenge split (round 3: hard sentiment cases, written after the test split was drawn) is never
    # trained on; its numbers say how the model copes with them (docs/model-card.md).
    challenge = df[df["split"] == "challenge"]
    challenge_metrics: dict[str, Any] = {}
    for t in TASKS if len(challenge) else ():
        challenge_metrics[t] = {lang: evaluate_model(model, part, t, t)
                                for lang, part in challenge.groupby("language")}
        log(f"  challenge {t}: macro-F1 " + " ".join(
            f"{lang} {m['macro_f1']}" for lang, m in challenge_metrics[t].items()))
    extra = {
        "trained_on": {"corpus": str(root.name), "corpus_sha256": corpus_hash(root),
                       "train_sentences": int(len(train)), "test_sentences": int(len(test)),
                       "challenge_sentences": int(len(challenge))},
        "selection": {"features": list(sel["features"]), "heads": sel["heads"], "cv_macro_f1": sel.get("cv", {}),
                      "grid_size": len(sel.get("table", [])), "table": sel.get("table", [])},
        "metrics": {"corpus_test": metrics, **({"corpus_challenge": challenge_metrics} if challenge_metrics else {})},
        "seconds": round(time.perf_counter() - t0, 1),
    }
    if out is not None:
        model.save(out, extra=extra)
    return model, extra


MIN_TRAIN = 10   # fewer sentences cannot fill 5 CV folds with two each


def train_file(df: pd.DataFrame, task: str, out: str | Path | None = None, *, do_select: bool = True,
               source: str = "", log: Callable[[str], None] = print) -> tuple[HypeModel, dict[str, Any]]:
    """A single-task model on a user's labelled sentences (columns text, language, label, group)."""
    counts = df["label"].value_counts()
    if len(counts) < 2:
        raise InputError(f"{source}: every sentence has the label {counts.index[0]} "
                         "(expected at least two classes to train on)")
    if len(df) < MIN_TRAIN or counts.min() < 2:
        raise InputError(f"{source}: {len(df)} labelled sentences, smallest class {counts.idxmin()} with "
                         f"{counts.min()} (expected at least {MIN_TRAIN} sentences and 2 per class)")
    try:
        return _train_file(df, task, out, do_select=do_select, source=source, log=log)
    except ValueError as e:  # e.g. a vocabulary that is empty after pruning rare words
        raise InputError(f"{source}: cannot train on these sentences ({e})") from None


def _train_file(df, task, out, *, do_select, source, log):
    if do_select:
        log(f"model selection: {len(df)} sentences, 5-fold CV")
        grid = FILE_FEATURE_GRID if (PACKAGED_MODEL_DIR / "manifest.json").exists() else FEATURE_GRID
        sel = select(df, {task: "label"}, log=log, feature_grid=grid)
        features, heads = sel["features"], sel["heads"]
    else:
        sel = {}
        features, heads = DEFAULT_SELECTION["features"], {task: DEFAULT_SELECTION["heads"][task]}
    model = HypeModel.train(_frame(df), {task: df["label"].values}, features=features, heads=heads)
    extra = {"trained_on": {"file": source, "sentences": int(len(df))},
             "selection": {"features": list(features), "heads": heads, "cv_macro_f1": sel.get("cv", {})}}
    if out is not None:
        model.save(out, extra=extra)
    return model, extra
