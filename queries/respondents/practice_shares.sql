-- One row per (tier, practice question) of a respondent dataset: respondents who answered it
-- (n, sum of weights) and the weighted share who have the practice.
-- Parameters: $counted (list of 'question_id|option_code' that count as having a practice,
-- from data/instruments/options.csv counts_as_practice: Instrument.counted()).
with counted as (
    select
        split_part(c, '|', 1) as question_id,
        split_part(c, '|', 2) as option_code
    from (select unnest($counted) as c)
),

practice_answers as (
    select
        a.respondent_id,
        a.question_id,
        c.option_code is not null as has_practice
    from answers as a
    left join counted as c
        on c.question_id = a.question_id and c.option_code = a.option_code
    where a.question_id in (select question_id from counted)
),

final as (
    select
        r.tier,
        p.question_id,
        count(*) as n,
        sum(r.weight) as sum_w,
        100 * sum(r.weight * p.has_practice::int) / sum(r.weight) as has_practice_pct
    from practice_answers as p
    inner join respondents as r on r.respondent_id = p.respondent_id
    group by r.tier, p.question_id
)

select * from final
order by tier, question_id
