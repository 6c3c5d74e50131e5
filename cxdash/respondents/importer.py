"""A respondent file -> checked against its mapping and instrument -> a dataset folder.

Every problem is found before anything is written (file, row, column, in words), and the
folder is written whole or not at all (`store.write`). Rows are named as `readers` says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from cxdash.paths import DATA_DIR
from cxdash.respondents import instrument, mapping, readers, store
from cxdash.respondents.instrument import Instrument
from cxdash.respondents.mapping import Mapping, Source
from cxdash.respondents.readers import ImportProblems, Problem, Table, keys

SHOWN_CODES = 5  # distinct unknown codes named per column
YEARS = (1900, 2100)
CHAMPION, NOT_CHAMPION, EMERGING, STARTER = instrument.RESPONDENT_TIERS  # respondent_tiers.csv


def import_file(
    path: Path, instrument_name: str, mapping_path: Path, name: str | None = None,
    data_dir: Path = DATA_DIR, base: Path | None = None,
) -> dict:  # fmt: skip
    """Import `path` (into `base`, default CX_RESPONDENTS_DIR); its dataset.json.
    MappingError / ImportProblems: nothing written."""
    inst = instrument.load(instrument_name, data_dir)
    mapped = mapping.read(mapping_path, inst, data_dir)
    table = readers.read(path, set(mapped.columns))
    respondents, answers = build(table, inst, mapped, data_dir)
    title = name or mapped.name or Path(table.file).stem
    meta = {
        "id": store.new_id(title),
        "name": title,
        "instrument": inst.name,
        "source_file": table.file,
        "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "n_respondents": len(respondents),
        "weight_column": (mapped.fields.get("weight") or Source()).column,
        "tier_cut": mapped.tier_cut(),
        "fictional": bool(mapped.fictional or table.fictional),
    }
    store.write(meta, respondents, answers, base, finish=lambda tmp: _cube(tmp, inst))
    return meta


def _cube(folder: Path, inst: Instrument) -> None:
    """Every drawn question's sums cube (respondents.source.cubes), made once, from the
    Parquet files just written, into cubes.parquet beside them."""
    from cxdash.respondents import source

    opened = store.open_at(folder, described=False)
    try:
        source.cubes(opened.con, inst).to_parquet(folder / "cubes.parquet", index=False)
    finally:
        opened.con.close()


def build(
    table: Table, inst: Instrument, m: Mapping, data_dir: Path = DATA_DIR
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(respondents, answers) as the contract shapes them; ImportProblems lists every problem."""
    problems: list[Problem] = []
    for col in dict.fromkeys(m.columns):
        if col not in table.cells.columns:
            problems.append(Problem(table.file, None, col, "missing: the mapping names it"))
    if not len(table.cells):
        problems.append(Problem(table.file, None, None, "no respondents (no data rows)"))
    if problems:
        raise ImportProblems(problems)
    people = _respondents(table, inst, m, data_dir, problems)
    where = {c: i for i, c in enumerate(codes(inst))}
    parts, counted = [], {}
    for qid, src in m.questions.items():
        part, practice = _answers(qid, src, table, inst, where, problems)
        parts += part
        if practice is not None:
            counted[qid] = practice
    if problems:
        raise ImportProblems(problems)
    people["practices"], people["tier"] = _tiers(counted, inst, m, len(people))
    return people, _assemble(parts, people.respondent_id, inst)


def _flag(problems: list, table: Table, column: str | None, mask: pd.Series, text: str) -> None:
    if mask.any():
        problems.append(Problem(table.file, table.rows(mask), column, text))


def _respondents(table: Table, inst: Instrument, m: Mapping, data_dir: Path, problems: list):
    n, f = len(table.cells), m.fields
    ids = keys(table.cells[f["respondent_id"].column])
    col = f["respondent_id"].column
    _flag(problems, table, col, ids.isna(), "missing respondent id")
    dup = ids.notna() & ids.duplicated(keep=False)
    for value in list(dict.fromkeys(ids[dup]))[:SHOWN_CODES]:
        _flag(problems, table, col, ids == value, f"respondent id {value!r} is not unique")
    out = pd.DataFrame({"respondent_id": ids.astype("string")})
    out["weight"] = _weight(table, f.get("weight"), problems) if "weight" in f else 1.0
    out["year"] = _year(table, f["year"], problems)
    countries = pd.read_csv(data_dir / "dimensions/countries.csv", dtype=str)
    groups = pd.read_csv(data_dir / f"{instrument.PUBLISHED[inst.name]}/groups.csv", dtype=str)
    for field, dim, default in (
        ("country", countries.rename(columns={"country": "code"}), None),
        ("respondent_group", groups.rename(columns={"respondent_group": "code"}), inst.groups[0]),
    ):
        lookup = _lookup(dim, ("code", "label_en", "label_zh"))
        value = _coded(table, f.get(field), lookup, field, problems, default)
        out[field] = pd.Series(value, index=range(n)).astype("string")
    return out


def _weight(table: Table, src: Source, problems: list) -> pd.Series:
    num, present = _numbers(table, src.column, problems)
    col = src.column
    _flag(problems, table, col, ~present, "missing weight: every respondent needs one")
    finite = present & np.isfinite(num.fillna(0))
    _flag(problems, table, col, present & num.notna() & ~finite, "weight is not a finite number")
    _flag(problems, table, col, finite & (num <= 0), "weight is not positive (must be > 0)")
    return num.astype(float)


def _year(table: Table, src: Source, problems: list) -> pd.Series:
    n = len(table.cells)
    if src.column is None:
        ok = isinstance(src.value, int) and YEARS[0] <= src.value <= YEARS[1]
        if not ok:
            problems.append(Problem(table.file, None, None, f"year value {src.value!r}: a year"))
        return pd.Series([src.value if ok else None] * n, dtype="Int32")
    num, present = _numbers(table, src.column, problems)
    whole = num.notna() & (num == num.round()) & num.between(*YEARS)
    _flag(problems, table, src.column, present & num.notna() & ~whole, "not a year (1900–2100)")
    return num.where(whole).round().astype("Int32")


def _numbers(table: Table, column: str, problems: list) -> tuple[pd.Series, pd.Series]:
    """(numbers, present): a cell that is there but not a number is a problem."""
    raw = table.cells[column]
    present = raw.notna()
    if pd.api.types.is_bool_dtype(raw) or not pd.api.types.is_numeric_dtype(raw):
        num = pd.to_numeric(raw.astype("string").str.strip(), errors="coerce").astype(float)
    else:
        num = raw.astype(float)
    _flag(problems, table, column, present & num.isna(), "not a number")
    return num, present


def _lookup(frame: pd.DataFrame, columns: tuple[str, ...], code: str = "code") -> dict:
    """Any of `columns` (code, labels, published option) -> the code."""
    out: dict[str, str] = {}
    for col in reversed(columns):  # the first column wins a tie
        out.update({v: c for v, c in zip(frame[col], frame[code]) if isinstance(v, str) and v})
    return out


def _coded(table, src, lookup, what, problems, default=None):
    """A column's cells as codes (through `codes`, .sav labels or `lookup`), or one value."""
    n = len(table.cells)
    if src is None or src.column is None:
        value = default if src is None else lookup.get(str(src.value))
        return pd.Series([value] * n, dtype=object)
    ints, found = _resolve(table, src.column, src.codes, lookup, what, problems)
    return pd.Series(_take(found, ints, None, object))


def _take(per_code: list, ints: np.ndarray, missing: object, dtype) -> np.ndarray:
    """Per row: the value of its distinct cell (`missing` where the cell is empty)."""
    return np.array([*per_code, missing], dtype=dtype)[ints]


def _resolve(table, column, codes, lookup, what, problems) -> tuple[np.ndarray, list]:
    """The column's cells as option codes (None: missing), each distinct cell looked up once:
    through the mapping's `codes`, else its .sav value label, else the cell itself."""
    ints, uniques = readers.factor(table.cells[column])
    labels = table.labels.get(column, {})
    if codes:
        found = [codes.get(u) for u in uniques]
    else:
        found = [lookup.get(labels.get(u, "")) or lookup.get(u) for u in uniques]
    bad = [i for i, f in enumerate(found) if f is None]
    for i in bad[:SHOWN_CODES]:
        known = ", ".join(sorted(set(codes or lookup.values()))[:12])
        text = f"{uniques[i]!r} is not a known answer of {what} (known: {known})"
        _flag(problems, table, column, ints == i, text)
    if len(bad) > SHOWN_CODES:
        _flag(problems, table, column, np.isin(ints, bad), f"{len(bad)} unknown codes in all")
    return ints, found


def _answers(qid, src, table, inst, where, problems) -> tuple[list[Part], pd.Series | None]:
    """The answer rows of one question, and (for a practice question) who has the practice."""
    q = inst.question(qid)
    options = inst.options[inst.options.question_id == qid]
    if q.kind == "numeric":
        num, present = _numbers(table, src.column, problems)
        lo, hi = inst.limits.loc[q.unit, ["min_value", "max_value"]]
        finite = present & num.notna() & np.isfinite(num.fillna(0))
        _flag(problems, table, src.column, present & num.notna() & ~finite, "not a finite number")
        out_of = finite & ~num.between(lo, hi)
        text = f"outside {lo:g}–{hi:g} {q.unit} for {qid} (data/instruments/unit_limits.csv)"
        _flag(problems, table, src.column, out_of, text)
        rows = np.flatnonzero(finite).astype(np.int32)
        return [Part(rows, qid, None, num[finite].to_numpy(float))], None
    if q.kind == "multi":
        return _multi(qid, src, table, problems), None
    lookup = _lookup(options.rename(columns={"option_code": "code"}),
                     ("code", "label_en", "label_zh", "option_en"))  # fmt: skip
    ints, found = _resolve(table, src.column, src.codes, lookup, qid, problems)
    index = _take([where.get(f, -1) for f in found], ints, -1, np.int32)
    rows = np.flatnonzero(index >= 0).astype(np.int32)
    part = Part(rows, qid, index[rows], 1.0)
    if not q.practice_id:
        return [part], None
    counts = dict(zip(options.option_code, options.counts_as_practice == "true"))
    return [part], pd.Series(_take([counts.get(f) for f in found], ints, None, object))


def _multi(qid, src, table, problems) -> list[Part]:
    """One row per mapped option for each respondent with any cell: 1 chosen, 0 not."""
    cells = {code: keys(table.cells[col]) for code, col in src.columns.items()}
    answered = pd.concat(cells.values(), axis=1).notna().any(axis=1).to_numpy()
    who, parts = np.flatnonzero(answered).astype(np.int32), []
    for code, k in cells.items():
        chosen = k.isin(src.chosen).to_numpy()
        odd = k.notna().to_numpy() & ~chosen & (k != "0").to_numpy()
        text = f"{qid}: a multiple-choice cell is 0, empty or {' / '.join(src.chosen)} (chosen)"
        _flag(problems, table, src.columns[code], odd, text)
        parts.append(Part(who, qid, code, chosen[answered].astype(float)))
    return parts


@dataclass(frozen=True)
class Part:
    """Answer rows of one question (or one option of a multiple-choice question)."""

    rows: np.ndarray  # int32 positions of the respondents in the file
    question_id: str
    option_code: np.ndarray | str | None  # per row: int32 index into codes(); or one for all
    value: np.ndarray | float


def codes(inst: Instrument) -> list[str]:
    """Every option code of the instrument, once (answers.parquet's dictionary)."""
    return list(dict.fromkeys(inst.options.option_code))


def _assemble(parts: list[Part], ids: pd.Series, inst: Instrument) -> pd.DataFrame:
    """answers.parquet: ids, questions and codes dictionary-encoded (a million respondents
    answer tens of millions of rows; DuckDB reads them as VARCHAR)."""
    sizes = [len(p.rows) for p in parts]
    qids = list(dict.fromkeys(p.question_id for p in parts))
    listed = codes(inst)
    where = {c: i for i, c in enumerate(listed)}

    def code_ints(p: Part, n: int) -> np.ndarray:
        if p.option_code is None or isinstance(p.option_code, str):
            return np.full(n, where.get(p.option_code, -1), dtype=np.int32)
        return p.option_code

    def cat(ints: list[np.ndarray], categories: list[str]) -> pd.Categorical:
        joined = np.concatenate(ints) if ints else np.array([], dtype=np.int32)
        return pd.Categorical.from_codes(joined, categories=categories)

    question = [np.full(n, qids.index(p.question_id), np.int16) for p, n in zip(parts, sizes)]
    values = [np.broadcast_to(np.asarray(p.value, float), n) for p, n in zip(parts, sizes)]
    return pd.DataFrame({
        "respondent_id": cat([p.rows for p in parts], list(ids)),
        "question_id": cat(question, qids),
        "option_code": cat([code_ints(p, n) for p, n in zip(parts, sizes)], listed),
        "value": np.concatenate(values) if values else np.array([], dtype=float),
    })  # fmt: skip


def _tiers(counted: dict, inst: Instrument, m: Mapping, n: int) -> tuple[pd.Series, pd.Series]:
    """Practice count (null unless all seven answered) and tier by the report's rule."""
    practices = list(inst.practices.practice_id)
    mapped = inst.questions[inst.questions.practice_id.isin(practices)].index
    if not practices or not set(mapped) <= set(counted):
        return pd.Series([pd.NA] * n, dtype="Int32"), pd.Series([pd.NA] * n, dtype="string")
    has = pd.concat([counted[q] for q in mapped], axis=1)
    count = has.astype("boolean").sum(axis=1).astype("Int32").where(has.notna().all(axis=1))
    c = count.fillna(-1).to_numpy(int)
    tier = np.where(c >= inst.champion_min, CHAMPION, NOT_CHAMPION).astype(object)
    if m.emerging_min is not None:
        low = c < inst.champion_min
        tier[low & (c >= m.emerging_min)] = EMERGING
        tier[low & (c < m.emerging_min)] = STARTER
    return count, pd.Series(tier, dtype="string").where(count.notna())
