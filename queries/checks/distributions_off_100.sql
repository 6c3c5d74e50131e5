-- One row per single-choice answer group (figure x year x tier x country x channel x group)
-- whose shares do not sum to 100 +/- 2 and that nobody flagged. Must be empty to build.
with shares as (
    select v.*
    from published_values as v
    join figures as f using (figure_id)
    where f.single_choice and v.flag is distinct from 'reported_twice'
),

groups as (
    select
        figure_id, year, tier, country, channel, respondent_group,
        sum(value) as total,
        bool_or(flag = 'sum_off') as value_flagged
    from shares
    group by all
),

final as (
    select g.*
    from groups as g
    join figures as f using (figure_id)
    where abs(g.total - 100) > 2
        and f.flag is distinct from 'sum_off'
        and not coalesce(g.value_flagged, false)
)

select * from final
