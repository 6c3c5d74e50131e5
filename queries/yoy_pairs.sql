-- One row per measure published for both 2020 and 2021 (same figure, tier, country, channel,
-- respondent group and answer), with the point change, the relative change and the
-- build-time two-proportion test's p (NULL: not testable, a base is not printed).
-- Parameters: $tiers, $countries (lists; empty = all).
with by_year as (
    select *
    from labelled_values
    where year in (2020, 2021)
        and (len($tiers) = 0 or list_contains($tiers, tier))
        and (len($countries) = 0 or list_contains($countries, country))
),

paired as (
    select
        cur.figure_id, cur.survey_id, cur.title_en, cur.title_zh, cur.unit, cur.measure, cur.kind,
        cur.figure_order,
        cur.tier, cur.tier_label_en, cur.tier_label_zh, cur.tier_order,
        cur.country, cur.country_label_en, cur.country_label_zh, cur.country_order,
        cur.channel, cur.respondent_group, cur.option_en, cur.option_zh,
        prev.value_id as value_id_2020, cur.value_id as value_id_2021,
        prev.value as value_2020, cur.value as value_2021,
        prev.base_n as base_n_2020, cur.base_n as base_n_2021,
        prev.source_zh as source_zh_2020, cur.source_zh as source_zh_2021,
        cur.document, cur.caption_zh, coalesce(cur.flag, prev.flag) as flag, cur.flag_note,
        concat_ws(' | ', cur.figure_note, prev.note, cur.note) as note
    from by_year as cur
    join by_year as prev
        on prev.figure_id = cur.figure_id
        and prev.tier = cur.tier
        and prev.country = cur.country
        and prev.channel = cur.channel
        and prev.respondent_group = cur.respondent_group
        and prev.option_en is not distinct from cur.option_en
        and prev.year = 2020
    where cur.year = 2021
),

final as (
    select
        p.*,
        p.value_2021 - p.value_2020 as change_points,
        100 * (p.value_2021 - p.value_2020) / nullif(p.value_2020, 0) as change_relative_pct,
        t.p
    from paired as p
    left join yoy_tests as t
        on t.value_id_from = p.value_id_2020 and t.value_id_to = p.value_id_2021
)

select * from final
order by figure_order, figure_id, tier_order, country_order
