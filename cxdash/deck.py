"""The slide deck of any view (16:9): a title slide (the view in words, the date, the link
that reopens it, the surveys cited), then one slide per chart: its title, the chart filling
the body at the slide's own size (every text at least 14 pt once placed), a footnote citing
the document with base N, interval note and the link, and the source passage and flags in
the speaker notes. The PDF of a view is report.py; what both say is documents.py."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from cxdash import documents, i18n
from cxdash.documents import Item, Progress
from cxdash.figures import Figure
from cxdash.report import build_report  # noqa: F401  (the app's share tools call deck.*)
from cxdash.view import View

HEIGHT = Inches(7.5)
WIDTH = Emu(HEIGHT * 16 // 9)  # 13.33 in: exactly 16:9
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.85)
BODY_TOP, BODY_HEIGHT = Inches(1.3), Inches(4.7)
FOOT_TOP = BODY_TOP + BODY_HEIGHT + Inches(0.08)
SENTENCE_HEIGHT = Inches(0.95)  # a story step's sentence (20 pt, two lines) and whose it is
BODY_WIDTH = WIDTH - 2 * MARGIN
CHART_FONT_PX = 20  # 15 pt at the slide's size: the chart is rendered at its placed size
MIN_PT = 14
SCALE = 2  # pixels per CSS pixel in the picture (sharp on a projector)
ACCENT, INK, MUTED = RGBColor(0x00, 0x72, 0xB2), RGBColor(0x1F, 0x29, 0x37), RGBColor(75, 85, 99)
LATIN, EAST_ASIAN = "Calibri", "Microsoft JhengHei"

slides = documents.shown  # the figures a deck (or PDF) of the view shows


@dataclass(frozen=True)
class Chart:
    """A figure's chart as placed on a slide: the spec it was rendered from and the PNG."""

    spec: dict
    png: bytes


def slide_spec(fig: Figure, height: int = BODY_HEIGHT) -> dict:
    """The chart's spec at the body's physical size (96 px to the inch), fonts set for
    that size: placed at BODY_WIDTH, one CSS pixel is 0.75 pt."""
    width_px = round(BODY_WIDTH / Inches(1) * documents.PX_PER_INCH)
    height_px = round(height / Inches(1) * documents.PX_PER_INCH)
    spec = documents.print_spec(fig.spec, width_px, CHART_FONT_PX, height_px)
    return documents.fill(spec, *documents.bands(fig), max_bar_px=72)


def slide_chart(fig: Figure, height: int = BODY_HEIGHT) -> Chart:
    spec = slide_spec(fig, height)
    return Chart(spec, documents.png(spec, scale=SCALE))


def _text(slide, text: str, box: tuple, size: int, **style) -> None:
    """A text box; `style`: bold, colour, align, link (the whole text links there)."""
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    frame.vertical_anchor = style.get("anchor", MSO_ANCHOR.TOP)
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = style.get("align", PP_ALIGN.LEFT)
        run = para.add_run()
        run.text = line
        _font(run, size, style.get("bold", False), style.get("color", INK))
        if style.get("link") and line.startswith("http"):
            run.hyperlink.address = line


def _font(run, size: int, bold: bool, color: RGBColor) -> None:
    font = run.font
    font.size, font.bold, font.name = Pt(size), bold, LATIN
    font.color.rgb = color
    rpr = run._r.get_or_add_rPr()  # 繁體中文 text takes the East Asian typeface
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = rpr.makeelement(qn("a:ea"), {})
        rpr.append(ea)
    ea.set("typeface", EAST_ASIAN)


def _bar(slide, left, top, width, height, color: RGBColor = ACCENT) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = color
    shape.line.fill.background()


def _title_slide(prs, view: View, items: list[Figure], link: str) -> None:
    lang = view.lang
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _bar(slide, 0, 0, Inches(0.3), HEIGHT)
    left, width = Inches(1.0), WIDTH - Inches(1.6)
    _text(slide, i18n.t("app_title", lang), (left, Inches(0.9), width, Inches(0.5)), 20,
          color=ACCENT, bold=True)  # fmt: skip
    _text(slide, documents.page_title(view), (left, Inches(1.45), width, Inches(0.9)), 40,
          bold=True)  # fmt: skip
    lines = [
        documents.view_in_words(view),
        i18n.t("doc_made", lang, date=date.today().isoformat(), n=len(items)),
    ]
    _text(slide, "\n".join(lines), (left, Inches(2.5), width, Inches(1.0)), 20, color=MUTED)
    _text(slide, i18n.t("doc_reopen", lang), (left, Inches(3.55), width, Inches(0.4)), 16,
          bold=True)  # fmt: skip
    _text(slide, link, (left, Inches(3.95), width, Inches(0.4)), 16, color=ACCENT, link=True)
    cites = documents.citations(items, lang)
    _text(slide, i18n.t("doc_sources", lang), (left, Inches(4.6), width, Inches(0.4)), 16,
          bold=True)  # fmt: skip
    _text(slide, "\n".join(cites), (left, Inches(5.0), width, Inches(2.0)), 14, color=MUTED)


def _title_pt(title: str) -> int:
    """28 pt for a title that fits one line; smaller (never under 20) so a long one fits
    two lines of the title box. Widths are estimated: a CJK character is one em, a Latin
    one about half."""
    ems = sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in title)
    for size in (28, 24, 20):
        lines = ems * size / (BODY_WIDTH / Pt(1))
        if lines <= 1 or (size < 28 and lines <= 2 and 2.4 * size <= TITLE_HEIGHT / Pt(1)):
            return size
    return 20


def _chart_slide(prs, item: Item, number: str) -> None:
    """One chart (below a story step's sentence, when it has one)."""
    fig, link = item.fig, item.link
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, fig.title, (MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT), _title_pt(fig.title),
          bold=True, anchor=MSO_ANCHOR.BOTTOM)  # fmt: skip
    _bar(slide, MARGIN, TITLE_TOP + TITLE_HEIGHT + Inches(0.05), Inches(1.2), Inches(0.05))
    top = BODY_TOP
    if item.sentence:
        _text(slide, f"{item.sentence}\n({item.said_by})",
              (MARGIN, top, BODY_WIDTH, SENTENCE_HEIGHT), 20, color=ACCENT, bold=True)  # fmt: skip
        top += SENTENCE_HEIGHT
    chart = slide_chart(fig, BODY_TOP + BODY_HEIGHT - top)
    picture = slide.shapes.add_picture(io.BytesIO(chart.png), MARGIN, top, width=BODY_WIDTH)
    picture._element.nvPicPr.cNvPr.set("descr", fig.spec["description"])  # alt text
    number_box = (WIDTH - MARGIN - Inches(0.9), HEIGHT - Inches(0.55), Inches(0.9), Inches(0.4))
    _text(slide, number, number_box, MIN_PT, color=MUTED, align=PP_ALIGN.RIGHT)
    foot = (MARGIN, FOOT_TOP, BODY_WIDTH - Inches(1.0), HEIGHT - FOOT_TOP - Inches(0.15))
    _text(slide, documents.footnote(fig, link), foot, MIN_PT, color=MUTED, link=True)  # last
    slide.notes_slide.notes_text_frame.text = documents.notes(fig)


def _profile_slide(prs, view: View, link: str) -> None:
    """Benchmark yourself: the company's answers, labelled as the user's own, placed in
    words against the published tiers and bands."""
    from cxdash import benchmark

    lang = view.lang
    lines, sources = benchmark.profile_lines(view.answers, lang)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    title = i18n.t("bm_profile_title", lang)
    _text(slide, title, (MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT), _title_pt(title),
          bold=True, anchor=MSO_ANCHOR.BOTTOM)  # fmt: skip
    _bar(slide, MARGIN, TITLE_TOP + TITLE_HEIGHT + Inches(0.05), Inches(1.2), Inches(0.05))
    body = "\n".join(lines) or i18n.t("bm_profile_none", lang)
    _text(slide, body, (MARGIN, BODY_TOP, BODY_WIDTH, BODY_HEIGHT), 16 if len(lines) < 8 else 14)
    foot = (MARGIN, FOOT_TOP, BODY_WIDTH, HEIGHT - FOOT_TOP - Inches(0.15))
    _text(slide, "\n".join([*sources[:2], link]), foot, MIN_PT, color=MUTED, link=True)
    slide.notes_slide.notes_text_frame.text = "\n\n".join(sources)


def build_deck(view: View, base_url: str, progress: Progress | None = None) -> bytes:
    """The view as a .pptx (16:9)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    link = view.url(base_url)
    items = documents.items(view, base_url)
    _title_slide(prs, view, [i.fig for i in items], link)
    if view.page == "benchmark":
        _profile_slide(prs, view, link)
    for i, item in enumerate(items):
        _chart_slide(prs, item, f"{i + 2} / {len(items) + 1}")
        if progress:
            progress(i + 1, len(items))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
