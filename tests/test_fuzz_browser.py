"""Property-based, in Chromium: any link — a random page (or the embed form) with random valid
filters, either language, presentation mode now and then, Benchmark's `answers=`, and most
cases a hostile value (a URL, `www.`, an e-mail address, `\\r===`, an HTML entity, Markdown,
random text) — renders, read from the DOM, with

- no `<a>` in the app (stMain, stSidebar) leading off the app's own host (`mailto:`,
  `javascript:`, another host), and no `<img>` (or frame, media) loading from elsewhere;
- no heading inside a notice, and no heading holding a part of a value from the link that
  the app's own words and data do not hold;
- no exception;
- every value the app echoes (the notices, Benchmark's refusals) shown as typed:
  `&lt;script&gt;` stays `&lt;script&gt;`, never `<script>`.

Issue 17.2. One server and one browser for the module; a fresh browser context (session) per
case. Profiles as tests/test_fuzz.py ("ci": derandomised, `settings.default.max_examples`
cases plus the issue's own link; "fuzz": FUZZ_EXAMPLES cases)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given, note
from hypothesis import strategies as st

from cxdash import db, i18n
from cxdash.view import DIMENSIONS
from tests.conftest import PAGES
from tests.fuzz_support import (
    HOSTILE_FIXED,
    echoes,
    embed_params,
    hostile_text,
    page_params,
    url,
)
from tests.test_browser import ARGS, CHROMIUM, SHOTS, _free_port, settle, start_server, sync_api

# ---------------------------------------------------------------------------------------------
# The cases: a page's random link (tests/fuzz_support.py), most with one more hostile value
# where the app echoes it, drawn half the time from the fixed values that carry markup

MARKUP = [v for v in HOSTILE_FIXED if re.search(r"evil|@|&|[\r\n<>\[\]`*#]", v)]
hostile_value = st.one_of(st.sampled_from(MARKUP), hostile_text)
ISSUE_LINK = (  # issue 17.2's values in one embed link, so that even a CI run meets them
    None,
    {
        "chart": ["apac_first_response_hours"],
        "embed": ["true"],
        "tier": ["Session expired - sign in again at https://evil.example/login"],
        "country": ["name@evil.example"],
        "channel": ["www.evil.example/login"],
        "year": ["x\r===\r"],
        "lang": ["&lt;script&gt;"],
        "survey": [":material/warning: :red[x]"],  # Streamlit rewrites :material/ in code spans
    },
)


@st.composite
def cases(draw) -> tuple[str | None, dict[str, list[str]]]:
    """(page, or None for the embed form; its query parameters)."""
    page = draw(st.sampled_from([*PAGES, None]))
    params = draw(embed_params() if page is None else page_params(page))
    if draw(st.sampled_from([False, True, True, True])):
        keys = [d.key for d in DIMENSIONS] + ["lang"] + ["chart"] * (page is None)
        key = draw(st.sampled_from(keys + ["answers"] * (page == "benchmark")))
        value, values = draw(hostile_value), params.get(key, [])
        if key == "answers":  # one more part of the share link's answers
            params[key] = [",".join([*values[-1:], value])]
        elif key in ("lang", "chart"):  # the last value counts
            params[key] = [*values, value]
        else:
            values.insert(draw(st.integers(0, len(values))), value)
            params[key] = values
    return page, params


# ---------------------------------------------------------------------------------------------
# What the app itself may write in a heading: its strings and its data, in both languages


def _corpus() -> str:
    texts = [s for pair in i18n.STRINGS.values() for s in pair]
    with db.connection().cursor() as cur:
        columns = cur.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_catalog = 'cx' and data_type = 'VARCHAR'"
        ).fetchall()
        for table, column in columns:
            rows = cur.execute(f'select distinct "{column}" from cx.main."{table}"').fetchall()
            texts += [str(r[0]) for r in rows if r[0] is not None]
    return "\n".join(texts).casefold()


CORPUS = _corpus()
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def foreign_parts(params: dict[str, list[str]]) -> set[str]:
    """The words of the link's values that nothing the app writes contains (three or more
    characters, two if CJK, not only digits)."""
    words = {w for vs in params.values() for v in vs for w in re.findall(r"\w+", v.casefold())}
    return {
        w
        for w in words
        if len(w) >= (2 if _WIDE.search(w) else 3) and not w.isdigit() and w not in CORPUS
    }


def as_shown(text: str) -> str:
    """Text as a reader sees it: HTML white space collapsed, NUL as U+FFFD (CommonMark), no
    word joiner (invisible; formatting.verbatim puts one in `:material/`)."""
    text = text.replace("\x00", "\ufffd").replace("\u2060", "")
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# The DOM and its checks

_DOM = """() => {
  const app = [...document.querySelectorAll('[data-testid=stMain], [data-testid=stSidebar]')];
  const all = sel => app.flatMap(r => [...r.querySelectorAll(sel)]);
  return {
    hrefs: all('a[href]').map(a => a.href),
    srcs: [...document.querySelectorAll('img, iframe, video, audio, source, embed, object')]
      .map(e => e.src || e.data || '').filter(Boolean),
    headings: all('h1, h2, h3, h4, h5, h6').map(h => [
      h.innerText, Boolean(h.closest('[data-testid=stAlert]'))]),
    alerts: all('[data-testid=stAlert]').map(a => a.innerText),
    exceptions: [...document.querySelectorAll('[data-testid=stException]')]
      .map(e => e.innerText),
  };
}"""


def own(address: str, host: str) -> bool:
    """Whether a resolved href or src stays in the app (http(s) on its host, or inline)."""
    parts = urlsplit(address)
    return parts.scheme in ("data", "blob") or (
        parts.scheme in ("http", "https") and parts.netloc == host
    )


def check_dom(dom: dict, host: str, page: str | None, params: dict[str, list[str]]) -> None:
    """What the rendered view must hold; each message starts with its failure's kind."""
    if dom["exceptions"]:
        raise AssertionError(f"[exception] {dom['exceptions'][0][:300]}")
    outside = [h for h in dom["hrefs"] if not own(h, host)]
    if outside:
        raise AssertionError(f"[outside link] {outside[:3]}")
    loaded = [s for s in dom["srcs"] if not own(s, host)]
    if loaded:
        raise AssertionError(f"[outside image] {loaded[:3]}")
    foreign = foreign_parts(params)
    for text, in_notice in dom["headings"]:
        if in_notice:
            raise AssertionError(f"[heading in a notice] {text[:200]!r}")
        parts = sorted(w for w in foreign if w in text.casefold())
        if parts:
            raise AssertionError(f"[heading from a value] {parts[:3]} in {text[:200]!r}")
    shown = as_shown(" ".join(dom["alerts"]))
    for value, limit in echoes(page, params):
        if as_shown(value[:limit]) not in shown:
            raise AssertionError(f"[not as typed] {value[:limit]!r} in {shown[:600]!r}")


# ---------------------------------------------------------------------------------------------
# One server and one browser for the module


@pytest.fixture(scope="module")
def server():
    proc, base = start_server(_free_port())
    yield base
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@example(case=ISSUE_LINK)
@given(case=cases())
def test_any_link_in_chromium(server, browser, tally, case):
    page, params = case
    link = url(page, params, server)
    note(f"URL: {link}")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        with tally.case(f"browser {page or 'embed'}"):
            tab = context.new_page()
            tab.goto(link)
            settle(tab)
            try:
                check_dom(tab.evaluate(_DOM), urlsplit(server).netloc, page, params)
            except AssertionError:
                SHOTS.mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(SHOTS / "fuzz-browser-failure.png"), full_page=True)
                raise
    finally:
        context.close()
