-- One row per measure a company can place itself on ("Benchmark yourself"): name, unit,
-- which direction is better, the input range the app accepts, and where its tier values
-- and bands come from.
-- Parameters: none.
with final as (
    select
        m.*,
        f.title_en as tier_figure_title_en,
        f.title_zh as tier_figure_title_zh
    from benchmark_measures as m
    left join figures as f on f.figure_id = m.tier_figure_id
)

select * from final
order by sort_order
