"""Metrics for the classifiers: per-class P/R/F1, macro-F1, confusion, Brier score, ECE."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support


def _plain(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    return v


def expected_calibration_error(y_true, proba: np.ndarray, classes: Sequence, n_bins: int = 10) -> float:
    """Binary: calibration of P(class 1). Multiclass: of the top-label confidence."""
    y = np.asarray(y_true, dtype=object)
    proba = np.asarray(proba, dtype=float)
    classes = list(classes)
    if len(classes) == 2:
        conf = proba[:, 1]
        hit = (y == classes[1]).astype(float)
    else:
        top = proba.argmax(axis=1)
        conf = proba[np.arange(len(y)), top]
        hit = (np.array([classes[k] for k in top], dtype=object) == y).astype(float)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            ece += m.mean() * abs(conf[m].mean() - hit[m].mean())
    return float(ece)


def brier_score(y_true, proba: np.ndarray, classes: Sequence) -> float:
    y = np.asarray(y_true, dtype=object)
    classes = list(classes)
    onehot = np.stack([(y == c).astype(float) for c in classes], axis=1)
    proba = np.asarray(proba, dtype=float)
    if len(classes) == 2:  # the usual binary definition: on the positive class
        return float(np.mean((proba[:, 1] - onehot[:, 1]) ** 2))
    return float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))


def classification_metrics(y_true, y_pred, proba: np.ndarray | None = None, classes: Sequence | None = None) -> dict[str, Any]:
    y_true = list(y_true)
    y_pred = list(y_pred)
    labels = list(classes) if classes is not None else sorted(set(y_true) | set(y_pred), key=str)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    out: dict[str, Any] = {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4) if y_true else 0.0,
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)), 4),
        "per_class": {
            str(_plain(lab)): {"precision": round(float(pi), 4), "recall": round(float(ri), 4),
                               "f1": round(float(fi), 4), "support": int(si)}
            for lab, pi, ri, fi, si in zip(labels, p, r, f, s)
        },
        "confusion": {"labels": [str(_plain(x)) for x in labels],
                      "matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist()},
    }
    if proba is not None and classes is not None and len(y_true):
        out["brier"] = round(brier_score(y_true, proba, classes), 4)
        out["ece"] = round(expected_calibration_error(y_true, proba, classes), 4)
    return out


def reliability_plot(y_true, proba: np.ndarray, classes: Sequence, path, title: str = "Reliability", n_bins: int = 10):
    """Save a reliability diagram (predicted probability vs observed frequency) as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    y = np.asarray(y_true, dtype=object)
    classes = list(classes)
    if len(classes) == 2:
        conf, hit = proba[:, 1], (y == classes[1]).astype(float)
        xlabel = f"predicted P({classes[1]})"
    else:
        top = proba.argmax(axis=1)
        conf = proba[np.arange(len(y)), top]
        hit = (np.array([classes[k] for k in top], dtype=object) == y).astype(float)
        xlabel = "confidence of predicted class"
    edges = np.linspace(0, 1, n_bins + 1)
    xs, ys, ns = [], [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf >= lo) & ((conf < hi) if hi < 1 else (conf <= hi))
        if m.any():
            xs.append(conf[m].mean())
            ys.append(hit[m].mean())
            ns.append(int(m.sum()))
    fig, ax = plt.subplots(figsize=(4.5, 4.5), dpi=100)
    ax.plot([0, 1], [0, 1], linestyle="--", color="#888888", label="perfect calibration")
    ax.plot(xs, ys, marker="o", color="#0072B2", label="model")
    for x, yv, n in zip(xs, ys, ns):
        ax.annotate(str(n), (x, yv), textcoords="offset points", xytext=(4, -10), fontsize=7, color="#555555")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("observed frequency")
    ax.set_title(f"{title} (ECE {expected_calibration_error(y_true, proba, classes):.3f})")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
