"""A reader's first view costs what a repeat does (issue 19): what depends only on the data and
the code is made once (cxdash/shapes.py) and shared, and the heavy libraries wait for the
action needing them."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from cxdash import db, figures, payload, shapes
from cxdash.palette import WEB
from cxdash.paths import DB_PATH, ROOT
from cxdash.view import Filters, View

FIGURE = "apac_first_response_hours"  # Champion 1.7 h, Emerging 2.1 h, Starter 2.4 h


@pytest.fixture
def cold(tmp_path, monkeypatch):
    """No shapes file and an empty store, as in a server's first start."""
    monkeypatch.setattr(shapes, "path", lambda db_path=None: tmp_path / "absent.shapes")
    figures._store.cache_clear()
    made = []
    pickled = figures._pickled
    monkeypatch.setattr(figures, "_pickled", lambda *a: made.append(a[1:]) or pickled(*a))
    yield made
    figures._store.cache_clear()


def test_a_figure_makes_its_shape_once(cold):
    # the chart rows once asked for the shape under another cache key, so each was made twice
    for show_ci in (True, False):
        fig = figures.figure(FIGURE, View(page="tiers", lang="zh", show_ci=show_ci))
        assert sorted(r["value"] for r in fig.records) == [1.7, 2.1, 2.4]
    assert cold == [("zh", WEB)]  # one shape, with its rows for both interval settings


def test_each_caller_gets_its_own_copy_of_a_shape(cold):
    view = View(page="tiers", lang="en")
    first = figures.figure(FIGURE, view)
    first.records[0]["value"] = 99.0  # a caller that changed what it was given
    assert sorted(r["value"] for r in figures.figure(FIGURE, view).records) == [1.7, 2.1, 2.4]


@pytest.fixture(scope="module")
def made_for_the_file():
    return figures.make_shapes(db.version())


def test_the_shapes_file_holds_every_figure_as_a_server_makes_it(made_for_the_file):
    # `python -m cxdash shapes` makes them from every value at once, a server figure by figure
    every = figures._all_values(db.version())
    assert set(made_for_the_file) == {(f, lang) for f in every for lang in ("en", "zh")}
    for figure_id in every:
        made_here = pickle.loads(figures._pickled(figures._values_of(figure_id), "en", WEB))
        assert pickle.loads(made_for_the_file[(figure_id, "en")]) == made_here, figure_id


def test_a_server_draws_from_the_file_without_making_a_shape(
    made_for_the_file, cold, tmp_path, monkeypatch
):
    version = db.version()
    monkeypatch.setattr(shapes, "path", lambda db_path=None: tmp_path / "cx.shapes")
    shapes.write(made_for_the_file, version)
    figures._store.cache_clear()
    view = View(page="tiers", lang="zh", show_ci=False, filters=Filters(tiers=("Champion",)))
    fig = figures.figure(FIGURE, view)
    assert [(r["tier"], r["value"]) for r in fig.spec["datasets"]["values"]] == [("Champion", 1.7)]
    assert cold == []  # nothing made here


def test_a_stale_foreign_or_broken_shapes_file_is_not_used(tmp_path, monkeypatch):
    version = db.version()
    file = tmp_path / "cx.shapes"
    monkeypatch.setattr(shapes, "path", lambda db_path=None: file)
    made = {(FIGURE, "en"): b"not read"}
    shapes.write(made, version)
    assert shapes.load(version) == made
    assert shapes.load(version + 1) == {}  # another database
    monkeypatch.setattr(shapes, "code", lambda: "other code")
    assert shapes.load(version) == {}  # made by other code
    for broken in (b"", b"\x80\x05garbage", file.read_bytes()[:100]):
        file.write_bytes(broken)
        assert shapes.load(version) == {}


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )


def test_the_first_run_of_a_server_has_the_shapes_made_once_and_takes_them_up(tmp_path):
    # a copy of the database, so the shapes file is written beside it, not in data/
    copy = tmp_path / "cx.duckdb"
    shutil.copy2(DB_PATH, copy)
    out = _python(
        "from streamlit.testing.v1 import AppTest\n"
        "from cxdash import db, figures\n"
        "from cxdash.ui import shell\n"
        "for _ in range(2):\n"
        "    at = AppTest.from_file('dashboard.py', default_timeout=120).run()\n"
        "    assert not at.exception, at.exception\n"
        "m = shell.making(db.version())\n"
        "assert m is shell.making(db.version())\n"
        "m.thread.join(300)\n"
        "print(m.proc.returncode, len(figures._store(db.version())))\n",
        CX_WARM="1",
        CX_DB_PATH=str(copy),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    code, stored = out.stdout.split()[-2:]
    assert code == "0" and int(stored) >= 2 * 100  # every figure in both languages
    assert (tmp_path / "cx.duckdb.shapes").stat().st_size > 1_000_000


def test_a_server_that_exits_while_shapes_are_made_stops_the_child(tmp_path):
    copy = tmp_path / "cx.duckdb"
    shutil.copy2(DB_PATH, copy)
    out = _python(
        "from cxdash import db, shapes\n"
        "m = shapes.Making(db.version(), print)\n"
        "print(m.proc.pid)\n",
        CX_DB_PATH=str(copy),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    pid = int(out.stdout.split()[0])
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # terminated and reaped at the server's exit
    assert not (tmp_path / "cx.duckdb.shapes").exists()


HEAVY = ("pptx", "fpdf", "vl_convert", "PIL", "statsmodels", "scipy", "pyarrow.parquet")
# modules only an action or the build imports (a deck, a PDF, the statistics of a build)
ACTIONS = ("__main__", "deck", "report", "stats")


def test_page_modules_leave_heavy_libraries_to_the_actions_that_need_them():
    code = (
        "import importlib, pkgutil, sys\n"
        "import cxdash, cxdash.ui\n"
        "for pkg in (cxdash, cxdash.ui):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        f"        if not m.ispkg and m.name not in {ACTIONS!r}:\n"
        "            importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "from cxdash import data, figures, view\n"
        "v = view.parse_text('tiers?tier=Champion&lang=zh&ci=0', data.vocabulary())\n"
        "assert figures.page_figures(v)[0]\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_a_figure_from_respondents_needs_scipys_special_functions_not_scipy_stats():
    # scipy.stats was 0.6 s of a server's first figure from respondents, scipy.special 0.2 s
    code = (
        "import sys\n"
        "import cxdash.respondents.source, cxdash.respondents.stats as s\n"
        "print('scipy.stats' in sys.modules, 'scipy.special' in sys.modules, round(s.Z, 6))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "True", "1.959964"]


def test_a_page_drawn_from_the_shapes_file_never_imports_altair(made_for_the_file, tmp_path):
    # Altair builds shapes; importing it was 0.3 s of a server's first run (cxdash/lazy.py)
    file = shapes.path(tmp_path / "cx.duckdb")
    code = (
        "import sys, pathlib\n"
        "from cxdash import data, db, figures, shapes, view\n"
        f"shapes.path = lambda db_path=None: pathlib.Path({str(file)!r})\n"
        "import cxdash.ui.shell, cxdash.ui.panel, cxdash.executive, cxdash.yoy\n"
        "assert 'altair' not in sys.modules, 'imported with the modules'\n"
        "v = view.parse_text('tiers?tier=Champion&lang=zh&ci=0', data.vocabulary())\n"
        "figs = figures.page_figures(v)[0]\n"
        "print(len(figs), 'altair' in sys.modules)\n"
    )
    run = [sys.executable, "-c", code]
    made = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)  # no file: made here
    assert made.returncode == 0, made.stderr[-2000:]
    assert made.stdout.split() == ["26", "True"]
    assert shapes.write(made_for_the_file, db.version(), tmp_path / "cx.duckdb") == file
    drawn = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    assert drawn.returncode == 0, drawn.stderr[-2000:]
    assert drawn.stdout.split() == ["26", "False"]


def _published_figures(lang: str, show_ci: bool):
    for figure_id in figures._all_values(db.version()):
        fig = figures.figure(figure_id, View(page="explore", lang=lang, show_ci=show_ci))
        if fig is not None:
            yield fig


def test_a_chart_sends_only_the_fields_it_reads_and_draws_the_same():
    import vl_convert as vlc

    sent = kept = 0
    for fig in _published_figures("en", True):
        lean = payload.lean(fig.spec)
        assert vlc.vegalite_to_svg(lean) == vlc.vegalite_to_svg(fig.spec), fig.figure_id
        read = payload.fields(fig.spec)
        tooltips = {
            t["field"]
            for layer in fig.spec.get("layer", [fig.spec])
            for t in layer.get("encoding", {}).get("tooltip", [])
        }
        assert tooltips <= read, fig.figure_id  # the tooltip's lines are still there
        sent += len(json.dumps(fig.spec["datasets"]))
        kept += len(json.dumps(lean["datasets"]))
    assert kept < 0.7 * sent  # about half: ids, codes, orders and file names stay home


def test_the_lean_rows_keep_the_values_and_drop_the_ids():
    fig = figures.figure(FIGURE, View(page="tiers", lang="zh"))
    rows = payload.lean(fig.spec)["datasets"]["values"]
    assert sorted(r["value"] for r in rows) == [1.7, 2.1, 2.4]
    assert {"value_text", "source", "base_text"} <= set(rows[0])
    assert not {"value_id", "figure_id", "document"} & set(rows[0])


def test_a_field_an_expression_computes_keeps_every_field():
    spec = {
        "transform": [{"calculate": "datum['a' + 'b']", "as": "x"}],
        "mark": "bar",
        "encoding": {"x": {"field": "x"}},
        "datasets": {"values": [{"ab": 1, "c": 2}]},
    }
    assert payload.fields(spec) is None
    assert payload.lean(spec) == spec
    named = {**spec, "transform": [{"filter": "datum.c > 1 && datum['ab'] < 2"}]}
    assert payload.fields(named) == {"x", "c", "ab"}


def test_the_shapes_command_writes_once_per_database_and_code(
    made_for_the_file, tmp_path, monkeypatch, capsys
):
    from cxdash.__main__ import main

    monkeypatch.setattr(shapes, "path", lambda db_path=None: tmp_path / "cx.shapes")
    calls = []
    monkeypatch.setattr(figures, "make_shapes", lambda v: calls.append(v) or made_for_the_file)
    assert main(["shapes"]) == 0 and len(calls) == 1
    assert shapes.load(db.version()) == made_for_the_file
    assert main(["shapes"]) == 0 and len(calls) == 1  # up to date: nothing made
    assert "up to date" in capsys.readouterr().out
    assert main(["shapes", "--force"]) == 0 and len(calls) == 2
