"""hype batch: incremental, idempotent, crash-safe batch reports (tiny model, invented articles)."""
import csv
import json
import re
import shutil
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hype.batch import (OVERVIEW_COLUMNS, LockError, _csv_cell, overview, render_index, render_overview_csv,
                        run, slug_for)
from hype.cli import main

ROOT = Path(__file__).resolve().parent.parent
FAST = ("json", "md")  # report formats without charts: quick, still more than one file per article

DE = ("Werft {n} meldet Auftrag\n\n"
      "Die Werft {n} hat einen Auftrag über {m} Millionen Euro erhalten. "
      "Der Vorstand spricht von einem beispiellosen Coup. Der Umsatz stieg um {p} Prozent.\n")
EN = ("Harbour firm {n} wins contract\n\n"
      "Harbour firm {n} won a contract worth {m} million dollars. "
      "Executives called it a game-changing moment. Revenue rose {p} percent.\n")


def make_folder(path: Path, n: int) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        tpl = DE if i % 2 == 0 else EN
        (path / f"art-{i:03d}.txt").write_text(tpl.format(n=f"Nord{i}", m=10 + i, p=i % 9 + 1), encoding="utf-8")
    return path


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime, except the per-run files (run.json has timestamps by design)."""
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file() and p.name not in ("run.json", ".lock")}


@pytest.fixture
def batch(tiny_model_dir):
    def _run(sources, out, **kw):
        kw.setdefault("formats", FAST)
        kw.setdefault("explain", False)
        return run(sources, out, model=tiny_model_dir, **kw)

    return _run


def test_rerun_changes_nothing(tmp_path, batch):
    src, out = make_folder(tmp_path / "in", 4), tmp_path / "out"
    s1 = batch([src], out, formats=("html", "json", "png"))
    assert (s1["found"], s1["new"], s1["processed"], s1["exit_code"]) == (4, 4, 4, 0)
    before = snapshot(out)
    assert {"index.html", "overview.csv", "overview.jsonl", "manifest.json", "errors.jsonl",
            "charts/hype_by_outlet.png", "charts/hype_over_time.png", "charts/hype_vs_substance.png"} <= set(before)
    assert len([k for k in before if k.endswith("/report.html")]) == 4
    time.sleep(0.05)
    s2 = batch([src], out, formats=("html", "json", "png"))
    assert (s2["skipped"], s2["processed"], s2["new"], s2["changed"]) == (4, 0, 0, 0)
    assert snapshot(out) == before  # same bytes and same mtimes: nothing was rewritten
    run_json = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run_json["skipped"] == 4 and run_json["exit_code"] == 0 and run_json["model"]


def test_only_the_changed_article_is_reprocessed(tmp_path, batch):
    src, out = make_folder(tmp_path / "in", 4), tmp_path / "out"
    batch([src], out)
    before = snapshot(out)
    with open(src / "art-001.txt", "a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph with 7 percent more.\n")
    (src / "art-new.txt").write_text("Ein neuer Artikel über 3 Millionen Euro.\n", encoding="utf-8")
    s = batch([src], out)
    assert (s["new"], s["changed"], s["skipped"], s["processed"]) == (1, 1, 3, 2)
    assert s["reprocess_reasons"]["content"] == 1
    after = snapshot(out)
    changed = {k for k in after if before.get(k) != after[k]}
    assert {k.split("/")[1] for k in changed if k.startswith("articles/")} == {"art-001.txt", "art-new.txt"}
    assert {"overview.jsonl", "overview.csv", "index.html", "manifest.json"} <= changed
    # --force and a new model version reprocess everything
    assert batch([src], out, force=True)["processed"] == 5
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["articles"].values():
        entry["model"] = "0" * 64
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    s = batch([src], out)
    assert s["processed"] == 5 and s["reprocess_reasons"]["model"] == 5


def test_missing_report_file_is_rebuilt(tmp_path, batch):
    src, out = make_folder(tmp_path / "in", 2), tmp_path / "out"
    batch([src], out)
    (out / "articles" / "art-000.txt" / "report.json").unlink()
    s = batch([src], out)
    assert s["processed"] == 1 and s["reprocess_reasons"]["missing_report"] == 1
    assert (out / "articles" / "art-000.txt" / "report.json").exists()


def test_failures_recorded_exit_3(tmp_path, tiny_model_dir, capsys):
    src = make_folder(tmp_path / "in", 2)
    (src / "scan.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (src / "export.csv").write_text("id,title,text\nc1,Gut,Ein guter Satz über 5 Prozent.\nc2,\"kaputt\n",
                                    encoding="utf-8")
    (src / "rows.csv").write_text("id,title,text\nr1,ok,Noch ein Satz.\nr2,zu,viele,Felder\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["batch", str(src), "--out", str(out), "--model", str(tiny_model_dir), "--no-explain",
                 "--format", "json", "--quiet"])
    assert code == 3
    err = capsys.readouterr().err
    assert "failed: scan.txt" in err and "binary" in err
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["id"] for e in errors} >= {"scan.txt", "r2"}
    assert all(set(e) == {"id", "source", "reason", "time"} for e in errors)
    by_id = {e["id"]: e for e in errors}
    assert "malformed row" in by_id["r2"]["reason"] and by_id["r2"]["source"].endswith("rows.csv:3")
    df = overview(out)
    assert {"art-000.txt", "art-001.txt", "c1", "r1"} <= set(df["id"])  # the rest of the run went on
    assert "scan.txt" not in set(df["id"])
    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert summary["exit_code"] == 3 and summary["failed"] == len(errors)
    assert "could not be read" in (out / "index.html").read_text(encoding="utf-8")


def test_lock_contention_and_stale_lock(tmp_path, tiny_model_dir, capsys):
    src, out = make_folder(tmp_path / "in", 1), tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / ".lock").write_text(f"{holder.pid}\n", encoding="utf-8")
        args = ["batch", str(src), "--out", str(out), "--model", str(tiny_model_dir), "--no-explain",
                "--format", "json"]
        assert main(args) == 1
        err = capsys.readouterr().err
        assert f"PID {holder.pid}" in err and "error:" in err
        assert not (out / "manifest.json").exists()  # nothing touched
        with pytest.raises(LockError):
            run([src], out, model=tiny_model_dir)
    finally:
        holder.kill()
        holder.wait()
    # the holder is dead now: its lock is stale and taken over with a warning
    assert main(args + ["--quiet"]) == 0
    err = capsys.readouterr().err
    assert "warning: taking over stale lock" in err and str(holder.pid) in err
    assert not (out / ".lock").exists()
    assert len(overview(out)) == 1


def _batch_cmd(src: Path, out: Path, model_dir) -> tuple[list[str], dict[str, str]]:
    cmd = [sys.executable, "-m", "hype", "batch", str(src), "--out", str(out), "--jobs", "1",
           "--model", str(model_dir), "--no-explain", "--format", "json,md"]
    return cmd, {**os.environ, "PYTHONPATH": str(ROOT)}


def _start_until(cmd, env, manifest: Path, done: int, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    """Start a batch run and return once its manifest lists `done` finished articles (it is still running)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(json.loads(manifest.read_text(encoding="utf-8"))["articles"]) >= done:
            break  # the manifest is always valid JSON: it is replaced atomically
        time.sleep(0.002)
    if proc.poll() is not None:
        raise AssertionError("the run finished before it could be stopped")
    return proc


def test_kill_9_then_resume(tmp_path, tiny_model_dir):
    n = 40
    src, out = make_folder(tmp_path / "in", n), tmp_path / "out"
    cmd, env = _batch_cmd(src, out, tiny_model_dir)
    manifest = out / "manifest.json"
    proc = _start_until(cmd, env, manifest, 3)
    try:
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    killed_at = len(json.loads(manifest.read_text(encoding="utf-8"))["articles"])
    assert 3 <= killed_at < n
    assert (out / ".lock").exists()  # left behind by the killed run

    def check_consistent():
        entries = json.loads(manifest.read_text(encoding="utf-8"))["articles"]
        for aid, e in entries.items():
            for f in e["files"]:
                assert (out / e["report"] / f).is_file(), (aid, f)
            json.loads((out / e["report"] / "report.json").read_text(encoding="utf-8"))
        return entries

    check_consistent()
    for p in out.rglob("report.json"):  # complete files only, even those not yet in the manifest
        json.loads(p.read_text(encoding="utf-8"))

    resumed = subprocess.run(cmd + ["--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "stale lock" in resumed.stderr
    entries = check_consistent()
    assert len(entries) == n
    folders = sorted(p.name for p in (out / "articles").iterdir())
    assert folders == sorted(slug_for(a) for a in entries) and len(folders) == n  # no duplicates
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")] and not (out / ".tmp").exists()
    rows = [json.loads(line) for line in (out / "overview.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(entries)
    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert summary["processed"] + summary["skipped"] == n and summary["processed"] <= n - killed_at + 1


def test_formula_injection_neutralised(tmp_path, batch):
    src = tmp_path / "evil.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "source", "published", "url", "text"])
        w.writerow(["e1", "=HYPERLINK(\"http://evil.example\",\"x\")", "+Outlet", "2025-01-01", "@SUM(1)",
                    "Die Firma meldet 5 Prozent mehr Umsatz."])
        w.writerow(["-e2", "\tTabbed", "-minus", "2025-01-02", "", "The company said revenue rose 4 percent in the last quarter."])
    out = tmp_path / "out"
    batch([src], out)
    with open(out / "overview.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"e1", "'-e2"}
    e1 = rows["e1"]
    assert e1["title"].startswith("'=") and e1["outlet"] == "'+Outlet" and e1["url"] == "'@SUM(1)"
    assert rows["'-e2"]["title"] == "Tabbed" and rows["'-e2"]["outlet"] == "'-minus"  # metadata whitespace is cleaned
    for row in rows.values():
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r"
    # numbers stay numbers, text cells are neutralised
    assert _csv_cell("sentiment_balance", -0.25) == "-0.25"
    assert _csv_cell("hype_index", 71) == "71"
    assert _csv_cell("title", "-0.25") == "'-0.25"
    assert _csv_cell("title", None) == ""
    assert _csv_cell("top_phrases", "\tx") == "'\tx" and _csv_cell("title", "\rx") == "'\rx"
    assert _csv_cell("title", "@x") == "'@x" and _csv_cell("title", "+x") == "'+x"
    text = render_overview_csv([{"id": "x", "sentiment_balance": -0.5, "title": "=1+1"}]).decode("utf-8-sig")
    assert "-0.5" in text and "'=1+1" in text and ",=1" not in text


def test_since_until_filter(tmp_path, batch):
    src = tmp_path / "dated.jsonl"
    lines = [{"id": f"d{i}", "published": f"2025-03-{i:02d}", "text": f"Der Umsatz stieg um {i} Prozent."}
             for i in range(1, 6)]
    lines.append({"id": "undated", "text": "Ohne Datum, aber mit 3 Millionen Euro."})
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out"
    s = batch([src], out, since="2025-03-02", until="2025-03-04")
    assert (s["found"], s["filtered"], s["undated"], s["processed"]) == (6, 2, 1, 4)
    assert set(overview(out)["id"]) == {"d2", "d3", "d4", "undated"}
    with pytest.raises(SystemExit) as exc:  # not an ISO date: usage error
        main(["batch", str(src), "--out", str(tmp_path / "o2"), "--since", "03/02/2025"])
    assert exc.value.code == 2
    assert main(["batch", str(src), "--out", str(tmp_path / "o2"), "--since", "2025-03-05",
                 "--until", "2025-03-01"]) == 2


def test_csv_column_mapping_through_cli(tmp_path, tiny_model_dir):
    src = tmp_path / "cms.tsv"
    src.write_text("Nr\tSchlagzeile\tMedium\tDatum\tLink\tInhalt\n"
                   "7\tWerft <b>jubelt</b>\tKurier\t18.02.2025\thttps://k.example/7\tDie Werft meldet 400 Millionen Euro.\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    code = main(["batch", str(src), "--out", str(out), "--model", str(tiny_model_dir), "--no-explain",
                 "--format", "json", "--quiet", "--id-col", "Nr", "--title-col", "Schlagzeile",
                 "--source-col", "Medium", "--date-col", "Datum", "--url-col", "Link", "--text-col", "Inhalt"])
    assert code == 0
    df = overview(out)
    assert list(df.columns) == list(OVERVIEW_COLUMNS)
    row = df.iloc[0]
    assert (row["id"], row["outlet"], row["published"], row["url"]) == ("7", "Kurier", "2025-02-18", "https://k.example/7")
    assert row["report"] == "articles/7/report.json" and (out / row["report"]).exists()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Werft &lt;b&gt;jubelt&lt;/b&gt;" in page and "<b>jubelt" not in page
    assert 'href="articles/7/report.json"' in page


def test_feeds_and_prune(tmp_path, batch):
    feed = tmp_path / "wire.atom"
    feed.write_text("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:w</id><updated>2025-03-02T00:00:00Z</updated>
<entry><title>One</title><id>urn:w:1</id><updated>2025-03-01T00:00:00Z</updated><content type="text">The company said that revenue rose 3 percent in the first quarter of the year.</content></entry>
<entry><title>Two</title><id>urn:w:2</id><updated>2025-03-02T00:00:00Z</updated><content type="text">The bank said that its profit fell 2 percent because of higher costs and weaker demand.</content></entry>
</feed>""", encoding="utf-8")
    folder = make_folder(tmp_path / "in", 1)
    out = tmp_path / "out"
    s = batch([feed, folder], out)
    assert s["processed"] == 3
    df = overview(out).set_index("id")
    assert df.loc["urn:w:1", "outlet"] == "Wire" and df.loc["urn:w:2", "published"] == "2025-03-02"
    s = batch([feed], out)  # the folder is not given this time: its article stays in the overview
    assert s["skipped"] == 2 and len(overview(out)) == 3
    s = batch([feed], out, prune=True)
    assert s["pruned"] == 1 and set(overview(out)["id"]) == {"urn:w:1", "urn:w:2"}
    assert not (out / "articles" / "art-000.txt").exists()


def test_duplicate_ids(tmp_path, batch):
    a = tmp_path / "a.csv"
    a.write_text("id,text\nx1,Die Firma hat den Umsatz um 5 Prozent gesteigert.\n"
                 "x2,Der Vorstand ist mit dem Ergebnis des Jahres sehr zufrieden.\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text("id,text\nx1,Die Firma hat den Umsatz um 5 Prozent gesteigert.\n"
                 "x2,Der Vorstand ist mit dem Ergebnis des Jahres nicht zufrieden.\n", encoding="utf-8")
    s = batch([a, b], tmp_path / "out")
    assert s["duplicates"] == 1 and s["failed"] == 1 and s["exit_code"] == 3  # same id, other text: reported


def test_index_html_escaped_sorted_and_self_contained():
    rows = [
        {"id": "low", "title": "Sober", "hype_index": 12.0, "report": "articles/low/report.html", "url": "javascript:alert(1)"},
        {"id": "high", "title": "<script>alert('x')</script>", "outlet": "\"><img src=x onerror=alert(1)>",
         "hype_index": 88.5, "sentiment_balance": -0.4, "report": "articles/high/report.html",
         "url": "https://example.org/a?b=1&c=2"},
        {"id": "none", "title": "No metrics", "report": "articles/none/report.html"},
    ]
    from hype.batch import _sort_key

    page = render_index(sorted(rows, key=_sort_key), {}, [{"id": "<e>", "source": "s", "reason": "r"}], ["abc"])
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and 'href="javascript' not in page  # unsafe link schemes stay text
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    assert page.index("articles/high/") < page.index("articles/low/") < page.index("articles/none/")
    assert "http://" not in page.replace("https://example.org", "")  # nothing external to load
    assert page.count("<script>") == 1 and "Content-Security-Policy" in page
    assert "&lt;e&gt;" in page


def test_slugs_are_safe_and_distinct():
    ids = ["a.txt", "A.txt", "sub/a.txt", "sub-a.txt", "../etc/passwd", "https://x.example/a?b", ".hidden", ""]
    slugs = [slug_for(i) for i in ids]
    assert len(set(slugs)) == len(ids)
    assert slug_for("a.txt") == "a.txt"
    for s in slugs:
        assert s and "/" not in s and not s.startswith(".") and s == s.lower()


def test_parallel_jobs_give_the_same_reports(tmp_path, batch):
    src = make_folder(tmp_path / "in", 6)
    batch([src], tmp_path / "one", jobs=1)
    s = batch([src], tmp_path / "two", jobs=2)
    assert s["processed"] == 6 and s["exit_code"] == 0
    one = {k: v[0] for k, v in snapshot(tmp_path / "one").items()}
    two = {k: v[0] for k, v in snapshot(tmp_path / "two").items()}
    assert one == two


def test_sigterm_exits_130_and_keeps_finished_reports(tmp_path, tiny_model_dir):
    n = 40
    src, out = make_folder(tmp_path / "in", n), tmp_path / "out"
    cmd, env = _batch_cmd(src, out, tiny_model_dir)
    manifest = out / "manifest.json"
    proc = _start_until(cmd, env, manifest, 3, stderr=subprocess.PIPE)
    try:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert summary["status"] == "interrupted"
    done = json.loads(manifest.read_text(encoding="utf-8"))["articles"]
    assert 3 <= len(done) < n and not (out / ".lock").exists()   # a clean stop releases the lock
    resumed = subprocess.run(cmd + ["--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert len(json.loads(manifest.read_text(encoding="utf-8"))["articles"]) == n


def test_fatal_problems_exit_1(tmp_path, tiny_model_dir, capsys):
    src = make_folder(tmp_path / "in", 2)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert main(["batch", str(src), "--out", str(blocker / "out"), "--model", str(tiny_model_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    tampered = tmp_path / "model"
    tampered.mkdir()
    for f in tiny_model_dir.iterdir():
        (tampered / f.name).write_bytes(f.read_bytes())
    (tampered / "model.joblib").write_bytes((tampered / "model.joblib").read_bytes() + b"x")
    assert main(["batch", str(src), "--out", str(tmp_path / "out"), "--model", str(tampered), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "sha256" in err and err.count("\n") == 1


def test_tampered_model_fails_even_when_nothing_is_new(tmp_path, tiny_model_dir, capsys):
    src, out, model = make_folder(tmp_path / "in", 2), tmp_path / "out", tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    args = ["batch", str(src), "--out", str(out), "--model", str(model), "--format", "json", "--quiet"]
    assert main(args) == 0
    before = sorted(p.name for p in (out / "articles").iterdir())
    (model / "model.joblib").write_bytes((model / "model.joblib").read_bytes() + b"x")
    capsys.readouterr()
    assert main(args) == 1                       # nothing new, but the model fails its check
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "sha256" in err
    assert sorted(p.name for p in (out / "articles").iterdir()) == before   # finished output kept


def test_hostile_inputs_are_recorded_and_the_run_goes_on(tmp_path, batch):
    src = make_folder(tmp_path / "in", 2)
    os.mkfifo(src / "pipe.txt")                                      # must not block the run
    (src / "export.jsonl").write_text(
        '{"id": "big", "text": ' + "1" * 5000 + "}\n" + "[" * 100_000 + "\n"
        + json.dumps({"id": "fine", "text": "Der Umsatz stieg um 4 Prozent. Ein beispielloser Coup!"}) + "\n",
        encoding="utf-8")
    out = tmp_path / "out"
    summary = run([src], out, formats=FAST, explain=False, model=None)
    assert summary["exit_code"] == 3
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    reasons = " | ".join(e["reason"] for e in errors)
    assert len(errors) == 3 and "not a regular file" in reasons and reasons.count("malformed JSON line") == 2
    assert {r["id"] for r in overview(out).to_dict("records")} == {"art-000.txt", "art-001.txt", "fine"}


def test_a_report_that_cannot_be_written_fails_alone(tmp_path, batch):
    src, out = make_folder(tmp_path / "in", 3), tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    (out / "articles" / slug_for("art-001.txt")).write_text("in the way", encoding="utf-8")
    summary = batch([src], out)
    assert summary["exit_code"] == 3 and summary["processed"] == 2
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["id"] for e in errors] == ["art-001.txt"] and "cannot write its report" in errors[0]["reason"]
    assert (out / "index.html").exists() and len(overview(out)) == 2


def test_hand_edited_manifest_entries_are_rebuilt(tmp_path, batch):
    src, out = make_folder(tmp_path / "in", 3), tmp_path / "out"
    batch([src], out)
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    data["articles"]["art-000.txt"]["report"] = 123
    data["articles"]["art-001.txt"]["files"] = 5
    data["articles"]["art-002.txt"]["row"]["outlet"] = {"nested": ["x"]}
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    summary = batch([src], out)
    assert summary["exit_code"] == 0 and summary["processed"] == 3


@pytest.mark.parametrize("name", ["manifest.json", ".lock"])
def test_a_folder_where_a_batch_file_belongs_is_fatal(tmp_path, tiny_model_dir, capsys, name):
    src, out = make_folder(tmp_path / "in", 1), tmp_path / "out"
    (out / name).mkdir(parents=True)
    assert main(["batch", str(src), "--out", str(out), "--model", str(tiny_model_dir), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_manifest_saves_are_spaced_and_flushed(tmp_path):
    from hype.batch import Manifest

    m = Manifest(tmp_path / "manifest.json")
    entry = {"hash": "h", "model": "m", "report": "articles/a", "files": ["report.json"], "row": {"id": "a"}}
    m.set("a", entry)
    assert m.save() is True                           # the first save always writes
    m._interval = 60.0                                # as if the last write had been slow
    m.set("b", {**entry, "report": "articles/b"})
    assert m.save() is False                          # too soon: only marked dirty
    assert "articles/b" not in (tmp_path / "manifest.json").read_text(encoding="utf-8")
    m.flush()                                         # the end of a run (or an interrupt) writes it
    assert set(json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["articles"]) == {"a", "b"}


def test_reports_are_headed_with_the_articles_own_title(tmp_path, batch):
    src = tmp_path / "export.csv"
    src.write_text("id,title,url,text\n"
                   "c1,Nordwerk hebt die Prognose an,https://x.example/a,Der Umsatz stieg um 5 Prozent. Die Aktie legte zu.\n"
                   "c2,Velantis senkt die Kosten,https://x.example/b,Die Kosten sanken um 3 Prozent. Der Gewinn stieg.\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    assert batch([src], out, formats=("md", "json"))["exit_code"] == 0
    heads = sorted(p.read_text(encoding="utf-8").splitlines()[0] for p in (out / "articles").glob("*/report.md"))
    assert heads == ["# Hype-Bericht: Nordwerk hebt die Prognose an", "# Hype-Bericht: Velantis senkt die Kosten"]
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "articles").glob("*/report.json")]
    assert {d["title"] for d in docs} == {"Nordwerk hebt die Prognose an", "Velantis senkt die Kosten"}


def test_overview_in_german_with_ui_lang(tmp_path, batch):
    src, out = make_folder(tmp_path / "in", 2), tmp_path / "out"
    assert batch([src], out, formats=("json",), ui_lang="de")["exit_code"] == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "<h1>hype-Übersicht</h1>" in page and ">Hype-Index</th>" in page
    assert "Sorted by hype index" not in page and ">Verdict<" not in page
    assert re.search(r'<td data-v="(nüchtern|werblich|stark werblich)">', page)
    assert not re.search(r'<td data-v="(sober|promotional|strongly promotional)">', page)
    numbers = re.findall(r'<td class="num" data-v="[^"]+">(?:<span[^>]*></span>)?([^<]+)</td>', page)
    assert numbers and not any("." in n for n in numbers)            # German decimal commas
    english = tmp_path / "out-en"
    batch([src], english, formats=("json",))
    assert "<h1>hype batch overview</h1>" in (english / "index.html").read_text(encoding="utf-8")
