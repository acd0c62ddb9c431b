import copy
import hashlib
import json
import shutil
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline

from hype.errors import ModelError
from hype.model import HypeClassifier, HypeModel

DE_HYPE = "In einem beispiellosen Coup pumpt Nordwerk gigantische Summen in seine Zukunft!"
EN_HYPE = "This jaw-dropping, game-changing deal leaves rivals in the dust!"
DE_SOBER = "Der Umsatz stieg im dritten Quartal um 4 Prozent auf 212 Millionen Euro."
EN_SOBER = "Revenue rose 4 percent to $212 million in the third quarter, the company said."


def frame(*texts_langs):
    return pd.DataFrame(list(texts_langs), columns=["text", "language"])


def test_rhetoric_ranks_hype_above_sober(tiny_model):
    X = frame((DE_HYPE, "de"), (DE_SOBER, "de"), (EN_HYPE, "en"), (EN_SOBER, "en"))
    proba, classes = tiny_model.predict_proba(X, "rhetoric")
    p1 = proba[:, list(classes).index(1)]
    assert p1[0] > 0.5 > p1[1]
    assert p1[2] > 0.5 > p1[3]


def test_probabilities_are_distributions(tiny_model):
    X = frame((DE_HYPE, "de"), (EN_SOBER, "en"))
    for task in tiny_model.tasks:
        proba, classes = tiny_model.predict_proba(X, task)
        assert proba.shape == (2, len(classes))
        assert np.allclose(proba.sum(axis=1), 1.0)


def test_training_is_deterministic(tiny_training_data, tiny_model):
    df = tiny_training_data
    again = HypeModel.train(df[["text", "language"]], {t: df[t].values for t in ("rhetoric", "claim", "sentiment")},
                            min_df=1)
    X = df[["text", "language"]].head(50)
    for task in ("rhetoric", "claim", "sentiment"):
        np.testing.assert_array_equal(again.predict_proba(X, task)[0], tiny_model.predict_proba(X, task)[0])


def test_save_load_round_trip(tiny_model, tiny_model_dir, tiny_training_data):
    loaded = HypeModel.load(tiny_model_dir)
    X = tiny_training_data[["text", "language"]].head(30)
    for task in tiny_model.tasks:
        np.testing.assert_allclose(loaded.predict_proba(X, task)[0], tiny_model.predict_proba(X, task)[0])
    manifest = json.loads((tiny_model_dir / "manifest.json").read_text())
    assert set(manifest["versions"]) >= {"python", "scikit-learn", "nltk"}
    assert len(manifest["files"]["model.joblib"]["sha256"]) == 64


def test_tampered_model_is_refused(tiny_model_dir, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(tiny_model_dir, bad)
    data = bytearray((bad / "model.joblib").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (bad / "model.joblib").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256 does not match"):
        HypeModel.load(bad)


def _edit_manifest(d, change):
    m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    change(m)
    (d / "manifest.json").write_text(json.dumps(m), encoding="utf-8")


def _rehash(d, payload: bytes):
    # a tampered file whose manifest was updated to match: the hash check passes, loading must still fail cleanly
    (d / "model.joblib").write_bytes(payload)
    _edit_manifest(d, lambda m: m["files"]["model.joblib"].update({"sha256": hashlib.sha256(payload).hexdigest()}))


def _joblib_bytes(obj) -> bytes:
    import io

    import joblib

    buf = io.BytesIO()
    joblib.dump(obj, buf)
    return buf.getvalue()


@pytest.mark.parametrize("damage,fragment", [
    (lambda d: (d / "manifest.json").unlink(), "no manifest.json"),
    (lambda d: (d / "manifest.json").write_text("{not json"), "malformed manifest"),
    (lambda d: (d / "model.joblib").unlink(), "missing"),
    (lambda d: _edit_manifest(d, lambda m: m["files"].update({"model.joblib": "abc"})), "malformed manifest"),
    (lambda d: _edit_manifest(d, lambda m: m.update({"versions": "x"})), "malformed manifest"),
    (lambda d: (d / "manifest.json").write_bytes(b'{"files": "\xff"}'), "malformed manifest"),
    (lambda d: ((d / "model.joblib").unlink(), (d / "model.joblib").mkdir()), "not a file"),
    (lambda d: ((d / "manifest.json").unlink(), (d / "manifest.json").mkdir()), "is not a file"),
    (lambda d: _rehash(d, (d / "model.joblib").read_bytes()[:500]), "cannot be read"),
    (lambda d: _rehash(d, _joblib_bytes({"format": 1})), "incomplete model"),
])
def test_broken_model_dirs(tiny_model_dir, tmp_path, damage, fragment):
    bad = tmp_path / "bad"
    shutil.copytree(tiny_model_dir, bad)
    damage(bad)
    with pytest.raises(ModelError, match=fragment):
        HypeModel.load(bad)


def test_version_mismatch_warns(tiny_model_dir, tmp_path):
    d = tmp_path / "old"
    shutil.copytree(tiny_model_dir, d)
    manifest = json.loads((d / "manifest.json").read_text())
    manifest["versions"]["scikit-learn"] = "0.0.1"
    (d / "manifest.json").write_text(json.dumps(manifest))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        HypeModel.load(d)
    assert any("trained with scikit-learn 0.0.1" in str(w.message) for w in caught)


def test_unfitted_raises():
    with pytest.raises(ModelError, match="not fitted"):
        HypeClassifier().predict(["Der Umsatz stieg."])
    with pytest.raises(ModelError, match="not fitted"):
        HypeModel().transform(["x"])
    with pytest.raises(ModelError, match="unknown task"):
        HypeClassifier(task="tone").fit(["a", "b"], [0, 1])


def test_missing_task(tiny_training_data):
    df = tiny_training_data
    m = HypeModel.train(df[["text", "language"]], {"rhetoric": df["rhetoric"].values}, min_df=1)
    assert m.tasks == ("rhetoric",)
    with pytest.raises(ModelError, match="no claim classifier"):
        m.predict_proba(df[["text", "language"]].head(2), "claim")


def test_classifier_follows_sklearn_conventions(tiny_training_data):
    df = tiny_training_data
    clf = HypeClassifier(task="rhetoric", C=2.0, min_df=1)
    assert clf.get_params()["C"] == 2.0 and not hasattr(clf, "classes_")
    assert clf.fit(df[["text", "language"]], df["rhetoric"]) is clf
    assert list(clf.classes_) == [0, 1]
    assert clone(clf).get_params() == clf.get_params()
    pipe = Pipeline([("hype", HypeClassifier(task="claim", min_df=1))])
    scores = cross_val_score(pipe, df[["text", "language"]], df["claim"], cv=3, scoring="f1_macro")
    assert len(scores) == 3 and np.all(scores >= 0)
    # plain lists of strings work too (language guessed per sentence)
    assert clf.predict([DE_HYPE, EN_SOBER]).shape == (2,)


def _covers(contribs, text, words):
    for c in contribs:
        if c.start is None:
            continue
        piece = text[c.start:c.end]
        if any(w in piece or piece in w for w in words):
            return True
    return False


@pytest.mark.parametrize("text,lang,words", [
    (DE_HYPE, "de", ["beispiellosen", "Coup", "gigantische"]),
    ("Ein visionärer Schachzug, der die Branche revolutioniert!", "de", ["visionärer", "Schachzug", "revolutioniert"]),
    ("Das Wettrüsten um KI katapultiert die Aktie in schwindelerregende Höhen.", "de", ["Wettrüsten", "katapultiert", "schwindelerregende"]),
    (EN_HYPE, "en", ["jaw-dropping", "game-changing", "dust", "jaw", "game"]),
    ("An unprecedented, breathtaking breakthrough that will redefine the industry.", "en", ["unprecedented", "breathtaking", "breakthrough", "redefine"]),
    ("Shares skyrocketed as euphoric investors piled into the stunning debut.", "en", ["skyrocketed", "euphoric", "stunning"]),
])
def test_explanations_point_at_rhetoric(tiny_model, text, lang, words):
    [contribs] = tiny_model.explain(frame((text, lang)), "rhetoric", top_k=4, target=1)
    assert contribs and contribs[0].weight > 0
    assert _covers(contribs[:3], text, words), [(c.feature, text[c.start:c.end] if c.start is not None else None) for c in contribs]
    for c in contribs:
        if c.start is not None:
            assert 0 <= c.start < c.end <= len(text)


def test_explanations_for_sober_sentence_are_negative_for_rhetoric(tiny_model):
    [contribs] = tiny_model.explain(frame((DE_SOBER, "de")), "rhetoric", top_k=5, target=1)
    assert sum(c.weight for c in contribs) < 0


@pytest.fixture(scope="module")
def svm_model(tiny_training_data):
    df = tiny_training_data
    return HypeModel.train(df[["text", "language"]], {t: df[t].values for t in ("rhetoric", "claim", "sentiment")},
                           min_df=1, heads={"rhetoric": {"estimator": "svm", "C": 0.3},
                                            "claim": {"estimator": "svm", "C": 0.1},
                                            "sentiment": {"estimator": "svm", "C": 0.3}})


@pytest.fixture(scope="module")
def nb_model(tiny_training_data):
    # ComplementNB is not linear-stacked: predict_proba_all falls back to sklearn for it
    df = tiny_training_data
    return HypeModel.train(df[["text", "language"]], {t: df[t].values for t in ("rhetoric", "claim")},
                           min_df=1, features=("stem", "char"), heads={"claim": {"estimator": "nb", "C": 1.0}})


@pytest.mark.parametrize("which", ["tiny_model", "svm_model", "nb_model"])
def test_stacked_probabilities_equal_sklearn(which, request, tiny_training_data):
    # predict_proba_all multiplies X once for all heads; it must give exactly sklearn's probabilities
    model = request.getfixturevalue(which)
    X = tiny_training_data[["text", "language"]]
    Xf = model.transform(X)
    got = model.predict_proba_all(X, Xf=Xf)
    for task, head in model.heads.items():
        np.testing.assert_allclose(got[task], head.predict_proba(Xf), rtol=0, atol=1e-12)
        proba, classes = model.predict_proba(X, task)
        np.testing.assert_allclose(proba, got[task], rtol=0, atol=1e-12)
        assert list(classes) == list(head.classes_)


def test_batch_explanations_equal_one_by_one(tiny_model):
    # explanations are computed for a whole batch at once: no sentence may see another's features
    rows = [(DE_HYPE, "de"), (EN_SOBER, "en"), (DE_SOBER, "de"), (EN_HYPE, "en"), ("Ein Coup! Ein Coup!", "de")]
    together = tiny_model.explain_tasks(frame(*rows), top_k=8)
    for row, expected in zip(rows, together):
        [alone] = tiny_model.explain_tasks(frame(row), top_k=8)
        assert alone == expected


def test_context_features_are_leave_one_out():
    from hype.model import context_features

    P = np.array([[0.8, 0.1, 0.1], [0.2, 0.6, 0.2], [0.5, 0.25, 0.25], [0.1, 0.1, 0.8]])
    F = context_features(P, ["a", "a", "a", "b"])
    assert F.shape == (4, 6)
    np.testing.assert_allclose(np.exp(F[0, 3:]), (P[1] + P[2]) / 2, atol=1e-5)
    np.testing.assert_allclose(np.exp(F[3, 3:]), [1 / 3] * 3, atol=1e-5)   # alone in its article: no context
    np.testing.assert_allclose(np.exp(F[:, :3]), P, atol=1e-5)


@pytest.fixture(scope="module")
def context_model(tiny_training_data):
    df = tiny_training_data
    return HypeModel.train(df[["text", "language"]], {t: df[t].values for t in ("rhetoric", "sentiment")},
                           min_df=1, articles=df["article_id"].values, groups=df["event"].values)


def test_sentiment_reads_the_article(context_model, tmp_path):
    m = context_model
    assert set(m.context) == {"sentiment"} and m.params["context"] == ["sentiment"]
    target = "Die Aktie schloss bei 41 Euro."
    bearish = ["Der Konzern meldet einen Rekordverlust und streicht 3.000 Stellen.",
               "Die Aktie brach um 30 Prozent ein, Anleger flüchten.", "Die Ratingagentur senkte die Bonität."]
    bullish = ["Der Konzern meldet einen Rekordgewinn und hebt die Prognose an.",
               "Die Aktie sprang um 30 Prozent, Anleger jubeln.", "Die Ratingagentur hob die Bonität an."]
    X = frame(*[(t, "de") for t in [target] + bearish + [target] + bullish])
    arts = ["bear"] * 4 + ["bull"] * 4
    proba, classes = m.predict_proba(X, "sentiment", articles=arts)
    k = list(classes).index("bearish")
    assert proba[0, k] > proba[4, k]                  # same sentence, read in a bearish vs a bullish article
    alone, _ = m.predict_proba(X, "sentiment")        # without articles every sentence stands alone
    assert alone[0, k] == pytest.approx(alone[4, k])
    m.save(tmp_path / "ctx")
    again = HypeModel.load(tmp_path / "ctx")
    np.testing.assert_allclose(again.predict_proba(X, "sentiment", articles=arts)[0], proba)


def test_base_family_uses_the_packaged_models_scores(tiny_training_data, tmp_path):
    # `hype train --data` may add what the packaged model thinks of a sentence as features (model.BaseScores)
    df = tiny_training_data
    m = HypeModel.train(df[["text", "language"]], {"rhetoric": df["rhetoric"].values}, min_df=1,
                        features=("stem", "cue", "base"))
    names = [n for n in m.featurizer.get_feature_names_out() if "base:" in n]
    assert "base__base:rhetoric" in names and "base__base:claim_fact" in names and len(names) == 8
    m.save(tmp_path / "m")
    again = HypeModel.load(tmp_path / "m")             # self-contained: the packaged model travels inside
    X = frame((DE_HYPE, "de"), (DE_SOBER, "de"))
    np.testing.assert_allclose(again.predict_proba(X, "rhetoric")[0], m.predict_proba(X, "rhetoric")[0])
    assert again.predict_proba(X, "rhetoric")[0][0, 1] > again.predict_proba(X, "rhetoric")[0][1, 1]
    [contribs] = again.explain(frame((DE_HYPE, "de")), "rhetoric", top_k=20)
    assert any(c.feature == "base:rhetoric" and c.kind == "cue" and c.weight > 0 for c in contribs)


def test_union_transform_equals_feature_union(tiny_model):
    from hype.model import union_transform

    X = pd.DataFrame({"text": ["Ein beispielloser Coup!", "Revenue rose 4 percent.", ""], "language": ["de", "en", "de"]})
    fast = union_transform(tiny_model.featurizer, X)
    slow = tiny_model.featurizer.transform(X)
    assert fast.format == "csr" and fast.shape == slow.shape
    np.testing.assert_array_equal(fast.toarray(), slow.toarray())


def test_transform_restores_the_garbage_collector(tiny_model):
    import gc

    X = pd.DataFrame({"text": ["Ein beispielloser Coup!"], "language": ["de"]})
    assert gc.isenabled()
    tiny_model.transform(X)
    assert gc.isenabled()
    gc.disable()
    try:
        tiny_model.transform(X)
        assert not gc.isenabled()          # a caller's choice is left alone
    finally:
        gc.enable()


def test_gc_pauses_from_several_threads_restore_the_collector():
    import gc
    import sys
    import threading

    from hype.model import gc_paused

    def work():
        for _ in range(200):
            with gc_paused():
                pass

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(20):
            threads = [threading.Thread(target=work) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert gc.isenabled()
    finally:
        sys.setswitchinterval(old)


def test_model_from_a_hype_with_other_cue_features_is_refused(tiny_model_dir, tmp_path):
    # a model trained before a cue feature was added must say "retrain", not fail inside numpy
    from hype.features import CueFeatures

    model = HypeModel.load(tiny_model_dir)
    cues = [t for _, t in model.featurizer.transformer_list if isinstance(t, CueFeatures)]
    assert cues, "the tiny model has a cue block"
    for t in cues:
        t.mean_, t.scale_, t.n_features_out_ = t.mean_[:-2], t.scale_[:-2], t.n_features_out_ - 2
    model.save(tmp_path / "old")
    with pytest.raises(ModelError, match="cue features.*retrain"):
        HypeModel.load(tmp_path / "old")


def test_base_model_inside_from_a_hype_with_other_cue_features_is_refused(tiny_training_data, tmp_path):
    from hype.features import CueFeatures

    df = tiny_training_data
    m = HypeModel.train(df[["text", "language"]], {"rhetoric": df["rhetoric"].values}, min_df=1,
                        features=("stem", "base"))
    m = copy.deepcopy(m)  # the packaged model inside is shared with load_model's cache: never edit that one
    [inner] = [t.model_ for _, t in m.featurizer.transformer_list if hasattr(t, "model_")]
    for _, t in inner.featurizer.transformer_list:
        if isinstance(t, CueFeatures):
            t.mean_, t.scale_, t.n_features_out_ = t.mean_[:-1], t.scale_[:-1], t.n_features_out_ - 1
    m.save(tmp_path / "old")
    with pytest.raises(ModelError, match="cue features.*retrain"):
        HypeModel.load(tmp_path / "old")


@pytest.mark.parametrize("text,lang,feature", [
    ("Der Umsatz ging im Quartal um 4 Prozent zurück.", "de", "dir:negative"),
    ("Die Kosten sanken um 4 Prozent.", "de", "dir:positive"),
    ("Revenue rose 4 percent.", "en", "dir:positive"),
])
def test_direction_cues_have_places_and_names(text, lang, feature):
    from hype.explain import cue_places
    from hype.render.i18n import cue_name

    places = cue_places(text, lang)
    assert places[feature] and all(0 <= a < b <= len(text) for a, b in places[feature])
    assert cue_name(lang, feature) != feature and cue_name(lang, "lex:up") != "lex:up"
