"""Speed and memory of the app against a bare page, measured in one run and printed.

A benchmark, not a test: it prints every figure beside the bare page's (bench/bare_page.py,
same number of Altair charts, same sidebar keys and URL parameters) with the ratio and the
target, and never fails on a target.

  a. Server: a run of /tiers with a never-seen filter slice vs the same slice run again
     (AppTest, after warming each language x interval setting once). Target <= 1.5x.
  b. Server: warm rerun of /tiers vs the bare page drawing as many charts (AppTest, median).
     Target <= 1.5x.
  c. Chromium: filter change -> every chart drawn, p50 / p95 over never-seen combinations of
     tiers, years, language and the interval toggle, (i) by a click in the sidebar and (ii) by
     opening a link. Target: app p95 <= 1.5x bare p95.
  c'. The floor of (c)'s links: the bare page drawing the app's own charts of /tiers exactly
     as its browser gets them (bench/app_specs.py, BARE_SPECS) and nothing else, opened by
     the same links: what those charts cost on this stack before any of the app's panels.
  d. `streamlit run` -> first chart drawn on /tiers in a fresh browser, the median of
     D_STARTS starts of each server, alternated. Target <= 1.3x.
  e. Server RSS after one browser session visited every page. Target <= 1.3x.
  e'. The floor of (e): the floor page of c' also holding the app's database in DuckDB
     (bare_page.py BARE_DUCKDB: opened read-only, every table read once).
  e''. Where the app's memory goes, stage by stage in fresh processes (bench/memory.py):
     the stack's libraries, the app's modules, the database attached, the shapes, the pages.
  g. N sessions x M interactions at once vs one session alone: errors, p95 per interaction
     (target <= 2x), RSS after the load (target <= 1.2x). The sessions are websocket clients
     that speak Streamlit's protocol and do not render (bench/load_ws.py: the server's time
     per interaction; the browser's drawing cost is c); --load-clients browser drives
     headless Chromium pages instead (bench/load_sessions.py).

--respondents ROWS draws every page of the app from a FICTIONAL respondent dataset of ROWS
(made in a child process by bench/respondents.py into a temporary CX_RESPONDENTS_DIR).

Self-contained on purpose: it never imports the app's package. It reaches the app only by
`streamlit run dashboard.py`, AppTest of dashboard.py + pages/tiers.py, URLs and the sidebar's
widget keys (lang, tier, year, ci) and option order.

Run: /work/main/.venv/bin/python bench/speed.py [--quick]   (about 10 minutes; --quick ~4)
Needs Debian's chromium at /usr/bin/chromium (never downloads a browser) and a built database
(python -m cxdash build). Servers listen on free 127.0.0.1 ports and are always stopped.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import csv
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

# The app's pages as URL paths ("" is the Overview at "/"), from the pages table's CSV.
with (Path(__file__).resolve().parent.parent / "data" / "dimensions" / "pages.csv").open() as _fh:
    PAGES = ["" if r["page"] == "overview" else r["page"] for r in csv.DictReader(_fh)]
HEAVY_URL = "tiers"  # the heaviest page (26 Altair charts at the time of writing)

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard.py"
HEAVY_FILE = ROOT / "pages" / "tiers.py"
BARE = ROOT / "bench" / "bare_page.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
VIEWPORT = {"width": 1440, "height": 900}

# Sidebar codes the views are made of (option order as in the app's sidebar).
TIERS = ("Starter", "Emerging", "Champion")
YEARS = ("2020", "2021")
LANGS = ("en", "zh")
TARGET = {"a": 1.5, "b": 1.5, "c": 1.5, "d": 1.3, "e": 1.3, "g": 2.0, "g_rss": 1.2}

QUIET_MS = 250  # charts quiet this long after every chart changed -> settled
QUIET_LONG_MS = 1000  # ... or this long when some chart kept its old drawing
STEP_TIMEOUT_MS = 240_000
D_STARTS = 5  # d: starts of each server, the first one the start c and e use


def log(msg: str = "") -> None:
    print(msg, flush=True)


def progress(msg: str) -> None:
    """A step as it happens, on stderr (the figures go to stdout)."""
    print(f"    [{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Views: one combination of the sidebar's tier, year, language and interval controls


@dataclass(frozen=True)
class View:
    tiers: tuple[str, ...] = ()  # in the order they were picked (the widget's order)
    years: tuple[str, ...] = ()
    lang: str = "en"
    ci: bool = True

    def key(self) -> tuple:
        return (frozenset(self.tiers), frozenset(self.years), self.lang, self.ci)

    def valid(self) -> bool:
        # 2020 alone leaves 1 of /tiers' 26 charts (the tier mix 2020 -> 2021): not a heavy
        # view, and the bare page would still draw all of its charts. Left out.
        return set(self.years) != {"2020"}

    def query(self, extra: dict[str, str] | None = None) -> str:
        pairs = [("tier", t) for t in TIERS if t in self.tiers]
        pairs += [("year", y) for y in YEARS if y in self.years]
        if self.lang != "en":
            pairs.append(("lang", self.lang))
        if not self.ci:
            pairs.append(("ci", "0"))
        pairs += list({**LINK_EXTRA, **(extra or {})}.items())
        return urllib.parse.urlencode(pairs)

    def __str__(self) -> str:
        return (
            f"tier={'+'.join(self.tiers) or 'all'} year={'+'.join(self.years) or 'all'} "
            f"{self.lang} ci={'on' if self.ci else 'off'}"
        )


DEFAULT = View()
# Added to every URL the bench opens (--respondents: dataset=<name>; the bare page ignores it)
# and set in the AppTest's query parameters; with it every page is drawn from that dataset.
LINK_EXTRA: dict[str, str] = {}
# Warm-up for (a) only, once per language x interval setting (AppTest, the default view):
# (a) is about filter slices. The browser servers are never warmed by the bench: (c)'s first
# switch to 繁體中文 and first links in 繁體中文 or with ci=0 are a reader's first ones.
WARM = [View(lang=lang, ci=ci) for lang in LANGS for ci in (True, False)]


def moves(view: View, step: int) -> list[tuple[str, str]]:
    """One-click changes from `view`, the kind preferred at this step first (for variety)."""
    kinds = ["tier", "year", "lang", "tier", "ci", "year"]
    first = kinds[step % len(kinds)]
    tier_moves = [("tier", TIERS[(i + step) % 3]) for i in range(3)]
    all_moves = {
        "tier": tier_moves,
        "year": [("year", y) for y in (YEARS if step % 2 else YEARS[::-1])],
        "lang": [("lang", "")],
        "ci": [("ci", "")],
    }
    order = [first] + [k for k in ("tier", "year", "lang", "ci") if k != first]
    return [m for k in order for m in all_moves[k]]


def apply(view: View, move: tuple[str, str]) -> View:
    kind, code = move
    if kind in ("tier", "year"):
        current = getattr(view, kind + "s")
        new = tuple(c for c in current if c != code) if code in current else (*current, code)
        return replace(view, **{kind + "s": new})
    if kind == "lang":
        return replace(view, lang="zh" if view.lang == "en" else "en")
    return replace(view, ci=not view.ci)


def click_walk(n: int, seen: set) -> list[tuple[tuple[str, str], View]]:
    """n one-click steps from the default view, each to a view never seen before."""
    path: list[tuple[tuple[str, str], View]] = []
    visited = set(seen)

    def dfs(view: View) -> bool:
        if len(path) == n:
            return True
        for move in moves(view, len(path)):
            nxt = apply(view, move)
            if nxt.valid() and nxt.key() not in visited:
                visited.add(nxt.key())
                path.append((move, nxt))
                if dfs(nxt):
                    return True
                path.pop()
        return False

    if not dfs(DEFAULT):
        raise RuntimeError(f"no walk of {n} never-seen views")
    return path


def link_views(n: int, seen: set) -> list[View]:
    views = []
    for mask in range(8):
        tiers = tuple(t for i, t in enumerate(TIERS) if mask >> i & 1)
        for years in ((), ("2021",), ("2020", "2021")):
            for lang in LANGS:
                for ci in (True, False):
                    views.append(View(tiers, years, lang, ci))
    fresh = [v for v in views if v.valid() and v.key() not in seen]
    random.Random(7).shuffle(fresh)
    if len(fresh) < n:
        raise RuntimeError(f"only {len(fresh)} never-seen views left for links")
    return fresh[:n]


# AppTest slices for (a): never-seen filter slices (2020-only left out, see View.valid)
SLICES = [
    View(("Starter",), (), "en", True),
    View(("Emerging", "Champion"), ("2021",), "zh", True),
    View(("Champion",), ("2020", "2021"), "en", False),
    View(("Starter", "Emerging"), ("2021",), "zh", False),
    View(("Emerging",), ("2020", "2021"), "en", True),
    View(("Starter", "Champion"), (), "zh", True),
    View(("Starter", "Emerging", "Champion"), ("2021",), "en", False),
]


# --------------------------------------------------------------------------------------------
# Numbers


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def fmt_ms(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"


# --------------------------------------------------------------------------------------------
# a + b: server side with AppTest


def set_view(at, view: View) -> None:
    at.sidebar.radio(key="lang").set_value(view.lang)
    # the app's keys are "_tier@en" (in the last run's language), the bare page's "tier"
    shown = {w.key.split("@")[0].lstrip("_"): w for w in at.sidebar.multiselect}
    shown["tier"].set_value(list(view.tiers))
    shown["year"].set_value(list(view.years))
    at.sidebar.toggle(key="ci").set_value(view.ci)


def timed_run(at, what: str) -> float:
    t = time.perf_counter()
    at.run()
    ms = 1000 * (time.perf_counter() - t)
    if at.exception:
        raise RuntimeError(f"{what}: {[e.value for e in at.exception]}")
    return ms


def server_side(n_slices: int, reruns: int) -> dict:
    """App and bare page in turn (one run each, alternating), so a change in the machine's
    load hits both alike."""
    from streamlit.testing.v1 import AppTest

    # The app's background warming of every figure (CX_WARM) would run in this process, beside
    # the timed runs: a and b time script runs alone (each view is made once before timing).
    os.environ["CX_WARM"] = "0"
    app = AppTest.from_file(str(APP), default_timeout=600)
    for key, value in LINK_EXTRA.items():
        app.query_params[key] = value
    app.switch_page(str(HEAVY_FILE))
    ats = {"app": app}
    out: dict = {"app": {}, "bare": {}}

    def prepare(name: str) -> None:
        at, res = ats[name], out[name]
        res["cold_ms"] = timed_run(at, f"{name} first run")
        for view in WARM:  # the legitimate per-language x interval caches, warmed once
            set_view(at, view)
            timed_run(at, f"{name} warm {view}")
        set_view(at, DEFAULT)
        timed_run(at, f"{name} default view")
        res["charts"] = len(at.get("vega_lite_chart"))
        res.update(new=[], again=[], slice_charts=[], reruns=[])

    prepare("app")
    os.environ["BARE_CHARTS"] = str(out["app"]["charts"])  # AppTest runs in this process
    ats["bare"] = AppTest.from_file(str(BARE), default_timeout=600)
    prepare("bare")
    for view in SLICES[:n_slices]:
        for name, at in ats.items():
            res = out[name]
            set_view(at, view)
            res["new"].append(timed_run(at, f"{name} {view}"))
            res["slice_charts"].append(len(at.get("vega_lite_chart")))
            res["again"].append(timed_run(at, f"{name} {view} again"))
    for name, at in ats.items():
        set_view(at, DEFAULT)
        timed_run(at, f"{name} back to the default view")  # seen: warm
    for _ in range(reruns):
        for name, at in ats.items():
            out[name]["reruns"].append(timed_run(at, f"{name} rerun"))
    for name, r in out.items():
        log(
            f"  {name:4s} cold first run {fmt_ms(r['cold_ms'])}; charts {r['charts']}; "
            f"slices new {[round(x) for x in r['new']]} ms, again "
            f"{[round(x) for x in r['again']]} ms (charts {r['slice_charts']}); "
            f"reruns {[round(x) for x in r['reruns']]} ms"
        )
    return out


# --------------------------------------------------------------------------------------------
# c, d, e: streamlit run + headless Chromium

# Installed in every document before the page's scripts: remembers the first input of a step,
# Streamlit's script-state changes and every DOM change inside a chart, with page timestamps.
INSTRUMENT_JS = """
(() => {
  if (window.__bench) return;
  const CHART = '[data-testid="stVegaLiteChart"]';
  const B = {armed: false, t0: 0, inputAt: null, sawRunning: false, candidate: null,
             before: new WeakSet(), changed: new WeakSet(), drawn: new WeakSet(),
             drawnAt: [], present: []};
  window.__bench = B;
  B.busy = [];  // the page's long tasks (main thread busy > 50 ms): [start, duration]
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.busy.push([e.startTime, e.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
  B.arm = () => {
    B.armed = true; B.t0 = performance.now(); B.inputAt = null; B.sawRunning = false;
    B.candidate = null; B.changed = new WeakSet();
    B.before = new WeakSet(document.querySelectorAll(CHART));
  };
  addEventListener('pointerdown', (e) => {
    if (B.armed && B.inputAt === null) B.inputAt = e.timeStamp;
  }, true);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName === 'data-test-script-state') {
        if (r.target.getAttribute('data-test-script-state') === 'running') B.sawRunning = true;
        B.candidate = null;
        continue;
      }
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const chart = el && el.closest(CHART);
      if (chart) {
        B.changed.add(chart); B.candidate = null;
        if (!B.drawn.has(chart) && chart.querySelector('svg.marks .role-mark, canvas.marks')) {
          B.drawn.add(chart); B.drawnAt.push(performance.now());
          B.present.push(document.querySelectorAll(CHART).length);
        }
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""

# Polled every animation frame. True (with the page timestamps) once Streamlit's run finished
# (connected, script not running, no skeleton, no stale element), every chart has a drawn
# svg/canvas of non-zero size, and no chart changed since: for QUIET_MS if every chart
# changed during the step, QUIET_LONG_MS if some kept its drawing. The moment reported is the
# first frame of that quiet stretch (the wait itself is not counted).
SETTLE_JS = """
(args) => {
  const B = window.__bench;
  if (!B) return false;
  const now = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  if (state === 'running') B.sawRunning = true;
  const no = () => { B.candidate = null; return false; };
  if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return no();
  if (state !== 'notRunning' || !B.sawRunning) return no();
  if (document.querySelector('[data-testid="stSkeleton"]')) return no();
  if (document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')) return no();
  const charts = Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'));
  if (charts.length < args.minCharts) return no();
  let allChanged = true;
  for (const c of charts) {
    const g = c.querySelector('svg.marks, canvas.marks');
    if (!g) return no();
    const r = g.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return no();
    if (g.tagName.toLowerCase() === 'svg' && !g.querySelector('.role-mark')) return no();
    if (B.before.has(c) && !B.changed.has(c)) allChanged = false;
  }
  if (B.candidate === null) B.candidate = now;
  if (now - B.candidate < (allChanged ? args.quietMs : args.quietLongMs)) return false;
  const start = B.armed ? (B.inputAt ?? B.t0) : 0;
  return {ms: B.candidate - start, charts: charts.length, allChanged,
          errors: document.querySelectorAll('[data-testid="stException"]').length};
}
"""

FIRST_CHART_JS = """
() => {
  const c = '[data-testid="stVegaLiteChart"]';
  const sel = `${c} svg.marks, ${c} canvas.marks`;
  for (const g of document.querySelectorAll(sel)) {
    const r = g.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 &&
        (g.tagName.toLowerCase() !== 'svg' || g.querySelector('.role-mark')))
      return performance.timeOrigin + performance.now();
  }
  return false;
}
"""


def shapes_made() -> str:
    """Every figure's shape made for this database and code before any server starts, as
    `make run` does (else a first start makes them in a child process beside what is
    measured)."""
    made = subprocess.run(
        [sys.executable, "-m", "cxdash", "shapes"], cwd=ROOT, capture_output=True, text=True
    )
    return f"shapes: {(made.stdout or made.stderr).strip()[-300:]}"


def scratch(prefix: str) -> Path:
    """A temporary folder removed when the bench exits (a 1 M respondents' dataset is
    435 MB: each run left one behind)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    started: float  # time.time() just before the process was started
    log_path: Path

    def tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-2000:]


@contextlib.contextmanager
def streamlit_run(script: Path, env_extra: dict[str, str] | None = None):
    """`streamlit run script` on a free 127.0.0.1 port; always stopped on exit."""
    port = free_port()
    log_file = tempfile.NamedTemporaryFile(
        prefix=f"bench-{script.stem}-", suffix=".log", delete=False
    )
    env = {**os.environ, **(env_extra or {})}
    cmd = [
        sys.executable,  # python itself, so the pid is the server's (no wrapper process)
        "-m",
        "streamlit",
        "run",
        str(script.relative_to(ROOT)),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]
    started = time.time()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}", started, Path(log_file.name))
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{script.name} exited:\n{server.tail()}")
            try:
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{script.name} did not answer its health check")
            time.sleep(0.05)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log_file.close()
        os.unlink(log_file.name)


def rss_kb(pid: int) -> tuple[int, int]:
    """VmRSS and VmHWM (kB) of a python process."""
    exe = os.readlink(f"/proc/{pid}/exe")
    if "python" not in Path(exe).name:
        raise RuntimeError(f"pid {pid} is {exe}, not the python server")
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(rest.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def new_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INSTRUMENT_JS)
    return context, context.new_page()


# What a step that never settled was waiting for: the page's run and connection state,
# skeletons, stale elements, and charts not (yet) drawn.
PENDING_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  const undrawn = charts.filter((c) => {
    const g = c.querySelector('svg.marks, canvas.marks');
    if (!g) return true;
    const r = g.getBoundingClientRect();
    return !(r.width > 0 && r.height > 0) ||
      (g.tagName.toLowerCase() === 'svg' && !g.querySelector('.role-mark'));
  });
  return {url: location.href, script: app && app.getAttribute('data-test-script-state'),
          connection: app && app.getAttribute('data-test-connection-state'),
          sawRunning: !!(window.__bench && window.__bench.sawRunning),
          skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
          stale: document.querySelectorAll(
            '[data-testid="stElementContainer"][data-stale="true"]').length,
          charts: charts.length, undrawn: undrawn.length,
          exceptions: document.querySelectorAll('[data-testid="stException"]').length};
}
"""


def settle(page, min_charts: int = 0, polling: str | int = "raf") -> dict:
    from playwright.sync_api import TimeoutError as Timeout

    try:
        return page.wait_for_function(
            SETTLE_JS,
            arg={"minCharts": min_charts, "quietMs": QUIET_MS, "quietLongMs": QUIET_LONG_MS},
            polling=polling,
            timeout=STEP_TIMEOUT_MS,
        ).json_value()
    except Timeout:  # say what it waited for, not only that it waited
        pending = page.evaluate(PENDING_JS)
        raise RuntimeError(
            f"not settled after {STEP_TIMEOUT_MS / 1000:.0f} s (at least {min_charts} "
            f"charts wanted): {pending}"
        ) from None


def open_link(page, url: str, min_charts: int = 1, polling: str | int = "raf") -> dict:
    """page.goto: a new document, timed from its navigation start. `polling`: every animation
    frame, or every N ms (20 pages at once hung on frame polling)."""
    page.goto(url, wait_until="commit", timeout=STEP_TIMEOUT_MS)
    return settle(page, min_charts, polling)


def keyed(key: str) -> str:
    """CSS for the element of a sidebar widget: the bare page keys it `tier`; the app draws
    one widget per language, keyed `_tier@en` (class st-key-_tier-en), one shown at a time."""
    return f":is(.st-key-{key}, .st-key-_{key}-en, .st-key-_{key}-zh)"


def open_list(page, key: str) -> None:
    """Open a multiselect's list of options (its button; the arrow key if that did not)."""
    page.locator(f"{keyed(key)} button[aria-haspopup=listbox] >> visible=true").click()
    options = page.locator("[role=option] >> visible=true").first
    try:
        options.wait_for(timeout=3000)
    except Exception:
        page.locator(f"{keyed(key)} input[role=combobox] >> visible=true").press("ArrowDown")
        options.wait_for(timeout=10_000)


def option_keys(page, key: str, codes: tuple[str, ...]) -> dict[str, str]:
    """The listbox data-key of each code, read once from the English labels (which start
    with the code); clicks then use data-key, so they work in either language."""
    found: list = []
    for _ in range(5):
        open_list(page, key)
        found = page.evaluate(
            """() => Array.from(document.querySelectorAll('[role=option]'))
                   .map(o => [o.getAttribute('data-key'), o.textContent.trim()])"""
        )
        close_list(page)
        keys = {}
        for code in codes:
            hits = [k for k, text in found if text.startswith(code) and k != "__select_all__"]
            if len(hits) == 1:
                keys[code] = hits[0]
        if len(keys) == len(codes):
            return keys
        page.wait_for_timeout(500)
    raise RuntimeError(f"cannot find the options {codes} of {key!r} in {found}")


def close_list(page) -> None:
    if page.locator("[role=option]").count():
        page.keyboard.press("Escape")
        page.locator("[role=option]").first.wait_for(state="detached")


def click_step(page, view: View, move: tuple[str, str], keys: dict) -> dict:
    """One click in the sidebar that changes `view` by `move`; timed from the pointerdown."""
    target = click_target(page, view, move, keys)
    page.evaluate("window.__bench.arm()")
    target.click()
    result = settle(page, 1)
    close_list(page)  # not timed
    return result


def click_target(page, view: View, move: tuple[str, str], keys: dict):
    """What to click in the sidebar to change `view` by `move` (a list it is in opened)."""
    kind, code = move
    if kind in ("tier", "year"):
        current = getattr(view, kind + "s")
        if code in current:  # remove: the tag's close button
            target = page.locator(
                f"{keyed(kind)} [data-tag-index='{current.index(code)}'] button >> visible=true"
            )
        else:  # add: open the list (not timed), click the option
            open_list(page, kind)
            target = page.locator(f"[role=option][data-key='{keys[kind][code]}']")
            target.wait_for()
    elif kind == "lang":
        other = LANGS.index("zh" if view.lang == "en" else "en")
        target = page.locator(".st-key-lang [data-testid=stRadioOption]").nth(other)
    else:
        target = page.locator(".st-key-ci label").first
    return target


def check_view(page, view: View) -> None:
    """The sidebar shows `view` (the click did what was meant)."""
    got = page.evaluate(
        """([tier, year]) => ({
          tier: document.querySelectorAll(tier + ' .react-aria-ComboBox [data-tag-index]').length,
          year: document.querySelectorAll(year + ' .react-aria-ComboBox [data-tag-index]').length,
          lang: Array.from(document.querySelectorAll('.st-key-lang [data-testid=stRadioOption]'))
                  .findIndex(o => o.getAttribute('data-selected') === 'true'),
          ci: !!document.querySelector('.st-key-ci input[role=switch]:checked'),
        })""",
        [keyed("tier"), keyed("year")],
    )
    want = {
        "tier": len(view.tiers),
        "year": len(view.years),
        "lang": LANGS.index(view.lang),
        "ci": view.ci,
    }
    if got != want:
        raise RuntimeError(f"sidebar shows {got}, expected {want} for {view}")


def nav_link(page, base: str, url_path: str):
    """The sidebar's link to a page (the list of pages expanded if it is hidden)."""
    link = page.locator(
        f'[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"][href="{base}/{url_path}"]'
    )
    if not link.is_visible():
        more = page.locator('[data-testid="stSidebarNavViewButton"]')
        if more.count() and more.first.is_visible():
            more.first.click()
    return link


@dataclass
class Target:
    name: str
    script: Path
    path: str  # URL path of the measured page
    env: dict[str, str]
    visit_pages: bool  # e: visit every page of PAGES (the app) or just the measured one
    res: dict | None = None
    page: object = None
    keys: dict | None = None
    view: View = DEFAULT


def start_and_visit(p, stack: contextlib.ExitStack, t: Target) -> Server:
    """d and e: a fresh browser, `streamlit run`, the first chart, then one session that
    visits every page; the server stays up (until `stack` closes) for c."""
    t.res = {"click": [], "link": [], "errors": [], "charts": [], "kept": 0}
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    stack.callback(browser.close)
    server = stack.enter_context(streamlit_run(t.script, t.env))
    base = server.url
    context, page = new_page(browser)
    received: list[int] = []  # websocket frames from the server (the page's deltas)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
    t.res["first_chart_s"] = [first_chart(page, server, t)]
    r = settle(page, 1)
    log(
        f"  {t.name}: first chart {t.res['first_chart_s'][0]:.2f} s after the process started; "
        f"all {r['charts']} charts {fmt_ms(r['ms'])} after navigation start"
    )
    t.res["first_load"] = first_load(page, sum(received), r["charts"])
    log(f"  {t.name}: first load, browser side: {t.res['first_load']['text']}")
    if t.visit_pages:  # sidebar links: one Streamlit session throughout
        visited = []
        for url_path in PAGES:
            link = nav_link(page, base, url_path)
            page.evaluate("window.__bench.arm()")
            link.click()
            try:
                r = settle(page, 0)
            except RuntimeError as e:  # seen twice in three runs this session, not by hand
                if "'sawRunning': False" not in str(e):
                    raise
                log(
                    f"  {t.name}: the click on /{url_path} started no run in "
                    f"{STEP_TIMEOUT_MS / 1000:.0f} s ({e}); the server's log:\n{server.tail()}"
                )
                t.res["errors"].append(f"/{url_path}: the sidebar link's click started no run")
                page.evaluate("window.__bench.arm()")
                nav_link(page, base, url_path).click()  # once more, as a reader would
                r = settle(page, 0)
            if r["errors"]:
                t.res["errors"].append(f"/{url_path}: {r['errors']} exception(s)")
            visited.append(f"/{url_path} {fmt_ms(r['ms'])} ({r['charts']} charts)")
        log(f"  {t.name}: pages visited (cold): {', '.join(visited)}")
    t.res["rss_kb"], t.res["hwm_kb"] = rss_kb(server.proc.pid)
    log(
        f"  {t.name}: server RSS {t.res['rss_kb'] / 1024:.0f} MB "
        f"(peak {t.res['hwm_kb'] / 1024:.0f} MB) after one session"
    )
    context.close()
    # c, prepared: a new session on the default view, the option keys learned (untimed)
    context, t.page = new_page(browser)
    stack.callback(context.close)
    open_link(t.page, f"{base}/{t.path}?{DEFAULT.query()}")
    t.keys = {
        "tier": option_keys(t.page, "tier", TIERS),
        "year": option_keys(t.page, "year", YEARS),
    }
    return server


def first_chart(page, server: Server, t: Target) -> float:
    """d: seconds from the server process's start to the first chart drawn on `t`'s page,
    opened in `page` (page timestamps, epoch ms, against the process's start)."""
    url = f"{server.url}/{t.path}?{DEFAULT.query()}"
    page.goto(url, wait_until="commit", timeout=STEP_TIMEOUT_MS)
    first = page.wait_for_function(FIRST_CHART_JS, polling="raf", timeout=STEP_TIMEOUT_MS)
    return first.json_value() / 1000 - server.started


def restarts(targets: tuple[Target, ...], n: int) -> None:
    """d again, `n` more times for each target, alternating who goes first: a fresh browser
    and a fresh `streamlit run` each time, nothing else running (one start was d before,
    and it moved by 0.2 s from one run to the next of the same code)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        for i in range(n):
            for t in targets if i % 2 else targets[::-1]:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    with streamlit_run(t.script, t.env) as server:
                        context, page = new_page(browser)
                        t.res["first_chart_s"].append(first_chart(page, server, t))
                        settle(page, 1)  # the server's first run ends before it is stopped
                        context.close()
                finally:
                    browser.close()
                progress(f"d, start {i + 2}: {t.name} {t.res['first_chart_s'][-1]:.2f} s")


def first_load(page, ws_bytes: int, charts: int) -> dict:
    """The browser's share of a first load: bytes the server sent, when each chart was first
    drawn (after navigation start), how many charts were in the page when the first was, and
    the gap between one chart's drawing and the next (Vega compiles and renders one chart at a
    time on the page's main thread)."""
    got = page.evaluate(
        "() => ({at: window.__bench.drawnAt, present: window.__bench.present,"
        " busy: window.__bench.busy})"
    )
    at = sorted(got["at"])
    gaps = [b - a for a, b in zip(at, at[1:])]
    out = {
        "kb": ws_bytes / 1024,
        "kb_chart": ws_bytes / 1024 / max(charts, 1),
        "first_ms": at[0] if at else float("nan"),
        "last_ms": at[-1] if at else float("nan"),
        "present_at_first": got["present"][0] if got["present"] else 0,
        "gap_ms": statistics.median(gaps) if gaps else float("nan"),
        "busy_ms": sum(d for _, d in got["busy"]),
        "longest_ms": max((d for _, d in got["busy"]), default=0.0),
    }
    out["text"] = (
        f"{out['kb']:.0f} kB over the websocket ({out['kb_chart']:.1f} kB a chart); charts "
        f"drawn from {fmt_ms(out['first_ms'])} to {fmt_ms(out['last_ms'])} after navigation "
        f"start; {out['present_at_first']} charts in the page when the first was drawn; "
        f"median {out['gap_ms']:.0f} ms between one chart drawn and the next; main thread "
        f"busy in long tasks {fmt_ms(out['busy_ms'])} (longest {fmt_ms(out['longest_ms'])}, "
        f"{fmt_ms(out['busy_ms'] / max(charts, 1))} a chart: parsing the deltas, Vega "
        f"compile and render, layout)"
    )
    return out


def browser_side(
    walk, links, charts: int, load: tuple[int, int, float], clients: str = "ws"
) -> tuple[dict, dict]:
    """c, d, e for the app and the bare page. Both servers stay up for c, and c's steps
    alternate between them (who goes first alternates too), so the machine's load changes
    hit both alike."""
    from playwright.sync_api import sync_playwright

    app = Target("app", APP, HEAVY_URL, {}, visit_pages=True)
    bare = Target("bare", BARE, "", {"BARE_CHARTS": str(charts)}, visit_pages=False)
    specs = scratch("cx-bench-") / "specs.json"
    made = subprocess.run(  # the app's own charts of /tiers, as its browser gets them
        [sys.executable, str(ROOT / "bench" / "app_specs.py"), str(specs), HEAVY_URL],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    log(f"  floor: {made.stdout.strip() or made.stderr[-500:]}")
    floor = Target(  # also the floor of e: the same stack holding the app's database
        "floor",
        BARE,
        "",
        {"BARE_SPECS": str(specs), "BARE_DUCKDB": str(ROOT / "data" / "cx.duckdb")},
        visit_pages=False,
    )
    with sync_playwright() as p, contextlib.ExitStack() as stack:
        servers = {t.name: start_and_visit(p, stack, t) for t in (app, bare, floor)}
        for i, (move, nxt) in enumerate(walk):  # (i) a click in the sidebar
            for t in (app, bare) if i % 2 == 0 else (bare, app):
                r = click_step(t.page, t.view, move, t.keys)
                progress(f"{t.name} click {move[0]} {move[1]} -> {nxt}: {r}")
                check_view(t.page, nxt)
                t.view = nxt
                t.res["click"].append(r["ms"])
                t.res["charts"].append(r["charts"])
                t.res["kept"] += not r["allChanged"]
                if r["errors"]:
                    t.res["errors"].append(f"click to {nxt}: {r['errors']} exception(s)")
        trio = (app, bare, floor)
        for i, view in enumerate(links):  # (ii) opening a link (the floor: the same link)
            for t in trio[i % 3 :] + trio[: i % 3]:
                r = open_link(t.page, f"{servers[t.name].url}/{t.path}?{view.query()}")
                progress(f"{t.name} link {view}: {r}")
                t.res["link"].append(r["ms"])
                t.res["charts"].append(r["charts"])
                if r["errors"]:
                    t.res["errors"].append(f"link to {view}: {r['errors']} exception(s)")
        if load[0] and clients == "browser":  # g, on the app's server after c
            import load_sessions  # bench/load_sessions.py

            log(f"g. {load[0]} sessions x {load[1]} interactions on the app ...")
            app.res["load"] = load_sessions.run(p, servers["app"], *load)
        elif load[0]:
            import load_ws  # bench/load_ws.py

            log(
                f"g. {load[0]} websocket clients (they do not render) x {load[1]} interactions "
                f"on the app ..."
            )
            app.res["load"] = load_ws.run(servers["app"], *load)
            log(
                "g′. the same readers on the floor page (the app's 26 charts of /tiers alone; "
                "one page, so no page changes) ..."
            )
            app.res["load_floor"] = load_ws.run(
                servers["floor"], load[0], load[1], 0.0, served=load_ws.FLOOR_SERVED
            )
    log(f"d. {D_STARTS - 1} more starts of the app and the bare page, alternated ...")
    restarts((app, bare), D_STARTS - 1)
    for t in (app, bare):
        log(f"  {t.name} first chart (s): {[round(x, 2) for x in t.res['first_chart_s']]}")
    for t in (app, bare, floor):
        log(f"  {t.name} clicks (ms): {[round(x) for x in t.res['click']]}")
        log(f"  {t.name} links  (ms): {[round(x) for x in t.res['link']]}")
    app.res["floor"] = floor.res
    return app.res, bare.res


# --------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer slices and steps (~4 min)")
    ap.add_argument("--steps", type=int, help="browser clicks and links per page (c)")
    ap.add_argument("--slices", type=int, help="never-seen AppTest slices (a)")
    ap.add_argument("--sessions", type=int, help="concurrent sessions (g; 0 leaves g out)")
    ap.add_argument("--interactions", type=int, help="interactions per session (g)")
    ap.add_argument("--cool", type=float, help="seconds after the load before RSS (g)")
    ap.add_argument(
        "--load-clients",
        choices=("ws", "browser"),
        default="ws",
        help="g's sessions: websocket clients that do not render (bench/load_ws.py, the "
        "default) or headless Chromium pages (bench/load_sessions.py)",
    )
    ap.add_argument(
        "--respondents",
        type=int,
        metavar="ROWS",
        help="draw the app's pages from a FICTIONAL respondent dataset of ROWS (synth + "
        "import into a temporary CX_RESPONDENTS_DIR, bench/respondents.py)",
    )
    args = ap.parse_args()
    n_slices, reruns, n_steps = (3, 7, 6) if args.quick else (5, 7, 20)
    load = (4, 6, 20.0) if args.quick else (20, 30, 120.0)
    load = (
        load[0] if args.sessions is None else args.sessions,
        args.interactions or load[1],
        load[2] if args.cool is None else args.cool,
    )
    n_slices = min(args.slices or n_slices, len(SLICES))
    n_steps = args.steps or n_steps

    def stop(signum, frame):  # SIGTERM / SIGHUP: unwind, so every server is stopped
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    os.chdir(ROOT)
    if not (ROOT / "data" / "cx.duckdb").exists():
        sys.exit("build the database first: python -m cxdash build")
    log(shapes_made())
    started = time.perf_counter()
    load_before = os.getloadavg()
    log(f"{os.cpu_count()} cores, load average {load_before[0]:.1f} (other processes count too)")
    if args.respondents:  # made in a child process: this one never imports the app's package
        folder = str(scratch("cx-bench-respondents-"))
        code = (
            "import pathlib, respondents as R; "
            f"print(R.make({args.respondents}, pathlib.Path({folder!r})))"
        )
        made = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT / "bench", capture_output=True, text=True
        )
        if made.returncode:
            sys.exit(made.stderr[-2000:])
        log(made.stdout.rstrip())
        os.environ["CX_RESPONDENTS_DIR"] = str(Path(folder) / "store")
        LINK_EXTRA["dataset"] = made.stdout.split()[-1]
        log(f"every page of the app drawn from the dataset {LINK_EXTRA['dataset']} (FICTIONAL)")

    log("Breakdown of a first visit, server side (bench/breakdown.py, a fresh process):")
    breakdown = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "breakdown.py"), HEAVY_URL]
        + ([LINK_EXTRA["dataset"]] if "dataset" in LINK_EXTRA else []),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    log(breakdown.stdout.rstrip() or breakdown.stderr[-2000:])
    if "dataset" not in LINK_EXTRA:
        log("e″. Where the server's memory goes (bench/memory.py, a fresh process a stage):")
        memory = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "memory.py")],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        log(memory.stdout.rstrip() or memory.stderr[-2000:])
    log(f"a/b. server side, AppTest of /tiers vs bench/bare_page.py ({n_slices} slices) ...")
    srv = server_side(n_slices, reruns)
    app, bare = srv["app"], srv["bare"]
    charts = app["charts"]

    seen = {DEFAULT.key()}  # what the browser servers drew before (c)
    walk = click_walk(n_steps, seen)
    links = link_views(n_steps, seen | {v.key() for _, v in walk})
    log(f"c/d/e. browser: {n_steps} clicks, {n_steps} links, {charts} bare charts ...")
    os.environ.pop("CX_WARM", None)  # the browser servers warm as a real server does
    b_app, b_bare = browser_side(walk, links, charts, load, args.load_clients)

    # ---- the table
    rows = []

    def row(fig: str, app_s: str, bare_s: str, ratio: float, target: float) -> None:
        rows.append(
            (
                fig,
                app_s,
                bare_s,
                f"{ratio:.2f}×",
                f"≤ {target}×",
                "met" if ratio <= target else "not met",
            )
        )

    a_new, a_again = statistics.median(app["new"]), statistics.median(app["again"])
    b_new, b_again = statistics.median(bare["new"]), statistics.median(bare["again"])
    row(
        f"a. /tiers server run, never-seen slice ÷ same slice again (AppTest, median of "
        f"{n_slices}; ratio is the app's)",
        f"{fmt_ms(a_new)} ÷ {fmt_ms(a_again)}",
        f"{fmt_ms(b_new)} ÷ {fmt_ms(b_again)}",
        a_new / a_again,
        TARGET["a"],
    )
    a_rr, b_rr = statistics.median(app["reruns"]), statistics.median(bare["reruns"])
    row(
        f"b. warm rerun, /tiers vs bare page with {charts} charts (AppTest, median of {reruns})",
        fmt_ms(a_rr),
        fmt_ms(b_rr),
        a_rr / b_rr,
        TARGET["b"],
    )
    for kind, label in (("click", "sidebar click"), ("link", "opening a link")):
        ap95, bp95 = pct(b_app[kind], 95), pct(b_bare[kind], 95)
        row(
            f"c. {label} → every chart drawn, p95 (p50), {len(b_app[kind])} never-seen views",
            f"{fmt_ms(ap95)} ({fmt_ms(pct(b_app[kind], 50))})",
            f"{fmt_ms(bp95)} ({fmt_ms(pct(b_bare[kind], 50))})",
            ap95 / bp95,
            TARGET["c"],
        )
    fl = b_app["floor"]
    ap95, fp95 = pct(b_app["link"], 95), pct(fl["link"], 95)
    row(
        f"c′. opening a link, p95 (p50): the app vs the floor, a bare page drawing the app's "
        f"own {len(fl['charts']) and fl['charts'][0]} charts of /tiers and nothing else",
        f"{fmt_ms(ap95)} ({fmt_ms(pct(b_app['link'], 50))})",
        f"{fmt_ms(fp95)} ({fmt_ms(pct(fl['link'], 50))})",
        ap95 / fp95,
        TARGET["c"],
    )
    d_app, d_bare = (statistics.median(b["first_chart_s"]) for b in (b_app, b_bare))
    row(
        f"d. `streamlit run` → first chart drawn (/tiers vs bare, fresh browser; median of "
        f"{len(b_app['first_chart_s'])} starts, alternated)",
        f"{d_app:.2f} s",
        f"{d_bare:.2f} s",
        d_app / d_bare,
        TARGET["d"],
    )
    row(
        "e. server RSS after one session (app: every page; bare: its page)",
        f"{b_app['rss_kb'] / 1024:.0f} MB",
        f"{b_bare['rss_kb'] / 1024:.0f} MB",
        b_app["rss_kb"] / b_bare["rss_kb"],
        TARGET["e"],
    )
    row(
        "e′. server RSS: the app vs the floor, a bare page drawing the app's charts of /tiers "
        "with DuckDB holding the app's database (every table read once)",
        f"{b_app['rss_kb'] / 1024:.0f} MB",
        f"{fl['rss_kb'] / 1024:.0f} MB",
        b_app["rss_kb"] / fl["rss_kb"],
        TARGET["e"],
    )
    row(  # a page that raised is worse than a slow one: in the table, not only in the notes
        "app pages that showed an exception (e's visit of every page, c's clicks and links)",
        str(len(b_app["errors"])),
        str(len(b_bare["errors"])),
        float(len(b_app["errors"])),
        0,
    )

    if "load" in b_app:
        g = b_app["load"]
        one, many = g["one"], g["many"]
        ws = "clients" in g  # bench/load_ws.py: websocket clients that do not render
        who = "websocket clients (they do not render)" if ws else "sessions"
        row(
            f"g. {g['sessions']} {who} × {g['steps']} interactions at once: errors",
            str(len(many["errors"])),
            "—",
            float(len(many["errors"])),
            0,
        )
        row(
            f"g. p95 per interaction, {g['sessions']} {who} at once ÷ one "
            f"{'client' if ws else 'session'} alone (p50 in brackets; {many['n']} and "
            f"{one['n']} interactions"
            + ("; server time, BackMsg sent → run finished: the drawing is c's)" if ws else ")"),
            f"{fmt_ms(many['p95'])} ({fmt_ms(many['p50'])})",
            f"{fmt_ms(one['p95'])} ({fmt_ms(one['p50'])}) alone",
            many["p95"] / one["p95"],
            TARGET["g"],
        )
        if "load_floor" in b_app:
            fg = b_app["load_floor"]
            row(
                f"g′. the same on the floor, the bare page of the app's 26 charts of /tiers "
                f"(at once ÷ alone; tier, year, language and intervals: it has one page), "
                f"{fg['many']['n']} and {fg['one']['n']} interactions",
                f"{fmt_ms(fg['many']['p95'])} ({fmt_ms(fg['many']['p50'])})",
                f"{fmt_ms(fg['one']['p95'])} ({fmt_ms(fg['one']['p50'])}) alone",
                fg["many"]["p95"] / fg["one"]["p95"],
                TARGET["g"],  # met or not by the floor itself: whether this stack can
            )
        row(
            f"g. server RSS {g['cool_s']:.0f} s after the load ÷ before it",
            f"{g['rss_cool_kb'] / 1024:.0f} MB",
            f"{g['rss_before_kb'] / 1024:.0f} MB before",
            g["rss_cool_kb"] / g["rss_before_kb"],
            TARGET["g_rss"],
        )

    log()
    log("Notes:")
    for name, res in (("app", b_app), ("bare", b_bare), ("floor", b_app["floor"])):
        log(f"  d. {name} first load, browser side: {res['first_load']['text']}")
    lang_clicks = [
        (i, ms) for i, ((move, _), ms) in enumerate(zip(walk, b_app["click"])) if move[0] == "lang"
    ]
    if lang_clicks:
        i, ms = lang_clicks[0]
        log(
            f"  c. app: the first language switch (click {i + 1}, to {walk[i][1].lang}) took "
            f"{fmt_ms(ms)}; the bare page's same click {fmt_ms(b_bare['click'][i])}"
        )
    log(
        f"  c. links: {sum(v.lang == 'zh' for v in links)} of {len(links)} in 繁體中文, "
        f"{sum(not v.ci for v in links)} with ci=0; app max by kind: zh "
        + fmt_ms(max([ms for v, ms in zip(links, b_app["link"]) if v.lang == "zh"] or [0]))
        + ", ci=0 "
        + fmt_ms(max([ms for v, ms in zip(links, b_app["link"]) if not v.ci] or [0]))
    )
    if "load" in b_app:
        g = b_app["load"]
        log(
            f"  g. wall time of the load {g['wall_s']:.0f} s; RSS right after it "
            f"{g['rss_after_kb'] / 1024:.0f} MB; p95 by kind at once "
            + ", ".join(f"{k} {fmt_ms(v)}" for k, v in g["many"]["by_kind"].items())
            + "; alone "
            + ", ".join(f"{k} {fmt_ms(v)}" for k, v in g["one"]["by_kind"].items())
        )
        if "clients" in g:
            log(
                f"  g. the clients do not render: each interaction is the server's time, from "
                f"the BackMsg sent to script_finished received (the browser's drawing is what "
                f"c measures); think time uniform {g['think_s'][0]:g}–{g['think_s'][1]:g} s "
                f"between interactions; server CPU {g['server_cpu_s']:.0f} s during the load "
                f"({g['server_cpu_s'] / g['wall_s']:.2f} cores); p50 by kind at once "
                + ", ".join(f"{k} {fmt_ms(v)}" for k, v in g["many"]["by_kind_p50"].items())
                + "; alone "
                + ", ".join(f"{k} {fmt_ms(v)}" for k, v in g["one"]["by_kind_p50"].items())
            )
        if g["many"]["errors"]:
            log(f"  g. errors: {g['many']['errors']}")
    log(
        f"  a. app new ÷ bare new {a_new / b_new:.1f}×; app cold first run "
        f"{fmt_ms(app['cold_ms'])} (bare {fmt_ms(bare['cold_ms'])})"
    )
    for name, res in (("app", b_app), ("bare", b_bare)):
        log(
            f"  c. {name}: charts per step {min(res['charts'])}–{max(res['charts'])}; "
            f"steps where a chart kept its drawing (settled by the {QUIET_LONG_MS} ms quiet "
            f"rule): {res['kept']}; click max {fmt_ms(max(res['click']))}, link max "
            f"{fmt_ms(max(res['link']))}"
        )
        if res["errors"]:
            log(f"  {name} pages with exceptions: {res['errors']}")
    for name, res in (("app", b_app), ("bare", b_bare)):
        by_kind = {}
        for (move, _), ms in zip(walk, res["click"]):
            by_kind.setdefault(move[0], []).append(ms)
        log(
            f"  c. {name} click median by control: "
            + ", ".join(f"{k} {fmt_ms(statistics.median(v))}" for k, v in by_kind.items())
        )
    log(f"  c. views clicked: {' | '.join(str(v) for _, v in walk)}")
    log(f"  c. views linked:  {' | '.join(str(v) for v in links)}")
    log(
        f"  wall time {time.perf_counter() - started:.0f} s; load average "
        f"{load_before[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    )
    log()
    log("| figure | app | bare | ratio | target | met? |")
    log("|---|---|---|---|---|---|")
    for r in rows:
        log("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
