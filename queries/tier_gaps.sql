-- One row per question of the APAC report broken down by maturity tier, in its latest wave: the answer
-- whose Champion share differs most from its Starter share (ties: the answer Champions give
-- more), with both values and the build-time test of that pair (Holm within the figure).
-- Largest gap first. Shares only: averages have no proportion test.
-- Parameters: none.
with by_tier as (
    select *
    from labelled_values
    where measure = 'share' and tier in ('Starter', 'Champion')
    qualify year = max(year) over (partition by figure_id)
),

pairs as (
    select
        c.*,
        s.value as starter_value,
        s.value_id as starter_value_id,
        c.value - s.value as gap_points
    from by_tier as c
    join by_tier as s
        on s.figure_id = c.figure_id
        and s.tier = 'Starter'
        and s.country = c.country
        and s.channel = c.channel
        and s.option_en is not distinct from c.option_en
    where c.tier = 'Champion'
),

tested as (
    select
        p.*,
        coalesce(t.significant, false) as gap_significant,
        t.p is not null as testable,
        t.p_holm
    from pairs as p
    left join pairwise_tests as t
        on (t.value_id_a = p.value_id and t.value_id_b = p.starter_value_id)
        or (t.value_id_b = p.value_id and t.value_id_a = p.starter_value_id)
),

final as (
    select *
    from tested
    qualify row_number() over (
        partition by figure_id order by abs(gap_points) desc, gap_points desc
    ) = 1
)

select * from final
order by abs(gap_points) desc, gap_points desc, figure_order
