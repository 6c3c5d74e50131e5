"""Composing a story: a chart's "Add to story" (its view, with a sentence prefilled with the
suggested caption and editable), and the sidebar's way to the story. The story itself lives
in session state under "story" as its URL parameter (cxdash/story.py), which state.sync
writes into the URL: nothing is kept on the server."""

from __future__ import annotations

import zlib

import streamlit as st

from cxdash import captions, data, i18n, story
from cxdash.figures import Figure
from cxdash.ui import shell
from cxdash.view import View


def steps() -> list[story.Step]:
    """The story this session holds now (already checked when the link opened)."""
    return story.decode(st.session_state.get("story") or "", data.vocabulary())[0]


def save(kept: list[story.Step]) -> None:
    st.session_state["story"] = story.encode(kept)


def add_button(row, fig: Figure, view: View) -> None:
    """A chart's "Add to story" popover (drawn only when opened: the suggestion is computed
    then): the sentence, prefilled and editable; Benchmark yourself's answers only if ticked."""
    lang = fig.lang
    pop = row.popover(
        i18n.t("story_add", lang),
        icon=":material/playlist_add:",
        key=f"story_pop_{fig.figure_id}",
        on_change="rerun",
    )
    if not pop.open:
        return
    suggested = captions.suggest(fig)
    key = f"_story_text_{fig.figure_id}_{zlib.crc32(suggested.encode()):x}"
    with pop:
        st.text_area(
            i18n.t("story_sentence", lang),
            value=suggested,
            key=key,
            max_chars=story.MAX_SENTENCE,
            help=i18n.t("story_sentence_help", lang),
        )
        answers = False
        if view.page == "benchmark" and view.answers:
            answers = st.checkbox(i18n.t("story_with_answers", lang), key=f"{key}_answers")
        full = len(steps()) >= story.MAX_STEPS
        st.button(
            i18n.t("story_add", lang),
            key=f"{key}_add",
            disabled=full,
            on_click=_append,
            args=(view, fig.figure_id, key, suggested, answers),
        )


def _append(view: View, figure_id: str, key: str, suggested: str, answers: bool) -> None:
    """Append the view and the sentence (kept as the suggested one when it was not edited)."""
    text = st.session_state.get(key, "") or ""
    own = text if " ".join(text.split()) != " ".join(suggested.split()) else ""
    kept = [*steps(), story.step(view, figure_id, own, answers=answers)]
    save(kept)
    st.session_state.pop(key, None)
    st.toast(i18n.t("story_added", view.lang, n=len(kept)), icon=":material/playlist_add_check:")


def sidebar(view: View) -> None:
    """Sidebar: how many steps the story has, and the way to it."""
    held = steps()
    if not held or view.page == "story":
        return
    side = st.sidebar
    side.markdown(f"**{i18n.t('story_sidebar', view.lang, n=len(held))}**")
    side.page_link(shell.page_link("story"), label=i18n.t("story_open", view.lang))
