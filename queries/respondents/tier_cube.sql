-- The sums cube (as crosstab_shares.sql gives at the finest grain) of the derived question
-- `tier`: its answer is the respondent's tier (importer._tiers, from the seven practice
-- answers), so the tier is the option and the cube's tier column is null. The base is the
-- respondents with a tier (all seven practices answered). Parameters: $filter_questions,
-- $filter_options as in crosstab_shares.sql (keep respondents who gave, for every listed
-- question, one of its listed answers; empty = all).
with filter_pairs as (
    select
        unnest($filter_questions) as question_id,
        unnest($filter_options) as option_code
),

matched as (
    select a.respondent_id
    from answers as a
    join filter_pairs as f using (question_id, option_code)
    where len($filter_questions) > 0 and a.value > 0
    group by a.respondent_id
    having count(distinct a.question_id) = (select count(distinct question_id) from filter_pairs)
),

tiered as (
    select year, country, respondent_group, tier, weight
    from respondents
    where tier is not null
        and (
            len($filter_questions) = 0
            or respondent_id in (select m.respondent_id from matched as m)
        )
),

cells as (
    select
        year,
        country,
        respondent_group,
        count(*) as n,
        sum(weight) as sum_w,
        sum(weight * weight) as sum_w2
    from tiered
    group by all
),

picked as (
    select
        year,
        country,
        respondent_group,
        tier as option_code,
        sum(weight) as sum_wy,
        sum(weight * weight) as sum_w2y
    from tiered
    group by all
),

final as (
    select
        c.year,
        c.country,
        null::varchar as tier,
        c.respondent_group,
        o.option_code,
        c.n,
        c.sum_w,
        c.sum_w2,
        coalesce(p.sum_wy, 0) as sum_wy,
        coalesce(p.sum_w2y, 0) as sum_w2y,
        coalesce(p.sum_w2y, 0) as sum_w2y2,
        (select count(*) from respondents) as design_n
    from cells as c
    cross join (select distinct tier as option_code from tiered) as o
    left join picked as p
        on p.option_code = o.option_code
        and p.year is not distinct from c.year
        and p.country is not distinct from c.country
        and p.respondent_group is not distinct from c.respondent_group
)

select * from final
order by year, country, respondent_group, option_code
