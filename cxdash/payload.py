"""What a chart sends to the browser: its spec with each dataset cut to the fields the spec
reads (issue 19). A figure's rows carry every column of its values (ids, codes, orders, the
document's file name) for the table, the exports and the tests; the chart draws a dozen of
them. Streamlit ships each dataset as Arrow, so every unread column costs bytes on the
websocket and work on both sides. The drawing is the same: tests/test_first_visit.py renders
every figure both ways and compares the SVGs.
"""

from __future__ import annotations

import re

# keys whose string value names a field, and keys whose list of strings does
_FIELD_KEYS = frozenset({"field"})
_FIELD_LIST_KEYS = frozenset({"groupby", "fields"})
# keys whose string value is a Vega expression that may read `datum.<field>`
_EXPR_KEYS = frozenset({"calculate", "filter", "expr", "test", "labelExpr", "signal"})
_DATUM = re.compile(r"datum\.([A-Za-z_$][\w$]*)|datum\[\s*(['\"])([^'\"]*)\2\s*\]")
_DATUM_ANY = re.compile(r"datum\[")


def fields(spec: dict) -> set[str] | None:
    """Every field the spec (outside its datasets) reads, or None when an expression reads
    one that cannot be named (a computed `datum[...]`): then every field is kept."""
    found: set[str] = set()
    stack: list[object] = [{k: v for k, v in spec.items() if k != "datasets"}]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key in _FIELD_KEYS and isinstance(value, str):
                found.add(value)
            elif key in _FIELD_LIST_KEYS and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            elif key in _EXPR_KEYS and isinstance(value, str):
                named = _DATUM.findall(value)
                if len(named) < len(_DATUM_ANY.findall(value)):
                    return None
                found.update(a or c for a, _, c in named)
            else:
                stack.append(value)
    return found


def lean(spec: dict) -> dict:
    """The spec with each dataset's rows keeping only the fields the spec reads."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict):
        return spec
    read = fields(spec)
    if read is None:
        return spec
    kept = {
        name: [{k: v for k, v in row.items() if k in read} for row in rows]
        if isinstance(rows, list)
        else rows
        for name, rows in datasets.items()
    }
    return {**spec, "datasets": kept}
