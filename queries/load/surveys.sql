insert into surveys values (
    $survey_id, $document, $publisher_en, $publisher_zh, $title_en, $title_zh,
    $population_en, $population_zh, $method_en, $method_zh, $fieldwork_start, $fieldwork_end,
    $sample_n, $margin_of_error_pts, $confidence_pct, $published_year, $sort_order, $source_zh
)
