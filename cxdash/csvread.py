"""Reading a data file strictly: its rows, or what is wrong with it, with file, line and column,
before the database sees them.

What is refused here (the database's schema refuses the rest; `cxdash.layout` says which files
are read): text that is not UTF-8 (a leading byte-order mark is fine: Excel writes one),
malformed CSV (an unterminated quote, a short or long row, a blank line), control and
invisible format characters, fields longer than `MAX_FIELD_CHARS`, surrounding whitespace,
numbers that are not written as printed (`inf`, `nan`, `1e3`, `1.5` for a whole number), an
English text without its 繁體中文 twin (`x_en` filled, `x_zh` empty, or holding no Chinese
where the English is a sentence). `problems` collects every problem instead of stopping at the
first. A message never quotes more of a file than the offending cell, and never more than
`MAX_PROBLEM_CHARS` characters.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

MAX_FIELD_CHARS = 10_000  # the longest field in data/ today is about 800 characters
MAX_PROBLEM_CHARS = 400  # a message names the cell; it never echoes a file
MANIFEST = "manifest.csv"  # the survey folders data/ must hold (see data/README.md)

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
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")
SENTENCE_WORDS = 3  # an English text of this many words is prose: its 繁體中文 twin must be Chinese

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
            for column, problem in untranslated(row):
                report(problems, DataError(rel, line, column, problem))
        if problems is None or len(problems) == before:
            rows.append((line, row))
    return rows


def untranslated(row: Row) -> list[tuple[str, str]]:
    """(column, problem) for each English text of the row whose 繁體中文 twin is missing
    (`note_en` filled, `note_zh` empty) or is not Chinese (an English sentence copied)."""
    out = []
    for en in (c for c in row if c.endswith("_en") and f"{c[:-3]}_zh" in row):
        text, zh = row[en], f"{en[:-3]}_zh"
        if not text:
            continue
        if not row[zh]:
            out.append((zh, f"{en} has text but {zh} is empty: write its 繁體中文 translation"))
        elif len(_WORD.findall(text)) >= SENTENCE_WORDS and not _CJK.search(row[zh]):
            problem = f"{zh} has no Chinese characters: write the 繁體中文 translation of {en}"
            out.append((zh, problem))
    return out


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
