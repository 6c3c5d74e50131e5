"""A respondent dataset as a data source of the figure pipeline: opened once per process
(shared read-only by every session), its questions' sums cubed at import (cubes.parquet), and
`figure_values` — a figure's values for a view's filters, in the published values' shape.

A slice is a roll-up of the cube (no SQL); an answer filter ("has practice 3") needs the
respondents who gave that answer, so its cube is made by SQL once and cached."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from cxdash.respondents import instrument, store, sums, values
from cxdash.respondents.instrument import TIER, Instrument


def cubes(con: duckdb.DuckDBPyConnection, inst: Instrument) -> pd.DataFrame:
    """Every question's finest-grain sums (sums.cube), one frame with its question_id: what
    a dataset is sliced from. Made at import, from a connection with the two views."""
    have = set(con.execute("select distinct question_id from answers").df()["question_id"])
    drawn = set(inst.questions.index[inst.questions["figure_id"] != ""]) | set(
        inst.links.question_id
    )
    parts = [
        sums.cube(con, row["kind"], qid).assign(question_id=qid)
        for qid, row in inst.questions.iterrows()
        if qid in have and qid in drawn
    ]
    if TIER in inst.questions.index:  # derived from the practices, not an answer
        tiers = sums.tier_cube(con)
        parts += [tiers.assign(question_id=TIER)] if len(tiers) else []
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


@dataclass(frozen=True, eq=False)
class Dataset:
    meta: dict
    inst: Instrument
    con: duckdb.DuckDBPyConnection
    cells: dict[str, pd.DataFrame]  # question_id -> its cube

    @property
    def id(self) -> str:
        return self.meta["id"]

    @functools.cached_property
    def answers(self) -> list[str]:
        """'question_id:option_code' of every answer its respondents can be kept by (the tier
        is a filter of its own)."""
        o = self.inst.options
        o = o[o["question_id"] != TIER]
        return [f"{q}:{c}" for q, c in zip(o["question_id"], o["option_code"])]

    @functools.cached_property
    def _parts(self) -> dict[str, list[values.Part]]:
        q, links = self.inst.questions, self.inst.links
        drawn = dict.fromkeys([*q["figure_id"], *links["figure_id"]])
        return {f: values.parts(self.inst, f) for f in drawn if isinstance(f, str) and f}

    def parts(self, figure_id: str) -> list[values.Part]:
        """The questions that reproduce a figure (values.parts), read from the instrument
        once per dataset, not per figure drawn."""
        return self._parts.get(figure_id, [])

    @functools.cached_property
    def _questions(self) -> dict[str, values.Question]:
        return {q: values.question(self.inst, q) for q in self.inst.questions.index}

    def question(self, question_id: str) -> values.Question:
        """A question's words and answers (values.question), read once per dataset."""
        return self._questions[question_id]

    @functools.cached_property
    def _cubes(self) -> dict[str, sums.Cube]:
        return {q: sums.Cube.of(cells) for q, cells in self.cells.items()}

    def cube(self, question_id: str, kind: str, answers: tuple = ()) -> sums.Cube:
        """A question's cube (of the respondents who gave `answers`), read as rows once."""
        if not answers:
            return self._cubes[question_id]
        return _answer_cube(self, question_id, kind, answers)


@functools.lru_cache(maxsize=8)
def _open(folder: Path, stamp: float) -> Dataset:
    opened = store.open_at(folder)
    inst = instrument.load(opened.meta["instrument"])
    path = folder / "cubes.parquet"
    if path.is_file():
        cells = pd.read_parquet(path)
    else:  # a dataset imported before cubes were stored: cube it once, here
        cells = cubes(opened.con, inst)
    by_question = {q: g.drop(columns="question_id") for q, g in cells.groupby("question_id")}
    return Dataset(opened.meta, inst, opened.con, by_question)


def dataset(dataset_id: str) -> Dataset:
    """The dataset `dataset_id` (store.locate: the command line's or this process's private
    uploads), opened once and shared; a re-import under the same id is a new stamp."""
    folder = store.locate(dataset_id)
    return _open(folder, (folder / "dataset.json").stat().st_mtime)


@functools.lru_cache(maxsize=256)
def _answer_cube(ds: Dataset, question_id: str, kind: str, answers: tuple) -> sums.Cube:
    if question_id == TIER:
        return sums.Cube.of(sums.tier_cube(ds.con, answers))
    return sums.Cube.of(sums.cube(ds.con, kind, question_id, answers))


def figures(ds: Dataset, figure_ids: list[str]) -> list[str]:
    """The figures (of `figure_ids`, in order) the dataset's instrument and answers redraw."""
    return [f for f in figure_ids if any(p.question_id in ds.cells for p in ds.parts(f))]


def figure_values(
    ds: Dataset,
    report: values.Report,
    chosen: dict[str, tuple],
    labels: dict,
    answers: tuple = (),
) -> tuple[list[dict], pd.DataFrame]:
    """(values, pairs) of a figure (`report`: its published values) recomputed from
    respondents for the chosen filters (dimension key -> codes, as the view holds them);
    empty when nothing is left. The values as records (formatting.records), in order."""
    figure_id = report.figure_id
    by = values.group_by(report, chosen)
    groups = values.asked_of(report, by)
    labels = labels | values.tier_labels(ds.inst)  # "Emerging (your cut)", "Not Champion"
    channels = chosen.get("channel", ())
    rows, pairs = [], []
    for part in ds.parts(figure_id):
        if part.question_id not in ds.cells or (channels and part.channel not in channels):
            continue
        cells = ds.cube(part.question_id, part.kind, answers)
        if part.question_id == TIER:
            est, tests = values.tier_shares(cells, part, by, chosen, answers, groups)
        else:
            est, tests = values.estimate(cells, part, values.where(by, chosen, answers, groups))
        if est.empty:
            continue
        if groups:  # the group the report asked (kept, not grouped by): say so on each value
            est = est.assign(respondent_group=groups[0])
        made = values.frame(est, part, report, ds.question(part.question_id), labels, ds.meta)
        rows += made
        pairs.append(values.tests(made, tests))
    if not rows:
        return [], pd.DataFrame()
    return values.ordered(rows), pd.concat(pairs)
