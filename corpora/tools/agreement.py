"""Double-annotation bookkeeping.

  python corpora/tools/agreement.py snapshot [--round N]  # freeze annotator A's labels for the round's sentences
  python corpora/tools/agreement.py kappa [--round N]     # Cohen's kappa A vs B per label and language (JSON + table)
  python corpora/tools/agreement.py task --round 3        # round 3: every sentence of the round-3 articles

Files (corpora/agreement/): round<N>_<lang>_task.jsonl (texts only, what B saw),
round<N>_<lang>_annotator_a.jsonl (A's labels frozen before adjudication),
round<N>_<lang>_annotator_b.jsonl (B's independent labels), kappa.json (round 2) / kappa_round<N>.json.
Round 2 sampled 26 articles per language (tools/make_second_round.py wrote its task files); round 3 (the
challenge split, article ids 101-199) is double-annotated in full, sentence labels only (no article ratings).
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGREE = ROOT / "agreement"
LABELS = ("rhetoric", "claim", "sentiment")


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


ROUND_IDS = {3: range(101, 200)}  # article numbers written in each fully double-annotated round


def make_task(rnd: int):
    if rnd not in ROUND_IDS:
        sys.exit(f"error: 'task' writes the task files of a fully annotated round ({', '.join(map(str, ROUND_IDS))}); "
                 "round 2's sample was drawn by tools/make_second_round.py")
    for lang in ("de", "en"):
        rows = []
        for f in sorted((ROOT / "src" / lang).glob("*.json")):
            doc = json.loads(f.read_text(encoding="utf-8"))
            if int(doc["id"].rsplit("-", 1)[1]) not in ROUND_IDS[rnd]:
                continue
            i = 0
            for pi, para in enumerate(doc["paragraphs"]):
                for sent in para:
                    rows.append({"article_id": doc["id"], "sentence_index": i, "paragraph": pi, "text": sent["text"]})
                    i += 1
        path = AGREE / f"round{rnd}_{lang}_task.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{lang}: {len(rows)} sentences to {path.name}")


def snapshot(rnd: int = 2):
    for lang in ("de", "en"):
        task = _read(AGREE / f"round{rnd}_{lang}_task.jsonl")
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
        path = AGREE / f"round{rnd}_{lang}_annotator_a.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
        if rnd == 2:
            ratings = {aid: d["hype_rating"] for aid, d in docs.items()}
            (AGREE / f"round2_{lang}_article_ratings_a.json").write_text(json.dumps(ratings, indent=1) + "\n")
        print(f"{lang}: froze {len(out)} sentences")


def cohen_kappa(a, b):
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(a, b))


def kappa(rnd: int = 2):
    result = {}
    for lang in ("de", "en"):
        a = _read(AGREE / f"round{rnd}_{lang}_annotator_a.jsonl")
        b = _read(AGREE / f"round{rnd}_{lang}_annotator_b.jsonl")
        key = lambda r: (r["article_id"], r["sentence_index"])  # noqa: E731
        bmap = {key(r): r for r in b}
        pairs = [(r, bmap[key(r)]) for r in a if key(r) in bmap]
        res = {"n": len(pairs)}
        for lab in LABELS:
            xa, xb = [p[0][lab] for p in pairs], [p[1][lab] for p in pairs]
            res[lab] = {"kappa": round(cohen_kappa(xa, xb), 3),
                        "agreement": round(sum(x == y for x, y in zip(xa, xb)) / len(pairs), 3)}
        ra_path = AGREE / f"round{rnd}_{lang}_article_ratings_a.json"
        rb_path = AGREE / f"round{rnd}_{lang}_article_ratings_b.json"
        if ra_path.exists() and rb_path.exists():
            ra = json.loads(ra_path.read_text())
            from sklearn.metrics import cohen_kappa_score

            rb = json.loads(rb_path.read_text())
            ids = sorted(set(ra) & set(rb))
            res["hype_rating"] = {"weighted_kappa": round(float(cohen_kappa_score(
                [ra[i] for i in ids], [rb[i] for i in ids], weights="quadratic")), 3), "n_articles": len(ids)}
        result[lang] = res
    (AGREE / ("kappa.json" if rnd == 2 else f"kappa_round{rnd}.json")).write_text(json.dumps(result, indent=2) + "\n")
    for lang, res in result.items():
        print(lang, res)


if __name__ == "__main__":
    if sys.argv[1] == "task" and "--round" not in sys.argv:
        sys.exit("error: task needs --round N (it would overwrite that round's task files)")
    rnd = int(sys.argv[sys.argv.index("--round") + 1]) if "--round" in sys.argv else 2
    {"snapshot": snapshot, "kappa": kappa, "task": make_task}[sys.argv[1]](rnd)
