"""Briefings (kizashi/briefing/): the data of a period on a store built from records written here
(no NLP), the renderings, and the demo corpus in all three formats through ``kizashi brief``:
the PDF's pages are rendered to PNG with poppler's pdftoppm (written to docs/screenshots/ for
people to look at) and read back as pixels and as text."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kizashi.briefing import BriefingError, build, parse_period
from kizashi.briefing.render import markdown, render
from kizashi.records import Article, Entity, EventMention, Quantity, Span
from kizashi.store.fusion_sync import refresh_events

REPO = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("KIZASHI_SCREENSHOTS") or REPO / "out" / "screenshots").resolve()
PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")
CHROMIUM = Path(os.environ.get("KIZASHI_CHROMIUM", "/usr/bin/chromium"))


def need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI must run it)")
    pytest.skip(reason)


def m(text, trigger, etype, actors, recipients=(), *, date=None, date_text=None, mode=None,
      factuality="asserted", role="report", quantities=(), credits=(), base=0):
    i = text.index(trigger)
    return EventMention(doc="x", event_type=etype, trigger=Span(trigger, base + i, base + i + len(trigger)),
                        evidence=Span(text, base, base + len(text)), mode=mode,
                        actor=[Entity(c, c) for c in actors],
                        recipient=[Entity(c, c) for c in recipients], date=date,
                        date_text=date_text, factuality=factuality, sentence_role=role,
                        quantities=list(quantities),
                        source_of_claim=[Entity(None, c) for c in credits])


A1 = "国防総省は28日、北朝鮮がロシアに約1万人の兵士を派遣したと発表した。"
A2 = "国家情報院は同日、北朝鮮が派遣した兵士は約3000人だと明らかにした。"
A3 = "北朝鮮外務省は、兵士を派遣したとの情報を否定した。"
F1 = "北朝鮮は来月、新型ミサイルを発射する可能性がある。"
AN = "専門家は、派兵の狙いは外貨の獲得にあるとみている。"
OLD = "両国は6月、条約に署名した。"


def fill(store):
    """Four articles of ours with mentions written here, stored and fused."""
    def art(doc, text, published, source):
        return Article(id=doc, text=text, title=text[:15], published=published, source=source,
                       url=f"https://news.example.jp/{doc}")

    q1 = Quantity(text="約1万人", value=10000.0, approx=True, unit="人", object="兵士")
    q2 = Quantity(text="約3000人", value=3000.0, approx=True, unit="人", object="兵士")
    store.save_article(art("d1", A1 + A2, "2024-10-29", "共同通信"), [
        m(A1, "派遣", "AID", ["PRK"], ["RUS"], date="2024-10-28", mode="troops",
          factuality="reported", role="claim", quantities=[q1], credits=["国防総省"]),
        m(A2, "派遣", "AID", ["PRK"], ["RUS"], date="2024-10-28", mode="troops",
          factuality="reported", role="claim", quantities=[q2], credits=["国家情報院"],
          base=len(A1))])
    store.save_article(art("d2", A3 + AN, "2024-10-30", "時事通信"), [
        m(A3, "派遣", "AID", ["PRK"], ["RUS"], date="2024-10-30", mode="troops",
          factuality="denied", role="claim")])
    store.save_article(art("d3", F1, "2024-10-30", "NHK"), [
        m(F1, "発射", "MOBILIZE", ["PRK"], [], date="2024-11", date_text="来月", mode="weapons",
          factuality="future", role="forecast")])
    store.save_article(art("d4", OLD, "2024-06-20", "NHK"), [
        m(OLD, "署名", "SUPPORT", ["RUS", "PRK"], [], date="2024-06", date_text="6月")])
    refresh_events(store)
    return store


@pytest.fixture
def briefed(store):
    return fill(store)


def test_periods():
    assert parse_period("7d") == 7 and parse_period("2w") == 14 and parse_period("3m") == 90
    for bad in ("7", "d7", "7x", "0d", "99999d", ""):
        with pytest.raises(BriefingError, match="period"):
            parse_period(bad)


def test_a_briefing_of_the_period(briefed):
    b = build(briefed, "7d", end="2024-10-31")
    assert b["period"] == {"start": "2024-10-25", "end": "2024-10-31", "days": 7, "label": "7d"}
    [dev] = b["developments"]                 # the forecast and the June treaty are not
    assert dev["summary"] == "北朝鮮がロシアに兵力を派遣" and dev["new"] and dev["contested"]
    assert dev["grade"] == "B3" and dev["n_sources"] == 2   # one outlet attests, one denies
    assert dev["evidence"]["text"] == A1 and dev["evidence"]["outlet"] == "共同通信"
    [c] = b["contested"]
    assert [x["text"] for x in c["claims"]] == [A1, A2] and [x["text"] for x in c["denials"]] == [A3]
    assert c["denied_by"] == ["北朝鮮"]        # the topic of the denial: 北朝鮮外務省は
    [pair] = b["conflicts"]
    assert {pair["a"]["claimant"], pair["b"]["claimant"]} == {"国防総省", "国家情報院"}
    refs = {r["n"]: r for r in b["references"]}
    assert refs[dev["refs"][0]]["url"] == "https://news.example.jp/d1"
    assert refs[dev["refs"][0]]["reliability"] == "B"
    assert [r["n"] for r in b["references"]] == list(range(1, len(b["references"]) + 1))
    assert b["dyads"][0]["a"] == "PRK" and b["dyads"][0]["b"] == "RUS"
    assert len(b["dyads"][0]["values"]) == 12 and b["dyads"][0]["months"][-1] == "2024-10"


def test_analysis_and_forecasts_come_from_the_sentences_of_the_period(briefed):
    b = build(briefed, "7d", end="2024-10-31")
    assert [s["text"] for s in b["analysis"]] == [AN]
    assert [s["text"] for s in b["forecasts"]] == [F1]
    assert b["analysis"][0]["outlet"] == "時事通信"


def test_a_dyad_briefing_and_english(briefed):
    b = build(briefed, "30d", end="2024-10-31", dyad=("ロシア", "北朝鮮"), lang="en")
    assert b["dyad"] == ["RUS", "PRK"] and b["dyad_label"] == "Russia–North Korea"
    assert b["developments"][0]["summary"] == "North Korea sent troops to Russia"
    md = markdown(b)
    assert md.startswith("# Situation briefing") and "## Key developments" in md
    assert "## Analysis and forecasts found in the sources" in md
    with pytest.raises(BriefingError, match="no entity has the code or name 'ほげ'"):
        build(briefed, "7d", dyad=("RUS", "ほげ"))


def test_bad_parameters_are_named(briefed):
    with pytest.raises(BriefingError, match="end '2024-13-01' is not a day"):
        build(briefed, "7d", end="2024-13-01")
    with pytest.raises(BriefingError, match="lang 'fr'"):
        build(briefed, "7d", lang="fr")
    with pytest.raises(BriefingError, match="no watch 'troops'"):
        build(briefed, "7d", watch="troops")


def test_a_briefing_of_a_watch(briefed):
    """Only the events that match the watch, and the interpretation of the articles that
    report them."""
    from kizashi.watch.store import add_watch

    add_watch(briefed, "launches", {"filter": {"type": ["MOBILIZE"]}}, title="ミサイル発射")
    add_watch(briefed, "troops", {"filter": {"type": ["AID"]}, "mode": ["troops"]})
    b = build(briefed, "7d", end="2024-10-31", watch="troops")
    assert b["watch"]["name"] == "troops"
    assert [d["summary"] for d in b["developments"]] == ["北朝鮮がロシアに兵力を派遣"]
    assert [s["text"] for s in b["analysis"]] == [AN]      # d2 reports the troops
    assert b["forecasts"] == []                             # d3 reports only a launch
    launches = build(briefed, "7d", end="2024-10-31", watch="launches")
    assert launches["developments"] == [] and [s["text"] for s in launches["forecasts"]] == [F1]
    md = render(b, "md").decode("utf-8")
    assert "ウォッチ: troops" in md
    from kizashi.briefing.render import filename
    assert filename(b, "pdf") == "kizashi-briefing-2024-10-31-7d-troops.pdf"


def test_markdown_and_html_say_what_is_fact_and_what_is_interpretation(briefed):
    b = build(briefed, "7d", end="2024-10-31")
    md = render(b, "md").decode("utf-8")
    order = [md.index(h) for h in ("## 主な動き", "## 争点となっている主張", "## 推計",
                                    "## 協力・対立指数", "## 情報源に見られる分析と予測", "## 出典")]
    assert order == sorted(order)
    assert "事実の報道ではない" in md and "`B3`" in md and "異論あり" in md
    assert "[1]" in md and "https://news.example.jp/d1" in md
    html = render(b, "html").decode("utf-8")
    assert "<svg" in html and "@media print" in html and "<script" not in html
    assert "<link" not in html and "src=" not in html          # nothing is fetched


def test_text_of_the_articles_is_escaped(store):
    bad = "北朝鮮は<script>alert(1)</script>を発射した。"
    store.save_article(Article(id="x1", text=bad, title="<b>見出し</b>", published="2025-01-01",
                               source="共同通信", url="javascript:alert(1)"),
                       [m(bad, "発射", "MOBILIZE", ["PRK"], [], date="2025-01-01", mode="weapons")])
    refresh_events(store)
    html = render(build(store, "7d", end="2025-01-02"), "html").decode("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html


# --- the demo corpus in all three formats -----------------------------------------------------

def _pgm_ink(path: Path) -> float:
    """The share of pixels that are not white in a binary PGM (P5) image."""
    data = path.read_bytes()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5", parts[0]
    w, h, maxval = int(parts[1]), int(parts[2]), int(parts[3])
    pixels = parts[4][-w * h:]
    return sum(1 for p in pixels if p < maxval * 0.9) / (w * h)


def test_the_demo_briefing_in_three_formats(demo_db, tmp_path):
    """`kizashi brief` on the demo corpus: Markdown, HTML and PDF; the PDF's pages rendered to
    PNG (docs/screenshots/briefing-pdf-N.png) and read back."""
    need(CHROMIUM.exists(), f"{CHROMIUM} not installed (PDF is printed by Chromium)")
    need(PDFTOPPM is not None and PDFTOTEXT is not None,
         "pdftoppm/pdftotext not installed: apt install poppler-utils")
    from kizashi.cli import main

    db = demo_db.removeprefix("sqlite:///")
    outs = {}
    for fmt in ("md", "html", "pdf"):
        out = tmp_path / f"brief.{fmt}"
        assert main(["brief", "--db", db, "--period", "120d", "--end", "2025-02-12",
                     "--format", fmt, "-o", str(out)]) == 0
        outs[fmt] = out
    md = outs["md"].read_text(encoding="utf-8")
    assert "## 主な動き" in md and "北朝鮮がロシアに兵力を派遣" in md
    html = outs["html"].read_text(encoding="utf-8")
    assert html.count("<svg") >= 1 and "情報源に見られる分析と予測" in html
    pdf = outs["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    text = subprocess.run([PDFTOTEXT, "-layout", str(outs["pdf"]), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    for words in ("情勢ブリーフィング", "主な動き", "争点となっている主張", "協力・対立指数",
                  "情報源に見られる分析と予測", "出典", "北朝鮮がロシアに兵力を派遣"):
        assert words in text.replace(" ", ""), words
    subprocess.run([PDFTOPPM, "-gray", "-r", "40", str(outs["pdf"]), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) >= 2
    assert all(0.005 < _pgm_ink(p) < 0.5 for p in pages), [_pgm_ink(p) for p in pages]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("briefing-pdf-*.png"):
        old.unlink()
    subprocess.run([PDFTOPPM, "-png", "-r", "70", "-l", "3", str(outs["pdf"]),
                    str(SHOTS / "briefing-pdf")], check=True)
    assert (SHOTS / "briefing-pdf-1.png").exists()


def test_pdf_without_chromium_is_a_clear_error(briefed, monkeypatch, tmp_path):
    monkeypatch.setenv("KIZASHI_CHROMIUM", str(tmp_path / "no-chromium-here"))
    with pytest.raises(BriefingError, match="KIZASHI_CHROMIUM=.*no executable there"):
        render(build(briefed, "7d", end="2024-10-31"), "pdf")


def test_cli_errors_are_named(capsys, tmp_path):
    from kizashi.cli import main
    from kizashi.store import Store

    db = tmp_path / "k.db"
    with Store(f"sqlite:///{db}") as s:
        s.migrate()
        fill(s)
    assert main(["brief", "--db", str(db), "--period", "7x"]) == 2
    assert "period '7x'" in capsys.readouterr().err
    assert main(["brief", "--db", str(db), "--watch", "w"]) == 2
    assert "no watch 'w' (see kizashi watch list)" in capsys.readouterr().err
    out = tmp_path / "b.md"
    assert main(["brief", "--db", str(db), "--end", "2024-10-31", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# 情勢ブリーフィング")
    assert "1 development(s), 1 contested, 1 conflicting" in capsys.readouterr().err
