"""The URL is the view: `begin` parses the query string once per session (view.parse,
lenient) into widget state, and `sync` writes the view the widgets now hold back into the
URL (View.params: codes, defaults left out). Streamlit's `bind="query-params"` would store a
widget's translated label; the app keeps the URL itself, here, in codes.
"""

from __future__ import annotations

import streamlit as st

from cxdash import data, story
from cxdash.view import DIMENSIONS, STATUSES, Filters, Notice, View, group_answers, parse

_SEEDED, _NOTICES, _SHOWN_FOR = "_url_seeded", "_url_notices", "_url_notice_view"
_WRITTEN = "_url_written"


def begin() -> View:
    """The view of this run (page not yet known). On a session's first run the widget state
    is seeded from the URL; later, when the URL holds what the app did not write there (a
    link with parameters), the values it names replace the widgets'. What the URL asked for
    that the app cannot honour is kept for `pending_notices`."""
    s = st.session_state
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    first = _SEEDED not in s
    if first or (params and params != s.get(_WRITTEN)):
        view, notices = parse(params, data.vocabulary())
        view = _story(_openable(view, notices), notices)
        if first or notices:
            s[_NOTICES] = notices
            s.pop(_SHOWN_FOR, None)
        s[_SEEDED] = True
        _seed(view, None if first else set(params))
    return current()


def _seed(view: View, only: set[str] | None) -> None:
    """Widget state from a view: every key, or `only` the URL parameters a link named."""
    values = {dim.key: [str(v) for v in view.filters.get(dim)] for dim in DIMENSIONS}
    values |= {
        "lang": view.lang,
        "ci": view.show_ci,
        "present": view.present,
        "slide": view.slide,
        "chart": view.chart,
        "q": view.q,
        "status": list(view.status),
        "topic": list(view.topic),
        "answers": view.answers,
        "dataset": view.dataset,
        "answer": [f"{q}:{c}" for q, codes in view.answer for c in codes],
        "story": view.story,
    }
    if view.figure:
        values["figure"] = view.figure
    st.session_state.update({k: v for k, v in values.items() if only is None or k in only})


UPLOADS = "_uploads"  # this session's own uploaded datasets: id -> dataset.json


def datasets() -> dict[str, dict]:
    """The respondent datasets this session may open: those imported on the command line
    into CX_RESPONDENTS_DIR, and its own uploads (never another session's)."""
    from cxdash.respondents import store

    return {m["id"]: m for m in store.datasets()} | dict(st.session_state.get(UPLOADS, {}))


def answer_options(dataset_id: str) -> list[str]:
    """'question_id:option_code' of every answer a dataset's respondents can be kept by."""
    from cxdash.respondents import source

    if dataset_id not in datasets():
        return []
    return source.dataset(dataset_id).answers


def _openable(view: View, notices: list[Notice]) -> View:
    """The view without a dataset this session may not open, or answers its instrument does
    not have; each named in a notice."""
    if view.dataset and view.dataset not in datasets():
        notices.append(Notice("dataset", view.dataset))
        return view.with_(dataset="", answer=())
    known = set(answer_options(view.dataset)) if view.dataset else set()
    kept = []
    for q, codes in view.answer:
        for c in codes:
            if f"{q}:{c}" in known:
                kept.append(f"{q}:{c}")
            else:
                notices.append(Notice("answer", f"{q}:{c}"))
    return view.with_(answer=group_answers(kept))


def _story(view: View, notices: list[Notice]) -> View:
    """The view with its story re-encoded as opened: the steps that can be opened (a step's
    respondent dataset only if this session may open it), each thing left out in a notice."""
    if not view.story:
        return view
    steps, problems = story.decode(view.story, data.vocabulary())
    notices += problems
    allowed = datasets()
    for i, s in enumerate(steps):
        if s.view.dataset and s.view.dataset not in allowed:
            notices.append(Notice("dataset", s.view.dataset, key="story_step_value", step=i + 1))
            steps[i] = story.Step(s.view.with_(dataset="", answer=()), s.figure, s.text)
    return view.with_(story=story.encode(steps))


# Every multiselect of the app means "all" when empty, as its placeholder says; Streamlit's
# own "Select all" row would say the same, in English whatever the reader's language.
ALL_IS_EMPTY = {"select_all": False}


def coded(draw, key: str, lang: str, options: list, **kwargs):
    """Draw a choice widget (`st.multiselect`, `st.selectbox`, or a container's) whose state
    under `key` is codes, never labels.

    Streamlit's frontend hands a keyed choice widget back the *label* it displayed, so after
    a language switch the state held "2021 年" for 2021 or 領航者 for Champion, and the URL
    followed. Here each language draws its own widget (`key@lang`), seeded from the codes
    under `key` and copying its codes back when the reader changes it; `key` itself is never
    a widget's key."""
    s = st.session_state
    widget_key = widget_for(key, lang)
    want = _known(s.get(key), options)
    if widget_key not in s or s[widget_key] != want:
        s[widget_key] = want
    return draw(
        key=widget_key, options=options, on_change=_copy, args=(widget_key, key, options), **kwargs
    )


def widget_for(key: str, lang: str) -> str:
    """The key of the widget that shows the codes under `key` in `lang`."""
    return f"_{key}@{lang}"


def _known(value, options: list):
    """`value` (a list of codes, or one code) keeping only codes among `options`."""
    allowed = {str(o): o for o in options}
    if isinstance(value, (list, tuple)):
        return [allowed[str(v)] for v in dict.fromkeys(map(str, value)) if str(v) in allowed]
    return allowed.get(str(value)) if value is not None else None


def _copy(widget_key: str, key: str, options: list) -> None:
    st.session_state[key] = _known(st.session_state.get(widget_key), options)


def current(page: str = "overview") -> View:
    """The view the widget state holds now, on `page` (its own parameters only)."""
    s = st.session_state
    vocab = data.vocabulary()
    own = set(vocab.page_params.get(page, ()))
    dataset = s.get("dataset") or ""
    dataset = dataset if dataset in datasets() else ""
    filters = Filters(
        **{
            d.field: tuple(
                int(v) if d.number else v
                for v in _known(list(s.get(d.key) or []), [str(o) for o in vocab.options[d.key]])
            )
            for d in DIMENSIONS
        }
    )
    return View(
        page=page,
        filters=filters,
        lang=s.get("lang", "en"),
        show_ci=bool(s.get("ci", True)),
        figure=s.get("figure") if "figure" in own else None,
        q=s.get("q", "") if "q" in own else "",
        status=tuple(_known(list(s.get("status") or ()), list(STATUSES)))
        if "status" in own
        else (),
        topic=tuple(_known(list(s.get("topic") or ()), list(vocab.topics)))
        if "topic" in own
        else (),
        answers=s.get("answers", "") if "answers" in own else "",
        present=bool(s.get("present")),
        slide=int(s.get("slide") or 1),
        chart=s.get("chart"),
        dataset=dataset,
        answer=group_answers(list(s.get("answer") or ())) if dataset else (),
        story=str(s.get("story") or ""),
    )


def pending_notices() -> list[Notice]:
    """What the link asked for that the app could not honour, for as long as the view is
    still the one the link opened (the first change of a filter dismisses them)."""
    s = st.session_state
    if not s.get(_NOTICES):
        return []
    now = current().params()
    shown_for = s.setdefault(_SHOWN_FOR, now)
    if now != shown_for:
        s.pop(_NOTICES, None)
        return []
    return s[_NOTICES]


def sync(page: str) -> None:
    """Write the view the widgets hold into the URL, when it differs."""
    wanted: dict[str, list[str]] = {}
    for key, value in current(page).params():
        wanted.setdefault(key, []).append(value)
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    if have != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_WRITTEN] = wanted


def go(**changes) -> None:
    """A callback that changes view state (presentation mode, slide): runs before the next
    script run, so a click is never lost to a rerun."""
    st.session_state.update(changes)
