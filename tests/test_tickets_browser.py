"""The ticket-log page in a real browser: a FICTIONAL export with a CSAT of 7 on its 1-5 scale
is refused with file, row and column and nothing is loaded; the good export loads, its metrics
are placed on the published tiers, and one click fills Benchmark yourself with them."""

from __future__ import annotations

import csv

from cxdash.tickets import synth
from tests.test_browser import browser, new_page, server, settle  # noqa: F401 (fixtures)
from tests.test_upload_browser import _upload


def test_a_bad_log_is_refused_then_a_good_one_fills_benchmark_yourself(server, browser, tmp_path):  # noqa: F811
    data, mapping = synth.write(400, 3, tmp_path / "fictional-tickets.csv")
    rows = list(csv.DictReader(data.open()))
    rows[4]["csat"] = "7"  # the file's row 6 (header is row 1)
    bad = tmp_path / "fictional-bad.csv"
    with bad.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    page = new_page(browser, f"{server}/ticket_log")
    _upload(page, bad, mapping)
    said = " ".join(page.locator("[data-testid=stAlert]").all_inner_texts())
    code = " ".join(page.locator("[data-testid=stCode]").all_inner_texts())
    assert "Nothing was stored" in said
    assert "fictional-bad.csv, row 6, column csat: not a whole number" in code
    assert page.locator("[data-testid=stMetric]").count() == 0  # nothing loaded
    _upload(page, data, mapping)
    text = page.locator("[data-testid=stMain]").inner_text()
    assert "Loaded 400 tickets" in text and "FICTIONAL" in text
    assert page.locator("[data-testid=stMetric]").count() == 7
    assert "Starter 2.4 h (N=129)" in text  # the published tier values it is placed on
    page.get_by_role("button", name="Use these in Benchmark yourself").click()
    settle(page)
    assert page.url.rstrip("/").endswith("/benchmark") or "/benchmark?" in page.url
    main = page.locator("[data-testid=stMain]")
    assert "your numbers, not published" in main.inner_text()
    filled = main.get_by_label("First response time (h)").input_value()
    assert filled and float(filled) > 0
