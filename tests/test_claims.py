"""Every claim's status, derived by the database, checked against an independent recompute."""

from __future__ import annotations

import pandas as pd
import pytest


def _recompute(op: str, a: float, b: float) -> float:
    if op == "value":
        return a
    if op == "point_diff":
        return a - b
    return {
        "ratio": a / b,
        "pct_of": 100 * a / b,
        "pct_more": 100 * (a - b) / b,
        "pct_less": 100 * (b - a) / b,
    }[op]


def test_every_claim_recomputes_independently(q, export):
    claims = q("claims", surveys=[])
    values = export.set_index("value_id")
    for _, c in claims.iterrows():
        if pd.isna(c["operation"]):
            assert c["status"] == "not_recomputable"
            continue
        ids = lambda col: [i for i in str(c[col] or "").split(";") if i and i != "nan"]  # noqa: E731
        a = sum(values.loc[i, "value"] for i in ids("a_value_ids"))
        b = sum(values.loc[i, "value"] for i in ids("b_value_ids"))
        assert c["recomputed_value"] == pytest.approx(_recompute(c["operation"], a, b), abs=0.01)


@pytest.mark.parametrize(
    ("claim_id", "status", "recomputed"),
    [
        ("apac_c_first_response_29_body", "matches", 29.17),  # (2.4 - 1.7) / 2.4
        ("apac_c_exec_review_starter_third", "differs", 68.0),  # 將近三分之一 vs chart 68%
        ("apac_c_resolution_half", "matches", 68.0),  # 少一半: at least half
        ("apac_c_unresolved_41_body", "not_recomputable", None),
        ("hk_c01", "matches", 90.0),  # 九成 = 43 + 47
        ("metrics_nps_example", "matches", 50.0),  # 60 - 10
    ],
)
def test_claim_status(q, claim_id, status, recomputed):
    claims = q("claims", surveys=[]).set_index("claim_id")
    assert claims.loc[claim_id, "status"] == status
    if recomputed is not None:
        assert claims.loc[claim_id, "recomputed_value"] == pytest.approx(recomputed, abs=0.01)


def test_status_counts_are_what_the_documents_support(q):
    counts = q("claims", surveys=[])["status"].value_counts().to_dict()
    assert counts.get("differs") == 1
    assert counts.get("matches", 0) > 90


def test_multipliers_match_their_charts(q):
    claims = q("claims", surveys=[])
    ratios = claims[claims["operation"] == "ratio"]
    assert len(ratios) >= 15
    assert (ratios["status"] == "matches").all()


def test_survey_filter(q):
    hk = q("claims", surveys=["hk"])
    assert set(hk["survey_id"]) == {"hk"}


def test_the_audits_notes_are_in_the_readers_language(q):
    """How a claim was recomputed reads in 繁體中文 for a 繁體中文 reader (claims.csv note_zh)."""
    from cxdash import audit, i18n
    from tests.zh_support import has_cjk, latin_sentences

    claims = q("claims", surveys=[])
    zh = audit.table(claims, "zh")[i18n.t("col_note", "zh")]
    en = audit.table(claims, "en")[i18n.t("col_note", "en")]
    assert (zh != "").sum() == (en != "").sum() >= 90
    assert all(not latin_sentences(n) for n in zh) and sum(map(has_cjk, zh)) >= 60
    assert sum(bool(latin_sentences(n)) for n in en) >= 60
    assert any("以入門新手重新計算" in n for n in zh)  # "recomputed against Starter"
