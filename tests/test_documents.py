"""The PDF and the slide deck of a view, looked at as a reader would: the PDF rendered to PNG
pages (poppler's pdftoppm) and its text extracted (pdftotext), the deck opened with
python-pptx and measured. Expected numbers are read from the CSVs (the documents), not
typed in. No fixture here is invented: every view is a real view of the real data."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from cxdash import data, deck, documents, figures, i18n, report, view
from cxdash.palette import COUNTRY_COLORS
from cxdash.paths import DATA_DIR
from tests.zh_support import latin_sentences

JAPAN = "countries?country=Japan"
CHAMPION_ZH = "tiers?tier=Champion&lang=zh"
BASE = "http://cx.example"
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm") or not shutil.which("pdftotext"),
    reason="poppler-utils (pdftoppm, pdftotext): apt-get install poppler-utils",
)


def parse(text: str) -> view.View:
    return view.parse_text(text, data.vocabulary())


def rows(survey: str, kind: str) -> list[dict]:
    out = []
    for path in sorted((DATA_DIR / survey).glob(f"{kind}_*.csv")):
        with path.open(encoding="utf-8") as fh:
            out += list(csv.DictReader(fh))
    return out


def apac() -> dict:
    with (DATA_DIR / "apac" / "survey.csv").open(encoding="utf-8") as fh:
        return next(csv.DictReader(fh))


# --- the pipeline: Japan is Japan -----------------------------------------------------------


def test_a_filtered_country_keeps_its_label_colour_and_table_column():
    """The bug the PDF showed (every bar grey, labelled "All tiers") came from deciding a
    chart's layout on the filtered rows; layout, colour and table columns are now decided
    on all of a figure's published values."""
    items = figures.page_figures(parse(JAPAN))[0]
    assert len(items) >= 10
    for fig in items:
        shown = fig.spec["datasets"]["values"]
        assert {r["country_label"] for r in shown} == {"Japan"}, fig.figure_id
        assert "All tiers" not in {r["row"] for r in shown}, fig.figure_id
        assert fig.table()["Country / region"].tolist() == ["Japan"] * len(shown)
        scales = [
            n["scale"]
            for n in documents._nodes(fig.spec)
            if n.get("field") == "country_label" and "scale" in n
        ]
        for scale in scales:  # bars in Japan's colour, never the grey of "All"
            assert dict(zip(scale["domain"], scale["range"]))["Japan"] == COUNTRY_COLORS["Japan"]


# --- the PDF ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def japan_pdf(tmp_path_factory):
    """(text of each page, PNG of each page) of the Japan report."""
    folder = tmp_path_factory.mktemp("pdf")
    path = folder / "japan.pdf"
    path.write_bytes(report.build_report(parse(JAPAN), BASE))
    subprocess.run(["pdftoppm", "-png", "-r", "30", path, folder / "page"], check=True)
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")[:-1]
    pngs = sorted(folder.glob("page-*.png"))
    assert len(pages) == len(pngs)
    return pages, pngs


@needs_poppler
def test_pdf_is_landscape_a4_with_a_cover_figures_and_a_closing_page(japan_pdf):
    pages, pngs = japan_pdf
    for png in pngs:
        w, h = Image.open(png).size
        assert abs(w / h - 297 / 210) < 0.01, png.name
    n_figures = len(documents.shown(parse(JAPAN)))
    # short figures share a page: far fewer pages than figures, and no page per figure
    assert 3 <= len(pages) - 2 < n_figures
    assert "Method notes" in pages[-1]


@needs_poppler
def test_pdf_cover_says_the_view_date_link_and_citation(japan_pdf):
    cover = " ".join(japan_pdf[0][0].split())
    survey = apac()
    assert "Page: Countries" in cover and "Country / region: Japan" in cover
    assert "Language: English" in cover
    assert f"{BASE}/{JAPAN}" in cover
    assert f"{survey['publisher_en']} ({survey['published_year']})" in cover
    assert survey["title_en"] in cover
    assert survey["document"] not in cover


@needs_poppler
def test_every_chart_page_names_japan_with_table_headers_and_a_page_number(japan_pdf):
    pages = japan_pdf[0]
    for n, page in enumerate(pages[1:-1], start=2):
        assert "Japan" in page, n
        for header in ("Country / region", "Value", "Base N", "95% interval"):
            assert header in page, (n, header)
        assert f"Page {n} / {len(pages)}" in page
        assert apac()["title_en"] in page  # the source line cites the report


@needs_poppler
def test_pdf_tables_hold_the_documents_values_for_japan(japan_pdf):
    """Every value the documents print for Japan on the Countries page is in a table, with
    its printed base."""
    text = " ".join(" ".join(japan_pdf[0][1:-1]).split())
    page = {f["figure_id"]: f for f in rows("apac", "figures") if f["page"] == "countries"}
    values = rows("apac", "values")
    japan = [r for r in values if r["country"] == "Japan" and r["figure_id"] in page]
    assert len(japan) >= 15
    for r in japan:
        unit = page[r["figure_id"]]["unit"]
        printed = r["value"] + ("%" if unit == "percent" else "")
        assert f"Japan {r['year']} {printed}" in text or f" {printed} " in text, r["value_id"]
        if r["base_n"]:
            assert f"{printed} {r['base_n']}" in text, r["value_id"]


@needs_poppler
def test_pdf_closing_page_has_method_and_the_flags_of_the_figures_shown(japan_pdf):
    closing = " ".join(japan_pdf[0][-1].split())
    assert "±6 points at 95% confidence" in closing  # survey.csv: margin 6, confidence 95
    flags = [flag for f in documents.shown(parse(JAPAN)) for flag, _ in f.flags]
    for flag in flags:
        assert i18n.t(f"flag_{flag}", "en") in closing, flag
    if not flags:
        assert i18n.t("doc_no_flags", "en") in closing
    # Australia's 205 against the tier chart is Australia's value's flag, not Japan's
    values = rows("apac", "values")
    (australia,) = [r for r in values if r["value_id"] == "apac_country_agent_throughput.australia"]
    assert australia["flag"] == "inconsistent" and "Australia alone (205" in australia["note_en"]
    assert "Australia alone" not in closing


@needs_poppler
def test_pdf_pages_are_filled_not_mostly_blank(japan_pdf):
    """Every page of figures but the last is inked at least down to 60% of its height."""
    for png in japan_pdf[1][1:-2]:
        image = Image.open(png).convert("L")
        w, h = image.size
        body = image.crop((0, 0, w, int(h * 0.93)))  # above the running footer
        inked = [y for y in range(body.height) if min(body.crop((0, y, w, y + 1)).getdata()) < 200]
        assert inked and inked[-1] > 0.6 * h, png.name


# --- the deck --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def champion_deck():
    v = parse(CHAMPION_ZH)
    return Presentation(io.BytesIO(deck.build_deck(v, BASE))), deck.slides(v)


def test_deck_is_16_9_with_a_title_slide_and_one_slide_per_chart(champion_deck):
    prs, items = champion_deck
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert len(prs.slides) == 1 + len(items) >= 20
    title = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "成熟度等級" in title and f"{BASE}/{CHAMPION_ZH}" in title
    assert apac()["title_zh"] in title and apac()["publisher_zh"] in title


def test_the_chart_covers_most_of_the_body_on_every_chart_slide(champion_deck):
    prs, _ = champion_deck
    body = (deck.MARGIN, deck.BODY_TOP, deck.MARGIN + deck.BODY_WIDTH, deck.FOOT_TOP)
    area = (body[2] - body[0]) * (body[3] - body[1])
    for n, slide in enumerate(list(prs.slides)[1:], start=2):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1, n
        p = pictures[0]
        x0, y0 = max(p.left, body[0]), max(p.top, body[1])
        x1, y1 = min(p.left + p.width, body[2]), min(p.top + p.height, body[3])
        assert (x1 - x0) * (y1 - y0) >= 0.6 * area, n


def test_every_text_on_every_slide_is_at_least_14_pt(champion_deck):
    prs, _ = champion_deck
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    assert run.font.size is not None and run.font.size >= Pt(14), (n, run.text)


def test_chart_text_is_at_least_14_pt_once_placed(champion_deck):
    """The font sizes of the spec each chart was rendered from, times the scale it was
    placed at (the picture's width on the slide over the image's width in CSS pixels)."""
    prs, items = champion_deck
    for slide, fig in zip(list(prs.slides)[1:], items):
        picture = next(s for s in slide.shapes if s.shape_type == 13)
        css_px = picture.image.size[0] / deck.SCALE
        placed_px = Emu(picture.width) / Inches(1) * documents.PX_PER_INCH
        scale = placed_px / css_px
        assert 0.97 < scale < 1.03, fig.figure_id  # rendered at the slide's size
        spec = deck.slide_spec(fig)
        assert min(documents.font_sizes(spec)) * documents.PT_PER_PX * scale >= 14, fig.figure_id


def test_footnote_cites_the_document_with_base_and_link_and_notes_hold_the_source(
    champion_deck,
):
    prs, items = champion_deck
    survey, link = apac(), f"{BASE}/{CHAMPION_ZH}"
    values = {r["value_id"]: r for r in rows("apac", "values")}
    for slide, fig in zip(list(prs.slides)[1:], items):
        foot = slide.shapes[-1].text_frame.text
        assert survey["title_zh"] in foot and survey["publisher_zh"] in foot, fig.figure_id
        assert f"{survey['published_year']} 年" in foot and link in foot
        assert survey["document"] not in foot
        notes = slide.notes_slide.notes_text_frame.text
        for r in fig.records:
            assert values[r["value_id"]]["source_zh"] in notes, r["value_id"]
            if values[r["value_id"]]["base_n"]:
                assert f"N={values[r['value_id']]['base_n']}" in foot, r["value_id"]
        for flag in documents.flags(fig):
            assert flag in notes
    first = items.index(next(f for f in items if f.figure_id == "apac_first_response_hours"))
    champion = values["apac_first_response_hours.champion"]
    assert f"N={champion['base_n']}" in prs.slides[first + 1].shapes[-1].text_frame.text
    assert "附公布樣本數的比例" in " ".join(
        s.shapes[-1].text_frame.text for s in prs.slides if len(s.shapes) > 3
    )


# --- 繁體中文 all the way through: notes, flags, speaker notes, the closing page ---------------


def _figure(figure_id: str, lang: str) -> figures.Figure:
    suffix = "&lang=zh" if lang == "zh" else ""
    return figures.figure(figure_id, parse(f"explore?figure={figure_id}{suffix}"))


def _translated(notes: str, lang: str) -> str:
    """Speaker notes without the lines quoting the document (its caption and passages, in the
    document's own language)."""
    quoted = tuple(documents.labelled(k, "", lang) for k in ("source_caption", "source_passage"))
    return "\n".join(line for line in notes.splitlines() if not line.startswith(quoted))


def test_every_figures_notes_and_flags_are_chinese_in_zh_and_english_in_en():
    """What the Source tab (判讀說明, 資料註記), the deck's speaker notes and the PDF's closing
    page say about each of the 116 figures, in 繁體中文: no English sentence."""
    ids = list(data.catalog()["figure_id"])
    with_notes = 0
    for figure_id in ids:
        zh, en = _figure(figure_id, "zh"), _figure(figure_id, "en")
        said = documents.reading(zh) + [why for _, why in zh.flags]
        with_notes += bool(said)
        for text in said:
            assert not latin_sentences(text), (figure_id, latin_sentences(text))
        assert not latin_sentences(_translated(documents.notes(zh), "zh")), figure_id
        assert len(documents.reading(en)) == len(documents.reading(zh)), figure_id
        assert [f for f, _ in en.flags] == [f for f, _ in zh.flags]
        for text in documents.reading(en) + [why for _, why in en.flags]:
            assert not text or text not in said, figure_id  # the English is not what zh shows
    assert len(ids) == 116 and with_notes >= 97


def test_the_first_response_notes_are_the_documents_translation():
    """apac_first_response_hours: its order was worked out from the text (快 29%); the reader of
    繁體中文 reads the 繁體中文 note of figures_charts.csv, the English reader the English."""
    (row,) = [r for r in rows("apac", "figures") if r["figure_id"] == "apac_first_response_hours"]
    zh, en = _figure("apac_first_response_hours", "zh"), _figure("apac_first_response_hours", "en")
    assert zh.flags == [("order_inferred", row["flag_note_zh"])]
    assert en.flags == [("order_inferred", row["flag_note_en"])]
    assert documents.reading(zh)[0] == row["note_zh"] and "快 29%" in row["note_zh"]
    notes = documents.notes(zh)
    assert f"判讀說明：{row['note_zh']}" in notes and row["note_en"] not in notes


def test_zh_deck_speaker_notes_hold_no_english_sentence(champion_deck):
    prs, items = champion_deck
    for slide, fig in zip(list(prs.slides)[1:], items):
        notes = slide.notes_slide.notes_text_frame.text
        assert not latin_sentences(_translated(notes, "zh")), fig.figure_id


@needs_poppler
def test_zh_pdf_closing_page_explains_flags_in_chinese(tmp_path):
    (row,) = [r for r in rows("apac", "figures") if r["figure_id"] == "apac_first_response_hours"]
    path = tmp_path / "zh.pdf"
    path.write_bytes(report.build_report(parse(f"explore?figure={row['figure_id']}&lang=zh"), BASE))
    text = subprocess.run(
        ["pdftotext", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    closing = text.split("\f")[:-1][-1]
    assert "方法說明" in closing and row["flag_note_zh"] in closing
    assert row["flag_note_en"] not in closing
    assert not latin_sentences(closing), latin_sentences(closing)


# --- marks, citations and flags of a filtered view (issue 16: items 1, 5, 10) ---------------


def test_a_starred_value_on_a_slide_has_its_key_and_untested_ones_say_so(champion_deck):
    prs, items = champion_deck
    star = i18n.t("marks_sig", "zh")
    keyed = 0
    for slide, fig in zip(list(prs.slides)[1:], items):
        foot = slide.shapes[-1].text_frame.text
        drawn = [r["value_text"] for r in fig.spec["datasets"]["values"]]
        if any(t.endswith("*") for t in drawn):
            assert star in foot, fig.figure_id
            keyed += 1
        if fig.figure_id == "apac_first_response_hours":  # 1.7 h: an average, not tested
            assert drawn == ["1.7 小時"]
            assert i18n.t("marks_untested", "zh", why=i18n.t("why_mean", "zh")) in foot
    assert keyed >= 10


def test_a_champion_slide_carries_no_flag_of_starters_sums(champion_deck):
    prs, items = champion_deck
    sums = i18n.t("flag_sum_off", "zh")
    by_id = {f.figure_id: s for s, f in zip(list(prs.slides)[1:], items)}
    for figure_id in ("apac_cross_channel_visibility", "apac_exec_review_frequency"):
        slide = by_id[figure_id]
        assert sums not in slide.shapes[-1].text_frame.text, figure_id
        assert sums not in slide.notes_slide.notes_text_frame.text, figure_id


def test_no_slide_names_a_document_by_its_file(champion_deck):
    prs, _ = champion_deck
    for n, slide in enumerate(prs.slides, start=1):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        texts.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        assert not any(".txt" in t for t in texts), n


def test_every_footnote_fits_its_box(champion_deck):
    """Lines estimated as the title's are (a CJK character one em, a Latin one half)."""
    prs, _ = champion_deck
    for n, slide in enumerate(list(prs.slides)[1:], start=2):
        box = slide.shapes[-1]
        width = box.width / Pt(1)
        lines = sum(
            max(1, -(-sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in para) * 14 // width))
            for para in box.text_frame.text.split("\n")
        )
        assert lines * 14 * 1.2 <= box.height / Pt(1), (n, lines)


@needs_poppler
def test_pdf_names_no_file_and_keys_its_marks(japan_pdf):
    text = " ".join(" ".join(japan_pdf[0]).split())
    assert ".txt" not in text
    untested = i18n.t("marks_untested", "en", why=i18n.t("why_no_base", "en"))
    assert untested in text  # Japan's switching-channels share: no base printed
    assert "not tested: base not published" in text


def _closing_text(text: str, tmp_path) -> str:
    v = parse(text)
    pdf = report._pdf(v, "running")
    report._closing(pdf, v, documents.shown(v))
    path = tmp_path / "closing.pdf"
    path.write_bytes(bytes(pdf.output()))
    return subprocess.run(
        ["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout


@needs_poppler
def test_pdf_closing_page_lists_flags_of_shown_values_only_left_aligned(tmp_path):
    champion = _closing_text(CHAMPION_ZH, tmp_path)
    assert i18n.t("flag_sum_off", "zh") not in champion  # Starters' sums: not shown
    assert i18n.t("flag_order_ambiguous", "zh") in champion  # which chart is which: shown
    # left-aligned: justified lines spread "ESG 在 2021 年第二季" into wide gaps
    assert "ESG 在 2021 年第二季" in champion
    starter = _closing_text("tiers?tier=Starter&lang=zh", tmp_path)
    assert i18n.t("flag_sum_off", "zh") in starter


# --- a note reaches only the reader shown the values it is about (issue 16, item 10) ---------

QUOTED = re.compile(r"「[^」]*」|\"[^\"]*\"|“[^”]*”")  # the document quoted: its own words
# Figure notes that name tiers or countries because they say how *every* value was read (the
# claim that fixes the reading names the groups it compares). Only the figure's own note is
# excused, never a value's note or a flag.
READ_BY_GROUPS = {
    "apac_customer_360_view": "the by-tier reading, confirmed by 有 80% 的領航者 and 80/15",
    "apac_customer_spend_change": "the by-tier reading, confirmed by 71% 的領航者",
    "apac_covid_policy_changes": "which 8 of 16 numbers are Starter's and which Champion's",
    "apac_maturity_distribution": "the by-year reading, confirmed by the Champion share 17 -> 23",
    "apac_country_ces_easy": "分別有 87% 和 83% matched to the two countries in order",
    "apac_country_agent_throughput": "the ranking as printed: every country with its value",
}


def _members(name: str) -> dict[str, list[str]]:
    """code -> its labels in English and 繁體中文 (data/dimensions), for the tiers and the
    countries (not the regions: APAC and other regions are compared, not filtered apart)."""
    with (DATA_DIR / "dimensions" / f"{name}.csv").open(encoding="utf-8") as fh:
        rows_ = [r for r in csv.DictReader(fh) if r.get("is_region", "false") == "false"]
    return {r[name[:-1] if name == "tiers" else "country"]: [r["label_en"], r["label_zh"]]
            for r in rows_ if r["label_en"] != "All tiers"}  # fmt: skip


def _names(text: str, labels: list[str]) -> bool:
    bare = QUOTED.sub("", text).lower()
    return any(label.lower() in bare for label in labels)


def _said(fig: figures.Figure) -> list[tuple[str, str]]:
    """(where, text) of everything the Source tab, speaker notes and closing page say of the
    shown values besides the document's own words: the reading notes and the flags."""
    figure_notes = {r["figure_note"] for r in fig.records if r.get("figure_note")}
    notes = documents.reading(fig)
    out = [("figure note" if n in figure_notes else "value note", n) for n in notes]
    return out + [("flag " + flag, why) for flag, why in fig.flags if why]


def test_no_note_or_flag_of_a_single_tier_or_country_view_names_a_group_filtered_out():
    """For every figure, every tier and every country it publishes values for, in both
    languages: what is said of the shown values never names another tier or country whose
    values the filter left out (the Champion deck said "Starter answers sum to 97")."""
    checked, named = 0, []
    for dim, name in (("tier", "tiers"), ("country", "countries")):
        members = _members(name)
        for figure_id in data.catalog()["figure_id"]:
            for lang in ("en", "zh"):
                full = _figure(figure_id, lang)
                published = {r[dim] for r in full.records} & set(members)
                for shown in published if len(published) > 1 else ():
                    suffix = f"&{dim}={shown.replace(' ', '+')}&lang={lang}"
                    fig = figures.figure(figure_id, parse(f"explore?figure={figure_id}{suffix}"))
                    assert {r[dim] for r in fig.records} == {shown}, (figure_id, shown)
                    for where, text in _said(fig):
                        if where == "figure note" and figure_id in READ_BY_GROUPS:
                            continue
                        hidden = [m for m in published - {shown} if _names(text, members[m])]
                        named += [(figure_id, shown, lang, where, hidden, text)] if hidden else []
                    checked += 1
    assert not named, named
    assert checked >= 150


def _value_note(value_id: str, lang: str) -> str:
    (row,) = [r for r in rows("apac", "values") if r["value_id"] == value_id]
    return row[f"note_{lang}"]


def test_starters_sums_are_said_with_starters_only(champion_deck, tmp_path):
    """The sentence on the Starter answers' sum (4 + 16 + 77 = 97) is the Starter values' own
    note: in the Starter view's flags, never in the Champion deck's notes or closing page."""
    starter_sum = _value_note("apac_cross_channel_visibility.starter_good", "zh")
    assert "97%（4 + 16 + 77）" in starter_sum and "入門新手" in starter_sum
    prs, items = champion_deck
    for slide, fig in zip(list(prs.slides)[1:], items):
        notes = slide.notes_slide.notes_text_frame.text
        assert "入門新手的答案合計" not in notes, fig.figure_id
    starter = figures.figure(
        "apac_cross_channel_visibility",
        parse("explore?figure=apac_cross_channel_visibility&tier=Starter&lang=zh"),
    )
    assert starter.flags == [("sum_off", starter_sum)]
    assert starter_sum not in documents.reading(starter)  # said once, with its flag
    if shutil.which("pdftotext"):
        champion = "".join(_closing_text(CHAMPION_ZH, tmp_path).split())
        assert "入門新手" not in champion
        starter_page = "".join(_closing_text("tiers?tier=Starter&lang=zh", tmp_path).split())
        assert "".join(starter_sum.split()) in starter_page


def test_pdf_charts_carry_their_text_alternative_as_tagged_alt_text():
    view = parse("tiers?tier=Starter&tier=Champion")
    raw = report.build_report(view, BASE)
    assert b"/StructTreeRoot" in raw  # a tagged PDF
    said = (
        "Average first response time by maturity tier (hours): Starter 2.4 hours (N=129), "
        "Champion 1.7 hours (N=62); averages, not tested"
    )
    escaped = said.replace("(", "\\(").replace(")", "\\)")  # a PDF string's own escapes
    assert f"/Alt ({escaped})".encode() in raw
