insert into tiers values ($tier, $label_en, $label_zh, $sort_order, $description_en, $description_zh)
