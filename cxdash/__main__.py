"""Command line: python -m cxdash build | shapes | validate | template | import | export |
claims | deck | report | respondents | tickets.

Never imports Streamlit (a test checks): the commands use the same pure core as the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from cxdash import build, db, export, wave
from cxdash.paths import DB_PATH
from cxdash.respondents import cli as respondents
from cxdash.tickets import cli as tickets


def _build(args: argparse.Namespace) -> int:
    if args.if_stale:  # the app's rebuild: single-flight, and only when still stale
        build.ensure_fresh(DB_PATH)
        return 0
    report = build.build(DB_PATH)
    rows = ", ".join(f"{t} {n}" for t, n in report.tables.items())
    print(f"built {DB_PATH} from {report.files} CSV files: {rows}")
    return 0


def _shapes(args: argparse.Namespace) -> int:
    """Every figure's shape for the database as it is now (cxdash/shapes.py), unless the
    file already holds them for this database and code. A database replaced meanwhile
    leaves the file as it was (the next server start makes it again)."""
    from cxdash import figures, shapes

    version = db.version()
    if shapes.load(version) and not args.force:
        print(f"{shapes.path()} is up to date")
        return 0
    made = figures.make_shapes(version)
    if db.version() != version:
        print("the database was replaced while the shapes were made; nothing written")
        return 1
    print(f"wrote {len(made)} shapes to {shapes.write(made, version)}")
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


# What each command writes: the file suffix its --out must have, and its name in messages.
SUFFIXES = {
    "csv": (".csv", "CSV file"),
    "parquet": (".parquet", "Parquet file"),
    "json": (".json", "JSON file"),
    "deck": (".pptx", "slide deck"),
    "report": (".pdf", "PDF report"),
}
_TEXT = ("csv", "json")  # formats that may go to standard output


def _out_path(text: str | None, kind: str) -> Path | None:
    """The --out file for `kind` (a format or deck/report); None: standard output.

    Refused, in words: '-' for a binary file, a folder, a missing folder, a name whose
    suffix does not fit what is written (a PDF is never written over a .pptx)."""
    suffix, name = SUFFIXES[kind]
    if text is None or (text == "-" and kind in _TEXT):
        return None
    hint = f"give a file name ending in {suffix}"
    if text == "-":
        raise ValueError(f"--out -: a {name} is binary, not for standard output; {hint}")
    path = Path(text)
    if not text.strip() or text.endswith(("/", "\\")) or path.is_dir():
        raise ValueError(f"--out {text!r} is a folder; {hint}, e.g. {path / ('out' + suffix)}")
    if path.suffix.lower() != suffix:
        raise ValueError(f"--out {text!r}: this writes a {name}; {hint}")
    if not path.parent.is_dir():
        raise ValueError(f"--out {text!r}: the folder {str(path.parent)!r} does not exist")
    return path


def _base_url(text: str) -> str:
    """--base-url: an http(s) address with a host, nothing else (it becomes a link)."""
    if not _is_http_address(text):
        raise ValueError(
            f"--base-url {text!r}: give the app's http:// or https:// address, "
            "e.g. http://localhost:8501 (no user name, query or fragment)"
        )
    return text


def _is_http_address(text: str) -> bool:
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018  (raises on a port that is not a number in range)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and parts.username is None
        and not (parts.query or parts.fragment)
        and text.isprintable()
        and " " not in text
    )


def _document(args: argparse.Namespace) -> int:
    """`deck` or `report`: the view as .pptx or .pdf."""
    from cxdash import data, deck, report, story, view

    make = deck.build_deck if args.command == "deck" else report.build_report
    shown = view.parse_text(args.view, data.vocabulary(), args.base_url)
    if shown.story:
        story.check(shown.story, data.vocabulary())
    built = make(shown, args.base_url, _progress)
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
    sh = sub.add_parser("shapes", help="every figure's shape, made once for the app's servers")
    sh.add_argument("--force", action="store_true", help="even when the file is up to date")
    sh.set_defaults(fn=_shapes)
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
    e.add_argument("--out", help="file to write, .csv/.parquet/.json (default: standard output)")
    e.set_defaults(fn=_export)
    c = sub.add_parser("claims", help="every claim with its recomputed value and status")
    c.add_argument("--format", choices=("csv", "json"), default="csv")
    c.add_argument("--out", help="file to write, .csv/.json (default: standard output)")
    c.set_defaults(fn=_claims)
    for name, ext in (("deck", "pptx"), ("report", "pdf")):
        d = sub.add_parser(name, help=f"a .{ext} of any view: title, one page per chart")
        d.add_argument(
            "--view",
            required=True,
            help="the view's URL query string, e.g. 'tiers?tier=Champion&lang=zh'",
        )
        d.add_argument("--out", required=True, help=f"file to write, .{ext}")
        d.add_argument(
            "--base-url",
            default="http://localhost:8501",
            help="where the app runs (http or https), for the link on every slide; a --view "
            "given as a full URL must be on this host",
        )
        d.set_defaults(fn=_document)
    respondents.add(sub)
    tickets.add(sub)
    return p


def _check(args: argparse.Namespace) -> None:
    """Refuse bad output paths and base URLs before any work is done."""
    if args.command in ("export", "claims", "deck", "report"):
        args.out = _out_path(args.out, getattr(args, "format", args.command))
    if args.command in ("deck", "report"):
        args.base_url = _base_url(args.base_url)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        _check(args)
        if args.command not in (
            "build",
            "template",
            "import",
            "validate",
            "respondents",
            "tickets",
        ):
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
