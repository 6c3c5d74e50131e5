-- One row per headline finding shown as a KPI card on the Overview page: a curated list of
-- published values (the curation is the only thing decided here; every number is a stored
-- value) stands for its measure: the card shows the measure's latest wave in the slice, with
-- the wave before it where one is published.
-- Sliced by the filters like every chart (an empty list means "all").
-- Parameters: $tiers, $countries, $channels, $years (lists).
-- Card labels are short names for the cards (words, not numbers).
with picked (card_order, value_id, card_en, card_zh) as (
    values
        (1, 'apac_maturity_distribution.champion_2021', 'SMBs that are Champions', '領航者比例'),
        (2, 'apac_yoy_single_source_customer_data.y2021',
            'Customer data is a single source of truth', '客戶資料為單一資訊來源'),
        (3, 'apac_yoy_service_differentiator.y2021',
            'Service seen as a differentiator', '服務被視為競爭差異化因子'),
        (4, 'apac_yoy_channel_demand_visibility.y2021',
            'Very high visibility into channel demand', '管道需求能見度非常高'),
        (5, 'apac_yoy_channels_offered.y2021', 'Channels offered (average)', '平均提供的客服管道數'),
        (6, 'apac_first_response_hours.champion', 'Champion first response time',
            '領航者平均首次回應時間'),
        (7, 'hk_expected_use_3y.live_chat_more', 'Expect to use online chat more',
            '預計更常使用網上即時顧客服務'),
        (8, 'hk_fcr_expectation.important_or_very',
            'Say first-contact resolution is important', '認為第一次接觸即解決很重要'),
        (9, 'hk_channel_integration_pref.omni', 'Prefer omni-channel service', '偏好跨渠道顧客服務'),
        (10, 'agility_channels_used.phone', 'Consumers used phone most', '消費者最常用電話'),
        (11, 'agility_cx_revenue_driver.revenue_driver', 'SMBs see CX as a revenue driver',
            '中小企業視 CX 為營收驅動因素'),
        (12, 'taiwan_inbound_call_volume.expect_increase_2001',
            'Call centres expecting more calls (2001)', '預期 2001 年來電量增加')
),

measures as (  -- the measure each picked value is one wave of
    select p.card_order, p.card_en, p.card_zh, v.figure_id, v.tier, v.country, v.channel,
        v.respondent_group, v.option_en
    from picked as p
    join published_values as v using (value_id)
),

waves as (  -- every wave of those measures
    select m.card_order, m.card_en, m.card_zh, v.*
    from measures as m
    join labelled_values as v
        on v.figure_id = m.figure_id
        and v.tier = m.tier
        and v.country = m.country
        and v.channel = m.channel
        and v.respondent_group is not distinct from m.respondent_group
        and v.option_en is not distinct from m.option_en
),

current as (  -- the latest wave in the slice
    select *
    from waves as v
    where (len($tiers) = 0 or list_contains($tiers, v.tier))
        and (len($countries) = 0 or list_contains($countries, v.country))
        and (len($channels) = 0 or list_contains($channels, v.channel))
        and (len($years) = 0 or list_contains($years, v.year))
    qualify row_number() over (partition by card_order order by year desc nulls last) = 1
),

final as (  -- with the wave before it, where there is one
    select
        c.*,
        prev.value as value_prev,
        prev.year as year_prev,
        prev.value_id as value_id_prev,
        c.value - prev.value as change_points
    from current as c
    left join waves as prev on prev.card_order = c.card_order and prev.year < c.year
    qualify row_number() over (partition by c.card_order order by prev.year desc nulls last) = 1
)

select * from final
order by card_order
