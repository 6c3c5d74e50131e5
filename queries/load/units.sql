insert into units values ($unit, $label_en, $label_zh, $suffix, $decimals_hint, $min_value, $max_value)
