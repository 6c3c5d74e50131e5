-- One row per group for one numeric question (hours, minutes, percent of issues, ...): the
-- sums its weighted mean, Taylor standard error and effective base are made from
-- (cxdash/respondents/stats.py). Sums, so they add exactly across partitions of respondents.
-- A group is one combination of the dimensions named in $by (year, country, tier,
-- respondent_group); a dimension not in $by is null. Over a group's respondents who answered
-- (y = the answer, in the question's unit): n, sum_w, sum_w2 (count, sum of weights, of squared
-- weights), sum_wy, sum_w2y, sum_w2y2 (sums of w*y, w^2*y, w^2*y^2). design_n counts every
-- respondent of the dataset: a slice is a domain of the whole sample, whose size the variance
-- is taken over.
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

question as (
    select respondent_id, value as y
    from answers
    where question_id = $question_id and value is not null
),

sums as (
    select
        s.year,
        s.country,
        s.tier,
        s.respondent_group,
        count(*) as n,
        sum(s.weight) as sum_w,
        sum(s.weight * s.weight) as sum_w2,
        sum(s.weight * q.y) as sum_wy,
        sum(s.weight * s.weight * q.y) as sum_w2y,
        sum(s.weight * s.weight * q.y * q.y) as sum_w2y2
    from sliced as s
    join question as q using (respondent_id)
    group by all
),

final as (
    select sums.*, d.design_n
    from sums
    cross join (select count(*) as design_n from respondents) as d
)

select * from final
order by year, country, tier, respondent_group
