"""Fixtures of the store tests: short articles of our own extracted for real. The database
fixtures (``db_url``, ``store``, ``pg_cluster``) live in ``tests/conftest.py``."""
from __future__ import annotations

import pytest

from kizashi.records import Article, article_id

# Short texts of our own (never copied from a corpus), with their mentions from the real extractor.
TEXTS = {
    "troops": ("ロシア、ベラルーシに部隊派遣",
               "ロシア国防省は10日、ベラルーシに約3000人の部隊を派遣したと発表した。"
               "北朝鮮外務省は米国の軍事演習を非難した。", "2025-03-10", "NHK"),
    "aid": ("日本、ウクライナ追加支援",
            "日本政府は12日、ウクライナに5億ドルの追加支援を行うと発表した。"
            "韓国外務省は北朝鮮に対話を呼びかけた。", "2025-03-12", "共同通信"),
    "summit": ("中ロ首脳会談で協力合意",
               "中国とロシアは15日、北京で首脳会談を開き、経済協力の強化で合意したとみられる。",
               "2025-03-15", "読売新聞"),
}


def make_article(key: str, text: str | None = None) -> Article:
    title, body, published, source = TEXTS[key]
    url = f"https://news.example.jp/{key}"
    return Article(id=article_id(url, body), text=text or body, title=title,
                   published=published, source=source, url=url, path=f"/corpus/{key}.txt")


@pytest.fixture(scope="session")
def article_of():
    """:func:`make_article` as a fixture (test modules do not import conftest)."""
    return make_article


@pytest.fixture(scope="session")
def corpus(extract):
    """``{key: (Article, [EventMention...])}`` for the texts above, extracted for real."""
    out = {}
    for key in TEXTS:
        a = make_article(key)
        out[key] = (a, extract(a.text, doc_id=a.id, published=a.published))
    return out
