"""Slides and PDF of any view: a title slide, then one slide (page) per chart with a native
title, the chart as a 3x image, and a footnote with the source, base N, interval note and
the link that reopens the view."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from cxdash import data, figures, i18n
from cxdash.figures import Figure
from cxdash.view import View

Progress = Callable[[int, int], None]
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)


def _page_title(view: View) -> str:
    return i18n.t(f"page_{view.page}", view.lang)


def slides(view: View) -> list[Figure]:
    """The figures a slide deck or PDF of the view shows: the page's (Explore's chosen one)."""
    if view.figure:
        cat = data.catalog()
        cat = cat[cat["figure_id"] == view.figure]
    else:
        cat = data.page_figures(view.page, view.filters.surveys)
    return figures.figures_of(cat, view)[0]


def footnote(fig: Figure, link: str, lang: str) -> str:
    df = fig.values
    bases = sorted({int(n) for n in df["base_n"].dropna()})
    base = ", ".join(f"N={n}" for n in bases) or i18n.t("base_not_published", lang)
    parts = [
        f"{i18n.t('source_document', lang)}: {df['document'].iloc[0]}",
        f"{i18n.t('base', lang)}: {base}",
    ]
    if fig.has("ci_low"):
        parts.append(i18n.t("interval_note", lang))
    if fig.has("flag"):
        parts.append(i18n.t("flag_" + df["flag"].dropna().iloc[0], lang))
    return " · ".join(parts) + f"\n{link}"


def png(spec: dict, width: int = 900, scale: int = 3) -> bytes:
    import vl_convert as vlc  # heavy: loaded when an image is actually made

    return vlc.vegalite_to_png({**spec, "width": width}, scale=scale)


def _text(slide, text: str, left, top, width, height, size: int, bold: bool = False) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    frame.text = text
    for para in frame.paragraphs:
        for run in para.runs:
            run.font.size, run.font.bold = Pt(size), bold


def build_deck(view: View, base_url: str, progress: Progress | None = None) -> bytes:
    """The view as a .pptx (16:9)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    link = view.url(base_url)
    items = slides(view)
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = f"{i18n.t('app_title', view.lang)} — {_page_title(view)}"
    title.placeholders[1].text = "\n".join(
        [figures.describe(view.filters, view.lang), date.today().isoformat(), link]
    )
    for i, item in enumerate(items):
        slide = prs.slides.add_slide(blank)
        _text(slide, item.title, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9), 26, bold=True)
        image = io.BytesIO(png(item.spec))
        pic = slide.shapes.add_picture(image, Inches(0.5), Inches(1.3), width=Inches(12.3))
        if pic.height > Inches(5.0):  # tall charts: fit the height, keep the aspect ratio
            ratio = Inches(5.0) / pic.height
            pic.height, pic.width = Inches(5.0), Emu(int(pic.width * ratio))
        _text(
            slide,
            footnote(item, link, view.lang),
            Inches(0.5),
            Inches(6.5),
            Inches(12.3),
            Inches(0.9),
            11,
        )
        if progress:
            progress(i + 1, len(items))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _font() -> tuple[str, int] | None:
    """(file, index) of a Unicode font with 繁體中文 glyphs (Debian's fonts-noto-cjk)."""
    if not shutil.which("fc-match"):
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{file}:%{index}", "Noto Sans CJK TC"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    path, _, index = found.rpartition(":")
    if "CJK" in path and Path(path).exists():
        return path, int(index or 0)
    return None


def _cell(pdf, height: int, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def build_report(view: View, base_url: str, progress: Progress | None = None) -> bytes:
    """The view as a PDF: title page, then per chart its image, table and sources."""
    from fpdf import FPDF

    font = _font()
    if font is None:
        raise RuntimeError(
            "the PDF needs a Unicode font with 繁體中文: apt-get install fonts-noto-cjk"
        )
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_font("cjk", fname=font[0], collection_font_number=font[1])
    family = "cjk"
    link = view.url(base_url)
    items = slides(view)
    pdf.add_page()
    pdf.set_font(family, size=24)
    _cell(pdf, 12, f"{i18n.t('app_title', view.lang)} — {_page_title(view)}")
    pdf.set_font(family, size=12)
    _cell(
        pdf,
        7,
        "\n".join([figures.describe(view.filters, view.lang), date.today().isoformat(), link]),
    )
    for i, item in enumerate(items):
        pdf.add_page()
        pdf.set_font(family, size=16)
        _cell(pdf, 8, item.title)
        pdf.image(io.BytesIO(png(item.spec, scale=2)), w=270)
        pdf.set_font(family, size=9)
        table = item.table()
        _cell(
            pdf,
            5,
            "\n".join(
                " | ".join(str(v) for v in row) for row in [table.columns, *table.values.tolist()]
            ),
        )
        _cell(pdf, 5, footnote(item, link, view.lang))
        for passage in dict.fromkeys(r["source_zh"] for r in item.records):
            _cell(pdf, 5, f"« {passage} »")
        if progress:
            progress(i + 1, len(items))
    return bytes(pdf.output())
