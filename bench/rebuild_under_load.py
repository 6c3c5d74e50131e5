"""Rebuilds while sessions load pages: the count of errors must be 0.

Copies data/ to a temporary folder (the real data/ and its database are never touched),
builds it, then runs SESSIONS AppTest sessions in separate processes (the way separate
Streamlit servers share one database file), each opening pages in turn, while the main
process edits a CSV (a note changes, then changes back) ROUNDS times, so every session's
freshness check starts a rebuild (single-flight: a lock, a unique temporary file, an atomic
replace). Any exception, error element or failed figure in any page run is counted.

    .venv/bin/python bench/rebuild_under_load.py [--sessions 8] [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "tiers", "year_over_year", "executive", "sources", "claims"]
SESSION = """
import json, sys, time
from streamlit.testing.v1 import AppTest
root, seconds, offset = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
pages = sys.argv[4].split(",")
runs, errors, i = 0, [], offset
end = time.monotonic() + seconds
while time.monotonic() < end:
    page = pages[i % len(pages)]
    i += 1
    try:
        at = AppTest.from_file(root + "/dashboard.py", default_timeout=300)
        at.switch_page(root + f"/pages/{page}.py").run()
        errors += [f"{page}: {e.value}" for e in at.exception]
        errors += [f"{page}: {e.value} {[c.value for c in at.code]}" for e in at.error]
    except Exception as err:  # a timeout or a crash of the run itself
        errors.append(f"{page}: {type(err).__name__}: {err}")
    runs += 1
print(json.dumps({"runs": runs, "errors": errors}))
"""


def _touch(path: Path, text: str) -> None:
    """Rewrite a CSV (through a temporary file and a rename, as an editor saves)."""
    tmp = path.with_name(f".{path.name}.bench.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _edited(text: str) -> str:
    rows = list(csv.reader(text.splitlines(keepends=True)))
    marks = (("note_en", "(edited by the rebuild bench)"), ("note_zh", "（基準測試修改）"))
    for column, mark in marks:
        note = rows[0].index(column)
        rows[1][note] = " ".join(filter(None, [rows[1][note], mark]))
    out = tempfile.SpooledTemporaryFile(mode="w+", encoding="utf-8", newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    out.seek(0)
    return out.read()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=150, help="how long each session loads pages")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="cx-bench-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.duckdb", ".*"))
        env = {**os.environ, "CX_DATA_DIR": str(data), "CX_DB_PATH": str(data / "cx.duckdb")}
        py = sys.executable
        subprocess.run([py, "-m", "cxdash", "build"], cwd=ROOT, env=env, check=True)
        sessions = [
            subprocess.Popen(
                [py, "-c", SESSION, str(ROOT), str(args.seconds), str(i), ",".join(PAGES)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(args.sessions)
        ]
        target = data / "hk" / "values.csv"
        original = target.read_text(encoding="utf-8")
        versions = set()
        wait = args.seconds / (args.rounds * 2 + 1)
        for step in range(args.rounds * 2):
            time.sleep(wait)
            _touch(target, _edited(original) if step % 2 == 0 else original)
            print(f"edit {step + 1}: {target.relative_to(Path(tmp))}", flush=True)
            versions.add((data / "cx.duckdb").stat().st_mtime_ns)
        results = [json.loads(s.communicate()[0].strip().splitlines()[-1]) for s in sessions]
        # the last edit's rebuild may still run in a session's child process: take the lock
        subprocess.run([py, "-m", "cxdash", "build", "--if-stale"], cwd=ROOT, env=env, check=True)
        versions.add((data / "cx.duckdb").stat().st_mtime_ns)
        left = sorted(p.name for p in data.iterdir() if p.name.endswith((".tmp", ".wal")))
    errors = [e for r in results for e in r["errors"]]
    print(f"sessions: {args.sessions}, page runs: {sum(r['runs'] for r in results)}")
    print(f"edits: {args.rounds * 2}, database versions seen at the edits: {len(versions)}")
    print(f"temporary files left: {len(left)}")
    for err in errors[:20]:
        print(f"  {err[:300]}")
    print(f"errors: {len(errors)}")
    return 1 if errors or left else 0


if __name__ == "__main__":
    sys.exit(main())
