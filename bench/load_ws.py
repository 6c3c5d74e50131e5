"""g. Many readers at once, without browsers: N websocket clients that speak Streamlit's own
protocol against one app server, beside the same interactions by one client alone.

Why not browsers: on this 2-core machine 20 headless Chromium pages, each drawing /tiers' 26
Vega charts, starve the server they share the cores with, and the run never completes. These
clients do not render: what they time is the server's share of an interaction, from the
BackMsg sent to the run's `script_finished` received (every delta of the run has arrived by
then). The browser's drawing cost is what speed.py's c measures.

Each client does what the browser does on the wire (streamlit 1.67, whose server is Starlette
+ uvicorn; the frontend's App.sendRerunBackMsg and ForwardMessageCache):
  * connects to ws://HOST/_stcore/stream with the subprotocol "streamlit" (no XSRF token: it
    only guards the auth cookie) and sends rerun_script(ClientState) with the URL's query
    string and page name, then reads ForwardMsgs until a script_finished that is not
    FINISHED_EARLY_FOR_RERUN (the app reruns a session's first run once);
  * keeps the state of every widget the run drew (radio, selectbox, multiselect, toggle,
    text inputs: the proto's value when the server set it, else the client's own, else the
    default) and sends all of them with every rerun, as the frontend does; a page change sends
    only the main script's (the sidebar's) widgets, an empty query string and the page's
    script hash, as the frontend does;
  * keeps the cacheable messages it received and names their hashes in cached_message_hashes
    (the server then sends a reference instead of the chart), expiring them after
    max_cached_message_age runs, as the frontend does.

An interaction is a reader's: another page (the app's pages, data/dimensions/pages.csv), a
tier or the year toggled in the sidebar's filters, the language (en <-> zh), or the interval
toggle; the mix and order are bench/load_sessions.py's. Each is checked to have done what it
should: the URL the app writes (page_info_changed) names the expected tiers, years, language
and interval setting; the page's title (h1) is the page's title in the navigation the app
sent, in Traditional Chinese after a switch to zh and without any after a switch to en; the
run drew the page the client asked for. An exception element, a run that did not finish
successfully, a check that failed, a timeout or a lost connection is an error.

After each view a reader thinks (a random think time, uniform in --think, default 2-6 s)
before the next interaction. One client alone does --alone-steps interactions first (the
baseline; 3 x --steps by default, so that it visits every page as the clients at once do),
then --sessions clients at once (started over --ramp seconds), --steps each.

Self-contained like the rest of bench/: it never imports the app's package. It reaches the
app only by `streamlit run dashboard.py` (speed.py's streamlit_run), the websocket, the
sidebar's widget keys (lang, tier, year, ci; widget ids end in their key) and option order.

Run: .venv/bin/python bench/load_ws.py --sessions 20 --steps 30 --think 2,6 --cool 120
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import speed as S  # bench/speed.py, this file's neighbour
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

KINDS = ("page", "tier", "lang", "page", "ci", "year")  # bench/load_sessions.py's mix


@dataclass(frozen=True)
class Served:
    """What the clients load: the URL path a session opens, its mix of interactions, and
    whether a run is checked against the app (its URL, page and title) or only for drawing
    its charts without an exception (the floor page, which writes no URL)."""

    path: str
    kinds: tuple[str, ...]
    app: bool


APP_SERVED = Served(S.HEAVY_URL, KINDS, True)
# g's floor: bench/bare_page.py drawing the app's 26 charts of /tiers as its browser gets
# them and nothing else (BARE_SPECS, bench/app_specs.py), with the same sidebar; one page, so
# a reader's page changes are not in its mix.
FLOOR_SERVED = Served("", tuple(k for k in KINDS if k != "page"), False)
THINK = (2.0, 6.0)  # seconds, uniform: a quick glance at a view before the next click
RAMP_S = 5.0
# The reader alone does this many times a reader's steps, so that its p95 (g's denominator)
# is over the same mix as the readers at once: 30 steps alone visited 10 of the 15 other
# pages once each, in one order, and its p95 was the second slowest of 30 (it moved from
# 161 to 346 ms between runs of the same code); 90 steps visit every page twice and the p95
# is the fifth slowest of 90. The 20 at once make 600 interactions over every page.
ALONE_ROUNDS = 3
STEP_TIMEOUT_S = S.STEP_TIMEOUT_MS / 1000
EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
SUCCESS = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
CJK = re.compile(r"[\u3400-\u9fff]")

# widget element -> (WidgetState field, how its value is held in the proto)
WIDGETS = {
    "radio": "string_value",
    "selectbox": "string_value",
    "multiselect": "string_array_value",
    "checkbox": "bool_value",  # st.checkbox and st.toggle
    "text_input": "string_value",
    "text_area": "string_value",
}


def proto_value(kind: str, w):
    """The value the frontend starts a widget with: the server's when it set one, else the
    default (options are the formatted labels; the value is a label, as the frontend sends)."""
    if kind in ("radio", "selectbox"):
        if w.set_value:
            return w.raw_value if w.HasField("raw_value") else None
        has = w.HasField("default") and 0 <= w.default < len(w.options)
        return w.options[w.default] if has else None
    if kind == "multiselect":
        return list(w.raw_values) if w.set_value else [w.options[i] for i in w.default]
    if kind in ("checkbox", "text_input", "text_area"):
        return w.value if w.set_value else w.default
    raise KeyError(kind)


@dataclass
class Widget:
    id: str
    kind: str
    value: object
    options: list[str]
    script: str  # the script that drew it (the main script's widgets outlive a page change)
    set_value: bool = False

    def state(self, out) -> None:
        """Append this widget's WidgetState to the WidgetStates `out`."""
        if self.value is None:
            return
        ws = out.widgets.add()
        ws.id = self.id
        name = WIDGETS[self.kind]
        if name == "string_array_value":
            ws.string_array_value.data.extend(self.value)
        else:
            setattr(ws, name, self.value)


@dataclass
class Run:
    """What one interaction's script run(s) sent."""

    ms: float = 0.0
    status: int | None = None
    reruns: int = 0
    exceptions: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # h1 headings of the page's script
    charts: int = 0
    refs: int = 0  # charts and other large elements sent as a reference to the client's cache
    bytes: int = 0
    seen: dict[str, Widget] = field(default_factory=dict)


def view_of(query: str) -> S.View:
    q = urllib.parse.parse_qs(query)
    return S.View(
        tuple(q.get("tier", [])),
        tuple(q.get("year", [])),
        q.get("lang", ["en"])[0],
        q.get("ci", ["1"])[0] != "0",
    )


class Client:
    """One reader's session: a websocket, its widget states, its message cache, its URL."""

    def __init__(self, base: str, number: int, think: tuple[float, float], seed: int,
                 served: Served = APP_SERVED) -> None:  # fmt: skip
        self.base, self.number, self.think, self.served = base, number, think, served
        self.rng = random.Random(seed * 1000 + number)
        self.ws = None
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.reader: asyncio.Task | None = None
        self.widgets: dict[str, Widget] = {}
        self.cache: dict[str, list] = {}  # hash -> [encoded message, run count when used]
        self.run_count = 0
        self.max_age = 2
        self.query = ""  # the URL's query string, as the app last set it
        self.main_hash = ""
        self.page_hash = ""
        self.pages: dict[str, tuple[str, str]] = {}  # script hash -> (url path, title)
        self.view = S.DEFAULT
        self.option_index: dict[str, dict[str, int]] = {}  # tier/year code -> option index
        self.page_visits = 0
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.dead = False

    # ---- the wire

    async def connect(self) -> None:
        url = self.base.replace("http://", "ws://", 1) + "/_stcore/stream"
        # no client pings (a browser sends none; the server pings and is answered)
        self.ws = await connect(
            url, subprotocols=["streamlit"], max_size=None, ping_interval=None, open_timeout=120
        )
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                self.inbox.put_nowait(raw)
        except Exception as err:  # a lost connection reaches the waiting interaction
            self.inbox.put_nowait(err)
        else:
            self.inbox.put_nowait(ConnectionError("the server closed the websocket"))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await self.reader

    async def rerun(self, query: str, page_hash: str, page_name: str, widgets) -> Run:
        """Send rerun_script as the frontend does and read until the run finished."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query
        cs.page_script_hash = page_hash
        cs.page_name = page_name
        for w in widgets:
            w.state(cs.widget_states)
        cs.cached_message_hashes.extend(self.cache)
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "UTC", 0, "en-US"
        path = self.pages.get(page_hash, (page_name, ""))[0]
        ci.url = f"{self.base}/{path}" + (f"?{query}" if query else "")
        ci.is_embedded, ci.color_scheme = False, "light"
        run = Run()
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        deadline = started + STEP_TIMEOUT_S
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {STEP_TIMEOUT_S:.0f} s")
            raw = await asyncio.wait_for(self.inbox.get(), left)
            if isinstance(raw, Exception):
                raise raw
            run.bytes += len(raw)
            if self.handle(raw, run):
                break
        run.ms = 1000 * (time.perf_counter() - started)
        self.finish(run)
        return run

    def handle(self, raw: bytes, run: Run) -> bool:
        """One ForwardMsg; True when the run is over."""
        fm = ForwardMsg.FromString(raw)
        kind = fm.WhichOneof("type")
        if kind == "ref_hash":
            entry = self.cache.get(fm.ref_hash)
            if entry is None:
                raise RuntimeError(f"cached message {fm.ref_hash} not in the client's cache")
            entry[1] = self.run_count
            run.refs += 1
            meta = fm.metadata
            fm = ForwardMsg.FromString(entry[0])
            fm.metadata.CopyFrom(meta)
            kind = fm.WhichOneof("type")
        elif fm.metadata.cacheable and fm.hash and fm.hash not in self.cache:
            self.cache[fm.hash] = [raw, self.run_count]
        if kind == "new_session":  # every script run starts with one
            ns = fm.new_session
            self.main_hash = ns.main_script_hash
            self.page_hash = ns.page_script_hash
            self.max_age = ns.config.max_cached_message_age or self.max_age
            run.seen.clear()
            run.titles.clear()
        elif kind == "navigation":
            nav = fm.navigation
            self.pages = {p.page_script_hash: (p.url_pathname, p.page_name) for p in nav.app_pages}
            self.page_hash = nav.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = fm.page_info_changed.query_string
        elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
            el = fm.delta.new_element
            what = el.WhichOneof("type")
            script = fm.metadata.active_script_hash
            if what == "exception":
                e = el.exception
                run.exceptions.append(f"{e.type}: {e.message[:200]}")
            elif what == "vega_lite_chart":
                run.charts += 1
            elif what == "heading" and el.heading.tag == "h1" and script != self.main_hash:
                run.titles.append(el.heading.body)
            elif what in WIDGETS:
                w = getattr(el, what)
                options = list(w.options) if hasattr(w, "options") else []
                run.seen[w.id] = Widget(
                    w.id, what, proto_value(what, w), options, script, bool(w.set_value)
                )
        elif kind == "script_finished":
            if fm.script_finished == EARLY:  # st.rerun: another run follows
                run.reruns += 1
                return False
            run.status = fm.script_finished
            return True
        return False

    def finish(self, run: Run) -> None:
        """The widget states after the run (the frontend keeps a widget's own value unless
        the server set one; widgets the run did not draw are dropped), the cache's age."""
        widgets = {}
        for wid, w in run.seen.items():
            old = self.widgets.get(wid)
            if old is not None and not w.set_value:
                w.value = old.value
                if isinstance(old.value, list) and old.options != w.options:
                    # the same widget with its labels in another language (the floor page's
                    # filters): the reader's choice is the same options, in the new labels
                    w.value = [
                        w.options[old.options.index(v)] for v in old.value if v in old.options
                    ]
            widgets[wid] = w
        if run.status == SUCCESS:
            self.widgets = widgets
        else:
            self.widgets.update(widgets)
        self.run_count += 1
        for h, entry in list(self.cache.items()):
            if self.run_count - entry[1] > self.max_age:
                del self.cache[h]
        for kind, codes in (("tier", S.TIERS), ("year", S.YEARS)):
            if kind in self.option_index:
                continue
            w = self.widget(kind)
            english = w is not None and (w.id.endswith("@en") or not self.served.app)
            if english and self.view.lang == "en":  # English labels start with codes
                idx = {}
                for code in codes:
                    hits = [i for i, label in enumerate(w.options) if label.startswith(code)]
                    if len(hits) == 1:
                        idx[code] = hits[0]
                if len(idx) == len(codes):
                    self.option_index[kind] = idx

    def widget(self, key: str) -> Widget | None:
        """The sidebar widget of a key: `lang`, `ci`, or `_tier@<lang>` for the filters."""
        ends = (f"-{key}",) if key in ("lang", "ci") else (f"-_{key}@en", f"-_{key}@zh")
        if not self.served.app:  # the floor page's filters keep their key in any language
            ends = (f"-{key}",)
        found = [w for w in self.widgets.values() if w.id.endswith(ends)]
        return found[0] if len(found) == 1 else None

    # ---- a reader

    async def open(self, url_path: str, view: S.View) -> Run:
        """The first run of a session: a link to url_path with view's query string."""
        run = await self.rerun(view.query(), "", url_path, [])
        self.view = view
        self.check(run, "open", view, None)
        return run

    async def step(self, step: int) -> tuple[str, Run]:
        """The reader's next interaction; checked; returns its kind and run."""
        kinds = self.served.kinds
        kind = kinds[(step + self.number) % len(kinds)]
        if kind == "page":
            paths = {path: h for h, (path, _) in self.pages.items()}
            here = self.pages.get(self.page_hash, ("", ""))[0]
            order = S.PAGES[self.number % len(S.PAGES) :] + S.PAGES[: self.number % len(S.PAGES)]
            targets = [p for p in order if p != here]
            url_path = targets[self.page_visits % len(targets)]
            self.page_visits += 1
            target = paths[url_path]
            kept = [w for w in self.widgets.values() if w.script == self.main_hash]
            run = await self.rerun("", target, "", kept)
            self.check(run, f"page /{url_path}", self.view, target)
            return kind, run
        code = {"tier": S.TIERS[(step + self.number) % 3], "year": "2021"}.get(kind, "")
        want = S.apply(self.view, (kind, code))
        w = self.widget(kind)
        if w is None:
            raise RuntimeError(f"no {kind} widget among {sorted(self.widgets)}")
        if kind in ("tier", "year"):
            label = w.options[self.option_index[kind][code]]
            new = [v for v in w.value if v != label]
            value = new if len(new) < len(w.value) else [*w.value, label]
        elif kind == "lang":
            value = w.options[S.LANGS.index(want.lang)]
        else:
            value = not w.value
        w.value = value  # the frontend's state holds the reader's choice from now on
        run = await self.rerun(self.query, self.page_hash, "", self.widgets.values())
        self.check(run, f"{kind} {code}".strip(), want, self.page_hash)
        return kind, run

    def check(self, run: Run, what: str, want: S.View, page_hash: str | None) -> None:
        """The run finished, without exceptions, and did what the interaction should."""
        problems = [f"exception {e}" for e in run.exceptions]
        if run.status != SUCCESS:
            problems.append(f"script_finished status {run.status}")
        if not self.served.app:  # the floor page: its charts drawn, nothing else to read
            if run.charts == 0:
                problems.append("no chart drawn")
            self.view = want
            self.errors += [f"session {self.number} {what}: {p}" for p in problems]
            return
        got = view_of(self.query)
        if got.key() != want.key():
            problems.append(f"URL ?{self.query} is not the view {want}")
        if page_hash is not None and self.page_hash != page_hash:
            problems.append(f"ran page {self.page_hash}, not {page_hash}")
        title = self.pages.get(self.page_hash, ("", "?"))[1]
        if title not in run.titles:
            problems.append(f"page title {title!r} not among its h1 {run.titles}")
        chinese = any(CJK.search(t) for t in run.titles)
        if chinese != (want.lang == "zh"):
            problems.append(f"{want.lang} page with h1 {run.titles}")
        self.view = got
        for p in problems:
            self.errors.append(f"session {self.number} {what}: {p}")


# --------------------------------------------------------------------------------------------
# the server


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_quiet(pid: int, min_s: float, window_s: float = 10.0, below: float = 0.05,
               cap_s: float = 600.0) -> float:  # fmt: skip
    """Wait until the server used less than `below` of a core over the last `window_s`
    seconds (its background warming of every figure is done), at least `min_s` seconds.
    Returns the seconds waited."""
    started = time.monotonic()
    samples = [(started, cpu_s(pid))]
    while True:
        time.sleep(1.0)
        now = time.monotonic()
        samples.append((now, cpu_s(pid)))
        old = [s for s in samples if s[0] <= now - window_s]
        if old and now - started >= min_s:
            t0, c0 = old[-1]
            if (samples[-1][1] - c0) / (now - t0) < below:
                return now - started
        if now - started > cap_s:
            S.progress(f"server still busy after {cap_s:.0f} s; going on")
            return now - started


# --------------------------------------------------------------------------------------------
# the load


async def reader_life(client: Client, steps: int, delay: float, opened: list, live: list) -> None:
    await asyncio.sleep(delay)
    try:
        await client.connect()
        run = await client.open(client.served.path, S.DEFAULT)
        opened.append(run.ms)
        for step in range(steps):
            await asyncio.sleep(client.rng.uniform(*client.think))
            kind, run = await client.step(step)
            client.times.setdefault(kind, []).append(run.ms)
            live[0] += 1
    except Exception as err:  # the session ends; what happened is its error
        client.errors.append(f"session {client.number}: {type(err).__name__}: {err}"[:400])
        client.dead = True


async def load(base: str, n: int, steps: int, think, ramp_s: float, seed: int, pid: int,
               served: Served = APP_SERVED):  # fmt: skip
    clients = [Client(base, k, think, seed, served) for k in range(n)]
    opened: list[float] = []
    done = [0]
    tasks = [
        asyncio.create_task(reader_life(c, steps, ramp_s * k / max(n, 1), opened, done))
        for k, c in enumerate(clients)
    ]
    started = time.perf_counter()
    cpu0, own0 = cpu_s(pid), time.process_time()
    pending = set(tasks)
    while pending:
        _, pending = await asyncio.wait(pending, timeout=30)
        errors = sum(len(c.errors) for c in clients)
        S.progress(
            f"load: {done[0]}/{n * steps} interactions, {len(pending)} clients going, "
            f"{errors} errors, server CPU {cpu_s(pid) - cpu0:.0f} s"
        )
    wall = time.perf_counter() - started
    stats = {
        "wall_s": wall,
        "server_cpu_s": cpu_s(pid) - cpu0,
        "client_cpu_s": time.process_time() - own0,
        "open_ms": opened,
        "rss_after_kb": S.rss_kb(pid)[0],
    }
    for c in clients:
        await c.close()
    return clients, stats


def summary(clients: list[Client]) -> dict:
    every = [ms for c in clients for v in c.times.values() for ms in v]
    by_kind: dict[str, list[float]] = {}
    for c in clients:
        for kind, v in c.times.items():
            by_kind.setdefault(kind, []).extend(v)
    return {
        "n": len(every),
        "p95": S.pct(every, 95),
        "p50": S.pct(every, 50),
        "by_kind": {k: S.pct(v, 95) for k, v in sorted(by_kind.items())},
        "by_kind_p50": {k: S.pct(v, 50) for k, v in sorted(by_kind.items())},
        "by_kind_n": {k: len(v) for k, v in sorted(by_kind.items())},
        "errors": [e for c in clients for e in c.errors],
        "dead": sum(c.dead for c in clients),
    }


async def visit_every_page(base: str) -> None:
    """One untimed session that opens /tiers and visits every page (as speed.py's e)."""
    c = Client(base, 0, (0, 0), 0)
    await c.connect()
    await c.open(S.HEAVY_URL, S.DEFAULT)
    paths = {path: h for h, (path, _) in c.pages.items()}
    for url_path in S.PAGES:
        kept = [w for w in c.widgets.values() if w.script == c.main_hash]
        run = await c.rerun("", paths[url_path], "", kept)
        c.check(run, f"page /{url_path}", c.view, paths[url_path])
    await c.close()
    if c.errors:
        raise RuntimeError(f"warm-up visit: {c.errors}")


async def open_once(base: str, served: Served) -> None:
    """One untimed session that opens the page (the floor's warm-up: it has one page)."""
    c = Client(base, 0, (0, 0), 0, served)
    await c.connect()
    await c.open(served.path, S.DEFAULT)
    await c.close()
    if c.errors:
        raise RuntimeError(f"warm-up visit: {c.errors}")


def in_thread(coro):
    """asyncio.run in a thread of its own (speed.py calls run() inside Playwright's sync API,
    whose event loop occupies this thread)."""
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as err:
            box["error"] = err

    t = threading.Thread(target=target, name="load-ws")
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def run(server, n_sessions: int, steps: int, cool_s: float, think=THINK, ramp_s: float = RAMP_S,
        seed: int = 1, quiet_min_s: float = 0.0, alone_steps: int | None = None,
        served: Served = APP_SERVED) -> dict:  # fmt: skip
    """One client alone (`alone_steps`, default ALONE_ROUNDS x steps), then n_sessions at
    once, against `server` (the app's, already visited); the same result dict as
    load_sessions.run, plus what only these clients know."""
    pid = server.proc.pid
    alone_steps = alone_steps or ALONE_ROUNDS * steps
    waited = wait_quiet(pid, quiet_min_s)
    S.progress(f"load: server quiet after {waited:.0f} s; one client alone, {alone_steps} steps")
    alone, a_stats = in_thread(load(server.url, 1, alone_steps, think, 0.0, seed, pid, served))
    one = summary(alone)
    wait_quiet(pid, 0.0)
    rss_before = S.rss_kb(pid)[0]
    S.progress(f"load: {n_sessions} clients at once, {steps} steps each")
    many_clients, stats = in_thread(
        load(server.url, n_sessions, steps, think, ramp_s, seed, pid, served)
    )
    many = summary(many_clients)
    S.progress(f"load done; waiting {cool_s:.0f} s for the server to settle")
    time.sleep(cool_s)
    rss_cool = S.rss_kb(pid)[0]
    return {
        "clients": "websocket (no rendering)",
        "one": one,
        "many": many,
        "sessions": n_sessions,
        "steps": steps,
        "alone_steps": alone_steps,
        "think_s": tuple(think),
        "ramp_s": ramp_s,
        "wall_s": stats["wall_s"],
        "alone_wall_s": a_stats["wall_s"],
        "server_cpu_s": stats["server_cpu_s"],
        "alone_server_cpu_s": a_stats["server_cpu_s"],
        "client_cpu_s": stats["client_cpu_s"],
        "open_ms": stats["open_ms"],
        "alone_open_ms": a_stats["open_ms"],
        "quiet_wait_s": waited,
        "rss_before_kb": rss_before,
        "rss_after_kb": stats["rss_after_kb"],
        "rss_cool_kb": rss_cool,
        "cool_s": cool_s,
    }


# --------------------------------------------------------------------------------------------


def report(g: dict) -> list[str]:
    """The table and notes of a run() result."""
    one, many, n = g["one"], g["many"], g["sessions"]
    fm = S.fmt_ms
    lines = [
        f"g. {n} websocket clients x {g['steps']} interactions (they do not render: server "
        f"time per interaction, BackMsg sent -> script_finished received; the browser's "
        f"drawing cost is what speed.py's c measures); think time uniform "
        f"{g['think_s'][0]:g}-{g['think_s'][1]:g} s; started over {g['ramp_s']:g} s",
        "",
        f"| interaction | alone n | alone p50 | alone p95 | {n} at once n | p50 | p95 "
        f"| p95 ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    kinds = sorted(set(one["by_kind"]) | set(many["by_kind"]))
    for k in [*kinds, "all"]:
        if k == "all":
            a = (one["n"], one["p50"], one["p95"])
            m = (many["n"], many["p50"], many["p95"])
        else:
            a = (one["by_kind_n"].get(k, 0), one["by_kind_p50"].get(k, float("nan")),
                 one["by_kind"].get(k, float("nan")))  # fmt: skip
            m = (many["by_kind_n"].get(k, 0), many["by_kind_p50"].get(k, float("nan")),
                 many["by_kind"].get(k, float("nan")))  # fmt: skip
        lines.append(
            f"| {k} | {a[0]} | {fm(a[1])} | {fm(a[2])} | {m[0]} | {fm(m[1])} | {fm(m[2])} "
            f"| {m[2] / a[2]:.2f}× |"
        )
    lines += [
        "",
        f"errors: alone {len(one['errors'])}, at once {len(many['errors'])} "
        f"({many['dead']} sessions ended early)",
        *[f"  {e}" for e in one["errors"] + many["errors"]][:40],
        f"first run of a session (untimed above): alone {fm(S.pct(g['alone_open_ms'], 50))}; "
        f"{len(g['open_ms'])} at once p50 {fm(S.pct(g['open_ms'], 50))}, p95 "
        f"{fm(S.pct(g['open_ms'], 95))}",
        f"wall time: alone {g['alone_wall_s']:.0f} s, at once {g['wall_s']:.0f} s; server CPU "
        f"alone {g['alone_server_cpu_s']:.0f} s ({g['alone_server_cpu_s'] / g['alone_wall_s']:.2f}"
        f" cores), at once {g['server_cpu_s']:.0f} s ({g['server_cpu_s'] / g['wall_s']:.2f} "
        f"cores); these clients' own CPU {g['client_cpu_s']:.0f} s",
        f"server RSS: before {g['rss_before_kb'] / 1024:.0f} MB, right after "
        f"{g['rss_after_kb'] / 1024:.0f} MB, {g['cool_s']:.0f} s after "
        f"{g['rss_cool_kb'] / 1024:.0f} MB ({g['rss_cool_kb'] / g['rss_before_kb']:.2f}× before; "
        f"target ≤ {S.TARGET['g_rss']}×); p95 ratio target ≤ {S.TARGET['g']}×, errors 0",
    ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=20, help="clients at once")
    ap.add_argument("--steps", type=int, default=30, help="interactions per client")
    ap.add_argument(
        "--alone-steps", type=int,
        help=f"interactions of the client alone (default {ALONE_ROUNDS} x --steps)",
    )  # fmt: skip
    ap.add_argument(
        "--think", default=f"{THINK[0]:g},{THINK[1]:g}", help="think time MIN,MAX seconds"
    )
    ap.add_argument("--cool", type=float, default=120.0, help="seconds after the load to RSS")
    ap.add_argument("--ramp", type=float, default=RAMP_S, help="seconds to start every client")
    ap.add_argument("--seed", type=int, default=1, help="think times' random seed")
    ap.add_argument(
        "--warm", type=float, default=30.0,
        help="at least this many seconds after the first session before the load, and "
        "until the server's CPU is quiet (< 5%% of a core over 10 s)",
    )  # fmt: skip
    ap.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE",
        help="in the server's environment, for experiments: e.g. "
        "STREAMLIT_RUNNER_POST_SCRIPT_GC=false (no full collection after every run)",
    )  # fmt: skip
    ap.add_argument(
        "--floor", action="store_true",
        help="load g's floor instead of the app: the bare page drawing the app's 26 charts "
        "of /tiers and nothing else (bench/app_specs.py), with tier, year, language and "
        "interval interactions (it has one page)",
    )  # fmt: skip
    ap.add_argument(
        "--no-pages", action="store_true",
        help="the app with the floor's mix (no page changes), to set beside --floor",
    )  # fmt: skip
    args = ap.parse_args()
    if min(args.sessions, args.steps, args.alone_steps or 1) < 1:
        ap.error("--sessions, --steps and --alone-steps take a whole number of at least 1")
    think = tuple(float(x) for x in args.think.split(","))
    env = dict(e.split("=", 1) for e in args.env)
    os.chdir(S.ROOT)
    if not (S.ROOT / "data" / "cx.duckdb").exists():
        sys.exit("build the database first: python -m cxdash build")
    S.log(S.shapes_made())
    load_before = os.getloadavg()
    S.log(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in load_before)}")
    started = time.perf_counter()
    if env:
        S.log(f"server environment: {env}")
    served = APP_SERVED
    if args.no_pages:
        served = Served(S.HEAVY_URL, FLOOR_SERVED.kinds, True)
    script = S.APP
    if args.floor:
        served, script = FLOOR_SERVED, S.BARE
        specs = S.scratch("load-ws-") / "tiers-specs.json"
        subprocess.run(
            [sys.executable, str(S.ROOT / "bench" / "app_specs.py"), str(specs), S.HEAVY_URL],
            cwd=S.ROOT, check=True, capture_output=True,
        )  # fmt: skip
        env = {**env, "BARE_SPECS": str(specs)}
    S.log(f"serving {script.name}; a reader's mix: {', '.join(served.kinds)}")
    with S.streamlit_run(script, env) as server:
        visits = "opened /tiers and visited every page" if served.app else "opened the page"
        S.progress(f"warm-up: one session: {visits}")
        t = time.perf_counter()
        in_thread(visit_every_page(server.url) if served.app else open_once(server.url, served))
        S.log(
            f"warm-up: one session {visits} in {time.perf_counter() - t:.0f} s; "
            f"server RSS {S.rss_kb(server.proc.pid)[0] / 1024:.0f} MB; waiting until the "
            f"server's CPU is quiet (its background warming of every figure done), at least "
            f"{args.warm:.0f} s"
        )
        g = run(
            server, args.sessions, args.steps, args.cool, think, args.ramp, args.seed,
            quiet_min_s=args.warm, alone_steps=args.alone_steps, served=served,
        )  # fmt: skip
        S.log(
            f"warm-up: the server was quiet {g['quiet_wait_s']:.0f} s after that visit (CPU "
            f"< 5% of a core over 10 s, and at least --warm); its RSS after the whole run "
            f"{S.rss_kb(server.proc.pid)[0] / 1024:.0f} MB"
        )
    for line in report(g):
        S.log(line)
    load_after = os.getloadavg()
    S.log(
        f"wall time {time.perf_counter() - started:.0f} s; load average "
        f"{' '.join(f'{x:.2f}' for x in load_before)} at the start, "
        f"{' '.join(f'{x:.2f}' for x in load_after)} at the end"
    )


if __name__ == "__main__":
    main()
