"""Loaders of benchmarks/external.py on tiny invented files in each set's format (no real rows)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_module():
    spec = importlib.util.spec_from_file_location("bench_external", ROOT / "benchmarks" / "external.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses need the module registered
    spec.loader.exec_module(mod)
    return mod


ext = _load_module()


def _check(df, language, labels):
    assert list(df.columns) == ["text", "language", "label"]
    assert set(df["language"]) == {language}
    assert list(df["label"]) == labels
    assert all(isinstance(t, str) and t for t in df["text"])


def make_eacl(root: Path) -> Path:
    d = root / "eacl2026-hype"
    d.mkdir(parents=True)
    (d / "train.csv").write_text(
        "jj,file,sentence,decision,rationale,binary_decision,jj_category,privacy\n"
        'novel,1,"We propose a truly novel , game-changing platform .",HYPE,"[\'hyperbolic\']",1,novelty,No\n'
        "novel,2,We test a novel buffer at pH 7 .,NOT HYPE,[],0,novelty,No\n"
        'robust,3,"A robust, ""unmatched"" pipeline .",HYPE,[\'amplified\'],1,rigour,No\n',
        encoding="utf-8")
    return d


def make_phrasebank(root: Path, encoding="utf-8") -> Path:
    d = root / "financial-phrasebank"
    d.mkdir(parents=True)
    (d / "Sentences_AllAgree.txt").write_text(
        "Net sales rose to EUR 12.5 mn from EUR 9.1 mn .@positive\n"
        "Contact: info@example.com for the Zürich office .@neutral\n"
        "\n"
        "Operating loss widened to EUR 3 mn .@negative\n", encoding=encoding)
    return d


def make_claimbuster(root: Path) -> Path:
    d = root / "claimbuster"
    d.mkdir(parents=True)
    rows = [{"sentence_id": "1", "screening": -3, "label": "-1", "text": "I think that is simply wrong."},
            {"sentence_id": "2", "screening": -3, "label": "0", "text": "I was in the town last week."},
            {"sentence_id": "3", "screening": -3, "label": "1", "text": "Unemployment fell by two percent."}]
    (d / "train.json").write_text(json.dumps(rows, indent=4), encoding="utf-8")
    return d


def make_germeval(root: Path) -> Path:
    d = root / "germeval2021-factclaiming"
    d.mkdir(parents=True)
    (d / "train.csv").write_text(
        "comment_id,comment_text,Sub1_Toxic,Sub2_Engaging,Sub3_FactClaiming\n"
        '1,"Die Steuer wurde 2019 um drei Prozent erhöht, @USER.",0,1,1\n'
        '2,"Ich finde das einfach nur peinlich, ""Experten"" eben.",1,0,0\n', encoding="utf-8")
    return d


def make_gerntsa(root: Path) -> Path:
    d = root / "gerntsa"
    d.mkdir(parents=True)
    rows = [{"id": "a", "opinion_snippet": "Der Verein feierte einen glänzenden Sieg.", "target": "Verein",
             "target_anchor": {"from": 4, "to": 10}, "sentiment": {"polarity": "positive"}},
            {"id": "b", "opinion_snippet": "Die Sitzung beginnt um neun Uhr.", "target": "Sitzung",
             "target_anchor": {"from": 4, "to": 11}, "sentiment": {"polarity": "neutral"}},
            {"id": "c", "opinion_snippet": "Die Firma steckt tief in der Krise.", "target": "Firma",
             "target_anchor": {"from": 4, "to": 9}, "sentiment": {"polarity": "negative"}}]
    (d / "GerNTSA.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return d


def make_checkthat(root: Path) -> Path:
    d = root / "checkthat2025-subjectivity"
    (d / "de").mkdir(parents=True)
    (d / "en").mkdir(parents=True)
    (d / "de" / "dev_test.tsv").write_text(
        "sentence_id\tsentence\tlabel\n"
        'x1\tDas ist ein "wunderbarer" Tag für alle.\tSUBJ\n'
        "x2\tDer Zug fährt um acht Uhr ab.\tOBJ\n", encoding="utf-8")
    (d / "en" / "dev_test.tsv").write_text(
        "sentence_id\tsentence\tlabel\tsolved_conflict\n"
        "y1\tThe meeting starts at noon.\tOBJ\tFalse\n"
        'y2\tA "brilliant move, frankly.\tSUBJ\tTrue\n', encoding="utf-8")
    return d


def test_eacl_hype(tmp_path):
    df = ext.load_eacl_hype(make_eacl(tmp_path))
    _check(df, "en", [1, 0, 1])
    assert df["text"][2] == 'A robust, "unmatched" pipeline .'


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_financial_phrasebank(tmp_path, encoding):
    df = ext.load_financial_phrasebank(make_phrasebank(tmp_path, encoding))
    _check(df, "en", ["bullish", "neutral", "bearish"])
    assert df["text"][1] == "Contact: info@example.com for the Zürich office ."  # split on the last @


def test_claimbuster(tmp_path):
    _check(ext.load_claimbuster(make_claimbuster(tmp_path)), "en", ["non-factual", "factual", "factual"])


def test_germeval(tmp_path):
    df = ext.load_germeval_factclaiming(make_germeval(tmp_path))
    _check(df, "de", ["factual", "non-factual"])
    assert '"Experten"' in df["text"][1]


def test_gerntsa(tmp_path):
    _check(ext.load_gerntsa(make_gerntsa(tmp_path)), "de", ["bullish", "neutral", "bearish"])


def test_checkthat(tmp_path):
    d = make_checkthat(tmp_path)
    de = ext.load_checkthat(d, "de")
    _check(de, "de", [1, 0])
    assert de["text"][0] == 'Das ist ein "wunderbarer" Tag für alle.'  # quotes kept verbatim
    en = ext.load_checkthat(d, "en")
    _check(en, "en", [0, 1])
    assert en["text"][1] == 'A "brilliant move, frankly.'  # unbalanced quote: quoting disabled


@pytest.mark.parametrize("spec", ext.SETS, ids=lambda s: s.folder + "-" + s.language)
def test_missing_folder_is_a_clear_error(tmp_path, spec):
    with pytest.raises(ext.BenchmarkMissing, match="benchmark data not found"):
        spec.load(tmp_path / spec.folder)


def test_unknown_label_is_rejected(tmp_path):
    d = tmp_path / "financial-phrasebank"
    d.mkdir()
    (d / "Sentences_AllAgree.txt").write_text("Sales were flat .@mixed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unexpected label"):
        ext.load_financial_phrasebank(d)


def test_every_set_has_a_maker():
    assert {s.folder for s in ext.SETS} == {"eacl2026-hype", "financial-phrasebank", "claimbuster",
                                            "germeval2021-factclaiming", "gerntsa", "checkthat2025-subjectivity"}


def test_majority_baseline():
    assert ext.majority_macro_f1([1, 1, 1, 0], (0, 1)) == pytest.approx(round((6 / 7) / 2, 4))


def test_run_skips_missing_sets_and_writes_page(tmp_path, tiny_model_dir):
    data = tmp_path / "benchmarks"
    make_claimbuster(data)
    make_checkthat(data)
    out = tmp_path / "bench.md"
    assert ext.main(["--model", str(tiny_model_dir), "--data", str(data), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "| claimbuster (train) | en | claim | 3 |" in page
    assert "checkthat2025-subjectivity de (dev_test)" in page
    assert "eacl2026-hype (train): skipped" in page
    assert "python benchmarks/external.py --model" in page
