"""The seed template copied into tests/data is the shared seed, byte for byte."""

from __future__ import annotations

import pytest

from tests.conftest import DATA, SHARED_SEED

COPY = DATA / "seed" / SHARED_SEED.name


def test_copy_of_the_seed_is_the_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip(f"{SHARED_SEED} is not beside this checkout; the copy stands in for it")
    assert COPY.read_bytes() == SHARED_SEED.read_bytes()
