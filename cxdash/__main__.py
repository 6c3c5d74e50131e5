"""Command line: python -m cxdash build | validate | export | claims."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxdash import build, db, export, stats
from cxdash.paths import DB_PATH


def _build(args: argparse.Namespace) -> int:
    report = build.build(DB_PATH)
    rows = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    print(f"built {DB_PATH} from {report.files} CSV files: {rows}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    report = build.validate()
    print(f"ok: {report.files} CSV files, {sum(report.tables.values())} rows, every check passed")
    return 0


def _export(args: argparse.Namespace) -> int:
    # ci_low / ci_high: 95% Wilson interval, in the value's unit, for shares with a printed base
    export.write(stats.with_intervals(db.run("export")), args.format, args.out)
    return 0


def _claims(args: argparse.Namespace) -> int:
    export.write(db.run("claims", surveys=[]), args.format, args.out)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m cxdash", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="(re)build data/cx.duckdb from the CSVs").set_defaults(fn=_build)
    sub.add_parser("validate", help="run every data check, replace nothing").set_defaults(
        fn=_validate
    )
    e = sub.add_parser("export", help="the whole tidy dataset, one row per published value")
    e.add_argument("--format", choices=export.FORMATS, default="csv")
    e.add_argument("--out", type=Path, help="file to write (default: standard output)")
    e.set_defaults(fn=_export)
    c = sub.add_parser("claims", help="every claim with its recomputed value and status")
    c.add_argument("--format", choices=("csv", "json"), default="csv")
    c.add_argument("--out", type=Path, help="file to write (default: standard output)")
    c.set_defaults(fn=_claims)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.fn(args)
    except build.DataError as err:
        print(f"error: {err}", file=sys.stderr)
        print("the previous database (if any) was left unchanged", file=sys.stderr)
        return 2
    except (ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
