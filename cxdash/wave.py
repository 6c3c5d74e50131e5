"""A new wave of a survey: the template a researcher fills from the new report, and its import.

`template` writes, in data/README.md's format, one row for every value the survey's latest
wave published (figure, tier, country, channel, group, option) with `value`, `base_n` and
`source_zh` empty, the wave's document row and its year; for a survey that does not exist yet,
an empty skeleton. `import_wave` merges a filled folder into a temporary copy of data/,
validates it with the build's own checks (every problem, with file, line and column, in the
folder's own files), and only when nothing is wrong writes it under data/ and installs the
database it built, under the rebuild lock.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cxdash import build, csvread, layout, refusals
from cxdash.csvread import MANIFEST, DataError
from cxdash.paths import DATA_DIR, DB_PATH, QUERIES_DIR

WAVE_FILES = ("values", "figures", "claims")  # a wave adds <name>_<year>.csv files
APPENDED = ("waves.csv",)  # a wave adds rows to these files of its survey


class ImportProblems(Exception):
    def __init__(self, problems: list[DataError]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def header(table: str) -> list[str]:
    """A table's CSV columns, in the order of its load SQL (data/README.md's order)."""
    sql = (QUERIES_DIR / "load" / f"{table}.sql").read_text(encoding="utf-8")
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return list(dict.fromkeys(build._PARAM.findall(code)))


def _write(path: Path, columns: list[str], rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _rows(path: Path, table: str) -> list[dict]:
    rel = str(path.relative_to(path.parent.parent.parent))
    return [row for _, row in csvread.read(path, rel, set(header(table)))]


def template(survey: str, year: int | None, out: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    """Write the files of a new wave (or of a new survey) under `out`; returns them."""
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty: give a new folder")
    folder = data_dir / survey
    if not folder.is_dir():
        return _skeleton(survey, year, out, data_dir)
    if year is None:
        raise ValueError("--year is required for a wave of an existing survey")
    values = [r for p in sorted(folder.glob("values*.csv")) for r in _rows(p, "published_values")]
    years = {int(r["year"]) for r in values if r["year"]}
    if not years:
        raise ValueError(f"{survey} has no dated values: there is no wave to repeat")
    if year in years:
        raise ValueError(f"{survey} already has values for {year}")
    latest = max(years)
    ids = {r["value_id"] for r in values}
    rows = []
    for r in (r for r in values if r["year"] == str(latest)):
        value_id = _new_id(r["value_id"], latest, year, ids)
        ids.add(value_id)
        keep = ("figure_id", "tier", "country", "channel", "respondent_group")
        rows.append(
            {"value_id": value_id, "year": year, **{k: r[k] for k in keep}}
            | {"option_en": r["option_en"], "option_zh": r["option_zh"]}
        )
    sub = out / survey
    return [
        _write(sub / f"values_{year}.csv", header("published_values"), rows),
        _write(sub / "waves.csv", header("waves"), [{"survey_id": survey, "year": year}]),
        _write(sub / f"figures_{year}.csv", header("figures"), []),
        _write(sub / f"claims_{year}.csv", header("claims"), []),
        _year_row(year, out, data_dir),
    ]


def _new_id(old: str, latest: int, year: int, taken: set[str]) -> str:
    figure, _, suffix = old.partition(".")
    suffix = suffix.replace(str(latest), str(year)) if str(latest) in suffix else f"{suffix}_{year}"
    new, n = f"{figure}.{suffix}", 2
    while new in taken:
        new, n = f"{figure}.{suffix}_{n}", n + 1
    return new


def _year_row(year: int, out: Path, data_dir: Path) -> Path:
    existing = _rows(data_dir / "dimensions" / "years.csv", "years")
    order = max(int(r["sort_order"]) for r in existing) + 1
    row = {"year": year, "label_en": str(year), "label_zh": f"{year} 年", "sort_order": order}
    rows = [] if any(r["year"] == str(year) for r in existing) else [row]
    return _write(out / "dimensions" / "years.csv", header("years"), rows)


def _skeleton(survey: str, year: int | None, out: Path, data_dir: Path) -> list[Path]:
    sub = out / survey
    files = [
        _write(sub / "survey.csv", header("surveys"), [{"survey_id": survey}]),
        _write(sub / "groups.csv", header("respondent_groups"), []),
        _write(sub / "figures.csv", header("figures"), []),
        _write(sub / "values.csv", header("published_values"), []),
        _write(sub / "claims.csv", header("claims"), []),
        _write(out / MANIFEST, ["survey_id", "empty_files", "note"], [{"survey_id": survey}]),
    ]
    return files + ([_year_row(year, out, data_dir)] if year else [])


@dataclass
class Plan:
    """What an import writes: whole new files, and rows appended to existing files."""

    new: dict[str, str] = field(default_factory=dict)  # data-relative path -> text
    appended: dict[str, str] = field(default_factory=dict)  # data-relative path -> rows' text
    source: dict[str, Path] = field(default_factory=dict)  # data-relative path -> wave file


def plan(src: Path, data_dir: Path, problems: list[DataError]) -> Plan:
    """Which files of `src` go where; problems for anything an import may not do."""
    p = Plan()
    for path in sorted(src.rglob("*.csv")):
        rel = path.relative_to(src).as_posix()
        shown = str(path)
        try:
            text = csvread.decode(path, shown)
        except DataError as err:
            problems.append(err)
            continue
        target = data_dir / rel
        folder = rel.split("/")[0]
        appended = rel in (MANIFEST, "dimensions/years.csv") or (
            path.name in APPENDED and (data_dir / folder).is_dir()
        )
        if appended and target.exists():
            _append(p, rel, text, target, shown, problems)
        elif rel.count("/") != 1 and rel != MANIFEST:
            problems.append(DataError(shown, None, None, "not a file of a survey folder"))
        elif target.exists():
            problem = f"data/{rel} exists: a wave adds new files (e.g. values_<year>.csv)"
            problems.append(DataError(shown, None, None, problem))
        elif len(text.splitlines()) > 1 or not (data_dir / folder).is_dir():
            p.new[rel] = text  # a header-only optional file of a wave is left out
        p.source[rel] = path
    return p


def _append(p: Plan, rel: str, text: str, target: Path, shown: str, problems: list) -> None:
    lines = text.splitlines(keepends=True)
    existing = csvread.decode(target, rel).splitlines(keepends=True)
    if lines and lines[0].strip() != existing[0].strip():
        problem = f"header differs from data/{rel}: {existing[0].strip()}"
        problems.append(DataError(shown, 1, None, problem))
    elif len(lines) > 1:
        p.appended[rel] = "".join(lines[1:])


def apply(p: Plan, data_dir: Path) -> None:
    """Write the plan into `data_dir`, each file by an atomic rename."""
    for rel, text in p.new.items():
        _replace(data_dir / rel, text)
    for rel, rows in p.appended.items():
        old = csvread.decode(data_dir / rel, rel)
        _replace(data_dir / rel, old + ("" if old.endswith("\n") else "\n") + rows)


def _replace(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _in_wave(err: DataError, p: Plan, data_dir: Path) -> DataError:
    """A problem found in the merged copy, located in the wave's own file and line."""
    rel = err.file.removeprefix("data/")
    if rel not in p.source:
        return err
    line = err.line
    if line and rel in p.appended:
        kept = len(csvread.decode(data_dir / rel, rel).splitlines())
        line = line - kept + 1 if line > kept else line
    return DataError(str(p.source[rel]), line, err.column, err.problem)


def _in_words(problems: list[DataError], con, data_dir: Path) -> list[DataError]:
    """Each refusal of the database or of a check said as what to write instead
    (cxdash.refusals), at the line of data/ it is about."""
    columns = {table: set(header(table)) for table, _ in layout.SOURCES}
    out: list[DataError] = []
    for err in problems:
        if err.file.startswith("queries/checks/"):
            check = Path(err.file).stem
            out += refusals.located(con, check, data_dir, columns) or [err]
        elif err.line and (table := refusals.table_of(err.file)):
            path = data_dir.parent / err.file
            rows = dict(csvread.read(path, err.file, columns[table], []))
            out.append(refusals.explain(err, rows.get(err.line)))
        else:
            out.append(err)
    return out


def _new_years(p: Plan, data_dir: Path, problems: list[DataError]) -> None:
    """A wave's values are of years its survey does not have yet."""
    for rel in (r for r in p.new if Path(r).name.startswith("values")):
        folder = data_dir / Path(rel).parent
        if not folder.is_dir():
            continue
        old = {r["year"] for f in folder.glob("values*.csv") for r in _rows(f, "published_values")}
        shown = str(p.source[rel])
        rows = csvread.read(p.source[rel], shown, set(header("published_values")), [])
        for line, row in rows:  # (a malformed row is reported by the validation)
            if row["year"] in old:
                problem = f"{folder.name} already has values for {row['year']}"
                problems.append(DataError(shown, line, "year", problem))


@dataclass
class Summary:
    lines: list[str]


def import_wave(src: Path, data_dir: Path = DATA_DIR, target: Path = DB_PATH) -> Summary:
    """Validate `src` against data/ and, when nothing is wrong, write it and rebuild."""
    problems: list[DataError] = []
    p = plan(src, data_dir, problems)
    _new_years(p, data_dir, problems)
    if problems:
        raise ImportProblems(problems)
    with tempfile.TemporaryDirectory(prefix="cx-import-") as tmp:
        merged = Path(tmp) / "data"
        shutil.copytree(data_dir, merged, ignore=shutil.ignore_patterns("*.duckdb", ".*"))
        apply(p, merged)
        con = duckdb.connect()
        try:
            build.load(con, merged, problems, statistics=False)  # the build computes them
            problems = _in_words(problems, con, merged)
        finally:
            con.close()
        if problems:
            raise ImportProblems([_in_wave(e, p, data_dir) for e in problems])
        with build.locked(target):
            built, _ = build.build_file(target, merged)
            try:
                summary = _summary(built, p)
                apply(p, data_dir)
                build.install(built, target, build.fingerprint(data_dir))
            finally:
                build.discard(built)
    return summary


def _summary(db: Path, p: Plan) -> Summary:
    """'apac 2022: 214 values in 31 figures; year-over-year pairs 2021→2022: 29'."""
    added = [r for r in p.new if Path(r).name.startswith("values")]
    ids = [row["value_id"] for r in added for row in csv.DictReader(io.StringIO(p.new[r]))]
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute("create temp table added as select unnest(?::varchar[]) as value_id", [ids])
        groups = con.execute(
            "select f.survey_id, v.year, count(*), count(distinct v.figure_id) "
            "from published_values v join figures f using (figure_id) "
            "where v.value_id in (select value_id from added) group by all order by all"
        ).fetchall()
        sql = (QUERIES_DIR / "yoy_pairs.sql").read_text(encoding="utf-8")
        pairs = con.execute(sql, {"tiers": [], "countries": []}).df()
    finally:
        con.close()
    lines = []
    for survey, year, n, figs in groups:
        into = pairs[(pairs["survey_id"] == survey) & (pairs["year_to"] == year)]
        into = into[into["step"] == "consecutive"]
        steps = ", ".join(
            f"{a}→{b}: {n}" for (a, b), n in into.groupby(["year_from", "year_to"]).size().items()
        )
        lines.append(
            f"{survey} {year}: {n} values in {figs} figures; year-over-year pairs {steps or 'none'}"
        )
    return Summary(lines or ["nothing to import: no value rows"])
