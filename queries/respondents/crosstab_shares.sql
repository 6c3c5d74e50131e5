-- One row per group x answer option of one single-choice, Likert or multiple-choice question:
-- the sums its weighted share, Taylor standard error and effective base are made from
-- (cxdash/respondents/stats.py). Sums, so they add exactly across partitions of respondents.
-- A group is one combination of the dimensions named in $by (year, country, tier,
-- respondent_group); a dimension not in $by is null. The base (n, sum_w, sum_w2: count, sum of
-- weights, of squared weights) is the group's respondents who answered: for a single choice,
-- every answerer (one row each); for a multiple choice ($multiple), those with a row for the
-- option (a row per option, 1 chosen / 0 not). sum_wy, sum_w2y sum the weights, squared
-- weights, of those who chose the option. design_n counts every respondent of the dataset: a
-- slice is a domain of the whole sample, whose size the variance is taken over.
-- An option nobody in the slice has a row for has no row (the instrument lists every option).
-- Parameters: $question_id; $multiple (boolean); $by (varchar[]); $years (integer[]),
-- $countries, $tiers, $groups (varchar[], empty = all); $filter_questions, $filter_options
-- (varchar[], paired by position: keep respondents who chose, for every listed question, one
-- of its listed options; empty = all).
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

sliced as (
    select
        r.respondent_id,
        r.weight,
        case when list_contains($by, 'year') then r.year end as year,
        case when list_contains($by, 'country') then r.country end as country,
        case when list_contains($by, 'tier') then r.tier end as tier,
        case when list_contains($by, 'respondent_group') then r.respondent_group end
            as respondent_group
    from respondents as r
    where (len($years) = 0 or list_contains($years, r.year))
        and (len($countries) = 0 or list_contains($countries, r.country))
        and (len($tiers) = 0 or list_contains($tiers, r.tier))
        and (len($groups) = 0 or list_contains($groups, r.respondent_group))
        and (
            len($filter_questions) = 0
            or r.respondent_id in (select m.respondent_id from matched as m)
        )
),

picked as (
    select
        s.year,
        s.country,
        s.tier,
        s.respondent_group,
        a.option_code,
        count(*) as rows_n,
        sum(s.weight) as rows_w,
        sum(s.weight * s.weight) as rows_w2,
        coalesce(sum(s.weight) filter (where a.value > 0), 0) as sum_wy,
        coalesce(sum(s.weight * s.weight) filter (where a.value > 0), 0) as sum_w2y
    from sliced as s
    join answers as a using (respondent_id)
    where a.question_id = $question_id and a.option_code is not null
    group by all
),

answerers as (
    select
        year,
        country,
        tier,
        respondent_group,
        sum(rows_n) as n,
        sum(rows_w) as sum_w,
        sum(rows_w2) as sum_w2
    from picked
    group by all
),

options as (
    select distinct option_code from picked
),

final as (
    select
        g.year,
        g.country,
        g.tier,
        g.respondent_group,
        o.option_code,
        if($multiple, coalesce(p.rows_n, 0), g.n) as n,
        if($multiple, coalesce(p.rows_w, 0), g.sum_w) as sum_w,
        if($multiple, coalesce(p.rows_w2, 0), g.sum_w2) as sum_w2,
        coalesce(p.sum_wy, 0) as sum_wy,
        coalesce(p.sum_w2y, 0) as sum_w2y,
        (select count(*) from respondents) as design_n
    from answerers as g
    cross join options as o
    left join picked as p
        on p.option_code = o.option_code
        and p.year is not distinct from g.year
        and p.country is not distinct from g.country
        and p.tier is not distinct from g.tier
        and p.respondent_group is not distinct from g.respondent_group
    where not $multiple or p.rows_n is not null
)

select * from final
order by year, country, tier, respondent_group, option_code
