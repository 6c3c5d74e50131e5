"""What data/ holds: which files the build reads (never a hidden file or folder, never a file a
link leads to from outside data/, never a name that is not UTF-8), which it requires, the
survey folders the manifest declares, and how messages name a file. `cxdash.csvread` reads
each file; `problems` collects every problem instead of stopping at the first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from cxdash.csvread import MANIFEST, DataError, read, report

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
# Folders of data/ the build neither loads nor refuses: another package reads and checks them
# (instruments/: the questionnaires, read by cxdash.respondents.instrument; tickets/: the
# ticket schema, metric definitions and choices, read by cxdash.tickets).
OWN_READERS = ("instruments", "tickets")


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
    for name in sorted(folders - set(declared) - {"dimensions", *OWN_READERS}):
        problem = f"folder {name}/ is not listed in {MANIFEST}: add it there or remove it"
        report(problems, DataError(f"data/{name}", None, None, problem))
    known = {p for _, p in csv_files(data_dir)} | {data_dir / MANIFEST}
    for path in entries:
        if _unknown_csv(path, known, data_dir):
            problem = "not a data file this build knows (see data/README.md for the file names)"
            report(problems, DataError(shown(path, data_dir), None, None, problem))


def _unknown_csv(path: Path, known: set[Path], data_dir: Path) -> bool:
    """A CSV file the build does not load and no other package owns."""
    owned = path.relative_to(data_dir).parts[0] in OWN_READERS
    return (
        path.suffix.lower() == ".csv"
        and path not in known
        and not owned
        and _readable(path, data_dir)
    )


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
