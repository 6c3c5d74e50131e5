"""Your ticket log, drawn: choose a log (this session's uploads and the command line's), cut it
by channel and month with the guide's open choices, show the metrics with the counts they rest
on, place them on the published tiers and bands (Benchmark yourself's placement), by month,
and how each is computed. Logs loaded here live in this session's folder (uploads.py)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from cxdash import charts, data, formatting, i18n
from cxdash.formatting import literal
from cxdash.lazy import altair as alt
from cxdash.palette import CHANNEL_COLORS
from cxdash.tickets import engines, metrics, store
from cxdash.tickets.metrics import Choices
from cxdash.ui import profile, state, uploads, widgets

_MINE = "_ticket_logs"  # this session's uploads: id -> (folder, meta)
SYNTH_TICKETS = 20_000


def available() -> dict[str, tuple[Path, dict]]:
    """Every log this session may open: its own uploads first, then the command line's."""
    mine = dict(st.session_state.get(_MINE, {}))
    mine = {k: v for k, v in mine.items() if (v[0] / store.DATA).is_file()}
    shared = {m["id"]: (store.SHELF.root() / m["id"], m) for m in store.SHELF.listed()}
    return mine | {k: v for k, v in shared.items() if k not in mine}


def chooser(lang: str) -> tuple[Path, dict] | None:
    logs = available()
    if not logs:
        st.info(i18n.t("tk_none", lang), icon=":material/inbox:")
        return None
    chosen = st.selectbox(
        i18n.t("tk_choose", lang),
        list(logs),
        format_func=lambda i: _label(logs[i][1], lang),
        key="tk_log",
    )
    return logs[chosen]


def _label(meta: dict, lang: str) -> str:
    mark = f" ({i18n.t('fictional', lang)})" if meta["fictional"] else ""
    return f"{meta['name']}{mark} · {meta['n_tickets']:,}"


def banner(meta: dict, lang: str) -> None:
    mark = f" · **{i18n.t('fictional', lang)}**" if meta["fictional"] else ""
    st.info(
        i18n.t(
            "tk_banner",
            lang,
            name=literal(meta["name"]),
            fictional=mark,
            n=f"{meta['n_tickets']:,}",
            first=meta["first_day"],
            last=meta["last_day"],
            zone=literal(meta["timezone"]),
        ),  # fmt: skip
        icon=":material/confirmation_number:",
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _cube(folder: str, stamp: float, business: bool, window_days: int) -> pd.DataFrame:
    return engines.cube(Path(folder), Choices(business, window_days).params())


def cube_of(folder: Path, choice: Choices) -> pd.DataFrame:
    stamp = (folder / store.DATA).stat().st_mtime
    return _cube(str(folder), stamp, choice.business, choice.window_days)


@dataclass(frozen=True)
class Cut:
    choice: Choices
    channels: tuple[str, ...]
    months: tuple[date, date]


def channel_label(code: str, lang: str) -> str:
    """The app's label of a channel code; a value the mapping did not map, as written."""
    return data.labels(lang).get(("channel", code), code)


def controls(cube: pd.DataFrame, meta: dict, lang: str) -> Cut:
    """Channels, months and the guide's open choices, in one row."""
    months = sorted(cube["month"].unique())
    codes = sorted(cube["channel"].unique())
    a, b, c, d = st.columns([3, 3, 2, 2])
    channels = a.multiselect(
        i18n.t("tk_channels", lang), codes, format_func=lambda x: channel_label(x, lang),
        key="tk_channels", placeholder=i18n.t("tk_all_channels", lang), **state.ALL_IS_EMPTY,
    )  # fmt: skip
    span = months[0], months[-1]
    if len(months) > 1:
        span = b.select_slider(
            i18n.t("tk_months", lang), months, value=span, key="tk_months",
            format_func=lambda m: m.strftime("%Y-%m"),
        )  # fmt: skip
    business = any(f.endswith("_business") for f in meta["fields"])
    hours = c.radio(
        i18n.t("tk_hours", lang), ["calendar", "business"] if business else ["calendar"],
        format_func=lambda h: i18n.t(f"tk_{h}", lang), key="tk_hours",
    )  # fmt: skip
    if not business:
        c.caption(i18n.t("tk_no_business", lang))
    window = d.selectbox(
        i18n.t("tk_window", lang), metrics.WINDOWS, index=metrics.WINDOWS.index(7), key="tk_window"
    )
    return Cut(Choices(hours == "business", int(window)), tuple(channels), tuple(span))


def _value(row: pd.Series, m: pd.Series, lang: str) -> str:
    return formatting.number(row["value"], int(m["decimals"]), m["unit"], lang)


def headline(values: pd.DataFrame, meta: dict, lang: str) -> None:
    """The seven metrics with the counts they rest on; a metric the log cannot give says so."""
    zh = lang == "zh"
    defs = metrics.definitions().set_index("metric_id")
    cols = [c for _ in range(0, len(values), 4) for c in st.columns(4)]
    for col, (_, row) in zip(cols, values.iterrows()):
        m = defs.loc[row["metric_id"]]
        col.metric(
            m["name_zh" if zh else "name_en"],
            _value(row, m, lang),
            help=m["rule_zh" if zh else "rule_en"],
        )
        what = m["base_zh" if zh else "base_en"]
        if row["base"]:
            col.caption(i18n.t("tk_base", lang, n=f"{int(row['base']):,}", what=what))
        else:
            col.caption(i18n.t("tk_no_base", lang))


def placements(values: pd.DataFrame, lang: str) -> None:
    """Each placeable metric against the published tier values and the guide's bands, with
    their sources (Benchmark yourself's own placement)."""
    measures = data.run("benchmark_measures").set_index("measure_id", drop=False)
    points = data.run("benchmark_points")
    defs = metrics.definitions().set_index("metric_id")
    for _, row in values.iterrows():
        mid = row["metric_id"]
        if mid not in measures.index or row["value"] is None or pd.isna(row["value"]):
            continue
        shown = round(float(row["value"]), int(defs.loc[mid, "decimals"]))
        profile.placement(measures.loc[mid], shown, points[points["measure_id"] == mid], lang)


def for_benchmark(values: pd.DataFrame) -> dict[str, float]:
    """The metrics Benchmark yourself asks for, rounded as shown here."""
    defs = metrics.definitions().set_index("metric_id")
    measures = set(data.run("benchmark_measures")["measure_id"])
    return {
        r["metric_id"]: round(float(r["value"]), int(defs.loc[r["metric_id"], "decimals"]))
        for _, r in values.iterrows()
        if r["metric_id"] in measures and r["value"] is not None and not pd.isna(r["value"])
    }


def monthly(cube: pd.DataFrame, cut: Cut, meta: dict, lang: str) -> None:
    """One metric by month, a line per chosen channel and one for them all; the table of every
    metric by month and channel, and as CSV with its counts (codes and labels, the log
    named)."""
    zh = lang == "zh"
    defs = metrics.definitions().set_index("metric_id")
    mid = st.selectbox(
        i18n.t("tk_metric", lang), list(defs.index),
        format_func=lambda i: defs.loc[i, "name_zh" if zh else "name_en"], key="tk_metric",
    )  # fmt: skip
    chosen = metrics.cut(cube, list(cut.channels), cut.months)
    per = metrics.by_group(chosen, ["channel", "month"])
    per["channel_label"] = per["channel"].map(lambda c: channel_label(c, lang))
    every = metrics.by_group(chosen, ["month"]).assign(channel_label=i18n.t("tk_all", lang))
    widgets.chart(_chart(per, every, defs.loc[mid], lang).to_dict())
    mark = " (FICTIONAL)" if meta["fictional"] else ""
    table = per.assign(log=meta["name"] + mark)
    st.dataframe(_wide(table, lang), hide_index=True, width="stretch")
    st.download_button(
        i18n.t("tk_download", lang), table.to_csv(index=False).encode("utf-8"),
        file_name=f"{meta['id']}-metrics.csv", mime="text/csv", icon=":material/download:",
    )  # fmt: skip


def _chart(per: pd.DataFrame, every: pd.DataFrame, m: pd.Series, lang: str) -> alt.Chart:
    """A line per channel in its colour everywhere, and black for all the chosen ones."""
    colours = dict(
        zip(per["channel_label"], [CHANNEL_COLORS.get(c, ("#7F7F7F",))[0] for c in per["channel"]])
    )
    colours[i18n.t("tk_all", lang)] = "#000000"
    lines = pd.concat([per, every], ignore_index=True)
    lines = lines[(lines["metric_id"] == m.name) & lines["value"].notna()]
    unit = formatting.suffix(m["unit"], lang)
    title = m["name_zh" if lang == "zh" else "name_en"] + (f" ({unit})" if unit else "")
    legend = i18n.t("tk_channels", lang)
    return charts.themed(
        alt.Chart(lines.assign(month=pd.to_datetime(lines["month"])))
        .mark_line(point=True)
        .encode(
            x=alt.X("yearmonth(month):T", title=None),
            y=alt.Y("value:Q", title=title),
            color=alt.Color(
                "channel_label:N", title=legend,
                scale=alt.Scale(domain=list(colours), range=list(colours.values())),
            ),
            tooltip=[
                alt.Tooltip("channel_label:N", title=legend), alt.Tooltip("yearmonth(month):T"),
                alt.Tooltip("value:Q", format=f".{int(m['decimals'])}f"), "base:Q",
            ],
        )
        .properties(height=320)
    )  # fmt: skip


def _wide(per: pd.DataFrame, lang: str) -> pd.DataFrame:
    defs = metrics.definitions().set_index("metric_id")
    name = defs["name_zh" if lang == "zh" else "name_en"]
    shown = per.assign(
        metric=per["metric_id"].map(name),
        value=[_value(r, defs.loc[r["metric_id"]], lang) for _, r in per.iterrows()],
    )
    shown["month"] = pd.to_datetime(shown["month"]).dt.strftime("%Y-%m")
    wide = shown.pivot_table(
        index=["month", "channel_label"], columns="metric", values="value", aggfunc="first"
    )
    wide = wide[list(name)].reset_index()
    month, channel = i18n.t("tk_month", lang), i18n.t("tk_channel", lang)
    return wide.rename(columns={"month": month, "channel_label": channel})


def definitions(meta: dict, lang: str) -> None:
    """Each metric: the guide's formula and passage (original language), and how the log is
    counted; then the choices the guide leaves open."""
    zh = lang == "zh"
    for _, m in metrics.definitions().iterrows():
        st.markdown(f"**{literal(m['name_zh' if zh else 'name_en'])}**")
        formula = m["formula_zh" if zh else "formula_en"]
        if isinstance(formula, str):
            st.caption(f"{i18n.t('tk_guide_formula', lang)}: {literal(formula)}")
        st.caption(f"{i18n.t('tk_from_log', lang)}: {literal(m['rule_zh' if zh else 'rule_en'])}")
        st.caption(f"« {literal(m['passage_zh'])} » — {i18n.t('source_passage', lang)}")
    st.markdown(f"**{i18n.t('tk_choices', lang)}**")
    for _, c in metrics.choices().iterrows():
        label, text = c["label_zh" if zh else "label_en"], c["text_zh" if zh else "text_en"]
        st.caption(f"{literal(label)}: {literal(text)}")


# ---------------------------------------------------------------------------------------------
# Loading a log into this session


def _keep(folder: Path, meta: dict, lang: str) -> None:
    st.session_state.setdefault(_MINE, {})[meta["id"]] = (folder, meta)
    st.session_state["tk_log"] = meta["id"]
    n = f"{meta['n_tickets']:,}"
    uploads.said("success", i18n.t("tk_done", lang, n=n, name=literal(meta["name"])))


def _import(lang: str) -> None:
    from cxdash.respondents.readers import ImportProblems
    from cxdash.tickets import importer, mapping

    s = st.session_state
    if s.get("tk_file") is None or s.get("tk_map") is None:
        uploads.said("error", i18n.t("tk_need_both", lang))
        return
    work = Path(tempfile.mkdtemp(prefix="cx-tickets-"))
    try:
        path = work / Path(s["tk_file"].name).name
        path.write_bytes(s["tk_file"].getvalue())
        rules = work / Path(s["tk_map"].name).name
        rules.write_bytes(s["tk_map"].getvalue())
        meta = importer.import_file(path, mapping.read(rules), base=uploads.session_folder())
    except (ImportProblems, mapping.MappingError, ValueError, OSError) as err:
        problems = [str(p) for p in getattr(err, "problems", [err])]
        uploads.said("error", i18n.t("tk_refused", lang, n=len(problems)), problems[:200])
        return
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _keep(uploads.session_folder() / meta["id"], meta, lang)


def _synth(lang: str) -> None:
    from cxdash.tickets import importer, mapping, synth

    work = Path(tempfile.mkdtemp(prefix="cx-tickets-"))
    try:
        path, rules = synth.write(SYNTH_TICKETS, 1, work / "fictional-tickets.parquet")
        meta = importer.import_file(path, mapping.read(rules), base=uploads.session_folder())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _keep(uploads.session_folder() / meta["id"], meta, lang)


def upload_form(lang: str) -> None:
    with st.form("tickets_upload", border=True):
        st.file_uploader(i18n.t("tk_file", lang), type=["csv", "parquet"], key="tk_file")
        st.file_uploader(
            i18n.t("tk_mapping", lang), type=["toml"], key="tk_map",
            help=i18n.t("tk_mapping_help", lang),
        )  # fmt: skip
        st.form_submit_button(
            i18n.t("tk_import", lang), icon=":material/upload:", on_click=_import, args=(lang,)
        )
    st.button(
        i18n.t("tk_synth", lang, n=f"{SYNTH_TICKETS:,}"), icon=":material/science:",
        key="tk_synth", on_click=_synth, args=(lang,),
    )  # fmt: skip
    uploads.show_result()


def delete_button(log_id: str, lang: str) -> None:
    if log_id in st.session_state.get(_MINE, {}):
        st.button(
            i18n.t("tk_delete", lang), icon=":material/delete:", key="tk_delete",
            on_click=_delete, args=(log_id,),
        )  # fmt: skip


def _delete(log_id: str) -> None:
    folder, _ = st.session_state[_MINE].pop(log_id)
    shutil.rmtree(folder, ignore_errors=True)
    st.session_state.pop("tk_log", None)


# ---------------------------------------------------------------------------------------------
# Into Benchmark yourself

_FILLED = "_bm_from_tickets"  # the note Benchmark yourself shows after a fill


def _fill(values: pd.DataFrame, meta: dict, lang: str, period: str | None = None) -> None:
    """Write the log's metrics into Benchmark yourself's inputs (its own widget keys), and
    what they are, for the note there."""
    s = st.session_state
    for mid, value in for_benchmark(values).items():
        s[profile.metric_key(mid)] = f"{value:g}"
    s["answers"] = ""  # a share link made before no longer says what is on screen
    period = period or f"{meta['first_day']} – {meta['last_day']}"
    mark = f" ({i18n.t('fictional', lang)})" if meta["fictional"] else ""
    s[_FILLED] = i18n.t(
        "tk_used", lang, name=literal(meta["name"]), fictional=mark, period=period,
        n=f"{int(values['tickets'].iloc[0]):,}",
    )  # fmt: skip


def _fill_whole(folder: Path, meta: dict, lang: str) -> None:
    _fill(metrics.values(cube_of(folder, Choices())), meta, lang)


def use_button(values: pd.DataFrame, meta: dict, cut: Cut, lang: str) -> None:
    """On the ticket-log page: fill Benchmark yourself with this selection and go there."""
    if st.button(i18n.t("tk_use", lang), icon=":material/compare_arrows:", key="tk_use"):
        months = f"{cut.months[0]:%Y-%m} – {cut.months[1]:%Y-%m}"
        channels = ", ".join(channel_label(c, lang) for c in cut.channels)
        _fill(values, meta, lang, f"{months}, {channels}" if channels else months)
        st.switch_page(shell_page("benchmark"))


def benchmark_fill(lang: str) -> None:
    """On Benchmark yourself: fill the metrics from the log chosen on the ticket-log page (or
    the first one), over all channels and months; then the note saying whose numbers they
    are."""
    logs = available()
    if logs:
        folder, meta = logs.get(st.session_state.get("tk_log")) or next(iter(logs.values()))
        st.button(
            i18n.t("bm_from_log", lang), icon=":material/confirmation_number:",
            key="bm_from_log", help=i18n.t("bm_from_log_help", lang),
            on_click=_fill_whole, args=(folder, meta, lang),
        )  # fmt: skip
    if st.session_state.get(_FILLED):
        st.info(st.session_state[_FILLED], icon=":material/confirmation_number:")


def shell_page(name: str):
    from cxdash.ui import shell

    return shell.page_link(name)
