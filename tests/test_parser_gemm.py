"""The parser kizashi loads gives the same tokens, tags and arcs whichever library computes its
matrix products (numpy's BLAS or BLIS): the choice is speed only (docs/performance.md)."""
import spacy
from thinc.api import use_ops

from kizashi.nlp.parser import EXCLUDED, gemm_backend, load_parser

SENTENCES = [
    "北朝鮮は昨年秋、ロシア西部に約1万人の兵士を派遣したとみられる。",
    "外務省の報道官は記者会見で、制裁の強化を求める声明を読み上げた。",
    "両国の首脳は会談後、軍事協力を深めることで合意したと発表した。",
    "砲弾の輸送に使われた船は、港を出たあと消息を絶ったという。",
]


def _analysis(nlp):
    return [[(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc]
            for doc in nlp.pipe(SENTENCES)]


def test_same_parse_with_blis_and_numpy_blas():
    with use_ops("numpy", use_blis=True):
        blis_nlp = spacy.load("ja_ginza", exclude=list(EXCLUDED))
    with use_ops("numpy", use_blis=False):
        numpy_nlp = spacy.load("ja_ginza", exclude=list(EXCLUDED))
    assert blis_nlp.get_pipe("tok2vec").model.ops.use_blis is True
    assert numpy_nlp.get_pipe("tok2vec").model.ops.use_blis is False
    assert _analysis(blis_nlp) == _analysis(numpy_nlp)


def test_loaded_parser_uses_the_chosen_library():
    nlp = load_parser()
    assert nlp.get_pipe("tok2vec").model.ops.use_blis is (gemm_backend() == "blis")
