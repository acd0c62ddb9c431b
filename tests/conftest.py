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
