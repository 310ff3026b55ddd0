"""Shared fixtures: the test codebook and the reference data folder beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def mini_codebook() -> Path:
    return HERE / "data" / "mini.yaml"


@pytest.fixture(scope="session")
def mini_coder(mini_codebook):
    from coder import Coder

    return Coder(mini_codebook)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"reference data folder {SHARED} is absent (it sits beside the checkout in development)")
    return SHARED
