insert into channels values ($channel, $label_en, $label_zh, $channel_group, $sort_order)
