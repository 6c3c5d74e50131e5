"""Reader-facing text for a figure: its values table, its pairwise tests, the key to its
test marks, its flags and its caption.

A value's test status (build time, cxdash/stats.py) is significant, not_significant or
not_tested with a reason; a value or pair that was not tested is said to be so, never shown
as "not significant"."""

from __future__ import annotations

import pandas as pd

from cxdash import cite, formatting, i18n

FLAG_KEYS = {
    "order_inferred",
    "order_ambiguous",
    "sum_off",
    "reported_twice",
    "label_missing",
    "base_anomaly",
    "inconsistent",
}


# a figure's dimension (chartrows.Layout.dims) -> the label column the table shows it by
_LABELS = {
    "tier": "tier_label",
    "country": "country_label",
    "channel": "channel_label",
    "year": "year_label",
    "respondent_group": "group_label",
}


def table(records: list[dict], lang: str, dims: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The values (a figure's records) as a reader's table (`columns`, as a frame)."""
    return pd.DataFrame(columns(records, lang, dims))


def columns(records: list[dict], lang: str, dims: tuple[str, ...] | None = None) -> dict:
    """The values (a figure's records) as a reader's table, header -> cells: labels,
    formatted value, base, interval, flag.

    `dims`: the dimensions the figure varies by across all its published values (its
    layout's). A dimension the figure is broken down by keeps its column when a filter
    leaves one member (a table of Japan's values says "Japan"); without `dims`, a column
    shows only when it varies among the rows. The answer column shows when the answers
    are more than the figure's title repeated. Made from the records, not a frame of them:
    a frame of every column was most of a never-seen page's server time (the hidden table
    of each chart is this table, which is why it stays columns: a frame of them cost a
    never-seen slice of /tiers a third of its server time)."""
    cols = {
        "tier_label": "col_tier",
        "country_label": "col_country",
        "channel_label": "col_channel",
        "year_label": "col_year",
        "group_label": "col_group",
        "option": "col_option",
    }
    shown = {_LABELS[d] for d in dims or () if d in _LABELS}
    first = records[0] if records else {}
    out: dict[str, list] = {}
    for col, key in cols.items():
        column = [r.get(col) for r in records]
        varies = len({_key(v) for v in column}) > 1 or col in shown
        if col == "option" and "title" in first:
            varies = varies or any(
                (r["title"] if formatting.missing(r["option"]) else r["option"]) != r["title"]
                for r in records
            )
        elif col == "option":
            varies = True
        if varies:
            out[i18n.t(key, lang)] = ["" if formatting.missing(v) else v for v in column]
    out[i18n.t("col_value", lang)] = [
        formatting.number(r["value"], r["value_decimals"], r["unit"], lang) for r in records
    ]
    out[i18n.t("col_base", lang)] = [
        i18n.t("base_not_published", lang)
        if formatting.missing(r["base_n"])
        else str(int(r["base_n"]))
        for r in records
    ]
    if "ci_low" in first:
        out[i18n.t("col_ci", lang)] = [
            formatting.interval(r["ci_low"], r["ci_high"], r["unit"], lang)
            or no_interval(r["measure"], r["base_n"], lang)
            for r in records
        ]
    if "test_status" in first and any((r["test_reason"] or "") != "no_comparison" for r in records):
        out[i18n.t("col_test_result", lang)] = [
            test_text(r["test_status"], r["test_reason"], lang) for r in records
        ]
    if "eff_base" in first:  # recomputed from respondents: Kish base, letters, the report's
        out |= _respondent_columns(records, lang)
    out[i18n.t("col_flag", lang)] = [
        i18n.t(f"flag_{f}", lang) if isinstance(f, str) and f in FLAG_KEYS else ""
        for f in (r["flag"] for r in records)
    ]
    return out


def _key(v: object) -> object:
    """A cell as a distinct value (every kind of missing counts as one)."""
    return None if formatting.missing(v) else v


def _respondent_columns(records: list[dict], lang: str) -> dict[str, list]:
    return {
        i18n.t("col_eff_base", lang): [f"{r['eff_base']:.1f}" for r in records],
        i18n.t("col_letter", lang): [r["letter"] for r in records],
        i18n.t("col_higher", lang): [
            "" if formatting.missing(r["letters"]) else " ".join(r["letters"]) for r in records
        ],
        i18n.t("col_report", lang): [
            ""
            if not formatting.given(r["published_value"])
            else formatting.number(r["published_value"], r["published_decimals"], r["unit"], lang)
            for r in records
        ],
    }


def published_beside(records: list[dict], lang: str) -> str:
    """'The report, same question: Starter 2.4 h, Champion 1.7 h — ESG (2021) …': the
    published values of the groups a respondent figure shows, each once, with the report."""
    seen = dict.fromkeys(
        (
            r["published_label"] or "",
            formatting.number(r["published_value"], r["published_decimals"], r["unit"], lang),
        )
        for r in records
        if formatting.given(r.get("published_value"))
    )
    if not seen:
        return i18n.t("published_none", lang)
    shown = ", ".join(f"{g} {v}".strip() for g, v in seen)
    source = cite.citation(records[0]["survey_id"], lang)
    return i18n.t("published_beside", lang, values=shown, source=source)


def no_interval(measure: str, base_n: object, lang: str) -> str:
    """Why a value has no 95% interval: an average (no spread published), a share whose
    base is not published, or a value that is not a share of respondents."""
    if measure == "mean":
        return i18n.t("not_testable_mean", lang)
    if measure == "share" and not formatting.given(base_n):
        return i18n.t("no_interval_base", lang)
    return i18n.t("no_interval_other", lang)


def test_text(status: object, reason: object, lang: str) -> str:
    """A value's or a pair's test status in words."""
    if status == "significant":
        return i18n.t("sig_yes", lang)
    if status == "not_significant":
        return i18n.t("sig_no", lang)
    return i18n.t(f"not_tested_{reason}", lang)


UNTESTED = ("mean", "no_base", "not_share")  # reasons a comparison was not tested


def marks_key(records: list[dict], lang: str) -> list[str]:
    """The key to the test marks of the shown values, one sentence per kind of mark: '*'
    (significant), no mark on a tested value, and each reason a comparison was not tested.
    Empty when no shown value is compared with another."""
    if records and records[0].get("origin") == "respondents":  # letters, of two groups or more
        groups = {r.get("letter") for r in records}
        return [i18n.t("marks_letters", lang)] if len(groups) > 1 else []
    statuses = {r.get("test_status") for r in records}
    reasons = dict.fromkeys(r.get("test_reason") for r in records if r.get("test_reason"))
    key = []
    if "significant" in statuses:
        key.append(i18n.t("marks_sig", lang))
    if "not_significant" in statuses:
        key.append(i18n.t("marks_not_sig", lang))
    key += [i18n.t("marks_untested", lang, why=why(r, lang)) for r in reasons if r in UNTESTED]
    return key


def why(reason: str, lang: str) -> str:
    return i18n.t(f"why_{reason}", lang)


def tests_note(tests: pd.DataFrame, family: int, lang: str) -> str:
    """What the tests table is: the Holm family of the tested comparisons, or, when none of
    the chart's comparisons could be tested, that and why."""
    if family:
        return i18n.t("tests_caption", lang, n=family)
    reasons = [r for r in dict.fromkeys(tests["test_reason"].dropna()) if r in UNTESTED]
    if not reasons:
        return ""
    return i18n.t("tests_none", lang, why="; ".join(why(r, lang) for r in reasons))


def p_text(p: float) -> str:
    """A Holm-adjusted p-value as printed: 'p < 0.001' or 'p = 0.458'."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def tests_table(tests: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pairwise tests for readers: groups, values, bases, p (Holm) and verdict, or 'not
    tested' and why."""
    if tests.empty:
        return tests

    def verdict(row: pd.Series) -> str:
        text = test_text(row["test_status"], row["test_reason"], lang)
        return text if pd.isna(row["p_holm"]) else f"{text} ({p_text(row['p_holm'])})"

    value = i18n.t("col_value", lang)
    out = pd.DataFrame(
        {
            i18n.t("col_option", lang): tests["option"].fillna(""),
            "A": tests["a_label"].astype(str),
            "B": tests["b_label"].astype(str),
            f"{value} A": [
                formatting.number(v, d, u, lang)
                for v, d, u in zip(tests["value_a"], tests["decimals_a"], tests["unit"])
            ],
            f"{value} B": [
                formatting.number(v, d, u, lang)
                for v, d, u in zip(tests["value_b"], tests["decimals_b"], tests["unit"])
            ],
            "N A / N B": [
                f"{'–' if pd.isna(a) else int(a)} / {'–' if pd.isna(b) else int(b)}"
                for a, b in zip(tests["base_a"], tests["base_b"])
            ],
            i18n.t("col_test_result", lang): [verdict(r) for _, r in tests.iterrows()],
        }
    )
    answer = i18n.t("col_option", lang)  # a figure of one question has no answer column
    return out if (out[answer] != "").any() else out.drop(columns=answer)


def flags(records: list[dict]) -> list[tuple[str, str]]:
    """(flag, its explanation or '') of the shown values, each once: a value's own flag and
    its figure's flag where that concerns every value (figure_values.sql), so a view never
    lists a flag of values it does not show. The figure's flag note explains the figure's
    flag; a value's own flag (a tier's answers that do not sum to 100) is explained by the
    value's note, so a sentence about Starters reaches only a reader shown Starters."""
    out = []
    for r in records:
        for flag in (r.get("flag"), r.get("figure_flag")):
            if flag in FLAG_KEYS:
                note = r.get("flag_note") if flag == r.get("flag_note_for") else r.get("note")
                out.append((flag, note if isinstance(note, str) else ""))
    return list(dict.fromkeys(out))


def explains_flag(record: dict) -> bool:
    """Whether the value's note is the explanation of its own flag (listed with the flag by
    `flags`, so not again among the reading notes)."""
    flag = record.get("flag")
    return flag in FLAG_KEYS and flag != record.get("flag_note_for")


def bases(rows: list[dict], lang: str) -> str:
    """'Starter N=133, Emerging N=70, Champion N=62': each base with the group it belongs to."""
    with_base = [r for r in rows if formatting.given(r["base_n"])]
    if not with_base:
        if rows[0]["measure"] in ("count", "threshold", "example"):
            return ""
        # each respondent group's size (customers n=500, staff n=358), never the first one's
        groups = dict.fromkeys(
            (r.get("group_label") if isinstance(r.get("group_label"), str) else "", int(n))
            for r in rows
            if formatting.given(n := r["group_base_n"])
        )
        note = i18n.t("base_not_published", lang)
        if len(groups) == 1:
            return f"{note} ({i18n.t('group_size', lang)} n={next(iter(groups))[1]})"
        sizes = ", ".join(f"{label} n={n}".strip() for label, n in groups)
        return f"{note} ({i18n.t('group_sizes', lang)}: {sizes})" if groups else note
    varying = [
        lab
        for code, lab in (
            ("tier", "tier_label"),
            ("country", "country_label"),
            ("respondent_group", "group_label"),
        )
        if len({r[code] for r in with_base}) > 1
    ]
    pairs = dict.fromkeys(
        " ".join(
            [
                " · ".join(str(r[c]) for c in varying if isinstance(r[c], str)),
                formatting.base(r["base_n"]),
            ]
        ).strip()
        for r in with_base
    )
    return ", ".join(pairs)


def caption(rows: list[dict], lang: str) -> str:
    """Question · bases with their groups · the report cited by publisher, year and title,
    for a figure's shown values (records)."""
    first = rows[0]
    bases_text = bases(rows, lang)
    parts = [
        first["question"] if isinstance(first["question"], str) else "",
        f"{i18n.t('base', lang)}: {bases_text}" if bases_text else "",
        f"{i18n.t('source_document', lang)}: {cite.of(first, lang)}",
    ]
    return " · ".join(p for p in parts if p)
