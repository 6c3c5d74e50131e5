-- One row per figure (see staging/figure_catalog.sql) of the chosen surveys.
-- Parameters: $surveys (list; empty = all).
with final as (
    select *
    from figure_catalog
    where len($surveys) = 0 or list_contains($surveys, survey_id)
)

select * from final
order by survey_order, sort_order, figure_id
