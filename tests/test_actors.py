"""Actor recognition and resolution (kizashi.actors). All sentences are written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from kizashi.actors.coref import CorefTracker
from kizashi.actors.gazetteer import ActorMention, Gazetteer, _main
from kizashi.records import Entity
from kizashi.time.dates import PartialDate

D = dt.date


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def codes(ms):
    return [[e.code for e in m.members] for m in ms if m.kind != "anaphor"]


def flat(ms):
    return [(m.text, m.kind, tuple(e.code for e in m.members)) for m in ms]


# ---------------------------------------------------------------- plain names
@pytest.mark.parametrize("text,expected", [
    ("ロシアは声明を出した", [("ロシア", "state", ("RUS",))]),
    ("露国との交渉", [("露国", "state", ("RUS",))]),
    ("北朝鮮が発射した", [("北朝鮮", "state", ("PRK",))]),
    ("朝鮮民主主義人民共和国の主張", [("朝鮮民主主義人民共和国", "state", ("PRK",))]),
    ("大韓民国と中華人民共和国", [("大韓民国", "state", ("KOR",)),
                                 ("中華人民共和国", "state", ("CHN",))]),
    ("南朝鮮の傀儡と非難", [("南朝鮮", "state", ("KOR",))]),
    ("アメリカ合衆国政府", [("アメリカ合衆国政府", "org", ("USA",))]),
    ("わが国の立場", [("わが国", "state", ("JPN",))]),
    ("ソ連時代の条約", [("ソ連", "state", ("SUN",))]),
    ("ベラルーシとイランも", [("ベラルーシ", "state", ("BLR",)), ("イラン", "state", ("IRN",))]),
    ("インドネシアとインド", [("インドネシア", "state", ("IDN",)), ("インド", "state", ("IND",))]),
    ("台湾海峡の緊張", []),
    ("日本海に落下した", []),
    ("タイミングを見て", []),
    ("朝鮮半島の非核化", []),
    ("北東アジアの安全保障", []),
    ("政府は、北が挑発をやめるよう促した", [("北", "state", ("PRK",))]),
    ("部隊は北に向かった", []),
    ("ロシアが北に対し、装備を提供した", [("ロシア", "state", ("RUS",)), ("北", "state", ("PRK",))]),
    ("米国の北朝鮮担当特別代表が会見した", [("米国", "state", ("USA",))]),
    ("日韓の北朝鮮問題担当高官が協議した", [("日韓", "compound", ("JPN", "KOR"))]),
    ("南北が対話した", []),
])
def test_state_names(gz, text, expected):
    assert flat(gz.find(text)) == expected


@pytest.mark.parametrize("text,code,kind,sector", [
    ("平壌は反発した", "PRK", "capital", None),
    ("モスクワを訪れた", "RUS", "capital", None),
    ("キーウに着いた", "UKR", "capital", None),
    ("キエフ近郊", "UKR", "capital", None),
    ("クレムリンは否定した", "RUS", "capital", "GOV"),
    ("ホワイトハウスの発表", "USA", "capital", "GOV"),
])
def test_capitals(gz, text, code, kind, sector):
    m = gz.find(text)[0]
    assert (m.members[0].code, m.kind, m.members[0].sector) == (code, kind, sector)


# ---------------------------------------------------------------- state + institution
@pytest.mark.parametrize("text,code,sector,kind", [
    ("ロシア軍が前進した", "RUS", "MIL", "org"),
    ("北朝鮮軍の部隊", "PRK", "MIL", "org"),
    ("北朝鮮兵が戦闘に", "PRK", "MIL", "person"),
    ("北朝鮮兵士の死傷", "PRK", "MIL", "person"),
    ("ロシア政府は", "RUS", "GOV", "org"),
    ("北朝鮮当局が", "PRK", "GOV", "org"),
    ("韓国国防省によると", "KOR", "MIL", "org"),
    ("ウクライナ情報機関は", "UKR", "SPY", "org"),
    ("韓国情報当局は", "KOR", "SPY", "org"),
    ("ロシア外相と会った", "RUS", "GOV", "person"),
    ("北朝鮮外交官が", "PRK", "GOV", "person"),
    ("ロシア大使を呼んだ", "RUS", "GOV", "person"),
    ("米大統領が", "USA", "GOV", "person"),
    ("露軍の攻撃", "RUS", "MIL", "org"),
    ("ロ軍が撤退", "RUS", "MIL", "org"),
    ("米政府高官は", "USA", "GOV", "person"),
    ("露外務省は", "RUS", "GOV", "org"),
    ("ロ大統領府の発表", "RUS", "GOV", "org"),
    ("露国防相が", "RUS", "MIL", "person"),
    ("韓国防相は", "KOR", "MIL", "person"),
    ("米国防総省は", "USA", "MIL", "org"),
    ("米財務省は", "USA", "GOV", "org"),
    ("OFACが指定した", "USA", "GOV", "org"),
    ("朝鮮人民軍の部隊", "PRK", "MIL", "org"),
    ("朝鮮労働党の会議", "PRK", "GOV", "org"),
    ("国家情報院によると", "KOR", "SPY", "org"),
    ("韓国の国家情報院は", None, None, None),  # checked below: two mentions
])
def test_institutions(gz, text, code, sector, kind):
    ms = gz.find(text)
    if code is None:
        assert [(m.members[0].code, m.members[0].sector) for m in ms] == [
            ("KOR", None), ("KOR", "SPY")]
        return
    assert len(ms) == 1, flat(ms)
    m = ms[0]
    assert (m.members[0].code, m.members[0].sector, m.kind) == (code, sector, kind)


def test_not_an_institution(gz):
    ms = gz.find("ロシア軍事専門家によれば")
    assert flat(ms) == [("ロシア", "state", ("RUS",))]
    assert ms[0].members[0].sector is None


def test_of_institution_takes_the_state(gz):
    ms = gz.find("ロシアの外務省は、外務省に抗議した")
    assert [(m.text, m.members[0].code) for m in ms] == [
        ("ロシア", "RUS"), ("外務省", "RUS"), ("外務省", "JPN")]


def test_finance_ministry_needs_us_prefix(gz):
    assert gz.find("米財務省")[0].members[0].code == "USA"
    assert gz.find("財務省は資産凍結を")[0].members[0].code == "JPN"


@pytest.mark.parametrize("text,code,sector", [
    ("在韓米軍の規模", "USA", "MIL"),
    ("在日米軍基地", "USA", "MIL"),
    ("駐日ロシア大使が", "RUS", "GOV"),
    ("駐韓中国大使館", "CHN", "GOV"),
])
def test_stationed(gz, text, code, sector):
    m = gz.find(text)[0]
    assert (m.members[0].code, m.members[0].sector) == (code, sector)
    assert len(m.members) == 1


def test_stationed_without_owner_gives_nothing(gz):
    assert gz.find("駐日大使を務めた") == []


# ---------------------------------------------------------------- organisations, media, groups
@pytest.mark.parametrize("text,code,kind,sector", [
    ("朝鮮中央通信が伝えた", "PRK", "media", "MED"),
    ("KCNAによると", "PRK", "media", "MED"),
    ("労働新聞は", "PRK", "media", "MED"),
    ("タス通信によると", "RUS", "media", "MED"),
    ("新華社が報じた", "CHN", "media", "MED"),
    ("聯合ニュースは", "KOR", "media", "MED"),
    ("共同通信の取材", "JPN", "media", "MED"),
    ("ロイター通信によると", None, "media", "MED"),
    ("AP通信が", None, "media", "MED"),
    ("国連安全保障理事会で", "UN", "org", "GOV"),
    ("安保理決議", "UN", "org", "GOV"),
    ("専門家パネルの報告", "UN", "org", "GOV"),
    ("北大西洋条約機構の首脳", "NATO", "org", "MIL"),
    ("EUは追加制裁", "EU", "org", "GOV"),
    ("上海協力機構の会合", "SCO", "org", "GOV"),
    ("IAEAの査察", "IAEA", "org", "GOV"),
    ("人民解放軍の演習", "CHN", "org", "MIL"),
    ("自衛隊が警戒", "JPN", "org", "MIL"),
    ("防衛省によると", "JPN", "org", "MIL"),
    ("国際社会の懸念", None, "group", None),
    ("西側諸国は", None, "group", None),
    ("全ての加盟国に対し", None, "group", None),
    ("関係国と協議", None, "group", None),
])
def test_organisations(gz, text, code, kind, sector):
    m = gz.find(text)[0]
    assert (m.members[0].code, m.kind, m.members[0].sector) == (code, kind, sector)


def test_euro_american_compound(gz):
    m = gz.find("欧米の制裁")[0]
    assert (m.kind, m.codes) == ("compound", ("USA", "EU"))


# ---------------------------------------------------------------- abbreviations
@pytest.mark.parametrize("text,expected", [
    ("日中首脳会談が開かれた", [["JPN", "CHN"]]),
    ("日中は暑い日が続く", []),
    ("日中気温が上がる", []),
    ("日米韓の連携", [["JPN", "USA", "KOR"]]),
    ("日・米・韓の外相", [["JPN", "USA", "KOR"]]),
    ("中露朝の接近", [["CHN", "RUS", "PRK"]]),
    ("ロ朝関係が深まる", [["RUS", "PRK"]]),
    ("朝ソ友好条約", [["PRK", "SUN"]]),
    ("露朝が署名した", [["RUS", "PRK"]]),
    ("米欧が協調", [["USA", "EU"]]),
    ("中ロの蜜月", [["CHN", "RUS"]]),
    ("日中韓首脳会議", [["JPN", "CHN", "KOR"]]),
    ("米中は対立を深めた", [["USA", "CHN"]]),
    ("米韓合同演習", [["USA", "KOR"]]),
    ("米中間選挙の結果", []),
    ("南米の国々", []),
    ("新米の価格と米価", []),
    ("毎日米国に行く", [["USA"]]),
    ("同日米国は", [["USA"]]),
    ("朝日新聞の社説", [["JPN"]]),
    ("毎朝朝食を食べる", []),
    ("英語の印象", []),
    ("独自に単独で", []),
    ("中国の台頭", [["CHN"]]),
    ("台湾と中国", [["TWN"], ["CHN"]]),
    ("中心となる人物", []),
    ("ヨーロッパのロケット", []),
    ("参加米軍の規模", []),
    ("7日米国防総省は", [["USA"]]),
    ("15日米韓両国は", [["USA", "KOR"]]),
    ("第3回日米協議", []),
])
def test_abbreviation_runs(gz, text, expected):
    assert codes(gz.find(text)) == expected


def test_run_members_have_offsets(gz):
    m = gz.find("きょう日米韓が")[0]
    assert [(e.text, e.start) for e in m.members] == [("日", 3), ("米", 4), ("韓", 5)]


@pytest.mark.parametrize("text,kind,code", [
    ("対露制裁を強化", "target", "RUS"),
    ("対ロ輸出", "target", "RUS"),
    ("対米関係", "target", "USA"),
    ("対中政策", "target", "CHN"),
    ("対日批判", "target", "JPN"),
    ("対韓輸出規制", "target", "KOR"),
    ("対北朝鮮制裁", "target", "PRK"),
    ("対北制裁", "target", "PRK"),
    ("対ロシア制裁", "target", "RUS"),
    ("訪朝したプーチン", "visit", "PRK"),
    ("首相の訪露", "visit", "RUS"),
    ("訪ロを検討", "visit", "RUS"),
    ("訪中の日程", "visit", "CHN"),
    ("訪米した", "visit", "USA"),
    ("訪日中の", "visit", "JPN"),
    ("訪韓する", "visit", "KOR"),
    ("来日した大統領", "visit", "JPN"),
])
def test_prefixed(gz, text, kind, code):
    m = gz.find(text)[0]
    assert (m.kind, m.members[0].code) == (kind, code)


@pytest.mark.parametrize("text", ["反対米国", "将来中国は", "対中東政策", "現在日本は"])
def test_prefix_traps(gz, text):
    ms = gz.find(text)
    assert all(m.kind not in ("target", "visit") for m in ms), flat(ms)


@pytest.mark.parametrize("text,expected", [
    ("北の核の脅威", [["PRK"]]),
    ("北のミサイル発射", [["PRK"]]),
    ("北側は拒否した", [["PRK"]]),
    ("島の北側に", []),
    ("北の空に", []),
    ("北東アジア", []),
    ("東北地方の北部", []),
    ("南北会談", []),
])
def test_north(gz, text, expected):
    assert codes(gz.find(text)) == expected


# ---------------------------------------------------------------- people
@pytest.mark.parametrize("text,code,sector", [
    ("プーチン大統領が述べた", "RUS", "GOV"),
    ("プーチン氏は", "RUS", "GOV"),
    ("プーチンは", "RUS", "GOV"),
    ("金総書記が視察", "PRK", "GOV"),
    ("金正恩総書記", "PRK", "GOV"),
    ("習主席と会談", "CHN", "GOV"),
    ("習近平国家主席", "CHN", "GOV"),
    ("尹大統領は", "KOR", "GOV"),
    ("ユン・ソンニョル大統領は", "KOR", "GOV"),
    ("ゼレンスキー氏", "UKR", "GOV"),
    ("ラブロフ外相は", "RUS", "GOV"),
    ("崔善姫外相が", "PRK", "GOV"),
    ("金与正副部長は談話で", "PRK", "GOV"),
    ("王毅外相", "CHN", "GOV"),
    ("ルビオ国務長官", "USA", "GOV"),
    ("林外相が", "JPN", "GOV"),
    ("ベロウソフ国防相", "RUS", "MIL"),
])
def test_people(gz, text, code, sector):
    m = gz.find(text, on=D(2024, 11, 1))[0]
    assert (m.kind, m.members[0].code, m.members[0].sector) == ("person", code, sector)


def test_person_with_reading_is_one_mention(gz):
    ms = gz.find("金正恩(キム・ジョンウン)総書記は平壌で")
    assert ms[0].text == "金正恩(キム・ジョンウン)総書記"
    assert ms[0].members[0].code == "PRK" and ms[0].role == "総書記"
    assert ms[1].kind == "capital"


def test_person_with_reading_and_romanised_name_and_party_title_is_one_mention(gz):
    # a wire service's gloss: the reading, then the name in Latin letters; 同党 before the title
    ms = gz.find("金与正(キム・ヨジョン、Kim Yo-jong)同党副部長は声明で")
    assert ms[0].text == "金与正(キム・ヨジョン、Kim Yo-jong)同党副部長"
    assert ms[0].members[0].code == "PRK" and ms[0].role == "副部長"
    # a gloss that is not a name stays out of it
    assert gz.find("金与正(談話、全文)は")[0].text == "金与正"


def test_office_changes_with_date(gz):
    # ショイグ: defence minister (MIL) until May 2024, then Security Council secretary (GOV)
    assert gz.find("ショイグ氏", on=D(2023, 3, 1))[0].members[0].sector == "MIL"
    assert gz.find("ショイグ氏", on=D(2024, 9, 1))[0].members[0].sector == "GOV"
    assert gz.find("ショイグ書記", on=D(2024, 9, 1))[0].members[0].sector == "GOV"


@pytest.mark.parametrize("text,on,code", [
    ("李首相", D(2024, 1, 1), "CHN"),
    ("李大統領", D(2025, 7, 1), "KOR"),
    ("トランプ次期大統領", D(2024, 12, 1), "USA"),
    ("トランプ大統領", D(2019, 1, 1), "USA"),
])
def test_title_and_date_pick_person(gz, text, on, code):
    ms = gz.find(text, on=on)
    assert len(ms) == 1 and ms[0].members[0].code == code and ms[0].text == text


@pytest.mark.parametrize("on,sector", [
    # ショイグ: defence minister (MIL) until 12 May 2024, then Security Council secretary (GOV).
    # A month or a year is a period: the office held longest within it.
    (PartialDate(2024, 4), "MIL"),
    (PartialDate(2024, 5), "GOV"),   # 11 days as minister, 20 as secretary
    (PartialDate(2023), "MIL"),
    (PartialDate(2024), "GOV"),
    (PartialDate(2024, 5, 11), "MIL"),
])
def test_partial_date_picks_the_office_of_the_period(gz, on, sector):
    assert gz.find("ショイグ氏", on=on)[0].members[0].sector == sector


def test_no_date_picks_the_latest_office_whatever_the_clock(gz):
    # without a document date: the latest office in the table, not the one held "today"
    assert gz.find("ショイグ氏")[0].members[0].sector == "GOV"
    assert gz.find("ショイグ国防相")[0].members[0].sector == "MIL"


@pytest.mark.parametrize("text", ["山田氏は語った", "金の価格", "林の中", "カラスが鳴く", "小泉さん"])
def test_no_person(gz, text):
    assert [m for m in gz.find(text) if m.kind == "person"] == []


# ---------------------------------------------------------------- anaphors and coreference
def run_doc(gz, sentences, on=None):
    tr = CorefTracker(gz)
    out = []
    for s in sentences:
        out.append(tr.resolve_sentence(gz.find(s, on=on)))
    return out


def anaphor(sent_mentions, text):
    return [m for m in sent_mentions if m.text == text][0]


def test_anaphor_unresolved_by_default(gz):
    m = [m for m in gz.find("両国は合意した") if m.kind == "anaphor"][0]
    assert m.members == ()


def test_dou_koku_last_state(gz):
    doc = run_doc(gz, ["ロシアは北朝鮮に謝意を示した。", "同国は弾薬を受け取った。"])
    assert anaphor(doc[1], "同国").codes == ("PRK",)


def test_ryoukoku_last_two_states(gz):
    doc = run_doc(gz, ["ロシアと北朝鮮が条約に署名した。", "国連は懸念を示したが、両国は反発した。"])
    assert set(anaphor(doc[1], "両国").codes) == {"RUS", "PRK"}


def test_ryoukoku_is_not_the_speaker_of_them(gz):
    doc = run_doc(gz, ["ロシアと北朝鮮が条約に署名した。", "韓国政府は、両国が署名した条約を批判した。"])
    assert set(anaphor(doc[1], "両国").codes) == {"RUS", "PRK"}


def test_ryoukoku_may_include_the_speaker(gz):
    doc = run_doc(gz, ["韓国は懸念を示した。", "ロシアと北朝鮮が条約に署名した。", "北朝鮮は、両国の協力が深まったと述べた。"])
    assert set(anaphor(doc[2], "両国").codes) == {"RUS", "PRK"}


def test_ryoukoku_same_sentence(gz):
    doc = run_doc(gz, ["日米両国は連携を確認した。"])
    assert set(anaphor(doc[0], "両国").codes) == {"JPN", "USA"}


def test_ryouseifu_sector(gz):
    doc = run_doc(gz, ["中国とロシアが会談した。", "両政府は声明を出した。"])
    m = anaphor(doc[1], "両政府")
    assert set(m.codes) == {"CHN", "RUS"} and {e.sector for e in m.members} == {"GOV"}


def test_doushi_last_person(gz):
    doc = run_doc(gz, ["ゼレンスキー大統領は演説した。", "同氏は支援を求めた。"], on=D(2024, 6, 1))
    assert anaphor(doc[1], "同氏").codes == ("UKR",)


def test_dou_daitouryou_matches_title(gz):
    doc = run_doc(gz, ["プーチン大統領は金総書記と会談した。", "同大統領は北朝鮮を称賛した。",
                       "同総書記は謝意を示した。"], on=D(2024, 6, 19))
    assert anaphor(doc[1], "同大統領").codes == ("RUS",)
    assert anaphor(doc[2], "同総書記").codes == ("PRK",)


def test_ryoushunou_states_of_people(gz):
    doc = run_doc(gz, ["習主席とプーチン氏が北京で会った。", "両首脳は協力を確認した。"],
                  on=D(2024, 5, 16))
    assert set(anaphor(doc[1], "両首脳").codes) == {"CHN", "RUS"}


def test_sankakoku_last_triple(gz):
    doc = run_doc(gz, ["日米韓の外相が会談した。", "中国は反発した。", "3カ国は声明を出した。"])
    assert anaphor(doc[2], "3カ国").codes == ("JPN", "USA", "KOR")


def test_sankakoku_last_three_states(gz):
    doc = run_doc(gz, ["中国とロシアと北朝鮮が接近している。", "三カ国の動きが注目される。"])
    assert set(anaphor(doc[1], "三カ国").codes) == {"CHN", "RUS", "PRK"}


def test_dousho_last_ministry(gz):
    doc = run_doc(gz, ["米財務省は制裁を発表した。", "同省は追加措置も示唆した。"])
    assert anaphor(doc[1], "同省").codes == ("USA",)


def test_sohou(gz):
    doc = run_doc(gz, ["ロシアとウクライナが捕虜を交換した。", "双方は人数を明らかにしていない。"])
    assert set(anaphor(doc[1], "双方").codes) == {"RUS", "UKR"}


def test_organisations_are_not_states_for_coref(gz):
    doc = run_doc(gz, ["北朝鮮はロシアを支持した。", "国連安保理と国際社会は懸念した。", "同国は反論した。"])
    assert anaphor(doc[2], "同国").codes == ("RUS",)


def test_anaphor_traps(gz):
    assert [m for m in gz.find("共同国際会議と双方向の通信") if m.kind == "anaphor"] == []
    assert [m for m in gz.find("13カ国が参加") if m.kind == "anaphor"] == []


# ---------------------------------------------------------------- API and data
def test_mentions_are_sorted_non_overlapping_and_offset(gz):
    text = "プーチン大統領は訪朝し、金総書記と日米韓を批判した。ロシア軍と北朝鮮兵が対露支援で。"
    ms = gz.find(text, base_offset=100, on=D(2024, 6, 19))
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start - 100:m.end - 100] == m.text
        for e in m.members:
            assert isinstance(e, Entity)
            assert text[e.start - 100:e.end - 100] in m.text


def test_lookup(gz):
    info = gz.lookup("PRK")
    assert info["name"] == "北朝鮮" and "金正恩" in info["people"]
    assert gz.lookup("UN")["name"] == "国連"
    assert gz.lookup("XXX") == {}


def test_default_is_cached():
    assert Gazetteer.default() is Gazetteer.default()


def test_long_text_matches_every_repetition(gz):
    """100k characters in one call: every repetition of the chunk gives the chunk's matches at
    the shifted offsets (no state leaks between matches). Speed is measured by the benchmarks,
    not asserted here."""
    chunk = ("北朝鮮は6月、ロシアと包括的戦略パートナーシップ条約を結んだ。プーチン大統領は平壌を訪れ、"
             "金正恩総書記と会談した。日米韓は対露制裁の強化で一致し、米財務省は新たな制裁を科した。"
             "毎日の天気は日中は暑く、朝食の後に中心街へ向かった。")
    reps = 100_000 // len(chunk) + 1
    one = gz.find(chunk)
    ms = gz.find(chunk * reps)
    assert len(one) >= 8 and len(ms) == len(one) * reps
    assert [(m.start - len(chunk) * (reps - 1), m.end - len(chunk) * (reps - 1))
            for m in ms[-len(one):]] == [(m.start, m.end) for m in one]


def test_cli(capsys):
    assert _main(["日米韓の外相が会談"]) == 0
    out = capsys.readouterr().out
    assert "compound" in out and "JPN" in out


def test_actor_mention_is_frozen():
    m = ActorMention(0, 2, "日米", (Entity("JPN", "日"), Entity("USA", "米")), "compound")
    with pytest.raises(Exception):
        m.start = 1  # type: ignore[misc]


@pytest.mark.parametrize("text,expected", [
    ("平壌は露に砲弾を供与した", ["PRK", "RUS"]),
    ("北朝鮮は米と協議した", ["PRK", "USA"]),
    ("韓が反発した", ["KOR"]),
    ("夜露に濡れた", []),
    ("新米の価格", []),
])
def test_lone_abbreviation_before_a_particle(text, expected):
    from kizashi.actors.gazetteer import Gazetteer

    got = [c for m in Gazetteer.default().find(text) for c in m.codes]
    assert got == expected


# ---------------------------------------------------------------- people the tables do not know
@pytest.mark.parametrize("text,code,sector,surface", [
    ("韓国外務省のキム・ヨンス第1外務次官は", "KOR", "GOV", "キム・ヨンス第1外務次官"),
    ("ロシアのペトロフ大使は", "RUS", "GOV", "ペトロフ大使"),
    ("北朝鮮の朴成哲国防相が", "PRK", "MIL", "朴成哲国防相"),
])
def test_unknown_name_with_a_title_after_its_state(gz, text, code, sector, surface):
    m = [m for m in gz.find(text) if m.kind == "person"][0]
    assert (m.text, m.members[0].code, m.members[0].sector) == (surface, code, sector)


def test_no_person_without_a_title(gz):
    assert [m for m in gz.find("ロシアのペトロフ氏の著書") if m.kind == "person"] == []


def test_a_name_met_once_is_known_by_its_parts_later(gz):
    tr = CorefTracker(gz)
    tr.resolve_sentence(gz.find("韓国外務省のキム・ヨンス第1外務次官は21日、声明を出した。"))
    later = "この中でキム次官は、ヨンス氏とともに述べた。"
    ms = tr.recall_names(later, 100, gz.find(later, 100))
    people = [(m.text, m.members[0].code, m.start) for m in ms if m.kind == "person"]
    assert people == [("キム次官", "KOR", 104), ("ヨンス氏", "KOR", 110)]


def test_a_chinese_name_in_kanji_lends_its_family_name_to_later_short_forms(gz):
    tr = CorefTracker(gz)
    tr.resolve_sentence(gz.find("中国の趙楽際委員長が平壌に到着した。"))
    later = "趙氏は祝意を伝え、趙委員長も笑顔を見せた。"
    ms = tr.recall_names(later, 100, gz.find(later, 100))
    people = [(m.text, m.members[0].code) for m in ms if m.kind == "person"]
    assert ("趙氏", "CHN") in people and ("趙委員長", "CHN") in people, people


def test_a_korean_name_whose_post_the_tables_know_lends_its_family_name(gz):
    tr = CorefTracker(gz)
    tr.resolve_sentence(gz.find("韓国外交部の金烘均第1次官は、ロシアに兵士の撤収を求めた。", on=D(2024, 11, 1)))
    later = "金氏は北朝鮮の派兵を非難した。"
    ms = tr.recall_names(later, 100, gz.find(later, 100, on=D(2024, 11, 1)))
    assert [m.members[0].code for m in ms if m.text == "金氏"] == ["KOR"], ms


def test_a_family_name_shared_by_two_states_lends_itself_to_neither(gz):
    tr = CorefTracker(gz)
    tr.resolve_sentence(gz.find("中国の趙楽際委員長は、韓国の趙兌烈外相と会談した。"))
    later = "趙氏は笑顔を見せた。"
    ms = tr.recall_names(later, 100, gz.find(later, 100))
    assert [m.members[0].code for m in ms if m.text == "趙氏"] == ["KOR"], ms  # the tables' reading


# ---------------------------------------------------------------- the story's home state
@pytest.mark.parametrize("text,home", [
    ("政府は24日、ロシアへの追加制裁を決めた。", "JPN"),
    ("【ソウル聯合ニュース】政府は19日、北朝鮮に対話を促した。", "KOR"),
    ("政府は北朝鮮に対話を促した。\nCopyright YONHAPNEWS. All rights reserved.", "KOR"),
    ("【ワシントン共同】政府は声明を出した。", "JPN"),
])
def test_home_state(gz, text, home):
    from kizashi.actors.home import home_state
    assert home_state(text, gz) == home


@pytest.mark.parametrize("text,codes", [
    ("政府は24日、ロシアへの追加制裁を決めた。", ["JPN", "RUS"]),
    ("日本政府と韓国政府は協議した。", ["JPN", "KOR"]),        # named: not the home word
    ("同政府は反発した。", []),                                # an anaphor, resolved elsewhere
    ("林官房長官は会見で述べた。", ["JPN"]),
    ("政府系の銀行が", []),                                    # 政府系 is another word
    ("同次官は「外務省は関与しない」と述べた。", []),          # quoted: the speaker's, not the home's
])
def test_bare_government_is_the_home_state(gz, text, codes):
    assert [c for m in gz.find(text, home="JPN") for c in m.codes if c] == codes


def test_an_acronym_in_parentheses_is_the_body_named_before_it():
    from kizashi.document import Resources
    gz = Resources.default().gazetteer
    found = {m.text: m.codes for m in gz.find("韓国の国家安全保障会議(NSC)は会合を開いた。")}
    assert found["NSC"] == found["国家安全保障会議"] == ("KOR",), found
    # alone, the letters are the US council's
    assert {m.text: m.codes for m in gz.find("NSCは会合を開いた。")}["NSC"] == ("USA",)
    # after Xの, the council is X's; a gloss in Japanese words is the body before it
    assert {m.text: m.codes for m in gz.find("韓国のNSCは北朝鮮を非難した。")}["NSC"] == ("KOR",)
    assert {m.text: m.codes for m in gz.find("韓国外交部(外務省)によると、次官は抗議した。")}["外務省"] == ("KOR",)


def test_a_leaning_names_no_party():
    from kizashi.document import Resources
    gz = Resources.default().gazetteer
    assert [m.codes for m in gz.find("親ロシア国家のベラルーシ")] == [("BLR",)]
    assert [m.codes for m in gz.find("反米の集会")] == []
    # 違反 ends a word: the state after it is named
    assert ("RUS",) in [m.codes for m in gz.find("決議違反ロシアの船")]


def test_an_office_of_a_grouping_is_held_for_it():
    from kizashi.document import Resources
    gz = Resources.default().gazetteer
    found = [(m.text, m.codes, m.kind) for m in gz.find("G7外相は声明を出した。")]
    assert ("G7外相", ("G7",), "person") in found, found
    found = [(m.text, m.codes, m.kind) for m in gz.find("EUの外相は演説した。")]
    assert any(c == ("EU",) and k == "person" for _, c, k in found), found
    # an envoy to the UN is a state's, not the UN's office: no person of the UN
    assert not [m for m in gz.find("国連大使は演説した。") if m.kind == "person" and m.codes == ("UN",)]


def test_an_office_of_a_states_body_is_a_person_of_that_state(gz):
    # 中国外務省の報道官: the ministry, and its spokesperson speaking for China
    found = [(m.text, m.codes, m.kind) for m in gz.find("中国外務省の報道官")]
    assert found == [("中国外務省", ("CHN",), "org"), ("報道官", ("CHN",), "person")], found
    # a unit of an army is no office: one mention
    assert [(m.text, m.codes) for m in gz.find("北朝鮮軍の部隊")] == [("北朝鮮軍", ("PRK",))]


def test_a_romanised_name_in_parentheses_is_part_of_the_persons_mention():
    from kizashi.document import Resources
    gz = Resources.default().gazetteer
    found = [(m.text, m.codes) for m in gz.find("中国の李強(Li Qiang)首相は訪韓した。", on=__import__("datetime").date(2024, 5, 27))]
    assert ("李強(Li Qiang)首相", ("CHN",)) in found, found
    assert not [t for t, c in found if c == ("JPN",)], found  # the title is not a bare 首相 (Japan's)


@pytest.mark.parametrize("text", ["UNESCOは声明を出した。", "APECの首脳会議が開かれた。", "EUROPOLが捜査した。"])
def test_a_latin_name_is_not_found_inside_a_longer_latin_word(text):
    from kizashi.document import Resources
    assert Resources.default().gazetteer.find(text) == [], text


def test_a_home_word_after_kana_is_bare_but_not_after_a_genitive():
    from kizashi.actors.gazetteer import Gazetteer
    g = Gazetteer.default()
    for text, word in (("これを受けて首相は抗議した。", "首相"), ("その上で官房長官は述べた。", "官房長官"),
                       ("また政府は制裁を決めた。", "政府")):
        assert [(m.text, m.codes) for m in g.find(text, home="JPN")] == [(word, ("JPN",))], text
    for text in ("同国の首相は述べた。", "各国の政府は述べた。"):
        assert not [m for m in g.find(text, home="JPN") if "JPN" in m.codes], text


def test_a_bare_national_security_council_is_the_home_states():
    from kizashi.actors.gazetteer import Gazetteer
    g = Gazetteer.default()
    assert [(m.text, m.codes) for m in g.find("国家安全保障会議は会合を開いた。", home="JPN")] == \
        [("国家安全保障会議", ("JPN",))]
    assert [(m.text, m.codes) for m in g.find("国家安全保障会議は会合を開いた。", home="KOR")] == \
        [("国家安全保障会議", ("KOR",))]
    # Russia's security council keeps its own name
    assert [m.codes for m in g.find("安全保障会議のショイグ書記は述べた。", home="JPN")][0] == ("RUS",)
