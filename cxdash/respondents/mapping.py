"""A user's mapping file (TOML): which column of their file is which respondent field or
question of an instrument, and which of their answer codes is which option code. Read and
checked against the instrument here; against the file's own columns and cells by `importer`.

    instrument = "apac"
    [dataset]                      # all optional
    name = "Wave 2022"
    emerging_min = 3               # your Emerging/Starter cut (the report publishes none)
    [respondent.respondent_id]     # required
    column = "id"
    [respondent.weight]            # optional: 1.0 for every respondent without it
    column = "wt"
    [respondent.year]              # required: a column, or one value for the whole file
    value = 2021
    [respondent.country]           # optional; codes: your code -> a country of the dimension
    column = "S1"
    codes = { "1" = "Australia", "2" = "Japan" }
    [questions.customer_360_view]  # single / likert / numeric: one column
    column = "Q7"
    codes = { "1" = "excellent", "2" = "good", "3" = "adequate_or_poor" }
    [questions.covid_policy_changes]   # multi: one column per option, 1 = chosen
    columns = { flexible_hours = "Q9_1", wellbeing = "Q9_7" }

Without `codes`, a cell (or, in a .sav file, its value label) is matched to an option's code,
English label, 繁體中文 label or published option, in that order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from cxdash.paths import DATA_DIR
from cxdash.respondents.instrument import TIER, Instrument

FIELDS = ("respondent_id", "weight", "year", "country", "respondent_group")
REQUIRED = ("respondent_id", "year")
_SOURCE_KEYS = {"column", "value", "codes"}
_QUESTION_KEYS = {"column", "columns", "codes", "chosen"}


class MappingError(ValueError):
    """A mapping file that cannot be used: every problem, one per line, in words."""

    def __init__(self, file: str, problems: list[str]):
        self.problems = [f"{file}: {p}" for p in problems]
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Source:
    """Where a respondent field or a question comes from."""

    column: str | None = None
    value: object = None
    codes: dict[str, str] | None = None
    columns: dict[str, str] | None = None  # multi: option_code -> column
    chosen: tuple[str, ...] = ("1",)  # multi: the cells that mean chosen


@dataclass(frozen=True)
class Mapping:
    file: str
    instrument: str
    fields: dict[str, Source]
    questions: dict[str, Source]
    name: str | None = None
    fictional: bool = False
    emerging_min: int | None = None
    columns: list[str] = field(default_factory=list)  # every column the mapping reads

    def tier_cut(self) -> dict | None:
        return None if self.emerging_min is None else {"emerging_min": self.emerging_min}


def read(path: Path, inst: Instrument, data_dir: Path = DATA_DIR) -> Mapping:
    """The mapping at `path`, checked against `inst`; a MappingError listing every problem."""
    file = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise MappingError(file, [f"cannot be read ({err.__class__.__name__})"]) from None
    except tomllib.TOMLDecodeError as err:
        raise MappingError(file, [f"not valid TOML: {err}"]) from None
    problems: list[str] = []
    known = {"instrument", "dataset", "respondent", "questions"}
    problems += [f"unknown key {k!r} (known: {', '.join(sorted(known))})" for k in set(raw) - known]
    if raw.get("instrument") != inst.name:
        problems.append(f"instrument = {raw.get('instrument')!r}, but importing {inst.name!r}")
    dataset = _table(raw, "dataset", problems)
    fields = _fields(_table(raw, "respondent", problems), inst, data_dir, problems)
    questions = _questions(_table(raw, "questions", problems), inst, problems)
    cut = _cut(dataset.get("emerging_min"), inst, problems)
    if problems:
        raise MappingError(file, problems)
    columns = [s.column for s in [*fields.values(), *questions.values()] if s.column]
    columns += [c for s in questions.values() for c in (s.columns or {}).values()]
    return Mapping(
        file, inst.name, fields, questions, dataset.get("name"),
        bool(dataset.get("fictional", False)), cut, columns,
    )  # fmt: skip


def _table(raw: dict, key: str, problems: list[str]) -> dict:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        problems.append(f"[{key}] must be a table")
        return {}
    return value


def _source(key: str, raw: object, allowed: set[str], problems: list[str]) -> Source | None:
    if not isinstance(raw, dict) or set(raw) - allowed:
        problems.append(f"{key}: a table of {', '.join(sorted(allowed))}")
        return None
    codes = raw.get("codes")
    if codes is not None and not isinstance(codes, dict):
        problems.append(f"{key}.codes: a table of your code = option code")
        return None
    return Source(
        column=raw.get("column"), value=raw.get("value"),
        codes={str(k): str(v) for k, v in codes.items()} if codes else None,
        columns=raw.get("columns"), chosen=tuple(str(c) for c in raw.get("chosen", ["1"])),
    )  # fmt: skip


def _fields(raw: dict, inst: Instrument, data_dir: Path, problems: list[str]) -> dict:
    countries = set(pd.read_csv(data_dir / "dimensions/countries.csv", dtype=str).country)
    allowed = {"country": countries, "respondent_group": set(inst.groups)}
    out = {}
    for name in set(raw) - set(FIELDS):
        problems.append(f"respondent.{name}: not a respondent field ({', '.join(FIELDS)})")
    for name in FIELDS:
        key = f"respondent.{name}"
        src = _source(key, raw[name], _SOURCE_KEYS, problems) if name in raw else None
        if src is None:
            if name in REQUIRED and name not in raw:
                problems.append(f"respondent.{name}: required (a column, or a value)")
            continue
        if (src.column is None) == (src.value is None):
            problems.append(f"respondent.{name}: give either column or value")
        if name in ("respondent_id", "weight") and src.column is None:
            problems.append(f"respondent.{name}: must be a column of the file")
        targets = [*(src.codes or {}).values(), *([src.value] if src.value is not None else [])]
        bad = [t for t in targets if name in allowed and t not in allowed[name]]
        if bad:
            problems.append(f"respondent.{name}: {bad[0]!r} is not a known {name}")
        out[name] = src
    return out


def _questions(raw: dict, inst: Instrument, problems: list[str]) -> dict:
    out = {}
    for qid, spec in raw.items():
        key = f"questions.{qid}"
        if qid not in inst.questions.index:
            problems.append(f"{key}: no question {qid!r} in instrument {inst.name}")
            continue
        if qid == TIER:
            problems.append(f"{key}: the tier is derived from the seven practice answers")
            continue
        src = _source(key, spec, _QUESTION_KEYS, problems)
        if src is None:
            continue
        kind, codes = inst.question(qid).kind, inst.codes(qid)
        if kind == "multi":
            if not isinstance(src.columns, dict) or src.column or src.codes:
                problems.append(f"{key}: a multiple-choice question takes columns = {{code = col}}")
                continue
            extra = set(src.columns) - set(codes)
            problems += [f"{key}.columns: {c!r} is not a code" for c in sorted(extra)]
        elif src.column is None or src.columns is not None:
            problems.append(f"{key}: give column = the file's column")
        elif kind == "numeric" and src.codes:
            problems.append(f"{key}: a numeric question takes no codes")
        bad = [c for c in (src.codes or {}).values() if c not in codes]
        problems += [f"{key}.codes: {c!r} is not an option code of {qid}" for c in bad]
        out[qid] = src
    return out


def _cut(value: object, inst: Instrument, problems: list[str]) -> int | None:
    if value is None:
        return None
    top = inst.champion_min
    if top is None:
        problems.append(f"dataset.emerging_min: instrument {inst.name} has no practice tiers")
    elif not isinstance(value, int) or isinstance(value, bool) or not 1 <= value < top:
        problems.append(f"dataset.emerging_min: a whole number from 1 to {top - 1}")
    else:
        return value
    return None
