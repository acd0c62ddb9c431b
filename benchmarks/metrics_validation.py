"""Validate the hype index against the corpus's annotated article ratings (docs/metrics.md).

Analyses every corpus article (corpora/{de,en}/articles/*.txt) with the packaged model via
hype.analysis.analyze(text, lang=...) and once without a model (basis "spans"), then prints

* Spearman's rho between hype_index and the annotated 1-5 hype_rating per language and split
  (the packaged model is trained on the train split: the test split is the honest number),
* the same for each index component alone,
* how the verdict bands match the rating groups 1-2 / 3 / 4-5, and the thresholds that would
  match the train split best (a hint when detectors or the model change),
* the acceptance article (../shared/acceptance/meta-ki-investition.de.txt) and two sober corpus articles.

Run:  python benchmarks/metrics_validation.py [--jobs 2] [--json results.json]
Takes a few minutes (about a second per article and core with explanations).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scipy.stats import spearmanr  # noqa: E402

from hype import metrics as M  # noqa: E402
from hype.analysis import analyze  # noqa: E402
from hype.corpus import load_corpus, parse_article_file  # noqa: E402

ACCEPTANCE = ROOT.parent / "shared" / "acceptance" / "meta-ki-investition.de.txt"
SOBER_EXAMPLES = ("corpora/examples/de-retail-001.txt", "corpora/examples/en-crypto-001.txt")
GROUP = {1: "sober", 2: "sober", 3: "promotional", 4: "strongly_promotional", 5: "strongly_promotional"}


def _summary(m: dict) -> dict:
    c = m["hype_index_components"]
    return {"hype_index": m["hype_index"], "band": m["verdict"]["code"], "rhetoric": c["rhetoric"],
            "span_density": c["span_density"], "figure_balance": c["figure_balance"]}


def analyse_file(path: str) -> dict:
    raw = Path(path).read_text(encoding="utf-8")
    meta, body = parse_article_file(raw) if raw.startswith("id: ") else ({}, raw)
    lang = meta.get("language") or Path(path).name.split("-", 1)[0].split(".")[-1]
    lang = lang if lang in ("de", "en") else None
    model = analyze(body, lang=lang)
    plain = analyze(body, lang=lang, model=None)
    return {"path": path, "id": meta.get("id", Path(path).stem), "language": model.language,
            "rating": int(meta["hype_rating"]) if "hype_rating" in meta else None,
            "model": _summary(model.metrics), "spans": _summary(plain.metrics)}


def rho(rows: list[dict], key) -> float | None:
    xs = [key(r) for r in rows]
    ys = [r["rating"] for r in rows]
    if len(rows) < 3 or len(set(xs)) < 2:
        return None
    return round(float(spearmanr(xs, ys)[0]), 3)


def band_table(rows: list[dict], basis: str) -> dict:
    table = {g: {b: 0 for b in M.BANDS} for g in M.BANDS}
    for r in rows:
        table[GROUP[r["rating"]]][r[basis]["band"]] += 1
    hits = sum(table[g][g] for g in M.BANDS)
    recall = {g: round(table[g][g] / max(1, sum(table[g].values())), 3) for g in M.BANDS}
    return {"accuracy": round(hits / max(1, len(rows)), 3), "recall": recall, "rows=rating group": table}


def best_thresholds(rows: list[dict], basis: str, min_sober_recall: float = 0.95) -> list[tuple]:
    """(mean per-band recall, t1, t2) for thresholds in steps of 5, best first, among those that keep
    at least min_sober_recall of the sober (rating 1-2) articles sober (docs/metrics.md)."""
    out = []
    for t1 in range(10, 80, 5):
        for t2 in range(t1 + 5, 95, 5):
            per = {g: [0, 0] for g in M.BANDS}
            for r in rows:
                x = r[basis]["hype_index"]
                pred = "sober" if x < t1 else "promotional" if x < t2 else "strongly_promotional"
                g = GROUP[r["rating"]]
                per[g][0] += pred == g
                per[g][1] += 1
            macro = sum(h / n for h, n in per.values() if n) / sum(1 for _, n in per.values() if n)
            if per["sober"][1] and per["sober"][0] / per["sober"][1] < min_sober_recall:
                continue
            out.append((round(macro, 3), t1, t2))
    return sorted(out, key=lambda t: (-t[0], t[1], t[2]))[:5]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--json", help="write all per-article results and the summary to this file")
    args = ap.parse_args(argv)

    df = load_corpus()
    split = df.groupby("article_id")["split"].first().to_dict()
    files = sorted(str(p) for p in ROOT.glob("corpora/*/articles/*.txt"))
    extra = [str(ROOT / p) for p in SOBER_EXAMPLES] + ([str(ACCEPTANCE)] if ACCEPTANCE.exists() else [])
    t0 = time.perf_counter()
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as ex:
            results = list(ex.map(analyse_file, files + extra, chunksize=4))
    else:
        results = [analyse_file(f) for f in files + extra]
    seconds = time.perf_counter() - t0
    corpus, extras = results[:len(files)], results[len(files):]
    for r in corpus:
        r["split"] = split[r["id"]]

    summary: dict = {"articles": len(corpus), "seconds": round(seconds, 1), "spearman": {}, "components": {},
                     "bands": {}, "best_thresholds": {}, "thresholds": M.THRESHOLDS}
    print(f"{len(corpus)} corpus articles analysed in {seconds:.0f} s\n")
    print("Spearman rho, hype_index vs. annotated hype_rating")
    print(f"{'basis':7} {'lang':4} {'test':>6} {'train':>6} {'chall.':>6} {'all':>6}   (n test/train/challenge)")
    for basis in ("model", "spans"):
        for lang in ("de", "en"):
            sub = [r for r in corpus if r["language"] == lang]
            vals = {}
            for sp in ("test", "train", "challenge", "all"):
                rows = sub if sp == "all" else [r for r in sub if r["split"] == sp]
                vals[sp] = rho(rows, lambda r: r[basis]["hype_index"]) if rows else None
            n = {sp: sum(r["split"] == sp for r in sub) for sp in ("test", "train", "challenge")}
            summary["spearman"][f"{basis}/{lang}"] = vals
            print(f"{basis:7} {lang:4} {vals['test']!s:>6} {vals['train']!s:>6} {vals['challenge']!s:>6} "
                  f"{vals['all']!s:>6}   ({n['test']}/{n['train']}/{n['challenge']})")
    print("\nSpearman rho of each component alone (test split)")
    for basis in ("model", "spans"):
        for comp in ("rhetoric", "span_density", "figure_balance"):
            vals = {lang: rho([r for r in corpus if r["language"] == lang and r["split"] == "test"],
                              lambda r, c=comp: r[basis][c]) for lang in ("de", "en")}
            summary["components"][f"{basis}/{comp}"] = vals
            print(f"{basis:7} {comp:15} de {vals['de']!s:>6}  en {vals['en']!s:>6}")
    print("\nVerdict bands vs. rating groups (1-2 sober, 3 promotional, 4-5 strongly promotional)")
    for basis in ("model", "spans"):
        for sp in ("test", "train"):
            rows = [r for r in corpus if r["split"] == sp]
            t = band_table(rows, basis)
            summary["bands"][f"{basis}/{sp}"] = t
            print(f"{basis:7} {sp:5} thresholds {M.THRESHOLDS[basis]}: accuracy {t['accuracy']}, recall {t['recall']}")
        for sp in ("test", "train"):
            best = best_thresholds([r for r in corpus if r["split"] == sp], basis)
            summary["best_thresholds"][f"{basis}/{sp}"] = best
            print(f"{basis:7} best (mean band recall, t1, t2) on {sp}, sober recall >= 0.95: {best}")
    print("\nIndex per rating, test split (min / median / max)")
    for basis in ("model", "spans"):
        stats = {}
        for k in range(1, 6):
            xs = sorted(r[basis]["hype_index"] for r in corpus if r["rating"] == k and r["split"] == "test")
            stats[k] = (xs[0], xs[len(xs) // 2], xs[-1]) if xs else None
        summary[f"index_by_rating_test/{basis}"] = stats
        print(f"{basis:7} {stats}")
    print("\nAcceptance and sober examples")
    for r in extras:
        print(f"  {Path(r['path']).name:32} model {r['model']['hype_index']:5.1f} {r['model']['band']:22}"
              f" spans {r['spans']['hype_index']:5.1f} {r['spans']['band']}")
    summary["extras"] = extras
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "articles": corpus}, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
