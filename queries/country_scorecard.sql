-- One row per (country callout, country): the value, and the country's rank among the
-- countries the callout reports (1 = highest), for the executive scorecard.
-- Parameters: $countries (list; empty = all four).
with callouts as (
    select *
    from labelled_values
    where kind = 'country_callout'
        and tier = 'All'
        and country in ('Australia', 'Japan', 'Singapore', 'South Korea')
        and (len($countries) = 0 or list_contains($countries, country))
),

final as (
    select
        *,
        rank() over (partition by figure_id order by value desc) as country_rank,
        count(*) over (partition by figure_id) as countries_reported
    from callouts
)

select * from final
order by figure_order, country_order
