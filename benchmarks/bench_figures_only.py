"""Throughput of hype.figures.extract_figures alone (sentences/second, median of 5 runs).

Run:  python benchmarks/bench_figures_only.py [n_sentences]
The sentences are synthetic and varied: about half contain figures, the rest are plain prose.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hype.figures import extract_figures  # noqa: E402

DE = [
    "Der Hamburger Projektentwickler Solvanta hat den Zuschlag für einen Windpark mit {n} Megawatt erhalten.",
    "Das Unternehmen will bis Ende {y} rund {d} Milliarden Euro investieren.",
    "Die Aktie schloss am Mittwoch {d} Prozent höher bei {d} Euro.",
    "Nach eigenen Angaben entstehen {k} neue Arbeitsplätze in {n} Filialen.",
    "Im dritten Quartal {y} stieg der Umsatz um {d} Prozent auf {d} Mio. €.",
    "Der Vorstand zeigte sich mit der Entwicklung des Geschäfts zufrieden und verwies auf die starke Nachfrage.",
    "„Wir sind überzeugt, dass unsere Plattform den Markt revolutionieren wird“, sagte die Chefin.",
    "Bis zu {n} Millionen Kunden sollen über eine Milliarde Menschen erreichen, heißt es am {n}. September {y}.",
    "Die Kritiker bemängeln jedoch, dass konkrete Zahlen bislang fehlen und der Zeitplan vage bleibt.",
    "Mit mehr als einem Gigawatt Leistung und {d} TWh pro Jahr gilt das Projekt als eines der größten.",
]
EN = [
    "Orbitalis said it would invest up to ${n} billion by {y} in new data centres.",
    "Revenue rose {d} percent to €{d}bn in the quarter ended Sept. 30, {y}.",
    "The company plans to hire more than {k} engineers across {n} sites.",
    "Analysts were sceptical, noting that the firm has yet to turn a profit on its flagship product.",
    "Shares fell {d}% to ${d} after the chief executive left abruptly on Tuesday.",
    "The new model, Llama 4, is said to outperform rivals on every benchmark.",
    "Between {n} and {m} percent of the {k} staff could be affected by the restructuring in Q3 {y}.",
    "It is a truly transformative moment for the entire industry, the founder told reporters.",
    "The plant will deliver about {d} GW and store roughly {d} MWh, enough for half a million homes.",
    "Critics say the promised breakthroughs remain vague and the timeline unrealistic.",
]


def sentences(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        lang, pool = ("de", DE) if i % 2 else ("en", EN)
        sep = "," if lang == "de" else "."
        tpl = rnd.choice(pool)
        out.append((tpl.format(
            n=rnd.randint(2, 99), m=rnd.randint(100, 200), y=rnd.randint(2024, 2030),
            d=f"{rnd.randint(1, 99)}{sep}{rnd.randint(1, 9)}",
            k=f"{rnd.randint(1, 9)}{'.' if lang == 'de' else ','}{rnd.randint(100, 999)}"), lang))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    data = sentences(n)
    n_figs = sum(len(extract_figures(t, lang)) for t, lang in data)   # warm-up
    wall, cpu = [], []
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        for t, lang in data:
            extract_figures(t, lang)
        wall.append(n / (time.perf_counter() - t0))
        cpu.append(n / max(time.process_time() - c0, 1e-9))
    # CPU speed reference: on a current desktop core (CPython 3.11) sum(range(1000)) takes ~8-10 µs.
    ref = min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6
    print(f"{n} sentences, {n_figs} figures: median {statistics.median(wall):,.0f} sentences/s wall-clock, "
          f"{statistics.median(cpu):,.0f} sentences/s of process CPU time "
          f"(wall runs: {', '.join(f'{r:,.0f}' for r in wall)}); reference sum(range(1000)) = {ref:.1f} µs")


if __name__ == "__main__":
    main()
