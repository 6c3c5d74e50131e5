"""One database built from the real CSVs, shared by the tests that read data."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

# No background warming of every figure (cxdash/ui/shell.py `warming`) in the tests or the
# servers they start: each test's caches and timings are its own. tests/test_first_visit.py
# turns it on where it is what is tested.
os.environ["CX_WARM"] = "0"

from cxdash import build, db  # noqa: E402
from cxdash.paths import DATA_DIR

# The app's pages (data/dimensions/pages.csv, loaded into the pages table), for parametrising.
with (DATA_DIR / "dimensions" / "pages.csv").open(encoding="utf-8") as _fh:
    PAGES = [row["page"] for row in csv.DictReader(_fh)]


@pytest.fixture(scope="session", autouse=True)
def app_database() -> None:
    """The app's own database (data/cx.duckdb), built when missing or stale, as the app does."""
    db.refresh(wait=True)


@pytest.fixture(scope="session")
def tally(request):
    """Counts of the fuzz cases run (tests/fuzz_support.Tally), printed at the end of the
    session; imported here only when a fuzz test asks (fuzz_support reads the database)."""
    from tests.fuzz_support import Tally

    counts = Tally()
    request.config.pluginmanager.register(counts, "cx-fuzz-tally")
    return counts


@pytest.fixture(scope="session")
def dbfile(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "cx.duckdb"
    build.build(path)
    return path


@pytest.fixture(scope="session")
def q(dbfile):
    """Run a named query against the test database: q("export")."""

    def run(name: str, **params) -> pd.DataFrame:
        return db.run(name, path=dbfile, **params)

    return run


@pytest.fixture(scope="session")
def export(q) -> pd.DataFrame:
    return q("export")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ (CSVs only) for tests that break a file."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb", ".*"))
    return target


def value(export: pd.DataFrame, value_id: str) -> float:
    rows = export[export["value_id"] == value_id]
    assert len(rows) == 1, value_id
    return float(rows["value"].iloc[0])
