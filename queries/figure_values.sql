-- One row per published value of the chosen figures, labelled in both languages, sliced by
-- the sidebar filters. An empty list means "no filter on this dimension".
-- Parameters: $figure_ids, $tiers, $countries, $channels, $years (lists).
with final as (
    select *
    from labelled_values
    where (len($figure_ids) = 0 or list_contains($figure_ids, figure_id))
        and (len($tiers) = 0 or list_contains($tiers, tier))
        and (len($countries) = 0 or list_contains($countries, country))
        and (len($channels) = 0 or list_contains($channels, channel))
        and (len($years) = 0 or list_contains($years, year))
)

select * from final
order by figure_order, figure_id, year nulls first, tier_order, country_order, channel_order, option_order
