"""The Your data page in a real browser: a FICTIONAL respondent file with one wrong code is
refused with its file, row and column and nothing is loaded; the good file loads, and the
tiers page of the same session is then drawn from it, with the report's value beside."""

from __future__ import annotations

import pandas as pd

from cxdash.respondents import synth
from tests.test_browser import browser, new_page, server, settle  # noqa: F401 (fixtures)


def _upload(page, data_path, mapping_path) -> None:
    uploaders = page.locator("[data-testid=stFileUploader] input[type=file]")
    uploaders.nth(0).set_input_files(str(data_path))
    uploaders.nth(1).set_input_files(str(mapping_path))
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Check and load").click()
    settle(page)


def test_a_bad_file_is_refused_then_a_good_one_redraws_the_pages(server, browser, tmp_path):  # noqa: F811
    data, mapping = synth.write(300, 5, tmp_path / "fictional.parquet")
    frame = pd.read_parquet(data)
    frame.loc[2, "practice_trained_teams"] = "maybe"  # the file's row 4 (header is row 1)
    bad = tmp_path / "fictional-bad.csv"
    frame.to_csv(bad, index=False)
    page = new_page(browser, f"{server}/your_data")
    _upload(page, bad, mapping)
    said = page.locator("[data-testid=stAlert]").all_inner_texts()
    code = " ".join(page.locator("[data-testid=stCode]").all_inner_texts())
    assert any("Nothing was loaded" in s for s in said)
    assert "fictional-bad.csv" in code and "row 4" in code and "practice_trained_teams" in code
    assert "'maybe'" in code or "maybe" in code
    _upload(page, data, mapping)
    said = " ".join(page.locator("[data-testid=stAlert]").all_inner_texts())
    assert "Loaded 300 respondents" in said
    page.get_by_role("link", name="Maturity tiers").click()
    settle(page)
    text = page.locator("[data-testid=stMain]").inner_text()
    assert "Drawn from your data" in text and "The report, same question" in text
    assert "dataset=" in page.url  # the link names the dataset, never its rows
    assert page.locator("[data-testid=stVegaLiteChart]").count() > 10
