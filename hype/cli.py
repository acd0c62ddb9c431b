"""Command-line interface: a thin layer over the library.

Library errors (HypeError) become one `error: …` line on stderr and exit code 1;
usage errors exit with 2 (argparse's convention).
"""
from __future__ import annotations

import argparse
import sys
import warnings
from typing import Sequence

from . import __version__
from .errors import HypeError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _add_analyze(sub) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse articles: sentences and figures",
        description="Read one or more articles (.txt, .md, .html), split them into sentences and "
                    "extract figures with value, unit and qualifier.",
        epilog="example:\n  hype analyze corpora/examples/de-sober.txt --format text\n"
               "  hype analyze article.html --lang en --format json > article.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="article file(s): .txt, .md or .html")
    p.add_argument("--lang", choices=["de", "en"], help="force the language instead of detecting it")
    p.add_argument("--format", choices=["json", "text"], default="json", help="output format (default: json)")
    p.add_argument("--input-format", choices=["txt", "md", "html"], help="override the format guessed from the file name")
    p.set_defaults(func=_cmd_analyze)


def _cmd_analyze(args) -> int:
    from .analysis import analyze_path
    from .render.json import render_json
    from .render.text import render_text

    analyses = [analyze_path(f, lang=args.lang, fmt=args.input_format) for f in args.files]
    for a in analyses:
        for w in a.warnings:
            print(f"warning: {a.source}: {w}", file=sys.stderr)
    if args.format == "json":
        out = render_json(analyses[0] if len(analyses) == 1 else analyses)
        sys.stdout.write(out + "\n")
    else:
        sys.stdout.write("\n".join(render_text(a) for a in analyses))
    return EXIT_OK


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
    except BrokenPipeError:  # `hype analyze … | head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
