"""A library imported by the first use of one of its names, not by the module that names it.

Altair builds a figure's chart shape. A server drawing from the shapes file
(cxdash/shapes.py) never builds one, yet importing Altair was 0.3 s of its first reader's
first run (bench/breakdown.py). `from cxdash.lazy import altair as alt` reads as the module
does; the import itself is Python's own, under its import lock, so two sessions' first
charts import it once.

Altair is made ready for a server as it is imported: its debug mode, on by default, validates
every schema object against the Vega-Lite schema as it is made, for a clearer traceback to
whoever writes the chart, and was half of the time a figure's spec took (bench/breakdown.py).
The tests validate every spec the app makes, whole, instead (tests/test_spec_schema.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType


class Lazy:
    """Stands for the module `name`; any attribute imports it (once, then `ready(module)`)
    and is the module's."""

    def __init__(self, name: str, ready: Callable[[ModuleType], None] | None = None) -> None:
        self._name = name
        self._ready = ready

    def module(self) -> ModuleType:
        module = importlib.import_module(self._name)
        if self._ready is not None:  # idempotent: two first uses at once may both call it
            self._ready(module)
            self._ready = None
        return module

    def __getattr__(self, attr: str):
        return getattr(self.module(), attr)

    def __repr__(self) -> str:
        return f"<lazy {self._name}>"


def _serving(alt: ModuleType) -> None:
    alt.utils.schemapi.disable_debug_mode()


altair = Lazy("altair", _serving)
