"""Where things live. Everything is relative to the repository root.

`CX_DATA_DIR` and `CX_DB_PATH` (environment) point the app, the command line and the tests at
another copy of the data, e.g. a temporary one, without touching `data/`."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CX_DATA_DIR") or ROOT / "data").resolve()
QUERIES_DIR = ROOT / "queries"
DB_PATH = Path(os.environ.get("CX_DB_PATH") or DATA_DIR / "cx.duckdb").resolve()
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
