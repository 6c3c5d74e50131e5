"""g. Many readers at once, for bench/speed.py: N browser sessions x M interactions (sidebar
page links, tier and year filters, the language, the interval toggle) against one app server,
beside the same interactions by one session alone.

Every session's clicks of a step are made together (so the server runs N script runs at
once), and each is timed in its own page, from its pointerdown to every chart drawn, by a
settle check the page runs itself every frame (so waiting on one page never delays another's
measurement). Reports the errors (an exception shown, or a step that never settled), the p95
per interaction concurrent and alone, and the server's RSS before the load, after it and
`cool` seconds later.
"""

from __future__ import annotations

import time

import speed as S  # bench/speed.py, this file's neighbour

KINDS = ("page", "tier", "lang", "page", "ci", "year")

# Runs SETTLE_JS every frame from the moment it is armed; the first settled result is kept.
POLL_JS = (
    "(args) => { const settle = "
    + S.SETTLE_JS
    + """;
  const B = window.__bench; B.arm(); B.result = null;
  const tick = () => {
    let r = false;
    try { r = settle(args); } catch (e) { r = false; }
    if (r) B.result = r; else setTimeout(tick, 16);
  };
  setTimeout(tick, 16);
}"""
)


class Session:
    def __init__(self, browser, base: str, number: int) -> None:
        self.base, self.number = base, number
        self.context, self.page = S.new_page(browser)
        S.progress(f"load: session {number} opening")
        url = f"{base}/{S.HEAVY_URL}?{S.DEFAULT.query()}"
        S.open_link(self.page, url, polling=50)  # untimed: its start
        self.keys = {
            "tier": S.option_keys(self.page, "tier", S.TIERS),
            "year": S.option_keys(self.page, "year", S.YEARS),
        }
        self.view = S.DEFAULT
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.pending: tuple[str, S.View] | None = None

    def start(self, step: int) -> None:
        """Prepare (untimed) and make this step's click, without waiting for it."""
        kind = KINDS[(step + self.number) % len(KINDS)]
        if kind == "page":
            url_path = S.PAGES[(step + self.number) % len(S.PAGES)]
            target, nxt = S.nav_link(self.page, self.base, url_path), self.view
        else:
            code = {"tier": S.TIERS[(step + self.number) % 3], "year": "2021"}.get(kind, "")
            nxt = S.apply(self.view, (kind, code))
            target = S.click_target(self.page, self.view, (kind, code), self.keys)
        self.page.evaluate(
            POLL_JS,
            {"minCharts": 0, "quietMs": S.QUIET_MS, "quietLongMs": S.QUIET_LONG_MS},
        )
        target.click()
        self.pending = (kind, nxt)

    def finish(self) -> None:
        kind, nxt = self.pending
        try:
            r = self.page.wait_for_function(
                "() => window.__bench.result", polling=50, timeout=S.STEP_TIMEOUT_MS
            ).json_value()  # every 50 ms: frame polling hung 20 pages
        except Exception as err:  # a step that never settled is an error; the session ends
            self.errors.append(f"session {self.number} {kind}: {type(err).__name__}")
            raise
        S.close_list(self.page)
        self.view = nxt
        self.times.setdefault(kind, []).append(r["ms"])
        if r["errors"]:
            self.errors.append(f"session {self.number} {kind}: {r['errors']} exception(s)")


def rounds(sessions: list[Session], steps: int) -> None:
    live = list(sessions)
    for step in range(steps):
        for s in live:
            s.start(step)
        for s in list(live):
            try:
                s.finish()
            except Exception:
                live.remove(s)
        S.progress(f"load step {step + 1}/{steps}: {len(live)} sessions live")


def summary(sessions: list[Session]) -> dict:
    every = [ms for s in sessions for v in s.times.values() for ms in v]
    by_kind: dict[str, list[float]] = {}
    for s in sessions:
        for kind, v in s.times.items():
            by_kind.setdefault(kind, []).extend(v)
    return {
        "n": len(every),
        "p95": S.pct(every, 95),
        "p50": S.pct(every, 50),
        "by_kind": {k: S.pct(v, 95) for k, v in by_kind.items()},
        "errors": [e for s in sessions for e in s.errors],
    }


def run(p, server, n_sessions: int, steps: int, cool_s: float) -> dict:
    """One session alone, then n_sessions at once, against `server` (the app's)."""
    browser = p.chromium.launch(executable_path=S.CHROMIUM, args=S.CHROMIUM_ARGS)
    try:
        alone = [Session(browser, server.url, 0)]
        rounds(alone, steps)
        one = summary(alone)
        alone[0].context.close()
        rss_before = S.rss_kb(server.proc.pid)[0]
        sessions = [Session(browser, server.url, k) for k in range(n_sessions)]
        started = time.perf_counter()
        rounds(sessions, steps)
        wall = time.perf_counter() - started
        many = summary(sessions)
        rss_after = S.rss_kb(server.proc.pid)[0]
        for s in sessions:
            s.context.close()
    finally:
        browser.close()
    S.progress(f"load done; waiting {cool_s:.0f} s for the server to settle")
    time.sleep(cool_s)
    rss_cool = S.rss_kb(server.proc.pid)[0]
    return {
        "one": one,
        "many": many,
        "sessions": n_sessions,
        "steps": steps,
        "wall_s": wall,
        "rss_before_kb": rss_before,
        "rss_after_kb": rss_after,
        "rss_cool_kb": rss_cool,
        "cool_s": cool_s,
    }
