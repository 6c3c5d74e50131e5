insert into benchmark_measures values (
    $measure_id, $sort_order, $name_en, $name_zh, $unit, $direction, $min_value, $max_value,
    $tier_figure_id, $kpi_id, $note_en, $note_zh
)
