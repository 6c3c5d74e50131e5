"""The project documents itself: every figure is drawn on a page, every named query is
tested, every page is in the README, every data column is in data/README.md."""

from __future__ import annotations

import csv
import re

from cxdash import db, i18n
from cxdash.paths import DATA_DIR, ROOT
from tests.conftest import PAGES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_figure_is_drawn_on_a_page(q):
    pages = q("pages")["page"].tolist()
    drawn = set()
    for page in pages:
        drawn |= set(q("page_figures", page=page, surveys=[])["figure_id"])
    assert drawn == set(q("catalog", surveys=[])["figure_id"])
    assert sorted(p.stem for p in (ROOT / "pages").glob("*.py")) == sorted(pages)


def test_each_page_file_names_its_page():
    for path in (ROOT / "pages").glob("*.py"):
        assert f'shell.page("{path.stem}"' in path.read_text(encoding="utf-8"), path.name


def test_streamlit_is_imported_only_by_the_shell():
    """Every `import streamlit` of the package is in cxdash/ui/ (plus dashboard.py, pages/)."""
    for path in (ROOT / "cxdash").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        uses = re.search(r"^\s*(import streamlit|from streamlit)", text, re.MULTILINE)
        assert not uses or path.parent.name == "ui", path


def test_the_command_line_never_imports_streamlit():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from cxdash.__main__ import main\n"
        "from cxdash import data, deck, figures, view\n"
        "v = view.parse_text('tiers?tier=Champion', data.vocabulary())\n"
        "assert figures.page_figures(v)[0]\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_every_named_query_is_tested():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    for name in db.query_names():
        assert f'"{name}"' in tests, f"queries/{name}.sql has no test"


def test_every_page_is_in_the_readme():
    for page in PAGES:
        assert f"**{i18n.t(f'page_{page}', 'en')}**" in README, page


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
