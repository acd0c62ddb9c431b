"""Article metrics (being written; see issue 5 and docs/metrics.md)."""
from __future__ import annotations

from typing import Any


def article_metrics(analysis) -> dict[str, Any] | None:
    return None


def claims_to_check(analysis, limit: int = 10) -> list[dict[str, Any]] | None:
    return None
