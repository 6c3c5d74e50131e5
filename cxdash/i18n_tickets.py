"""UI strings of the ticket-log page and its link from Benchmark yourself (English, 繁體中文),
merged into `cxdash.i18n.STRINGS`; the one catalogue stays `i18n.t`."""

STRINGS: dict[str, tuple[str, str]] = {
    "page_ticket_log": ("Your ticket log", "您的工單記錄"),
    "intro_ticket_log": (
        "Your help desk's own service metrics, computed from its ticket export exactly as the "
        "six-metrics guide defines them, by channel and month, and placed on the maturity "
        "report's tier values and the guide's bands.",
        "依六大指標指南的定義，從您客服系統匯出的工單記錄計算您自己的服務指標（按管道與月份），並放在成熟度"
        "報告的等級數值與指南的區間上比較。",
    ),
    "tk_private": (
        "Private by default: a log loaded here is visible only to this browser session, stays on "
        "this machine and is deleted with the session or by you. Logs imported on the command "
        "line (CX_TICKETS_DIR) are offered to every session of this server. Nothing here is "
        "mixed with the published numbers.",
        "預設為私人：在此載入的記錄僅本瀏覽器工作階段可見，留在本機，並於工作階段結束或由您刪除。以命令列匯入"
        "（CX_TICKETS_DIR）的記錄則提供給本伺服器的所有工作階段。此處的數字絕不與已發表的數字混合。",
    ),
    "tk_choose": ("Ticket log", "工單記錄"),
    "tk_none": (
        "No ticket log yet: load an export below, or try a FICTIONAL one.",
        "尚無工單記錄：請於下方載入匯出檔，或試用虛構記錄。",
    ),
    "tk_banner": (
        "**Your ticket log: {name}**{fictional} · {n} tickets · {first} – {last} ({zone}) · "
        "your numbers, computed here; not published figures.",
        "**您的工單記錄：{name}**{fictional} · {n} 張工單 · {first} – {last}（{zone}）· "
        "您的數字，於此計算；並非已發表的數字。",
    ),
    "tk_channels": ("Channels", "管道"),
    "tk_months": ("Months (by creation, in the log's time zone)", "月份（依建立時間，記錄的時區）"),
    "tk_hours": ("Hours counted", "計算的時數"),
    "tk_calendar": ("Calendar hours", "日曆時數"),
    "tk_business": ("Business hours", "上班時數"),
    "tk_no_business": (
        "Business hours: not in this log (it carries no business-hour durations).",
        "上班時數：此記錄沒有（未附上班時間的時長）。",
    ),
    "tk_window": ("Repeat-contact window (days)", "重複聯繫時間窗（天）"),
    "tk_nothing": (
        "No ticket in this selection: choose more channels or months.",
        "此選擇中沒有工單：請選擇更多管道或月份。",
    ),
    "tk_metrics": ("Your service metrics", "您的服務指標"),
    "tk_selection": (
        "{n} tickets, {first} – {last}, {channels}.",
        "{n} 張工單，{first} – {last}，{channels}。",
    ),
    "tk_all_channels": ("all channels", "所有管道"),
    "tk_base": ("of {n} {what}", "以 {n} 張{what}計"),
    "tk_no_base": ("none in this selection", "此選擇中沒有"),
    "tk_not_in_log": ("not in this log", "此記錄沒有"),
    "tk_placed": (
        "Placed on the published tier values and the guide's bands",
        "放在已發表的等級數值與指南區間上",
    ),
    "tk_placed_caption": (
        "Each of your values (the selection above) beside what the maturity report published for "
        "each tier (APAC SMBs, 2021) and the six-metrics guide's bands, with their sources.",
        "您的每個數值（上方的選擇）與成熟度報告公布的各等級數值（2021 年亞太地區中小企業）及六大指標指南的"
        "區間並列，並附出處。",
    ),
    "tk_use": ("Use these in Benchmark yourself", "在「自我評比」中使用這些數值"),
    "tk_used": (
        "Filled from your ticket log {name}{fictional} ({period}, {n} tickets): your numbers, not published.",
        "已從您的工單記錄 {name}{fictional} 填入（{period}，{n} 張工單）：您的數字，並非已發表的數字。",
    ),
    "tk_by_month": ("By month and channel", "按月份與管道"),
    "tk_metric": ("Metric", "指標"),
    "tk_month": ("Month", "月份"),
    "tk_channel": ("Channel", "管道"),
    "tk_all": ("All chosen channels", "所有選擇的管道"),
    "tk_download": ("Download the table (CSV)", "下載表格（CSV）"),
    "tk_how": ("How each metric is computed", "各指標的計算方式"),
    "tk_guide_formula": ("The guide's formula", "指南的公式"),
    "tk_from_log": ("From your log", "從您的記錄"),
    "tk_choices": (
        "What the guide leaves open, and what the app does",
        "指南未說明之處，以及本應用程式的做法",
    ),
    "tk_load": ("Load a ticket log", "載入工單記錄"),
    "tk_file": ("Ticket export (CSV or Parquet)", "工單匯出檔（CSV 或 Parquet）"),
    "tk_mapping": ("Its mapping (TOML)", "其對應檔（TOML）"),
    "tk_mapping_help": (
        "Which column is which field: the README lists every field, with a worked mapping for "
        "Zendesk's CSV export (data/tickets/zendesk_csv.mapping.toml).",
        "哪一欄是哪個欄位：README 列出所有欄位，並附 Zendesk CSV 匯出檔的對應範例。",
    ),
    "tk_import": ("Check and load", "檢查並載入"),
    "tk_synth": ("Try a FICTIONAL log of {n} tickets", "試用 {n} 張工單的虛構記錄"),
    "tk_need_both": ("Choose the export and its mapping.", "請選擇匯出檔及其對應檔。"),
    "tk_done": ("Loaded {n} tickets of {name}.", "已載入 {name} 的 {n} 張工單。"),
    "tk_refused": (
        "Not loaded: {n} problem(s), listed by file, row and column. Nothing was stored.",
        "未載入：{n} 個問題，依檔案、列與欄列出。未儲存任何資料。",
    ),
    "tk_delete": ("Delete this log", "刪除此記錄"),
    "tk_cli": ("On the command line (any size)", "使用命令列（任何大小）"),
    "tk_cli_note": (
        "A log of millions of tickets imports on the command line, is read in place by DuckDB "
        "under a memory limit, and can be measured on a Spark cluster (README: Your own ticket log).",
        "數百萬張工單的記錄以命令列匯入，由 DuckDB 在記憶體上限內直接讀取，也可在 Spark 叢集上計算"
        "（見 README）。",
    ),
    "bm_from_log": (
        "Fill in from my ticket log",
        "從我的工單記錄填入",
    ),
    "bm_from_log_help": (
        "Your ticket log's first response time, resolution time, first contact resolution, "
        "CSAT, NPS and repeat contact rate (all channels, every month), computed on the ticket-log "
        "page's definitions.",
        "您工單記錄的首次回覆時間、解決時間、首次聯繫解決率、CSAT、NPS 與重複聯繫率（所有管道、所有月份），"
        "依工單記錄頁的定義計算。",
    ),
}
