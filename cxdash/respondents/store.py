"""Where respondent datasets live: CX_RESPONDENTS_DIR (default ~/.cx-respondents, outside the
repository and outside data/, so the published database and its build never see them).

A dataset is a folder `<dataset_id>/` holding respondents.parquet, answers.parquet and
dataset.json. It is written whole into a hidden temporary folder beside it and renamed at the
end, so a folder that is listed is complete; a hidden folder is never listed."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from cxdash import shelf
from cxdash.paths import QUERIES_DIR

FILES = ("respondents.parquet", "answers.parquet", "dataset.json")  # and cubes.parquet
SHELF = shelf.Shelf(
    "CX_RESPONDENTS_DIR", ".cx-respondents", "dataset.json", "dataset", "respondents list"
)
root, keep_private, meta, delete = SHELF.root, SHELF.keep_private, SHELF.meta, SHELF.delete


def new_id(name: str) -> str:
    return shelf.new_id(name, "dataset")


def _folder(dataset_id: str) -> Path:
    return SHELF.folder(dataset_id)


def locate(dataset_id: str) -> Path:
    """The folder of a dataset: an upload of this process (`keep_private`) or
    CX_RESPONDENTS_DIR's. ValueError when there is none. Who may open an upload is the app
    shell's to decide (the session that loaded it): an id alone opens nothing there."""
    return SHELF.folder(dataset_id)


def write(
    meta: dict,
    respondents: pd.DataFrame,
    answers: pd.DataFrame,
    base: Path | None = None,
    finish: Callable[[Path], None] | None = None,
) -> Path:
    """Write the dataset folder whole (cxdash.shelf), under `base` (default
    CX_RESPONDENTS_DIR); `finish` adds to the folder before it is renamed into place."""

    def fill(folder: Path) -> None:
        respondents.to_parquet(folder / "respondents.parquet", index=False)
        answers.to_parquet(folder / "answers.parquet", index=False)
        if finish is not None:
            finish(folder)

    return SHELF.write(meta, fill, base)


def datasets() -> list[dict]:
    """dataset.json of every complete dataset, newest first."""
    return SHELF.listed()


@dataclass(frozen=True)
class Opened:
    meta: dict
    con: duckdb.DuckDBPyConnection  # views `respondents`, `answers` over the Parquet in place


def open_dataset(dataset_id: str) -> Opened:
    """An in-memory DuckDB connection with views over the dataset's Parquet files."""
    return open_at(SHELF.folder(dataset_id))


def open_at(folder: Path, described: bool = True) -> Opened:
    """`open_dataset` of a dataset folder (`described` False: one still being written)."""
    con = duckdb.connect()
    for view in ("respondents", "answers"):
        path = str(folder / f"{view}.parquet").replace("'", "''")
        con.execute(f"create view {view} as select * from read_parquet('{path}')")
    text = (folder / "dataset.json").read_text(encoding="utf-8") if described else "{}"
    return Opened(json.loads(text), con)


def query(opened: Opened, name: str, **params) -> pd.DataFrame:
    """A named query of queries/respondents/ over the dataset's views, fetched whole."""
    sql = (QUERIES_DIR / "respondents" / f"{name}.sql").read_text(encoding="utf-8")
    with opened.con.cursor() as cur:
        return cur.execute(sql, params).df()
