insert into kpis values (
    $kpi_id, $sort_order, $abbr, $name_en, $name_zh, $definition_en, $definition_zh,
    $formula_en, $formula_zh, $direction, $source_zh
)
