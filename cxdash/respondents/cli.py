"""`python -m cxdash respondents import | synth | list | delete`: one sub-command group of the
command line, dispatching here. Errors are lines of words (exit 2), never a traceback."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxdash.csvread import DataError
from cxdash.respondents import instrument, store


def add(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("respondents", help="respondent-level data: import, synth, list, delete")
    rs = r.add_subparsers(dest="action", required=True)
    i = rs.add_parser("import", help="check a CSV/Parquet/.sav file and store it as a dataset")
    i.add_argument("file", type=Path)
    i.add_argument("--instrument", required=True, choices=sorted(instrument.PUBLISHED))
    i.add_argument("--mapping", required=True, type=Path, help="the mapping file (TOML)")
    i.add_argument("--name", help="the dataset's name (default: the mapping's, or the file's)")
    s = rs.add_parser("synth", help="write FICTIONAL respondents drawn from the 2021 figures")
    s.add_argument("--instrument", required=True, choices=["apac"])
    s.add_argument("--rows", required=True, type=int)
    s.add_argument("--seed", required=True, type=int)
    s.add_argument("--out", required=True, type=Path, help="a .parquet file to write")
    rs.add_parser("list", help="the datasets in CX_RESPONDENTS_DIR")
    d = rs.add_parser("delete", help="delete a dataset by its id")
    d.add_argument("id")
    r.set_defaults(fn=run)


def run(args: argparse.Namespace) -> int:
    act = {"import": _import, "synth": _synth, "list": _list, "delete": _delete}[args.action]
    try:
        return act(args)
    except DataError as err:  # data/instruments/ itself is broken: not the user's file
        print(f"error: {err}", file=sys.stderr)
        return 2


def _import(args: argparse.Namespace) -> int:
    from cxdash.respondents import importer
    from cxdash.respondents.readers import ImportProblems

    for label, path in (("file", args.file), ("--mapping", args.mapping)):
        if not path.is_file():
            raise ValueError(f"{label} {str(path)!r}: no such file")
    try:
        meta = importer.import_file(args.file, args.instrument, args.mapping, args.name)
    except ImportProblems as err:
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was imported", file=sys.stderr)
        return 2
    fictional = " (FICTIONAL)" if meta["fictional"] else ""
    print(f"imported {meta['n_respondents']:,} respondents as {meta['id']}{fictional}")
    print(f"stored in {store.root() / meta['id']}")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from cxdash.respondents import synth

    if args.out.suffix.lower() != ".parquet" or not args.out.parent.is_dir():
        raise ValueError(f"--out {str(args.out)!r}: a .parquet file in an existing folder")
    data, mapping = synth.write(args.rows, args.seed, args.out)
    print(f"wrote {data} ({args.rows:,} FICTIONAL respondents) and its mapping {mapping}")
    return 0


def _list(args: argparse.Namespace) -> int:
    found = store.datasets()
    if not found:
        print(f"no datasets in {store.root()}")
    for m in found:
        mark = "  FICTIONAL" if m["fictional"] else ""
        print(f"{m['id']}  {m['instrument']}  {m['n_respondents']:,} respondents  "
              f"{m['imported_at']}  {m['name']}{mark}")  # fmt: skip
    return 0


def _delete(args: argparse.Namespace) -> int:
    store.delete(args.id)
    print(f"deleted {args.id}")
    return 0
