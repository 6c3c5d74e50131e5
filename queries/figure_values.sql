-- One row per published value of the chosen figures, labelled in both languages, sliced by
-- the sidebar filters. An empty list means "no filter on this dimension".
-- flag: the value's own flag, else its figure's flag unless that flag is the value-level
-- flag of some of the figure's values (then it is theirs: a note on Starters' sums is not
-- a Champion value's); figure_flag: the figure's flag where it concerns every value;
-- flag_note_for: the flag the figure's flag_note explains; a value's own other flag is
-- explained by the value's note (queries/checks/value_flags_unexplained.sql).
-- wave_title_en / _zh: the title of a later wave published in its own document (citations).
-- Parameters: $figure_ids, $tiers, $countries, $channels, $years (lists).
with scoped as (  -- figure flags that the figure's values carry themselves
    select distinct v.figure_id, v.flag
    from published_values as v
    where v.flag is not null
),

final as (
    select
        lv.* exclude (flag),
        coalesce(pv.flag, case when sc.flag is null then f.flag end) as flag,
        case when sc.flag is null then f.flag end as figure_flag,
        f.flag as flag_note_for,
        w.title_en as wave_title_en,
        w.title_zh as wave_title_zh
    from sliced_values($figure_ids, $tiers, $countries, $channels, $years) as lv
    join published_values as pv using (value_id)
    join figures as f on f.figure_id = lv.figure_id
    left join scoped as sc on sc.figure_id = f.figure_id and sc.flag = f.flag
    left join waves as w on w.survey_id = lv.survey_id and w.year = lv.year
)

select * from final
order by figure_order, figure_id, year nulls first, tier_order, country_order, channel_order, option_order,
    group_order nulls first, value_id
