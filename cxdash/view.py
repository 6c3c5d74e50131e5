"""The view model: which page, which slice of the data, which language — and its one parse /
serialise pair. No Streamlit here: the URL, the sidebar, the embed, presentation mode, the
deck, the report and the command line all go through `parse` and `View.params`.

A view as text is the page path plus the URL query string (`tiers?tier=Champion&lang=zh`,
`/countries?country=Japan`, or a full app URL). Values are codes, never translated labels, so
a link opens the same view in either language. `parse` is lenient for the browser (an unknown
value is dropped and reported as a `Notice`) and strict for the command line (`ViewError`, a
one-line message).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from urllib.parse import SplitResult, parse_qs, urlencode, urlsplit

from cxdash import i18n

LANGUAGES = tuple(i18n.LANGUAGES)
STATUSES = ("matches", "differs", "not_recomputable")
MAX_TEXT = 100  # the search box's limit
MAX_ANSWERS = 600  # a benchmark share link's answers, read at most


@dataclass(frozen=True)
class Dimension:
    """One filter dimension: `key` is its URL parameter and code in queries/dimensions.sql,
    `field` the Filters attribute, the named queries' list parameter and the catalog column
    of the members a figure is published for."""

    key: str
    field: str
    number: bool = False  # years are integers in the database


DIMENSIONS = (
    Dimension("survey", "surveys"),
    Dimension("tier", "tiers"),
    Dimension("country", "countries"),
    Dimension("channel", "channels"),
    Dimension("year", "years", number=True),
)
SLICES = DIMENSIONS[1:]  # the dimensions a value is sliced by (a survey is a set of figures)


@dataclass(frozen=True)
class Filters:
    """The chosen members of each dimension; an empty tuple means 'all'."""

    surveys: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    def get(self, dim: Dimension) -> tuple:
        return getattr(self, dim.field)

    def slice_params(self) -> dict[str, list]:
        """The named queries' parameters: $tiers, $countries, $channels, $years."""
        return {d.field: list(self.get(d)) for d in SLICES}

    def describe(self, labels: Mapping[tuple[str, str], str], names: Mapping[str, str]) -> str:
        """'Maturity tier: Champion; Country / region: Japan' (`names`: dimension key ->
        its label; `labels`: (dimension, code) -> member label). Empty when nothing is
        chosen."""
        parts = []
        for dim in SLICES:
            chosen = self.get(dim)
            if chosen:
                members = ", ".join(labels.get((dim.key, str(c)), str(c)) for c in chosen)
                parts.append(f"{names[dim.key]}: {members}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Vocabulary:
    """What a view may name, read from the database (queries/dimensions.sql, pages.sql,
    catalog.sql, claims.sql)."""

    options: Mapping[str, Sequence[str]]  # dimension key -> codes in sort order
    pages: Sequence[str]  # page ids in navigation order
    page_params: Mapping[str, Sequence[str]]  # page id -> its own parameters
    figures: frozenset[str]
    topics: Sequence[str] = ()


@dataclass(frozen=True)
class View:
    page: str = "overview"
    filters: Filters = field(default_factory=Filters)
    lang: str = "en"
    show_ci: bool = True
    figure: str | None = None  # Explore's chosen figure
    q: str = ""  # Explore's search
    status: tuple[str, ...] = ()  # the claim audit's status filter
    topic: tuple[str, ...] = ()  # the claim audit's topic filter
    answers: str = ""  # Benchmark yourself: a company's answers, only in a share link
    present: bool = False
    slide: int = 1
    chart: str | None = None  # the embed form: one chart, no app chrome
    dataset: str = ""  # a respondent dataset the figures are drawn from (its id)
    answer: tuple[tuple[str, tuple[str, ...]], ...] = ()  # respondents who gave these answers
    story: str = ""  # a presenter's sequence of views (cxdash/story.py), on every page

    def params(self) -> list[tuple[str, str]]:
        """The query parameters that reopen this view: codes, defaults left out."""
        out: list[tuple[str, str]] = []
        for dim in DIMENSIONS:
            out += [(dim.key, str(v)) for v in self.filters.get(dim)]
        default = View()
        for f in fields(self):
            if f.name in ("page", "filters"):
                continue
            value = getattr(self, f.name)
            if value == getattr(default, f.name) or (f.name == "slide" and not self.present):
                continue
            if isinstance(value, bool):
                out.append((_PARAM_NAME.get(f.name, f.name), "1" if value else "0"))
            elif f.name == "answer":
                out += [("answer", f"{q}:{c}") for q, codes in value for c in codes]
            elif isinstance(value, tuple):
                out += [(f.name, str(v)) for v in value]
            else:
                out.append((f.name, str(value)))
        return out

    def query(self) -> str:
        return urlencode(self.params())

    def path(self) -> str:
        """'tiers?tier=Champion' — the form `parse_text` reads."""
        page = "" if self.page == "overview" or self.chart else self.page
        query = self.query()
        return page + (f"?{query}" if query else "")

    def url(self, base: str) -> str:
        return f"{base.rstrip('/')}/{self.path()}"

    def with_(self, **changes) -> View:
        return replace(self, **changes)


_PARAM_NAME = {"show_ci": "ci"}  # the only field whose URL name differs


@dataclass(frozen=True)
class Notice:
    """A URL value the app could not honour (shown to the user as literal text): by default
    an unknown value; `key` names another i18n sentence (a story's, with its `step` number
    and a `limit`)."""

    param: str
    value: str
    key: str = "notice_unknown_value"
    step: int = 0
    limit: int = 0


class ViewError(ValueError):
    """A view the app cannot show (the command line's one-line error)."""


def parse(
    params: Mapping[str, Sequence[str]],
    vocab: Vocabulary,
    page: str | None = None,
    strict: bool = False,
) -> tuple[View, list[Notice]]:
    """A View from query parameters (each a list of values, as repeated in a URL).

    Lenient (the browser): an unknown value is dropped, the default kept, and a Notice
    returned. Strict (the command line): the first problem raises ViewError."""
    notices: list[Notice] = []

    def bad(key: str, value: str, allowed: Sequence[str] | None = None) -> None:
        if strict:
            hint = f"; choose from: {', '.join(map(str, allowed))}" if allowed else ""
            raise ViewError(f"unknown {key} {value!r}{hint}")
        notices.append(Notice(key, value))

    def members(key: str, allowed: Sequence[str]) -> tuple[str, ...]:
        values = [str(v) for v in params.get(key, [])]
        for v in values:
            if v not in allowed:
                bad(key, v, allowed)
        return tuple(dict.fromkeys(v for v in values if v in allowed))

    def one(key: str, allowed: Sequence[str], default: str) -> str:
        values = [str(v) for v in params.get(key, [])]
        if values and values[-1] not in allowed:
            bad(key, values[-1], allowed)
            return default
        return values[-1] if values else default

    page = page or "overview"
    if page not in vocab.pages:
        bad("page", page, vocab.pages)
        page = "overview"
    if strict:
        known = {d.key for d in DIMENSIONS} | _GLOBAL | set(vocab.page_params.get(page, ()))
        unknown = sorted(set(params) - known - {"page"})
        if unknown:
            raise ViewError(f"unknown parameter(s) {unknown} for page {page!r}")
    chosen = {}
    for dim in DIMENSIONS:
        codes = members(dim.key, [str(o) for o in vocab.options.get(dim.key, ())])
        chosen[dim.field] = tuple(int(c) for c in codes) if dim.number else codes
    # a page's own parameters; a browser's first run parses them all (its page is not known
    # yet) and the shell keeps those of the page it draws
    own = set(vocab.page_params.get(page, ()) if strict else _PAGE_PARAMS)
    figures = sorted(vocab.figures)
    figure = one("figure", figures, "") if "figure" in own else ""
    chart = one("chart", figures, "")
    slides = [str(i) for i in range(1, 1000)]
    view = View(
        page=page,
        filters=Filters(**chosen),
        lang=one("lang", LANGUAGES, "en"),
        show_ci=one("ci", ("0", "1"), "1") == "1",
        figure=figure or None,
        q=(params.get("q", [""])[-1] or "")[:MAX_TEXT] if "q" in own else "",
        status=members("status", STATUSES) if "status" in own else (),
        topic=members("topic", list(vocab.topics)) if "topic" in own else (),
        answers=(params.get("answers", [""])[-1] or "")[:MAX_ANSWERS] if "answers" in own else "",
        present=one("present", ("0", "1"), "0") == "1",
        slide=int(one("slide", slides, "1")),
        chart=chart or None,
        dataset=_dataset(params.get("dataset", []), bad),
        answer=_answers(params.get("answer", []), bad),
        story=str((params.get("story") or [""])[-1] or ""),
    )
    return view, notices


DATASET_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # respondents.store's ids
_ANSWER = re.compile(r"([a-z0-9_]{1,80}):([a-z0-9_]{1,80})")


def _dataset(values: Sequence[str], bad) -> str:
    """A dataset id as written (whether this session may open it is the shell's check)."""
    value = str(values[-1]) if values else ""
    if value and not DATASET_ID.fullmatch(value):
        bad("dataset", value)
        return ""
    return value


def group_answers(values: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """View.answer from 'question_id:option_code' strings (malformed ones left out)."""
    return _answers(values, lambda *_: None)


def _answers(values: Sequence[str], bad) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """'question_id:option_code' pairs, grouped by question in order of first mention."""
    out: dict[str, list[str]] = {}
    for value in map(str, values[:20]):
        m = _ANSWER.fullmatch(value)
        if not m:
            bad("answer", value)
            continue
        codes = out.setdefault(m.group(1), [])
        if m.group(2) not in codes:
            codes.append(m.group(2))
    return tuple((q, tuple(c)) for q, c in out.items())


_GLOBAL = {"lang", "ci", "present", "slide", "chart", "embed", "dataset", "answer", "story"}
_PAGE_PARAMS = {"figure", "q", "status", "topic", "answers"}


def parse_text(text: str, vocab: Vocabulary, base_url: str | None = None) -> View:
    """Strictly parse 'page?query', '/page?query', 'page=tiers&…' or a full URL.

    A view is a page of this app, never another site: a full URL must be http(s) and, given
    `base_url` (the command line's --base-url), on its host and port (its path prefix, if
    any, is dropped); '//host/…' and other schemes are refused."""
    text = (text or "").strip()
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        _same_app(text, parts, base_url)
        prefix = urlsplit(base_url).path.rstrip("/") if base_url else ""
        path = parts.path.removeprefix(prefix) if prefix else parts.path
        parts = parts._replace(path=path)
    params = parse_qs(parts.query, keep_blank_values=True)
    path = parts.path.strip("/")
    if "=" in path and not parts.query:  # a bare query string: 'page=tiers&tier=Champion'
        params, path = parse_qs(path, keep_blank_values=True), ""
    page = params.pop("page", [path or "overview"])[-1] or "overview"
    if page not in vocab.pages:
        raise ViewError(f"unknown page {page!r}; pages are: {', '.join(vocab.pages)}")
    return parse(params, vocab, page=page, strict=True)[0]


def _same_app(text: str, parts: SplitResult, base_url: str | None) -> None:
    """Refuse a full URL that is not this app's address."""
    hint = "write the page path instead, e.g. tiers?tier=Champion"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ViewError(f"{text!r} is not a view of this app: {hint}")
    if base_url is None:
        return
    base = urlsplit(base_url)
    if _host(parts) != _host(base):
        raise ViewError(f"{text!r} is not on the app's address {base_url}: {hint}")


def _host(parts: SplitResult) -> tuple[str, int | None]:
    try:
        port = parts.port
    except ValueError:  # a port that is not a number, or out of range
        port = -1
    return (parts.hostname or "", port or {"http": 80, "https": 443}.get(parts.scheme))
