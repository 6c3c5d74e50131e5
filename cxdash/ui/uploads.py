"""Your data: load a respondent file (CSV, Parquet, SPSS .sav) with its mapping, or draw a
FICTIONAL one, for this session only. An upload is written under a temporary folder of this
session (never CX_RESPONDENTS_DIR, so never listed for anyone else) and registered by id; the
sidebar's data switch offers it to this session alone (state.datasets). Problems are listed
with file, row and column, as literal text; nothing is partly imported."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path

import streamlit as st

from cxdash import i18n
from cxdash.formatting import literal
from cxdash.respondents import store
from cxdash.ui import state

_FOLDER = "_uploads_folder"
SYNTH_ROWS = 5000  # a FICTIONAL dataset drawn on the page: enough for every tier x country


class _Folder:
    """This session's upload folder: removed with it when the session's state is dropped
    (the session ended) or the server stops, whichever comes first."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="cx-session-"))
        weakref.finalize(self, shutil.rmtree, self.path, True)


def session_folder() -> Path:
    s = st.session_state
    if not isinstance(s.get(_FOLDER), _Folder) or not s[_FOLDER].path.is_dir():
        s[_FOLDER] = _Folder()
    return s[_FOLDER].path


def _keep(meta: dict, lang: str) -> None:
    folder = session_folder() / meta["id"]
    store.keep_private(folder)
    st.session_state.setdefault(state.UPLOADS, {})[meta["id"]] = meta
    st.session_state["dataset"] = meta["id"]  # the sidebar switches to it
    n = f"{meta['n_respondents']:,}"
    said("success", i18n.t("up_done", lang, n=n, name=literal(meta["name"])))


_RESULT = "_upload_result"  # (kind, message, problems) of the last load, shown once


def said(kind: str, message: str, problems: list[str] = ()) -> None:
    st.session_state[_RESULT] = (kind, message, list(problems))


def _import(data_file, mapping_file, instrument: str, name: str, lang: str) -> None:
    from cxdash.respondents import importer
    from cxdash.respondents.mapping import MappingError
    from cxdash.respondents.readers import ImportProblems

    work = Path(tempfile.mkdtemp(prefix="cx-upload-"))
    try:
        data_path = work / Path(data_file.name).name
        data_path.write_bytes(data_file.getvalue())
        mapping_path = work / Path(mapping_file.name).name
        mapping_path.write_bytes(mapping_file.getvalue())
        meta = importer.import_file(
            data_path, instrument, mapping_path, name or None, base=session_folder()
        )
    except (ImportProblems, MappingError) as err:
        problems = [str(p) for p in getattr(err, "problems", [err])]
        said("error", i18n.t("up_refused", lang, n=len(problems)), problems[:200])
        return
    except (ValueError, OSError) as err:
        said("error", i18n.t("up_refused", lang, n=1), [str(err)[:400]])
        return
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _keep(meta, lang)


def _synth(lang: str) -> None:
    from cxdash.respondents import importer, synth

    work = Path(tempfile.mkdtemp(prefix="cx-synth-"))
    try:
        data_path, mapping_path = synth.write(SYNTH_ROWS, 1, work / "fictional.parquet")
        meta = importer.import_file(data_path, "apac", mapping_path, base=session_folder())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _keep(meta, lang)


def upload_form(lang: str) -> None:
    """The form (its submit and the FICTIONAL button act in callbacks, before the page runs,
    so a click is never lost to a rerun) and what the last load said."""
    with st.form("upload", border=True):
        st.selectbox(
            i18n.t("up_instrument", lang),
            ["apac", "hk"],
            format_func=lambda i: i18n.t(f"up_instrument_{i}", lang),
            key="up_instrument",
        )
        st.file_uploader(i18n.t("up_file", lang), type=["csv", "parquet", "sav"], key="up_file")
        st.file_uploader(i18n.t("up_mapping", lang), type=["toml"], key="up_mapping")
        st.text_input(i18n.t("up_name", lang), max_chars=80, key="up_name")
        st.form_submit_button(
            i18n.t("up_import", lang), icon=":material/upload:", on_click=_submitted, args=(lang,)
        )
    st.button(
        i18n.t("up_synth", lang, n=f"{SYNTH_ROWS:,}"),
        icon=":material/science:",
        key="up_synth",
        on_click=_synth,
        args=(lang,),
    )
    show_result()


def show_result() -> None:
    """What the last load said, once: success, or the refusal with its problems as literal
    text."""
    kind, message, problems = st.session_state.pop(_RESULT, (None, "", []))
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    elif kind:
        st.error(message, icon=":material/block:")
        st.code("\n".join(problems), language=None, wrap_lines=True)  # literal text


def _submitted(lang: str) -> None:
    s = st.session_state
    if s.get("up_file") is None or s.get("up_mapping") is None:
        said("error", i18n.t("up_need_both", lang))
        return
    _import(s["up_file"], s["up_mapping"], s["up_instrument"], s.get("up_name", ""), lang)


def dataset_list(lang: str) -> None:
    """Every dataset this session may open; its own uploads can be deleted here."""
    found = state.datasets()
    if not found:
        st.caption(i18n.t("up_none", lang))
        return
    mine = st.session_state.get(state.UPLOADS, {})
    for dataset_id, meta in found.items():
        where = i18n.t("up_private" if dataset_id in mine else "up_shared", lang)
        mark = f" · **{i18n.t('fictional', lang)}**" if meta["fictional"] else ""
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown(
            f"**{literal(meta['name'])}**{mark} · {meta['instrument']} · "
            f"{meta['n_respondents']:,} · {meta['imported_at'][:10]} · {where}"
        )
        if dataset_id in mine:
            row.button(
                i18n.t("up_delete", lang),
                icon=":material/delete:",
                key=f"delete_{dataset_id}",
                on_click=_delete,
                args=(dataset_id,),
            )


def _delete(dataset_id: str) -> None:
    store.delete(dataset_id)
    st.session_state.get(state.UPLOADS, {}).pop(dataset_id, None)
    if st.session_state.get("dataset") == dataset_id:
        st.session_state["dataset"] = ""
