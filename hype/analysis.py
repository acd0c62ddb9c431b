"""The Analysis data model and analyze(): text → sentences → figures (→ scores, spans in later stages)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .figures import Figure, extract_figures
from .text import Document, read_path, read_text

SCHEMA = "hype.analysis/1"


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    language: str
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "paragraph": self.paragraph,
            "language": self.language,
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass(slots=True)
class Analysis:
    text: str
    language: str
    sentences: list[Sentence]
    source: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return [f for s in self.sentences for f in s.figures]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "language": self.language,
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
        }

    def sentences_frame(self):
        """One row per sentence (pandas DataFrame)."""
        import pandas as pd

        rows = []
        for s in self.sentences:
            rows.append({
                "index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                "language": s.language, "text": s.text, "n_figures": len(s.figures),
            })
        return pd.DataFrame(rows, columns=["index", "start", "end", "paragraph", "language", "text", "n_figures"])


def analyze_document(doc: Document) -> Analysis:
    sentences = [
        Sentence(
            index=i, start=s.start, end=s.end, text=s.text, paragraph=s.paragraph, language=s.language,
            figures=extract_figures(s.text, s.language, offset=s.start),
        )
        for i, s in enumerate(doc.sentences)
    ]
    return Analysis(text=doc.plain, language=doc.language, sentences=sentences, source=doc.source,
                    warnings=list(doc.warnings))


def analyze(text: str, lang: str | None = None, *, fmt: str = "txt", source: str | None = None) -> Analysis:
    """Analyse an article given as a string (plain text, Markdown or HTML)."""
    return analyze_document(read_text(text, lang=lang, fmt=fmt, source=source))


def analyze_path(path: str | Path, lang: str | None = None, *, fmt: str | None = None) -> Analysis:
    return analyze_document(read_path(path, lang=lang, fmt=fmt))
