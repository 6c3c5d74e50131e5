"""Speed and memory, measured in one run and printed (a benchmark, not a test).

1. Server-side rerun of every page vs a bare page drawing one Altair chart (AppTest, warm
   caches, median of N reruns) -> ratio per page; target <= 1.3x.
2. Browser: filter click -> charts settled, repeated; p50 / p95; target p95 <= 300 ms.
3. `streamlit run` -> first chart visible; target <= 3 s.
4. Server memory (RSS) with one session after visiting every page; target <= 150 MB.
Run: make bench   (needs Debian's chromium for 2-4)
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import PAGES as _IDS  # noqa: E402

PAGES = [(f"{p}.py", None, None) for p in _IDS]

RERUNS = 7


def rerun_ms(script: Path, page: str | None = None) -> tuple[float, int]:
    at = AppTest.from_file(str(script), default_timeout=300)
    if page:
        at.switch_page(str(ROOT / "pages" / page))
    at.run()  # warm the caches
    times = []
    for _ in range(RERUNS):
        t = time.perf_counter()
        at.run()
        times.append(1000 * (time.perf_counter() - t))
    assert not at.exception, at.exception
    return statistics.median(times), len(at.get("vega_lite_chart"))


def server_side() -> None:
    bare, _ = rerun_ms(ROOT / "bench" / "bare_page.py")
    print(f"bare page (one Altair chart): {bare:6.1f} ms per rerun (warm, median of {RERUNS})")
    print(f"  {'page':20s} {'rerun':>9s} {'x bare':>7s} {'charts':>6s} {'per chart x bare':>17s}")
    for file, _, _ in PAGES:
        ms, charts = rerun_ms(ROOT / "dashboard.py", file)
        per_chart = ms / max(charts, 1) / bare
        flag = "" if ms <= 1.3 * bare else "  over the 1.3x target"
        print(f"  {file:20s} {ms:7.1f}ms {ms / bare:6.1f}x {charts:6d} {per_chart:16.2f}x{flag}")


def browser() -> None:
    chromium = shutil.which("chromium")
    if not chromium:
        print("browser figures skipped: Debian's chromium is not installed")
        return
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from test_browser import ARGS, settle, start_server  # noqa: PLC0415

    start = time.perf_counter()
    proc, url = start_server(8765)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = b.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{url}/tiers")
            page.wait_for_selector(
                "[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg",
                timeout=60_000,
            )
            print(
                f"streamlit run -> first chart: {time.perf_counter() - start:5.2f} s "
                "(target <= 3 s)"
            )
            settle(page)
            clicks = []
            toggle = page.get_by_text("Show 95% intervals", exact=True)
            for _ in range(12):
                t = time.perf_counter()
                toggle.click()
                settle(page)
                clicks.append(1000 * (time.perf_counter() - t) - 600)  # minus settle's pauses
            q = statistics.quantiles(clicks, n=20)
            print(
                f"filter click -> charts settled: p50 {statistics.median(clicks):6.0f} ms, "
                f"p95 {q[18]:6.0f} ms over {len(clicks)} clicks (target p95 <= 300 ms)"
            )
            for file, _, _ in PAGES:
                page.goto(f"{url}/{file.removesuffix('.py')}")
                settle(page)
            rss = int(Path(f"/proc/{proc.pid}/status").read_text().split("VmRSS:")[1].split()[0])
            print(
                f"server memory, one session, every page visited: {rss / 1024:5.0f} MB "
                "(target <= 150 MB)"
            )
            b.close()
    finally:
        proc.terminate()


if __name__ == "__main__":
    server_side()
    browser()
