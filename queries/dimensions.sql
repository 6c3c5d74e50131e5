-- One row per dimension member (tier, country, channel, year, survey, respondent group,
-- unit) with its English and 繁體中文 labels and sort order: the vocabulary of the filters.
-- Parameters: none.
with final as (
    select 'tier' as dimension, tier as code, label_en, label_zh, sort_order from tiers
    union all
    select 'country', country, label_en, label_zh, sort_order from countries
    union all
    select 'channel', channel, label_en, label_zh, sort_order from channels
    union all
    select 'year', year::varchar, label_en, label_zh, sort_order from years
    union all
    select 'survey', survey_id, title_en, title_zh, sort_order from surveys
    union all
    select 'respondent_group', respondent_group, label_en, label_zh, sort_order
    from respondent_groups
    union all
    select 'unit', unit, label_en, label_zh, 0 from units
)

select * from final
order by dimension, sort_order, code
