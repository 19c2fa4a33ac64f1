"""One sentence of ours per frame rule of kizashi/events/frames.py and kizashi/pipeline.py.

Each case: text, the (type, actors, recipients) that must come out, and optionally attributes.
The negative cases list what must NOT come out.
"""
import pytest


def codes(ents):
    return frozenset(e.code for e in ents if e.code)


def summary(ms):
    return [(m.event_type, sorted(codes(m.actor)), sorted(codes(m.recipient)), m.factuality, m.mode, m.date)
            for m in ms]


def find(ms, etype, actor, recipient=()):
    return [m for m in ms if m.event_type == etype and codes(m.actor) == frozenset(actor)
            and codes(m.recipient) == frozenset(recipient)]


POSITIVE = [
    # role templates
    ("give: goal is the receiver", "北朝鮮は昨年、ロシアに砲弾を供給した。", "AID", {"PRK"}, {"RUS"}),
    ("receive: から names the giver", "ロシアは北朝鮮から大量の弾薬を調達した。", "AID", {"PRK"}, {"RUS"}),
    ("passive give: nationality of what was sent", "北朝鮮の兵士約1万人がロシアに派遣された。", "AID", {"PRK"}, {"RUS"}),
    ("flip carrier 受ける: the subject received", "北朝鮮はロシアから軍事支援を受けた。", "AID", {"RUS"}, {"PRK"}),
    ("flip carrier 受ける: the subject was attacked", "ウクライナ東部の都市ハルキウはロシア軍の空爆を受けた。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("target: object phrase is the recipient", "韓国政府はロシアの行動を強く非難した。", "ACCUSE", {"KOR"}, {"RUS"}),
    ("target: quoted clause names the accused", "ウクライナ政府は、北朝鮮がロシアに兵士を送っていると非難した。",
     "ACCUSE", {"UKR"}, {"PRK"}),
    ("target: goal inside the object", "中国は北朝鮮への経済支援の継続を約束した。", "AGREE", {"CHN"}, {"PRK"}),
    ("target: a place goal is not the invitee", "習近平国家主席は金総書記を北京に招待した。", "AGREE", {"CHN"}, {"PRK"}),
    ("mutual: coordinated subject", "ロシアと北朝鮮は新たな条約に署名した。", "SUPPORT", {"RUS", "PRK"}, set()),
    ("mutual: との間で anywhere before the verb", "プーチン大統領は平壌を訪れ、金正恩総書記との間で新条約に署名した。",
     "SUPPORT", {"RUS", "PRK"}, set()),
    ("mutual: partner of the coordinated clause", "北朝鮮の崔善姫外相はラブロフ外相と会談し、協力の拡大で合意した。",
     "AGREE", {"PRK", "RUS"}, set()),
    ("unary", "北朝鮮は日本海に向けて弾道ミサイルを発射した。", "MOBILIZE", {"PRK"}, set()),
    # nominal events and support verbs
    ("nominal: による and への", "北朝鮮によるロシアへの武器供与が明らかになった。", "AID", {"PRK"}, {"RUS"}),
    ("nominal: 対露 is the recipient", "日本政府は対露制裁を強化した。", "SANCTION", {"JPN"}, {"RUS"}),
    ("support verb 表明", "北朝鮮はロシアの立場への支持を表明した。", "SUPPORT", {"PRK"}, {"RUS"}),
    ("light noun 強化 carries the event", "米国と日本は対露制裁の強化を決めた。", "SANCTION", {"USA", "JPN"}, {"RUS"}),
    ("nominal with its doer named is told under をめぐり",
     "ロシアによるウクライナ侵攻をめぐり、日本は第三国に協力しないよう呼びかけた。", "ASSAULT", {"RUS"}, {"UKR"}),
    ("nominal with its doer named is told inside a demand",
     "韓国政府は北朝鮮によるロシアへの派兵の即時中止を求めた。", "AID", {"PRK"}, {"RUS"}),
    ("a sanction said with no subject is the speaker's", "日本の外相は会見で「ロシアへの追加制裁を検討している」と述べた。",
     "SANCTION", {"JPN"}, {"RUS"}),
    ("sides marked による on the light noun", "韓国政府は、ロシアと北朝鮮による軍事協力の拡大に深刻な懸念を示した。",
     "COOPERATE", {"RUS", "PRK"}, set()),
    ("headline: an event noun with its own subject before a comma",
     "日韓外相が電話会談、ミサイル発射に対応で一致", "CONSULT", {"JPN", "KOR"}, set()),
    ("headline: the subject of a clause-ending event noun, hung on the last word",
     "中ロ首脳が会談、北朝鮮問題で連携を確認", "CONSULT", {"CHN", "RUS"}, set()),
    ("people of one state mobilised for another, passive", "北朝鮮の労働者はロシア中部の工場に動員される。",
     "AID", {"PRK"}, {"RUS"}),
    ("a sanction's goal hung on the verb of saying", "米財務省は16日、北朝鮮との武器取引に関与したとして、ロシアの企業などに制裁を科すと発表した。",
     "SANCTION", {"USA"}, {"RUS"}),
    ("designees named through など", "日本政府は、ロシアの海運会社など12の団体に資産凍結の制裁を科すことを決めた。",
     "SANCTION", {"JPN"}, {"RUS"}),
    ("passive: what was sent is the noun the clause describes", "ロシアへ送られた北朝鮮の兵士はおよそ1万人に上る。",
     "AID", {"PRK"}, {"RUS"}),
    ("the goal before a として phrase the parser made a verb", "ロシアが北朝鮮に見返りとして核技術を供与する可能性がある。",
     "AID", {"RUS"}, {"PRK"}),
    ("a として phrase is no earlier clause of content", "会議では、ロシアが北朝鮮に対価として宇宙技術を提供する恐れに懸念が示された。",
     "AID", {"RUS"}, {"PRK"}),
    ("a letter of protest is the protest, to its addressee", "韓国の市民団体は、抗議の書簡をロシア大使館に手渡した。",
     "ACCUSE", {"KOR"}, {"RUS"}),
    ("a rally is against those its demands are made of", "韓国の保守系市民団体は2日、釜山で集会を開き、北朝鮮に派兵の中止を求めた。",
     "PROTEST", {"KOR"}, {"PRK"}),
    ("a plan of cooperation declared is a promise", "北朝鮮はロシアとの協力を拡大する方針を示した。", "AGREE", {"PRK"}, {"RUS"}),
    ("a guest invited in to a meeting came to the host", "金総書記はロシアの国防相を平壌の迎賓館に招いて会談した。",
     "CONSULT", {"RUS"}, {"PRK"}),
    ("a visit one sets out for is one's own", "北朝鮮の国防相は、ロシア訪問のため専用機で出国した。", "CONSULT", {"PRK"}, {"RUS"}),
    ("visit: the place compounded with it is the host", "プーチン大統領の平壌訪問は24年ぶりだ。", "CONSULT", {"RUS"}, {"PRK"}),
    ("visit: during it (訪問中に)", "プーチン大統領の平壌訪問中に新たな条約が調印された。", "CONSULT", {"RUS"}, {"PRK"}),
    ("a treaty signed during a visit is between visitor and host", "プーチン大統領の平壌訪問中に新たな条約が調印された。",
     "SUPPORT", {"RUS", "PRK"}, set()),
    ("〜を受けて is a response: the cooperation stays the two's", "韓国政府、ロシアと北朝鮮の軍事協力強化を受けて独自制裁を検討",
     "COOPERATE", {"PRK", "RUS"}, set()),
    ("制裁対象に指定", "米財務省は北朝鮮の銀行2行を制裁対象に指定した。", "SANCTION", {"USA"}, {"PRK"}),
    # subjects from elsewhere
    ("shared subject across 〜し、", "プーチン大統領は平壌を訪れ、金総書記に高級車を贈った。", "AID", {"RUS"}, {"PRK"}),
    ("headline: leading phrase is the subject", "プーチン大統領、来月にも訪朝へ", "CONSULT", {"RUS"}, {"PRK"}),
    ("headline: one-character subject", "米、北朝鮮の団体に追加制裁", "SANCTION", {"USA"}, {"PRK"}),
    ("headline: a name alone before the space is the subject", "日本政府　ロシアへの追加制裁決定", "SANCTION", {"JPN"}, {"RUS"}),
    ("headline: leading names joined by と before the comma", "米国と日本、ロシアによる北朝鮮への技術供与を非難",
     "ACCUSE", {"USA", "JPN"}, {"RUS"}),
    ("a genitive before a quotation is the noun's after it", "北朝鮮は、米国務長官の「北朝鮮はロシアの協力者」発言に強く反発した。",
     "REJECT", {"PRK"}, {"USA"}),
    ("headline: the name alone before the space, before the discourse", "金与正氏　米国務長官の「北朝鮮はロシアの協力者」発言に猛反発",
     "REJECT", {"PRK"}, {"USA"}),
    ("relative clause through とされる", "欧州連合は、ロシアに砲弾を渡しているとされる北朝鮮とイランを批判した。",
     "AID", {"PRK", "IRN"}, {"RUS"}),
    ("a TV headline's quoted demand: who demands, of whom", "日本外務省“ロシアは北朝鮮への技術移転 直ちに停止を”要求",
     "REQUEST", {"JPN"}, {"RUS"}),
    ("headline split at a space", "露軍、キーウにミサイル攻撃　市民に被害", "ASSAULT", {"RUS"}, {"UKR"}),
    ("として phrase does not hide the goal", "ロシアは見返りとして北朝鮮に衛星技術を提供した。", "AID", {"RUS"}, {"PRK"}),
    # actors
    ("abbreviation run ロ朝", "ロ朝は軍事協力を強化した。", "COOPERATE", {"RUS", "PRK"}, set()),
    ("abbreviation run 日米韓", "日米韓は日本海で共同訓練を実施した。", "COOPERATE", {"JPN", "USA", "KOR"}, set()),
    ("leader by title", "金総書記はプーチン大統領に感謝を伝えた。", "SUPPORT", {"PRK"}, {"RUS"}),
    ("places resolve to their state", "北朝鮮はクルスク州に数千人の兵士を送り込んだ。", "AID", {"PRK"}, {"RUS"}),
    # relative clauses whose head noun is the one who did it, or underwent it
    ("relative clause: the head noun did it", "ウクライナに侵攻を続けるロシアは国連で孤立を深めた。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("relative clause: the head noun underwent it", "ロシアの攻撃を受けるウクライナの大統領は支援を訴えた。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("relative clause, passive: the head noun was sent", "ロシアに派遣された北朝鮮兵の多くは若い兵士だった。",
     "AID", {"PRK"}, {"RUS"}),
    ("relative clause: the visitor", "先月北朝鮮を訪問したロシアの国防相は記者団に語った。", "CONSULT", {"RUS"}, {"PRK"}),
    # event nouns that name both sides are coded even inside another event
    ("nominal inside an event: both sides on the noun", "韓国政府は北朝鮮のロシア派兵を強く非難した。",
     "AID", {"PRK"}, {"RUS"}),
    # a clause told in sequence is not the content of the agreement that follows it
    ("coordinated clause before an agreement", "金総書記はプーチン大統領と電話会談を行い、協力を拡大することで合意した。",
     "CONSULT", {"PRK"}, {"RUS"}),
    # a type read from the frame as a whole
    ("making the other side withdraw is fighting it", "ロシア軍は北朝鮮の支援を得てウクライナ部隊を撤退させた。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("help received by the subject of the main clause", "ロシア軍は北朝鮮の支援を得てウクライナ部隊を撤退させた。",
     "AID", {"PRK"}, {"RUS"}),
    ("two states exercising together cooperate", "ロシアと北朝鮮の部隊が国境付近で合同で訓練を行った。",
     "COOPERATE", {"RUS", "PRK"}, set()),
    ("a launch at another state is an attack", "ロシア軍はウクライナに向けて弾道ミサイルを発射した。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("a relative clause on the recipient is not the content of a promise",
     "G7はロシアの侵攻を受けるウクライナに支援を約束した。", "ASSAULT", {"RUS"}, {"UKR"}),
    ("a relationship that grows is an event", "ロシアと北朝鮮は先月会談した。両国間の軍事協力が急速に拡大している。",
     "COOPERATE", {"RUS", "PRK"}, set()),
    ("a headline of a relationship that grows", "ロシアと北朝鮮の軍事協力拡大", "COOPERATE", {"RUS", "PRK"}, set()),
    ("the signing that describes its treaty", "ロシアの報道官は、6月に北朝鮮と締結した条約の意義を語った。",
     "SUPPORT", {"RUS", "PRK"}, set()),
    ("those who died were the attack's target", "ウクライナ軍のミサイル攻撃で北朝鮮の兵士6人が死亡した。",
     "ASSAULT", {"UKR"}, {"PRK"}),
    ("a readiness declared is a promise", "ウクライナは北朝鮮兵を引き渡す用意があると表明した。", "AGREE", {"UKR"}, {"PRK"}),
    ("an intent to deepen ties is a promise to the partner", "北朝鮮はロシアとの協力を拡大する意思を示した。",
     "AGREE", {"PRK"}, {"RUS"}),
    ("the welcomed is the visitor", "金総書記は平壌の空港でロシアの大統領を出迎えた。", "CONSULT", {"RUS"}, {"PRK"}),
    ("attending a meeting abroad", "北朝鮮の外相はモスクワで開かれた国際会議に参加した。", "CONSULT", {"PRK"}, {"RUS"}),
    ("a ratification procedure completed", "北朝鮮とロシアは条約の批准手続きを完了した。", "SUPPORT", {"PRK", "RUS"}, set()),
    ("a goal the parser hung inside the object's clause", "北朝鮮がロシアに弾薬などを載せたコンテナ数百個を送った。",
     "AID", {"PRK"}, {"RUS"}),
    ("an order carries the dispatch", "金総書記はロシアへの派兵を命じた。", "AID", {"PRK"}, {"RUS"}),
    ("an admission carries the dispatch", "北朝鮮はロシアへの兵士の派遣を公式に認めた。", "AID", {"PRK"}, {"RUS"}),
    ("a veto in a headline", "ロシアが拒否権行使", "REJECT", {"RUS"}, set()),
    ("a relative clause has no topic of its own", "ロシア国防省は、クルスク州の奪回を支援した北朝鮮軍が地雷の撤去で大きな役割を担っていると発表した。",
     "AID", {"PRK"}, {"RUS"}),
    ("an army compounded with a dispatch noun sent it", "北朝鮮は昨年、ロシアに兵士を送った。北朝鮮軍派兵から1年がたった。",
     "AID", {"PRK"}, {"RUS"}),
    ("who attacked with it", "ロシアはウクライナへの攻撃で北朝鮮製の短距離ミサイルを使った。", "ASSAULT", {"RUS"}, {"UKR"}),
    ("a side of a war launching at its enemy", "ウクライナ軍によると、ロシアは昨年、弾道ミサイル約200発を発射した。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("given name and 氏", "正恩氏はロシアへの派兵を命じた。", "AID", {"PRK"}, {"RUS"}),
    ("the speaker, not the subject of what is condemned",
     "北朝鮮がロシアに兵士を派遣したとして、韓国政府は強く非難した。", "ACCUSE", {"KOR"}, {"PRK"}),
    ("a fight beside one's ally is against their enemy", "北朝鮮兵の一部はすでにロシア軍とともに戦闘に参加している。",
     "ASSAULT", {"PRK"}, {"UKR"}),
    ("cooperation obtained is cooperation between the two", "ロシアは北朝鮮の協力を得て弾薬を確保した。",
     "COOPERATE", {"RUS", "PRK"}, set()),
    ("an attack on a side of a war with no attacker named", "これらのミサイルはウクライナへの攻撃で使用された。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("a weapon's maker is not who used it in an attack", "北朝鮮製の弾道ミサイルがウクライナへの攻撃に使われた。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("goods counted by a unit of measure", "ロシアは北朝鮮に小麦1万トンを送った。", "AID", {"RUS"}, {"PRK"}),
    ("a part of the troops is troops (兵士の一部)", "北朝鮮は兵士の一部をロシアに送った。", "AID", {"PRK"}, {"RUS"}),
    ("what a relative clause says was sent is its head", "北朝鮮がロシアに送ったコンテナは約4000個と推定される。",
     "AID", {"PRK"}, {"RUS"}),
    ("chained passive clauses describe one noun: the troops were sent, by their state",
     "米国務長官は、ロシアに派遣され、戦闘に加わった北朝鮮兵について言及した。", "AID", {"PRK"}, {"RUS"}),
    ("of a group of states, those it is said to include are among its doers",
     "イタリアとカナダを含む9カ国の国防相は、北朝鮮の弾薬輸出を非難した。", "ACCUSE", {"ITA", "CAN"}, {"PRK"}),
    ("a voice of condemnation comes from those in から", "北朝鮮の派兵に対し、米国や日本から非難の声が上がった。",
     "ACCUSE", {"USA", "JPN"}, {"PRK"}),
    ("a passive told as a view was not done by the one who holds it",
     "英政府高官は、数千人の兵士がロシアに送られたとの見方を示した。", "AID", {"PRK"}, {"RUS"}),
    ("a passive launch from a state is that state's", "韓国軍は、北朝鮮から弾道ミサイルが発射されたと発表した。",
     "MOBILIZE", {"PRK"}, set()),
    ("chained passive clauses with て describe one noun",
     "韓国の外交部長官は、ロシアに派遣されて捕虜となった北朝鮮兵について述べた。", "AID", {"PRK"}, {"RUS"}),
    ("a protest told together with a demand is no content of it", "日本の官房長官は、中国政府に強く抗議するとともに、調査船の退去を要求した。",
     "ACCUSE", {"JPN"}, {"CHN"}),
    ("the partner the parser hangs on the means of a meeting", "習主席はプーチン大統領と電話で会談した。",
     "CONSULT", {"CHN"}, {"RUS"}),
    ("the partner the parser hangs on the place of a meeting (at the host's)", "習主席はプーチン大統領と北京で会談した。",
     "CONSULT", {"RUS"}, {"CHN"}),
    ("the act a sanction is for was done by those sanctioned",
     "英政府は3日、ロシアの軍需産業を支援したとして、インドの企業5社を制裁対象に指定した。", "AID", {"IND"}, {"RUS"}),
    ("the act a sanction is for, with its doers sanctioned in に",
     "米国は、ロシアに無人機の部品を提供しているとして、インドの企業に制裁を科した。", "AID", {"IND"}, {"RUS"}),
    ("one who became a prisoner (捕虜となった) was captured by the genitive's side",
     "ウクライナ軍の捕虜となった北朝鮮兵が病院で死亡した。", "COERCE", {"UKR"}, {"PRK"}),
    ("backing an attack named on the noun of support is backing its doer, who backs nothing",
     "北朝鮮の総書記は、ロシアによるウクライナ侵攻への支持を表明した。", "SUPPORT", {"PRK"}, {"RUS"}),
    ("a stance of support shown is support, not a promise", "北朝鮮の総書記は、ロシアの軍事作戦を支持する姿勢を改めて強調した。",
     "SUPPORT", {"PRK"}, {"RUS"}),
    ("the に of a passive act on someone is its doer", "北朝鮮兵がウクライナ軍に捕らえられた。", "COERCE", {"UKR"}, {"PRK"}),
    ("a return named in the phrase of 見返り goes back to the one who gave", "北朝鮮による派兵への見返りとして、ロシアは石油を送った。",
     "AID", {"RUS"}, {"PRK"}),
    ("the object of a criticism hung on the quoted word before と",
     "イラン外務省の報道官は、英国が湾岸に戦略爆撃機を展開したことを「許しがたい挑発」と批判した。", "ACCUSE", {"IRN"}, {"GBR"}),
    ("what a clause criticised tells is its own subject's, not a relative clause's inside it",
     "イランは、ロシアが攻撃を続けるウクライナに英国がミサイルを送っていることを非難した。", "ACCUSE", {"IRN"}, {"GBR"}),
    ("a passive with the thing given as object: the subject received it", "北朝鮮がロシアから無人機技術を供与された。",
     "AID", {"RUS"}, {"PRK"}),
    ("a headline of a meeting with its pair compounded", "日豪防衛相会談", "CONSULT", {"JPN", "AUS"}, set()),
    ("a meeting with one visiting is the visitor's", "インドの首相は8日、ニューデリーを訪問中のフランスの大統領と会談した。",
     "CONSULT", {"FRA"}, {"IND"}),
    ("an invitation received is the host's", "中国の外相は「平壌への招待を受け、光栄に思う」と述べた。", "AGREE", {"PRK"}, {"CHN"}),
    ("a channel named with を通じて is no party", "ロシアは国連を通じて北朝鮮の住民を支援した。", "AID", {"RUS"}, {"PRK"}),
    ("troops placed in another state, told in a relative clause", "10月下旬にクルスク州に配置された北朝鮮軍1万人余りが戦闘に加わった。",
     "AID", {"PRK"}, {"RUS"}),
    ("backing an attack is backing its attacker", "北朝鮮は、ウクライナ侵攻を一貫して支持している。", "SUPPORT", {"PRK"}, {"RUS"}),
    ("a war of aggression's genitive is the aggressor", "欧州連合はロシアの侵略戦争が3年目に入ったと指摘した。",
     "ASSAULT", {"RUS"}, {"UKR"}),
    ("a readiness whose own subject the parser hung on ある", "ゼレンスキー氏は、身柄を拘束した北朝鮮兵を北朝鮮側に引き渡す用意があると述べた。",
     "AGREE", {"UKR"}, {"PRK"}),
    ("part of a unit arriving was sent", "北朝鮮の工兵部隊の一部がロシアに到着した。", "AID", {"PRK"}, {"RUS"}),
    ("a visit told as arriving in the host's capital", "韓国の大統領は専用機で東京入りした。", "CONSULT", {"KOR"}, {"JPN"}),
    ("the one asked named with に対し inside the demand",
     "日本の外務次官は大使を呼んで、ロシア軍に対し直ちに撤収するよう求めた。", "REQUEST", {"JPN"}, {"RUS"}),
    ("an object the parser hung on the goal noun still meets the requirement",
     "ロシアは兵士を前線に投入した。", "MOBILIZE", {"RUS"}, set()),
    ("a も-phrase of things beside the subject is what is given",
     "北朝鮮はロシアに自走砲も渡している。", "AID", {"PRK"}, {"RUS"}),
    ("an intransitive retreat of troops", "北朝鮮兵の部隊はクルスク州から後退した。", "RETREAT", {"PRK"}, set()),
    ("a kanji spelling in parentheses after a katakana name (parsed as a blank)",
     "プーチン氏と北朝鮮のキム・ジョンウン(金正恩)総書記は新たな条約に署名した。", "SUPPORT",
     {"RUS", "PRK"}, set()),
    ("a reading in parentheses after a name (parsed as a blank)",
     "プーチン氏と北朝鮮の金正恩(キム・ジョンウン)総書記は新たな条約に署名した。", "SUPPORT",
     {"RUS", "PRK"}, set()),
    ("the subject of what was said is not the subject of the act told after it",
     "米国は、北朝鮮が兵士をロシアに送ったと非難し、ウクライナへの支援を続けると表明した。", "AID", {"USA"}, {"UKR"}),
    ("a capture told in a relative clause with its own subject is of its head noun",
     "ウクライナ軍が前線で捕虜にした北朝鮮兵が取り調べを受けている。", "COERCE", {"UKR"}, {"PRK"}),
    ("cooperation said to go on (〜していく) is a promise",
     "日本の外相は、米国や韓国と緊密に連携していくと述べた。", "AGREE", {"JPN"}, {"USA", "KOR"}),
    ("those listed at the head of a group (〜をはじめとする) are among its members",
     "日本の外相は「英国や豪州をはじめとする友好国と緊密に協力していく」と述べた。", "AGREE", {"JPN"}, {"GBR", "AUS"}),
    ("a criticism aimed at whom its について phrase names", "韓国統一部は金与正氏の談話について「無責任だ」と批判した。",
     "ACCUSE", {"KOR"}, {"PRK"}),
    ("a criticism aimed at the doer of the fact its について phrase tells",
     "北朝鮮外務省は、韓国の国防相が先制攻撃に言及したことについて、挑発だと非難した。", "ACCUSE", {"PRK"}, {"KOR"}),
    ("goods whose giver is known to send them to one receiver at the date went there",
     "北朝鮮は大量の砲弾を送ったとみられる。", "AID", {"PRK"}, {"RUS"}),
    ("北 for North Korea in a run and before a title, as Korean outlets write", "北ロ首脳会談が開かれた。",
     "CONSULT", {"PRK", "RUS"}, set()),
    ("北 before an office noun", "北外相はロシアを訪問した。", "CONSULT", {"PRK"}, {"RUS"}),
    ("the maker of a weapon that landed is not who fired it",
     "北朝鮮製のミサイルがキーウ市内に着弾した。", "ASSAULT", {"RUS"}, {"UKR"}),
    ("a headline's second part after = (a place) does not take the predicate",
     "ロ外相、金正恩氏と会談=平壌で", "CONSULT", {"RUS"}, {"PRK"}),
    ("the place visited is the object, not a に-phrase before it",
     "中国の外相は韓国滞在後に日本を訪問する見通しだ。", "CONSULT", {"CHN"}, {"JPN"}),
    ("in a relative clause on the thing given, the が-subject of the passive received it",
     "専門家は「イランがロシアから提供された戦闘機は旧式だ」と述べた。", "AID", {"RUS"}, {"IRN"}),
    ("the state in a war's name compounded with help is the war's place, its genitive the one helped",
     "北朝鮮はロシアのウクライナ戦争支援を続けている。", "AID", {"PRK"}, {"RUS"}),
    ("a telegram received is the telegram's support, no transfer",
     "中国の主席はロシアの大統領から祝電を受け取った。", "SUPPORT", {"RUS"}, {"CHN"}),
    ("a carried noun as a passive's subject has its doer in から",
     "ロシアから中国の主席に祝電が寄せられた。", "SUPPORT", {"RUS"}, {"CHN"}),
    ("an invitation accepted is a promise to its host", "ロシアの大統領は中国の招待を快諾した。", "AGREE", {"RUS"}, {"CHN"}),
    ("our country inside a quotation is the speaker's", "ラオスの首相は「我が国はベトナムを全面的に支持する」と述べた。",
     "SUPPORT", {"LAO"}, {"VNM"}),
    ("a telegram sent, told in a relative clause on it, is the telegram's support",
     "中国の主席がロシアの大統領に送った祝電が公開された。", "SUPPORT", {"CHN"}, {"RUS"}),
    ("a letter addressed, told in a relative clause on it", "中国の主席がロシアの大統領に宛てた書簡が公開された。",
     "CONSULT", {"CHN"}, {"RUS"}),
    ("a letter's addressee hung on the letter's relative clause",
     "金総書記はプーチン大統領に誕生日を祝う書簡を送った。", "CONSULT", {"PRK"}, {"RUS"}),
    ("an attack received whose doer is named in the noun's hedged clause",
     "ウクライナ南部の港はロシア軍によるとみられる無人機攻撃を受けた。", "ASSAULT", {"RUS"}, {"UKR"}),
]


@pytest.mark.parametrize("name,text,etype,actor,recipient", POSITIVE, ids=[p[0] for p in POSITIVE])
def test_frame_rule(name, text, etype, actor, recipient, extract):
    ms = extract(text, doc_id="t", published="2025-03-01")
    assert find(ms, etype, actor, recipient), summary(ms)


def test_zero_subject_and_recipient_from_previous_sentence(extract):
    ms = extract("北朝鮮は先月、ロシアに新たな部隊を派遣した。同国はこれまでに計1万5000人近くを送り込んだとみられる。",
                 published="2025-03-01")
    hits = find(ms, "AID", {"PRK"}, {"RUS"})
    assert len(hits) == 2, summary(ms)
    assert hits[1].factuality == "uncertain"
    assert any(q.value == 15000 and q.unit == "人" for q in hits[1].quantities)


def test_passive_with_no_agent_takes_the_previous_giver(extract):
    ms = extract("北朝鮮はロシアに工兵部隊を派遣した。約6000人がクルスク州に送り込まれた。", published="2025-03-01")
    assert len(find(ms, "AID", {"PRK"}, {"RUS"})) == 2, summary(ms)


def test_coreference_two_leaders(extract):
    ms = extract("プーチン大統領は金正恩総書記と会談した。両首脳は包括的戦略パートナーシップ条約に署名した。",
                 published="2024-06-19")
    assert find(ms, "SUPPORT", {"RUS", "PRK"}), summary(ms)


def test_a_giver_in_kara_hung_beside_the_event_noun_is_read_from_the_text(extract):
    # the parser hangs 北朝鮮から on 完了, not on 供与: the giver is still told, not known from the world
    ms = extract("北朝鮮からロシアへの兵器の供与が完了した。", published="2025-03-01")
    aid = [m for m in ms if m.event_type == "AID"]
    assert aid and codes(aid[0].actor) == {"PRK"} and aid[0].signals["actor_how"] == "frame", aid


@pytest.mark.parametrize("text,mode,actor,recipient", [
    ("石破首相はトランプ大統領と電話で会談した。", "phone", {"JPN"}, {"USA"}),
    ("習近平国家主席はモスクワでプーチン大統領と会談した。", "visit", {"CHN"}, {"RUS"}),
    ("米朝首脳はシンガポールで首脳会談を行った。", "third-party", {"USA", "PRK"}, set()),
    ("国連安全保障理事会は北朝鮮問題で緊急会合を開いた。", "multilateral", {"UN"}, set()),
    # the place the で marks is the venue, not the guest parsed into its phrase: host in its capital
    ("インドの首相は3日、フランスの外相とニューデリーで会談した。", "visit", {"FRA"}, {"IND"}),
])
def test_consult_modes(text, mode, actor, recipient, extract):
    ms = extract(text, published="2025-03-01")
    hits = find(ms, "CONSULT", actor, recipient)
    assert hits and hits[0].mode == mode, summary(ms)


def test_an_outlet_is_no_side_of_what_it_reports(extract):
    for text in ("CNNが入手した動画では、兵士たちが退却している。", "ニューズウィークはロシア国防省にコメントを求めている。"):
        ms = extract(text, published="2025-03-01")
        assert not [m for m in ms if "USA" in codes(m.actor) | codes(m.recipient)], (text, summary(ms))


def test_a_speaker_hung_on_what_is_said_is_not_its_doer(extract):
    ms = extract("英国のシンクタンクは、北朝鮮の代表団が7月にロシアを訪れたと指摘した。", published="2025-03-01")
    visits = [m for m in ms if m.event_type == "CONSULT"]
    assert visits and codes(visits[0].actor) == {"PRK"}, summary(ms)


def test_a_claim_of_losses_alleges_no_sending_told_in_a_relative_clause(extract):
    ms = extract("前線に送られた北朝鮮軍が3日間で1個中隊を失ったとウクライナの大統領が主張した。", published="2025-03-01")
    assert not [m for m in ms if m.event_type == "ACCUSE"], summary(ms)


def test_an_act_alleged_as_the_object_of_the_verb_is_an_allegation_against_its_doer(extract):
    # イスラエルのイラン攻撃を指摘した: the attack named as what is pointed out; two accusers listed
    # with と are both speakers, not words said
    ms = extract("インドとフランスはともに、イスラエルによるイランへの攻撃を指摘している。", published="2025-03-01")
    acc = find(ms, "ACCUSE", {"IND", "FRA"}, {"ISR"})
    assert acc and acc[0].mode == "allege", summary(ms)
    # no act named: nothing alleged
    ms = extract("インドとフランスはともに、制裁の効果が薄いことを指摘している。", published="2025-03-01")
    assert not [m for m in ms if m.event_type == "ACCUSE"], summary(ms)


def test_a_promise_of_two_with_no_one_promised_to_is_made_together(extract):
    ms = extract("インドとフランスは防衛協力を約束した。", published="2025-03-01")
    assert find(ms, "AGREE", {"IND", "FRA"}), summary(ms)
    # one promiser and no one promised to: not coded
    ms = extract("インドは防衛協力を約束した。", published="2025-03-01")
    assert not [m for m in ms if m.event_type == "AGREE"], summary(ms)


def test_a_training_had_or_under_way_is_no_drill_held(extract):
    for text in ("派遣されたインド兵は現地で3週間の訓練を受けた。", "フランス軍の砲撃や訓練中の事故でインド兵が死傷した。"):
        ms = extract(text, published="2025-03-01")
        assert not [m for m in ms if m.event_type == "MOBILIZE"], (text, summary(ms))
    ms = extract("インド軍は黄海で砲撃訓練を行った。", published="2025-03-01")
    assert find(ms, "MOBILIZE", {"IND"}), summary(ms)


def test_a_drill_the_story_told_takes_no_side_from_the_one_who_reacted(extract):
    # 訓練は3日間行われた after 「Xは…共同訓練に反発した」: not X's drill
    ms = extract("イランはインドとフランスの共同訓練に強く反発した。訓練は3日間行われた。", published="2025-03-01")
    assert not [m for m in ms if m.event_type == "MOBILIZE"], summary(ms)
    # a drill held, told anew without its subject, is the subject's
    ms = extract("インド軍は15日、声明を発表した。黄海で砲撃訓練を行ったという。", published="2025-03-01")
    assert find(ms, "MOBILIZE", {"IND"}), summary(ms)


def test_events_listed_together_have_one_doer_and_receiver(extract):
    # 砲弾の供与や兵士の派遣を続けている: the giving listed first is the subject's too
    ms = extract("インドはフランスに対し、砲弾の供与や兵士の派遣を続けている。", published="2025-03-01")
    assert len(find(ms, "AID", {"IND"}, {"FRA"})) == 2, summary(ms)


def test_the_same_act_on_two_dates_is_two_events(extract):
    ms = extract("インドは2024年にフランスへ兵士1万人を送り、2025年にも兵士をフランスに派遣した。",
                 published="2025-11-20")
    sent = find(ms, "AID", {"IND"}, {"FRA"})
    assert sorted(str(m.date)[:4] for m in sent) == ["2024", "2025"], summary(ms)


def test_what_a_rule_forbids_and_a_united_response_not_shown_are_no_events(extract):
    ms = extract("安保理決議は、イランに武器を売ることを禁じている。", published="2025-03-01")
    assert not [m for m in ms if m.event_type == "AID"], summary(ms)
    ms = extract("インドとフランスは対立しており、一致した対応を示せなかった。", published="2025-03-01")
    assert not [m for m in ms if m.event_type == "AGREE"], summary(ms)
    ms = extract("インドとフランスはイランへの対応で一致した。", published="2025-03-01")
    assert find(ms, "AGREE", {"IND", "FRA"}), summary(ms)


def test_a_chinese_name_read_in_hiragana_keeps_its_title(extract):
    # 王毅(おう・き)外相: the minister is China's, not a bare 外相 of the story's home state
    ms = extract("中国の王毅(おう・き)外相はインドの外相と会談した。", published="2025-03-01")
    assert find(ms, "CONSULT", {"CHN"}, {"IND"}), summary(ms)


def test_bare_chosen_is_north_korea_but_not_in_the_peninsula_or_a_paper(extract):
    # 朝鮮, as Chinese and North Korean media write it
    ms = extract("朝鮮はインドの発言を強く非難した。", published="2025-03-01")
    assert find(ms, "ACCUSE", {"PRK"}, {"IND"}), summary(ms)
    ms = extract("朝鮮日報によると、インドは朝鮮半島の緊張を強く非難した。", published="2025-03-01")
    assert not [m for m in ms if "PRK" in codes(m.actor) | codes(m.recipient)], summary(ms)


def test_the_topic_before_a_quotation_says_it_and_does_not_do_it(extract):
    # 防衛省は北朝鮮について「…ロシアへ送り続けている」と説明した: North Korea sends, Japan says so
    # (the parser hangs the topic on the quoted verb)
    ms = extract("日本の防衛省は北朝鮮について「砲弾だけでなくミサイルもロシアへ送り続けている」と説明した。",
                 published="2025-03-01")
    assert find(ms, "AID", {"PRK"}, {"RUS"}) and not find(ms, "AID", {"JPN"}, {"RUS"}), summary(ms)


def test_a_concern_about_a_states_doing_is_aimed_at_that_state(extract):
    # イランの核開発に強い懸念を表明した (the parser hangs the に-phrase on 強い)
    ms = extract("インドの首相は、イランの核開発に強い懸念を表明した。", published="2025-03-01")
    assert find(ms, "ACCUSE", {"IND"}, {"IRN"}), summary(ms)


def test_the_reason_for_a_sanction_announced_is_the_sanctioned_ones_doing(extract):
    # …として、…に制裁を科したと発表した: the parser hangs the reason on 発表
    ms = extract("フランス外務省は、イランを支援したとして、インドの3企業に制裁を科したと発表した。",
                 published="2025-03-01")
    assert find(ms, "AID", {"IND"}, {"IRN"}) and not find(ms, "AID", {"FRA"}, {"IRN"}), summary(ms)


def test_a_headline_visit_takes_the_person_or_subject_before_it(extract):
    for text, visitor, host in (("石破首相フランス訪問へ", "JPN", "FRA"),
                                ("中国外相が来月パリ訪問、フランス外相と会談へ", "CHN", "FRA")):
        ms = extract(text, published="2025-03-01")
        assert find(ms, "CONSULT", {visitor}, {host}), (text, summary(ms))


def test_the_focus_of_a_cleft_is_the_side_its_clause_leaves_out(extract):
    # 対象に追加したのは、…団体だ: the designees; 送ったのはXではなくYだ: Y, not X, sent
    ms = extract("フランス政府が資産凍結の対象に新たに加えたのは、インドの11人と32の団体です。", published="2025-03-01")
    assert find(ms, "SANCTION", {"FRA"}, {"IND"}), summary(ms)
    ms = extract("インドに砲弾を送ったのはフランスではなくイランだ。", published="2025-03-01")
    assert find(ms, "AID", {"IRN"}, {"IND"}), summary(ms)


def test_the_one_invited_is_the_visitor_told_with_the_invitation(extract):
    ms = extract("フランスの大統領の招待を受けて、インドの首相がフランスを訪問した。", published="2025-03-01")
    assert find(ms, "AGREE", {"FRA"}, {"IND"}) and find(ms, "CONSULT", {"IND"}, {"FRA"}), summary(ms)


def test_troops_deployed_as_the_subject_in_another_state_were_sent_there(extract):
    ms = extract("インド軍の部隊がフランス南部に展開している。", published="2025-03-01")
    assert find(ms, "AID", {"IND"}, {"FRA"}), summary(ms)
    ms = extract("インドは積極的な外交を展開した。", published="2025-03-01")
    assert not [m for m in ms if m.event_type in ("AID", "MOBILIZE")], summary(ms)


def test_what_is_talked_over_is_no_side_of_the_talks(extract):
    ms = extract("インドとフランスの首相はイランの核問題を協議した。", published="2025-03-01")
    talks = [m for m in ms if m.event_type == "CONSULT"]
    assert talks and "IRN" not in codes(talks[0].actor) | codes(talks[0].recipient), summary(ms)


def test_a_meeting_between_two_named_in_one_phrase_is_of_both(extract):
    ms = extract("インドとフランスとの首脳会談が始まった。", published="2025-03-01")
    talks = [m for m in ms if m.event_type == "CONSULT"]
    assert talks and codes(talks[0].actor) == {"IND", "FRA"}, summary(ms)


def test_the_subject_of_a_circumstance_is_no_doer_of_the_main_clause(extract):
    ms = extract("イスラエルによるイラン攻撃が続く中、インドとフランスの貿易について協議しているとみられる。", published="2025-03-01")
    assert not [m for m in ms if m.event_type == "CONSULT" and "ISR" in codes(m.actor)], summary(ms)


def test_not_only_is_no_denial(extract):
    ms = extract("欧米はウクライナに戦車を供与するだけでなく、ロシアへの圧力を強めた。", published="2025-01-20")
    aid = [m for m in ms if m.event_type == "AID"]
    assert aid and aid[0].factuality != "negated", summary(ms)


def test_a_giving_told_as_done_and_one_to_come_are_two(extract):
    ms = extract("イランはロシアに無人機を供与したと発表し、来年も無人機を供与すると述べた。", published="2025-01-20")
    aid = [m for m in ms if m.event_type == "AID"]
    assert len(aid) == 2 and {m.factuality == "future" for m in aid} == {True, False}, summary(ms)


def test_a_weapons_maker_is_not_who_launched_it(extract):
    ms = extract("最初にイラン製のミサイルが発射されたのは南部への攻撃だった。", published="2025-03-01")
    assert not [m for m in ms if "IRN" in codes(m.actor)], summary(ms)


def test_the_topic_of_a_report_is_not_the_doer_beside_the_subject(extract):
    ms = extract("国家情報院はまた、北朝鮮がロシアに砲弾約500万発を支援し、ロシアは見返りに技術を渡したとの分析を示した。",
                 published="2024-11-03")
    aid = [m for m in ms if m.event_type == "AID"]
    assert aid and codes(aid[0].actor) == {"PRK"}, summary(ms)


def test_an_event_noun_beside_a_stance_is_not_the_stating_verbs(extract):
    ms = extract("韓国の外務省は、北朝鮮の発射に遺憾の意を表明した。", published="2024-11-03")
    assert not [m for m in ms if m.event_type == "MOBILIZE" and "KOR" in codes(m.actor)], summary(ms)


NEGATIVE = [
    ("a question asked of the reader", "見返りとしてイランはロシアから何を受け取ったのだろうか。"),
    ("what ought to be done", "ロシア軍は直ちにウクライナから撤退すべきだというのが国際世論だ。"),
    ("a fear no one is said to voice", "ロシアの兵力増強で戦争が長引くことも懸念される。"),
    ("a photo credit", "朝鮮中央通信提供(共同)"),
    ("a spacecraft launched is no weapon", "ロシアは宇宙飛行士を乗せた宇宙船を打ち上げた。"),
    ("a relationship named as a topic", "北朝鮮とロシアの軍事協力は、地域の安全保障を揺るがしている。"),
    ("a description of an actor", "核実験を繰り返してきた北朝鮮は、国際的に孤立している。"),
    ("a subject of discussion", "本稿では、北朝鮮のミサイル発射をめぐる経緯を振り返る。"),
    ("a letter as the means", "金総書記は書簡で、ロシアへの支持を表明した。"),
    ("a speech act with an abstract subject", "ロ朝の接近は、中国とイランの連携を促している。"),
    ("broadcast is no sending", "ロシアの国営テレビは北朝鮮の特集を放送した。"),
    ("only one party to a treaty", "北朝鮮は条約の意義を強調した。"),
    ("a habit that describes an actor", "砲弾の輸出を続けてきた北朝鮮は、外貨を稼いでいる。"),
    ("to bring something about is no invitation", "ロシアの行動は情勢の悪化を招いた。"),
    ("a direct question tells no event", "北朝鮮はロシアに砲弾を送ったのですか?"),
    ("a question on an act hung on する", "北朝鮮の兵士が本当にウクライナ軍と戦ったりしているのですか?"),
    ("an economy that recedes is no retreat", "韓国の景気は後退した。"),
    ("迫る with nothing demanded approaches", "ウクライナ軍はロシア領のクルスク州に迫った。"),
    ("cooperation as the manner of another act (〜しながら)",
     "日本政府は英国や豪州と協力しながら、次の手を考えている。"),
    ("an act a rule forbids", "北朝鮮による武器の輸出は、複数の国連決議で禁止されている。"),
    ("北 in the name of a region is no state", "北欧諸国の首脳は北日本で会談した。"),
    ("a time named with に is no one met", "韓国の大統領は米国の大統領の就任直後に会談する可能性がある。"),
    ("workers staying abroad are no visit", "北朝鮮の労働者数千人がロシアに滞在している。"),
    ("a tanker calling at a port is no visit", "ロシアのタンカーが北朝鮮の港を訪問した。"),
    ("workers sent to places that are no party are not sent to the war's ally",
     "北朝鮮は昨年、多くの労働者を海外の各地に送った。"),
]


def test_speaker_is_not_the_subject_of_a_quoted_event(extract):
    # 兵士まで送り込まれている: the speaker named outside the quotation did not send anyone
    ms = extract("ゼレンスキー大統領は演説で「いまや砲弾だけではなく、兵士まで送り込まれている」と訴えた。",
                 published="2024-10-14")
    assert not [m for m in ms if m.event_type == "AID" and "UKR" in codes(m.actor)], summary(ms)


def test_a_request_of_a_group_that_is_no_state_has_no_recipient_code(extract):
    # 全ての加盟国に求めた: asked of every member, not of the country the story named before
    ms = extract("北朝鮮はロシアに砲弾を送った。国連安保理は全ての加盟国に対し、北朝鮮の労働者を年内に"
                 "送還するよう求めた。", published="2024-06-20")
    asks = [m for m in ms if m.event_type == "REQUEST"]
    assert [(sorted(codes(m.actor)), [r.code for r in m.recipient]) for m in asks] == [(["UN"], [None])], summary(ms)
    assert asks[0].recipient[0].text == "加盟国"


@pytest.mark.parametrize("text", [
    "米国の大使は会合で発言した。その上で、中ロが安保理の制裁強化を妨げていると批判した。",
    "米国の大使は会合で発言した。その上で、安保理の措置を中ロが阻んでいると厳しく批判した。",
])
def test_the_subject_of_what_is_criticised_is_not_the_critic(text, extract):
    # 中ロが…阻止していると批判した: 中ロ is criticised; the critic is the one who spoke before
    ms = extract(text, published="2024-11-05")
    acc = [m for m in ms if m.event_type == "ACCUSE"]
    assert acc and all(codes(m.actor) == {"USA"} and codes(m.recipient) == {"CHN", "RUS"} for m in acc), summary(ms)


def test_the_one_a_threat_makes_pay_is_its_target(extract):
    # 「代償は北朝鮮に必ず払わせる」とした: the threat is aimed at the one made to pay
    ms = extract("英国政府は談話を出した。「侵略に手を貸した代償は北朝鮮に必ず払わせる」としました。",
                 published="2024-11-05")
    threats = [m for m in ms if m.event_type == "THREATEN"]
    assert threats and all(codes(m.recipient) == {"PRK"} for m in threats), summary(ms)


@pytest.mark.parametrize("text,designee", [
    ("日本政府はロシアへの追加制裁を決めた。さらに、北朝鮮の個人も資産凍結の対象とする。", {"PRK"}),
    ("日本政府はロシアへの追加制裁を決めた。また、制裁逃れに関与したとして中国やトルコの会社も輸出禁止措置の対象に加えた。",
     {"CHN", "TUR"}),
])
def test_a_designee_in_mo_is_sanctioned_not_sanctioning(text, designee, extract):
    # 北朝鮮の個人も…の対象とする: one more designee, sanctioned by the government the story named
    ms = extract(text, published="2024-05-24")
    second = [m for m in ms if m.event_type == "SANCTION" and not m.evidence.text.startswith("日本政府")]
    assert second and all(codes(m.actor) == {"JPN"} and codes(m.recipient) == designee for m in second), summary(ms)


def test_troops_sent_by_a_side_of_a_war_go_to_its_ally(extract):
    # 北朝鮮が派遣した兵士, with no receiver named: at the story's date North Korea fights on
    # Russia's side (data/conflicts.tsv); before that war, no receiver is guessed
    text = "北朝鮮が派遣した約1万人の兵士の多くが死傷した。"
    ms = extract(text, published="2025-01-10")
    assert [(sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in ms if m.event_type == "AID"] == \
        [(["PRK"], ["RUS"])], summary(ms)
    assert not [m for m in extract(text, published="2023-01-10") if m.event_type == "AID"]


def test_troops_sent_to_a_side_of_a_war_come_from_its_ally(extract):
    # 兵士のロシア派遣, with no sender named in the text or the story
    ms = extract("韓国政府は、兵士のロシア派遣を含む違法な協力をやめるよう求めた。", published="2025-06-19")
    assert (["PRK"], ["RUS"]) in [(sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in ms
                                  if m.event_type == "AID"], summary(ms)


def test_help_given_by_a_side_of_a_war_goes_to_its_ally(extract):
    ms = extract("ミサイルの精度が上がった背景には、ロシアの技術的な支援があったとみられる。", published="2025-05-01")
    assert [(sorted(codes(m.actor)), sorted(codes(m.recipient))) for m in ms if m.event_type == "AID"] == \
        [(["RUS"], ["PRK"])], summary(ms)


def test_a_topic_inside_words_on_a_noun_is_not_the_speaker(extract):
    # 非核化は…との見解を示したことに対し、…強調した: 非核化は is in the words answered, the speaker is
    # the one who spoke before
    ms = extract("NATOは8日、ロシアを非難する声明を発表した。また、ロシアの外相が先月、北朝鮮の非核化は"
                 "意味を失ったとの見解を示したことに対し、核不拡散体制を損なうもので「容認できない」と強調した。",
                 published="2024-10-09")
    second = [m for m in ms if m.evidence.text.startswith("また")]
    assert second and all(codes(m.actor) == {"NATO"} for m in second), summary(ms)


def test_what_one_may_do_describing_a_noun_is_no_event(extract):
    # 北朝鮮がロシアから輸入できる石油製品の上限: a limit, no import told
    text = "北朝鮮がロシアから輸入できる石油製品の上限は、決議で年50万バレルと定められている。"
    assert not [m for m in extract(text, published="2024-11-20") if m.event_type == "AID"]
    assert [m for m in extract(text, published="2024-11-20", min_confidence=0.0)
            if m.event_type == "AID" and m.signals.get("filtered") == "ability"]


def test_a_letter_of_protest_is_one_protest_and_no_meeting(extract):
    ms = extract("韓国の市民団体は、抗議の書簡をロシア大使館に手渡した。", published="2024-10-28")
    assert [m.event_type for m in ms] == ["ACCUSE"], summary(ms)


def test_a_purpose_hung_on_a_quoted_verb_is_not_what_was_said(extract):
    # the parser hangs 脅威に対抗し on the quoted 強化する: the quotation itself holds no condemnation
    ms = extract("日米の国防相は24日に電話で協議し、中国の行動を強く非難する共同声明を発表した。声明では中国の脅威に"
                 "対抗し、事態のエスカレーションを避けるため「外交的な協力、防衛協力をさらに強める」と表明した。",
                 published="2024-11-20")
    assert [m.trigger.text for m in ms if m.event_type == "ACCUSE"] == ["非難"], summary(ms)
    # what the quotation is about, named outside it, is still what it is said of
    ms = extract("韓国の外相はまた北朝鮮の派兵について、「国際法を守り、地域の平和を損なわないようにしなければ"
                 "ならない」と強調した。", published="2024-11-20")
    assert find(ms, "REQUEST", {"KOR"}, {"PRK"}), summary(ms)


def test_cooperation_said_to_come_is_a_promise(extract):
    ms = extract("日韓の防衛相は電話で協議した。両氏は「安全保障協力を一段と強化する」と表明した。", published="2024-11-20")
    assert find(ms, "AGREE", {"JPN", "KOR"}), summary(ms)
    # told as done, it stays cooperation
    ms = extract("日韓の防衛相は電話で協議し、安全保障協力を一段と強化したと述べた。", published="2024-11-20")
    assert not [m for m in ms if m.event_type == "AGREE"] and find(ms, "COOPERATE", {"JPN", "KOR"}), summary(ms)
    ms = extract("ロシアの外相は北朝鮮と緊密に協力していると述べた。", published="2024-11-20")
    assert not [m for m in ms if m.event_type == "AGREE"] and find(ms, "COOPERATE", {"RUS", "PRK"}), summary(ms)


def test_an_event_noun_named_as_what_something_becomes_is_told_once(extract):
    ms = extract("ロシアの大統領が平壌を訪れる。長く外国の首脳を招いてこなかった金氏にとっても大きな訪問となる。",
                 published="2024-06-18")
    assert [m.trigger.text for m in ms if m.event_type == "CONSULT"] == ["訪れる"], summary(ms)
    # but one who became a prisoner was taken prisoner by the side whose prisoner they are
    ms = extract("北朝鮮の兵士1人がウクライナ側の捕虜になった。", published="2025-01-12")
    assert find(ms, "COERCE", {"UKR"}, {"PRK"}), summary(ms)


def test_the_genitive_of_an_entry_ban_is_the_one_banned(extract):
    ms = extract("ロシアは2023年に日本の閣僚ら40人に対する入国禁止措置を決め、今年は日本の企業幹部らの"
                 "入国禁止を新たに決めた。", published="2024-12-20")
    assert find(ms, "SANCTION", {"RUS"}, {"JPN"}) and not find(ms, "SANCTION", {"JPN"}, {"RUS"}), summary(ms)


def test_a_condemned_fact_is_aimed_at_its_doer_not_its_victim(extract):
    ms = extract("英国とフランスなどの首相は、北朝鮮の兵器がロシアに渡され、ウクライナへの攻撃に使われたことを非難する"
                 "声明を発表した。", published="2024-12-20")
    assert find(ms, "ACCUSE", {"GBR", "FRA"}, {"PRK"}), summary(ms)
    # the topic outside the passive clause (the parser hangs it there) did not send the weapons
    assert find(ms, "AID", {"PRK"}, {"RUS"}), summary(ms)


def test_a_threat_is_aimed_at_the_subject_of_its_condition_not_said_by_it(extract):
    ms = extract("北朝鮮の外務次官は談話を発表した。日本がロシアへの制裁を続ければ、「必ず後悔することになる」と警告した。",
                 published="2024-12-20")
    assert find(ms, "THREATEN", {"PRK"}, {"JPN"}), summary(ms)
    assert not [m for m in ms if m.event_type == "THREATEN" and "JPN" in codes(m.actor)], summary(ms)


def test_a_rejection_answers_the_one_who_spoke_against(extract):
    # a meeting of named parties speaks for them; 反発の論評 rides on the statement noun; the rejection
    # is aimed at whoever condemned, not at the one the condemnation named
    ms = extract("北朝鮮はEU外相会合がロシアへの兵器供与を非難したことを受け、反発の論評を発表した。", published="2024-12-20")
    assert find(ms, "ACCUSE", {"EU"}, {"PRK"}) and find(ms, "REJECT", {"PRK"}, {"EU"}), summary(ms)


@pytest.mark.parametrize("text", [
    "英国は北朝鮮によるロシアへの軍事支援を強く非難した。",
    "英国はロシアへの軍事支援や弾薬の供与を強く非難した。",  # the sender is Russia's one ally in the war
])
def test_a_condemned_help_is_aimed_at_its_giver(text, extract):
    ms = extract(text, published="2024-12-20")
    assert find(ms, "ACCUSE", {"GBR"}, {"PRK"}), summary(ms)


def test_an_event_noun_inside_a_description_is_no_event_told(extract):
    # the sanctions are what the abandoned habit was about, not sanctions told of their own
    ms = extract("中国は、国連の対北朝鮮制裁を長年支持してきた方針を改め、北朝鮮への接近を強めた。", published="2024-12-20")
    assert not [m for m in ms if m.event_type == "SANCTION"], summary(ms)
    assert [m for m in extract("中国は、国連の対北朝鮮制裁を長年支持してきた方針を改め、北朝鮮への接近を強めた。",
                               published="2024-12-20", min_confidence=0.0)
            if m.event_type == "SANCTION" and m.signals.get("filtered") == "habit"]


def test_a_heading_inside_the_story_is_the_topic_of_its_section(extract):
    text = "北朝鮮は昨年、ロシアに大量の砲弾を送った。\n工兵と作業員の派遣\n北朝鮮は今年、工兵約1000人をロシアに送った。"
    ms = extract(text, published="2024-12-20", min_confidence=0.0)
    heading = [m for m in ms if m.evidence.text == "工兵と作業員の派遣"]
    assert heading and all(m.signals.get("filtered") == "heading" for m in heading), summary(ms)
    assert len(find(extract(text, published="2024-12-20"), "AID", {"PRK"}, {"RUS"})) == 2
    # the story's own headline (its first line) is no section heading
    ms = extract("兵士の派遣\n北朝鮮は今年、工兵約1000人をロシアに送った。", published="2024-12-20", min_confidence=0.0)
    assert not [m for m in ms if m.signals.get("filtered") == "heading"], summary(ms)


def test_weapons_and_troops_sent_in_one_sentence_are_two_events(extract):
    ms = extract("北朝鮮はロシアに大量の砲弾を送り、工兵部隊も派遣した。", published="2024-12-20")
    assert sorted(m.mode for m in find(ms, "AID", {"PRK"}, {"RUS"})) == ["troops", "weapons"], summary(ms)


@pytest.mark.parametrize("text", [
    "北朝鮮による派兵への見返りとして、ロシアが防空装備を提供した。",
    "北朝鮮は派兵の見返りとしてロシアから防空ミサイルを受け取ったとみられる。",
])
def test_what_is_paid_back_was_given_the_other_way(text, extract):
    ms = extract(text, published="2024-12-20")
    assert find(ms, "AID", {"PRK"}, {"RUS"}) and find(ms, "AID", {"RUS"}, {"PRK"}), summary(ms)


def test_a_past_act_describing_a_noun_is_not_made_a_plan_by_the_main_clause(extract):
    ms = extract("4月に中国とロシアが署名した協定の批准手続きが年内に終わる見通しだ。", published="2024-12-20")
    # the signing is told as done; the ratification to come is an event of its own
    assert [m.factuality for m in find(ms, "SUPPORT", {"CHN", "RUS"}) if m.trigger.text.startswith("署名")] == \
        ["asserted"], summary(ms)


def test_a_statement_about_a_fact_is_aimed_at_its_doer(extract):
    ms = extract("北朝鮮の外務次官は談話を発表した。また、米国が26日にウクライナへの追加の軍事支援を決めたことは"
                 "「とんでもない誤りだ」とこき下ろした。", published="2024-12-20")
    assert find(ms, "ACCUSE", {"PRK"}, {"USA"}), summary(ms)


def test_an_event_noun_known_only_from_the_world_is_what_the_report_says(extract):
    # the attacker is not named (Russia comes from the war table): not presupposed, but guessed
    ms = extract("韓国の情報機関によると、これらのミサイルはウクライナへの攻撃で使用されたとみられる。", published="2025-03-01")
    assert [m.factuality for m in find(ms, "ASSAULT", {"RUS"}, {"UKR"})] == ["uncertain"], summary(ms)


def test_a_fact_a_statement_is_about_is_presupposed(extract):
    ms = extract("日本の外相は、ロシアが新型ミサイルでキーウを攻撃したことについては「到底容認できない」と述べた。",
                 published="2025-03-01")
    assert [m.factuality for m in find(ms, "ASSAULT", {"RUS"}, {"UKR"})] == ["asserted"], summary(ms)


def test_whoever_would_do_it_is_no_event_told(extract):
    ms = extract("米国は、誰であれイランを助ける者には厳しく対処すると警告した。", published="2024-12-20")
    assert not [m for m in ms if m.event_type == "AID"], summary(ms)
    assert [m for m in extract("米国は、誰であれイランを助ける者には厳しく対処すると警告した。", published="2024-12-20",
                               min_confidence=0.0) if m.event_type == "AID" and m.signals.get("filtered") == "generic"]


def test_inviting_someone_in_to_talk_is_no_invitation(extract):
    ms = extract("金総書記はロシアの国防相を平壌の迎賓館に招いて会談した。", published="2024-11-20")
    assert not [m for m in ms if m.event_type == "AGREE"], summary(ms)


@pytest.mark.parametrize("name,text", NEGATIVE, ids=[n[0] for n in NEGATIVE])
def test_not_coded(name, text, extract):
    ms = extract(text, published="2025-03-01")
    bad = {"a letter as the means": "CONSULT", "a speech act with an abstract subject": "REQUEST"}.get(name)
    if bad:
        assert not [m for m in ms if m.event_type == bad], summary(ms)
    else:
        assert ms == [], summary(ms)


def test_promise_content_is_not_coded_again(extract):
    ms = extract("ロシアは北朝鮮に対し、発電所の建設を支援すると約束した。", published="2025-03-01")
    assert find(ms, "AGREE", {"RUS"}, {"PRK"}), summary(ms)
    assert not [m for m in ms if m.event_type == "AID"], summary(ms)


def test_condition_of_a_threat_stays(extract):
    ms = extract("ロシアは、日本がウクライナに兵器を供与すれば報復すると警告した。", published="2025-03-01")
    aid = find(ms, "AID", {"JPN"}, {"UKR"})
    assert aid and aid[0].factuality == "hypothetical", summary(ms)


@pytest.mark.parametrize("text,etype,value", [
    ("イランは、ロシアへの弾道ミサイル供与を否定している。", "AID", "denied"),
    ("ロシアは、北朝鮮から砲弾を購入したとの報道を否定した。", "AID", "denied"),
    ("韓国政府は北朝鮮への独自制裁の発動を見送った。", "SANCTION", "negated"),
    ("中国がロシアに兵器を供与するなら、米国は中国に制裁を科すだろう。", "SANCTION", "hypothetical"),
    ("ラブロフ外相は「ロシアは北朝鮮の立場を支持する」と述べた。", "SUPPORT", "asserted"),
    ("朝鮮中央通信によると、金総書記はロシアを訪問した。", "CONSULT", "reported"),
    ("北朝鮮は来月、ロシアに追加の部隊を派遣する。", "AID", "future"),
    # the reporter's hearsay tells a speech act as reported, as a medium does
    ("この日はロシアの建国記念日で、金総書記はプーチン大統領に祝意を伝えたということです。", "SUPPORT", "reported"),
    # a guess about a weapon does not make the war it is used in a guess
    ("ロシアのウクライナ侵攻で使われたのは北朝鮮製のミサイルとみられる。", "ASSAULT", "asserted"),
    # an attack that killed someone is part of what the medium reports, not background
    ("韓国メディアは、ウクライナのドローン攻撃で北朝鮮の兵士5人が死亡したと伝えた。", "ASSAULT", "reported"),
])
def test_factuality_rules(text, etype, value, extract):
    ms = [m for m in extract(text, published="2025-03-01") if m.event_type == etype]
    assert ms and ms[0].factuality == value, [(m.event_type, m.factuality) for m in ms]


def test_a_past_act_dated_by_a_later_meeting_is_no_plan(extract):
    # 同会議に合わせて…感謝すると伝えた: dated by the coming meeting, but told as done
    ms = extract("北朝鮮の崔外相は30日から開かれる国際会議に出席する。崔外相は同会議に合わせて、ロシアの外相が"
                 "自分をモスクワへ招待してくれたことへの感謝を伝えた。", published="2025-10-27")
    thanks = [m for m in ms if m.event_type == "SUPPORT"]
    assert thanks and all(m.factuality == "asserted" for m in thanks), summary(ms)


def test_source_of_claim_is_the_speaker(extract):
    ms = extract("韓国国家情報院は、北朝鮮がロシアに兵士を派遣したと発表した。", published="2024-10-18")
    aid = find(ms, "AID", {"PRK"}, {"RUS"})
    assert aid and aid[0].factuality == "reported"
    assert codes(aid[0].source_of_claim) == {"KOR"}


def test_dates_from_sentence_and_context(extract):
    ms = extract("2024年6月19日、プーチン大統領は平壌を訪問し、金総書記と会談した。両首脳は同日、条約に署名した。"
                 "同年12月、ロシアと北朝鮮の条約が発効した。")
    dates = {m.trigger.text: m.date for m in ms}
    assert dates.get("訪問") == "2024-06-19" and dates.get("署名") == "2024-06-19", dates
    assert dates.get("発効") == "2024-12", dates


def test_object_hung_on_an_adverbial_noun(extract):
    ms = extract("中国はこれまで、北朝鮮の対露派兵を公に批判していない。", published="2025-03-01")
    hits = find(ms, "ACCUSE", {"CHN"}, {"PRK"})
    assert hits and hits[0].factuality == "negated", summary(ms)


def test_object_inside_a_subjectless_quote(extract):
    ms = extract("高市首相は、北朝鮮による弾道ミサイルの発射を「断じて容認できない」と批判した。", published="2025-11-01")
    assert find(ms, "ACCUSE", {"JPN"}, {"PRK"}), summary(ms)


def test_condemnation_of_the_event_just_reported(extract):
    ms = extract("北朝鮮は12日、弾道ミサイルを発射した。日本政府は同日、「断じて容認できない」と非難した。",
                 published="2025-03-15")
    assert find(ms, "ACCUSE", {"JPN"}, {"PRK"}), summary(ms)


@pytest.mark.parametrize("text,place,country", [
    ("習近平国家主席はモスクワでプーチン大統領と会談した。", "モスクワ", "RUS"),
    ("北朝鮮はクルスク州に数千人の兵士を送り込んだ。", "クルスク州", "RUS"),
])
def test_location(text, place, country, extract):
    ms = extract(text, published="2025-03-01")
    assert ms and ms[0].location == {"text": place, "country": country}, summary(ms)


@pytest.mark.parametrize("text,etype,actor,recipient", [
    ("米韓両軍は今年1月、大規模合同演習「フリーダム・シールド」を始めた。", "COOPERATE", {"USA", "KOR"}, set()),
    ("北朝鮮当局は今月、ロシアに少なくとも1万人の兵士を派遣したとみられる。", "AID", {"PRK"}, {"RUS"}),
    # help one declares to intend is a promise of help (spec section 3: AGREE)
    ("ロシアのプーチン大統領は、北朝鮮の衛星開発を支援する考えを示した。", "AGREE", {"RUS"}, {"PRK"}),
    ("日中韓首脳会談が同年秋、ソウルで開かれた。", "CONSULT", {"JPN", "CHN"}, {"KOR"}),  # visit: host KOR
    ("ロシア下院は、北朝鮮との条約を批准する法案を可決した。", "SUPPORT", {"RUS", "PRK"}, set()),
])
def test_parser_attachment_fallbacks(text, etype, actor, recipient, extract):
    ms = extract(text, published="2025-03-01")
    assert find(ms, etype, actor, recipient), summary(ms)


def test_date_of_a_relative_clause_is_not_the_events(extract):
    ms = extract("ロシアと北朝鮮の外相は11月4日に会談し、6月に署名された条約の履行について協議した。",
                 published="2024-11-05")
    consult = [m for m in ms if m.event_type == "CONSULT"]
    assert consult and all(m.date == "2024-11-04" for m in consult), summary(ms)


def test_publication_date_stays_precise_for_a_headline(extract):
    ms = extract("ロ朝の条約が発効\n2024年12月5日\nロシアと北朝鮮の条約が4日に発効した。")
    head = [m for m in ms if m.evidence.start == 0]
    assert head and head[0].date == "2024-12-05", summary(ms)


@pytest.mark.parametrize("text,etype,value", [
    # a speech act quoted from its speaker is the event itself
    ("韓国外務省の当局者は「北朝鮮の行為に深刻な懸念を表明する」と述べた。", "ACCUSE", "asserted"),
    # ... unless a medium reports it
    ("朝鮮中央通信は、金総書記がロシアの政策を支持したと報じた。", "SUPPORT", "reported"),
    # an event named as background in a reported sentence is presupposed
    ("韓国国家情報院によると、ロシアの侵攻を受けるウクライナは北朝鮮兵を捕らえた。", "ASSAULT", "asserted"),
    # an act told inside a quotation is the speaker's claim
    ("国家情報院は「北朝鮮軍が戦闘に参加した」と説明した。", "ASSAULT", "reported"),
    # what a statement is about (〜したことに懸念を表明した) is told as a fact, not as its content
    ("韓国政府は北朝鮮がロシアに兵士を送ったことに懸念を表明した。", "AID", "asserted"),
    ("韓国政府は北朝鮮がロシアに兵士を送ったと表明した。", "AID", "reported"),
    # an event named inside a quotation is the speaker's claim, even as a noun
    ("ウクライナ保安局は「ロシア軍の空爆に北朝鮮製のミサイルが用いられた」と発表した。", "ASSAULT", "reported"),
    # 〜したとして非難した: the reason is what the accuser holds
    ("韓国政府は、北朝鮮がロシアに兵士を送ったとして強く非難した。", "AID", "reported"),
    # a month-only publication date is no reason to call a dated event future
    ("ロシアは28日、決議案に拒否権を行使した。", "REJECT", "asserted"),
])
def test_factuality_of_the_mention_as_a_whole(text, etype, value, extract):
    ms = [m for m in extract(text, published="2024-03" if "拒否権" in text else "2024-11-20") if m.event_type == etype]
    assert ms and ms[0].factuality == value, summary(ms)


def test_a_clause_of_time_dates_the_event_it_frames(extract):
    ms = extract("金総書記が9月にロシアを訪れた際、プーチン大統領は衛星技術の支援を約束した。", published="2023-11-23")
    agree = [m for m in ms if m.event_type == "AGREE"]
    assert agree and agree[0].date == "2023-09", summary(ms)


def test_concern_about_a_cooperation_is_no_part_in_it(extract):
    # 〜に懸念を表明した carries its own object, 懸念: the cooperation it is aimed at stays the
    # cooperators' (the speaker is no party of it)
    ms = extract("韓国政府は同日、中国と北朝鮮の経済協力の拡大に強い懸念を表明した。", published="2024-11-20")
    coop = [m for m in ms if m.event_type == "COOPERATE"]
    assert coop and all("KOR" not in codes(m.actor) for m in coop), summary(ms)
    assert [m for m in ms if m.event_type == "ACCUSE" and codes(m.actor) == {"KOR"}], summary(ms)


def test_a_reason_clause_with_toshite_is_no_statement(extract):
    # 〜に違反するとして非難した: the reason for the condemnation, not a second act said by the speaker
    # (while 〜としたうえで and 〜とし、 still state a content)
    ms = extract("韓国の外相は、国連の制裁決議に違反するとしてロシアを非難した。", published="2024-11-20")
    acc = [m for m in ms if m.event_type == "ACCUSE"]
    assert [(codes(m.actor), codes(m.recipient)) for m in acc] == [({"KOR"}, {"RUS"})], summary(ms)


def test_a_subject_deep_in_a_reason_clause_is_not_the_accuser(extract):
    # 〜が…するなど…しているとして非難した: 北朝鮮 is the subject of what is condemned, even when the
    # parser hangs it on a clause below the one that として closes
    ms = extract("韓国外務省は28日、声明を出した。一方、北朝鮮がロシアに兵士を送るなど両国の軍事協力が"
                 "深まっているとして、強く非難した。", published="2024-06-28")
    acc = [m for m in ms if m.event_type == "ACCUSE"]
    assert [(codes(m.actor), codes(m.recipient)) for m in acc] == [({"KOR"}, {"PRK"})], summary(ms)



@pytest.mark.parametrize("text,actor", [
    ("米国務省は20日、ロシアを非難する声明を発表した。声明は、ロシアの攻撃を受けるウクライナに支援を約束した。", {"USA"}),
    # nobody named before: no promise rather than one by the attacker of the relative clause
    ("首脳会議は15日、幕を閉じた。会議の最後に採択された声明は、ロシアの攻撃を受けるウクライナに支援を約束した。", None),
])
def test_a_document_speaks_for_its_issuer_named_before(text, actor, extract):
    # 声明は…約束した: the statement's issuer is one named before, not a doer inside the sentence
    # (ロシアの攻撃を受けるウクライナ tells Russia's attack, not who promised)
    ms = extract(text, published="2024-06-20")
    agree = [(codes(m.actor), codes(m.recipient)) for m in ms if m.event_type == "AGREE"]
    assert agree == ([(actor, {"UKR"})] if actor else []), summary(ms)


@pytest.mark.parametrize("text,actor,recipient", [
    # a meeting with a visitor is the visitor's, at the host's (spec: CONSULT visitor -> host)
    ("金正恩総書記は29日、訪朝中のロシアの国防相と会談した。", {"RUS"}, {"PRK"}),
    ("北朝鮮の金総書記は14日、訪朝したロシアの下院議長と会見した。", {"RUS"}, {"PRK"}),
    # no visit named: the subject meets its partner
    ("金正恩総書記は29日、ロシアの国防相と会談した。", {"PRK"}, {"RUS"}),
])
def test_a_meeting_with_a_visitor_goes_from_the_visitor(text, actor, recipient, extract):
    ms = [m for m in extract(text, published="2024-06-29") if m.event_type == "CONSULT"]
    assert ms and all((codes(m.actor), codes(m.recipient)) == (actor, recipient) for m in ms), summary(ms)


def test_a_passive_clause_does_not_share_the_next_clauses_subject(extract):
    # 〜から発射され、韓国軍が…と推定した: 韓国軍 estimated, it did not launch
    ms = extract("北朝鮮は14日、弾道ミサイル1発を日本海に向けて発射した。ミサイルは14日に平壌付近から発射され、"
                 "韓国軍が中距離級と推定した。", published="2024-01-14")
    launches = [m for m in ms if m.event_type == "MOBILIZE"]
    assert launches and all(codes(m.actor) == {"PRK"} for m in launches), summary(ms)


def test_a_topic_with_a_gloss_in_brackets_is_the_storys_subject(extract):
    # 先進7カ国(G7)は…: the gloss does not hide the topic marker; the statement that follows is G7's
    ms = extract("先進7カ国(G7)は26日、外相会合を開いた。会合後に発表された声明は、ロシアの攻撃を受ける"
                 "ウクライナに支援を約束した。", published="2024-11-26")
    agree = [(codes(m.actor), codes(m.recipient)) for m in ms if m.event_type == "AGREE"]
    assert agree == [({"G7"}, {"UKR"})], summary(ms)


@pytest.mark.parametrize("text", [
    "日本の外相は20日、談話を発表した。ロシアの侵攻が続くウクライナに支援を約束した。",
    "日本の外相は20日、談話を発表した。ロシアによる侵攻を非難し、ウクライナへの支援を約束した。",
])
def test_the_genitive_of_an_event_noun_is_no_subject_of_the_story(text, extract):
    # ロシアの侵攻: Russia is named in a noun phrase, not as the one the text goes on about
    ms = extract(text, published="2024-06-20")
    agree = [(codes(m.actor), codes(m.recipient)) for m in ms if m.event_type == "AGREE"]
    assert agree == [({"JPN"}, {"UKR"})], summary(ms)


def test_a_statement_reported_over_a_paragraph_keeps_its_speaker(extract):
    # each sentence of the paragraph that reports the statement passes its speaker on, so the
    # fifth sentence's demand is still the three states' (not no one's)
    ms = extract("日米韓の高官は24日、北朝鮮を非難する共同声明を発表した。声明は北朝鮮の核開発に懸念を示した。"
                 "ロシアとの軍事協力の拡大にも深い懸念を示した。中国の役割にも期待を示した。"
                 "さらに、北朝鮮に対し、挑発をやめて対話に戻るよう強く求めた。", published="2024-06-24")
    req = [(codes(m.actor), codes(m.recipient)) for m in ms if m.event_type == "REQUEST"]
    assert req == [({"JPN", "USA", "KOR"}, {"PRK"})], summary(ms)


def test_a_treaty_act_of_one_party_is_of_both_parties_the_story_told(extract):
    # 条約を批准する政令に署名した names one side: the treaty the story told has two
    ms = extract("ロシアと北朝鮮は6月、包括的戦略パートナーシップ条約に署名した。\n"
                 "北朝鮮の金総書記は11日、条約を批准する政令に署名した。", published="2024-11-12")
    later = [codes(m.actor) for m in ms if m.event_type == "SUPPORT" and m.evidence.start > 20]
    assert later and all(a == {"PRK", "RUS"} for a in later), summary(ms)


def test_the_attack_a_weapon_was_used_in_is_its_users(extract):
    # 攻撃で[…から調達した]ミサイルを使用した: the parser hangs 攻撃 on the relative clause
    ms = extract("ロシアはウクライナ東部への攻撃で、北朝鮮から入手した短距離ミサイルを使用した。", published="2024-06-20")
    assert [m for m in ms if m.event_type == "ASSAULT" and codes(m.actor) == {"RUS"} and codes(m.recipient) == {"UKR"}], \
        summary(ms)


def test_a_headline_takes_the_side_it_leaves_out_from_the_story_below_it(extract):
    # 北朝鮮軍派兵から1年: to whom, the story says after the headline
    ms = extract("北朝鮮軍派兵から1年\n北朝鮮は昨年10月、ロシアに約1万人の兵士を派遣した。", published="2025-10-20")
    head = [m for m in ms if m.event_type == "AID" and m.evidence.start == 0]
    assert head and codes(head[0].actor) == {"PRK"} and codes(head[0].recipient) == {"RUS"}, summary(ms)
    assert [m.evidence.start for m in ms] == sorted(m.evidence.start for m in ms)  # in reading order


def test_the_speaker_of_quoted_words_is_not_a_party_in_them(extract):
    # 「ロシアは…」とも批判した: no subject; the parties of the quotation (and the doer of what it
    # tells) are not who speaks: the one named in the sentence before is
    ms = extract("日本の官房長官は記者会見で懸念を表明した。「ロシアは北朝鮮から弾薬を調達しており、決して容認できない」とも批判した。",
                 published="2024-11-20")
    assert find(ms, "ACCUSE", {"JPN"}, {"RUS"}), summary(ms)
    assert not [m for m in ms if m.event_type == "ACCUSE" and "PRK" in codes(m.actor)], summary(ms)


@pytest.mark.parametrize("text,recipient", [
    ("ロシアは国連安保理で、北朝鮮への制裁を強化する決議案に拒否権を行使した。", set()),
    ("ロシアは安保理で米国の決議案に拒否権を行使した。", {"USA"}),
    ("ロシアが拒否権(veto)を行使し、決議案は否決された。", set()),
])
def test_a_veto_is_aimed_only_at_the_drafter(text, recipient, extract):
    ms = extract(text, published="2024-03-28")
    assert find(ms, "REJECT", {"RUS"}, recipient), summary(ms)


def test_a_sentence_broken_across_lines_is_read_whole(extract):
    ms = extract("北朝鮮は昨年秋、ロシアに兵士\nを派遣した。", published="2025-01-20")
    assert find(ms, "AID", {"PRK"}, {"RUS"}), summary(ms)


def test_a_designation_told_after_the_sanction_names_the_designated(extract):
    # 〜も制裁対象となった: the も-phrase is one more designee; the sanctioner was named before
    ms = extract("英国政府は新たな独自制裁を発表した。イラン国籍の2人も制裁対象となった。", published="2024-11-20")
    assert find(ms, "SANCTION", {"GBR"}, {"IRN"}), summary(ms)


def test_a_telegram_received_is_no_transfer(extract):
    ms = extract("中国の主席はロシアの大統領から祝電を受け取った。", published="2025-01-20")
    assert not [m for m in ms if m.event_type == "AID"], summary(ms)


def test_a_statement_speaks_for_the_grouping_whose_ministers_issued_it(extract):
    ms = extract("G7外相は共同声明を発表した。声明は、北朝鮮の派兵を強く非難した。", published="2024-10-25")
    assert find(ms, "ACCUSE", {"G7"}, {"PRK"}), summary(ms)


def test_a_broadcasts_polite_according_to_names_a_source_not_a_party(extract):
    # 〜によりますと is 〜によると: the outlet is where the report comes from, not who acted
    ms = extract("韓国メディアによりますと、北朝鮮はロシアに兵士を派遣しました。", published="2025-01-25")
    hits = find(ms, "AID", {"PRK"}, {"RUS"})
    assert hits and hits[0].factuality == "reported", summary(ms)
