"""The project's annotated corpus: build it from the hand-written sources and load it.

Layout (see corpora/README.md):
  corpora/src/{de,en}/<id>.json        hand-written articles with sentence labels (canonical)
  corpora/{de,en}/articles/<id>.txt    generated: metadata header, '---', article text
  corpora/annotations.jsonl            generated: one row per sentence, offsets into the article text

`python -m hype.corpus build` regenerates the two derived forms; tests check they are current.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .errors import CorpusError

LABEL_COLUMNS = ("rhetoric", "claim", "sentiment")
CLAIMS = ("fact", "projection", "opinion", "other")
SENTIMENTS = ("bullish", "neutral", "bearish")
SPAN_KINDS = ("hyperbole", "hype_word", "intensifier", "metaphor", "vague_magnitude", "promise",
              "evaluative", "generalisation")
META_KEYS = ("id", "language", "domain", "genre", "outlet", "date", "event", "hype_rating")
COLUMNS = ("article_id", "language", "domain", "genre", "outlet", "date", "event", "hype_rating",
           "sentence_index", "paragraph", "text", "start", "end", "rhetoric", "claim", "sentiment",
           "spans", "pair", "attribution", "split")
TEST_SHARE = 0.2


def default_root() -> Path:
    """corpora/ of the source checkout (the corpus is not installed with the package)."""
    return Path(__file__).resolve().parent.parent / "corpora"


@dataclass
class BuiltArticle:
    meta: dict[str, Any]
    body: str
    rows: list[dict[str, Any]]


def build_article(src: dict[str, Any]) -> BuiltArticle:
    """Join the sentences of a source article into its text and compute offsets."""
    parts: list[str] = []
    rows: list[dict[str, Any]] = []
    pos = 0
    index = 0
    for p_index, para in enumerate(src["paragraphs"]):
        if p_index:
            parts.append("\n\n")
            pos += 2
        for s_index, sent in enumerate(para):
            if s_index:
                parts.append(" ")
                pos += 1
            text = sent["text"]
            start, end = pos, pos + len(text)
            parts.append(text)
            pos = end
            spans = []
            for sp in sent.get("spans", []):
                at = -1
                for _ in range(sp.get("occurrence", 1)):
                    at = text.find(sp["text"], at + 1)
                if at < 0:
                    raise CorpusError(f"{src['id']}: span {sp['text']!r} not found in sentence {index} (expected an exact substring)")
                spans.append({"start": start + at, "end": start + at + len(sp["text"]), "text": sp["text"], "kind": sp["kind"]})
            rows.append({
                "article_id": src["id"], "sentence_index": index, "paragraph": p_index, "text": text,
                "start": start, "end": end, "rhetoric": int(sent["rhetoric"]), "claim": sent["claim"],
                "sentiment": sent["sentiment"], "spans": spans, "pair": sent.get("pair"),
                "attribution": sent.get("attribution"),
            })
            index += 1
    meta = {k: src[k] for k in META_KEYS}
    if "split" in src:
        meta["split"] = src["split"]
    return BuiltArticle(meta=meta, body="".join(parts), rows=rows)


def assign_splits(metas: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Event → split. Whole events go to one side (contrastive pairs never straddle the split);
    per language × domain, every fifth event (in a fixed, hash-shuffled order) is test.

    A source may pin its event to a split (`"split": "challenge"` or `"train"`): articles written after the
    test split was drawn (round 3, the challenge split) stay out of the draw, so the test split and its metrics
    stay comparable across corpus versions."""
    events: dict[tuple[str, str], set[str]] = {}
    event_split: dict[str, str] = {}
    metas = list(metas)
    for m in metas:
        if m.get("split"):
            if event_split.get(m["event"], m["split"]) != m["split"]:
                raise CorpusError(f"event {m['event']}: its articles pin different splits "
                                  f"({event_split[m['event']]!r} and {m['split']!r}); pin one split per event")
            event_split[m["event"]] = m["split"]
    for m in metas:
        if m["event"] not in event_split:
            events.setdefault((m["language"], m["domain"]), set()).add(m["event"])
    for (lang, domain), evs in sorted(events.items()):
        ordered = sorted(evs, key=lambda e: zlib.crc32(e.encode()))
        n_test = max(1, round(len(ordered) * TEST_SHARE))
        for i, ev in enumerate(ordered):
            event_split[ev] = "test" if i < n_test else "train"
    return event_split


_TOKEN = re.compile(r"\w+|[^\w\s]")


def normalise_sentence(text: str) -> str:
    """Lower case, punctuation to spaces: the form duplicate checks compare."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def skeleton(text: str) -> tuple[str, ...]:
    """Token sequence with numbers and capitalised non-initial words (names) masked."""
    out = []
    for i, tok in enumerate(_TOKEN.findall(text)):
        if any(ch.isdigit() for ch in tok):
            out.append("#")
        elif i and tok[:1].isupper():
            out.append("N")
        else:
            out.append(tok.lower())
    return tuple(out)


def skeleton_groups(texts, min_tokens: int = 6) -> dict[tuple[str, ...], set[int]]:
    """Groups of sentences (indices into texts) whose skeletons differ in at most one position: templates
    (tests/test_corpus.py and corpora/tools/check_new.py reject groups of more than three)."""
    groups: dict[tuple[str, ...], set[int]] = {}
    for i, t in enumerate(texts):
        sk = skeleton(t)
        if len(sk) < min_tokens:
            continue
        groups.setdefault(sk, set()).add(i)
        for j in range(len(sk)):
            groups.setdefault(sk[:j] + ("*",) + sk[j + 1:], set()).add(i)
    return groups


def render_article_file(meta: dict[str, Any], body: str) -> str:
    header = "".join(f"{k}: {meta[k]}\n" for k in META_KEYS)
    return header + "---\n" + body + "\n"


def parse_article_file(text: str) -> tuple[dict[str, str], str]:
    head, sep, body = text.partition("---\n")
    if not sep:
        raise CorpusError("article file has no '---' line after its metadata header (expected 'key: value' lines, '---', text)")
    meta = {}
    for line in head.splitlines():
        key, colon, value = line.partition(": ")
        if not colon:
            raise CorpusError(f"bad metadata line {line!r} (expected 'key: value')")
        meta[key] = value
    return meta, body[:-1] if body.endswith("\n") else body


def read_sources(root: Path) -> list[dict[str, Any]]:
    files = sorted((root / "src").glob("*/*.json"))
    if not files:
        raise CorpusError(f"no source articles under {root / 'src'} (expected corpora/src/<lang>/<id>.json)")
    out = []
    for f in files:
        try:
            out.append(json.loads(f.read_text(encoding="utf-8")))
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{f}: not valid JSON ({exc})") from None
    return out


def build(root: Path | None = None, *, write: bool = True) -> tuple[dict[Path, str], str]:
    """Build article files and annotations.jsonl; return ({path: content}, annotations text)."""
    root = Path(root) if root else default_root()
    built = [build_article(src) for src in read_sources(root)]
    splits = assign_splits(b.meta for b in built)
    files: dict[Path, str] = {}
    lines: list[str] = []
    for b in built:
        m = b.meta
        files[root / m["language"] / "articles" / f"{m['id']}.txt"] = render_article_file(m, b.body)
        for r in b.rows:
            row = {"article_id": m["id"], "language": m["language"], "domain": m["domain"], "genre": m["genre"],
                   "split": splits[m["event"]], **{k: v for k, v in r.items() if k != "article_id"}}
            lines.append(json.dumps(row, ensure_ascii=False))
    annotations = "\n".join(lines) + "\n"
    if write:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        (root / "annotations.jsonl").write_text(annotations, encoding="utf-8")
        for lang in ("de", "en"):  # drop article files whose source is gone
            for stale in set((root / lang / "articles").glob("*.txt")) - set(files):
                stale.unlink()
    return files, annotations


def corpus_hash(root: Path | None = None) -> str:
    """sha256 over the annotations and every article file: identifies the training data of a model."""
    root = Path(root) if root else default_root()
    h = hashlib.sha256()
    paths = [root / "annotations.jsonl"] + sorted((root).glob("*/articles/*.txt"))
    for p in paths:
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=4)
def _load(root: str):
    import pandas as pd

    path = Path(root) / "annotations.jsonl"
    if not path.exists():
        raise CorpusError(f"{path} not found (expected a built corpus: run 'python -m hype.corpus build')")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    metas = {}
    for lang in ("de", "en"):
        for f in sorted((Path(root) / lang / "articles").glob("*.txt")):
            meta, _ = parse_article_file(f.read_text(encoding="utf-8"))
            metas[meta["id"]] = meta
    for r in rows:
        m = metas.get(r["article_id"])
        if m is None:
            raise CorpusError(f"annotation for unknown article {r['article_id']} (expected corpora/<lang>/articles/{r['article_id']}.txt)")
        r.update(outlet=m["outlet"], date=m["date"], event=m["event"], hype_rating=int(m["hype_rating"]))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def load_corpus(path: str | Path | None = None):
    """One row per annotated sentence (pandas DataFrame with COLUMNS)."""
    root = Path(path) if path else default_root()
    return _load(str(root.resolve())).copy()


def load_article(article_id: str, root: Path | None = None) -> tuple[dict[str, str], str]:
    root = Path(root) if root else default_root()
    lang = article_id.split("-", 1)[0]
    path = root / lang / "articles" / f"{article_id}.txt"
    if not path.exists():
        raise CorpusError(f"no article {article_id} (expected {path})")
    return parse_article_file(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] != ["build"]:
        print("usage: python -m hype.corpus build [CORPUS_DIR]", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else default_root()
    try:
        files, annotations = build(root)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"built {len(files)} articles, {annotations.count(chr(10))} sentences; corpus hash {corpus_hash(root)[:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
