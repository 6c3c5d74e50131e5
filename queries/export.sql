-- One row per published value: the whole tidy dataset with its provenance.
-- Region-wide rows have country 'APAC'; rows for all tiers have tier 'All'.
-- base_n is the base printed for the value (empty when not printed; never assumed);
-- group_base_n is the whole respondent group's size, for context only.
-- ci_low / ci_high: the 95% Wilson interval (computed at build) of shares with a printed base.
-- test_status: significant | not_significant | not_tested, with test_reason (mean, no_base,
-- not_share, no_comparison) when not tested; significant is NULL then, never false.
-- Parameters: none.
with final as (
    select
        value_id, survey_id, figure_id, kind, title_en, title_zh, question_en, question_zh,
        unit, measure, year, tier, country, channel, respondent_group, option_en, option_zh,
        value, value_decimals, base_n, group_base_n, document as source, caption_zh, source_zh,
        concat_ws(' | ', figure_note_en, note_en) as note_en,
        concat_ws(' | ', figure_note_zh, note_zh) as note_zh, flag, flag_note_en, flag_note_zh,
        ci_low, ci_high, test_status, test_reason, significant
    from labelled_values
    order by survey_order, figure_order, figure_id, year nulls first, value_id
)

select * from final
