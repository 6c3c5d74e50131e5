"""English and 繁體中文: every UI string and every dimension label exists in both."""

from __future__ import annotations

import re

from cxdash import i18n
from cxdash.paths import ROOT
from cxdash.tables import FLAG_KEYS
from tests.conftest import PAGES


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
