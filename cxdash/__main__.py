"""Command line: python -m cxdash build | validate | template | import | export | claims | deck |
report.

Never imports Streamlit (a test checks): the commands use the same pure core as the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cxdash import build, db, export, wave
from cxdash.paths import DB_PATH


def _build(args: argparse.Namespace) -> int:
    if args.if_stale:  # the app's rebuild: single-flight, and only when still stale
        build.ensure_fresh(DB_PATH)
        return 0
    report = build.build(DB_PATH)
    rows = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    print(f"built {DB_PATH} from {report.files} CSV files: {rows}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    problems: list[build.DataError] = []
    report = build.validate(problems=problems)
    if report is None:
        return _problems(problems, "nothing was changed")
    print(f"ok: {report.files} CSV files, {sum(report.tables.values())} rows, every check passed")
    return 0


def _problems(problems: list[build.DataError], outcome: str) -> int:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(problems)} problem(s); {outcome}", file=sys.stderr)
    return 2


def _template(args: argparse.Namespace) -> int:
    for path in wave.template(args.survey, args.year, args.out):
        print(path)
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        summary = wave.import_wave(args.dir)
    except wave.ImportProblems as err:
        return _problems(err.problems, "nothing was written")
    print("\n".join(summary.lines))
    return 0


def _export(args: argparse.Namespace) -> int:
    # ci_low / ci_high: 95% Wilson interval, in the value's unit, for shares with a printed base
    export.write(db.run("export"), args.format, args.out)
    return 0


def _claims(args: argparse.Namespace) -> int:
    export.write(db.run("claims", surveys=[]), args.format, args.out)
    return 0


def _document(args: argparse.Namespace) -> int:
    """`deck` or `report`: the view as .pptx or .pdf."""
    from cxdash import data, deck, report, view

    make = deck.build_deck if args.command == "deck" else report.build_report
    built = make(view.parse_text(args.view, data.vocabulary()), args.base_url, _progress)
    args.out.write_bytes(built)
    print(f"wrote {args.out} ({len(built) // 1024} KB)", file=sys.stderr)
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\rchart {done}/{total}", end="\n" if done == total else "", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m cxdash", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="(re)build data/cx.duckdb from the CSVs")
    b.add_argument("--if-stale", action="store_true", help="only when a CSV or SQL is newer")
    b.set_defaults(fn=_build)
    sub.add_parser("validate", help="run every data check, replace nothing").set_defaults(
        fn=_validate
    )
    t = sub.add_parser("template", help="the CSVs of a new wave (or survey) to fill in")
    t.add_argument("--survey", required=True, help="a survey id (a new one: an empty skeleton)")
    t.add_argument("--year", type=int, help="the new wave's year")
    t.add_argument("--out", type=Path, required=True, help="a new folder to write")
    t.set_defaults(fn=_template)
    i = sub.add_parser("import", help="validate a filled wave, add it to data/ and rebuild")
    i.add_argument("dir", type=Path, help="the folder `template` wrote, filled in")
    i.set_defaults(fn=_import)
    e = sub.add_parser("export", help="the whole tidy dataset, one row per published value")
    e.add_argument("--format", choices=export.FORMATS, default="csv")
    e.add_argument("--out", type=Path, help="file to write (default: standard output)")
    e.set_defaults(fn=_export)
    c = sub.add_parser("claims", help="every claim with its recomputed value and status")
    c.add_argument("--format", choices=("csv", "json"), default="csv")
    c.add_argument("--out", type=Path, help="file to write (default: standard output)")
    c.set_defaults(fn=_claims)
    for name, ext in (("deck", "pptx"), ("report", "pdf")):
        d = sub.add_parser(name, help=f"a .{ext} of any view: title, one page per chart")
        d.add_argument(
            "--view",
            required=True,
            help="the view's URL query string, e.g. 'tiers?tier=Champion&lang=zh'",
        )
        d.add_argument("--out", type=Path, required=True)
        d.add_argument(
            "--base-url",
            default="http://localhost:8501",
            help="where the app runs, for the link on every slide",
        )
        d.set_defaults(fn=_document)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command not in ("build", "template", "import", "validate"):
            db.refresh(wait=True)
        return args.fn(args)
    except build.DataError as err:
        print(f"error: {err}", file=sys.stderr)
        print("the previous database (if any) was left unchanged", file=sys.stderr)
        return 2
    except (ValueError, OSError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
