"""How a reader cites a document: publisher, year and title, as the document states them.

The one citation of the app: captions, chart tooltips, the embed, the deck, the PDF and the
executive summary say a source this way. The file a value was transcribed from (its
`document`, e.g. 000_378fe6fa425a9ad9.txt) stays in the data and a figure's *Table and
source*, never in what a reader reads or prints. No page or section is cited: the text
extractions the values come from carry no page numbers, and `figures.page` names the app
page a figure is drawn on.
"""

from __future__ import annotations

import functools

import pandas as pd

from cxdash import data, db, i18n


@functools.lru_cache(maxsize=4)
def _surveys(version: int) -> dict[str, dict]:
    rows = data.run("surveys").to_dict("records")
    return {r["survey_id"]: {k: None if _blank(v) else v for k, v in r.items()} for r in rows}


def _blank(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v) or v == ""


def citation(survey_id: str, lang: str, wave_title: str | None = None) -> str:
    """'ESG (Enterprise Strategy Group) for Zendesk (2021). The State of CX Maturity: APAC
    SMB.' / 'ESG（為 Zendesk 製作），2021 年，《…》' — what the document itself states; a
    publisher or year it does not state is left out, never guessed. `wave_title`: a later
    wave published in its own document (waves.csv), cited by its own title and without the
    survey's year (the wave's publication year is not recorded)."""
    s = _surveys(db.version())[survey_id]
    zh = lang == "zh"
    title = wave_title or s["title_zh" if zh else "title_en"] or s["title_en"]
    publisher = s["publisher_zh" if zh else "publisher_en"] or s["publisher_en"]
    year = int(s["published_year"]) if s["published_year"] and not wave_title else None
    if zh:
        parts = (publisher, f"{year} 年" if year else None, f"《{title}》")
        return "，".join(p for p in parts if p)
    who = " ".join(p for p in (publisher, f"({year})" if year else None) if p)
    return f"{who}. {title}." if who else f"{title}."


def of(record: dict, lang: str) -> str:
    """The citation of the document a value (a figure record, localised) comes from; a value
    recomputed from a user's respondents cites their dataset, never the report."""
    if record.get("origin") == "respondents":
        mark = f" ({i18n.t('fictional', lang)})" if record.get("fictional") else ""
        return i18n.t("cite_dataset", lang, name=record["dataset_name"]) + mark
    wave = record.get("wave_title")
    return citation(record["survey_id"], lang, wave if isinstance(wave, str) and wave else None)
