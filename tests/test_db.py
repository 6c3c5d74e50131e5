"""The app never goes down for data: a failed rebuild leaves the last good database served
and says what failed; a replaced database file is read anew."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import duckdb

from cxdash import build, db
from cxdash.paths import ROOT
from tests.test_build import VALUES, _edit


def test_a_replaced_database_file_is_read_anew(tmp_path):
    path, new = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for file, x in ((path, 1), (new, 2)):
        duckdb.connect(str(file)).execute(f"create table t as select {x} as x").close()
    with db.connection(path).cursor() as cur:
        cur.execute("use cx")
        assert cur.execute("select x from t").fetchone() == (1,)
        os.replace(new, path)
        os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
        with db.connection(path).cursor() as fresh:
            fresh.execute("use cx")
            assert fresh.execute("select x from t").fetchone() == (2,)
        assert cur.execute("select x from t").fetchone() == (1,)  # a running query's file


def test_a_failed_rebuild_is_recorded_once_for_those_files(data_copy, dbfile, tmp_path):
    target = tmp_path / "cx.duckdb"
    shutil.copy(dbfile, target)
    before = target.read_bytes()
    line = _edit(data_copy / VALUES, "apac_first_response_hours.champion", base_n="1.5")
    try:
        build.ensure_fresh(target, data_copy)
    except build.DataError as err:
        assert (err.line, err.column) == (line, "base_n")
    failure = build.failure(target, data_copy)
    assert failure is not None and (failure.file, failure.line) == (f"data/{VALUES}", line)
    assert target.read_bytes() == before
    _edit(data_copy / VALUES, "apac_first_response_hours.champion", base_n="62")
    assert build.failure(target, data_copy) is None  # the files changed: try again


SESSION = """
import json, sys
from streamlit.testing.v1 import AppTest
from cxdash import db
version = db.refresh(wait=True)
root = sys.argv[1]
pages = {}
for page in ("sources", "year_over_year"):
    at = AppTest.from_file(root + "/dashboard.py", default_timeout=120)
    at.switch_page(root + f"/pages/{page}.py").run()
    pages[page] = {
        "exceptions": [str(e.value) for e in at.exception],
        "errors": [str(e.value) for e in at.error],
        "warnings": [w.value for w in at.warning],
        "code": [c.value for c in at.code],
        "charts": len(at.get("vega_lite_chart")),
    }
print(json.dumps({"error": str(db.last_error()), "same": db.version() == version, **pages}))
"""


def test_the_app_serves_the_last_good_database_and_says_what_failed(data_copy, dbfile, tmp_path):
    target = tmp_path / "cx.duckdb"
    shutil.copy(dbfile, target)
    before = target.read_bytes()
    line = _edit(data_copy / VALUES, "apac_first_response_hours.champion", value="inf")
    env = {**os.environ, "CX_DATA_DIR": str(data_copy), "CX_DB_PATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(ROOT)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    where = f"data/{VALUES}, line {line}, column value"
    assert shown["error"].startswith(where) and shown["same"]
    assert shown["sources"]["exceptions"] == [] == shown["year_over_year"]["exceptions"]
    assert shown["year_over_year"]["errors"] == []  # every figure drew
    assert any("last good database" in e for e in shown["sources"]["errors"])
    assert any(where in c for c in shown["sources"]["code"])  # literal text for a maintainer
    assert any("last good" in w for w in shown["year_over_year"]["warnings"])
    assert shown["year_over_year"]["charts"] > 0
    assert target.read_bytes() == before
