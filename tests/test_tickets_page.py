"""The ticket-log page (AppTest): a FICTIONAL log imported on the command line is offered,
labelled as the user's (FICTIONAL), its metrics shown as the pure core computes them with the
counts they rest on, placed on the published tier values and bands with their sources, cut by
channel and month without an error; and it fills Benchmark yourself on request."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cxdash import formatting
from cxdash.paths import ROOT
from cxdash.tickets import engines, importer, mapping, metrics, synth


@pytest.fixture(scope="module")
def log(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("tickets")
    mp = pytest.MonkeyPatch()
    mp.setenv("CX_TICKETS_DIR", str(folder / "store"))
    data, mapped = synth.write(5000, 11, folder / "export.csv")
    meta = importer.import_file(data, mapping.read(mapped))
    yield meta
    mp.undo()


def _app(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = [value]
    at.switch_page(str(ROOT / "pages" / page)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _expected(meta: dict) -> dict[str, str]:
    folder = mapping_folder(meta)
    values = metrics.values(engines.cube(folder, metrics.Choices().params()))
    defs = metrics.definitions().set_index("metric_id")
    return {
        defs.loc[r["metric_id"], "name_en"]: formatting.number(
            r["value"], int(defs.loc[r["metric_id"], "decimals"]), defs.loc[r["metric_id"], "unit"]
        )
        for _, r in values.iterrows()
    }


def mapping_folder(meta: dict):
    from cxdash.tickets import store

    return store.SHELF.folder(meta["id"])


def test_the_page_shows_the_logs_metrics_labelled_as_the_users(log):
    at = _app("ticket_log.py")
    banner = " ".join(i.value for i in at.info)
    assert "Your ticket log" in banner and "FICTIONAL" in banner and "5,000 tickets" in banner
    shown = {m.label: m.value for m in at.metric}
    assert shown == _expected(log)
    captions = " ".join(c.value for c in at.caption)
    assert "tickets with a first reply" in captions
    # placed on the published tiers (the FICTIONAL log's 2.33 h lies between two of them)
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "First response time: 2.33 h" in text
    assert "Between Emerging 2.1 h (N=70) and Starter 2.4 h (N=129)" in text


def test_cutting_by_channel_and_month_recomputes_from_the_sums(log):
    at = _app("ticket_log.py", lang="zh")
    at.multiselect(key="tk_channels").set_value(["email"]).run()
    assert not at.exception
    cube = engines.cube(mapping_folder(log), metrics.Choices().params())
    email = metrics.values(metrics.cut(cube, ["email"])).set_index("metric_id")
    want = formatting.number(email.loc["resolution_rate", "value"], 1, "percent", "zh")
    assert want in [m.value for m in at.metric]
    at.selectbox(key="tk_window").set_value(30).run()
    assert not at.exception


def test_benchmark_yourself_fills_in_from_the_log(log):
    at = _app("benchmark.py")
    at.button(key="bm_from_log").click().run()
    assert not at.exception
    cube = engines.cube(mapping_folder(log), metrics.Choices().params())
    values = metrics.values(cube).set_index("metric_id")["value"]
    assert (
        at.text_input(key="bm_m_first_response_time").value
        == f"{round(values['first_response_time'], 2):g}"
    )
    assert at.text_input(key="bm_m_csat").value == f"{round(values['csat'], 1):g}"
    assert at.text_input(key="bm_m_phone_handle_time").value in ("", None)  # not from a log
    note = " ".join(i.value for i in at.info)
    assert "your numbers, not published" in note and "FICTIONAL" in note


def test_in_zh_the_page_says_everything_in_zh_but_the_users_own_words(log):
    from tests.test_zh import english_in

    at = _app("ticket_log.py", lang="zh")
    found = [s for _, s in english_in(at) if "FICTIONAL ticket log" not in s]
    assert found == []
    assert any("您的工單記錄" in i.value for i in at.info)
