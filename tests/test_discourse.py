"""Roles the sentence leaves out, filled from the discourse and the story (kizashi/events/attach.py,
kizashi/actors/discourse.py, kizashi/actors/conflicts.py), on texts of ours."""
import pytest

from kizashi.actors import conflicts, flows, treaties


def codes(ents):
    return frozenset(e.code for e in ents if e.code)


def parts(ms, etype):
    return [(sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in ms if m.event_type == etype]


@pytest.mark.parametrize("war", conflicts.wars(), ids=lambda w: f"{w.side}-{w.opponent}")
def test_war_table_examples(war, extract):
    ms = extract(war.example, published=war.start.isoformat())
    assert ([war.side], [war.opponent]) in parts(ms, "ASSAULT"), parts(ms, "ASSAULT")


@pytest.mark.parametrize("flow", flows.flows(), ids=lambda f: f"{f.goods}-{f.giver}-{f.receiver}")
def test_flow_table_examples(flow, extract):
    # a transfer told as between two goes the known way while the flow is on, and is not guessed before
    after = flow.start.replace(year=flow.start.year + 1).isoformat()
    assert ([flow.giver], [flow.receiver]) in parts(extract(flow.example, published=after), "AID")
    before = flow.start.replace(year=flow.start.year - 1).isoformat()
    assert ([flow.giver], [flow.receiver]) not in parts(extract(flow.example, published=before), "AID")


def test_a_flow_needs_its_goods_and_exactly_its_two_parties():
    assert flows.direction({"PRK", "RUS"}, {"materiel"}, "2024-06") == ("PRK", "RUS")
    assert flows.direction({"PRK", "RUS"}, {"economic"}, "2024-06") is None
    assert flows.direction({"PRK", "RUS", "IRN"}, {"materiel"}, "2024-06") is None


@pytest.mark.parametrize("treaty", treaties.treaties(), ids=lambda t: t.names[0])
def test_treaty_table_examples(treaty, extract):
    # a signing told with fewer than all the parties is of all of them, once the treaty is signed
    after = (treaty.signed.replace(year=treaty.signed.year + 1)).isoformat()
    assert [sorted(treaty.parties)] == [a for a, _ in parts(extract(treaty.example, published=after), "SUPPORT")]
    before = (treaty.signed.replace(year=treaty.signed.year - 1)).isoformat()
    assert sorted(treaty.parties) not in [a for a, _ in parts(extract(treaty.example, published=before), "SUPPORT")]


def test_a_treaty_of_the_same_name_between_others_keeps_its_parties():
    assert treaties.parties_of("ロシアがイランと結んだ包括的戦略パートナーシップ条約", {"RUS", "IRN"}, "2025-02") == frozenset()
    assert treaties.parties_of("包括的戦略パートナーシップ条約に署名した", {"PRK"}, "2024-07-01") == {"RUS", "PRK"}
    assert treaties.parties_of("包括的戦略パートナーシップ条約に署名した", {"PRK"}, "2024-05") == frozenset()


def test_allies_share_an_enemy_while_both_wars_are_on():
    assert conflicts.allies({"PRK"}, "2025-04") == {"RUS"}
    assert conflicts.allies({"RUS"}, "2025-04-28") == {"PRK"}
    assert conflicts.allies({"PRK"}, "2023-06") == set()  # before North Korea's troops fought
    assert conflicts.allies({"UKR"}, "2025-04") == set()


def test_a_fight_is_not_against_an_ally_the_story_made_its_target(extract):
    # the first sentence leaves a wrong fight (Russia attacked by North Korea, from the treaty's
    # wording) in the story; the second's fight of North Korea is against Ukraine, not Russia
    text = ("北朝鮮はロシアを攻撃したとの報道を否定した。北朝鮮は部隊を派遣した。"
            "北朝鮮兵は参戦し、多くが死傷した。")
    got = parts(extract(text, published="2025-04-28"), "ASSAULT")
    assert (["PRK"], ["RUS"]) not in got[1:], got


def test_no_war_before_it_began(extract):
    # in 2021 the table knows no war between Russia and Ukraine: nobody is filled in
    assert parts(extract("ロシアの侵攻は長期化している。", published="2021-06-01"), "ASSAULT") == []


def test_a_war_named_without_its_attacker_is_not_given_one(extract):
    # ウクライナ侵攻 as the name of the war: the text does not say who, and kizashi does not guess
    assert parts(extract("ウクライナ侵攻が長期化し、物資が不足している。", published="2025-01-10"), "ASSAULT") == []


def test_recipient_of_a_nominal_from_the_story(extract):
    text = ("北朝鮮は昨年、ロシアに約1万人の兵士を派遣した。韓国の国防相は北朝鮮の派兵を強く非難した。")
    ms = extract(text, published="2025-03-01")
    assert parts(ms, "AID").count((["PRK"], ["RUS"])) == 2, parts(ms, "AID")
    recalled = [m for m in ms if m.event_type == "AID"][1].recipient[0]
    assert recalled.start is None and recalled.end is None  # named in the previous sentence, not here
    assert ms[-1].confidence < ms[0].confidence


def test_passive_with_no_one_named_takes_both_sides_from_the_story(extract):
    text = ("北朝鮮はロシアに砲弾を供与している。ウクライナの情報機関は「今では兵士も派遣されている」と指摘した。")
    ms = extract(text, published="2024-10-20")
    assert parts(ms, "AID") == [(["PRK"], ["RUS"]), (["PRK"], ["RUS"])], parts(ms, "AID")


def test_a_bare_back_reference_is_not_coded_again(extract):
    text = "北朝鮮はロシアに砲弾を供与している。その支援は戦況に大きな影響を与えている。"
    assert len(parts(extract(text, published="2024-10-20"), "AID")) == 1


def test_doukoku_keeps_its_own_offsets(extract):
    text = "北朝鮮はロシアに兵士を派遣した。同国は見返りに石油を受け取った。"
    ms = extract(text, published="2025-03-01")
    assert ms
    for m in ms:
        for e in m.actor + m.recipient:
            if e.start is not None:
                assert text[e.start:e.end] == e.text
                assert m.evidence.start <= e.start < e.end <= m.evidence.end


def test_thanks_go_to_the_one_just_dealt_with(extract):
    text = "ロシアの外相は平壌を訪問し、金総書記と会談した。金総書記は謝意を表した。"
    assert (["PRK"], ["RUS"]) in parts(extract(text, published="2025-07-12"), "SUPPORT")


def test_a_treaty_partner_from_the_visit_in_the_same_sentence(extract):
    text = "プーチン大統領は北朝鮮を訪問して、包括的戦略パートナーシップ条約を締結した。"
    ms = extract(text, published="2024-06-19")
    assert any(m.event_type == "SUPPORT" and codes(m.actor) == {"RUS", "PRK"} for m in ms), parts(ms, "SUPPORT")


def test_a_sanction_is_not_done_by_its_target(extract):
    # the salient subject is Russia; 対ロシア制裁 is not Russia's, so the earlier subject (the G7) does it
    text = ("G7の外相は声明を発表した。ロシアは北朝鮮から武器を調達している。声明は対ロシア制裁を強化すると訴えた。")
    ms = extract(text, published="2024-11-26")
    assert not [m for m in ms if m.event_type == "SANCTION" and codes(m.actor) & codes(m.recipient)], \
        [(m.event_type, codes(m.actor), codes(m.recipient)) for m in ms]


def test_a_reaction_is_aimed_at_the_doers_of_what_it_reacts_to(extract):
    ms = extract("政府、北朝鮮の対ロ軍事協力で追加制裁", published="2024-05-24")
    hits = [m for m in ms if m.event_type == "SANCTION"]
    assert hits and codes(hits[0].actor) == {"JPN"} and {"PRK", "RUS"} & codes(hits[0].recipient), \
        [(m.event_type, codes(m.actor), codes(m.recipient)) for m in ms]


def test_a_sentence_topic_is_salient_without_an_event(extract):
    # the first part of a headline names who; the second, split at the space, says what they did
    ms = extract("前線で北朝鮮兵の姿見えず　損失で退却か", published="2025-01-31")
    assert (["PRK"], []) in parts(ms, "RETREAT"), parts(ms, "RETREAT")


def test_the_nearest_subject_beats_the_sentence_topic(extract):
    ms = extract("ロシアの書記は、金総書記が工兵部隊1000人をロシアに送ったと明かした。", published="2025-06-17")
    assert (["PRK"], ["RUS"]) in parts(ms, "AID"), parts(ms, "AID")


def test_a_subject_of_a_subordinate_clause_is_no_topic(extract):
    # 米国が…決定したことは: the sentence is still the North Korean statement's; the speaker stays salient
    text = ("北朝鮮の外務省は声明を発表した。"
            "米国がウクライナへの追加支援を決めたことは愚かな措置だとこき下ろした。")
    ms = extract(text, published="2024-09-29")
    assert [m for m in ms if m.event_type == "ACCUSE" and codes(m.actor) == {"PRK"}], \
        [(m.event_type, codes(m.actor), codes(m.recipient)) for m in ms]


def test_a_headline_part_of_one_name_is_the_topic_of_the_next():
    from kizashi.actors.discourse import DiscourseModel
    from kizashi.actors.gazetteer import Gazetteer
    gz = Gazetteer.default()
    d = DiscourseModel()
    d.observe_sentence(0, "金与正氏", 0, gz.find("金与正氏"))
    assert [m.text for m in d.salient_subject(1)] == ["金与正氏"]


def test_a_meeting_after_a_visit_is_at_the_hosts(extract):
    text = "プーチン大統領は19日、北朝鮮を訪問した。金総書記とプーチン大統領は同日、会談した。"
    ms = extract(text, published="2024-06-19")
    meetings = [(sorted(codes(m.actor)), sorted(codes(m.recipient)), m.mode) for m in ms if m.event_type == "CONSULT"]
    assert (["RUS"], ["PRK"], "visit") in meetings[1:], meetings


def test_a_meeting_to_come_belongs_to_the_visit_to_come_not_to_one_made(extract):
    text = ("インドの外相が20日に訪仏する。フランスの大統領は先月インドを訪れた。"
            "インドの外相はフランスの外相と会談する予定だ。")
    ms = extract(text, published="2025-03-10")
    last = [m for m in ms if m.event_type == "CONSULT"][-1]
    assert (sorted(codes(last.actor)), sorted(codes(last.recipient)), last.mode) == (["IND"], ["FRA"], "visit")


def test_a_meeting_dated_apart_from_the_visit_is_not_part_of_it(extract):
    text = "フランスの大統領は5日にインドを訪れた。インドの首相とフランスの大統領は一昨年3月にも会談した。"
    ms = extract(text, published="2025-03-06")
    meetings = [m for m in ms if m.event_type == "CONSULT"]
    assert len(meetings) == 2 and meetings[0].mode == "visit", meetings
    assert meetings[1].mode != "visit" and str(meetings[1].date).startswith("2023-03"), meetings[1]


def test_a_sentence_naming_no_one_goes_on_about_the_sides_just_named(extract):
    ms = extract("インドの首相は5日、フランスの大統領と会談した。午後には2回目の会談を行った。", published="2025-03-06")
    meetings = [(sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in ms if m.event_type == "CONSULT"]
    assert meetings == [(["IND"], ["FRA"]), (["IND"], ["FRA"])], meetings


def test_a_case_supposed_takes_no_sides_from_the_story(extract):
    # 一方が攻撃を受けた場合: no attack told, whoever the story said attacked before
    text = "ロシアはウクライナへの攻撃を続けている。北朝鮮との条約は、一方が攻撃を受けた場合、軍事援助を提供すると定めている。"
    ms = extract(text, published="2024-06-20")
    assert [m.evidence.start for m in ms if m.event_type == "ASSAULT"] == [0], [(m.event_type, m.evidence.text) for m in ms]


def test_a_relative_clause_in_a_sentence_naming_no_one_describes_its_head(extract):
    text = "韓国は北朝鮮の個人5人を独自制裁の対象に指定した。制裁対象に指定された個人との取引には、事前の許可が必要になる。"
    ms = extract(text, published="2024-05-24")
    assert len([m for m in ms if m.event_type == "SANCTION"]) == 1, [(m.event_type, m.evidence.text) for m in ms]


def test_a_passive_act_of_speech_with_no_speaker_names_none(extract):
    text = "北朝鮮はロシアに工兵を送ったとされる。これまで公式には否定されてきた。"
    ms = extract(text, published="2024-05-24")
    assert not [m for m in ms if m.event_type == "REJECT"], [(m.event_type, codes(m.actor)) for m in ms]


def test_a_return_for_a_giving_just_told_goes_the_other_way(extract):
    for second in ("その見返りとして、ロシアは防空システムを提供した。", "その見返りとして、原子力潜水艦の技術を受け取る可能性がある。"):
        ms = extract("北朝鮮はロシアに兵器を供与した。" + second, published="2024-11-03")
        aid = [(sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in ms if m.event_type == "AID"]
        assert aid == [(["PRK"], ["RUS"]), (["RUS"], ["PRK"])], (second, aid)


def test_three_ministers_are_the_three_just_named(extract):
    text = "日米韓の外相は東京で会談した。3外相は会談後に共同声明を発表し、ロシアと北朝鮮の武器取引を強く非難した。"
    ms = extract(text, published="2024-11-03")
    acc = [m for m in ms if m.event_type == "ACCUSE"]
    assert acc and codes(acc[0].actor) == {"JPN", "USA", "KOR"}, [(m.event_type, codes(m.actor)) for m in ms]


def test_what_an_analysis_says_was_done_is_the_storys_doers_not_the_analysts(extract):
    for second in ("韓国軍は、対戦車ミサイルなども支援している可能性があると分析した。",
                   "米国は、さらに数千人を追加派遣したとの見方を示した。"):
        ms = extract("北朝鮮はロシアに兵士を送った。" + second, published="2025-01-20")
        aid = [(sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in ms if m.event_type == "AID"]
        assert aid == [(["PRK"], ["RUS"]), (["PRK"], ["RUS"])], (second, aid)


def test_a_group_alone_on_the_first_line_of_a_headline_is_its_subject(extract):
    ms = extract("G7外相ら\n北朝鮮の弾薬輸出に声明 「深刻な懸念」\n", published="2024-11-01")
    acc = [m for m in ms if m.event_type == "ACCUSE"]
    assert acc and codes(acc[0].actor) == {"G7"} and codes(acc[0].recipient) == {"PRK"}, [
        (m.event_type, codes(m.actor), codes(m.recipient)) for m in ms]


def test_a_meeting_placed_by_a_clause_on_its_venue(extract):
    ms = extract("金総書記とプーチン大統領の首脳会談がロシア極東にある宇宙基地で行われた。", published="2023-09-13")
    meetings = [(sorted(codes(m.actor)), sorted(codes(m.recipient)), m.mode) for m in ms if m.event_type == "CONSULT"]
    assert (["PRK"], ["RUS"], "visit") in meetings, meetings


def test_a_sanction_with_no_target_named_is_against_those_just_condemned(extract):
    # 〜を非難する声明を発表したことを受けて、独自制裁の対象を指定した
    ms = extract("韓国外務省は、日米韓がロシアと北朝鮮の軍事協力を非難する共同声明を発表したことを受けて、"
                 "新たな独自制裁の対象を指定した。", published="2024-12-17")
    assert (["KOR"], ["PRK", "RUS"]) in parts(ms, "SANCTION"), parts(ms, "SANCTION")


def test_talks_told_with_no_side_are_between_the_sides_of_the_meeting_just_told(extract):
    # 会談では、…について協議が行われた: the talks are the meeting's
    ms = extract("ロシアのベロウソフ国防相は平壌で金総書記と会談した。会談では、両国の関係強化について"
                 "協議が行われたとみられる。", published="2024-11-30")
    consult = parts(ms, "CONSULT")
    assert consult.count((["RUS"], ["PRK"])) == 2, consult
    # 金総書記との会談を終えた: the one who met him is the meeting's other side
    ms = extract("ロシアのベロウソフ国防相は平壌で金総書記と会談した。ベロウソフ氏は金総書記との会談を終えたあと、"
                 "帰国の途についた。", published="2024-11-30")
    consult = parts(ms, "CONSULT")
    assert consult.count((["RUS"], ["PRK"])) == 2, consult


def test_a_meeting_told_with_no_side_paragraphs_later_is_the_meeting_the_story_told(extract):
    # 会談は2時間続いた, three sentences after the meeting: its sides, the visitor first
    ms = extract("インドの首相は4日、フランスを訪れ、フランスの大統領と会談した。\n\n首相は協力に謝意を示した。"
                 "大統領は歓迎の意を表した。\n\n両首脳は夕食をともにした。\n\n会談はおよそ2時間続いた。",
                 published="2025-03-05")
    assert parts(ms, "CONSULT").count((["IND"], ["FRA"])) == 2, parts(ms, "CONSULT")
    # a side named in the sentence is kept: no recall of the meeting told before
    ms = extract("インドの首相は4日、フランスの大統領と会談した。\n\n首相は協力に謝意を示した。"
                 "大統領は歓迎の意を表した。\n\n両首脳は夕食をともにした。\n\nドイツの首相との会談は5日に行われた。",
                 published="2025-03-05")
    assert parts(ms, "CONSULT").count((["IND"], ["FRA"])) == 1, parts(ms, "CONSULT")


def test_the_war_of_a_described_side_is_its_own_not_the_subject_hung_on_its_clause(extract):
    # the parser hangs インドが on 続ける: the invasion is Russia's, the sending India's
    ms = extract("英外相は、インドがウクライナへの侵攻を続けるロシアに部品を送っていることを非難した。",
                 published="2024-05-20")
    assert parts(ms, "ASSAULT") == [(["RUS"], ["UKR"])], parts(ms, "ASSAULT")
    # a side described that is not at war with the one attacked: the clause's own subject stays
    ms = extract("英外相は、インドがウクライナへの攻撃を続けるフランスに部品を送っていることを非難した。",
                 published="2024-05-20")
    assert (["FRA"], ["UKR"]) not in parts(ms, "ASSAULT"), parts(ms, "ASSAULT")


def test_captives_of_a_side_of_a_war_were_taken_by_its_enemy_or_where_they_are_held(extract):
    # ロシア兵2人は捕虜となった: taken by Ukraine, not by themselves (the topic)
    ms = extract("ロシア兵2人は昨年2月に捕虜となった。", published="2025-03-20")
    assert parts(ms, "COERCE") == [(["UKR"], ["RUS"])], parts(ms, "COERCE")
    # held in a state named with で: by that state
    ms = extract("フランスで捕虜となったロシア兵が帰国を望んだ。", published="2025-03-20")
    assert parts(ms, "COERCE") == [(["FRA"], ["RUS"])], parts(ms, "COERCE")
    # no war under way: no captor known
    ms = extract("インド兵2人は昨年2月に捕虜となった。", published="2025-03-20")
    assert parts(ms, "COERCE") == [], parts(ms, "COERCE")


def test_troops_sent_into_the_enemys_land_went_to_the_ally(extract):
    ms = extract("北朝鮮の兵士の多くはウクライナの戦場に送られたとみられる。", published="2025-01-20")
    assert parts(ms, "AID") == [(["PRK"], ["RUS"])], parts(ms, "AID")
    # bodies handed over in an exchange are no troops: to the enemy, as told
    ms = extract("ロシアはウクライナに兵士の遺体を引き渡した。", published="2025-01-20")
    assert (["RUS"], ["PRK"]) not in parts(ms, "AID"), parts(ms, "AID")


def test_a_headline_speaker_after_its_equals_sign_is_the_speaker(extract):
    ms = extract("イランの核開発を強く非難=フランス外務省報道官", published="2025-01-20")
    assert parts(ms, "ACCUSE") == [(["FRA"], ["IRN"])], parts(ms, "ACCUSE")
    # a second headline after the = is no speaker
    ms = extract("イランの核開発を強く非難=フランスが声明", published="2025-01-20")
    assert (["FRA"], ["IRN"]) not in parts(ms, "ACCUSE"), parts(ms, "ACCUSE")


def test_a_bare_institution_after_the_one_the_story_named_is_that_one(extract):
    ms = extract("米財務省は15日、イランの企業3社を制裁対象に指定した。財務省はさらに、イランの銀行2行にも"
                 "制裁を科した。", published="2025-03-01")
    assert parts(ms, "SANCTION") and all(a == ["USA"] for a, _ in parts(ms, "SANCTION")), parts(ms, "SANCTION")
    # with none named before, a bare ministry is the home state's
    ms = extract("財務省は15日、イランの銀行2行に制裁を科した。", published="2025-03-01")
    assert parts(ms, "SANCTION") == [(["JPN"], ["IRN"])], parts(ms, "SANCTION")


def test_states_listed_and_counted_are_the_topic_together(extract):
    # 日本、韓国、豪州の3カ国は…: the next sentence's condemnation is the three's
    ms = extract("日本、韓国、豪州の3カ国は11日、首脳会合を開いた。北朝鮮とロシアの軍事面での協力を強く非難した。",
                 published="2024-07-12")
    assert (["AUS", "JPN", "KOR"], ["PRK", "RUS"]) in parts(ms, "ACCUSE"), parts(ms, "ACCUSE")


def test_a_war_named_with_no_attacker_is_no_attack_of_the_story(extract):
    # 「ウクライナ戦争は…」: the war's name, not one more attack by the side the story told
    ms = extract("北朝鮮軍はウクライナ軍との戦闘に参加した。金総書記は「ウクライナ戦争は早く終わるのが"
                 "望ましい」と述べた。", published="2024-11-20")
    assert parts(ms, "ASSAULT") == [(["PRK"], ["UKR"])], parts(ms, "ASSAULT")
