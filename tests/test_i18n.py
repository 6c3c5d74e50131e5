"""English and 繁體中文: every UI string, every dimension label and every text held as data
(notes, flag notes, …) exists in both."""

from __future__ import annotations

import csv
import re

from cxdash import i18n
from cxdash.paths import DATA_DIR, ROOT
from cxdash.tables import FLAG_KEYS
from tests.conftest import PAGES
from tests.zh_support import has_cjk, latin_sentences


def test_every_string_has_both_languages():
    for key, (en, zh) in i18n.STRINGS.items():
        assert en.strip() and zh.strip(), key
        assert re.findall(r"{(\w+)}", en) == re.findall(r"{(\w+)}", zh) or sorted(
            re.findall(r"{(\w+)}", en)
        ) == sorted(re.findall(r"{(\w+)}", zh)), key
        assert re.search(r"[\u4e00-\u9fff]", zh) or key in {"app_title"} or zh == en, key


def test_every_key_used_in_code_exists():
    used = set()
    for path in [*ROOT.glob("cxdash/**/*.py"), *ROOT.glob("pages/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""", path.read_text()))
    dynamic = {f"flag_{f}" for f in FLAG_KEYS}
    dynamic |= {f"status_{s}" for s in ("matches", "differs", "not_recomputable")}
    dynamic |= {f"filter_{d}" for d in ("survey", "tier", "country", "channel", "year")}
    missing = (used | dynamic) - set(i18n.STRINGS)
    assert not missing


def test_page_titles_translated(q):
    for page, section in zip(q("pages")["page"], q("pages")["section"]):
        assert i18n.t(f"page_{page}", "zh") != i18n.t(f"page_{page}", "en")
        assert i18n.t(f"nav_{section}", "zh") != i18n.t(f"nav_{section}", "en")
    assert PAGES == q("pages")["page"].tolist()


def test_dimension_labels_in_both_languages(q):
    dims = q("dimensions")
    assert dims["label_en"].notna().all() and dims["label_zh"].notna().all()
    tiers = dims[dims["dimension"] == "tier"].set_index("code")
    assert tiers.loc["Champion", "label_zh"] == "領航者"
    assert tiers.loc["Starter", "label_zh"] == "入門新手"


# --- texts held as data: every English text has its 繁體中文 twin ----------------------------


def _twins() -> list[tuple[str, int, str, str, str]]:
    """(file, line, zh column, English, 繁體中文) of every English text in data/ with a twin."""
    out = []
    for path in sorted(DATA_DIR.rglob("*.csv")):
        with path.open(encoding="utf-8-sig") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                for en in (c for c in row if c.endswith("_en") and f"{c[:-3]}_zh" in row):
                    if row[en]:
                        rel = str(path.relative_to(DATA_DIR))
                        out.append((rel, line, f"{en[:-3]}_zh", row[en], row[f"{en[:-3]}_zh"]))
    return out


def test_every_note_of_the_data_is_held_in_both_languages():
    """No `note` or `flag_note` column is left in one language: each is an `_en` / `_zh`
    pair (a lone `note` would reach a 繁體中文 reader in English)."""
    for path in sorted(DATA_DIR.rglob("*.csv")):
        if path.name == "manifest.csv":  # the curator's note on a folder, never shown
            continue
        with path.open(encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh))
        lone = [c for c in header if c in ("note", "flag_note")]
        assert not lone, (path.name, lone)
    notes = [t for t in _twins() if t[2] in ("note_zh", "flag_note_zh")]
    assert len(notes) >= 390  # 400 notes today (25 flag notes, 166 value notes, …)


def test_every_english_text_of_the_data_has_a_chinese_twin():
    """Every English text with a `_zh` twin has it filled; a sentence's twin holds Chinese and
    no English sentence outside a quotation of the document (a formula such as
    "(86 - 77) / 77." stays a formula)."""
    twins = _twins()
    empty = [(f, line, col) for f, line, col, _, zh in twins if not zh]
    assert not empty, empty[:10]
    prose = [t for t in twins if latin_sentences(t[3])]
    assert len(prose) >= 385
    for f, line, col, _, zh in prose:
        assert has_cjk(zh), (f, line, col, zh)
        assert not latin_sentences(zh), (f, line, col, latin_sentences(zh))


def test_a_translated_note_keeps_the_numbers_and_codes_of_the_english():
    """A translation changes the words, never a number or a code: every number and every
    identifier of the English appears in the 繁體中文."""
    number = re.compile(r"(?<![A-Za-z\d.])\d+(?:[.,]\d+)*")  # not the 1 of "Q1"
    code = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+(?:\.[a-z0-9_]+)?\b")
    for f, line, col, en, zh in _twins():
        if col not in ("note_zh", "flag_note_zh"):
            continue
        for token in number.findall(en) + code.findall(en):
            assert token in zh or token.replace(",", "") in zh, (f, line, col, token)


def test_latin_sentences_finds_english_prose_and_passes_names_codes_and_numbers():
    assert latin_sentences("Values by tier; confirmed by 2.8 倍 = 44/16.") == [
        "Values by tier",
        "confirmed by 2.8",
    ]
    assert latin_sentences("這是中文。This note is English; 還有 Zendesk。") == [
        "This note is English"
    ]
    assert latin_sentences("HKACE survey wave") == ["HKACE survey wave"]
    assert latin_sentences("Illustrative example.") == ["Illustrative example"]
    names = "Zendesk 客戶；Hong Kong 與 APAC SMB CX；WhatsApp/WeChat；N=62；(2.4 - 1.7) / 2.4"
    assert latin_sentences(names) == []
    codes = "見 apac_c_unresolved_41_body 與 000_378fe6fa425a9ad9.txt；運算 pct_of"
    assert latin_sentences(codes) == []
    assert latin_sentences("英文原文：「90% of Hong Kong customers expect …」。") == []
