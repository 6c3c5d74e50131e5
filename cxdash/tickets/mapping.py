"""A ticket log's mapping file (TOML): which column of the export is which field of the ticket
schema (`data/tickets/fields.csv`), in which unit and time zone, and which channel values and
satisfaction codes mean what. Read and checked here; the cells are checked by `importer`.

    [log]
    name = "Support desk"          # optional
    timezone = "Asia/Taipei"       # timestamps without a zone are read in it; months follow it
    fictional = false
    [fields]
    ticket_id = "Id"               # a field is a column name,
    resolution_time = { column = "Full resolution time in minutes", unit = "minutes" }
    csat = { column = "Satisfaction Score", satisfied = ["Good"], unsatisfied = ["Bad"],
             no_rating = ["Offered", "Unoffered"] }
    # or, for numbers: csat = { column = "Rating", scale = [1, 5], satisfied_from = 4 }
    [channels]                     # your value = an app channel code (case-insensitive)
    "Web Form" = "website_app"

`data/tickets/zendesk_csv.mapping.toml` is a worked mapping for Zendesk Support's CSV export.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from cxdash.paths import DATA_DIR
from cxdash.respondents.mapping import _table

UNITS = {"seconds": 1, "minutes": 60, "hours": 3600}
_PAIRS = (("first_reply_at", "first_reply_time"), ("solved_at", "resolution_time"))


class MappingError(ValueError):
    """A mapping file that cannot be used: every problem, one per line, in words."""

    def __init__(self, file: str, problems: list[str]):
        self.problems = [f"{file}: {p}" for p in problems]
        super().__init__("; ".join(self.problems))


def fields() -> pd.DataFrame:
    """The ticket schema: one row per field, with its kind and whether it is required."""
    return pd.read_csv(DATA_DIR / "tickets" / "fields.csv", dtype=str, keep_default_na=False)


@dataclass(frozen=True)
class Mapping:
    file: str
    columns: dict[str, str]  # field -> the export's column
    timezone: str = "UTC"
    name: str | None = None
    fictional: bool = False
    units: dict[str, int] = field(default_factory=dict)  # duration field -> seconds per unit
    channels: dict[str, str] = field(default_factory=dict)  # lower-case value -> channel code
    csat: dict = field(default_factory=dict)  # scale/satisfied_from, or satisfied/unsatisfied

    def has(self, name: str) -> bool:
        return name in self.columns


def read(path: Path) -> Mapping:
    """The mapping at `path`; a MappingError listing every problem."""
    file = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise MappingError(file, [f"cannot be read ({err.__class__.__name__})"]) from None
    except tomllib.TOMLDecodeError as err:
        raise MappingError(file, [f"not valid TOML: {err}"]) from None
    return parse(raw, file)


def parse(raw: dict, file: str) -> Mapping:
    problems: list[str] = []
    for key in set(raw) - {"log", "fields", "channels"}:
        problems.append(f"unknown table [{key}] (known: log, fields, channels)")
    log, given, channels = (_table(raw, k, problems) for k in ("log", "fields", "channels"))
    schema = fields().set_index("field")
    columns, units, csat = _fields(given, schema, problems)
    zone = str(log.get("timezone", "UTC"))
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"log.timezone {zone!r}: not a time zone name (e.g. Asia/Taipei)")
    for a, b in _PAIRS:
        if a in columns and b in columns:
            problems.append(f"fields: give {a} or {b}, not both")
    codes = set(pd.read_csv(DATA_DIR / "dimensions/channels.csv", dtype=str).channel)
    for value, code in channels.items():
        if code not in codes:
            problems.append(f"channels.{value!r} = {code!r}: not a channel code of the app")
    if problems:
        raise MappingError(file, problems)
    return Mapping(
        file, columns, zone, log.get("name"), bool(log.get("fictional", False)), units,
        {str(k).strip().lower(): str(v) for k, v in channels.items()}, csat,
    )  # fmt: skip


def _fields(given: dict, schema: pd.DataFrame, problems: list[str]):
    columns: dict[str, str] = {}
    units: dict[str, int] = {}
    csat: dict = {}
    for name, spec in given.items():
        if name not in schema.index:
            problems.append(f"fields.{name}: not a ticket field ({', '.join(schema.index)})")
            continue
        spec = {"column": spec} if isinstance(spec, str) else spec
        if not isinstance(spec, dict) or not isinstance(spec.get("column"), str):
            problems.append(f"fields.{name}: a column name, or a table with column = …")
            continue
        columns[name] = spec["column"]
        kind = schema.loc[name, "kind"]
        if kind == "duration":
            unit = spec.get("unit")
            if unit not in UNITS:
                problems.append(f"fields.{name}.unit: one of {', '.join(UNITS)}")
            units[name] = UNITS.get(unit, 1)
        elif kind == "rating":
            csat = _rating(name, spec, problems)
    for name in schema.index[schema["required"] == "yes"]:
        if name not in columns:
            problems.append(f"fields.{name}: required")
    return columns, units, csat


def _rating(name: str, spec: dict, problems: list[str]) -> dict:
    """How a rating is read: numbers on a scale (satisfied from a value up), or codes."""
    if "scale" in spec:
        scale, low = spec.get("scale"), spec.get("satisfied_from")
        ok = (
            isinstance(scale, list)
            and len(scale) == 2
            and all(isinstance(v, int) for v in [*scale, low])
            and scale[0] < scale[1]
            and scale[0] <= low <= scale[1]
        )
        if not ok:
            problems.append(f"fields.{name}: scale = [low, high] and satisfied_from within it")
            return {}
        return {"low": scale[0], "high": scale[1], "satisfied_from": low}
    lists = {k: spec.get(k, []) for k in ("satisfied", "unsatisfied", "no_rating")}
    if not all(isinstance(v, list) for v in lists.values()) or not lists["satisfied"]:
        problems.append(
            f"fields.{name}: scale and satisfied_from, or satisfied = […], unsatisfied = […] "
            "and no_rating = […] (codes that mean no rating was given)"
        )
        return {}
    return {k: [str(v) for v in values] for k, values in lists.items()}
