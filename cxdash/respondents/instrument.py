"""The questionnaires as data (data/instruments/): load them and check them against the
published figures, so every question, answer code and link says which published number it
reproduces. Pure: pandas and the strict CSV reader, no database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cxdash.csvread import DataError, read, report
from cxdash.paths import DATA_DIR

FOLDER = "instruments"
KINDS = ("single", "multi", "numeric", "likert")
# file -> its columns, in the order written
FILES = {
    "questions.csv": (
        "instrument question_id figure_id kind unit channel text_en text_zh practice_id "
        "sort_order note_en note_zh"
    ),
    "options.csv": (
        "instrument question_id option_code label_en label_zh sort_order counts_as_practice "
        "option_en"
    ),
    "figure_links.csv": "instrument figure_id question_id option_en option_codes note_en note_zh",
    "respondent_tiers.csv": "instrument tier label_en label_zh sort_order note_en note_zh",
    "unit_limits.csv": "unit min_value max_value note_en note_zh",
}
TIER = "tier"  # a derived question: the respondent's tier is its answer, never a column
# the tiers a respondent of an instrument with practices can get (importer._tiers)
RESPONDENT_TIERS = ("Champion", "Not Champion", "Emerging", "Starter")
# the published tables an instrument is checked against (survey folders of data/)
PUBLISHED = {"apac": "apac", "hk": "hk"}


@dataclass(frozen=True)
class Instrument:
    """One questionnaire: its questions, answer codes, figure links and tier labels."""

    name: str
    questions: pd.DataFrame
    options: pd.DataFrame
    links: pd.DataFrame
    tiers: pd.DataFrame
    limits: pd.DataFrame  # unit -> min_value, max_value (a plausibility check)
    practices: pd.DataFrame  # data/<survey>/practices.csv ([] for a survey without)
    champion_min: int | None  # the report's Champion rule (data/<survey>/tier_rules.csv)
    groups: list[str]  # the survey's respondent groups, in sort order

    def question(self, question_id: str) -> pd.Series:
        return self.questions.loc[question_id]

    def codes(self, question_id: str) -> list[str]:
        return list(self.options.loc[self.options.question_id == question_id, "option_code"])

    def counted(self) -> list[str]:
        """'question_id|option_code' of every answer that counts as having a practice
        (the $counted parameter of queries/respondents/practice_shares.sql)."""
        o = self.options[self.options.counts_as_practice == "true"]
        return [f"{q}|{c}" for q, c in zip(o.question_id, o.option_code)]


def _frame(path: Path, rel: str, problems: list[DataError]) -> pd.DataFrame:
    columns = FILES[path.name].split()
    rows = read(path, rel, set(columns), problems) if path.is_file() else None
    if rows is None:
        if not path.is_file():
            report(problems, DataError(rel, None, None, "missing: the instruments need it"))
        return pd.DataFrame(columns=["line", *columns])
    found = [{"line": line, **row} for line, row in rows]
    return pd.DataFrame(found, columns=["line", *columns]).fillna("")  # empty cell: ""


def _published(data_dir: Path, survey: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    figures = [pd.read_csv(p, dtype=str) for p in sorted((data_dir / survey).glob("figures*.csv"))]
    values = [pd.read_csv(p, dtype=str) for p in sorted((data_dir / survey).glob("values*.csv"))]
    return pd.concat(figures), pd.concat(values).fillna({"option_en": ""})


def load(name: str, data_dir: Path = DATA_DIR) -> Instrument:
    """The instrument `name`, checked; a DataError (every problem in its message) otherwise."""
    problems: list[DataError] = []
    if name not in PUBLISHED:
        known = ", ".join(sorted(PUBLISHED))
        raise DataError(f"data/{FOLDER}", None, None, f"no instrument {name!r}: known: {known}")
    frames = {f: _frame(data_dir / FOLDER / f, f"data/{FOLDER}/{f}", problems) for f in FILES}
    if problems:
        raise DataError(*_joined(problems))
    inst = _build(name, frames, data_dir)
    check(inst, frames, data_dir, problems)
    if problems:
        raise DataError(*_joined(problems))
    return inst


def _joined(problems: list[DataError]) -> tuple:
    first = problems[0]
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return first.file, first.line, first.column, first.problem + more


def _build(name: str, frames: dict[str, pd.DataFrame], data_dir: Path) -> Instrument:
    survey = data_dir / PUBLISHED[name]
    mine = {f: d[d.instrument == name] for f, d in frames.items() if "instrument" in d}
    questions = mine["questions.csv"].set_index("question_id", drop=False)
    practices = (
        pd.read_csv(survey / "practices.csv", dtype=str)
        if (survey / "practices.csv").is_file()
        else pd.DataFrame(columns=["practice_id"])
    )
    rules = survey / "tier_rules.csv"
    champion = pd.read_csv(rules, dtype=str) if rules.is_file() else pd.DataFrame()
    champion_min = (
        int(champion.loc[champion.tier == "Champion", "min_practices"].iloc[0])
        if len(champion)
        else None
    )
    groups = pd.read_csv(survey / "groups.csv", dtype=str)
    groups = list(groups.sort_values("sort_order", key=lambda s: s.astype(int)).respondent_group)
    limits = frames["unit_limits.csv"].set_index("unit")[["min_value", "max_value"]].astype(float)
    return Instrument(
        name, questions, mine["options.csv"], mine["figure_links.csv"],
        mine["respondent_tiers.csv"], limits, practices, champion_min, groups,
    )  # fmt: skip


def check(inst: Instrument, frames: dict, data_dir: Path, problems: list[DataError]) -> None:
    """Every figure exists, every option_en is a published option of its figure, codes are
    unique, both languages are filled, each practice has its question and its counted answer."""
    figures, values = _published(data_dir, PUBLISHED[inst.name])
    known = set(figures.figure_id)
    options_of = values.groupby("figure_id").option_en.agg(set).to_dict()
    channels = set(pd.read_csv(data_dir / "dimensions/channels.csv", dtype=str).channel)
    q, o = inst.questions, inst.options
    say = _teller(problems)
    for _, r in q.iterrows():
        where = ("questions.csv", r.line)
        if r.figure_id and r.figure_id not in known:
            say(*where, "figure_id", f"no published figure {r.figure_id!r}")
        if r.kind not in KINDS:
            say(*where, "kind", f"{r.kind!r} is not one of {', '.join(KINDS)}")
        if (r.kind == "numeric") != bool(r.unit) or (r.unit and r.unit not in inst.limits.index):
            say(*where, "unit", "a numeric question needs a unit of unit_limits.csv; others none")
        if r.channel not in channels:
            say(*where, "channel", f"{r.channel!r} is not a channel of dimensions/channels.csv")
        _both_languages(r, ("text",), where, say)
    for dup in q.question_id[q.question_id.duplicated()]:
        say("questions.csv", None, "question_id", f"{dup!r} appears twice")
    for _, r in o.iterrows():
        where = ("options.csv", r.line)
        if r.question_id not in q.index:
            say(*where, "question_id", f"no question {r.question_id!r} of {inst.name}")
            continue
        fig = q.loc[r.question_id, "figure_id"]
        if r.option_en and r.option_en not in options_of.get(fig, set()):
            say(*where, "option_en", f"{r.option_en!r} is not a published option of {fig}")
        if q.loc[r.question_id, "kind"] == "numeric":
            say(*where, "question_id", "a numeric question has no answer codes")
        _both_languages(r, ("label",), where, say)
    for (qid, code), n in o.groupby(["question_id", "option_code"]).size().items():
        if n > 1:
            say("options.csv", None, "option_code", f"{qid}: code {code!r} appears {n} times")
    _check_links(inst, known, options_of, say)
    _check_practices(inst, say)


def _teller(problems: list[DataError]):
    def say(file: str, line: int | None, column: str | None, text: str) -> None:
        report(problems, DataError(f"data/{FOLDER}/{file}", line, column, text))

    return say


def _both_languages(row: pd.Series, stems: tuple[str, ...], where: tuple, say) -> None:
    for stem in stems:
        for lang in ("en", "zh"):
            if not row[f"{stem}_{lang}"]:
                say(*where, f"{stem}_{lang}", "empty: every text is held in both languages")


def _check_links(inst: Instrument, known: set, options_of: dict, say) -> None:
    for _, r in inst.links.iterrows():
        where = ("figure_links.csv", r.line)
        if r.figure_id not in known:
            say(*where, "figure_id", f"no published figure {r.figure_id!r}")
        elif r.option_en not in options_of.get(r.figure_id, set()):
            say(*where, "option_en", f"{r.option_en!r} is not a published option of {r.figure_id}")
        if r.question_id not in inst.questions.index:
            say(*where, "question_id", f"no question {r.question_id!r} of {inst.name}")
            continue
        codes = [c for c in (r.option_codes or "").split(";") if c]
        unknown = set(codes) - set(inst.codes(r.question_id))
        if unknown:
            say(*where, "option_codes", f"not codes of {r.question_id}: {sorted(unknown)}")
        if (inst.question(r.question_id).kind == "numeric") == bool(codes):
            say(*where, "option_codes", "codes for an answer share; none for a numeric mean")


def _check_practices(inst: Instrument, say) -> None:
    """Each practice of the survey has exactly one question with one counted answer."""
    q = inst.questions
    for pid in inst.practices.practice_id:
        asked = q[q.practice_id == pid]
        if len(asked) != 1:
            say("questions.csv", None, "practice_id", f"practice {pid!r} needs one question")
            continue
        counted = inst.options[inst.options.question_id == asked.index[0]].counts_as_practice
        if list(counted).count("true") < 1 or not set(counted) <= {"true", "false"}:
            say("options.csv", None, "counts_as_practice", f"{pid}: say true/false per answer")
    labelled = set(inst.tiers.tier)
    for tier in RESPONDENT_TIERS if len(inst.practices) else ():
        if tier not in labelled:
            say("respondent_tiers.csv", None, "tier", f"{tier!r} needs its labels")
    for extra in set(q.practice_id) - set(inst.practices.practice_id) - {""}:
        say("questions.csv", None, "practice_id", f"{extra!r} is not a practice of the survey")
