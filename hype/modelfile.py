"""The files of a model directory: manifest, model file and their integrity check.

Kept apart from hype.model so callers that only need to check a model (hype batch on a run with nothing new)
do not import scikit-learn."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .errors import ModelError

MANIFEST = "manifest.json"
MODEL_FILE = "model.joblib"


def verify_model_dir(directory: str | Path) -> tuple[dict[str, Any], Path]:
    """(manifest, model file) of a model directory whose model file matches the sha256 its manifest records;
    ModelError otherwise. Reads no pickle."""
    d = Path(directory)
    mpath = d / MANIFEST
    if not mpath.is_file():
        what = "is not a file" if mpath.exists() else f"no {MANIFEST}"
        raise ModelError(f"{mpath if mpath.exists() else d}: {what} (expected a model directory written by 'hype train')")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        entry = manifest["files"][MODEL_FILE]
        expected_sha = entry["sha256"]
        if not isinstance(expected_sha, str) or not isinstance(manifest.get("versions") or {}, dict):
            raise TypeError
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise ModelError(f"{mpath}: malformed manifest (expected the JSON written by 'hype train')") from None
    path = d / MODEL_FILE
    if not path.is_file():
        what = "not a file" if path.exists() else "missing"
        raise ModelError(f"{path}: {what} (expected the model file listed in {MANIFEST})")
    if sha256_file(path) != expected_sha:
        raise ModelError(f"{path}: sha256 does not match {MANIFEST}; the file was modified or corrupted "
                         "(expected the file written by 'hype train'; retrain or restore it)")
    return manifest, path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
