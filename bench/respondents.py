"""Respondent data at size, through the app's own path (issue 18, part of `make bench`).

At 100 k and 1 M FICTIONAL respondents (`synth`, labelled FICTIONAL in every output): the
draw and the import (seconds, peak memory of the importing process); then 50 random slices —
a random tier figure, a random set of countries and tiers (two or more of a dimension: it is
grouped by it too), and in one slice of five an answer filter — each computed cold (caches
cleared) the way a page asks for it: `source.figure_values` (roll-up of the cube, weighted
estimates, intervals, Holm tests, letters, the report's value beside) and the whole figure
(`figures.figure`: also the chart's spec). Then the server: RSS of a `streamlit run` after the
tiers page drawn from the published data, and after the same page drawn from the 1 M dataset.

    .venv/bin/python bench/respondents.py [--rows 100000 1000000] [--slices 50] [--no-server]

Targets (issue 18): slice p95 <= 250 ms at 1 M rows; server memory <= 1.5x the published-only
app's. Slices with an answer filter are shown apart: their first use makes one SQL cube of the
question for the respondents kept (then cached); the others are roll-ups of the import's cube.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxdash import data, figures  # noqa: E402
from cxdash.respondents import source  # noqa: E402
from cxdash.view import Filters, View, group_answers  # noqa: E402

COUNTRIES = ("Australia", "Japan", "Singapore", "South Korea")
TIERS = ("Starter", "Emerging", "Champion")
ANSWERS = ("practice_trained_teams:no", "practice_agent_tools:yes", "exec_review_frequency:daily")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def child(cmd: list[str], env: dict) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB, stdout) of a command line run."""
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return seconds, peak, out


def make(rows: int, folder: Path) -> str:
    env = {**os.environ, "CX_RESPONDENTS_DIR": str(folder / "store"), "PYTHONPATH": str(ROOT)}
    py = [sys.executable, "-m", "cxdash", "respondents"]
    f = folder / f"fictional-{rows}.parquet"
    s, _, _ = child([*py, "synth", "--instrument", "apac", "--rows", str(rows), "--seed", "1",
                     "--out", str(f)], env)  # fmt: skip
    i, peak, out = child([*py, "import", str(f), "--instrument", "apac", "--mapping",
                          str(f.with_name(f.stem + ".mapping.toml"))], env)  # fmt: skip
    dataset = out.split(" as ", 1)[1].split()[0]
    print(f"  {rows:>9,} FICTIONAL respondents: synth {s:5.1f} s, import {i:5.1f} s "
          f"(peak RSS of the importing processes so far {peak:,} MB)")  # fmt: skip
    return dataset


def slices(dataset: str, n: int, rng: random.Random) -> None:
    figure_ids = list(data.page_figures("tiers")["figure_id"])
    ds = source.dataset(dataset)
    figure_ids = source.figures(ds, figure_ids)
    values_ms, figure_ms, filtered = [], [], []
    for k in range(n):
        filters = Filters(
            countries=tuple(rng.sample(COUNTRIES, rng.randint(0, 4))),
            tiers=tuple(rng.sample(TIERS, rng.choice([0, 0, 1, 2, 3]))),
        )
        answer = group_answers([rng.choice(ANSWERS)]) if k % 5 == 4 else ()
        view = View(page="tiers", dataset=dataset, filters=filters, answer=answer)
        figure_id = rng.choice(figure_ids)
        for made in (
            figures._from_respondents,
            figures._respondent_values,
            figures._respondent_shape,
            figures._respondent_drawn,
        ):
            made.cache_clear()  # a figure's slice is made afresh: its estimates too
        source._answer_cube.cache_clear()
        chosen = {"tier": filters.tiers, "country": filters.countries}
        report = figures._report(figure_id, figures.db.version())
        t = time.perf_counter()
        source.figure_values(ds, report, chosen, data.dimension_labels(), answer)
        values_ms.append((time.perf_counter() - t) * 1000)
        source._answer_cube.cache_clear()
        t = time.perf_counter()
        figures.figure(figure_id, view)
        figure_ms.append((time.perf_counter() - t) * 1000)
        filtered.append(bool(answer))
    for name, ms in (("values, tests, letters", values_ms), ("the whole figure", figure_ms)):
        for label, keep in (("tier x country x answer", False), ("+ an answer filter", True)):
            got = [m for m, f in zip(ms, filtered) if f == keep]
            p50, p95 = pct(got, 50), pct(got, 95)
            print(f"    {name:<23} {label:<24} p50 {p50:5.0f} ms  p95 {p95:5.0f} ms  "
                  f"max {max(got):5.0f} ms  ({len(got)} cold)")  # fmt: skip


def server_memory(folder: Path, dataset: str, rows: int) -> None:
    from playwright.sync_api import sync_playwright

    from bench.speed import rss_kb, streamlit_run
    from tests.test_browser import ARGS, CHROMIUM, settle

    env = {"CX_RESPONDENTS_DIR": str(folder / "store")}
    rss = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        drawn = f"{rows:,} respondents"
        for label, query in (("published", ""), (drawn, f"?dataset={dataset}")):
            with streamlit_run(ROOT / "dashboard.py", env) as server:
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(f"{server.url}/tiers{query}")
                settle(page)
                rss[label] = rss_kb(server.proc.pid)[0] / 1024
                page.close()
        browser.close()
    base = rss["published"]
    for label, mb in rss.items():
        print(f"    server RSS after the tiers page, {label:<16} {mb:6.0f} MB  {mb / base:4.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--slices", type=int, default=50)
    ap.add_argument("--no-server", action="store_true")
    args = ap.parse_args()
    print("respondent data (FICTIONAL), the app's path; load average", os.getloadavg()[0])
    with tempfile.TemporaryDirectory(prefix="bench-respondents-") as tmp:
        folder = Path(tmp)
        os.environ["CX_RESPONDENTS_DIR"] = str(folder / "store")
        dataset = None
        for rows in args.rows:
            dataset = make(rows, folder)
            slices(dataset, args.slices, random.Random(rows))
        if dataset and not args.no_server:
            server_memory(folder, dataset, args.rows[-1])
    print("load average at the end", os.getloadavg()[0])


if __name__ == "__main__":
    main()
