"""Where respondent datasets live: CX_RESPONDENTS_DIR (default ~/.cx-respondents, outside the
repository and outside data/, so the published database and its build never see them).

A dataset is a folder `<dataset_id>/` holding respondents.parquet, answers.parquet and
dataset.json. It is written whole into a hidden temporary folder beside it and renamed at the
end, so a folder that is listed is complete; a hidden folder is never listed."""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from cxdash.paths import QUERIES_DIR

FILES = ("respondents.parquet", "answers.parquet", "dataset.json")  # and cubes.parquet
_PRIVATE: dict[str, Path] = {}  # dataset id -> folder of an upload (store.keep_private)
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def root() -> Path:
    """CX_RESPONDENTS_DIR, read at each call (tests and the app may point it elsewhere)."""
    return Path(os.environ.get("CX_RESPONDENTS_DIR") or Path.home() / ".cx-respondents")


def new_id(name: str) -> str:
    """A folder-safe id: the name in lowercase letters, digits and dashes, and 8 hex digits."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "dataset"
    return f"{slug}-{uuid.uuid4().hex[:8]}"


def _folder(dataset_id: str) -> Path:
    if not _ID.fullmatch(dataset_id):
        raise ValueError(f"{dataset_id!r} is not a dataset id (see `respondents list`)")
    folder = _PRIVATE.get(dataset_id) or root() / dataset_id
    if not (folder / "dataset.json").is_file():
        raise ValueError(f"no dataset {dataset_id!r} in {root()} (see `respondents list`)")
    return folder


def locate(dataset_id: str) -> Path:
    """The folder of a dataset: an upload of this process (`keep_private`) or
    CX_RESPONDENTS_DIR's. ValueError when there is none. Who may open an upload is the app
    shell's to decide (the session that loaded it): an id alone opens nothing there."""
    return _folder(dataset_id)


def keep_private(folder: Path) -> str:
    """Register an upload's folder (outside CX_RESPONDENTS_DIR, so never listed); its id."""
    dataset_id = json.loads((folder / "dataset.json").read_text(encoding="utf-8"))["id"]
    _PRIVATE[dataset_id] = folder
    return dataset_id


def write(
    meta: dict,
    respondents: pd.DataFrame,
    answers: pd.DataFrame,
    base: Path | None = None,
    finish: Callable[[Path], None] | None = None,
) -> Path:
    """Write the dataset folder whole: into a hidden temporary folder, renamed at the end
    (under `base`, default CX_RESPONDENTS_DIR); `finish` adds to the folder before then."""
    base = base or root()
    base.mkdir(parents=True, exist_ok=True)
    tmp = base / f".tmp-{meta['id']}"
    try:
        tmp.mkdir()
        respondents.to_parquet(tmp / "respondents.parquet", index=False)
        answers.to_parquet(tmp / "answers.parquet", index=False)
        if finish is not None:
            finish(tmp)
        (tmp / "dataset.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        tmp.rename(base / meta["id"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return base / meta["id"]


def datasets() -> list[dict]:
    """dataset.json of every complete dataset, newest first."""
    base = root()
    if not base.is_dir():
        return []
    found = [
        json.loads((p / "dataset.json").read_text(encoding="utf-8"))
        for p in base.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / "dataset.json").is_file()
    ]
    return sorted(found, key=lambda m: m["imported_at"], reverse=True)


def meta(dataset_id: str) -> dict:
    return json.loads((_folder(dataset_id) / "dataset.json").read_text(encoding="utf-8"))


def delete(dataset_id: str) -> None:
    shutil.rmtree(_folder(dataset_id))
    _PRIVATE.pop(dataset_id, None)


@dataclass(frozen=True)
class Opened:
    meta: dict
    con: duckdb.DuckDBPyConnection  # views `respondents`, `answers` over the Parquet in place


def open_dataset(dataset_id: str) -> Opened:
    """An in-memory DuckDB connection with views over the dataset's Parquet files."""
    return open_at(_folder(dataset_id))


def open_at(folder: Path, meta: bool = True) -> Opened:
    """`open_dataset` of a dataset folder (`meta` False: one still being written)."""
    con = duckdb.connect()
    for view in ("respondents", "answers"):
        path = str(folder / f"{view}.parquet").replace("'", "''")
        con.execute(f"create view {view} as select * from read_parquet('{path}')")
    found = json.loads((folder / "dataset.json").read_text(encoding="utf-8")) if meta else {}
    return Opened(found, con)


def query(opened: Opened, name: str, **params) -> pd.DataFrame:
    """A named query of queries/respondents/ over the dataset's views, fetched whole."""
    sql = (QUERIES_DIR / "respondents" / f"{name}.sql").read_text(encoding="utf-8")
    with opened.con.cursor() as cur:
        return cur.execute(sql, params).df()
