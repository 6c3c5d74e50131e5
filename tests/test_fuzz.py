"""Property-based tests: any link to any page — random combinations of valid filters,
language, interval toggle, presentation mode and slide, page parameters, with hostile values
now and then — opens without an exception or an error element, reports what it could not
honour, and echoes every value as literal text (no live Markdown link or image).

Profiles (env HYPOTHESIS_PROFILE, registered in tests/fuzz_support.py): "ci" (default;
derandomised, a few minutes) and "fuzz" (`make fuzz`: thousands of cases; FUZZ_EXAMPLES sets
the cases per test). The `tally` fixture (tests/conftest.py) prints the counts."""

from __future__ import annotations

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from tests.conftest import PAGES
from tests.fuzz_support import Tally, check, embed_params, open_view, page_params, url


def _run(tally: Tally, name: str, page: str | None, params: dict, embed: bool) -> None:
    note(f"URL: {url(page, params)}")
    with tally.case(name):
        check(open_view(page, params), params, embed, page)


@pytest.mark.parametrize("page", PAGES)
@given(data=st.data())
def test_any_link_to_a_page(tally, page, data):
    params = data.draw(page_params(page), label="params")
    _run(tally, f"page {page}", page, params, embed=False)


@settings(max_examples=settings.default.max_examples * 3)
@given(params=embed_params())
def test_any_embed_link(tally, params):
    _run(tally, "embed", None, params, embed=True)
