"""A reader's first view costs what a repeat does (issue 19): what depends only on the data is
made once per process and shared, and the heavy libraries wait for the action needing them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cxdash import db, figures, payload
from cxdash.paths import ROOT
from cxdash.view import Filters, View

FIGURE = "apac_first_response_hours"  # Champion 1.7 h, Emerging 2.1 h, Starter 2.4 h


@pytest.fixture
def cold():
    """Empty shape caches, as in a fresh server process."""
    figures._shape.cache_clear()
    yield
    figures._shape.cache_clear()


def test_a_figure_makes_its_shape_once(cold):
    # the chart rows once asked for the shape under another cache key, so each was made twice
    figures.figure(FIGURE, View(page="tiers", lang="zh"))
    assert figures._shape.cache_info().misses == 1


def test_warm_leaves_nothing_for_a_first_view(cold):
    version = db.version()
    figures.warm(version, [FIGURE])
    shapes = figures._shape.cache_info().misses
    assert shapes == 2  # both languages, each with its rows for both interval settings
    for lang in ("en", "zh"):
        for show_ci in (True, False):
            view = View(page="tiers", lang=lang, show_ci=show_ci, filters=Filters())
            fig = figures.figure(FIGURE, view)
            assert sorted(r["value"] for r in fig.records) == [1.7, 2.1, 2.4]
    assert figures._shape.cache_info().misses == shapes


def test_warm_draws_what_a_cold_view_draws(cold):
    view = View(page="tiers", lang="zh", show_ci=False, filters=Filters(tiers=("Champion",)))
    cold_spec = figures.figure(FIGURE, view).spec
    figures._shape.cache_clear()
    figures.warm(db.version(), [FIGURE])
    warm = figures.figure(FIGURE, view)
    assert warm.spec == cold_spec
    assert [(r["tier"], r["value"]) for r in warm.spec["datasets"]["values"]] == [("Champion", 1.7)]


def test_warm_order_starts_with_the_first_page_and_covers_every_figure():
    version = db.version()
    order = figures.warm_order(version)
    assert sorted(order) == sorted(figures._all_values(version))
    assert len(order) == len(set(order))


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )


def test_warming_stops_between_figures_and_the_process_exits_cleanly():
    # a daemon thread still inside DuckDB when the interpreter went down aborted short-lived
    # processes (exit -6, "FATAL: exception not rethrown"); now exit stops it and joins it
    out = _python(
        "import time\n"
        "from cxdash import db, figures\n"
        "w = figures.Warming(db.version())\n"
        "time.sleep(1.0)\n"
        "w.close()\n"
        "made = figures._shape.cache_info().currsize\n"
        "total = 2 * len(figures.warm_order(db.version()))\n"
        "print(w.thread.is_alive(), 0 < made < total)\n"
        "figures.Warming(db.version())\n"  # left running: the exit must stop it
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "True"]


def test_the_first_run_of_a_server_starts_warming_once():
    out = _python(
        "import threading\n"
        "from streamlit.testing.v1 import AppTest\n"
        "for _ in range(2):\n"
        "    at = AppTest.from_file('dashboard.py', default_timeout=120).run()\n"
        "    assert not at.exception, at.exception\n"
        "names = [t.name for t in threading.enumerate()]\n"
        "print(sorted(n for n in names if n.startswith('cxdash-warm')))\n",
        CX_WARM="1",
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().startswith("['cxdash-warm-")
    assert out.stdout.count("cxdash-warm-") == 1


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


def _published_figures(lang: str, show_ci: bool):
    for figure_id in figures.warm_order(db.version()):
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
