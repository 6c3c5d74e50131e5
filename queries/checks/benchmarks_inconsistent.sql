-- One row per inconsistency of the "Benchmark yourself" tables: a tier rule whose practice
-- count is not the number of practices listed, a band whose published value is in another
-- unit than its measure, a measure compared with a tier figure in another unit. Each row names
-- the file row it came from (source table, item = its key), so the build reports its file and
-- line. Must be empty to build.
with practice_counts as (
    select survey_id, count(*) as listed
    from practices
    group by survey_id
),

rules as (
    select
        'tier_rules' as source,
        r.tier as item,
        'of_practices' as column_name,
        'of_practices ' || r.of_practices || ' but ' || coalesce(c.listed, 0)
        || ' practices listed for ' || r.survey_id as problem
    from tier_rules as r
    left join practice_counts as c using (survey_id)
    where c.listed is distinct from r.of_practices
),

bands as (
    select
        'benchmark_bands' as source,
        b.value_id as item,
        'value_id' as column_name,
        'value in ' || f.unit || ', measure in ' || m.unit as problem
    from benchmark_bands as b
    join benchmark_measures as m using (measure_id)
    join published_values as v using (value_id)
    join figures as f on f.figure_id = v.figure_id
    where f.unit <> m.unit
),

tiers as (
    select
        'benchmark_measures' as source,
        m.measure_id as item,
        'tier_figure_id' as column_name,
        'tier figure in ' || f.unit || ', measure in ' || m.unit as problem
    from benchmark_measures as m
    join figures as f on f.figure_id = m.tier_figure_id
    where f.unit <> m.unit
),

final as (
    select * from rules
    union all
    select * from bands
    union all
    select * from tiers
)

select * from final
