"""Where the app server's memory goes (e), stage by stage, each stage a fresh process that
adds one thing to the one before: Streamlit's server; pandas and Altair (what the bare page
imports); DuckDB; every other module the app's server holds after a session on every page;
the database attached; the shapes file read; and every page run once (AppTest, in that
process). Each row gives the resident memory, what the stage added, and how much of it is
files mapped (the libraries' code, shared with any other process that maps them) against
the process's own memory (anonymous: Python objects, buffers).

The bench's e compares the app's server after one session on every page with the bare
page's after its page; this says which part of the difference is the stack itself (its
libraries and the database in DuckDB), which the app's own modules and data, and which
what running the pages leaves. bench/speed.py runs it as a subprocess and prints its lines;
it can also run alone. It never starts a server.

Run: .venv/bin/python bench/memory.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REPORT = """
import json as _json
def _kb(path, keys):
    out = {}
    for line in open(path):
        name = line.split(":")[0]
        if name in keys:
            out[name] = int(line.split()[1])
    return out
_s = _kb("/proc/self/status", ("VmRSS",))
_r = _kb("/proc/self/smaps_rollup", ("Pss_Anon", "Pss_File"))
print("MEMORY", _json.dumps({"rss": _s["VmRSS"], **_r}))
"""

# Every page once in one process, as a session visits them; then the modules it holds.
PAGES = """
import os, sys
os.environ["CX_WARM"] = "0"
sys.path.insert(0, ROOT)
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(os.path.join(ROOT, "dashboard.py"), default_timeout=600)
at.switch_page(os.path.join(ROOT, "pages", "tiers.py"))
at.run()
for name in sorted(os.listdir(os.path.join(ROOT, "pages"))):
    if name.endswith(".py"):
        at.switch_page(os.path.join(ROOT, "pages", name))
        at.run()
        if at.exception:
            raise SystemExit(f"{name}: {[e.value for e in at.exception]}")
"""

MODULES = """
import importlib
for _name in MODULE_NAMES:
    try:
        importlib.import_module(_name)
    except Exception:  # a module only importable as part of a run (none expected)
        pass
"""

ATTACH = """
sys.path.insert(0, ROOT)
from cxdash import db
db.connection()
"""

SHAPES = """
from cxdash import shapes
assert shapes.load(db.version()), "the shapes file is missing or stale: python -m cxdash shapes"
"""


def python(code: str, tag: str) -> str:
    """Run `code` in a fresh interpreter (cwd ROOT); the text after `tag` on its last line
    that starts with it."""
    done = subprocess.run(
        [sys.executable, "-c", f"import os, sys\nROOT = {str(ROOT)!r}\n{code}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CX_WARM": "0"},
    )
    lines = [x for x in done.stdout.splitlines() if x.startswith(tag + " ")]
    if done.returncode or not lines:
        raise RuntimeError(f"a stage failed: {done.stderr[-1500:]}")
    return lines[-1].removeprefix(tag + " ")


def measure(code: str) -> dict:
    """Run `code` in a fresh interpreter and return its memory in kB."""
    return json.loads(python(code + REPORT, "MEMORY"))


def server_modules() -> list[str]:
    """The modules a process holds after running every page once, less the test harness."""
    code = PAGES + "\nimport json\nprint('MODULES', json.dumps(sorted(sys.modules)))\n"
    names = json.loads(python(code, "MODULES"))
    skip = ("__main__", "__mp_main__", "streamlit.testing", "pages", "dashboard")
    return [n for n in names if not n.startswith(skip)]


def main() -> None:
    modules = server_modules()
    stages = [
        ("Python and Streamlit's server", "import streamlit.web.server.server\n"),
        ("+ pandas and Altair (the bare page's imports)", "import pandas, altair\n"),
        ("+ DuckDB", "import duckdb\n"),
        (
            f"+ every other module the app's server holds after every page ({len(modules)} "
            f"modules in all)",
            f"MODULE_NAMES = {modules!r}\n" + MODULES,
        ),
        ("+ the database attached (read-only, as the app)", ATTACH),
        ("+ the shapes file read (every figure's chart shape, as bytes)", SHAPES),
        ("+ every page run once (one session's visit, in this process)", PAGES),
    ]
    print(
        "| stage (each a fresh process with every stage above it) | resident | added "
        "| of it: files mapped (libraries' code) | own memory (Python, buffers) |"
    )
    print("|---|---|---|---|---|")
    code, before = "", None
    for name, step in stages:
        code += step
        m = measure(code)
        added = "" if before is None else f"+{(m['rss'] - before['rss']) / 1024:.0f} MB"
        files = "" if before is None else f"{(m['Pss_File'] - before['Pss_File']) / 1024:+.0f} MB"
        own = "" if before is None else f"{(m['Pss_Anon'] - before['Pss_Anon']) / 1024:+.0f} MB"
        print(f"| {name} | {m['rss'] / 1024:.0f} MB | {added} | {files} | {own} |")
        before = m


if __name__ == "__main__":
    main()
