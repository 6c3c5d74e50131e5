"""Numbers as the documents print them: the unit decides the suffix, the printed precision
decides the decimals. Used by charts, tables, KPI cards and exports alike."""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd
from pandas import NA as _NA

_SUFFIX = {
    "en": {
        "percent": "%",
        "points": " pts",
        "hours": " h",
        "minutes": " min",
        "days": " days",
        "multiplier": "×",
        "count": "",
        "ratio": "",
        "score": "",
        "currency": "",
    },
    "zh": {
        "percent": "%",
        "points": " 個百分點",
        "hours": " 小時",
        "minutes": " 分鐘",
        "days": " 天",
        "multiplier": " 倍",
        "count": "",
        "ratio": "",
        "score": "",
        "currency": "",
    },
}
# Units as a screen reader should say them ("2.4 hours", not "2.4 h"); 繁體中文 spells them out.
_SPOKEN = {
    **_SUFFIX["en"],
    "points": " points",
    "hours": " hours",
    "minutes": " minutes",
    "multiplier": " times",
}


def number(
    value: float | None,
    decimals: int = 0,
    unit: str = "count",
    lang: str = "en",
    signed: bool = False,
    spoken: bool = False,
) -> str:
    """`17` -> '17%', `1.7` hours -> '1.7 h' / '1.7 小時' ('1.7 hours' when `spoken`, for
    a chart's text alternative); missing -> '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    decimals = int(decimals) if decimals is not None and not _isnan(decimals) else 0
    sign = "+" if signed and value > 0 else ""
    text = f"{value:,.{decimals}f}"
    suffixes = _SUFFIX["zh"] if lang == "zh" else _SPOKEN if spoken else _SUFFIX["en"]
    return f"{sign}{text}{suffixes.get(unit, '')}"


def base(n: object) -> str:
    """An unweighted base as printed beside a value: 'N=265', 'N=503,720' (a user's data
    can count a million respondents; every published base is below 1,000)."""
    return f"N={int(n):,}"


def suffix(unit: str, lang: str = "en") -> str:
    """The unit as printed after a number: '%', 'h', '小時' ('' for counts and scores)."""
    return _SUFFIX["zh" if lang == "zh" else "en"].get(unit, "").strip()


def interval(low: float | None, high: float | None, unit: str, lang: str = "en") -> str:
    """A 95% interval as 'a–b' in the value's unit, one decimal."""
    if low is None or high is None or _isnan(low) or _isnan(high):
        return ""
    return f"{number(low, 1, unit, lang)} – {number(high, 1, unit, lang)}"


def missing(v: object) -> bool:
    """Whether a cell is missing: None, pandas' NA or a float NaN (every kind counts as one)."""
    return v is None or v is _NA or (isinstance(v, float) and v != v)


def given(v: object) -> bool:
    return not missing(v)


def records(df) -> list[dict]:
    """A frame's rows as dicts of plain Python values, None where missing (any kind). One
    object array for the whole frame: a figure's values are a few rows of 77 columns, which
    `to_dict("records")` converts column by column at three times the cost."""
    columns = list(df.columns)
    return [
        {c: None if missing(v) else v for c, v in zip(columns, row)}
        for row in df.to_numpy(dtype=object).tolist()
    ]


def frame(rows: list[dict]) -> pd.DataFrame:
    """`records` back to a frame, a column of whole numbers with some missing kept whole (as
    the database gives a base or a year), not made float: N=265 stays 265, not 265.0."""
    out = pd.DataFrame(rows)
    for c, dtype in out.dtypes.items():
        if dtype == "float64":
            values = [r[c] for r in rows]
            whole = [type(v) is int for v in values if given(v)]
            if whole and all(whole) and len(whole) < len(values):
                out[c] = out[c].astype("Int64")
    return out


def _isnan(x: object) -> bool:
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def literal(text: object) -> str:
    """Text from the data or a URL, escaped so Markdown shows it as typed: no link, no
    image, no emphasis, no formula (st.markdown, st.caption and alerts render Markdown)."""
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")


def verbatim(text: object, limit: int = 200) -> str:
    """A value from a URL or a file as a Markdown code span, for the app's own sentences: shown
    as typed, and nothing in it becomes a link (Streamlit autolinks `https://…`, `www.…` and
    `name@host` even after backslash escapes), an image, a heading (`\\r===`), a formula or a
    decoded entity (`&lt;`). Line breaks show as spaces; past `limit` characters it is cut
    with "…" outside the span. Streamlit's frontend rewrites `:material/` to `:material_`
    everywhere, code spans included: an invisible word joiner keeps it as typed."""
    value = str(text)
    cut = len(value) > limit
    value = re.sub(r"[\r\n]+", " ", value[:limit]).replace(":material/", ":\u2060material/")
    runs = re.findall(r"`+", value)
    fence = "`" * (max(map(len, runs), default=0) + 1)
    return f"{fence} {value} {fence}" + ("…" if cut else "")


# a wide (CJK) character, which a line may break after; or a run of other non-space characters
_TOKEN = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]\s*|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+"
)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns (a CJK character counts two), broken at
    spaces or between CJK characters; a word longer than a line keeps its own line, whole."""
    lines, line, used = [], "", 0
    for token in _TOKEN.findall(text):
        word = token.rstrip()
        size = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in word)
        if line.strip() and word and used + size > width:
            lines.append(line.rstrip())
            line, used = "", 0
        line += token
        used += size + len(token) - len(word)
    return [*lines, line.rstrip()] if line.strip() else lines


# what a title says about the breakdown or the waves, which a chart's rows or colours show
_BY_COUNTRY = re.compile(r"(?:,\s*|(?<=\?)\s*)[Bb]y (?:country|tier)\b|（依(?:國家|等級)）")
_WAVES = re.compile(r",\s*\d{4}(?:\s*(?:and|vs|–)\s*(?:\d{4}|one year earlier))*$|（逐年比較）$")


def short_title(title: str) -> str:
    """A title without ', by country' / '? By tier' and its waves ('…, 2020 vs 2021',
    '（逐年比較）')."""
    return _WAVES.sub("", _BY_COUNTRY.sub("", title)).strip()
