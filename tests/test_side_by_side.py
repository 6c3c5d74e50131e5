"""Hong Kong's satisfaction and first-contact resolution by channel, side by side: only the
published values of both figures, only the channels both publish (the others named), in
the channels' own colours — the same as on each figure's chart."""

from __future__ import annotations

import pandas as pd

from cxdash import data, figures, side_by_side, tables
from cxdash.palette import CHANNEL_COLORS
from cxdash.view import Filters, View

PUBLISHED = {  # 004 (HKACE 2018): 非常滿意/滿意 and 在第一次接觸時便能解決問題 — 可以
    "phone": (64, 74),
    "store_branch": (71, 89),
    "dedicated_staff": (73, 85),
    "social_media": (56, 42),
    "website_app": (64, 42),
}


def _by_channel(rows: pd.DataFrame) -> dict[str, tuple[float, ...]]:
    sat = rows[rows["figure_id"] == "hk_satisfaction_by_channel"].set_index("channel")["value"]
    fcr = rows[rows["figure_id"] == "hk_fcr_by_channel"].set_index("channel")["value"]
    return {c: (sat[c], fcr[c]) for c in sat.index}


def test_side_by_side_draws_the_published_values_of_both_figures():
    rows, only = side_by_side.values("hk", Filters())
    assert _by_channel(rows) == PUBLISHED
    assert only == {"hk_satisfaction_by_channel": [], "hk_fcr_by_channel": []}
    drawn = side_by_side.chart(rows, "en").to_dict()
    values = [r for table in drawn["datasets"].values() for r in table]
    assert sorted(r["value_text"] for r in values) == sorted(
        f"{v}%" for pair in PUBLISHED.values() for v in pair
    )
    caption = side_by_side.caption(rows, "en")
    assert "“Very satisfied/ Satisfied”" in caption and "“Yes”" in caption
    assert side_by_side.missing_note(only, "en") is None


def test_a_channel_only_one_figure_publishes_is_left_out_and_named():
    """FICTIONAL: the satisfaction figure without its website row."""
    every = data.run(
        "figure_values",
        figure_ids=["hk_satisfaction_by_channel", "hk_fcr_by_channel"],
        **Filters().slice_params(),
    )
    cut = every[
        ~(
            (every["figure_id"] == "hk_satisfaction_by_channel")
            & (every["channel"] == "website_app")
        )
    ]
    rows, only = side_by_side.pair_up(cut, side_by_side.PAIRS["hk"])
    assert "website_app" not in set(rows["channel"])
    assert only["hk_fcr_by_channel"] == ["website_app"]
    assert side_by_side.missing_note(only, "en") == (
        "Left out: Website / mobile app (only in “Able to solve the enquiry the first time, "
        "by channel”)."
    )


def test_both_figures_colour_a_channel_alike():
    """Satisfaction (bars by channel) and resolution (stacked answers on channel rows) give
    Phone / hotline the same colour, palette.CHANNEL_COLORS['phone']."""
    view = View(page="explore")
    for fid in ("hk_satisfaction_by_channel", "hk_fcr_by_channel", "hk_past_usage_12m"):
        spec = figures.figure(fid, view).spec
        scale = spec["layer"][0]["encoding"]["color"]["scale"]
        colours = dict(zip(scale["domain"], scale["range"]))
        assert colours["Phone / hotline"] == CHANNEL_COLORS["phone"][0], fid
        assert colours["Social media"] == CHANNEL_COLORS["social_media"][0], fid


def test_the_needs_chart_gives_each_groups_size():
    """Customers n=500, frontline staff n=358: not the first group's size for both."""
    fig = figures.figure("hk_digital_needs", View(page="explore"))
    text = tables.bases(fig.records, "en")
    assert "n=500" in text and "n=358" in text
    assert "Frontline customer service staff n=358" in text


def test_the_side_by_sides_table_is_the_drawn_values_each_with_its_figure():
    rows, _ = side_by_side.values("hk", Filters())
    table = side_by_side.table(rows, "en")
    assert list(table.columns[:4]) == ["Figure", "Channel", "Answer", "Value"]
    by = {(r["Figure"], r["Channel"]): r["Value"] for r in table.to_dict("records")}
    assert len(by) == 10
    assert by[("Satisfaction with customer service by channel", "Phone / hotline")] == "64%"
    assert (
        by[
            (
                "Able to solve the enquiry the first time, by channel",
                "Store / branch / service centre",
            )
        ]
        == "89%"
    )
    assert set(table["Base N"]) == {"not published"}
    cited = side_by_side.records(rows, "zh")
    assert list(cited) == ["hk_satisfaction_by_channel", "hk_fcr_by_channel"]
    assert [r["value"] for r in cited["hk_fcr_by_channel"]] == [74, 89, 85, 42, 42]
