"""The app's cached access to the named queries, and the filter state they take."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from cxdash import build, db, i18n
from cxdash.paths import DB_PATH


@dataclass(frozen=True)
class Filters:
    """The sidebar's selections; an empty tuple means 'all'."""

    surveys: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    def slice_params(self) -> dict[str, list]:
        return {
            "tiers": list(self.tiers),
            "countries": list(self.countries),
            "channels": list(self.channels),
            "years": list(self.years),
        }

    def describe(self, lang: str) -> str:
        """The active filters in words, e.g. 'Maturity tier: Champion; Country: Japan'."""
        labels = dimension_labels(lang)
        parts = []
        for key, dim, chosen in (
            ("filter_tier", "tier", self.tiers),
            ("filter_country", "country", self.countries),
            ("filter_channel", "channel", self.channels),
            ("filter_year", "year", self.years),
        ):
            if chosen:
                names = ", ".join(labels.get((dim, str(c)), str(c)) for c in chosen)
                parts.append(f"{i18n.t(key, lang)}: {names}")
        return "; ".join(parts) or i18n.t("filter_all", lang)


_checked = {"at": 0.0, "version": 0}


def version() -> int:
    """Changes whenever the database is rebuilt, so caches follow the data. Staleness is
    checked (a stat of every CSV) at most once a second, not on every query."""
    now = time.monotonic()
    if now - _checked["at"] > 1.0:
        build.ensure_fresh()
        _checked.update(at=now, version=DB_PATH.stat().st_mtime_ns)
    return _checked["version"]


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, _version: int, params: tuple) -> pd.DataFrame:
    return db.run(name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def run(name: str, **params) -> pd.DataFrame:
    """A named query's result, cached per database version and parameters."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, version(), frozen)


def dimension_labels(lang: str) -> dict[tuple[str, str], str]:
    """(dimension, code) -> label in `lang`; shared, not copied (callers only read it)."""
    return _labels(lang, version())


@st.cache_resource(show_spinner=False, max_entries=8)
def _labels(lang: str, _version: int) -> dict[tuple[str, str], str]:
    dims = db.run("dimensions")
    col = "label_zh" if lang == "zh" else "label_en"
    return {(d, c): label for d, c, label in zip(dims["dimension"], dims["code"], dims[col])}


def options(dimension: str) -> list[str]:
    """The codes of a dimension in sort order."""
    dims = run("dimensions")
    return list(dims.loc[dims["dimension"] == dimension, "code"])


def catalog(surveys: tuple[str, ...] = ()) -> pd.DataFrame:
    return run("catalog", surveys=list(surveys))


def values(figure_ids: list[str], filters: Filters) -> pd.DataFrame:
    return run("figure_values", figure_ids=figure_ids, **filters.slice_params())


def _members(values, skip: str) -> int:
    return len([m for m in (values if values is not None else []) if m != skip])


def home_page(fig: pd.Series) -> str:
    """The page a figure belongs to (every figure has exactly one home page)."""
    if fig["survey_id"] != "apac":
        return {"hk": "hk", "metrics": "metrics"}.get(fig["survey_id"], "more")
    if fig["kind"] in ("demographic", "method"):
        return "sources"
    if _members(fig["tiers"], "All") >= 2:
        return "tiers"
    if _members(fig["countries"], "") >= 2:
        return "countries"
    if _members(fig["years"], "") >= 2:
        return "yoy"
    return "overview"


def figures_for(page: str, surveys: tuple[str, ...] = ()) -> pd.DataFrame:
    """The catalog slice a page draws: its home figures; the Channels page also gathers
    every figure with channel-specific values, from any survey."""
    cat = catalog(surveys)
    if page == "channels":
        return cat[cat["channels"].map(lambda c: _members(c, "All") >= 1)]
    return cat[cat.apply(home_page, axis=1) == page]


def search(cat: pd.DataFrame, query: str) -> pd.DataFrame:
    """Figures whose id, titles or questions (English or 繁體中文) contain every word."""
    words = [w.casefold() for w in (query or "").split()]
    if not words:
        return cat
    text = cat[["figure_id", "title_en", "title_zh", "question_en", "question_zh"]].fillna("")
    haystack = text.agg(" ".join, axis=1).str.casefold()
    return cat[haystack.map(lambda h: all(w in h for w in words))]
