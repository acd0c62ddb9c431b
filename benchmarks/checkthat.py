"""CheckThat! 2025 subjectivity (de, en) side by side: majority baseline, plain TF-IDF + LR, our model.

    python benchmarks/checkthat.py [--data DIR] [--model DIR] [--full-grid]

Zero-shot: models trained only on the corpus train split, rhetoric head's P(1) > 0.5 vs SUBJ=1/OBJ=0.
  --model DIR evaluates an existing HypeModel directory instead of training the default one.
In-domain: trained on train.tsv + dev.tsv per language; hyperparameters and the feature set (with or without
  the packaged model's scores as features, the `base` family of `hype train --data`) picked by 5-fold CV on
  train+dev (never on dev_test); dev_test is scored once, at the end.
The CheckThat rows are read from DIR and never written anywhere.
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, make_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hype.corpus import load_corpus  # noqa: E402
from hype.datasets import load_labelled  # noqa: E402
from hype.model import HypeModel  # noqa: E402
from hype.train import DEFAULT_SELECTION, FILE_FEATURE_GRID, select, train_corpus  # noqa: E402

DEFAULT_DATA = "/work/shared/benchmarks/checkthat2025-subjectivity"
PLAIN_C = (0.3, 1.0, 3.0, 10.0)
SMALL_HEAD_GRID = [{"estimator": "logreg", "C": c, "class_weight": "balanced"} for c in (0.3, 1.0, 3.0, 10.0)]


def plain_model(C: float):
    """Word 1-2 + char_wb 2-5 TF-IDF, LogisticRegression: the reference baseline."""
    feats = FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
                          ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True))])
    return make_pipeline(feats, LogisticRegression(C=C, class_weight="balanced", max_iter=3000, solver="newton-cg"))


def macro(y, pred) -> float:
    return round(float(f1_score(list(y), list(pred), average="macro", labels=[0, 1], zero_division=0)), 4)


def plain_select(texts, y) -> float:
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y))
    best = None
    for C in PLAIN_C:
        pred = np.empty(len(y), dtype=int)
        for a, b in folds:
            pred[b] = plain_model(C).fit(texts[a], y[a]).predict(texts[b])
        f = macro(y, pred)
        if best is None or f > best[1]:
            best = (C, f)
    return best[0]


def ours_predict(model: HypeModel, df: pd.DataFrame) -> np.ndarray:
    proba, classes = model.predict_proba(df[["text", "language"]].reset_index(drop=True), "rhetoric")
    return (proba[:, list(classes).index(1)] > 0.5).astype(int)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--model", default=None, help="corpus-trained HypeModel directory for zero-shot")
    ap.add_argument("--full-grid", action="store_true", help="in-domain selection over hype.train's full grid")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    data = Path(args.data)
    t0 = time.perf_counter()
    ct = {lang: {part: load_labelled(data / lang / f"{part}.tsv", "checkthat", "rhetoric")
                 for part in ("train", "dev", "dev_test")} for lang in ("de", "en")}
    rows = []

    # ---------------------------------------------------------------- zero-shot (corpus only)
    corpus = load_corpus()
    ctrain = corpus[corpus["split"] == "train"]
    if args.model:
        ours = HypeModel.load(args.model)
    else:
        ours, _ = train_corpus(None, None, do_select=False, log=lambda s: None)
    plain_zs = plain_model(1.0).fit(ctrain["text"].values, ctrain["rhetoric"].astype(int).values)
    majority_zs = int(ctrain["rhetoric"].astype(int).mode()[0])
    for lang in ("de", "en"):
        test = ct[lang]["dev_test"]
        y = test["label"].astype(int).values
        rows.append({"setting": "zero-shot", "lang": lang, "system": "majority (corpus)",
                     "dev_test_macro_f1": macro(y, np.full(len(y), majority_zs)), "cv_macro_f1": None})
        rows.append({"setting": "zero-shot", "lang": lang, "system": "plain tfidf+LR C=1",
                     "dev_test_macro_f1": macro(y, plain_zs.predict(test["text"].values)), "cv_macro_f1": None})
        rows.append({"setting": "zero-shot", "lang": lang, "system": "hype (rhetoric head)",
                     "dev_test_macro_f1": macro(y, ours_predict(ours, test)), "cv_macro_f1": None})

    # ---------------------------------------------------------------- in-domain (train+dev)
    for lang in ("de", "en"):
        train = pd.concat([ct[lang]["train"], ct[lang]["dev"]], ignore_index=True)
        train["group"] = np.arange(len(train))
        test = ct[lang]["dev_test"]
        y, yt = train["label"].astype(int).values, test["label"].astype(int).values
        maj = int(pd.Series(y).mode()[0])
        rows.append({"setting": "in-domain", "lang": lang, "system": "majority",
                     "dev_test_macro_f1": macro(yt, np.full(len(yt), maj)), "cv_macro_f1": None})
        C = plain_select(train["text"].values, y)
        plain = plain_model(C).fit(train["text"].values, y)
        rows.append({"setting": "in-domain", "lang": lang, "system": f"plain tfidf+LR C={C}",
                     "dev_test_macro_f1": macro(yt, plain.predict(test["text"].values)), "cv_macro_f1": None})
        if args.full_grid:
            sel = select(train, {"rhetoric": "label"}, feature_grid=FILE_FEATURE_GRID)
        else:
            sel = select(train, {"rhetoric": "label"}, feature_grid=(DEFAULT_SELECTION["features"], FILE_FEATURE_GRID[-1]),
                         head_grid=SMALL_HEAD_GRID)
        model = HypeModel.train(train[["text", "language"]], {"rhetoric": y}, features=sel["features"],
                                heads=sel["heads"])
        h = sel["heads"]["rhetoric"]
        rows.append({"setting": "in-domain", "lang": lang,
                     "system": f"hype {'+'.join(sel['features'])} {h['estimator']} C={h['C']}",
                     "dev_test_macro_f1": macro(yt, ours_predict(model, test)),
                     "cv_macro_f1": round(sel["cv"]["rhetoric"], 4)})

    out = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(out.to_string(index=False))
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
