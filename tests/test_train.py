import json

import pytest

from hype.cli import main
from hype.datasets import load_labelled, parse_label_map
from hype.errors import InputError

ROWS = [
    ("Der Umsatz stieg um 4 Prozent auf 212 Millionen Euro.", "OBJ"),
    ("Ein atemberaubender, beispielloser Triumph für das Team!", "SUBJ"),
    ("Die Hauptversammlung findet am 12. Mai statt.", "OBJ"),
    ("Dieser geniale Coup wird die Branche revolutionieren!", "SUBJ"),
    ("Das Werk beschäftigt 2.400 Menschen.", "OBJ"),
    ("Eine gigantische, nie dagewesene Erfolgsgeschichte!", "SUBJ"),
    ("Die Aktie schloss bei 34,80 Euro.", "OBJ"),
    ("Ein visionärer Schachzug, der alle Rivalen alt aussehen lässt.", "SUBJ"),
    ("Der Vorstand bestätigte die Prognose für 2026.", "OBJ"),
    ("Was für ein sensationeller, bahnbrechender Tag!", "SUBJ"),
    ("Das Unternehmen hat 14 Filialen in Bayern.", "OBJ"),
    ("Die Konkurrenz wird vor Neid erblassen: ein echter Paukenschlag!", "SUBJ"),
]


@pytest.fixture
def tsv(tmp_path):
    p = tmp_path / "de" / "train.tsv"
    p.parent.mkdir()
    p.write_text("sentence_id\tsentence\tlabel\n" + "".join(f"id{i}\t{t}\t{lab}\n" for i, (t, lab) in enumerate(ROWS)),
                 encoding="utf-8")
    return p


def test_load_checkthat(tsv):
    df = load_labelled(tsv, "checkthat", "rhetoric")
    assert list(df.columns) == ["text", "language", "label", "group"]
    assert set(df["label"]) == {0, 1} and set(df["language"]) == {"de"}


def test_label_map():
    assert parse_label_map("SUBJ=1,OBJ=0") == {"SUBJ": 1, "OBJ": 0}
    assert parse_label_map("pos=bullish") == {"pos": "bullish"}
    with pytest.raises(InputError, match="FOREIGN=OURS"):
        parse_label_map("SUBJ")


def test_csv_errors(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text('text,label\n"Der Umsatz stieg.",1\n"kaputt,0\n', encoding="utf-8")
    with pytest.raises(InputError, match="malformed CSV"):
        load_labelled(p, "csv", "rhetoric", text_col="text", label_col="label")
    p.write_text("text,label\nDer Umsatz stieg.,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match="rhetoric labels must be 0/1"):
        load_labelled(p, "csv", "rhetoric", text_col="text", label_col="label")
    with pytest.raises(InputError, match="no column 'satz'"):
        load_labelled(p, "csv", "rhetoric", text_col="satz", label_col="label")
    p.write_text("text,label\nDer Umsatz stieg.,up\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid for task sentiment"):
        load_labelled(p, "csv", "sentiment", text_col="text", label_col="label")


def test_cli_train_and_evaluate_own_file(tsv, tmp_path, capsys):
    out = tmp_path / "model"
    assert main(["train", "--data", str(tsv), "--format", "checkthat", "--task", "rhetoric", "--out", str(out),
                 "--no-select"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tasks"] == ["rhetoric"]
    capsys.readouterr()
    assert main(["evaluate", "--model", str(out), "--data", str(tsv), "--format", "checkthat",
                 "--plot", str(tmp_path / "rel.png")]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert set(metrics) >= {"n", "macro_f1", "accuracy", "per_class", "confusion", "brier", "ece"}
    assert metrics["n"] == len(ROWS) and metrics["macro_f1"] > 0.5
    assert (tmp_path / "rel.png").exists()


def test_cli_evaluate_csv_with_label_map(tiny_model_dir, tmp_path, capsys):
    p = tmp_path / "labels.csv"
    p.write_text("satz,ton\n" + "".join(f'"{t}",{"hype" if lab == "SUBJ" else "plain"}\n' for t, lab in ROWS),
                 encoding="utf-8")
    assert main(["evaluate", "--model", str(tiny_model_dir), "--data", str(p), "--format", "csv", "--text-col", "satz",
                 "--label-col", "ton", "--label-map", "hype=1,plain=0", "--task", "rhetoric"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["n"] == len(ROWS)


def test_cli_train_requires_out_with_data(tsv, capsys):
    assert main(["train", "--data", str(tsv), "--format", "checkthat"]) == 2
    assert "--out is required" in capsys.readouterr().err


def test_cli_evaluate_malformed_file(tiny_model_dir, tmp_path, capsys):
    p = tmp_path / "bad.csv"
    p.write_text('text,label\n"unterminated,1\n', encoding="utf-8")
    assert main(["evaluate", "--model", str(tiny_model_dir), "--data", str(p), "--text-col", "text",
                 "--label-col", "label"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "malformed CSV" in err and err.count("\n") == 1


@pytest.mark.parametrize("rows,fragment", [
    (ROWS[:3], "expected at least 10 sentences and 2 per class"),
    ([(t, "SUBJ") for t, _ in ROWS], "expected at least two classes"),
    ([(chr(0x4E00 + 7 * i), "SUBJ" if i % 2 else "OBJ") for i in range(12)], "cannot train on these sentences"),
])
def test_cli_train_on_unusable_file(tmp_path, capsys, rows, fragment):
    p = tmp_path / "de" / "bad.tsv"
    p.parent.mkdir()
    p.write_text("sentence_id\tsentence\tlabel\n" + "".join(f"id{i}\t{t}\t{lab}\n" for i, (t, lab) in enumerate(rows)),
                 encoding="utf-8")
    assert main(["train", "--data", str(p), "--format", "checkthat", "--task", "rhetoric", "--no-select",
                 "--out", str(tmp_path / "m")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and fragment in err and err.count("\n") == 1


def test_default_selection_is_what_the_packaged_model_chose():
    # `hype train --no-select` must rebuild the shipped configuration
    from hype.train import DEFAULT_SELECTION, PACKAGED_MODEL_DIR

    sel = json.loads((PACKAGED_MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))["selection"]
    assert list(DEFAULT_SELECTION["features"]) == sel["features"]
    assert DEFAULT_SELECTION["heads"] == sel["heads"]


def test_rows_longer_than_the_header_are_malformed(tmp_path):
    # pandas would silently make the first column an index and drop the start of every sentence
    p = tmp_path / "x.csv"
    p.write_text("text,tone\nDas ist, ein gigantischer Coup!,1\nDer Umsatz, stieg.,0\n", encoding="utf-8")
    with pytest.raises(InputError, match="more fields than the header"):
        load_labelled(p, "csv", "rhetoric", text_col="text", label_col="tone")


def test_selection_on_a_users_file_considers_the_packaged_models_scores(tiny_training_data, tmp_path):
    from hype.train import FILE_FEATURE_GRID, train_file

    df = tiny_training_data.rename(columns={"rhetoric": "label"})[["text", "language", "label"]].copy()
    df["group"] = range(len(df))
    lines = []
    _, extra = train_file(df, "rhetoric", tmp_path / "m", source="fixture", log=lines.append)
    assert any("stem+char+cue+base" in line for line in lines)   # the family is in the grid, CV decides
    assert tuple(extra["selection"]["features"]) in FILE_FEATURE_GRID
    assert json.loads((tmp_path / "m" / "manifest.json").read_text())["tasks"] == ["rhetoric"]


def test_head_choice_breaks_cv_ties_by_log_loss():
    import pandas as pd

    from hype.train import _choose_head

    rows = [("logreg", 0.3, 0.680, 0.01, 0.80), ("logreg", 1.0, 0.692, 0.01, 0.75), ("logreg", 3.0, 0.695, 0.01, 0.74),
            ("logreg", 10.0, 0.700, 0.01, 0.78), ("svm", 0.1, 0.699, 0.01, 0.76)]
    table = pd.DataFrame([{"estimator": e, "C": c, "class_weight": "balanced", "cv_macro_f1": f, "cv_se": se,
                           "cv_log_loss": ll} for e, c, f, se, ll in rows])
    row = _choose_head(table)
    # within one SE (0.01) of the best macro-F1: C=1, C=3, C=10 and the svm; C=3 has the lowest log loss;
    # C=0.3 is outside the tie, whatever its log loss
    assert (row["estimator"], row["C"]) == ("logreg", 3.0)
    # without fold noise the rule is plain "best CV macro-F1"
    assert _choose_head(table.assign(cv_se=0.0))["C"] == 10.0
    # a table without log loss (older manifests) falls back to the best macro-F1
    assert _choose_head(table.drop(columns=["cv_log_loss"]))["C"] == 10.0


def test_choose_head_survives_a_missing_standard_error():
    import pandas as pd

    from hype.train import _choose_head

    table = pd.DataFrame([{"estimator": "logreg", "C": c, "class_weight": "balanced", "cv_macro_f1": f,
                           "cv_se": float("nan"), "cv_log_loss": ll} for c, f, ll in ((1.0, 0.70, 0.5), (10.0, 0.71, 0.6))])
    assert _choose_head(table)["C"] == 10.0


def test_train_corpus_fits_on_the_train_split_only(monkeypatch):
    from hype.corpus import load_corpus
    from hype.model import HypeModel
    from hype.train import train_corpus

    seen = {}

    class Stop(Exception):
        pass

    def fake_train(X, labels, **kwargs):
        seen["texts"] = set(X["text"])
        raise Stop

    monkeypatch.setattr(HypeModel, "train", staticmethod(fake_train))
    with pytest.raises(Stop):
        train_corpus(do_select=False, log=lambda s: None)
    corpus = load_corpus()
    assert seen["texts"] == set(corpus.loc[corpus["split"] == "train", "text"])


def test_cli_evaluates_the_challenge_split(capsys):
    from hype.corpus import default_root

    assert main(["evaluate", "--data", str(default_root()), "--format", "corpus", "--split", "challenge",
                 "--task", "rhetoric"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["n"] == 1432 and metrics["macro_f1"] > 0.5


def test_packaged_model_is_trained_on_the_train_split_only():
    from hype.corpus import load_corpus
    from hype.train import PACKAGED_MODEL_DIR

    manifest = json.loads((PACKAGED_MODEL_DIR / "manifest.json").read_text())
    split = load_corpus()["split"].value_counts()
    assert manifest["trained_on"]["train_sentences"] == split["train"]
    assert manifest["trained_on"]["challenge_sentences"] == split["challenge"] > 0
    assert set(manifest["metrics"]["corpus_challenge"]) == {"rhetoric", "claim", "sentiment"}
