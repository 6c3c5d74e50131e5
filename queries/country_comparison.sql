-- One row per value of a figure that compares countries or regions (the country callouts
-- 區域差異 and APAC vs other regions), for the chosen countries and years.
-- Parameters: $countries, $years (lists; empty = all).
with compared as (
    select figure_id
    from published_values
    group by figure_id
    having count(distinct country) >= 2
),

final as (
    select v.*
    from labelled_values as v
    semi join compared using (figure_id)
    where (len($countries) = 0 or list_contains($countries, v.country))
        and (len($years) = 0 or list_contains($years, v.year))
)

select * from final
order by figure_order, figure_id, year, country_order, option_order
