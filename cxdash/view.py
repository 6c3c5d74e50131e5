"""A view as a string: the page path plus the URL query string, e.g.
`tiers?tier=Champion&lang=zh` or `/countries?country=Japan` or a full app URL.

Used by the command line (deck, report) and by the app's share links. Parsing is strict:
an unknown page or value is a `ViewError` with a plain message, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from cxdash import data, i18n
from cxdash.app import PAGES

PAGE_NAMES = [file.removesuffix(".py") for file, _, _ in PAGES]
# page -> the figure list it draws (see data.figures_for)
PAGE_FIGURES = {
    "overview": "overview",
    "tiers": "tiers",
    "countries": "countries",
    "channels": "channels",
    "year_over_year": "yoy",
    "hong_kong": "hk",
    "more_reports": "more",
    "metrics_guide": "metrics",
    "sources": "sources",
}
FILTER_KEYS = {
    "survey": "survey",
    "tier": "tier",
    "country": "country",
    "channel": "channel",
    "year": "year",
}
OTHER_KEYS = {"lang", "ci", "figure", "q", "status", "topic", "present", "slide", "chart"}


class ViewError(ValueError):
    """A view string the app cannot show."""


@dataclass(frozen=True)
class View:
    page: str = "overview"
    filters: data.Filters = field(default_factory=data.Filters)
    lang: str = "en"
    show_ci: bool = True
    figure: str | None = None

    def query(self) -> str:
        """The query string that reopens this view (codes, defaults left out)."""
        params: list[tuple[str, str]] = []
        f = self.filters
        for key, values in (
            ("survey", f.surveys),
            ("tier", f.tiers),
            ("country", f.countries),
            ("channel", f.channels),
            ("year", f.years),
        ):
            params += [(key, str(v)) for v in values]
        if self.lang != "en":
            params.append(("lang", self.lang))
        if not self.show_ci:
            params.append(("ci", "0"))
        if self.figure:
            params.append(("figure", self.figure))
        return urlencode(params)

    def url(self, base: str) -> str:
        path = "" if self.page == "overview" else self.page
        query = self.query()
        return f"{base.rstrip('/')}/{path}" + (f"?{query}" if query else "")


def parse(text: str) -> View:
    """Parse 'page?query', '/page?query', 'page=tiers&…' or a full URL into a View."""
    text = (text or "").strip()
    parts = urlsplit(text if "://" in text else f"http://x/{text.lstrip('/')}")
    params = parse_qs(parts.query, keep_blank_values=True)
    path = parts.path.strip("/")
    if "=" in path and not parts.query:  # a bare query string: 'page=tiers&tier=Champion'
        params, path = parse_qs(path, keep_blank_values=True), ""
    page = params.pop("page", [path or "overview"])[-1] or "overview"
    if page not in PAGE_NAMES:
        raise ViewError(f"unknown page {page!r}; pages are: {', '.join(PAGE_NAMES)}")
    unknown = set(params) - set(FILTER_KEYS) - OTHER_KEYS
    if unknown:
        raise ViewError(
            f"unknown parameter(s) {sorted(unknown)}; use "
            f"{', '.join(sorted({*FILTER_KEYS, *OTHER_KEYS}))}"
        )
    chosen = {}
    for key, dim in FILTER_KEYS.items():
        values = params.get(key, [])
        allowed = data.options(dim)
        bad = [v for v in values if v not in allowed]
        if bad:
            raise ViewError(f"unknown {key} {bad[0]!r}; choose from: {', '.join(allowed)}")
        chosen[key] = tuple(dict.fromkeys(values))
    lang = params.get("lang", ["en"])[-1]
    if lang not in i18n.LANGUAGES:
        raise ViewError(f"unknown lang {lang!r}; choose from: {', '.join(i18n.LANGUAGES)}")
    ci = params.get("ci", ["1"])[-1]
    if ci not in ("0", "1"):
        raise ViewError(f"ci must be 0 or 1, not {ci!r}")
    figure = params.get("figure", [None])[-1]
    if figure is not None and figure not in set(data.catalog()["figure_id"]):
        raise ViewError(f"unknown figure {figure!r}")
    filters = data.Filters(
        surveys=chosen["survey"],
        tiers=chosen["tier"],
        countries=chosen["country"],
        channels=chosen["channel"],
        years=tuple(int(y) for y in chosen["year"]),
    )
    return View(page=page, filters=filters, lang=lang, show_ci=ci == "1", figure=figure)


def figures(view: View):
    """The catalog rows of the figures this view draws, published for its filters."""
    if view.figure:
        cat = data.catalog()
        cat = cat[cat["figure_id"] == view.figure]
    elif view.page in PAGE_FIGURES:
        cat = data.figures_for(PAGE_FIGURES[view.page], view.filters.surveys)
    else:
        return data.catalog().iloc[0:0]
    published = set(data.values(list(cat["figure_id"]), view.filters)["figure_id"])
    return cat[cat["figure_id"].isin(published)]
