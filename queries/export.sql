-- One row per published value: the whole tidy dataset with its provenance.
-- Region-wide rows have country 'APAC'; rows for all tiers have tier 'All'.
-- base_n is the base printed for the value (empty when not printed; never assumed);
-- group_base_n is the whole respondent group's size, for context only.
-- Parameters: none.
with labelled as (
    select
        v.value_id,
        f.survey_id,
        v.figure_id,
        f.kind,
        f.title_en,
        f.title_zh,
        f.question_en,
        f.question_zh,
        f.unit,
        f.measure,
        v.year,
        v.tier,
        v.country,
        v.channel,
        v.respondent_group,
        v.option_en,
        v.option_zh,
        v.value,
        v.value_decimals,
        v.base_n,
        g.base_n as group_base_n,
        s.document as source,
        f.caption_zh,
        v.source_zh,
        concat_ws(' | ', f.note, v.note) as note,
        coalesce(v.flag::varchar, f.flag::varchar) as flag,
        f.flag_note,
        s.sort_order as survey_order,
        f.sort_order as figure_order
    from published_values as v
    join figures as f using (figure_id)
    join surveys as s using (survey_id)
    left join respondent_groups as g using (respondent_group)
),

final as (
    select * exclude (survey_order, figure_order)
    from labelled
    order by survey_order, figure_order, figure_id, year nulls first, value_id
)

select * from final
