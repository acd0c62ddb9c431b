"""Direction probes for investor sentiment (a development check, not a test and not an unbiased benchmark).

Run:  python benchmarks/direction_probes.py [--model DIR]

Twelve German and twelve English one-line market reports, written for this check, in which only the direction
decides the sentiment: a good quantity (revenue, orders, shares) going up or a bad one (costs, debt) going down is
bullish, and vice versa; the verbs are the ones real wire copy uses ("shed", "gave up", "rallied"; German separable
verbs such as "zog … an", "ging … zurück"). The sentences were written while the direction lexicons were extended
(2026-11-30), so the score says whether those cues reach the classifier, not how well it generalises. Prints the
number right per language and every miss with its probabilities.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROBES = {
    "en": [
        ("Shares of Halvex shed 12 percent in early trading.", "bearish"),
        ("Shares of Halvex added 12 percent in early trading.", "bullish"),
        ("Revenue edged up 2 percent to $1.2 billion.", "bullish"),
        ("Revenue slipped 2 percent to $1.2 billion.", "bearish"),
        ("The stock gave up 4 percent by the afternoon.", "bearish"),
        ("Orders picked up in the third quarter.", "bullish"),
        ("Operating costs fell 6 percent.", "bullish"),
        ("Operating costs climbed 6 percent.", "bearish"),
        ("Net debt rose to $3 billion.", "bearish"),
        ("Net debt was cut to $3 billion.", "bullish"),
        ("The shares rallied after the results.", "bullish"),
        ("The shares slumped after the results.", "bearish"),
    ],
    "de": [
        ("Die Aktie verlor im frühen Handel 12 Prozent.", "bearish"),
        ("Die Aktie sprang im frühen Handel um 12 Prozent nach oben.", "bullish"),
        ("Die Betriebskosten sanken um 6 Prozent.", "bullish"),
        ("Die Betriebskosten stiegen um 6 Prozent.", "bearish"),
        ("Die Nettoverschuldung stieg auf 3 Milliarden Euro.", "bearish"),
        ("Die Nettoverschuldung wurde auf 3 Milliarden Euro gesenkt.", "bullish"),
        ("Die Aktie erholte sich nach den Zahlen.", "bullish"),
        ("Die Aktie stürzte nach den Zahlen ab.", "bearish"),
        ("Der Umsatz ging im dritten Quartal um 4 Prozent auf 1,2 Milliarden Euro zurück.", "bearish"),
        ("Die Aktie zog im frühen Handel um 12 Prozent an.", "bullish"),
        ("Der Auftragseingang nahm im Vergleich zum Vorjahr deutlich zu.", "bullish"),
        ("Das Papier gab bis zum Nachmittag um 3 Prozent nach.", "bearish"),
    ],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="model directory (default: the packaged model)")
    args = ap.parse_args(argv)
    import hype

    for lang, rows in PROBES.items():
        texts, gold = [t for t, _ in rows], [g for _, g in rows]
        d = hype.score(texts, lang=lang, model=args.model)
        right = sum(p == g for p, g in zip(d["sentiment"], gold))
        print(f"{lang}: {right}/{len(rows)} right")
        for i, (t, g) in enumerate(rows):
            if d["sentiment"][i] != g:
                probs = ", ".join(f"{c} {d[f'sentiment_{c}'][i]:.2f}" for c in ("bullish", "neutral", "bearish"))
                print(f"  miss: {t}  → {d['sentiment'][i]} ({probs}); expected {g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
