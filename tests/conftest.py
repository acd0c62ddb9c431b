from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def acceptance_de() -> Path:
    path = SHARED / "acceptance" / "meta-ki-investition.de.txt"
    if not path.exists():
        pytest.skip("../shared/acceptance is not present beside the checkout")
    return path


@pytest.fixture(scope="session")
def tiny_training_data():
    """A small, fixed slice of the corpus train split: both languages, every label present."""
    from hype.corpus import load_corpus

    df = load_corpus()
    train = df[df["split"] == "train"]
    parts = [g.head(16) for _, g in train.groupby(["language", "domain"], sort=True)]
    import pandas as pd

    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="session")
def tiny_model(tiny_training_data):
    from hype.model import HypeModel

    df = tiny_training_data
    return HypeModel.train(df[["text", "language"]], {t: df[t].values for t in ("rhetoric", "claim", "sentiment")},
                           min_df=1)


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny_model")
    tiny_model.save(out, extra={"trained_on": {"corpus_sha256": "test-fixture"}})
    return out
