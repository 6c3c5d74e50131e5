"""Every figure's spec is valid Vega-Lite, as made for the page and for a presentation, in
both languages: the app makes specs with Altair's per-object validation off (it was half of a
spec's time), so this is where a malformed spec is caught."""

from __future__ import annotations

import pytest

from cxdash import db, figures, i18n
from cxdash.palette import PRESENT, WEB
from cxdash.view import View
from tests import vega_lite


def test_the_app_makes_charts_without_altairs_debug_validation():
    from cxdash.lazy import altair as alt

    # the first use of a name imports it, made ready to serve
    assert alt.utils.schemapi.DEBUG_MODE is False


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("look", [WEB, PRESENT], ids=["web", "present"])
def test_every_published_figure_is_valid_vega_lite(lang, look):
    ids = list(figures._all_values(db.version()))
    assert len(ids) == 116
    invalid = {}
    for figure_id in ids:
        fig = figures.figure(figure_id, View(lang=lang), look=look)
        if problems := vega_lite.errors(fig.spec):
            invalid[figure_id] = problems
    assert not invalid, invalid


def test_a_malformed_spec_is_caught():
    # the check itself: a colour scale over a missing label (what a one-value respondent
    # figure once drew) is refused
    spec = {
        "data": {"name": "values"},
        "mark": "bar",
        "encoding": {"color": {"field": "tier_label", "type": "nominal", "sort": [None]}},
    }
    assert vega_lite.errors(spec)
    del spec["encoding"]["color"]["sort"]
    assert vega_lite.errors(spec) == []
