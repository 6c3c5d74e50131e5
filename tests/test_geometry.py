"""What the charts actually draw, in Chromium: a valid Vega-Lite spec can still draw badly
(stacked bars 0.3 px tall with their tier names on top of each other, value labels run
together as "46%10%*", dumbbell rows on top of their labels, value labels cut at the top).

Every chart of every page (the Overview's collapsed "More APAC findings" expander opened) and
the embed form of every figure (`/?chart=<id>&embed=true`), in English and Chinese, is read
back from Vega's own scenegraph and checked:

* the chart has a height (> 0 px);
* every bar (rect mark item drawn as a bar) is at least 8 px tall;
* every point (symbol mark item) has its centre inside the plot and is not cut by the
  chart's edge;
* no two y-axis row labels overlap vertically by more than 2 px;
* no value label (text mark item) reaches outside the chart's drawn area (1 px tolerance).

Every violation of every chart is collected and reported at once, grouped by chart kind
(told from the geometry: points -> dumbbell, several bars in a row -> stacked bars or a
heatmap, one bar per row -> bars, only text -> big numbers).

How the geometry is read (`_GEOMETRY_JS`): Streamlit renders Vega-Lite with vega-embed into
`[data-testid=stVegaLiteChart]` (svg renderer for these charts). The Vega `View` is not on a
DOM property; Streamlit keeps it in a React ref of the chart component. The script walks the
element's React fiber (`el["__reactFiber$…"]`) up through `.return`, and each fiber's hook
list (`memoizedState`, then `.next`), for an object (the hook's state or its `.current`) with
`scenegraph()`, `origin()` and `container()` whose container is that chart element. It then
reads `view.scenegraph().root` and `view.origin()`; this works for the svg and the canvas
renderer. Fallback if no view is found (a Streamlit change): Vega's svg renderer binds each
scenegraph item to its element as `el.__data__`; from any such item `item.mark.group.mark…`
climbs to the root mark, and the origin is the `translate(x,y)` of the svg's first `<g>`.
Item bounds are relative to the enclosing group item, so the walk adds each group's `x`/`y`
(and the view origin) to get pixels in the drawn svg/canvas, whose bounding box is the
chart's drawn area. Axis groups carry `orient` ("left" = the row labels), data marks have
role "mark"; bars are rect items with `ariaRoleDescription` "bar" (an errorbar's ticks are
1 px wide rects without it).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import pytest

from tests.conftest import PAGES
from tests.test_browser import ARGS, CHROMIUM, _free_port, start_server

async_api = pytest.importorskip("playwright.async_api")

LANGS = ("en", "zh")
MIN_BAR_PX = 8.0  # a bar shorter than this is not readable
ROW_OVERLAP_PX = 2.0  # row labels may touch, not overlap
CLIP_TOLERANCE_PX = 1.0
SLOTS = 4  # tabs of the one browser context working at once
KINDS = ("stacked bars", "bars", "dumbbell", "big numbers", "heatmap", "other")

# One chart element -> {via, width, height, bars, symbols, texts, rowLabels, marks} or
# {error}. Boxes are [x1, y1, x2, y2] in px of the drawn svg/canvas.
_GEOMETRY_JS = r"""
(el) => {
  const surface = el.querySelector('svg.marks, canvas.marks') || el.querySelector('svg, canvas');
  if (!surface) return {error: 'no svg/canvas in the chart element'};
  const rect = surface.getBoundingClientRect();

  function findView() {
    const key = Object.keys(el).find(k => k.startsWith('__reactFiber$'));
    let fiber = key ? el[key] : null;
    for (let up = 0; fiber && up < 40; up++, fiber = fiber.return) {
      let hook = fiber.memoizedState;
      for (let n = 0; hook && typeof hook === 'object' && n < 400; n++) {
        const state = hook.memoizedState;
        for (const c of [state, state && state.current]) {
          if (c && typeof c.scenegraph === 'function' && typeof c.origin === 'function'
              && typeof c.container === 'function') {
            const box = c.container();
            if (box === el || (box && el.contains(box))) return c;
          }
        }
        if (!('next' in hook)) break;
        hook = hook.next;
      }
    }
    return null;
  }

  let root = null, origin = [0, 0], via = null;
  const view = findView();
  if (view && view.scenegraph() && view.scenegraph().root) {
    root = view.scenegraph().root; origin = view.origin(); via = 'view';
  } else {
    const bound = Array.from(el.querySelectorAll('svg *'))
      .find(e => e.__data__ && e.__data__.mark);
    if (bound) {
      let mark = bound.__data__.mark;
      while (mark.group && mark.group.mark) mark = mark.group.mark;
      root = mark; via = 'svg';
      const g = surface.querySelector(':scope > g');
      const m = g && /translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)/.exec(g.getAttribute('transform'));
      if (m) origin = [+m[1], +m[2]];
    }
  }
  if (!root) return {error: 'no Vega view or scenegraph', width: rect.width, height: rect.height};

  const out = {via, width: rect.width, height: rect.height,
               bars: [], symbols: [], texts: [], rowLabels: [], axisFonts: [], marks: 0,
               legendLabels: [],
               top: rect.top + window.scrollY, bottom: rect.bottom};
  const r1 = v => Math.round(v * 10) / 10;
  const box = (b, ox, oy) =>
    b ? [r1(b.x1 + ox), r1(b.y1 + oy), r1(b.x2 + ox), r1(b.y2 + oy)] : null;
  const FIELDS = ['row', 'callout', 'country_name', 'option', 'year_label', 'small',
                  'value_text'];
  function what(it) {
    const d = it.datum || {};
    const parts = [];
    for (const f of FIELDS) {
      const v = d[f] == null ? '' : String(d[f]);
      if (v && !parts.includes(v)) parts.push(v.length > 40 ? v.slice(0, 39) + '…' : v);
    }
    return parts.length ? parts.join(' · ') : (it.description || '').slice(0, 80);
  }
  const hidden = it => it.opacity === 0 || it.fillOpacity === 0;
  const textOf = it =>
    Array.isArray(it.text) ? it.text.join(' ') : (it.text == null ? '' : String(it.text));

  function legendLabels(mark, ox, oy) {
    for (const it of mark.items || []) {
      if (mark.marktype === 'group') {
        for (const sub of it.items || []) legendLabels(sub, ox + (it.x || 0), oy + (it.y || 0));
      } else if (mark.role === 'legend-label' && textOf(it).trim() && !hidden(it)) {
        out.legendLabels.push({text: textOf(it), box: box(it.bounds, ox, oy)});
      }
    }
  }

  function walk(mark, ox, oy, plot) {
    if (mark.role === 'legend') { legendLabels(mark, ox, oy); return; }
    if (mark.role === 'title') return;
    for (const it of mark.items || []) {
      if (mark.marktype === 'group') {
        const gx = ox + (it.x || 0), gy = oy + (it.y || 0);
        if (mark.role === 'axis') {
          const rows = it.orient === 'left' || it.orient === 'right';
          for (const sub of it.items || []) {
            if (sub.role !== 'axis-label' || !rows) continue;
            for (const lab of sub.items || []) {
              out.rowLabels.push({text: textOf(lab), box: box(lab.bounds, gx, gy),
                                  hidden: hidden(lab), size: lab.fontSize});
            }
          }
          for (const sub of it.items || []) {
            if (sub.role !== 'axis-label') continue;
            for (const lab of sub.items || []) {
              if (!hidden(lab)) out.axisFonts.push(lab.fontSize);
            }
          }
          continue;
        }
        const own = (it.width != null && it.height != null)
          ? [r1(gx), r1(gy), r1(gx + it.width), r1(gy + it.height)] : plot;
        for (const sub of it.items || []) walk(sub, gx, gy, own);
        continue;
      }
      if (mark.role !== 'mark') continue;
      out.marks += 1;
      const b = box(it.bounds, ox, oy);
      if (mark.marktype === 'rect') {
        const ard = it.ariaRoleDescription;
        const w = it.width != null ? Math.abs(it.width) : (b ? b[2] - b[0] : 0);
        if (ard === 'bar' || (ard == null && w >= 2)) {
          const h = it.height != null ? Math.abs(it.height) : (b ? b[3] - b[1] : 0);
          const d = it.datum || {};
          out.bars.push({what: what(it), height: r1(h), width: r1(w), box: b,
                         hidden: hidden(it),
                         label: d.value_text == null ? '' : String(d.value_text)});
        }
      } else if (mark.marktype === 'symbol') {
        out.symbols.push({what: what(it), x: r1(ox + (it.x || 0)), y: r1(oy + (it.y || 0)),
                          box: b, plot, hidden: hidden(it)});
      } else if (mark.marktype === 'text') {
        const text = textOf(it);
        if (text.trim()) {
          out.texts.push({what: what(it), text, box: b, hidden: hidden(it), size: it.fontSize});
        }
      }
    }
  }
  walk(root, origin[0], origin[1], null);
  return out;
}
"""

# True once every chart element on the page has drawn mark items and no chart's size or
# item count changed since the previous poll (vega-embed re-renders on resize).
_READY_JS = """
() => {
  const charts = Array.from(document.querySelectorAll('[data-testid=stVegaLiteChart]'));
  const sig = charts.map(el => {
    const s = el.querySelector('svg, canvas');
    if (!s) return 'none';
    const r = s.getBoundingClientRect();
    const n = s.tagName === 'svg' ? s.querySelectorAll('.role-mark > *').length : -1;
    return `${r.width}x${r.height}:${n}`;
  }).join('|');
  const drawn = charts.every(el => {
    const s = el.querySelector('svg, canvas');
    return s && (s.tagName !== 'svg' || s.querySelector('.role-mark > *'));
  });
  const same = window.__geometrySig === sig;
  window.__geometrySig = sig;
  return drawn && same;
}
"""

# Opens every collapsed expander that holds a chart (the Overview's APAC findings), so its
# charts are drawn at their real width.
_EXPAND_JS = """
() => {
  let n = 0;
  for (const ex of document.querySelectorAll('[data-testid=stExpander]')) {
    const details = ex.querySelector('details');
    if (details && !details.open && ex.querySelector('[data-testid=stVegaLiteChart]')) {
      ex.querySelector('summary').click();
      n++;
    }
  }
  return n;
}
"""


# The executive summary's first screen, read from the DOM: the note under "Country
# scorecard" (the key to the colours, blanks and ranks) and the bordered gap cards.
_EXECUTIVE_JS = """
() => {
  const cols = Array.from(document.querySelectorAll('[data-testid=stMain] [data-testid=stColumn]'));
  if (cols.length < 2) return {error: 'no scorecard and gap columns'};
  const note = cols[0].querySelector('[data-testid=stCaptionContainer]');
  const cards = Array.from(cols[1].querySelectorAll('[data-testid=stVerticalBlock]'))
    .filter(e => getComputedStyle(e).borderStyle === 'solid');
  const y = r => Math.round(r.bottom + window.scrollY);
  return {note: note ? {text: note.innerText, bottom: y(note.getBoundingClientRect())} : null,
          cards: cards.map(c => y(c.getBoundingClientRect()))};
}
"""

PHONE = (390, 844)
PHONE_PAGES = ("tiers", "year_over_year", "hong_kong", "benchmark")


@dataclass
class Target:
    where: str  # "page overview" / "embed apac_foo"
    lang: str
    url: str
    embed: bool
    viewport: tuple[int, int] = (1440, 900)
    present: bool = False
    charts: list[dict] = field(default_factory=list)
    page_height: int = 0  # the app's scroll height (presentation: at most the viewport's)
    dom: dict = field(default_factory=dict)  # the executive summary's note and gap cards
    problems: list[str] = field(default_factory=list)  # the page itself (no chart, an error)
    seconds: float = 0.0


def _figure_ids() -> list[str]:
    from cxdash import data, db

    db.refresh()
    return sorted(data.vocabulary().figures)


def _present_figures() -> list[str]:
    """The hardest figures to fit on one screen: of each chart kind the one with the most
    rows, the one with the most bars, and the one with the longest legend labels."""
    from cxdash import db, figures
    from cxdash.view import View

    sizes = []
    for fid in _figure_ids():
        fig = figures.figure(fid, View(page="explore"))
        if fig is None:
            continue
        lay = figures._shape(fid, "en", db.version())[0]
        rows = fig.spec["datasets"]["values"]
        legend = max((len(str(r.get("option") or "")) for r in rows), default=0)
        sizes.append((lay.kind, len({r["row"] for r in rows}), len(rows), legend, fid))
    picked = set()
    for k in {s[0] for s in sizes}:
        mine = [s for s in sizes if s[0] == k]
        for i in (1, 2, 3):
            picked.add(max(mine, key=lambda s, i=i: (s[i], s[4]))[4])
    return sorted(picked)


PRESENT_VIEWPORTS = ((1440, 900), (1920, 1080))
PRESENT_MIN_FONT_PX = 18


def _present_targets(base: str) -> list[Target]:
    """Presentation mode: the executive summary's slides and the hardest figures."""
    paths = [f"executive?present=1&slide={i}" for i in (1, 2)]
    paths += [f"explore?figure={fid}&present=1" for fid in _present_figures()]
    return [
        Target(f"present {path}", lang, f"{base}/{path}&lang={lang}", False, vp, present=True)
        for vp in PRESENT_VIEWPORTS
        for lang in LANGS
        for path in paths
    ]


def _targets(base: str) -> list[Target]:
    """Pages first (the slowest, so they do not finish last), then every embed."""
    out = []
    for lang in LANGS:
        for name in PAGES:
            path = "" if name == "overview" else name
            out.append(Target(f"page {name}", lang, f"{base}/{path}?lang={lang}", False))
    for lang in LANGS:
        for fid in _figure_ids():
            url = f"{base}/?chart={fid}&embed=true&lang={lang}"
            out.append(Target(f"embed {fid}", lang, url, True))
    for lang in LANGS:  # on a phone: the pages item 12 of issue 16 found cut
        for name in PHONE_PAGES:
            url = f"{base}/{name}?lang={lang}"
            out.append(Target(f"phone {name}", lang, url, False, PHONE))
    return out


async def _settle(page) -> None:
    """tests/test_browser.py's settle() for the async API (Streamlit's own e2e waits)."""
    await page.wait_for_timeout(300)
    await page.wait_for_selector(
        "[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=60_000
    )
    await page.wait_for_selector("[data-test-script-state=notRunning]", timeout=120_000)
    await page.wait_for_function(
        "!document.querySelector('[data-testid=stSkeleton]')", timeout=60_000
    )
    await page.wait_for_timeout(300)


async def _read(page, target: Target) -> None:
    """Load a target, wait for the run and for its charts to finish drawing, read them."""
    t0 = time.monotonic()
    await page.goto(target.url, wait_until="commit")
    first = "[data-testid=stVegaLiteChart], [data-testid=stAlert]" if target.embed else "h1"
    first = "h2" if target.present else first
    await page.wait_for_selector(first, timeout=60_000)
    await _settle(page)
    if await page.evaluate(_EXPAND_JS):
        await _settle(page)
    try:
        await page.wait_for_function(_READY_JS, polling=150, timeout=20_000)
    except async_api.TimeoutError:
        target.problems.append("charts did not finish drawing within 20 s")
    if await page.locator("[data-testid=stException]").count():
        target.problems.append("the page shows an exception")
    for i, el in enumerate(await page.locator("[data-testid=stVegaLiteChart]").element_handles()):
        geo = await el.evaluate(_GEOMETRY_JS)
        geo["index"] = i
        target.charts.append(geo)
    target.page_height = await page.evaluate(
        "document.querySelector('[data-testid=stMain]').scrollHeight"
    )
    if target.where == "page executive":
        target.dom = await page.evaluate(_EXECUTIVE_JS)
    if target.embed and len(target.charts) != 1:
        target.problems.append(f"embed drew {len(target.charts)} charts, expected 1")
    target.seconds = time.monotonic() - t0


async def _measure(targets: list[Target]) -> None:
    """SLOTS tabs of one browser context work through the targets at once, so the waits of
    one overlap the loading and the server runs of the others."""
    async with async_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for viewport in dict.fromkeys(t.viewport for t in targets):
            context = await browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]}
            )
            todo = iter([t for t in targets if t.viewport == viewport])

            async def worker(context=context, todo=todo) -> None:
                page = await context.new_page()
                for target in todo:
                    try:
                        await _read(page, target)
                    except async_api.Error as e:  # one view timing out must not hide the rest
                        target.problems.append(f"not read: {str(e).splitlines()[0]}")
                await page.close()

            await asyncio.gather(*(worker() for _ in range(SLOTS)))
            await context.close()
        await browser.close()


def kind(chart: dict) -> str:
    """The chart's kind, told from what it drew."""
    if "error" in chart:
        return "other"
    if chart["symbols"]:
        return "dumbbell"
    bars = [b for b in chart["bars"] if b["box"]]
    if bars:
        rows: dict[float, list[dict]] = {}
        for b in bars:
            rows.setdefault(round((b["box"][1] + b["box"][3]) / 2), []).append(b)
        if all(len(r) == 1 for r in rows.values()):
            return "bars"
        widths = {round(b["width"]) for b in bars}
        return "heatmap" if len(widths) == 1 else "stacked bars"
    return "big numbers" if chart["texts"] else "other"


def _outside(box: list[float], width: float, height: float) -> str:
    """How far a box reaches past the drawn area, e.g. 'top 4.5 px', or ''."""
    x1, y1, x2, y2 = box
    sides = {"left": -x1, "top": -y1, "right": x2 - width, "bottom": y2 - height}
    return ", ".join(f"{side} {px:.1f} px" for side, px in sides.items() if px > CLIP_TOLERANCE_PX)


def _chart_violations(chart: dict) -> list[str]:
    """One line per kind of problem in one chart, every offending item with its numbers."""
    if "error" in chart:
        return [f"geometry unreadable ({chart['error']})"]
    w, h = chart["width"], chart["height"]
    if not h > 0:
        return [f"chart height {h} px (width {w} px)"]
    found: dict[str, list[str]] = {}

    def add(what: str, item: str) -> None:
        found.setdefault(what, []).append(item)

    if chart["marks"] == 0:
        add("nothing drawn", "no mark items")
    for bar in chart["bars"]:
        if not bar["hidden"] and bar["width"] > 0 and bar["height"] < MIN_BAR_PX:
            add(f"bars under {MIN_BAR_PX:g} px tall", f"{bar['height']} px [{bar['what']}]")
    for sym in chart["symbols"]:
        if sym["hidden"]:
            continue
        plot, x, y = sym["plot"], sym["x"], sym["y"]
        tol = CLIP_TOLERANCE_PX
        if plot and not (
            plot[0] - tol <= x <= plot[2] + tol and plot[1] - tol <= y <= plot[3] + tol
        ):
            add(
                "points outside the plot",
                f"centre ({x}, {y}) vs plot x {plot[0]}–{plot[2]}, y {plot[1]}–{plot[3]} "
                f"[{sym['what']}]",
            )
        cut = _outside(sym["box"], w, h) if sym["box"] else ""
        if cut:
            add(f"points cut by the chart edge (chart {w:g}x{h:g})", f"{cut} [{sym['what']}]")
    labels = sorted(
        (lab for lab in chart["rowLabels"] if not lab["hidden"] and lab["box"]),
        key=lambda lab: lab["box"][1],
    )
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            px = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if px > ROW_OVERLAP_PX:
                add(
                    "row labels overlap",
                    f"{px:.1f} px: {a['text']!r} (y {a['box'][1]}–{a['box'][3]}) and "
                    f"{b['text']!r} (y {b['box'][1]}–{b['box'][3]})",
                )
    for text in chart["texts"]:
        if text["hidden"] or not text["box"]:
            continue
        cut = _outside(text["box"], w, h)
        if cut:
            add(
                f"value labels clipped (chart {w:g}x{h:g})",
                f"{text['text']!r} {cut}, box {text['box']} [{text['what']}]",
            )
    for label in chart.get("legendLabels", []):
        cut = _outside(label["box"], w, h) if label["box"] else ""
        if cut:
            add(f"legend labels cut (chart {w:g}x{h:g})", f"{label['text']!r} {cut}")
    for what, item in _hidden_by_each_other(chart) + _segment_labels(chart):
        add(what, item)
    return [f"{len(items)} {what}: " + "; ".join(items) for what, items in found.items()]


HIDE_SHARE = 0.5  # two marks overlapping by more than this share of the smaller hide it


def _overlap(a: list[float], b: list[float]) -> float:
    """The share of the smaller box that the other covers."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller if w > 0 and h > 0 and smaller > 0 else 0.0


def _hidden_by_each_other(chart: dict) -> list[tuple[str, str]]:
    """Dots drawn on top of each other (Emerging 26% in 2020 and in 2021: one wave looks
    missing), and value labels drawn on top of each other."""
    out = []
    for kind, items in (("points", chart["symbols"]), ("value labels", chart["texts"])):
        shown = [x for x in items if not x["hidden"] and x["box"]]
        for i, a in enumerate(shown):
            for b in shown[i + 1 :]:
                share = _overlap(a["box"], b["box"])
                if share > HIDE_SHARE:
                    out.append(
                        (
                            f"{kind} hide each other",
                            f"{share:.0%} of [{a['what']}] under [{b['what']}] at {b['box']}",
                        )
                    )
    return out


CHAR_EM = 0.62  # a value label's character (digits, %, *) is about this wide, in em


def label_px(text: str, size: float) -> float:
    """The width a segment needs for a value label: the label and 4 px either side."""
    return len(text) * CHAR_EM * size + 8


def _segment_labels(chart: dict) -> list[tuple[str, str]]:
    """In stacked bars and heatmaps: a segment wide enough for its value carries it, and a
    label shown sits inside its segment (a label is hidden only when it does not fit)."""
    if kind(chart) not in ("stacked bars", "heatmap"):
        return []
    texts = [t for t in chart["texts"] if not t["hidden"] and t["box"]]
    size = max((t["size"] or 12 for t in texts), default=12)
    out = []
    for bar in chart["bars"]:
        if bar["hidden"] or not bar["box"] or not bar["label"]:
            continue
        x1, y1, x2, y2 = bar["box"]
        inside = [
            t
            for t in texts
            if x1 - 1 <= (t["box"][0] + t["box"][2]) / 2 <= x2 + 1
            and y1 <= (t["box"][1] + t["box"][3]) / 2 <= y2
        ]
        if not inside and bar["width"] >= label_px(bar["label"], size):
            out.append(
                (
                    "segments that fit their label drawn without it",
                    f"{bar['label']!r} in {bar['width']} px [{bar['what']}]",
                )
            )
        for t in inside:
            if t["box"][0] < x1 - CLIP_TOLERANCE_PX or t["box"][2] > x2 + CLIP_TOLERANCE_PX:
                out.append(
                    (
                        "value labels wider than their segment",
                        f"{t['text']!r} box {t['box']} in segment x {x1}–{x2} [{bar['what']}]",
                    )
                )
    return out


def violations(target: Target) -> list[tuple[str, str]]:
    """(chart kind, readable line) for every problem of one page or embed."""
    head = f"{target.where} [{target.lang}]"
    out = [("other", f"{head}: {p}") for p in target.problems]
    n = len(target.charts)
    for chart in target.charts:
        k = kind(chart)
        at = f"{head} chart {chart['index'] + 1}/{n}" if n > 1 else head
        out += [(k, f"{at}: {line}") for line in _chart_violations(chart)]
    return out


def report(targets: list[Target]) -> str:
    found = [v for t in targets for v in violations(t)]
    charts = sum(len(t.charts) for t in targets)
    lines = [f"{len(found)} drawing problem(s) in {charts} charts of {len(targets)} views"]
    for k in KINDS:
        mine = [line for kk, line in found if kk == k]
        if mine:
            lines += [f"--- {k} ({len(mine)})"] + [f"  {line}" for line in mine]
    return "\n".join(lines) if found else ""


@pytest.fixture(scope="module")
def drawn() -> list[Target]:
    proc, url = start_server(_free_port())
    try:
        targets = _targets(url) + _present_targets(url)
        asyncio.run(_measure(targets))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return targets


def test_every_page_and_embed_was_read(drawn):
    """The check saw what it claims to: every embed drew one chart, the pages drew charts,
    every chart finished drawing and its scenegraph was readable."""
    assert len([t for t in drawn if t.embed]) == len(_figure_ids()) * len(LANGS)
    assert sum(len(t.charts) for t in drawn if not t.embed) > 0
    unreadable = [
        f"{t.where} [{t.lang}] chart {c['index'] + 1}: {c['error']}"
        for t in drawn
        for c in t.charts
        if "error" in c
    ]
    missing = [f"{t.where} [{t.lang}]: {p}" for t in drawn for p in t.problems]
    if unreadable + missing:
        pytest.fail("\n".join(unreadable + missing), pytrace=False)


def test_charts_draw_readably(drawn):
    problems = report(drawn)
    if problems:
        pytest.fail(problems, pytrace=False)


def test_presentation_mode_is_large_type_on_one_screen(drawn):
    """Presentation mode at 1440×900 and 1920×1080: every axis and value label at least
    18 px, the slide (title, chart, legend, source) without scrolling."""
    present = [t for t in drawn if t.present]
    assert len(present) >= 2 * len(LANGS) * len(PRESENT_VIEWPORTS)
    problems = []
    for t in present:
        head = f"{t.where} [{t.lang}] at {t.viewport[0]}x{t.viewport[1]}"
        if len(t.charts) != 1:
            problems.append(f"{head}: {len(t.charts)} charts, expected 1")
        if t.page_height > t.viewport[1]:
            problems.append(f"{head}: the slide is {t.page_height} px tall, it scrolls")
        for chart in t.charts:
            if chart.get("bottom", 0) > t.viewport[1]:
                problems.append(f"{head}: the chart ends at {chart['bottom']:.0f} px")
            sizes = chart.get("axisFonts", []) + [x["size"] for x in chart.get("texts", [])]
            small = sorted({x for x in sizes if x is not None and x < PRESENT_MIN_FONT_PX})
            if small or not sizes:
                problems.append(f"{head}: label sizes {small or 'unread'} px")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_executive_scorecard_is_above_the_fold(drawn):
    """The executive summary at 1440×900: the country scorecard (its first chart) starts
    within the first screen, in both languages."""
    pages = [t for t in drawn if t.where == "page executive" and not t.present]
    assert {t.lang for t in pages} == set(LANGS)
    for t in pages:
        assert t.charts, f"[{t.lang}] no chart drawn"
        scorecard = t.charts[0]
        assert scorecard["top"] < 900, f"[{t.lang}] scorecard starts at {scorecard['top']} px"
        # the scorecard, not another chart: Australia's single-interaction resolution, 84%
        assert any(x["text"] == "84%" for x in scorecard["texts"]), f"[{t.lang}] not the scorecard"


RANKING = {"en": "Champions", "zh": "領航者比例"}


def test_the_scorecard_leads_with_the_reports_maturity_ranking(drawn):
    """Its first row, as drawn, is the report's maturity ranking: Champion share by country,
    2021 — Australia 36%, Singapore 27%, South Korea 21%, Japan 6% (000, 各國家與地區的
    成熟度排名)."""
    for t in [t for t in drawn if t.where == "page executive" and t.viewport == (1440, 900)]:
        scorecard = t.charts[0]
        first = min(scorecard["rowLabels"], key=lambda lab: lab["box"][1])
        assert RANKING[t.lang] in first["text"] and "2021" in first["text"], (t.lang, first)
        y1, y2 = first["box"][1], first["box"][3]
        row = {x["text"] for x in scorecard["texts"] if y1 <= (x["box"][1] + x["box"][3]) / 2 <= y2}
        assert row == {"36%", "27%", "21%", "6%"}, (t.lang, row)


def test_the_executive_key_and_three_gap_cards_are_on_the_first_screen(drawn):
    """At 1440×900, in both languages: the note on colours, blanks and ranks, the rank
    legend and all three gap cards end within the first 900 px."""
    for t in [t for t in drawn if t.where == "page executive" and t.viewport == (1440, 900)]:
        assert "error" not in t.dom, (t.lang, t.dom)
        assert t.dom["note"] and t.dom["note"]["bottom"] <= 900, (t.lang, t.dom["note"])
        assert len(t.dom["cards"]) == 3 and max(t.dom["cards"]) <= 900, (t.lang, t.dom["cards"])
        scorecard = t.charts[0]
        legend = [lab["box"][3] for lab in scorecard["legendLabels"]]
        assert legend and scorecard["top"] + max(legend) <= 900, (t.lang, legend)
