"""Select articles for the independent second annotation and write label-free task files.

Usage: python corpora/tools/make_second_round.py [N_SENTENCES_PER_LANG]
Writes corpora/agreement/round2_<lang>_task.jsonl: one line per sentence with
article_id, sentence_index, paragraph, text, context (the whole article) — no labels.
Selection: whole articles, round-robin over domains in a fixed order, until N sentences.
"""
import json
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(n_target: int = 330) -> None:
    for lang in ("de", "en"):
        files = sorted((ROOT / "src" / lang).glob("*.json"), key=lambda p: zlib.crc32(p.stem.encode()))
        by_domain: dict[str, list] = {}
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            by_domain.setdefault(doc["domain"], []).append(doc)
        chosen, n = [], 0
        while n < n_target and any(by_domain.values()):
            for dom in sorted(by_domain):
                if by_domain[dom] and n < n_target:
                    doc = by_domain[dom].pop(0)
                    chosen.append(doc)
                    n += sum(len(p) for p in doc["paragraphs"])
        out = ROOT / "agreement" / f"round2_{lang}_task.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for doc in chosen:
                idx = 0
                for p_i, para in enumerate(doc["paragraphs"]):
                    for s in para:
                        fh.write(json.dumps({"article_id": doc["id"], "sentence_index": idx, "paragraph": p_i,
                                             "text": s["text"]}, ensure_ascii=False) + "\n")
                        idx += 1
        print(f"{lang}: {len(chosen)} articles, {n} sentences -> {out}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 330)
