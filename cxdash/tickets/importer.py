"""Import a help desk's ticket export (CSV or Parquet) through its mapping: every cell is read
as text into a scratch DuckDB database beside the store (out of core under the memory limit),
typed (`queries/metrics/typed.sql`), checked (`checks.sql`) and, only when no problem is found,
written as one Parquet file (`stored.sql`) with its log.json. A problem names the file, the
rows (a CSV row as a spreadsheet shows it: the header is row 1; a Parquet row by its number
from 1) and the export's column; nothing is stored when there is any."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from cxdash.respondents.readers import ImportProblems, Problem
from cxdash.shelf import new_id
from cxdash.tickets import store
from cxdash.tickets.mapping import Mapping, fields

SUFFIXES = (".csv", ".parquet")
MAX_SECONDS = 10 * 366 * 86400  # the longest duration accepted: ten years
_DURATIONS = {
    "first_reply_time": "frt",
    "resolution_time": "res",
    "first_reply_time_business": "frtb",
    "resolution_time_business": "resb",
}
PROBLEMS = {
    "missing": "empty: required",
    "duplicate": "ticket id appears more than once",
    "not_time": "not a date and time",
    "before_created": "earlier than the ticket's creation",
    "too_long": "more than ten years after the ticket's creation",
    "not_duration": "not a duration from 0 to ten years in the mapping's unit",
    "not_count": "not a whole number from 0 to 100,000",
    "not_rating": "not a rating the mapping names",
    "not_score": "not a whole number from 0 to 10",
}


def import_file(
    path: Path, mapping: Mapping, name: str | None = None, base: Path | None = None
) -> dict:
    """Check `path` against `mapping` and store it as a ticket log (under `base`, default
    CX_TICKETS_DIR); its log.json. ImportProblems, with nothing stored, when any cell fails."""
    if path.suffix.lower() not in SUFFIXES:
        raise ImportProblems([Problem(path.name, None, None, "not a .csv or .parquet file")])
    meta = {
        "id": new_id(name or mapping.name or path.stem, "tickets"),
        "name": name or mapping.name or path.stem,
        "file": path.name,
        "mapping": mapping.file,
        "timezone": mapping.timezone,
        "fictional": mapping.fictional,
        "fields": sorted(mapping.columns),
        "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    scratch = Path(tempfile.mkdtemp(prefix=".import-", dir=_scratch_base(base)))
    con = store.connect(scratch / "import.duckdb", mapping.timezone)
    try:
        _typed(con, path, mapping)
        problems = _problems(con, path.name, mapping)
        if problems:
            raise ImportProblems(problems)
        meta |= _summary(con)
        if not meta["n_tickets"]:
            raise ImportProblems([Problem(path.name, None, None, "no tickets in the file")])
        store.SHELF.write(meta, lambda folder: _write(con, folder), base)
    except duckdb.Error as err:  # e.g. out of disk or memory: one line, nothing stored
        first = str(err).strip().splitlines()[0][:200]
        raise ImportProblems([Problem(path.name, None, None, f"not imported: {first}")]) from None
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return meta


def _scratch_base(base: Path | None) -> Path:
    root = base or store.SHELF.root()
    root.mkdir(parents=True, exist_ok=True)
    return root


def _typed(con: duckdb.DuckDBPyConnection, path: Path, mapping: Mapping) -> None:
    con.execute(store.sql("macros"))
    quoted = str(path).replace("'", "''")
    csv = path.suffix.lower() == ".csv"
    try:
        if csv:
            read = f"read_csv('{quoted}', all_varchar = true, header = true, auto_detect = true)"
        else:
            read = f"read_parquet('{quoted}')"
        con.execute(f"create table raw as select * from {read}")
    except duckdb.Error as err:
        kind = "CSV" if csv else "Parquet"
        first = str(err).strip().splitlines()[0][:200]
        raise ImportProblems(
            [Problem(path.name, None, None, f"not a readable {kind} file: {first}")]
        ) from None
    have = [r[0] for r in con.execute("select column_name from (describe raw)").fetchall()]
    missing = [c for c in mapping.columns.values() if c not in have]
    if missing:
        raise ImportProblems(
            [Problem(path.name, None, c, "no such column in the file's header") for c in missing]
        )
    first_row = 2 if csv else 1
    cells = ", ".join(
        f'cast("{mapping.columns[f].replace(chr(34), chr(34) * 2)}" as varchar) as {f}'
        if f in mapping.columns
        else f"null::varchar as {f}"
        for f in fields()["field"]
    )
    con.execute(f"create view src as select rowid + {first_row} as row_no, {cells} from raw")
    _codes(con, mapping)
    params = {f"{short}_unit": mapping.units.get(f, 1) for f, short in _DURATIONS.items()}
    rating = mapping.csat
    params |= {
        "csat_numeric": "low" in rating,
        "csat_low": rating.get("low", 0),
        "csat_high": rating.get("high", 0),
        "csat_from": rating.get("satisfied_from", 0),
    }
    con.execute(f"create table typed as {store.sql('typed')}", params)


def _codes(con: duckdb.DuckDBPyConnection, mapping: Mapping) -> None:
    con.execute("create temp table channel_codes (value varchar, code varchar)")
    if mapping.channels:
        con.executemany("insert into channel_codes values (?, ?)", list(mapping.channels.items()))
    con.execute("create temp table csat_codes (value varchar, satisfied boolean)")
    rows = [(v, True) for v in mapping.csat.get("satisfied", [])]
    rows += [(v, False) for v in mapping.csat.get("unsatisfied", [])]
    rows += [(v, None) for v in mapping.csat.get("no_rating", [])]
    if rows:
        con.executemany("insert into csat_codes values (?, ?)", rows)


def _problems(con: duckdb.DuckDBPyConnection, file: str, mapping: Mapping) -> list[Problem]:
    found = con.execute(store.sql("checks"), {"max_s": MAX_SECONDS}).fetchall()
    return [
        Problem(file, [int(r) for r in rows], mapping.columns.get(field, field),
                _text(problem, mapping) + (f" ({n:,} rows in all)" if n > len(rows) else ""))
        for field, problem, n, rows in found
    ]  # fmt: skip


def _text(problem: str, mapping: Mapping) -> str:
    rating = mapping.csat
    if problem == "not_rating" and "low" in rating:
        return f"not a whole number on the mapping's scale, {rating['low']} to {rating['high']}"
    if problem == "not_rating":
        named = [
            *rating.get("satisfied", []),
            *rating.get("unsatisfied", []),
            *rating.get("no_rating", []),
        ]
        return f"not one of the ratings the mapping names ({', '.join(named)[:200]})"
    return PROBLEMS[problem]


def _summary(con: duckdb.DuckDBPyConnection) -> dict:
    """Its size, first and last moment (UTC), first and last day (in the log's time zone, the
    session's) and channels."""
    n, first, last, day1, day2, channels = con.execute(
        "select count(*), min(created_at at time zone 'UTC')::varchar, "
        "max(created_at at time zone 'UTC')::varchar, min(created_at)::date::varchar, "
        "max(created_at)::date::varchar, list(distinct channel_code order by channel_code) "
        "from typed"
    ).fetchone()
    return {
        "n_tickets": int(n), "first_utc": first, "last_utc": last,
        "first_day": day1, "last_day": day2, "channels": channels,
    }  # fmt: skip


def _write(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """LZ4: a fifth less CPU than zstd to read back for every metric query (measured on 10 M
    tickets), for files a third larger."""
    target = str(folder / store.DATA).replace("'", "''")
    con.execute(f"copy ({store.sql('stored')}) to '{target}' (format parquet, compression lz4)")
