"""Print the composition tables of corpora/README.md (Markdown) from the built corpus."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pandas as pd  # noqa: E402

from hype.corpus import load_corpus  # noqa: E402


def md(df: pd.DataFrame) -> str:
    cols = [str(c) for c in df.columns]
    lines = ["| " + " | ".join([df.index.name or ""] + cols) + " |", "|" + "---|" * (len(cols) + 1)]
    for idx, row in df.iterrows():
        lines.append("| " + " | ".join([str(idx)] + [str(v) for v in row.values]) + " |")
    return "\n".join(lines)


def main() -> None:
    c = load_corpus()
    arts = c.drop_duplicates("article_id")
    print("### Size\n")
    size = pd.DataFrame({
        "articles": arts.groupby("language").size(),
        "sentences": c.groupby("language").size(),
        "train articles": arts[arts.split == "train"].groupby("language").size(),
        "test articles": arts[arts.split == "test"].groupby("language").size(),
        "challenge articles": arts[arts.split == "challenge"].groupby("language").size(),
        "contrastive pairs": c[c.pair.notna()].groupby("language")["pair"].nunique(),
        "spans": c.groupby("language")["spans"].apply(lambda s: sum(len(x) for x in s)),
    })
    size.index.name = "language"
    print(md(size))
    print("\n### Labels (share of sentences)\n")
    rows = {}
    for lang, g in c.groupby("language"):
        r = {"rhetoric=1": f"{g.rhetoric.mean():.0%}"}
        for k, v in g.claim.value_counts(normalize=True).items():
            r[f"claim {k}"] = f"{v:.0%}"
        for k, v in g.sentiment.value_counts(normalize=True).items():
            r[k] = f"{v:.0%}"
        rows[lang] = r
    t = pd.DataFrame(rows).T
    t.index.name = "language"
    print(md(t))
    print("\n### Domain × language (articles / sentences / rhetoric share)\n")
    g = c.groupby(["domain", "language"]).agg(a=("article_id", "nunique"), s=("text", "size"), r=("rhetoric", "mean"))
    t = g.apply(lambda x: f"{int(x.a)} / {int(x.s)} / {x.r:.0%}", axis=1).unstack()
    t.index.name = "domain"
    print(md(t))
    print("\n### Genre × language (articles / sentences / rhetoric share)\n")
    g = c.groupby(["genre", "language"]).agg(a=("article_id", "nunique"), s=("text", "size"), r=("rhetoric", "mean"))
    t = g.apply(lambda x: f"{int(x.a)} / {int(x.s)} / {x.r:.0%}", axis=1).unstack()
    t.index.name = "genre"
    print(md(t))
    print("\n### Article hype rating × language (articles)\n")
    t = arts.groupby(["hype_rating", "language"]).size().unstack(fill_value=0)
    t.index.name = "hype rating"
    print(md(t))
    print("\n### Span kinds × language\n")
    sp = c.explode("spans").dropna(subset=["spans"])
    sp = sp.assign(kind=sp.spans.map(lambda s: s["kind"]))
    t = sp.groupby(["kind", "language"]).size().unstack(fill_value=0)
    t.index.name = "span kind"
    print(md(t))


if __name__ == "__main__":
    main()
