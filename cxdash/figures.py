"""The figure pipeline: figure id + view -> rows -> Vega-Lite spec (no Streamlit).

Everything that does not depend on the filters is made once per figure, language and data
version, and kept as bytes (cxdash/shapes.py: made by a child process for every figure, or
here when first drawn): the figure's layout, every one of its values with its display
columns, the spec's shape and its rows with and without intervals. A filter only picks which
rows the spec carries. The page, the
embed, the deck, the PDF and the tests all call `figure`.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from cxdash import access, chartrows, charts, cite, data, db, formatting, i18n, shapes, tables
from cxdash.palette import WEB, Type
from cxdash.view import SLICES, Filters, View

# The columns a chart's rows carry (what the specs encode, and what tests read back).
ROW_COLUMNS = [
    "figure_id", "value_id", "tier", "country", "channel", "year", "respondent_group",
    "row", "option", "tier_label", "country_label", "year_label", "group_label",
    "channel_label", "value", "value_text", "base_text", "ci_low", "ci_high", "ci_text",
    "label_x", "opacity", "label_color", "small", "option_order", "tier_order",
    "country_order", "channel_order", "document", "source", "significant", "test_text", "dodge",
]  # fmt: skip


_TEXT_TABLES: dict[tuple, str] = {}  # Figure.text_table


@dataclass(frozen=True, eq=False)
class Figure:
    """One figure as a view shows it."""

    figure_id: str
    lang: str
    title: str
    records: list[dict]  # the shown values, localised, with intervals and significance
    spec: dict  # Vega-Lite, its rows in datasets["values"]
    dims: tuple[str, ...] = ()  # what the figure is broken down by (on all its values)
    pairs: pd.DataFrame | None = None  # from respondents: its tests (else the published ones)

    @property
    def caption(self) -> str:
        return tables.caption(self.records, self.lang)

    def has(self, column: str) -> bool:
        """Whether any shown value has `column` set (a flag, a low base, significance)."""
        return any(r.get(column) not in (None, False, "") for r in self.records)

    @functools.cached_property
    def values(self) -> pd.DataFrame:
        return formatting.frame(self.records)

    def table(self) -> pd.DataFrame:
        return tables.table(self.records, self.lang, self.dims)

    def text_table(self) -> str:
        """The chart's values as a visually hidden HTML table (access.hidden_table), made
        once per published figure, shown values, language and data version: every run of a
        page drew it again, a third of a link's server time (bench/speed.py)."""
        if self.records[0].get("origin") == "respondents":  # a dataset's: once per Figure,
            return self._own_text_table  # which _from_respondents keeps for its view
        key = (
            self.figure_id,
            self.lang,
            tuple(r["value_id"] for r in self.records),
            self.spec["description"],
            db.version(),
        )
        made = _TEXT_TABLES.get(key)
        if made is None:
            if len(_TEXT_TABLES) >= 4096:
                _TEXT_TABLES.clear()
            made = _TEXT_TABLES[key] = access.hidden_table(
                self.spec["description"], self._columns()
            )
        return made

    @functools.cached_property
    def _own_text_table(self) -> str:
        return access.hidden_table(self.spec["description"], self._columns())

    def _columns(self) -> dict[str, list]:
        return tables.columns(self.records, self.lang, self.dims)

    @property
    def published_beside(self) -> str:
        """From respondents: the report's values of the same question ('' otherwise)."""
        if self.records[0].get("origin") != "respondents":
            return ""
        return tables.published_beside(self.records, self.lang)

    @property
    def marks_key(self) -> list[str]:
        """The key to the test marks of the shown values (tables.marks_key)."""
        return tables.marks_key(self.records, self.lang)

    @property
    def flags(self) -> list[tuple[str, str]]:
        """(flag, explanation) of the shown values, each once (tables.flags)."""
        return tables.flags(self.records)

    def tests(self) -> tuple[pd.DataFrame, str]:
        """The figure's pairwise tests between the groups shown, and what they are: the
        Holm family (always all the figure's published groups, whatever the filters show)
        or, when none of its comparisons could be tested, that and why."""
        if self.pairs is not None:
            tests = self.pairs
            note = i18n.t("resp_tests_caption", self.lang, n=len(tests)) if len(tests) else ""
            return tables.tests_table(i18n.pick(tests, self.lang), self.lang), note
        tests = data.run("figure_tests", figure_ids=[self.figure_id])
        family = int(tests["family_size"].max()) if not tests.empty else 0
        note = tables.tests_note(tests, family, self.lang)
        return tables.tests_table(i18n.pick(self.pair_rows(tests), self.lang), self.lang), note

    def pair_rows(self, tests: pd.DataFrame | None = None) -> pd.DataFrame:
        """The figure's pairwise tests (figure_tests' columns) between two shown values:
        from respondents, its own; else the published ones (`tests`: all of the figure's)."""
        if self.pairs is not None:
            return self.pairs
        if tests is None:
            tests = data.run("figure_tests", figure_ids=[self.figure_id])
        shown = {r["value_id"] for r in self.records}
        return tests[tests["value_id_a"].isin(shown) & tests["value_id_b"].isin(shown)]


@functools.lru_cache(maxsize=2)
def _all_values(version: int) -> dict[str, pd.DataFrame]:
    """Every published value (labelled, with build-time statistics), by figure: what
    `python -m cxdash shapes` makes every shape from (a server asks figure by figure)."""
    values = data.run("figure_values", figure_ids=[], **Filters().slice_params())
    return {f: group for f, group in values.groupby("figure_id", sort=False)}


def _values_of(figure_id: str) -> pd.DataFrame:
    """One figure's published values (the rows of `_all_values` for it, in its order)."""
    return data.run("figure_values", figure_ids=[figure_id], **Filters().slice_params())


def _records(rows: pd.DataFrame) -> dict[str, dict]:
    """value_id -> the row as plain Python values (None where missing)."""
    return {record["value_id"]: record for record in formatting.records(rows)}


@functools.lru_cache(maxsize=2)
def _store(version: int) -> dict[tuple, bytes]:
    """(figure id, language[, look]) -> the figure's shape, pickled: the shapes file's when
    it was made from this database and code (cxdash/shapes.py), then each one made here."""
    return dict(shapes.load(version))


def _shape(figure_id: str, lang: str, version: int, look: Type = WEB):
    """(the figure's layout, every value localised as records, the spec's shape, the chart's
    rows with and without intervals: {show_ci: rows}), made once per data version and kept
    as bytes: every figure's as objects, in both languages, was most of a server's memory
    and its every full garbage collection. Each call returns its own copy."""
    store = _store(version)
    key = (figure_id, lang) if look == WEB else (figure_id, lang, look)
    made = store.get(key)
    if made is None:
        made = store[key] = _pickled(_values_of(figure_id), lang, look)
    return pickle.loads(made)


def _pickled(values: pd.DataFrame, lang: str, look: Type) -> bytes:
    lay, localised, full, shape = _localised(formatting.records(values), lang, look)
    drawn = {ci: _drawn(full, localised, lay, lang, ci) for ci in (True, False)}
    return pickle.dumps((lay, full, shape, drawn), protocol=5)


def adopt(version: int, made: shapes.Shapes) -> None:
    """Take up the shapes a child process made (shapes.Making) for this data version."""
    _store(version).update(made)


def make_shapes(version: int) -> shapes.Shapes:
    """Every published figure's shape in every language (`python -m cxdash shapes`)."""
    return {
        (figure_id, lang): _pickled(values, lang, WEB)
        for figure_id, values in _all_values(version).items()
        for lang in i18n.LANGUAGES
    }


def _localised(records: list[dict], lang: str, look: Type):
    """(layout, localised records, the chart's records, spec shape) of any values as
    records, in the published values' columns (or respondents'): localised and given their
    chart's columns as records, one frame made of them for the spec (a frame made, changed
    column by column and read back was most of a respondent figure's cost)."""
    records = i18n.pick_records(records, lang)
    compared = any(r["test_reason"] != "no_comparison" for r in records)
    for r in records:
        r["source"] = cite.of(r, lang)  # the tooltip's citation
        r["test_text"] = (  # the tooltip's test line, for a figure that compares groups
            tables.test_text(r["test_status"], r["test_reason"], lang) if compared else ""
        )
    lay = chartrows.layout(records)
    rows = chartrows.rows(records, lay, lang, show_ci=True)
    return lay, records, _records(rows), charts.spec(rows, lay, look)


def _drawn(full: dict, values: list[dict], lay, lang: str, show_ci: bool) -> dict[str, dict]:
    """value_id -> the columns the chart draws, with or without intervals: with them, those
    of `full` (the records _localised made, intervals shown); without, made again."""
    if not show_ci:
        full = _records(chartrows.rows(values, lay, lang, show_ci=False))
    return {v: {c: r[c] for c in ROW_COLUMNS if c in r} for v, r in full.items()}


def shown_values(figure_ids: list[str], filters: Filters) -> pd.DataFrame:
    """(figure_id, value_id) of every value the filters keep, for these figures."""
    return data.run("shown_values", figure_ids=figure_ids, **filters.slice_params())


def figure(
    figure_id: str, view: View, value_ids: list[str] | None = None, look: Type = WEB
) -> Figure | None:
    """The figure as `view` shows it, or None when nothing of it is published for the
    view's filters. `value_ids`: the shown values, when the caller already asked for them
    (one query for a whole page); `look`: type sizes (web page or presentation screen)."""
    if view.dataset:
        return _respondent_figure(figure_id, view, look)
    if value_ids is None:
        value_ids = list(shown_values([figure_id], view.filters)["value_id"])
    if not value_ids:
        return None
    version = db.version()
    lay, full, shape, drawn = _shape(figure_id, view.lang, version, look)
    chart = drawn[view.show_ci]
    records = [full[v] for v in value_ids]
    rows = [chart[v] for v in value_ids]
    return _figure(figure_id, view.lang, records, _spec(shape, records, rows, lay, view.lang), lay)


def _spec(shape: dict, records: list[dict], rows: list[dict], lay, lang: str) -> dict:
    """The spec's shape with its rows and its text alternative (cxdash/access.py), which
    names a user's data as such."""
    title = str(records[0]["title"])
    if records[0].get("origin") == "respondents":
        title = f"{title} — {cite.of(records[0], lang)}"
    described = access.described(shape, access.describe(title, records, lay.dims, lang))
    figure = {"usermeta": {"figure_id": records[0]["figure_id"]}}  # which figure, in one place
    return {**shape, **described, **figure, "datasets": {"values": rows}}


def _figure(figure_id, lang, records, spec, lay, pairs=None) -> Figure:
    return Figure(figure_id, lang, str(records[0]["title"]), records, spec, lay.dims, pairs)


def _respondent_figure(figure_id: str, view: View, look: Type) -> Figure | None:
    """The figure recomputed from the view's respondent dataset (cxdash/respondents/):
    grouped and sliced by the view's filters and answer filter, the report's value beside."""
    from cxdash.respondents import source

    ds = source.dataset(view.dataset)  # opened once per process; its object is its version
    return _from_respondents(
        ds, figure_id, view.filters, view.answer, view.lang, view.show_ci, look, db.version()
    )


@functools.lru_cache(maxsize=512)
def _from_respondents(ds, figure_id, filters, answer, lang, show_ci, look, version):
    shaped = _respondent_shape(ds, figure_id, filters, answer, lang, look, version)
    if shaped is None:
        return None
    lay, localised, full, shape, pairs = shaped
    chart = _respondent_drawn(ds, figure_id, filters, answer, lang, look, version, show_ci)
    records = list(full.values())
    rows = [chart[r["value_id"]] for r in records]
    return _figure(figure_id, lang, records, _spec(shape, records, rows, lay, lang), lay, pairs)


# A slice of a dataset is estimated once (both languages and interval settings draw the same
# estimates), localised and shaped once per language and look, its chart rows made once per
# interval setting: a reader's first switch to 繁體中文 or of intervals re-estimates nothing.
@functools.lru_cache(maxsize=256)
def _respondent_values(ds, figure_id, filters, answer, version):
    from cxdash.respondents import source

    chosen = {d.key: filters.get(d) for d in SLICES}
    report = _report(figure_id, version)
    return source.figure_values(ds, report, chosen, data.dimension_labels(), answer)


@functools.lru_cache(maxsize=256)
def _report(figure_id: str, version: int):
    """A figure's published values as its respondent rows read them (values.Report), from
    every published value read at once: one query of about 40 ms, where a figure's own took
    about 13 ms and a server's first page from respondents asked 26 of them."""
    from cxdash.respondents import values

    return values.Report.of(_all_values(version)[figure_id])


@functools.lru_cache(maxsize=256)
def _respondent_shape(ds, figure_id, filters, answer, lang, look, version):
    values, pairs = _respondent_values(ds, figure_id, filters, answer, version)
    if not values:
        return None
    return (*_localised(values, lang, look), pairs)


@functools.lru_cache(maxsize=512)
def _respondent_drawn(ds, figure_id, filters, answer, lang, look, version, show_ci):
    shaped = _respondent_shape(ds, figure_id, filters, answer, lang, look, version)
    lay, localised, full, _, _ = shaped
    return _drawn(full, localised, lay, lang, show_ci)


def page_figures(view: View) -> tuple[list[Figure], pd.DataFrame, pd.DataFrame]:
    """(the figures a page draws for the view, the catalog rows of those drawn, those not
    published for the filters)."""
    cat = data.page_figures(view.page, view.filters.surveys)
    return figures_of(cat, view)


def published(cat: pd.DataFrame, view: View) -> dict[str, list[str]]:
    """figure id -> the value ids the view's filters keep, for the catalog's figures that
    have any (in catalog order). One query for the whole slice."""
    if cat.empty:
        return {}
    if view.dataset:  # what the dataset's questions redraw (its values: `figure`)
        from cxdash.respondents import source

        return {f: [] for f in source.figures(source.dataset(view.dataset), list(cat["figure_id"]))}
    ids = cat["figure_id"].tolist()
    shown = shown_values(ids, view.filters)
    by_figure: dict[str, list[str]] = {}  # plain lists: pandas' groupby cost a slice 2 ms
    for figure_id, value_id in zip(shown["figure_id"].tolist(), shown["value_id"].tolist()):
        by_figure.setdefault(figure_id, []).append(value_id)
    return {f: by_figure[f] for f in ids if f in by_figure}


def each(cat: pd.DataFrame, view: View) -> Iterator[Figure]:
    """The catalog's figures the view shows, in catalog order, each made only when asked
    for, so a page draws its first chart before its last is made."""
    for figure_id, value_ids in published(cat, view).items():
        fig = figure(figure_id, view, value_ids)
        if fig is not None:
            yield fig


def figures_of(cat: pd.DataFrame, view: View) -> tuple[list[Figure], pd.DataFrame, pd.DataFrame]:
    """Like page_figures, for any catalog slice (Explore's match, the embed's one chart)."""
    drawn = list(each(cat, view))
    return drawn, *split(cat, drawn)


def split(cat: pd.DataFrame, drawn: list[Figure]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the catalog's rows drawn, the rest)."""
    if cat.empty:
        return cat, cat
    ids = {f.figure_id for f in drawn}
    if all(f in ids for f in cat["figure_id"].tolist()):  # the usual case, without copies
        return cat, cat.iloc[:0]
    kept = cat["figure_id"].isin(ids)
    return cat[kept], cat[~kept]


def describe(filters: Filters, lang: str) -> str:
    """The active filters in words, e.g. 'Maturity tier: Champion; Country / region: Japan'."""
    names = {d.key: i18n.t(f"filter_{d.key}", lang) for d in SLICES}
    return filters.describe(data.labels(lang), names) or i18n.t("filter_all", lang)


def available(meta: pd.Series, lang: str) -> str:
    """The breakdowns a figure is published by, in words (from its catalog row)."""
    labels = data.labels(lang)
    parts = []
    for dim in SLICES:
        members = [str(m) for m in meta[dim.field]]
        if members:
            names = ", ".join(labels.get((dim.key, m), m) for m in members)
            parts.append(f"{i18n.t(f'filter_{dim.key}', lang)}: {names}")
    return "; ".join(parts)
