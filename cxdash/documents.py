"""What the slide deck (deck.py) and the PDF report (report.py) share: the figures a view
shows, the documents they cite (cite.py: publisher, year, title), a figure's footnote (with
the key to its test marks and the flags of the values shown) and speaker notes, and its
chart rendered for a page of known physical size.

A chart for print is the figure's own spec with its size and type set for the space it is
placed in: `print_spec(spec, width_px, font_px, height_px)` makes the whole image (axes and
legend included) exactly `width_px` wide, at 96 px to the inch, so a font of `font_px` is
`font_px * 0.75` pt once placed at that width. Nothing is rendered at web size and scaled.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cxdash import cite, data, figures, i18n, tables
from cxdash.figures import Figure
from cxdash.palette import WEB, Type
from cxdash.view import View

Progress = Callable[[int, int], None]
PX_PER_INCH = 96
PT_PER_PX = 72 / PX_PER_INCH
WEB_FONT_PX = 12  # the charts' own font size (charts.themed), scaled from for print


def shown(view: View) -> list[Figure]:
    """The figures a deck or PDF of the view shows: the page's (Explore's chosen one)."""
    if view.figure:
        cat = data.catalog()
        cat = cat[cat["figure_id"] == view.figure]
    else:
        cat = data.page_figures(view.page, view.filters.surveys)
    return figures.figures_of(cat, view)[0]


@dataclass(frozen=True)
class Item:
    """One figure of a deck, PDF or presentation: the figure, the link that reopens its view
    and, in a story, its sentence and whose words they are."""

    fig: Figure
    link: str
    sentence: str = ""
    said_by: str = ""


def items(view: View, base_url: str, look: Type = WEB) -> list[Item]:
    """What a deck or PDF of the view shows: a story's steps in order, else the page's
    figures, each with the link back to its view."""
    if view.page == "story":
        return story_items(view, base_url, look)
    link = view.url(base_url)
    return [Item(fig, link) for fig in shown(view)]


def story_items(view: View, base_url: str, look: Type = WEB) -> list[Item]:
    """A story's steps in the view's language: each figure in its step's filters, with the
    presenter's sentence or the suggested one (captions.suggest), labelled as which. A step
    whose figure is not published for its filters is left out (the story page says so)."""
    from cxdash import captions, story

    lang = view.lang
    out = []
    for s in story.decode(view.story, data.vocabulary())[0]:
        step_view = s.view.with_(lang=lang)
        fig = figures.figure(s.figure, step_view, look=look)
        if fig is None:
            continue
        said = (s.text, "story_own") if s.own else (captions.suggest(fig), "story_suggested")
        out.append(Item(fig, step_view.url(base_url), said[0], i18n.t(said[1], lang)))
    return out


def labelled(key: str, text: str, lang: str) -> str:
    """'Document: …' / '文件：…' (a full-width colon in 繁體中文)."""
    return f"{i18n.t(key, lang)}{'：' if lang == 'zh' else ': '}{text}"


def page_title(view: View) -> str:
    return i18n.t(f"page_{view.page}", view.lang)


def view_in_words(view: View) -> str:
    """'Page: Countries · Filters: Country / region: Japan · Language: English' (and the
    chosen figure, and whether intervals are hidden)."""
    lang = view.lang
    parts = [labelled("doc_page_name", page_title(view), lang)]
    if view.figure:
        title = data.catalog().set_index("figure_id").loc[view.figure, f"title_{lang}"]
        parts.append(labelled("figure", title, lang))
    if view.filters.surveys:
        names = [data.labels(lang).get(("survey", c), c) for c in view.filters.surveys]
        parts.append(labelled("filter_survey", ", ".join(names), lang))
    if view.page != "story":  # a story's steps carry their own filters
        parts.append(labelled("filters", figures.describe(view.filters, lang), lang))
    parts.append(labelled("language", i18n.LANGUAGES[lang], lang))
    if not view.show_ci:
        parts.append(i18n.t("doc_no_intervals", lang))
    return " · ".join(parts)


# --- citations ---------------------------------------------------------------------------


def citations(items: list[Figure], lang: str) -> list[str]:
    """Each cited document once (publisher, year, title: cite.py), in the order the
    figures cite them."""
    return list(dict.fromkeys(cite.of(r, lang) for f in items for r in f.records))


# --- a figure's footnote and notes ---------------------------------------------------------


def base_line(fig: Figure) -> str:
    """'Base: Champion N=62' (each base with its group), or 'Base: not published'."""
    text = tables.bases(fig.records, fig.lang) or i18n.t("base_not_published", fig.lang)
    return labelled("base", text, fig.lang)


def flags(fig: Figure) -> list[str]:
    """The flags of the shown values, each once, in the reader's language."""
    return [i18n.t(f"flag_{k}", fig.lang) for k, _ in fig.flags]


def source_line(fig: Figure) -> str:
    """Document (publisher, year, title) · base N · interval note · flags — one line."""
    lang = fig.lang
    parts = [
        labelled("source_document", cite.of(fig.records[0], lang), lang),
        base_line(fig),
    ]
    if fig.has("ci_low"):
        parts.append(i18n.t("interval_note", lang))
    parts += flags(fig)
    return " · ".join(parts)


def footnote(fig: Figure, link: str) -> str:
    """The footnote of a slide: the source line, the key to the chart's test marks, then
    the link that reopens the view."""
    return "\n".join([source_line(fig), *fig.marks_key, link])


def passages(fig: Figure) -> list[str]:
    """The document's own words for the shown values (original language), each once."""
    return list(dict.fromkeys(r["source_zh"] for r in fig.records if r.get("source_zh")))


def reading(fig: Figure) -> list[str]:
    """How the shown values were read (the figure's note, then the values'), each once, in
    the reader's language (the records carry the picked `note` / `figure_note`). A value's
    note that explains its own flag is said with the flag (`Figure.flags`), not here."""
    notes = (
        r[k]
        for r in fig.records
        for k in ("figure_note", "note")
        if r.get(k) and not (k == "note" and tables.explains_flag(r))
    )
    return list(dict.fromkeys(notes))


def notes(fig: Figure) -> str:
    """Speaker notes: the caption and passages in the original language, how the values
    were read, and every flag with its explanation."""
    lang, first = fig.lang, fig.records[0]
    lines = []
    if first.get("caption_zh"):
        lines.append(labelled("source_caption", first["caption_zh"], lang))
    lines += [labelled("source_passage", p, lang) for p in passages(fig)]
    lines.append(labelled("source_document", cite.of(first, lang), lang))
    lines += [labelled("source_note", n, lang) for n in reading(fig)]
    for flag, why in fig.flags:
        flag_text = " — ".join(filter(None, [i18n.t(f"flag_{flag}", lang), why]))
        lines.append(labelled("source_flag", flag_text, lang))
    return "\n".join(lines)


# --- charts for print -----------------------------------------------------------------------


def print_spec(spec: dict, width_px: int, font_px: float, height_px: int | None = None) -> dict:
    """The figure's spec sized for print: the whole image `width_px` wide (and `height_px`
    tall when given, else as tall as its rows need), every text at least `font_px` (axis
    and legend labels, value labels; larger marks such as a headline number keep their
    proportion)."""
    k = font_px / WEB_FONT_PX
    out = copy.deepcopy(spec)
    for node in _nodes(out):
        mark = node.get("mark")
        if isinstance(mark, dict):
            _scale_mark(mark, k, font_px)
        axis = node.get("axis")
        if isinstance(axis, dict):
            for key in ("labelFontSize", "labelLimit", "labelPadding"):
                if key in axis:
                    axis[key] = round(axis[key] * k)
        height = node.get("height")
        if isinstance(height, dict) and "step" in height:
            node["height"] = {**height, "step": round(height["step"] * k)}
        elif isinstance(height, int | float) and node is not out:
            node["height"] = round(height * k)
    config = out.setdefault("config", {})
    config["axis"] = {**config.get("axis", {}), "labelFontSize": font_px, "titleFontSize": font_px}
    config["legend"] = {
        **config.get("legend", {}),
        "labelFontSize": font_px,
        "titleFontSize": font_px,
        "symbolSize": round(100 * k * k),
        "labelLimit": 0,
    }
    config["text"] = {**config.get("text", {}), "fontSize": font_px}
    config["axisQuantitative"] = {"tickCount": 5, **config.get("axisQuantitative", {})}
    config["padding"] = 4
    _shown_legend(out)
    out["width"] = width_px
    autosize = {"type": "fit-x", "contains": "padding"}
    if height_px:
        out["height"] = height_px
        autosize["type"] = "fit"
    out["autosize"] = autosize
    return out


def _shown_legend(spec: dict) -> None:
    """A legend lists what the chart shows: the colour scale keeps every published group
    (so Japan keeps Japan's colour), the legend only the groups among the shown rows."""
    rows = spec.get("datasets", {}).get("values", [])
    for node in _nodes(spec):
        color = node.get("color") if isinstance(node.get("color"), dict) else None
        if not color or not isinstance(color.get("legend"), dict):
            continue
        present = {r.get(color.get("field")) for r in rows}
        domain = (color.get("scale") or {}).get("domain") or color.get("sort") or []
        if isinstance(domain, list) and domain:
            color["legend"] = {**color["legend"], "values": [d for d in domain if d in present]}


def _nodes(node: object) -> Iterator[dict]:
    """Every dict in a spec (layers, encodings, marks), depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def _scale_mark(mark: dict, k: float, font_px: float) -> None:
    if mark.get("type") == "text":
        mark["fontSize"] = max(font_px, round(mark.get("fontSize", WEB_FONT_PX) * k))
    for key in ("dx", "dy", "strokeWidth", "thickness"):
        if key in mark:
            mark[key] = round(mark[key] * k, 1)
    if "size" in mark:  # a circle's size is its area
        mark["size"] = round(mark["size"] * k * k)
    if isinstance(mark.get("ticks"), dict) and "size" in mark["ticks"]:
        mark["ticks"] = {**mark["ticks"], "size": round(mark["ticks"]["size"] * k)}


def font_sizes(spec: dict) -> list[float]:
    """Every font size a spec sets (config and marks): what a test multiplies by the
    placement scale."""
    sizes = []
    config = spec.get("config", {})
    for part in ("axis", "legend"):
        sizes += [v for k, v in config.get(part, {}).items() if k.endswith("FontSize")]
    sizes.append(config.get("text", {}).get("fontSize", 11))
    for node in _nodes({k: v for k, v in spec.items() if k != "config"}):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            sizes.append(mark.get("fontSize", config.get("text", {}).get("fontSize", 11)))
        axis = node.get("axis")
        if isinstance(axis, dict) and "labelFontSize" in axis:
            sizes.append(axis["labelFontSize"])
    return sizes


def bands(fig: Figure) -> tuple[int, int]:
    """(rows the chart draws, bars side by side in a row)."""
    rows = fig.spec["datasets"]["values"]
    offset = _offset(fig.spec)
    per_row = len({r.get(offset) for r in rows}) if offset else 1
    return max(1, len({r.get("row") for r in rows})), max(1, per_row)


def _offset(spec: dict) -> str | None:
    for node in _nodes(spec):
        enc = node.get("encoding")
        if isinstance(enc, dict) and "yOffset" in enc:
            return enc["yOffset"]["field"]
    return None


def fill(spec: dict, n_rows: int, per_row: int, max_bar_px: float) -> dict:
    """Pad a fixed-height print spec's rows so that no bar grows thicker than
    `max_bar_px` (one bar filling a slide reads as a block). Only bar charts: a row of
    headline numbers or a dumbbell keeps its own spacing."""
    if not any(
        isinstance(n.get("mark"), dict) and n["mark"].get("type") == "bar" for n in _nodes(spec)
    ):
        return spec
    inner = 0.3
    step = max_bar_px * per_row / (1 - inner)  # the widest a row may be
    outer = (spec["height"] / step - n_rows + inner) / 2
    scale = spec.setdefault("config", {}).setdefault("scale", {})
    scale.update(bandPaddingInner=inner, bandPaddingOuter=min(max(outer, 0.2), 10.0))
    return spec


def png(spec: dict, scale: int = 2) -> bytes:
    import vl_convert as vlc  # heavy: loaded when an image is actually made

    return vlc.vegalite_to_png(spec, scale=scale)
