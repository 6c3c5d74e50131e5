-- One row per group x answer option of one single-choice, Likert or multiple-choice question:
-- the sums its weighted share, Taylor standard error and effective base are made from
-- (cxdash/respondents/stats.py). Sums, so they add exactly across partitions of respondents.
-- A group is one combination of the dimensions named in $by (year, country, tier,
-- respondent_group); a dimension not in $by is null. The base of a group is its respondents
-- who answered the question (n, sum_w, sum_w2: count, sum of weights, of squared weights);
-- sum_wy, sum_w2y sum the weights, squared weights, of those who chose the option (a
-- multiple-choice option counts where its value is 1). design_n counts every respondent of the
-- dataset: a slice is a domain of the whole sample, whose size the variance is taken over.
-- An option nobody in the dataset chose has no row (the instrument lists every option).
-- Parameters: $question_id; $by (varchar[]); $years (integer[]), $countries, $tiers, $groups
-- (varchar[], empty = all); $filter_questions, $filter_options (varchar[], paired by position:
-- keep respondents who chose, for every listed question, one of its listed options; empty = all).
with filter_pairs as (
    select
        unnest($filter_questions) as question_id,
        unnest($filter_options) as option_code
),

matched as (
    select a.respondent_id
    from answers as a
    join filter_pairs as f using (question_id, option_code)
    where a.value > 0
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

question as (
    select respondent_id, option_code, value
    from answers
    where question_id = $question_id
),

base as (
    select
        year,
        country,
        tier,
        respondent_group,
        count(*) as n,
        sum(weight) as sum_w,
        sum(weight * weight) as sum_w2
    from sliced as s
    semi join question as q using (respondent_id)
    group by all
),

chosen as (
    select
        s.year,
        s.country,
        s.tier,
        s.respondent_group,
        q.option_code,
        sum(s.weight) as sum_wy,
        sum(s.weight * s.weight) as sum_w2y
    from sliced as s
    join question as q using (respondent_id)
    where q.value > 0
    group by all
),

options as (
    select distinct option_code from question where option_code is not null
),

final as (
    select
        b.year,
        b.country,
        b.tier,
        b.respondent_group,
        o.option_code,
        b.n,
        b.sum_w,
        b.sum_w2,
        coalesce(c.sum_wy, 0) as sum_wy,
        coalesce(c.sum_w2y, 0) as sum_w2y,
        (select count(*) from respondents) as design_n
    from base as b
    cross join options as o
    left join chosen as c
        on c.option_code = o.option_code
        and c.year is not distinct from b.year
        and c.country is not distinct from b.country
        and c.tier is not distinct from b.tier
        and c.respondent_group is not distinct from b.respondent_group
)

select * from final
order by year, country, tier, respondent_group, option_code
