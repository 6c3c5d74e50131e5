-- One row per number outside the range its unit allows (`min_value`..`max_value` of
-- data/dimensions/units.csv; an empty bound is no bound): a published value, or a bound of a
-- benchmark measure's input range. Each row names the file row it came from (source table,
-- item = its key), so the build reports its file and line. Must be empty to build.
with numbers as (
    select 'published_values' as source, value_id as item, 'value' as column_name, value, unit
    from published_values
    union all
    select 'benchmark_measures', measure_id, 'min_value', min_value, unit
    from benchmark_measures
    union all
    select 'benchmark_measures', measure_id, 'max_value', max_value, unit
    from benchmark_measures
),

outside as (
    select n.*, u.label_en, u.min_value, u.max_value
    from numbers as n
    join units as u using (unit)
    where n.value < u.min_value or n.value > u.max_value
),

final as (
    select
        source,
        item,
        case when source = 'published_values' then item end as value_id,  -- its row in values*.csv
        column_name,
        regexp_replace(value::varchar, '\.0$', '') || ' is outside what the unit ' || unit
        || ' (' || label_en || ') allows: '
        || coalesce(regexp_replace(min_value::varchar, '\.0$', ''), 'no minimum') || ' to '
        || coalesce(regexp_replace(max_value::varchar, '\.0$', ''), 'no maximum') as problem
    from outside
)

select * from final
