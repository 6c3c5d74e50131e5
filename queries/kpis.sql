-- One row per KPI of the six-metrics guide, with its definition, formula and the list of
-- figures in the app that measure it.
-- Parameters: none.
with linked as (
    select kpi_id, list(figure_id order by figure_id) as figure_ids
    from kpi_figures
    group by kpi_id
),

final as (
    select k.*, coalesce(l.figure_ids, []) as figure_ids
    from kpis as k
    left join linked as l using (kpi_id)
)

select * from final
order by sort_order
