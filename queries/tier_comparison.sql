-- One row per value of a figure broken down by maturity tier (Starter / Emerging / Champion),
-- for the chosen tiers and years; a figure appears only if it has at least two tiers.
-- Parameters: $tiers, $years (lists; empty = all).
with tiered as (
    select figure_id
    from published_values
    where tier <> 'All'
    group by figure_id
    having count(distinct tier) >= 2
),

final as (
    select v.*
    from labelled_values as v
    semi join tiered using (figure_id)
    where v.tier <> 'All'
        and (len($tiers) = 0 or list_contains($tiers, v.tier))
        and (len($years) = 0 or list_contains($years, v.year))
)

select * from final
order by figure_order, figure_id, year, tier_order, option_order
