"""The PDF of any view (A4 landscape): a cover (the view in words, the date, the link that
reopens it, the surveys cited), then every figure as a block kept on one page — title, the
chart at the page's width, its values as a table with bases and intervals, the source line
and the passage in the original language — flowing so that short figures share a page; a
running footer with page numbers; a closing page with the method notes and the flags of the
figures shown. What the deck says too is in documents.py."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pandas as pd
from PIL import Image

from cxdash import cite, data, documents, i18n
from cxdash.documents import Item, Progress
from cxdash.figures import Figure
from cxdash.view import View

MARGIN, TOP, BOTTOM = 15.0, 13.0, 15.0  # mm
CONTENT_W = 297.0 - 2 * MARGIN
CHART_FONT_PX = 13  # ≈ 9.75 pt once the chart is placed at the page's width
SQUEEZE = 0.65  # a chart may lose up to 35% of its height to stay on the page it follows
GAP = 6.0  # mm between two figures on a page
LONG = 0.7  # the most of a page the chart of a figure longer than a page takes
MM_PER_PX = 25.4 / documents.PX_PER_INCH
ACCENT, INK, MUTED, RULE = (0, 114, 178), (31, 41, 55), (75, 85, 99), (229, 231, 235)
FAMILY = "cjk"


def _font(weight: str = "Regular") -> tuple[str, int] | None:
    """(file, index) of Noto Sans CJK TC (Debian's fonts-noto-cjk): 繁體中文 and Latin."""
    if not shutil.which("fc-match"):
        return None
    name = "Noto Sans CJK TC" + (":bold" if weight == "Bold" else "")
    found = subprocess.run(
        ["fc-match", "-f", "%{file}:%{index}", name], capture_output=True, text=True, check=False
    ).stdout
    path, _, index = found.rpartition(":")
    if "CJK" in path and Path(path).exists():
        return path, int(index or 0)
    return None


def _pdf(view: View, running: str):
    from fpdf import FPDF  # loaded when a PDF is actually made

    regular, bold = _font(), _font("Bold")
    if regular is None:
        raise RuntimeError(
            "the PDF needs a Unicode font with 繁體中文: apt-get install fonts-noto-cjk"
        )

    class Report(FPDF):
        def footer(self) -> None:  # every page but the cover: what this is, page n / total
            if self.page_no() == 1:
                return
            self.set_y(-10)
            self.set_font(FAMILY, size=8)
            self.set_text_color(*MUTED)
            self.cell(CONTENT_W * 0.8, 5, running)
            page = i18n.t("doc_page", view.lang, n=self.page_no(), total="{nb}")
            self.cell(CONTENT_W * 0.2, 5, page, align="R")

    pdf = Report(orientation="landscape", format="A4")
    pdf.set_margins(MARGIN, TOP, MARGIN)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.add_font(FAMILY, fname=regular[0], collection_font_number=regular[1])
    b = bold or regular
    pdf.add_font(FAMILY, style="B", fname=b[0], collection_font_number=b[1])
    pdf.set_title(f"{i18n.t('app_title', view.lang)} — {documents.page_title(view)}")
    pdf.set_creator(i18n.t("app_title", view.lang))
    return pdf


def _write(pdf, text: str, size: float, color=INK, bold: bool = False, height=None) -> None:
    pdf.set_font(FAMILY, style="B" if bold else "", size=size)
    pdf.set_text_color(*color)
    # left-aligned: fpdf2 justifies by default, which spreads mixed 繁體中文 / Latin lines
    # into wide gaps ("ESG      在      2021      年第二季")
    pdf.multi_cell(0, height or size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _cover(pdf, view: View, items: list[Figure], link: str) -> None:
    lang = view.lang
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, 8, 210, style="F")
    pdf.set_y(28)
    _write(pdf, i18n.t("app_title", lang), 14, ACCENT, bold=True)
    pdf.ln(2)
    _write(pdf, documents.page_title(view), 30, bold=True, height=14)
    pdf.ln(4)
    _write(pdf, documents.view_in_words(view), 13, MUTED, height=7)
    today = date.today().isoformat()
    _write(pdf, i18n.t("doc_made", lang, date=today, n=len(items)), 13, MUTED, height=7)
    pdf.ln(6)
    _write(pdf, i18n.t("doc_reopen", lang), 11, bold=True, height=6)
    pdf.set_font(FAMILY, size=11)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 6, link, link=link, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    _write(pdf, i18n.t("doc_sources", lang), 11, bold=True, height=6)
    for line in documents.citations(items, lang):
        _write(pdf, line, 11, MUTED, height=6)
    pdf.ln(6)
    _write(pdf, i18n.t("doc_contents", lang), 11, bold=True, height=6)
    pdf.set_fill_color(255, 255, 255)
    pdf.insert_toc_placeholder(_contents)  # the figures start on page 2


def _contents(pdf, outline) -> None:
    """The cover's list of figures with their pages (filled in once they are placed), in
    two columns when they do not fit in one."""
    top, bottom = pdf.y, pdf.h - BOTTOM
    line = 4.6
    per_column = max(1, int((bottom - top) / line))
    columns = 1 if len(outline) <= per_column else 2
    width = (CONTENT_W - 8 * (columns - 1)) / columns
    pdf.set_font(FAMILY, size=8.5)
    pdf.set_text_color(*INK)
    for i, section in enumerate(outline):
        column, row = divmod(i, per_column)
        if column >= columns:
            break
        pdf.set_xy(MARGIN + column * (width + 8), top + row * line)
        link = pdf.add_link(page=section.page_number)
        number = str(section.page_number)
        room = width - pdf.get_string_width(number) - 4
        title = section.name
        while pdf.get_string_width(title) > room and len(title) > 4:
            title = title[:-2].rstrip() + "…"
        pdf.cell(room, line, title, link=link)
        pdf.cell(width - room, line, number, align="R", link=link)


def _chart(fig: Figure, height_mm: float | None = None) -> tuple[bytes, float]:
    """The chart at the page's width (fonts set for that size) and its height in mm; as
    tall as its rows need, or `height_mm` (rows closer together, text the same size)."""
    width_px = round(CONTENT_W / MM_PER_PX)
    height_px = round(height_mm / MM_PER_PX) if height_mm else None
    spec = documents.print_spec(fig.spec, width_px, CHART_FONT_PX, height_px)
    image = documents.png(spec, scale=3)
    w, h = Image.open(io.BytesIO(image)).size
    return image, CONTENT_W * h / w


def _table(pdf, table: pd.DataFrame) -> None:
    """The figure's values as a real table: one column per label, value, base, interval."""
    table = table.loc[:, [c for c in table if (table[c] != "").any() or c == table.columns[-2]]]
    pdf.set_font(FAMILY, size=9)
    pdf.set_text_color(*INK)
    widths = _fit(
        [max(pdf.get_string_width(str(v)) for v in [col, *table[col]]) + 6 for col in table]
    )
    total = sum(widths)
    from fpdf.fonts import FontFace

    with pdf.table(
        width=total,
        col_widths=widths,
        align="LEFT",
        text_align="LEFT",
        line_height=4.8,
        padding=(0.8, 2),
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=(249, 250, 251),
        cell_fill_mode="ROWS",
        headings_style=FontFace(emphasis="BOLD", fill_color=(243, 244, 246)),
        first_row_as_headings=True,
    ) as t:
        t.row([str(c) for c in table.columns])
        for values in table.itertuples(index=False):
            t.row([str(v) for v in values])


def _fit(widths: list[float], room: float = CONTENT_W) -> list[float]:
    """Column widths that fit `room`: only the widest columns give way (they wrap), down to
    a common cap; a short column ("Value", "Base N") keeps its width, so no word breaks."""
    if sum(widths) <= room:
        return widths
    cap = max(widths)
    for w in sorted(widths, reverse=True):
        narrow = [x for x in widths if x < w]
        cap = (room - sum(narrow)) / (len(widths) - len(narrow))
        if cap >= max(narrow, default=0):
            break
    return [min(w, cap) for w in widths]


def _block(pdf, item: Item, chart: tuple[bytes, float], chart_h: float) -> None:
    """One figure: title (a story step's sentence), chart, table, source line, original
    passage (a story step's link back to its view)."""
    fig = item.fig
    pdf.start_section(fig.title)  # a bookmark, and a line of the cover's contents
    _write(pdf, fig.title, 13, bold=True, height=6.5)
    if item.sentence:
        _write(pdf, item.sentence, 12, ACCENT, bold=True, height=6)
        _write(pdf, f"({item.said_by})", 8, MUTED, height=4)
    pdf.ln(1)
    if chart_h > 0:  # 0: measuring what surrounds the chart
        pdf.image(
            io.BytesIO(chart[0]),
            x=MARGIN,
            w=CONTENT_W * chart_h / chart[1],
            h=chart_h,
            alt_text=fig.spec.get("description"),  # tagged: the chart's values in words
        )
    pdf.ln(2)
    _table(pdf, fig.table())
    pdf.ln(1.5)
    for line in fig.marks_key:  # the key to the chart's '*' and to what was not tested
        _write(pdf, line, 8, MUTED, height=4)
    _write(pdf, documents.source_line(fig), 8, MUTED, height=4)
    for passage in documents.passages(fig):
        _write(pdf, f"« {passage} »", 8, MUTED, height=4)
    if item.sentence:
        _write(pdf, documents.labelled("story_view", item.link, fig.lang), 8, ACCENT, height=4)


def _height(scratch, draw) -> float:
    """How tall `draw(scratch)` is from the top of a page of a scratch copy of the PDF
    (same fonts and page size; never output)."""
    scratch.add_page()
    start_page, start = scratch.page, scratch.y
    draw(scratch)
    return scratch.y - start + (scratch.page - start_page) * scratch.eph


def _place(pdf, scratch, item: Item) -> None:
    """Start a new page only when the whole figure does not fit on this one, even with its
    rows drawn closer together (down to SQUEEZE of their height). A figure longer than a
    page starts on a page of its own, its chart at most LONG of the page (rows closer,
    text the same size), its table running on (the table repeats its headings)."""
    fig = item.fig
    chart = _chart(fig)
    rest = _height(scratch, lambda p: _block(p, item, chart, 0.0))
    room = pdf.h - BOTTOM - TOP
    if chart[1] + rest > room and chart[1] > LONG * room:  # never a chart without its title
        chart = _chart(fig, LONG * room)
    if pdf.get_y() > TOP + 1:  # below another figure
        pdf.ln(GAP)
    left = pdf.h - BOTTOM - pdf.get_y() - rest
    squeezed = None
    if chart[1] > left >= max(SQUEEZE * chart[1], 20.0):
        squeezed = _chart(fig, left - 1)
        squeezed = squeezed if squeezed[1] <= left else None
    if squeezed:
        chart = squeezed
    elif chart[1] > left:
        pdf.add_page()
    _block(pdf, item, chart, chart[1])


def _profile(pdf, view: View) -> None:
    """Benchmark yourself: the company's answers (labelled as the user's own) placed in
    words against the published tiers and bands, with the passages they rest on."""
    from cxdash import benchmark

    lang = view.lang
    lines, sources = benchmark.profile_lines(view.answers, lang)
    pdf.add_page()
    title = i18n.t("bm_profile_title", lang)
    pdf.start_section(title)
    _write(pdf, title, 16, bold=True, height=8)
    pdf.ln(2)
    for line in lines or [i18n.t("bm_profile_none", lang)]:
        _write(pdf, line, 11, height=6)
        pdf.ln(1)
    pdf.ln(3)
    _write(pdf, i18n.t("bm_source", lang), 10.5, bold=True, height=5.5)
    for source in sources:
        _write(pdf, source, 8.5, MUTED, height=4.2)


def _closing(pdf, view: View, items: list[Figure]) -> None:
    lang = view.lang
    pdf.add_page()
    pdf.start_section(i18n.t("doc_method", lang))
    _write(pdf, i18n.t("doc_method", lang), 16, bold=True, height=8)
    pdf.ln(2)
    surveys = i18n.pick(data.run("surveys"), lang).set_index("survey_id")
    for sid in dict.fromkeys(f.records[0]["survey_id"] for f in items):
        s = surveys.loc[sid]
        _write(pdf, cite.citation(sid, lang), 10.5, bold=True, height=5.5)
        for text in (s["population"], s["method"]):
            if isinstance(text, str):
                _write(pdf, text, 8.5, MUTED, height=4.2)
        if pd.notna(s["sample_n"]) and pd.notna(s["margin_of_error_pts"]):
            line = i18n.t(
                "doc_sample", lang, n=int(s["sample_n"]), moe=f"{s['margin_of_error_pts']:g}",
                conf=f"{s['confidence_pct']:g}",
            )  # fmt: skip
            _write(pdf, line, 8.5, MUTED, height=4.2)
        elif pd.notna(s["sample_n"]):
            _write(pdf, i18n.t("doc_sample_n", lang, n=int(s["sample_n"])), 8.5, MUTED, height=4.2)
        pdf.ln(2)
    _write(pdf, i18n.t("doc_statistics", lang), 8.5, MUTED, height=4.2)
    pdf.ln(4)
    _write(pdf, i18n.t("doc_flags", lang), 12, bold=True, height=6.5)
    flagged = [(f, r) for f in items for r in f.flags]
    if not flagged:
        _write(pdf, i18n.t("doc_no_flags", lang), 8.5, MUTED, height=4.2)
    for fig, (flag, why) in flagged:
        _write(pdf, f"{fig.title} — {i18n.t(f'flag_{flag}', lang)}", 8.5, bold=True, height=4.2)
        if why:
            _write(pdf, why, 8.5, MUTED, height=4.2)


def build_report(view: View, base_url: str, progress: Progress | None = None) -> bytes:
    """The view as a PDF (A4 landscape)."""
    lang = view.lang
    link = view.url(base_url)
    items = documents.items(view, base_url)
    figs = [i.fig for i in items]
    short = link if len(link) <= 90 else f"{link[:89]}…"  # a story's link is long
    running = f"{i18n.t('app_title', lang)} — {documents.page_title(view)} · {short}"
    pdf, scratch = _pdf(view, running), _pdf(view, running)
    _cover(pdf, view, figs, link)
    if view.page == "benchmark":
        _profile(pdf, view)
    for i, item in enumerate(items):
        if view.page == "story" and i:  # a story: one step per page
            pdf.add_page()
        _place(pdf, scratch, item)
        if progress:
            progress(i + 1, len(items))
    _closing(pdf, view, figs)
    return bytes(pdf.output())
