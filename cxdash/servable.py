"""What the app needs of the data beyond what the schema can say, checked on the rows as read
so a refusal names the file and line: every page of `dimensions/pages.csv` has its file in
`pages/` and its title in both languages (`cxdash/i18n.py`), its navigation section has a
heading, every file in `pages/` has its row (pages link to each other by id), and every figure
names a page that draws figures. A build that passes these can be served page by page."""

from __future__ import annotations

from cxdash import i18n
from cxdash.csvread import DataError, Row, report
from cxdash.paths import ROOT

PAGES_DIR = ROOT / "pages"
_DRAWS = ("page_figures(", "figures_of(")  # how a page file draws figures (cxdash/ui/panel.py)


def _both(key: str) -> bool:
    """The UI string exists, in English and in 繁體中文."""
    return i18n.has(key) and all(i18n.t(key, lang).strip() for lang in i18n.LANGUAGES)


def _page_problems(row: Row) -> list[tuple[str, str]]:
    page, section = row["page"] or "", row["section"] or ""
    out = []
    if not (PAGES_DIR / f"{page}.py").is_file():
        out.append(("page", f"no file pages/{page[:40]}.py: the app has no such page"))
    if not _both(f"page_{page}"):
        out.append(("page", f"no title page_{page[:40]} in both languages in cxdash/i18n.py"))
    if not _both(f"nav_{section}"):
        out.append(("section", f"no heading nav_{section[:40]} in cxdash/i18n.py"))
    return out


def page_files() -> set[str]:
    """The ids of the app's pages: its files in pages/."""
    return {p.stem for p in PAGES_DIR.glob("*.py")}


def drawing_pages() -> set[str]:
    """The pages whose file draws figures."""
    files = PAGES_DIR.glob("*.py")
    return {p.stem for p in files if any(d in p.read_text(encoding="utf-8") for d in _DRAWS)}


Files = list[tuple[str, str, list[tuple[int, Row]]]]  # (table, file, [(line, row)])


def _rows(files: Files, table: str) -> list[tuple[str, int, Row]]:
    return [(rel, line, row) for t, rel, read in files if t == table for line, row in read]


def check(files: Files, problems: list | None) -> None:
    """Refuse what the app cannot serve (see the module docstring)."""
    pages = _rows(files, "pages")
    for rel, line, row in pages:
        for column, problem in _page_problems(row):
            report(problems, DataError(rel, line, column, problem))
    listed = {row["page"] for _, _, row in pages}
    for missing in sorted(page_files() - listed):
        problem = f"no row for page {missing}: the app links to pages/{missing}.py by its id"
        report(problems, DataError("data/dimensions/pages.csv", None, "page", problem))
    drawing = drawing_pages()
    for rel, line, row in _rows(files, "figures"):
        if row["page"] in listed and row["page"] not in drawing:
            problem = f"page {row['page']} draws no figures: name a page that does"
            report(problems, DataError(rel, line, "page", problem))
