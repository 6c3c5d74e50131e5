-- One row per value group flagged sum_off whose shares do in fact sum to 100 +/- 2: a flag
-- that is no longer true misleads users. Must be empty to build.
with groups as (
    select
        figure_id, year, tier, country, channel, respondent_group,
        sum(value) filter (where flag is distinct from 'reported_twice') as total,
        bool_or(flag = 'sum_off') as value_flagged
    from published_values
    group by all
),

final as (
    select *
    from groups
    where value_flagged and abs(total - 100) <= 2
)

select * from final
