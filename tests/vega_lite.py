"""Whether a spec is valid Vega-Lite: checked against the schema the pinned Altair ships (the
version vega-embed draws). The app makes its specs with Altair's own validation off
(cxdash/lazy.py); the tests check every spec whole instead."""

from __future__ import annotations

import functools


@functools.cache
def _validator():
    import jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def errors(spec: dict) -> list[str]:
    """Where and why `spec` breaks the schema (the most specific reason), [] if it is valid."""
    from jsonschema.exceptions import best_match

    found = list(_validator().iter_errors(spec))
    if not found:
        return []
    worst = best_match(found)
    return [f"{'/'.join(map(str, worst.absolute_path))}: {worst.message[:300]}"]
