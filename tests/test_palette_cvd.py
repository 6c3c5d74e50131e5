"""Colours drawn together stay apart for readers with the three common colour-vision
deficiencies: every two tiers, countries, answers, respondent groups, years and channels that
one chart of the data draws side by side are at least MIN_DE apart (CIE76 ΔE in CIELAB, D65)
in normal vision and simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira and
Fernandes 2009, severity 1.0, applied in linear sRGB). Colour is never the only carrier:
rows and legends are labelled, significance is a '*' in the value's text."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from cxdash import data, palette

# ΔE76 ≈ 2.3 is a just-noticeable difference; 10 keeps two bar colours clearly apart at a
# glance (a common floor for categorical palettes), with labels beside them in any case.
MIN_DE = 10.0
MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}  # fmt: skip
VISIONS = [None, *MACHADO]


def _linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    ) @ np.clip(linear, 0, 1)
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str | None) -> float:
    la, lb = _linear(a), _linear(b)
    if vision:
        m = np.array(MACHADO[vision])
        la, lb = m @ la, m @ lb
    return float(np.linalg.norm(_lab(la) - _lab(lb)))


def test_the_simulation_sees_what_it_should():
    # red and green, far apart in normal vision, nearly merge for a deuteranope
    assert delta_e("#FF0000", "#00FF00", None) > 80
    assert delta_e("#CC79A7", "#44AA99", "deuteranopia") < 10  # the old live-chat clash


def _drawn_together() -> dict[str, set[tuple[str, ...]]]:
    """Per dimension, the sets of members one published figure draws together."""
    v = data.run("figure_values", figure_ids=[], tiers=[], countries=[], channels=[], years=[])
    out: dict[str, set] = {}
    for dim in ("tier", "country", "channel", "year"):
        for _, g in v.groupby("figure_id"):
            members = tuple(sorted({str(m) for m in g[dim].dropna()}))
            if len(members) > 1:
                out.setdefault(dim, set()).add(members)
    return out


def _colour(dim: str, member: str) -> str:
    if dim == "tier":
        return palette.TIER_COLORS[member]
    if dim == "country":
        return palette.COUNTRY_COLORS[member]
    if dim == "channel":
        return palette.CHANNEL_COLORS[member][0]
    return palette.year_color(int(member))


@pytest.mark.parametrize("dim", ["tier", "country", "channel", "year"])
def test_members_drawn_together_stay_apart_in_every_vision(dim):
    close = []
    for members in _drawn_together()[dim]:
        for a, b in itertools.combinations(members, 2):
            for vision in VISIONS:
                d = delta_e(_colour(dim, a), _colour(dim, b), vision)
                if d < MIN_DE:
                    close.append((a, b, vision or "normal", round(d, 1)))
    assert not close, close


@pytest.mark.parametrize(
    "colours",
    [[c for c, _ in palette.ANSWER_COLORS[:6]], palette.GROUP_COLORS[:4]],
    ids=["answers", "groups"],
)
def test_categorical_palettes_stay_apart_in_every_vision(colours):
    for a, b in itertools.combinations(colours, 2):
        assert min(delta_e(a, b, v) for v in VISIONS) >= MIN_DE, (a, b)


def test_significance_is_a_mark_in_the_text_not_a_colour():
    from cxdash import figures
    from cxdash.view import Filters, View

    fig = figures.figure(
        "apac_customer_360_view", View(page="tiers", filters=Filters(tiers=("Starter", "Champion")))
    )
    marked = [r for r in fig.spec["datasets"]["values"] if r["value_text"].endswith("*")]
    assert marked and all(r["significant"] for r in marked)
