"""Property-based tests: any link to any page — random combinations of valid filters,
language, interval toggle, presentation mode and slide, page parameters, with hostile values
now and then — opens without an exception or an error element, reports what it could not
honour, and echoes every value as literal text (no live Markdown link or image).

Profiles (env HYPOTHESIS_PROFILE): "ci" (default; derandomised, a few minutes) and "fuzz"
(`make fuzz`: thousands of cases; FUZZ_EXAMPLES sets the cases per test)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.conftest import PAGES
from tests.fuzz_support import Tally, check, embed_params, open_view, page_params, url

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("ci", derandomize=True, max_examples=8, **_COMMON)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "340")), **_COMMON
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_TALLY = Tally()


@pytest.fixture(scope="session")
def tally(request) -> Tally:
    """Counts of the cases run, printed at the end of the session."""
    manager = request.config.pluginmanager
    if not manager.is_registered(_TALLY):
        manager.register(_TALLY, "cx-fuzz-tally")
    return _TALLY


def _run(tally: Tally, name: str, page: str | None, params: dict, embed: bool) -> None:
    note(f"URL: {url(page, params)}")
    error = None
    try:
        check(open_view(page, params), params, embed, page)
    except BaseException as exc:  # counted, then re-raised for Hypothesis to shrink
        error = exc
        raise
    finally:
        tally.record(name, error)


@pytest.mark.parametrize("page", PAGES)
@given(data=st.data())
def test_any_link_to_a_page(tally, page, data):
    params = data.draw(page_params(page), label="params")
    _run(tally, f"page {page}", page, params, embed=False)


@settings(max_examples=settings.default.max_examples * 3)
@given(params=embed_params())
def test_any_embed_link(tally, params):
    _run(tally, "embed", None, params, embed=True)
