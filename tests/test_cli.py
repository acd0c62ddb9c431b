import json

import pytest
from pathlib import Path

from hype.cli import main

DE_ARTICLE = (
    "Nordwerk hebt Prognose an\n\n"
    "Die Nordwerk AG will bis zu 65 Milliarden Dollar bis zum Jahr 2025 investieren. "
    "Der Umsatz stieg um 18 Prozent auf 412 Millionen Euro.\n"
)


@pytest.fixture
def de_file(tmp_path):
    p = tmp_path / "nordwerk.txt"
    p.write_text(DE_ARTICLE, encoding="utf-8")
    return p


def test_analyze_json(de_file, capsys):
    assert main(["analyze", str(de_file)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == "hype.analysis/1"
    assert out["language"] == "de"
    assert out["source"] == str(de_file)
    assert len(out["sentences"]) == 3
    s1 = out["sentences"][1]
    assert set(s1) >= {"index", "start", "end", "text", "paragraph", "language", "figures"}
    assert out["text"][s1["start"]:s1["end"]] == s1["text"]
    money = [f for f in s1["figures"] if f["kind"] == "money"]
    assert money and money[0]["text"] == "bis zu 65 Milliarden Dollar"
    assert money[0]["value"] == 65e9 and money[0]["unit"] == "USD" and money[0]["qualifier"] == "upper_bound"
    for s in out["sentences"]:
        for f in s["figures"]:
            assert out["text"][f["start"]:f["end"]] == f["text"]


def test_analyze_several_files_gives_list(de_file, tmp_path, capsys):
    en = tmp_path / "en.md"
    en.write_text("# Harbor Labs\n\nRevenue at the company rose 12% to $1.2bn, it said on Tuesday.\n", encoding="utf-8")
    assert main(["analyze", str(de_file), str(en)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [a["language"] for a in out] == ["de", "en"]
    assert out[1]["sentences"][0]["text"] == "Harbor Labs"


def test_one_bad_file_does_not_stop_the_others(de_file, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    french = tmp_path / "fr.txt"
    french.write_text("Le chiffre d'affaires de la société a augmenté de 12 % au troisième trimestre, "
                      "selon un communiqué publié mardi par la direction.\n", encoding="utf-8")
    assert main(["analyze", str(de_file), str(french), "--no-model"]) == 1
    captured = capsys.readouterr()
    assert [a["language"] for a in json.loads(captured.out)] == ["de"]
    assert captured.err.count("error: ") == 1 and "fr.txt" in captured.err
    out = tmp_path / "reports"
    assert main(["report", str(empty), str(de_file), "--out", str(out), "--format", "md", "--model", "none-such"]) == 1
    assert "error: " in capsys.readouterr().err and not out.exists()     # a bad model stops everything
    assert main(["report", str(empty), str(de_file), "--out", str(out), "--format", "md"]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("error: ") == 1 and "empty.txt" in captured.err
    assert (out / "nordwerk" / "report.md").is_file() and not (out / "empty").exists()


def test_analyze_text_format(de_file, capsys):
    assert main(["analyze", str(de_file), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "bis zu 65 Milliarden Dollar" in out and "upper bound" in out
    assert "hype index" in out and "= rhetoric " in out and "[  1] ¶1" in out   # scores shown, counted from 1


def test_forced_language(tmp_path, capsys):
    p = tmp_path / "fr.txt"
    p.write_text("La société a annoncé une hausse de 12 %.", encoding="utf-8")
    assert main(["analyze", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "--lang" in err and err.count("\n") == 1
    assert main(["analyze", str(p), "--lang", "en"]) == 0


@pytest.mark.parametrize("content,fragment", [
    (b"", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
])
def test_bad_input_one_line_error(tmp_path, capsys, content, fragment):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    assert main(["analyze", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and fragment in err and err.count("\n") == 1


def test_missing_file(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing.txt")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_cp1252_warns_but_works(tmp_path, capsys):
    p = tmp_path / "alt.txt"
    p.write_bytes("Der Umsatz der Müller AG stieg um 5 Prozent auf 12 Millionen Euro.".encode("cp1252"))
    assert main(["analyze", str(p)]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "cp1252" in captured.err
    doc = json.loads(captured.out)
    assert doc["sentences"][0]["text"].startswith("Der Umsatz der Müller AG")
    assert doc["warnings"] == ["input is not UTF-8; decoded as cp1252 (expected UTF-8)"]   # kept in the JSON too
    out = tmp_path / "reports"
    assert main(["report", str(p), "--out", str(out), "--format", "md,json"]) == 0
    md = (out / "alt" / "report.md").read_text(encoding="utf-8")
    assert "Eingabe ist kein UTF-8, als cp1252 gelesen" in md and "input is not UTF-8" not in md
    assert json.loads((out / "alt" / "report.json").read_text(encoding="utf-8"))["warnings"]
    batch_out = tmp_path / "batch"
    assert main(["batch", str(p), "--out", str(batch_out), "--format", "json", "--quiet"]) == 0
    run = json.loads((batch_out / "run.json").read_text(encoding="utf-8"))
    assert any("cp1252" in w for w in run["warnings"]) and "cp1252" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["analyze"], ["analyze", "x.txt", "--lang", "fr"], ["frobnicate"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


@pytest.mark.parametrize("command", ["analyze", "report", "batch", "train", "evaluate"])
def test_help_has_an_example_that_names_real_files(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    example = out.split("example:", 1)[1].strip().splitlines()[0]
    assert example.startswith(f"hype {command}")
    root = Path(__file__).resolve().parent.parent
    for word in example.split():
        if word.startswith("corpora/"):                   # inputs must exist; outputs are created
            assert (root / word).exists(), f"{command} --help names a missing file: {word}"


def test_module_entry_point():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "hype", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("hype ")


def test_analyze_flags(tmp_path, tiny_model_dir, capsys):
    page = tmp_path / "page.txt"   # HTML in a .txt file: --input-format decides how it is read
    page.write_text("<html><body><p>Ein <b>beispielloser</b> Coup! Der Umsatz stieg um 4 Prozent.</p></body></html>",
                    encoding="utf-8")
    assert main(["analyze", str(page), "--input-format", "html", "--model", str(tiny_model_dir), "--no-explain"]) == 0
    doc = json.loads(capsys.readouterr().out)
    doc = doc[0] if isinstance(doc, list) else doc
    assert "<b>" not in doc["text"] and len(doc["sentences"]) == 2
    assert all(s["scores"] and not s.get("explanations") for s in doc["sentences"])
    assert main(["analyze", str(page), "--input-format", "html", "--no-model"]) == 0
    doc = json.loads(capsys.readouterr().out)
    doc = doc[0] if isinstance(doc, list) else doc
    assert all(not s.get("scores") for s in doc["sentences"]) and doc["sentences"][1]["figures"]
    assert main(["analyze", str(page), "--input-format", "html", "--model", str(tiny_model_dir)]) == 0
    doc = json.loads(capsys.readouterr().out)
    doc = doc[0] if isinstance(doc, list) else doc
    assert all(s["explanations"]["rhetoric"] for s in doc["sentences"])


def test_report_output_problems(tmp_path, capsys):
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    example = "corpora/examples/de-retail-001.txt"
    assert main(["report", example, "--out", str(blocker), "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Not a directory" in err and err.count("\n") == 1
    assert main(["report", example, "--out", "", "--format", "json"]) == 2
    assert "--out is empty" in capsys.readouterr().err


def test_evaluate_plot_and_data_problems(tiny_model_dir, tmp_path, capsys):
    for argv, code, fragment in [
        (["--data", "corpora", "--format", "corpus", "--plot", str(tmp_path / "all.png")], 2, "expected --task"),
        (["--data", "corpora", "--format", "corpus", "--task", "rhetoric", "--plot", str(tmp_path)], 2, "is a directory"),
        (["--data", str(tmp_path / "nowhere"), "--format", "corpus", "--task", "rhetoric"], 1, "not a corpus folder"),
        (["--data", str(tmp_path), "--format", "checkthat"], 1, "not a file"),
    ]:
        assert main(["evaluate", "--model", str(tiny_model_dir), *argv]) == code
        err = capsys.readouterr().err
        assert fragment in err and err.count("\n") == 1, err
