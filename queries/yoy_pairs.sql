-- One row per pair of waves of a measure published in more than one year (same figure, tier,
-- country, channel, respondent group and answer): each wave with the next one the measure is
-- published in (`step` = 'consecutive'), and, for a measure with three or more waves, the
-- first with the latest ('first_to_last'). With the point change, the relative change and the
-- build-time two-proportion test's p (NULL: not testable, a base is not printed), and what
-- data/dimensions/years.csv says about each wave.
-- Parameters: $tiers, $countries (lists; empty = all).
with waves as (
    select
        *,
        row_number() over measure_years as wave_no,
        count(*) over (partition by figure_id, tier, country, channel, respondent_group, option_en)
            as n_waves
    from labelled_values
    where year is not null
        and (len($tiers) = 0 or list_contains($tiers, tier))
        and (len($countries) = 0 or list_contains($countries, country))
    window measure_years as (
        partition by figure_id, tier, country, channel, respondent_group, option_en order by year
    )
),

steps as (
    select prev.value_id as id_from, cur.value_id as id_to, 'consecutive' as step
    from waves as cur
    join waves as prev
        on prev.figure_id = cur.figure_id
        and prev.tier = cur.tier
        and prev.country = cur.country
        and prev.channel = cur.channel
        and prev.respondent_group is not distinct from cur.respondent_group
        and prev.option_en is not distinct from cur.option_en
        and prev.wave_no = cur.wave_no - 1
    union all
    select first.value_id, last.value_id, 'first_to_last'
    from waves as last
    join waves as first
        on first.figure_id = last.figure_id
        and first.tier = last.tier
        and first.country = last.country
        and first.channel = last.channel
        and first.respondent_group is not distinct from last.respondent_group
        and first.option_en is not distinct from last.option_en
        and first.wave_no = 1
    where last.wave_no = last.n_waves and last.n_waves >= 3
),

paired as (
    select
        cur.figure_id, cur.survey_id, cur.title_en, cur.title_zh, cur.unit, cur.measure, cur.kind,
        cur.figure_order,
        cur.tier, cur.tier_label_en, cur.tier_label_zh, cur.tier_order,
        cur.country, cur.country_label_en, cur.country_label_zh, cur.country_order,
        cur.channel, cur.respondent_group, cur.option_en, cur.option_zh, cur.option_order,
        s.step, cur.n_waves,
        prev.year as year_from, cur.year as year_to,
        prev.value_id as value_id_from, cur.value_id as value_id_to,
        prev.value as value_from, cur.value as value_to,
        prev.value_decimals as value_decimals_from, cur.value_decimals as value_decimals_to,
        prev.base_n as base_n_from, cur.base_n as base_n_to,
        prev.source_zh as source_zh_from, cur.source_zh as source_zh_to,
        prev.document as document_from, cur.document as document_to,
        yf.note_en as year_note_from_en, yf.note_zh as year_note_from_zh,
        yt.note_en as year_note_to_en, yt.note_zh as year_note_to_zh,
        cur.caption_zh, coalesce(cur.flag, prev.flag) as flag, cur.flag_note_en, cur.flag_note_zh,
        concat_ws(' | ', cur.figure_note_en, prev.note_en, cur.note_en) as note_en,
        concat_ws(' | ', cur.figure_note_zh, prev.note_zh, cur.note_zh) as note_zh
    from steps as s
    join waves as prev on prev.value_id = s.id_from
    join waves as cur on cur.value_id = s.id_to
    left join years as yf on yf.year = prev.year
    left join years as yt on yt.year = cur.year
),

final as (
    select
        p.*,
        p.value_to - p.value_from as change_points,
        100 * (p.value_to - p.value_from) / nullif(p.value_from, 0) as change_relative_pct,
        t.p
    from paired as p
    left join yoy_tests as t
        on t.value_id_from = p.value_id_from and t.value_id_to = p.value_id_to
)

select * from final
order by figure_order, figure_id, tier_order, country_order, option_order, year_from, year_to
