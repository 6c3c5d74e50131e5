"""Run the named SQL files of `queries/` against the built database.

Every question the app asks is one `.sql` file; this module binds its `$name` parameters
(never formatting values into SQL) and returns a DataFrame. Connections are read-only and
each query gets its own cursor, so Streamlit sessions can query concurrently.
"""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cxdash import build
from cxdash.paths import DB_PATH, QUERIES_DIR

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_lock = threading.Lock()


class UnknownQuery(KeyError):
    """Raised for a query name with no file in queries/."""


@functools.cache
def sql_text(name: str) -> str:
    """The text of `queries/<name>.sql`; only plain names, no paths."""
    if not _NAME.fullmatch(name) or not (QUERIES_DIR / f"{name}.sql").is_file():
        raise UnknownQuery(name)
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_names() -> list[str]:
    """Every named query available to the app."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql") if p.stem != "schema")


_connections: dict[Path, tuple[int, duckdb.DuckDBPyConnection]] = {}


def connection(path: Path = DB_PATH) -> duckdb.DuckDBPyConnection:
    """A shared read-only connection, rebuilding the database first when it is stale.

    The connection is reopened when the file was replaced by a rebuild.
    """
    with _lock:
        if path == DB_PATH:
            build.ensure_fresh()
        mtime = path.stat().st_mtime_ns
        cached = _connections.get(path)
        if cached is None or cached[0] != mtime:
            _connections[path] = (mtime, duckdb.connect(str(path), read_only=True))
        return _connections[path][1]


def run(name: str, path: Path = DB_PATH, **params: Any) -> pd.DataFrame:
    """Run `queries/<name>.sql` with exactly the parameters it declares."""
    sql = sql_text(name)
    wanted = build.sql_parameters(sql)
    if set(params) != wanted:
        raise TypeError(f"query {name!r} takes {sorted(wanted)}, got {sorted(params)}")
    with connection(path).cursor() as cur:
        return cur.execute(sql, params).df()
