-- One row per published point a company's answer is placed against: each tier's value of
-- the measure's tier figure (its latest wave, region-wide, with base and interval), and
-- each band or reference value of the six-metrics guide, with its comparator.
-- Parameters: none.
with tier_values as (
    select
        m.measure_id,
        'tier' as point_kind,
        v.tier_order as sort_order,
        null as comparator,
        v.tier_label_en as label_en,
        v.tier_label_zh as label_zh,
        v.*
    from benchmark_measures as m
    join labelled_values as v on v.figure_id = m.tier_figure_id
    where v.tier <> 'All'
        and v.country = 'APAC'
        and v.year = (
            select max(w.year) from published_values as w where w.figure_id = m.tier_figure_id
        )
),

band_values as (
    select
        b.measure_id,
        b.kind as point_kind,
        b.sort_order,
        b.comparator,
        b.label_en,
        b.label_zh,
        v.*
    from benchmark_bands as b
    join labelled_values as v using (value_id)
),

final as (
    select * from tier_values
    union all by name
    select * from band_values
)

select * from final
order by measure_id, point_kind, sort_order
