"""FICTIONAL ticket exports for tests and benchmarks (`queries/metrics/synth_export.sql`): a
file in the ticket schema's own field names, and its mapping (marked fictional), so the import
path is the one a real export takes."""

from __future__ import annotations

from pathlib import Path

from cxdash.tickets import store

MAPPING = """# FICTIONAL: a mapping for a ticket export written by `python -m cxdash tickets synth`.
[log]
name = "FICTIONAL ticket log"
timezone = "Asia/Taipei"
fictional = true

[fields]
ticket_id = "ticket_id"
requester_id = "requester_id"
channel = "channel"
created_at = "created_at"
first_reply_at = "first_reply_at"
solved_at = "solved_at"
agent_replies = "agent_replies"
reopens = "reopens"
csat = { column = "csat", scale = [1, 5], satisfied_from = 4 }
nps = "nps"
"""


def write(n: int, seed: int, out: Path) -> tuple[Path, Path]:
    """Write `n` FICTIONAL tickets to `out` (.csv or .parquet) and the mapping beside it."""
    if n < 1 or out.suffix.lower() not in (".csv", ".parquet"):
        raise ValueError("a positive number of tickets, into a .csv or .parquet file")
    con = store.connect(timezone="UTC")
    target = str(out).replace("'", "''")
    kind = "csv, header true" if out.suffix.lower() == ".csv" else "parquet, compression zstd"
    sql = store.sql("synth_export")
    con.execute(f"copy ({sql}) to '{target}' (format {kind})", {"n": n, "seed": seed})
    mapping = out.with_suffix(".mapping.toml")
    mapping.write_text(MAPPING, encoding="utf-8")
    return out, mapping
