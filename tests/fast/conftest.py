"""The fast tier never loads the GiNZA model (helpers: handparse.py)."""
import pytest


@pytest.fixture(scope="module", autouse=True)
def no_parser_loaded():
    """A fast module must not load GiNZA (checked when no earlier test had loaded it)."""
    from kizashi.nlp.parser import load_parser
    before = load_parser.cache_info().currsize
    yield
    if before == 0:
        assert load_parser.cache_info().currsize == 0, "a fast test loaded GiNZA"
