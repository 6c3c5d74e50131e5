"""Where a first visit's server time goes, measured in a fresh process (bench/speed.py runs
this as a subprocess and prints its lines; it can also run alone).

Steps, each timed once, in the order a first visit meets them: importing the modules every
page imports, reading the shapes file, each figure's spec shape per language with its chart rows
for both interval settings (unpickled from the file, and as made by a server without it), and
serialising a page's specs as Streamlit does (JSON). Then the payload a page
sends per chart, and the heavy libraries loaded by then (they should be none).

With a respondent dataset (the second argument, its id, found in CX_RESPONDENTS_DIR): a
never-seen slice of the page drawn from it, stage by stage (the cube's roll-up, the
estimates with their intervals and tests, the values in the published shape, the chart's
rows and its spec), against the size of the cube the slices are rolled up from.

Run: .venv/bin/python bench/breakdown.py [page [dataset]]   (default page: tiers)
"""

from __future__ import annotations

import collections
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Libraries only an action (a download, a deck, a PDF, a test table) may need.
HEAVY = ("pptx", "fpdf", "vl_convert", "PIL", "statsmodels", "scipy", "pyarrow.parquet")


def ms_since(t: float) -> float:
    return 1000 * (time.perf_counter() - t)


def main(page: str = "tiers") -> None:
    t = time.perf_counter()
    import streamlit  # noqa: F401

    log("import streamlit", ms_since(t))
    t = time.perf_counter()
    from cxdash import data, db, figures, payload  # noqa: F401
    from cxdash.ui import access, panel, share, shell, state  # noqa: F401

    log("import the app's modules (cxdash, cxdash.ui)", ms_since(t))
    heavy = sorted(m for m in HEAVY if m in sys.modules)
    print(f"  heavy libraries loaded by then: {heavy or 'none'}")

    from cxdash.palette import WEB
    from cxdash.view import View

    version = db.version()
    cat = data.page_figures(page)
    ids = list(cat["figure_id"])
    t = time.perf_counter()
    stored = figures._store(version)
    log(
        f"the shapes file (cxdash/shapes.py): {len(stored)} shapes, "
        f"{sum(map(len, stored.values())) / 1e6:.1f} MB of bytes held"
        + ("" if stored else " (absent or stale: python -m cxdash shapes)"),
        ms_since(t),
    )
    every = sorted({f for f, *_ in stored} or ids)
    for lang in ("en", "zh"):
        drawn, made = [], []
        for f in every:
            t = time.perf_counter()
            figures._shape(f, lang, version, WEB)  # from the file (or made, then kept)
            drawn.append(ms_since(t))
            t = time.perf_counter()
            figures._pickled(figures._values_of(f), lang, WEB)  # as a server without the file
            made.append(ms_since(t))
        on_page = sum(p for f, p in zip(every, drawn) if f in ids)
        made_on_page = sum(p for f, p in zip(every, made) if f in ids)
        log(
            f"spec shapes and chart rows, {lang}: all {len(every)} figures unpickled (median "
            f"{statistics.median(drawn):.1f} ms, max {max(drawn):.1f} ms), /{page}'s "
            f"{len(ids)}: {on_page:.0f} ms; made without the file: median "
            f"{statistics.median(made):.0f} ms each, /{page}'s {len(ids)}: "
            f"{made_on_page:.0f} ms; unpickled, all",
            sum(drawn),
        )
    for lang in ("en", "zh"):
        view = View(page=page, lang=lang)
        t = time.perf_counter()
        figs, _, _ = figures.page_figures(view)
        pick = ms_since(t)
        t = time.perf_counter()
        sizes = [len(json.dumps(payload.lean(f.spec)).encode()) for f in figs]  # as sent
        log(
            f"/{page} {lang}, warm: pick rows for {len(figs)} charts {pick:.0f} ms; "
            f"serialise the specs (JSON) {ms_since(t):.0f} ms; payload per chart "
            f"median {statistics.median(sizes) / 1024:.1f} kB, max {max(sizes) / 1024:.1f} kB, "
            f"total {sum(sizes) / 1024:.0f} kB",
            None,
        )
    heavy = sorted(m for m in HEAVY if m in sys.modules)
    print(f"  heavy libraries loaded after drawing /{page}'s figures: {heavy or 'none'}")


def respondents(page: str, dataset: str) -> None:
    """A never-seen slice of `page` from the respondent dataset `dataset`, by stage: each
    stage's function wrapped in a timer for this one process (nothing else runs here)."""
    from cxdash import charts, data, figures
    from cxdash.respondents import source, sums, values
    from cxdash.view import Filters, View

    spent: collections.Counter = collections.Counter()

    def timed(module, name: str, what: str) -> None:
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                spent[what] += time.perf_counter() - t

        setattr(module, name, wrapper)

    ds = source.dataset(dataset)
    cells = sum(len(c) for c in ds.cells.values())
    respondents_n = ds.con.execute("select count(*) from respondents").fetchone()[0]
    log(
        f"respondents: {respondents_n:,} FICTIONAL, rolled up from a cube of {cells:,} rows "
        f"({len(ds.cells)} questions: a row per group and answer, however many respond)",
        None,
    )
    stages = [
        (sums, "rollup", "roll-up of the cube"),
        (values, "estimate", "estimates, intervals, tests (with the roll-up)"),
        (values, "frame", "the values in the published shape"),
        (source, "figure_values", "figure_values (all of the above and the rest)"),
        (charts, "rows", "the chart's rows"),
        (charts, "spec", "the spec (Altair)"),
        (figures, "_localised", "localised rows and spec (with the two above)"),
        (figures, "_drawn", "the rows for the interval setting"),
    ]
    for module, name, what in stages:
        timed(module, name, what)
    cat = data.page_figures(page)
    for tiers in [(), ("Champion", "Starter")]:  # the first also warms the process
        spent.clear()
        view = View(page=page, dataset=dataset, filters=Filters(tiers=tiers))
        t = time.perf_counter()
        n = sum(1 for _ in figures.each(cat, view))
        total = ms_since(t)
    parts = "; ".join(f"{what} {spent[what] * 1000:.0f} ms" for _, _, what in stages)
    log(f"/{page} tier=Champion&tier=Starter from respondents, {n} figures: {parts}; all", total)


def log(what: str, ms: float | None) -> None:
    print(f"  {what}" + (f": {ms:.0f} ms" if ms is not None else ""), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:2])
    if len(sys.argv) > 2:
        respondents(sys.argv[1], sys.argv[2])
