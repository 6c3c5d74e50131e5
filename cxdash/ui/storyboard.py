"""The story page: each step (its chart's title, its sentence, editable, and whose words they
are) with up / down / remove and a link to its view; and the story in presentation mode, one
step per screen: the sentence above the chart, the source below (slides.present: the same
keyboard, buttons and slide number as any page's presentation)."""

from __future__ import annotations

import functools
import html
import zlib

import streamlit as st

from cxdash import captions, charts, data, documents, figures, i18n, story
from cxdash.documents import Item
from cxdash.formatting import literal
from cxdash.palette import PRESENT
from cxdash.ui import access, compose, share, slides, state, widgets
from cxdash.view import View


def editor(view: View) -> None:
    """Every step of the story, in order, with its tools; the button that presents it."""
    lang = view.lang
    held = compose.steps()
    if not held:
        st.info(i18n.t("story_empty", lang), icon=":material/auto_stories:")
        return
    st.button(
        i18n.t("story_present", lang),
        icon=":material/slideshow:",
        type="primary",
        key="story_present",
        on_click=state.go,
        kwargs={"present": True, "slide": 1},
    )
    for i, s in enumerate(held):
        with st.container(border=True):
            _step(i, s, len(held), view)


def _step(i: int, s: story.Step, count: int, view: View) -> None:
    lang = view.lang
    step_view = s.view.with_(lang=lang)
    fig = figures.figure(s.figure, step_view)
    title = data.catalog().set_index("figure_id").loc[s.figure, f"title_{lang}"]
    st.markdown(f"**{i18n.t('story_step', lang, n=i + 1)}** — {literal(title)}")
    if fig is None:
        asked = literal(figures.describe(step_view.filters, lang))
        st.info(i18n.t("story_not_published", lang, asked=asked))
    suggested = captions.suggest(fig) if fig is not None else ""
    key = f"_story_edit_{i}_{zlib.crc32(story.encode([s]).encode()):x}"
    st.text_area(
        i18n.t("story_sentence", lang),
        value=s.text or suggested,
        key=key,
        max_chars=story.MAX_SENTENCE,
        on_change=_retell,
        args=(i, key, suggested),
        help=i18n.t("story_sentence_help", lang),
    )
    st.caption(i18n.t("story_own" if s.own else "story_suggested", lang))
    row = st.container(horizontal=True)
    tools = (("up", ":material/arrow_upward:", -1), ("down", ":material/arrow_downward:", 1))
    for name, icon, by in tools:
        row.button(
            i18n.t(f"story_{name}", lang), icon=icon, key=f"story_{name}_{i}",
            disabled=not 0 <= i + by < count, on_click=_move, args=(i, by),
        )  # fmt: skip
    row.button(
        i18n.t("story_remove", lang), icon=":material/delete:", key=f"story_remove_{i}",
        on_click=_remove, args=(i,),
    )  # fmt: skip
    if s.own and suggested:
        row.button(
            i18n.t("story_use_suggested", lang), key=f"story_suggest_{i}",
            on_click=_set_text, args=(i, ""),
        )  # fmt: skip
    row.link_button(
        i18n.t("story_view", lang), step_view.with_(story=view.story).url(share.base_url())
    )


def _retell(i: int, key: str, suggested: str) -> None:
    text = st.session_state.get(key, "") or ""
    _set_text(i, text if " ".join(text.split()) != " ".join(suggested.split()) else "")


def _set_text(i: int, text: str) -> None:
    compose.save(story.retold(compose.steps(), i, text))


def _move(i: int, by: int) -> None:
    compose.save(story.moved(compose.steps(), i, by))


def _remove(i: int) -> None:
    compose.save(story.removed(compose.steps(), i))


# --- presentation ----------------------------------------------------------------------------


def present(view: View) -> None:
    """The story in presentation mode: one step per screen, in the story's order."""
    items = documents.story_items(view, share.base_url(), look=PRESENT)
    slides.present([functools.partial(_slide, item) for item in items], view)


def _slide(item: Item) -> None:
    """The sentence (and whose words), the chart's title, the chart in large type, then
    the source line and the key to its marks."""
    fig = item.fig
    # as typed, as HTML text: Markdown would autolink an address even when escaped
    st.html(f'<h2 class="story-sentence">{html.escape(item.sentence)}</h2>')
    st.caption(f"{literal(item.said_by)} · **{literal(fig.title)}**")
    widgets.chart(charts.fit(fig.spec, slides.PLOT_PX - 100))
    access.chart_text(fig)
    st.caption(literal(fig.caption))
    if fig.marks_key:
        st.caption(" · ".join(literal(line) for line in fig.marks_key))
