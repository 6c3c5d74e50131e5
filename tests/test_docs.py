"""The project documents itself: every figure is drawn on a page, every named query is
tested, every page is in the README, every data column is in data/README.md."""

from __future__ import annotations

import csv
import re

from cxdash import data, db, i18n
from cxdash.app import PAGES
from cxdash.paths import DATA_DIR, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_figure_is_drawn_on_a_page(q, monkeypatch):
    monkeypatch.setattr(data, "catalog", lambda surveys=(): q("catalog", surveys=list(surveys)))
    pages = {file.removesuffix(".py") for file, _, _ in PAGES}
    homes = {"tiers", "countries", "yoy", "hk", "metrics", "more", "sources", "overview"}
    drawn = set()
    for home in homes:
        drawn |= set(data.figures_for(home)["figure_id"])
    everything = set(q("catalog", surveys=[])["figure_id"])
    assert drawn == everything
    # the home keys map onto real page files
    assert {
        "tiers",
        "countries",
        "year_over_year",
        "hong_kong",
        "metrics_guide",
        "more_reports",
        "sources",
        "overview",
    } <= pages


def test_every_named_query_is_tested():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    for name in db.query_names():
        assert f'"{name}"' in tests, f"queries/{name}.sql has no test"


def test_every_page_is_in_the_readme():
    for file, title, _ in PAGES:
        assert f"**{i18n.t(title, 'en')}**" in README, file


def test_readme_commands_are_the_ci_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README and ci.strip().endswith("make test")
    assert "make run" in README


def test_every_data_column_is_documented():
    spec = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for path in DATA_DIR.glob("*/*.csv"):
        if path.parent.name == "dimensions":
            continue
        header = next(csv.reader(path.open(encoding="utf-8")))
        for column in header:
            assert re.search(rf"\b{column}\b", spec), f"{path.name}: {column}"
