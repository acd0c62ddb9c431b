import numpy as np
import pytest

from hype.evaluate import brier_score, classification_metrics, expected_calibration_error, reliability_plot


def test_perfect_predictions():
    y = [0, 1, 1, 0]
    proba = np.array([[1, 0], [0, 1], [0, 1], [1, 0]], dtype=float)
    m = classification_metrics(y, y, proba, [0, 1])
    assert m["macro_f1"] == 1.0 and m["accuracy"] == 1.0 and m["n"] == 4
    assert m["brier"] == 0.0 and m["ece"] == 0.0
    assert m["confusion"] == {"labels": ["0", "1"], "matrix": [[2, 0], [0, 2]]}
    assert m["per_class"]["1"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}


def test_brier_and_ece_known_values():
    y = [1, 0]
    proba = np.array([[0.2, 0.8], [0.6, 0.4]])
    assert brier_score(y, proba, [0, 1]) == pytest.approx(((0.8 - 1) ** 2 + (0.4 - 0) ** 2) / 2)
    # bins: 0.8 → hit 1 (gap 0.2), 0.4 → hit 0 (gap 0.4); each half the data
    assert expected_calibration_error(y, proba, [0, 1]) == pytest.approx(0.3)


def test_multiclass_metrics():
    y = ["fact", "opinion", "other", "projection"]
    pred = ["fact", "fact", "other", "projection"]
    proba = np.eye(4)[[0, 0, 2, 3]]
    m = classification_metrics(y, pred, proba, ["fact", "projection", "opinion", "other"])
    assert m["per_class"]["opinion"]["recall"] == 0.0
    assert m["accuracy"] == 0.75
    assert 0 < m["macro_f1"] < 1


def test_reliability_plot(tmp_path):
    rng = np.random.default_rng(0)
    p = rng.random(200)
    y = (rng.random(200) < p).astype(int)
    out = reliability_plot(y, np.c_[1 - p, p], [0, 1], tmp_path / "rel.png")
    assert out.exists() and out.read_bytes()[:4] == b"\x89PNG"
