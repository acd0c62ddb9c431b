"""The Analysis data model and analyze(): text → sentences → figures (→ scores, spans in later stages)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .figures import Figure, sentence_figures
from .errors import InputError
from .text import Document, read_bytes, read_path, read_text

SCHEMA = "hype.analysis/1"
DEFAULT = object()  # sentinel: use the packaged model


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    language: str
    figures: list[Figure] = field(default_factory=list)
    # {"rhetoric": p, "claim": {"label", "probabilities"}, "sentiment": {...}}; None without a model
    scores: dict[str, Any] | None = None
    # {task: [Contribution as dict, offsets into the document]}
    explanations: dict[str, list[dict[str, Any]]] | None = None
    # rhetoric spans (hype.spans.Span), offsets into the document
    spans: list[Any] = field(default_factory=list)

    @property
    def rhetoric(self) -> float | None:
        return None if not self.scores or "rhetoric" not in self.scores else self.scores["rhetoric"]

    def to_dict(self) -> dict[str, Any]:
        d = {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "paragraph": self.paragraph,
            "language": self.language,
            "figures": [f.to_dict() for f in self.figures],
        }
        if self.scores is not None:
            d["scores"] = self.scores
        if self.explanations is not None:
            d["explanations"] = self.explanations
        d["spans"] = [sp.to_dict() for sp in self.spans]
        return d


@dataclass(slots=True)
class Analysis:
    text: str
    language: str
    sentences: list[Sentence]
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    model: dict[str, Any] | None = None  # name/version/tasks of the model that scored it
    metrics: dict[str, Any] | None = None  # hype.metrics.article_metrics()
    claims_to_check: list[dict[str, Any]] | None = None  # hype.metrics.claims_to_check()
    title: str | None = None  # the article's title when its source names one (feeds, CSV/JSONL exports)

    @property
    def figures(self) -> list[Figure]:
        return [f for s in self.sentences for f in s.figures]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            **({"title": self.title} if self.title else {}),
            "language": self.language,
            "text": self.text,
            "model": self.model,
            "sentences": [s.to_dict() for s in self.sentences],
            "warnings": list(self.warnings),
            **({"metrics": self.metrics} if self.metrics is not None else {}),
            **({"claims_to_check": self.claims_to_check} if self.claims_to_check is not None else {}),
        }

    def sentences_frame(self):
        """One row per sentence (pandas DataFrame); score columns as in hype.score()."""
        import pandas as pd

        rows = []
        for s in self.sentences:
            row = {"index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                   "language": s.language, "text": s.text, "n_figures": len(s.figures)}
            if s.scores:
                row.update(flatten_scores(s.scores))
            rows.append(row)
        return pd.DataFrame(rows)


def flatten_scores(scores: dict[str, Any]) -> dict[str, Any]:
    """{"claim": {"label": "fact", "probabilities": {...}}} → claim, claim_fact, … columns."""
    out: dict[str, Any] = {}
    if "rhetoric" in scores:
        out["rhetoric"] = scores["rhetoric"]
    for task in ("claim", "sentiment"):
        if task in scores:
            out[task] = scores[task]["label"]
            for label, p in scores[task]["probabilities"].items():
                out[f"{task}_{label}"] = p
    return out


def analyze_document(doc: Document, model=DEFAULT, *, explain: bool = True, top_k: int = 6) -> Analysis:
    """Sentences, figures and (with a model) per-sentence scores and explanations.
    model: DEFAULT (the packaged model), None (no scoring), a directory, or a HypeModel."""
    sentences = [
        Sentence(
            index=i, start=s.start, end=s.end, text=s.text, paragraph=s.paragraph, language=s.language,
            # shifted copies of the cached per-sentence figures, which features and explanations reuse
            figures=[replace(f, start=f.start + s.start, end=f.end + s.start)
                     for f in sentence_figures(s.text, s.language)],
        )
        for i, s in enumerate(doc.sentences)
    ]
    analysis = Analysis(text=doc.plain, language=doc.language, sentences=sentences, source=doc.source,
                        warnings=list(doc.warnings))
    if model is not None and sentences:
        from .scoring import load_model, score_sentences

        m = load_model(None if model is DEFAULT else model)
        score_sentences(m, sentences, explain=explain, top_k=top_k)
        analysis.model = m.describe()
    from .metrics import article_metrics, claims_to_check
    from .spans import detect_spans, model_evidence

    for s in sentences:
        s.spans = detect_spans(s.text, s.language, offset=s.start,
                               explanation=model_evidence(s.scores, (s.explanations or {}).get("rhetoric")))
    analysis.metrics = article_metrics(analysis)
    analysis.claims_to_check = claims_to_check(analysis)
    return analysis


def analyze(text: str, lang: str | None = None, model=DEFAULT, *, fmt: str = "txt", source: str | None = None,
            explain: bool = True) -> Analysis:
    """Analyse an article given as a string (plain text, Markdown or HTML); raw bytes are decoded as a file would be."""
    if isinstance(text, (bytes, bytearray)):
        return analyze_document(read_bytes(bytes(text), lang=lang, fmt=fmt, source=source), model, explain=explain)
    if not isinstance(text, str):
        raise InputError(f"expected the article as a str (or bytes), got {type(text).__name__}")
    return analyze_document(read_text(text, lang=lang, fmt=fmt, source=source), model, explain=explain)


def analyze_path(path: str | Path, lang: str | None = None, model=DEFAULT, *, fmt: str | None = None,
                 explain: bool = True) -> Analysis:
    return analyze_document(read_path(path, lang=lang, fmt=fmt), model, explain=explain)
