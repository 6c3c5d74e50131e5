"""The named queries' results, cached per database version and parameters (no Streamlit:
the app, the command line and the tests share this), and the vocabulary a view may name."""

from __future__ import annotations

import functools

import pandas as pd

from cxdash import db
from cxdash.view import DIMENSIONS, STATUSES, Vocabulary

__all__ = ["STATUSES", "catalog", "labels", "page_figures", "run", "search", "vocabulary"]


@functools.lru_cache(maxsize=1024)
def _cached(name: str, version: int, params: tuple) -> pd.DataFrame:
    return db.run(name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def run(name: str, **params) -> pd.DataFrame:
    """A named query's result for the current database version. A shallow copy of the cached
    frame: a caller that adds a column never changes what the next caller gets."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, db.version(), frozen).copy(deep=False)


@functools.lru_cache(maxsize=8)
def _labels(lang: str, version: int) -> dict[tuple[str, str], str]:
    dims = run("dimensions")
    col = "label_zh" if lang == "zh" else "label_en"
    return {(d, c): label for d, c, label in zip(dims["dimension"], dims["code"], dims[col])}


@functools.lru_cache(maxsize=2)
def _dimension_labels(version: int) -> dict[tuple[str, str], dict]:
    dims = run("dimensions")
    rows = zip(
        dims["dimension"], dims["code"], dims["label_en"], dims["label_zh"], dims["sort_order"]
    )
    return {(d, str(c)): {"en": e, "zh": z, "order": o} for d, c, e, z, o in rows}


def dimension_labels() -> dict[tuple[str, str], dict]:
    """(dimension, code) -> its labels in both languages and its sort order; shared."""
    return _dimension_labels(db.version())


def labels(lang: str) -> dict[tuple[str, str], str]:
    """(dimension, code) -> label in `lang`; shared, read-only."""
    return _labels(lang, db.version())


@functools.lru_cache(maxsize=4)
def _vocabulary(version: int) -> Vocabulary:
    dims = run("dimensions")
    pages = run("pages")
    return Vocabulary(
        options={d.key: list(dims.loc[dims["dimension"] == d.key, "code"]) for d in DIMENSIONS},
        pages=list(pages["page"]),
        page_params={p: tuple(s.split()) for p, s in zip(pages["page"], pages["params"])},
        figures=frozenset(run("catalog", surveys=[])["figure_id"]),
        topics=sorted(run("claims", surveys=[])["topic"].unique()),
    )


def vocabulary() -> Vocabulary:
    """What a view may name, for the current data version."""
    return _vocabulary(db.version())


def catalog(surveys: tuple[str, ...] = ()) -> pd.DataFrame:
    return run("catalog", surveys=list(surveys))


def page_figures(page: str, surveys: tuple[str, ...] = ()) -> pd.DataFrame:
    """The catalog rows of the figures a page draws (queries/page_figures.sql)."""
    return run("page_figures", page=page, surveys=list(surveys))


def search(cat: pd.DataFrame, query: str) -> pd.DataFrame:
    """Figures whose id, titles or questions (English or 繁體中文) contain every word."""
    words = [w.casefold() for w in (query or "").split()]
    if not words:
        return cat
    text = cat[["figure_id", "title_en", "title_zh", "question_en", "question_zh"]].fillna("")
    haystack = text.agg(" ".join, axis=1).str.casefold()
    return cat[haystack.map(lambda h: all(w in h for w in words))]
