"""繁體中文 all the way through (issue 16.2): every page in zh, what it renders (Markdown,
captions, alerts, widget labels, table headers and cells, and the words inside every chart:
titles, axis and legend titles, tooltips) and every figure's Table tab and tests hold no
English sentence that is not a name, a code or a number (tests/zh_support.py). The Source
tab, the deck's notes and the PDF's text are checked in tests/test_documents.py."""

from __future__ import annotations

import html
import json
import re

import pytest

from cxdash import data, figures
from cxdash.view import parse
from tests.conftest import PAGES
from tests.fuzz_support import open_view, rendered_texts
from tests.zh_support import latin_sentences

FILTERED = {"tier": ["Champion", "Starter"], "country": ["Japan"], "year": ["2021"]}


def chart_words(spec: object) -> list[str]:
    """The words a Vega-Lite spec draws or shows on hover: titles, axis and legend titles,
    tooltip titles, text marks' literal text (data values are checked with the data)."""
    out: list[str] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "subtitle", "text", "description") and isinstance(value, str):
                out.append(value)
            elif key in ("title", "subtitle") and isinstance(value, list):
                out += [v for v in value if isinstance(v, str)]
            elif key not in ("datasets", "data"):
                out += chart_words(value)
    elif isinstance(spec, list):
        for item in spec:
            out += chart_words(item)
    return out


_ICON = re.compile(r":material/[a-z_]+:")
_MARKUP = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def reader_text(where: str, text: str) -> str:
    """What a reader gets of a rendered text: st.html's text without its markup, scripts and
    styles (the hidden table of a chart's values, the page's lang script)."""
    return html.unescape(_MARKUP.sub(" ", text)) if where == "html.body" else text


def english_in(at) -> list[tuple[str, str]]:
    texts = [(w, _ICON.sub(" ", reader_text(w, text))) for w, text in rendered_texts(at)]
    found = [(where, s) for where, text in texts for s in latin_sentences(text)]
    for frame in at.get("arrow_data_frame"):
        df = frame.value
        cells = [str(c) for c in df.columns] + [str(v) for v in df.astype(str).to_numpy().ravel()]
        found += [("dataframe", s) for cell in cells for s in latin_sentences(cell)]
    # Streamlit's own words: a multiselect's "Select all" row is English in every language
    found += [("multiselect", "Select all") for m in at.get("multiselect") if m.proto.select_all]
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        words = chart_words(spec)
        found += [("chart", s) for word in words for s in latin_sentences(word)]
        # a chart's own words are short: a single English word ("answer") is English too
        found += [("chart word", w) for w in words if re.fullmatch(r"[A-Za-z][a-z ]{2,}", w)]
        for rows in spec.get("datasets", {}).values():
            for row in rows:
                for key, value in row.items():
                    if isinstance(value, str) and not key.endswith(("_en", "id")):
                        found += [(f"chart data {key}", s) for s in latin_sentences(value)]
    return found


@pytest.mark.parametrize("filtered", [False, True], ids=["all", "filtered"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_zh_says_everything_in_zh(page, filtered):
    params = {"lang": ["zh"]} | (FILTERED if filtered else {})
    at = open_view(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert english_in(at) == []


def test_every_figures_table_and_tests_in_zh():
    found = []
    for figure_id in sorted(data.vocabulary().figures):
        fig = figures.figure(figure_id, parse({"lang": ["zh"]}, data.vocabulary())[0])
        if fig is None:
            continue
        table = fig.table()
        tests, note = fig.tests()
        cells = [*map(str, table.columns), *table.astype(str).to_numpy().ravel(), note]
        cells += [*map(str, tests.columns), *tests.astype(str).to_numpy().ravel()]
        cells += list(fig.marks_key) + [fig.caption]
        found += [(figure_id, s) for c in cells for s in latin_sentences(c)]
    assert found == []


def test_the_walk_hears_english_in_english():
    """The control: the same walk over the English page finds English everywhere it looks."""
    found = english_in(open_view("tiers", {"tier": ["Champion"]}))
    kinds = {where.split(".")[0].split(" ")[0] for where, _ in found}
    assert {"caption", "chart", "markdown"} <= kinds, kinds
    assert ("chart word", "Answer") in found  # a tooltip's one-word title is heard too
