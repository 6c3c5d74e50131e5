"""The corruption suite: each class of broken data/ (appended rows the app cannot serve, hidden
and extra files, deleted required files, links out of data/, numbers outside their unit's
range, blank lines, a huge header, a file name that is not UTF-8) is refused with file, line
and reason in words, and leaves the built database byte-identical. Rows written here are
FICTIONAL. Then the faults while serving: a database file overwritten in place is replaced by
the last good copy at once, and the embed form says when it shows the last good data."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cxdash import build, csvread, db
from cxdash.paths import DATA_DIR, ROOT
from tests.conftest import PAGES


def _append(rel: str, row: str) -> Callable[[Path], int]:
    """Append a row; the line it lands on."""

    def change(data: Path) -> int:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        path.write_text(text + row + "\n", encoding="utf-8")
        return text.count("\n") + 1

    return change


def _replace(rel: str, old: str, new: str) -> Callable[[Path], int]:
    """Replace text once; the line it was on."""

    def change(data: Path) -> int:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return text[: text.index(old)].count("\n") + 1

    return change


def _drop_row(rel: str, start: str) -> Callable[[Path], None]:
    """Delete the row that starts with `start` (the file then lacks a row, at no line)."""

    def change(data: Path) -> None:
        path = data / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith(start)), encoding="utf-8")

    return change


def _delete(rel: str) -> Callable[[Path], None]:
    return lambda data: (data / rel).unlink()


def _link(rel: str, target: str) -> Callable[[Path], None]:
    def change(data: Path) -> None:
        (data / rel).unlink(missing_ok=True)
        os.symlink(target, data / rel)

    return change


def _blank_lines(data: Path) -> int:
    path = data / "hk/values.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n\n", encoding="utf-8")
    return text.count("\n") + 1


def _huge_header(data: Path) -> int:
    path = data / "hk/claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].rstrip("\n") + "".join(f",extra_{i}" for i in range(10_000)) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return 1


def _bad_name(data: Path) -> None:
    name = os.fsdecode(b"values_\xff.csv")
    shutil.copy(data / "hk/values.csv", data / "hk" / name)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy_of_passwd(data: Path) -> int:
    passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    _write(data / "hk/groups.csv", passwd)
    return 1


PAGES_CSV, TIERS = "data/dimensions/pages.csv", "data/dimensions/tiers.csv"
TRANSLATE = "label_zh is empty: write its 繁體中文 translation"  # csvread.untranslated
REQUIRED = "empty, but a value is required here"
# id: (change, file, column, words the reason must hold); `change` returns the line or None.
CASES = {
    # appended rows the app cannot serve, in every dimension file
    "pages: a page with no file or title": (
        _append("dimensions/pages.csv", "ghost,reference,99,,"),
        PAGES_CSV, "page", "no file pages/ghost.py: the app has no such page",
    ),
    "pages: an unknown section": (
        _append("dimensions/pages.csv", "tiers,elsewhere,99,,"),
        PAGES_CSV, "section", "no heading nav_elsewhere in cxdash/i18n.py",
    ),
    "pages: a page's row deleted": (
        _drop_row("dimensions/pages.csv", "claims,"),
        PAGES_CSV, "page", "no row for page claims: the app links to pages/claims.py by its id",
    ),
    "tiers: no 繁體中文 label": (
        _append("dimensions/tiers.csv", "Gold,Gold,,5,FICTIONAL,FICTIONAL"),
        TIERS, "label_zh", TRANSLATE,
    ),
    "tiers: a repeated member": (
        _append("dimensions/tiers.csv", "Champion,Champion,領航者,9,FICTIONAL,FICTIONAL"),
        TIERS, "tier", "duplicate key",
    ),
    "countries: no English label": (
        _append("dimensions/countries.csv", "Atlantis,,亞特蘭提斯,11,false"),
        "data/dimensions/countries.csv", "label_en", REQUIRED,
    ),
    "channels: no 繁體中文 label": (
        _append("dimensions/channels.csv", "fax,Fax,,digital,15"),
        "data/dimensions/channels.csv", "label_zh", TRANSLATE,
    ),
    "years: no 繁體中文 label": (
        _append("dimensions/years.csv", "2019,2019,,5,FICTIONAL,FICTIONAL 虛構"),
        "data/dimensions/years.csv", "label_zh", TRANSLATE,
    ),
    "units: no 繁體中文 label": (
        _append("dimensions/units.csv", "furlong,Furlong,,,0,0,"),
        "data/dimensions/units.csv", "label_zh", TRANSLATE,
    ),
    "units: a range upside down": (
        _append("dimensions/units.csv", "furlong,Furlong,弗隆,,0,10,0"),
        "data/dimensions/units.csv", "min_value", "CHECK((max_value > min_value))",
    ),
    "figures: on a page that draws no figures": (
        _replace("apac/figures_charts.csv", ",tiers,", ",executive,"),
        "data/apac/figures_charts.csv", "page", "page executive draws no figures",
    ),
    "figures: on no page": (
        _replace("apac/figures_charts.csv", ",tiers,", ",ghost,"),
        "data/apac/figures_charts.csv", "page", "foreign key",
    ),
    # extra files
    "an unknown CSV file": (
        lambda data: _write(data / "hk/notes.csv", "a,b\n1,2\n"),
        "data/hk/notes.csv", None, "not a data file this build knows",
    ),
    "an unknown CSV file in capitals": (
        lambda data: _write(data / "hk/CLAIMS.CSV", "claim_id\n"),
        "data/hk/CLAIMS.CSV", None, "not a data file this build knows",
    ),
    "a folder nobody declared": (
        lambda data: _write(data / "backup/values.csv", "value_id\n"),
        "data/backup", None, "is not listed in manifest.csv",
    ),
    # deleted required files: said first, not as a foreign-key error elsewhere
    **{
        f"deleted {rel}": (_delete(rel), f"data/{rel}", None, "missing: the build requires")
        for rel in (
            "dimensions/tiers.csv", "dimensions/pages.csv", "dimensions/units.csv",
            "metrics/kpis.csv", "metrics/benchmark_bands.csv", "metrics/benchmark_measures.csv",
        )
    },  # fmt: skip
    "deleted apac/tier_rules.csv": (
        _delete("apac/tier_rules.csv"),
        "data/apac/tier_rules.csv", None, "missing: practices.csv in this folder requires",
    ),
    "deleted hk/groups.csv": (
        _delete("hk/groups.csv"),
        "data/hk/groups.csv", None, "missing: a survey folder must hold groups.csv",
    ),
    "deleted manifest.csv": (
        _delete("manifest.csv"), "data/manifest.csv", None, "missing",
    ),
    # links out of data/ (never followed), and a link to nothing
    "groups.csv links to /etc/passwd": (
        _link("hk/groups.csv", "/etc/passwd"),
        "data/hk/groups.csv", None, "a link to outside data/",
    ),
    "tiers.csv links to /etc/passwd": (
        _link("dimensions/tiers.csv", "/etc/passwd"),
        TIERS, None, "a link to outside data/",
    ),
    "manifest.csv links to /etc/passwd": (
        _link("manifest.csv", "/etc/passwd"), "data/manifest.csv", None, "a link out of data/",
    ),
    "a folder links to /etc": (
        lambda data: os.symlink("/etc", data / "hk2"), "data/hk2", None, "a link to outside",
    ),
    "values.csv links to nothing": (
        _link("hk/values.csv", "/nonexistent/values.csv"),
        "data/hk/values.csv", None, "(or to nothing)",
    ),
    "a copy of /etc/passwd": (
        _copy_of_passwd, "data/hk/groups.csv", None, "header missing",
    ),
    # numbers outside their unit's range (units.csv)
    "an NPS benchmark of -1000": (
        _replace("metrics/values.csv", "世界級頂尖:以上,70,", "世界級頂尖:以上,-1000,"),
        "data/metrics/values.csv", "value",
        "-1000 is outside what the unit score (Score) allows: -100 to 100",
    ),
    "a percent of 150": (
        _replace("apac/values_charts.csv", "「單一資訊來源」,80,54,", "「單一資訊來源」,150,54,"),
        "data/apac/values_charts.csv", "value", "150 is outside what the unit percent",
    ),
    "negative hours": (
        _replace("apac/values_charts.csv", ",1.7,62,", ",-1.7,62,"),
        "data/apac/values_charts.csv", "value", "-1.7 is outside what the unit hours (Hours) "
        "allows: 0 to no maximum",
    ),
    "an NPS input range from -1000": (
        _replace("metrics/benchmark_measures.csv", ",score,higher_is_better,-100,",
                 ",score,higher_is_better,-1000,"),
        "data/metrics/benchmark_measures.csv", "min_value", "-1000 is outside what the unit "
        "score",
    ),  # fmt: skip
    # how a file is written
    "trailing blank lines": (
        _blank_lines, "data/hk/values.csv", None, "blank line: remove it",
    ),
    "a 10,000-column header": (
        _huge_header, "data/hk/claims.csv", None,
        "header unknown 'extra_0', 'extra_1', 'extra_10', 'extra_100', 'extra_1000' and 9,995 "
        "more",
    ),
    "a file name that is not UTF-8": (
        _bad_name, "data/hk/values_\\xff.csv", None, "the file name is not UTF-8 text",
    ),
}  # fmt: skip


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def live(dbfile, tmp_path) -> Path:
    """A copy of the built database (and its last good copy) to refuse builds over."""
    target = tmp_path / "db" / "cx.duckdb"
    target.parent.mkdir()
    shutil.copy(dbfile, target)
    shutil.copy(dbfile, build.spare(target))
    return target


@pytest.mark.parametrize("case", CASES)
def test_a_corruption_is_refused_where_it_is_and_leaves_the_database(case, data_copy, live):
    change, file, column, words = CASES[case]
    before = (_hash(live), _hash(build.spare(live)))
    line = change(data_copy)
    with pytest.raises(build.DataError) as info:
        build.ensure_fresh(live, data_copy)
    err = info.value
    assert (err.file, err.line, err.column) == (file, line, column), str(err)
    assert words in err.problem, str(err)
    assert len(err.problem) <= csvread.MAX_PROBLEM_CHARS + 40
    assert "daemon" not in str(err)  # a copy of /etc/passwd: nothing beyond the header cell
    str(err).encode("utf-8")  # printable as it is: no undecodable bytes of a name
    assert (_hash(live), _hash(build.spare(live))) == before
    assert build.failure(live, data_copy) is not None  # said to every process, until fixed


@pytest.mark.parametrize(
    "rel", ["dimensions/tiers.csv", "dimensions/pages.csv", "metrics/kpis.csv"]
)
def test_a_deleted_required_file_is_the_only_problem_said(data_copy, rel):
    (data_copy / rel).unlink()
    problems: list = []
    assert build.validate(data_copy, problems, statistics=False) is None
    assert [(p.file, p.line) for p in problems] == [(f"data/{rel}", None)]


def test_hidden_files_and_folders_are_never_read(data_copy):
    expected = build.validate(data_copy, statistics=False).tables
    (data_copy / ".backup").mkdir()
    broken = "value_id\nFICTIONAL\n"
    (data_copy / ".backup/values_old.csv").write_text(broken, encoding="utf-8")
    shutil.copy(data_copy / "apac/values_charts.csv", data_copy / ".backup/values_charts.csv")
    (data_copy / "apac/.values_charts.csv.swp").write_text(broken, encoding="utf-8")
    (data_copy / "apac/.figures_old.csv").write_text(broken, encoding="utf-8")
    assert build.validate(data_copy, statistics=False).tables == expected


def test_a_link_inside_data_is_read(data_copy):
    (data_copy / "hk/groups.csv").rename(data_copy / "hk_groups.txt")
    os.symlink("../hk_groups.txt", data_copy / "hk/groups.csv")
    assert build.validate(data_copy, statistics=False).tables["respondent_groups"] == 19


def test_every_problem_message_is_capped():
    err = csvread.DataError("data/x.csv", 2, "note", "y" * 100_000)
    assert len(str(err)) < csvread.MAX_PROBLEM_CHARS + 100
    assert "99,600 more characters not shown" in err.problem


# Faults while serving.


def _overwrite_head(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.write(os.urandom(4096))


def test_an_overwritten_database_is_replaced_by_the_last_good_copy(live, monkeypatch):
    good = live.read_bytes()
    monkeypatch.setattr(db, "DB_PATH", live)
    monkeypatch.setattr(db, "DATA_DIR", DATA_DIR)
    monkeypatch.setitem(db._state, "checked", -1e9)
    _overwrite_head(live)
    db.refresh()
    assert live.read_bytes() == good and not db.rebuilding() and db.last_error() is None
    _overwrite_head(live)  # between two freshness checks: the query's own open recovers
    assert db.run("pages", path=live)["page"].tolist()[0] == "overview"
    assert live.read_bytes() == good


def test_an_overwritten_database_without_a_copy_is_rebuilt_first(live, monkeypatch):
    build.spare(live).unlink()
    monkeypatch.setattr(db, "DB_PATH", live)
    monkeypatch.setattr(db, "DATA_DIR", DATA_DIR)
    monkeypatch.setitem(db._state, "checked", -1e9)
    monkeypatch.setitem(db._state, "rebuilding", None)
    monkeypatch.setattr(db, "_rebuild", lambda: build.ensure_fresh(live, DATA_DIR))
    _overwrite_head(live)
    db.refresh()  # no database to serve meanwhile: this run waits for the rebuild
    assert build.readable(live) and build.readable(build.spare(live))
    assert not build.is_stale(live, DATA_DIR)


SESSION = """
import json, sys
from streamlit.testing.v1 import AppTest
from cxdash import db
db.refresh(wait=True)
root, pages = sys.argv[1], sys.argv[2].split(",")
shown = {"error": str(db.last_error())}
def run(at):
    at.run()
    return {
        "exceptions": [str(e.value) for e in at.exception],
        "warnings": [w.value for w in at.warning],
        "charts": len(at.get("vega_lite_chart")),
    }
for page in pages:
    at = AppTest.from_file(root + "/dashboard.py", default_timeout=120)
    shown[page] = run(at.switch_page(root + f"/pages/{page}.py"))
at = AppTest.from_file(root + "/dashboard.py", default_timeout=120)
at.query_params["chart"] = ["apac_first_response_hours"]
at.query_params["embed"] = ["true"]
shown["embed"] = run(at)
print(json.dumps(shown))
"""


def _session(data: Path, target: Path, pages: list[str]) -> dict:
    env = {**os.environ, "CX_DATA_DIR": str(data), "CX_DB_PATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(ROOT), ",".join(pages)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_with_a_ghost_page_row_no_page_raises_and_each_says_last_good(data_copy, live):
    line = _append("dimensions/pages.csv", "ghost,reference,99,,")(data_copy)
    shown = _session(data_copy, live, PAGES)
    assert shown["error"].startswith(f"{PAGES_CSV}, line {line}, column page: no file")
    for page in [*PAGES, "embed"]:
        assert shown[page]["exceptions"] == [], page
        assert any("last good data" in w for w in shown[page]["warnings"]), page
    assert shown["tiers"]["charts"] > 0 and shown["embed"]["charts"] == 1


def test_an_overwritten_live_database_never_shows_an_exception(live):
    _overwrite_head(live)
    shown = _session(DATA_DIR, live, ["tiers"])
    assert shown["error"] == "None" and shown["tiers"]["exceptions"] == []
    assert shown["tiers"]["charts"] > 0 and shown["embed"]["charts"] == 1
    assert not any("last good" in w for w in shown["tiers"]["warnings"])  # it is current
