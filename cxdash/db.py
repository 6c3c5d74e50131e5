"""The built database: its freshness, its version, and the named SQL files of `queries/`.

Every question the app asks is one `.sql` file; `run` binds its `$name` parameters (never
formatting values into SQL) and returns a DataFrame. Connections are read-only and each query
gets its own cursor, so Streamlit sessions can query concurrently.

`refresh` is the one freshness check: when a CSV or SQL file is newer than the database it
rebuilds it in a child process (`python -m cxdash build --if-stale`, single-flight across
processes), so the app never imports the build's statistics libraries. When that rebuild
fails, the last good database keeps being served and `last_error` says why.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from cxdash import build
from cxdash.paths import DB_PATH, QUERIES_DIR, ROOT

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_lock = threading.Lock()
_state: dict[str, Any] = {"checked": 0.0, "error": None}
_connections: dict[Path, tuple[int, duckdb.DuckDBPyConnection]] = {}


class UnknownQuery(KeyError):
    """Raised for a query name with no file in queries/."""


def refresh(every: float = 1.0) -> int:
    """Rebuild the database if it is stale (checked at most every `every` seconds) and
    return its version."""
    with _lock:
        now = time.monotonic()
        if now - _state["checked"] >= every:
            _state["checked"] = now
            if build.is_stale(DB_PATH):
                _rebuild()
    return version()


def _rebuild() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cxdash", "build", "--if-stale"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        _state["error"] = None
        return
    message = (done.stderr.strip().splitlines() or ["the build failed"])[0]
    _state["error"] = message.removeprefix("error: ")
    if not DB_PATH.exists():
        raise RuntimeError(f"no database could be built: {_state['error']}")


def last_error() -> str | None:
    """Why the CSVs on disk did not build (the app serves the last good database)."""
    return _state["error"]


def version(path: Path = DB_PATH) -> int:
    """Changes whenever the database file is replaced, so caches follow the data."""
    return path.stat().st_mtime_ns


@functools.cache
def sql_text(name: str) -> str:
    """The text of `queries/<name>.sql`; only plain names, no paths."""
    if not _NAME.fullmatch(name) or not (QUERIES_DIR / f"{name}.sql").is_file():
        raise UnknownQuery(name)
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_names() -> list[str]:
    """Every named query available to the app."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql") if p.stem != "schema")


def connection(path: Path = DB_PATH) -> duckdb.DuckDBPyConnection:
    """A shared read-only connection, reopened when a rebuild replaced the file."""
    with _lock:
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
