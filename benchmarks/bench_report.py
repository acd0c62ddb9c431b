"""Time of one article report (issue 5 targets; a benchmark, not a test).

Run:  python benchmarks/bench_report.py [--runs 7]

A 40-sentence article (the first 40 sentences of several corpus test articles, German) is analysed with the
packaged model after start-up (imports and model loading are done once before timing). Reports the median of
several runs (per-sentence caches cleared before each) for: analysis alone (sentences, figures, scores, explanations, spans, metrics), each renderer
(JSON, Markdown, HTML, charts) and the full report (analysis + all renderers), plus a per-stage profile of the
analysis so the slowest stage is named.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def article(n_sentences: int = 40) -> str:
    from hype.corpus import load_article, load_corpus

    c = load_corpus()
    ids = c[(c["split"] == "test") & (c["language"] == "de")]["article_id"].unique()
    paras, count = [], 0
    for aid in ids:
        for p in load_article(aid)[1].split("\n\n"):
            paras.append(p)
            count += p.count(". ") + 1
            if count >= n_sentences:
                return "\n\n".join(paras)
    return "\n\n".join(paras)


def forget_sentences() -> None:
    """Clear the per-sentence caches (lexicon matches, stems, figures) so a timed run never re-analyses a
    sentence it has seen; per-word caches stay warm, as in any long-running process."""
    from hype import lexicons
    from hype.features import stem_tokens
    from hype.figures import sentence_figures

    for f in (lexicons._matches, lexicons.lower_words, stem_tokens, sentence_figures):
        f.cache_clear()


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        forget_sentences()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    from threadpoolctl import threadpool_limits

    from hype.analysis import analyze
    from hype.render.charts import render_charts
    from hype.render.html import render_html
    from hype.render.json import render_json
    from hype.render.markdown import render_markdown
    from hype.scoring import load_model

    text = article()
    model = load_model(None)
    a = analyze(text, lang="de", model=model)  # warm caches once, as a long-running process would
    print(f"article: {len(a.sentences)} sentences, {len(text.split())} words")
    with threadpool_limits(1):
        t_an = median_time(lambda: analyze(text, lang="de", model=model), args.runs)
        t_json = median_time(lambda: render_json(a), args.runs)
        t_md = median_time(lambda: render_markdown(a), args.runs)
        charts = render_charts(a)
        t_html = median_time(lambda: render_html(a, charts=charts), args.runs)
        t_charts = median_time(lambda: render_charts(a), args.runs)

        def full():
            b = analyze(text, lang="de", model=model)
            render_json(b)
            render_markdown(b)
            render_html(b, charts=render_charts(b))

        t_full = median_time(full, args.runs)
    print(f"analysis {t_an * 1000:.0f} ms · JSON {t_json * 1000:.0f} ms · Markdown {t_md * 1000:.0f} ms · "
          f"HTML {t_html * 1000:.0f} ms · charts {t_charts * 1000:.0f} ms · full report {t_full * 1000:.0f} ms "
          f"(medians of {args.runs}; targets: analysis ≤ 50 ms, full report ≤ 1,000 ms)")
    prof = cProfile.Profile()
    prof.enable()
    analyze(text, lang="de", model=model)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(r"hype/(analysis|scoring|model|features|"
                                                                        r"explain|spans|metrics|figures|text)\.py", 12)
    print("\nanalysis profile (cumulative, hype modules):")
    print("\n".join(line for line in out.getvalue().splitlines() if "hype/" in line))


if __name__ == "__main__":
    main()
