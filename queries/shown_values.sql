-- One row per value of the chosen figures that the sidebar's filters keep, in figure_values'
-- order: (figure_id, value_id), what a page asks for every never-seen slice and nothing more
-- (the figures' shapes already hold everything else of their values: cxdash/shapes.py).
-- Parameters: $figure_ids, $tiers, $countries, $channels, $years (lists; empty = all).
with final as (
    select
        figure_id,
        value_id,
        figure_order, year, tier_order, country_order, channel_order, option_order, group_order
    from sliced_values($figure_ids, $tiers, $countries, $channels, $years)
)

select figure_id, value_id from final
order by figure_order, figure_id, year nulls first, tier_order, country_order, channel_order, option_order,
    group_order nulls first, value_id
