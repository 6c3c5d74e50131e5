-- One row per figure: titles in both languages, its kind and home page, and which breakdowns
-- the document publishes for it (the distinct tiers, countries, channels, years and
-- respondent groups of its values), for search, navigation and "not published" notices.
-- Empty breakdowns are empty lists, never NULL.
create view figure_catalog as
with per_figure as (
    select
        figure_id,
        list(distinct tier order by tier) as tiers,
        list(distinct country order by country) as countries,
        list(distinct channel order by channel) as channels,
        coalesce(list(distinct year order by year) filter (where year is not null), []) as years,
        coalesce(
            list(distinct respondent_group order by respondent_group)
                filter (where respondent_group is not null),
            []
        ) as groups,
        count(*) as n_values,
        count(base_n) as n_with_base
    from published_values
    group by figure_id
)

select
    f.figure_id, f.survey_id, f.kind, f.page, f.chart_no, f.sort_order, f.title_en, f.title_zh,
    f.question_en, f.question_zh, f.unit, f.single_choice, f.flag, f.flag_note_en,
    f.flag_note_zh,
    s.sort_order as survey_order,
    p.* exclude (figure_id)
from figures as f
join surveys as s using (survey_id)
join per_figure as p using (figure_id);
