import pytest


@pytest.fixture(scope="session")
def extract():
    """The real pipeline (GiNZA loaded once per test session)."""
    from kizashi.pipeline import extract as _extract

    return _extract
