-- One row per value published for a specific customer-service channel, across every survey,
-- for the chosen surveys and channels.
-- Parameters: $surveys, $channels (lists; empty = all).
with final as (
    select *
    from labelled_values
    where channel <> 'All'
        and (len($surveys) = 0 or list_contains($surveys, survey_id))
        and (len($channels) = 0 or list_contains($channels, channel))
)

select * from final
order by figure_order, figure_id, channel_order, respondent_group, option_order
