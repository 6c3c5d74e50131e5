insert into benchmark_bands values (
    $measure_id, $value_id, $sort_order, $kind, $comparator, $label_en, $label_zh
)
