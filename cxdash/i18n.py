"""English and 繁體中文: the one catalogue of UI strings, and picking a language's labels.

Data labels come from the database (`*_en` / `*_zh` columns); everything else the app says
is here. `tests/test_i18n.py` fails when a key lacks either language.
"""

from __future__ import annotations

import pandas as pd

LANGUAGES = {"en": "English", "zh": "繁體中文"}
DEFAULT_LANGUAGE = "en"

STRINGS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("CX Survey Explorer", "客戶體驗調查探索器"),
    "app_tagline": (
        "Published customer-experience survey results, every number sourced.",
        "已發表的客戶體驗調查結果，每個數字皆附出處。",
    ),
    "page_overview": ("Overview", "總覽"),
    "page_tiers": ("Maturity tiers", "成熟度等級"),
    "page_countries": ("Countries", "國家與地區"),
    "page_channels": ("Channels", "服務管道"),
    "page_yoy": ("Year over year", "逐年比較"),
    "page_hongkong": ("Hong Kong", "香港"),
    "page_metrics": ("Metrics guide", "指標指南"),
    "page_explore": ("Explore", "探索"),
    "page_claims": ("Claim audit", "主張查核"),
    "page_sources": ("Sources & method", "資料來源與方法"),
    "nav_findings": ("Findings", "調查發現"),
    "nav_reference": ("Reference", "參考資料"),
    # sidebar
    "language": ("Language", "語言"),
    "filters": ("Filters", "篩選條件"),
    "filter_survey": ("Survey", "調查"),
    "filter_tier": ("Maturity tier", "成熟度等級"),
    "filter_country": ("Country / region", "國家 / 地區"),
    "filter_channel": ("Channel", "服務管道"),
    "filter_year": ("Year", "年份"),
    "filter_all": ("All", "全部"),
    "intervals_toggle": ("Show 95% intervals", "顯示 95% 信賴區間"),
    "reset_filters": ("Reset filters", "重設篩選條件"),
    "share_hint": (
        "The address bar holds this view: copy it to share exactly what you see.",
        "網址列即代表目前畫面：複製網址即可分享相同的檢視。",
    ),
    # URL notices
    "notice_unknown_value": (
        "The link asked for {param} = “{value}”, which the data does not have; "
        "it was ignored and the default is shown.",
        "連結中的 {param} =「{value}」在資料中不存在，已忽略並改用預設值。",
    ),
    # figure panel
    "tab_chart": ("Chart", "圖表"),
    "tab_table": ("Table", "表格"),
    "tab_source": ("Source", "出處"),
    "download_csv": ("Data (CSV)", "資料 (CSV)"),
    "download_png": ("Image (PNG)", "圖片 (PNG)"),
    "download_svg": ("Image (SVG)", "圖片 (SVG)"),
    "base": ("Base", "樣本數"),
    "base_not_published": ("base not published", "未公布樣本數"),
    "source_document": ("Document", "文件"),
    "source_caption": ("Caption in the original", "原文圖表標題"),
    "source_passage": ("Passage in the original", "原文段落"),
    "source_note": ("How it was read", "判讀說明"),
    "source_flag": ("Data note", "資料註記"),
    "low_base": ("Base under 30: read with care", "樣本數少於 30，請審慎解讀"),
    "not_published": (
        "The documents do not publish “{title}” for this selection ({asked}). "
        "They publish it by: {available}.",
        "文件並未就此篩選條件（{asked}）公布「{title}」。文件公布的細分方式為：{available}。",
    ),
    "some_not_published": (
        "{n} figure(s) on this page are not published for the current filters — which "
        "breakdowns they have",
        "本頁有 {n} 張圖表未就目前篩選條件公布數據 — 查看其公布的細分方式",
    ),
    "not_published_page": (
        "The documents publish nothing on this page for the current filters ({asked}). "
        "Clear a filter to see the figures. Each figure below and the breakdowns it is "
        "published by:",
        "文件未就目前的篩選條件（{asked}）公布本頁的任何數據。請清除部分篩選條件。"
        "以下為各圖表及其公布的細分方式：",
    ),
    "survey_filtered_out": (
        "This page shows the {survey}, which the Survey filter excludes.",
        "本頁顯示「{survey}」，但已被「調查」篩選條件排除。",
    ),
    "flag_order_inferred": ("Order resolved from the text", "順序依內文推定"),
    "flag_order_ambiguous": ("Order ambiguous in the source", "原文順序無法確定"),
    "flag_sum_off": ("Shares do not sum to 100", "百分比加總不等於 100"),
    "flag_reported_twice": ("Reported twice with different numbers", "同一數據出現兩個不同數字"),
    "flag_label_missing": ("Label or value missing in the source", "原文缺少標籤或數值"),
    "flag_base_anomaly": ("Printed base is inconsistent with the sample", "公布的樣本數與調查樣本不一致"),
    # columns
    "col_value": ("Value", "數值"),
    "col_option": ("Answer", "選項"),
    "col_tier": ("Tier", "等級"),
    "col_country": ("Country / region", "國家 / 地區"),
    "col_channel": ("Channel", "管道"),
    "col_year": ("Year", "年份"),
    "col_group": ("Respondents", "受訪族群"),
    "col_base": ("Base N", "樣本數 N"),
    "col_ci": ("95% interval", "95% 信賴區間"),
    "col_flag": ("Flag", "註記"),
}


def t(key: str, lang: str, **fmt: object) -> str:
    """The UI string `key` in `lang`, formatted with `fmt`."""
    en, zh = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**fmt) if fmt else text


def pick(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add language-neutral columns: `x_label_en`/`x_label_zh` -> `x_label`, `x_en` -> `x`."""
    out = df.copy()
    suffix = "_zh" if lang == "zh" else "_en"
    for col in list(out.columns):
        if col.endswith(suffix):
            base = col[: -len(suffix)]
            fallback = f"{base}_en"
            out[base] = out[col].where(out[col].notna(), out.get(fallback))
    return out
