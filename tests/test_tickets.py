"""Ticket logs: the import refuses malformed exports naming file, row and column and stores
nothing; the six metrics equal an independent recomputation from the export; the guide's
passages are the document's own; the Zendesk mapping reads a Zendesk-shaped export.
Every log here is FICTIONAL."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxdash.paths import DATA_DIR, SEEDS_DIR
from cxdash.respondents.readers import ImportProblems
from cxdash.tickets import engines, importer, mapping, metrics, store, synth

GUIDE = "002_9acce4542ffce099.txt"


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tickets")
    return synth.write(3000, 7, folder / "export.csv")


@pytest.fixture(scope="module")
def log(export, tmp_path_factory) -> tuple[dict, Path]:
    base = tmp_path_factory.mktemp("store")
    meta = importer.import_file(export[0], mapping.read(export[1]), base=base)
    return meta, base / meta["id"]


def _recomputed(path: Path, window_days: int) -> dict[str, float]:
    """The metrics straight from the export with pandas: another route to the same
    definitions (data/tickets/metrics.csv)."""
    t = pd.read_csv(path, dtype={"ticket_id": str, "requester_id": str})
    created = pd.to_datetime(t["created_at"], utc=True)
    reply = (pd.to_datetime(t["first_reply_at"], utc=True) - created).dt.total_seconds()
    solve = (pd.to_datetime(t["solved_at"], utc=True) - created).dt.total_seconds()
    solved = t["solved_at"].notna()
    order = pd.DataFrame({"r": t["requester_id"], "c": created}).sort_values(["r", "c"])
    gap = order.groupby("r")["c"].diff().dt.total_seconds().reindex(t.index)
    one_touch = solved & (t["agent_replies"] <= 1) & (t["reopens"].fillna(0) == 0)
    nps = t["nps"].dropna()
    return {
        "first_response_time": reply.mean() / 3600,
        "resolution_time": solve[solved].mean() / 3600,
        "resolution_rate": 100 * solved.mean(),
        "single_contact_resolution": 100
        * one_touch.sum()
        / (solved & t["agent_replies"].notna()).sum(),
        "csat": 100 * (t["csat"].dropna() >= 4).mean(),
        "nps": 100 * ((nps >= 9).mean() - (nps <= 6).mean()),
        "repeat_contact_rate": 100
        * (gap <= window_days * 86400).sum()
        / t["requester_id"].notna().sum(),
    }


@pytest.mark.parametrize("window", [1, 7, 30])
def test_metrics_equal_an_independent_recomputation(export, log, window):
    cube = engines.cube(log[1], metrics.Choices(window_days=window).params())
    got = metrics.values(cube).set_index("metric_id")
    want = _recomputed(export[0], window)
    assert got["tickets"].iloc[0] == 3000
    for metric_id, value in want.items():
        assert got.loc[metric_id, "value"] == pytest.approx(value, rel=1e-9), metric_id


def test_channels_and_months_roll_up_exactly(log):
    cube = engines.cube(log[1], metrics.Choices().params())
    parts = metrics.by_group(cube, ["channel"])
    whole = metrics.values(cube).set_index("metric_id")
    tickets = parts.drop_duplicates("channel")["tickets"].sum()
    assert tickets == whole["tickets"].iloc[0] == 3000
    email = metrics.values(metrics.cut(cube, ["email"])).set_index("metric_id")
    assert email.loc["resolution_rate", "base"] == (cube[cube.channel == "email"]["tickets"].sum())


def test_a_small_log_by_hand(tmp_path):
    """Four FICTIONAL tickets whose metrics are worked out by hand."""
    path = tmp_path / "hand.csv"
    path.write_text(
        "ticket_id,requester_id,created_at,first_reply_at,solved_at,agent_replies,reopens,csat,nps\n"
        "A,r1,2024-03-01 09:00,2024-03-01 10:00,2024-03-01 12:00,1,0,5,10\n"
        "B,r1,2024-03-03 09:00,2024-03-03 11:00,2024-03-04 09:00,3,1,2,3\n"
        "C,r2,2024-03-05 09:00,,,,,,8\n"
        "D,r3,2024-04-01 00:30,2024-04-01 00:30,2024-04-01 06:30,0,0,4,\n"
    )
    header = path.read_text().splitlines()[0].split(",")
    rating = {"column": "csat", "scale": [1, 5], "satisfied_from": 4}
    given = {
        "log": {"timezone": "Asia/Taipei", "fictional": True},
        "fields": {h: h for h in header},
    }
    given["fields"]["csat"] = rating
    m = mapping.parse(given, "hand.mapping.toml")
    meta = importer.import_file(path, m, base=tmp_path / "store")
    cube = engines.cube(tmp_path / "store" / meta["id"], metrics.Choices(window_days=3).params())
    got = metrics.values(cube).set_index("metric_id")["value"]
    assert got["first_response_time"] == pytest.approx((1 + 2 + 0) / 3)  # C never answered
    assert got["resolution_time"] == pytest.approx((3 + 24 + 6) / 3)
    assert got["resolution_rate"] == pytest.approx(75)
    assert got["single_contact_resolution"] == pytest.approx(100 * 2 / 3)  # B: 3 replies
    assert got["csat"] == pytest.approx(100 * 2 / 3)  # 5 and 4 of 5, 2, 4
    assert got["nps"] == pytest.approx(0)  # one promoter, one detractor, one passive
    assert got["repeat_contact_rate"] == pytest.approx(25)  # B: r1 again two days later
    # months in the log's time zone: D is 31 March in UTC, 1 April in Taipei
    assert sorted(map(str, cube["month"])) == ["2024-03-01", "2024-04-01"]


def _write_bad(export: Path, tmp_path: Path, change) -> Path:
    rows = list(csv.DictReader(export.open()))[:50]
    change(rows)
    path = tmp_path / "bad.csv"
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


BAD = {
    "unparseable timestamp": (
        lambda r: r[4].update(created_at="31/02/2024 25:00"),
        "row 6, column created_at: not a date and time",
    ),
    "solved before created": (
        lambda r: r[0].update(solved_at="2023-01-01T00:00:00+08:00"),
        "row 2, column solved_at: earlier than",
    ),
    "duplicate ticket ids": (
        lambda r: r[9].update(ticket_id=r[2]["ticket_id"]),
        "rows 4, 11, column ticket_id: ticket id appears more than once",
    ),
    "CSAT of 7 on a 1-5 scale": (
        lambda r: r[7].update(csat="7"),
        "row 9, column csat: not a whole number on the mapping's scale, 1 to 5",
    ),
    "10^12 seconds after creation": (
        lambda r: r[3].update(solved_at="33658-09-27T01:46:40+00:00"),
        "row 5, column solved_at: more than ten years",
    ),
    "NPS of 11": (
        lambda r: r[1].update(nps="11"),
        "row 3, column nps: not a whole number from 0 to 10",
    ),
    "missing id": (
        lambda r: r[0].update(ticket_id=""),
        "row 2, column ticket_id: empty: required",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_malformed_logs_are_refused_with_file_row_and_column(export, tmp_path, case):
    change, message = BAD[case]
    path = _write_bad(export[0], tmp_path, change)
    base = tmp_path / "store"
    with pytest.raises(ImportProblems) as err:
        importer.import_file(path, mapping.read(export[1]), base=base)
    lines = [str(p) for p in err.value.problems]
    assert any(line.startswith("bad.csv, ") and message in line for line in lines), lines
    assert not [p for p in base.iterdir() if not p.name.startswith(".")]  # nothing stored
    assert not list(base.glob(".import-*"))  # and no scratch left behind


def test_a_duration_of_10_to_the_12_seconds_is_refused(tmp_path):
    path = tmp_path / "durations.csv"
    path.write_text(
        "id,created,frt\nA,2024-01-01 00:00:00,1000000000000\nB,2024-01-01 00:00:00,60\n"
    )
    m = mapping.parse(
        {"fields": {"ticket_id": "id", "created_at": "created",
                    "first_reply_time": {"column": "frt", "unit": "seconds"}}}, "d.toml"
    )  # fmt: skip
    with pytest.raises(ImportProblems) as err:
        importer.import_file(path, m, base=tmp_path / "store")
    assert [str(p) for p in err.value.problems] == [
        "durations.csv, row 2, column frt: not a duration from 0 to ten years in the mapping's unit"
    ]


def test_a_column_the_file_lacks_and_a_file_that_is_not_csv(export, tmp_path):
    m = mapping.read(export[1])
    broken = tmp_path / "broken.csv"
    broken.write_text("ticket_id,created_at\nA,2024-01-01\n")
    with pytest.raises(ImportProblems) as err:
        importer.import_file(broken, m, base=tmp_path / "s")
    assert "broken.csv, column requester_id: no such column in the file's header" in map(
        str, err.value.problems
    )
    binary = tmp_path / "binary.parquet"
    binary.write_bytes(b"\x00\x01 not parquet")
    with pytest.raises(ImportProblems) as err:
        importer.import_file(binary, m, base=tmp_path / "s")
    assert str(err.value.problems[0]).startswith("binary.parquet: not a readable Parquet file")


@pytest.mark.parametrize(
    "written",
    ["2024-03-01T09:15:00+08:00", "2024-03-01 09:15:00 +0800", "2024-03-01 09:15:00 +08:00",
     "2024-03-01T01:15:00Z", "2024-03-01 09:15:00"],
)  # fmt: skip
def test_timestamps_with_and_without_zones(tmp_path, written):
    path = tmp_path / "zones.csv"
    path.write_text(f"id,created\nA,{written}\n")
    m = mapping.parse(
        {
            "log": {"timezone": "Asia/Taipei"},
            "fields": {"ticket_id": "id", "created_at": "created"},
        },
        "z.toml",
    )
    meta = importer.import_file(path, m, base=tmp_path / "store")
    assert meta["first_utc"] == "2024-03-01 01:15:00"


def test_mapping_problems_are_listed_together():
    with pytest.raises(mapping.MappingError) as err:
        mapping.parse(
            {"log": {"timezone": "Mars/Olympus"},
             "fields": {"created_at": "c", "wait": "w", "first_reply_time": "f",
                        "first_reply_at": "fa", "csat": {"column": "s", "scale": [5, 1]}},
             "channels": {"Fax": "fax"}}, "m.toml",
        )  # fmt: skip
    text = "\n".join(err.value.problems)
    expected = [
        "fields.ticket_id: required",
        "fields.wait: not a ticket field",
        "Mars/Olympus",
        "first_reply_at or first_reply_time, not both",
        "fields.first_reply_time.unit",
        "fields.csat: scale",
        "'fax': not a channel code",
    ]
    for part in expected:
        assert part in text


def test_the_zendesk_mapping_reads_a_zendesk_shaped_export(tmp_path):
    m = mapping.read(DATA_DIR / "tickets" / "zendesk_csv.mapping.toml")
    header = list(dict.fromkeys(m.columns.values()))
    rows = [  # FICTIONAL
        {"Id": "101", "Requester id": "9", "Via": "Web Form", "Created at": "2024-05-02 10:00:00",
         "Solved at": "2024-05-02 14:00:00", "First reply time in minutes": "30",
         "First reply time in minutes within business hours": "30",
         "Full resolution time in minutes within business hours": "240", "Replies": "1",
         "Reopens": "0", "Satisfaction Score": "Good"},
        {"Id": "102", "Requester id": "9", "Via": "Mail", "Created at": "2024-05-03 10:00:00",
         "Solved at": "", "First reply time in minutes": "90",
         "First reply time in minutes within business hours": "60",
         "Full resolution time in minutes within business hours": "", "Replies": "2",
         "Reopens": "0", "Satisfaction Score": "Offered"},
    ]  # fmt: skip
    path = tmp_path / "zendesk.csv"
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    meta = importer.import_file(path, m, base=tmp_path / "store")
    assert meta["channels"] == ["email", "website_app"]
    folder = tmp_path / "store" / meta["id"]
    calendar = metrics.values(engines.cube(folder, metrics.Choices().params()))
    business = metrics.values(engines.cube(folder, metrics.Choices(business=True).params()))
    c, b = (v.set_index("metric_id")["value"] for v in (calendar, business))
    assert c["first_response_time"] == pytest.approx(1.0)  # 30 and 90 minutes
    assert b["first_response_time"] == pytest.approx(0.75)  # 30 and 60 business minutes
    assert c["resolution_time"] == pytest.approx(4.0)
    assert c["csat"] == pytest.approx(100.0)  # "Offered" is no rating
    assert c["repeat_contact_rate"] == pytest.approx(50.0)  # requester 9 again a day later


def test_definitions_quote_the_guide():
    if not (SEEDS_DIR / GUIDE).exists():
        pytest.skip("source documents not beside the repository")
    guide = (SEEDS_DIR / GUIDE).read_text(encoding="utf-8")
    for _, row in metrics.definitions().iterrows():
        assert row["passage_zh"] in guide, row["metric_id"]


def test_definitions_name_every_cube_column_and_the_measures_they_are_placed_on():
    defs = metrics.definitions()
    assert len(defs) == 7 and defs["formula_en"].notna().sum() >= 5
    sql = store.sql("cube")
    for column in [*defs["numerator"], *defs["denominator"]]:
        assert f" as {column}" in sql, column
    measures = pd.read_csv(DATA_DIR / "metrics" / "benchmark_measures.csv")
    placed = set(defs["metric_id"]) & set(measures["measure_id"])
    assert placed == {"first_response_time", "resolution_time", "single_contact_resolution",
                      "csat", "nps", "repeat_contact_rate"}  # fmt: skip
    units = measures.set_index("measure_id")["unit"]
    for _, row in defs[defs["metric_id"].isin(placed)].iterrows():
        assert units[row["metric_id"]] == row["unit"], row["metric_id"]


def test_the_command_line(export, tmp_path, monkeypatch, capsys):
    from cxdash.__main__ import main

    monkeypatch.setenv("CX_TICKETS_DIR", str(tmp_path / "logs"))
    assert main(["tickets", "import", str(export[0]), "--mapping", str(export[1])]) == 0
    said = capsys.readouterr().out
    assert "imported 3,000 tickets as fictional-ticket-log-" in said and "(FICTIONAL)" in said
    log_id = said.split(" as ")[1].split()[0]
    out = tmp_path / "metrics.csv"
    assert main(["tickets", "metrics", log_id, "--window-days", "1", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert set(table["log"]) == {"FICTIONAL ticket log"} and table["fictional"].all()
    assert table.groupby(["channel", "month"])["tickets"].first().sum() == 3000
    assert main(["tickets", "metrics", log_id, "--hours", "business"]) == 2
    assert "carries no business-hour durations" in capsys.readouterr().err
    bad = _write_bad(export[0], tmp_path, BAD["CSAT of 7 on a 1-5 scale"][0])
    assert main(["tickets", "import", str(bad), "--mapping", str(export[1])]) == 2
    err = capsys.readouterr().err
    assert "bad.csv, row 9, column csat" in err and "nothing was imported" in err
    assert main(["tickets", "delete", log_id]) == 0
    assert main(["tickets", "list"]) == 0
    assert "no ticket logs" in capsys.readouterr().out


def test_an_export_with_no_tickets_is_refused(export, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text(export[0].read_text().splitlines()[0] + "\n")
    with pytest.raises(ImportProblems) as err:
        importer.import_file(empty, mapping.read(export[1]), base=tmp_path / "store")
    assert [str(p) for p in err.value.problems] == ["empty.csv: no tickets in the file"]


_COLUMNS = ["ticket_id", "requester_id", "created_at", "first_reply_at", "solved_at",
            "agent_replies", "reopens", "csat", "nps"]  # fmt: skip


_HOSTILE = ["", "-1", "1e12", "NaN", "inf", "2024-02-30", "7", "10.5", "0", "=cmd()", "2023-01-01"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.tuples(
            st.integers(0, 19),
            st.sampled_from(_COLUMNS),
            st.one_of(st.text(max_size=30), st.sampled_from(_HOSTILE)),
        ),
        min_size=1, max_size=4,
    )
)  # fmt: skip
def test_any_corrupted_cell_is_refused_by_file_row_and_column_or_imported_whole(
    export, tmp_path, cells
):
    """The space, not a few cases: whatever is written into any cells of a good export, the
    import either stores every ticket or refuses with problems that each name the file, rows
    and a column of the export; it never raises anything else and never stores part."""
    rows = list(csv.DictReader(export[0].open()))[:20]
    for row, column, value in cells:
        rows[row][column] = value
    path = tmp_path / "fuzzed.csv"
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    base = tmp_path / "store-fuzz"
    shutil.rmtree(base, ignore_errors=True)
    try:
        meta = importer.import_file(path, mapping.read(export[1]), base=base)
    except ImportProblems as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file == "fuzzed.csv"
            assert problem.column in _COLUMNS and problem.rows, str(problem)
        assert not [p for p in base.iterdir() if not p.name.startswith(".")]
    else:
        assert meta["n_tickets"] == 20
