"""Build the DuckDB file from the CSVs, atomically and single-flight.

`cxdash.csvread` refuses malformed files and fields first (every problem, with file, line and
column); then the schema (`queries/schema.sql`) does the checking: types, enums, foreign keys,
NOT NULL and CHECK constraints refuse a bad row, and every check in `queries/checks/` must come
back empty. The database is built into a unique temporary file and only then replaces the
previous one by an atomic rename, so readers keep the old file until the new one is whole.

The database records a fingerprint of the files it was built from (`build_info`): it is
stale when the fingerprint of the files on disk differs (an edited, added or deleted CSV or
SQL file). A failed rebuild leaves a note beside the database (`.cx.duckdb.error.json`) with
the fingerprint it failed on, so no process retries until the files change again.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from cxdash import servable
from cxdash.csvread import DataError, read, report
from cxdash.layout import SOURCES, check_empty, check_layout, csv_files, manifest, shown, visible
from cxdash.paths import DATA_DIR, DB_PATH, QUERIES_DIR, ROOT

__all__ = ["SOURCES", "DataError", "build", "ensure_fresh", "is_stale", "load", "validate"]
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclass
class Report:
    tables: dict[str, int]
    files: int


def inputs(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file whose change makes the database stale."""
    sql = [QUERIES_DIR / "schema.sql", *QUERIES_DIR.glob("load/*.sql")]
    sql += [*QUERIES_DIR.glob("staging/*.sql"), *QUERIES_DIR.glob("checks/*.sql")]
    # build-time code, and what servable.py checks the data against (the UI strings)
    code = ["stats.py", "csvread.py", "layout.py", "servable.py", "i18n.py"]
    code = [ROOT / "cxdash" / name for name in code]
    data = [p for p in visible(data_dir) if p.suffix.lower() == ".csv"]  # never hidden files
    return sorted(data) + sql + code + [QUERIES_DIR / "yoy_pairs.sql"]


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    """The names, sizes and modification times of every input, and the names of the app's
    pages (a page file added or removed changes what the data may name), hashed."""
    digest = hashlib.sha256(" ".join(sorted(servable.page_files())).encode())
    for path in inputs(data_dir):
        with contextlib.suppress(OSError):  # gone, unreadable, a link to nothing
            st = path.stat()
            digest.update(os.fsencode(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n"))
    return digest.hexdigest()


def built_from(target: Path = DB_PATH) -> str | None:
    """The fingerprint a database was built from (None: no database, or an older one).
    Read once per state of the file (its inode, size and modification time): the app asks
    on every run, and opening the database twice cost a link 80 ms (bench/speed.py)."""
    try:
        st = target.stat()
    except OSError:
        return None
    key = (str(target), st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _BUILT_FROM:
        if len(_BUILT_FROM) > 64:
            _BUILT_FROM.clear()
        _BUILT_FROM[key] = _read_built_from(target)
    return _BUILT_FROM[key]


_BUILT_FROM: dict[tuple, str | None] = {}


def _read_built_from(target: Path) -> str | None:
    con = duckdb.connect()
    try:
        con.execute(f"attach '{_quote(target)}' as cx (read_only)")
        return con.execute("select inputs from cx.build_info").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def is_stale(target: Path = DB_PATH, data_dir: Path = DATA_DIR) -> bool:
    return not target.exists() or built_from(target) != fingerprint(data_dir)


def _failure_file(target: Path) -> Path:
    return target.with_name(f".{target.name}.error.json")


def failure(target: Path = DB_PATH, data_dir: Path = DATA_DIR) -> DataError | None:
    """Why the files on disk do not build, when a rebuild of exactly these files failed."""
    try:
        note = json.loads(_failure_file(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if note.get("inputs") != fingerprint(data_dir):
        return None
    return DataError(note["file"], note["line"], note["column"], note["problem"])


def _record_failure(target: Path, inputs_fp: str, err: DataError) -> None:
    note = {"inputs": inputs_fp, "file": err.file, "line": err.line, "column": err.column}
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.error.tmp")
    tmp.write_text(json.dumps({**note, "problem": err.problem}), encoding="utf-8")
    os.replace(tmp, _failure_file(target))


@contextlib.contextmanager
def locked(target: Path = DB_PATH) -> Iterator[None]:
    """The one lock every rebuild and import of `target` takes (across processes)."""
    with open(target.with_name(f".{target.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure_fresh(target: Path = DB_PATH, data_dir: Path = DATA_DIR) -> None:
    """Rebuild when the database is missing or its inputs changed: single-flight across
    threads and processes, so a rebuild happens once and readers keep the old file until the
    atomic replace. A failure is recorded for the files it failed on and raised."""
    if not is_stale(target, data_dir):
        return
    with locked(target):
        if not is_stale(target, data_dir):  # another process rebuilt while we waited
            return
        known = failure(target, data_dir)
        if known is not None:  # another process already failed on exactly these files
            raise known
        started = fingerprint(data_dir)
        try:
            build(target, data_dir, started)
        except DataError as err:
            _record_failure(target, started, err)
            raise
        except (duckdb.Error, OSError, ValueError) as err:
            _record_failure(target, started, DataError("build", None, None, str(err)))
            raise
        _failure_file(target).unlink(missing_ok=True)


def sql_parameters(sql: str) -> set[str]:
    """The `$name` parameters a SQL text uses (comments excluded)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(_PARAM.findall(code))


def _column(message: str, row: dict[str, str | None]) -> str | None:
    """Which CSV column a DuckDB error is about, read from its message: a column whose value
    the message quotes (conversion errors, duplicate keys), else a column it names."""
    message = message.split("\n\nLINE")[0]
    quoted = re.findall(r"'([^']*)'|\"([^\"]*)\"", message)
    for text in (a or b for a, b in quoted):
        for name, value in row.items():
            if value is not None and value == text:
                return name
    for name in sorted(row, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", message):
            return name
    return None


def _insert(con, sql: str, row: dict, rel: str, line: int, problems: list | None) -> None:
    try:
        con.execute(sql, row)
    except duckdb.Error as err:
        message = str(err).split("\n\nLINE")[0].strip()
        column = _column(str(err), row)
        if "NOT NULL constraint failed" in message:
            message = "empty, but a value is required here"
            if column and column.endswith(("_en", "_zh")):
                message += " (the app shows every label in English and 繁體中文)"
        if column is None and "duplicate key" in message.lower():
            column = "natural key"
            message += (
                " (another row has the same figure, year, tier, country, channel, group and option)"
            )
        report(problems, DataError(rel, line, column, message))


def _sql(name: str) -> str:
    return (QUERIES_DIR / "load" / f"{name}.sql").read_text(encoding="utf-8")


def _read_all(data_dir: Path, problems: list | None) -> list[tuple[str, str, list]]:
    """Every file's rows, after the folder layout and every field passed csvread's checks."""
    declared = manifest(data_dir)
    check_layout(data_dir, declared, problems)
    files = []
    if problems:  # a missing or unreadable file: said first, before what only follows from it
        return []
    paths = csv_files(data_dir)
    for table, path in paths:
        rel = shown(path, data_dir)
        files.append((table, rel, read(path, rel, sql_parameters(_sql(table)), problems)))
    check_empty(data_dir, [(p, len(f[2])) for (_, p), f in zip(paths, files)], declared, problems)
    if not problems:
        servable.check(files, problems)
    return files


def _origins(files) -> dict[tuple[str, str], tuple[str, int]]:
    """(table, any cell's text) -> the file and line of the first row holding it: where a
    check's row (named by its key) was read from."""
    origins: dict[tuple[str, str], tuple[str, int]] = {}
    for table, rel, rows in files:
        for line, row in rows:
            for cell in row.values():
                origins.setdefault((table, cell), (rel, line))
    return origins


def _insert_all(con, files, problems: list | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    terms_sql = _sql("claim_terms")
    for table, rel, rows in files:
        sql = _sql(table)
        for line, row in rows:
            _insert(con, sql, row, rel, line, problems)
            counts[table] = counts.get(table, 0) + 1
            if table != "claims":
                continue
            for side in ("a", "b"):
                for value_id in filter(None, (row[f"{side}_value_ids"] or "").split(";")):
                    term = {"claim_id": row["claim_id"], "side": side, "value_id": value_id.strip()}
                    try:
                        con.execute(terms_sql, term)
                    except duckdb.Error as err:
                        problem = f"{value_id.strip()!r}: {str(err).splitlines()[0]}"
                        report(problems, DataError(rel, line, f"{side}_value_ids", problem))
    return counts


def _run_checks(con, files, problems: list | None) -> None:
    """Every check must come back empty. A check whose rows name a row of a file (columns
    `source` table, `item` key, `column_name`, `problem`) is reported at that file and line,
    before the summaries of the other checks (a wrong row may be why a sum is off)."""
    origins, found = _origins(files), []
    for check in sorted((QUERIES_DIR / "checks").glob("*.sql")):
        result = con.execute(check.read_text(encoding="utf-8"))
        columns = [d[0] for d in result.description]
        rows, name = result.fetchall(), f"queries/checks/{check.name}"
        if rows and {"source", "item", "column_name", "problem"} <= set(columns):
            for row in (dict(zip(columns, r)) for r in rows):
                rel, line = origins.get((row["source"], row["item"]), (name, None))
                found.append(DataError(rel, line, row["column_name"], row["problem"]))
        elif rows:
            listed = "; ".join(str(r) for r in rows[:5])
            more = f" (and {len(rows) - 5} more)" if len(rows) > 5 else ""
            problem = f"{len(rows)} row(s) fail this check: {listed}{more}"
            found.append(DataError(name, None, None, problem))
    for err in sorted(found, key=lambda e: e.line is None):
        report(problems, err)


def load(
    con: duckdb.DuckDBPyConnection,
    data_dir: Path = DATA_DIR,
    problems: list | None = None,
    statistics: bool = True,
) -> Report | None:
    """Create the schema and load every CSV into `con`, run the checks and the build-time
    statistics. Raises the first problem; or, given a `problems` list, collects every problem
    it can find (returning None when there was one), loading row by row without a
    transaction so one refused row does not hide the next."""
    files = _read_all(data_dir, problems)
    if problems:
        return None
    con.execute((QUERIES_DIR / "schema.sql").read_text(encoding="utf-8"))
    for view in sorted((QUERIES_DIR / "staging").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))
    if problems is None:
        con.execute("begin transaction")
    counts = _insert_all(con, files, problems)
    if problems:
        return None
    _run_checks(con, files, problems)
    if problems:
        return None
    if statistics:
        from cxdash import stats  # statsmodels: the build's, never the app's

        stats.build_tables(con, (QUERIES_DIR / "yoy_pairs.sql").read_text(encoding="utf-8"))
        _materialize(con)
    if problems is None:
        con.execute("commit")
    return Report(tables=counts, files=len(files) + 1)  # + the manifest


_VIEW = re.compile(r"^create view (\w+) as", re.MULTILINE)


def _materialize(con: duckdb.DuckDBPyConnection) -> None:
    """Store every staging view as a table of its rows, under its name. The named queries
    read them on every never-seen slice: as views their joins and windows ran again each
    time, and the server's DuckDB kept about half a MB of every run (bench/speed.py, e)."""
    for file in sorted((QUERIES_DIR / "staging").glob("*.sql")):
        for name in _VIEW.findall(file.read_text(encoding="utf-8")):
            con.execute(f'create table "_{name}" as select * from "{name}"')
            con.execute(f'drop view "{name}"')
            con.execute(f'alter table "_{name}" rename to "{name}"')


def validate(
    data_dir: Path = DATA_DIR, problems: list | None = None, statistics: bool = True
) -> Report | None:
    """Load everything into memory and run every check, touching no file."""
    con = duckdb.connect()
    try:
        return load(con, data_dir, problems, statistics)
    finally:
        con.close()


def build_file(target: Path = DB_PATH, data_dir: Path = DATA_DIR) -> tuple[Path, Report]:
    """Build into a new temporary file beside `target` (the caller installs or removes it)."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        con = duckdb.connect(str(tmp))
        try:
            report_ = load(con, data_dir)
            con.execute("checkpoint")
        finally:
            con.close()
    except BaseException:
        discard(tmp)
        raise
    return tmp, report_


def spare(target: Path = DB_PATH) -> Path:
    """A copy of the database last installed, put back if the live file becomes unreadable."""
    return target.with_name(f".{target.stem}.last-good{target.suffix}")  # ignored as *.duckdb


def readable(path: Path) -> bool:
    """The file opens as a database this build wrote (not overwritten, truncated or foreign)."""
    return built_from(path) is not None


def recover(target: Path = DB_PATH) -> bool:
    """Put the last good copy in place of an unreadable database file (atomically); True when
    the file is readable afterwards."""
    if readable(target):
        return True
    good = spare(target)
    if not readable(good):
        return False
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.restore.tmp")
    try:
        shutil.copyfile(good, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return readable(target)


def install(tmp: Path, target: Path, inputs_fp: str) -> None:
    """Record what `tmp` was built from and atomically make it the database (and its spare)."""
    copy = tmp.with_name(tmp.name + ".spare")
    try:
        con = duckdb.connect(str(tmp))
        try:
            now = datetime.now(UTC).replace(tzinfo=None)
            con.execute("insert into build_info values (?, ?)", [inputs_fp, now])
            con.execute("checkpoint")
        finally:
            con.close()
        shutil.copyfile(tmp, copy)
        os.replace(tmp, target)
        os.replace(copy, spare(target))
    finally:
        discard(tmp)
        copy.unlink(missing_ok=True)


def discard(tmp: Path) -> None:
    tmp.unlink(missing_ok=True)
    tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)


def build(
    target: Path = DB_PATH, data_dir: Path = DATA_DIR, inputs_fp: str | None = None
) -> Report:
    """(Re)build `target`; on any error the previous file is left byte-identical."""
    started = inputs_fp or fingerprint(data_dir)  # before reading: a later edit makes it stale
    tmp, report_ = build_file(target, data_dir)
    install(tmp, target, started)
    return report_
