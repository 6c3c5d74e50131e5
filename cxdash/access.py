"""A chart's text alternative, in the reader's language, from the same records the chart
draws (no Streamlit): every value with its group and base, then what was tested.

"Starter 2.4 hours (N=129), Champion 1.7 hours (N=62); averages, not tested" is the
first-response chart with Starter and Champion chosen. The figure pipeline puts the sentence
in the Vega-Lite spec's `description` (Vega makes it the chart's accessible name); the page
also carries it as the caption of a visually hidden table of the values (`hidden_table`).
"""

from __future__ import annotations

import html

import pandas as pd

from cxdash import formatting, i18n, tables
from cxdash.chartrows import LABEL_COLUMNS

# (between values, between clauses, after a group's name)
_SEP = {"en": (", ", "; ", ": "), "zh": ("、", "；", "：")}


def _seps(lang: str) -> tuple[str, str, str]:
    return _SEP["zh" if lang == "zh" else "en"]


def _labels(record: dict, dims: tuple[str, ...]) -> list[str]:
    """The value's group in words, one label per dimension the figure varies by."""
    out = [record.get(LABEL_COLUMNS[d]) for d in dims if d in LABEL_COLUMNS]
    return [str(x) for x in out if formatting.given(x) and str(x)]


def _value(record: dict, lang: str, base: bool = True) -> str:
    text = formatting.number(
        record["value"], record.get("value_decimals") or 0, record["unit"], lang, spoken=True
    )
    return (
        f"{text} ({formatting.base(record['base_n'])})"
        if base and formatting.given(record["base_n"])
        else text
    )


def values_text(records: list[dict], dims: tuple[str, ...], lang: str) -> str:
    """Every value with its group and base: 'Starter 2.4 hours (N=129), Champion …'. With two
    or more dimensions the values are grouped by the first ('Starter (N=133): Excellent 12%,
    …; Champion …'), the base said once for a group that shares it."""
    between, clauses, colon = _seps(lang)
    if len(dims) < 2:
        return between.join(" ".join([*_labels(r, dims), _value(r, lang)]).strip() for r in records)
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(" ".join(_labels(r, dims[:1])), []).append(r)
    parts = []
    for name, rows in groups.items():
        bases = {r["base_n"] for r in rows}
        shared = len(bases) == 1 and formatting.given(next(iter(bases)))
        head = f"{name} ({formatting.base(rows[0]['base_n'])})" if shared else name
        items = between.join(
            " ".join([*_labels(r, dims[1:]), _value(r, lang, base=not shared)]) for r in rows
        )
        parts.append(f"{head}{colon}{items}" if head else items)
    return clauses.join(parts)


def tests_text(records: list[dict], dims: tuple[str, ...], lang: str) -> str:
    """What was tested among the shown values: which differ significantly from another
    group, that the others do not, and each reason a comparison was not tested."""
    between, clauses, _ = _seps(lang)
    statuses = [r.get("test_status") for r in records]
    sig = [" ".join(_labels(r, dims)) for r, s in zip(records, statuses) if s == "significant"]
    parts = []
    if sig:
        parts.append(i18n.t("alt_sig", lang, groups=between.join(dict.fromkeys(sig))))
    if "not_significant" in statuses:
        parts.append(i18n.t("alt_not_sig_rest" if sig else "alt_not_sig", lang))
    reasons = dict.fromkeys(r.get("test_reason") for r in records)
    parts += [i18n.t(f"alt_untested_{r}", lang) for r in reasons if r in tables.UNTESTED]
    return clauses.join(parts)


def sentence(records: list[dict], dims: tuple[str, ...], lang: str) -> str:
    """The values, then what was tested: the text a screen reader says for the chart."""
    parts = (values_text(records, dims, lang), tests_text(records, dims, lang))
    return _seps(lang)[1].join(p for p in parts if p)


def describe(title: str, records: list[dict], dims: tuple[str, ...], lang: str) -> str:
    """The chart's accessible description: its title, then `sentence`."""
    return f"{title}{_seps(lang)[2]}{sentence(records, dims, lang)}"


def described(spec: dict, description: str) -> dict:
    """The spec's keys that make `description` the chart's accessible name (Vega sets it as
    the chart element's aria-label), with Vega's own mark and axis descriptions ("value: 57;
    row: Starter; opacity: 1 …", "X-axis for a linear scale …") left out: the description
    and the hidden table say the values once, in words."""
    config = spec.get("config", {})
    mark = {**config.get("mark", {}), "aria": False}  # each mark group aria-hidden
    return {"description": description, "config": {**config, "aria": False, "mark": mark}}


# Visually hidden, still read by screen readers (the common "sr-only" pattern).
SR_ONLY = (
    "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0"
)


def hidden_table(description: str, columns: dict[str, list]) -> str:
    """The chart's values as an HTML table a screen reader reaches (visually hidden): the
    description as its caption, the reader's table (tables.columns: header -> cells) as its
    rows. Every cell is escaped."""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in zip(*columns.values())
    )
    return (
        f'<table class="cx-sr-only" style="{SR_ONLY}"><caption>{html.escape(description)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def scorecard_text(title: str, rows: pd.DataFrame, lang: str) -> str:
    """The executive scorecard in words: each callout (its title), then every country's value
    with its base, callouts in the order drawn."""
    _, clauses, colon = _seps(lang)
    records = i18n.pick(rows.sort_values(["figure_order", "country_order"]), lang).to_dict(
        "records"
    )
    by_callout: dict[str, list[dict]] = {}
    for r in records:
        by_callout.setdefault(f"{r['title']} ({r['year']})", []).append(r)
    parts = [
        f"{name}{colon}{values_text(rs, ('country',), lang)}" for name, rs in by_callout.items()
    ]
    return f"{title}{colon}{clauses.join(parts)}"
