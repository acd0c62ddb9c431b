"""JSON renderer: the hype.analysis/1 schema."""
from __future__ import annotations

import json

from ..analysis import Analysis


def render_json(analyses: Analysis | list[Analysis], *, indent: int | None = 2) -> str:
    if isinstance(analyses, Analysis):
        payload = analyses.to_dict()
    else:
        payload = [a.to_dict() for a in analyses]
    return json.dumps(payload, ensure_ascii=False, indent=indent)
