"""The command line under bad arguments: every refusal is one line on standard error, a
non-zero exit, no traceback and no file written; what is accepted still works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxdash import data, view
from cxdash.__main__ import main

DECK = ["deck", "--view", "tiers?tier=Champion"]
REPORT = ["report", "--view", "tiers?tier=Champion"]


def refused(capsys, argv: list[str], says: str) -> None:
    """`argv` exits 2 with exactly one line on standard error that contains `says`."""
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert says in lines[0] and "Traceback" not in err


@pytest.mark.parametrize(
    "base",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "localhost:8501",
        "http://",
        "http://localhost:99999",
        "http://user@evil.example",
        "http://localhost:8501/?next=https://evil.example",
        "http://local host:8501",
        "http://localhost:8501\n",
    ],
)
def test_only_an_http_base_url_becomes_the_link(capsys, tmp_path, base):
    for command in (DECK, REPORT):
        out = tmp_path / ("x.pptx" if command is DECK else "x.pdf")
        refused(capsys, [*command, "--base-url", base, "--out", str(out)], "--base-url")
        assert not out.exists()


@pytest.mark.parametrize(
    ("command", "out", "says"),
    [
        (DECK, "-", "not for standard output"),
        (REPORT, "-", "not for standard output"),
        (["export", "--format", "parquet"], "-", "not for standard output"),
        (DECK, "dir/", "is a folder"),
        (REPORT, "dir", "is a folder"),
        (["export"], "dir/", "is a folder"),
        (REPORT, "existing.pptx", "ending in .pdf"),
        (DECK, "slides.pdf", "ending in .pptx"),
        (DECK, "slides", "ending in .pptx"),
        (["export", "--format", "csv"], "all.json", "ending in .csv"),
        (["export", "--format", "json"], "all.parquet", "ending in .json"),
        (["export", "--format", "parquet"], "all.csv", "ending in .parquet"),
        (["claims", "--format", "csv"], "claims.xlsx", "ending in .csv"),
        (["claims", "--format", "json"], "nowhere/claims.json", "does not exist"),
    ],
)
def test_an_output_path_must_fit_what_is_written(capsys, tmp_path, monkeypatch, command, out, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir").mkdir()
    (tmp_path / "existing.pptx").write_bytes(b"a deck someone made")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    refused(capsys, [*command, "--out", out], says)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no '-', no 'dir' file
    assert (tmp_path / "existing.pptx").read_bytes() == b"a deck someone made"


@pytest.mark.parametrize(
    "shown",
    [
        "http://evil.example/tiers",
        "https://evil.example/tiers?tier=Champion",
        "//tiers",
        "//evil.example/tiers",
        "http://localhost:8501@evil.example/tiers",
        "http://localhost:8502/tiers",
        "javascript:alert(1)",
        "ftp://localhost:8501/tiers",
    ],
)
def test_a_view_is_a_path_or_this_apps_address(capsys, tmp_path, shown):
    out = tmp_path / "d.pptx"
    refused(capsys, ["deck", "--view", shown, "--out", str(out)], repr(shown))
    assert not out.exists()


def test_the_apps_own_address_and_paths_are_views():
    vocab = data.vocabulary()
    base = "http://localhost:8501"
    want = view.parse_text("tiers?tier=Champion&lang=zh", vocab)
    for text in (
        "/tiers?tier=Champion&lang=zh",
        "page=tiers&tier=Champion&lang=zh",
        "http://localhost:8501/tiers?tier=Champion&lang=zh",
        "http://LOCALHOST:8501/tiers?tier=Champion&lang=zh",
    ):
        assert view.parse_text(text, vocab, base) == want, text
    # a base URL with a path: the app served under /cx
    shown = view.parse_text(
        "https://cx.example/cx/tiers?tier=Champion&lang=zh", vocab, "https://cx.example/cx/"
    )
    assert shown == want
    assert view.parse_text(
        "https://cx.example:443/hong_kong", vocab, "https://cx.example"
    ).page == ("hong_kong")


def test_standard_output_and_a_fitting_path_still_work(capsys, tmp_path):
    assert main(["claims", "--format", "json", "--out", "-"]) == 0
    claims = json.loads(capsys.readouterr().out)
    assert {r["claim_id"] for r in claims} >= {"apac_c_ces_12_body"}
    out = tmp_path / "ALL.CSV"  # a suffix in capitals fits too
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    assert Path(out).read_text(encoding="utf-8").startswith("value_id,")
