"""The Vega-Lite specs of an app page exactly as the browser gets them (cxdash/payload.py),
written as one JSON list, for the bare page to draw with nothing around them
(bench/bare_page.py, BARE_SPECS): what a page of these charts costs on this stack with
none of the app's panels, tabs, captions, buttons or queries — the floor of bench/speed.py c.

Run: .venv/bin/python bench/app_specs.py OUT.json [page-and-query]   (default: tiers)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(out: str, asked: str = "tiers") -> None:
    from cxdash import data, figures, payload, view

    seen = view.parse_text(asked, data.vocabulary())
    catalog = data.page_figures(seen.page, seen.filters.surveys)
    shown = figures.figures_of(catalog, seen)[0]
    Path(out).write_text(json.dumps([payload.lean(f.spec) for f in shown]), encoding="utf-8")
    print(f"{len(shown)} specs of /{asked} -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
