"""The URL is the view: every filter, the language and page-level choices live in the query
string, with dimension codes (not translated labels) as values, so a link opens the same
view in either language.

Streamlit's `bind="query-params"` stores a widget's *displayed* label in the URL, which would
change with the language; so the app keeps the URL itself: each run seeds widget state from
the URL the first time a key is seen, and `sync_url()` writes the non-default values back at
the end of the run. Unknown or malformed values fall back to the default with a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from cxdash import i18n

_REGISTRY = "_url_params"  # key -> default, for this run
_NOTICES = "_url_notices"


def begin_run() -> None:
    """Start a run: forget last run's registered parameters."""
    st.session_state[_REGISTRY] = {}


def _seed(key: str, options: Sequence[str], default, multi: bool) -> None:
    """Put the URL's value for `key` in session state, once per session."""
    st.session_state[_REGISTRY][key] = default
    if key in st.session_state:
        return
    raw = st.query_params.get_all(key)
    good = [v for v in dict.fromkeys(raw) if v in options]
    for bad in [v for v in raw if v not in options]:
        st.session_state.setdefault(_NOTICES, []).append((key, bad))
    if multi:
        st.session_state[key] = good
    else:
        st.session_state[key] = good[-1] if good else default


def multiselect(
    key: str, label: str, options: Sequence[str], format_func: Callable[[str], str], container=st
) -> list[str]:
    """A URL-backed multiselect over codes; empty means 'all'."""
    _seed(key, options, [], multi=True)
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    return container.multiselect(
        label,
        options,
        key=key,
        format_func=format_func,
        placeholder=i18n.t("filter_all", language()),
    )


def select(
    key: str,
    label: str,
    options: Sequence[str],
    default: str,
    format_func: Callable[[str], str] = str,
    container=st,
    widget=None,
) -> str:
    """A URL-backed single choice (radio by default)."""
    _seed(key, options, default, multi=False)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    draw = widget or container.radio
    return draw(label, options, key=key, format_func=format_func)


def text(key: str, label: str, placeholder: str = "", container=st, max_chars: int = 100) -> str:
    """A URL-backed free-text input (e.g. a search), trimmed to `max_chars`."""
    st.session_state[_REGISTRY][key] = ""
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(key) or "")[:max_chars]
    return container.text_input(label, key=key, placeholder=placeholder, max_chars=max_chars)


def toggle(key: str, label: str, default: bool, container=st) -> bool:
    """A URL-backed on/off switch ('1' / '0' in the URL); the URL gives its first value."""
    st.session_state[_REGISTRY][key] = default
    raw = st.query_params.get_all(key)
    first = raw[-1] == "1" if raw and raw[-1] in ("0", "1") else default
    if raw and raw[-1] not in ("0", "1") and key not in st.session_state:
        st.session_state.setdefault(_NOTICES, []).append((key, raw[-1]))
    return container.toggle(label, value=first, key=key)


def language() -> str:
    """The current language code; seeded from `?lang=` on the first run."""
    if "lang" not in st.session_state:
        _seed("lang", list(i18n.LANGUAGES), i18n.DEFAULT_LANGUAGE, multi=False)
    st.session_state.setdefault(_REGISTRY, {})["lang"] = i18n.DEFAULT_LANGUAGE
    return st.session_state["lang"]


def _view() -> dict[str, str]:
    registry = st.session_state.get(_REGISTRY, {})
    return {k: repr(st.session_state.get(k)) for k in registry if k != "lang"}


def notices(lang: str, container=st) -> None:
    """Show what the link asked for that the app could not honour, for as long as the view
    is still the one the link opened (the first change of a filter dismisses it)."""
    pending = st.session_state.get(_NOTICES)
    if not pending:
        return
    shown_for = st.session_state.setdefault("_notice_view", _view())
    now = _view()
    if any(now.get(k, v) != v for k, v in shown_for.items()):
        st.session_state.pop(_NOTICES, None)
        return
    for key, bad in pending:
        value = bad if bad.strip() else "(empty)"
        container.warning(
            i18n.t("notice_unknown_value", lang, param=key, value=value[:80]), icon="⚠️"
        )


def sync_url() -> None:
    """Write every registered, non-default value back into the URL (codes only)."""
    wanted: dict[str, list[str] | str] = {}
    for key, default in st.session_state.get(_REGISTRY, {}).items():
        value = st.session_state.get(key, default)
        if value != default and value not in (None, []):
            if isinstance(value, bool):
                wanted[key] = "1" if value else "0"
            else:
                wanted[key] = [str(v) for v in value] if isinstance(value, list) else str(value)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normal = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normal:
        st.query_params.from_dict(wanted)


def value(key: str, options: Sequence[str], default: str) -> str:
    """A URL-backed value with no widget of its own (e.g. the slide number); change it by
    setting st.session_state[key] and rerunning."""
    _seed(key, options, default, multi=False)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    return st.session_state[key]
