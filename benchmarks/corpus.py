"""Deterministic synthetic Japanese news corpus for throughput benchmarks.

The text is produced from hand-written templates with many slots, so it is varied but fully
reproducible: the same ``(n_chars, seed)`` always gives the same string (only ``random.Random``
seeded locally is used; no global state, no hashing of sets/dicts).

Shape of the output:

* articles separated by a blank line (``"\\n\\n"``); each article has 3–6 paragraphs;
* one paragraph per line (``"\\n"``), 3–8 sentences per paragraph, each ending in 「。」;
* roughly 40% of sentences are *event* sentences about North-East Asian security (visits,
  summits, treaty signing, arms/troop supply North Korea→Russia, technology Russia→North Korea,
  sanctions, missile launches, condemnations, requests, warnings, attacks in Ukraine, joint
  exercises) and roughly 60% are *background* sentences without an event (economy, history,
  analysis, political-mood commentary, quotes without events, reader-guide lines, weather).

It is a *throughput* corpus: it is not annotated and must not be used to measure accuracy.

Usage::

    python -m benchmarks.corpus --chars 200000 > /tmp/bench.txt
    python -m benchmarks.corpus --chars 200000 --stats      # counts only, to stderr
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from typing import Callable

EVENT_SHARE = 0.40

# --------------------------------------------------------------------------------------------
# Slot values
# --------------------------------------------------------------------------------------------

S: dict[str, list[str]] = {
    # actors ---------------------------------------------------------------------------------
    "nk": ["北朝鮮", "北朝鮮", "朝鮮民主主義人民共和国", "北朝鮮当局", "平壌"],
    "ru": ["ロシア", "ロシア", "露", "ロシア政府", "モスクワ", "ロシア側"],
    "leader_nk": ["金正恩総書記", "金正恩（キム・ジョンウン）総書記", "金総書記", "金正恩氏"],
    "leader_ru": ["プーチン大統領", "プーチン氏", "ロシアのプーチン大統領",
                  "ウラジーミル・プーチン大統領"],
    "leader_other": ["バイデン大統領", "トランプ大統領", "尹錫悦（ユン・ソンニョル）大統領",
                     "岸田文雄首相", "石破茂首相", "習近平国家主席", "ゼレンスキー大統領",
                     "李在明（イ・ジェミョン）大統領"],
    "official": ["崔善姫（チェ・ソンヒ）外相", "ラブロフ外相", "ショイグ安全保障会議書記",
                 "ブリンケン国務長官", "上川陽子外相", "岩屋毅外相", "趙兌烈（チョ・テヨル）外相",
                 "ベロウソフ国防相", "林芳正官房長官", "オースティン国防長官",
                 "カラス外交安全保障上級代表", "グテレス国連事務総長", "中谷元防衛相"],
    "counterpart": ["金正恩総書記", "崔善姫外相", "プーチン大統領", "ラブロフ外相",
                    "王毅外相", "韓国の外相", "日本の外相", "北朝鮮の国防相"],
    "sanctioner": ["米財務省", "米国務省", "欧州連合（EU）", "EU", "日本政府", "韓国政府",
                   "英国政府", "日米韓3か国", "米政府", "主要7か国（G7）", "外務省"],
    "condemner": ["日本政府", "韓国外務省", "米国務省", "日米韓の外相", "EUの報道官",
                  "国連のグテレス事務総長", "NATOのルッテ事務総長", "英国のラミー外相",
                  "ウクライナ外務省", "松野博一官房長官", "北朝鮮外務省", "ロシア外務省"],
    "requester": ["日本政府", "韓国政府", "米国", "ウクライナ", "国連安全保障理事会",
                  "G7外相", "日米韓", "EU", "中国外務省", "ゼレンスキー大統領"],
    "requestee": ["北朝鮮", "ロシア", "中国", "国際社会", "各国", "国連加盟国",
                  "ロシアと北朝鮮の双方"],
    "warner": ["ゼレンスキー大統領", "韓国の国家安全保障室長", "米国防総省の報道官",
               "北朝鮮の金与正（キム・ヨジョン）党副部長", "ロシアのメドベージェフ前大統領",
               "NATOの高官", "防衛省幹部", "米インド太平洋軍の司令官"],
    "source": ["韓国国家情報院", "韓国軍合同参謀本部", "ウクライナ国防省情報総局",
               "米政府高官", "複数の外交筋", "英国防省", "米シンクタンク", "米CNN",
               "ロイター通信", "聯合ニュース", "日本政府関係者", "国連の専門家パネル"],
    "nk_org": ["朝鮮中央通信", "国防省報道官", "外務省報道官", "朝鮮労働党機関紙・労働新聞",
               "国防委員会"],
    "trio": ["日米韓", "日米", "日韓", "米韓", "ロ朝", "中ロ", "日米比", "日中韓"],
    "exercise_parties": ["日米韓", "米韓両軍", "日米両政府", "海上自衛隊と米海軍",
                         "中ロ両軍", "韓国軍と在韓米軍", "日米韓の空軍"],
    # places -------------------------------------------------------------------------------
    "place_nk": ["平壌", "北朝鮮", "平壌の錦繍山迎賓館", "北朝鮮北東部の羅先"],
    "place_ru": ["ロシア極東ウラジオストク", "ボストーチヌイ宇宙基地", "モスクワ",
                 "ロシア極東のアムール州", "ハバロフスク"],
    "capital": ["平壌", "モスクワ", "ソウル", "東京", "ワシントン", "北京", "キーウ",
                "ブリュッセル"],
    "city": ["平壌", "ワシントン", "ソウル", "キャンプデービッド", "モスクワ", "東京",
             "ウラジオストク", "リマ", "ニューヨーク", "ジュネーブ"],
    "ua_city": ["首都キーウ", "東部ハルキウ", "南部オデーサ", "中部ドニプロ", "東部ドネツク州",
                "南部ザポリージャ", "北東部スムイ", "西部リビウ"],
    "ua_target": ["集合住宅", "エネルギー施設", "港湾施設", "病院", "鉄道駅", "発電所",
                  "商業施設"],
    "ru_region": ["クルスク州", "ベルゴロド州", "ブリャンスク州"],
    "launch_place": ["平壌近郊の順安付近", "東部の元山付近", "西部の東倉里", "北部の慈江道",
                     "日本海に面した咸鏡南道", "黄海北道"],
    "direction": ["日本海", "東の日本海", "黄海", "北東方向", "日本海側"],
    "landing": ["日本の排他的経済水域（EEZ）外", "日本のEEZ内", "朝鮮半島東側の日本海",
                "北海道・奥尻島の西約200キロの海域"],
    "sea": ["日本海", "朝鮮半島周辺", "東シナ海", "済州島南方の公海", "黄海", "日本海上空"],
    # times ----------------------------------------------------------------------------------
    "date": ["2024年6月19日", "同年12月", "昨年", "19日", "同日", "今月上旬", "先月下旬",
             "2023年9月13日", "2024年10月", "今年1月", "20日", "22日夜", "25日未明",
             "同月末", "昨年11月", "2025年2月", "今年3月中旬", "先週", "18日午前",
             "2024年11月5日", "同年秋", "先月"],
    "time": ["午前7時10分", "午後2時半", "午前6時", "午後11時ごろ", "午前10時過ぎ"],
    "date_bg": ["2024年7〜9月期", "今年上半期", "昨年度", "10月", "2023年", "第3四半期",
                "先月"],
    "duration": ["11日間", "10日間", "2週間", "5日間", "3日間"],
    # quantities ---------------------------------------------------------------------------
    "qty_troops": ["約1万2000人", "1万人以上", "約3000人", "数千人", "約1万1000人",
                   "少なくとも1万人", "2万人規模", "約1500人"],
    "qty_shells": ["数百万発", "約300万発", "500万発超", "約1000万発", "数十万発",
                   "コンテナ約2万個分"],
    "qty_weapons": ["約170門", "約200基", "数十両", "100発以上", "約50門", "数百基"],
    "qty_entities": ["約120団体", "11個人と29団体", "数十の企業", "約60品目",
                     "14団体・個人", "約300件"],
    "n_missiles": ["1発", "2発", "数発", "少なくとも3発", "10発あまり", "複数発"],
    "km": ["350", "600", "1000", "250", "800", "1100", "450"],
    "casualty": ["少なくとも12人が死亡した", "子どもを含む5人が死亡した",
                 "30人以上が負傷した", "大規模な停電が発生した", "市民3人が死亡、17人が負傷した",
                 "死傷者の有無を確認している"],
    # things -------------------------------------------------------------------------------
    "weapon": ["自走砲", "240ミリ多連装ロケット砲", "短距離弾道ミサイル「KN23」",
               "対戦車ミサイル", "170ミリ自走砲", "砲弾", "弾道ミサイル"],
    "weapon_attack": ["ミサイルと無人機", "弾道ミサイル", "自爆型ドローン", "滑空爆弾",
                      "巡航ミサイル", "北朝鮮製とみられる弾道ミサイル"],
    "missile": ["弾道ミサイル", "短距離弾道ミサイル", "大陸間弾道ミサイル（ICBM）級のミサイル",
                "極超音速ミサイル", "巡航ミサイル", "固体燃料式の中距離弾道ミサイル"],
    "tech": ["軍事偵察衛星", "原子力潜水艦", "防空システム", "戦闘機", "弾道ミサイルの誘導",
             "宇宙ロケット", "電子戦"],
    "goods": ["原油", "食料", "外貨", "防空ミサイル", "石油製品", "小麦"],
    "treaty": ["包括的戦略パートナーシップ条約", "新たな条約", "相互援助条項を含む条約",
               "軍事協力を柱とする協定"],
    "target": ["個人や団体", "軍需企業", "貿易会社", "船舶", "金融機関", "IT労働者の関係者",
               "ミサイル開発に関わる幹部"],
    "target_ru": ["軍需企業", "金融機関", "第三国の企業", "石油タンカー",
                  "北朝鮮との武器取引に関わる団体"],
    "sanction_kind": ["独自制裁", "資産凍結", "追加制裁", "入国禁止措置", "輸出規制"],
    "reason": ["北朝鮮との武器取引", "ウクライナ侵略への関与", "制裁逃れへの加担",
               "兵士派遣への関与"],
    "exercise_kind": ["共同訓練", "合同軍事演習", "共同空中訓練", "ミサイル防衛訓練",
                      "海上共同訓練", "対潜水艦戦訓練"],
    "exercise_name": ["フリーダム・シールド", "乙支フリーダム・シールド", "フリーダム・エッジ",
                      "ビジラント・ディフェンス"],
    "topic": ["軍事協力", "経済協力", "宇宙開発", "エネルギー分野", "北朝鮮の核問題",
              "ウクライナ情勢", "拉致問題", "安全保障協力"],
    "issue": ["北朝鮮の核・ミサイル開発", "ロ朝の軍事協力", "インド太平洋の安全保障",
              "ウクライナ支援", "経済安全保障"],
    "condemn_word": ["断じて容認できない", "明白な国連安保理決議違反だ",
                     "地域の平和と安定を脅かす暴挙だ", "国際社会への重大な挑戦だ"],
    "condemn_quote": ["国際秩序に対する重大な脅威だ", "安保理決議に明確に違反している",
                      "深刻な懸念を持っている", "決して容認できない"],
    "request_obj": ["兵士の撤収", "ミサイル発射の即時停止", "安保理決議の完全な履行",
                    "制裁の抜け穴をふさぐこと", "軍事協力の中止", "対話への復帰",
                    "武器供与の停止", "追加の防空システムの供与"],
    "warn_cond": ["ロシアが北朝鮮に先端技術を渡した", "北朝鮮が核実験に踏み切った",
                  "北朝鮮兵が前線に投入された", "合同演習が続けられた",
                  "西側が長射程兵器の使用を認めた"],
    "warn_consequence": ["相応の対抗措置を取る", "断固とした対応を取る",
                         "地域の緊張は制御不能になる", "越えてはならない一線を越えることになる"],
    "nk_threat": ["侵略戦争の予行演習だ", "圧倒的な力で対応する", "挑発には代償が伴う",
                  "危険な軍事的冒険だ"],
    "ceremony": ["歓迎式典", "晩さん会", "首脳会談", "共同記者発表"],
}

# background-only slots
S.update({
    "country": ["日本", "韓国", "中国", "ロシア", "米国", "ユーロ圏", "北朝鮮"],
    "indicator": ["実質国内総生産（GDP）", "輸出額", "消費者物価指数", "鉱工業生産",
                  "小売売上高", "貿易黒字", "設備投資"],
    "pct": ["0.3", "1.2", "2.5", "3.1", "0.8", "4.6", "1.9", "5.2"],
    "pct2": ["24", "28", "31", "35", "41", "19", "46"],
    "updown": ["増加", "減少", "上昇", "低下"],
    "updown2": ["高", "安"],
    "over_under": ["上回", "下回"],
    "yen": ["149", "152", "143", "157", "138", "160"],
    "num": ["132", "415", "87", "260", "31", "508"],
    "nikkei": ["3万8210", "3万9460", "4万120", "3万6880", "3万7750"],
    "econ_factor": ["原油価格の変動", "戦時経済への傾斜", "人手不足", "金利の高止まり",
                    "輸出の伸び悩み", "通貨安", "不動産市場の低迷"],
    "forecaster": ["国際通貨基金（IMF）", "世界銀行", "中央銀行", "民間シンクタンク",
                   "経済協力開発機構（OECD）"],
    "revise": ["引き上げた", "引き下げた", "据え置いた"],
    "hist_event": ["1950年の朝鮮戦争勃発", "1953年の休戦協定締結", "1991年のソ連崩壊",
                   "2000年の初の南北首脳会談", "2003年の6か国協議開始",
                   "2018年の初の米朝首脳会談", "1965年の日韓国交正常化"],
    "hist_consequence": ["朝鮮半島の分断は固定化されたままだ",
                         "両国関係は曲折をたどってきた",
                         "地域の安全保障環境は大きく変わってきた",
                         "非核化をめぐる交渉は進展と停滞を繰り返してきた"],
    "expert": ["慶応大の教授", "元外務省幹部", "韓国の北朝鮮研究者", "防衛研究所の研究者",
               "米シンクタンクの上級研究員", "ロシア政治に詳しい専門家", "元自衛隊幹部",
               "アジア経済に詳しいエコノミスト"],
    "analysis_quote": ["両国の関係は互いの利益が一致する限り続くだろう",
                       "短期的には大きな変化は見込みにくい",
                       "中国がどこまで関与するかが今後の焦点になる",
                       "国内向けの宣伝という側面も大きい",
                       "数字だけでは実態を判断できない",
                       "日本としては冷静な情報収集が欠かせない"],
    "analysis_topic": ["ロ朝接近の持続性", "中国の立ち位置", "制裁の実効性",
                       "北朝鮮の経済への影響", "米政権交代の影響", "停戦交渉の行方"],
    "background_factor": ["長期化する戦争による兵力不足", "国際的な孤立",
                          "外貨獲得の必要性", "米中対立の激化", "エネルギー価格の高騰",
                          "国内の政治日程"],
    "pol_mood": ["解散は当面ない", "政権の求心力が落ちている", "外交で得点を稼ぎたい",
                 "予算審議が山場を迎える", "党内の空気が変わりつつある"],
    "party": ["自民党", "立憲民主党", "公明党", "与党", "野党各党", "韓国の与党"],
    "pol_issue": ["防衛費の財源", "政治資金の問題", "憲法改正", "次期総裁選",
                  "補正予算の規模"],
    "pol_reaction": ["慎重論が根強い", "様子見の空気が広がる", "意見集約が難航している",
                     "執行部への不満がくすぶる"],
    "period": ["政権発足以来", "この半年", "年明け以降", "前回調査比"],
    "trend": ["最低", "最高", "横ばい", "低水準"],
    "person": ["ソウル市内の会社員の女性（34）", "東京都内の大学生（21）",
               "新潟港の関係者", "拉致被害者の家族", "在日韓国人の男性", "地元の漁業者",
               "ウラジオストクの市民", "商店街の店主"],
    "bland_quote": ["ニュースを見ても遠い国の話とは思えない",
                    "毎日の生活で精いっぱいだ", "早く落ち着いた日常に戻ってほしい",
                    "家族と過ごす時間を大切にしたい", "子どもたちの将来が気がかりだ",
                    "もう少し情報が欲しい", "今年の漁はまずまずだった"],
    "section": ["2", "3", "7", "国際", "総合", "経済"],
    "topic_chart": ["ロ朝関係の主な動き", "北朝鮮のミサイル発射の推移",
                    "対露制裁の主な内容", "ウクライナ戦況の地図"],
    "byline": ["ソウル支局", "モスクワ支局", "ワシントン支局", "政治部", "国際部",
               "編集委員"],
    "city_jp": ["東京都心", "札幌市", "ソウル", "新潟市", "福岡市", "大阪市"],
    "weather": ["朝から冷たい雨", "晴れ", "季節外れの暖かさ", "強い北風", "初雪"],
    "temp": ["8", "12", "23", "31", "-2", "17"],
    "venue": ["公園", "駅前広場", "市民会館", "商店街", "港の広場"],
    "season_event": ["秋祭り", "花火大会", "朝市", "韓国文化のイベント", "物産展"],
    "ratio": ["30", "40", "50", "60"],
    "trade_pair": ["中朝", "ロ朝", "日中", "中ロ", "韓中"],
    "era": ["冷戦期", "1960年代", "1970年代", "中ソ対立の時代"],
    "aid": ["援助", "経済支援", "武器や技術", "食料や燃料"],
    "feature": ["特集ページ", "解説記事", "連載「朝鮮半島のいま」", "動画コーナー",
                "データページ"],
    "when_weather": ["週末", "あす", "週明け", "今週後半"],
    "region_jp": ["全国的", "日本海側", "関東甲信", "九州から東北", "北日本"],
    "weather_outlook": ["気温の低い日が続く", "大雪となる所がある", "雷を伴う所もある",
                        "平年並みの気温に戻る"],
    "fx_move": ["で推移した", "まで下落した", "前半で小動きとなった", "へ急伸した"],
    "pol_quote": ["議論はこれからだ", "まだ何も決まっていない", "丁寧に説明していく",
                  "党内の声をよく聞きたい"],
    "hist_fact": [
        "朝鮮戦争は1953年に休戦協定が結ばれたが、法的には現在も終戦していない。",
        "旧ソ連は1961年に北朝鮮と友好協力相互援助条約を結んだが、ソ連崩壊後の1996年に失効した。",
        "日本と北朝鮮の間には現在も国交がなく、2002年の日朝平壌宣言が両国関係の出発点とされる。",
        "韓国と旧ソ連は1990年に国交を樹立し、北朝鮮はこれに強く反発した。",
        "北朝鮮の経済は1990年代半ばの「苦難の行軍」と呼ばれる時期に深刻な打撃を受けた。",
        "ロシア極東と北朝鮮は、豆満江を挟んで約17キロの国境で接している。",
        "国連安保理の北朝鮮制裁決議は、2006年以降の核実験やミサイル発射を受けて段階的に強化されてきた。",
        "金日成主席は1940年代、旧ソ連極東で過ごした時期があったとされる。",
        "日韓両国は1965年の日韓基本条約で国交を正常化した。",
    ],
    "glossary": [
        "排他的経済水域（EEZ）は、沿岸から200カイリ（約370キロ）までの水域を指す。",
        "大陸間弾道ミサイル（ICBM）は、一般に射程5500キロ以上の弾道ミサイルを指す。",
        "国家情報院は韓国の情報機関で、北朝鮮情勢の分析も担う。",
        "専門家パネルは安保理の北朝鮮制裁の履行状況を調べてきたが、2024年4月に活動を終えた。",
        "労働新聞は朝鮮労働党の機関紙で、党の公式見解を伝える。",
    ],
    "month": ["1", "3", "4", "6", "9", "10", "12"],
})

# --------------------------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------------------------

EVENT_TEMPLATES: list[str] = [
    # visits
    "{leader_ru}は{date}、{place_nk}を訪問し、{leader_nk}と会談した。",
    "{leader_nk}は{date}、専用列車で{place_ru}入りし、{leader_ru}の出迎えを受けた。",
    "{official}は{date}に{capital}を訪れ、{counterpart}と{topic}について協議した。",
    "{official}が{date}から{capital}を訪問しており、{counterpart}との会談に臨む見通しだ。",
    "{leader_ru}の訪朝は2000年以来24年ぶりで、平壌では盛大な{ceremony}が開かれた。",
    # summits
    "{leader_other}ら{trio}の首脳は{date}、{city}で会談し、{issue}で連携することを確認した。",
    "{trio}首脳会談が{date}、{city}で開かれ、{issue}への対応を協議した。",
    "{leader_ru}と{leader_nk}は{date}の首脳会談で、{topic}を拡大することで一致した。",
    "{leader_other}は{date}、{city}で{leader_ru}と電話会談し、{issue}について意見を交わした。",
    # treaty
    "ロ朝両国は{date}、有事の際の相互軍事支援を盛り込んだ「{treaty}」に署名した。",
    "{leader_ru}と{leader_nk}は{date}、{treaty}に署名し、両国関係を同盟に近い水準に引き上げた。",
    "ロシア下院は{date}、北朝鮮との{treaty}を批准する法案を全会一致で可決した。",
    "{nk}は{date}、{ru}と結んだ{treaty}が発効したと発表した。",
    # arms / troops North Korea -> Russia
    "{nk}は{date}までに、{ru}に{qty_troops}の兵士を派遣したとみられる。",
    "{source}によると、{nk}は{date}以降、{ru}に砲弾{qty_shells}を供与した。",
    "{nk}が{weapon}を{qty_weapons}、ロシア側に引き渡したことが明らかになった。",
    "{source}は、{nk}が{ru_region}に{qty_troops}規模の部隊を送ったと明らかにした。",
    "{source}は{date}、{nk}がロシアに{weapon}を追加で送った可能性があると発表した。",
    "対露武器供与の見返りに、{nk}は{goods}を受け取っているとみられる。",
    # technology Russia -> North Korea
    "{source}は、{ru}が{nk}に{tech}に関する技術を提供した可能性があると指摘した。",
    "{ru}は見返りとして、{nk}に{tech}の技術や{goods}を供与しているとされる。",
    "{leader_ru}は{date}、{nk}の{tech}開発を支援する考えを示した。",
    # sanctions
    "{sanctioner}は{date}、{nk}の{target}を対象に{sanction_kind}を科すと発表した。",
    "{sanctioner}は{date}、{reason}を理由にロシアの{target_ru}を資産凍結の対象に追加した。",
    "日本政府は{date}、対露制裁を強化し、{target_ru}など{qty_entities}を輸出禁止の対象に加えた。",
    "{sanctioner}は{date}、ロ朝の武器取引に関わったとして{qty_entities}に{sanction_kind}を科した。",
    # missile launches
    "{nk}は{date}、{launch_place}から{missile}{n_missiles}を{direction}に向けて発射した。",
    "防衛省によると、{nk}が{date}{time}ごろ発射した{missile}は約{km}キロ飛行し、{landing}に落下した。",
    "韓国軍合同参謀本部は{date}、{nk}が{direction}へ{missile}を発射したと発表した。",
    # condemnations
    "{condemner}は{date}、北朝鮮のミサイル発射を「{condemn_word}」と強く非難する声明を出した。",
    "{official}は記者会見で、ロ朝の軍事協力について「{condemn_quote}」と非難した。",
    "{condemner}は{date}、{nk}による兵士派遣を「{condemn_quote}」と批判した。",
    "{condemner}は、日米韓の合同演習を「{nk_threat}」と非難した。",
    # requests
    "{requester}は{date}、{requestee}に対し、{request_obj}を求めた。",
    "{official}は{requestee}に{request_obj}を要請した。",
    "{requester}は{date}の会合で、{requestee}に{request_obj}を強く求める共同声明を採択した。",
    # warnings
    "{warner}は、{warn_cond}場合には「{warn_consequence}」と警告した。",
    "北朝鮮の{nk_org}は{date}、日米韓の合同演習について「{nk_threat}」と警告する談話を発表した。",
    "{warner}は{date}、{nk}が近く{missile}を発射する可能性があると警告した。",
    # attacks in Ukraine
    "ロシア軍は{date}、ウクライナ{ua_city}を{weapon_attack}で攻撃し、{casualty}。",
    "ウクライナ当局によると、{date}未明、{ua_city}の{ua_target}にミサイルが着弾し、{casualty}。",
    "ウクライナ軍は{date}、ロシア西部{ru_region}で北朝鮮兵を含むロシア部隊と交戦したと発表した。",
    "ロシア軍が{date}に{ua_city}へ撃ち込んだミサイルの一部は、北朝鮮製の{weapon}だった。",
    # joint exercises
    "{exercise_parties}は{date}、{sea}で{exercise_kind}を実施した。",
    "米韓両軍は{date}から{duration}の日程で、大規模合同演習「{exercise_name}」を始めた。",
    "{exercise_parties}は{date}、米軍のB52戦略爆撃機を加えた{exercise_kind}を{sea}で行った。",
    "中ロ両軍の爆撃機が{date}、{sea}で共同飛行し、航空自衛隊の戦闘機が緊急発進した。",
]

BACKGROUND_TEMPLATES: list[str] = [
    # economy
    "{date_bg}の{country}の{indicator}は前年同期比{pct}%{updown}し、市場予想を{over_under}った。",
    "{date_bg}の東京外国為替市場では、円相場が1ドル＝{yen}円台{fx_move}。",
    "{country}経済は{econ_factor}の影響で減速しており、{forecaster}は成長率見通しを{pct}%に{revise}。",
    "日経平均株価の終値は前日比{num}円{updown2}の{nikkei}円だった。",
    "{country}では{econ_factor}が続き、家計の負担感が強まっている。",
    "北朝鮮の{date_bg}の国内総生産は韓国銀行の推計で、韓国の約{ratio}分の1にとどまる。",
    "{trade_pair}の貿易額は{date_bg}、前年比{pct}%{updown}したものの、新型コロナウイルス流行前の水準を{over_under}っている。",
    # history
    "{hist_event}以来、{hist_consequence}。",
    "{hist_fact}",
    "{hist_fact}",
    "{era}、北朝鮮は中国と旧ソ連の間で巧みに立ち回り、双方から{aid}を引き出してきた。",
    # analysis
    "{expert}は「{analysis_quote}」とみる。",
    "専門家の間では、{analysis_topic}をめぐり見方が分かれている。",
    "背景には、{background_factor}があると指摘されている。",
    "{analysis_topic}については、現時点で確かな情報は限られている。",
    "{expert}は、{analysis_topic}を見極めるにはなお時間がかかるとの見方を示す。",
    "今後は{analysis_topic}が焦点となりそうだ。",
    # political mood / commentary
    "永田町では「{pol_mood}」との声が広がっている。",
    "{party}内では、{pol_issue}をめぐって{pol_reaction}。",
    "内閣支持率は{pct2}%と、{period}で{trend}となった。",
    "{party}の幹部の一人は、{pol_issue}について「{pol_quote}」と話すにとどめた。",
    "国会は{month}月に召集される見通しで、{pol_issue}が論戦の焦点になる。",
    # quotes without events
    "{person}は「{bland_quote}」と語った。",
    "{person}は「{bland_quote}」と話す。",
    "「{bland_quote}」。{person}はそう言って笑顔を見せた。",
    # reader-guide lines
    "※この記事は{date_bg}時点の情報に基づいています。",
    "関連記事は{section}面に掲載しています。",
    "【図解】{topic_chart}は記事の末尾にまとめています。",
    "（{byline}）",
    "詳しくは本紙電子版の{feature}をご覧ください。",
    "用語解説：{glossary}",
    # weather / daily life
    "{city_jp}では{weather}となり、最高気温は{temp}度だった。",
    "{city_jp}の{venue}では{season_event}が開かれ、多くの家族連れでにぎわった。",
    "{when_weather}にかけては{region_jp}で天気が崩れ、{weather_outlook}見込みだ。",
]

DATELINES = ["【ソウル＝共同】", "【モスクワ共同】", "【ワシントン＝時事】", "【北京共同】",
             "【キーウ＝ロイター】", "【ブリュッセル共同】", ""]

_FIELD = re.compile(r"\{(\w+)\}")


def _fill(template: str, rng: random.Random) -> str:
    return _FIELD.sub(lambda m: rng.choice(S[m.group(1)]), template)


def _check_templates() -> None:
    for t in EVENT_TEMPLATES + BACKGROUND_TEMPLATES:
        for name in _FIELD.findall(t):
            if name not in S:
                raise KeyError(f"template slot {{{name}}} has no values: {t}")


def generate_labelled(n_chars: int = 200_000, seed: int = 7,
                      event_share: float = EVENT_SHARE) -> tuple[str, list[tuple[str, bool]]]:
    """Return ``(text, sentences)`` where ``sentences`` is ``[(sentence, is_event), ...]``.

    Generation stops at the first article boundary at or after ``n_chars`` characters, so
    ``len(text) >= n_chars`` (by less than one article).
    """
    _check_templates()
    rng = random.Random(seed)
    articles: list[str] = []
    labels: list[tuple[str, bool]] = []
    total = 0
    while total < n_chars:
        paragraphs: list[str] = []
        for p in range(rng.randint(3, 6)):
            sents: list[str] = []
            for _ in range(rng.randint(3, 8)):
                is_event = rng.random() < event_share
                tpl = rng.choice(EVENT_TEMPLATES if is_event else BACKGROUND_TEMPLATES)
                s = _fill(tpl, rng)
                labels.append((s, is_event))
                sents.append(s)
            para = "".join(sents)
            if p == 0:
                para = rng.choice(DATELINES) + para
            paragraphs.append(para)
        article = "\n".join(paragraphs)
        articles.append(article)
        total += len(article) + 2
    return "\n\n".join(articles) + "\n", labels


def generate(n_chars: int = 200_000, seed: int = 7, event_share: float = EVENT_SHARE) -> str:
    """Deterministic synthetic Japanese news text of at least ``n_chars`` characters."""
    return generate_labelled(n_chars, seed, event_share)[0]


def paragraphs(text: str) -> list[str]:
    """Split as the benchmark does: one paragraph per non-empty line (stripped)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def main(argv: list[str] | None = None, out: Callable[[str], object] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=200_000, help="minimum length (default 200000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--stats", action="store_true", help="print counts to stderr, no text")
    a = ap.parse_args(argv)
    text, labels = generate_labelled(a.chars, a.seed)
    if a.stats:
        n_ev = sum(1 for _, e in labels if e)
        c_ev = sum(len(s) for s, e in labels if e)
        c_all = sum(len(s) for s, _ in labels)
        uniq = len({s for s, _ in labels})
        print(f"chars={len(text)} paragraphs={len(paragraphs(text))} "
              f"articles={text.count(chr(10) * 2) + 1} sentences={len(labels)} "
              f"unique_sentences={uniq} event_sentences={n_ev} "
              f"({n_ev / len(labels):.1%} of sentences, {c_ev / c_all:.1%} of sentence chars)",
              file=sys.stderr)
        return 0
    (out or sys.stdout.write)(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
