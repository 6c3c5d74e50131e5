"""Every published figure's shape, made once per database and code, kept as bytes in a file.

A figure's shape (figures._shape: its layout, every value localised, the spec without its
rows, the chart's rows with and without intervals) depends only on the data and the code.
Made as Python objects in every server process, every figure's in both languages was 70 MB
of the server's memory and 20 s of its CPU beside the readers (bench/speed.py). Instead a
child process (`python -m cxdash shapes`) makes them once and writes them, each pickled, to
one file beside the database (under 5 MB). A server holds those bytes and unpickles a
figure's shape when a page draws it (about 0.1 ms).

The file names what it was made from: the database's version (its file's mtime) and a hash of the
package's code, the named SQL and the interpreter and pandas versions. It is used only while
all of that still holds. It is the app's own cache, written atomically and as trusted as the
database beside it; absent, stale or unreadable, it is ignored and made again.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import pickle
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from cxdash.paths import DB_PATH, QUERIES_DIR, ROOT

PACKAGE = Path(__file__).resolve().parent

Shapes = dict[tuple[str, str], bytes]  # (figure id, language) -> the pickled shape


def path(db_path: Path = DB_PATH) -> Path:
    return db_path.with_name(db_path.name + ".shapes")


@functools.cache
def code() -> str:
    """A hash of everything besides the data that a shape is made by."""
    import pandas as pd

    h = hashlib.sha256(f"{sys.version}|{pd.__version__}".encode())
    for f in sorted([*PACKAGE.rglob("*.py"), *QUERIES_DIR.glob("*.sql")]):
        h.update(f.relative_to(ROOT).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def load(version: int, db_path: Path = DB_PATH) -> Shapes:
    """The file's shapes when they were made from this version of the database (db.version:
    the file's mtime) and this code, else {}."""
    try:
        with path(db_path).open("rb") as fh:
            made = pickle.load(fh)
        if made["key"] == (version, code()):
            return made["shapes"]
    except Exception:  # absent, partial, foreign or of another version: made again
        pass
    return {}


def write(shapes: Shapes, version: int, db_path: Path = DB_PATH) -> Path:
    """Install the file atomically (a reader sees the old file or the new, never half)."""
    target = path(db_path)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with tmp.open("wb") as fh:
            pickle.dump({"key": (version, code()), "shapes": shapes}, fh, protocol=5)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


class Making:
    """`python -m cxdash shapes` in a child process, unless the file is current, once per
    server process and data version (cxdash/ui/shell.py); `done(shapes)` gets the file's
    shapes once it is written. The child is on the other core, not in the readers' GIL,
    and is stopped when the server exits."""

    def __init__(self, version: int, done: Callable[[Shapes], None]) -> None:
        self.proc: subprocess.Popen | None = None
        if load(version):
            return
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cxdash", "shapes"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.thread = threading.Thread(target=self._adopt, args=(version, done), daemon=True)
        self.thread.start()
        atexit.register(self.close)

    def _adopt(self, version: int, done: Callable[[Shapes], None]) -> None:
        if self.proc.wait() == 0:
            done(load(version))

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)
