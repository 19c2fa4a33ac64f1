"""Unit tests of cross-document fusion with hand-built mentions (no NLP)."""
from __future__ import annotations

import random

import pytest

from kizashi.fusion import MentionContext, context_for, find_conflicts, fuse, read_source
from kizashi.fusion.cluster import dates_agree, quantity_interval
from kizashi.quantities.extract import find_quantities
from kizashi.records import Entity, EventMention, Quantity, Span


def ent(code):
    return Entity(code=code, text=code)


def mk(doc, etype, actors, recipients=(), date=None, date_text=None, *, factuality="asserted",
       mode=None, quantities=(), confidence=0.8, sentence=None):
    """A mention whose evidence sentence holds its date words (so the date is 'strong')."""
    sentence = sentence or f"{date_text or ''}、{etype}の文。"
    q = [find_quantities(x)[0] if isinstance(x, str) else x for x in quantities]
    trig = sentence.find("の文") if "の文" in sentence else len(sentence) - 1
    return EventMention(doc=doc, event_type=etype, trigger=Span("文", trig, trig + 1),
                        evidence=Span(sentence, 0, len(sentence)), mode=mode,
                        actor=[ent(a) for a in actors], recipient=[ent(r) for r in recipients],
                        date=date, date_text=date_text, factuality=factuality, quantities=q,
                        confidence=confidence)


def ctx(doc, published, source=None):
    return MentionContext(doc_id=doc, source=source or f"outlet-{doc}", published=published)


def n_events(items):
    return len(fuse(items))


# --- participants ------------------------------------------------------------------------------

def test_same_event_across_documents_is_one_event():
    items = [(ctx("a", "2024-06-19"), mk("a", "CONSULT", ["RUS"], ["PRK"], "2024-06-19", "19日", mode="visit")),
             (ctx("b", "2024-06-20"), mk("b", "CONSULT", ["RUS"], ["PRK"], "2024-06-19", "19日"))]
    [ev] = fuse(items)
    assert ev.mentions == [("a", 0), ("b", 0)]
    assert ev.sources == ["outlet-a", "outlet-b"]
    assert (ev.first_reported, ev.last_reported) == ("2024-06-19", "2024-06-20")
    assert ev.mode == "visit" and ev.actors == ["RUS"] and ev.recipients == ["PRK"]


def test_subset_participants_merge_and_roles_union():
    items = [(ctx("a", "2024-12-17"), mk("a", "SANCTION", ["USA"], ["PRK", "RUS"], "2024-12-16", "16日")),
             (ctx("a", "2024-12-17"), mk("a", "SANCTION", ["JPN"], ["PRK", "RUS"], "2024-12-16", "同日")),
             (ctx("b", "2024-12-18"), mk("b", "SANCTION", ["USA", "JPN", "EU"], ["RUS"], "2024-12-16", "16日"))]
    [ev] = fuse(items)
    assert ev.actors == ["EU", "JPN", "USA"] and ev.recipients == ["PRK", "RUS"]
    assert len(ev.mentions) == 3


def test_disjoint_participants_do_not_merge():
    items = [(ctx("a", "2024-12-17"), mk("a", "SANCTION", ["USA"], ["PRK"], "2024-12-16", "16日")),
             (ctx("b", "2024-12-17"), mk("b", "SANCTION", ["JPN"], ["RUS"], "2024-12-16", "16日"))]
    assert n_events(items) == 2


def test_direction_matters():
    items = [(ctx("a", "2024-11-05"), mk("a", "CONSULT", ["RUS"], ["PRK"], "2024-11", "11月")),
             (ctx("b", "2024-11-05"), mk("b", "CONSULT", ["PRK"], ["RUS"], "2024-11", "11月"))]
    assert n_events(items) == 2


def test_mutual_consult_joins_directional_visit():
    items = [(ctx("a", "2024-06-19"), mk("a", "CONSULT", ["RUS"], ["PRK"], "2024-06-19", "19日", mode="visit")),
             (ctx("b", "2024-06-21"), mk("b", "CONSULT", ["RUS", "PRK"], [], "2024-06-19", "19日"))]
    assert n_events(items) == 1


def test_treaty_signing_does_not_absorb_one_sided_support():
    items = [(ctx("a", "2024-06-19"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-06-19", "19日")),
             (ctx("a", "2024-06-19"), mk("a", "SUPPORT", ["PRK"], ["RUS"], "2024-06-19", "19日"))]
    assert n_events(items) == 2


def test_mutual_events_compare_the_union_of_parties():
    items = [(ctx("a", "2024-12-05"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-12-04", "4日")),
             (ctx("b", "2024-12-06"), mk("b", "SUPPORT", ["PRK", "RUS"], [], "2024-12-04", "4日")),
             (ctx("c", "2024-12-06"), mk("c", "SUPPORT", ["PRK", "CHN"], [], "2024-12-04", "4日"))]
    assert sorted(len(e.mentions) for e in fuse(items)) == [1, 2]


def test_type_and_mode_must_agree():
    items = [(ctx("a", "2024-10-29"), mk("a", "AID", ["PRK"], ["RUS"], "2024-10", "10月", mode="troops")),
             (ctx("b", "2024-10-29"), mk("b", "AID", ["PRK"], ["RUS"], "2024-10", "10月", mode="weapons")),
             (ctx("c", "2024-10-29"), mk("c", "SUPPORT", ["PRK"], ["RUS"], "2024-10", "10月"))]
    assert n_events(items) == 3


def test_missing_mode_is_compatible():
    items = [(ctx("a", "2024-06-19"), mk("a", "CONSULT", ["RUS"], ["PRK"], "2024-06-19", "19日", mode="visit")),
             (ctx("b", "2024-06-20"), mk("b", "CONSULT", ["RUS"], ["PRK"], "2024-06-19", "19日"))]
    assert n_events(items) == 1


def test_quantities_counting_different_things_keep_events_apart():
    items = [(ctx("a", "2025-02-12"), mk("a", "AID", ["PRK"], ["RUS"], "2024", "2024年", quantities=["約1万人"])),
             (ctx("b", "2025-02-12"), mk("b", "AID", ["PRK"], ["RUS"], "2024", "2024年", quantities=["300万発超"]))]
    assert n_events(items) == 2


def test_mentions_without_participant_codes_stay_alone():
    items = [(ctx("a", "2024-06-19"), mk("a", "CONSULT", [], [], "2024-06-19", "19日")),
             (ctx("b", "2024-06-19"), mk("b", "CONSULT", [], [], "2024-06-19", "19日"))]
    assert n_events(items) == 2


# --- dates -------------------------------------------------------------------------------------

def test_dates_agree_at_common_precision():
    assert dates_agree("2024-06", "2024-06-19") and dates_agree("2024", "2024-12-04")
    assert not dates_agree("2024-06-19", "2024-06-20") and not dates_agree(None, "2024")


def test_different_days_are_different_events():
    items = [(ctx("a", "2024-06-20"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-06-19", "19日")),
             (ctx("b", "2024-12-05"), mk("b", "SUPPORT", ["RUS", "PRK"], [], "2024-12-04", "4日"))]
    assert n_events(items) == 2


def test_month_joins_day_and_best_date_is_most_precise():
    items = [(ctx("a", "2024-11-05"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-06", "6月")),
             (ctx("b", "2024-06-20"), mk("b", "SUPPORT", ["RUS", "PRK"], [], "2024-06-19", "19日"))]
    [ev] = fuse(items)
    assert ev.date == "2024-06-19"


def test_month_does_not_chain_two_different_days():
    items = [(ctx("a", "2024-06-30"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-06", "6月")),
             (ctx("b", "2024-06-20"), mk("b", "SUPPORT", ["RUS", "PRK"], [], "2024-06-19", "19日")),
             (ctx("c", "2024-06-30"), mk("c", "SUPPORT", ["RUS", "PRK"], [], "2024-06-28", "28日"))]
    assert n_events(items) == 2


def test_undated_mention_joins_same_document():
    items = [(ctx("a", "2025-03-01"), mk("a", "MOBILIZE", ["PRK"], [], "2024-10-31", "10月31日", mode="weapons")),
             (ctx("a", "2025-03-01"), mk("a", "MOBILIZE", ["PRK"], [], None, mode="weapons"))]
    assert n_events(items) == 1


def test_undated_mention_joins_within_window_only():
    base = (ctx("a", "2024-11-01"), mk("a", "MOBILIZE", ["PRK"], [], "2024-10-31", "10月31日"))
    near = (ctx("b", "2024-11-20"), mk("b", "MOBILIZE", ["PRK"], [], None))
    far = (ctx("c", "2025-03-01"), mk("c", "MOBILIZE", ["PRK"], [], None))
    assert n_events([base, near]) == 1
    assert n_events([base, far]) == 2


def test_weak_date_prefers_nearest_cluster_in_same_document():
    """A headline stamped with the publication date joins the event of its own article closest in
    time, not an older one the article also mentions."""
    items = [(ctx("a", "2024-12-05"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-12-05", None)),
             (ctx("a", "2024-12-05"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-12-04", "4日")),
             (ctx("a", "2024-12-05"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-06-19", "6月19日"))]
    evs = fuse(items)
    assert len(evs) == 2
    [dec] = [e for e in evs if e.date == "2024-12-04"]
    assert sorted(dec.mentions) == [("a", 0), ("a", 1)]


def test_announcement_date_is_weak():
    """「…は18日、北朝鮮が…派遣したと発表した」: the 18th dates the announcement."""
    s1 = "国家情報院は18日、北朝鮮が兵士をロシアに派遣したと発表した。"
    s2 = "国防総省は28日、北朝鮮がロシアに兵士を派遣したと発表した。"
    m1 = mk("a", "AID", ["PRK"], ["RUS"], "2024-10-18", "18日", mode="troops", sentence=s1)
    m2 = mk("b", "AID", ["PRK"], ["RUS"], "2024-10-28", "28日", mode="troops", sentence=s2)
    for m, s in ((m1, s1), (m2, s2)):
        i = s.index("派遣")
        m.trigger = Span("派遣", i, i + 2)
    assert n_events([(ctx("a", "2024-10-18"), m1), (ctx("b", "2024-10-29"), m2)]) == 1


# --- quantities ----------------------------------------------------------------------------------

def test_estimates_weeks_apart_are_a_series_not_a_conflict():
    """Estimates of one thing published weeks apart are the story of the deployment (issue 11):
    every number is kept, with its outlet, in order of publication."""
    items = [(ctx("a", "2024-11-05", "日韓経済新報"), mk("a", "AID", ["PRK"], ["RUS"], "2024-10", "10月", quantities=["1万1000〜1万2000人"])),
             (ctx("b", "2024-11-14", "欧州時報"), mk("b", "AID", ["PRK"], ["RUS"], "2024-10", "10月", quantities=["8000〜1万人"])),
             (ctx("c", "2024-10-29", "環太平洋通信"), mk("c", "AID", ["PRK"], ["RUS"], "2024-10", "10月", quantities=["約1万人"]))]
    [ev] = fuse(items)
    assert not ev.conflicting_quantities and ev.quantity_conflicts == []
    texts = [q["text"] for q in ev.quantities]
    assert sorted(texts) == ["1万1000〜1万2000人", "8000〜1万人", "約1万人"]
    assert all(q["source"] and q["doc"] and q["claimant"] for q in ev.quantities)
    [series] = ev.quantity_series
    assert [texts[i] for i in series["items"]] == ["約1万人", "1万1000〜1万2000人", "8000〜1万人"]
    assert series["unit"] == "人" and series["trend"] == "mixed"
    assert "value" in ev.quantities[0] and "mean" not in ev.quantities[0]


def test_estimates_at_the_same_time_by_different_claimants_conflict_side_by_side():
    s1 = "韓国軍は、北朝鮮が発射したミサイルの飛距離を約1100キロと分析している。"
    s2 = "朝鮮中央通信は、ミサイルが1500キロを飛行したと報じた。"
    items = [(ctx("a", "2025-01-07", "毎朝ニュース"),
              mk("a", "MOBILIZE", ["PRK"], [], "2025-01-06", "6日", mode="weapons",
                 quantities=["約1100キロ"])),
             (ctx("b", "2025-01-08", "ソウル・ジャパン通信"),
              mk("b", "MOBILIZE", ["PRK"], [], "2025-01-06", "6日", mode="weapons",
                 quantities=["1500キロ"]))]
    items[0][1].evidence = Span(s1, 0, len(s1))
    items[1][1].evidence = Span(s2, 0, len(s2))
    [ev] = fuse(items)
    assert ev.conflicting_quantities and ev.quantity_conflicts == [(0, 1)]
    assert [q["claimant"] for q in ev.quantities] == ["韓国軍", "朝鮮中央通信"]


def test_the_same_claimant_is_never_in_conflict_with_itself():
    from kizashi.fusion.estimates import find_conflicts as conflicts
    from kizashi.fusion.cluster import objects_compatible

    a = {"text": "約1500人", "value": 1500, "approx": True, "unit": "人", "claimant": "国家情報院",
         "published": "2024-10-18"}
    b = {**a, "text": "約1万人", "value": 10000, "published": "2024-10-19"}
    assert conflicts([a, b], objects_compatible) == []
    assert conflicts([a, {**b, "claimant": "国防総省"}], objects_compatible) == [(0, 1)]
    assert conflicts([a, {**b, "claimant": "国防総省", "published": "2024-11-19"}],
                     objects_compatible) == []


def test_claimant_is_the_source_of_claim_else_the_reporting_topic_else_the_outlet():
    from kizashi.fusion.estimates import claimant_of

    assert claimant_of(["国家情報院"], "…と発表した。", "東亜") == "国家情報院"
    assert claimant_of([], "米国のシンクタンクは、衛星画像の分析から、300万発超と推計した。",
                       "東亜") == "米国のシンクタンク"
    assert claimant_of([], "一方、ウクライナ軍の関係者は、約100万発にとどまるとみている。",
                       "東亜") == "ウクライナ軍の関係者"
    assert claimant_of([], "北朝鮮は約1万人の兵士を派遣した。", "東亜") == "東亜"


def test_overlapping_estimates_are_not_conflicts():
    qs = [find_quantities(x)[0].to_dict() for x in ("数百万発の砲弾", "300万発超の砲弾")]
    assert find_conflicts(qs) == []
    qs.append(find_quantities("約100万発")[0].to_dict())
    assert find_conflicts(qs) == [(1, 2)]


def test_different_units_or_objects_are_not_compared():
    qs = [Quantity(text="1500キロ", value=1500.0, unit="キロ").to_dict(),
          Quantity(text="1100人", value=1100.0, unit="人").to_dict()]
    assert find_conflicts(qs) == []


def test_quantity_interval():
    assert quantity_interval(Quantity(text="約1万人", value=10000.0, approx=True)) == (9000.0, 11000.0)
    lo, hi = quantity_interval(Quantity(text="300万発超", value=3e6, low=3e6))
    assert lo == 3e6 and hi == float("inf")


# --- factuality ----------------------------------------------------------------------------------

@pytest.mark.parametrize("values,best", [
    (["uncertain", "uncertain", "uncertain", "asserted"], "asserted"),
    (["denied", "reported"], "reported"),
    (["future", "uncertain"], "uncertain"),
    (["hypothetical", "future"], "future"),
    (["negated", "denied"], "denied"),
])
def test_best_attested_factuality(values, best):
    items = [(ctx(f"d{i}", "2024-10-29"), mk(f"d{i}", "AID", ["PRK"], ["RUS"], "2024-10", "10月", factuality=f))
             for i, f in enumerate(values)]
    [ev] = fuse(items)
    assert ev.factuality == best
    assert sum(ev.factuality_counts.values()) == len(values)


# --- determinism ---------------------------------------------------------------------------------

def _corpus():
    return [
        (ctx("a", "2024-06-19"), mk("a", "CONSULT", ["RUS"], ["PRK"], "2024-06-19", "19日", mode="visit")),
        (ctx("a", "2024-06-19"), mk("a", "SUPPORT", ["RUS", "PRK"], [], "2024-06-19", "19日")),
        (ctx("b", "2024-06-20"), mk("b", "SUPPORT", ["PRK", "RUS"], [], "2024-06-19", "19日")),
        (ctx("c", "2024-10-29"), mk("c", "AID", ["PRK"], ["RUS"], "2024-10", "10月", mode="troops", quantities=["約1万人"])),
        (ctx("d", "2024-11-14"), mk("d", "AID", ["PRK"], ["RUS"], None, mode="troops", quantities=["8000〜1万人"])),
        (ctx("e", "2024-11-01"), mk("e", "MOBILIZE", ["PRK"], [], "2024-10-31", "31日")),
        (ctx("f", "2025-01-07"), mk("f", "MOBILIZE", ["PRK"], [], "2025-01-06", "6日")),
    ]


def test_ids_and_order_are_deterministic():
    first = [(e.id, e.mentions) for e in fuse(_corpus())]
    again = [(e.id, e.mentions) for e in fuse(_corpus())]
    assert first == again
    assert all(i.startswith("ev_") and len(i) == 19 for i, _ in first)
    assert len({i for i, _ in first}) == len(first) == 5


def test_clustering_does_not_depend_on_document_order():
    base = {e.id: sorted(e.mentions) for e in fuse(_corpus())}
    docs = {}
    for c, m in _corpus():
        docs.setdefault(c.doc_id, []).append((c, m))
    rng = random.Random(7)
    for _ in range(5):
        order = list(docs)
        rng.shuffle(order)
        items = [x for d in order for x in docs[d]]
        assert {e.id: sorted(e.mentions) for e in fuse(items)} == base


def test_events_sorted_by_date():
    dates = [e.date or e.first_reported for e in fuse(_corpus())]
    assert dates == sorted(dates)


def test_empty_input():
    assert fuse([]) == []


def test_to_dict_roundtrip_fields():
    d = fuse(_corpus())[0].to_dict()
    for k in ("id", "event_type", "actors", "recipients", "date", "mentions", "sources",
              "first_reported", "last_reported", "factuality", "quantities", "conflicting_quantities"):
        assert k in d


# --- article context -----------------------------------------------------------------------------

def test_context_reads_outlet_and_dateline():
    text = "見出し\n\n2024年11月5日\n出典: ユーラシア・ウォッチ\n\n本文。\n"
    c = context_for(text, "x.txt")
    assert (c.source, c.published, c.title) == ("ユーラシア・ウォッチ", "2024-11-05", "見出し")
    assert read_source("本文だけ。") is None
    assert context_for(text, "x", source="S", published="2024-01-01").source == "S"
