"""English and 繁體中文: the one catalogue of UI strings, and picking a language's labels.

Data labels come from the database (`*_en` / `*_zh` columns); everything else the app says
is here. `tests/test_i18n.py` fails when a key lacks either language.
"""

from __future__ import annotations

import pandas as pd

from cxdash import formatting
from cxdash import i18n_tickets as _tickets

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
    "page_year_over_year": ("Year over year", "逐年比較"),
    "page_hong_kong": ("Hong Kong", "香港"),
    "page_metrics_guide": ("Metrics guide", "指標指南"),
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
    "share_link": ("Link to this view", "此檢視的連結"),
    "share_hint": (
        "The copy button copies it; it opens the same page, filters and language:",
        "按複製鍵即可複製；開啟後為相同的頁面、篩選條件與語言：",
    ),
    "embed": ("Embed", "嵌入"),
    "download_embed": ("Download or embed", "下載或嵌入"),
    "embed_hint": (
        "Paste this into a web page to show this chart, with its source line and a link back, "
        "in the current filters and language:",
        "將以下程式碼貼到網頁中，即可以目前的篩選條件與語言顯示此圖表，並附出處與返回連結：",
    ),
    # URL notices
    "notice_unknown_value": (
        "The link asked for {param} = {value}, which the data does not have; "
        "it was ignored and the default is shown.",
        "連結中的 {param} = {value} 在資料中不存在，已忽略並改用預設值。",
    ),
    "empty_value": ("(empty)", "（空白）"),
    # figure panel
    "table_and_source": ("Table and source", "表格與出處"),
    "download_csv": ("Data (CSV)", "資料 (CSV)"),
    "download_png": ("Image (PNG)", "圖片 (PNG)"),
    "download_svg": ("Image (SVG)", "圖片 (SVG)"),
    "base": ("Base", "樣本數"),
    "tip_row": ("Row", "列"),
    "tip_answer": ("Answer", "答案"),
    "tip_value": ("Value", "數值"),
    "tip_interval": ("95% interval", "95% 信賴區間"),
    "base_not_published": ("not published", "未公布"),
    "source_document": ("Document", "文件"),
    "source_caption": ("Caption in the original", "原文圖表標題"),
    "source_passage": ("Passage in the original", "原文段落"),
    "source_note": ("How it was read", "判讀說明"),
    "source_flag": ("Data note", "資料註記"),
    "interval_note": (
        "95% Wilson intervals for shares with a printed base",
        "附公布樣本數的比例以 Wilson 法計算 95% 信賴區間",
    ),
    "share_export": ("Share & export this view", "分享與匯出此檢視"),
    "make_deck": ("Build slides", "製作簡報"),
    "make_report": ("Build PDF", "製作 PDF"),
    "download_deck": ("Download .pptx", "下載 .pptx"),
    "download_report": ("Download PDF", "下載 PDF"),
    "building": ("Rendering charts…", "正在繪製圖表…"),
    "present": ("Present (one chart per screen)", "簡報模式（每頁一張圖表）"),
    "leave_present": ("Leave presentation mode", "離開簡報模式"),
    "slide_first": ("First", "第一張"),
    "slide_prev": ("Previous", "上一張"),
    "slide_next": ("Next", "下一張"),
    "slide_last": ("Last", "最後一張"),
    "embed_needs_figure": (
        "An embed link needs a chart: ?chart=<figure id>&embed=true",
        "嵌入連結需要指定圖表：?chart=<圖表代碼>&embed=true",
    ),
    "open_in_app": ("Open in CX Survey Explorer", "在客戶體驗調查探索器中開啟"),
    "group_sizes": ("respondent groups", "受訪族群"),
    "group_size": ("respondent group", "受訪族群"),
    "figure_failed": (
        "This figure ({figure}) could not be drawn; the rest of the page is unaffected.",
        "此圖表（{figure}）無法繪製；本頁其他內容不受影響。",
    ),
    "see_source_tab": (
        "how it was resolved is under Table and source",
        "處理方式請見「表格與出處」",
    ),
    # the key to a chart's test marks (tables.marks_key) and its pairwise tests
    "marks_sig": (
        "* differs significantly from another group of this chart, shown or not "
        "(two-proportion z-test, 95%, Holm-corrected).",
        "* 與本圖另一組別（無論是否顯示）有顯著差異（雙比例 z 檢定，95%，Holm 校正）。",
    ),
    "marks_not_sig": (
        "No mark on a tested value: no significant difference.",
        "經檢定而無標記的數值：無顯著差異。",
    ),
    "marks_untested": (
        "Not tested, so no mark either way — {why}.",
        "未檢定，因此不標示有無差異 — {why}。",
    ),
    "marks_pairs": ("Every pair is under Table and source.", "所有配對見「表格與出處」。"),
    "why_mean": (
        "comparisons between averages: the documents publish no spread",
        "平均值之間的比較：文件未公布離散程度",
    ),
    "why_no_base": (
        "comparisons of shares whose base is not published",
        "未公布樣本數的比例之間的比較",
    ),
    "why_not_share": (
        "comparisons of values that are not shares of respondents",
        "非受訪者比例的數值之間的比較",
    ),
    "tests_none": (
        "No comparison in this chart could be tested — {why}.",
        "本圖沒有任何比較可以檢定 — {why}。",
    ),
    "tests_caption": (
        "Pairwise two-proportion z-tests at 95%, p-values adjusted with the Holm–Bonferroni "
        "method over all {n} tested comparisons of this chart's published groups — the filters "
        "change which pairs are listed, never a result.",
        "兩兩比較的雙比例 z 檢定（95%），p 值以 Holm–Bonferroni 法校正本圖所有已公布組別中經檢定的 "
        "{n} 項比較；篩選條件只改變列出哪些組別，不會改變檢定結果。",
    ),
    "not_tested_mean": (
        "not tested: averages, spread not published",
        "未檢定：平均值，未公布離散程度",
    ),
    "not_tested_no_base": ("not tested: base not published", "未檢定：未公布樣本數"),
    "not_tested_not_share": (
        "not tested: not a share of respondents",
        "未檢定：並非受訪者比例",
    ),
    "not_tested_no_comparison": ("no other group to compare with", "無其他組別可比較"),
    "no_interval_base": ("no interval: base not published", "無信賴區間：未公布樣本數"),
    "no_interval_other": (
        "no interval: not a share of respondents",
        "無信賴區間：並非受訪者比例",
    ),
    # a chart's text alternative (cxdash/access.py): its values, then what was tested
    "alt_sig": (
        "significantly different from another group: {groups}",
        "與另一組別有顯著差異：{groups}",
    ),
    "alt_not_sig": ("no significant difference", "無顯著差異"),
    "alt_not_sig_rest": (
        "no significant difference for the others",
        "其餘無顯著差異",
    ),
    "alt_untested_mean": ("averages, not tested", "平均值，未檢定"),
    "alt_untested_no_base": ("base not published, not tested", "未公布樣本數，未檢定"),
    "alt_untested_not_share": (
        "not shares of respondents, not tested",
        "並非受訪者比例，未檢定",
    ),
    "sig_yes": ("significant", "顯著"),
    "sig_no": ("not significant", "不顯著"),
    "col_test_result": ("Test", "檢定"),
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
    "not_published_charts": (
        "None of the charts in this section is published for the current filters ({asked}). "
        "Clear a filter to see them. Each chart and the breakdowns it is published by:",
        "本區的圖表在目前的篩選條件（{asked}）下皆未公布。請清除部分篩選條件。"
        "以下為各圖表及其公布的細分方式：",
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
    "flag_order_inferred": (
        "Chart order worked out from the report's own text",
        "圖表數值順序依報告內文推定",
    ),
    "flag_order_ambiguous": ("Order ambiguous in the source", "原文順序無法確定"),
    "flag_sum_off": ("Shares do not sum to 100", "百分比加總不等於 100"),
    "flag_reported_twice": ("Reported twice with different numbers", "同一數據出現兩個不同數字"),
    "flag_label_missing": ("Label or value missing in the source", "原文缺少標籤或數值"),
    "flag_inconsistent": (
        "The report's numbers here cannot all be right",
        "報告中這些數字彼此矛盾",
    ),
    "flag_base_anomaly": (
        "Printed base is inconsistent with the sample",
        "公布的樣本數與調查樣本不一致",
    ),
    # page intros
    "intro_tiers": (
        "ESG's model splits APAC SMBs into three maturity tiers by how many of seven CX best "
        "practices they follow (Champion: at least 6 of 7). Every tier-broken chart of the "
        "report, in report order.",
        "ESG 依組織符合七項客戶體驗最佳實務的數量，將亞太地區中小企業分為三個成熟度等級"
        "（領航者：至少符合 6 項）。以下依報告順序列出所有按等級細分的圖表。",
    ),
    "intro_countries": (
        "Australia, Japan, Singapore and South Korea side by side on every country callout "
        "(區域差異) of the APAC report, and APAC against other regions.",
        "亞太報告中每一則「區域差異」的澳洲、日本、新加坡與南韓並列比較，以及亞太地區與其他地區的對照。",
    ),
    "intro_channels": (
        "Every figure published for a specific channel, across all the documents: channels "
        "offered and most used, Hong Kong usage and expected change, satisfaction and "
        "first-contact resolution by channel, channel by task.",
        "所有文件中針對特定服務管道公布的數據：提供與最常用的管道、香港的使用情況與預期變化、"
        "各管道的滿意度與首次接觸解決率、各項任務使用的管道。",
    ),
    "intro_hong_kong": (
        "HKACE survey, Dec 2017 – Feb 2018: 500 Hong Kong customers and 358 frontline staff. "
        "Customers vs staff, human vs digital channels.",
        "香港優質顧客服務協會調查，2017 年 12 月至 2018 年 2 月：500 位香港顧客與 358 位前線"
        "顧客服務員。顧客與員工的看法對照、全人接觸與數碼渠道的比較。",
    ),
    "intro_year_over_year": (
        "Every measure published in more than one wave of a survey: each wave against the next, "
        "and the first against the latest, with the change in points and relative to the earlier "
        "wave.",
        "同一調查在多期中皆有公布的所有指標：每一期與下一期比較，以及首期與最新一期比較，"
        "並列出以百分點與相對較早一期計算的變化。",
    ),
    "intro_metrics_guide": (
        "The six customer-service metrics of the guide: definition, formula and benchmark "
        "bands, and the charts in this app that measure each.",
        "指南中的六項客服指標：定義、公式與基準區間，以及本應用程式中衡量各指標的圖表。",
    ),
    "intro_more_reports": (
        "The Zendesk CX agility guide's statistics and the Taiwan customer-service industry "
        "overview.",
        "Zendesk 客戶體驗敏捷性指南的統計數據，以及台灣顧客服務業概況。",
    ),
    "intro_claims": (
        "Every quantitative claim in the documents' text (multipliers, “faster by”, growth), "
        "recomputed from the stored chart values. “Matches” means equal within the rounding "
        "of the printed numbers.",
        "文件內文中的每一項量化主張（倍數、「快 N%」、成長率），依儲存的圖表數值重新計算。"
        "「相符」表示在公布數字的四捨五入範圍內相等。",
    ),
    "page_more_reports": ("More reports", "其他報告"),
    "page_executive": ("Executive summary", "主管摘要"),
    "intro_executive": (
        "Where Champions lead Starters most in the latest wave, and how the four countries "
        "rank on every country callout; below, what moved from the first to the latest wave.",
        "最新一期中領航者領先入門新手最多之處，以及四個國家在每則區域差異中的排名；"
        "下方為從首期到最新一期的變化。",
    ),
    "exec_moved": (
        "What moved most from the first to the latest wave (APAC)",
        "從首期到最新一期變化最大的指標（亞太地區）",
    ),
    "exec_gaps": (
        "Champions vs Starters (latest wave)",
        "領航者與入門新手（最新一期）",
    ),
    "exec_gaps_year": ("Champions vs Starters, {year}", "{year} 年領航者與入門新手"),
    "exec_more_gaps": (
        "All {n} questions by tier, with their tests, are on the Maturity tiers page.",
        "全部 {n} 題的分層結果與檢定，請見「成熟度等級」頁。",
    ),
    "exec_gaps_caption": (
        "Share of Starters and of Champions giving each answer, latest wave (Champion base "
        "{base}; {document}). * the gap is significant (two-proportion z-test, 95%, "
        "Holm-corrected within its question).",
        "入門新手與領航者選擇各答案的比例，最新一期（領航者樣本數 {base}；{document}）。"
        "* 差距具顯著性（雙比例 z 檢定，95%，依題目 Holm 校正）。",
    ),
    "gap_line": (
        "Champions **{champion}** · Starters {starter} · **{gap}**, {verdict}",
        "領航者 **{champion}** · 入門新手 {starter} · **{gap}**，{verdict}",
    ),
    "moves_untestable": (
        "None of these changes can be tested for significance: the report prints no base for "
        "the earlier wave.",
        "以下變化均無法進行顯著性檢定：報告未公布較早一期的樣本數。",
    ),
    "exec_scorecard": ("Country scorecard", "國家計分卡"),
    "scorecard_note": (
        "Colour: rank among the countries a callout reports (1 = highest); text: the published "
        "value; blank: not published for that country. A rank is not a tested difference "
        "(about 60 respondents per country, ±12 points; tests on the Countries page).",
        "顏色：在該則「區域差異」所列國家中的排名（1 = 最高）；文字：公布的數值；空白：報告未提供"
        "該國數字。排名不等於經檢定的差異（每國約 60 位受訪者，誤差約 ±12 個百分點；檢定見「國家與地區」頁）。",
    ),
    "rank": ("Rank", "排名"),
    "side_by_side_hk": (
        "Satisfaction and first-contact resolution by channel, side by side",
        "各渠道的滿意度與首次接觸解決率並列",
    ),
    "side_by_side_caption": (
        "The published values of two figures above, per channel, nothing computed: "
        "{measures}. Base: {bases}. Document: {document}.",
        "上方兩張圖表依渠道並列的公布數值，未另行計算：{measures}。樣本數：{bases}。文件：{document}。",
    ),
    "side_only_in": (
        "Left out: {channels} (only in “{figure}”).",
        "未列入：{channels}（僅見於「{figure}」）。",
    ),
    "takeaway_leader_all": (
        "{country} has the highest Champion share ({value} in {year}), significantly above "
        "every other country shown",
        "{country}的領航者比例最高（{year} 年 {value}），顯著高於所列的其他每個國家",
    ),
    "takeaway_leader_some": (
        "{country} has the highest Champion share ({value} in {year}), significantly above "
        "{over} only",
        "{country}的領航者比例最高（{year} 年 {value}），僅顯著高於{over}",
    ),
    "takeaway_leader_none": (
        "{country} has the highest Champion share ({value} in {year}), though no lead over "
        "another country is significant",
        "{country}的領航者比例最高（{year} 年 {value}），但對其他國家的領先均不顯著",
    ),
    "takeaway_lowest": (
        "{country} has the lowest value on {k} of the {n} country callouts",
        "{country}在 {n} 則區域差異中有 {k} 則數值最低",
    ),
    "takeaway_lowest_all": (
        "{country} has the lowest value on every one of the {n} country callouts",
        "{country}在全部 {n} 則區域差異中數值皆為最低",
    ),
    "vs_starter": ("vs Starter", "（與入門新手相比）"),
    "tier_champion_short": ("Champions", "領航者"),
    "tier_starter_short": ("Starters", "入門新手"),
    "explore_survey": ("Explore all {n} figures of this document", "瀏覽本文件全部 {n} 張圖表"),
    "cards_hidden": (
        "{n} headline card(s) of this document are not published for the current filters "
        "({asked}).",
        "本文件有 {n} 張重點卡片在目前的篩選條件下未公布（{asked}）。",
    ),
    "more_apac": (
        "More APAC findings (region-wide statistics)",
        "更多亞太地區調查發現（全區統計）",
    ),
    "moe_line": ("±{moe} pts at {conf}% confidence", "{conf}% 信賴水準下誤差 ±{moe} 個百分點"),
    "not_testable_base": ("not testable: base not published", "無法檢定：未公布樣本數"),
    "not_testable_mean": (
        "no interval: an average, spread not published",
        "無信賴區間：平均值，未公布離散程度",
    ),
    "col_measure": ("Measure", "指標"),
    "col_comparability": ("Comparability", "可比較性"),
    "col_change_points": ("Change (points)", "變化（百分點）"),
    "col_change_relative": ("Relative change", "相對變化"),
    "formula": ("Formula", "公式"),
    "no_formula": ("the article gives none", "文章未提供"),
    "lower_is_better": ("Lower is better.", "數值越低越好。"),
    "higher_is_better": ("Higher is better.", "數值越高越好。"),
    "measured_by": ("Charts in this app that measure it", "本應用程式中衡量此指標的圖表"),
    "measured_by_none": ("None of the surveys publishes this metric.", "各調查均未公布此指標。"),
    "search": ("Search figures", "搜尋圖表"),
    "search_hint": (
        "e.g. first response, 首次回應, Japan, chat",
        "例如：首次回應、first response、日本、chat",
    ),
    "n_matches": ("{n} of {total} figures match", "{total} 張圖表中有 {n} 張符合"),
    "no_matches": (
        "No figure matches: try fewer or other words.",
        "沒有符合的圖表：請減少或更換關鍵字。",
    ),
    "figure": ("Figure", "圖表"),
    "col_status": ("Status", "狀態"),
    "col_topic": ("Topic", "主題"),
    "col_claim": ("Claim", "主張"),
    "col_original": ("Original text", "原文"),
    "col_published": ("Published", "公布值"),
    "col_recomputed": ("Recomputed", "重新計算值"),
    "col_difference": ("Difference", "差異"),
    "col_inputs": ("Inputs (stored values)", "計算依據（儲存的數值）"),
    "col_note": ("Note", "說明"),
    "col_chart": ("Chart", "圖表"),
    "col_figure": ("Figure", "圖表"),
    "open_chart": ("open chart", "開啟圖表"),
    "status_matches": ("Matches within rounding", "在四捨五入範圍內相符"),
    "status_differs": ("Differs", "不相符"),
    "status_not_recomputable": ("Cannot be recomputed", "無法重新計算"),
    "contradictions": ("Where a document contradicts itself", "文件自相矛盾之處"),
    "contradictions_intro": (
        "The same quantity printed with two different numbers: both are kept, with their sources.",
        "同一數據在文件中出現兩個不同的數字：兩者皆保留並附出處。",
    ),
    "subgroup_margins": ("Margin of error for every printed base", "各公布樣本數的誤差範圍"),
    "subgroup_margins_intro": (
        "Worst case (p = 50%), 95% confidence: the same formula that gives the report's "
        "±6 points at n = 265.",
        "最保守情況（p = 50%）、95% 信賴水準：與報告中 n = 265 時誤差 ±6 個百分點的公式相同。",
    ),
    "downloads": ("Download the data", "下載資料"),
    "download_cx_full": ("All {n} values ({fmt})", "全部 {n} 筆數值（{fmt}）"),
    "download_cx_filtered": ("Filtered: {n} values ({fmt})", "篩選後：{n} 筆數值（{fmt}）"),
    "values_total": ("published values in the dataset", "筆已公布數值"),
    "respondents": ("Respondents and sample", "受訪者與樣本"),
    "col_survey": ("Survey", "調查"),
    "col_publisher": ("Publisher", "發布者"),
    "col_population": ("Population", "調查對象"),
    "col_fieldwork": ("Fieldwork", "調查期間"),
    "col_moe_stated": ("Stated margin (pts)", "公布的誤差（百分點）"),
    "col_moe_recomputed": ("Margin from n (pts)", "依 n 計算的誤差（百分點）"),
    "col_counts": ("Figures / values / claims", "圖表 / 數值 / 主張"),
    "col_n_figures": ("Figures", "圖表數"),
    # columns
    "col_value": ("Value", "數值"),
    "col_option": ("Answer", "選項"),
    "col_tier": ("Tier", "等級"),
    "col_country": ("Country / region", "國家 / 地區"),
    # benchmark yourself
    "page_benchmark": ("Benchmark yourself", "自我評比"),
    "intro_benchmark": (
        "Where would your company sit? Answer the seven practices the APAC report uses to "
        "define its tiers, and any service metrics you track: each is placed against the "
        "published tier values and the six-metrics guide's bands, with their sources.",
        "貴公司會落在哪個等級？回答亞太地區報告用來區分成熟度等級的七項實務，以及您有追蹤的服務指標："
        "每一項都會與公布的各等級數值及六大指標指南的級距比較，並附上出處。",
    ),
    "bm_private": (
        "Private by default: nothing you enter is stored or sent anywhere; it stays in this "
        "browser session, and goes into the address bar only when you make a share link.",
        "預設不公開：您輸入的內容不會儲存或傳送到任何地方，只保留在此瀏覽工作階段；"
        "唯有在您建立分享連結時才會放進網址。",
    ),
    "bm_practices": ("The seven practices of Champions", "領航者的七大特質"),
    "bm_practices_caption": (
        "As the report lists them (領航者的七大特質), grouped by its three pillars. Tick "
        "each practice your organisation has.",
        "依報告所列（領航者的七大特質），按三大面向分組。請勾選貴組織具備的每一項實務。",
    ),
    "bm_count_label": ("Practices your organisation has", "貴組織具備的實務"),
    "bm_meets": (
        "Meets the report's Champion rule: at least {min} of the {of} practices.",
        "符合報告的領航者標準：{of} 項中至少符合 {min} 項。",
    ),
    "bm_unanswered": (
        "Tick the practices your organisation has to see whether it meets the report's "
        "Champion rule: at least {min} of the {of} practices.",
        "請勾選貴組織具備的實務，以查看是否符合報告的領航者標準：{of} 項中至少符合 {min} 項。",
    ),
    "bm_not_meets": (
        "Does not meet the report's Champion rule: at least {min} of the {of} practices.",
        "未達報告的領航者標準：{of} 項中至少符合 {min} 項。",
    ),
    "bm_no_cut": (
        "The report does not publish where Emerging ends and Starter begins, so the app does "
        "not place a company below Champion in one of them.",
        "報告未公布耀眼新秀與入門新手的分界，因此本應用程式不會將未達領航者的公司歸入其中任一等級。",
    ),
    "bm_tier_mix": ("Published tier mix", "公布的成熟度分布"),
    "bm_metrics": ("Service metrics", "服務指標"),
    "bm_metrics_caption": (
        "Optional: enter the measures you track, in the unit shown. Each is placed on the "
        "tiers' published values (APAC SMBs, 2021) and, where the six-metrics guide gives "
        "them, on its bands.",
        "選填：以所示單位輸入您有追蹤的指標。每一項都會與各等級公布的數值（2021 年亞太地區中小企業）"
        "比較，並在六大指標指南提供級距時對照其級距。",
    ),
    "bm_input": ("{name} ({unit})", "{name}（單位：{unit}）"),
    "bm_between": (
        "Between {better} and {worse}.",
        "介於{better}與{worse}之間。",
    ),
    "bm_better_all": (
        "Better than every tier's published value, the best being {tier}.",
        "優於所有等級公布的數值（最佳為{tier}）。",
    ),
    "bm_behind_all": (
        "Behind every tier's published value, the weakest being {tier}.",
        "落後於所有等級公布的數值（最弱為{tier}）。",
    ),
    "bm_equal_tier": ("Equal to {tier}.", "與{tier}相同。"),
    "bm_no_tier_values": (
        "The maturity report publishes no tier values for this measure.",
        "成熟度報告未公布此指標的各等級數值。",
    ),
    "bm_band": ("Six-metrics guide: {band}.", "六大指標指南：{band}。"),
    "bm_no_band": (
        "Six-metrics guide: in none of the bands it names ({bands}).",
        "六大指標指南：不在其列出的任何級距內（{bands}）。",
    ),
    "bm_you": ("You", "貴公司"),
    "bm_not_a_number": ("not a number", "不是數字"),
    "bm_out_of_range": (
        "outside the accepted range, {low} to {high}",
        "超出可接受範圍（{low} 至 {high}）",
    ),
    "bm_bad_practices": (
        "practices must be {n} marks, each 1, 0 or -",
        "實務答案須為 {n} 個符號，每個為 1、0 或 -",
    ),
    "bm_unknown_answer": ("not a measure this page knows", "本頁不認得此指標"),
    "bm_refused": (
        "Your answer {field}: {value} was not used — {reason}.",
        "您的答案 {field}：{value} 未採用 — {reason}。",
    ),
    "bm_cannot_say": (
        "What this comparison cannot say",
        "此比較無法說明的事",
    ),
    "bm_caveats": (
        "- **A company is not a sample.** The tier values describe groups of surveyed SMBs; "
        "one company's number beside them is a reference point, not a test.\n"
        "- **Tier values are averages of companies** (each respondent's own estimate), with "
        "no spread published, so they carry no interval.\n"
        "- **The bands come from a different document and population** (the six-metrics "
        "guide, not the APAC survey); they are rules of thumb, not survey results.",
        "- **單一公司不是樣本。** 各等級數值描述的是受訪中小企業群體；將單一公司的數字放在旁邊僅供參考，"
        "並非統計檢定。\n"
        "- **等級數值是各公司的平均**（每位受訪者自行估計），未公布離散程度，因此沒有信賴區間。\n"
        "- **級距來自另一份文件與母體**（六大指標指南，而非亞太地區調查）；屬經驗法則，而非調查結果。",
    ),
    "bm_share": ("Make a share link", "建立分享連結"),
    "bm_share_note": (
        "This link carries your answers; anyone who opens it sees them.",
        "此連結包含您的答案；任何開啟連結的人都會看到。",
    ),
    "bm_from_link": (
        "Answers loaded from the link you opened.",
        "已從您開啟的連結載入答案。",
    ),
    "bm_source": ("Sources", "出處"),
    "bm_profile_title": (
        "Your company's answers (entered by you, not from the documents)",
        "貴公司的答案（由您輸入，非出自文件）",
    ),
    "bm_profile_none": (
        "No answers in this view: make a share link on the page to carry them here.",
        "此檢視沒有答案：請在頁面上建立分享連結以帶入答案。",
    ),
    "col_channel": ("Channel", "管道"),
    "col_year": ("Year", "年份"),
    "col_group": ("Respondents", "受訪族群"),
    "col_base": ("Base N", "樣本數 N"),
    "col_ci": ("95% interval", "95% 信賴區間"),
    "col_flag": ("Flag", "註記"),
    # documents (PDF, deck)
    "doc_page_name": ("Page", "頁面"),
    "doc_no_intervals": ("95% intervals hidden", "未顯示 95% 信賴區間"),
    "doc_made": ("Made {date} · {n} figure(s)", "製作日期：{date} · 共 {n} 張圖表"),
    "doc_reopen": ("Reopen this view", "重新開啟此檢視"),
    "doc_sources": ("Sources", "資料來源"),
    "doc_contents": ("Contents", "目錄"),
    "doc_page": ("Page {n} / {total}", "第 {n} / {total} 頁"),
    "doc_method": ("Method notes", "方法說明"),
    "doc_population": ("Who was asked", "調查對象"),
    "doc_sample": (
        "Sample: n = {n}; stated margin of error ±{moe} points at {conf}% confidence",
        "樣本數 n = {n}；公布的誤差為 {conf}% 信賴水準下 ±{moe} 個百分點",
    ),
    "doc_sample_n": ("Sample: n = {n}", "樣本數 n = {n}"),
    "doc_statistics": (
        "Intervals are 95% Wilson intervals computed from the printed value and its printed "
        "base; averages and values without a printed base get none. An asterisk (*) marks a "
        "share significantly different from another group of the same chart (two-proportion "
        "z-test, Holm-corrected over all the chart's published groups). Comparisons between "
        "averages, or of shares without a printed base, are not tested: no mark says whether "
        "they differ, and the tables say “not tested” with the reason.",
        "信賴區間為依公布數值及其公布樣本數計算的 95% Wilson 區間；平均值及未公布樣本數的數值不附區間。"
        "星號 (*) 表示該比例與同一圖表中其他族群有顯著差異（雙比例 z 檢定，以本圖所有已公布組別做 Holm 校正）。"
        "平均值之間的比較，或未公布樣本數的比例之間的比較，均未檢定：不標示有無差異，表格會註明「未檢定」及原因。",
    ),
    "doc_flags": ("Data notes on the figures shown", "本文件圖表的資料註記"),
    "doc_no_flags": (
        "None of the figures shown carries a data note.",
        "本文件的圖表均無資料註記。",
    ),
    "doc_not_shown": (
        "Not published for this selection (so not in this document): {titles}",
        "未就此篩選條件公布（因此未收錄）：{titles}",
    ),
    # waves and data health
    "yoy_needs_two_years": (
        "Year-over-year pairs need two waves: clear the Year filter or select at least two years.",
        "逐年比較需要兩期資料：請清除「年份」篩選或至少選取兩個年份。",
    ),
    "col_waves": ("Waves", "期別"),
    "col_earlier": ("Earlier wave", "較早一期"),
    "col_later": ("Later wave", "較新一期"),
    "yoy_none_testable": (
        "No change on this page can be tested for significance: the report prints no base "
        "(number of respondents) for {years}, so each change is shown as published, untested.",
        "本頁的變化均無法進行顯著性檢定：報告未公布 {years} 年的樣本數（受訪者人數），"
        "因此各項變化僅依公布數值呈現，未經檢定。",
    ),
    "yoy_some_untestable": (
        "Changes involving {years} cannot be tested for significance: the report prints no "
        "base (number of respondents) for it. The others are tested (two-proportion z-test, "
        "95%).",
        "涉及 {years} 年的變化無法進行顯著性檢定：報告未公布該期的樣本數（受訪者人數）。"
        "其他變化均已檢定（雙比例 z 檢定，95%）。",
    ),
    "col_test_waves": ("Test (earlier vs later wave)", "檢定（較早一期對較新一期）"),
    "step_first_to_last": ("first → latest wave", "首期 → 最新一期"),
    "comparability_waves": (
        "{year_from}: {note_from}; base {n_from}. {year_to}: {note_to}; base {n_to}.",
        "{year_from} 年：{note_from}；樣本數 {n_from}。{year_to} 年：{note_to}；樣本數 {n_to}。",
    ),
    "vs_year": ("vs {year}", "（與 {year} 年相比）"),
    "data_stale": (
        "The data files on disk do not build, so this shows the last good data. "
        "What failed is on Sources & method.",
        "磁碟上的資料檔無法建置，因此目前顯示最後一次成功建置的資料。失敗原因請見「資料來源與方法」。",
    ),
    "data_health": ("Data health", "資料狀態"),
    "data_health_ok": (
        "The database is built from the data files on disk; every check passed.",
        "資料庫由磁碟上的資料檔建置，所有檢查皆已通過。",
    ),
    "data_health_failed": (
        "The data files on disk failed to build; the app shows the last good database, "
        "built {built}. What failed (file, line, column, reason):",
        "磁碟上的資料檔建置失敗；本應用程式顯示最後一次成功建置的資料庫（建置於 {built}）。"
        "失敗之處（檔案、行、欄、原因）：",
    ),
    "no_database": (
        "No database could be built from the data files, and there is no earlier one to show.",
        "無法從資料檔建置資料庫，也沒有先前的資料庫可顯示。",
    ),
    "data_health_building": (
        "The data files changed; the database is being rebuilt. Until then this shows the "
        "previous data.",
        "資料檔已變更，資料庫正在重新建置；完成前顯示先前的資料。",
    ),
    # respondent-level data (cxdash/respondents/): always labelled as the user's own
    "cite_dataset": ("Your data: {name}", "您的資料：{name}"),
    "fictional": ("FICTIONAL", "虛構資料（FICTIONAL）"),
    "filter_dataset": ("Data", "資料"),
    "dataset_published": ("The published reports", "已發表的報告"),
    "filter_answer": ("Only respondents who answered", "僅限如此作答的受訪者"),
    "dataset_banner": (
        "Drawn from **your data: {name}** ({n} respondents{fictional}, imported {when}), "
        "never mixed with the published values. Beside each figure: the report's value of the "
        "same question.",
        "以下圖表依**您的資料：{name}**（{n} 位受訪者{fictional}，匯入於 {when}）重新計算，"
        "從不與已發表的數值混合。每張圖表旁附報告中同一題的數值。",
    ),
    "dataset_cut": (
        "Tiers: your cut (Emerging = {k}–5 practices, Starter = fewer); Champion = at least 6 "
        "of 7 practices, the report's rule. The report publishes no Emerging/Starter cut.",
        "等級：您的分界（耀眼新秀 = 符合 {k}–5 項實務，入門新手 = 更少）；領航者 = 7 項中至少符合 "
        "6 項，為報告的規則。報告未公布耀眼新秀與入門新手的分界。",
    ),
    "dataset_no_cut": (
        "Tiers: Champion (at least 6 of 7 practices, the report's rule) vs not Champion; the "
        "report publishes no Emerging/Starter cut and your mapping declares none.",
        "等級：領航者（7 項實務中至少符合 6 項，為報告的規則）與非領航者；報告未公布耀眼新秀與"
        "入門新手的分界，您的對應檔亦未宣告。",
    ),
    "dataset_answers": (
        "Only respondents who answered: {answers}.",
        "僅限如此作答的受訪者：{answers}。",
    ),
    "published_beside": (
        "The report, same question: {values} — {source}",
        "報告同一題：{values} — {source}",
    ),
    "published_none": (
        "The report prints no value of this question for these groups.",
        "報告未印出這些組別在此題的數值。",
    ),
    "col_eff_base": ("Effective base", "有效樣本數"),
    "col_letter": ("Letter", "代號"),
    "col_higher": ("Significantly higher than", "顯著高於"),
    "col_report": ("The report", "報告數值"),
    "source_question": ("Question asked", "所問題目"),
    "marks_letters": (
        "Letters (under Table and source): each group has a letter; a value lists the groups it is "
        "significantly higher than (95%, Holm within the chart and dimension). * marks a value "
        "significantly different from another group. Weighted; intervals on the effective base.",
        "代號（見「表格與出處」）：每個組別各有一個代號；數值列出其顯著高於的組別（95%，於本圖及該維度內以 "
        "Holm 校正）。* 表示與另一組別有顯著差異。已加權；信賴區間以有效樣本數計算。",
    ),
    "resp_tests_caption": (
        "Pairwise tests at 95% (two-proportion z on effective bases for shares, Welch's t for "
        "averages), Holm-adjusted within each dimension: {n} comparisons.",
        "兩兩比較檢定（95%；比例以有效樣本數做雙比例 z 檢定，平均值以 Welch t 檢定），於各維度內以 "
        "Holm 校正：共 {n} 項比較。",
    ),
    "not_tested_small_base": ("not tested: effective base under 2", "未檢定：有效樣本數少於 2"),
    "not_tested_no_variance": (
        "not tested: every answer the same in each group",
        "未檢定：各組內所有答案皆相同",
    ),
    "some_not_redrawn": (
        "{n} figure(s) on this page are not redrawn from your data (no question of its "
        "questionnaire answers them, or none of its respondents is left by the filters)",
        "本頁有 {n} 張圖表未以您的資料重繪（問卷中沒有對應的題目，或篩選後沒有受訪者）",
    ),
    "none_redrawn": (
        "None of the charts in this section is redrawn from your data for the current filters "
        "({asked}): no question of its questionnaire answers them, or no respondent is left.",
        "本區的圖表在目前的篩選條件（{asked}）下皆未以您的資料重繪：問卷中沒有對應的題目，或篩選後"
        "沒有受訪者。",
    ),
    "skip_to_content": ("Skip to content", "跳至主要內容"),
    "published_only_page": (
        "This page shows the published reports only: your data is drawn on the pages of its "
        "figures (Maturity tiers, Countries, Channels, Hong Kong…).",
        "本頁僅呈現已發表的報告：您的資料繪製於其圖表所在的頁面（成熟度等級、國家與地區、服務管道、香港…）。",
    ),
    "published_section": (
        "From the published reports, not your data:",
        "以下出自已發表的報告，並非您的資料：",
    ),
    "no_respondent_figure": (
        "Your dataset's questions do not redraw this figure.",
        "您資料集的題目無法重繪此圖表。",
    ),
    "page_your_data": ("Your data", "您的資料"),
    "intro_your_data": (
        "Load a survey's own respondent file and every figure of the app is recomputed from it "
        "— weighted, with effective bases, intervals and significance letters — sliced on every "
        "dimension at once, beside the report's value of the same question.",
        "載入調查本身的受訪者檔案，本應用程式的每張圖表都會依此重新計算（加權，附有效樣本數、信賴區間及"
        "顯著性代號），可同時依各維度切分，並與報告中同一題的數值並列。",
    ),
    "up_private_note": (
        "Private by default: a file loaded here is visible only to this browser session, stays on "
        "this machine and is deleted with the session or by you. A share link names the dataset, "
        "never its rows. Datasets imported on the command line (CX_RESPONDENTS_DIR) are offered "
        "to every session of this server.",
        "預設為私人：在此載入的檔案僅本瀏覽器工作階段可見，留在本機，並於工作階段結束或由您刪除。分享"
        "連結只會指名資料集，絕不包含其資料列。以命令列匯入（CX_RESPONDENTS_DIR）的資料集則提供給本"
        "伺服器的所有工作階段。",
    ),
    "up_datasets": ("Datasets you can open", "您可開啟的資料集"),
    "up_none": ("None yet: load one below.", "尚無資料集：請於下方載入。"),
    "up_private": ("this session only", "僅限本工作階段"),
    "up_shared": ("imported on the command line", "以命令列匯入"),
    "up_delete": ("Delete", "刪除"),
    "up_load": ("Load a respondent file", "載入受訪者檔案"),
    "up_instrument": ("Questionnaire", "問卷"),
    "up_instrument_apac": (
        "APAC SMB CX maturity (ESG for Zendesk)",
        "亞太中小企業客戶體驗成熟度（ESG 為 Zendesk 製作）",
    ),
    "up_instrument_hk": ("Hong Kong customer service (HKACE)", "香港客戶服務（香港客戶中心協會）"),
    "up_file": (
        "Respondent file (CSV, Parquet or SPSS .sav)",
        "受訪者檔案（CSV、Parquet 或 .sav 檔）",
    ),
    "up_mapping": ("Mapping file (TOML)", "對應檔（TOML）"),
    "up_name": ("Name (optional)", "名稱（選填）"),
    "up_import": ("Check and load", "檢查並載入"),
    "up_need_both": ("Choose a respondent file and its mapping.", "請選擇受訪者檔案及其對應檔。"),
    "up_checking": ("Checking every row…", "正在檢查每一列…"),
    "up_refused": (
        "Nothing was loaded: {n} problem(s), each with file, row and column.",
        "未載入任何資料：共 {n} 個問題，各附檔案、列與欄。",
    ),
    "up_done": (
        "Loaded {n} respondents as {name}: the sidebar now draws every page from them.",
        "已載入 {n} 位受訪者，名為 {name}：側邊欄現在以此資料繪製每一頁。",
    ),
    "up_synth": (
        "Draw a FICTIONAL dataset ({n} respondents) to try it",
        "產生虛構資料集（{n} 位受訪者）試用",
    ),
    "up_cli": ("On the command line", "使用命令列"),
    "up_cli_note": (
        "Large files (a million respondents) import faster here, and are offered to every session.",
        "大型檔案（一百萬位受訪者）以命令列匯入較快，並提供給所有工作階段。",
    ),
    # stories (cxdash/story.py, captions.py, ui/storyboard.py, pages/story.py)
    "page_story": ("Story", "故事"),
    "intro_story": (
        "A sequence of views, each one chart with one sentence, to present or export in this "
        "order. The story lives in the link only: nothing is kept on the server.",
        "一連串的檢視，每一步一張圖表與一句話，可依此順序簡報或匯出。故事只存在於連結中：伺服器不保存任何內容。",
    ),
    "cap_significant": (
        "{first} vs {second}: {diff} higher, significant after the chart's Holm correction ({p}).",
        "{first} 對 {second}：高出 {diff}，經本圖 Holm 校正後差異顯著（{p}）。",
    ),
    "cap_not_significant": (
        "{first} vs {second}: the difference is not significant after the chart's Holm "
        "correction ({p}).",
        "{first} 對 {second}：經本圖 Holm 校正後差異不顯著（{p}）。",
    ),
    "cap_not_tested": (
        "{first} vs {second}: the difference was not tested ({why}).",
        "{first} 對 {second}：此差異未經檢定（{why}）。",
    ),
    "cap_no_test": (
        "{values} (no difference between groups is tested here).",
        "{values}（此處未檢定組別之間的差異）。",
    ),
    "cap_points": ("{n} points", "{n} 個百分點"),
    "story_add": ("Add to story", "加入故事"),
    "story_sentence": ("Sentence", "說明文字"),
    "story_sentence_help": (
        "Prefilled with a sentence computed from the chart's values and tests; edit it to "
        "write your own (it is then labelled as yours).",
        "預先填入依圖表數值與檢定計算出的句子；修改後即為您自己的句子（並標示為您所寫）。",
    ),
    "story_with_answers": (
        "Include my benchmark answers in the link",
        "在連結中包含我的自我評比答案",
    ),
    "story_added": ("Added as step {n} of the story.", "已加入為故事的第 {n} 步。"),
    "story_sidebar": ("Story: {n} steps", "故事：{n} 步"),
    "story_open": ("Open the story", "開啟故事"),
    "story_empty": (
        "The story is empty. On any page, open a chart's *Add to story* to add it with a sentence.",
        "故事目前是空的。在任何頁面開啟圖表的「加入故事」，即可連同一句話加入。",
    ),
    "story_own": ("presenter's words", "簡報者的文字"),
    "story_suggested": (
        "suggested by the app from the chart's tests",
        "由本應用程式依圖表檢定提出",
    ),
    "story_step": ("Step {n}", "第 {n} 步"),
    "story_up": ("Move up", "上移"),
    "story_down": ("Move down", "下移"),
    "story_remove": ("Remove", "移除"),
    "story_use_suggested": ("Use the suggested sentence", "改用建議的句子"),
    "story_present": ("Present the story", "簡報此故事"),
    "story_view": ("Open this view", "開啟此檢視"),
    "story_not_published": (
        "This chart is not published for this step's filters ({asked}).",
        "此步驟的篩選條件（{asked}）沒有已發表的此圖表。",
    ),
    "story_too_long": (
        "The story in this link was longer than {limit} characters; the rest was left out.",
        "此連結中的故事超過 {limit} 個字元；其餘部分已略去。",
    ),
    "story_version": (
        "The story in this link is in a format this app does not know ({value}); it was not "
        "opened.",
        "此連結中的故事格式（{value}）無法辨識；未開啟。",
    ),
    "story_too_many": (
        "The story in this link has {value} steps; a story holds at most {limit}, so the rest "
        "were left out.",
        "此連結中的故事有 {value} 步；故事最多 {limit} 步，其餘已略去。",
    ),
    "story_unreadable": (
        "Story step {step} could not be read (the link may have been cut or altered) and was "
        "left out: {value}",
        "故事第 {step} 步無法讀取（連結可能被截斷或修改），已略去：{value}",
    ),
    "story_step_value": (
        "Story step {step} asked for {param} = {value}, which the data does not have; it was "
        "ignored.",
        "故事第 {step} 步中的 {param} = {value} 在資料中不存在，已忽略。",
    ),
    "story_text_cut": (
        "Story step {step}: its sentence was longer than {limit} characters and was cut.",
        "故事第 {step} 步：說明文字超過 {limit} 個字元，已截短。",
    ),
}

STRINGS.update(_tickets.STRINGS)


def has(key: str) -> bool:
    return key in STRINGS


def t(key: str, lang: str, **fmt: object) -> str:
    """The UI string `key` in `lang`, formatted with `fmt`."""
    en, zh = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**fmt) if fmt else text


def _picks(columns, lang: str) -> list[tuple[str, str, str | None]]:
    """(neutral column, the language's column, the English to fall back on or None) of each
    language column: `x_label_en`/`x_label_zh` -> `x_label`, `x_en` -> `x`."""
    suffix = "_zh" if lang == "zh" else "_en"
    out = []
    for col in columns:
        if col.endswith(suffix):
            base = col[: -len(suffix)]
            fallback = f"{base}_en" if suffix == "_zh" and f"{base}_en" in columns else None
            out.append((base, col, fallback))
    return out


def pick(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add language-neutral columns: `x_label_en`/`x_label_zh` -> `x_label`, `x_en` -> `x`
    (a missing `x_zh` falls back to `x_en`). Added at once: one by one, each added column
    rebuilt a wide frame's blocks."""
    picked = {}
    for base, col, fallback in _picks(df.columns, lang):
        own = df[col]
        if fallback is not None and not own.notna().all():
            own = own.where(own.notna(), df[fallback])
        picked[base] = own
    return df.assign(**picked)


def pick_records(records: list[dict], lang: str) -> list[dict]:
    """`pick` of rows as dicts (formatting.records): each a new dict with the neutral keys."""
    if not records:
        return []
    picks = _picks(list(records[0]), lang)
    out = []
    for r in records:
        r = dict(r)
        for base, col, fallback in picks:
            own = r[col]
            r[base] = r[fallback] if fallback is not None and formatting.missing(own) else own
        out.append(r)
    return out
