"""`python -m cxdash tickets import | synth | list | delete | metrics`. Errors are lines of
words (exit 2), never a traceback; every output of a FICTIONAL log says so."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxdash.tickets import store
from cxdash.tickets.metrics import WINDOWS


def add(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("tickets", help="a help desk's ticket log: import, metrics, list, delete")
    ts = t.add_subparsers(dest="action", required=True)
    i = ts.add_parser("import", help="check a CSV/Parquet ticket export and store it")
    i.add_argument("file", type=Path)
    i.add_argument("--mapping", required=True, type=Path, help="the mapping file (TOML)")
    i.add_argument("--name", help="the log's name (default: the mapping's, or the file's)")
    s = ts.add_parser("synth", help="write a FICTIONAL ticket export and its mapping")
    s.add_argument("--tickets", required=True, type=int)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--out", required=True, type=Path, help="a .csv or .parquet file to write")
    ts.add_parser("list", help="the logs in CX_TICKETS_DIR")
    d = ts.add_parser("delete", help="delete a log by its id")
    d.add_argument("id")
    m = ts.add_parser("metrics", help="the six metrics by channel and month, as CSV")
    m.add_argument("id")
    m.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    m.add_argument("--master", help="Spark's master URL (default local[2]), e.g. spark://host:7077")
    m.add_argument("--data", help="Spark: the log's Parquet at another URL (s3a://, hdfs://)")
    m.add_argument("--hours", choices=("calendar", "business"), default="calendar")
    m.add_argument("--window-days", type=int, choices=WINDOWS, default=7)
    m.add_argument("--out", type=Path, help="a .csv file (default: standard output)")
    t.set_defaults(fn=run)


def run(args: argparse.Namespace) -> int:
    act = {"import": _import, "synth": _synth, "list": _list, "delete": _delete}
    return act.get(args.action, _metrics)(args)


def _import(args: argparse.Namespace) -> int:
    from cxdash.respondents.readers import ImportProblems
    from cxdash.tickets import importer, mapping

    for label, path in (("file", args.file), ("--mapping", args.mapping)):
        if not path.is_file():
            raise ValueError(f"{label} {str(path)!r}: no such file")
    try:
        meta = importer.import_file(args.file, mapping.read(args.mapping), args.name)
    except mapping.MappingError as err:
        return _refused(err.problems)
    except ImportProblems as err:
        return _refused([str(p) for p in err.problems])
    fictional = " (FICTIONAL)" if meta["fictional"] else ""
    print(f"imported {meta['n_tickets']:,} tickets as {meta['id']}{fictional}")
    print(f"stored in {store.SHELF.root() / meta['id']}")
    return 0


def _refused(lines: list[str]) -> int:
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
    print(f"{len(lines)} problem(s); nothing was imported", file=sys.stderr)
    return 2


def _synth(args: argparse.Namespace) -> int:
    from cxdash.tickets import synth

    if not args.out.parent.is_dir():
        raise ValueError(f"--out {str(args.out)!r}: the folder does not exist")
    data, mapping = synth.write(args.tickets, args.seed, args.out)
    print(f"wrote {data} ({args.tickets:,} FICTIONAL tickets) and its mapping {mapping}")
    return 0


def _list(args: argparse.Namespace) -> int:
    found = store.SHELF.listed()
    if not found:
        print(f"no ticket logs in {store.SHELF.root()}")
    for m in found:
        mark = "  FICTIONAL" if m["fictional"] else ""
        print(f"{m['id']}  {m['n_tickets']:,} tickets  {m['imported_at']}  {m['name']}{mark}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    store.SHELF.delete(args.id)
    print(f"deleted {args.id}")
    return 0


def _metrics(args: argparse.Namespace) -> int:
    from cxdash.tickets import engines, metrics

    meta = store.SHELF.meta(args.id)
    if args.hours == "business" and not _has_business(meta):
        raise ValueError("--hours business: this log carries no business-hour durations")
    if args.out is not None and args.out.suffix.lower() != ".csv":
        raise ValueError(f"--out {str(args.out)!r}: give a file name ending in .csv")
    choice = metrics.Choices(args.hours == "business", args.window_days)
    data = args.data or store.SHELF.folder(args.id)
    cube = engines.cube(data, choice.params(), args.engine, args.master)
    table = metrics.by_group(cube, ["channel", "month"])
    table = table[["channel", "month", "metric_id", "value", "base", "tickets"]]
    table.insert(0, "fictional", bool(meta["fictional"]))
    table.insert(0, "log", meta["name"])
    table.to_csv(args.out or sys.stdout, index=False)
    return 0


def _has_business(meta: dict) -> bool:
    return any(f.endswith("_business") for f in meta["fields"])
