"""Speed and size of the packaged classifiers (issue 4 targets; a benchmark, not a test).

Run:  python benchmarks/bench_scoring.py [--runs 5] [--n 3000]

Measures in one process, one core (BLAS limited to one thread):
- scoring all three classifiers (features once, three heads): sentences per second, median of runs;
- a plain word+char TF-IDF + LogisticRegression baseline on the same sentences in the same run, and the ratio;
- model loading time (HypeModel.load, manifest check included; imports excluded), median of runs;
- total size of the model files.
Sentences: --n distinct corpus sentences (the whole corpus, repeated only if --n exceeds it). The per-sentence
caches (stems, figures) are cleared before every run, so no run scores a sentence it has already seen; the
per-word caches (stems, character n-gram columns) stay warm, as they are in any long-running batch.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--model", default=None, help="model directory (default: packaged)")
    args = ap.parse_args()

    import pandas as pd
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    from hype import lexicons
    from hype.corpus import load_corpus
    from hype.features import stem_tokens
    from hype.figures import sentence_figures
    from hype.model import HypeModel
    from hype.train import PACKAGED_MODEL_DIR

    model_dir = Path(args.model) if args.model else PACKAGED_MODEL_DIR
    corpus = load_corpus()
    reps = args.n // len(corpus) + 1
    X = pd.concat([corpus[["text", "language"]]] * reps, ignore_index=True).head(args.n)

    load_times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        model = HypeModel.load(model_dir)
        load_times.append(time.perf_counter() - t0)

    train = corpus[corpus["split"] == "train"]
    word = TfidfVectorizer(sublinear_tf=True, min_df=2).fit(train["text"])
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True).fit(train["text"])
    base = LogisticRegression(max_iter=2000).fit(hstack([word.transform(train["text"]), char.transform(train["text"])]),
                                                 train["rhetoric"])

    ours, theirs = [], []
    with threadpool_limits(1):
        for _ in range(args.runs):
            for cache in (lexicons._matches, lexicons.lower_words, stem_tokens, sentence_figures):
                cache.cache_clear()
            t0 = time.perf_counter()
            Xf = model.transform(X)
            model.predict_proba_all(X, Xf=Xf)
            ours.append(len(X) / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            base.predict_proba(hstack([word.transform(X["text"]), char.transform(X["text"])]))
            theirs.append(len(X) / (time.perf_counter() - t0))
    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())
    o, b = statistics.median(ours), statistics.median(theirs)
    print(f"scoring (3 tasks): {o:,.0f} sentences/s (median of {args.runs}, n={len(X)}); "
          f"TF-IDF+LR baseline (1 task): {b:,.0f}/s; ratio {o / b:.2f}")
    print(f"model loading: {statistics.median(load_times):.3f} s (median of {args.runs}); "
          f"model files: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
