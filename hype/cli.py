"""Command-line interface: a thin layer over the library.

Library errors (HypeError) become one `error: …` line on stderr and exit code 1;
usage errors exit with 2 (argparse's convention).
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import HypeError, ModelError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A combination of options that argparse cannot check by itself."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _add_analyze(sub) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse articles: sentences and figures",
        description="Read one or more articles (.txt, .md, .html), split them into sentences and "
                    "extract figures with value, unit and qualifier.",
        epilog="example:\n  hype analyze corpora/examples/de-retail-001.txt --format text\n"
               "  hype analyze article.html --lang en --format json > article.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article file(s): .txt, .md or .html")
    p.add_argument("--lang", choices=["de", "en"], help="force the language instead of detecting it")
    p.add_argument("--format", choices=["json", "text"], default="json", help="output format (default: json)")
    p.add_argument("--input-format", choices=["txt", "md", "html"], help="override the format guessed from the file name")
    p.add_argument("--model", metavar="DIR", help="model directory written by 'hype train' (default: the packaged model)")
    p.add_argument("--no-model", action="store_true", help="only sentences and figures, no classifier scores")
    p.add_argument("--no-explain", action="store_true", help="scores without per-feature explanations")
    p.set_defaults(func=_cmd_analyze)


def _cmd_analyze(args) -> int:
    from .analysis import analyze_path
    from .render.json import render_json
    from .render.text import render_text

    from .analysis import DEFAULT

    model = None if args.no_model else (args.model or DEFAULT)
    analyses, failed = _analyze_each(args.files, lambda f: analyze_path(
        f, lang=args.lang, fmt=args.input_format, model=model, explain=not args.no_explain))
    if analyses:
        if args.format == "json":
            out = render_json(analyses[0] if len(args.files) == 1 else analyses)
            sys.stdout.write(out + "\n")
        else:
            sys.stdout.write("\n".join(render_text(a) for a in analyses))
    return EXIT_ERROR if failed else EXIT_OK


def _analyze_each(files, analyze_one):
    """Analyse every file; a file that cannot be read gets its `error: …` line and the others go on
    (a model that fails its check stops everything: no file could be scored)."""
    analyses, failed = [], 0
    for f in files:
        try:
            a = analyze_one(f)
        except ModelError:
            raise
        except HypeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        for w in a.warnings:
            print(f"warning: {a.source}: {w}", file=sys.stderr)
        analyses.append(a)
    return analyses, failed


def _add_train(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train classifiers (the packaged model from corpora/, or one task from your own file)",
        description="Without --data: reproduce the packaged model from the corpus (grouped cross-validated model "
                    "selection on the train split, evaluation on the test split, manifest with hashes and metrics). "
                    "With --data: train one task on your own labelled file.",
        epilog="example:\n  hype train --out hype/models\n"
               "  hype train --data de/train.tsv --format checkthat --task rhetoric --out models/ct-de\n"
               "  hype train --data labels.csv --format csv --text-col sentence --label-col tone "
               "--label-map pos=bullish,neg=bearish,neu=neutral --task sentiment --out models/tone",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", metavar="DIR", help="corpus folder (default: corpora/ of the checkout)")
    p.add_argument("--out", metavar="DIR", help="where to write the model (default: hype/models for the corpus, required with --data)")
    p.add_argument("--data", metavar="FILE", nargs="+", help="labelled file(s) to train one task on")
    p.add_argument("--format", choices=["checkthat", "csv", "corpus"], default="csv", help="format of --data")
    p.add_argument("--task", choices=["rhetoric", "claim", "sentiment"], default="rhetoric")
    p.add_argument("--text-col", help="text column of a CSV/TSV")
    p.add_argument("--label-col", help="label column of a CSV/TSV")
    p.add_argument("--label-map", help="map foreign labels, e.g. SUBJ=1,OBJ=0")
    p.add_argument("--lang", choices=["de", "en"], help="language of --data (default: from the path, else detected per sentence)")
    p.add_argument("--no-select", action="store_true", help="skip model selection and use the default settings (fast)")
    p.set_defaults(func=_cmd_train)


def _cmd_train(args) -> int:
    import pandas as pd

    from .datasets import load_labelled, parse_label_map
    from .train import PACKAGED_MODEL_DIR, train_corpus, train_file

    log = lambda msg: print(msg, file=sys.stderr)  # noqa: E731 - progress on stderr, result on stdout
    if not args.data:
        out = args.out or PACKAGED_MODEL_DIR
        _, extra = train_corpus(args.corpus, out, do_select=not args.no_select, log=log)
        print(str(out))
        return EXIT_OK
    if not args.out:
        raise UsageError("--out is required with --data (expected a directory for the new model)")
    mapping = parse_label_map(args.label_map)
    frames = [load_labelled(f, args.format, args.task, text_col=args.text_col, label_col=args.label_col,
                            label_map=mapping, lang=args.lang) for f in args.data]
    df = pd.concat(frames, ignore_index=True)
    df["group"] = range(len(df))
    train_file(df, args.task, args.out, do_select=not args.no_select, source=",".join(args.data), log=log)
    print(args.out)
    return EXIT_OK


def _add_evaluate(sub) -> None:
    p = sub.add_parser(
        "evaluate",
        help="measure a model on labelled data (JSON metrics)",
        description="Score labelled sentences and print JSON metrics: n, accuracy, macro_f1, per_class, confusion, "
                    "and brier/ece for probabilities.",
        epilog="example:\n  hype evaluate --data corpora --format corpus --task claim\n"
               "  hype evaluate --data de/dev_test.tsv --format checkthat --task rhetoric --plot reliability.png",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--model", metavar="DIR", help="model directory (default: the packaged model)")
    p.add_argument("--data", metavar="FILE", required=True, help="labelled file, or the corpus folder with --format corpus")
    p.add_argument("--format", choices=["corpus", "checkthat", "csv"], default="csv")
    p.add_argument("--task", choices=["rhetoric", "claim", "sentiment"], help="default: every task of the model (corpus), rhetoric otherwise")
    p.add_argument("--split", default="test", help="corpus split to evaluate: test (default), train, challenge "
                   "(hard sentiment cases never trained on) or 'all'")
    p.add_argument("--text-col")
    p.add_argument("--label-col")
    p.add_argument("--label-map", help="map foreign labels, e.g. SUBJ=1,OBJ=0")
    p.add_argument("--lang", choices=["de", "en"])
    p.add_argument("--plot", metavar="PNG", help="write a reliability diagram (one task) to this PNG file")
    p.set_defaults(func=_cmd_evaluate)


def _cmd_evaluate(args) -> int:
    import json

    from .datasets import load_labelled, parse_label_map
    from .evaluate import reliability_plot
    from .scoring import load_model
    from .train import evaluate_model

    model = load_model(args.model)
    tasks = [args.task] if args.task else (list(model.tasks) if args.format == "corpus" else ["rhetoric"])
    if args.plot:
        if len(tasks) > 1:
            raise UsageError(f"--plot draws one task's reliability diagram; this run evaluates {', '.join(tasks)} "
                             "(expected --task with --plot)")
        if Path(args.plot).is_dir():
            raise UsageError(f"--plot {args.plot} is a directory (expected a .png file name)")
    mapping = parse_label_map(args.label_map)
    results = {}
    for task in tasks:
        df = load_labelled(args.data, args.format, task, text_col=args.text_col, label_col=args.label_col,
                           label_map=mapping, lang=args.lang, split=None if args.split == "all" else args.split)
        if df.empty:
            raise UsageError(f"no labelled sentences selected from {args.data} (check --split/--lang)")
        results[task] = evaluate_model(model, df, task)
        if args.plot:
            from .train import _articles, _frame

            proba, classes = model.predict_proba(_frame(df), task, articles=_articles(df))
            reliability_plot(list(df["label"]), proba, classes, args.plot, title=f"{task}")
    out = results[tasks[0]] if len(tasks) == 1 else results
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return EXIT_OK


def _add_report(sub) -> None:
    p = sub.add_parser(
        "report",
        help="write readable reports: HTML, Markdown, JSON and charts",
        description="Analyse articles and write one report folder per article: <out>/<slug>/report.html "
                    "(self-contained, highlights with reasons, figures, scores, claims to check), report.md, "
                    "report.json and chart-*.png. Prints the written paths.",
        epilog="example:\n  hype report corpora/examples/de-sports-002.txt --out reports/\n"
               "  hype report article.html --format html,md --ui-lang en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article file(s): .txt, .md or .html")
    p.add_argument("--out", metavar="DIR", default="reports", help="output folder (default: reports/)")
    p.add_argument("--format", default="html,md,json,png", metavar="LIST",
                   help="comma-separated formats out of html,md,json,png (default: all)")
    p.add_argument("--ui-lang", choices=["de", "en"], help="language of the report's labels (default: the article's)")
    p.add_argument("--lang", choices=["de", "en"], help="force the article language instead of detecting it")
    p.add_argument("--model", metavar="DIR", help="model directory written by 'hype train' (default: the packaged model)")
    p.set_defaults(func=_cmd_report)


def _parse_formats(spec: str, allowed) -> list[str]:
    """'html,md' → ['html', 'md'], or a usage error naming the allowed formats."""
    formats = [f.strip().lower() for f in spec.split(",") if f.strip()]
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise UsageError(f"unknown --format {','.join(bad) or repr(spec)} "
                         f"(expected a comma-separated list out of {','.join(allowed)})")
    return formats


def _cmd_report(args) -> int:
    from .analysis import DEFAULT, analyze_path
    from .report import FORMATS, write_reports

    formats = _parse_formats(args.format, FORMATS)
    if not str(args.out).strip():
        raise UsageError("--out is empty (expected a folder for the reports, e.g. reports/)")
    model = args.model or DEFAULT
    analyses, failed = _analyze_each(args.files, lambda f: analyze_path(f, lang=args.lang, model=model))
    for path in write_reports(analyses, args.out, formats, args.ui_lang):
        print(str(path))
    return EXIT_ERROR if failed else EXIT_OK


def _iso_date_arg(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def _jobs_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} (expected a number of worker processes, 0 for one per CPU)")
    return n


def _add_batch(sub) -> None:
    p = sub.add_parser(
        "batch",
        help="analyse many articles incrementally: report folders, overview table and charts",
        description="Analyse folders of articles (.txt/.md/.html, recursively), CSV/TSV and JSON Lines exports "
                    "and saved RSS/Atom feeds into DIR/articles/<slug>/report.*, and rebuild DIR/index.html, "
                    "overview.csv, overview.jsonl and charts/ from every finished article. Reruns analyse only "
                    "new or changed articles (or all after a model change, or with --force); an interrupted run "
                    "is resumed by the next one. Exit codes: 0 all fine, 3 finished but some inputs failed "
                    "(DIR/errors.jsonl), 1 fatal (e.g. another run holds DIR/.lock), 2 usage.",
        epilog="example:\n  hype batch corpora/examples --out reports/batch\n"
               "  hype batch export.csv --text-col body --date-col pubdate --since 2025-01-01 --jobs 2\n"
               "  hype batch feeds/*.xml --quiet   # from cron: output only on warnings and failures",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="folder, article file, .csv/.tsv/.jsonl export or .xml/.rss/.atom feed file")
    p.add_argument("--out", metavar="DIR", default="reports/batch", help="output folder (default: reports/batch)")
    p.add_argument("--jobs", type=_jobs_arg, default=1, metavar="N",
                   help="worker processes for the analysis (default: 1; 0: one per CPU)")
    p.add_argument("--force", action="store_true", help="analyse every article again, changed or not")
    p.add_argument("--since", type=_iso_date_arg, metavar="DATE",
                   help="only articles published on or after DATE (YYYY-MM-DD; undated articles are kept)")
    p.add_argument("--until", type=_iso_date_arg, metavar="DATE",
                   help="only articles published on or before DATE (YYYY-MM-DD; undated articles are kept)")
    p.add_argument("--lang", choices=["de", "en"], help="force the article language instead of detecting it")
    for field, default in (("id", "id"), ("title", "title"), ("source", "source/outlet"),
                           ("date", "published/date"), ("url", "url/link"), ("text", "text/body/content")):
        p.add_argument(f"--{field}-col", metavar="NAME",
                       help=f"CSV/TSV/JSONL column holding the {field} (default: {default})")
    p.add_argument("--format", default="html,md,json,png", metavar="LIST",
                   help="report formats, comma-separated out of html,md,json,png (default: all)")
    p.add_argument("--ui-lang", choices=["de", "en"], help="language of the report labels (default: the article's) and of the overview page (default: English)")
    p.add_argument("--model", metavar="DIR", help="model directory written by 'hype train' (default: the packaged model)")
    p.add_argument("--no-explain", action="store_true", help="no per-feature explanations (faster, plainer reports)")
    p.add_argument("--prune", action="store_true",
                   help="forget articles (manifest entry and report folder) that no source contains any more")
    p.add_argument("--quiet", action="store_true", help="print only warnings and failures (for cron)")
    p.set_defaults(func=_cmd_batch)


def _cmd_batch(args) -> int:
    import signal

    from .batch import DEFAULT_FORMATS, run

    formats = _parse_formats(args.format, DEFAULT_FORMATS)
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until} (expected since <= until)")

    def _terminate(signum, frame):  # systemd stop / kill: release the lock and leave a consistent manifest
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        summary = run(args.sources, args.out, jobs=args.jobs, force=args.force, since=args.since,
                      until=args.until, lang=args.lang, id_col=args.id_col, title_col=args.title_col,
                      source_col=args.source_col, date_col=args.date_col, url_col=args.url_col,
                      text_col=args.text_col, model=args.model, formats=formats, ui_lang=args.ui_lang,
                      explain=not args.no_explain, prune=args.prune, quiet=args.quiet)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return summary["exit_code"]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hype",
        description="hype: find promotional language and concrete figures in German and English press coverage.",
        epilog="example:\n  hype analyze article.txt --format text",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"hype {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    _add_analyze(sub)
    _add_train(sub)
    _add_evaluate(sub)
    _add_report(sub)
    _add_batch(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return args.func(args)
    except HypeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"hype: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `hype analyze … | head`
        return EXIT_OK
    except OSError as exc:  # an output path that cannot be written (a file in the way, read-only, disk full)
        where = exc.filename or "output"
        print(f"error: {where}: {exc.strerror or exc} (expected a writable path with free space)", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
