"""Strategies and checks for tests/test_fuzz.py and tests/test_fuzz_browser.py: random views
(valid filter values from the database's vocabulary, occasionally mixed with hostile ones),
how to open them in AppTest, what a page must never show and what it must echo as typed;
the Hypothesis profiles both use."""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from cxdash import data, db, i18n
from cxdash.formatting import verbatim
from cxdash.paths import ROOT
from cxdash.view import DIMENSIONS, LANGUAGES, STATUSES

# ---------------------------------------------------------------------------------------------
# Profiles (env HYPOTHESIS_PROFILE): "ci" (default; derandomised, small) and "fuzz" (`make fuzz`;
# FUZZ_EXAMPLES sets the cases per test)

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("ci", derandomize=True, max_examples=8, **_COMMON)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "340")), **_COMMON
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# ---------------------------------------------------------------------------------------------
# The vocabulary, read once at import (the app's own database, built when missing or stale)

db.refresh()
VOCAB = data.vocabulary()
OPTIONS: dict[str, list[str]] = {
    d.key: [str(o) for o in VOCAB.options.get(d.key, ())] for d in DIMENSIONS
}
FIGURES: list[str] = sorted(VOCAB.figures)
TOPICS: list[str] = list(VOCAB.topics)
SLIDES = [str(i) for i in range(1, 1000)]  # what view.parse accepts
_CATALOG = data.catalog()
# search words: figure ids and title words in both languages (CJK titles split into pieces)
WORDS: list[str] = sorted(
    {
        w
        for text in [
            *_CATALOG["figure_id"],
            *_CATALOG["title_en"].fillna(""),
            *_CATALOG["title_zh"].fillna(""),
        ]
        for w in re.split(r"[\s_,()（）、，:：/]+", str(text))
        if w
    }
)
ALL_CODES = sorted({c for codes in OPTIONS.values() for c in codes})

# ---------------------------------------------------------------------------------------------
# Hostile values

EVIL = "https://evil.example"
LINK = f"[click here]({EVIL}/)"
IMAGE = f"![i]({EVIL}/p.png)"
HOSTILE_FIXED = [
    LINK,
    IMAGE,
    f"[![i]({EVIL}/p.png)]({EVIL}/)",
    f"[x](<{EVIL}/>)",
    f'[x]({EVIL}/ "title")',
    f"\\[x]({EVIL}/)",  # a pre-escaped bracket
    f"\\\\[x]({EVIL}/)",
    f"\n\n[x]({EVIL}/)",
    f"[x]: {EVIL}/",  # a link reference definition
    f"[x][1]\n\n[1]: {EVIL}/",
    f"{EVIL}/",  # a bare URL (GFM autolinks it)
    "www.evil.example",
    "www.evil.example/login",
    f"Session expired - sign in again at {EVIL}/login",  # the phishing notice
    "name@evil.example",  # an e-mail address (autolinked to mailto:)
    "mailto:name@evil.example",
    "x\r===\r",  # a setext heading after a carriage return
    "x\n---\n",
    "\r# heading",
    "&lt;script&gt;",  # an entity, shown as typed, never decoded
    "&#60;b&#62;x&#60;/b&#62;",
    "&amp;",
    "``x``",
    f"<{EVIL}/>",
    f"<a href='{EVIL}/'>x</a>",
    f"<img src={EVIL}/p.png onerror=alert(1)>",
    "<script>alert(1)</script>",
    "**bold** _it_ `code` # h ~~s~~ $x^2$ :material/warning: :red[red]",
    "`",
    "\\",
    "{param}",
    "{value}",
    "{0}",
    "%s",
    "",
    " ",
    "\t",
    "\r\n",
    "\x00",
    "\ufffd",
    "\u202etxt.exe",
    "日本",
    "Ｊａｐａｎ",
    "Japan\u0301",
    "💥" * 40,
    "A" * 5000,
    LINK * 200,
    "x" * 79 + LINK,  # the notice keeps 80 characters
    "x" * 195 + LINK,  # the embed's notice keeps 200 escaped characters
    "Platinum",
    "japan",
    "JAPAN",
    "Japan ",
    " Japan",
    "all",
    "2019",
    "2021.0",
    " 2021",
    "-1",
    "0",
    "1e3",
    "٣",
    "999999999999999999999",
    "None",
    "null",
    "true",
    "'; drop table published_values; --",
    "../../etc/passwd",
    "%00",
    "%5B",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_FIXED),
    st.sampled_from(ALL_CODES).map(str.upper),
    st.sampled_from(ALL_CODES).map(lambda c: c + " "),
    st.sampled_from(FIGURES).map(lambda f: f + "x"),
    st.text(max_size=40),
    st.text(min_size=100, max_size=400),
)
# about one draw in five (shrinks towards False, so a minimal example drops what it need not)
rarely = st.sampled_from([False, False, False, False, True])
# about one case in three has hostile values at all (the rest are valid links throughout)
hostile_case = st.sampled_from([False, False, True])


@st.composite
def members(draw, allowed: list[str], hostile: bool = False) -> list[str]:
    """Any subset of the allowed codes, in any order; in a hostile case, rarely with hostile
    values mixed in."""
    chosen = draw(st.lists(st.sampled_from(allowed), unique=True, max_size=len(allowed)))
    if hostile and draw(rarely):
        for bad in draw(st.lists(hostile_text, min_size=1, max_size=2)):
            chosen.insert(draw(st.integers(0, len(chosen))), bad)
    return chosen


@st.composite
def one(draw, allowed: list[str], hostile: bool = False) -> list[str]:
    """Absent, or one allowed value; in a hostile case, rarely a hostile one as well (a
    repeated parameter: the last one counts)."""
    values = draw(st.lists(st.sampled_from(allowed), max_size=1))
    if hostile and draw(rarely):
        values.insert(draw(st.integers(0, len(values))), draw(hostile_text))
    return values


MEASURES: list[str] = list(data.run("benchmark_measures")["measure_id"])
N_PRACTICES = len(data.run("practices"))


@st.composite
def answers(draw, hostile: bool = False) -> list[str]:
    """A benchmark share link's answers: practices and any measures with any numbers (in
    range or not, text); in a hostile case, rarely a hostile part."""
    parts = []
    if draw(st.booleans()):
        parts.append("p:" + "".join(draw(st.lists(st.sampled_from("01-"), min_size=N_PRACTICES,
                                                  max_size=N_PRACTICES))))  # fmt: skip
    for measure in draw(st.lists(st.sampled_from(MEASURES), unique=True, max_size=4)):
        number = draw(
            st.one_of(
                st.floats(allow_nan=True, allow_infinity=True).map(lambda x: f"{x:g}"),
                st.integers(-1000, 10**10).map(str),
                st.sampled_from(["", "abc", "1,5", "2.0", " 3 "]),
            )
        )
        parts.append(f"{measure}:{number}")
    if hostile and draw(rarely):
        parts.insert(draw(st.integers(0, len(parts))), draw(hostile_text))
    return [",".join(parts)] if parts else []


@st.composite
def search_words(draw, hostile: bool = False) -> list[str]:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=3))
    if hostile and draw(rarely):
        words.append(draw(hostile_text))
    return [" ".join(words)] if words else []


def page_params(page: str) -> st.SearchStrategy[dict[str, list[str]]]:
    return _params(page, embed=False)


def embed_params() -> st.SearchStrategy[dict[str, list[str]]]:
    return _params("overview", embed=True)


@st.composite
def _params(draw, page: str, embed: bool) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    bad = draw(hostile_case)
    for dim in DIMENSIONS:
        params[dim.key] = draw(members(OPTIONS[dim.key], bad))
    params["lang"] = draw(one(list(LANGUAGES), bad))
    params["ci"] = draw(one(["0", "1"], bad))
    params["present"] = draw(one(["0", "1"], bad))
    params["slide"] = draw(one(SLIDES[:40], bad))
    own = set(VOCAB.page_params.get(page, ()))
    foreign = draw(rarely)  # another page's parameters (parsed everywhere, used by their page)
    if "figure" in own or foreign:
        params["figure"] = draw(one(FIGURES, bad))
    if "q" in own or foreign:
        params["q"] = draw(search_words(bad))
    if "status" in own or foreign:
        params["status"] = draw(members(list(STATUSES), bad))
    if "topic" in own or foreign:
        params["topic"] = draw(members(TOPICS, bad))
    if "answers" in own or foreign:
        params["answers"] = draw(answers(bad))
    if embed:
        chart = draw(
            st.one_of(st.sampled_from(FIGURES), hostile_text) if bad else st.sampled_from(FIGURES)
        )
        params["chart"] = [chart]
        if draw(st.booleans()):
            params["embed"] = ["true"]
    if bad and draw(rarely):  # an unknown parameter, perhaps with a hostile name
        params[draw(st.sampled_from(["utm_source", "page", LINK, "x"]))] = [draw(hostile_text)]
    return {k: v for k, v in params.items() if v}


# ---------------------------------------------------------------------------------------------
# Opening a view and checking it


def url(page: str | None, params: dict[str, list[str]], base: str = "http://localhost:8501") -> str:
    """The address a browser would open (the default page is "/")."""
    path = "" if page in (None, "overview") else page
    query = urlencode([(k, v) for k, vs in params.items() for v in vs])
    return f"{base}/{path}" + (f"?{query}" if query else "")


def open_view(page: str | None, params: dict[str, list[str]]) -> AppTest:
    """A cold deep link to `page` (None: "/", the embed form's address) with `params`."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, values in params.items():
        at.query_params[key] = list(values)
    if page is None:
        at.run()
    else:
        at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
    return at


# element types whose text is shown as typed (not Markdown)
_LITERAL = {"text", "code", "json", "arrow_data_frame", "dataframe", "vega_lite_chart"}


def rendered_texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(element type, text) of everything Streamlit renders as Markdown: markdown, captions,
    alerts, headings, toasts, and the labels and help of widgets, tabs and expanders."""
    for node in at._tree:
        if node.type in _LITERAL:
            continue
        proto = getattr(node, "proto", None)
        for name in ("body", "label", "help"):
            value = getattr(proto, name, None) if proto is not None else None
            if isinstance(value, str) and value:
                if node.type == "html":  # HTML, not Markdown: its text is what is read
                    value = re.sub(r"<(script|style)\b.*?</\1>", " ", value, flags=re.S)
                    value = html.unescape(re.sub(r"<[^>]*>", " ", value))
                yield f"{node.type}.{name}", value
        label = getattr(node, "label", None)  # blocks: tabs, expanders
        if proto is None or not hasattr(proto, "label"):
            if isinstance(label, str) and label:
                yield f"{node.type}.label", label


_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# outside a code span, a value's outside address, entity or heading underline is live Markdown
_LIVE = re.compile(r"evil\.example|&(?:[a-z]+|#\d+);|[\r\n][ \t]*(?:={2,}|-{2,}|#)")


def outside_code(text: str) -> str:
    """Markdown text without its code spans (which show their content as typed)."""
    return _CODE_SPAN.sub("", text)


def _notice_parts(lang: str) -> tuple[str, str]:
    """The notice template's text before {param}, and between {param} and {value}."""
    text = i18n.t("notice_unknown_value", lang, param="\x01", value="\x02")
    before, rest = text.split("\x01")
    return before, rest.split("\x02")[0]


NOTICE = {lang: _notice_parts(lang) for lang in LANGUAGES}


def unknown_values(params: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(parameter, value) of every value the app must report as unknown (computed
    independently of view.parse: every unknown member of a list, the last value of a single
    one)."""
    lists = {d.key: OPTIONS[d.key] for d in DIMENSIONS}
    lists |= {"status": list(STATUSES), "topic": TOPICS}
    single = {
        "lang": list(LANGUAGES),
        "ci": ["0", "1"],
        "present": ["0", "1"],
        "slide": SLIDES,
        "figure": FIGURES,
        "chart": FIGURES,
    }
    out = []
    for key, allowed in lists.items():
        out += [(key, v) for v in params.get(key, []) if v not in allowed]
    for key, allowed in single.items():
        values = params.get(key, [])
        if values and values[-1] not in allowed:
            out.append((key, values[-1]))
    return out


def expected_notices(params: dict[str, list[str]], embed: bool) -> set[str]:
    """The parameters whose values the app must report as unknown."""
    return {key for key, _ in unknown_values(params)}


def answer_problems(page: str | None, params: dict[str, list[str]]) -> list:
    """The parts of a benchmark link's answers the page must say it did not use (Problems:
    field, value)."""
    if page != "benchmark" or not params.get("answers"):
        return []
    if params.get("present", ["0"])[-1] == "1":  # presentation mode shows no company answers
        return []
    from cxdash import benchmark
    from cxdash.view import MAX_ANSWERS

    text = params["answers"][-1][:MAX_ANSWERS]
    measures = data.run("benchmark_measures")
    return benchmark.decode(text, N_PRACTICES, measures)[1]


def echoes(page: str | None, params: dict[str, list[str]]) -> list[tuple[str, int]]:
    """(value, characters kept) of every value the app must echo as typed: the unknown
    values of its notices and the refused parts of a benchmark link's answers (a value
    that is only white space is shown as "(empty)")."""
    out = [(value, 80) for _, value in unknown_values(params)]
    for problem in answer_problems(page, params):
        out += [(problem.field, 60), (problem.value, 200)]
    return [(text, limit) for text, limit in out if text.strip()]


def check(at: AppTest, params: dict[str, list[str]], embed: bool, page: str | None = None) -> None:
    """What must hold for every view; each message starts with its failure's kind."""
    if at.exception:
        e = at.exception[0]
        stack = "\n".join(e.stack_trace[-8:])
        raise AssertionError(f"[exception] {e.value}\n{stack}")
    if at.error:
        raise AssertionError(f"[error element] {[e.value for e in at.error]}")
    for where, text in rendered_texts(at):
        live = _LIVE.search(outside_code(text))
        if live:
            raise AssertionError(f"[live markdown] {live.group()!r} in {where}: {text[:300]!r}")
    warnings = [w.value for w in at.warning]
    expected = expected_notices(params, embed)
    for param in sorted(expected):
        shown = verbatim(param, 40)
        heads = [f"{before}{shown}{between}" for before, between in NOTICE.values()]
        if not any(h in w for w in warnings for h in heads):
            raise AssertionError(f"[missing notice] for {param}: warnings were {warnings!r}")
    if not expected:
        noticed = [
            w for w in warnings if any(w.startswith(b) and t in w for b, t in NOTICE.values())
        ]
        if noticed:
            raise AssertionError(f"[spurious notice] {noticed!r}")
    heads = [
        i18n.t("bm_refused", g, field="\x01", value="", reason="").split("\x01")[0]
        for g in LANGUAGES
    ]
    refused = [w for w in warnings if any(w.startswith(h) for h in heads)]
    wanted = [p.field for p in answer_problems(page, params)]
    if len(refused) != len(wanted):
        raise AssertionError(f"[answers] expected refusals for {wanted!r}, warnings {refused!r}")


class Tally:
    """Counts of every case run (generation, replays and shrinking) and of failures, printed
    in pytest's terminal summary."""

    def __init__(self) -> None:
        self.cases = Counter()
        self.failed = Counter()
        self.kinds = Counter()

    @contextmanager
    def case(self, test: str) -> Iterator[None]:
        """Count one case of `test`; a failure is counted, then re-raised (for Hypothesis
        to shrink)."""
        error = None
        try:
            yield
        except BaseException as exc:
            error = exc
            raise
        finally:
            self.record(test, error)

    def record(self, test: str, error: BaseException | None) -> None:
        self.cases[test] += 1
        if error is not None:
            self.failed[test] += 1
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            self.kinds[first[:160]] += 1

    def pytest_terminal_summary(self, terminalreporter) -> None:
        tr = terminalreporter
        tr.section("fuzz: cases run")
        for test in sorted(self.cases):
            tr.write_line(f"{test}: {self.cases[test]} cases, {self.failed[test]} failed")
        total, failed = sum(self.cases.values()), sum(self.failed.values())
        tr.write_line(f"TOTAL: {total} cases run, {failed} failed (incl. shrinking)")
        for kind, n in self.kinds.most_common():
            tr.write_line(f"  {n:5d} × {kind}")
