"""Analysts' corrections (kizashi/store/corrections.py) on SQLite and PostgreSQL: every action,
the audit, revocation, export and import, errors that name the problem, and the round trip of
issue 11 (correct -> re-ingest a changed article -> full rebuild -> the correction still holds)
with the real extractor and the real command line."""
from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select

from kizashi.records import Article, Entity, EventMention, Span
from kizashi.store import Store
from kizashi.store import corrections as C
from kizashi.store import queries as Q
from kizashi.store.fusion_sync import is_stale, refresh_events
from kizashi.store.models import Correction


def mention(text: str, trigger: str, etype: str, actors, recipients=(), date=None,
            date_text=None, mode=None, factuality="asserted", base: int = 0) -> EventMention:
    i = text.index(trigger)
    return EventMention(doc="x", event_type=etype, trigger=Span(trigger, base + i, base + i + len(trigger)),
                        evidence=Span(text, base, base + len(text)), mode=mode,
                        actor=[Entity(c, c) for c in actors],
                        recipient=[Entity(c, c) for c in recipients], date=date,
                        date_text=date_text, factuality=factuality, sentence_role="report")


S1 = "日本政府は同日、ロ朝の軍事協力の拡大に深刻な懸念を表明した。"
S2 = "北朝鮮は10月、ロシアに兵士を派遣した。"
S3 = "北朝鮮はロシアに兵士を送った。"
S4 = "北朝鮮は12月、ロシアに兵士を派遣した。"


def article(doc: str, text: str, published: str, source: str = "共同通信") -> Article:
    return Article(id=doc, text=text, title=text[:12], published=published, source=source)


@pytest.fixture
def corrected(store):
    """Three articles of ours with mentions written here (no NLP), stored and fused."""
    store.save_article(article("d1", S1, "2024-06-19"),
                       [mention(S1, "軍事協力", "COOPERATE", ["JPN", "RUS", "PRK"],
                                date="2024-06-19")])
    store.save_article(article("d2", S2 + S3, "2024-10-20"),
                       [mention(S2, "派遣", "AID", ["PRK"], ["RUS"], "2024-10", "10月", "troops"),
                        mention(S3, "送っ", "AID", ["PRK"], ["RUS"], None, None, "troops",
                                base=len(S2))])
    store.save_article(article("d3", S4, "2024-12-20", "時事通信"),
                       [mention(S4, "派遣", "AID", ["PRK"], ["RUS"], "2024-12", "12月", "troops")])
    refresh_events(store)
    return store


def event_of(store, etype: str, **kw) -> dict:
    [e] = [e for e in Q.list_events(store, limit=100, **kw).items if e["event_type"] == etype]
    return e


def test_change_type_actors_and_recipients_of_an_event(corrected):
    s = corrected
    coop = event_of(s, "COOPERATE")
    c = C.add(s, "type", author="佐藤", event_id=coop["id"], value="ACCUSE",
              note="懸念の表明であって協力ではない")
    [eid] = c["event_ids"]
    assert c["before"] == {"event_type": "COOPERATE", "mode": None}
    assert c["after"]["event_type"] == "ACCUSE" and c["author"] == "佐藤" and c["applied"]
    C.add(s, "actor", author="佐藤", event_id=eid, value=["JPN"])
    c3 = C.add(s, "recipient", author="佐藤", event_id=C.get(s, 2)["event_ids"][0],
               value="ロシア, 北朝鮮")                   # names resolve to codes
    [e] = [x for x in Q.list_events(s, limit=100).items if x["id"] == c3["event_ids"][0]]
    assert (e["event_type"], e["actors"], e["recipients"]) == ("ACCUSE", ["JPN"], ["PRK", "RUS"])
    assert e["corrected"] and e["quad_class"] == "verbal_conflict"
    assert not any(x["event_type"] == "COOPERATE" for x in Q.list_events(s, limit=100).items)
    assert not is_stale(s)


def test_wrong_mentions_leave_the_events_and_the_store_stays_fresh(corrected):
    s = corrected
    aid = event_of(s, "AID", start="2024-10", end="2024-10")
    d = Q.event_detail(s, aid["id"])
    assert len(d["mentions"]) == 2
    C.add(s, "wrong", author="a", mention_id=d["mentions"][1]["id"])
    d2 = Q.event_detail(s, event_of(s, "AID", start="2024-10", end="2024-10")["id"])
    assert len(d2["mentions"]) == 1
    assert not is_stale(s)                           # a wrong mention is in no event on purpose
    with s.engine.connect() as conn:                 # the extracted data is untouched
        assert conn.exec_driver_sql("SELECT count(*) FROM mentions").scalar_one() == 4


def test_split_and_merge(corrected):
    s = corrected
    oct_ = event_of(s, "AID", start="2024-10", end="2024-10")
    d = Q.event_detail(s, oct_["id"])
    m = d["mentions"][1]["id"]
    C.add(s, "split", author="a", event_id=oct_["id"], mention_id=m)
    aids = [e for e in Q.list_events(s, limit=100).items if e["event_type"] == "AID"]
    assert len(aids) == 3
    dec = event_of(s, "AID", start="2024-12", end="2024-12")
    c = C.add(s, "merge", author="a", event_id=event_of(s, "AID", start="2024-10",
                                                         end="2024-10")["id"],
              other_event_id=dec["id"])
    aids = [e for e in Q.list_events(s, limit=100).items if e["event_type"] == "AID"]
    assert len(aids) == 2 and max(e["n_mentions"] for e in aids) == 2
    assert sorted(max(aids, key=lambda e: e["n_mentions"])["first_reported"] for _ in [0]) \
        == ["2024-10-20"]
    # revoking the merge brings the December event back; revoking the split rejoins the mention
    C.revoke(s, c["id"], author="a", note="別の派遣")
    assert len([e for e in Q.list_events(s, limit=100).items if e["event_type"] == "AID"]) == 3
    C.revoke(s, 1, author="a")
    assert len([e for e in Q.list_events(s, limit=100).items if e["event_type"] == "AID"]) == 2


def test_notes_the_audit_and_revocations(corrected):
    s = corrected
    aid = event_of(s, "AID", start="2024-12", end="2024-12")
    n = C.add(s, "note", author="鈴木", event_id=aid["id"], note="国防省の発表のみ")
    assert n["action"] == "note" and n["event_ids"] == [aid["id"]]
    listed = C.list_corrections(s, event_id=aid["id"])
    assert [c["id"] for c in listed] == [n["id"]]
    r = C.revoke(s, n["id"], author="田中")
    assert r["action"] == "revoke" and r["revokes"] == n["id"]
    old = C.get(s, n["id"])
    assert not old["active"] and old["revoked_by"] == r["id"] and old["author"] == "鈴木"
    with s.engine.connect() as conn:                  # both rows are kept
        assert conn.execute(select(Correction.id)).all() == [(n["id"],), (r["id"],)]
    with pytest.raises(C.CorrectionError, match="was revoked by"):
        C.revoke(s, n["id"], author="田中")


@pytest.mark.parametrize("kw,message", [
    ({"action": "type", "value": "BOGUS"}, "not a PLOVER type"),
    ({"action": "type", "value": "AID"}, "already AID"),
    ({"action": "actor", "value": ["ほげ"]}, "no entity has the code or name 'ほげ'"),
    ({"action": "actor", "value": []}, "at least one actor"),
    ({"action": "merge"}, "second, different event"),
    ({"action": "note"}, "note is required"),
    ({"action": "nonsense"}, "action 'nonsense'"),
    ({"action": "type", "value": "ACCUSE", "author": " "}, "author is required"),
    ({"action": "note", "note": "x" * 2001}, "at most 2000"),
])
def test_a_correction_that_cannot_be_made_is_named(corrected, kw, message):
    s = corrected
    aid = event_of(s, "AID", start="2024-12", end="2024-12")
    kw = {"author": "a", "event_id": aid["id"], **kw}
    with pytest.raises(C.CorrectionError, match=message):
        C.add(s, kw.pop("action"), **kw)
    assert C.list_corrections(s) == []


def test_unknown_targets_are_not_found(corrected):
    with pytest.raises(C.NotFound, match="no event 'ev_nope'"):
        C.add(corrected, "type", author="a", event_id="ev_nope", value="AID")
    with pytest.raises(C.NotFound, match="no mention 'm_nope'"):
        C.add(corrected, "wrong", author="a", mention_id="m_nope")
    with pytest.raises(C.NotFound, match="no correction 99"):
        C.revoke(corrected, 99, author="a")


def test_merge_of_different_types_is_refused(corrected):
    s = corrected
    with pytest.raises(C.CorrectionError, match="different types: change one type first"):
        C.add(s, "merge", author="a", event_id=event_of(s, "COOPERATE")["id"],
              other_event_id=event_of(s, "AID", start="2024-12", end="2024-12")["id"])


def test_export_and_import_into_a_new_database(corrected, tmp_path):
    s = corrected
    coop = event_of(s, "COOPERATE")
    C.add(s, "type", author="佐藤", event_id=coop["id"], value="ACCUSE")
    n = C.add(s, "note", author="佐藤", event_id=event_of(s, "AID", start="2024-12",
                                                        end="2024-12")["id"], note="メモ")
    C.revoke(s, n["id"], author="佐藤")
    records = list(C.export(s))
    assert [r["action"] for r in records] == ["type", "note", "revoke"]
    assert json.loads(json.dumps(records, ensure_ascii=False)) == records
    with Store(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:     # a rebuilt database
        fresh.migrate()
        with s.engine.connect() as conn:
            arts = conn.exec_driver_sql("SELECT id, text, published, source FROM documents "
                                        "ORDER BY id").all()
        for doc_id, text, published, source in arts:
            fresh.save_article(article(doc_id, text, published, source), s.mentions_of(doc_id))
        refresh_events(fresh)
        assert C.import_records(fresh, records) == 3
        assert C.import_records(fresh, records) == 0            # idempotent
        assert any(e["event_type"] == "ACCUSE" and e["corrected"]
                   for e in Q.list_events(fresh, limit=100).items)
        got = C.list_corrections(fresh)
        assert [(c["action"], c["active"]) for c in got] == [("revoke", False), ("note", False),
                                                            ("type", True)]
        assert got[2]["author"] == "佐藤" and got[2]["created_at"] == records[0]["created_at"]


def test_an_anchor_finds_its_mention_in_a_changed_article(corrected):
    s = corrected
    d = Q.event_detail(s, event_of(s, "AID", start="2024-12", end="2024-12")["id"])
    c = C.add(s, "wrong", author="a", mention_id=d["mentions"][0]["id"])
    changed = "【更新】" + S4.replace("派遣した", "派遣した模様だ")
    s.save_article(article("d3", changed, "2024-12-20", "時事通信"),
                   [mention(changed, "派遣", "AID", ["PRK"], ["RUS"], "2024-12", "12月", "troops")])
    assert is_stale(s)                    # the new mention is in no event and not known wrong
    refresh_events(s)
    again = C.get(s, c["id"])
    assert again["applied"] and again["mention_ids"] != d["mentions"][0]["id"]
    assert not any(e["first_reported"] == "2024-12-20" for e in Q.list_events(s, limit=100).items)
    # a sentence rewritten beyond recognition: the correction stays, applied to nothing
    s.save_article(article("d3", "中国は日本に抗議した。", "2024-12-20", "時事通信"), [])
    refresh_events(s)
    gone = C.get(s, c["id"])
    assert gone["active"] and not gone["applied"]


# --- the round trip with the real extractor and command line -----------------------------------

ROUND = ("北朝鮮、ロシアに兵士派遣\n2024年10月20日\n"
         "韓国の国家情報院は19日、北朝鮮がロシアに約3000人の兵士を派遣したと発表した。\n"
         "日本政府は同日、ロ朝の軍事協力の拡大に深刻な懸念を表明した。\n")
ROUND_CHANGED = ("北朝鮮、ロシアに兵士派遣\n2024年10月20日\n"
                 "北朝鮮の兵士がロシア極東に到着したとの情報がある。\n"
                 "韓国の国家情報院は19日、北朝鮮がロシアに約3000人の兵士を派遣したと発表した。\n"
                 "米国務省は、情報を確認中だと述べた。\n"
                 "日本政府は同日、ロ朝の軍事協力の拡大に深刻な懸念を表明した。\n")


def test_correct_reingest_a_changed_article_rebuild_and_the_correction_holds(tmp_path):
    from kizashi.cli import main

    db = tmp_path / "k.db"
    f = tmp_path / "in" / "troops.txt"
    f.parent.mkdir()
    f.write_text(ROUND, encoding="utf-8")
    assert main(["ingest", "-q", "--db", str(db), str(f.parent)]) == 0
    con = sqlite3.connect(db)
    (eid,) = con.execute("SELECT id FROM events WHERE event_type = 'COOPERATE'").fetchone()
    assert main(["correct", "--db", str(db), "--author", "佐藤", "type", eid, "ACCUSE",
                 "--note", "懸念の表明"]) == 0

    def state():
        con = sqlite3.connect(db)
        types = {r[0] for r in con.execute(
            "SELECT m.event_type FROM mentions m WHERE m.trigger_text = '軍事協力'")}
        fused = con.execute(
            "SELECT e.event_type, e.corrected FROM events e JOIN event_mentions l ON "
            "l.event_id = e.id JOIN mentions m ON m.id = l.mention_id "
            "WHERE m.trigger_text = '軍事協力'").fetchall()
        con.close()
        return types, fused

    assert state() == ({"COOPERATE"}, [("ACCUSE", 1)])   # extracted data kept, event corrected
    f.write_text(ROUND_CHANGED, encoding="utf-8")          # the article changes: offsets move
    assert main(["ingest", "-q", "--db", str(db), str(f.parent)]) == 0
    assert state() == ({"COOPERATE"}, [("ACCUSE", 1)])
    assert main(["rebuild", "--db", str(db)]) == 0          # a full rebuild
    assert state() == ({"COOPERATE"}, [("ACCUSE", 1)])
    out = tmp_path / "c.jsonl"
    assert main(["corrections", "--db", str(db), "export", str(out)]) == 0
    [rec] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["action"] == "type" and rec["author"] == "佐藤" and rec["applied"]
    assert rec["target"]["event"][0]["trigger"] == "軍事協力"


def test_cli_errors_are_named(tmp_path, capsys):
    from kizashi.cli import main

    db = tmp_path / "k.db"
    with Store(f"sqlite:///{db}") as s:
        s.migrate()
    assert main(["correct", "--db", str(db), "type", "ev_nope", "AID"]) == 1
    assert "no event 'ev_nope'" in capsys.readouterr().err
    assert main(["correct", "--db", str(db), "revoke", "x"]) == 2
    assert "correction id 'x' is not a number" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["corrections", "--db", str(db), "import", str(bad)]) == 2
    assert "bad.jsonl:1: not JSON" in capsys.readouterr().err


def test_eval_corrections_scores_the_extractor_against_the_analysts(tmp_path, capsys):
    """`kizashi eval --corrections`: the extractor run again on what analysts corrected; an
    error it still makes is counted as such, an analyst's value it now gives as right."""
    from kizashi.cli import main

    db = tmp_path / "k.db"
    f = tmp_path / "in" / "troops.txt"
    f.parent.mkdir()
    f.write_text(ROUND, encoding="utf-8")
    assert main(["ingest", "-q", "--db", str(db), str(f.parent)]) == 0
    con = sqlite3.connect(db)
    (coop,) = con.execute("SELECT id FROM events WHERE event_type = 'COOPERATE'").fetchone()
    (aid, actors) = con.execute(
        "SELECT e.id, group_concat(p.code) FROM events e JOIN event_participants p "
        "ON p.event_id = e.id AND p.role = 'actor' WHERE e.event_type = 'AID'").fetchone()
    con.close()
    assert main(["correct", "--db", str(db), "type", coop, "ACCUSE"]) == 0       # still wrong
    assert main(["correct", "--db", str(db), "actor", aid, *actors.split(",")]) == 0  # agreed
    capsys.readouterr()
    assert main(["eval", "--corrections", "--db", str(db), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["by_action"]["type"] == {"n": 1, "still_wrong": 1, "now_right": 0, "gone": 0}
    assert res["by_action"]["actor"] == {"n": 1, "still_wrong": 0, "now_right": 1, "gone": 0}
    assert res["total"]["agreement"] == 0.5
    assert main(["eval", "--corrections", "--db", str(db), "-v"]) == 0
    out = capsys.readouterr().out
    assert "still wrong" in out and "agrees with 1 of 2" in out
