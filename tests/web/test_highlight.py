"""The server-side highlighter: every piece of text escaped, marks well-formed whatever the
spans, offsets relative to the evidence sentence (no browser)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from kizashi.web.app import mention_spans, evidence_html, document_html, query_html
from kizashi.web.highlight import Span, highlight, locate, relative
from kizashi.web.i18n import Translator


class _Reader(HTMLParser):
    """Text and a tag check of the highlighter's output: only <mark> elements, balanced."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.depth, self.tags = [], 0, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        assert tag == "mark", tag
        self.depth += 1

    def handle_endtag(self, tag):
        assert tag == "mark", tag
        self.depth -= 1
        assert self.depth >= 0

    def handle_data(self, data):
        self.text.append(data)


def read(html: str) -> _Reader:
    r = _Reader()
    r.feed(html)
    r.close()
    assert r.depth == 0
    return r


def test_plain_text_is_escaped():
    out = highlight('<script>alert("x")</script> & <img src=x onerror=alert(1)>')
    assert "<script" not in out and "<img" not in out
    assert out == ("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; "
                   "&lt;img src=x onerror=alert(1)&gt;")


def test_marks_wrap_the_spans_and_escape_inside_them():
    text = "北朝鮮は<b>ロシア</b>に砲弾を供与した。"
    s = text.index("供与")
    a = text.index("<b>ロシア</b>")
    out = highlight(text, [Span(s, s + 2, "trigger", classes=("quad-material_cooperation",),
                                title='供与 "AID"'),
                           Span(a, a + len("<b>ロシア</b>"), "recipient"),
                           Span(0, 3, "actor")])
    assert '<mark class="hl hl-actor">北朝鮮</mark>' in out
    assert '<mark class="hl hl-recipient">&lt;b&gt;ロシア&lt;/b&gt;</mark>' in out
    assert ('<mark class="hl hl-trigger quad-material_cooperation" '
            'title="供与 &#34;AID&#34;">供与</mark>') in out
    assert "".join(read(out).text) == text


def test_nested_and_crossing_spans_stay_well_formed():
    text = "0123456789"
    out = highlight(text, [Span(0, 10, "sentence"), Span(2, 6, "actor"), Span(4, 8, "date"),
                           Span(4, 8, "quantity", id="q1")])
    r = read(out)
    assert "".join(r.text) == text
    assert out.count('id="q1"') == 1          # an id only on the first piece of a split span
    assert out.startswith('<mark class="hl hl-sentence">01<mark class="hl hl-actor">23')


def test_out_of_range_and_empty_spans_are_dropped():
    out = highlight("abc", [Span(-1, 2, "actor"), Span(1, 1, "date"), Span(2, 9, "quantity"),
                            Span(0, 1, "trigger")])
    assert out == '<mark class="hl hl-trigger">a</mark>bc'


def test_attributes_are_escaped():
    out = highlight("ab", [Span(0, 2, "actor", title='"><script>x</script>', id='a"b',
                                data=(("code", '<PRK>'), ("bad key", "x")))])
    assert "<script>" not in out
    assert 'title="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in out
    assert 'id="a&#34;b"' in out and 'data-code="&lt;PRK&gt;"' in out and "bad key" not in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab<>&\"'北朝鮮 ", max_size=30),
       st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32),
                          st.sampled_from(["trigger", "actor", "date", "quantity"])),
                max_size=6))
def test_any_spans_give_well_formed_escaped_html(text, raw):
    out = highlight(text, [Span(a, b, k) for a, b, k in raw])
    r = read(str(out))
    assert "".join(r.text) == text
    assert not re.search(r"<(?!/?mark[ >])", str(out))


def test_locate_prefers_the_occurrence_near_the_trigger_and_skips_taken_ones():
    s = "ロシアと北朝鮮は、ロシアに派兵した。"
    trig = s.index("派兵")
    assert locate(s, "ロシア", near=trig) == (9, 12)
    assert locate(s, "ロシア", taken=[(9, 12)], near=trig) == (0, 3)
    assert locate(s, "中国") is None and locate(s, "") is None


def test_relative_offsets():
    assert relative({"start": 105, "end": 108}, 100, 20) == (5, 8)
    assert relative({"start": 95, "end": 98}, 100, 20) is None
    assert relative({"start": None, "end": 3}, 0, 20) is None


MENTION = {
    "id": "m_1", "event_type": "AID", "quad_class": "material_cooperation",
    "date": "2023-08", "date_text": "2023年8月",
    # offsets into the DOCUMENT; the sentence starts at 100
    "trigger": {"text": "供与", "start": 100 + 19, "end": 100 + 21},
    "evidence": {"text": "北朝鮮は2023年8月以降、ロシアに数百万発の砲弾を供与したとされる。",
                 "start": 100, "end": 135},
    "actor": [{"code": "PRK", "text": "北朝鮮"}],
    "recipient": [{"code": "RUS", "text": "ロシア", "start": 100 + 13, "end": 100 + 16}],
    "source_of_claim": [],
    "quantities": [{"text": "数百万発", "object": "砲弾", "unit": "発"}],
}


def test_evidence_highlight_uses_offsets_relative_to_the_sentence():
    t = Translator("ja")
    out = str(evidence_html(t, MENTION))
    marks = dict((k, v) for v, k in re.findall(r'<mark class="hl hl-(\w+)[^"]*"[^>]*>([^<]*)</mark>',
                                                out)[::-1])
    assert re.search(r'<mark class="hl hl-trigger quad-material_cooperation[^"]*"[^>]*>供与</mark>', out)
    assert re.search(r'<mark class="hl hl-actor"[^>]*>北朝鮮</mark>', out)
    assert re.search(r'<mark class="hl hl-recipient"[^>]*>ロシア</mark>', out)
    assert re.search(r'<mark class="hl hl-date"[^>]*>2023年8月</mark>', out)
    assert re.search(r'<mark class="hl hl-quantity"[^>]*>数百万発</mark>', out)
    assert marks


def test_wrong_offsets_fall_back_to_the_text():
    m = dict(MENTION, recipient=[{"code": "RUS", "text": "ロシア", "start": 0, "end": 3}])
    spans = mention_spans(Translator("en"), m, m["evidence"]["text"], 100)
    rec = [s for s in spans if s.kind == "recipient"][0]
    assert m["evidence"]["text"][rec.start:rec.end] == "ロシア"


def test_document_highlight_has_mention_anchors_and_escapes():
    text = "<i>前文</i>。" + MENTION["evidence"]["text"]
    base = len("<i>前文</i>。")
    m = dict(MENTION, trigger={"text": "供与", "start": base + 19, "end": base + 21},
             evidence=dict(MENTION["evidence"], start=base, end=base + 35))
    out = str(document_html(Translator("ja"), {"text": text, "mentions": [m, dict(m, id="m_2")]}))
    assert out.startswith("&lt;i&gt;前文&lt;/i&gt;。")
    assert 'id="m-m_1"' in out and 'id="m-m_2"' in out     # both mentions of one trigger
    assert out.count("hl-actor") == 1                      # shared spans once
    assert "".join(read(out).text) == text


def test_query_highlight_is_case_insensitive_and_escaped():
    out = str(query_html("NATO と <nato>", "nato"))
    assert out == ('<mark class="hl hl-query">NATO</mark> と &lt;'
                   '<mark class="hl hl-query">nato</mark>&gt;')
