"""Double-annotation bookkeeping.

  python corpora/tools/agreement.py snapshot   # freeze annotator A's labels for the round-2 sentences
  python corpora/tools/agreement.py kappa      # Cohen's kappa A vs B per label and language (JSON + table)

Files (corpora/agreement/): round2_<lang>_task.jsonl (texts only, what B saw),
round2_<lang>_annotator_a.jsonl (A's labels frozen before adjudication),
round2_<lang>_annotator_b.jsonl (B's independent labels), kappa.json.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGREE = ROOT / "agreement"
LABELS = ("rhetoric", "claim", "sentiment")


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def snapshot():
    for lang in ("de", "en"):
        task = _read(AGREE / f"round2_{lang}_task.jsonl")
        docs = {}
        out = []
        for row in task:
            aid = row["article_id"]
            if aid not in docs:
                docs[aid] = json.loads((ROOT / "src" / lang / f"{aid}.json").read_text(encoding="utf-8"))
            sents = [s for p in docs[aid]["paragraphs"] for s in p]
            s = sents[row["sentence_index"]]
            assert s["text"] == row["text"], (aid, row["sentence_index"])
            out.append({"article_id": aid, "sentence_index": row["sentence_index"],
                        **{k: s[k] for k in LABELS}, "spans": s.get("spans", [])})
        path = AGREE / f"round2_{lang}_annotator_a.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
        ratings = {aid: d["hype_rating"] for aid, d in docs.items()}
        (AGREE / f"round2_{lang}_article_ratings_a.json").write_text(json.dumps(ratings, indent=1) + "\n")
        print(f"{lang}: froze {len(out)} sentences")


def cohen_kappa(a, b):
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(a, b))


def kappa():
    result = {}
    for lang in ("de", "en"):
        a = _read(AGREE / f"round2_{lang}_annotator_a.jsonl")
        b = _read(AGREE / f"round2_{lang}_annotator_b.jsonl")
        key = lambda r: (r["article_id"], r["sentence_index"])  # noqa: E731
        bmap = {key(r): r for r in b}
        pairs = [(r, bmap[key(r)]) for r in a if key(r) in bmap]
        res = {"n": len(pairs)}
        for lab in LABELS:
            xa, xb = [p[0][lab] for p in pairs], [p[1][lab] for p in pairs]
            res[lab] = {"kappa": round(cohen_kappa(xa, xb), 3),
                        "agreement": round(sum(x == y for x, y in zip(xa, xb)) / len(pairs), 3)}
        ra = json.loads((AGREE / f"round2_{lang}_article_ratings_a.json").read_text())
        rb_path = AGREE / f"round2_{lang}_article_ratings_b.json"
        if rb_path.exists():
            from sklearn.metrics import cohen_kappa_score

            rb = json.loads(rb_path.read_text())
            ids = sorted(set(ra) & set(rb))
            res["hype_rating"] = {"weighted_kappa": round(float(cohen_kappa_score(
                [ra[i] for i in ids], [rb[i] for i in ids], weights="quadratic")), 3), "n_articles": len(ids)}
        result[lang] = res
    (AGREE / "kappa.json").write_text(json.dumps(result, indent=2) + "\n")
    for lang, res in result.items():
        print(lang, res)


if __name__ == "__main__":
    {"snapshot": snapshot, "kappa": kappa}[sys.argv[1]]()
