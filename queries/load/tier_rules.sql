insert into tier_rules values (
    $survey_id, $tier, $min_practices, $of_practices, $source_zh, $note_en, $note_zh
)
