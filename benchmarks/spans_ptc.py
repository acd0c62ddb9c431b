"""Span benchmark: hype's rhetoric spans against human spans, with partial-overlap credit.

Run (from the repository root):

    python benchmarks/spans_ptc.py ptc      # SemEval-2020 Task 11 (PTC), English news
    python benchmarks/spans_ptc.py corpus   # the project's corpus, train and test split
    python benchmarks/spans_ptc.py ptc --errors 40   # also print missed and spurious spans

ptc: ../shared/benchmarks/semeval2020-ptc (beside the checkout; read-only, research use only: the
articles are read from there and never copied into the repository). Gold = the spans labelled
Loaded_Language or "Exaggeration,Minimisation", overlapping gold spans merged. Each article is read
with hype.text.read_text(lang="en") and every sentence goes through hype.spans.detect_spans; offsets
are mapped back to the article file.

Metric (SemEval-2020 Task 11, span identification, category-agnostic): for predicted spans S and
gold spans T of the same article, precision = mean over s in S of |s ∩ T| / |s|, recall = mean over
t in T of |t ∩ S| / |t| (character overlap), F1 their harmonic mean; averaged over all spans of all
articles.

corpus: corpora/annotations.jsonl via hype.corpus.load_corpus(); gold = the sentences' spans. Reports
P/R/F1 category-agnostic and per category (a predicted span counts for its category only) for the
train and the test split; with --model it adds model.weighted_word spans from the packaged model's
explanations.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hype.lexicons import RHETORIC_CATEGORIES  # noqa: E402
from hype.spans import MODEL_CATEGORY, detect_spans, model_evidence  # noqa: E402

PTC = ROOT.parent / "shared" / "benchmarks" / "semeval2020-ptc"
PTC_TECHNIQUES = ("Loaded_Language", "Exaggeration,Minimisation")


# --------------------------------------------------------------------------- metric

def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _covered(span: tuple[int, int], others: list[tuple[int, int]]) -> int:
    a, b = span
    return sum(max(0, min(b, d) - max(a, c)) for c, d in others)


def overlap_prf(pred: dict, gold: dict) -> dict[str, float]:
    """pred, gold: {document key: [(start, end), ...]}. SemEval-2020 Task 11 span P/R/F1 with
    partial-overlap credit; the spans of each side are unioned per document first, so an
    overlapping pair of gold spans is not counted twice."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for key in set(pred) | set(gold):
        ps = [s for s in pred.get(key, ()) if s[1] > s[0]]
        gs = _union([s for s in gold.get(key, ()) if s[1] > s[0]])
        pu = _union(ps)
        for s in ps:
            p_sum += _covered(s, gs) / (s[1] - s[0])
        for t in gs:
            r_sum += _covered(t, pu) / (t[1] - t[0])
        n_pred += len(ps)
        n_gold += len(gs)
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "n_pred": n_pred, "n_gold": n_gold}


# --------------------------------------------------------------------------- PTC

def ptc_articles(root: Path = PTC):
    """(article id, raw text, [(start, end)] gold spans of the chosen techniques)."""
    if not (root / "articles").is_dir():
        raise FileNotFoundError(
            f"PTC not found: {root} (expected ../shared/benchmarks/semeval2020-ptc beside the checkout)")
    for path in sorted((root / "articles").glob("article*.txt")):
        aid = path.stem[len("article"):]
        raw = path.read_text(encoding="utf-8")
        gold = []
        labels = root / "labels-techniques" / f"article{aid}.task2-TC.labels"
        if labels.exists():
            for line in labels.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[1] in PTC_TECHNIQUES:
                    gold.append((int(parts[2]), int(parts[3])))
        yield aid, raw, gold


def _offset_map(raw: str, plain: str) -> list[int] | None:
    """Index in plain → index in raw, when read_text only dropped or replaced characters."""
    if raw == plain:
        return None
    mapping, i = [], 0
    for ch in plain:
        while i < len(raw) and raw[i] != ch and not (ch == " " and raw[i].isspace()):
            i += 1
        mapping.append(min(i, len(raw)))
        i += 1
    mapping.append(len(raw))
    return mapping


# hype's span categories nearest to the two PTC techniques, fixed before looking at the results:
# Loaded_Language ("words with strong emotional implications") ~ evaluative, intensifier, metaphor;
# Exaggeration,Minimisation ~ hyperbole, vague_magnitude. promise, generalisation (PTC: Bandwagon) and
# hype_word (business jargon) have no counterpart among the two techniques.
PTC_MAPPED = ("evaluative", "intensifier", "metaphor", "hyperbole", "vague_magnitude", MODEL_CATEGORY)
STRENGTHS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def run_ptc(errors: int = 0) -> dict:
    from hype.text import read_text

    pred: dict[str, list] = {}
    gold: dict[str, list] = {}
    texts: dict[str, str] = {}
    n_sent = 0
    cpu = 0.0
    for aid, raw, g in ptc_articles():
        doc = read_text(raw, lang="en")
        mp = _offset_map(raw, doc.plain)
        spans = []
        for s in doc.sentences:
            t0 = time.process_time()
            found = detect_spans(s.text, "en", offset=s.start)
            cpu += time.process_time() - t0
            n_sent += 1
            for sp in found:
                a, b = (sp.start, sp.end) if mp is None else (mp[sp.start], mp[sp.end - 1] + 1)
                spans.append((a, b, sp.category, sp.detector, sp.strength))
        pred[aid] = spans
        gold[aid] = g
        texts[aid] = raw

    def score(keep) -> dict:
        return overlap_prf({k: [(a, b) for a, b, *rest in v if keep(*rest)] for k, v in pred.items()}, gold)

    res = score(lambda cat, det, strength: True)
    res["mapped"] = score(lambda cat, det, strength: cat in PTC_MAPPED)
    res["by_strength"] = {t: score(lambda cat, det, strength, t=t: cat in PTC_MAPPED and strength >= t)
                          for t in STRENGTHS}
    res["articles"] = len(gold)
    res["sentences"] = n_sent
    res["cpu_ms_per_sentence"] = 1000 * cpu / max(1, n_sent)
    per_category = {}
    for cat in sorted({c for v in pred.values() for _, _, c, *_ in v}):
        r = score(lambda c, det, strength, cat=cat: c == cat)
        per_category[cat] = (r["precision"], r["n_pred"])
    res["precision_by_category"] = per_category
    if errors:
        _print_errors(pred, gold, texts, errors)
    return res


def _print_errors(pred, gold, texts, n) -> None:
    fps, fns = collections.Counter(), collections.Counter()
    for k in gold:
        gu = _union(gold[k])
        pu = _union([(a, b) for a, b, *_ in pred.get(k, ())])
        for a, b, cat, *_ in pred.get(k, ()):
            if _covered((a, b), gu) == 0:
                fps[f"{cat:15} {texts[k][a:b]!r}"] += 1
        for a, b in gu:
            if _covered((a, b), pu) == 0:
                fns[texts[k][a:b].lower()[:60]] += 1
    print(f"\n{sum(fps.values())} spurious spans (most frequent first):")
    for t, c in fps.most_common(n):
        print(f"  {c:3}  {t}")
    print(f"\n{sum(fns.values())} missed gold spans (most frequent first):")
    for t, c in fns.most_common(n):
        print(f"  {c:3}  {t!r}")


# --------------------------------------------------------------------------- project corpus

def corpus_predictions(df, explanations: dict | None = None):
    """{article: [(start, end, category)]} predicted and gold for corpus rows (document offsets)."""
    pred: dict[str, list] = collections.defaultdict(list)
    gold: dict[str, list] = collections.defaultdict(list)
    for r in df.itertuples(index=False):
        expl = explanations.get((r.article_id, r.sentence_index)) if explanations else None
        for sp in detect_spans(r.text, r.language, offset=r.start, explanation=expl):
            pred[r.article_id].append((sp.start, sp.end, sp.category))
        for g in r.spans:
            gold[r.article_id].append((g["start"], g["end"], g["kind"]))
    return pred, gold


def corpus_scores(pred, gold) -> dict[str, dict]:
    strip = lambda d, cat=None: {k: [(a, b) for a, b, c in v if cat is None or c == cat] for k, v in d.items()}
    out = {"all": overlap_prf(strip(pred), strip(gold))}
    for cat in RHETORIC_CATEGORIES:
        out[cat] = overlap_prf(strip(pred, cat), strip(gold, cat))
    # model spans have no gold kind of their own: scored against gold spans of any kind
    out[MODEL_CATEGORY] = overlap_prf(strip(pred, MODEL_CATEGORY), strip(gold))
    return out


def model_explanations(df) -> dict:
    from hype.scoring import load_model

    m = load_model()
    X = df[["text", "language"]].reset_index(drop=True)
    Xf = m.transform(X)
    ex = m.explain(X, "rhetoric", top_k=6, Xf=Xf, target=1)
    proba, classes = m.predict_proba(X, "rhetoric", Xf=Xf)
    p1 = proba[:, list(classes).index(1)]
    # as in an analysis: model spans only where the sentence is scored rhetorical (spans.model_evidence)
    return {(r.article_id, r.sentence_index): model_evidence({"rhetoric": float(p)}, [c.to_dict(offset=r.start) for c in e])
            for r, e, p in zip(df.itertuples(index=False), ex, p1)}


def run_corpus(use_model: bool = False, errors: int = 0) -> dict:
    from hype.corpus import load_corpus

    df = load_corpus()
    out = {}
    for split in ("train", "test"):
        part = df[df["split"] == split]
        for lang in ("all", "de", "en"):
            sub = part if lang == "all" else part[part["language"] == lang]
            expl = model_explanations(sub) if use_model else None
            pred, gold = corpus_predictions(sub, expl)
            out[(split, lang)] = corpus_scores(pred, gold)
            if errors and lang != "all" and split == "train":
                art = {}
                for r in sub.itertuples(index=False):
                    art.setdefault(r.article_id, {})[r.start] = r.text
                full = {}
                for k, sents in art.items():
                    n = max(s + len(t) for s, t in sents.items())
                    buf = [" "] * n
                    for s, t in sents.items():
                        buf[s:s + len(t)] = t
                    full[k] = "".join(buf)
                _print_errors({k: [(a, b, c, c) for a, b, c in v] for k, v in pred.items()},
                              {k: [(a, b) for a, b, _ in v] for k, v in gold.items()}, full, errors)
    return out


def _fmt(r: dict) -> str:
    return f"P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  (pred {r['n_pred']}, gold {r['n_gold']})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("which", choices=("ptc", "corpus"))
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent spurious and missed spans")
    ap.add_argument("--model", action="store_true", help="corpus: add model.weighted_word spans (packaged model)")
    args = ap.parse_args(argv)
    print(f"# {dt.date.today().isoformat()}  python benchmarks/spans_ptc.py {' '.join(argv or sys.argv[1:])}")
    if args.which == "ptc":
        r = run_ptc(args.errors)
        print(f"PTC (Loaded_Language + Exaggeration,Minimisation), {r['articles']} articles, "
              f"{r['sentences']} sentences")
        print(f"  all spans                 {_fmt(r)}")
        print(f"  mapped categories         {_fmt(r['mapped'])}")
        for t, rt in r["by_strength"].items():
            print(f"  mapped, strength >= {t:.1f}  {_fmt(rt)}")
        for cat, (p, n) in r["precision_by_category"].items():
            print(f"  precision of {cat:16} {p:.3f}  ({n} spans)")
        print(f"  detect_spans: {r['cpu_ms_per_sentence']:.3f} ms CPU per sentence")
    else:
        res = run_corpus(args.model, args.errors)
        for (split, lang), scores in res.items():
            print(f"{split:5} {lang:3} all             {_fmt(scores['all'])}")
            if lang == "all":
                for cat in RHETORIC_CATEGORIES + (MODEL_CATEGORY,):
                    if scores[cat]["n_pred"] or (scores[cat]["n_gold"] and cat != MODEL_CATEGORY):
                        print(f"{split:5} {lang:3} {cat:15} {_fmt(scores[cat])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
