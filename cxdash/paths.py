"""Where things live. Everything is relative to the repository root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
DB_PATH = DATA_DIR / "cx.duckdb"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
