-- One row per headline finding shown as a KPI card on the Overview page: a curated list of
-- published values (the curation is the only thing decided here; every number is a stored
-- value), with the same measure's 2020 value where the report publishes one.
-- Parameters: none.
with picked (card_order, value_id) as (
    values
        (1, 'apac_maturity_distribution.champion_2021'),
        (2, 'apac_yoy_single_source_customer_data.y2021'),
        (3, 'apac_yoy_service_differentiator.y2021'),
        (4, 'apac_yoy_channel_demand_visibility.y2021'),
        (5, 'apac_yoy_channels_offered.y2021'),
        (6, 'apac_first_response_hours.champion'),
        (7, 'hk_expected_use_3y.live_chat_more'),
        (8, 'hk_fcr_expectation.important_or_very'),
        (9, 'hk_channel_integration_pref.omni'),
        (10, 'agility_channels_used.phone'),
        (11, 'agility_cx_revenue_driver.revenue_driver'),
        (12, 'taiwan_inbound_call_volume.expect_increase_2001')
),

current as (
    select p.card_order, v.*
    from picked as p
    join labelled_values as v using (value_id)
),

final as (
    select
        c.*,
        prev.value as value_2020,
        prev.value_id as value_id_2020,
        c.value - prev.value as change_points
    from current as c
    left join labelled_values as prev
        on prev.figure_id = c.figure_id
        and prev.year = 2020
        and c.year = 2021
        and prev.tier = c.tier
        and prev.country = c.country
        and prev.channel = c.channel
        and prev.option_en is not distinct from c.option_en
)

select * from final
order by card_order
