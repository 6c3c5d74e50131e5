"""axe-core over the app in Chromium: every page in both languages, a filtered view,
presentation mode and the embed. No serious or critical violation may come from the app's
own content; Streamlit's own markup is in STREAMLIT_OWN, each with its reason (README,
Accessibility). Also checked in the DOM: <html lang> follows the language, and the
first-response chart's accessible name and hidden table say its values.

Uses Debian's chromium and axe-playwright-python (which ships axe-core); skipped without
them, like tests/test_browser.py."""

from __future__ import annotations

import pytest

from tests.conftest import PAGES
from tests.test_browser import browser, server, settle  # noqa: F401  (fixtures)
from tests.test_story_app import FOUR

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],  # no details of passes: a third of the time
}
# Inside a chart's SVG every mark and axis is aria-hidden (the chart's accessible name and its
# hidden table carry the values: cxdash/access.py); skipping it keeps the run short.
CONTEXT = {"exclude": [["[data-testid=stVegaLiteChart] svg"]]}

# rule -> (the Streamlit-owned region its nodes are in, why the app cannot fix it)
_NAV = (
    "[data-testid=stSidebarNav]",
    "Streamlit's page navigation with sections (st.navigation with a dict) puts each "
    "section's header and a <div> of <li> items directly inside <ul "
    "data-testid=stSidebarNavItems>: not an app element; a flat page list would lose the "
    "Findings / Reference sections",
)
_CHIPS = (
    "[data-testid=stMultiSelect]",
    "Streamlit's multiselect shrinks its text input to a few pixels when the chosen chips "
    "fill the box (WCAG 2.2 target size); the box itself and each chip are full size",
)
STREAMLIT_OWN = {"list": _NAV, "listitem": _NAV, "target-size": _CHIPS}

FIRST_RESPONSE_EN = "Starter 2.4 hours (N=129), Champion 1.7 hours (N=62); averages, not tested"
FIRST_RESPONSE_ZH = "入門新手 2.4 小時 (N=129)、領航者 1.7 小時 (N=62)；平均值，未檢定"

VIEWS = [
    *(f"/{'' if p == 'overview' else p}?lang={lang}" for lang in ("en", "zh") for p in PAGES),
    "/tiers?tier=Starter&tier=Champion&lang=zh",  # filtered
    "/countries?country=Japan&year=2021",
    "/countries?country=Japan&present=1&slide=2",  # presentation mode
    "/executive?present=1&lang=zh",
    "/?chart=apac_first_response_hours&tier=Starter&tier=Champion&embed=true",  # embed
    f"/story?story={FOUR}&lang=zh",  # a story's editor, and its presentation
    f"/story?story={FOUR}&present=1&slide=2",
]


@pytest.fixture(scope="module")
def tab(browser):  # noqa: F811
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    yield page
    page.context.close()


def app_violations(page) -> list[tuple[str, str, str]]:
    """(rule, impact, html) of each serious or critical node not in STREAMLIT_OWN."""
    result = axe_sync.Axe().run(page, context=CONTEXT, options=WCAG_AA).response
    found = []
    for rule in result["violations"]:
        if rule["impact"] not in ("serious", "critical"):
            continue
        for node in rule["nodes"]:
            region = STREAMLIT_OWN.get(rule["id"], (None,))[0]
            owned = (
                region is not None
                and len(node["target"]) == 1
                and page.evaluate(
                    "([sel, region]) => !!document.querySelector(sel)?.closest(region)",
                    [node["target"][0], region],
                )
            )
            if not owned:
                found.append((rule["id"], rule["impact"], node["html"][:200]))
    return found


@pytest.mark.parametrize("path", VIEWS)
def test_no_serious_violation_from_the_app(server, tab, path):  # noqa: F811
    tab.goto(f"{server}{path}")
    settle(tab)
    assert tab.locator("[data-testid=stException]").count() == 0
    assert tab.evaluate("document.documentElement.lang") == (
        "zh-Hant" if "lang=zh" in path else "en"
    )
    assert app_violations(tab) == []


@pytest.mark.parametrize(
    ("lang", "sentence"), [("en", FIRST_RESPONSE_EN), ("zh", FIRST_RESPONSE_ZH)]
)
def test_first_response_chart_says_its_values_to_a_screen_reader(server, tab, lang, sentence):  # noqa: F811
    tab.goto(f"{server}/tiers?tier=Starter&tier=Champion&lang={lang}")
    settle(tab)
    chart = tab.locator("[data-testid=stVegaLiteChart][aria-label*='(N=129)']")
    assert chart.count() == 1
    assert chart.get_attribute("role") == "graphics-document"
    assert chart.get_attribute("aria-label").endswith(sentence)
    captions = tab.locator("table.cx-sr-only caption").all_inner_texts()
    assert any(c.endswith(sentence) for c in captions)
    # visually hidden (clipped to nothing, in a 1 px high box that takes no room), yet in
    # the accessibility tree (not display:none)
    table = tab.locator("table.cx-sr-only").first
    style = table.evaluate("e => [getComputedStyle(e).clip, getComputedStyle(e).display]")
    assert style == ["rect(0px, 0px, 0px, 0px)", "table"]
    holder = "e => e.closest('[data-testid=stElementContainer]').getBoundingClientRect().height"
    assert table.evaluate(holder) <= 1
