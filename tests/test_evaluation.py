"""The matcher of coded real stories (kizashi/evaluation.py) counts as the shared scorer does, and
the confidence model can be fitted and cross-validated, on records of ours."""
import json

import pytest

from kizashi import evaluation as ev


def gold(start, end, etype, actor, recipient, optional=False, alt=()):
    return {"doc": "d.txt", "start": start, "end": end, "event_type": etype, "actor": actor,
            "recipient": recipient, "optional": optional, "alt_types": list(alt), "date": None}


def pred(start, end, etype, actor, recipient, date=None):
    return {"doc": "d.txt", "event_type": etype, "evidence": {"start": start, "end": end},
            "actor": [{"code": c} for c in actor], "recipient": [{"code": c} for c in recipient], "date": date}


def test_matching_rules():
    g = [gold(0, 10, "AID", ["PRK"], ["RUS"]), gold(20, 30, "CONSULT", ["RUS", "PRK"], []),
         gold(40, 50, "ACCUSE", ["KOR"], ["PRK"], optional=True), gold(60, 70, "AGREE", ["RUS"], ["PRK"], alt=["AID"])]
    p = [pred(5, 15, "AID", ["PRK"], ["RUS", "CHN"]),      # overlaps, superset of recipients: right...
         pred(5, 15, "AID", ["PRK"], ["RUS"]),             # ...but only one of two for the same gold
         pred(25, 35, "CONSULT", ["PRK"], ["RUS"]),        # mutual gold: both parties named anywhere
         pred(40, 50, "ACCUSE", ["KOR"], ["PRK"]),         # optional: neither right nor wrong
         pred(60, 70, "AID", ["RUS"], ["PRK"]),            # an alternative type
         pred(80, 90, "AID", ["PRK"], ["RUS"])]            # no gold there
    labels, matched = ev.match_document(g, p)
    assert sorted(labels[:2]) == ["fp", "tp"]   # one of the two (ties go as the scorer breaks them)
    assert labels[2:] == ["tp", "optional", "tp", "fp"]
    assert matched == [True, True, True, True]
    r = ev.prf({"d.txt": g}, {"d.txt": p})
    assert (r["tp"], r["fp"], r["fn"]) == (3, 2, 0)


def test_wrong_direction_and_missing_recipient_do_not_match():
    g = [gold(0, 10, "AID", ["PRK"], ["RUS"])]
    assert ev.match_document(g, [pred(0, 10, "AID", ["RUS"], ["PRK"])])[0] == ["fp"]
    assert ev.match_document(g, [pred(0, 10, "AID", ["PRK"], [])])[0] == ["fp"]


def test_logistic_fit_separates_and_calibrates():
    rows = [{"a": 1.0}] * 40 + [{"b": 1.0}] * 40
    labels = [1] * 36 + [0] * 4 + [1] * 8 + [0] * 32
    m = ev.fit_logistic(rows, labels, l2=0.1)
    assert m["weights"]["a"] > m["weights"].get("b", 0)
    # the fitted probability of the a-rows is close to their share right (0.9)
    z = m["bias"] + m["weights"]["a"]
    import math
    assert abs(1 / (1 + math.exp(-z)) - 0.9) < 0.05


def test_coded_set_loading_names_a_missing_sources_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="sources.tsv"):
        ev.load_coded_set(tmp_path)


def test_calibrate_on_a_coded_set_of_ours(tmp_path, extract):
    texts = {"s1": "北朝鮮はロシアに兵士を派遣した。ロシアは北朝鮮に石油を送った。",
             "s2": "韓国政府は北朝鮮を強く非難した。米国は北朝鮮に追加制裁を科した。"}
    (tmp_path / "sources.tsv").write_text("name\tpublished\n" + "".join(f"{n}\t2024-11-01\n" for n in texts),
                                          encoding="utf-8")
    lines = []
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        first = text.index("。") + 1
        lines.append(gold(0, first, "AID" if name == "s1" else "ACCUSE", ["PRK"] if name == "s1" else ["KOR"],
                          ["RUS"] if name == "s1" else ["PRK"]) | {"doc": f"{name}.txt"})
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines),
                                         encoding="utf-8")
    from kizashi.pipeline import extract as run
    docs = ev.collect([tmp_path], run)
    assert sum(len(d["preds"]) for d in docs) >= 4
    r = ev.calibrate(docs, folds=2)
    assert r["documents"] == 2 and 0 <= r["best"]["threshold"] < 1
    assert r["learned"][0]["tp"] == 2 and r["learned"][0]["fn"] == 0
