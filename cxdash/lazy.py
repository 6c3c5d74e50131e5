"""A library imported by the first use of one of its names, not by the module that names it.

Altair builds a figure's chart shape. A server drawing from the shapes file
(cxdash/shapes.py) never builds one, yet importing Altair was 0.3 s of its first reader's
first run (bench/breakdown.py). `from cxdash.lazy import altair as alt` reads as the module
does; the import itself is Python's own, under its import lock, so two sessions' first
charts import it once.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class Lazy:
    """Stands for the module `name`; any attribute imports it (once) and is the module's."""

    def __init__(self, name: str) -> None:
        self._name = name

    def module(self) -> ModuleType:
        return importlib.import_module(self._name)

    def __getattr__(self, attr: str):
        return getattr(self.module(), attr)

    def __repr__(self) -> str:
        return f"<lazy {self._name}>"


altair = Lazy("altair")
