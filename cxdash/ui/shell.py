"""The Streamlit shell every page shares: the sidebar (language, filters, interval toggle),
the page list (from the database's pages table), the page header, and the view pages read."""

from __future__ import annotations

import functools
import os

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from cxdash import data, db, figures, formatting, i18n, shapes
from cxdash.formatting import literal, verbatim
from cxdash.paths import ROOT
from cxdash.ui import state
from cxdash.view import DIMENSIONS, View

_VIEW, _PAGES = "_view", "_pages"


def start() -> View:
    """The run's first step: the one freshness check of the database, then the URL's view.
    With no database at all (a first start whose build failed) it says why and stops."""
    try:
        db.refresh()
    except RuntimeError as err:
        st.error(i18n.t("no_database", st.session_state.get("lang", "en")))
        st.code(str(err), language=None, wrap_lines=True)  # literal: file, line, reason
        st.stop()
    return state.begin()


def data_notice(lang: str) -> None:
    """Say so when the page shows the last good data because the files on disk fail."""
    if db.last_error() is not None:
        st.warning(i18n.t("data_stale", lang), icon=":material/warning:")


def sidebar(view: View) -> None:
    """Draw the shared sidebar: language, one multiselect per dimension, the interval toggle."""
    side = st.sidebar
    lang = view.lang
    side.radio(
        i18n.t("language", lang),
        list(i18n.LANGUAGES),
        key="lang",
        format_func=i18n.LANGUAGES.get,
        horizontal=True,
    )
    lang = st.session_state["lang"]
    side.markdown(f"**{i18n.t('filters', lang)}**")
    vocab = data.vocabulary()
    labels = data.labels(lang)
    for dim in DIMENSIONS:
        state.coded(
            side.multiselect,
            dim.key,
            lang,
            [str(o) for o in vocab.options[dim.key]],
            label=i18n.t(f"filter_{dim.key}", lang),
            format_func=lambda code, d=dim.key: labels.get((d, code), code),
            placeholder=i18n.t("filter_all", lang),
            **state.ALL_IS_EMPTY,
        )
    _data_switch(side, lang)
    side.toggle(i18n.t("intervals_toggle", lang), key="ci")


def _data_switch(side, lang: str) -> None:
    """Which data the figures are drawn from: the published reports, or a respondent dataset
    this session may open (then: keep only respondents who gave some answers)."""
    found = state.datasets()
    if not found:
        return
    names = {
        i: m["name"] + (f" ({i18n.t('fictional', lang)})" if m["fictional"] else "")
        for i, m in found.items()
    }
    names[""] = i18n.t("dataset_published", lang)
    chosen = state.coded(
        side.selectbox,
        "dataset",
        lang,
        ["", *found],
        label=i18n.t("filter_dataset", lang),
        format_func=lambda i: names.get(i, i),
    )
    if chosen:
        words = _answer_words(chosen, lang)
        state.coded(
            side.multiselect,
            "answer",
            lang,
            state.answer_options(chosen),
            label=i18n.t("filter_answer", lang),
            format_func=lambda a: words.get(a, a),
            placeholder=i18n.t("filter_all", lang),
            **state.ALL_IS_EMPTY,
        )


def _answer_words(dataset_id: str, lang: str) -> dict[str, str]:
    """'question_id:option_code' -> 'question: answer' in `lang`, of the dataset's instrument
    as it was opened (once per process: reading and checking it was most of a rerun)."""
    from cxdash.respondents import source

    return _words(source.dataset(dataset_id), lang)


@functools.lru_cache(maxsize=16)
def _words(ds, lang: str) -> dict[str, str]:
    inst = ds.inst
    col = "zh" if lang == "zh" else "en"
    text = inst.questions[f"text_{col}"].to_dict()
    o = inst.options
    return {
        f"{q}:{c}": f"{_short(text.get(q, q))} → {label}"
        for q, c, label in zip(o["question_id"], o["option_code"], o[f"label_{col}"])
    }


def _short(text: str, width: int = 60) -> str:
    lines = formatting.wrap(text, width)
    return lines[0] + ("…" if len(lines) > 1 else "")


def dataset_banner(view: View) -> None:
    """What a page drawn from respondents is drawn from, with its tier rule and answer filter."""
    meta = state.datasets().get(view.dataset)
    if meta is None:
        return
    lang = view.lang
    fictional = f", {i18n.t('fictional', lang)}" if meta["fictional"] else ""
    text = i18n.t(
        "dataset_banner",
        lang,
        name=literal(meta["name"]),
        n=f"{meta['n_respondents']:,}",
        fictional=fictional,
        when=meta["imported_at"][:10],
    )
    cut = (meta.get("tier_cut") or {}).get("emerging_min")
    lines = [text, i18n.t("dataset_cut", lang, k=cut) if cut else i18n.t("dataset_no_cut", lang)]
    if view.answer:
        words = _answer_words(meta["instrument"], lang)
        chosen = [words.get(f"{q}:{c}", f"{q}:{c}") for q, codes in view.answer for c in codes]
        lines.append(i18n.t("dataset_answers", lang, answers=literal("; ".join(chosen))))
    st.info("  \n".join(lines), icon=":material/person_search:")


def navigation(lang: str, position: str = "sidebar"):
    """st.navigation over the pages table, titles in the current language. The Overview is
    the default page at "/"; a hidden twin answers a typed or legacy-mode "/overview"."""
    sections: dict[str, list] = {}
    pages = {}
    for row in data.run("pages").itertuples():
        default = row.page == "overview"
        page = st.Page(
            str(ROOT / "pages" / f"{row.page}.py"),
            title=i18n.t(f"page_{row.page}", lang),
            url_path="home" if default else row.page,
            default=default,
        )
        pages[row.page] = page
        sections.setdefault(i18n.t(f"nav_{row.section}", lang), []).append(page)
    twin = st.Page(
        str(ROOT / "pages" / "overview.py"),
        title=i18n.t("page_overview", lang),
        url_path="overview",
        visibility="hidden",
    )
    sections[next(iter(sections))].append(twin)
    st.session_state[_PAGES] = pages
    return st.navigation(sections, position=position, expanded=True)  # every page listed


def page_name(page) -> str:
    """The page id a navigation page runs (the default page lives at "/")."""
    return {"": "overview", "home": "overview"}.get(page.url_path, page.url_path)


def page_link(name: str):
    """The st.Page of a page id, for st.page_link."""
    return st.session_state[_PAGES][name]


def remember(view: View) -> None:
    st.session_state[_VIEW] = view


def page(name: str, intro: bool = True) -> View:
    """A page's first line: its title (and intro), and the view to draw.

    On a server's very first session Streamlit runs in its legacy `pages/` mode, and a deep
    link runs the page file directly, without dashboard.py: then nothing has drawn the
    sidebar in this run; switch that mode off and rerun, which runs dashboard.py, and
    st.navigation resolves the same url path to the same page."""
    if _VIEW not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    view = st.session_state[_VIEW]
    st.title(i18n.t(f"page_{name}", view.lang))
    data_notice(view.lang)
    if intro and i18n.has(f"intro_{name}"):
        st.caption(i18n.t(f"intro_{name}", view.lang))
    if view.dataset:
        if name in DRAWS_FIGURES:
            dataset_banner(view)
        else:
            st.info(i18n.t("published_only_page", view.lang), icon=":material/menu_book:")
    return view


# pages whose figures a respondent dataset redraws (through panel); the others show the
# published reports only, and say so when a dataset is chosen
DRAWS_FIGURES = {
    "overview", "tiers", "countries", "channels", "year_over_year", "hong_kong",
    "more_reports", "metrics_guide", "explore", "sources",
}  # fmt: skip


def published_part(view: View) -> None:
    """Above a section drawn from the published reports on a page whose figures a chosen
    dataset redraws: say whose numbers these are."""
    if view.dataset:
        st.caption(f":material/menu_book: {i18n.t('published_section', view.lang)}")


def notices(container) -> None:
    """What the link asked for that the app could not honour, shown as literal text."""
    lang = st.session_state.get("lang", "en")
    for notice in state.pending_notices():
        value = verbatim(notice.value, 80) if notice.value.strip() else i18n.t("empty_value", lang)
        text = i18n.t(
            notice.key, lang, param=verbatim(notice.param, 40), value=value,
            step=notice.step, limit=notice.limit,
        )  # fmt: skip
        container.warning(text, icon=":material/warning:")


def end_run() -> None:
    """Forget this run's view, so a page run without dashboard.py is detected; make sure
    every figure's shape is being made for this data and code (`making`)."""
    st.session_state.pop(_VIEW, None)
    making(db.version())


@st.cache_resource(show_spinner=False, max_entries=2)
def making(version: int) -> shapes.Making | None:
    """Once per server process and data version, after the first run has drawn its page:
    unless the shapes file is current, a child process makes every figure's shape in both
    languages (cxdash/shapes.py) and the server takes them up when it is done; until then
    a figure's shape is made when it is first drawn. CX_WARM=0 leaves the child out (the
    test suite does, so its timings are its own)."""
    if os.environ.get("CX_WARM", "1") == "0":
        return None
    return shapes.Making(version, lambda made: figures.adopt(version, made))


def asked(view: View) -> str:
    """The active filters in words, as literal text."""
    return literal(figures.describe(view.filters, view.lang))


def survey_shown(survey_id: str, view: View) -> bool:
    """False (with a notice) when the Survey filter excludes this page's survey."""
    if view.filters.surveys and survey_id not in view.filters.surveys:
        name = data.labels(view.lang).get(("survey", survey_id), survey_id)
        st.info(i18n.t("survey_filtered_out", view.lang, survey=name), icon=":material/info:")
        return False
    return True
