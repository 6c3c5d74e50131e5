-- One row per (country callout, country) of the callout's latest wave: the value, and the
-- country's rank among the countries the callout reports (1 = highest), for the executive
-- scorecard. Every callout is kept whatever its tier: the report's own maturity ranking is
-- the Champion share by country (tier Champion), printed for 2020 and 2021.
-- Parameters: $countries (list; empty = all four).
with callouts as (
    select *
    from labelled_values
    where kind = 'country_callout'
        and country in ('Australia', 'Japan', 'Singapore', 'South Korea')
        and (len($countries) = 0 or list_contains($countries, country))
),

latest as (
    select
        *,
        count(distinct year) over (partition by figure_id) as waves_published
    from callouts
    qualify year = max(year) over (partition by figure_id)
),

final as (
    select
        *,
        rank() over (partition by figure_id order by value desc) as country_rank,
        count(*) over (partition by figure_id) as countries_reported
    from latest
)

select * from final
order by figure_order, country_order
