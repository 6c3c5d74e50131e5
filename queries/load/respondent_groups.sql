insert into respondent_groups values (
    $respondent_group, $survey_id, $label_en, $label_zh, $base_n, $sort_order, $source_zh
)
