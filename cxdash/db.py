"""The built database: its freshness, its version, and the named SQL files of `queries/`.

Every question the app asks is one `.sql` file; `run` binds its `$name` parameters (never
formatting values into SQL) and returns a DataFrame. Connections are read-only and each query
gets its own cursor, so Streamlit sessions can query concurrently.

`refresh` is the one freshness check: when a CSV or SQL file changed since the database was
built it rebuilds it in a child process (`python -m cxdash build --if-stale`, single-flight
across processes), so the app never imports the build's statistics libraries. The rebuild
runs in the background while sessions keep reading the last good database; when it fails,
that database keeps being served and `last_error` says why (file, line, column), for every
process, until the files change again. A database file that no longer opens (overwritten,
truncated) is replaced at once by the copy of the last one installed; without that copy it
is removed, so the next run rebuilds before serving.
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
from cxdash.paths import DATA_DIR, DB_PATH, QUERIES_DIR, ROOT

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_lock = threading.Lock()
_state: dict[str, Any] = {"checked": -1e9, "rebuilding": None, "failure": None}
_connections: dict[Path, tuple[int, duckdb.DuckDBPyConnection]] = {}


class UnknownQuery(KeyError):
    """Raised for a query name with no file in queries/."""


def refresh(every: float = 1.0, wait: bool = False) -> int:
    """Start a rebuild if the database is stale (checked at most every `every` seconds) and
    return the version to read. Without a database, or with `wait`, the rebuild finishes
    first; otherwise it runs in the background and this run reads the last good database."""
    with _lock:
        now = time.monotonic()
        if now - _state["checked"] >= every:
            _state["checked"] = now
            _check()
        running = _state["rebuilding"]
    if running is not None and running.is_alive() and (wait or not DB_PATH.exists()):
        running.join()
        with _lock:
            _check()
    if not DB_PATH.exists():
        raise RuntimeError(f"no database could be built: {_state['failure'] or 'build failed'}")
    return version()


def _check() -> None:
    """Unreadable? Stale? Already failed on exactly these files (by any process)? Else
    rebuild."""
    if DB_PATH.exists() and not build.recover(DB_PATH):
        DB_PATH.unlink(missing_ok=True)  # no good copy: rebuild before serving
    stale = build.is_stale(DB_PATH, DATA_DIR)
    _state["failure"] = build.failure(DB_PATH, DATA_DIR) if stale else None
    running = _state["rebuilding"]
    if stale and _state["failure"] is None and (running is None or not running.is_alive()):
        _state["rebuilding"] = threading.Thread(target=_rebuild, daemon=True)
        _state["rebuilding"].start()


def _rebuild() -> None:
    subprocess.run(
        [sys.executable, "-m", "cxdash", "build", "--if-stale"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )


def last_error() -> build.DataError | None:
    """Why the files on disk did not build (the app serves the last good database), as of
    the last `refresh`; None when the database is built from them."""
    return _state["failure"]


def rebuilding() -> bool:
    """A rebuild is under way (this run reads the previous database)."""
    running = _state["rebuilding"]
    return running is not None and running.is_alive()


def built_at(path: Path = DB_PATH) -> str:
    """When the database being read was built (UTC, to the minute)."""
    with connection(path).cursor() as cur:
        row = cur.execute("select max(built_at) from cx.build_info").fetchone()
    return f"{row[0]:%Y-%m-%d %H:%M} UTC" if row and row[0] else "–"


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
    """A shared connection reading `path`, reopened when a rebuild replaced the file.

    The file is attached read-only to a fresh in-memory database: `duckdb.connect(path)`
    would hand back the instance already open on the old file while any cursor on it is
    alive, and serve the old data. Queries still running on the old file finish on it."""
    with _lock:
        mtime = path.stat().st_mtime_ns
        cached = _connections.get(path)
        if cached is None or cached[0] != mtime:
            try:
                con = _attach(path)
            except duckdb.Error:  # overwritten since the last refresh: the last good copy
                if not build.recover(path):
                    raise
                con, mtime = _attach(path), path.stat().st_mtime_ns
            _connections[path] = (mtime, con)
        return _connections[path][1]


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    try:
        con.execute(f"attach '{str(path).replace(chr(39), chr(39) * 2)}' as cx (read_only)")
    except duckdb.Error:
        con.close()
        raise
    return con


def run(name: str, path: Path = DB_PATH, **params: Any) -> pd.DataFrame:
    """Run `queries/<name>.sql` with exactly the parameters it declares."""
    sql = sql_text(name)
    wanted = build.sql_parameters(sql)
    if set(params) != wanted:
        raise TypeError(f"query {name!r} takes {sorted(wanted)}, got {sorted(params)}")
    with connection(path).cursor() as cur:
        cur.execute("use cx")
        return cur.execute(sql, params).df()
