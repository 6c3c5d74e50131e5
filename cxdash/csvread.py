"""Reading data/ strictly: which files it holds, and each file's rows, refused with file, line
and column before the database sees them.

What is refused here (the database's schema refuses the rest): text that is not UTF-8 (a
leading byte-order mark is fine: Excel writes one), malformed CSV (an unterminated quote, a
short or long row, a blank line), control and invisible format characters, fields longer than
`MAX_FIELD_CHARS`, surrounding whitespace, numbers that are not written as printed (`inf`,
`nan`, `1e3`, `1.5` for a whole number), a survey folder that is not whole, a required file
that is missing, a CSV file nobody declared, a file name that is not UTF-8, and a link that
leads out of data/. Hidden files and folders (a name starting with `.`) are never read, and
links out of data/ are never followed. `problems` collects every problem instead of stopping
at the first. A message never quotes more of a file than the offending cell, and never more
than `MAX_PROBLEM_CHARS` characters.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

MAX_FIELD_CHARS = 10_000  # the longest field in data/ today is about 800 characters
MAX_PROBLEM_CHARS = 400  # a message names the cell; it never echoes a file
MANIFEST = "manifest.csv"  # the survey folders data/ must hold (see data/README.md)

# (table, CSV files relative to data/) in foreign-key order.
SOURCES: list[tuple[str, str]] = [
    ("units", "dimensions/units.csv"),
    ("tiers", "dimensions/tiers.csv"),
    ("countries", "dimensions/countries.csv"),
    ("channels", "dimensions/channels.csv"),
    ("years", "dimensions/years.csv"),
    ("pages", "dimensions/pages.csv"),
    ("surveys", "*/survey.csv"),
    ("waves", "*/waves.csv"),
    ("respondent_groups", "*/groups.csv"),
    ("figures", "*/figures*.csv"),
    ("published_values", "*/values*.csv"),
    ("claims", "*/claims*.csv"),
    ("kpis", "metrics/kpis.csv"),
    ("kpi_figures", "metrics/kpi_figures.csv"),
    ("practices", "*/practices.csv"),
    ("tier_rules", "*/tier_rules.csv"),
    ("benchmark_measures", "metrics/benchmark_measures.csv"),
    ("benchmark_bands", "metrics/benchmark_bands.csv"),
]
# Every survey folder holds these (a pattern: at least one file matching it).
REQUIRED = ("survey.csv", "groups.csv", "figures*.csv", "values*.csv", "claims.csv")
# Files that come in pairs within a survey folder: the tier rule needs the practices it counts.
PAIRED = (("practices.csv", "tier_rules.csv"),)

_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?")  # as printed: digits and one decimal point
INTEGER_COLUMNS = {
    "year", "sort_order", "chart_no", "base_n", "sample_n", "published_year", "decimals_hint",
}  # fmt: skip
DECIMAL_COLUMNS = {
    "value", "published_value", "margin_of_error_pts", "confidence_pct", "min_value", "max_value",
}  # fmt: skip
BOOLEAN_COLUMNS = {"single_choice", "is_region"}
PADDED_COLUMNS = {"suffix"}  # a unit suffix keeps its leading space (" pts")
_BAD_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}

Row = dict[str, str | None]


class DataError(Exception):
    """A CSV row or a data check the database refused."""

    def __init__(self, file: str, line: int | None, column: str | None, problem: str):
        if len(problem) > MAX_PROBLEM_CHARS:
            cut = len(problem) - MAX_PROBLEM_CHARS
            problem = f"{problem[:MAX_PROBLEM_CHARS]}… ({cut:,} more characters not shown)"
        self.file, self.line, self.column, self.problem = file, line, column, problem
        where = ", ".join(
            part
            for part in (file, f"line {line}" if line else "", f"column {column}" if column else "")
            if part
        )
        super().__init__(f"{where}: {problem}")


def report(problems: list[DataError] | None, err: DataError) -> None:
    """Raise `err`, or collect it when the caller collects every problem."""
    if problems is None:
        raise err
    problems.append(err)


def shown(path: Path, data_dir: Path) -> str:
    """A path as messages name it ("data/hk/values.csv"); bytes of a name that is not UTF-8
    are shown escaped ("values\\xff.csv"), so any message can be printed."""
    rel = os.fsencode(path.relative_to(data_dir.parent))
    return rel.decode("utf-8", "backslashreplace")


def _hidden(path: Path, data_dir: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(data_dir).parts)


def _outside(path: Path, data_dir: Path) -> bool:
    """A link (or a path through one) that leads out of data/, or to nothing."""
    target = path.resolve()
    return not target.exists() or not target.is_relative_to(data_dir.resolve())


def _utf8(path: Path) -> bool:
    try:
        str(path).encode("utf-8")  # undecodable bytes of a name are lone surrogates here
    except UnicodeEncodeError:
        return False
    return True


def _readable(path: Path, data_dir: Path) -> bool:
    """Not hidden, not led out of data/ by a link, and named in UTF-8."""
    return not _hidden(path, data_dir) and not _outside(path, data_dir) and _utf8(path)


def csv_files(data_dir: Path) -> list[tuple[str, Path]]:
    """Every (table, csv path) to load, in load order: never a hidden file or one in a hidden
    folder, never one a link leads to from outside data/ (check_layout says why)."""
    return [
        (table, p)
        for table, pattern in SOURCES
        for p in sorted(data_dir.glob(pattern))
        if _readable(p, data_dir)
    ]


def visible(data_dir: Path) -> list[Path]:
    """Every file and folder under data/ that is not hidden; links are listed, not followed."""
    found = []
    for root, dirs, files in os.walk(data_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, d) for d in dirs]
        found += [Path(root, f) for f in sorted(files) if not f.startswith(".")]
    return found


def decode(path: Path, rel: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DataError(rel, None, None, f"cannot be read: {err.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DataError(rel, line, None, "not valid UTF-8") from None
    return text.removeprefix("\ufeff")  # the byte-order mark Excel (and our downloads) write


def read(path: Path, rel: str, wanted: set[str], problems: list[DataError] | None = None):
    """(line, row) for each record whose every field passes; '' becomes None (not
    published). A file that cannot be parsed yields no rows and one problem."""
    try:
        records = _records(decode(path, rel), rel)
        header = records[0][1] if records else []
        _check_header(header, rel, wanted)
    except DataError as err:
        report(problems, err)
        return []
    rows = []
    for line, record in records[1:]:
        before = len(problems) if problems is not None else 0
        if not record:
            report(problems, DataError(rel, line, None, "blank line: remove it"))
            continue
        if len(record) != len(header):
            report(problems, DataError(rel, line, None, _count(len(header), len(record))))
            continue
        row = {}
        for column, field in zip(header, record):
            try:
                row[column] = check_field(column, field)
            except ValueError as err:
                report(problems, DataError(rel, line, column, str(err)))
        if problems is None or len(problems) == before:
            rows.append((line, row))
    return rows


def _count(wanted: int, found: int) -> str:
    return f"expected {wanted} fields, found {found} (a short or long row, or a stray comma)"


def _records(text: str, rel: str) -> list[tuple[int, list[str]]]:
    """(first line, fields) per record, strictly parsed."""
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    out, start = [], 1
    try:
        for record in reader:
            out.append((start, record))
            start = reader.line_num + 1
    except csv.Error as err:
        message = str(err)
        if "field larger than field limit" in message:
            message = f"a field longer than the {MAX_FIELD_CHARS:,}-character limit"
        elif "unexpected end of data" in message:
            message = "unterminated quoted field: the record starting here runs to the end"
        raise DataError(rel, start, None, f"malformed CSV: {message}") from None
    if not out:
        raise DataError(rel, 1, None, "empty file: a header row is required")
    return out


def _check_header(header: list[str], rel: str, wanted: set[str]) -> None:
    if not header:
        raise DataError(rel, 1, None, "blank line: the header row must come first")
    missing, extra = wanted - set(header), set(header) - wanted
    dupes = {c for c in header if header.count(c) > 1}
    if missing or extra or dupes:
        parts = [
            _names("missing", missing),
            _names("unknown", extra),
            _names("repeated", dupes),
        ]
        raise DataError(rel, 1, None, "header " + "; ".join(p for p in parts if p))


def _names(what: str, names: set[str], shown: int = 5) -> str:
    """'unknown 'a', 'b' and 9,995 more' : a few names, each cut short, and a count."""
    if not names:
        return ""
    listed = ", ".join(repr(n[:40] + ("…" if len(n) > 40 else "")) for n in sorted(names)[:shown])
    more = f" and {len(names) - shown:,} more" if len(names) > shown else ""
    return f"{what} {listed}{more}"


def check_field(column: str, field: str) -> str | None:
    """The field as the database gets it, or ValueError saying what is wrong with it."""
    if len(field) > MAX_FIELD_CHARS:
        raise ValueError(f"{len(field):,} characters: the limit is {MAX_FIELD_CHARS:,}")
    for ch in field:
        if unicodedata.category(ch) in _BAD_CATEGORIES:
            name = unicodedata.name(ch, "control character")
            raise ValueError(f"contains U+{ord(ch):04X} ({name}): remove it")
    if field == "":
        return None
    if field != field.strip() and column not in PADDED_COLUMNS:
        raise ValueError(f"surrounding whitespace in {field[:40]!r}: write the value alone")
    if column in INTEGER_COLUMNS and not _INTEGER.fullmatch(field):
        raise ValueError(f"{field[:40]!r} is not a whole number")
    if column in DECIMAL_COLUMNS and not _DECIMAL.fullmatch(field):
        raise ValueError(f"{field[:40]!r} is not a number as printed (digits, one decimal point)")
    if column in BOOLEAN_COLUMNS and field not in ("true", "false"):
        raise ValueError(f"{field[:40]!r} is not true or false")
    return field


def manifest(data_dir: Path) -> dict[str, set[str]]:
    """survey folder -> the files of it that are deliberately header-only."""
    path = data_dir / MANIFEST
    if not path.is_file() or not _readable(path, data_dir):
        problem = "missing (or a link out of data/): it lists the survey folders"
        raise DataError(f"data/{MANIFEST}", None, None, problem)
    rows = read(path, f"data/{MANIFEST}", {"survey_id", "empty_files", "note"})
    return {r["survey_id"]: set((r["empty_files"] or "").split(";")) - {""} for _, r in rows}


def check_layout(data_dir: Path, declared: dict[str, set[str]], problems: list | None) -> None:
    """Links and names first, then the required files (a missing file is said before anything
    that only fails because of it), the survey folders, and no CSV file nobody knows."""
    entries = visible(data_dir)
    for path in entries:
        if path.is_symlink() and _outside(path, data_dir):
            problem = "a link to outside data/ (or to nothing): never followed; copy the file in"
            report(problems, DataError(shown(path, data_dir), None, None, problem))
        elif not _utf8(path):
            problem = "the file name is not UTF-8 text: rename it"
            report(problems, DataError(shown(path, data_dir), None, None, problem))
    _check_required(data_dir, declared, problems)
    folders = {p.name for p in entries if p.parent == data_dir and p.is_dir()}
    for name in sorted(folders - set(declared) - {"dimensions"}):
        problem = f"folder {name}/ is not listed in {MANIFEST}: add it there or remove it"
        report(problems, DataError(f"data/{name}", None, None, problem))
    known = {p for _, p in csv_files(data_dir)} | {data_dir / MANIFEST}
    for path in entries:
        if path.suffix.lower() == ".csv" and path not in known and _readable(path, data_dir):
            problem = "not a data file this build knows (see data/README.md for the file names)"
            report(problems, DataError(shown(path, data_dir), None, None, problem))


def _check_required(data_dir: Path, declared: dict[str, set[str]], problems) -> None:
    """The files of fixed name, the survey folders the manifest lists, each folder whole."""
    for _, pattern in SOURCES:
        if "*" not in pattern and not (data_dir / pattern).is_file():
            problem = "missing: the build requires this file (see data/README.md)"
            report(problems, DataError(f"data/{pattern}", None, None, problem))
    for name in sorted(declared):
        folder = data_dir / name
        if not folder.is_dir():
            problem = f"survey folder {name}/ is listed in {MANIFEST} but missing"
            report(problems, DataError(f"data/{MANIFEST}", None, None, problem))
            continue
        for pattern in REQUIRED:
            if not any(_readable(p, data_dir) for p in folder.glob(pattern)):
                problem = f"missing: a survey folder must hold {pattern}"
                report(problems, DataError(f"data/{name}/{pattern}", None, None, problem))
        for pair in PAIRED:
            there = [(folder / f).is_file() for f in pair]
            for file, present in zip(pair, there):
                if any(there) and not present:
                    other = pair[1 - pair.index(file)]
                    problem = f"missing: {other} in this folder requires {file}"
                    report(problems, DataError(f"data/{name}/{file}", None, None, problem))


def check_empty(data_dir: Path, counts: Iterable[tuple[Path, int]], declared, problems) -> None:
    """A header-only file of a survey folder is an error unless the manifest declares it."""
    for path, count in counts:
        folder = path.parent.name
        if folder not in declared:
            continue
        rel = shown(path, data_dir)
        marked = path.name in declared[folder]
        if count == 0 and not marked:
            problem = f"no rows: list {path.name} in empty_files of {MANIFEST} if that is right"
            report(problems, DataError(rel, None, None, problem))
        elif count and marked:
            problem = f"{MANIFEST} declares this file empty, but it has {count} rows"
            report(problems, DataError(rel, None, None, problem))
