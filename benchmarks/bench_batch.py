"""Throughput, memory and rerun cost of `hype batch` (issue 6; a benchmark, not a test).

Run:  python benchmarks/bench_batch.py                 # 1,000 and 5,000 articles (long: hours with --jobs 1)
      python benchmarks/bench_batch.py --n 300         # a quick look
      python benchmarks/bench_batch.py --n 300 --no-explain --format json,md

For each size N it writes N distinct articles into a temporary folder — bodies of the corpus articles
(corpora/{de,en}/articles/*.txt) with their paragraphs shuffled after the headline, renamed ids, and Markdown front
matter with title, outlet and a date so the overview charts have data — and then runs `python -m hype batch`
as a child process:

1. first run with --jobs 1: wall time, articles/s, peak memory (os.wait4's rusage of the child: the max RSS of
   the largest single process among the batch process and its worker processes, not their sum);
2. first run with --jobs 2 into another folder: articles/s and the speed-up over --jobs 1;
3. rerun of (1) with nothing new: wall time as a share of the first run (target <= 5 %).

Numbers depend on the machine and on whatever else runs on it; state both with any result.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hype.corpus import parse_article_file  # noqa: E402


def corpus_articles() -> list[tuple[dict[str, str], str]]:
    out = []
    for lang in ("de", "en"):
        for p in sorted((ROOT / "corpora" / lang / "articles").glob("*.txt")):
            out.append(parse_article_file(p.read_text(encoding="utf-8")))
    return out


def generate(folder: Path, n: int, seed: int = 0) -> None:
    """n distinct articles: corpus bodies with shuffled paragraphs (headline first), new ids and dates."""
    arts = corpus_articles()
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        meta, body = arts[k % len(arts)]
        paras = [p for p in body.split("\n\n") if p.strip()]
        head, rest = paras[0], paras[1:]
        rnd.shuffle(rest)
        try:
            day = date.fromisoformat(meta.get("date", "2025-01-01"))
        except ValueError:
            day = date(2025, 1, 1)
        day += timedelta(days=k // len(arts))
        title = head.replace('"', "'")
        front = (f'---\ntitle: "{title}"\noutlet: {meta.get("outlet", "")}\ndate: {day.isoformat()}\n'
                 f"url: https://news.example/{meta.get('id', 'a')}/{k}\n---\n")
        sub = folder / f"{k // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"bench-{k:05d}-{meta.get('id', 'a')}.md").write_text(front + "\n\n".join([head, *rest]) + "\n",
                                                                       encoding="utf-8")


def run_batch(src: Path, out: Path, jobs: int, extra: list[str]) -> dict:
    """One `hype batch` child process: wall time, exit code, peak RSS (MiB) of it and its workers."""
    cmd = [sys.executable, "-m", "hype", "batch", str(src), "--out", str(out), "--jobs", str(jobs), "--quiet",
           *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage, its waited-for workers included
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    summary = json.loads((out / "run.json").read_text(encoding="utf-8")) if (out / "run.json").exists() else {}
    if proc.returncode not in (0, 3):
        print(stderr, file=sys.stderr)
        raise SystemExit(f"hype batch failed with exit code {proc.returncode}")
    if summary.get("failed"):
        print(f"warning: {summary['failed']} article(s) failed, e.g. {stderr.splitlines()[:1]}", file=sys.stderr)
    return {"wall_s": round(wall, 2), "exit_code": proc.returncode, "max_rss_mib": round(usage.ru_maxrss / 1024, 1),
            "processed": summary.get("processed"), "skipped": summary.get("skipped"),
            "durations": summary.get("durations")}


def bench(n: int, jobs: list[int], extra: list[str], keep: Path | None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"hype-bench-batch-{n}-", dir=keep))
    try:
        src = tmp / "in"
        generate(src, n)
        result: dict = {"n": n}
        first = None
        for j in jobs:
            r = run_batch(src, tmp / f"out-j{j}", j, extra)
            r["articles_per_s"] = round(n / r["wall_s"], 3)
            result[f"jobs{j}"] = r
            print(f"n={n} jobs={j}: {r['wall_s']:.1f} s, {r['articles_per_s']:.2f} articles/s, "
                  f"peak RSS {r['max_rss_mib']:.0f} MiB (largest single process: the batch process or a worker)",
                  flush=True)
            if first is None:
                first = (j, r)
        if len(jobs) > 1:
            a, b = result[f"jobs{jobs[0]}"], result[f"jobs{jobs[1]}"]
            result["speedup"] = round(b["articles_per_s"] / a["articles_per_s"], 2)
            print(f"n={n}: jobs {jobs[1]} vs {jobs[0]}: x{result['speedup']:.2f}", flush=True)
        j, r1 = first
        rerun = run_batch(src, tmp / f"out-j{j}", j, extra)
        rerun["share_of_first_run"] = round(rerun["wall_s"] / r1["wall_s"], 4)
        result["rerun"] = rerun
        print(f"n={n}: rerun with nothing new: {rerun['wall_s']:.2f} s = {100 * rerun['share_of_first_run']:.1f} % "
              f"of the first run (target <= 5 %), {rerun['skipped']} skipped, {rerun['processed']} analysed",
              flush=True)
        return result
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 5000], help="article counts (default: 1000 5000)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to compare (default: 1 2)")
    ap.add_argument("--no-explain", action="store_true", help="pass --no-explain (faster, plainer reports)")
    ap.add_argument("--format", help="pass --format (default: hype batch's, html,md,json,png)")
    ap.add_argument("--model", help="pass --model DIR")
    ap.add_argument("--keep", type=Path, help="keep the generated folders under this directory")
    ap.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = ap.parse_args()
    extra = (["--no-explain"] if args.no_explain else []) + (["--format", args.format] if args.format else []) \
        + (["--model", args.model] if args.model else [])
    print(f"hype batch benchmark: cpus={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}, "
          f"options: {' '.join(extra) or '(defaults)'}", flush=True)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    results = [bench(n, args.jobs, extra, args.keep) for n in args.n]
    if args.json:
        args.json.write_text(json.dumps({"options": extra, "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
