"""Throughput of reading + sentence splitting + figure extraction (issue 2 speed target).

Run:  python benchmarks/bench_reading.py [--mb 1.0] [--runs 5]

Builds ≥ 1 MB of plain text from the corpus articles (German and English, each article
once, then again with every article's paragraphs in reverse order until the size is
reached), then times hype.text.read_text + extract_figures per sentence over the whole
text in one process on one core. Reports the median of several runs, and, as a baseline
in the same run, a plain regex sentence split so the ratio is comparable across machines.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hype.figures import extract_figures  # noqa: E402
from hype.text import read_text  # noqa: E402


def corpus_text(lang: str, min_bytes: int) -> str:
    from hype.corpus import parse_article_file

    bodies = [parse_article_file(p.read_text(encoding="utf-8"))[1]
              for p in sorted((ROOT / "corpora" / lang / "articles").glob("*.txt"))]
    parts, size, rnd = [], 0, 0
    while size < min_bytes:
        for body in bodies:
            paras = body.split("\n\n")
            text = "\n\n".join(paras if rnd % 2 == 0 else paras[::-1])
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= min_bytes:
                break
        rnd += 1
    return "\n\n".join(parts)


def run_pipeline(text: str, lang: str) -> int:
    doc = read_text(text, lang=lang)
    for s in doc.sentences:
        extract_figures(s.text, s.language, offset=s.start)
    return len(doc.sentences)


_NAIVE = re.compile(r"(?<=[.!?])\s+")


def run_baseline(text: str) -> int:
    return sum(len(_NAIVE.split(p)) for p in text.split("\n\n"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of text per language (default 1.0)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    for lang in ("de", "en"):
        text = corpus_text(lang, int(args.mb * 1_000_000))
        rates, base_rates = [], []
        n = 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            n = run_pipeline(text, lang)
            rates.append(n / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            run_baseline(text)
            base_rates.append(n / (time.perf_counter() - t0))
        med, base = statistics.median(rates), statistics.median(base_rates)
        print(f"{lang}: {len(text.encode()) / 1e6:.2f} MB, {n} sentences: "
              f"{med:,.0f} sentences/s (median of {args.runs}; min {min(rates):,.0f}, max {max(rates):,.0f}); "
              f"regex-split baseline {base:,.0f}/s, ratio {med / base:.3f}")


if __name__ == "__main__":
    main()
