-- One row per (year, tier) of a respondent dataset: the respondents with a tier (all seven
-- practices answered), unweighted n, sum of weights, and the weighted share of the year.
-- Parameters: $countries (list of country codes; empty = every country).
with scoped as (
    select year, tier, weight
    from respondents
    where tier is not null
        and (len($countries) = 0 or list_contains($countries, country))
),

sums as (
    select year, tier, count(*) as n, sum(weight) as sum_w
    from scoped
    group by year, tier
),

final as (
    select
        year,
        tier,
        n,
        sum_w,
        100 * sum_w / sum(sum_w) over (partition by year) as share_pct
    from sums
)

select * from final
order by year, tier
