insert into countries values ($country, $label_en, $label_zh, $sort_order, $is_region)
