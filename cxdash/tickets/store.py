"""Where ticket logs live: CX_TICKETS_DIR (default ~/.cx-tickets). A log is a folder
`<log_id>/` holding tickets.parquet and log.json (`cxdash.shelf`)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from cxdash.paths import QUERIES_DIR
from cxdash.shelf import Shelf

SHELF = Shelf("CX_TICKETS_DIR", ".cx-tickets", "log.json", "ticket log", "tickets list")
DATA = "tickets.parquet"


def sql(name: str) -> str:
    return (QUERIES_DIR / "metrics" / f"{name}.sql").read_text(encoding="utf-8")


def connect(database: str | Path = ":memory:", timezone: str = "UTC") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for ticket work: out of core, so that the whole process stays
    under CX_TICKETS_MEMORY (default 2GB): DuckDB's own limit is three quarters of it, the
    rest is Python's. It spills to a folder beside the database (or the system's temporary
    folder) and reads in the log's time zone."""
    con = duckdb.connect(str(database))
    con.execute(f"set memory_limit = '{_memory_mb() * 3 // 4}MB'")
    if str(database) != ":memory:":
        con.execute(f"set temp_directory = '{_quoted(Path(database).parent / 'spill')}'")
    con.execute("set TimeZone = ?", [timezone])
    return con


def _memory_mb() -> int:
    value = os.environ.get("CX_TICKETS_MEMORY", "2GB").strip()
    number, unit = value[:-2], value[-2:].upper()
    if not number.isdigit() or unit not in ("MB", "GB") or int(number) == 0:
        raise ValueError(f"CX_TICKETS_MEMORY={value!r}: a whole size such as 2GB or 512MB")
    return int(number) * (1024 if unit == "GB" else 1)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def open_log(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the view `tickets` over a log's Parquet, read in place."""
    con = connect()
    con.execute(f"create view tickets as select * from read_parquet('{_quoted(folder / DATA)}')")
    return con
