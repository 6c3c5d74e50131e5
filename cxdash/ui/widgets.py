"""Small Streamlit pieces: a chart as the browser gets it, the claim audit's counts and column
formats, the data downloads and the data health of Sources & method."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash import data, db, export, formatting, i18n, payload
from cxdash.view import View


def chart(spec: dict, where=st) -> None:
    """Draw a Vega-Lite spec, its datasets cut to the fields it reads (cxdash/payload.py)
    and sent as Arrow made straight from the rows: Streamlit made a pandas frame of every
    dataset first, a fifth of a page's server time (py-spy, bench/load_ws.py)."""
    lean = payload.lean(spec)
    datasets = lean.get("datasets")
    if isinstance(datasets, dict):
        lean = {**lean, "datasets": {k: _arrow(v) for k, v in datasets.items()}}
    where.vega_lite_chart(lean, width="stretch")


def _arrow(rows):
    """A dataset's rows as the Arrow IPC bytes Streamlit sends (its own serialiser); rows
    pyarrow cannot type as they are (mixed kinds in a field) are left to Streamlit."""
    if not isinstance(rows, list):
        return rows
    import pyarrow as pa
    from streamlit import dataframe_util

    try:
        return dataframe_util.convert_arrow_table_to_arrow_bytes(pa.Table.from_pylist(rows))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return rows


def claim_counts(claims: pd.DataFrame, lang: str) -> None:
    counts = claims["status"].value_counts()
    for col, status in zip(st.columns(3), data.STATUSES):
        col.metric(i18n.t(f"status_{status}", lang), int(counts.get(status, 0)))


def claim_columns(lang: str) -> dict:
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    return {
        t("col_claim"): st.column_config.TextColumn(t("col_claim"), width="large"),
        t("col_original"): st.column_config.TextColumn(t("col_original"), width="medium"),
        t("col_chart"): st.column_config.LinkColumn(
            t("col_chart"), display_text=t("open_chart"), width="small"
        ),
        t("col_status"): st.column_config.TextColumn(t("col_status"), width="large"),
    }


def downloads(view: View) -> None:
    """The full dataset and the filtered one, CSV and Parquet."""
    full = data.run("export")
    shown = data.run("figure_values", figure_ids=[], **view.filters.slice_params())
    if view.filters.surveys:
        shown = shown[shown["survey_id"].isin(view.filters.surveys)]
    filtered = full[full["value_id"].isin(shown["value_id"])]
    files = [
        (full, "cx_full", "csv"),
        (full, "cx_full", "parquet"),
        (filtered, "cx_filtered", "csv"),
        (filtered, "cx_filtered", "parquet"),
    ]
    for col, (frame, name, fmt) in zip(st.columns(4), files):
        label = i18n.t(f"download_{name}", view.lang, n=len(frame), fmt=fmt.upper())
        col.download_button(
            label,
            data=lambda f=frame, x=fmt: export.to_bytes(f, x, bom=x == "csv"),
            file_name=f"{name}.{fmt}",
            key=f"dl_{name}_{fmt}",
            on_click="ignore",
        )
    st.caption(formatting.number(len(full), 0) + " " + i18n.t("values_total", view.lang))


def data_health(lang: str) -> None:
    """For a maintainer: whether the database is built from the files on disk, and if a
    rebuild failed, where and why, as literal text (file names and values are not Markdown)."""
    st.subheader(i18n.t("data_health", lang))
    failure = db.last_error()
    if failure is not None:
        built = db.built_at()
        st.error(i18n.t("data_health_failed", lang, built=built), icon=":material/error:")
        st.code(str(failure), language=None, wrap_lines=True)
    elif db.rebuilding():
        st.info(i18n.t("data_health_building", lang), icon=":material/sync:")
    else:
        st.caption(i18n.t("data_health_ok", lang))
