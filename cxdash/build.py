"""Build the DuckDB file from the CSVs, atomically.

The schema (`queries/schema.sql`) does the checking: types, enums, foreign keys, NOT NULL and
CHECK constraints refuse a bad row. Rows are inserted one by one inside one transaction into a
temporary file, so an error names the file, line and column, and the previous database is only
replaced (by an atomic rename) once everything loaded and every check in `queries/checks/`
came back empty.
"""

from __future__ import annotations

import csv
import fcntl
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cxdash.paths import DATA_DIR, DB_PATH, QUERIES_DIR, ROOT

# (table, CSV files relative to data/) in foreign-key order.
SOURCES: list[tuple[str, str]] = [
    ("units", "dimensions/units.csv"),
    ("tiers", "dimensions/tiers.csv"),
    ("countries", "dimensions/countries.csv"),
    ("channels", "dimensions/channels.csv"),
    ("years", "dimensions/years.csv"),
    ("pages", "dimensions/pages.csv"),
    ("surveys", "*/survey.csv"),
    ("respondent_groups", "*/groups.csv"),
    ("figures", "*/figures*.csv"),
    ("published_values", "*/values*.csv"),
    ("claims", "*/claims.csv"),
    ("kpis", "metrics/kpis.csv"),
    ("kpi_figures", "metrics/kpi_figures.csv"),
    ("practices", "*/practices.csv"),
    ("tier_rules", "*/tier_rules.csv"),
    ("benchmark_measures", "metrics/benchmark_measures.csv"),
    ("benchmark_bands", "metrics/benchmark_bands.csv"),
]
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


class DataError(Exception):
    """A CSV row or a data check the database refused."""

    def __init__(self, file: str, line: int | None, column: str | None, problem: str):
        self.file, self.line, self.column, self.problem = file, line, column, problem
        where = ", ".join(
            part
            for part in (file, f"line {line}" if line else "", f"column {column}" if column else "")
            if part
        )
        super().__init__(f"{where}: {problem}")


@dataclass
class Report:
    tables: dict[str, int]
    files: int


def csv_files(data_dir: Path = DATA_DIR) -> list[tuple[str, Path]]:
    """Every (table, csv path) to load, in load order."""
    return [(table, p) for table, pattern in SOURCES for p in sorted(data_dir.glob(pattern))]


def inputs(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file whose change makes the database stale."""
    sql = [QUERIES_DIR / "schema.sql", *QUERIES_DIR.glob("load/*.sql")]
    sql += [*QUERIES_DIR.glob("staging/*.sql"), *QUERIES_DIR.glob("checks/*.sql")]
    code = [ROOT / "cxdash" / "stats.py", QUERIES_DIR / "yoy_pairs.sql"]  # build-time statistics
    return [p for _, p in csv_files(data_dir)] + sql + code


def is_stale(target: Path = DB_PATH, data_dir: Path = DATA_DIR) -> bool:
    if not target.exists():
        return True
    newest = max(p.stat().st_mtime_ns for p in inputs(data_dir))
    return target.stat().st_mtime_ns < newest


def ensure_fresh(target: Path = DB_PATH) -> None:
    """Rebuild when the database is missing or older than its CSVs or SQL: single-flight
    across threads and processes (a lock file), so a rebuild happens once and readers keep
    the old file until the atomic replace."""
    if not is_stale(target):
        return
    with open(target.with_name(f".{target.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if is_stale(target):  # another process may have rebuilt while we waited
                build(target)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def sql_parameters(sql: str) -> set[str]:
    """The `$name` parameters a SQL text uses (comments excluded)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(_PARAM.findall(code))


def _text(path: Path, rel: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise DataError(rel, line, None, "not valid UTF-8") from None


def _rows(text: str, rel: str) -> Iterator[tuple[int, dict[str, str | None]]]:
    """(line number, row) for each record; '' becomes None (not published)."""
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if not header:
        raise DataError(rel, 1, None, "empty file: a header row is required")
    start = reader.line_num + 1
    for record in reader:
        if len(record) != len(header):
            problem = f"expected {len(header)} fields, found {len(record)}"
            raise DataError(rel, start, None, problem)
        yield start, {k: (v if v.strip() != "" else None) for k, v in zip(header, record)}
        start = reader.line_num + 1


def _check_header(text: str, rel: str, wanted: set[str]) -> None:
    header = next(csv.reader(text.splitlines()), [])
    missing, extra = wanted - set(header), set(header) - wanted
    dupes = {c for c in header if header.count(c) > 1}
    if missing or extra or dupes:
        parts = [
            f"missing {sorted(missing)}" if missing else "",
            f"unknown {sorted(extra)}" if extra else "",
            f"repeated {sorted(dupes)}" if dupes else "",
        ]
        raise DataError(rel, 1, None, "header " + "; ".join(p for p in parts if p))


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


def _insert(con, sql: str, row: dict, rel: str, line: int) -> None:
    try:
        con.execute(sql, row)
    except duckdb.Error as err:
        message = str(err).split("\n\nLINE")[0].strip()
        column = _column(str(err), row)
        if column is None and "duplicate key" in message.lower():
            column = "natural key"
            message += (
                " (another row has the same figure, year, tier, country, channel, group and option)"
            )
        raise DataError(rel, line, column, message) from None


def _load_file(con, table: str, path: Path, data_dir: Path) -> int:
    rel = str(path.relative_to(data_dir.parent))
    sql = (QUERIES_DIR / "load" / f"{table}.sql").read_text(encoding="utf-8")
    wanted = sql_parameters(sql)
    text = _text(path, rel)
    _check_header(text, rel, wanted)
    terms_sql = (QUERIES_DIR / "load" / "claim_terms.sql").read_text(encoding="utf-8")
    count = 0
    for line, row in _rows(text, rel):
        _insert(con, sql, row, rel, line)
        count += 1
        if table == "claims":
            for side in ("a", "b"):
                for value_id in filter(None, (row[f"{side}_value_ids"] or "").split(";")):
                    term = {"claim_id": row["claim_id"], "side": side, "value_id": value_id.strip()}
                    try:
                        con.execute(terms_sql, term)
                    except duckdb.Error as err:
                        problem = f"{value_id.strip()!r}: {str(err).splitlines()[0]}"
                        raise DataError(rel, line, f"{side}_value_ids", problem) from None
    return count


def _run_checks(con) -> None:
    for check in sorted((QUERIES_DIR / "checks").glob("*.sql")):
        rows = con.execute(check.read_text(encoding="utf-8")).fetchall()
        if rows:
            shown = "; ".join(str(r) for r in rows[:5])
            more = f" (and {len(rows) - 5} more)" if len(rows) > 5 else ""
            raise DataError(
                f"queries/checks/{check.name}",
                None,
                None,
                f"{len(rows)} row(s) fail this check: {shown}{more}",
            )


def load(con: duckdb.DuckDBPyConnection, data_dir: Path = DATA_DIR) -> Report:
    """Create the schema and load every CSV into `con` in one transaction, then run checks."""
    con.execute((QUERIES_DIR / "schema.sql").read_text(encoding="utf-8"))
    for view in sorted((QUERIES_DIR / "staging").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))
    con.execute("begin transaction")
    counts: dict[str, int] = {}
    files = csv_files(data_dir)
    for table, path in files:
        counts[table] = counts.get(table, 0) + _load_file(con, table, path, data_dir)
    _run_checks(con)
    from cxdash import stats  # statsmodels: the build's, never the app's

    stats.build_tables(con, (QUERIES_DIR / "yoy_pairs.sql").read_text(encoding="utf-8"))
    con.execute("commit")
    return Report(tables=counts, files=len(files))


def validate(data_dir: Path = DATA_DIR) -> Report:
    """Load everything into memory and run every check, touching no file."""
    con = duckdb.connect()
    try:
        return load(con, data_dir)
    finally:
        con.close()


def build(target: Path = DB_PATH, data_dir: Path = DATA_DIR) -> Report:
    """(Re)build `target`; on any error the previous file is left byte-identical."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            report = load(con, data_dir)
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, target)
        return report
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
