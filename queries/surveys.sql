-- One row per source document: publisher, population, fieldwork, sample and margin of error,
-- with the number of figures, values and claims taken from it, and the margin of error
-- recomputed from the sample size (worst case p = 50%, 95%; computed at build).
-- Parameters: none.
with counts as (
    select
        f.survey_id,
        count(distinct f.figure_id) as n_figures,
        count(v.value_id) as n_values
    from figures as f
    left join published_values as v using (figure_id)
    group by f.survey_id
),

claim_counts as (
    select survey_id, count(*) as n_claims from claims group by survey_id
),

final as (
    select
        s.*, c.n_figures, c.n_values, coalesce(k.n_claims, 0) as n_claims,
        m.moe_pts as moe_recomputed_pts
    from surveys as s
    left join margins as m on m.n = s.sample_n
    left join counts as c using (survey_id)
    left join claim_counts as k using (survey_id)
)

select * from final
order by sort_order
