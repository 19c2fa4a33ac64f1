"""Issue 11 in fusion, on hand-built mentions (no NLP): year-only and undated mentions join only
on strong evidence, analysts' constraints, the Admiralty-style grade, contested events and the
discourse role of an event."""
from __future__ import annotations

import pytest

from kizashi.fusion import MentionContext, fuse
from kizashi.fusion.cluster import Constraints, denier_codes, event_discourse
from kizashi.fusion.grade import Evidence, ReliabilityTable, default_table, grade
from kizashi.records import Entity, EventMention, Span


def ent(code, text=None):
    return Entity(code=code, text=text or code)


def mk(etype, actors, recipients=(), date=None, date_text=None, *, factuality="asserted",
       mode=None, sentence=None, role=None, credits=()):
    sentence = sentence or f"{date_text or ''}、{etype}の文。"
    trig = sentence.find("の文") if "の文" in sentence else len(sentence) - 1
    return EventMention(doc="d", event_type=etype, trigger=Span("文", trig, trig + 1),
                        evidence=Span(sentence, 0, len(sentence)), mode=mode,
                        actor=[ent(a) for a in actors], recipient=[ent(r) for r in recipients],
                        date=date, date_text=date_text, factuality=factuality,
                        sentence_role=role, source_of_claim=[ent(None, c) for c in credits])


def ctx(doc, published, source=None, title=None):
    return MentionContext(doc_id=doc, source=source or f"outlet-{doc}", published=published,
                          title=title)


# --- the dates fusion may merge on ---------------------------------------------------------------

def test_year_only_dates_never_merge_unrelated_events():
    """Demo error: 「…提供する可能性がある」 (June) and two November claims, all dated only 2024
    or by their article, were one event."""
    june = (ctx("a", "2024-06-19"), mk("AID", ["RUS"], ["PRK"], "2024-06-19", factuality="uncertain"))
    nov = (ctx("b", "2024-11-02"), mk("AID", ["RUS"], ["PRK"], "2024", factuality="uncertain"))
    assert len(fuse([june, nov])) == 2


def test_a_year_in_the_sentence_is_not_a_strong_date():
    a = (ctx("a", "2024-03-01"), mk("ACCUSE", ["KOR"], ["PRK"], "2024", "2024年"))
    b = (ctx("b", "2024-11-05"), mk("ACCUSE", ["KOR"], ["PRK"], "2024", "2024年"))
    assert len(fuse([a, b])) == 2


def test_a_strong_date_and_a_year_only_mention_of_another_month_stay_apart():
    """Demo error: 韓国大統領室は20日…批判 (June) absorbed 韓国政府は…強く非難 of a November
    article dated 2024."""
    june = (ctx("a", "2024-06-21"), mk("ACCUSE", ["KOR"], ["PRK", "RUS"], "2024-06-20", "20日"))
    nov = (ctx("b", "2024-11-05"), mk("ACCUSE", ["KOR"], ["PRK", "RUS"], "2024"))
    assert len(fuse([june, nov])) == 2


def test_an_article_cannot_report_an_event_that_had_not_happened():
    """Demo error: 「米国と日本は、対露制裁の強化を検討している」 (2024-11-05, dated 2024) joined the
    sanctions of 2024-12-16, 42 days later, through the publication window."""
    dec = (ctx("a", "2024-12-17"), mk("SANCTION", ["JPN", "USA"], ["RUS"], "2024-12-16", "16日"))
    nov = (ctx("b", "2024-11-25"), mk("SANCTION", ["JPN", "USA"], ["RUS"], "2024"))
    assert len(fuse([dec, nov])) == 2
    later = (ctx("c", "2024-12-20"), mk("SANCTION", ["JPN", "USA"], ["RUS"], "2024"))
    assert len(fuse([dec, later])) == 1


def test_undated_mentions_join_only_the_same_participants():
    """Demo error: a Japanese protest (01-07) and a condemnation (01-08) joined the joint
    statement of Japan, the US and South Korea on 02-10."""
    joint = (ctx("a", "2025-02-10"), mk("ACCUSE", ["JPN", "KOR", "USA"], ["PRK"], "2025-02-10", "10日"))
    jpn = (ctx("b", "2025-02-12"), mk("ACCUSE", ["JPN"], ["PRK"], "2025"))
    assert len(fuse([joint, jpn])) == 2
    same = (ctx("c", "2025-02-12"), mk("ACCUSE", ["JPN", "KOR", "USA"], ["PRK"], "2025"))
    assert len(fuse([joint, same])) == 1


def test_undated_mentions_join_the_same_object_only():
    troops = (ctx("a", "2024-10-29"), mk("AID", ["PRK"], ["RUS"], "2024-10-28", mode="troops"))
    arms = (ctx("b", "2024-11-02"), mk("AID", ["PRK"], ["RUS"], None, mode="weapons"))
    plain = (ctx("c", "2024-11-02"), mk("AID", ["PRK"], ["RUS"], None))
    more = (ctx("d", "2024-11-05"), mk("AID", ["PRK"], ["RUS"], "2024", mode="troops"))
    assert len(fuse([troops, arms])) == 2
    assert len(fuse([troops, plain])) == 2           # says nothing of what was sent
    assert len(fuse([troops, more])) == 1


def test_undated_mentions_join_within_close_publication_dates_only():
    base = (ctx("a", "2024-10-18"), mk("AID", ["PRK"], ["RUS"], "2024-10-18", mode="troops"))
    near = (ctx("b", "2024-11-10"), mk("AID", ["PRK"], ["RUS"], None, mode="troops"))
    far = (ctx("c", "2025-02-12"), mk("AID", ["PRK"], ["RUS"], "2025", mode="troops"))
    assert len(fuse([base, near])) == 1
    assert len(fuse([base, far])) == 2


def test_the_same_document_thread_is_strong_evidence():
    a = (ctx("a", "2024-10-18", title="北朝鮮、ロシアに特殊部隊派遣か　韓国情報機関"),
         mk("AID", ["PRK"], ["RUS"], "2024-10-18", "18日", mode="troops"))
    b = (ctx("b", "2025-01-30", title="北朝鮮、ロシアに特殊部隊派遣か　韓国情報機関"),
         mk("AID", ["PRK"], ["RUS"], None))
    assert len(fuse([a, b])) == 1


# --- analysts' constraints -----------------------------------------------------------------------

def test_a_split_mention_never_joins_the_mentions_it_was_split_from():
    items = [(ctx("a", "2024-10-18"), mk("AID", ["PRK"], ["RUS"], "2024-10-18", "18日")),
             (ctx("a", "2024-10-18"), mk("AID", ["PRK"], ["RUS"], None))]
    assert len(fuse(items)) == 1
    evs = fuse(items, Constraints(cannot=frozenset({frozenset({("a", 0), ("a", 1)})})))
    assert sorted(len(e.mentions) for e in evs) == [1, 1]


def test_merged_events_end_in_one_event():
    items = [(ctx("a", "2024-10-18"), mk("AID", ["PRK"], ["RUS"], "2024-10-18", "18日")),
             (ctx("b", "2024-12-18"), mk("AID", ["PRK"], ["RUS"], "2024-12-17", "17日"))]
    assert len(fuse(items)) == 2
    [ev] = fuse(items, Constraints(must=(frozenset({("a", 0), ("b", 0)}),)))
    assert sorted(ev.mentions) == [("a", 0), ("b", 0)]
    assert sorted(ev.sources) == ["outlet-a", "outlet-b"]


# --- discourse -----------------------------------------------------------------------------------

@pytest.mark.parametrize("roles,want", [
    (["report", "forecast"], "report"), (["claim"], "report"), ([None], "report"),
    (["forecast", "forecast"], "forecast"), (["background"], "background"),
    (["analysis", "forecast"], "forecast"), (["analysis", "analysis", "forecast"], "analysis"),
])
def test_discourse_of_an_event(roles, want):
    assert event_discourse(roles) == want


def test_an_event_only_forecast_is_marked_so():
    [ev] = fuse([(ctx("a", "2025-02-10"), mk("MOBILIZE", ["PRK"], [], "2025-03", "来月",
                                               factuality="future", role="forecast"))])
    assert ev.discourse == "forecast" and ev.credibility == 6


# --- grades --------------------------------------------------------------------------------------

TABLE = ReliabilityTable.from_rows([
    {"names": "共同通信|共同", "grade": "B", "group": "共同"},
    {"names": "地方紙", "grade": "B", "group": "共同"},             # prints 共同's wire
    {"names": "専門誌", "grade": "C"},
    {"names": "朝鮮中央通信|KCNA", "grade": "D", "state": "PRK", "party_grade": "E"},
    {"names": "時事通信", "grade": "B"},
])


def ev(outlet, fact="asserted", **kw):
    return Evidence(outlet=outlet, factuality=fact, **kw)


@pytest.mark.parametrize("evidence,code,contested", [
    ([ev("共同通信"), ev("時事通信")], "B1", False),                       # confirmed
    ([ev("共同通信"), ev("地方紙")], "B2", False),                         # one group: one source
    ([ev("共同通信"), ev("時事通信"), ev("専門誌", "denied")], "B2", True),  # confirmed, denied
    ([ev("共同通信")], "B2", False),                                      # one usually reliable
    ([ev("共同通信"), ev("専門誌", "denied")], "B3", True),
    ([ev("専門誌")], "C3", False),
    ([ev("専門誌"), ev("共同通信", "negated")], "C4", True),
    ([ev("不明な媒体")], "F6", False),                                     # unknown: cannot be judged
    ([ev("不明な媒体"), ev("別の不明な媒体")], "F2", False),
    ([ev("専門誌", "uncertain")], "C4", False),                           # only hedged: doubtful
    ([ev("専門誌", "uncertain"), ev("共同通信", "uncertain")], "B3", False),
    ([ev("専門誌", "uncertain"), ev("共同通信", "denied")], "C5", True),   # hedged and denied
    ([ev("共同通信", "denied")], "B5", False),                            # only denials
    ([ev("共同通信", "future")], "B6", False),                            # nothing to judge
    ([ev("共同通信", "asserted", role="forecast")], "B6", False),          # a forecast attests nothing
])
def test_credibility_rule(evidence, code, contested):
    g = grade(evidence, (), TABLE)
    assert (g.code, g.contested) == (code, contested), g.basis


def test_state_media_of_a_party_are_graded_apart():
    kcna = [ev("共同通信", credits=("朝鮮中央通信",))]            # 「朝鮮中央通信は…と報じた」
    assert grade(kcna, {"PRK"}, TABLE).reliability == "E"       # North Korea is a party
    assert grade(kcna, {"USA", "KOR"}, TABLE).reliability == "D"
    assert grade([ev("共同通信")], {"PRK"}, TABLE).reliability == "B"


def test_denials_name_who_denied():
    g = grade([ev("共同通信"), ev("時事通信", "denied", denier=frozenset({"PRK"}))], {"PRK", "RUS"},
              TABLE)
    assert g.contested and g.basis["denied_by"] == ["PRK"] and g.basis["independent"] == 1


def test_the_denier_is_the_source_of_claim_else_the_topic():
    m = mk("AID", ["PRK"], ["RUS"], factuality="denied", sentence="ロシア政府は、北朝鮮からの砲弾調達を否定している。")
    assert denier_codes(m) == {"RUS"}
    m = mk("AID", ["PRK"], ["RUS"], factuality="denied", sentence="北朝鮮、ロシアへの派兵を否定")
    assert denier_codes(m) == {"PRK"}


def test_the_packaged_table_grades_with_reasons():
    t = default_table()
    assert t.grade_of("共同通信") == "B" and t.grade_of("朝鮮中央通信", {"PRK"}) == "E"
    assert t.grade_of("どこかのブログ") == "F" and t.grade_of(None) == "F"
    assert all(o.why for o in t.outlets) and not any(o.grade == "A" for o in t.outlets)


def test_a_bad_grade_in_the_table_is_named():
    with pytest.raises(ValueError, match=r"row 1 .*grade 'G'"):
        ReliabilityTable.from_rows([{"names": "x", "grade": "G"}])


def test_a_contested_troop_dispatch_is_not_asserted_alone():
    """Demo error: a dispatch asserted by Seoul's intelligence and denied by Pyongyang showed as
    断定 (asserted): its best factuality stays, but it is contested and graded down."""
    items = [(ctx("a", "2024-10-18", "日韓経済新報"),
              mk("AID", ["PRK"], ["RUS"], "2024-10-18", mode="troops", factuality="reported")),
             (ctx("b", "2024-10-29", "環太平洋通信"),
              mk("AID", ["PRK"], ["RUS"], "2024-10-28", mode="troops", factuality="reported")),
             (ctx("c", "2024-10-25", "アジア・ディプロマット"),
              mk("AID", ["PRK"], ["RUS"], "2024-10-21", mode="troops", factuality="denied",
                 sentence="北朝鮮の金星国連大使は21日、派遣したとの情報を否定した。"))]
    [e] = fuse(items)
    assert e.factuality == "reported" and e.contested
    assert e.grade == "B2" and e.grade_basis["denied_by"] == ["PRK"]
    assert e.to_dict()["contested"] is True and e.to_dict()["grade"] == "B2"
